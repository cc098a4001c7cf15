"""Rebuild the story-clustering development gold from ../shared (the texts are never committed).

``stories_dev.labels.jsonl`` holds one line per labelled article: ``{"day", "url", "story"}``, where
``day`` names a SaudiNewsNet zip (``../shared/data/saudinewsnet/<day>.zip``) and ``url`` the article in
it. For every labelled day this writes, into ``out_dir``:

- ``stories_<day>.gold.jsonl``: the labelled articles ``{id, source, published, title, text, story}``
- ``stories_<day>.background.jsonl``: every other article of that day, same form without ``story``

Usage: ``python tests/golds/build_stories_gold.py OUT_DIR [--day 2015-07-22 ...]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "stories_dev.labels.jsonl"
SHARED = HERE.parent.parent.parent / "shared" / "data" / "saudinewsnet"


def article_id(url: str) -> str:
    return "snn-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


def read_labels(path: Path = LABELS) -> dict[str, dict[str, str]]:
    """day → url → story label."""
    out: dict[str, dict[str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.setdefault(rec["day"], {})[rec["url"]] = rec["story"]
    return out


def read_day(day: str, shared: Path = SHARED) -> list[dict]:
    with zipfile.ZipFile(shared / f"{day}.zip") as z:
        records = json.loads(z.read(z.namelist()[0]))
    seen: set[str] = set()
    out = []
    for r in records:
        text = (r.get("content") or "").strip()
        if not text or r["url"] in seen:
            continue
        seen.add(r["url"])
        out.append({
            "id": article_id(r["url"]),
            "source": r["source"],
            "published": r["date_extracted"].replace(" ", "T"),
            "title": r.get("title") or "",
            "text": text,
            "url": r["url"],
        })
    return out


def build(out_dir: Path, days: list[str] | None = None, shared: Path = SHARED) -> dict[str, tuple[Path, Path]]:
    """Write gold and background files per day; returns day → (gold path, background path)."""
    labels = read_labels()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for day in days or sorted(labels):
        day_labels = labels[day]
        gold_path = out_dir / f"stories_{day}.gold.jsonl"
        bg_path = out_dir / f"stories_{day}.background.jsonl"
        found = 0
        with gold_path.open("w", encoding="utf-8") as gold, bg_path.open("w", encoding="utf-8") as bg:
            for rec in read_day(day, shared):
                story = day_labels.get(rec["url"])
                if story:
                    found += 1
                    gold.write(json.dumps({**rec, "story": story}, ensure_ascii=False) + "\n")
                else:
                    bg.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if found != len(day_labels):
            raise SystemExit(f"{day}: {len(day_labels) - found} labelled URLs not found in the zip")
        written[day] = (gold_path, bg_path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--day", action="append", dest="days")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args(argv)
    for day, (g, b) in build(args.out_dir, args.days, args.shared).items():
        print(day, g, b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
