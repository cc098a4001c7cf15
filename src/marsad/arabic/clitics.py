"""Conservative Arabic clitic segmentation with offsets.

A written Arabic word can carry proclitics (conjunctions و ف, prepositions ب ل ك, the future
particle س, the article ال, and ل + ال written «لل») and enclitic pronouns (ه ها هم هما هن كم نا).
Stripping them blindly breaks names whose first letter looks like a clitic («لافروف» is not
ل + «افروف», «بشار» is not ب + «شار», «كندا» is not ك + «ندا»). So a split is only accepted when the
lexicon says the remainder is a more frequent word than the whole: «ولافروف» → و + «لافروف» because
«لافروف» is common in news and «ولافروف» is rarer; «لافروف» stays whole because «افروف» is unknown.

The lexicon is the word counts of the unlabelled news corpus (SaudiNewsNet) kept beside the word
clusters (see :mod:`marsad.extract.ner.clusters`); callers may add words they know (for instance the
other mentions of the same article) with :meth:`Lexicon.add`.

The pronoun «ي» (my) is deliberately not an enclitic: news text rarely uses it and many names end in
ي («شكري», «الزعبي»).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize, normalize_with_offsets

# Proclitic sequences without the article, longest first (conjunction, then preposition or future).
PROCLITICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("وب", ("و", "ب")), ("فب", ("ف", "ب")), ("ول", ("و", "ل")), ("فل", ("ف", "ل")),
    ("وك", ("و", "ك")), ("فك", ("ف", "ك")), ("وس", ("و", "س")), ("فس", ("ف", "س")),
    ("و", ("و",)), ("ف", ("ف",)), ("ب", ("ب",)), ("ل", ("ل",)), ("ك", ("ك",)), ("س", ("س",)),
)
ENCLITICS = ("هما", "ها", "هم", "هن", "كم", "نا", "ه")
ARTICLE = "ال"
# the future particle س only comes before an imperfect verb, whose first letter is one of these
# (أ normalised to ا): «سيقول» is س + «يقول», but «سعيد», «سكان», «سمكة» are whole words, although
# «عيد», «كان», «مكة» are more frequent than they are
IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
MIN_STEM = 2  # letters left after stripping
MIN_COUNT = 3  # a remainder seen fewer times than this in the corpus is not trusted as a word


class Lexicon:
    """Word → corpus count (normalised words), plus words a caller knows are real."""

    def __init__(self, counts: dict[str, int] | None = None):
        self.counts = counts if counts is not None else {}
        self.extra: dict[str, int] = {}

    def add(self, word: str, count: int = MIN_COUNT) -> None:
        self.extra[word] = max(self.extra.get(word, 0), count)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0) + self.extra.get(word, 0)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    from marsad.extract.ner.clusters import load_clusters

    return Lexicon(load_clusters().counts)


@dataclass(frozen=True, slots=True)
class Segmentation:
    word: str  # the word as given
    proclitics: tuple[str, ...]  # e.g. ("و", "ب"); the article is not listed here
    article: bool  # the stem carries the article (written ال, or merged into «لل»)
    stem: str  # normalised stem, article included («الرئيس» for «وللرئيس»)
    enclitic: str  # attached pronoun, '' if none
    start: int  # offsets of the stem's letters inside ``word`` (article letters included)
    end: int

    @property
    def bare(self) -> str:
        """Stem without the article."""
        return self.stem[2:] if self.article and self.stem.startswith(ARTICLE) else self.stem


def proclitic_readings(norm: str):
    """(proclitics, stem form, stem start) for every proclitic reading of ``norm``."""
    yield (), norm, 0
    for surface, parts in PROCLITICS:
        if not norm.startswith(surface) or len(norm) - len(surface) < MIN_STEM:
            continue
        rest = norm[len(surface):]
        if parts[-1] == "س" and not rest.startswith(IMPERFECT_PREFIXES):
            continue
        yield parts, rest, len(surface)
        if parts[-1] == "ل" and rest.startswith("ل") and len(rest) > MIN_STEM:
            # «لل» = ل + ال with the alef dropped: the stem form gets its article back
            yield parts, ARTICLE + rest[1:], len(surface)


def _strip_enclitic(stem: str, lex: Lexicon) -> tuple[str, str]:
    if stem.startswith(ARTICLE):
        return stem, ""  # the article and a pronoun suffix never co-occur
    whole = lex.count(stem)
    for enc in ENCLITICS:
        if not stem.endswith(enc) or len(stem) - len(enc) < MIN_STEM + 1:
            continue
        base = stem[: -len(enc)]
        forms = [base, base[:-1] + "ة"] if base.endswith("ت") else [base]
        for form in forms:
            c = lex.count(form)
            if c >= MIN_COUNT and c > whole:
                return form, enc
    return stem, ""


def segment_normalized(norm: str, lex: Lexicon | None = None, *, enclitics: bool = True):
    """Segment a normalised word; returns (proclitics, stem, enclitic, start, end) on ``norm``."""
    lex = lex or default_lexicon()
    best = ((), norm, 0)
    best_count = lex.count(norm)
    for parts, form, start in proclitic_readings(norm):
        if not parts:
            continue
        c = lex.count(form)
        if c >= MIN_COUNT and c > best_count:
            best, best_count = (parts, form, start), c
    parts, stem, start = best
    enc = ""
    if enclitics:
        stem, enc = _strip_enclitic(stem, lex)
    return parts, stem, enc, start, len(norm) - len(enc)


def segment(word: str, lex: Lexicon | None = None, *, enclitics: bool = True) -> Segmentation:
    """Segment one word (any spelling; diacritics allowed) into proclitics, stem and enclitic."""
    norm, offsets = normalize_with_offsets(word)
    parts, stem, enc, a, b = segment_normalized(norm, lex, enclitics=enclitics)
    start = offsets[a] if a < len(offsets) else len(word)
    end = offsets[b - 1] + 1 if b > a else start
    article = stem.startswith(ARTICLE) and len(stem) > len(ARTICLE) + 1
    return Segmentation(word, parts, article, stem, enc, start, end)


def strip_proclitics(word: str, lex: Lexicon | None = None) -> str:
    """The normalised word without conjunction/preposition proclitics (article and suffixes kept):
    the form names are compared in («وللأسد» → «الاسد», «ولافروف» → «لافروف»)."""
    return segment(word, lex, enclitics=False).stem


def segment_text(text: str, lex: Lexicon | None = None) -> list[tuple[int, int, str, str]]:
    """Every word of ``text`` cut into pieces ``(start, end, kind, text)`` with offsets into
    ``text``; kind is ``proclitic``, ``stem`` or ``enclitic`` (punctuation is left out)."""
    from marsad.arabic.tokenize import tokenize

    pieces: list[tuple[int, int, str, str]] = []
    for tok in tokenize(text):
        if not tok.text[0].isalnum():
            continue
        seg = segment(tok.text, lex)
        if seg.start > 0:
            pieces.append((tok.start, tok.start + seg.start, "proclitic", tok.text[: seg.start]))
        pieces.append((tok.start + seg.start, tok.start + seg.end, "stem", tok.text[seg.start : seg.end]))
        if seg.end < len(tok.text):
            pieces.append((tok.start + seg.end, tok.end, "enclitic", tok.text[seg.end :]))
    return pieces


def normalized_stem(word: str, lex: Lexicon | None = None) -> str:
    return segment_normalized(normalize(word), lex)[1]
