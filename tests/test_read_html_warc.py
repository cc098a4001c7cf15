"""HTML pages through trafilatura, and WARC files built here with warcio's writer."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from marsad.document import RawDocument
from marsad.read import ReadOptions, Rejection, read_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"

# An invented article page with the usual chrome around it.
BODY = [
    "دمشق - أعلنت وزارة النقل اليوم الاثنين عن تشغيل خط قطار جديد يربط العاصمة بمدن الساحل.",
    "وقال مدير المؤسسة العامة للخطوط الحديدية في تصريح صحفي إن الخط الجديد سيخدم أكثر من ثلاثة آلاف راكب يوميا.",
    "وأضاف أن أعمال الصيانة شملت تأهيل المحطات القديمة وتجهيزها بأنظمة حديثة للحجز الإلكتروني.",
]
PAGE = (
    """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>تشغيل خط قطار جديد | صحيفة الميناء</title>
<meta property="og:title" content="تشغيل خط قطار جديد يربط العاصمة بالساحل">
<meta property="article:published_time" content="2023-09-18T09:30:00+03:00">
<link rel="canonical" href="https://www.al-mina.example/news/2023/09/train">
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/sport">رياضة</a></nav>
<div class="weather">الطقس: غائم جزئيا 24 درجة</div></header>
<main><article><h1>تشغيل خط قطار جديد يربط العاصمة بالساحل</h1>
"""
    + "\n".join(f"<p>{p}</p>" for p in BODY)
    + """
</article>
<section id="comments" class="comments"><h3>التعليقات</h3>
<div class="comment"><p>تعليق: خبر رائع ننتظر المزيد من المشاريع المشابهة في كل المحافظات.</p></div>
<form><label>أضف تعليقك هنا</label><textarea></textarea></form></section></main>
<footer><p>جميع الحقوق محفوظة لصحيفة الميناء 2023</p></footer>
</body></html>"""
)


def read_all(paths, **options):
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def test_html_page(tmp_path):
    (tmp_path / "train.html").write_text(PAGE, encoding="utf-8")
    (doc,) = read_all([tmp_path])
    assert isinstance(doc, RawDocument), doc
    assert doc.format == "html" and doc.html == PAGE and doc.raw == PAGE.encode("utf-8")
    for paragraph in BODY:
        assert paragraph in doc.text.split("\n\n")
    for chrome in ("غائم جزئيا", "خبر رائع", "جميع الحقوق", "أضف تعليقك"):
        assert chrome not in doc.text
    assert doc.title.startswith("تشغيل خط قطار جديد")
    assert (doc.published, doc.published_how) == ("2023-09-18", "html-metadata")
    assert (doc.url, doc.source, doc.source_how) == (
        "https://www.al-mina.example/news/2023/09/train",
        "al-mina.example",
        "url-domain",
    )


def test_html_without_body_is_rejected(tmp_path):
    (tmp_path / "empty.html").write_text(
        "<html><head><title>لا شيء</title></head><body><nav><a href='/'>الرئيسية</a></nav></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "good.html").write_text(PAGE, encoding="utf-8")
    items = read_all([tmp_path])
    assert isinstance(items[0], Rejection) and items[0].origin.endswith("empty.html")
    assert items[0].reason == "HTML with no extractable main text"
    assert isinstance(items[1], RawDocument)


@pytest.mark.skipif(not (SHARED / "data" / "html_ar").is_dir(), reason="../shared/data/html_ar is absent")
def test_assabah_page():
    (doc,) = read_all([SHARED / "data" / "html_ar" / "assabah.com.tn.article.html"])
    for kept in ("منذ بدء", "كل المجالات", "وماذا عن حقيقة"):
        assert kept in doc.text
    for dropped in ("غائم جزئيا", "إضافة تعليق جديد"):
        assert dropped not in doc.text
    assert doc.title and doc.published_how == "html-metadata"
    assert "\n\n" in doc.text and "\n\n\n" not in doc.text


# --- WARC ---------------------------------------------------------------------------------------


def _response(writer, url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2023-09-19T06:00:00Z"},
    )


def write_warc(path: Path, gzip: bool, pages) -> list[int]:
    """Write one request record and the given response records; returns each record's offset."""
    from warcio.warcwriter import WARCWriter

    offsets = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, body, *rest in pages:
            offsets.append(out.tell())
            writer.write_record(_response(writer, url, body, *rest))
    return offsets


