"""The shipped tagger: loads, tags, is scored by `marsad eval ner`, and keeps its dev quality."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import need_shared

from marsad.document import Article
from marsad.extract.ner import NerStage
from marsad.extract.ner.conll import chunks, read_conll, score, to_iob2, to_iobes
from marsad.extract.ner.document import WINDOW, article_retag, document_features, document_verdicts
from marsad.extract.ner.features import FeatureExtractor
from marsad.extract.ner.tagger import MODEL_PATH, default_tagger

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANERCORP = SHARED / "data" / "anercorp" / "train.txt"
# The quality gate scores a model that never saw the dev split: the shipped model is trained on all of
# train.txt, so the gate uses the same settings trained on the first 90 % only, kept as a test artefact
# (tests/ner_dev90/, rebuilt by the command in docs/ner.md). Its dev micro-F1 is in its JSON sidecar;
# the gate re-measures it and allows a small drift (feature-code changes) before failing.
DEV_MODEL = Path(__file__).parent / "ner_dev90" / "ner.crfsuite"
DEV_F1_FLOOR = 0.72  # dev model 0.7253 (both CRF stages + the neural half, docs/ner.md) minus a margin

TEXT = (
    "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية الروسي سيرغي لافروف، "
    "وبحث معه الأوضاع في سوريا وليبيا.\n\n"
    "وقال لافروف إن روسيا ومصر تدعمان جهود الأمم المتحدة."
)


def test_model_is_shipped_and_small():
    meta = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    files = [MODEL_PATH] + ([MODEL_PATH.with_name(meta["stage2"])] if meta.get("stage2") else [])
    assert all(f.exists() for f in files)
    assert sum(f.stat().st_size for f in files) < 8_000_000


def test_stage_tags_a_sentence_with_offsets():
    art = Article(id="x", source="test", text=TEXT, raw_text=TEXT, origin="test")
    NerStage()([art])
    found = {(m.text, m.type) for m in art.mentions}
    for m in art.mentions:
        assert TEXT[m.start : m.end] == m.text
    assert ("القاهرة", "LOC") in found
    assert any("لافروف" in t and typ == "PER" for t, typ in found)
    assert any(t == "روسيا" and typ == "LOC" for t, typ in found)


def test_stage_pickles_without_the_model():
    import pickle

    stage = NerStage()
    stage([Article(id="y", source="t", text="زار لافروف موسكو.", raw_text="", origin="t")])
    assert pickle.loads(pickle.dumps(stage))._tagger is None


def test_chunks_follow_seqeval():
    assert chunks(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")}
    s = score([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "O", "O", "B-LOC"]])
    assert s["micro"] == {"p": 0.5, "r": 0.5, "f1": 0.5}


def test_iobes_round_trip():
    iob2 = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG", "I-ORG", "I-ORG"]
    iobes = to_iobes(iob2)
    assert iobes == ["B-PER", "E-PER", "O", "S-LOC", "S-LOC", "B-ORG", "I-ORG", "E-ORG"]
    assert to_iob2(iobes) == iob2
    assert chunks(iobes) == chunks(iob2)


def test_document_features_carry_the_other_occurrences_labels():
    stems = [["وزير", "الخارجية", "سامح", "شكري"], ["قال", "شكري", "ان"], ["زار", "شكري", "موسكو"]]
    tags = [["O", "O", "B-PER", "I-PER"], ["O", "O", "O"], ["O", "B-PER", "B-LOC"]]
    feats, differs = document_features(stems, tags)
    # «شكري» in sentence 2 was missed by the first stage; the document says PER (2 of 2 others)
    assert feats[1][1] == ["dv=PER:all"] and "+1dv=PER:all" in feats[1][0]
    assert differs == [False, True, False]  # only the sentence that disagrees is re-tagged
    assert feats[2][2] == ["-1dv=PER:most"]  # «موسكو» occurs once: only its neighbour's evidence
    # in a window of ±1 sentence the first and last sentences do not see each other
    feats, differs = document_features(stems, tags, window=1)
    assert feats[0][3] == ["dv=O"] and differs == [True, True, True]
    # the article path (counts of the whole text at once) agrees with a window that covers it all
    assert document_features(stems, tags) == document_features(stems, tags, window=len(stems))


def test_article_retag_is_document_verdicts_of_the_sentences_to_retag():
    """The tagger's fast path for a whole article keeps exactly the rows the general one marks."""
    stems = [["وزير", "الخارجية", "سامح", "شكري"], ["قال", "شكري", "ان", "و"], ["زار", "شكري", "موسكو"],
             ["البنك", "الاهلي", "البنك"], ["افتتح", "البنك", "فرعا", "في", "موسكو"]]
    tags = [["O", "O", "B-PER", "I-PER"], ["O", "O", "O", "O"], ["O", "B-PER", "B-LOC"],
            ["B-ORG", "I-ORG", "O"], ["O", "O", "O", "O", "B-ORG"]]
    verdicts, differs = document_verdicts(stems, tags)
    assert differs == [False, True, True, True, True]  # «موسكو» is LOC once, ORG once
    assert article_retag(stems, tags) == [v if d else None for v, d in zip(verdicts, differs)]
    assert article_retag([["قال", "شكري"]], [["O", "O"]]) == [None]


