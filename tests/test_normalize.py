"""Arabic normalisation: each rule on hand-written examples, and properties (idempotence, offsets)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic.normalize import normalize, normalize_with_offsets, original_span
from marsad.arabic.stem import analyze, stem


@pytest.mark.parametrize("text, expected", [
    ("أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنة الله"),
    ("مسؤول مسئول", "مسءول مسءول"),
    ("مصطفى على", "مصطفي علي"),
    ("الحكومةُ", "الحكومة"),
    ("سـوريـــة", "سورية"),
    ("٢٧-١٠-٢٠١٥ و۱۴۰۰", "27-10-2015 و1400"),
    ("«المعارضة» و“الإرهاب” و„كلمة‟", '"المعارضة" و"الارهاب" و"كلمة"'),
    ("  سطر\t\tأول\n\nثان  ", "سطر اول ثان"),
    ("Lavrov SAID", "lavrov said"),
    ("\u200fنص\u200c مخفي\ufeff", "نص مخفي"),
])
def test_rules(text, expected):
    assert normalize(text) == expected


def test_taa_marbuta_is_optional():
    assert normalize("حكومة") == "حكومة"
    assert normalize("حكومة", taa_marbuta=True) == "حكومه"


@pytest.mark.parametrize("a, b", [
    ("الحكومةُ", "حكومة"), ("سوريا", "سورية"), ("والمعارضة", "المعارضة"), ("للحكومة", "الحكومة"),
    ("السوريين", "السوري"), ("ولافروف", "لافروف"),
])
def test_stemming_joins_variants(a, b):
    assert analyze(a) == analyze(b)


@pytest.mark.parametrize("a, b", [("وزير", "زير"), ("لافروف", "افروف"), ("موسكو", "سكو")])
def test_stemming_keeps_word_letters(a, b):
    assert analyze(a) != analyze(b)


def test_stem_leaves_latin_and_digits():
    assert stem("lavrov") == "lavrov"
    assert stem("2015") == "2015"


arabicish = st.text(alphabet=st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱؤئىةـ") + ["\u064e", "\u0650", "\u0651", "\u0652", "\u0670"]
    + list("٠١٢٣٤٥٦٧٨٩۱۲") + list("“”«»\"' \n\t.,،؛؟") + list("AbZ09") + ["\u200f", "\ufeff"]), max_size=80)


@settings(max_examples=300, deadline=None)
@given(arabicish, st.booleans())
def test_idempotent(text, taa):
    once = normalize(text, taa_marbuta=taa)
    assert normalize(once, taa_marbuta=taa) == once


@settings(max_examples=300, deadline=None)
@given(arabicish, st.booleans())
def test_offsets_map_back(text, taa):
    norm, offsets = normalize_with_offsets(text, taa_marbuta=taa)
    assert norm == normalize(text, taa_marbuta=taa)
    assert len(offsets) == len(norm) + 1
    for i, ch in enumerate(norm):
        if ch == " ":
            assert text[offsets[i]].isspace()
        else:
            assert normalize(text[offsets[i]], taa_marbuta=taa) == ch
    assert offsets == sorted(offsets)


@settings(max_examples=200, deadline=None)
@given(arabicish, arabicish, arabicish)
def test_span_of_a_match_maps_to_the_original_words(before, word, after):
    word = word.strip() or "سورية"
    text = f"{before} {word} {after}"
    norm, offsets = normalize_with_offsets(text)
    target = normalize(word)
    if not target:
        return
    i = norm.find(target)
    assert i >= 0
    a, b = original_span(offsets, i, i + len(target))
    assert normalize(text[a:b]) == target
