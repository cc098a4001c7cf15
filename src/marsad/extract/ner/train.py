"""Training the CRF tagger (``marsad train ner``).

python-crfsuite, L-BFGS with L1 + L2 regularisation: L1 drives most feature weights to exactly
zero, which keeps the shipped model small (crfsuite stores only non-zero features).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pycrfsuite

from marsad.extract.ner.clusters import load_clusters
from marsad.extract.ner.conll import Sentence, read_conll, score
from marsad.extract.ner.features import ALL_GROUPS, FeatureExtractor
from marsad.extract.ner.gazetteer import GAZETTEER_PATH, build_gazetteer, jackknife, save_gazetteer

DATA_DIR = Path(__file__).parent / "data"
MODEL_PATH = DATA_DIR / "ner.crfsuite"
DEFAULTS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200}


def split_dev(sentences: list[Sentence], ratio: float) -> tuple[list[Sentence], list[Sentence]]:
    """The last ``ratio`` of the sentences (whole documents at the end of the file) is the dev set."""
    cut = len(sentences) - int(round(len(sentences) * ratio))
    return sentences[:cut], sentences[cut:]


def _training_items(train: list[Sentence], groups, lexicon_clusters):
    """Feature lists for the training sentences, with the jackknifed gazetteer."""
    if "gazetteer" not in groups:
        fx = FeatureExtractor(lexicon_clusters, None, groups)
        for s in train:
            yield fx.sentence(s.tokens), s.tags
        return
    probe = FeatureExtractor(lexicon_clusters, None, groups)
    for block, gaz in jackknife(train, probe.lexicon):
        fx = FeatureExtractor(lexicon_clusters, gaz, groups)
        for i in block:
            yield fx.sentence(train[i].tokens), train[i].tags


def train_ner(
    data: str | Path,
    out: str | Path = MODEL_PATH,
    *,
    dev: str | Path | None = None,
    dev_split: float = 0.1,
    groups: frozenset[str] = ALL_GROUPS,
    params: dict | None = None,
    ship_gazetteer: bool = True,
    log=print,
) -> dict:
    t0 = time.time()
    sentences = read_conll(data).sentences
    if dev:
        train, dev_sents = sentences, read_conll(dev).sentences
    elif dev_split > 0:
        train, dev_sents = split_dev(sentences, dev_split)
    else:
        train, dev_sents = sentences, []
    clusters = load_clusters()
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in _training_items(train, groups, clusters):
        trainer.append(xseq, yseq)
    p = {**DEFAULTS, **(params or {}), "feature.possible_transitions": True}
    trainer.set_params(p)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    probe = FeatureExtractor(clusters, None, groups)
    gaz = build_gazetteer(train, probe.lexicon) if "gazetteer" in groups else {}
    gaz_path = out.with_name(out.stem + ".gazetteer.tsv") if out != MODEL_PATH else GAZETTEER_PATH
    if ship_gazetteer:
        save_gazetteer(gaz, gaz_path)
    meta = {
        "groups": sorted(groups),
        "params": {k: v for k, v in p.items() if not k.startswith("feature.")},
        "train_sentences": len(train),
        "dev_sentences": len(dev_sents),
        "gazetteer": gaz_path.name,
        "seconds": round(time.time() - t0, 1),
    }
    if dev_sents:
        from marsad.extract.ner.tagger import NerTagger

        tagger = NerTagger(out, gazetteer=gaz, groups=groups)
        pred = [tagger.tag(s.tokens) for s in dev_sents]
        meta["dev"] = score([s.tags for s in dev_sents], pred)
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    meta["model_bytes"] = out.stat().st_size
    log(json.dumps(meta, ensure_ascii=False))
    return meta
