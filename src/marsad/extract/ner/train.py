"""Training the CRF tagger (``marsad train ner``).

python-crfsuite, L-BFGS with L1 + L2 regularisation: L1 drives most feature weights to exactly
zero, which keeps the shipped model small (crfsuite stores only non-zero features).

With ``--corpus`` (SaudiNewsNet) training runs in two rounds: a first model (without the
self-training list) tags a third of the unlabelled corpus, the word forms it tags consistently
become the corpus gazetteer (``autogaz`` features), and the final model is trained with it. Both
rounds only see the training part (never the dev sentences).
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pycrfsuite

from marsad.extract.ner.clusters import corpus_texts, load_clusters
from marsad.extract.ner.conll import Sentence, read_conll, score
from marsad.extract.ner.features import ALL_GROUPS, DEFAULT_GROUPS, FeatureExtractor
from marsad.extract.ner.gazetteer import build_corpus_gazetteer, build_gazetteer, jackknife, load_gazetteer, save_gazetteer

DATA_DIR = Path(__file__).parent / "data"
MODEL_PATH = DATA_DIR / "ner.crfsuite"
DEFAULTS = {"c1": 0.15, "c2": 0.01, "max_iterations": 200}
CORPUS_EVERY = 3  # tag every third SaudiNewsNet article for the corpus gazetteer


def split_dev(sentences: list[Sentence], ratio: float) -> tuple[list[Sentence], list[Sentence]]:
    """The last ``ratio`` of the sentences (whole documents at the end of the file) is the dev set."""
    cut = len(sentences) - int(round(len(sentences) * ratio))
    return sentences[:cut], sentences[cut:]


def _training_items(train: list[Sentence], groups, clusters, autogaz):
    """Feature lists for the training sentences, with the jackknifed label gazetteer."""
    if "gazetteer" not in groups:
        fx = FeatureExtractor(clusters, None, groups, autogaz)
        for s in train:
            yield fx.sentence(s.tokens), s.tags
        return
    probe = FeatureExtractor(clusters, None, groups)
    for block, gaz in jackknife(train, probe.lexicon):
        fx = FeatureExtractor(clusters, gaz, groups, autogaz)
        for i in block:
            yield fx.sentence(train[i].tokens), train[i].tags


def _fit(train, groups, clusters, autogaz, params: dict, out: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in _training_items(train, groups, clusters, autogaz):
        trainer.append(xseq, yseq)
    trainer.set_params({**params, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def _side(out: Path, name: str) -> Path:
    """Where a side file of model ``out`` goes: the shipped names beside the shipped model."""
    return DATA_DIR / f"{name}.tsv" if out == MODEL_PATH else out.with_name(f"{out.stem}.{name}.tsv")


def train_ner(
    data: str | Path,
    out: str | Path = MODEL_PATH,
    *,
    dev: str | Path | None = None,
    dev_split: float = 0.1,
    corpus: str | Path | None = None,
    corpus_gazetteer: str | Path | None = None,
    groups: frozenset[str] = DEFAULT_GROUPS,
    params: dict | None = None,
    log=print,
) -> dict:
    from marsad.extract.ner.tagger import NerTagger

    t0 = time.time()
    out = Path(out)
    sentences = read_conll(data).sentences
    if dev:
        train, dev_sents = sentences, read_conll(dev).sentences
    else:
        train, dev_sents = split_dev(sentences, dev_split) if dev_split > 0 else (sentences, [])
    clusters = load_clusters()
    p = {**DEFAULTS, **(params or {})}
    probe = FeatureExtractor(clusters, None, groups)
    gaz = build_gazetteer(train, probe.lexicon) if "gazetteer" in groups else {}
    save_gazetteer(gaz, _side(out, "gazetteer"))
    autogaz: dict[str, str] = {}
    if "autogaz" in groups and corpus_gazetteer:  # reuse a list built before (ablations)
        autogaz = load_gazetteer(Path(corpus_gazetteer))
    elif "autogaz" in groups:
        if not corpus:
            groups = groups - {"autogaz"}
            log("no --corpus given: training without the corpus gazetteer")
        else:
            first = out.with_name(out.stem + ".round1.crfsuite")
            _fit(train, groups - {"autogaz"}, clusters, None, p, first)
            round1 = NerTagger(first, gazetteer=gaz, groups=groups - {"autogaz"}, autogaz={})
            texts = itertools.islice(corpus_texts(Path(corpus)), 0, None, CORPUS_EVERY)
            autogaz = build_corpus_gazetteer(round1, texts)
            first.unlink()
            log(f"round 1 done ({time.time() - t0:.0f} s): corpus gazetteer of {len(autogaz)} words")
    save_gazetteer(autogaz, _side(out, "corpus_gazetteer"))
    _fit(train, groups, clusters, autogaz, p, out)
    meta = {
        "groups": sorted(groups),
        "params": p,
        "train_sentences": len(train),
        "dev_sentences": len(dev_sents),
        "gazetteer": _side(out, "gazetteer").name,
        "corpus_gazetteer": _side(out, "corpus_gazetteer").name,
        "seconds": round(time.time() - t0, 1),
    }
    if dev_sents:
        tagger = NerTagger(out, gazetteer=gaz, groups=groups, autogaz=autogaz)
        pred = [tagger.tag(s.tokens) for s in dev_sents]
        meta["dev"] = score([s.tags for s in dev_sents], pred)
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    meta["model_bytes"] = out.stat().st_size
    log(json.dumps(meta, ensure_ascii=False))
    return meta
