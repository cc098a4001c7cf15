"""Loading the shipped CRF model and tagging token sequences."""

from __future__ import annotations

import itertools
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite

from marsad.errors import ConfigError
from marsad.extract.ner.clusters import load_clusters
from marsad.extract.ner.conll import to_iob2
from marsad.extract.ner.decode import CrfDecoder
from marsad.extract.ner.document import article_retag, document_verdicts, token_features
from marsad.extract.ner.features import ALL_GROUPS, NEURAL_GROUPS, FeatureExtractor
from marsad.extract.ner.gazetteer import load_gazetteer

MODEL_PATH = Path(__file__).parent / "data" / "ner.crfsuite"
# Attributes whose largest weight (over the labels) is below this are not generated at all: with
# c1 0.05 there are many small ones; dropping them took dev micro-F1 from 0.7126 to 0.7115 (0.7126
# at 0.1) and brings tagging back to the speed of the sparser c1 0.15 model (docs/ner.md, "Speed").
MIN_WEIGHT = 0.2


class NerTagger:
    """IOB2 tags for given tokens. ``gazetteer``/``groups``/``scheme`` default to what the model's
    sidecar JSON (written by training) says (models from before the IOBES switch learnt IOB2), and
    so does the second-stage model (document consistency): ``stage2`` False tags with the first
    stage only, a path uses that second-stage model (fold runs, which write no sidecar)."""

    def __init__(self, model: str | Path = MODEL_PATH, *, gazetteer: dict | None = None, groups=None,
                 autogaz: dict | None = None, memory: dict | None = None, scheme: str | None = None,
                 stage2: str | Path | bool = True, o_bias: float | None = None,
                 neural: str | Path | bool | None = None, neural_weight: float | None = None):
        model = Path(model)
        if not model.exists():
            raise ConfigError(f"NER model {model} not found: run `marsad train ner --data …`")
        meta_path = model.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        if groups is None:
            groups = frozenset(meta.get("groups", ALL_GROUPS))
        if gazetteer is None:
            gazetteer = load_gazetteer(model.with_name(meta.get("gazetteer", "gazetteer.tsv")))
        if autogaz is None:
            autogaz = load_gazetteer(model.with_name(meta.get("corpus_gazetteer", "corpus_gazetteer.tsv")))
        if memory is None:
            memory = load_gazetteer(model.with_name(meta["memory"])) if meta.get("memory") else {}
        self.meta = meta
        self.iobes = (scheme or meta.get("scheme", "bio")) == "iobes"
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        keep = {attr for (attr, _), w in self._tagger.info().state_features.items() if abs(w) >= MIN_WEIGHT}
        self._stage2 = None
        if stage2 is True and meta.get("stage2"):
            stage2 = model.with_name(meta["stage2"])
        if stage2 and stage2 is not True:
            self._stage2 = pycrfsuite.Tagger()
            self._stage2.open(str(stage2))
            keep |= {a for (a, _), w in self._stage2.info().state_features.items() if abs(w) >= MIN_WEIGHT}
        self.keep = keep  # the attributes handed to both CRFs (benchmarks/ner_same_tags.py reuses them)
        self.features = FeatureExtractor(load_clusters(), gazetteer, frozenset(groups), autogaz, keep, memory,
                                         as_bytes=True)
        # decoded in numpy (same sums as crfsuite, cached per word type, and the O bias), except
        # with the "conj" group, whose pair features are not per word type
        self.o_bias = float(meta.get("o_bias", 0.0) if o_bias is None else o_bias)
        self._fast = "conj" not in groups
        self._dec = CrfDecoder(self._tagger) if self._fast else None
        self._dec2 = CrfDecoder(self._stage2) if self._fast and self._stage2 is not None else None
        # the neural tagger's label marginals, added to the first stage's scores (numpy decoder
        # only): ~0.01 better micro-F1 at about half the speed (docs/ner.md). ``neural`` None uses the
        # model's own when it has one (the shipped model does), True insists on it, False leaves it out
        if neural is True and not meta.get("neural"):
            raise ConfigError(f"NER model {model} has no neural tagger: train one with `marsad train ner`")
        if neural is None or neural is True:
            neural = model.with_name(meta["neural"]) if meta.get("neural") else False
        self.neural_weight = float(meta.get("neural_weight", 0.0) if neural_weight is None else neural_weight)
        self._neural = None
        self._neural_cols = None
        if neural and self._fast and self.neural_weight:
            from marsad.extract.ner.neural import NeuralScorer

            # the network reads the words' own attributes with its own groups (no label gazetteer, no
            # context), built from the word analyses the first stage has just made: each word type
            # is normalised, segmented and looked up once for both halves
            words = FeatureExtractor(self.features.clusters, None, NEURAL_GROUPS, autogaz,
                                     analyses=self.features.analyses)
            self._neural = NeuralScorer(neural, words)
            index = {lab: i for i, lab in enumerate(self._neural.labels)}
            # the network's column for each CRF label (a label the network lacks reads its floor, log 1e-6)
            self._neural_cols = np.array([index.get(lab, -1) for lab in self._dec.labels])

    def _decode(self, crf: pycrfsuite.Tagger, feats: list[list]) -> list[str]:
        return self._iob2(crf.tag(feats))

    def _iob2(self, tags: list[str]) -> list[str]:
        if not self.iobes or tags.count("O") == len(tags):
            return tags
        return to_iob2(tags)

    def tag(self, tokens: list[str]) -> list[str]:
        """One sentence as a document of its own."""
        return self.tag_document([tokens])[0]

    def tag_document(self, sentences: list[list[str]], window: int | None = None) -> list[list[str]]:
        """Tags for the sentences of one document (an article; ``window``: ±sentences of a CoNLL
        stream without document markers). The second stage re-tags only the sentences where the
        document's labels for a word differ from the first stage's, with the first stage's
        feature lists plus the document features."""
        if self._fast:
            return self._tag_fast([sentences], window)[0]
        feats = [self.features.sentence(toks) for toks in sentences]
        agg = self.features.document_extra(sentences, window)
        if agg:
            feats = [[f + a for f, a in zip(fs, ags)] for fs, ags in zip(feats, agg)]
        tags = [self._decode(self._tagger, f) if f else [] for f in feats]
        if self._stage2 is None:
            return tags
        for i, row in self._retag_rows(sentences, tags, window):
            # bytes and str attributes mix: pycrfsuite encodes the str ones
            tags[i] = self._decode(self._stage2, [f + e for f, e in zip(feats[i], token_features(row))])
        return tags

    def tag_documents(self, documents: list[list[list[str]]], window: int | None = None) -> list[list[list[str]]]:
        """``tag_document`` for each of several documents, with the same tags, faster: the
        sentences of all of them are decoded together in batches (and read by the neural half
        together), instead of one numpy step per token (docs/ner.md, "Speed")."""
        if not self._fast:
            return [self.tag_document(d, window) for d in documents]
        return self._tag_fast(documents, window)

    def _tag_fast(self, documents: list[list[list[str]]], window: int | None) -> list[list[list[str]]]:
        fx, dec, bias = self.features, self._dec, self.o_bias
        flat = [toks for d in documents for toks in d]
        starts = list(itertools.accumulate((len(d) for d in documents), initial=0))  # each document's first sentence
        looked = [fx.looked(toks) if toks else [] for toks in flat]
        extra = [fx.sentence_extra(toks) for toks in flat]
        if "aggregate" in fx.groups:  # document features, beside each sentence's own
            for d, k in zip(documents, starts):
                for i, agg in enumerate(fx.document_extra(d, window)):
                    extra[k + i] = [a + b for a, b in zip(extra[k + i], agg)] if extra[k + i] else agg
        scores = [dec.scores(toks, lk, ex) if toks else np.zeros((0, len(dec.labels)))
                  for toks, lk, ex in zip(flat, looked, extra)]
        if self._neural is not None:
            scores = [sc + nn if len(sc) else sc for sc, nn in zip(scores, self.neural_scores(flat))]
        tags = [self._iob2(t) for t in dec.viterbi_batch(scores, bias)]
        if self._dec2 is not None:
            redo = []  # (flat index, second-stage scores) of the sentences each document re-tags
            for d, k in zip(documents, starts):
                for i, row in self._retag_rows(d, tags[k : k + len(d)], window):
                    doc = token_features(row)
                    if extra[k + i]:
                        doc = [a + b for a, b in zip(extra[k + i], doc)]
                    redo.append((k + i, self._dec2.scores(flat[k + i], looked[k + i], doc)))
            for (i, _), t in zip(redo, self._dec2.viterbi_batch([sc for _, sc in redo], bias)):
                tags[i] = self._iob2(t)
        return [tags[a:b] for a, b in zip(starts, starts[1:])]

    @property
    def neural_on(self) -> bool:
        """Whether the neural half's scores are added (the model has one and it was not turned off)."""
        return self._neural is not None

    def neural_scores(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """``neural_weight`` × the neural tagger's log label marginals, in the first CRF's label order."""
        cols, missing = self._neural_cols, self._neural_cols < 0
        out = []
        for marg in self._neural.log_marginals(sentences):
            add = marg[:, cols].astype(np.float64)
            add[:, missing] = np.log(1e-6)
            out.append(self.neural_weight * add)
        return out

    def _retag_rows(self, sentences, tags, window):
        """(sentence index, document verdict row) of the sentences the second stage re-tags."""
        stems = [self.features.stems(toks) for toks in sentences]
        if window is None:
            rows = article_retag(stems, tags)
        else:
            verdicts, differs = document_verdicts(stems, tags, window)
            rows = [v if d else None for v, d in zip(verdicts, differs)]
        return [(i, row) for i, row in enumerate(rows) if row is not None]


@lru_cache(maxsize=4)
def default_tagger(model: str = str(MODEL_PATH), neural: bool | None = None) -> NerTagger:
    return NerTagger(model, neural=neural)
