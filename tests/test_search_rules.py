"""Search analyser and ranking rules, each on hand-written (invented) Arabic examples."""

import pytest

import marsad
from marsad.arabic.stem import analyze, stem
from marsad.arabic.stopwords import QUESTION_WORDS, STOPWORDS
from marsad.search.index import grams
from marsad.search.query import parse_query
from marsad.search.rerank import Candidate, gram_cover, rerank, window_cover
from marsad.search.snippet import make_snippet


@pytest.mark.parametrize("a, b", [
    ("حكومتها", "الحكومة"),  # pronoun off, the uncovered ت is the taa marbuta again
    ("سياستهم", "السياسة"),
    ("مقالاته", "المقالات"),  # his articles / the articles
    ("المقالات", "مقال"),  # sound feminine plural
    ("المصريين", "مصري"),  # sound masculine plural of a nisba
    ("مصرية", "مصر"),  # nisba folds into the name
    ("العثمانيون", "العثمانية"),
    ("شرقاً", "شرق"),  # accusative tanween alef
    ("وللحكومة", "حكومة"),  # conjunction + preposition + article
    ("وبالمدينة", "مدينة"),
    ("لالبرت", "البرت"),  # ل before a name that starts with «ال»
])
def test_variants_meet(a, b):
    assert analyze(a) == analyze(b)


@pytest.mark.parametrize("word", ["محاكم", "بيت", "وقت", "فهم", "عمان"])
def test_short_words_keep_their_letters(word):
    # a suffix comes off only when enough letters remain (محاكم is not محا + كم)
    assert stem(word) == word


def test_question_words_are_dropped_but_a_bare_question_word_is_kept():
    q = parse_query("ماهي عاصمة سوريا؟")
    assert q.terms == [stem("عاصمه"), stem("سوريا")]
    assert parse_query("لمن ينتقد الكاتب").terms == [stem("ينتقد"), stem("الكاتب")]
    assert parse_query("ماهي").terms == [stem("ماهي")]
    assert {"ماهي", "لمن", "متي"} <= QUESTION_WORDS <= STOPWORDS


def test_lost_is_a_verb_not_a_function_word():
    assert parse_query("متى فقد والده").terms == [stem("فقد"), stem("والده")]


def test_trigrams_join_verb_forms():
    assert set(grams(analyze("يتزوج"))) & set(grams(analyze("تزوج")))
    assert grams(["من"]) == ["من"]  # a stem shorter than three letters stays whole


def test_window_prefers_query_words_side_by_side():
    weights = {"ميناء": 2.0, "صيد": 1.0}
    near = "افتتح ميناء صيد جديد"
    far = "ميناء " + "كلم " * 40 + "صيد"
    assert window_cover(near, weights, 3.0) == pytest.approx(1.0)
    assert window_cover(far, weights, 3.0) == pytest.approx(2.0 / 3.0)
    assert window_cover("", weights, 3.0) == 0.0


def test_gram_cover_never_crosses_words():
    assert gram_cover("زوج", ["زوج"]) == 1.0
    assert gram_cover("ز وج", ["زوج"]) == 0.0


def test_rerank_lifts_the_close_match_above_a_slightly_higher_bm25():
    weights = {"ميناء": 2.0, "صيد": 1.0}
    scattered = Candidate("far", 1.0, "ميناء " + "كلم " * 40 + "صيد")
    close = Candidate("near", 0.95, "ميناء صيد")
    assert [i for i, _ in rerank([scattered, close], weights, [])] == ["near", "far"]


@pytest.mark.parametrize("text, word", [
    ("أعلنت الوزارة أن حكومتها ستدرس الطلب.", "حكومتها"),
    ("قالت الحُكومةُ إنها ستدرس الطلب.", "الحُكومةُ"),  # diacritics inside the word
    ("وافقت الحكومـة على الطلب.", "الحكومـة"),  # tatweel
])
def test_snippet_highlights_inflected_and_marked_words(text, word):
    snip = make_snippet(text, {stem("حكومه")})
    assert [snip.text[s:e] for s, e in snip.highlights] == [word]


def test_inflected_question_finds_its_paragraph(tmp_path):
    archive = marsad.open(tmp_path / "archive")
    try:
        archive.ingest_records([
            {"id": "wed", "text": "تزوج الشاعر في الثلاثين من عمره وانتقل إلى المدينة الساحلية.", "source": "t"},
            {"id": "port", "text": "افتتحت البلدية ميناء الصيد الجديد بعد عامين من العمل.", "source": "t"},
        ], stages=["normalise"], archive_stages=[])
        hits = archive.search("متى يتزوج الشاعر؟").results
        assert hits[0]["source"] == "t" and "تزوج" in hits[0]["snippet"]
        assert archive.search("ميناء الصيد", limit=1, offset=1).results == []
    finally:
        archive.close()


def test_an_index_from_an_older_schema_is_reset_not_fatal(tmp_path):
    import tantivy

    from marsad.search.index import SearchIndex

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    old = tantivy.Index(builder.build(), path=str(tmp_path), reuse=True)
    writer = old.writer(15_000_000, 1)
    writer.add_document(tantivy.Document(id="old"))
    writer.commit()
    writer.wait_merging_threads()
    index = SearchIndex(tmp_path)
    assert index.schema_changed and index.doc_count() == 0
    assert not SearchIndex(tmp_path).schema_changed


def test_a_word_absent_from_the_archive_matches_nothing(tmp_path):
    """Trigram matching never lets a one- or two-word look-up match articles without its words."""
    import marsad

    archive = marsad.open(tmp_path / "a")
    archive.ingest_records([
        {"id": 1, "text": "أقرت الحكومة الموازنة العامة للدولة بعد نقاش طويل", "source": "x"},
        {"id": 2, "text": "وازن الوزير بين الخيارات المطروحة أمامه قبل القرار", "source": "x"},
        {"id": 3, "text": "أعلنت شركة ناشئة عن جهاز منزلي جديد", "source": "y"},
    ], stages=["normalise"], archive_stages=[])
    assert archive.search("كمبيوتر").total == 0
    assert archive.search("الموازنة").total == 1
