"""How outlets frame what they cover: distinguishing terms, contested labels and scare quotes.

- :func:`distinguishing_terms`: weighted log-odds ratios with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words", §3.5.1) of word unigrams and bigrams, one outlet
  (or any group of articles) against all the others. The prior is the pooled word distribution of
  every article given, scaled to ``prior_weight`` pseudo-counts, so rare words are shrunk towards
  "no difference" and the z-score (log-odds over its standard deviation) is comparable across words.
- :func:`lexicon_usage`: per outlet, the framing-lexicon labels it uses (marsad.arabic.framing),
  with counts and example sentences.
- :func:`mark_usage`: per outlet, what its quotation marks do (marsad.stories.marks), with the
  scare quotes listed.
- :func:`framing_report`: the three together, as plain dicts ready for JSON, the CLI and the web.

Articles are anything with ``id``, ``source`` and ``text`` (``marsad.document.Article`` or dicts).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, asdict
from typing import Any, Iterable

from marsad.arabic.framing import find_labels
from marsad.arabic.normalize import normalize
from marsad.arabic.stopwords import STOPWORDS
from marsad.arabic.tokenize import sentences
from marsad.stories.marks import SCARE, classify_text

_WORD = re.compile(r"[\w\u0640]+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
MAX_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Term:
    term: str  # as most often written
    z: float  # weighted log-odds z-score (positive: typical of the group)
    count: int  # occurrences in the group
    count_rest: int  # occurrences in the other articles

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _field(article: Any, name: str) -> Any:
    return article.get(name) if isinstance(article, dict) else getattr(article, name, None)


def _tokens(text: str) -> list[tuple[str, str]]:
    """(normalised, surface) words, stopwords and numbers marked by an empty key."""
    out = []
    for m in _WORD.finditer(text):
        surface = m.group()
        key = normalize(surface, taa_marbuta=True)
        if (len(key) < 2 or not _ARABIC.search(key) or key in STOPWORDS
                or (key[0] == "و" and key[1:] in STOPWORDS)):
            key = ""
        out.append((key, surface))
    return out


def ngram_counts(text: str, surfaces: dict[str, Counter] | None = None) -> Counter:
    """Unigram and bigram counts of a text (bigrams never span a stopword or a number)."""
    counts: Counter = Counter()
    toks = _tokens(text)
    for i, (key, surface) in enumerate(toks):
        if not key:
            continue
        counts[key] += 1
        if surfaces is not None:
            surfaces[key][surface] += 1
        if i + 1 < len(toks) and toks[i + 1][0]:
            big = key + " " + toks[i + 1][0]
            counts[big] += 1
            if surfaces is not None:
                surfaces[big][surface + " " + toks[i + 1][1]] += 1
    return counts


def log_odds(focus: Counter, rest: Counter, prior: Counter, prior_weight: float = 500.0) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio of every word of ``focus`` ∪ ``rest`` (Monroe et al. 2008).

    δ_w = log((y_fw + α_w) / (n_f + α_0 − y_fw − α_w)) − log((y_rw + α_w) / (n_r + α_0 − y_rw − α_w)),
    σ²_w ≈ 1/(y_fw + α_w) + 1/(y_rw + α_w), z_w = δ_w / σ_w, with α_w = α_0 · prior share of w.
    """
    n_f, n_r, n_p = sum(focus.values()), sum(rest.values()), sum(prior.values())
    if not n_p:
        return {}
    z = {}
    for w in set(focus) | set(rest):
        a = prior_weight * prior[w] / n_p
        if a <= 0:
            continue
        yf, yr = focus[w], rest[w]
        d = math.log((yf + a) / (n_f + prior_weight - yf - a)) - math.log((yr + a) / (n_r + prior_weight - yr - a))
        z[w] = d / math.sqrt(1.0 / (yf + a) + 1.0 / (yr + a))
    return z


