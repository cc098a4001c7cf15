"""Ingest throughput: all of SaudiNewsNet (26,368 articles) into a fresh archive.

    python benchmarks/ingest.py [--stages normalise] [--full]

By default it runs the foundation's stages (read, normalise, exact dedup, store, index); --full runs
every per-article stage and the archive stages (dedup, stories) too. Prints a table and records it in
docs/benchmarks.md. Memory is sampled after every zip to show that it stays flat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SAUDI, peak_rss_mb, record, require_shared, rss_mb, table  # noqa: E402

import marsad  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stages", default="normalise", help="per-article stages (comma-separated)")
    parser.add_argument("--full", action="store_true", help="every stage, archive stages included")
    parser.add_argument("--executor", default="local", help="local | processes (stages in 2 worker processes)")
    args = parser.parse_args()
    require_shared()
    size = sum(z.stat().st_size for z in SAUDI.glob("*.zip"))
    stages = None if args.full else args.stages.split(",")
    archive_stages = None if args.full else []
    added = rejected = 0
    rss = []
    with tempfile.TemporaryDirectory() as tmp:
        archive = marsad.open(Path(tmp) / "archive")
        t0 = time.perf_counter()

        def progress(n: int, rejected: int) -> None:  # sample memory as the run goes (it must stay flat)
            if n // 2000 > len(rss):
                rss.append(rss_mb())
                print(f"  {n:,} articles, {n / (time.perf_counter() - t0):,.0f} articles/s, RSS {rss[-1]:.0f} MB",
                      file=sys.stderr)

        report = archive.ingest([str(SAUDI)], stages=stages, archive_stages=archive_stages, batch_size=512,
                                executor=args.executor, progress=progress)
        added, rejected = report.added, report.rejected_count
        rss.append(rss_mb())
        seconds = time.perf_counter() - t0
        db = sum(f.stat().st_size for f in Path(tmp, "archive").rglob("*") if f.is_file())
        archive.close()
    label = ("full pipeline" if args.full else f"stages: read, {args.stages}, exact dedup, store, index") + \
        f"; executor {args.executor}"
    body = table([
        ("what", label),
        ("articles stored", f"{added:,}"),
        ("records rejected (empty content)", f"{rejected:,}"),
        ("wall time", f"{seconds:.1f} s"),
        ("articles/s", f"{added / seconds:,.0f}"),
        ("input MB/s (zipped)", f"{size / 1e6 / seconds:.2f}"),
        ("RSS after 2,000 articles / at the end", f"{rss[0]:.0f} MB / {rss[-1]:.0f} MB"),
        ("peak RSS", f"{peak_rss_mb():.0f} MB"),
        ("archive size on disk", f"{db / 1e6:.0f} MB"),
    ])
    command = "python benchmarks/ingest.py" + (" --full" if args.full else f" --stages {args.stages}") + \
        f" --executor {args.executor}"
    record("benchmarks.md", f"Ingest SaudiNewsNet ({label})", command, body)


if __name__ == "__main__":
    main()
