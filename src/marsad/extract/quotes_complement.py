"""Where a statement's content starts and ends (a mixin of :class:`marsad.extract.quotes.QuoteFinder`).

A cue's complement is an أن/إن/بأن clause, a colon, quotation marks of speech length, the verb's own
preposition («شدد على», «دعا إلى»), or a bare noun phrase for the verbs that take one; the content
runs to the sentence's full stop, the next statement (participle, conjoined cue, backward marker),
or the paragraph end.
"""

from __future__ import annotations

import bisect

from marsad.arabic.cue_verbs import CueForm, lookup
from marsad.arabic.normalize import normalize
from marsad.arabic.roles import NAME_STOPS
from marsad.extract.quotes_doc import PUNCT_BREAK, SENTENCE_END
from marsad.extract.quotes_speaker import COMPLEMENTISERS

# A preposition complement that is praise/thanks/condolence is not a statement (guidelines).
NOT_A_POSITION = frozenset(normalize(w) for w in """شكره شكرها شكرهم تقديره تقديرها تقديرهم تعازيه
تعازيها ترحيبه ترحيبها تهانيه تهنئته إدانته ادانته استنكاره امتنانه امتنانها إعجابه تعاطفه
هامش""".split())
# Words after a verb that show it is not introducing a statement here.
NOT_A_COMPLEMENT = frozenset(normalize(w) for w in "الإشارة الاشارة ذلك".split())
BACKWARD_MARKERS = frozenset(normalize(w) for w in "بحسب حسب وفق وفقا طبقا ونقلا نقلا".split())
NOT_BEFORE_COMPLEMENT = frozenset(normalize(w) for w in """قبل بعد منذ دون بدون أجل لأجل يجب يمكن
ينبغي بد لابد حتى رغم يريد تريد يستحق عسى""".split())
PREPOSITIONS = frozenset(normalize(w) for w in "في من على إلى الى عن ب ل مع خلال حول بعد قبل عند".split())
MAX_SCAN = 30  # tokens between the cue and its complementiser (adverbials can be long)


