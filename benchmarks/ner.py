"""Benchmark of the named-entity tagger and the ner+entities stages on SaudiNewsNet.

    .venv/bin/python benchmarks/ner.py [--articles 2000] [--data ../shared/data/saudinewsnet] [--neural] [--write]

Prints a table: tokens/s per core for tagging (article by article, feature extraction and the
document-consistency stage included; first pass with a cold feature cache, then warm), and articles/s for the whole extract stage (sentence split, tokenisation,
tagging, entity merging). Runs in one process, so the figures are per core. ``--write`` also writes
the table into docs/benchmarks-ner.md (with ``--neural``, the opt-in neural half switched on, into
docs/benchmarks-ner-neural.md).
"""

from __future__ import annotations

import argparse
import os
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


def _tag_rate(tagger: NerTagger, docs: list[list[list[str]]]) -> tuple[float, float]:
    """(tokens per wall-clock second, tokens per CPU second of this process)."""
    n = sum(len(s) for d in docs for s in d)
    w0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        tagger.tag_document(d)
    return n / (time.perf_counter() - w0), n / (time.process_time() - c0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "saudinewsnet"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--neural", action="store_true", help="with the neural half (marsad ingest --ner-neural)")
    args = ap.parse_args()
    nn = args.neural

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
    ner, ent = NerStage(ner_neural=nn), EntityStage()
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
        doc = ROOT / "docs" / ("benchmarks-ner-neural.md" if nn else "benchmarks-ner.md")
        doc.write_text(
            ("# Named-entity tagging speed with the neural half (`--ner-neural`)\n\n" if nn else
             "# Named-entity tagging speed\n\n") +
            f"Command: `.venv/bin/python benchmarks/ner.py --articles {args.articles}{' --neural' if nn else ''} --write`\n\n"
            f"Machine: {machine}; the 2 cores were shared with other jobs while measuring (load\n"
            f"average {os.getloadavg()[0]:.1f}), so the CPU-time rate (work done per second of CPU this\n"
            "process got) is the per-core figure; the wall-clock rate is what this busy machine gave.\n\n"
            f"Data: the first {len(texts)} articles of SaudiNewsNet (`../shared/data/saudinewsnet`).\n\n"
            f"{table}\n\n"
            "Tagging includes feature extraction (features are cached per word type, so the warm\n"
            "figure is the steady state of a long ingest); the extract stage adds sentence splitting,\n"
            "tokenisation, span building and entity merging.\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
