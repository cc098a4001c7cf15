"""Throughput of the extractors (dates + quotes + events) on SaudiNewsNet, one process.

    .venv/bin/python benchmarks/extract.py [--n 3000] [--data ../shared/data/saudinewsnet] [--out docs/benchmarks-extract.md]

Reads the first N non-empty articles (title + content), runs each stage alone and then the three
together (single core, no NER: the stages use mentions only when the NER stage ran before them),
prints a table and writes it to docs/benchmarks-extract.md. Target: ≥ 500 articles/s per core for the
three together.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from marsad.document import Article
from marsad.extract.dates import DatesStage
from marsad.extract.events import EventsStage
from marsad.extract.quotes import QuotesStage

ROOT = Path(__file__).resolve().parents[1]


def load(folder: Path, n: int) -> list[Article]:
    out: list[Article] = []
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                for i, rec in enumerate(json.loads(zf.read(member))):
                    text = rec.get("content") or ""
                    if not text.strip():
                        continue
                    out.append(Article(id=f"{path.name}#{i}", source=rec.get("source") or "snn", text=text,
                                       raw_text=text, origin=path.name, published=(rec.get("date_extracted") or "")[:10]))
                    if len(out) >= n:
                        return out
    return out


def timed(stages, articles: list[Article], batch: int = 64) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds). CPU time is the per-core figure; wall time is
    inflated whenever other jobs share the machine."""
    cpu, wall = time.process_time(), time.perf_counter()
    for k in range(0, len(articles), batch):
        chunk = articles[k : k + batch]
        for stage in stages:
            chunk = stage(chunk)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "saudinewsnet")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks-extract.md")
    args = ap.parse_args()
    articles = load(args.data, args.n)
    chars = sum(len(a.text) for a in articles)
    dates, quotes, events = DatesStage(), QuotesStage(), EventsStage()
    timed([dates, quotes, events], articles[:50])  # warm caches (cue lexicon, name clusters)
    rows = []
    for label, stages in (("dates", [dates]), ("quotes", [quotes]), ("events", [events]),
                          ("dates + quotes + events", [dates, quotes, events])):
        cpu, wall = timed(stages, articles)
        rows.append((label, cpu, wall, len(articles) / cpu))
    n_quotes = sum(len(a.quotes) for a in articles)
    n_events = sum(len(a.events) for a in articles)
    lines = [
        "# Extraction throughput (dates + quotes + events)",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `benchmarks/extract.py --n {args.n}` on "
        f"{len(articles)} SaudiNewsNet articles ({chars / len(articles):.0f} characters on average), one process, "
        f"Python {platform.python_version()}, {platform.machine()} (shared 2-core machine, so figures are noisy).",
        "No NER ran before the stages (their name heuristics work without it).",
        "",
        "| stages | CPU seconds | wall seconds | articles/s per core (CPU) |",
        "|---|---:|---:|---:|",
        *[f"| {label} | {cpu:.2f} | {wall:.2f} | {rate:.0f} |" for label, cpu, wall, rate in rows],
        "",
        f"Found {n_quotes} quotes ({n_quotes / len(articles):.2f} per article) and {n_events} events. "
        "Target: ≥ 500 articles/s per core for the three together.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
