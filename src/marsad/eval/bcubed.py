"""BCubed precision, recall and F1 for a clustering against gold classes (Bagga & Baldwin 1998;
Amigó et al. 2009). Each item scores the share of its predicted cluster that shares its gold class
(precision) and the share of its gold class that shares its predicted cluster (recall); both are
averaged over the items. Only items with a gold class count: predicted clusters are restricted to them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Hashable, Mapping


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    """``gold`` and ``pred`` map item → cluster label. Items missing from ``pred`` are singletons."""
    items = list(gold)
    if not items:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    pred_of = {i: pred.get(i, ("__alone__", i)) for i in items}
    gold_size = Counter(gold[i] for i in items)
    pred_size = Counter(pred_of[i] for i in items)
    both = Counter((gold[i], pred_of[i]) for i in items)
    p = sum(both[(gold[i], pred_of[i])] / pred_size[pred_of[i]] for i in items) / len(items)
    r = sum(both[(gold[i], pred_of[i])] / gold_size[gold[i]] for i in items) / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def clusters(labels: Mapping[str, Hashable]) -> dict[Hashable, list[str]]:
    out: dict[Hashable, list[str]] = defaultdict(list)
    for item, label in labels.items():
        out[label].append(item)
    return dict(out)
