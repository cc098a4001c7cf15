"""``marsad eval dedup GOLD --corpus CORPUS``: are copies grouped, and only copies?

GOLD is JSONL of labelled pairs ``{"a", "b", "label"}`` (label ``duplicate``, ``same_story`` or
``unrelated``); CORPUS is JSONL articles ``{"id", "source", "published", "title", "text"}``. The corpus
is ingested into a fresh temporary archive through the normal pipeline (clean included); a pair is
predicted positive when both articles share a duplicate group (exact or near). Positives are the
``duplicate`` pairs. Format: ``EVAL_FORMATS.md`` § dedup.

Two faster variants serve development: :func:`evaluate_memory` runs only the near-duplicate index on
the raw corpus texts, and :func:`containment_baseline` is the plain word-trigram containment
threshold the issue compares against.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from marsad.errors import GoldFormatError

LABELS = ("duplicate", "same_story", "unrelated")


@dataclass
class GoldPair:
    a: str
    b: str
    label: str

    @property
    def positive(self) -> bool:
        return self.label == "duplicate"


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GoldFormatError(f"{path}: cannot read: {e}") from e
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFormatError(f"{path}:{n}: not JSON: {e.msg}") from e
        if not isinstance(obj, dict):
            raise GoldFormatError(f"{path}:{n}: expected a JSON object")
        rows.append((n, obj))
    return rows


def read_pairs(path: str | Path) -> list[GoldPair]:
    pairs = []
    for n, obj in _read_jsonl(Path(path)):
        a, b, label = obj.get("a"), obj.get("b"), obj.get("label")
        if not isinstance(a, str) or not isinstance(b, str) or not a or not b:
            raise GoldFormatError(f"{path}:{n}: a pair needs string fields \"a\" and \"b\"")
        if label not in LABELS:
            raise GoldFormatError(f"{path}:{n}: label must be one of {', '.join(LABELS)}, got {label!r}")
        pairs.append(GoldPair(a, b, label))
    if not pairs:
        raise GoldFormatError(f"{path}: no pairs")
    return pairs


def read_corpus(path: str | Path) -> list[dict]:
    docs = []
    for n, obj in _read_jsonl(Path(path)):
        if not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
            raise GoldFormatError(f"{path}:{n}: an article needs string fields \"id\" and \"text\"")
        docs.append(obj)
    return docs


def check_ids(pairs: list[GoldPair], corpus: list[dict], gold: str) -> None:
    known = {d["id"] for d in corpus}
    for i, p in enumerate(pairs, 1):
        for x in (p.a, p.b):
            if x not in known:
                raise GoldFormatError(f"{gold}: pair {i} names {x!r}, which is not in the corpus")


def score(pairs: list[GoldPair], same_group: Callable[[str, str], bool]) -> dict:
    tp = fp = fn = 0
    for p in pairs:
        predicted = same_group(p.a, p.b)
        tp += predicted and p.positive
        fp += predicted and not p.positive
        fn += (not predicted) and p.positive
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"task": "dedup", "p": round(prec, 4), "r": round(rec, 4), "f1": round(f1, 4), "pairs": len(pairs),
            "tp": tp, "fp": fp, "fn": fn}


def evaluate_memory(pairs: list[GoldPair], corpus: list[dict]) -> dict:
    """Score the in-memory near-duplicate index on the corpus texts as given (no clean stage)."""
    from marsad.dedup.groups import Member, copy_pairs
    from marsad.dedup.index import MemoryIndex

    index = MemoryIndex()
    for d in sorted(corpus, key=lambda d: (d.get("published") or "", d["id"])):
        index.add(Member(d["id"], d.get("source") or "unknown", d.get("published")), d["text"])
    together = copy_pairs(index.groups())
    return score(pairs, lambda a, b: frozenset((a, b)) in together)


def containment_baseline(pairs: list[GoldPair], corpus: list[dict], threshold: float) -> dict:
    """Plain word-trigram containment of the smaller text in the larger, over one threshold."""
    from marsad.dedup.shingles import text_shingles

    texts = {d["id"]: d["text"] for d in corpus}
    cache: dict[str, set[int]] = {}

    def shingles(x: str) -> set[int]:
        if x not in cache:
            cache[x] = set(text_shingles(texts[x]))
        return cache[x]

    def same(a: str, b: str) -> bool:
        sa, sb = shingles(a), shingles(b)
        if not sa or not sb:
            return False
        return len(sa & sb) / min(len(sa), len(sb)) >= threshold

    return score(pairs, same)


def write_corpus_for_ingest(corpus: list[dict], folder: Path) -> Path:
    """The corpus as JSONL the reader ingests, the gold id kept as the record id. Each record gets a
    URL of its own (its own, or one made from its id): an article's id hashes source, URL and text, so
    without it two records of one outlet with the same text would be stored as one article and the
    gold could not name the second."""
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for d in corpus:
            row = {"id": d["id"], "source": d.get("source") or "unknown", "published": d.get("published"),
                   "title": d.get("title") or "", "text": d["text"],
                   "url": d.get("url") or f"urn:marsad-eval:{d['id']}"}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def evaluate_archive(pairs: list[GoldPair], corpus: list[dict]) -> dict:
    """Ingest the corpus into a fresh temporary archive and score its duplicate groups."""
    import marsad
    from marsad.dedup.queries import copy_pairs
    from marsad.pipeline import FAST_STAGES

    with tempfile.TemporaryDirectory(prefix="marsad-eval-dedup-") as tmp:
        folder = Path(tmp)
        path = write_corpus_for_ingest(corpus, folder)
        with marsad.open(folder / "archive") as archive:
            # Only what dedup reads: the clean text (entities, quotes, stories do not change copies).
            archive.ingest([str(path)], format="jsonl", stages=FAST_STAGES, archive_stages=["dedup"])
            record_to_article = _record_ids(archive)
            together = copy_pairs(archive)

    def same(a: str, b: str) -> bool:
        x, y = record_to_article.get(a), record_to_article.get(b)
        return x is not None and y is not None and frozenset((x, y)) in together

    result = score(pairs, same)
    result["articles"] = len(record_to_article)
    return result


def _record_ids(archive) -> dict[str, str]:
    """Gold record id -> archive article id (the reader keeps the record's own id in meta)."""
    out = {}
    for row in archive.store.query("SELECT id, meta FROM articles"):
        meta = json.loads(row["meta"] or "{}")
        rid = meta.get("record_id")
        if rid is not None:
            out[str(rid)] = row["id"]
    return out
