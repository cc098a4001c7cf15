"""Snippets from the original text around the words a query matched, with highlight spans.

Matching is done on stems (as the index does), so «الحكومةُ» in the text lights up for «حكومة»; the
returned spans are offsets into the snippet string, which is plain original text.

Stemming every word of ten long articles per query cost ~10 ms, so candidate words are found first
with ``str.find`` (in C): a stem is a substring of any word it comes from once the text's letters are
folded one-to-one as normalisation does (أ→ا, ى→ي, ة→ه; the ت a pronoun suffix uncovers is covered
by dropping a stem's final ه), and only words holding such a substring are stemmed to confirm. Words
with diacritics or tatweel (which split stems) are found by a regex and stemmed one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.stem import stem, surface_words

_WORD = re.compile(r"[^\W_][\w\u064B-\u065F\u0670\u0640]*", re.UNICODE)
_WORD_TAIL = re.compile(r"[\w\u064B-\u065F\u0670\u0640]*", re.UNICODE)
_WORD_HEAD = re.compile(r"[\w\u064B-\u065F\u0670\u0640]*$", re.UNICODE)
_MARK = re.compile("[\u064B-\u065F\u0670\u0640]")  # diacritics and tatweel: they can split a stem
# normalize's one-to-one letter folds (offsets unchanged); deletions are not among them.
_FOLDS = [(c, "ا") for c in "أإآٱ"] + [("ى", "ي"), ("ة", "ه"), ("ؤ", "ء"), ("ئ", "ء")] + [
    (chr(base + d), str(d)) for base in (0x0660, 0x06F0) for d in range(10)]


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]]


@lru_cache(maxsize=200_000)
def _word_stem(w: str) -> str:
    words = surface_words(w)
    return stem(words[0]) if len(words) == 1 else ""


def _fold(text: str) -> str:
    for c, r in _FOLDS:
        if c in text:
            text = text.replace(c, r)
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text  # a few letters lower to two characters


def _word_around(text: str, i: int, j: int) -> tuple[int, int]:
    """Span of the word holding ``text[i:j]``."""
    head = _WORD_HEAD.search(text, max(0, i - 24), i)
    return (head.start() if head else i), _WORD_TAIL.match(text, j).end()


def _marked_hits(text: str, stems: set[str]) -> list[tuple[int, int]]:
    """Words carrying diacritics or tatweel whose stem is in ``stems`` (each word stemmed once)."""
    out = []
    m = _MARK.search(text)
    while m:
        start, end = _word_around(text, m.start(), m.start())
        if _word_stem(text[start:end]) in stems:
            out.append((start, end))
        m = _MARK.search(text, max(end, m.end()))
    return out


def _hits(text: str, stems: set[str]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` whose stem is in ``stems``."""
    folded = _fold(text)
    spans = set(_marked_hits(text, stems))
    for s in stems:
        key = s[:-1] if s.endswith("ه") and len(s) > 2 else s  # حكومه also comes from حكومتها
        i = folded.find(key)
        while i >= 0:
            start, end = _word_around(text, i, i + len(key))
            if _word_stem(text[start:end]) in stems:
                spans.add((start, end))
            i = folded.find(key, end)
    return sorted(spans)


def make_snippet(text: str, stems: set[str], *, width: int = 220) -> Snippet:
    """The window of ``text`` (about ``width`` characters) holding the most query stems."""
    hits = _hits(text, {s for s in stems if s}) if stems else []
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