PAGES = [
    ("https://al-mina.example/a", PAGE.encode("utf-8")),
    (
        "https://www.sahil.example/b",
        PAGE.replace("قطار", "حافلة").encode("windows-1256"),
        "text/html; charset=windows-1256",
    ),
    ("https://al-mina.example/logo.png", b"\x89PNG....", "image/png"),
    ("https://al-mina.example/missing", b"<html><body>not found</body></html>", "text/html", "404 Not Found"),
    ("https://nass.example/c.txt", "\n".join(BODY).encode("utf-8"), "text/plain"),
]


@pytest.mark.parametrize("gzip", [False, True])
def test_warc(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip, PAGES)
    items = read_all([path])
    assert all(isinstance(item, RawDocument) for item in items), items
    a, b, c = items
    assert (a.url, a.format, a.source, a.source_how) == (
        "https://al-mina.example/a",
        "warc",
        "al-mina.example",
        "url-domain",
    )
    assert a.published_how == "html-metadata" and BODY[1] in a.text and a.html
    assert b.encoding == "windows-1256" and "حافلة" in b.text and b.source == "sahil.example"
    assert c.text == "\n".join(BODY) and c.html is None
    assert (c.published, c.published_how) == ("2023-09-19T06:00:00+00:00", "warc-date")
    assert a.record.startswith("record ") and a.raw == PAGE.encode("utf-8")


def _damage(data: bytes, offsets: list[int], how: str) -> bytes:
    """Break the second record of a four-record WARC."""
    second, third = offsets[1], offsets[2]
    if how == "header":  # garbage over the WARC/1.0 line
        return data[: second + 2] + b"\x00garbage-garbage" + data[second + 18 :]
    if how == "truncated":  # the record is cut short; the next record follows at once
        return data[: second + 300] + data[third:]
    if how == "length":  # a wrong Content-Length
        return (
            data[:second]
            + re.sub(rb"Content-Length: \d+", b"Content-Length: 99", data[second:third], count=1)
            + data[third:]
        )
    middle = second + (third - second) // 2  # inside the gzip member's compressed data
    return data[:middle] + b"\x00garbage-garbage-garbage-garbage-garbage" + data[middle + 40 :]


@pytest.mark.parametrize("gzip,how", [(False, "header"), (False, "truncated"), (False, "length"), (True, "member")])
def test_warc_with_a_broken_record_reads_the_rest(tmp_path, gzip, how):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    pages = [(f"https://al-mina.example/{i}", PAGE.replace("الاثنين", f"رقم {i}").encode("utf-8")) for i in range(4)]
    offsets = write_warc(path, gzip, pages)
    path.write_bytes(_damage(path.read_bytes(), offsets, how))
    items = read_all([path])
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [d.url for d in docs] == [
        "https://al-mina.example/0",
        "https://al-mina.example/2",
        "https://al-mina.example/3",
    ]
    assert len(rejected) == 1 and "broken WARC record" in rejected[0].reason
    assert rejected[0].origin == str(path) and rejected[0].record.startswith("record 2")


def test_warc_record_over_the_size_limit(tmp_path):
    path = tmp_path / "big.warc"
    write_warc(
        path,
        False,
        [("https://a.example/big", PAGE.encode("utf-8") * 20), ("https://a.example/ok", PAGE.encode("utf-8"))],
    )
    big, ok = read_all([path], max_page_bytes=len(PAGE.encode("utf-8")) * 5)
    assert isinstance(big, Rejection) and "page too large" in big.reason
    assert ok.url == "https://a.example/ok"


def test_html_in_a_jsonl_record(tmp_path):
    import json

    records = [
        {"id": 7, "url": "https://www.al-mina.example/n/7", "html": PAGE},
        {"id": 8, "content": ["فقرة أولى من الخبر.", "فقرة ثانية من الخبر."], "source": "mina"},
    ]
    (tmp_path / "pages.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    first, second = read_all([tmp_path])
    assert first.html == PAGE and BODY[0] in first.text and first.format == "jsonl"
    assert (first.source, first.published_how, first.meta["record_id"]) == ("al-mina.example", "html-metadata", "7")
    assert second.text == "فقرة أولى من الخبر.\n\nفقرة ثانية من الخبر." and second.html is None


def test_wet_conversion_records(tmp_path):
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.wet.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.wet.gz", {"software": "test"}))
        text = "\n".join(BODY).encode("utf-8")
        record = writer.create_warc_record(
            "https://www.nass.example/wet/1", "conversion", payload=io.BytesIO(text), warc_content_type="text/plain"
        )
        writer.write_record(record)
    (doc,) = read_all([path])
    assert (doc.text, doc.url, doc.source, doc.format) == (
        "\n".join(BODY),
        "https://www.nass.example/wet/1",
        "nass.example",
        "warc",
    )
