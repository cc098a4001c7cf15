"""Quality gate on the development gold (201 labelled SaudiNewsNet pairs, rebuilt from ../shared).

The bounds sit just below the figures measured when the thresholds were set (docs/dedup.md):
archive eval P 0.976 R 0.953 F1 0.964; a regression of one or two pairs fails the test.
"""

import pytest

from marsad.eval.dedup import check_ids, evaluate_archive, read_corpus, read_pairs
from tests.golds import build_dedup_gold

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    if not build_dedup_gold.available():
        pytest.skip("../shared/data/saudinewsnet is absent: the dedup dev gold cannot be rebuilt")
    out = tmp_path_factory.mktemp("dedup-gold")
    corpus, pairs = build_dedup_gold.build(out)
    docs, labelled = read_corpus(corpus), read_pairs(pairs)
    check_ids(labelled, docs, str(pairs))
    return labelled, docs


def test_gold_is_what_was_labelled(gold):
    pairs, docs = gold
    assert len(pairs) == 201
    assert sum(p.positive for p in pairs) == 85
    assert len(docs) == 311


def test_dedup_quality_on_dev_gold(gold):
    pairs, docs = gold
    result = evaluate_archive(pairs, docs)
    assert result["p"] >= 0.97, result
    assert result["r"] >= 0.94, result
    assert result["f1"] >= 0.955, result
