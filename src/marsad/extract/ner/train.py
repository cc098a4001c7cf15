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
from marsad.extract.ner.features import DEFAULT_GROUPS, FeatureExtractor
from marsad.extract.ner.gazetteer import (build_corpus_gazetteer, build_gazetteer, build_memory, jackknife, load_gazetteer,
                                          save_gazetteer)

DATA_DIR = Path(__file__).parent / "data"
MODEL_PATH = DATA_DIR / "ner.crfsuite"
DEFAULTS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}  # chosen on three folds (docs/ner.md)
CORPUS_EVERY = 3  # tag every third SaudiNewsNet article for the corpus gazetteer


def split_dev(sentences: list[Sentence], ratio: float) -> tuple[list[Sentence], list[Sentence]]:
    """The last ``ratio`` of the sentences (whole documents at the end of the file) is the dev set."""
    cut = len(sentences) - int(round(len(sentences) * ratio))
    return sentences[:cut], sentences[cut:]


def fold_splits(sentences: list[Sentence], ratio: float = 0.1) -> list[tuple[str, list[Sentence], list[Sentence]]]:
    """Three document-contiguous held-out blocks (first, middle, last ``ratio`` of the file), each
    with the rest as training: one held-out region alone swings micro-F1 by ±0.05 (docs/ner.md)."""
    n = len(sentences)
    k = int(round(n * ratio))
    starts = {"first": 0, "middle": (n - k) // 2, "last": n - k}
    return [(name, sentences[:a] + sentences[a + k :], sentences[a : a + k]) for name, a in starts.items()]


def cross_validate(data, *, corpus_gazetteer, groups=DEFAULT_GROUPS, params=None, ratio=0.1,
                   workdir: Path = Path("/tmp"), log=print) -> dict:
    """Fold scores (one training round each, reusing a corpus gazetteer) and their average."""
    from marsad.extract.ner.tagger import NerTagger

    clusters = load_clusters()
    autogaz = load_gazetteer(Path(corpus_gazetteer)) if corpus_gazetteer and "autogaz" in groups else {}
    p = {**DEFAULTS, **(params or {})}
    folds = {}
    for name, train, dev in fold_splits(read_conll(data).sentences, ratio):
        out = Path(workdir) / f"ner_fold_{name}.crfsuite"
        _fit(train, groups, clusters, autogaz, p, out)
        lex = FeatureExtractor(clusters, None, groups).lexicon
        gaz = build_gazetteer(train, lex) if "gazetteer" in groups else {}
        mem = build_memory(train, lex) if "memory" in groups else {}
        tagger = NerTagger(out, gazetteer=gaz, groups=groups, autogaz=autogaz, memory=mem)
        folds[name] = score([s.tags for s in dev], [tagger.tag(s.tokens) for s in dev])["micro"]
        log(f"fold {name}: {json.dumps(folds[name])}")
        out.unlink()
    avg = {k: round(sum(f[k] for f in folds.values()) / len(folds), 4) for k in ("p", "r", "f1")}
    result = {"folds": folds, "average": avg, "params": p, "groups": sorted(groups)}
    log(json.dumps(result, ensure_ascii=False))
    return result


def _training_items(train: list[Sentence], groups, clusters, autogaz):
    """Feature lists for the training sentences. The lists built from the training labels (gazetteer,
    label memory) are jackknifed: each fifth of the file sees the lists of the other four fifths,
    otherwise the CRF learns to trust them blindly."""
    if not {"gazetteer", "memory"} & groups:
        fx = FeatureExtractor(clusters, None, groups, autogaz)
        for s in train:
            yield fx.sentence(s.tokens), s.tags
        return
    lex = FeatureExtractor(clusters, None, groups).lexicon
    gazs = jackknife(train, lex) if "gazetteer" in groups else None
    mems = jackknife(train, lex, build=build_memory) if "memory" in groups else None
    for k, (block, _) in enumerate(gazs or mems):
        fx = FeatureExtractor(clusters, gazs[k][1] if gazs else None, groups, autogaz,
                              memory=mems[k][1] if mems else None)
        for i in block:
            yield fx.sentence(train[i].tokens), train[i].tags


def _fit(train, groups, clusters, autogaz, params: dict, out: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in _training_items(train, groups, clusters, autogaz):
        trainer.append(xseq, yseq)
    trainer.set_params({"feature.possible_transitions": True, **params})
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
    dev_split: float = 0.0,
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
    memory = build_memory(train, probe.lexicon) if "memory" in groups else {}
    if memory:
        save_gazetteer(memory, _side(out, "memory"))
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
            round1 = NerTagger(first, gazetteer=gaz, groups=groups - {"autogaz"}, autogaz={}, memory=memory)
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
        "memory": _side(out, "memory").name if memory else None,
        "seconds": round(time.time() - t0, 1),
    }
    if dev_sents:
        tagger = NerTagger(out, gazetteer=gaz, groups=groups, autogaz=autogaz, memory=memory)
        pred = [tagger.tag(s.tokens) for s in dev_sents]
        meta["dev"] = score([s.tags for s in dev_sents], pred)
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    meta["model_bytes"] = out.stat().st_size
    log(json.dumps(meta, ensure_ascii=False))
    return meta
