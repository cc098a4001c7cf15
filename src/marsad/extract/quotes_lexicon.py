"""Is this word probably part of a person's name? A corpus-learned signal for the name heuristics.

The NER owner's word clusters (:mod:`marsad.extract.ner.clusters`, learned without labels from
SaudiNewsNet) put most family names in a few clusters («الحمادي», «العطاس», «لافروف», «شكري» …).
Which clusters those are is found at load time from a short list of well-known names, so the signal
survives re-clustering; when the clusters file is missing every answer is False and the extractor
falls back to titles and first names.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.arabic.roles import FIRST_NAMES

# Well-known family names used only to find the name clusters (not a gazetteer).
SEED_FAMILIES = tuple(normalize(w) for w in """لافروف شكري السيسي الجبير بوتين اوباما ترامب الأسد
الفالح العساف الحمادي نتنياهو عباس الحوثي هادي ظريف كيري روحاني أردوغان ميركل هولاند كاميرون العبادي
المالكي البغدادي الظواهري القذافي حفتر السراج المعلم الجعفري الزياني الطيب الفيصل العثيمين القصبي
الربيعة الخطيب القحطاني الغامدي الدوسري العتيبي الشمري الزهراني""".split())
MIN_SEEDS = 5  # a cluster holding at least this many seed names is a name cluster


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    try:
        from marsad.extract.ner.clusters import CLUSTERS_PATH

        rows = [line.rstrip("\n").split("\t") for line in open(CLUSTERS_PATH, encoding="utf-8")
                if not line.startswith("#")]
    except (ImportError, OSError):
        return frozenset()
    cluster = {r[0]: r[3] for r in rows if len(r) > 3}
    hits = Counter(cluster[w] for w in SEED_FAMILIES if w in cluster)
    hits.update(cluster[w] for w in FIRST_NAMES if w in cluster)
    name_clusters = {c for c, n in hits.items() if n >= MIN_SEEDS}
    return frozenset(w for w, c in cluster.items() if c in name_clusters and len(w) > 2)


def name_like(word_norm: str) -> bool:
    """True when the (normalised, conjunction-free) word sits in a name cluster."""
    return word_norm in _name_words()


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    try:
        from marsad.arabic.clitics import default_lexicon

        return default_lexicon().counts
    except (ImportError, OSError):
        return {}


def word_count(word_norm: str) -> int:
    """Corpus count of a normalised word (0 when unknown or without the clusters file)."""
    return _counts().get(word_norm, 0)
