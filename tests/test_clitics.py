"""Clitic segmentation: strips real clitics, keeps letters that belong to the word."""

import pytest

from marsad.arabic.clitics import Lexicon, segment, segment_text, strip_proclitics


@pytest.mark.parametrize(
    "word, proclitics, stem, enclitic",
    [
        ("ولافروف", ("و",), "لافروف", ""),
        ("للافروف", ("ل",), "لافروف", ""),
        ("لافروف", (), "لافروف", ""),  # ل is part of the name
        ("بشار", (), "بشار", ""),  # ب is part of the name
        ("كندا", (), "كندا", ""),  # ك is part of the name
        ("لبنان", (), "لبنان", ""),
        ("فرنسا", (), "فرنسا", ""),
        ("بموسكو", ("ب",), "موسكو", ""),
        ("وروسيا", ("و",), "روسيا", ""),
        ("والرئيس", ("و",), "الرءيس", ""),
        ("للرئيس", ("ل",), "الرءيس", ""),  # ل + ال written «لل»
        ("وللرئيس", ("و", "ل"), "الرءيس", ""),
        ("وبالعاصمة", ("و", "ب"), "العاصمة", ""),
        ("حكومته", (), "حكومة", "ه"),  # ت of the suffixed form is the taa marbuta
        ("وزيرها", (), "وزير", "ها"),
        ("شكري", (), "شكري", ""),  # «ي» is not stripped
    ],
)
def test_segment(word, proclitics, stem, enclitic):
    seg = segment(word)
    assert (seg.proclitics, seg.stem, seg.enclitic) == (proclitics, stem, enclitic)


def test_offsets_point_into_the_word():
    seg = segment("وبموسكو")
    assert "وبموسكو"[seg.start : seg.end] == "موسكو"
    seg = segment("وَلافروف")  # a diacritic before the stem
    assert "وَلافروف"[seg.start : seg.end] == "لافروف"


def test_article_and_bare_stem():
    seg = segment("بالقاهرة")
    assert seg.article and seg.bare == "قاهرة" and seg.proclitics == ("ب",)


def test_unknown_name_stays_whole_with_empty_lexicon():
    lex = Lexicon({})
    assert strip_proclitics("وزنكوف", lex) == "وزنكوف"
    lex.add("زنكوف", 10)  # once the caller knows the name, the conjunction comes off
    assert strip_proclitics("وزنكوف", lex) == "زنكوف"


def test_segment_text_offsets():
    text = "وصل ولافروف إلى القاهرة."
    pieces = segment_text(text)
    for start, end, _, piece in pieces:
        assert text[start:end] == piece
    assert (4, 5, "proclitic", "و") in pieces
    assert any(kind == "stem" and piece == "لافروف" for _, _, kind, piece in pieces)


@pytest.mark.parametrize(
    "word, proclitics, stem",
    [
        ("سيقول", ("س",), "يقول"),  # the future particle before an imperfect verb
        ("وسيعلن", ("و", "س"), "يعلن"),
        ("فستكون", ("ف", "س"), "تكون"),
        ("سنعمل", ("س",), "نعمل"),
        ("سأعود", ("س",), "اعود"),
        # not before anything else, however frequent the remainder: a name, a noun, a city
        ("سعيد", (), "سعيد"),
        ("سكان", (), "سكان"),
        ("سمكة", (), "سمكة"),
        ("سهام", (), "سهام"),
    ],
)
def test_future_particle_only_before_an_imperfect_verb(word, proclitics, stem):
    lex = Lexicon({"يقول": 50, "يعلن": 50, "تكون": 50, "نعمل": 50, "اعود": 50,
                   "عيد": 900, "كان": 9000, "مكة": 900, "هام": 500, "سعيد": 10, "سكان": 10})
    seg = segment(word, lex)
    assert (seg.proclitics, seg.stem) == (proclitics, stem)
