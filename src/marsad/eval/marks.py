"""``marsad eval marks GOLD``: score what marsad says each pair of quotation marks does.

Format (EVAL_FORMATS.md, "marks"): JSONL, one quoted span per line, ``{doc_id, source, sentence,
span, open, close, nth, function}``; ``span`` is the text between the marks ``open`` and ``close``
inside ``sentence`` (its ``nth`` occurrence there, from 0) and ``function`` one of speech, title,
scare, term. marsad classifies each span from its sentence and source
(:func:`marsad.stories.marks.classify`). Scores: accuracy, per-function P/R/F1 with the gold
support, and macro-F1 over the functions present in the gold.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import GoldFormatError
from marsad.stories.marks import FUNCTIONS, classify

REQUIRED = ("sentence", "span", "function")


@dataclass
class GoldSpan:
    doc_id: str
    source: str | None
    sentence: str
    start: int  # offsets of the span inside the sentence
    end: int
    function: str


def _locate(sentence: str, span: str, nth: int, open_mark: str | None) -> int:
    """Start offset of the ``nth`` occurrence of ``span``, preferring one right after the open mark."""
    starts = [i for i in range(len(sentence) - len(span) + 1) if sentence.startswith(span, i)]
    if open_mark:
        marked = [i for i in starts if i > 0 and sentence[i - 1] == open_mark]
        if len(marked) == len(starts) or nth < len(marked):
            starts = marked or starts
    if not starts:
        return -1
    return starts[min(nth, len(starts) - 1)]


def read_gold(path: str | Path) -> list[GoldSpan]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read the gold file ({exc})") from exc
    out = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{no}: not JSON ({exc.msg})") from exc
        missing = [k for k in REQUIRED if not isinstance(rec.get(k), str)]
        if missing:
            raise GoldFormatError(f"{path}:{no}: missing or non-string field(s) {', '.join(missing)}")
        if rec["function"] not in FUNCTIONS:
            raise GoldFormatError(f"{path}:{no}: function {rec['function']!r} is not one of {', '.join(FUNCTIONS)}")
        start = _locate(rec["sentence"], rec["span"], int(rec.get("nth") or 0), rec.get("open"))
        if start < 0:
            raise GoldFormatError(f"{path}:{no}: span not found in its sentence")
        out.append(GoldSpan(str(rec.get("doc_id", f"line {no}")), rec.get("source"), rec["sentence"],
                            start, start + len(rec["span"]), rec["function"]))
    if not out:
        raise GoldFormatError(f"{path}: no spans")
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "support": n_gold}


def score(gold: list[str], pred: list[str]) -> dict:
    pairs = list(zip(gold, pred))
    n_gold, n_pred = Counter(gold), Counter(pred)
    tp = Counter(g for g, p in pairs if g == p)
    per = {f: _prf(tp[f], n_pred[f], n_gold[f]) for f in FUNCTIONS if n_gold[f] or n_pred[f]}
    present = [per[f]["f1"] for f in FUNCTIONS if n_gold[f]]
    return {
        "task": "marks",
        "accuracy": round(sum(tp.values()) / len(pairs), 4) if pairs else 0.0,
        "macro_f1": round(sum(present) / len(present), 4) if present else 0.0,
        "per_function": per,
        "spans": len(pairs),
        "confusion": {g: dict(Counter(p for gg, p in pairs if gg == g)) for g in FUNCTIONS if n_gold[g]},
    }


def predict(spans: list[GoldSpan]) -> list[tuple[str, str]]:
    return [classify(s.sentence, s.start, s.end, source=s.source) for s in spans]


def evaluate_marks(gold_path: str | Path) -> dict:
    spans = read_gold(gold_path)
    preds = predict(spans)
    return score([s.function for s in spans], [p[0] for p in preds])


def errors(gold_path: str | Path) -> list[dict]:
    """The spans marsad got wrong, with the rule that decided (for docs and debugging)."""
    spans = read_gold(gold_path)
    out = []
    for s, (function, rule) in zip(spans, predict(spans)):
        if function != s.function:
            out.append({"doc_id": s.doc_id, "gold": s.function, "pred": function, "rule": rule,
                        "span": s.sentence[s.start:s.end], "before": s.sentence[max(0, s.start - 60):s.start]})
    return out
