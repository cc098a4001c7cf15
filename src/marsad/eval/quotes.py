"""``marsad eval quotes GOLD``: who said what, scored as EVAL_FORMATS.md "quotes" specifies.

A predicted quote matches a gold quote when their content spans overlap by at least half of the
shorter one, counted in characters of the scoring normalisation; pairs are made one-to-one, greedily
by overlap. Spans are compared inside the gold document's ``text``: the pipeline may clean the page,
so a predicted content (an exact substring of the clean text) is located in the gold text through
the scoring normalisation.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from marsad.errors import GoldFormatError
from marsad.eval.common import prf, score_normalize

_DROP = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0640"}
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# Words that describe rather than name a speaker, in scoring-normalised form (EVAL_FORMATS.md).
GENERIC = frozenset(score_normalize(w) for w in """وزارة الوزارة المتحدث متحدث باسم مصدر مصادر المصدر
المصادر الرسمي الرسمية رسمي مسؤول المسؤول بيان البيان صادر الصادر عن في من وزير الوزير رئيس الرئيس
المتحدثة الناطق ناطق""".split())


def norm_with_map(text: str) -> tuple[str, list[int]]:
    """The scoring normalisation of ``text`` with, for each output character, its source index."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        ch = ch.translate(_LETTERS)
        if ch.isspace() or unicodedata.category(ch).startswith("P") or (not ch.isalnum() and ch != " "):
            ch = " "
        if ch == " " and (not out or out[-1] == " "):
            continue
        out.append(ch)
        where.append(i)
    return "".join(out), where


class DocSpace:
    """Locates strings of a document in its normalised form."""

    def __init__(self, text: str):
        self.norm, _ = norm_with_map(text)

    def find(self, fragment: str, hint: int = 0) -> tuple[int, int] | None:
        needle = score_normalize(fragment)
        if not needle:
            return None
        at = self.norm.find(needle, max(0, hint))
        if at < 0:
            at = self.norm.find(needle)
        return (at, at + len(needle)) if at >= 0 else None


def read_gold(path: Path) -> Iterator[tuple[int, dict]]:
    """Yield (line number, document); a malformed line is a GoldFormatError naming file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{n}: not JSON: {exc.msg}") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise GoldFormatError(f"{path}:{n}: a document needs a string 'text'")
        yield n, doc


def _gold_quotes(path: Path, n: int, doc: dict) -> list[dict]:
    quotes = doc.get("quotes", [])
    if not isinstance(quotes, list):
        raise GoldFormatError(f"{path}:{n}: 'quotes' must be a list")
    for q in quotes:
        if not isinstance(q, dict) or not isinstance(q.get("content"), str):
            raise GoldFormatError(f"{path}:{n}: every quote needs a string 'content'")
        if q["content"] not in doc["text"]:
            raise GoldFormatError(f"{path}:{n}: quote content is not a substring of text: {q['content'][:40]!r}")
    return quotes


def family_or_content_match(gold: str | None, pred: str | None) -> bool:
    """Same family name (last token), or a shared content word once generic words are set aside."""
    g, p = score_normalize(gold or "").split(), score_normalize(pred or "").split()
    if not g or not p:
        return False
    if g[-1] == p[-1]:
        return True
    strip = lambda ws: {w[2:] if w.startswith("ال") and len(w) > 4 else w for w in ws if w not in GENERIC}
    return bool(strip(g) & strip(p))


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) overlapping by ≥ half the shorter, greedy by overlap."""
    cands = []
    for gi, (ga, gb) in enumerate(gold):
        for pi, (pa, pb) in enumerate(pred):
            ov = min(gb, pb) - max(ga, pa)
            if ov > 0 and ov * 2 >= min(gb - ga, pb - pa):
                cands.append((ov, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for ov, gi, pi in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def evaluate_quotes(gold_path: Path, *, details: bool = False) -> dict[str, Any]:
    from marsad.eval.pipeline_runner import GoldPipeline

    pipe = GoldPipeline()
    tp = n_pred = n_gold = speaker_ok = kind_ok = docs = 0
    per_doc = []
    for n, doc in read_gold(gold_path):
        gold = _gold_quotes(gold_path, n, doc)
        article = pipe.article(doc, origin=str(gold_path), record=f"line {n}")
        space = DocSpace(doc["text"])
        g_spans = [space.find(q["content"]) for q in gold]
        preds = [(q, article.text[q.content_start : q.content_end]) for q in article.quotes]
        p_spans = [space.find(c) for _, c in preds]
        keep_g = [i for i, s in enumerate(g_spans) if s]
        keep_p = [i for i, s in enumerate(p_spans) if s]
        pairs = match_spans([g_spans[i] for i in keep_g], [p_spans[i] for i in keep_p])
        docs += 1
        n_gold += len(gold)
        n_pred += len(preds)
        tp += len(pairs)
        for gi, pi in pairs:
            g, (p, _) = gold[keep_g[gi]], preds[keep_p[pi]]
            speaker_ok += family_or_content_match(g.get("speaker"), p.speaker)
            kind_ok += g.get("kind") == p.kind
        if details:
            per_doc.append(_doc_detail(doc, gold, preds, keep_g, keep_p, pairs))
    result: dict[str, Any] = {
        "task": "quotes",
        "content": prf(tp, n_pred, n_gold),
        "speaker_accuracy": round(speaker_ok / tp, 4) if tp else 0.0,
        "kind_accuracy": round(kind_ok / tp, 4) if tp else 0.0,
        "docs": docs,
        "stages": pipe.ran,
    }
    if details:
        result["details"] = per_doc
    return result


def _doc_detail(doc, gold, preds, keep_g, keep_p, pairs) -> dict:
    matched_g = {keep_g[g] for g, _ in pairs}
    matched_p = {keep_p[p] for _, p in pairs}
    return {
        "id": doc.get("id"),
        "missed": [q["content"][:60] for i, q in enumerate(gold) if i not in matched_g],
        "spurious": [c[:60] for i, (_, c) in enumerate(preds) if i not in matched_p],
        "speaker_wrong": [
            (gold[keep_g[g]].get("speaker"), preds[keep_p[p]][0].speaker) for g, p in pairs
            if not family_or_content_match(gold[keep_g[g]].get("speaker"), preds[keep_p[p]][0].speaker)
        ],
    }