def test_feature_lists_keep_their_order_and_bytes_match_str():
    """crfsuite sums weights in attribute order, so the order is part of "identical tags": own
    features, BOS/EOS, then the neighbours at -2, -1, +1, +2; the tagger's bytes lists are the
    same attributes UTF-8 encoded."""
    tagger = default_tagger()
    words = ["قال", "وزير", "الخارجية", "سامح", "شكري"]
    fx = tagger.features
    assert fx.as_bytes
    got = fx.sentence(words)
    types = [fx._lookup(w) for w in words]  # (own, as the neighbour at -2, -1, +1, +2)
    own = [t[0] for t in types]
    assert got[2] == [*own[2], *types[0][1], *types[1][2], *types[3][3], *types[4][4]]
    # «وزير» as the word before: some of its attributes survive the weight pruning, all marked -1
    assert types[1][2] and all(f.startswith(b"-1") for f in types[1][2])
    assert got[0] == [*own[0], b"BOS", *types[1][3], *types[2][4]]
    assert got[-1] == [*own[-1], b"EOS", *types[2][1], *types[3][2]]
    assert fx.sentence(["شكري"]) == [[*own[4], b"BOS", b"EOS"]]
    plain = FeatureExtractor(fx.clusters, fx.gazetteer, fx.groups, fx.autogaz, fx.keep, fx.memory)
    assert [[f.encode() for f in t] for t in plain.sentence(words)] == got


def test_same_tags_as_the_code_before_the_speed_work():
    """benchmarks/ner_same_tags.py keeps the tagging code as it was before issue 4's speed work
    and compares every tag on SaudiNewsNet articles and ANERcorp windows (run on all 2,000
    articles for docs/benchmarks-ner.md; a short run here)."""
    need_shared("data", "saudinewsnet")
    need_shared("data", "anercorp", "train.txt")
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ner_same_tags.py"), "--articles", "150",
                          "--conll-sentences", "400"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "saudinewsnet: 150 documents" in out.stdout and "conll (window)" in out.stdout


GOLD = """وصل B-PERS
الوزير O
سامح B-PERS
شكري I-PERS
إلى O
موسكو B-LOC
. O

وقالت O
وكالة B-ORG
الأنباء I-ORG
الروسية I-ORG
إن O
روسيا B-LOC
ومصر B-LOC
تتعاونان O
. O
"""


def _run(*args):
    from marsad.cli import app

    return CliRunner().invoke(app, list(args))


