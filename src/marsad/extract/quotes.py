"""Who said what: direct and reported quotes with their speaker, cue verb and stance.

Rules (see docs/quotes.md and the annotation guidelines in EVAL_FORMATS.md "quotes"):

- A cue verb (:mod:`marsad.arabic.cue_verbs`) followed by its speaker, optional adverbials
  («خلال مؤتمر صحفي …», «في بيان»), and a complement: an أن/إن/بأن clause (reported), a colon or
  quotation marks (direct), or — for the verbs that take one — a preposition or noun phrase stating a
  position («شدد على ضرورة …», «دعا إلى …», «أكد أهمية …»).
- Reported content starts after the complementiser/preposition and runs to the end of the sentence,
  cut where the next statement starts (a participle «مؤكدا …», a conjoined cue «وأضاف أن …», a
  backward attribution «، بحسب ما ذكر …»); never across a paragraph break.
- Participles and speaker-less cues inherit the previous speaker (``speaker_inferred``).
- Short quoted terms (scare quotes «“المعارضة”») are not speech; quotes nested inside another quote
  count only with an explicit, different speaker.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.arabic.cue_verbs import CueForm, conditional_lexicon, cue_lexicon, lookup
from marsad.arabic.normalize import normalize
from marsad.document import Article, Quote
from marsad.extract.quotes_backward import backward_quotes
from marsad.extract.quotes_complement import BACKWARD_MARKERS, PREPOSITIONS, ComplementMixin
from marsad.arabic.roles import COUNTERPART, FIRST_NAMES, NAME_STOPS, PERSON_HEADS, strip_conj
from marsad.extract.quotes_doc import PUNCT_BREAK, SENTENCE_END, ArticleView, build_view, remember
from marsad.extract.quotes_speaker import (
    COMPLEMENTISERS, HEADS, ArticleNames, Phrase, SpeakerResolver, family, mention_name,
)

SUBJECT_OPENERS = frozenset(normalize(w) for w in "وكان كان وكانت كانت فيما بينما لكن ولكن كما وقد".split())
ADVERBIAL_STOPS = frozenset(normalize(w) for w in "مع خلال لدى أمام عقب بعد قبل أثناء".split())
# «جاء في بيان/تقرير …»: a statement whose source is the document named after «في».
JAA = CueForm(normalize("جاء"), "جاء", "neutral", "past", ())
JAA_FORMS = frozenset(normalize(w) for w in "جاء وجاء".split())
STATEMENT_NOUNS = frozenset(normalize(w) for w in "بيان البيان تقرير التقرير رسالة الرسالة تصريح كلمة نص".split())
URGING = frozenset(normalize(w) for w in "دعا حث طالب ناشد".split())


class QuoteFinder(ComplementMixin):
    def __init__(self, article: Article):
        self.view: ArticleView = build_view(article)
        self.names = ArticleNames(self.view)
        remember(article, self.view, self.names)
        self.resolver = SpeakerResolver(self.names)
        self.quotes: list[Quote] = []
        self._open: list[Quote] = []  # quotes found so far that may still cover a later cue
        self._entity_by_family: dict[str, str] | None = None  # see _entity_of
        self.breaks: list[int] = []  # token positions that can end a statement (see content_end)

    # --- complements -------------------------------------------------------------------------
    def _find_complement(self, i: int, cue: CueForm, *, probe: bool = False):
        # ``probe``: only asked whether a statement starts here (content_end), same answer
        """Speaker phrase after token i and the complement after it."""
        v = self.view
        if cue.form == "participle":
            found = self.complement_at(i + 1, cue, allow_noun=True)
            return (Phrase(i + 1, i + 1, None, None), found) if found else None
        strict = "noun" in cue.complements
        phrase = self.names.parse(i + (2 if cue.lemma == JAA.lemma else 1), strict=strict)
        j = phrase.end
        if j < len(v.toks) and v.norms[j] in ("،", ","):
            j += 1
        found = self.complement_at(j, cue, allow_noun=False)
        if found is None:
            scanned = self._scan(j, cue)
            noun = self.complement_at(j, cue, allow_noun=True)
            # «أكد الدكتور فلان رئيس فريق …، أن …»: an appositive title or comma before a
            # complementiser means the words after the name still describe the speaker
            appositive = phrase.end > phrase.start and self._appositive_until(j, scanned[0]) if scanned else False
            found = scanned if scanned and (noun is None or appositive) else noun
        urging = cue.lemma in URGING  # «دعا السلطات إلى …»: the word after the verb is the addressee
        if urging and phrase.title is None and phrase.name and not all(
                strip_conj(v.norms[t]) in self.names.tokens for t in range(*phrase.name)):
            phrase = Phrase(i + 1, i + 1, None, None)
        if found is not None and phrase.end <= phrase.start and not urging and found[0] > v.ends[j]:
            phrase = self._descriptive_phrase(i + 1, found[0]) or phrase
        if found is not None:
            phrase = self._relayed_source(phrase.end, found[0]) or phrase
        return (phrase, found) if found else None

    def _relayed_source(self, k: int, c_start: int) -> Phrase | None:
        """«ونوه المدير نقلا عن د. خالد الشيباني أن …»: the words are the relayed source's."""
        v = self.view
        end = v.tok_at(c_start)
        for t in range(k, min(end, k + 12) - 1):
            if v.norms[t] in ("نقلا", "ونقلا") and v.norms[t + 1] == "عن":
                phrase = self.names.parse(t + 2, strict=False, limit=end)
                return phrase if phrase.name or phrase.title else None
        return None

    def _appositive_until(self, j: int, char: int) -> bool:
        v = self.view
        end = v.tok_at(char)
        return end - j <= 15 and j < end and (v.bare[j] in HEADS or v.bare[j] in FIRST_NAMES)

    def _descriptive_phrase(self, k: int, content_start: int) -> Phrase | None:
        """«أكدت دراسة أن …», «كشفت إحصائية للمؤسسة العامة للموانئ، أن …»: the words between the
        verb and the first adverbial or comma name the source, even without a known title."""
        v = self.view
        if k >= len(v.toks) or not v.texts[k][0].isalpha() or v.norms[k] in NAME_STOPS:
            return None
        if lookup(v.norms[k]) is not None:  # «وأردف قائلا: …»
            return None
        e = k
        while e < len(v.toks) and e - k < 5 and v.starts[e] < content_start and v.texts[e][0].isalnum():
            if e > k and (v.norms[e] in NAME_STOPS or v.norms[e] in COMPLEMENTISERS or v.bare[e] in HEADS):
                break  # «نادية السقاف رئيسة لجنة …»: the name ends where its title begins
            e += 1
        if e - k >= 5:
            return None
        return Phrase(k, e, (k, e), None, v.norms[k])

    def _backward_phrase(self, i: int) -> Phrase | None:
        """«وكان الرئيس الروسي فلاديمير بوتين أكد …»: the subject before the verb; «المدرب لويس فان
        غال الذي أكد …»: the antecedent of a relative pronoun."""
        v = self.view
        if i > 1 and v.norms[i - 1] in ("قد", "لقد"):  # «… محمد بن سلمان قد صرح»
            i -= 1
        if i > 1 and v.norms[i - 1] in ("الذي", "التي", "الذين"):
            for start in range(max(0, i - 8), i - 1):
                phrase = self.names.parse(start, strict=False, limit=i - 1)
                if phrase.end == i - 1 and phrase.name:
                    return phrase
            return None
        j = i - 1
        while j >= 0 and i - j <= 6 and v.same_para(i, j) and v.texts[j][0].isalnum():
            n = v.norms[j]
            if n in SUBJECT_OPENERS or n in COMPLEMENTISERS:
                break
            if strip_conj(n) != n and strip_conj(n) in HEADS:  # «… فالرئيس ترامب قال إن»
                phrase = self.names.parse(j, strict=False, limit=i)
                return phrase if phrase.end == i else None
            j -= 1
        if j == i - 1:
            return None
        if j >= 0 and v.same_para(i, j) and v.texts[j][0].isalnum() and v.norms[j] not in SUBJECT_OPENERS:
            return None
        phrase = self.names.parse(j + 1, strict=False, limit=i)
        if phrase.end != i or not (phrase.name or phrase.title):
            return None
        if phrase.title is None and not all(self.names.known(k) for k in range(*phrase.name)):
            return None
        return phrase

    def try_cue(self, i: int, cue: CueForm) -> Quote | None:
        v = self.view
        if i > 0 and v.norms[i - 1] in PREPOSITIONS and cue.form in ("past", "present"):
            return None  # «في كشف …»: a verbal noun after a preposition
        covering = self._covering(v.starts[i])
        if i + 1 < len(v.norms) and v.norms[i + 1] == "ذلك" and cue.form == "past":
            return self._said_that(i, cue)
        got = self._find_complement(i, cue)
        if got is None:
            return None
        phrase, (c_start, kind, close) = got
        inferred = False
        if phrase.end <= phrase.start and cue.form != "participle":
            phrase = self._backward_phrase(i) or phrase
        if cue.form == "noun":
            phrase = self._source_of_noun_cue(i) or self._backward_name(i) or phrase
        speaker = self.resolver.resolve(phrase) if phrase.end > phrase.start else None
        if speaker and phrase.name is None and phrase.head in PERSON_HEADS and not self._is_known_name(speaker):
            speaker = self._name_before(phrase.end, c_start) or speaker
        if covering is not None:  # nested statement: its own, different speaker, in the past tense
            if speaker is None or speaker == covering.speaker or cue.form != "past":
                return None
        if speaker is None:
            speaker, inferred = self.resolver.last, True
        bound = covering.content_end if covering is not None else None
        if close is not None:
            c_end = close if close <= v.para_end_char(v.tok_at(c_start)) else v.para_end_char(v.tok_at(c_start))
            if kind == "direct" and v.text[close - 1 : close] not in ('"”»“'):
                c_end = self.content_end(c_start, close, to_para_end=True)
        else:
            c_end = self.content_end(c_start, bound)
        c_start, c_end = _trim(v.text, c_start, c_end)
        if c_end - c_start < 3:
            return None
        if covering is None:
            self.resolver.remember(speaker, phrase)
        return self._quote(i, cue, phrase, speaker, inferred, c_start, c_end, kind)

    def _is_known_name(self, speaker: str) -> bool:
        fam = family(speaker)
        return fam in self.names.name_families

    def _name_before(self, k: int, c_start: int) -> str | None:
        """«القنصل العام … في لوس انجلوس السفير الدكتور فيصل بن عبدالعزيز السديري، أنه …»: a
        title-only speaker whose name comes later in the same clause, before the complement."""
        v = self.view
        stop = min(v.tok_at(c_start), k + 15)
        while k < stop:
            if v.norms[k] in ADVERBIAL_STOPS or v.norms[k] in COUNTERPART:
                return None  # «… خلال مؤتمر صحفي مع نظيره فلان»: that name is someone else
            if v.bare[k] in FIRST_NAMES or v.bare[k] in PERSON_HEADS:
                phrase = self.names.parse(k, strict=False, limit=stop)
                if phrase.name:
                    return self.resolver.fullest(self.names.text(phrase.name))
                k = max(k + 1, phrase.end)
            else:
                k += 1
        return None

    def _said_that(self, i: int, cue: CueForm) -> Quote | None:
        """«ذكر ذلك رئيس البلدية المهندس عصام الملا»: the sentence before is what he said."""
        v = self.view
        phrase = self.names.parse(i + 2, strict=False)
        if phrase.end <= phrase.start or i == 0:
            return None
        j = i - 1
        while j >= 0 and v.norms[j] in SENTENCE_END | PUNCT_BREAK:
            j -= 1
        a = j
        while a > 0 and not v.sentence_end(a - 1) and v.para_of[a - 1] == v.para_of[j]:
            a -= 1
        if j < 0 or j - a < 3:
            return None
        speaker = self.resolver.resolve(phrase)
        self.resolver.remember(speaker, phrase)
        c_start, c_end = _trim(v.text, v.starts[a], v.ends[j])
        return self._quote(i, cue, phrase, speaker, False, c_start, c_end, "reported")

    def _source_of_noun_cue(self, i: int) -> Phrase | None:
        """«نقل موقع … عن لافروف قوله»: the speaker follows عن."""
        v = self.view
        for j in range(i - 1, max(-1, i - 8), -1):
            if v.norms[j] == "عن":
                phrase = self.names.parse(j + 1, strict=False, limit=i)
                return phrase if phrase.end > phrase.start else None
        return None

    def _backward_name(self, i: int) -> Phrase | None:
        """«وختم مورينيو حديثه بالقول»: the nearest name before a noun cue, in its sentence."""
        v = self.view
        for j in range(i - 1, max(-1, i - 5), -1):
            if not v.same_para(i, j) or v.sentence_end(j):
                return None
            if self.names.known(j):
                phrase = self.names.parse(j, strict=False, limit=i)
                if phrase.name:
                    return phrase
        return None

    def _entity_of(self, speaker: str | None) -> str | None:
        """The entity key of a mention naming the speaker (same family name), when NER ran: the
        first such mention's, looked up by family name (built once, not scanned per quote)."""
        if not speaker:
            return None
        if self._entity_by_family is None:
            self._entity_by_family = {}
            for m in self.view.mentions:
                if m.entity_key and m.type in ("PER", "ORG"):
                    self._entity_by_family.setdefault(family(mention_name(m)), m.entity_key)
        return self._entity_by_family.get(family(speaker))

    def _covering(self, char: int) -> Quote | None:
        """The first quote found so far whose content holds ``char``. Cues come in text order, so a
        quote that ends before this cue covers no later one and leaves the open list (scanning every
        quote found so far, for every cue, was quadratic in the number of quotes)."""
        self._open = [q for q in self._open if q.content_end > char]
        return next((q for q in self._open if q.content_start <= char), None)

    def _quote(self, i, cue, phrase, speaker, inferred, c_start, c_end, kind) -> Quote:
        v = self.view
        tok = v.toks[i]
        rest = v.norms[i][1:]
        cue_start = tok.start + (1 if v.norms[i][:1] in "وف" and (lookup(rest) or rest in JAA_FORMS) else 0)
        sp_start = sp_end = None
        if phrase.end > phrase.start:
            sp_start, sp_end = v.starts[phrase.start], v.ends[phrase.end - 1]
        return Quote(
            content_start=c_start, content_end=c_end, kind=kind, speaker=speaker,
            speaker_start=sp_start, speaker_end=sp_end, speaker_inferred=inferred,
            speaker_entity=self._entity_of(speaker),
            cue=v.text[cue_start : tok.end], cue_start=cue_start, cue_end=tok.end, stance=cue.stance,
        )

    def run(self) -> list[Quote]:
        v = self.view
        conditional = conditional_lexicon()
        lexicon = cue_lexicon()
        self.breaks = [k for k, n in enumerate(v.norms) if n in _interesting() or n in JAA_FORMS]
        cues = [k for k in self.breaks if v.norms[k] in lexicon or v.norms[k] in conditional or v.norms[k] in JAA_FORMS]
        for i in cues:
            n = v.norms[i]
            cue = lexicon.get(n)
            if cue is None and n in conditional and i + 1 < len(v.norms) and v.norms[i + 1] in COMPLEMENTISERS:
                cue = conditional[n]
            if n in JAA_FORMS:  # «وجاء في بيان لوزارة الخارجية أن …»
                cue = JAA if i + 2 < len(v.norms) and v.norms[i + 1] == "في" and v.bare[i + 2] in STATEMENT_NOUNS else None
            if cue is None:
                continue
            q = self.try_cue(i, cue)
            if q is not None:
                self.quotes.append(q)
                self._open.append(q)
        self.quotes.extend(backward_quotes(self))
        self.quotes.sort(key=lambda q: q.content_start)
        return _drop_contained(self.quotes)


