"""Every input format of ``marsad.read``, on small Arabic articles written for these tests."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.document import RawDocument
from marsad.errors import ConfigError
from marsad.read import ReadOptions, Rejection, count_hint, parse_field_mapping, read_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"

# Invented news items (written for these tests).
PAGE_A = (
    "وزير الاقتصاد يفتتح معرض الصناعات المحلية\n\n"
    "عمّان - افتتح وزير الاقتصاد صباح اليوم الأربعاء معرض الصناعات المحلية بمشاركة مئة وعشرين شركة.\n\n"
    "وقال الوزير في كلمة الافتتاح إن «المنتج الوطني قادر على المنافسة في الأسواق الإقليمية»."
)
PAGE_B = (
    "أمطار غزيرة تغلق طرقا في المناطق الجبلية\n\n"
    "أعلنت مديرية الدفاع المدني إغلاق ثلاثة طرق رئيسية بسبب الأمطار الغزيرة التي هطلت منذ مساء أمس."
)
RECORDS = [
    {
        "id": "n-1",
        "title": "انطلاق حملة التطعيم الوطنية",
        "content": "انطلقت اليوم حملة التطعيم الوطنية في جميع المحافظات.",
        "date": "2021-03-14",
        "url": "https://www.akhbar-example.com/news/1",
        "author": "سلمى الحداد",
        "section": "صحة",
    },
    {
        "id": "n-2",
        "headline": "ارتفاع صادرات الفوسفات",
        "body": "ارتفعت صادرات الفوسفات خلال الربع الأول بنسبة عشرة في المئة.",
        "date_extracted": "2021-04-02 10:15:00",
        "link": "http://m.example-news.net/a/2",
        "source": "wakala",
    },
    {"id": "n-3", "title": "خبر بلا نص", "content": ""},
]


def read_all(paths, **options):
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def docs_of(items):
    return [item for item in items if isinstance(item, RawDocument)]


def rejections_of(items):
    return [item for item in items if isinstance(item, Rejection)]


# --- plain-text pages, folders, globs, manifests -------------------------------------------------


def test_text_pages_in_a_folder(tmp_path):
    folder = tmp_path / "outlet-one"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(PAGE_B, encoding="utf-8")
    (folder / ".hidden.txt").write_text(PAGE_B, encoding="utf-8")
    docs = read_all([folder])
    assert [d.file_name for d in docs] == ["a.txt", "b.txt"]
    assert docs[0].text == PAGE_A and docs[0].format == "text" and docs[0].encoding == "utf-8"
    assert docs[0].raw == PAGE_A.encode("utf-8")
    assert (docs[0].source, docs[0].source_how) == ("outlet-one", "folder")
    assert (docs[1].source, docs[1].source_how) == ("sub", "folder")


def test_glob_and_option_source(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE_B, encoding="utf-8")
    (tmp_path / "c.md").write_text(PAGE_B, encoding="utf-8")
    docs = read_all([tmp_path / "*.txt"], source="wakala")
    assert [d.file_name for d in docs] == ["a.txt", "b.txt"]
    assert {(d.source, d.source_how) for d in docs} == {("wakala", "option")}


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_manifest_fills_pages(tmp_path, kind):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE_B, encoding="utf-8")
    entries = [
        {
            "file": "a.txt",
            "source": "al-yawm",
            "url": "https://al-yawm.example/a",
            "published": "2019-05-02",
            "title": "افتتاح المعرض",
            "section": "اقتصاد",
        },
        {"file": "b.txt", "url": "https://www.matar-news.example/b"},
    ]
    if kind == "jsonl":
        (tmp_path / "meta.jsonl").write_text(
            "\n".join(json.dumps(e, ensure_ascii=False) for e in entries), encoding="utf-8"
        )
    else:
        with open(tmp_path / "meta.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, ["file", "source", "url", "published", "title", "section"])
            writer.writeheader()
            writer.writerows(entries)
    docs = read_all([tmp_path])
    assert len(docs) == 2  # the manifest itself is not an article
    a, b = docs
    assert (a.source, a.source_how, a.url, a.title) == (
        "al-yawm",
        "manifest",
        "https://al-yawm.example/a",
        "افتتاح المعرض",
    )
    assert (a.published, a.published_how) == ("2019-05-02", "manifest")
    assert a.meta["section"] == "اقتصاد"
    assert (b.source, b.source_how) == ("matar-news.example", "url-domain")
    assert b.published is None and b.published_how is None
    # --source still wins over the manifest
    assert {d.source_how for d in read_all([tmp_path], source="x")} == {"option"}


def test_explicit_files_beside_a_manifest(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text(json.dumps({"file": "a.txt", "source": "al-yawm"}), encoding="utf-8")
    # as a shell glob would pass them: the manifest is used, not read as articles
    docs = read_all([tmp_path / "a.txt", tmp_path / "meta.jsonl"])
    assert [(d.file_name, d.source) for d in docs] == [("a.txt", "al-yawm")]


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir(), reason="../shared/corpus/seeds is absent")
def test_seed_pages_with_their_manifest():
    docs = read_all([SHARED / "corpus" / "seeds"])
    manifest = [
        json.loads(line) for line in (SHARED / "corpus" / "seeds" / "meta.jsonl").read_text().splitlines() if line
    ]
    assert len(docs) == len(manifest)
    for doc, entry in zip(docs, manifest, strict=True):
        assert doc.file_name == entry["file"]
        assert (doc.source, doc.source_how) == (entry["source"], "manifest")
        assert doc.url == entry["url"]
        assert doc.published == entry["published"]


# --- JSON Lines, JSON, CSV ------------------------------------------------------------------------


def test_jsonl_defaults(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    items = read_all([path])
    one, two = docs_of(items)
    assert (one.title, one.published, one.published_how, one.author) == (
        "انطلاق حملة التطعيم الوطنية",
        "2021-03-14",
        "given",
        "سلمى الحداد",
    )
    assert (one.source, one.source_how) == ("akhbar-example.com", "url-domain")
    assert one.meta == {"section": "صحة", "record_id": "n-1"}
    assert one.record == "line 1" and one.format == "jsonl"
    assert one.raw == json.dumps(RECORDS[0], ensure_ascii=False).encode("utf-8")
    assert (two.title, two.text) == (RECORDS[1]["headline"], RECORDS[1]["body"])
    assert (two.published, two.published_how) == ("2021-04-02T10:15:00", "crawl")
    assert (two.source, two.source_how, two.url) == ("wakala", "field", "http://m.example-news.net/a/2")
    (empty,) = rejections_of(items)
    assert (empty.record, empty.reason) == ("line 3", "empty text")


def test_field_mapping(tmp_path):
    rows = [
        {
            "matn": "نص الخبر الأول عن افتتاح الجسر الجديد.",
            "unwan": "افتتاح الجسر",
            "tarikh": "2020-01-05",
            "mawqi": "sada",
            "content": "ليس هذا",
        }
    ]
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    mapping = parse_field_mapping("text=matn,title=unwan,published=tarikh,source=mawqi")
    (doc,) = read_all([path], fields=mapping)
    assert (doc.text, doc.title, doc.published, doc.source, doc.source_how) == (
        rows[0]["matn"],
        "افتتاح الجسر",
        "2020-01-05",
        "sada",
        "field",
    )
    assert doc.meta == {"content": "ليس هذا"}
    # a mapped crawl-time field is recorded as crawl time
    (doc,) = read_all(
        [path], fields=parse_field_mapping(["text=matn", "published=date_extracted"]) | {"published": "tarikh"}
    )
    assert doc.published_how == "given"


def test_parse_field_mapping_errors():
    assert parse_field_mapping("") is None
    assert parse_field_mapping("text = content , url=link") == {"text": "content", "url": "link"}
    with pytest.raises(ConfigError, match="unknown field role"):
        parse_field_mapping("body=content")
    with pytest.raises(ConfigError, match="role=column"):
        parse_field_mapping("text")


@pytest.mark.parametrize("shape", ["array", "object", "single", "compact", "nested"])
def test_json_shapes(tmp_path, shape):
    good = RECORDS[:2]
    document = {
        "array": good,
        "object": {"count": 2, "tags": ["a", "b"], "articles": good, "after": {"x": 1}},
        "single": good[0],
        "compact": good,
        "nested": {"data": {"page": 1, "items": good}},
    }[shape]
    indent = None if shape == "compact" else 2
    (tmp_path / "dump.json").write_text(json.dumps(document, ensure_ascii=False, indent=indent), encoding="utf-8")
    docs = read_all([tmp_path / "dump.json"])
    assert [d.text for d in docs] == [r.get("content") or r.get("body") for r in good][: len(docs)]
    assert len(docs) == (1 if shape == "single" else 2)
    assert all(d.format == "json" for d in docs)
    assert json.loads(docs[0].raw.decode(docs[0].encoding)) == good[0]


def test_json_array_streams_with_small_chunks(tmp_path, monkeypatch):
    import marsad.read.jsonstream as jsonstream

    monkeypatch.setattr(jsonstream, "CHUNK_CHARS", 7)  # records cross every chunk boundary
    records = [{"content": f"الخبر رقم {i} عن «الميزانية» والعدد {i * 1000.5}", "n": i} for i in range(50)]
    (tmp_path / "a.json").write_text(json.dumps({"data": records}, ensure_ascii=False), encoding="utf-8")
    docs = read_all([tmp_path / "a.json"])
    assert [d.meta["n"] for d in docs] == list(range(50))
    assert docs[-1].text == records[-1]["content"]


def test_csv_with_defaults_and_mapping(tmp_path):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["headline", "text", "published", "site", "extra"])
    writer.writerow(["تراجع أسعار الذهب", "تراجعت أسعار الذهب،\nفي تعاملات اليوم.", "2022-06-01", "souq", "1"])
    writer.writerow(["", "", "", "", ""])
    writer.writerow(["افتتاح مكتبة", "افتتحت البلدية مكتبة عامة جديدة.", "Wed, 01 Jun 2022 08:00:00 GMT", "", "2"])
    (tmp_path / "items.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    one, two = read_all([tmp_path / "items.csv"])
    assert (one.title, one.text, one.source, one.record) == (
        "تراجع أسعار الذهب",
        "تراجعت أسعار الذهب،\nفي تعاملات اليوم.",
        "souq",
        "row 1",
    )
    assert one.meta == {"extra": "1"} and one.format == "csv"
    assert (two.published, two.source_how) == ("2022-06-01T08:00:00+00:00", "folder")
    # semicolon-separated, with a mapping
    (tmp_path / "items.csv").unlink()
    (tmp_path / "semi.csv").write_text("nass;unwan\nنص قصير عن الطقس;الطقس\n", encoding="windows-1256")
    (doc,) = read_all([tmp_path / "semi.csv"], fields={"text": "nass", "title": "unwan"})
    assert (doc.text, doc.title, doc.encoding) == ("نص قصير عن الطقس", "الطقس", "windows-1256")


# --- zips ------------------------------------------------------------------------------------------


def test_zip_of_every_format(tmp_path):
    html = f"<html><head><title>خبر</title></head><body><article><p>{PAGE_B}</p><p>{PAGE_A}</p></article></body></html>"
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pages/a.txt", PAGE_A.encode("windows-1256"))
        zf.writestr("pages/meta.jsonl", json.dumps({"file": "a.txt", "source": "zip-outlet"}))
        zf.writestr("pages/b.html", html.encode("utf-8"))
        zf.writestr("feed.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS[:2]))
        zf.writestr("dump.json", json.dumps(RECORDS[:2], ensure_ascii=False))
        zf.writestr("table.csv", "content,title\nنص الجدول,عنوان\n")
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as nested:
            nested.writestr("c.txt", PAGE_B)
        zf.writestr("nested.zip", inner.getvalue())
    items = read_all([archive])
    assert not rejections_of(items), rejections_of(items)
    by_origin = {d.origin.split("!", 1)[1] + (f"#{d.record}" if d.record else ""): d for d in items}
    assert set(by_origin) == {
        "pages/a.txt",
        "pages/b.html",
        "feed.jsonl#line 1",
        "feed.jsonl#line 2",
        "dump.json#record 1",
        "dump.json#record 2",
        "table.csv#row 1",
        "nested.zip!c.txt",
    }
    a = by_origin["pages/a.txt"]
    assert (a.text, a.encoding, a.source, a.source_how) == (PAGE_A, "windows-1256", "zip-outlet", "manifest")
    assert by_origin["pages/b.html"].format == "html" and "عمّان" in by_origin["pages/b.html"].text
    assert by_origin["nested.zip!c.txt"].text == PAGE_B


def test_gzipped_exports(tmp_path):
    import gzip

    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS[:2])
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8")))
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(PAGE_A.encode("windows-1256")))
    feed_1, feed_2, page = read_all([tmp_path])
    assert (feed_1.format, feed_1.record, feed_1.file_name) == ("jsonl", "line 1", "feed.jsonl")
    assert feed_2.text == RECORDS[1]["body"]
    assert (page.text, page.encoding, page.origin) == (PAGE_A, "windows-1256", str(tmp_path / "page.txt.gz"))


def test_explicit_format_overrides_sniffing(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + PAGE_A + "</p>", encoding="utf-8")
    (doc,) = read_all([tmp_path / "page.html"], format="text")
    assert doc.format == "text" and doc.text.startswith("<p>")


def test_jsonl_content_in_a_txt_file_is_sniffed(tmp_path):
    (tmp_path / "export.txt").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS[:2]), encoding="utf-8"
    )
    assert [d.format for d in read_all([tmp_path])] == ["jsonl", "jsonl"]


# --- paths and options -------------------------------------------------------------------------------


def test_missing_path_is_fatal(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        read_paths([str(tmp_path / "nope.txt")])
    with pytest.raises(ConfigError, match="no file matches"):
        read_paths([str(tmp_path / "*.jsonl")])
    with pytest.raises(ConfigError, match="unknown --format"):
        read_paths([str(tmp_path)], ReadOptions(format="pdf"))


def test_count_hint(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS * 10), encoding="utf-8"
    )
    assert count_hint([str(tmp_path)]) == 31
    assert count_hint([str(tmp_path / "missing")]) is None


# --- the SaudiNewsNet zips, as they are -----------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "data" / "saudinewsnet").is_dir(), reason="../shared/data/saudinewsnet is absent")
def test_saudinewsnet_zip():
    path = SHARED / "data" / "saudinewsnet" / "2015-07-21.zip"
    with zipfile.ZipFile(path) as zf:
        (member,) = zf.namelist()
        records = json.loads(zf.read(member))
    empty = sum(1 for r in records if not (r.get("content") or "").strip())
    items = read_all([path])
    docs, rejected = docs_of(items), rejections_of(items)
    assert len(docs) == len(records) - empty and len(rejected) == empty > 0
    assert {r.reason for r in rejected} == {"empty text"}
    assert {d.origin for d in docs} == {f"{path}!{member}"}
    first = next(r for r in records if r["content"].strip())
    assert (docs[0].url, docs[0].title, docs[0].source, docs[0].source_how) == (
        first["url"],
        first["title"],
        first["source"],
        "field",
    )
    assert docs[0].published_how == "crawl" and docs[0].published.startswith(first["date_extracted"][:10])


def test_folder_walk_skips_paperwork(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this crawl", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Some licence text", encoding="utf-8")
    assert [d.file_name for d in read_all([tmp_path])] == ["a.txt"]
    assert [d.file_name for d in read_all([tmp_path / "README.md"])] == ["README.md"]


@pytest.mark.parametrize("codec", ["utf-8", "windows-1256"])
def test_zip_member_names_without_the_utf8_flag(tmp_path, codec):
    # Old Windows tools store Arabic member names as raw bytes, which zipfile reads as cp437.
    stored = "أخبار/خبر.txt".encode(codec)
    placeholder = b"A" * (len(stored) - 8) + b"/BBB.txt"
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as zf:
        zf.writestr(placeholder.decode("ascii"), PAGE_A.encode("utf-8"))
    data = (tmp_path / "old.zip").read_bytes().replace(placeholder, stored)
    (tmp_path / "old.zip").write_bytes(data)
    (doc,) = read_all([tmp_path / "old.zip"])
    assert (doc.file_name, doc.source, doc.origin) == ("خبر.txt", "أخبار", f"{tmp_path / 'old.zip'}!أخبار/خبر.txt")


_json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30)
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(
    records=st.lists(st.dictionaries(st.text(max_size=8), _json_values, max_size=5), max_size=6),
    chunk=st.integers(min_value=2, max_value=40),
    wrapped=st.booleans(),
    indent=st.sampled_from([None, 1, 4]),
)
def test_json_stream_matches_json_loads(records, chunk, wrapped, indent):
    # Whatever the chunk boundaries, the streamed records are exactly what json.loads sees.
    import marsad.read.jsonstream as jsonstream

    document = {"meta": {"n": len(records)}, "items": records} if wrapped else records
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    saved, jsonstream.CHUNK_CHARS = jsonstream.CHUNK_CHARS, chunk
    try:
        streamed = [r.value for r in jsonstream.json_records(io.StringIO(text), limit=10**6)]
    finally:
        jsonstream.CHUNK_CHARS = saved
    if wrapped and not records:
        assert streamed == [{"meta": {"n": 0}, "items": []}]  # no array of objects: the object is the record
    else:
        assert streamed == records


def test_folder_walk_skips_a_marsad_archive(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    archive = tmp_path / "marsad-archive"
    (archive / "index").mkdir(parents=True)
    (archive / "marsad.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (archive / "index" / "meta.json").write_text('{"segments": []}', encoding="utf-8")
    assert [d.file_name for d in read_all([tmp_path])] == ["a.txt"]


def test_field_names_match_without_case(tmp_path):
    (tmp_path / "t.csv").write_text(
        "Title,Content,URL,Date_Extracted\nعنوان,نص الخبر عن السوق,https://www.souq.example/1,2020-02-02\n",
        encoding="utf-8",
    )
    (doc,) = read_all([tmp_path / "t.csv"])
    assert (doc.title, doc.text, doc.url, doc.published_how) == (
        "عنوان",
        "نص الخبر عن السوق",
        "https://www.souq.example/1",
        "crawl",
    )
    assert doc.meta == {}
