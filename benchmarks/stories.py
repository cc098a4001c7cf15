"""Story clustering speed: a cold start over SaudiNewsNet and the cost of one added article.

- cold start (memory): every article of the chosen days, in published order, featurised and clustered
  by the in-memory clusterer (what `marsad stories --rebuild` does after reading the texts);
- cold start (archive): `StoryStage.rebuild` on an archive holding those articles (reads texts from
  SQLite, clusters, links storylines, writes the story tables);
- stream: on that warm archive, more articles added one at a time through `StoryStage.update`
  (load nothing, read one article, match, persist): milliseconds per article.

Usage: python benchmarks/stories.py [--days N] [--archive-days N] [--stream N] [--no-doc]
Writes docs/benchmarks-stories.md unless --no-doc.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "saudinewsnet"


def records(days: list[Path]) -> list[dict]:
    out, seen = [], set()
    for path in days:
        with zipfile.ZipFile(path) as z:
            for r in json.loads(z.read(z.namelist()[0])):
                if (r.get("content") or "").strip() and r["url"] not in seen:
                    seen.add(r["url"])
                    out.append({"id": r["url"], "source": r["source"], "title": r.get("title") or "",
                                "text": r["content"], "url": r["url"],
                                "published": r["date_extracted"].replace(" ", "T")})
    out.sort(key=lambda r: (r["published"], r["id"]))
    return out


def cold_memory(recs: list[dict]) -> dict:
    from marsad.eval.stories import to_article
    from marsad.stories.clusterer import StoryClusterer
    from marsad.stories.features import featurize
    from marsad.stories.storylines import StorylineLinker

    t0 = time.perf_counter()
    c = StoryClusterer()
    feats = [featurize(to_article(r)) for r in recs]
    t1 = time.perf_counter()
    for f in feats:
        c.add(f)
    t2 = time.perf_counter()
    linker = StorylineLinker()
    linker.update(c.stories, list(c.stories))
    t3 = time.perf_counter()
    lines = {linker.storyline_of(s) for s in c.stories}
    return {"articles": len(recs), "featurise_s": t1 - t0, "cluster_s": t2 - t1, "storylines_s": t3 - t2,
            "total_s": t3 - t0, "stories": len(c.stories),
            "multi_source": sum(1 for s in c.stories.values() if len(s.sources) >= 2),
            "storylines": len(lines)}


def archive_runs(recs: list[dict], stream: int) -> dict:
    import marsad
    from marsad.stories.cluster import StoryStage

    warm, extra = recs[:-stream], recs[-stream:]
    with tempfile.TemporaryDirectory(prefix="marsad-bench-stories-") as tmp:
        arch = marsad.open(Path(tmp) / "a")
        t0 = time.perf_counter()
        arch.ingest_records(warm, stages=["normalise"], archive_stages=[])
        t1 = time.perf_counter()
        StoryStage().rebuild(arch)
        t2 = time.perf_counter()
        report = arch.ingest_records(extra, stages=["normalise"], archive_stages=[])
        stage = StoryStage()
        stage.update(arch, [])  # load the stored state once, as a long-running ingest would
        times = []
        for aid in report.added_ids:
            s = time.perf_counter()
            stage.update(arch, [aid])
            times.append((time.perf_counter() - s) * 1000)
        arch.close()
    times.sort()
    return {"archive_articles": len(warm), "ingest_s": t1 - t0, "rebuild_s": t2 - t1,
            "stream_articles": len(times), "stream_ms_median": statistics.median(times),
            "stream_ms_p95": times[int(0.95 * (len(times) - 1))]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=0, help="SaudiNewsNet days for the memory cold start (0 = all)")
    ap.add_argument("--archive-days", type=int, default=3, help="days ingested for the archive runs")
    ap.add_argument("--stream", type=int, default=200, help="articles added one by one")
    ap.add_argument("--no-doc", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} not found: nothing to measure", file=sys.stderr)
        return 1
    zips = sorted(SHARED.glob("*.zip"))
    mem = cold_memory(records(zips[: args.days or None]))
    arc = archive_runs(records(zips[: args.archive_days]), args.stream)
    rows = [
        ("cold start, memory (featurise + cluster + storylines)", f"{mem['articles']:,} articles",
         f"{mem['total_s']:.1f} s", f"{mem['articles'] / mem['total_s']:,.0f} articles/s"),
        ("  of which clustering only", "", f"{mem['cluster_s']:.1f} s", f"{mem['articles'] / mem['cluster_s']:,.0f} articles/s"),
        ("cold start, archive (StoryStage.rebuild)", f"{arc['archive_articles']:,} articles",
         f"{arc['rebuild_s']:.1f} s", f"{arc['archive_articles'] / arc['rebuild_s']:,.0f} articles/s"),
        ("stream: one article through StoryStage.update", f"{arc['stream_articles']} articles",
         f"median {arc['stream_ms_median']:.1f} ms", f"p95 {arc['stream_ms_p95']:.1f} ms"),
    ]
    table = "| run | size | time | rate |\n|---|---|---|---|\n" + "\n".join(f"| {' | '.join(r)} |" for r in rows)
    extra = (f"\nStories: {mem['stories']:,} ({mem['multi_source']:,} told by two or more outlets); "
             f"storylines: {mem['storylines']:,} (including one-story lines).")
    print(table + extra)
    if not args.no_doc:
        machine = f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
        doc = (f"# Story clustering speed\n\nMeasured with `python benchmarks/stories.py` on {time.strftime('%Y-%m-%d')} "
               f"({machine}; a 2-core machine shared with other jobs, so figures are conservative). "
               f"Memory cold start over {args.days or 'all'} SaudiNewsNet days; archive runs over the first "
               f"{args.archive_days} days (ingested with the normalise stage only), then {args.stream} more "
               f"articles added one at a time.\n\n{table}\n{extra}\n")
        (ROOT / "docs" / "benchmarks-stories.md").write_text(doc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
