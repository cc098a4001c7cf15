"""Build the clean golds.

    python tests/golds/build_clean_gold.py [OUT.jsonl]     # the five seeds, from ../shared
    python tests/golds/build_clean_gold.py --pages         # clean_pages.jsonl from clean_pages.src.txt

Seeds: only labels are committed (their text is third-party).

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
PAGES_SRC = HERE / "clean_pages.src.txt"
PAGES = HERE / "clean_pages.jsonl"
# Our own pages are written as "=== id | source | split [| blank]" then one "L<TAB>text" per line,
# L = T(itle) B(ody) D(ateline) C(redit) X (boilerplate); "blank" puts an empty line between lines,
# as many scraped pages have.
_CODES = {"T": "title", "B": "body", "D": "dateline", "C": "credit", "X": "boilerplate"}


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


def build_pages(src: Path = PAGES_SRC) -> list[dict]:
    records: list[dict] = []
    for no, line in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("=== "):
            fields = [f.strip() for f in line[4:].split("|")]
            records.append({"id": fields[0], "source": fields[1], "split": fields[2],
                            "blank": "blank" in fields[3:], "lines": []})
            continue
        code, _, text = line.partition("\t")
        if code not in _CODES or not text.strip() or not records:
            raise SystemExit(f"{src}:{no}: expected 'T|B|D|C|X<TAB>text'")
        records[-1]["lines"].append({"text": text.strip(), "label": _CODES[code]})
    for record in records:
        sep = "\n\n" if record.pop("blank") else "\n"
        record["raw"] = sep.join(item["text"] for item in record["lines"]) + "\n"
        titles = sum(item["label"] == "title" for item in record["lines"])
        if titles != 1:
            raise SystemExit(f"{src}: page {record['id']} has {titles} titles")
    return [{k: r[k] for k in ("id", "source", "split", "raw", "lines")} for r in records]


def main(argv: list[str]) -> int:
    if "--pages" in argv:
        with PAGES.open("w", encoding="utf-8") as fh:
            for record in build_pages():
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"wrote {PAGES}")
        return 0
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
