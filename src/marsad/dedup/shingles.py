"""Arabic-aware shingles: the unit near-duplicate detection compares.

A text becomes the words of its matching form (:func:`marsad.arabic.normalize` with taa marbuta
folded, so «حكومة»/«حكومه» and «مسؤول»/«مسئول» agree) and then overlapping word trigrams, hashed to
64-bit integers (each word once with xxhash, three word hashes mixed). Words come from :func:`marsad.arabic.tokenize.words`, which keeps
whole Arabic words: a tokenizer that only knows Latin letters (``[a-z]+``) or splits Arabic into
single letters makes every Arabic text share the same few shingles, so every pair looks alike —
``tests/test_dedup.py`` guards against that.

Besides the shingle set, a text is cut into sentences so a candidate pair can be checked
sentence by sentence: a copy keeps most sentences, a separate write-up of the same event does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import xxhash

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import words

SHINGLE_WORDS = 3  # word trigrams: long enough to be specific, short enough to survive small edits
MARK_WINDOW = 10  # winnowing window: the smallest shingle hash of every 10 consecutive ones is a "mark"
MIN_SENTENCE_WORDS = 4  # shorter fragments (captions, "واس") say nothing about copying

# A sentence ends at . ! ? ؟ … followed by space (the normalised text keeps its punctuation); a line
# break always ends one (a line of a news page is a unit an editor adds or removes as a whole). Line
# breaks are marked with ¶ before normalising, since normalising folds all whitespace.
_LINE = "\u00b6"
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|\s*\u00b6\s*")
# Odd 64-bit multipliers that combine three word hashes into one shingle hash (order matters).
_K = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_SHIFT = np.uint64(33)
_WORD_CACHE: dict[str, int] = {}
_WORD_CACHE_LIMIT = 500_000


def _word_hash(word: str) -> int:
    h = _WORD_CACHE.get(word)
    if h is None:
        if len(_WORD_CACHE) >= _WORD_CACHE_LIMIT:
            _WORD_CACHE.clear()
        h = _WORD_CACHE[word] = xxhash.xxh3_64_intdigest(word.encode("utf-8"))
    return h


def _shingle_array(ws: list[str]) -> np.ndarray:
    """uint64 hashes of the word trigrams of ``ws`` in order (a text of one or two words gives one).
    Each word is hashed once with xxhash and three word hashes are mixed arithmetically, which is
    stable across processes (the hashes are stored in the archive)."""
    if not ws:
        return np.zeros(0, dtype=np.uint64)
    hashes = list(map(_WORD_CACHE.get, ws))
    if None in hashes:
        hashes = [h if h is not None else _word_hash(w) for h, w in zip(hashes, ws)]
    hs = np.array(hashes, dtype=np.uint64)
    if len(hs) < SHINGLE_WORDS:
        hs = np.concatenate([hs, np.zeros(SHINGLE_WORDS - len(hs), dtype=np.uint64)])
    x = hs[:-2] * _K[0] + hs[1:-1] * _K[1] + hs[2:] * _K[2]
    x ^= x >> _SHIFT
    x *= _MIX
    x ^= x >> _SHIFT
    return x


def text_words(text: str) -> list[str]:
    """The words of the matching form of ``text`` (Arabic letters kept whole)."""
    return words(normalize(text, taa_marbuta=True))


def shingle_hashes(ws: list[str]) -> list[int]:
    """Hashes of the word trigrams of ``ws`` in order."""
    return _shingle_array(ws).tolist()


def winnow(tri: np.ndarray, window: int = MARK_WINDOW) -> frozenset[int]:
    """Marks by winnowing (Schleimer, Wilkerson & Aiken 2003): the minimum hash of each window of
    ``window`` consecutive shingles. Any run of ``window + 2`` words two texts share yields a mark
    they share, so a wire text embedded in a longer article has its marks inside the article's —
    unlike sampling by hash value, which can leave a short text with almost no marks. About one
    shingle in 5.5 becomes a mark."""
    if len(tri) == 0:
        return frozenset()
    if len(tri) <= window:
        return frozenset([int(tri.min())])
    return frozenset(np.lib.stride_tricks.sliding_window_view(tri, window).min(axis=1).tolist())


@dataclass
class Sentence:
    n_words: int
    shingles: frozenset[int]  # trigrams that lie inside the sentence


@dataclass
class Fingerprint:
    """Everything the matcher needs to know about one text."""

    shingles: frozenset[int]
    sentences: list[Sentence] = field(default_factory=list)
    n_words: int = 0
    marks: frozenset[int] = frozenset()  # see :func:`winnow`


def fingerprint(text: str) -> Fingerprint:
    """Shingle set of the whole text (trigrams also span sentence ends, so a copy that re-cuts
    sentences still shares them) and the trigrams inside each sentence."""
    all_words: list[str] = []
    spans: list[tuple[int, int]] = []
    norm = normalize(text.replace("\n", _LINE), taa_marbuta=True)
    for sent in _SENTENCE_END.split(norm):
        ws = words(sent)
        if ws:
            spans.append((len(all_words), len(all_words) + len(ws)))
            all_words.extend(ws)
    tri = _shingle_array(all_words)
    shingles = tri.tolist()
    sents = []
    for a, b in spans:
        inside = shingles[a : b - SHINGLE_WORDS + 1] if b - a >= SHINGLE_WORDS else ()
        sents.append(Sentence(b - a, frozenset(inside)))
    return Fingerprint(frozenset(shingles), sents, len(all_words), winnow(tri))
