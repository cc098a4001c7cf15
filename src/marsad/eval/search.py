"""`marsad eval search`: SQuAD-style (question → its paragraph) and news queries with --corpus.

Both index the documents into a fresh temporary archive through the normal ingest path and query it
with the normal search; latency is measured around the search call only.
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

from marsad.errors import GoldFormatError
from marsad.eval.common import percentile

K = 10


def _load_squad(path: Path) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    if path.suffix == ".jsonl":
        raise GoldFormatError(f"{path}: JSONL news queries need the articles they are judged on: add --corpus FILE")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        docs, questions = [], []
        for a_i, article in enumerate(data["data"]):
            for p_i, para in enumerate(article["paragraphs"]):
                doc_id = f"{a_i}-{p_i}"
                docs.append({"id": doc_id, "text": para["context"], "source": "gold"})
                questions.extend((qa["question"], doc_id) for qa in para["qas"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise GoldFormatError(f"{path}: not a SQuAD v1.1 JSON file ({type(e).__name__}: {e})") from e
    return docs, questions


def _read_jsonl(path: Path, what: str) -> Iterator[dict[str, Any]]:
    try:
        lines = path.open(encoding="utf-8-sig")
    except OSError as e:
        raise GoldFormatError(f"{path}: cannot read {what}: {e}") from e
    with lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                raise GoldFormatError(f"{path}:{n}: malformed JSON ({e})") from e
            if not isinstance(obj, dict):
                raise GoldFormatError(f"{path}:{n}: expected a JSON object")
            yield obj


def _index(docs: list[dict[str, Any]], tmp: str):
    import marsad

    archive = marsad.open(Path(tmp) / "archive")
    archive.ingest_records(docs, stages=["normalise"], archive_stages=[], batch_size=1000)
    mapping = {r["record_id"]: r["id"] for r in (
        {"record_id": json.loads(m)["record_id"], "id": i}
        for i, m in archive.store.query("SELECT id, meta FROM articles"))}
    return archive, mapping


def _rank(archive, query: str, limit: int = K) -> tuple[list[str], float]:
    t0 = time.perf_counter()
    res = archive.search(query, limit=limit)
    return [r["id"] for r in res.results], (time.perf_counter() - t0) * 1000


def evaluate_squad(gold: Path) -> dict[str, Any]:
    docs, questions = _load_squad(gold)
    with tempfile.TemporaryDirectory() as tmp:
        archive, mapping = _index(docs, tmp)
        rr, hits, latencies = 0.0, {1: 0, 5: 0, 10: 0}, []
        for question, doc_id in questions:
            ranked, ms = _rank(archive, question)
            latencies.append(ms)
            target = mapping.get(doc_id)
            if target in ranked:
                rank = ranked.index(target) + 1
                rr += 1 / rank
                for k in hits:
                    hits[k] += rank <= k
        archive.close()
    n = len(questions) or 1
    return {"task": "search", "mrr@10": round(rr / n, 4), "recall@1": round(hits[1] / n, 4),
            "recall@5": round(hits[5] / n, 4), "recall@10": round(hits[10] / n, 4), "queries": len(questions),
            "documents": len(docs), "p50_ms": round(percentile(latencies, 0.5), 3),
            "p99_ms": round(percentile(latencies, 0.99), 3)}


def evaluate_news(gold: Path, corpus: Path) -> dict[str, Any]:
    queries = list(_read_jsonl(gold, "queries"))
    for n, q in enumerate(queries, 1):
        if "query" not in q or "relevant" not in q:
            raise GoldFormatError(f"{gold}: query {n} lacks 'query' or 'relevant'")
    docs = list(_read_jsonl(corpus, "the corpus"))
    per_kind: dict[str, list[tuple[float, float, float]]] = {}
    latencies = []
    with tempfile.TemporaryDirectory() as tmp:
        archive, mapping = _index(docs, tmp)
        reverse = {v: k for k, v in mapping.items()}
        for q in queries:
            relevant = {str(x) for x in q.get("relevant", [])} | {str(x) for x in q.get("also_relevant", [])}
            ranked, ms = _rank(archive, q["query"])
            latencies.append(ms)
            found = [reverse.get(i) in relevant for i in ranked]
            rr = next((1 / (i + 1) for i, f in enumerate(found) if f), 0.0)
            recall = sum(found) / min(K, len(relevant)) if relevant else 0.0
            dcg = sum(1 / math.log2(i + 2) for i, f in enumerate(found) if f)
            idcg = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
            per_kind.setdefault(q.get("kind", "all"), []).append((rr, recall, dcg / idcg if idcg else 0.0))
        archive.close()

    def mean(rows: list[tuple[float, float, float]], i: int) -> float:
        return round(sum(r[i] for r in rows) / len(rows), 4) if rows else 0.0

    every = [r for rows in per_kind.values() for r in rows]
    return {"task": "search", "mrr@10": mean(every, 0), "recall@10": mean(every, 1), "ndcg@10": mean(every, 2),
            "queries": len(queries), "documents": len(docs),
            "per_kind": {k: {"mrr@10": mean(v, 0), "recall@10": mean(v, 1), "ndcg@10": mean(v, 2)}
                         for k, v in sorted(per_kind.items())},
            "p50_ms": round(percentile(latencies, 0.5), 3), "p99_ms": round(percentile(latencies, 0.99), 3)}