@lru_cache(maxsize=1)
def _interesting() -> frozenset[str]:
    """Words that start or end a statement: cues, full stops, backward markers."""
    return frozenset(cue_lexicon()) | frozenset(conditional_lexicon()) | SENTENCE_END | BACKWARD_MARKERS


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    strip = " \t\n،,.:؛;\"“”«»„'"
    while a < b and text[a] in strip:
        a += 1
    while b > a and text[b - 1] in strip:
        b -= 1
    return a, b


def _drop_contained(quotes: list[Quote]) -> list[Quote]:
    """Two quotes of the same speaker where one contains the other: keep the longer. ``quotes`` are
    in content order, so a kept quote of the speaker contains ``q`` exactly when the furthest end of
    that speaker's kept quotes reaches ``q``'s end (one lookup, not a scan of all kept quotes)."""
    out: list[Quote] = []
    furthest: dict[str | None, int] = {}
    for q in quotes:
        if furthest.get(q.speaker, -1) < q.content_end:
            out.append(q)
            furthest[q.speaker] = q.content_end
    return out


def extract_quotes(article: Article) -> list[Quote]:
    return QuoteFinder(article).run()


class QuotesStage:
    """Fills ``Article.quotes``. Uses ``Article.mentions`` when the NER stage ran, not required."""

    name = "quotes"
    requires = ("text",)
    provides = ("quotes",)

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            try:
                article.quotes = extract_quotes(article) if article.text else []
            except Exception as exc:  # a per-document problem is recorded, not raised
                article.quotes = []
                article.meta.setdefault("problems", []).append(f"quotes: {type(exc).__name__}: {exc}")
        return articles
