"""Arabic function words dropped from search queries (never from the index).

Written for marsad from general knowledge of Arabic grammar: interrogatives (also fused with a
preposition or pronoun, as people type them: ماهي، لمن، بكم), prepositions, conjunctions, pronouns,
demonstratives, relative pronouns and auxiliaries, in normalised form (alef and alef-maqsura folded,
as :func:`marsad.arabic.normalize` produces, with taa marbuta → ه). A query made only of these keeps
them. ``QUESTION_WORDS`` is the subset that asks rather than names: its words never carry the topic.
"""

QUESTION_WORDS = frozenset("""
ما ماذا من متي اين كيف كم هل لماذا لم اي ايه ماهي ماهو ماهم ماهما ماذي مالذي ماالذي لمن بمن ممن عمن
الام فيم بم لما بكم كيفيه اينما اذا بماذا وماذا فماذا عما مما
""".split())

STOPWORDS = QUESTION_WORDS | frozenset("""
لن لا ان انه انها الي الا او ام ثم حتي اذ لو لكن بل قد
في علي عن مع منذ مذ عند لدي بين خلال ضد نحو حول دون بعد قبل تحت فوق امام خلف عبر
هو هي هم هما هن انا نحن انت انتم هذا هذه ذلك تلك هولاء اولءك هنا هناك الذي التي الذين اللذان اللتان اللواتي
كان كانت كانوا يكون تكون ليس ليست كل بعض غير سوي ايضا وقد وفي وعلي ومن ولا وان وهو وهي
به بها له لها لهم فيه فيها عليه عليها منه منها عنه عنها اسم يسمي تسمي يطلق تعد يعد يعتبر
ال وما وكم وهل وكيف واين ومتي ولماذا بهم حيث
""".split())
