"""Light stemming for search: strip common proclitics and suffixes, never roots.

Follows the spirit of Larkey et al.'s "light10" stemmer (a published, widely used recipe for Arabic
retrieval): normalise, drop the definite article and conjunction/preposition prefixes, drop a short
list of suffixes while at least three letters remain. Added for news search: a word-final «يا» of a
country name folds like the nisba «ية» (سوريا/سورية → سوري), since outlets spell both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.normalize import normalize

# Longest first; each applies only when at least three letters remain.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يا", "ه")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem one already-normalised word (see :func:`normalize` with ``taa_marbuta=True``)."""
    w = word
    if not w or not ("\u0600" <= w[0] <= "\u06ff"):
        return w
    # و is a conjunction only when a real word remains (وزير and وقال keep theirs).
    if w[0] == "و" and (len(w) >= 5 or w.startswith("وال")):
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            if s == "يا":  # سوريا → سوري, like سورية → سوريه → سوري
                w += "ي"
            break
    return w


def analyze(text: str) -> list[str]:
    """Normalised, stemmed word stream of ``text`` (what the search index stores)."""
    return [stem(w) for w in _WORD.findall(normalize(text, taa_marbuta=True))]
