"""The numpy decoder against crfsuite's own, the O bias, and the sentence-place feature groups."""

from marsad.extract.ner.conll import chunks
from marsad.extract.ner.features import FeatureExtractor, _quote_pairs
from marsad.extract.ner.tagger import NerTagger

# our own sentences, news style: names known and unknown to the training data, quotes, clitics
SENTENCES = [
    "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية الروسي سيرغي لافروف .",
    "وقال لافروف إن روسيا ومصر تدعمان جهود الأمم المتحدة لوقف القتال في سوريا وليبيا .",
    "وتغلب فريق الوداد البيضاوي على مضيفه شبيبة القبائل بهدفين مقابل هدف في دوري أبطال أفريقيا .",
    "تعرض قناة النيل الثقافية برنامج « حكايات المدينة » مساء كل خميس من تقديم الإعلامية سلوى حمدان .",
    "أعلنت شركة تويوتا عن طراز « كورولا » الجديد في معرض جنيف الدولي للسيارات .",
    "وأكد المتحدث باسم وزارة الخارجية الإيرانية ناصر كنعاني أن طهران لن تتراجع .",
    "صرح المدرب البرتغالي جوزيه مورينيو بأن فريقه سيقاتل حتى المباراة الأخيرة .",
    "ونقلت صحيفة ' ' هآرتس ' ' عن مصادر في تل أبيب أن الحكومة ستجتمع غدا .",
    "شكرا .",
]


def _crfsuite_tags(tagger: NerTagger, sents: list[list[str]]) -> list[list[str]]:
    tagger._fast = False
    try:
        return tagger.tag_document(sents)
    finally:
        tagger._fast = True


def test_numpy_decoder_gives_crfsuites_tags():
    """At bias 0 the per-word-type score sums and numpy Viterbi are crfsuite's own decoding
    (the benchmark benchmarks/ner_same_tags.py checks the same on SaudiNewsNet at scale)."""
    tagger = NerTagger(o_bias=0.0, neural=False)  # crfsuite's decoder knows nothing of the neural half
    sents = [s.split() for s in SENTENCES]
    fast = tagger.tag_document(sents)
    assert fast == _crfsuite_tags(tagger, sents)
    assert any(t != "O" for row in fast for t in row)
    # one sentence as its own document, and a one-token sentence
    assert tagger.tag(sents[0]) == _crfsuite_tags(tagger, [sents[0]])[0]
    assert tagger.tag(["لافروف"]) == _crfsuite_tags(tagger, [["لافروف"]])[0]


def test_sentences_decoded_together_get_the_paths_of_one_at_a_time(monkeypatch):
    import numpy as np

    import marsad.extract.ner.decode as decode

    tagger = NerTagger(neural=False)
    dec, fx = tagger._dec, tagger.features
    sents = [s.split() for s in SENTENCES] + [["لافروف"], SENTENCES[0].split() * 3]
    scores = [dec.scores(t, fx.looked(t), fx.sentence_extra(t)) for t in sents]
    scores.insert(2, np.zeros((0, len(dec.labels))))
    monkeypatch.setattr(decode, "VITERBI_BATCH", 4)  # several padded batches of different lengths
    for bias in (0.0, 1.5):
        together = dec.viterbi_batch(scores, bias)
        assert together == [dec.viterbi(s, bias) if len(s) else [] for s in scores]
    docs = [[s.split() for s in SENTENCES[:4]], [], [s.split() for s in SENTENCES[4:]]]
    assert tagger.tag_documents(docs) == [tagger.tag_document(d) for d in docs]


def test_o_bias_trades_precision_for_recall():
    sents = [s.split() for s in SENTENCES]
    counts = []
    for bias in (0.0, 1.0, 3.0, 6.0):
        tags = NerTagger(o_bias=bias).tag_document(sents)
        counts.append(sum(t != "O" for row in tags for t in row))
    assert counts == sorted(counts), counts
    assert counts[-1] > counts[0], counts


def test_shipped_bias_is_the_sidecars():
    tagger = NerTagger()
    assert tagger.o_bias == float(tagger.meta.get("o_bias", 0.0))


def test_quote_pairs():
    assert _quote_pairs("برنامج « حكايات المدينة » مساء".split()) == [(1, 4)]
    assert _quote_pairs("صحيفة ' ' هآرتس ' ' عن".split()) == [(2, 4)]
    assert _quote_pairs('استاد " القاهرة " ثم " الإسكندرية "'.split()) == [(1, 3), (5, 7)]
    assert _quote_pairs("قال « هذا".split()) == []  # never closed
    assert _quote_pairs(["«"] + ["كلمة"] * 20 + ["»"]) == []  # a quotation, not a title
    assert _quote_pairs("« »".split()) == []


def test_sentence_place_features():
    base = NerTagger().features
    fx = FeatureExtractor(base.clusters, base.gazetteer, base.groups | {"quote", "wide"}, base.autogaz)
    toks = "تعرض القناة برنامج « حكايات المدينة » مساء اليوم".split()
    extra = fx.sentence_extra(toks)
    assert "q=in" in extra[4] and "q=first" in extra[4] and "qc=برنامج" in extra[4]
    assert "q=last" in extra[5] and "q=in" not in extra[3] and "q=in" not in extra[6]
    assert any(f.startswith("-3k=") for f in extra[4]) and "-3k=BOS" in extra[0] and "+3k=EOS" in extra[-1]
    feats = fx.sentence(toks)
    assert all(set(e) <= set(f) for e, f in zip(extra, feats))
    plain = FeatureExtractor(base.clusters, base.gazetteer, base.groups, base.autogaz)
    assert plain.sentence_extra(toks) is None


def test_o_bias_finds_more_spans_not_broken_ones():
    """Spans stay well formed (IOB2) whatever the bias."""
    sents = [s.split() for s in SENTENCES]
    for row in NerTagger(o_bias=2.0).tag_document(sents):
        for i, t in enumerate(row):
            if t.startswith("I-"):
                assert i > 0 and row[i - 1][2:] == t[2:] and row[i - 1] != "O"
        assert all(j > i for i, j, _ in chunks(row))
