"""A tokenised view of one article shared by the quote and event extractors.

Both extractors walk tokens in normalised form, need to know where paragraphs and sentences end,
which quotation marks pair up, and which words are names. Building that once per article keeps
each extractor short and lets both work with or without the NER stage's mentions.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable, NamedTuple

from marsad.arabic.normalize import normalize
from marsad.arabic.roles import strip_conj
from marsad.arabic.tokenize import _TOKEN
from marsad.document import Article, Mention

OPENERS = {"“": "”“", "«": "»", "„": "“”", '"': '"', "”": "”", "‹": "›"}
CLOSERS = set("”»“\"›")
_MARK_RE = re.compile("[" + re.escape("".join(sorted(set(OPENERS) | CLOSERS))) + "]")
SENTENCE_END = {".", "!", "?", "؟", "…"}
PUNCT_BREAK = {"،", ",", ";", "؛", ":"}


class Tok(NamedTuple):
    """A token as :func:`marsad.arabic.tokenize.tokenize` makes it (same regex), as a cheap tuple:
    the extractors build hundreds of thousands of them."""

    start: int
    end: int
    text: str


@dataclass
class QuoteMarks:
    """A stretch between two quotation marks (or from an unclosed mark to its paragraph end)."""

    open_char: int  # offset of the opening mark
    close_char: int  # offset of the closing mark (paragraph end when unclosed)
    closed: bool


@dataclass
class ArticleView:
    text: str
    toks: list  # Token(start, end, text)
    norms: list[str]
    para_of: list[int]  # paragraph number of each token
    para_bounds: list[tuple[int, int]]  # char spans of paragraphs
    marks: list[QuoteMarks] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def sentence_end(self, i: int) -> bool:
        """Is token i a full stop that ends a sentence (not a decimal point, not «..» inside a quote)?"""
        n = self.norms[i]
        if n not in SENTENCE_END:
            return False
        if n != ".":
            return True
        if i > 0 and len(self.texts[i - 1]) == 1 and self.ends[i - 1] == self.starts[i]:
            return False  # «د. خالد», «م. خالد»: an abbreviated title
        nxt = i + 1
        return not (nxt < len(self.starts) and self.starts[nxt] == self.ends[i] and self.texts[nxt][0].isdigit())

    def same_para(self, i: int, j: int) -> bool:
        return self.para_of[i] == self.para_of[j]

    def para_end_char(self, i: int) -> int:
        return self.para_bounds[self.para_of[i]][1]

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self._starts, char)

    def __post_init__(self) -> None:
        self._starts = self.toks.starts
        self.starts, self.ends, self.texts = self.toks.starts, self.toks.ends, self.toks.texts
        self._by_open: dict[int, QuoteMarks] = {}
        self._mark_reach: list[int] = []  # see inside_marks
        self._by_bare: dict[str, list[int]] | None = None  # see tokens_of
        self.bare: list[str] = []  # normalised words without an attached و/ف before a known head

    def mark_opening_at(self, char: int) -> QuoteMarks | None:
        return self._by_open.get(char)

    def inside_marks(self, char: int) -> QuoteMarks | None:
        """The first stretch of marks (by opening) with ``char`` strictly inside. ``_mark_reach[k]``
        is the furthest close among marks[:k + 1], so the first mark closing after ``char`` is found
        by bisection (a scan of every mark for every full stop was quadratic)."""
        k = bisect.bisect_right(self._mark_reach, char)
        if k < len(self.marks) and self.marks[k].open_char < char:
            return self.marks[k]
        return None

    def tokens_of(self, bare: str) -> list[int]:
        """The positions of the tokens whose bare form is ``bare``, in order (indexed on first use)."""
        if self._by_bare is None:
            self._by_bare = {}
            for i, b in enumerate(self.bare):
                self._by_bare.setdefault(b, []).append(i)
        return self._by_bare.get(bare, [])

    def set_marks(self, marks: list[QuoteMarks]) -> None:
        self.marks = marks
        self._by_open = {m.open_char: m for m in marks}
        self._mark_reach = list(accumulate((m.close_char for m in marks), max))

    def words_between(self, a: int, b: int) -> int:
        lo, hi = bisect.bisect_left(self._starts, a), bisect.bisect_left(self._starts, b)
        return sum(1 for t in self.toks[lo:hi] if t.end <= b and t.text[0].isalnum())


class SpanIndex:
    """Spans (mentions, quotes, dates) found by position without scanning them all: sorted by start,
    with the furthest end so far. Answers keep the spans' own order. The extractors ask once per cue
    or trigger; a scan of every span each time was quadratic on long articles."""

    def __init__(self, spans: list, start: Callable = attrgetter("start"), end: Callable = attrgetter("end")):
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: start(spans[k]))
        self.starts = [start(spans[k]) for k in self.order]
        self.ends = [end(spans[k]) for k in self.order]
        self.reach = list(accumulate(self.ends, max))

    def overlapping(self, a: int, b: int) -> list:
        """The spans with start < b and end > a."""
        return self._pick(bisect.bisect_right(self.reach, a), bisect.bisect_left(self.starts, b), a)

    def covering(self, char: int) -> list:
        """The spans with start <= char < end."""
        return self._pick(bisect.bisect_right(self.reach, char), bisect.bisect_right(self.starts, char), char)

    def starting_in(self, lo: int, hi: int) -> list:
        """The spans with lo <= start < hi."""
        return self._pick(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi), None)

    def _pick(self, first: int, stop: int, end_after: int | None) -> list:
        kept = sorted(self.order[j] for j in range(first, stop) if end_after is None or self.ends[j] > end_after)
        return [self.spans[k] for k in kept]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Every line is a paragraph (scraped text puts one paragraph per line)."""
    bounds, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        bounds.append((start, end))
        start = end + 1
    return bounds


