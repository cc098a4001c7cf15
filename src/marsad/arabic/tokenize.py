"""Word tokenisation with offsets into the original text.

A token is a run of letters/digits (Arabic diacritics and tatweel stay inside the word), or one
punctuation character. Clitic segmentation (و، ف، ب، ل، ك، ال and attached pronouns) lives in
:mod:`marsad.arabic.clitics` and works on these tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters and digits of any script, plus Arabic combining marks and tatweel inside a word.
_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]+|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|\n\s*\n|(?<=[.!?؟])[\"”»’]\s+")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """Word strings only (no punctuation tokens)."""
    return [t for t in _TOKEN.findall(text) if t[0].isalnum() or t[0] == "\u0640"]


def sentences(text: str) -> list[tuple[int, int]]:
    """Half-open sentence spans over ``text``; a paragraph break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() if not text[m.start()].isspace() else m.start()
        if m.group().strip() and m.group()[0] in "\"”»’":
            end = m.start() + 1
        seg = text[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((start + lead, start + len(seg.rstrip())))
        start = m.end()
    seg = text[start:]
    if seg.strip():
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, start + len(seg.rstrip())))
    return spans
