"""``marsad eval clean GOLD``: score the clean stage against a labelled gold (EVAL_FORMATS.md, "clean").

The pages of one gold file are one corpus: recurring lines are learned from all of them first (as an
archive would have learned them from earlier pages of each source), then every page is cleaned.
Kept lines (title + body) are compared with the gold title + body lines as multisets of lines under
the fixed scoring normalisation below, not marsad's own, so the scorer does not move with the system.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from marsad.clean.recurring import RecurringLearner
from marsad.clean.stage import clean_page
from marsad.errors import GoldFormatError

LABELS = ("title", "body", "dateline", "credit", "boilerplate")
_SCORING_MAP = {c: None for c in range(0x064B, 0x0653)}
_SCORING_MAP.update({0x0670: None, 0x0640: None})
_SCORING_MAP.update({ord(c): "ا" for c in "أإآٱ"})
_SCORING_MAP.update({ord("ى"): "ي", ord("ة"): "ه"})
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_WS = re.compile(r"\s+")


def scoring_form(text: str) -> str:
    """Diacritics and tatweel removed, alef/yaa/taa folded, quotes and punctuation removed, spaces folded."""
    out = _PUNCT.sub(" ", (text or "").translate(_SCORING_MAP))
    return _WS.sub(" ", out).strip()


@dataclass
class GoldPage:
    id: str
    source: str
    raw: str
    lines: list[tuple[str, str]]  # (text, label)


def read_gold(path: str | Path) -> list[GoldPage]:
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read the gold file: {exc}") from exc
    pages = []
    for no, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            pages.append(_gold_page(line, f"{path}:{no}"))
    if not pages:
        raise GoldFormatError(f"{path}: no pages (expected JSONL, one page per line)")
    return pages


def _gold_page(line: str, where: str) -> GoldPage:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(row, dict) or not isinstance(row.get("raw"), str) or not isinstance(row.get("lines"), list):
        raise GoldFormatError(f'{where}: expected an object with "id", "source", "raw" (string) and "lines" (list)')
    lines = []
    for k, item in enumerate(row["lines"]):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or item.get("label") not in LABELS:
            raise GoldFormatError(
                f'{where}: lines[{k}] must be {{"text": str, "label": one of {", ".join(LABELS)}}}'
            )
        lines.append((item["text"], item["label"]))
    return GoldPage(str(row.get("id", where)), str(row.get("source") or ""), row["raw"], lines)


@dataclass
class PageScore:
    id: str
    kept: int
    gold: int
    matched: int
    title_ok: bool
    body_lost: list[str]
    extra: list[str]  # kept lines the gold does not have as title or body


def score_page(gold: GoldPage, predicted_title: str | None, kept_lines: list[str]) -> PageScore:
    kept = Counter(scoring_form(t) for t in kept_lines if scoring_form(t))
    wanted = Counter(scoring_form(t) for t, label in gold.lines if label in ("title", "body") and scoring_form(t))
    body = Counter(scoring_form(t) for t, label in gold.lines if label == "body" and scoring_form(t))
    gold_titles = [scoring_form(t) for t, label in gold.lines if label == "title"]
    title_ok = scoring_form(predicted_title or "") == (gold_titles[0] if gold_titles else "")
    lost = body - kept
    return PageScore(
        gold.id,
        sum(kept.values()),
        sum(wanted.values()),
        sum((kept & wanted).values()),
        title_ok,
        list(lost.elements()),
        list((kept - wanted).elements()),
    )


def evaluate(path: str | Path) -> tuple[dict, list[PageScore]]:
    pages = read_gold(path)
    learner = RecurringLearner()
    for page in pages:  # pass 1: what the corpus teaches
        learner.add(page.source, page.raw)
    snapshot = learner.snapshot()
    scores = []
    for page in pages:  # pass 2: clean
        result = clean_page(page.raw, recurring=snapshot.for_source(page.source))
        scores.append(score_page(page, result.title, result.kept_lines()))
    return summarise(scores), scores


def summarise(scores: list[PageScore]) -> dict:
    kept = sum(s.kept for s in scores)
    gold = sum(s.gold for s in scores)
    matched = sum(s.matched for s in scores)
    p = matched / kept if kept else 0.0
    r = matched / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "task": "clean",
        "lines": {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)},
        "title_accuracy": round(sum(s.title_ok for s in scores) / len(scores), 4) if scores else 0.0,
        "body_lines_lost": sum(len(s.body_lost) for s in scores),
        "docs": len(scores),
    }


def format_table(summary: dict, scores: list[PageScore]) -> str:
    lines = [
        f"clean  docs={summary['docs']}",
        f"  lines  P={summary['lines']['p']:.4f}  R={summary['lines']['r']:.4f}  F1={summary['lines']['f1']:.4f}",
        f"  title accuracy  {summary['title_accuracy']:.4f}",
        f"  body lines lost {summary['body_lines_lost']}",
    ]
    for s in scores:
        if not s.title_ok or s.body_lost or s.kept != s.matched:
            lines.append(
                f"  - {s.id}: title {'ok' if s.title_ok else 'WRONG'}, kept {s.kept} (extra {s.kept - s.matched}), "
                f"lost {len(s.body_lost)}"
            )
            lines += [f"      extra: {t[:90]}" for t in s.extra]
            lines += [f"      lost:  {t[:90]}" for t in s.body_lost]
    return "\n".join(lines)
