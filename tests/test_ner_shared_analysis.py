"""The tagger's CRF and neural halves share one cache of word analyses (normalised form, clitic
segmentation, cluster and list look-ups; marsad.extract.ner.features.WordAnalyses).

The network was trained on the attribute strings a standalone extractor with NEURAL_GROUPS makes, so
the sharing must not change a single one of them, nor the marginals computed from them."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.errors import ConfigError
from marsad.extract.ner import features as features_module
from marsad.extract.ner.clusters import Clusters, load_clusters, load_vectors
from marsad.extract.ner.features import NEURAL_GROUPS, FeatureExtractor
from marsad.extract.ner.neural import NeuralScorer, vector_row
from marsad.extract.ner.tagger import MODEL_PATH, NerTagger

# our own sentences in news style: a minister's visit, a football club, a company, with clitics
# («وبحث», «للشركة», «ولاعبيه») and words both halves read
ARTICLE = [
    "وصل وزير الخارجية الأردني أيمن الصفدي إلى الرباط أمس في زيارة رسمية يلتقي خلالها نظيره المغربي .",
    "وبحث الوزيران العلاقات الثنائية ومشاريع التعاون في مجالي الطاقة والمياه .",
    "وفاز نادي الوداد البيضاوي على ضيفه الرجاء بهدفين نظيفين في الدوري المغربي .",
    "وشكر مدرب الفريق جماهيره ولاعبيه على دعمهم طوال الموسم .",
    "وأعلنت شركة أرامكو السعودية أن أرباحها ارتفعت في الربع الثالث ، وقال رئيسها إن للشركة خططا للتوسع في آسيا .",
]
SENTENCES = [s.split() for s in ARTICLE]


@pytest.fixture(scope="module")
def tagger():
    if load_vectors() is None:
        pytest.skip("the shipped word vectors are missing")
    tagger = NerTagger()
    assert tagger.neural_on
    return tagger


def _standalone(tagger) -> FeatureExtractor:
    """The neural half's extractor as it was built before the sharing: its own analyses and caches."""
    return FeatureExtractor(load_clusters(), None, NEURAL_GROUPS, tagger.features.autogaz)


def _separate_scorer(tagger) -> NeuralScorer:
    return NeuralScorer(MODEL_PATH.with_name(tagger.meta["neural"]), _standalone(tagger))


def test_the_halves_share_the_analyses_and_the_neural_half_keeps_no_feature_cache(tagger):
    words = tagger._neural.features
    assert words.analyses is tagger.features.analyses and words.lexicon is tagger.features.lexicon
    tagger.tag_documents([SENTENCES])
    assert all(w in tagger.features.analyses._known for s in SENTENCES for w in s)
    assert not words._types and not words._stem  # the network caches what it makes of a word itself


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_the_network_reads_the_attributes_a_standalone_extractor_makes(tagger, sentence):
    tagger.tag_documents([[sentence]])  # the CRF half analyses the words first, as in tagging
    words, alone = tagger._neural.features, _standalone(tagger)
    vectors = tagger._neural._vec_index
    for w in sentence:
        assert words.own_attributes(w) == list(alone.looked([w])[0][0]), w
        assert vector_row(vectors, w, words) == vector_row(vectors, w, alone), w


def test_marginals_and_tags_equal_those_with_a_separate_extractor(tagger):
    tagger.tag_documents([SENTENCES])
    separate = _separate_scorer(tagger)
    shared = tagger._neural.log_marginals(SENTENCES)
    for got, expected in zip(shared, separate.log_marginals(SENTENCES)):
        assert np.array_equal(got, expected)
    other = NerTagger()
    other._neural = separate
    assert tagger.tag_documents([SENTENCES]) == other.tag_documents([SENTENCES])


def test_a_full_cache_is_emptied_and_changes_nothing(tagger, monkeypatch):
    """Between the halves the shared cache may be emptied (a long ingest fills it): both then
    analyse the word again and get the same."""
    expected = _separate_scorer(tagger).log_marginals(SENTENCES)
    fresh = NerTagger()
    monkeypatch.setattr(features_module, "CACHE_LIMIT", 5)
    tags = fresh.tag_documents([SENTENCES])
    assert len(fresh.features.analyses) <= 6 and len(fresh.features._types) <= 6
    for got, want in zip(fresh._neural.log_marginals(SENTENCES), expected):
        assert np.array_equal(got, want)
    monkeypatch.undo()
    assert tags == tagger.tag_documents([SENTENCES])


def test_analyses_made_over_other_clusters_are_refused(tagger, tmp_path):
    with pytest.raises(ConfigError, match="other clusters"):
        FeatureExtractor(Clusters(tmp_path / "none.tsv"), None, NEURAL_GROUPS, analyses=tagger.features.analyses)
