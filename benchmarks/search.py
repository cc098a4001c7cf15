"""Search latency: 1,000 queries drawn from SaudiNewsNet titles over an archive of all of SaudiNewsNet.

    python benchmarks/search.py [--archive DIR]

Without --archive it first ingests SaudiNewsNet (read, normalise, store, index) into a temporary
archive. Queries are 2–5 consecutive words from random titles (seeded), timed around the search call.
Prints a table and records it in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SAUDI, record, require_shared, table  # noqa: E402

import marsad  # noqa: E402
from marsad.eval.common import percentile  # noqa: E402

N_QUERIES = 1000


def queries(archive, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    titles = [r[0] for r in archive.store.query("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY id")]
    out = []
    while len(out) < n:
        words = rng.choice(titles).split()
        if len(words) < 2:
            continue
        k = rng.randint(2, min(5, len(words)))
        i = rng.randint(0, len(words) - k)
        out.append(" ".join(words[i:i + k]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", help="an archive that already holds SaudiNewsNet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.archive:
            archive = marsad.open(args.archive)
        else:
            require_shared()
            archive = marsad.open(Path(tmp) / "archive")
            archive.ingest(sorted(SAUDI.glob("*.zip")), stages=["normalise"], archive_stages=[], batch_size=512)
        qs = queries(archive, N_QUERIES)
        for q in qs[:50]:  # warm the page cache and the searcher
            archive.search(q)
        latencies, totals = [], []
        for q in qs:
            t0 = time.perf_counter()
            res = archive.search(q, limit=10)
            latencies.append((time.perf_counter() - t0) * 1000)
            totals.append(res.total)
        n_docs = archive.stats()["articles"]
        archive.close()
    body = table([
        ("archive", f"{n_docs:,} articles (SaudiNewsNet)"),
        ("queries", f"{len(qs):,} (2–5 words from titles, seeded)"),
        ("p50 latency", f"{percentile(latencies, 0.5):.2f} ms"),
        ("p90 latency", f"{percentile(latencies, 0.9):.2f} ms"),
        ("p99 latency", f"{percentile(latencies, 0.99):.2f} ms"),
        ("median matches per query", f"{percentile(totals, 0.5):,.0f}"),
    ])
    record("benchmarks.md", "Search latency (SaudiNewsNet, top 10 with snippets)", "python benchmarks/search.py", body)


if __name__ == "__main__":
    main()
