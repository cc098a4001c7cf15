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
    n_words: int
    label: str | None = None  # decided label, None while undecided
    reason: str | None = None  # why a boilerplate line was set aside
    extra: dict = field(default_factory=dict)
    _norm: str | None = None

    @property
    def norm(self) -> str:
        """marsad-normalised form, for matching (computed when first needed: long paragraphs rarely are)."""
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm

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
        """Looks like running text rather than a headline, label or teaser title. A question or an
        exclamation ends many headlines («… هجوم أم عطل فني؟»), so only a long one counts."""
        if self.n_words >= 30:
            return True
        if not self.ends_sentence:
            return False
        full_stop = self.text.rstrip(_CLOSERS).endswith(".")
        return self.n_words >= (4 if full_stop else 12)

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
        out.append(PageLine(no, text, count_words(text)))
    return out


def count_words(text: str) -> int:
    """Words of letters or digits. Exact for short lines (where thresholds matter); for long ones the
    whitespace count is close enough and much cheaper."""
    rough = text.count(" ") + 1
    if rough > 60:
        return rough
    return len(_WORD.findall(text.replace("\u0640", "")))


def line_key(norm: str) -> str:
    """The form under which a line is counted across a source's pages (digits folded: counters and
    years change from page to page while the chrome around them does not)."""
    folded = _DIGITS.sub("0", norm.replace("ة", "ه"))
    return xxhash.xxh64_hexdigest(folded.encode("utf-8", "surrogatepass"))


_DIGITS = re.compile(r"\d+")
