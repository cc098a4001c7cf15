"""Arabic-aware shingles: the unit near-duplicate detection compares.

A text becomes the words of its matching form (:func:`marsad.arabic.normalize` with taa marbuta
folded, so «حكومة»/«حكومه» and «مسؤول»/«مسئول» agree) and then overlapping word trigrams, hashed to
64-bit integers. Words are those of :func:`marsad.arabic.tokenize.words` — runs of word characters,
Arabic words kept whole — but found and hashed with numpy over the code points (a Python string per
word cost half the time). A tokenizer that only knows Latin letters (``[a-z]+``) or splits Arabic
into single letters makes every Arabic text share the same few shingles, so every pair looks alike —
``tests/test_dedup.py`` guards against that.

Besides the shingle set, a text is cut into sentences so a candidate pair can be checked
sentence by sentence: a copy keeps most sentences, a separate write-up of the same event does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import words

SHINGLE_WORDS = 3  # word trigrams: long enough to be specific, short enough to survive small edits
MARK_WINDOW = 10  # winnowing window: the smallest shingle hash of every 10 consecutive ones is a "mark"
MIN_SENTENCE_WORDS = 4  # shorter fragments (captions, "واس") say nothing about copying

# A sentence ends at . ! ? ؟ … followed by a space (the normalised text keeps its punctuation); a
# line break always ends one (a line of a news page is a unit an editor adds or removes as a whole).
# Line breaks are marked with ¶ before normalising, since normalising folds all whitespace.
_LINE = "\u00b6"
# Odd 64-bit multipliers that combine three word hashes into one shingle hash (order matters).
_K = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_SHIFT = np.uint64(33)

# Word characters as the tokenizer sees them (``\w`` plus the Arabic combining marks and tatweel it
# keeps inside a word), as a lookup table over the Basic Multilingual Plane; and sentence-end marks.
_IN_WORD = "".join(map(chr, [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]))
_WORD_CHAR = np.array([(c.isalnum() or c == "_" or c in _IN_WORD) for c in map(chr, range(0x10000))], dtype=bool)
_WORD_CHAR[0xD800:0xE000] = False
_END_CHAR = np.zeros(0x10000, dtype=bool)
_END_CHAR[[ord(c) for c in ".!?؟…"]] = True
# Word hash: a polynomial over the word's code points (position-weighted, wrapping in 64 bits).
_POW = np.concatenate([[1], np.cumprod(np.full(63, 0x100000001B3, dtype=np.uint64))]).astype(np.uint64)


def _words(norm: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the words of a normalised text, and the sentence number of each word, computed on
    the code points with numpy (no Python string per word). Words are the tokenizer's: runs of word
    characters (Arabic letters kept whole); a sentence ends at ¶ or at . ! ? ؟ … before a space."""
    codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)  # a lone surrogate is a code point too
    bmp = np.minimum(codes, 0xFFFF)
    in_word = _WORD_CHAR[bmp] & (codes <= 0xFFFF)
    starts_mask = in_word & ~np.concatenate([[False], in_word[:-1]])
    starts = np.flatnonzero(starts_mask)
    if len(starts) == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    ends = np.flatnonzero(in_word & ~np.concatenate([in_word[1:], [False]])) + 1
    chars = np.flatnonzero(in_word)
    word_of_char = np.cumsum(starts_mask)[chars] - 1
    pos = np.minimum(chars - starts[word_of_char], len(_POW) - 1)
    terms = (codes[chars].astype(np.uint64) + np.uint64(1)) * _POW[pos]
    offsets = np.concatenate([[0], np.cumsum(ends - starts)[:-1]])
    hashes = np.add.reduceat(terms, offsets)
    space_after = np.concatenate([codes[1:] == 32, [False]])
    breaks = np.flatnonzero((codes == ord(_LINE)) | (_END_CHAR[bmp] & (codes <= 0xFFFF) & space_after))
    return hashes, np.searchsorted(breaks, starts)


def _trigrams(hs: np.ndarray) -> np.ndarray:
    """uint64 hashes of the word trigrams in order (a text of one or two words gives one). Three
    word hashes are mixed arithmetically: stable across processes (the hashes are stored)."""
    if len(hs) == 0:
        return np.zeros(0, dtype=np.uint64)
    if len(hs) < SHINGLE_WORDS:
        hs = np.concatenate([hs, np.zeros(SHINGLE_WORDS - len(hs), dtype=np.uint64)])
    x = hs[:-2] * _K[0] + hs[1:-1] * _K[1] + hs[2:] * _K[2]
    x ^= x >> _SHIFT
    x *= _MIX
    x ^= x >> _SHIFT
    return x


def _matching_form(text: str) -> str:
    return normalize(text.replace("\n", _LINE), taa_marbuta=True)


def text_words(text: str) -> list[str]:
    """The words of the matching form of ``text`` (Arabic letters kept whole)."""
    return words(normalize(text, taa_marbuta=True))


def text_shingles(text: str) -> list[int]:
    """Hashes of the word trigrams of ``text`` in order (the shingles :func:`fingerprint` uses)."""
    return _trigrams(_words(_matching_form(text))[0]).tolist()


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
    hashes, sentence_of = _words(_matching_form(text))
    tri = _trigrams(hashes)
    shingles = tri.tolist()
    sents = []
    if len(hashes):
        cuts = np.flatnonzero(np.diff(sentence_of)) + 1
        bounds = [0, *cuts.tolist(), len(hashes)]
        for a, b in zip(bounds, bounds[1:]):
            inside = shingles[a : b - SHINGLE_WORDS + 1] if b - a >= SHINGLE_WORDS else ()
            sents.append(Sentence(b - a, frozenset(inside)))
    return Fingerprint(frozenset(shingles), sents, len(hashes), winnow(tri))
