"""What an article looks like to the story clusterer: weighted terms, entity keys and dates.

Terms are normalised Arabic words (alef/hamza/yaa forms and taa marbuta merged) with the article and
its fused prepositions stripped and one common plural/gender/relative suffix removed — a light stem,
so «المظاهرات» and «مظاهرة», «السعودية» and «سعودي» meet. A bare proclitic (و ف ب ل ك) is only
stripped when the corpus word counts (marsad.stories.prior.word_counts) say the remainder is a much more
common word than the whole — «وتحتجز» → «تحتجز», but «وزير», «وفد», «لبنان» stay whole. Function words and reporting
verbs are dropped (``data/stopwords_ar.txt``). Title words count more than body words because a
headline names the event; body words past the lead are down-weighted because long articles drift.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import words
from marsad.document import Article
from marsad.stories.prior import word_counts

CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
CLITIC_RATIO = 2  # the remainder must be this many times more frequent than the whole word
PREFIXES = ("وبال", "وكال", "وال", "بال", "كال", "فال", "لل", "ال")
SUFFIXES = ("يات", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "ه", "ي")
MIN_STEM = 3
TITLE_WEIGHT = 2.0  # a headline word counts like two lead words
LEAD_WORDS = 25  # the first sentence or two name the event: full weight
TAIL_WEIGHT = 0.1  # the rest of the body (background, reactions) adds little
MAX_BODY_WORDS = 1500  # longer texts add nothing but time


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("marsad.stories").joinpath("data/stopwords_ar.txt").read_text("utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        out.update(normalize(w, taa_marbuta=True) for w in line.split())
    return frozenset(out)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Stems of the place names in ``data/places_ar.txt`` (regions, cities, countries, capitals)."""
    text = resources.files("marsad.stories").joinpath("data/places_ar.txt").read_text("utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            out.update(terms(line))
    return frozenset(out)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stem of one normalised word ('' when it carries no topic)."""
    if word in stopwords():
        return ""
    if word.isdigit():
        return word if len(word) >= 2 else ""
    if not word.isalpha():
        return ""
    w = strip_clitic(word)
    for p in PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= MIN_STEM:
            w = w[len(p):]
            break
    for _ in range(2):  # «السعوديين» → سعودي → سعود, like «السعودية» → سعود
        for s in SUFFIXES:
            if w.endswith(s) and len(w) - len(s) >= MIN_STEM:
                w = w[: -len(s)]
                break
        else:
            break
    if len(w) < 2 or w in stopwords():
        return ""
    return w


def strip_clitic(word: str) -> str:
    if word.startswith(("ال", "وال", "بال", "فال", "كال", "لل")):
        return word  # the article rules below handle these
    counts = word_counts()
    if not counts:
        return word
    whole = counts.get(word, 0)
    for p in CLITICS:
        rest = word[len(p):]
        if word.startswith(p) and len(rest) >= MIN_STEM and counts.get(rest, 0) > max(CLITIC_RATIO * whole, 2):
            return rest
    return word


def terms(text: str) -> list[str]:
    """Stems of ``text`` in order (stop words dropped)."""
    out = []
    for w in words(normalize(text, taa_marbuta=True)):
        s = stem(w)
        if s:
            out.append(s)
    return out


@dataclass
class ArticleFeatures:
    """One article reduced to what clustering compares."""

    id: str
    source: str
    day: int  # proleptic ordinal of the published date (0 when unknown)
    title: str
    tf: dict[str, float]  # term → weighted count
    entities: frozenset[str] = field(default_factory=frozenset)
    dates: frozenset[str] = field(default_factory=frozenset)
    text_hash: str | None = None
    length: int = 0
    numbers: frozenset[str] = field(default_factory=frozenset)  # figures in the headline
    title_terms: frozenset[str] = field(default_factory=frozenset)
    published: str | None = None


def title_numbers(title: str) -> frozenset[str]:
    """Figures a headline gives («125 قاضيا», «67 مليار»): a shared one ties two reports to one event,
    different ones usually mean different events. Years and single digits say too little to count."""
    out = set()
    for w in words(normalize(title or "")):
        if w.isdigit() and len(w) >= 2 and not (len(w) == 4 and w[:2] in ("19", "20", "14")):
            out.add(w.lstrip("0") or "0")
    return frozenset(out)


def day_ordinal(published: str | None) -> int:
    from datetime import date

    if not published or len(published) < 10:
        return 0
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return 0


def term_counts(title: str, text: str) -> dict[str, float]:
    tf: Counter[str] = Counter()
    for t in terms(title or ""):
        tf[t] += TITLE_WEIGHT
    body = words(normalize(text[: MAX_BODY_WORDS * 12], taa_marbuta=True))[:MAX_BODY_WORDS]
    for i, w in enumerate(body):
        s = stem(w)
        if s:
            tf[s] += 1.0 if i < LEAD_WORDS else TAIL_WEIGHT
    return dict(tf)


def entity_keys(article: Article) -> frozenset[str]:
    keys = set()
    for m in article.mentions:
        key = m.entity_key or normalize(m.text, taa_marbuta=True)
        if key:
            keys.add(key)
    return frozenset(keys)


def date_values(article: Article) -> frozenset[str]:
    """Day-precise dates the article writes out in full (a shared «23 يوليو» is a same-event hint).
    Relative dates («اليوم», «أمس») are left out: anchored on the publication day, they are shared by
    every article of that day and would only lower the threshold for all of them."""
    return frozenset(d.value for d in article.dates
                     if d.value and len(d.value) == 10 and d.anchor == "absolute")


def featurize(article: Article) -> ArticleFeatures:
    return ArticleFeatures(
        id=article.id,
        source=article.source,
        day=day_ordinal(article.published),
        title=article.title or "",
        tf=term_counts(article.title or "", article.text or ""),
        entities=entity_keys(article),
        dates=date_values(article),
        text_hash=article.text_hash,
        length=len(article.text or ""),
        numbers=title_numbers(article.title or ""),
        title_terms=frozenset(terms(article.title or "")),
        published=article.published,
    )

