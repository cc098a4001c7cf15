"""Arabic-aware shingles: the unit near-duplicate detection compares.

A text becomes the words of its matching form (:func:`marsad.arabic.normalize` with taa marbuta
folded, so «حكومة»/«حكومه» and «مسؤول»/«مسئول» agree) and then overlapping word n-grams, each hashed
to a 64-bit integer with xxhash. Words come from :func:`marsad.arabic.tokenize.words`, which keeps
whole Arabic words: a tokenizer that only knows Latin letters (``[a-z]+``) or splits Arabic into
single letters makes every Arabic text share the same few shingles, so every pair looks alike —
``tests/test_dedup_shingles.py`` guards against that.

Besides the shingle set, a text is cut into sentences (word lists) so a candidate pair can be checked
sentence by sentence: a copy keeps most sentences, a separate write-up of the same event does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import xxhash

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import sentences, words

SHINGLE_WORDS = 3  # word trigrams: long enough to be specific, short enough to survive small edits
MARK_MODULUS = 8  # one shingle in 8 (chosen by hash) is a "mark" used for containment candidates
MIN_SENTENCE_WORDS = 4  # shorter fragments (captions, "واس") say nothing about copying

_hash = xxhash.xxh3_64_intdigest


def text_words(text: str) -> list[str]:
    """The words of the matching form of ``text`` (Arabic letters kept whole)."""
    return words(normalize(text, taa_marbuta=True))


def shingle_hashes(ws: list[str], n: int = SHINGLE_WORDS) -> list[int]:
    """Hashes of the word n-grams of ``ws`` in order (a text shorter than n gives one shingle)."""
    if not ws:
        return []
    if len(ws) < n:
        return [_hash(" ".join(ws).encode())]
    return [_hash(" ".join(ws[i : i + n]).encode()) for i in range(len(ws) - n + 1)]


def marks(shingles: set[int] | frozenset[int]) -> set[int]:
    """The shingles chosen by hash value: a deterministic sample, so a text embedded in a longer
    one has its marks among the longer text's marks (what makes containment findable by lookup)."""
    return {h for h in shingles if h % MARK_MODULUS == 0}


@dataclass
class Sentence:
    text: str  # the sentence as written (for showing edits)
    words: list[str]  # matching-form words
    shingles: frozenset[int]


@dataclass
class Fingerprint:
    """Everything the matcher needs to know about one text."""

    shingles: frozenset[int]
    sentences: list[Sentence] = field(default_factory=list)
    n_words: int = 0

    @property
    def marks(self) -> set[int]:
        return marks(self.shingles)


def fingerprint(text: str) -> Fingerprint:
    """Shingle set and per-sentence shingles of ``text``."""
    sents: list[Sentence] = []
    all_shingles: set[int] = set()
    n_words = 0
    for start, end in _lines_and_sentences(text):
        raw = text[start:end]
        ws = text_words(raw)
        if not ws:
            continue
        sh = frozenset(shingle_hashes(ws))
        n_words += len(ws)
        sents.append(Sentence(raw, ws, sh))
    # Shingles of the whole text also span sentence ends, so a copy that re-cuts sentences still
    # shares most of them.
    all_shingles.update(shingle_hashes(text_words(text)))
    return Fingerprint(frozenset(all_shingles), sents, n_words)


def _lines_and_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, also cut at single line breaks (a line of a news page is a unit an editor
    adds or removes as a whole)."""
    spans: list[tuple[int, int]] = []
    for start, end in sentences(text):
        pos = start
        for line in text[start:end].split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                spans.append((pos + lead, pos + lead + len(stripped)))
            pos += len(line) + 1
    return spans
