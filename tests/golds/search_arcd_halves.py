"""Split ARCD train into two halves by article title, for tuning search on one and confirming on the other.

    python tests/golds/search_arcd_halves.py ../shared/data/arcd/train.json OUT_DIR

Writes OUT_DIR/arcd_a.json and OUT_DIR/arcd_b.json (SQuAD v1.1, same shape as the input). The half of an
article is decided by a stable hash of its title (crc32, even → a, odd → b), so the split never depends on
file order and all questions about one article stay in the same half. Nothing from ARCD is committed.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path


def half_of(title: str) -> str:
    return "a" if zlib.crc32(title.encode("utf-8")) % 2 == 0 else "b"


def split(src: Path, out_dir: Path) -> dict[str, Path]:
    data = json.loads(src.read_text(encoding="utf-8-sig"))
    halves: dict[str, list] = {"a": [], "b": []}
    for article in data["data"]:
        halves[half_of(article.get("title", ""))].append(article)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, articles in halves.items():
        paths[name] = out_dir / f"arcd_{name}.json"
        paths[name].write_text(json.dumps({"version": data.get("version", "1.1"), "data": articles},
                                          ensure_ascii=False), encoding="utf-8")
    return paths


if __name__ == "__main__":
    for name, path in split(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(name, path)
