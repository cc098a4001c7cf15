"""A prior for document frequencies, so a fresh archive does not start with every word equally rare.

When the NER word-cluster file is installed (``marsad.extract.ner.data/clusters.tsv``, corpus word
counts of SaudiNewsNet news) its counts become pseudo-document frequencies: a word seen ``c`` times in
a corpus of ``CORPUS_DOCS`` articles is expected in about ``DOCS * (1 - exp(-c / CORPUS_DOCS))`` of
``DOCS`` pseudo-articles (a Poisson guess). The prior is blended with the archive's own counts, so its
weight fades as the archive grows. Without the file the prior is empty and nothing else changes.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

PRIOR_DOCS = 2000  # the prior weighs like this many articles
CORPUS_DOCS = 26_000  # articles behind the counts (SaudiNewsNet)


def clusters_file() -> Path | None:
    try:
        import marsad.extract.ner as ner
    except ImportError:  # the NER package is optional for clustering
        return None
    path = Path(ner.__file__).parent / "data" / "clusters.tsv"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """Normalised word (taa marbuta as ه) → corpus count; empty when no counts ship."""
    from marsad.arabic.normalize import normalize

    path = clusters_file()
    if path is None:
        return {}
    out: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].isdigit() and not line.startswith("#"):
            w = normalize(parts[0], taa_marbuta=True)
            out[w] = out.get(w, 0) + int(parts[1])
    return out


@lru_cache(maxsize=1)
def prior_df() -> dict[str, float]:
    """Stem → pseudo document frequency out of :data:`PRIOR_DOCS` (empty when no counts ship)."""
    from marsad.stories.features import stem

    counts: dict[str, float] = {}
    for word, c in word_counts().items():
        s = stem(word)
        if s:
            counts[s] = counts.get(s, 0.0) + c
    return {s: PRIOR_DOCS * (1.0 - math.exp(-c / CORPUS_DOCS)) for s, c in counts.items()}
