"""A tokenised view of one article shared by the quote and event extractors.

Both extractors walk tokens in normalised form, need to know where paragraphs and sentences end,
which quotation marks pair up, and which words are names. Building that once per article keeps
each extractor short and lets both work with or without the NER stage's mentions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import tokenize
from marsad.document import Article, Mention

OPENERS = {"“": "”“", "«": "»", "„": "“”", '"': '"', "”": "”", "‹": "›"}
CLOSERS = set("”»“\"›")
SENTENCE_END = {".", "!", "?", "؟", "…"}
PUNCT_BREAK = {"،", ",", ";", "؛", ":"}


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
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if n == "." and i > 0 and len(self.toks[i - 1].text) == 1 and self.toks[i - 1].end == self.toks[i].start:
            return False  # «د. خالد», «م. خالد»: an abbreviated title
        return not (n == "." and nxt is not None and nxt.start == self.toks[i].end and nxt.text[0].isdigit())

    def same_para(self, i: int, j: int) -> bool:
        return self.para_of[i] == self.para_of[j]

    def para_end_char(self, i: int) -> int:
        return self.para_bounds[self.para_of[i]][1]

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self._starts, char)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.toks]

    def mark_opening_at(self, char: int) -> QuoteMarks | None:
        for m in self.marks:
            if m.open_char == char:
                return m
        return None

    def inside_marks(self, char: int) -> QuoteMarks | None:
        for m in self.marks:
            if m.open_char < char < m.close_char:
                return m
        return None

    def words_between(self, a: int, b: int) -> int:
        return sum(1 for t in self.toks if a <= t.start and t.end <= b and t.text[0].isalnum())


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
        for pos in range(start, end):
            ch = text[pos]
            if ch not in OPENERS and ch not in CLOSERS:
                continue
            if stack and ch in OPENERS[stack[-1][0]]:
                opener, at = stack.pop()
                out.append(QuoteMarks(at, pos, True))
            elif ch in OPENERS and len(stack) < 3:
                stack.append((ch, pos))
        for opener, at in stack[:1]:
            out.append(QuoteMarks(at, end, False))
    out.sort(key=lambda m: m.open_char)
    return out


def build_view(article: Article) -> ArticleView:
    text = article.text
    toks = tokenize(text)
    bounds = _paragraphs(text)
    para_starts = [b[0] for b in bounds]
    para_of = [bisect.bisect_right(para_starts, t.start) - 1 for t in toks]
    norms = [normalize(t.text) for t in toks]
    view = ArticleView(text, toks, norms, para_of, bounds)
    view.marks = _pair_marks(text, bounds)
    view.mentions = list(article.mentions or [])
    return view
