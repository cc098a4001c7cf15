"""Shared pieces of the quality harnesses: the fixed scoring normalisation, P/R/F1, latency
percentiles. The scoring normalisation is deliberately NOT marsad's own, so that the scorer does not
move with the system it scores (EVAL_FORMATS.md)."""

from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_WS = re.compile(r"\s+")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def score_normalize(text: str) -> str:
    text = _DIACRITICS.sub("", text).translate(_LETTERS)
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
    text = _PUNCT.sub(" ", text)
    return _WS.sub(" ", text).strip()


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    xs = sorted(values)
    k = (len(xs) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
