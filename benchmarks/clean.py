"""Clean-stage throughput on SaudiNewsNet articles (text path), one process = one core.

    .venv/bin/python benchmarks/clean.py [--limit N] [--repeat R] [--write-doc docs/benchmarks-clean.md]

Two runs over the same articles:
* ``as-is``: the article content with its given title and author (the SaudiNewsNet reader's case);
* ``wrapped``: the content inside page chrome of our own (section label, breadcrumb, timestamp,
  share row, "read also" block, social calls, copyright) with no title given, so the stage must
  find the headline and strip the chrome — the scraped-page case.
It also prints what the rules removed from the as-is content, by reason (that content is article
text, so these counts are where to look for lines lost).
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import platform
import sys
import time
import zipfile
from pathlib import Path

from marsad.clean import clean_page

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"

HEADER = ["الرئيسية > محليات", "الأحد 12 يوليو 2015 - 10:30 ص", "عاجل"]
FOOTER = [
    "شارك: فيسبوك | تويتر | واتساب",
    "اقرأ أيضاً",
    "أمير المنطقة يدشن مشروعات تنموية جديدة بقيمة مليار ريال",
    "تابعونا على تويتر وفيسبوك لتصلكم آخر الأخبار أولاً بأول",
    "© 2015 جميع الحقوق محفوظة",
]


def load(limit: int) -> list[dict]:
    articles: list[dict] = []
    for path in sorted(glob.glob(str(DATA / "*.zip"))):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    articles += json.loads(zf.read(name))
        if len(articles) >= limit:
            break
    return articles[:limit]


def wrap(article: dict) -> str:
    lines = HEADER + [article.get("title") or ""] + (article.get("content") or "").splitlines() + FOOTER
    return "\n".join(lines)


def run(articles: list[dict], wrapped: bool) -> tuple[float, float, collections.Counter]:
    """(wall seconds, CPU seconds of this process, removed reasons). The CPU time is the per-core
    figure: on a shared machine the wall clock also counts time spent waiting for a core."""
    reasons: collections.Counter = collections.Counter()
    pages = [(wrap(a), None, None) if wrapped else (a.get("content") or "", a.get("title"), a.get("author")) for a in articles]
    start, cpu = time.perf_counter(), time.process_time()
    for raw, title, author in pages:
        result = clean_page(raw, title=title, author=author)
        reasons.update(r.reason for r in result.removed)
    return time.perf_counter() - start, time.process_time() - cpu, reasons


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--write-doc", type=Path)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent", file=sys.stderr)
        return 0
    articles = load(args.limit)
    clean_page("تمهيد\nسطر")  # load the rules outside the timed runs
    rows = []
    for label, wrapped in (("as-is", False), ("wrapped", True)):
        wall, cpu, reasons = min((run(articles, wrapped) for _ in range(args.repeat)), key=lambda r: r[1])
        rows.append((label, len(articles), wall, cpu, reasons))
    table = ["| input | pages | wall s | CPU s | pages/s per core (CPU) | pages/s (wall) |", "|---|---:|---:|---:|---:|---:|"]
    table += [f"| {label} | {n} | {wall:.2f} | {cpu:.2f} | {n / cpu:,.0f} | {n / wall:,.0f} |" for label, n, wall, cpu, _ in rows]
    removed = ", ".join(f"{r} {c}" for r, c in rows[0][4].most_common())
    loadavg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    machine = (
        f"{_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {loadavg:.1f} during the run"
    )
    print("\n".join(table))
    print(f"\nremoved from as-is content, by reason: {removed}")
    print(f"machine: {machine}")
    if args.write_doc:
        args.write_doc.write_text(
            "# Clean stage throughput\n\n"
            f"Command: `.venv/bin/python benchmarks/clean.py --limit {args.limit} --repeat {args.repeat}"
            f" --write-doc {args.write_doc}`\n\n"
            f"Machine: {machine}. One process (one core); the stage is per-page and parallelises by page. "
            "Pages/s per core is pages divided by the process's CPU time (the machine was shared, so the "
            "wall clock also counts waiting for a core).\n\n"
            + "\n".join(table)
            + "\n\n`as-is`: SaudiNewsNet content with its title and author fields; `wrapped`: the same text inside "
            "page chrome of our own (labels, breadcrumb, timestamp, share row, a read-also block, social calls, "
            "copyright) with no title given.\n\n"
            f"Lines the rules set aside from the as-is content, by reason: {removed}.\n",
            encoding="utf-8",
        )
        print(f"wrote {args.write_doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
