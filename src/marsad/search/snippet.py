"""Snippets from the original text around the words a query matched, with highlight spans.

Matching is done on stems (as the index does), so «الحكومةُ» in the text lights up for «حكومة»; the
returned spans are offsets into the snippet string, which is plain original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.arabic.stem import stem

_WORD = re.compile(r"[^\W_][\w\u064B-\u065F\u0670\u0640]*", re.UNICODE)


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]]


@lru_cache(maxsize=200_000)
def _word_stem(w: str) -> str:
    n = normalize(w, taa_marbuta=True)
    return stem(n) if n else ""


def make_snippet(text: str, stems: set[str], *, width: int = 220) -> Snippet:
    """The window of ``text`` (about ``width`` characters) holding the most query stems."""
    hits = [(m.start(), m.end()) for m in _WORD.finditer(text) if stems and _word_stem(m.group()) in stems]
    if not hits:
        cut = text[:width]
        if len(text) > width:
            cut = cut.rsplit(" ", 1)[0] + " …"
        return Snippet(cut.replace("\n", " "), [])
    best_start, best_count = hits[0][0], 0
    j = 0
    for i, (s, _) in enumerate(hits):
        while hits[j][0] < s - width // 2:
            j += 1
        count = i - j + 1
        if count > best_count:
            best_count, best_start = count, hits[j][0]
    start = max(0, best_start - 40)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space - end < 30 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    body = text[start:end].replace("\n", " ")  # same length: highlight offsets stay valid
    highlights = [(s - start + len(prefix), e - start + len(prefix)) for s, e in hits if s >= start and e <= end]
    return Snippet(prefix + body + suffix, highlights)
