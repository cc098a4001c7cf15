"""Document consistency: the second-stage features (Krishnan & Manning 2006).

A name is usually written the same way several times in one article, but only some occurrences
have a telling context («وزير الخارجية سامح شكري» … «وقال شكري»). The first-stage CRF tags each
sentence alone; the second stage sees, for every word, the labels the first stage gave the *other*
occurrences of the same stem in the document (and those of its neighbours), so an occurrence with
a weak context can follow the confident ones.

A document is an article; in a CoNLL file (ANERcorp has no document markers) it is the window of
``WINDOW`` sentences either side, about the length of a news article. While training, the
first-stage labels come from models that did not see the sentences they label (jackknife), so the
second stage learns how far to trust realistic first-stage mistakes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import chain

WINDOW = 5  # sentences either side: ~11 ANERcorp sentences ≈ 340 tokens, one news article
OCCURRENCES_CAP = 3  # "ag#=" counts the other occurrences of a stem up to this many


def _type(tag: str) -> str:
    return tag[2:] if tag != "O" else "O"


def _verdict(counts: dict[str, int], own: str) -> str | None:
    """The document's verdict on a stem from the labels of its occurrences other than this one
    (labelled ``own``), or None if it has none: the most frequent entity type with how much of the
    stem it covers, or plain O."""
    best, n_best, n_o = None, 0, counts.get("O", 0) - (own == "O")
    for typ, n in sorted(counts.items()):
        n -= typ == own
        if typ != "O" and n > n_best:
            best, n_best = typ, n
    if best is None:
        return "O" if n_o > 0 else None
    return best + (":all" if n_o <= 0 else ":most" if n_best >= n_o else ":some")


def _disagrees(verdict: str | None, own: str) -> bool:
    """Whether the second stage may change this token: the document's verdict is another label,
    except a minority entity reading of a word the first stage left O (common words that sometimes
    start a name, «البنك»). Re-tagging those too would double the share of SaudiNewsNet sentences
    that go through the second stage (21 % → 40 %) for the same dev score (docs/ner.md)."""
    if verdict is None or verdict.split(":")[0] == own:
        return False
    return not (own == "O" and verdict.endswith(":some"))


def _add(total: dict[str, dict[str, int]], stems: list[str], tags: list[str], sign: int) -> None:
    for s, t in zip(stems, tags):
        if len(s) > 1:
            counts = total.get(s)
            if counts is None:
                counts = total[s] = {}
            typ = _type(t)
            counts[typ] = counts.get(typ, 0) + sign


def _sliding(n: int, window: int | None, add) -> Iterator[int]:
    """Sentence indices 0…n-1; before each index i is handed out, ``add(j, +1)`` has been called for
    the sentences entering the window [i - window, i + window] and ``add(j, -1)`` for those leaving
    it (``window`` None: every sentence, one document)."""
    if window is None:
        window = n
    lo = hi = 0  # the window is sentences [lo, hi)
    for i in range(n):
        while hi < min(n, i + window + 1):
            add(hi, 1)
            hi += 1
        while lo < i - window:
            add(lo, -1)
            lo += 1
        yield i


def document_verdicts(stems: list[list[str]], tags: list[list[str]], window: int | None = None,
                      ) -> tuple[list[list[str | None]], list[bool]]:
    """Per sentence, per token, the document's verdict on the token's stem (from the first-stage
    labels of its other occurrences); and per sentence whether a verdict differs from the
    first-stage label (only those sentences need the second stage: elsewhere it would confirm
    what the first stage said).

    ``window`` None: all sentences are one document (an article); else ±``window`` sentences.
    Training and CoNLL scoring use this; tagging an article uses the faster ``article_retag``."""
    total: dict[str, dict[str, int]] = {}
    memo: dict[tuple[str, str], tuple[str | None, bool]] = {}  # (stem, tag) → (verdict, disagrees)
    verdicts: list[list[str | None]] = []
    differs: list[bool] = []
    for i in _sliding(len(stems), window, lambda j, sign: _add(total, stems[j], tags[j], sign)):
        ss, ts = stems[i], tags[i]
        memo.clear()  # the counts move with the window: verdicts must be recomputed
        row: list[str | None] = []
        differ = False
        for s, t in zip(ss, ts):
            got = memo.get((s, t))
            if got is None:
                own = _type(t)
                v = _verdict(total[s], own) if len(s) > 1 else None
                got = memo[(s, t)] = (v, _disagrees(v, own))
            row.append(got[0])
            differ = differ or got[1]
        verdicts.append(row)
        differs.append(differ)
    return verdicts, differs


def article_retag(stems: list[list[str]], tags: list[list[str]]) -> list[list[str | None] | None]:
    """``document_verdicts`` of a whole article, reduced to what tagging needs: per sentence its
    verdict row if it must be re-tagged, else None. Faster because most stems were never tagged
    as an entity: such a stem (always labelled O) gets the verdict O when it occurs again, else
    none, and never disagrees, so only sentences holding an entity-tagged stem are examined."""
    counts = Counter(chain.from_iterable(stems))
    entity: dict[str, dict[str, int]] = {}  # stem → its label counts, for stems tagged as an entity
    for ss, ts in zip(stems, tags):
        if ts.count("O") != len(ts):
            for s, t in zip(ss, ts):
                if t != "O" and len(s) > 1:
                    by_type = entity.setdefault(s, {})
                    by_type[t[2:]] = by_type.get(t[2:], 0) + 1
    for s, by_type in entity.items():
        by_type["O"] = counts[s] - sum(by_type.values())
    memo: dict[tuple[str, str], tuple[str | None, bool]] = {}  # (stem, tag) → (verdict, disagrees)

    def judge(s: str, t: str) -> tuple[str | None, bool]:
        got = memo.get((s, t))
        if got is None:
            own = _type(t)
            v = _verdict(entity[s], own)
            got = memo[(s, t)] = (v, _disagrees(v, own))
        return got

    rows: list[list[str | None] | None] = []
    for ss, ts in zip(stems, tags):
        if entity.keys().isdisjoint(ss) or not any(judge(s, t)[1] for s, t in zip(ss, ts) if s in entity):
            rows.append(None)
            continue
        rows.append([judge(s, t)[0] if s in entity else "O" if len(s) > 1 and counts[s] > 1 else None
                     for s, t in zip(ss, ts)])
    return rows


def token_features(verdicts: list[str | None]) -> list[list[str]]:
    """The second-stage features of one sentence's tokens: their own verdict and their
    neighbours' entity verdicts."""
    out = []
    n = len(verdicts)
    for k in range(n):
        f = ["dv=" + verdicts[k]] if verdicts[k] else []
        if k > 0 and verdicts[k - 1] not in (None, "O"):
            f.append("-1dv=" + verdicts[k - 1])
        if k < n - 1 and verdicts[k + 1] not in (None, "O"):
            f.append("+1dv=" + verdicts[k + 1])
        out.append(f)
    return out


