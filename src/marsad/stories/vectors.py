"""Sparse term vectors: TF-IDF with document frequencies kept incrementally, capped and L2-normalised."""

from __future__ import annotations

import math
from collections import Counter

from marsad.stories.prior import PRIOR_DOCS

ARTICLE_TERMS = 80  # terms kept per article vector: the rest are noise for event matching
CENTROID_TERMS = 150  # terms kept per story centroid


class DocumentFrequencies:
    """Term → number of articles containing it, updated one article at a time."""

    def __init__(self, prior: dict[str, float] | None = None) -> None:
        self.prior = prior or {}  # pseudo document frequencies (see marsad.stories.prior)
        self.prior_docs = PRIOR_DOCS if self.prior else 0
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.dirty: set[str] = set()  # terms changed since the last save

    def add(self, terms) -> None:
        self.n_docs += 1
        for t in terms:
            self.df[t] += 1
        self.dirty.update(terms)

    def remove(self, terms) -> None:
        self.n_docs = max(0, self.n_docs - 1)
        for t in terms:
            if self.df[t] > 1:
                self.df[t] -= 1
            else:
                self.df.pop(t, None)
        self.dirty.update(terms)

    def idf(self, term: str) -> float:
        # Smoothed so that a term seen in every article still weighs a little and an unseen one most.
        df = self.df.get(term, 0) + self.prior.get(term, 0.0)
        return math.log((self.n_docs + self.prior_docs + 1) / (df + 1)) + 1.0


def tfidf(tf: dict[str, float], dfs: DocumentFrequencies, cap: int = ARTICLE_TERMS) -> dict[str, float]:
    vec = {t: (1.0 + math.log(c) if c >= 1 else c) * dfs.idf(t) for t, c in tf.items()}
    return unit(top(vec, cap))


def top(vec: dict[str, float], cap: int) -> dict[str, float]:
    if len(vec) <= cap:
        return vec
    return dict(sorted(vec.items(), key=lambda kv: -kv[1])[:cap])


def norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values()))


def unit(vec: dict[str, float]) -> dict[str, float]:
    n = norm(vec)
    return {t: v / n for t, v in vec.items()} if n else {}


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    # the key intersection runs in C and is small, so this beats a Python loop over either dict
    return sum([a[t] * b[t] for t in a.keys() & b.keys()])


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    na, nb = norm(a), norm(b)
    return dot(a, b) / (na * nb) if na and nb else 0.0


def jaccard(a, b) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / len(a | b) if inter else 0.0
