"""Encoding detection: the same Arabic text in every encoding Arabic sites use decodes identically."""

from __future__ import annotations

import random

import pytest

from marsad.read import Rejection, read_paths
from marsad.read.encoding import NotText, decode, detect

# Invented text; only characters that ISO-8859-6 can encode (no «», no Persian letters).
ARABIC = (
    "أعلنت وزارة الزراعة اليوم الأحد عن خطة جديدة لدعم صغار المزارعين في المناطق الريفية، "
    "وقال المتحدث باسم الوزارة إن الخطة تشمل قروضا ميسرة وتوزيع بذور محسنة على أكثر من عشرة آلاف أسرة.\n"
    "وأضاف أن التنفيذ سيبدأ مطلع الشهر المقبل في ثلاث محافظات قبل أن يعمم على بقية البلاد؟"
)
SHORT = "قال الوزير إن الحكومة ستواصل دعم المزارعين."

ENCODED = {
    "utf-8": ARABIC.encode("utf-8"),
    "utf-8-sig": ARABIC.encode("utf-8-sig"),
    "utf-16-le-bom": b"\xff\xfe" + ARABIC.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + ARABIC.encode("utf-16-be"),
    "windows-1256": ARABIC.encode("windows-1256"),
    "iso-8859-6": ARABIC.encode("iso-8859-6"),
}


@pytest.mark.parametrize("label", sorted(ENCODED))
def test_same_text_decodes_identically(label):
    text, name = decode(ENCODED[label])
    assert text.lstrip("\ufeff") == ARABIC
    assert ENCODED[label].decode(name).lstrip("\ufeff") == ARABIC  # the recorded name decodes raw


@pytest.mark.parametrize("codec", ["windows-1256", "iso-8859-6"])
def test_short_code_page_text(codec):
    text, name = decode(SHORT.encode(codec))
    assert text == SHORT and name == codec


@pytest.mark.parametrize("label", sorted(ENCODED))
def test_text_file_in_each_encoding_reads_the_same(tmp_path, label):
    # The extension says nothing: every file is called .txt whatever its bytes are.
    (tmp_path / f"page-{label}.txt").write_bytes(ENCODED[label])
    (doc,) = list(read_paths([str(tmp_path)]))
    assert not isinstance(doc, Rejection), doc
    assert doc.text == ARABIC
    assert doc.raw == ENCODED[label]
    assert doc.raw.decode(doc.encoding).lstrip("\ufeff") == ARABIC


@pytest.mark.parametrize("codec", ["windows-1256", "iso-8859-6", "utf-16", "utf-8-sig"])
def test_jsonl_in_other_encodings(tmp_path, codec):
    import json

    lines = [
        json.dumps({"title": "عنوان", "content": ARABIC}, ensure_ascii=False),
        json.dumps({"title": "خبر ثان", "content": SHORT}, ensure_ascii=False),
    ]
    (tmp_path / "a.jsonl").write_bytes("\n".join(lines).encode(codec))
    docs = list(read_paths([str(tmp_path / "a.jsonl")]))
    assert [d.text for d in docs] == [ARABIC, SHORT]
    assert docs[1].title == "خبر ثان"
    assert docs[1].raw.decode(docs[1].encoding) == lines[1]


def test_html_meta_charset_is_honoured(tmp_path):
    # Bytes that are valid in several code pages; the declared charset decides.
    html = (
        '<html><head><meta charset="windows-1256"><title>خبر</title></head><body><article>'
        f"<p>{ARABIC}</p><p>{SHORT}</p></article></body></html>"
    )
    (tmp_path / "page.html").write_bytes(html.encode("windows-1256"))
    (doc,) = list(read_paths([str(tmp_path)]))
    assert doc.encoding == "windows-1256"
    assert SHORT in doc.text


@pytest.mark.parametrize("codec", ["windows-1256", "iso-8859-6", "utf-16"])
def test_html_without_a_declared_charset(tmp_path, codec):
    # Markup glued to Arabic words («<p>أعلنت») must not look like a wrong code page.
    html = f"<html><body><article><p>{ARABIC}</p><p>{SHORT}</p></article></body></html>"
    (tmp_path / "page.html").write_bytes(html.encode(codec))
    (doc,) = list(read_paths([str(tmp_path)]))
    assert SHORT in doc.text
    assert doc.raw.decode(doc.encoding).lstrip("\ufeff") == html


def test_binary_is_not_text():
    with pytest.raises(NotText):
        detect(bytes(range(256)) * 4)
    with pytest.raises(NotText):
        decode(bytes([0x90, 0x81, 0x8D, 0x9D, 0xAA, 0xE0, 0xFC, 0xFD] * 50))
    noise = bytes(b for b in random.Random(7).randbytes(4000) if b)
    with pytest.raises(NotText):
        decode(noise)


def test_latin_text_in_a_code_page_is_refused():
    # Not UTF-8 and not Arabic: marsad says so instead of inventing Arabic letters.
    with pytest.raises(NotText):
        decode("Ceci est un texte français écrit en Latin-1, très loin de l'arabe.".encode("latin-1"))


def test_ascii_is_utf8():
    assert decode(b"plain ascii text") == ("plain ascii text", "utf-8")


@pytest.mark.parametrize("sentence", ["ذهب الولد إلى المدرسة مع أخته", "سلمت الدولة الأمانة", "هذا هو الحل"])
@pytest.mark.parametrize("codec", ["windows-1256", "iso-8859-6"])
def test_short_sentences_both_code_pages(sentence, codec):
    # Short texts without ف ق ك decode as *some* Arabic in both code pages; the right one must win.
    assert decode(sentence.encode(codec)) == (sentence, codec)


def test_a_wrong_declared_charset_does_not_win():
    html = f'<html><head><meta charset="windows-1256"></head><body><p>{ARABIC}</p></body></html>'
    assert decode(html.encode("iso-8859-6"), declared="windows-1256")[1] == "iso-8859-6"
    assert decode(html.encode("utf-8"), declared="windows-1256")[1] == "utf-8"
    latin = "<p>Un article en français, écrit à Tunis.</p>".encode("latin-1")
    assert decode(latin, declared="iso-8859-1") == (latin.decode("latin-1"), "iso8859-1")
