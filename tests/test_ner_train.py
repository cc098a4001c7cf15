"""`marsad train ner` end to end on a small corpus of our own sentences: the shipped pipeline
(first stage, jackknifed second stage, side files), the fold comparison with several O biases and
windows, the alternative learner and mention replacement."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from typer.testing import CliRunner

from marsad.cli import app
from marsad.extract.ner.conll import Sentence, chunks, read_conll
from marsad.extract.ner.tagger import NerTagger
from marsad.extract.ner.train import mention_replaced

PEOPLE = [["سامر", "الحلبي"], ["ليلى", "عبد", "الكريم"], ["رامي", "منصور"], ["هدى", "السالم"], ["نادر", "قاسم"],
          ["وائل", "الزعبي"], ["منى", "الخطيب"], ["كريم", "العلي"]]
PLACES = [["دمشق"], ["عمان"], ["بيروت"], ["القاهرة"], ["تونس"], ["الرباط"], ["بغداد"], ["الدوحة"]]
ORGS = [["وزارة", "الصحة"], ["جامعة", "حلب"], ["الهلال", "الأحمر"], ["نقابة", "المهندسين"], ["البنك", "المركزي"]]
TEMPLATES = [
    "قال {PER} في {LOC} إن {ORG} ستعلن خطتها الأسبوع المقبل .",
    "التقى {PER} ممثلين عن {ORG} في مدينة {LOC} أمس .",
    "وصل {PER} إلى {LOC} في زيارة تستغرق ثلاثة أيام .",
    "أعلنت {ORG} أن {PER} سيتولى الملف بدءا من الشهر المقبل .",
    "وشهدت {LOC} اجتماعا دعت إليه {ORG} بحضور {PER} .",
]


def _corpus(n: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        for word in rng.choice(TEMPLATES).split():
            if word.startswith("{"):
                typ = word[1:4]
                name = rng.choice({"PER": PEOPLE, "LOC": PLACES, "ORG": ORGS}[typ])
                lines += [f"{w} {'B' if i == 0 else 'I'}-{'PERS' if typ == 'PER' else typ}" for i, w in enumerate(name)]
            else:
                lines.append(f"{word} O")
        lines.append("")
    return "\n".join(lines) + "\n"


def _run(*args):
    return CliRunner().invoke(app, list(args))


def test_train_ner_writes_a_model_the_tagger_loads(tmp_path):
    data = tmp_path / "train.txt"
    data.write_text(_corpus(80), encoding="utf-8")
    out = tmp_path / "m" / "ner.crfsuite"
    # a child process: the neural half's training starts jax's threads, which a test process that
    # later forks (the process executor's tests) must not carry
    res = subprocess.run([sys.executable, "-m", "marsad", "train", "ner", "--data", str(data), "--out", str(out),
                          "--dev-split", "0.2", "--iterations", "40", "--corpus", str(tmp_path / "no-corpus")],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["train_sentences"] == 64 and meta["dev_sentences"] == 16
    assert meta["stage2"] and (out.parent / meta["stage2"]).exists() and meta["o_bias"] == 0.0
    assert "autogaz" not in meta["groups"]  # no corpus: trained without the self-training list
    assert meta["dev"]["micro"]["f1"] > 0.8  # the templates are easy; a broken pipeline scores ~0
    tags = NerTagger(out).tag("قال رامي منصور في بيروت إن نقابة المهندسين ستعلن خطتها .".split())
    assert tags[1:3] == ["B-PER", "I-PER"] and tags[4] == "B-LOC"
    assert meta["neural"] == "ner.neural.npz" and meta["neural_weight"] == 0.25  # the neural half, used by default
    tags = NerTagger(out, neural=True).tag("قال رامي منصور في بيروت إن نقابة المهندسين ستعلن خطتها .".split())
    assert tags[1:3] == ["B-PER", "I-PER"] and tags[4] == "B-LOC"


def test_folds_compare_biases_and_windows(tmp_path, monkeypatch):
    import tempfile

    data = tmp_path / "train.txt"
    data.write_text(_corpus(60), encoding="utf-8")
    gaz = tmp_path / "corpus_gazetteer.tsv"
    gaz.write_text("", encoding="utf-8")
    # the fold models go to a folder of this run's own (two runs once shared /tmp/ner_fold_*), removed after
    made = []
    real_mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkdtemp", lambda **kw: made.append(real_mkdtemp(dir=tmp_path, **kw)) or made[-1])
    res = _run("train", "ner", "--data", str(data), "--folds", "--corpus-gazetteer", str(gaz), "--iterations", "30",
               "--without", "document,neural", "--o-bias", "0,2", "--windows", "5,10", "--algorithm", "ap")
    assert res.exit_code == 0, res.output
    assert len(made) == 1 and "marsad-folds-" in made[0] and not Path(made[0]).exists()
    result = json.loads(res.output.strip().splitlines()[-1])
    settings = {(r["o_bias"], r["window"]) for r in result["by_setting"]}
    assert settings == {(0.0, 5), (2.0, 5), (0.0, 10), (2.0, 10)}
    assert all(set(r["folds"]) == {"first", "middle", "last"} for r in result["by_setting"])
    assert result["params"]["algorithm"] == "ap"


def test_bad_training_options_fail_in_one_line(tmp_path):
    data = tmp_path / "train.txt"
    data.write_text(_corpus(10), encoding="utf-8")
    for args, needle in ((["--o-bias", "0,1"], "--folds"), (["--o-bias", "x"], "--o-bias"),
                         (["--algorithm", "svm"], "--algorithm"), (["--windows", "5"], "--folds"),
                         (["--neural-weight", "0,1"], "--folds")):
        res = _run("train", "ner", "--data", str(data), "--out", str(tmp_path / "x.crfsuite"), *args)
        assert res.exit_code != 0 and needle in res.output, (args, res.output)


def test_mention_replacement_keeps_contexts_and_types(tmp_path):
    data = tmp_path / "train.txt"
    data.write_text(_corpus(30), encoding="utf-8")
    sents = read_conll(data).sentences
    out = mention_replaced(sents, copies=2)
    assert len(out) == 3 * len(sents) and out[::3] == sents
    for orig, copy in zip(sents, out[1::3]):
        assert [t for _, _, t in sorted(chunks(orig.tags))] == [t for _, _, t in sorted(chunks(copy.tags))]
        assert [w for w, t in zip(orig.tokens, orig.tags) if t == "O"] == \
               [w for w, t in zip(copy.tokens, copy.tags) if t == "O"]
    assert mention_replaced([Sentence(["لا", "أسماء"], ["O", "O"])]) == [Sentence(["لا", "أسماء"], ["O", "O"])]


def test_without_jax_training_fails_at_once_naming_the_way_out(tmp_path, monkeypatch):
    import importlib.util

    from marsad.errors import ConfigError
    from marsad.extract.ner.train import train_ner

    data = tmp_path / "train.txt"
    data.write_text(_corpus(10), encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jax" else real(name, *a))
    with pytest.raises(ConfigError, match="--without neural"):
        train_ner(data, tmp_path / "m" / "ner.crfsuite", log=lambda *_: None)
    assert not (tmp_path / "m" / "ner.crfsuite").exists()
