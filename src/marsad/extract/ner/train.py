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
import shutil
import tempfile
import time
from pathlib import Path

import pycrfsuite

from marsad.extract.ner.clusters import corpus_texts, load_clusters
from marsad.extract.ner.conll import Sentence, read_conll, score, to_iobes
from marsad.extract.ner.document import WINDOW, document_features
from marsad.extract.ner.features import DEFAULT_GROUPS, NEURAL_GROUPS, FeatureExtractor
from marsad.extract.ner.gazetteer import (build_corpus_gazetteer, build_gazetteer, build_memory, jackknife, load_gazetteer,
                                          save_gazetteer)

DATA_DIR = Path(__file__).parent / "data"
MODEL_PATH = DATA_DIR / "ner.crfsuite"
DEFAULTS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}  # chosen on three folds (docs/ner.md)
SCHEMES = ("bio", "iobes")  # label encoding the CRF learns; the tagger always returns IOB2
DEFAULT_SCHEME = "iobes"
STAGE2_PARTS = 3  # jackknife blocks for the second stage's training labels (one first-stage training each)
# subtracted from the O label's score before decoding (marsad.extract.ner.decode), chosen on the folds
DEFAULT_O_BIAS = 0.0
CORPUS_EVERY = 3  # tag every third SaudiNewsNet article for the corpus gazetteer
# weight of the neural tagger's log label marginals added to the first stage's scores (docs/ner.md)
NEURAL_WEIGHT = 0.25


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
                   scheme: str = DEFAULT_SCHEME, workdir: Path | None = None, log=print,
                   o_biases: tuple[float, ...] = (DEFAULT_O_BIAS,), windows: tuple[int, ...] = (WINDOW,),
                   neural_weights: tuple[float, ...] = (NEURAL_WEIGHT,)) -> dict:
    """Fold scores (one training round each, reusing a corpus gazetteer) and their average, for
    each O bias in ``o_biases``, document window in ``windows`` and neural weight in
    ``neural_weights`` (the same fold models decoded with each). The fold models are written to
    ``workdir`` and deleted; by default a fresh temporary folder, so two runs never share files."""
    from marsad.extract.ner.tagger import NerTagger

    _need_jax(groups)
    clusters = load_clusters()
    autogaz = load_gazetteer(Path(corpus_gazetteer)) if corpus_gazetteer and "autogaz" in groups else {}
    p = {**DEFAULTS, **(params or {})}
    if "neural" not in groups:
        neural_weights = (0.0,)
    settings = [(b, w, n) for n in neural_weights for w in windows for b in o_biases]
    folds: dict[tuple, dict] = {k: {} for k in settings}
    own_dir = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="marsad-folds-")) if own_dir else Path(workdir)
    lex = FeatureExtractor(clusters, None, groups).lexicon
    try:
        for name, train, dev in fold_splits(read_conll(data).sentences, ratio):
            out = workdir / f"ner_fold_{name}.crfsuite"
            _fit(train, groups, clusters, autogaz, p, out, scheme)
            gaz = build_gazetteer(train, lex) if "gazetteer" in groups else {}
            mem = build_memory(train, lex) if "memory" in groups else {}
            stage2 = _fit_stage2(train, groups, clusters, autogaz, p, out, scheme) if "document" in groups else None
            neural = _fit_neural(train, clusters, autogaz, out, log) if "neural" in groups else None
            for bias, window, weight in settings:
                tagger = NerTagger(out, gazetteer=gaz, groups=groups, autogaz=autogaz, memory=mem, scheme=scheme,
                                   stage2=stage2 or False, o_bias=bias, neural=neural or False, neural_weight=weight)
                pred = tagger.tag_document([s.tokens for s in dev], window=window)
                folds[(bias, window, weight)][name] = score([s.tags for s in dev], pred)["micro"]
                log(f"fold {name}, O bias {bias}, window {window}, neural weight {weight}: "
                    f"{json.dumps(folds[(bias, window, weight)][name])}")
            for f in (out, stage2, neural, neural and neural.with_suffix(".json")):
                if f:
                    f.unlink()
    finally:
        if own_dir:
            shutil.rmtree(workdir, ignore_errors=True)
    runs = []
    for (bias, window, weight), by_fold in folds.items():
        avg = {k: round(sum(f[k] for f in by_fold.values()) / len(by_fold), 4) for k in ("p", "r", "f1")}
        runs.append({"o_bias": bias, "window": window, "neural_weight": weight, "folds": by_fold, "average": avg})
        log(f"O bias {bias}, window {window}, neural weight {weight}: average {json.dumps(avg)}")
    result = {**runs[0], "params": p, "scheme": scheme, "groups": sorted(groups)}
    if len(runs) > 1:
        result["by_setting"] = runs
    log(json.dumps(result, ensure_ascii=False))
    return result


