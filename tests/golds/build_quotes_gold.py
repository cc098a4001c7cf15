"""Rebuild the quotes/events development gold from ../shared and the committed labels.

The labels (``quotes_dev.labels.jsonl``) hold only offsets and short labels keyed by seed file name
or SaudiNewsNet URL — never the publishers' text. This script (or :func:`build_gold`) reads the
texts from ../shared and writes the full gold JSONL in the EVAL_FORMATS.md "quotes"/"events" format.

    python tests/golds/build_quotes_gold.py OUT.jsonl [--shared ../shared]
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "quotes_dev.labels.jsonl"
DEFAULT_SHARED = HERE.parents[1].parent / "shared"


def _seed(shared: Path, name: str) -> tuple[str, dict]:
    seeds = shared / "corpus" / "seeds"
    meta = {}
    for line in (seeds / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["file"] == name:
            meta = row
    return (seeds / name).read_text(encoding="utf-8"), meta


def _snn(shared: Path, zip_name: str, url: str) -> tuple[str, dict]:
    with zipfile.ZipFile(shared / "data" / "saudinewsnet" / zip_name) as zf:
        for member in zf.namelist():
            for rec in json.loads(zf.read(member)):
                if rec.get("url") == url:
                    return rec.get("content") or "", rec
    raise KeyError(f"{url} not found in {zip_name}")


def load_document(shared: Path, label: dict) -> dict:
    """The gold document (without annotations) a label line points at."""
    if label["doc"].startswith("seed:"):
        name = label["doc"][5:]
        text, meta = _seed(shared, name)
        return {"id": label["doc"], "source": meta.get("source"), "published": meta.get("published"),
                "title": None, "text": text}
    text, rec = _snn(shared, label["zip"], label["doc"][4:])
    published = (rec.get("date_extracted") or "")[:10] or None
    return {"id": label["doc"], "source": rec.get("source"), "published": published,
            "title": rec.get("title"), "text": text}


def build_gold(out: Path, shared: Path = DEFAULT_SHARED, labels: Path = LABELS) -> int:
    """Write the full gold JSONL to ``out``; returns the number of documents."""
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for line in labels.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label = json.loads(line)
            doc = load_document(shared, label)
            text = doc["text"]
            doc["quotes"] = [
                {"speaker": q["speaker"], "speaker_surface": q.get("speaker_surface"), "cue": q.get("cue"),
                 "content": text[q["start"] : q["end"]], "kind": q["kind"]}
                for q in label.get("quotes", [])
            ]
            doc["events"] = [
                {"kind": e["kind"], "participants": e["participants"], "place": e.get("place"),
                 "date_text": e.get("date_text"), "evidence": text[e["start"] : e["end"]]}
                for e in label.get("events", [])
            ]
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return n


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from gold_cli import out_and_shared

    out, shared = out_and_shared(__doc__, DEFAULT_SHARED)
    print(build_gold(out, shared), "documents")