def distinguishing_terms(groups: dict[str, list[str]], *, top: int = 15, min_count: int = 2,
                         prior_weight: float = 500.0) -> dict[str, list[Term]]:
    """For each group of texts (an outlet's articles), the words most typical of it against the rest."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    counts = {g: sum((ngram_counts(t, surfaces) for t in texts), Counter()) for g, texts in groups.items()}
    total: Counter = sum(counts.values(), Counter())
    out: dict[str, list[Term]] = {}
    for g, focus in counts.items():
        rest = total - focus
        z = log_odds(focus, rest, total, prior_weight)
        ranked = sorted((w for w in z if focus[w] >= min_count and z[w] > 0), key=lambda w: (-z[w], w))
        out[g] = [Term(surfaces[w].most_common(1)[0][0], round(z[w], 3), focus[w], rest[w]) for w in ranked[:top]]
    return out


def _sentence_of(text: str, a: int, b: int) -> str:
    for s, e in sentences(text):
        if s <= a < e or s < b <= e:
            return text[s:max(e, b)].strip()
    return text[max(0, a - 80):b + 80].strip()


def lexicon_usage(articles: Iterable[Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """source → "group/label" → {group, label, frame, count, articles, examples: [{article_id, sentence, match}]}."""
    usage: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for art in articles:
        text, source = _field(art, "text") or "", _field(art, "source") or "?"
        for hit in find_labels(text):
            key = f"{hit.entry.group}/{hit.entry.label}"
            row = usage[source].setdefault(key, {"group": hit.entry.group, "label": hit.entry.label,
                                                 "frame": hit.entry.frame, "count": 0, "articles": set(), "examples": []})
            row["count"] += 1
            row["articles"].add(_field(art, "id"))
            if len(row["examples"]) < MAX_EXAMPLES and all(e["article_id"] != _field(art, "id") for e in row["examples"]):
                row["examples"].append({"article_id": _field(art, "id"), "sentence": _sentence_of(text, hit.start, hit.end),
                                        "match": text[hit.start:hit.end]})
    for rows in usage.values():
        for row in rows.values():
            row["articles"] = len(row["articles"])
    return {s: dict(sorted(rows.items(), key=lambda kv: -kv[1]["count"])) for s, rows in usage.items()}


def mark_usage(articles: Iterable[Any], *, max_examples: int = 10) -> dict[str, dict[str, Any]]:
    """source → {functions: {speech: n, …}, scare: n, articles: n, examples: [scare quotes with sentence]}."""
    out: dict[str, dict[str, Any]] = {}
    for art in articles:
        text, source = _field(art, "text") or "", _field(art, "source") or "?"
        row = out.setdefault(source, {"functions": Counter(), "scare": 0, "articles": 0, "examples": []})
        row["articles"] += 1
        for m in classify_text(text, source=source):
            row["functions"][m.function] += 1
            if m.function != SCARE:
                continue
            row["scare"] += 1
            if len(row["examples"]) < max_examples:
                row["examples"].append({"article_id": _field(art, "id"), "span": text[m.start:m.end], "rule": m.rule,
                                        "sentence": text[m.sentence_start:m.sentence_end]})
    for row in out.values():
        row["functions"] = dict(row["functions"])
        row["scare_per_article"] = round(row["scare"] / row["articles"], 3) if row["articles"] else 0.0
    return out


def framing_report(articles: list[Any], *, source: str | None = None, top: int = 15) -> dict[str, Any]:
    """Distinguishing terms, lexicon usage and scare quotes per outlet (only ``source`` when given,
    still compared with all the other outlets)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for art in articles:
        groups[_field(art, "source") or "?"].append(_field(art, "text") or "")
    terms = distinguishing_terms(groups, top=top) if len(groups) > 1 else {g: [] for g in groups}
    lexicon = lexicon_usage(articles)
    marks = mark_usage(articles)
    outlets = sorted(groups) if source is None else [source]
    return {
        "articles": len(articles),
        "outlets": [{"source": s, "articles": len(groups.get(s, [])),
                     "terms": [t.to_dict() for t in terms.get(s, [])],
                     "lexicon": list(lexicon.get(s, {}).values()),
                     "marks": marks.get(s, {"functions": {}, "scare": 0, "articles": 0, "examples": [], "scare_per_article": 0.0})}
                    for s in outlets],
    }


def archive_articles(archive: Any, *, source: str | None = None, story: int | None = None,
                     storyline: int | None = None) -> list[Any]:
    """The articles a framing report compares: a story's or storyline's members, else the whole
    archive (all outlets, since one outlet is always compared with the others)."""
    from marsad.errors import NotFound

    if story is None and storyline is None:
        return list(archive.iter_articles())
    sql = ("SELECT article_id FROM story_members WHERE story_id = ?" if story is not None else
           "SELECT article_id FROM story_members WHERE story_id IN (SELECT id FROM stories WHERE storyline = ?)")
    try:
        ids = [row[0] for row in archive.store.query(sql, (story if story is not None else storyline,))]
    except Exception as exc:  # no story tables yet (stories never ran on this archive)
        raise NotFound(f"no stories in this archive ({exc}); run `marsad stories --rebuild` first") from exc
    if not ids:
        what = f"story {story}" if story is not None else f"storyline {storyline}"
        raise NotFound(f"{what} not found; `marsad stories` lists them")
    return [archive.get(i) for i in ids]
