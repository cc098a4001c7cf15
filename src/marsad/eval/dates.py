"""``marsad eval dates GOLD``: score date spans against a Wojood-style gold.

Format (EVAL_FORMATS.md, "dates"): ``token TAG [TAG …]`` per line, several tags mean nested
entities, a blank line ends a sentence, ``$#$ O`` lines end a segment and are skipped. Only DATE
spans count (IOB2, the DATE tag may sit in any column). marsad reads the sentence rebuilt from the
tokens (joined with single spaces), and a predicted character span becomes the tokens it touches.
Clock times (granularity ``time``) are Wojood's TIME type and are not predicted as DATE.
"""

from __future__ import annotations

import re

import time
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import GoldFormatError
from marsad.extract.dates import find_dates


@dataclass
class Sentence:
    tokens: list[str]
    spans: set[tuple[int, int]]  # gold DATE spans as half-open token ranges


_TAG = re.compile(r"^(?:O|[BI]-[A-Za-z0-9_]+)$")


def read_wojood(path: str | Path) -> list[Sentence]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read the gold file ({exc})") from exc
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    for no, line in enumerate(lines, start=1):
        parts = line.split()
        if not parts:
            _flush(rows, sentences)
            rows = []
            continue
        if len(parts) < 2:
            raise GoldFormatError(f"{path}:{no}: expected 'token TAG [TAG …]', got {line!r}")
        if parts[0] == "$#$":
            continue
        bad = next((t for t in parts[1:] if not _TAG.match(t)), None)
        if bad is not None:
            raise GoldFormatError(f"{path}:{no}: {bad!r} is not an IOB2 tag (O, B-TYPE or I-TYPE)")
        rows.append(parts)
    _flush(rows, sentences)
    if not sentences:
        raise GoldFormatError(f"{path}: no sentences found (expected 'token TAG' lines)")
    return sentences


def _flush(rows: list[list[str]], out: list[Sentence]) -> None:
    if rows:
        out.append(Sentence([r[0] for r in rows], _date_spans([r[1:] for r in rows])))


def _date_spans(tags: list[list[str]]) -> set[tuple[int, int]]:
    spans = set()
    n = len(tags)
    for i, row in enumerate(tags):
        begins = "B-DATE" in row or ("I-DATE" in row and (i == 0 or not _has_date(tags[i - 1])))
        if begins:
            j = i + 1
            while j < n and "I-DATE" in tags[j] and "B-DATE" not in tags[j]:
                j += 1
            spans.add((i, j))
    return spans


def _has_date(row: list[str]) -> bool:
    return "B-DATE" in row or "I-DATE" in row


def predict_spans(tokens: list[str]) -> set[tuple[int, int]]:
    """Token spans of the dates the grammar finds in the sentence rebuilt from ``tokens``."""
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    spans = set()
    for expr in find_dates(text):
        if expr.granularity == "time":
            continue
        covered = [i for i, a in enumerate(starts) if a < expr.end and a + len(tokens[i]) > expr.start]
        if covered:
            spans.add((covered[0], covered[-1] + 1))
    return spans


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _overlap_matches(gold: set, pred: set) -> int:
    """Greedy one-to-one matching of spans that share a token."""
    used: set = set()
    hits = 0
    for g in sorted(gold):
        for p in sorted(pred):
            if p not in used and p[0] < g[1] and g[0] < p[1]:
                used.add(p)
                hits += 1
                break
    return hits


def score(golds: list[set], preds: list[set]) -> dict:
    n_gold = sum(len(g) for g in golds)
    n_pred = sum(len(p) for p in preds)
    exact = sum(len(g & p) for g, p in zip(golds, preds))
    overlap = sum(_overlap_matches(g, p) for g, p in zip(golds, preds))
    return {
        "task": "dates",
        "exact": _prf(exact, n_pred, exact, n_gold),
        "overlap": _prf(overlap, n_pred, overlap, n_gold),
        "spans": n_gold,
    }


def evaluate_dates(gold_path: str | Path) -> dict:
    sentences = read_wojood(gold_path)
    t0 = time.perf_counter()
    preds = [predict_spans(s.tokens) for s in sentences]
    seconds = time.perf_counter() - t0
    out = score([s.spans for s in sentences], preds)
    out["sentences"] = len(sentences)
    out["sentences_per_s"] = round(len(sentences) / seconds, 1) if seconds > 0 else 0.0
    return out


def errors(gold_path: str | Path) -> list[tuple[str, list[str], list[str]]]:
    """(sentence, gold span texts, predicted span texts) for every sentence where they differ."""
    out = []
    for s in read_wojood(gold_path):
        pred = predict_spans(s.tokens)
        if pred != s.spans:
            show = lambda spans: [" ".join(s.tokens[a:b]) for a, b in sorted(spans)]  # noqa: E731
            out.append((" ".join(s.tokens), show(s.spans - pred), show(pred - s.spans)))
    return out