def _pair_marks(text: str, bounds: list[tuple[int, int]]) -> list[QuoteMarks]:
    """Pair quotation marks paragraph by paragraph with a stack, tolerating the real-world habit
    of using ” for both ends; a mark left open runs to its paragraph end."""
    out: list[QuoteMarks] = []
    for start, end in bounds:
        stack: list[tuple[str, int]] = []
        for found in _MARK_RE.finditer(text, start, end):
            pos, ch = found.start(), found.group()
            if stack and ch in OPENERS[stack[-1][0]]:
                opener, at = stack.pop()
                out.append(QuoteMarks(at, pos, True))
            elif ch in OPENERS and len(stack) < 3:
                stack.append((ch, pos))
        for opener, at in stack[:1]:
            out.append(QuoteMarks(at, end, False))
    out.sort(key=lambda m: m.open_char)
    return out


_CONJ = ("و", "ف")
try:  # normalise() of a single word is its character table (words hold no whitespace to fold)
    from marsad.arabic.normalize import _TABLES

    _WORD_TABLE = _TABLES[(False, True)]
except (ImportError, KeyError):  # pragma: no cover - fall back to normalize() per word
    _WORD_TABLE = None


@lru_cache(maxsize=200_000)
def _bare_word(norm: str) -> str:
    return strip_conj(norm)


@lru_cache(maxsize=200_000)
def _norm_word(word: str) -> str:
    """Words repeat a lot across articles: normalise each distinct one once."""
    return normalize(word)


# The last articles' views, so the events stage reuses what the quotes stage built for the same
# text (keyed by object id, checked by text identity; cleared when it grows).
_CACHE: dict[int, tuple[str, "ArticleView", object]] = {}


def cached(article: Article):
    """(view, names) built earlier for this very article text, or None."""
    hit = _CACHE.get(id(article))
    if hit is not None and hit[0] is article.text and hit[1].mentions == list(article.mentions or []):
        return hit[1], hit[2]
    return None


def remember(article: Article, view: "ArticleView", names: object) -> None:
    if len(_CACHE) > 512:
        _CACHE.clear()
    _CACHE[id(article)] = (article.text, view, names)


class Toks:
    """The article's tokens as three parallel lists; ``toks[i]`` makes a :class:`Tok` on demand,
    because the extractors look closely at only a few positions of a long article."""

    __slots__ = ("starts", "ends", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]):
        self.starts, self.ends, self.texts = starts, ends, texts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [Tok(a, b, t) for a, b, t in zip(self.starts[i], self.ends[i], self.texts[i])]
        return Tok(self.starts[i], self.ends[i], self.texts[i])

    def __iter__(self):
        return (Tok(a, b, t) for a, b, t in zip(self.starts, self.ends, self.texts))


def _para_of(starts: list[int], bounds: list[tuple[int, int]]) -> list[int]:
    out, p, last = [], 0, len(bounds) - 1
    for s in starts:
        while p < last and bounds[p + 1][0] <= s:
            p += 1
        out.append(p)
    return out


def build_view(article: Article) -> ArticleView:
    text = article.text
    matches = list(_TOKEN.finditer(text))
    texts = [m.group() for m in matches]
    toks = Toks([m.start() for m in matches], [m.end() for m in matches], texts)
    bounds = _paragraphs(text)
    para_of = _para_of(toks.starts, bounds)
    norms = _TOKEN.findall(normalize(text))  # one C-level pass; word by word only if it misaligns
    if len(norms) != len(texts):
        norms = [t.translate(_WORD_TABLE) for t in texts] if _WORD_TABLE else [_norm_word(t) for t in texts]
    view = ArticleView(text, toks, norms, para_of, bounds)
    view.set_marks(_pair_marks(text, bounds))
    view.bare = [_bare_word(n) if n[:1] in _CONJ else n for n in norms]
    view.mentions = list(article.mentions or [])
    return view