def document_features(stems: list[list[str]], tags: list[list[str]], window: int | None = None,
                      ) -> tuple[list[list[list[str]]], list[bool]]:
    """``document_verdicts`` turned into features for every sentence (training)."""
    verdicts, differs = document_verdicts(stems, tags, window)
    return [token_features(v) for v in verdicts], differs


def context_aggregates(occurrences: list[list[tuple[str, str, str] | None]], window: int | None = None,
                       ) -> list[list[list[str]]]:
    """First-stage features from the document (group "aggregate"; Ratinov & Roth 2009, "context
    aggregation"): for every token, the classes of the words beside the *other* occurrences of its
    stem in the document. A name written four times in a match report may have a telling
    neighbour only once («نادي بنفيكا» … «بنفيكا» … «بنفيكا»); the document-consistency stage
    cannot spread a label that the first stage never gave, but these features let each occurrence
    see the telling neighbour. They use no labels, so the first stage can have them.

    ``occurrences``: per sentence, per token, (stem, class of the word before, class of the word
    after) or None for tokens that take no part (function words, punctuation). ``window``: as in
    ``document_verdicts``."""
    total: dict[str, Counter[str]] = {}

    def add(j: int, sign: int) -> None:
        for occ in occurrences[j]:
            if occ:
                counts = total.get(occ[0])
                if counts is None:
                    counts = total[occ[0]] = Counter()
                counts["-1=" + occ[1]] += sign
                counts["+1=" + occ[2]] += sign
                counts["#"] += sign

    out: list[list[list[str]]] = []
    for i in _sliding(len(occurrences), window, add):
        feats: list[list[str]] = []
        for occ in occurrences[i]:
            f: list[str] = []
            if occ:
                counts = total[occ[0]]
                others = counts["#"] - 1
                if others > 0:
                    f.append("ag#=%d" % min(others, OCCURRENCES_CAP))
                    own = ("-1=" + occ[1], "+1=" + occ[2])
                    f += ["ag" + key for key, v in counts.items() if key != "#" and v - own.count(key) > 0]
            feats.append(f)
        out.append(feats)
    return out
