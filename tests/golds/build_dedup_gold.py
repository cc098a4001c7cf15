"""Rebuild the development gold for ``marsad eval dedup`` from SaudiNewsNet in ../shared.

Only labels are committed (``dedup_dev.labels.jsonl``: pairs of article URLs with a label
``duplicate`` / ``same_story`` / ``unrelated``, labelled by reading both texts against the guideline
in EVAL_FORMATS.md). This script reads the SaudiNewsNet days the pairs come from and writes, into a
directory of your choice:

- ``corpus.jsonl``: the articles of the labelled pairs ``{"id", "source", "published", "title", "text"}``
  (``--background`` adds every other article of those days, ingested but not scored);
- ``pairs.jsonl``: ``{"a", "b", "label"}`` with the corpus ids.

Usage: ``python tests/golds/build_dedup_gold.py OUT_DIR [--shared ../shared] [--background]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "dedup_dev.labels.jsonl"
DAYS = ("2015-07-22", "2015-07-23")  # the days the labelled pairs were drawn from
DEFAULT_SHARED = HERE.parent.parent.parent / "shared"


def shared_dir(shared: Path | None = None) -> Path:
    return Path(shared) if shared else DEFAULT_SHARED


def available(shared: Path | None = None) -> bool:
    base = shared_dir(shared) / "data" / "saudinewsnet"
    return all((base / f"{d}.zip").exists() for d in DAYS)


def article_id(url: str) -> str:
    return "sn-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def load_days(shared: Path | None = None) -> dict[str, dict]:
    """URL -> SaudiNewsNet record for the gold's days (first record of a URL wins)."""
    base = shared_dir(shared) / "data" / "saudinewsnet"
    records: dict[str, dict] = {}
    for day in DAYS:
        with zipfile.ZipFile(base / f"{day}.zip") as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for rec in json.loads(zf.read(name)):
                    records.setdefault(rec["url"], rec)
    return records


def corpus_row(rec: dict) -> dict:
    return {
        "id": article_id(rec["url"]),
        "source": rec["source"],
        "published": rec["date_extracted"].replace(" ", "T"),
        "title": rec.get("title") or "",
        "text": rec.get("content") or "",
    }


def build(out: Path, shared: Path | None = None, background: bool = False) -> tuple[Path, Path]:
    """Write corpus.jsonl and pairs.jsonl into ``out``; returns their paths."""
    records = load_days(shared)
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {u for p in labels for u in (p["a"], p["b"])}
    missing = wanted - records.keys()
    if missing:
        raise SystemExit(f"{len(missing)} labelled URLs not found in SaudiNewsNet {DAYS}")
    out.mkdir(parents=True, exist_ok=True)
    corpus, pairs = out / "corpus.jsonl", out / "pairs.jsonl"
    urls = list(records) if background else sorted(wanted)
    with corpus.open("w", encoding="utf-8") as f:
        for url in urls:
            f.write(json.dumps(corpus_row(records[url]), ensure_ascii=False) + "\n")
    with pairs.open("w", encoding="utf-8") as f:
        for p in labels:
            row = {"a": article_id(p["a"]), "b": article_id(p["b"]), "label": p["label"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return corpus, pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--background", action="store_true", help="add all other articles of the days")
    args = ap.parse_args()
    corpus, pairs = build(args.out, args.shared, args.background)
    print(f"wrote {corpus} and {pairs}")


if __name__ == "__main__":
    main()
