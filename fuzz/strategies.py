"""Hypothesis strategies for hostile input: Arabic news words mixed with everything a scraper can
hand over (bidi controls, NUL, lone surrogates, combining marks, presentation forms, stray quotes),
and files in every input format, well-formed or damaged.

The word list is written for marsad (common news vocabulary, not taken from any text); it is there so
generated text reaches the rules behind cue verbs, titles, months and datelines, which random
characters almost never would.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
import zipfile

from hypothesis import strategies as st

NEWS_WORDS = """
قال قالت أكد وأكد أضاف أوضح أعلن نفى صرح وقال الرئيس رئيس وزير الوزير وزيرة الخارجية الدفاع
الأمين العام الملك الأمير الشيخ الدكتور السفير المتحدث باسم مصدر مسؤول وكالة واس سانا وام الأناضول
رويترز فرانس برس القاهرة دمشق الرياض بيروت بغداد عمان الرباط تونس الجزائر الخرطوم صنعاء موسكو
لندن باريس واشنطن يوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت اليوم أمس غدا الماضي
المقبل الأسبوع الشهر العام يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر
ديسمبر كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول محرم رمضان شوال ذو
الحجة هـ م عام سنة الساعة صباحا مساء بتوقيت في من إلى على عن مع أن إن الذي التي خلال بعد قبل
اجتماع لقاء زيارة اتصال هاتفي مؤتمر صحفي بحث استقبل التقى زار وصل جبهة حركة حزب مجلس الأمن
الأمم المتحدة الجامعة العربية ما يسمى بزعم الإرهابي المعارضة النظام الحكومة عبد الله أبو محمد
أحمد علي حسن بن بنت آل وفد صحيفة قناة عملية حملة تويتر المصدر تحرير بقلم حقوق النشر محفوظة
اقرأ أيضا شارك تابعونا إعلان اشترك الأكثر قراءة عاجل
""".split()
NUMBERS = ["2015", "1436", "١٤٣٦", "٢٠١٥", "۲۰۱۵", "12/5/2020", "٢٧-١٠-٢٠١٥", "2024-02-30", "10:30", "99",
           "0", "31", "13", "1", "9999", "15 / 1 / 1959", "20 / شعبان / 1428", "3.5", "%", "٪"]
CONTROLS = [
    "\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
    "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff", "\x00", "\x1a", "\x0c", "\x0b", "\x85",
    "\u2028", "\u2029", "\u0640", "\ufffd",
]
MARKS = ["\u064b", "\u064c", "\u064d", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670", "\u0301",
         "\u0300", "\u0308", "\u20dd", "\u0654", "\u0655"]
PUNCTUATION = list("«»“”\"'„‟＂()[]{}:؛،,؟?!.…-–—/\\|*#@_+=<>") + [" - ", ": ", " (", ") ", "\n", "\n\n",
                                                                   "\r\n", "\r", "\t", " ", "  "]
ODD = ["ﻻ", "ﷲ", "ﺍﻟﻠﻪ", "ﷺ", "ـــ", "آ", "ٱ", "ى", "ة", "ۀ", "ک", "ی", "پ", "ڤ", "AFP", "(رويترز)",
       "https://www.example.com/2015/07/21/x.html", "x@y.z", "#وسم", "😀", "𝔸", "中文", "עברית", "Ελληνικά"]


def _any_char() -> st.SearchStrategy[str]:
    # Every code point, lone surrogates included (JSON "\ud800" escapes and the Python API allow them).
    return st.characters(codec=None, exclude_categories=())


PIECES = st.one_of(
    st.sampled_from(NEWS_WORDS).map(lambda w: w + " "),
    st.sampled_from(NEWS_WORDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(CONTROLS),
    st.sampled_from(MARKS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ODD),
    st.text(_any_char(), max_size=6),
)

hostile_text = st.lists(PIECES, max_size=80).map("".join)
"""Arbitrary Unicode weighted towards Arabic news text and the characters that break it."""

short_text = st.lists(PIECES, max_size=12).map("".join)


def hostile_lines(max_lines: int = 12) -> st.SearchStrategy[str]:
    return st.lists(hostile_text, max_size=max_lines).map("\n".join)


# -- files ---------------------------------------------------------------------------------------

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "windows-1256", "iso-8859-6", "latin-1")


@st.composite
def encoded(draw, text: st.SearchStrategy[str] = hostile_lines()) -> bytes:
    """Text in one of the encodings Arabic sites use (characters it cannot hold become ``?``)."""
    codec, value = draw(st.sampled_from(ENCODINGS)), draw(text)
    return value.encode(codec, errors="surrogatepass" if codec.startswith("utf") else "replace")


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` cut short, with bytes flipped, inserted or repeated (a broken download or disk)."""
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(("cut", "flip", "insert", "repeat")))
        if op == "cut":
            del data[at:]
        elif op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=8))
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 64))] * draw(st.integers(1, 4))
    return bytes(data)


