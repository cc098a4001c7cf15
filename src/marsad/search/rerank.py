"""Second stage: re-order tantivy's top candidates by how well they cover the query, and how closely.

BM25 scores each query stem on its own, so a long text that repeats two of five query words can beat
the paragraph that holds all five side by side. For the top ``DEPTH`` candidates we read the stored
stem stream and add two features, each in [0, 1]:

- window: the largest share of the query's IDF mass (rare words matter more) found inside any
  ``WINDOW`` characters of the stem stream (about 20 words) — a proximity signal;
- grams: the share of the query stems' character trigrams found in the candidate — partial matches
  of inflected forms (يتزوج/تزوج) that whole-stem matching misses.

The final score is ``bm25 / best_bm25 + NEAR * window + GRAMS * grams``. The weights were tuned on one
half of ARCD train and checked on the other (docs/search.md); plain IDF coverage of the query (without
proximity) was tried and added nothing once the window was there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEPTH = 15  # candidates re-ordered: 15, 20 and 30 gave the same MRR on ARCD; each costs a stored-doc read
WINDOW = 120  # characters of stem text, about 20 words
NEAR = 0.4
GRAMS = 0.4


@dataclass
class Candidate:
    id: str
    bm25: float
    text: str  # space-joined stems of title and body


def idf(doc_freq: int, num_docs: int) -> float:
    """BM25's IDF (the same curve tantivy uses), never negative."""
    return max(0.0, math.log(1 + (num_docs - doc_freq + 0.5) / (doc_freq + 0.5)))


def gram_cover(text: str, query_grams: list[str]) -> float:
    """Share of ``query_grams`` occurring in ``text`` (space-joined stems: a gram never spans a space,
    so a substring test is a within-word test, and runs in C)."""
    return sum(g in text for g in query_grams) / len(query_grams) if query_grams else 0.0


def _positions(text: str, terms: list[str]) -> list[tuple[int, str]]:
    """(offset, stem) of every whole-stem occurrence of ``terms`` in space-joined ``text``, in order.
    ``str.find`` runs in C; a compiled alternation cost more to build than to run."""
    padded = f" {text} "
    hits = []
    for t in terms:
        key = f" {t} "
        i = padded.find(key)
        while i >= 0:
            hits.append((i, t))
            i = padded.find(key, i + len(key) - 1)
    hits.sort()
    return hits


def window_cover(text: str, weights: dict[str, float], total: float, width: int = WINDOW) -> float:
    """Largest IDF share of distinct query stems inside any ``width`` characters of ``text`` (the
    space-joined stems; characters stand in for words so the scan runs in C)."""
    if not weights or not total:
        return 0.0
    hits = _positions(text, list(weights))
    counts: dict[str, int] = {}
    mass = best = 0.0
    j = 0
    for i, t in hits:
        if counts.get(t, 0) == 0:
            mass += weights[t]
        counts[t] = counts.get(t, 0) + 1
        while hits[j][0] <= i - width:
            u = hits[j][1]
            counts[u] -= 1
            if counts[u] == 0:
                mass -= weights[u]
            j += 1
        best = max(best, mass)
    return best / total


def rerank(candidates: list[Candidate], weights: dict[str, float], query_grams: list[str]) -> list[tuple[str, float]]:
    """Candidates re-ordered by the combined score, as (id, score) pairs."""
    if not candidates:
        return []
    top = max(c.bm25 for c in candidates) or 1.0
    total = sum(weights.values())
    scored = [(c.id, c.bm25 / top + NEAR * window_cover(c.text, weights, total)
               + GRAMS * gram_cover(c.text, query_grams)) for c in candidates]
    scored.sort(key=lambda x: -x[1])
    return scored
