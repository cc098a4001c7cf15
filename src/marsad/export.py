"""Export articles (metadata, clean text, annotations counts) as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from marsad.errors import ConfigError

if TYPE_CHECKING:
    from marsad.archive import Archive

FIELDS = ("id", "source", "url", "title", "published", "published_how", "author", "language", "dateline",
          "place", "agency", "credits", "norm_hash", "text")


def _rows(archive: "Archive", source: str | None) -> Iterator[dict[str, Any]]:
    for a in archive.iter_articles(source):
        row = {f: getattr(a, f) for f in FIELDS}
        row["credits"] = "; ".join(a.credits)
        yield row


def export_articles(archive: "Archive", fmt: str, out: str | Path | None, *, source: str | None = None) -> int:
    if fmt not in ("jsonl", "csv", "parquet"):
        raise ConfigError(f"unknown export format {fmt!r}; use jsonl, csv or parquet")
    if fmt == "parquet":
        if out is None:
            raise ConfigError("parquet export needs --out FILE")
        return _parquet(_rows(archive, source), Path(out))
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    n = 0
    try:
        if fmt == "jsonl":
            for row in _rows(archive, source):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        else:
            writer = csv.DictWriter(stream, fieldnames=FIELDS)
            writer.writeheader()
            for row in _rows(archive, source):
                writer.writerow(row)
                n += 1
    finally:
        if out:
            stream.close()
    return n


def _parquet(rows: Iterator[dict[str, Any]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.string()) for f in FIELDS])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 2000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