class ComplementMixin:
    """Needs ``self.view``, ``self.breaks`` and ``self._find_complement`` from the finder."""

    def complement_at(self, j: int, cue: CueForm, *, allow_noun: bool) -> tuple[int, str, int | None] | None:
        """(content start char, kind, closing char for marks) when a complement starts at token j."""
        v = self.view
        if j >= len(v.toks):
            return None
        n, tok = v.norms[j], v.toks[j]
        if n in COMPLEMENTISERS:
            return self._after_complementiser(j)
        mark = v.mark_opening_at(tok.start)
        if mark is not None:
            return (mark.open_char + 1, "direct", mark.close_char) if self._speech_marks(mark) else None
        if n == ":":
            return self._after_colon(j)
        for prep in cue.complements:
            if prep == "noun":
                continue
            if n == prep and j + 1 < len(v.toks) and v.same_para(j, j + 1):
                if v.norms[j + 1] in COMPLEMENTISERS:
                    return self._after_complementiser(j + 1)
                if v.norms[j + 1] in NOT_A_POSITION or not v.texts[j + 1][0].isalnum():
                    return None
                return (v.starts[j + 1], "reported", None)
            if len(prep) == 1 and n.startswith(prep) and len(n) > 3 and n[1:] not in NOT_A_POSITION:
                return (tok.start + 1, "reported", None)  # «طالب بإجراء …»
        takes_noun = "noun" in cue.complements or (cue.form == "participle" and cue.lemma != "قال")
        if cue.lemma == "دعا" and n == "الله":
            return None  # «داعيا الله أن يحفظ …»: a prayer, not a statement
        if allow_noun and takes_noun and tok.text[0].isalpha() and not n.startswith(("بال", "لل")):  # «موضحا وجود …»
            if n not in NOT_A_COMPLEMENT and n not in NOT_A_POSITION and n not in NAME_STOPS:
                for k in range(j + 1, min(j + 5, len(v.toks))):  # «جدد تأكيد بلاده على أن …»
                    if not v.texts[k][0].isalnum():
                        break
                    if v.norms[k] in COMPLEMENTISERS:
                        return self._after_complementiser(k)
                return (tok.start, "reported", None)
        return None

    def _after_complementiser(self, j: int):
        v = self.view
        if j + 1 >= len(v.toks) or not v.same_para(j, j + 1):
            # «ذكر … أنَّ» at a paragraph end: the clause is the next paragraph
            if j + 1 < len(v.toks) and v.text[v.ends[j] : v.starts[j + 1]].count("\n") <= 2:
                return (v.starts[j + 1], "reported", None)
            return None
        mark = v.mark_opening_at(v.starts[j + 1])
        if mark is not None and self._speech_marks(mark) and self._ends_sentence(mark):
            return (mark.open_char + 1, "direct", mark.close_char)
        return (v.starts[j + 1], "reported", None)

    def _after_colon(self, j: int):
        v = self.view
        if j + 1 >= len(v.toks) or not v.same_para(j, j + 1):
            return None
        nxt = j + 1
        if v.norms[nxt] in COMPLEMENTISERS:
            return self._after_complementiser(nxt)
        mark = v.mark_opening_at(v.starts[nxt])
        if mark is not None:
            return (mark.open_char + 1, "direct", mark.close_char)
        return (v.starts[nxt], "direct", v.para_end_char(nxt))

    def _speech_marks(self, mark) -> bool:
        return self.view.words_between(mark.open_char, mark.close_char) >= 4

    def _ends_sentence(self, mark) -> bool:
        """A quoted stretch right after أن that closes the clause is the quote itself."""
        v = self.view
        rest = v.text[mark.close_char + 1 : v.text.find("\n", mark.close_char) % (len(v.text) + 1)]
        return not rest.strip(" .،,") or rest.strip()[:1] in ".،," or len(rest.split()) <= 1

    # --- content end ---------------------------------------------------------------------------
    def content_end(self, start_char: int, bound: int | None, *, to_para_end: bool = False) -> int:
        """Where a statement starting at ``start_char`` ends: the sentence's full stop (outside
        quotation marks), the start of the next statement, a bound, or the paragraph end. Only
        the few tokens that can end it are visited (full stops, cue words, backward markers)."""
        v = self.view
        j = v.tok_at(start_char)
        here = max(0, bisect.bisect_right(v.starts, start_char) - 1)  # the token holding start_char
        end = v.para_bounds[v.para_of[here]][1] if v.starts else len(v.text)
        if bound is not None:
            end = min(end, bound)
        first = j
        for k in self.breaks[bisect.bisect_left(self.breaks, j):]:
            if v.starts[k] >= end:
                break
            if v.norms[k] in SENTENCE_END:
                if not to_para_end and v.sentence_end(k) and not v.inside_marks(v.starts[k]):
                    return v.starts[k]
            elif k > first and self._starts_statement(k):
                return v.starts[k - 1] if v.norms[k - 1] in PUNCT_BREAK else v.starts[k]
        return end

    def _starts_statement(self, j: int) -> bool:
        v = self.view
        n = v.norms[j]
        cue = lookup(n)
        if cue is not None and cue.form == "participle":
            return self.complement_at(j + 1, cue, allow_noun=True) is not None
        if cue is not None and n[:1] in "وف" and n and cue.form in ("past", "present"):
            return self._find_complement(j, cue, probe=True) is not None
        if n in BACKWARD_MARKERS and j + 1 < len(v.toks):
            return v.norms[j - 1] in PUNCT_BREAK
        return False

    # --- one cue -------------------------------------------------------------------------------
    def _scan(self, j: int, cue: CueForm):
        v = self.view
        start = j
        while j < len(v.toks) and j - start < MAX_SCAN and v.same_para(start, j):
            n = v.norms[j]
            if v.sentence_end(j) or (lookup(n) is not None and j > start):
                return None
            if v.mark_opening_at(v.starts[j]) and not self._speech_marks(v.mark_opening_at(v.starts[j])):
                j += 1
                continue
            if n in COMPLEMENTISERS and j > 0 and v.norms[j - 1] in NOT_BEFORE_COMPLEMENT:
                return None  # «قبل أن», «بعد أن», «يجب أن»: a clause of its own, not the statement
            found = self.complement_at(j, cue, allow_noun=False)
            if found is not None:
                return found
            j += 1
        return None
