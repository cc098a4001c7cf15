"""Extractive story summary: a few sentences from several outlets, none repeating another.

Sentences are scored by how close they are to the story centroid (what the coverage has in common)
with a bonus for coming early in their article (news leads carry the event). Selection is maximal
marginal relevance (Carbonell & Goldstein 1998): each pick trades relevance against similarity to the
sentences already chosen, and a sentence too close to a chosen one is never taken, so the summary does
not say the same thing twice even when several outlets ran the same wire copy. A small penalty for an
outlet already quoted spreads the summary over outlets.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.arabic.tokenize import sentences
from marsad.stories.features import terms
from marsad.stories.vectors import DocumentFrequencies, dot, unit

MIN_CHARS = 40  # shorter fragments are captions, bylines or headings
MAX_CHARS = 400
LEAD_SENTENCES = 3  # sentences per article considered (leads carry the event)
REDUNDANT = 0.5  # cosine above which a sentence repeats one already chosen
MMR_LAMBDA = 0.7
SAME_OUTLET_PENALTY = 0.1


@dataclass
class SummarySentence:
    text: str
    source: str
    article_id: str
    start: int
    end: int
    score: float


def candidates(articles, max_per_article: int = LEAD_SENTENCES) -> list[tuple[str, str, int, int, int]]:
    """(article id, source, start, end, position) of usable sentences of each article."""
    out = []
    for a in articles:
        n = 0
        for start, end in sentences(a.text or ""):
            if MIN_CHARS <= end - start <= MAX_CHARS:
                out.append((a.id, a.source, start, end, n))
                n += 1
                if n >= max_per_article:
                    break
    return out


def summarize(articles, centroid: dict[str, float], dfs: DocumentFrequencies | None = None,
              k: int = 4) -> list[SummarySentence]:
    """Pick up to ``k`` sentences; ``articles`` need ``id``, ``source`` and ``text``."""
    texts = {a.id: a.text for a in articles}
    pool = []
    for aid, source, start, end, pos in candidates(articles):
        sent = texts[aid][start:end]
        tf: dict[str, float] = {}
        for t in terms(sent):
            tf[t] = tf.get(t, 0.0) + 1.0
        vec = unit({t: c * (dfs.idf(t) if dfs else 1.0) for t, c in tf.items()})
        if not vec:
            continue
        relevance = dot(vec, unit(centroid)) + 0.1 / (1 + pos)
        pool.append((SummarySentence(sent, source, aid, start, end, round(relevance, 4)), vec))
    chosen: list[tuple[SummarySentence, dict[str, float]]] = []
    while pool and len(chosen) < k:
        best, best_value = None, float("-inf")
        for i, (cand, vec) in enumerate(pool):
            overlap = max((dot(vec, v) for _, v in chosen), default=0.0)
            if overlap >= REDUNDANT:
                continue
            value = MMR_LAMBDA * cand.score - (1 - MMR_LAMBDA) * overlap
            if any(c.source == cand.source for c, _ in chosen):
                value -= SAME_OUTLET_PENALTY
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(pool.pop(best))
    return [c for c, _ in chosen]
