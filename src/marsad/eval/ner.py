"""``marsad eval ner GOLD``: tag the gold's own tokens and score exact entity spans.

Format and score as in EVAL_FORMATS.md ("ner"): CoNLL file or folder, IOB2, PERS read as PER, tags
outside the requested types count as O, seqeval-style exact spans micro-averaged over the types.
"""

from __future__ import annotations

import time
from pathlib import Path

from marsad.extract.ner.conll import read_conll, score


def evaluate_ner(gold_path: str | Path, types: list[str] | None = None, model: str | Path | None = None,
                 neural: bool | None = None) -> dict:
    """Exact-span micro P/R/F1 of the tagger on a CoNLL gold (``neural``: None tags as ingest does, with
    the model's neural half when it has one; False with the CRFs alone; True insists on the network)."""
    from marsad.extract.ner.document import WINDOW
    from marsad.extract.ner.tagger import MODEL_PATH, NerTagger

    gold = read_conll(gold_path)
    tagger = NerTagger(model or MODEL_PATH, neural=neural)
    t0 = time.perf_counter()
    # a CoNLL file has no document markers: each sentence's document is the window around it
    pred = tagger.tag_document([s.tokens for s in gold.sentences], window=WINDOW)
    seconds = time.perf_counter() - t0
    gold_tags = [s.tags for s in gold.sentences]
    wanted = set(types) if types else {t[2:] for seq in gold_tags for t in seq if t != "O"}
    result = score(gold_tags, pred, wanted)
    n_tokens = sum(len(s.tokens) for s in gold.sentences)
    out = {
        "task": "ner",
        "micro": result["micro"],
        "per_type": result["per_type"],
        "tokens": n_tokens,
        "tokens_per_s": round(n_tokens / seconds, 1) if seconds > 0 else 0.0,
        "neural": tagger.neural_on,
    }
    if gold.extra_field_lines:
        out["extra_field_lines"] = gold.extra_field_lines
    return out
