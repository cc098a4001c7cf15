"""Arabic normalisation for matching, with a map from normalised offsets back to the original.

The original text is never changed: stages normalise a copy to compare, count or index, and use
:func:`normalize_with_offsets` when a match found in the normalised copy must point back into the
original. Every rule maps one original character to at most one output character, so the map is a
plain list of indices.

Rules (each can be reasoned about on its own, all are idempotent):

- alef forms أ إ آ ٱ → ا; hamza carriers ؤ ئ → ء (so مسؤول/مسئول match); alef maqsura ى → ي
- taa marbuta ة → ه only when ``taa_marbuta=True`` (it merges حكومة/حكومه but also distinct words)
- tatweel ـ, Arabic diacritics (harakat, shadda, sukun, dagger alef) and zero-width/bidi marks removed
- Arabic-Indic ٠-٩ and Persian ۰-۹ digits → ASCII 0-9; Arabic comma/semicolon/question mark kept
- every double quotation mark (“ ” « » „ ‟ ″ ＂) → ", single ones (‘ ’ ‚ ‛ ′) → '
- ASCII letters lower-cased (``lower=True``); runs of whitespace → one space, trimmed at both ends
"""

from __future__ import annotations

import re

DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0653\u0654\u0655"
TATWEEL = "\u0640"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"

_BASE_MAP: dict[int, str | None] = {}
for _c in DIACRITICS + TATWEEL + INVISIBLE:
    _BASE_MAP[ord(_c)] = None
for _c in "أإآٱ":
    _BASE_MAP[ord(_c)] = "ا"
for _c in "ؤئ":
    _BASE_MAP[ord(_c)] = "ء"
_BASE_MAP[ord("ى")] = "ي"
for _i in range(10):
    _BASE_MAP[0x0660 + _i] = str(_i)
    _BASE_MAP[0x06F0 + _i] = str(_i)
for _c in "“”«»„‟″＂":
    _BASE_MAP[ord(_c)] = '"'
for _c in "‘’‚‛′":
    _BASE_MAP[ord(_c)] = "'"

_TAA_MAP = dict(_BASE_MAP)
_TAA_MAP[ord("ة")] = "ه"

_WS = re.compile(r"\s+")


def _table(taa_marbuta: bool, lower: bool) -> dict[int, str | None]:
    table = _TAA_MAP if taa_marbuta else _BASE_MAP
    if lower:
        table = dict(table)
        for c in range(ord("A"), ord("Z") + 1):
            table[c] = chr(c + 32)
    return table


_TABLES = {(t, low): _table(t, low) for t in (False, True) for low in (False, True)}


_DELETE = re.compile("[" + DIACRITICS + TATWEEL + INVISIBLE + "]+")
_UPPER = re.compile("[A-Z]+")
# (character, replacement) pairs for the fast path: str.replace runs in C and is several times faster
# than str.translate with a dict table on Arabic text.
_REPLACEMENTS = {taa: [(chr(k), v) for k, v in (_TAA_MAP if taa else _BASE_MAP).items() if v]
                 for taa in (False, True)}


def normalize(text: str, *, taa_marbuta: bool = False, lower: bool = True) -> str:
    """The matching form of ``text``. Fast path: no offsets (same result as
    :func:`normalize_with_offsets`)."""
    out = _DELETE.sub("", text)
    for ch, repl in _REPLACEMENTS[taa_marbuta]:
        if ch in out:
            out = out.replace(ch, repl)
    if lower:
        out = _UPPER.sub(lambda m: m.group().lower(), out)
    return _WS.sub(" ", out).strip()


def normalize_char(ch: str, *, taa_marbuta: bool = False, lower: bool = True) -> str:
    """The normalised form of one character ('' when it is removed)."""
    return ch.translate(_TABLES[(taa_marbuta, lower)])


def normalize_with_offsets(
    text: str, *, taa_marbuta: bool = False, lower: bool = True
) -> tuple[str, list[int]]:
    """Return ``(normalised, offsets)`` where ``offsets[i]`` is the index in ``text`` of the
    character that produced ``normalised[i]``; ``offsets[len(normalised)]`` is ``len(text)`` so a
    half-open span ``[a, b)`` of the normalised text maps to ``[offsets[a], offsets[b-1] + 1)``
    (see :func:`original_span`)."""
    table = _TABLES[(taa_marbuta, lower)]
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1  # index of the first whitespace char of a run not yet emitted
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0 and out:
                pending_space = i
            continue
        mapped = table.get(ord(ch), ch)
        if not mapped:
            continue
        if pending_space >= 0:
            out.append(" ")
            offsets.append(pending_space)
            pending_space = -1
        out.append(mapped)
        offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the normalised text back to a half-open span of the original."""
    if end <= start:
        pos = offsets[min(start, len(offsets) - 1)]
        return pos, pos
    return offsets[start], offsets[end - 1] + 1


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel only (keeps letters as written)."""
    return text.translate({ord(c): None for c in DIACRITICS + TATWEEL})