def _training_items(train: list[Sentence], groups, clusters, autogaz, extra=None):
    """Feature lists for the training sentences (plus ``extra[i][k]``, the document features of
    token k of sentence i, for the second stage). The lists built from the training labels
    (gazetteer, label memory) are jackknifed: each fifth of the file sees the lists of the other
    four fifths, otherwise the CRF learns to trust them blindly."""
    # one word analysis for every extractor below (the lists differ, the analysis does not)
    plain = FeatureExtractor(clusters, None, groups)
    # document features of the first stage (no labels: nothing to jackknife), over the same
    # ±WINDOW-sentence documents as the second stage's
    agg = plain.document_extra([s.tokens for s in train], WINDOW)

    def items(fx, i):
        feats = fx.sentence(train[i].tokens)
        if agg:
            feats = [f + a for f, a in zip(feats, agg[i])]
        return ([f + e for f, e in zip(feats, extra[i])] if extra else feats), train[i].tags

    if not {"gazetteer", "memory"} & groups:
        fx = FeatureExtractor(clusters, None, groups, autogaz, analyses=plain.analyses)
        for i in range(len(train)):
            yield items(fx, i)
        return
    gazs = jackknife(train, plain.lexicon) if "gazetteer" in groups else None
    mems = jackknife(train, plain.lexicon, build=build_memory) if "memory" in groups else None
    for k, (block, _) in enumerate(gazs or mems):
        fx = FeatureExtractor(clusters, gazs[k][1] if gazs else None, groups, autogaz,
                              memory=mems[k][1] if mems else None, analyses=plain.analyses)
        for i in block:
            yield items(fx, i)


def mention_replaced(train: list[Sentence], copies: int = 1, seed: int = 7) -> list[Sentence]:
    """The training sentences, each followed by ``copies`` variants in which every entity is
    replaced by another entity of the same type drawn from the training labels (mention
    replacement): the names move into contexts they were never seen in, so the CRF leans on
    the context more and on memorised names less."""
    import random

    from marsad.extract.ner.conll import chunks

    by_type: dict[str, list[list[str]]] = {}
    for s in train:
        for a, b, typ in chunks(s.tags):
            by_type.setdefault(typ, []).append(s.tokens[a:b])
    rng = random.Random(seed)
    out: list[Sentence] = []
    for s in train:
        out.append(s)
        spans = sorted(chunks(s.tags))
        if not spans:
            continue
        for _ in range(copies):
            toks: list[str] = []
            tags: list[str] = []
            at = 0
            for a, b, typ in spans:
                toks += s.tokens[at:a]
                tags += s.tags[at:a]
                name = rng.choice(by_type[typ])
                toks += name
                tags += ["B-" + typ] + ["I-" + typ] * (len(name) - 1)
                at = b
            toks += s.tokens[at:]
            tags += s.tags[at:]
            out.append(Sentence(toks, tags))
    return out


def _fit(train, groups, clusters, autogaz, params: dict, out: Path, scheme: str, extra=None) -> None:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tag scheme {scheme!r}; known: {', '.join(SCHEMES)}")
    params = dict(params)
    copies = int(params.pop("augment", 0))
    if copies and extra is None:
        train = mention_replaced(train, copies)
    algorithm = params.pop("algorithm", "lbfgs")
    if algorithm != "lbfgs":  # the L1 term is L-BFGS's (OWL-QN); the perceptron-style learners have no c2
        params.pop("c1", None)
        if algorithm != "l2sgd":
            params.pop("c2", None)
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for xseq, yseq in _training_items(train, groups, clusters, autogaz, extra):
        trainer.append(xseq, to_iobes(yseq) if scheme == "iobes" else yseq)
    trainer.set_params({"feature.possible_transitions": True, **params})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def _jackknife_tags(train, groups, clusters, autogaz, params: dict, out: Path, scheme: str) -> list[list[str]]:
    """First-stage tags of every training sentence from a model that did not see it (``STAGE2_PARTS``
    contiguous blocks, each tagged by a model trained on the others), so the second stage learns
    from the first stage's real mistakes, not from its memory of the training labels."""
    from marsad.extract.ner.tagger import NerTagger

    lex = FeatureExtractor(clusters, None, groups).lexicon
    tags: list[list[str]] = []
    n = len(train)
    bounds = [round(n * k / STAGE2_PARTS) for k in range(STAGE2_PARTS + 1)]
    part = out.with_name(out.stem + ".jackknife.crfsuite")
    for a, b in zip(bounds, bounds[1:]):
        rest = train[:a] + train[b:]
        _fit(rest, groups, clusters, autogaz, params, part, scheme)
        tagger = NerTagger(part, gazetteer=build_gazetteer(rest, lex) if "gazetteer" in groups else {},
                           groups=groups, autogaz=autogaz,
                           memory=build_memory(rest, lex) if "memory" in groups else {}, scheme=scheme,
                           stage2=False)
        tags += tagger.tag_document([s.tokens for s in train[a:b]], window=WINDOW)
    part.unlink()
    return tags


