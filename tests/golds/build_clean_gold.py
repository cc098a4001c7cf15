"""Rebuild the clean gold of the five seed pages from ../shared (labels only are committed).

    python tests/golds/build_clean_gold.py [OUT.jsonl]

``clean_seeds.labels.jsonl`` holds, per seed file, the 1-based line numbers of its non-empty lines
and their labels — never the text. This script joins them with the pages in
``../shared/corpus/seeds`` into the gold format of ``EVAL_FORMATS.md`` ("clean").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent.parent / "shared" / "corpus" / "seeds"
LABELS = HERE / "clean_seeds.labels.jsonl"


def seeds_available() -> bool:
    return (SEEDS / "meta.jsonl").is_file()


def build_records(seeds: Path = SEEDS, labels: Path = LABELS) -> list[dict]:
    meta = {}
    for line in (seeds / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            meta[row["file"]] = row
    records = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        name = entry["file"]
        raw = (seeds / name).read_text(encoding="utf-8")
        page = raw.splitlines()
        nonempty = [n for n, text in enumerate(page, start=1) if text.strip()]
        labelled = [n for n, _ in entry["labels"]]
        if labelled != nonempty:
            raise SystemExit(f"{labels}: {name}: labelled lines {labelled} != non-empty lines {nonempty}")
        lines = [{"text": page[n - 1].strip(), "label": label} for n, label in entry["labels"]]
        source = meta.get(name, {}).get("source") or "seeds"
        records.append({"id": name, "source": source, "raw": raw, "lines": lines})
    return records


def main(argv: list[str]) -> int:
    if not seeds_available():
        print(f"skipped: {SEEDS} is absent (the seed pages are not in the repository)", file=sys.stderr)
        return 0
    out = Path(argv[1]) if len(argv) > 1 else Path("clean_seeds.gold.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for record in build_records():
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
