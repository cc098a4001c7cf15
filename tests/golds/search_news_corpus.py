"""Build the corpus for the news search dev gold (tests/golds/search_news_dev.jsonl) from ../shared.

    python tests/golds/search_news_corpus.py ../shared/data/saudinewsnet OUT.jsonl

Writes JSONL articles {"id", "source", "published", "title", "text"} (the format `marsad eval search
--corpus` reads) from the SaudiNewsNet days in DAYS; the id is the article's URL, which is what the
gold's `relevant` lists hold. No article text is committed: the corpus is rebuilt from ../shared.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import Iterator

DAYS = ("2015-07-21", "2015-07-22", "2015-07-23")


def articles(saudinewsnet: Path) -> Iterator[dict[str, str]]:
    seen: set[str] = set()
    for day in DAYS:
        with zipfile.ZipFile(saudinewsnet / f"{day}.zip") as z:
            for name in sorted(n for n in z.namelist() if n.endswith(".json")):
                for rec in json.loads(z.read(name).decode("utf-8")):
                    url = rec.get("url")
                    if not url or url in seen or not rec.get("content"):
                        continue
                    seen.add(url)
                    yield {"id": url, "source": rec.get("source") or "unknown",
                           "published": rec.get("date_extracted") or "", "title": rec.get("title") or "",
                           "text": rec["content"]}


def build(saudinewsnet: Path, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for rec in articles(saudinewsnet):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "articles")
