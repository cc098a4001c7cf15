"""A page as a list of lines, with the few features the clean stage reasons about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import xxhash

from marsad.arabic.normalize import normalize

# Labels, as in the clean gold format (docs: ../shared/EVAL_FORMATS.md, section "clean").
TITLE, BODY, DATELINE, CREDIT, BOILERPLATE = "title", "body", "dateline", "credit", "boilerplate"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CLOSERS = " \t\u00a0\"'”»’)]}*"
_ELLIPSIS = ("...", "…", "..")


@dataclass
class PageLine:
    line_no: int  # 0-based index among the page's lines (blank lines counted)
    text: str  # stripped line as written
    norm: str  # marsad-normalised form, for matching
    n_words: int
    label: str | None = None  # decided label, None while undecided
    reason: str | None = None  # why a boilerplate line was set aside
    extra: dict = field(default_factory=dict)

    def decide(self, label: str, reason: str | None = None) -> None:
        self.label, self.reason = label, reason

    @property
    def undecided(self) -> bool:
        return self.label is None

    @property
    def ends_with_ellipsis(self) -> bool:
        return self.text.rstrip(_CLOSERS).endswith(_ELLIPSIS)

    @property
    def ends_sentence(self) -> bool:
        end = self.text.rstrip(_CLOSERS)
        return bool(end) and end[-1] in ".!?؟" and not self.ends_with_ellipsis

    @property
    def paragraph_like(self) -> bool:
        """Looks like running text rather than a headline, label or teaser title."""
        return (self.ends_sentence and self.n_words >= 4) or self.n_words >= 30

    @property
    def headline_like(self) -> bool:
        return not self.paragraph_like and not self.ends_with_ellipsis and self.n_words >= 1


def page_lines(raw_text: str) -> list[PageLine]:
    """The non-empty stripped lines of ``raw_text``, numbered among all its lines."""
    out = []
    for no, line in enumerate(raw_text.splitlines()):
        text = line.strip()
        if not text:
            continue
        norm = normalize(text)
        out.append(PageLine(no, text, norm, len(_WORD.findall(norm))))
    return out


def line_key(norm: str) -> str:
    """The form under which a line is counted across a source's pages (digits folded: counters and
    years change from page to page while the chrome around them does not)."""
    folded = _DIGITS.sub("0", norm.replace("ة", "ه"))
    return xxhash.xxh64_hexdigest(folded.encode("utf-8"))


_DIGITS = re.compile(r"\d+")