def maybe_damaged(files: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(files, files.flatmap(damaged))


JSON_KEYS = ["content", "text", "title", "body", "html", "url", "source", "date", "published", "author", "id",
             "date_extracted", "Content", "TITLE", "meta", "x", ""]
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         hostile_text, st.sampled_from(NUMBERS + ["2015-07-21", "Tue, 21 Jul 2015 10:00:00 GMT"]))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.sampled_from(JSON_KEYS) | short_text, inner, max_size=5),
                           max_leaves=20)
json_records = st.dictionaries(st.sampled_from(JSON_KEYS) | short_text, json_values, max_size=7)


def _dumps(value, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)


@st.composite
def jsonl_file(draw) -> bytes:
    ascii_only = draw(st.booleans())
    lines = [_dumps(r, ascii_only) for r in draw(st.lists(json_records | json_values, max_size=6))]
    lines += draw(st.lists(short_text, max_size=2))  # stray non-JSON lines
    lines = draw(st.permutations(lines))
    newline = draw(st.sampled_from(("\n", "\r\n")))
    return newline.join(lines).encode("utf-8", errors="surrogatepass")


@st.composite
def json_file(draw) -> bytes:
    records = draw(st.lists(json_records, max_size=5))
    shape = draw(st.sampled_from(("array", "wrapped", "nested", "single", "concatenated", "value")))
    value = {"array": records, "wrapped": {"status": "ok", "articles": records},
             "nested": {"data": {"items": records}}, "single": records[0] if records else {},
             "concatenated": None, "value": draw(json_values)}[shape]
    ascii_only, indent = draw(st.booleans()), draw(st.sampled_from((None, 2)))
    if shape == "concatenated":
        text = "\n".join(json.dumps(r, ensure_ascii=ascii_only, indent=indent) for r in records)
    else:
        text = json.dumps(value, ensure_ascii=ascii_only, indent=indent, allow_nan=True)
    return text.encode("utf-8", errors="surrogatepass")


@st.composite
def csv_file(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(JSON_KEYS) | short_text, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(hostile_text, max_size=6), max_size=5))
    delimiter = draw(st.sampled_from((",", ";", "\t", "|")))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().replace("\x00", "").encode("utf-8", errors="replace")


TAGS = ["html", "head", "body", "title", "meta charset='windows-1256'", "meta charset=\"utf-8\"", "article",
        "div", "p", "span", "a href='/x'", "script", "style", "table", "tr", "td", "ul", "li", "h1", "br",
        "img src=x", "form", "input", "footer", "nav", "!-- ", "![CDATA[", "?xml version='1.0'?", "svg", "iframe"]


@st.composite
def html_page(draw) -> bytes:
    parts = ["<!doctype html>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(("open", "close", "text", "text")))
        tag = draw(st.sampled_from(TAGS))
        parts.append(f"<{tag}>" if kind == "open" else f"</{tag.split()[0]}>" if kind == "close"
                     else draw(hostile_text))
    codec = draw(st.sampled_from(("utf-8", "windows-1256", "utf-16")))
    return "".join(parts).encode(codec, errors="replace")


@st.composite
def warc_file(draw) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 3))):
        body = draw(st.one_of(html_page(), encoded(), st.binary(max_size=200)))
        content_type = draw(st.sampled_from(("text/html; charset=utf-8", "text/plain", "text/html; charset=x-bad",
                                             "image/png", "", "text/html; charset=windows-1256")))
        status = draw(st.sampled_from(("200 OK", "404 Not Found", "301 Moved")))
        kind = draw(st.sampled_from(("response", "resource", "request", "metadata", "conversion")))
        url = draw(st.sampled_from(("https://sahil.example/a", "http://[::1", "", "نص"))) or "x"
        headers = None  # only HTTP records carry HTTP headers (warcio would parse the body as them)
        if kind == "response":
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        elif kind == "request":
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "sahil.example")], is_http_request=True)
        # Fixed id and date: the bytes must depend on the draws only, or hypothesis cannot replay them.
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{len(out.getvalue()):012d}>",
                 "WARC-Date": "2015-07-21T00:00:00Z"}
        record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict=fixed)
        writer.write_record(record)
    return out.getvalue()


@st.composite
def zip_file(draw) -> bytes:
    out = io.BytesIO()
    names = st.one_of(st.sampled_from(("a.txt", "b.jsonl", "c.json", "d.csv", "e.html", "f.warc", "g.zip",
                                       "meta.jsonl", "meta.csv", "dir/خبر.txt", "../up.txt", "/abs.txt",
                                       "README", ".hidden.txt", "__MACOSX/x.txt", "h.jsonl.gz")),
                      short_text.map(lambda t: t.replace("\x00", "") or "x"))
    method = draw(st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)))
    with zipfile.ZipFile(out, "w", method) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate member names are part of the test
        for _ in range(draw(st.integers(0, 4))):
            name = draw(names).encode("utf-8", "replace").decode("utf-8")
            data = draw(st.one_of(encoded(), jsonl_file(), json_file(), csv_file(), html_page()))
            zf.writestr(zipfile.ZipInfo(name, date_time=(2015, 7, 21, 0, 0, 0)), data, compress_type=method)
    return out.getvalue()
