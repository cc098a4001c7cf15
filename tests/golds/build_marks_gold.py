"""Rebuild the quotation-marks development gold (``marsad eval marks``) from its labels.

``marks_dev.labels.jsonl`` holds one line per quoted span: the corpus it comes from, where the text is,
the offsets of the opening and closing marks in that text, and the function (speech, title, scare,
term; definitions in ../shared/EVAL_FORMATS.md, "marks"). No third-party text is committed:

- ``{"corpus": "seeds", "file", …}``: a page in ``../shared/corpus/seeds/`` (source from its meta.jsonl)
- ``{"corpus": "saudinewsnet", "day", "url", …}``: the ``content`` of that article in
  ``../shared/data/saudinewsnet/<day>.zip``
- ``{"corpus": "sample", "file", …}``: a page of marsad's own sample corpus (``src/marsad/sample/corpus``)

Each span becomes a gold line ``{doc_id, source, sentence, span, open, close, nth, function}`` with
``sentence`` the run of sentences around the marks (:func:`marsad.stories.marks.sentence_around`).
When ../shared is absent its spans are skipped with a message.

``marks_test.labels.jsonl`` (same form) is a test split: 18 political SaudiNewsNet articles of another
day (2015-07-21), labelled before the classifier was run on them and never used to tune it.

Usage: ``python tests/golds/build_marks_gold.py OUT.jsonl [--corpus seeds,saudinewsnet,sample]
[--labels tests/golds/marks_test.labels.jsonl]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "marks_dev.labels.jsonl"
SHARED = HERE.parent.parent.parent / "shared"
CORPORA = ("seeds", "saudinewsnet", "sample")


def read_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=None)
def _snn_day(shared: Path, day: str) -> dict[str, dict]:
    with zipfile.ZipFile(shared / "data" / "saudinewsnet" / f"{day}.zip") as z:
        records = json.loads(z.read(z.namelist()[0]))
    out: dict[str, dict] = {}
    for r in records:
        out.setdefault(r["url"], r)
    return out


@lru_cache(maxsize=None)
def _seed_sources(shared: Path) -> dict[str, str]:
    meta = shared / "corpus" / "seeds" / "meta.jsonl"
    return {m["file"]: m["source"] for m in map(json.loads, meta.read_text("utf-8").splitlines()) if m}


def _document(label: dict, shared: Path) -> tuple[str, str, str]:
    """(doc_id, source, text) of the document a label points into."""
    corpus = label["corpus"]
    if corpus == "seeds":
        text = (shared / "corpus" / "seeds" / label["file"]).read_text("utf-8")
        return "seed-" + label["file"], _seed_sources(shared).get(label["file"], "seed"), text
    if corpus == "saudinewsnet":
        rec = _snn_day(shared, label["day"])[label["url"]]
        doc_id = "snn-" + hashlib.sha1(label["url"].encode("utf-8")).hexdigest()[:12]
        return doc_id, rec["source"], rec["content"]
    from marsad.sample import SAMPLE_DIR

    text = (SAMPLE_DIR / label["file"]).read_text("utf-8")
    return "sample-" + label["file"], label["file"].split("/")[0], text


def gold_line(label: dict, doc_id: str, source: str, text: str) -> dict:
    from marsad.stories.marks import sentence_around

    a, b = label["open_at"], label["close_at"]
    s0, e0 = sentence_around(text, a, b + 1)
    sentence = text[s0:e0]
    span = text[a + 1:b]
    nth = sum(1 for k in range(len(sentence)) if sentence.startswith(span, k) and s0 + k < a + 1)
    return {"doc_id": doc_id, "source": source, "sentence": sentence, "span": span, "open": text[a],
            "close": text[b], "nth": nth, "function": label["function"]}


def build(corpora: tuple[str, ...] = CORPORA, shared: Path = SHARED, labels: Path = LABELS) -> list[dict]:
    lines = []
    missing = not shared.exists()
    for label in read_labels(labels):
        if label["corpus"] not in corpora:
            continue
        if label["corpus"] != "sample" and missing:
            continue
        lines.append(gold_line(label, *_document(label, shared)))
    if missing and any(c != "sample" for c in corpora):
        print(f"build_marks_gold: {shared} not found: seeds and SaudiNewsNet spans skipped", file=sys.stderr)
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", default=",".join(CORPORA), help="comma-separated: seeds,saudinewsnet,sample")
    ap.add_argument("--labels", type=Path, default=LABELS,
                    help="labels file (default: marks_dev.labels.jsonl; marks_test.labels.jsonl is the test split)")
    args = ap.parse_args(argv)
    lines = build(tuple(c.strip() for c in args.corpus.split(",") if c.strip()), labels=args.labels)
    with args.out.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(lines)} spans → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
