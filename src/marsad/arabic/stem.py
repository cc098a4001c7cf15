"""Light stemming for search: strip common proclitics and suffixes, never roots.

Follows the spirit of Larkey et al.'s "light10" stemmer (a published, widely used recipe for Arabic
retrieval): normalise, drop the definite article and conjunction/preposition prefixes, then peel at
most one attached pronoun, one plural/dual/feminine ending and one nisba «ي», each only while enough
letters remain. The lists below were written for marsad from standard Arabic grammar; as a set they
raised MRR@10 on both halves of ARCD train (A +1.0, B +0.1 points; docs/search.md). Additions:

- a word-final «يا» of a country name folds like the nisba «ية» (سوريا/سورية → سور), since outlets
  spell both;
- a feminine «ت» uncovered by removing a pronoun is the taa marbuta again (حكومتها → حكومة → حكوم);
- «ه» after the plural «ات» is a pronoun (مقالاته → مقالات → مقال);
- a «و» that would leave fewer than three letters belongs to the word (والده is not و + ال + ده);
- the accusative tanween alef (شرقاً) is dropped before normalising, so شرقاً and شرق meet.

Broken plurals (دول/دولة, مدن/مدينة) are out of reach of affix rules and are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.normalize import normalize

# Conjunction + preposition + article clusters, longest first; one of them at most.
_PREFIXES = ("وبال", "وكال", "ولل", "فبال", "فلل", "وال", "بال", "كال", "فال", "لل", "لال", "ال")
# Attached pronouns (ه is handled with the endings: after taa-marbuta folding it is ambiguous).
_PRONOUNS = ("هما", "كما", "ها", "هم", "هن", "كم", "نا")
# Sound plural, dual and feminine endings (ة is already ه).
_ENDINGS = ("ات", "ون", "ين", "ان", "ه")
_MIN = 3  # letters that must remain after any strip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TANWEEN_ALEF = re.compile("\u064b\u0627|\u0627\u064b")  # اً / ًا: accusative ending, not a letter


def _strip_prefix(word: str) -> str:
    w = word
    # و is a conjunction only when a real word remains (وزير and وقال keep theirs).
    if w[0] == "و" and (len(w) >= 5 or w.startswith("وال")):
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p):]
            break
    if word[0] == "و" and len(w) < 3:  # والده is «his father», not و + ال + ده
        return word
    return w


def _strip_suffixes(w: str) -> str:
    if w.endswith("اته") and len(w) - 3 >= _MIN:  # «ه» after the plural «ات» is a pronoun: مقالاته
        w = w[:-1]
    for s in _PRONOUNS:
        if w.endswith(s) and len(w) - len(s) >= _MIN + 1:
            w = w[: -len(s)]
            if w.endswith("ت"):  # حكومتها → حكومت → حكومه
                w = w[:-1] + "ه"
            break
    if w.endswith("يا") and len(w) - 2 >= _MIN:  # سوريا → سوري, like سورية → سوريه → سوري
        w = w[:-1]
    for s in _ENDINGS:
        if w.endswith(s) and len(w) - len(s) >= _MIN:
            w = w[: -len(s)]
            break
    if w.endswith("ي") and len(w) - 1 >= _MIN:  # nisba: مصري/مصرية/المصريين → مصر
        w = w[:-1]
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem one already-normalised word (see :func:`normalize` with ``taa_marbuta=True``)."""
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return word
    return _strip_suffixes(_strip_prefix(word))


def drop_tanween_alef(text: str) -> str:
    """``text`` without accusative tanween alefs (شرقاً → شرق); must run before diacritics go."""
    return _TANWEEN_ALEF.sub("", text)


def surface_words(text: str) -> list[str]:
    """Normalised (taa marbuta folded), unstemmed words of ``text``."""
    return _WORD.findall(normalize(drop_tanween_alef(text), taa_marbuta=True))


def analyze(text: str) -> list[str]:
    """Normalised, stemmed word stream of ``text`` (what the search index stores)."""
    return [stem(w) for w in surface_words(text)]


def matching_form(text: str) -> str:
    """The normalised form :func:`analyze` starts from (tanween alef dropped, taa marbuta folded)."""
    return normalize(drop_tanween_alef(text), taa_marbuta=True)


def analyze_matching_form(norm: str) -> list[str]:
    """:func:`analyze` of a text already in :func:`matching_form` (saves normalising twice)."""
    return [stem(w) for w in _WORD.findall(norm)]
