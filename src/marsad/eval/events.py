"""``marsad eval events GOLD``: meetings, calls, visits, press conferences and messages.

A predicted event matches a gold event of the same document when the kind is equal and their
participants share at least min(2, number of gold participants) family names (last token of the
scoring-normalised name); pairs are one-to-one, greedily by the number of shared names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.errors import GoldFormatError
from marsad.eval.common import prf, score_normalize
from marsad.eval.quotes import read_gold

KINDS = ("meeting", "call", "visit", "press_conference", "message")


def families(names: list[str]) -> set[str]:
    out = set()
    for name in names or []:
        words = score_normalize(name).split()
        if words:
            out.add(words[-1])
    return out


def _gold_events(path: Path, n: int, doc: dict) -> list[dict]:
    events = doc.get("events", [])
    if not isinstance(events, list):
        raise GoldFormatError(f"{path}:{n}: 'events' must be a list")
    for e in events:
        if not isinstance(e, dict) or e.get("kind") not in KINDS:
            raise GoldFormatError(f"{path}:{n}: every event needs a kind in {KINDS}")
        if not isinstance(e.get("participants"), list):
            raise GoldFormatError(f"{path}:{n}: every event needs a 'participants' list")
    return events


def match_events(gold: list[dict], pred: list[tuple[str, list[str]]]) -> list[tuple[int, int]]:
    cands = []
    for gi, g in enumerate(gold):
        gf = families(g["participants"])
        need = min(2, len(gf))
        for pi, (kind, people) in enumerate(pred):
            shared = len(gf & families(people))
            if kind == g["kind"] and shared >= need:
                cands.append((shared, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for shared, gi, pi in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def evaluate_events(gold_path: Path, *, details: bool = False) -> dict[str, Any]:
    from marsad.eval.pipeline_runner import GoldPipeline

    pipe = GoldPipeline()
    tp = n_pred = n_gold = docs = 0
    per_doc = []
    for n, doc in read_gold(gold_path):
        gold = _gold_events(gold_path, n, doc)
        article = pipe.article(doc, origin=str(gold_path), record=f"line {n}")
        pred = [(e.kind, e.participants) for e in article.events]
        pairs = match_events(gold, pred)
        docs += 1
        tp += len(pairs)
        n_gold += len(gold)
        n_pred += len(pred)
        if details:
            mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
            per_doc.append({
                "id": doc.get("id"),
                "missed": [(e["kind"], e["participants"]) for i, e in enumerate(gold) if i not in mg],
                "spurious": [p for i, p in enumerate(pred) if i not in mp],
            })
    result: dict[str, Any] = {"task": "events", **prf(tp, n_pred, n_gold), "docs": docs, "stages": pipe.ran}
    if details:
        result["details"] = per_doc
    return result
