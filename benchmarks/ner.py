"""Benchmark of the named-entity tagger and the ner+entities stages on SaudiNewsNet.

    .venv/bin/python benchmarks/ner.py [--articles 2000] [--data ../shared/data/saudinewsnet] [--crf-only] [--write]

Prints a table: tokens/s per core for tagging (articles in batches of 256 as ingest hands them
over, each article its own document; feature extraction and the document-consistency stage included; first pass with a cold feature cache, then warm), and articles/s for the whole extract stage (sentence split, tokenisation,
tagging, entity merging). Runs in one process, so the figures are per core. ``--write`` also writes
the table into docs/benchmarks-ner.md (with ``--crf-only``, the neural half switched off as
``marsad ingest --no-ner-neural`` does, into docs/benchmarks-ner-crf.md).
"""

from __future__ import annotations

import os

# one core: numpy's BLAS (the neural half's matrix products) would otherwise use every core and the
# CPU-time rate would no longer be a per-core figure
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import platform
import time
from pathlib import Path

from marsad.arabic.tokenize import sentences, tokenize
from marsad.document import Article
from marsad.extract.entities import EntityStage
from marsad.extract.ner import NerStage
from marsad.extract.ner.clusters import corpus_texts
from marsad.extract.ner.tagger import NerTagger

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _documents(texts: list[str]) -> list[list[list[str]]]:
    """Each article as its list of token lists (the tagger's second stage works per article)."""
    out = []
    for text in texts:
        doc = [[t.text for t in tokenize(text[a:b])] for a, b in sentences(text)]
        out.append([toks for toks in doc if toks])
    return out


KEEP_BELOW = "<!-- benchmarks/ner.py --write replaces what is above this line and keeps what is below -->"
BATCH = 256  # articles handed to the tagger together, as ingest's batches are


def _tag_rate(tagger: NerTagger, docs: list[list[list[str]]]) -> tuple[float, float]:
    """(tokens per wall-clock second, tokens per CPU second of this process)."""
    n = sum(len(s) for d in docs for s in d)
    w0, c0 = time.perf_counter(), time.process_time()
    for k in range(0, len(docs), BATCH):
        tagger.tag_documents(docs[k : k + BATCH])
    return n / (time.perf_counter() - w0), n / (time.process_time() - c0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "saudinewsnet"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--crf-only", action="store_true", help="without the neural half (marsad ingest --no-ner-neural)")
    args = ap.parse_args()
    nn = False if args.crf_only else None  # None: the model's neural half, as ingest tags by default

    texts = []
    for text in corpus_texts(Path(args.data)):
        texts.append(text.split("\n", 1)[1] if "\n" in text else text)
        if len(texts) >= args.articles:
            break
    docs = _documents(texts)
    n_tokens = sum(len(s) for d in docs for s in d)
    cold = _tag_rate(NerTagger(neural=nn), docs)
    tagger = NerTagger(neural=nn)
    _tag_rate(tagger, docs)
    warm = _tag_rate(tagger, docs)

    arts = [Article(id=str(i), source="saudinewsnet", text=t, raw_text=t, origin="bench") for i, t in enumerate(texts)]
    ner, ent = NerStage(ner_neural=nn is None), EntityStage()
    ner(arts[:1])
    ent(arts[:1])  # load the model and the lexicon before timing
    w0, c0 = time.perf_counter(), time.process_time()
    ent(ner(arts))
    stage_wall, stage_cpu = time.perf_counter() - w0, time.process_time() - c0
    mentions = sum(len(a.mentions) for a in arts)

    rows = [
        ("articles", f"{len(texts)}"),
        ("tokens (avg per article)", f"{n_tokens} ({n_tokens / len(texts):.0f})"),
        ("tagging, cold feature cache (tokens/s per core: CPU time / wall)", f"{cold[1]:,.0f} / {cold[0]:,.0f}"),
        ("tagging, warm feature cache (tokens/s per core: CPU time / wall)", f"{warm[1]:,.0f} / {warm[0]:,.0f}"),
        ("extract stage ner+entities (articles/s per core: CPU time / wall)",
         f"{len(arts) / stage_cpu:,.1f} / {len(arts) / stage_wall:,.1f}"),
        ("mentions found (per article)", f"{mentions} ({mentions / len(arts):.1f})"),
    ]
    machine = f"{_cpu()}, {platform.python_implementation()} {platform.python_version()}, 1 process"
    table = "| measure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)
    print(table)
    print(f"\nmachine: {machine}")
    if args.write:
        doc = ROOT / "docs" / ("benchmarks-ner-crf.md" if args.crf_only else "benchmarks-ner.md")
        kept = doc.read_text(encoding="utf-8") if doc.exists() else ""
        kept = kept[kept.index(KEEP_BELOW):] if KEEP_BELOW in kept else ""  # the history under the marker
        doc.write_text(
            ("# Named-entity tagging speed without the neural half (`--no-ner-neural`)\n\n" if args.crf_only else
             "# Named-entity tagging speed (the default: both CRF stages and the neural half)\n\n") +
            f"Command: `.venv/bin/python benchmarks/ner.py --articles {args.articles}{' --crf-only' if args.crf_only else ''} --write`\n\n"
            f"Machine: {machine}; the 2 cores were shared with other jobs while measuring (load\n"
            f"average {os.getloadavg()[0]:.1f}), so the CPU-time rate (work done per second of CPU this\n"
            "process got) is the per-core figure; the wall-clock rate is what this busy machine gave.\n\n"
            f"Data: the first {len(texts)} articles of SaudiNewsNet (`../shared/data/saudinewsnet`).\n\n"
            f"{table}\n\n"
            "Tagging includes feature extraction (features are cached per word type, so the warm\n"
            "figure is the steady state of a long ingest); the extract stage adds sentence splitting,\n"
            "tokenisation, span building and entity merging.\n" + (f"\n{kept}" if kept else ""),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
