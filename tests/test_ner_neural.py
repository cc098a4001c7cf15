"""The neural half of the NER tagger: training with jax, tagging in numpy (marsad.extract.ner.neural).

A tiny network is trained on our own sentences; the numpy forward-backward is checked against
brute-force enumeration of label paths, a batch of sentences against one-at-a-time runs, and the
trained network against its training labels (a mismatch between the training and tagging code,
e.g. the order of the input parts, would make it unable to reproduce them)."""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys

import numpy as np
import pytest

from marsad.extract.ner.clusters import load_clusters, load_vectors
from marsad.extract.ner.conll import Sentence, chunks, to_iob2
from marsad.extract.ner.features import NEURAL_GROUPS, FeatureExtractor
from marsad.extract.ner.neural import NeuralScorer

if importlib.util.find_spec("jax") is None:  # not imported here: see _train
    pytest.skip("training the neural tagger needs jax (pip install 'marsad[train]')", allow_module_level=True)

_TRAIN = """
import sys
from marsad.extract.ner.conll import read_conll
from marsad.extract.ner.clusters import load_clusters
from marsad.extract.ner.features import NEURAL_GROUPS, FeatureExtractor
from marsad.extract.ner.neural_train import train_neural
data, out, epochs, hidden, seed = sys.argv[1:]
train_neural(read_conll(data).sentences, FeatureExtractor(load_clusters(), None, NEURAL_GROUPS, {}), out,
             epochs=int(epochs), hidden=int(hidden), seed=int(seed), log=lambda *_: None)
"""