def test_eval_ner_json(tmp_path):
    gold = tmp_path / "gold.txt"
    gold.write_text(GOLD, encoding="utf-8")
    res = _run("eval", "ner", str(gold), "--json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["task"] == "ner" and out["tokens"] == 16
    assert set(out["per_type"]) == {"PER", "LOC", "ORG"}
    assert out["per_type"]["LOC"]["support"] == 3
    assert 0.5 <= out["micro"]["f1"] <= 1.0
    assert out["neural"] is True  # scored as ingest tags: with the neural half
    res = _run("eval", "ner", str(gold), "--json", "--types", "LOC")
    assert set(json.loads(res.stdout)["per_type"]) == {"LOC"}
    res = _run("eval", "ner", str(gold), "--json", "--no-neural")
    assert res.exit_code == 0 and json.loads(res.stdout)["neural"] is False, res.output


def test_eval_ner_malformed_gold_names_file_and_line(tmp_path):
    gold = tmp_path / "bad.txt"
    gold.write_text("موسكو B-LOC\nخطأ\n", encoding="utf-8")
    res = _run("eval", "ner", str(gold), "--json")
    assert res.exit_code != 0
    assert f"{gold}:2" in res.output


def test_extra_fields_take_first_and_last(tmp_path):
    gold = tmp_path / "wide.txt"
    gold.write_text("موسكو NNP B-LOC\nاليوم NN O\n", encoding="utf-8")
    g = read_conll(gold)
    assert g.sentences[0].tokens == ["موسكو", "اليوم"] and g.sentences[0].tags == ["B-LOC", "O"]
    assert g.extra_field_lines == 2


def test_dev_model_has_the_shipped_settings():
    """The gate's model must measure what is shipped: same feature groups and training parameters,
    trained on fewer sentences (the shipped model also learns from the dev split)."""
    shipped = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    dev = json.loads(DEV_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert dev["groups"] == shipped["groups"] and dev["params"] == shipped["params"]
    assert dev.get("scheme") == shipped.get("scheme") and bool(dev.get("stage2")) == bool(shipped.get("stage2"))
    assert dev["dev_sentences"] > 0 and dev["train_sentences"] + dev["dev_sentences"] == shipped["train_sentences"]


def _dev_split():
    if not ANERCORP.exists():
        pytest.skip(f"{ANERCORP} not found: the dev quality gate needs ../shared")
    from marsad.extract.ner.train import split_dev

    return split_dev(read_conll(ANERCORP).sentences, 0.1)[1]


def _f1(tagger, sents) -> float:
    """Scored as `marsad eval ner` scores a CoNLL file: each sentence's document is its window."""
    pred = tagger.tag_document([s.tokens for s in sents], window=WINDOW)
    return score([s.tags for s in sents], pred)["micro"]["f1"]


@pytest.mark.shared
def test_dev_quality_gate():
    from marsad.extract.ner.tagger import NerTagger

    f1 = _f1(NerTagger(DEV_MODEL), _dev_split())
    recorded = json.loads(DEV_MODEL.with_suffix(".json").read_text(encoding="utf-8"))["dev"]["micro"]["f1"]
    assert f1 >= DEV_F1_FLOOR, f"dev micro-F1 {f1} fell below {DEV_F1_FLOOR}"
    assert abs(f1 - recorded) <= 0.01, f"dev micro-F1 {f1} drifted from the recorded {recorded}"


@pytest.mark.shared
def test_shipped_model_learnt_the_dev_split():
    """Not a quality figure (the shipped model was trained on these sentences): a check that the
    shipped file is the all-data model and loads with its own side files."""
    dev = _dev_split()
    assert _f1(default_tagger(), dev) > 0.9


CRF_ONLY_F1_FLOOR = 0.71  # dev model without its neural half: 0.7183 (docs/ner.md) minus a margin


@pytest.mark.shared
def test_the_neural_half_keeps_its_gain_over_the_crfs_alone():
    """The neural half is on by default because of its measured gain on the dev block; the CRFs
    alone (``--no-ner-neural``) keep their own floor."""
    from marsad.extract.ner.tagger import NerTagger

    dev = _dev_split()
    both, alone = _f1(NerTagger(DEV_MODEL), dev), _f1(NerTagger(DEV_MODEL, neural=False), dev)
    assert NerTagger(DEV_MODEL).neural_on and not NerTagger(DEV_MODEL, neural=False).neural_on
    assert alone >= CRF_ONLY_F1_FLOOR, f"dev micro-F1 of the CRFs alone {alone} fell below {CRF_ONLY_F1_FLOOR}"
    assert both > alone + 0.005, (both, alone)
