"""Deciding whether two candidate texts are copies, and what the copy changed.

Shingle overlap alone confuses two things the guideline keeps apart: a wire report republished with a
new lead or a trimmed ending (a duplicate) and a separate write-up of the same event that shares
names, numbers and a quoted statement (not a duplicate). So the decision is made sentence by
sentence: a sentence of the shorter text is *kept* when most of its trigrams appear in the other text;
the pair is a duplicate when the kept sentences hold most of the shorter text's words and the
shingle containment agrees. Thresholds and their measured effect: ``docs/dedup.md``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from marsad.dedup.shingles import MIN_SENTENCE_WORDS, Fingerprint, Sentence

SENTENCE_KEPT = 0.5  # share of a sentence's trigrams found in the other text for it to count as kept
MIN_KEPT_SHARE = 0.5  # share of the shorter text's words in kept sentences: at least half the text...
MIN_KEPT_SENTENCES = 0.5  # ...and strictly more than half of its sentences ("most sentences"): a long
# shared honorific chain in one sentence of a two-sentence item must not carry the pair
MIN_CONTAINMENT = 0.45  # trigram containment of the shorter text in the longer one
MUTUAL_SHARE = 0.5  # the longer text kept this much of itself in the shorter: a copy, not an embedding
MIN_SHINGLES = 8  # texts shorter than this (a caption, a one-liner) only match exactly

COPY = "copy"  # the two texts are mostly the same text
EMBEDDED = "embedded"  # the shorter text sits inside a longer article that adds much of its own


@dataclass
class PairMatch:
    jaccard: float
    containment: float  # of the shorter text's shingles in the longer one
    kept_share: float  # of the shorter text's words, in sentences found in the longer one
    back_share: float  # of the longer text's words, in sentences found in the shorter one
    kind: str | None  # COPY, EMBEDDED, or None when the pair is not a duplicate

    @property
    def duplicate(self) -> bool:
        return self.kind is not None


@dataclass
class Edits:
    """What a copy did to the original: share of the original's words kept, sentences added/removed."""

    kept_share: float
    lines_added: int
    lines_removed: int


def kept_sentences(sents: list[Sentence], other: frozenset[int]) -> list[bool]:
    """For each sentence, whether most of its trigrams occur in ``other``."""
    out = []
    for s in sents:
        if not s.shingles:
            out.append(False)
            continue
        found = len(s.shingles & other) / len(s.shingles)
        out.append(found >= SENTENCE_KEPT)
    return out


def kept_shares(fp: Fingerprint, other: frozenset[int]) -> tuple[float, float]:
    """Shares of ``fp``'s words and of its sentences that are kept in ``other`` (fragments shorter
    than ``MIN_SENTENCE_WORDS`` words are left out unless the text has nothing longer)."""
    sents = [s for s in fp.sentences if s.n_words >= MIN_SENTENCE_WORDS] or fp.sentences
    total = sum(s.n_words for s in sents)
    if not total:
        return 0.0, 0.0
    kept = kept_sentences(sents, other)
    words = sum(s.n_words for s, k in zip(sents, kept) if k) / total
    return words, sum(kept) / len(sents)


def compare(a: Fingerprint, b: Fingerprint) -> PairMatch:
    """Score a candidate pair and decide whether it is a copy (see module docstring)."""
    if not a.shingles or not b.shingles:
        return PairMatch(0.0, 0.0, 0.0, 0.0, None)
    short, long_ = (a, b) if len(a.shingles) <= len(b.shingles) else (b, a)
    inter = len(short.shingles & long_.shingles)
    jaccard = inter / (len(short.shingles) + len(long_.shingles) - inter)
    containment = inter / len(short.shingles)
    if short.shingles == long_.shingles:
        return PairMatch(1.0, 1.0, 1.0, 1.0, COPY)
    if len(short.shingles) < MIN_SHINGLES or containment < MIN_CONTAINMENT:
        return PairMatch(jaccard, containment, 0.0, 0.0, None)
    kept, kept_sents = kept_shares(short, long_.shingles)
    back, _ = kept_shares(long_, short.shingles)
    kind = None
    if kept >= MIN_KEPT_SHARE and kept_sents > MIN_KEPT_SENTENCES:
        kind = COPY if back >= MUTUAL_SHARE else EMBEDDED
    return PairMatch(jaccard, containment, kept, back, kind)


def edits(original: Fingerprint, copy: Fingerprint) -> Edits:
    """Sentences the copy added and removed relative to the original, aligned in order with difflib;
    a lightly edited sentence counts as the same sentence (it keeps most of its trigrams)."""
    orig_keys = [f"o{i}" for i in range(len(original.sentences))]
    copy_keys = []
    for j, s in enumerate(copy.sentences):
        key = f"c{j}"
        if s.shingles:
            best, best_share = None, SENTENCE_KEPT
            for i, o in enumerate(original.sentences):
                if not o.shingles:
                    continue
                share = len(s.shingles & o.shingles) / min(len(s.shingles), len(o.shingles))
                if share >= best_share:
                    best, best_share = i, share
            if best is not None:
                key = orig_keys[best]
        copy_keys.append(key)
    matcher = difflib.SequenceMatcher(None, orig_keys, copy_keys, autojunk=False)
    added = removed = 0
    kept_words = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            kept_words += sum(original.sentences[i].n_words for i in range(i1, i2))
        else:
            removed += i2 - i1
            added += j2 - j1
    total = sum(s.n_words for s in original.sentences)
    return Edits(round(kept_words / total, 3) if total else 0.0, added, removed)