def _fit_stage2(train, groups, clusters, autogaz, params: dict, out: Path, scheme: str) -> Path:
    """Train the document-consistency stage beside model ``out``; returns its path."""
    first = groups - {"document"}
    tags = _jackknife_tags(train, first, clusters, autogaz, params, out, scheme)
    fx = FeatureExtractor(clusters, None, first)
    extra, _ = document_features([fx.stems(s.tokens) for s in train], tags, WINDOW)
    path = stage2_path(out)
    _fit(train, first, clusters, autogaz, params, path, scheme, extra)
    return path


def _need_jax(groups) -> None:
    """Fail before any training when the neural half is wanted and jax is missing (not after the
    CRFs' minutes of training)."""
    import importlib.util

    if "neural" in groups and importlib.util.find_spec("jax") is None:
        from marsad.errors import ConfigError

        raise ConfigError("training the neural half needs jax: pip install 'marsad[train]' "
                          "(or leave it out with --without neural)")


def _fit_neural(train, clusters, autogaz, out: Path, log) -> Path:
    """Train the neural tagger beside model ``out`` (``ner.neural.npz`` for ``ner.crfsuite``)."""
    from marsad.extract.ner.neural_train import train_neural

    path = out.with_name(out.stem + ".neural.npz")
    return train_neural(train, FeatureExtractor(clusters, None, NEURAL_GROUPS, autogaz), path, log=log)


def stage2_path(out: Path) -> Path:
    return out.with_name(out.stem + ".stage2.crfsuite")


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
    scheme: str = DEFAULT_SCHEME,
    o_bias: float = DEFAULT_O_BIAS,
    neural_weight: float = NEURAL_WEIGHT,
    log=print,
) -> dict:
    from marsad.extract.ner.tagger import NerTagger

    _need_jax(groups)
    t0 = time.time()
    out = Path(out)
    sentences = read_conll(data).sentences
    out.parent.mkdir(parents=True, exist_ok=True)  # the side files are written before the model
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
            _fit(train, groups - {"autogaz"}, clusters, None, p, first, scheme)
            round1 = NerTagger(first, gazetteer=gaz, groups=groups - {"autogaz"}, autogaz={}, memory=memory,
                               scheme=scheme)
            texts = itertools.islice(corpus_texts(Path(corpus)), 0, None, CORPUS_EVERY)
            autogaz = build_corpus_gazetteer(round1, texts)
            first.unlink()
            log(f"round 1 done ({time.time() - t0:.0f} s): corpus gazetteer of {len(autogaz)} words")
    save_gazetteer(autogaz, _side(out, "corpus_gazetteer"))
    _fit(train, groups, clusters, autogaz, p, out, scheme)
    stage2 = _fit_stage2(train, groups, clusters, autogaz, p, out, scheme) if "document" in groups else None
    neural = _fit_neural(train, clusters, autogaz, out, log) if "neural" in groups else None
    meta = {
        "groups": sorted(groups),
        "params": p,
        "scheme": scheme,
        "train_sentences": len(train),
        "dev_sentences": len(dev_sents),
        "gazetteer": _side(out, "gazetteer").name,
        "corpus_gazetteer": _side(out, "corpus_gazetteer").name,
        "memory": _side(out, "memory").name if memory else None,
        "stage2": stage2.name if stage2 else None,
        "o_bias": o_bias,
        "neural": neural.name if neural else None,
        "neural_weight": neural_weight if neural else 0.0,
        "seconds": round(time.time() - t0, 1),
    }
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    if dev_sents:  # scored as the tagger will load it, side files and second stage included
        pred = NerTagger(out).tag_document([s.tokens for s in dev_sents], window=WINDOW)
        meta["dev"] = score([s.tags for s in dev_sents], pred)
        out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    meta["model_bytes"] = out.stat().st_size + sum(f.stat().st_size for f in (stage2, neural) if f)
    log(json.dumps(meta, ensure_ascii=False))
    return meta
