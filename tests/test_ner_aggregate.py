"""Context aggregation (the "aggregate" feature group): each occurrence of a word sees the
neighbours of its other occurrences in the document."""

from marsad.extract.ner.clusters import load_clusters
from marsad.extract.ner.document import context_aggregates
from marsad.extract.ner.features import DEFAULT_GROUPS, FeatureExtractor


def test_each_occurrence_sees_the_others_neighbours_not_its_own():
    doc = [
        [("بنفيكا", "org", "x")],
        [None, ("بنفيكا", "x", "EOS")],
        [("بورتو", "BOS", "x")],
    ]
    out = context_aggregates(doc)
    assert sorted(out[0][0]) == ["ag#=1", "ag+1=EOS", "ag-1=x"]
    assert sorted(out[1][1]) == ["ag#=1", "ag+1=x", "ag-1=org"]
    assert out[1][0] == []  # a token that takes no part
    assert out[2][0] == []  # a word seen once has no other occurrence


def test_a_class_shared_with_another_occurrence_is_kept():
    doc = [[("شكري", "title", "speech")], [("شكري", "title", "x")]]
    out = context_aggregates(doc)
    assert "ag-1=title" in out[0][0] and "ag+1=x" in out[0][0] and "ag+1=speech" not in out[0][0]


def test_the_window_limits_the_document():
    row = [("القاهرة", "place", "x")]
    far = [[None]] * 3
    out = context_aggregates([row, *far, [("القاهرة", "x", "x")]], window=2)
    assert out[0][0] == [] and out[4][0] == []
    out = context_aggregates([row, *far, [("القاهرة", "x", "x")]], window=4)
    assert "ag-1=place" in out[4][0]


def test_the_count_of_other_occurrences_is_capped():
    doc = [[("الاتحاد", "org", "x")] for _ in range(6)]
    assert "ag#=3" in context_aggregates(doc)[0][0]


def test_extractor_reads_cue_classes_and_skips_function_words():
    fx = FeatureExtractor(load_clusters(), None, DEFAULT_GROUPS | {"aggregate"})
    doc = [
        "أعلن رئيس نادي ريفالدوس أن الفريق سيلعب في الرياض".split(),
        "وتعاقد ريفالدوس مع مدرب جديد".split(),
    ]
    out = fx.document_extra(doc)
    first, second = out[0][3], out[1][1]  # «ريفالدوس» both times
    assert "ag-1=org" in second  # the other occurrence follows «نادي»
    assert "ag-1=org" not in first  # its own neighbour is not repeated to it
    assert out[0][7] == []  # «في»: a function word takes no part
    assert FeatureExtractor(load_clusters(), None, DEFAULT_GROUPS - {"aggregate"}).document_extra(doc) is None


def test_a_model_trained_with_the_group_tags_alike_in_both_decoders(tmp_path):
    """Training hands the group's features to the CRF, and the numpy decoder (articles, CoNLL
    windows) adds the same ones crfsuite's decoder sees."""
    from marsad.extract.ner.conll import Sentence
    from marsad.extract.ner.tagger import NerTagger
    from marsad.extract.ner.train import _fit

    def sent(text: str) -> Sentence:
        toks, tags = [], []
        for item in text.split():
            word, _, tag = item.partition("/")
            toks.append(word)
            tags.append(tag or "O")
        return Sentence(toks, tags)

    train = [sent(t) for t in (
        "أعلن/O رئيس/O نادي/O ريفالدوس/B-ORG أن/O الفريق/O سيلعب/O غدا/O",
        "وتعاقد/O ريفالدوس/B-ORG مع/O المدرب/O سامر/B-PER الحلبي/I-PER",
        "وقال/O الحلبي/B-PER إن/O ريفالدوس/B-ORG سيفوز/O",
        "وزار/O وزير/O الخارجية/O سامح/B-PER شكري/I-PER القاهرة/B-LOC",
        "وأكد/O شكري/B-PER أن/O القاهرة/B-LOC ترحب/O بالزيارة/O",
        "وصل/O الوفد/O إلى/O مدينة/O طنطا/B-LOC مساء/O أمس/O",
        "وفي/O طنطا/B-LOC التقى/O الوفد/O المحافظ/O",
    )]
    groups = (DEFAULT_GROUPS - {"document", "neural"}) | {"aggregate"}
    model = tmp_path / "agg.crfsuite"
    _fit(train, groups, load_clusters(), {}, {"c1": 0.0, "c2": 0.01, "max_iterations": 50}, model, "iobes")
    tagger = NerTagger(model, gazetteer={}, groups=groups, autogaz={}, scheme="iobes", stage2=False, neural=False)
    assert any(attr.startswith("ag") for attr, _ in tagger._tagger.info().state_features)
    sents = [s.tokens for s in train]
    fast = tagger.tag_document(sents, window=2)
    tagger._fast = False
    try:
        slow = tagger.tag_document(sents, window=2)
    finally:
        tagger._fast = True
    assert fast == slow
    seen = []  # what the numpy decoder is handed besides the words' own features
    scores = tagger._dec.scores
    tagger._dec.scores = lambda toks, looked, extra=None, **kw: seen.append(extra) or scores(toks, looked, extra, **kw)
    tagger.tag_document(sents, window=2)
    assert any(a.startswith(b"ag") for extra in seen if extra for attrs in extra for a in attrs)
    assert tagger.tag_documents([sents[:3], sents[3:]]) == [tagger.tag_document(sents[:3]), tagger.tag_document(sents[3:])]