def _train(tmp, out, sentences, *, epochs, hidden, seed):
    """Train in a child process: jax starts threads, and a test process that later forks (the process
    executor's tests) must not have them."""
    data = tmp / "train.conll"
    data.write_text("".join("".join(f"{w} {t}\n" for w, t in zip(s.tokens, s.tags)) + "\n" for s in sentences),
                    encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", _TRAIN, str(data), str(out), str(epochs), str(hidden), str(seed)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    return out

# (tokens, tags): our own sentences in news style
_RAW = [
    ("استقبل الرئيس اللبناني ميشال عون في بيروت وفدا من البنك الدولي",
     "O O O B-PER I-PER O B-LOC O O B-ORG I-ORG"),
    ("وقال وزير الخارجية المصري سامح شكري إن القاهرة ترحب بالمبادرة",
     "O O O O B-PER I-PER O B-LOC O O"),
    ("وصل رئيس الوزراء العراقي حيدر العبادي إلى طهران صباح اليوم",
     "O O O O B-PER I-PER O B-LOC O O"),
    ("أعلنت منظمة الصحة العالمية أن الوباء انحسر في اليمن",
     "O B-ORG I-ORG I-ORG O O O O B-LOC"),
    ("التقى سيرغي لافروف نظيره الأمريكي جون كيري في جنيف",
     "O B-PER I-PER O O B-PER I-PER O B-LOC"),
    ("وذكرت وكالة الأنباء السعودية أن الملك سلمان غادر الرياض",
     "O B-ORG I-ORG I-ORG O O B-PER O B-LOC"),
    ("فاز نادي الهلال على الأهلي في مباراة الدوري أمس",
     "O O B-ORG O B-ORG O O O O"),
    ("نشرت صحيفة الشرق الأوسط حوارا مع الكاتب أمين معلوف",
     "O O B-ORG I-ORG O O O B-PER I-PER"),
]
SENTENCES = [Sentence(t.split(), g.split()) for t, g in _RAW]


@pytest.fixture(scope="module")
def features():
    return FeatureExtractor(load_clusters(), None, NEURAL_GROUPS, {})


@pytest.fixture(scope="module")
def scorer(tmp_path_factory, features):
    if load_vectors() is None:
        pytest.skip("the shipped word vectors are missing")
    tmp = tmp_path_factory.mktemp("neural")
    out = _train(tmp, tmp / "tiny.neural.npz", SENTENCES * 16, epochs=30, hidden=16, seed=3)
    return NeuralScorer(out, features)


def test_marginals_equal_brute_force_over_label_paths(scorer):
    words = ["وقال", "لافروف", "إن"]
    rows, lengths, em = scorer.emissions([words])
    em = em[0].astype(np.float64)
    trans, start, end = (scorer.p[k].astype(np.float64) for k in ("trans", "start", "end"))
    n = len(scorer.labels)
    totals = np.zeros((3, n))
    for path in itertools.product(range(n), repeat=3):
        score = start[path[0]] + end[path[-1]] + sum(em[t, y] for t, y in enumerate(path))
        score += sum(trans[a, b] for a, b in zip(path, path[1:]))
        for t, y in enumerate(path):
            totals[t, y] += np.exp(score)
    expected = totals / totals.sum(1, keepdims=True)
    got = np.exp(scorer.log_marginals([words])[0])
    assert np.allclose(got, np.maximum(expected, 1e-6), atol=1e-4)


def test_a_batch_equals_sentences_one_at_a_time(scorer):
    batch = [s.tokens for s in SENTENCES] + [[], ["دمشق"]]
    together = scorer.log_marginals(batch)
    for words, got in zip(batch, together):
        alone = scorer.log_marginals([words])[0]
        assert got.shape == alone.shape == (len(words), len(scorer.labels))
        assert np.allclose(got, alone, atol=1e-4)
        assert np.allclose(np.exp(got).sum(1), 1.0, atol=1e-3)


def test_batches_cut_by_size_give_the_same_marginals(scorer, monkeypatch):
    import marsad.extract.ner.neural as neural

    long = [w for s in SENTENCES[:3] for w in s.tokens]  # 31 words: a batch of its own below
    batch = [s.tokens for s in SENTENCES] + [long, [], ["دمشق"], long[:5]]
    alone = [scorer.log_marginals([words])[0] for words in batch]
    monkeypatch.setattr(neural, "BATCH", 3)
    monkeypatch.setattr(neural, "BATCH_TOKENS", 30)
    together = scorer.log_marginals(batch)
    for words, got, one in zip(batch, together, alone):
        assert got.shape == one.shape == (len(words), len(scorer.labels))
        assert np.allclose(got, one, atol=1e-4)


def test_several_documents_at_once_get_the_tags_of_one_at_a_time():
    from marsad.document import Article
    from marsad.extract.ner import NerStage
    from marsad.extract.ner.tagger import NerTagger

    tagger = NerTagger(neural=True)
    docs = [[s.tokens for s in SENTENCES[:3]], [], [s.tokens for s in SENTENCES[3:]], [[], SENTENCES[0].tokens]]
    assert tagger.tag_documents(docs) == [tagger.tag_document(d) for d in docs]
    assert tagger.tag_documents(docs, window=1) == [tagger.tag_document(d, window=1) for d in docs]
    # the pipeline stage hands a whole batch of articles to the network at once
    texts = [" ".join(s.tokens[:-1]) + " ." for s in SENTENCES] + ["", "وصل الوفد إلى عمّان أمس."]

    def articles():
        return [Article(id=str(i), source="t", text=t, raw_text=t, origin="t") for i, t in enumerate(texts)]

    batch = NerStage(ner_neural=True)(articles())
    one_by_one = [NerStage(ner_neural=True)([a])[0] for a in articles()]
    assert [a.mentions for a in batch] == [a.mentions for a in one_by_one]
    assert sum(len(a.mentions) for a in batch) >= 10  # 13 when written


def test_the_trained_network_reproduces_its_training_names(scorer):
    found = gold = hit = 0
    for s in SENTENCES:
        marg = scorer.log_marginals([s.tokens])[0]
        pred = to_iob2([scorer.labels[i] for i in marg.argmax(1)])
        g, p = chunks(s.tags), chunks(pred)
        gold, found, hit = gold + len(g), found + len(p), hit + len(g & p)
    assert gold == 19
    assert (hit, found) == (19, 19), (hit, found)


def test_training_is_reproducible(tmp_path, features):
    if load_vectors() is None:
        pytest.skip("the shipped word vectors are missing")
    paths = [_train(tmp_path, tmp_path / f"run{k}.neural.npz", SENTENCES, epochs=2, hidden=8, seed=5)
             for k in (1, 2)]
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_the_shipped_tagger_uses_its_neural_half_unless_told_not_to():
    from marsad.extract.ner.tagger import NerTagger

    plain, neural = NerTagger(neural=False), NerTagger()
    assert plain._neural is None and neural._neural is not None and neural.neural_weight == 0.25
    assert neural.neural_on and NerTagger(neural=True).neural_on and not plain.neural_on
    doc = [s.tokens for s in SENTENCES]
    assert neural.tag_document(doc) == NerTagger(neural=True).tag_document(doc)
    both = neural.tag_document(doc)
    assert [len(t) for t in both] == [len(s) for s in doc]
    # the network's scores are really added: a zero weight gives the CRF's tags, the shipped one differs
    marg = neural.neural_scores(doc)
    assert all(m.shape == (len(s), len(neural._dec.labels)) for m, s in zip(marg, doc))
    assert np.all(np.isfinite(np.concatenate(marg))) and np.concatenate(marg).std() > 0


def test_asking_for_a_neural_half_the_model_lacks_is_a_clear_error(tmp_path):
    import shutil

    from marsad.errors import ConfigError
    from marsad.extract.ner.tagger import MODEL_PATH, NerTagger

    model = tmp_path / "ner.crfsuite"
    shutil.copy(MODEL_PATH, model)
    with pytest.raises(ConfigError, match="no neural tagger"):
        NerTagger(model, neural=True)


@pytest.mark.parametrize("flag", ["--ner-neural", "--no-ner-neural"])
def test_ingest_with_and_without_the_neural_half_from_the_cli(tmp_path, flag):
    from typer.testing import CliRunner

    from marsad.cli import app

    page = tmp_path / "page.txt"
    page.write_text("وقال وزير الخارجية الأردني أيمن الصفدي في عمّان إن المحادثات مع وفد الاتحاد الأوروبي "
                    "كانت بنّاءة، وإن الصفدي سيزور بروكسل الشهر المقبل.", encoding="utf-8")
    archive = tmp_path / "a"
    res = CliRunner().invoke(app, ["ingest", str(page), "--archive", str(archive), flag, "-q"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["entities", "--archive", str(archive), "--json"])
    assert res.exit_code == 0, res.output
    names = {e["name"] for e in __import__("json").loads(res.output)["entities"]}
    assert {"أيمن الصفدي", "بروكسل"} <= names, names


def test_train_clusters_writes_the_vectors_beside_the_clusters(tmp_path):
    import json
    import random
    import zipfile

    from marsad.extract.ner.clusters import Clusters, train_clusters

    rng = random.Random(4)
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
    words = sorted({"".join(rng.choice(letters) for _ in range(4)) for _ in range(1500)})  # > 1,024 clusters' worth
    articles = [{"title": "خبر", "content": " ".join(rng.choice(words) for _ in range(200))} for _ in range(100)]
    folder = tmp_path / "corpus"
    folder.mkdir()
    with zipfile.ZipFile(folder / "2015-07-21.zip", "w") as zf:
        zf.writestr("day.json", json.dumps(articles, ensure_ascii=False))
    out = tmp_path / "model" / "clusters.tsv"
    out.parent.mkdir()
    train_clusters(folder, out, dims=4, contexts=300, log=lambda *_: None)
    index, matrix = load_vectors(str(out.with_name("vectors.npz")))
    assert set(index) == set(Clusters(out).counts) and matrix.shape == (len(index), 4)
    norms = np.linalg.norm(matrix, axis=1)  # unit vectors, int8-rounded (0 for a word without contexts)
    assert np.all((np.abs(norms - 1) < 0.02) | (norms == 0)) and (norms > 0).mean() > 0.9
