"""Loading the shipped CRF model and tagging token sequences."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from marsad.errors import ConfigError
from marsad.extract.ner.clusters import load_clusters
from marsad.extract.ner.features import ALL_GROUPS, FeatureExtractor
from marsad.extract.ner.gazetteer import load_gazetteer

MODEL_PATH = Path(__file__).parent / "data" / "ner.crfsuite"
# Attributes whose largest weight (over the labels) is below this are not generated at all: with
# c1 0.05 there are many small ones; dropping them took dev micro-F1 from 0.7126 to 0.7115 (0.7126
# at 0.1) and brings tagging back to the speed of the sparser c1 0.15 model (docs/ner.md, "Speed").
MIN_WEIGHT = 0.2


class NerTagger:
    """IOB2 tags for given tokens. ``gazetteer``/``groups`` default to what the model's sidecar
    JSON (written by training) says."""

    def __init__(self, model: str | Path = MODEL_PATH, *, gazetteer: dict | None = None, groups=None,
                 autogaz: dict | None = None, memory: dict | None = None):
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
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        keep = {attr for (attr, _), w in self._tagger.info().state_features.items() if abs(w) >= MIN_WEIGHT}
        self.features = FeatureExtractor(load_clusters(), gazetteer, frozenset(groups), autogaz, keep, memory)

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        return self._tagger.tag(pycrfsuite.ItemSequence(self.features.sentence(tokens)))


@lru_cache(maxsize=2)
def default_tagger(model: str = str(MODEL_PATH)) -> NerTagger:
    return NerTagger(model)
