"""Near-duplicate detection speed over SaudiNewsNet: articles per second on one core.

Two measurements, both single-process (so articles/s is per core):

- ``index``: the algorithm alone (:class:`marsad.dedup.index.MemoryIndex`) over the raw texts —
  fingerprint, MinHash, LSH and mark lookups, sentence verification of every candidate;
- ``archive``: the archive stage (:class:`marsad.dedup.near.NearDuplicateStage`) rebuilding its
  tables over an archive that already holds the cleaned texts, i.e. what dedup adds to an ingest,
  SQLite reads and writes included (the ingest itself is timed by ``benchmarks/ingest.py``).

Writes a table to docs/benchmarks-dedup.md. Usage:
``python benchmarks/dedup.py [--limit N] [--skip-archive] [--archive DIR]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SAUDI, machine, peak_rss_mb, require_shared  # noqa: E402

DOC = ROOT / "docs" / "benchmarks-dedup.md"


def load(limit: int | None) -> list[dict]:
    records = []
    for z in sorted(SAUDI.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    records.extend(json.loads(zf.read(name)))
    records = [r for r in records if (r.get("content") or "").strip()]
    return records[:limit] if limit else records


def bench_index(records: list[dict]) -> dict:
    from marsad.dedup.groups import Member
    from marsad.dedup.index import MemoryIndex

    index = MemoryIndex()
    ordered = sorted(enumerate(records), key=lambda x: (x[1]["date_extracted"], x[0]))
    t0, c0 = time.perf_counter(), time.process_time()
    for i, r in ordered:
        index.add(Member(str(i), r["source"], r["date_extracted"]), r["content"])
    t_add, c_add = time.perf_counter() - t0, time.process_time() - c0
    groups = index.groups()
    kinds = Counter(link.kind for link in index.links.values())
    return {"articles": len(records), "seconds": t_add, "per_s": len(records) / t_add,
            "per_cpu_s": len(records) / c_add, "groups": len(groups),
            "in_groups": len({a for g in groups for a in g.roles}), "copy_links": kinds["copy"],
            "embedded_links": kinds["embedded"]}


def bench_archive(records: list[dict], folder: Path) -> dict:
    import marsad
    from marsad.dedup.near import NearDuplicateStage
    from marsad.dedup.queries import summary
    from marsad.pipeline import FAST_STAGES

    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            f.write(json.dumps({"id": str(i), "source": r["source"], "published": r["date_extracted"].replace(" ", "T"),
                                "title": r.get("title") or "", "text": r["content"]}, ensure_ascii=False) + "\n")
    with marsad.open(folder / "archive") as archive:
        t0 = time.perf_counter()
        archive.ingest([str(corpus)], format="jsonl", stages=FAST_STAGES, archive_stages=[])
        t_ingest = time.perf_counter() - t0
        n = archive.store.query("SELECT count(*) FROM articles")[0][0]
        t0, c0 = time.perf_counter(), time.process_time()
        NearDuplicateStage().rebuild(archive)
        t_dedup, c_dedup = time.perf_counter() - t0, time.process_time() - c0
        # One more article against the full archive: the per-article latency of an incremental update.
        stage = NearDuplicateStage()
        last = archive.store.query("SELECT id FROM articles ORDER BY published DESC LIMIT 20")
        with archive.store.transaction() as c:
            for (aid,) in last:
                for table in ("dedup_sketches", "dedup_bands", "dedup_marks"):
                    c.execute(f"DELETE FROM {table} WHERE article_id=?", (aid,))
        t0 = time.perf_counter()
        for (aid,) in last:
            stage.update(archive, [aid])
        per_article_ms = (time.perf_counter() - t0) / len(last) * 1000
        s = summary(archive)
    return {"articles": n, "ingest_s": t_ingest, "seconds": t_dedup, "per_s": n / t_dedup, "per_cpu_s": n / c_dedup,
            "update_ms": per_article_ms, **s}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="Only the first N articles.")
    ap.add_argument("--skip-archive", action="store_true")
    ap.add_argument("--no-doc", action="store_true", help="Do not write docs/benchmarks-dedup.md.")
    args = ap.parse_args()
    require_shared()
    records = load(args.limit)
    rows = []
    idx = bench_index(records)
    rows.append(("index (memory): articles", f"{idx['articles']:,}"))
    rows.append(("index (memory): articles per CPU-second (one core)", f"{idx['per_cpu_s']:,.0f}"))
    rows.append(("index (memory): articles/s wall clock", f"{idx['per_s']:,.0f}"))
    rows.append(("index (memory): groups / articles in groups", f"{idx['groups']:,} / {idx['in_groups']:,}"))
    rows.append(("index (memory): copy / embedded links", f"{idx['copy_links']:,} / {idx['embedded_links']:,}"))
    if not args.skip_archive:
        with tempfile.TemporaryDirectory(prefix="marsad-bench-dedup-") as tmp:
            arc = bench_archive(records, Path(tmp))
        rows.append(("archive stage: articles (after clean)", f"{arc['articles']:,}"))
        rows.append(("archive stage: rebuild, articles per CPU-second (one core)", f"{arc['per_cpu_s']:,.0f}"))
        rows.append(("archive stage: rebuild, articles/s wall clock", f"{arc['per_s']:,.0f}"))
        rows.append(("archive stage: one new article against the archive (ms)", f"{arc['update_ms']:.1f}"))
        rows.append(("archive stage: groups / copies / containers",
                     f"{arc['groups']:,} / {arc['copies']:,} / {arc['containers']:,}"))
    rows.append(("peak RSS (MB)", f"{peak_rss_mb():,.0f}"))
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    if not args.no_doc:
        command = "python benchmarks/dedup.py" + (f" --limit {args.limit}" if args.limit else "")
        body = "\n".join(["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows])
        DOC.write_text(
            "# Benchmark: near-duplicate detection\n\n"
            f"Command: `{command}` — {date.today().isoformat()}, {machine()}.\n"
            "Single process. Per-core throughput is articles per CPU-second of the process (the machine is\n"
            "shared, so wall-clock figures depend on what else runs). Target (issue 6): at least 1,000\n"
            "articles/s per core.\n\n"
            f"{body}\n", encoding="utf-8")
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
