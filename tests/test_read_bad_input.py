"""Bad input: every case is one one-line rejection naming the file (and record), and the good
records of the same run still come through. Also: memory stays flat on a large JSON Lines file."""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
import zipfile

import pytest

from marsad.document import RawDocument
from marsad.read import ReadOptions, Rejection, read_paths

GOOD = "انطلقت صباح اليوم فعاليات الملتقى الثقافي العربي بمشاركة كتاب وفنانين من اثني عشر بلدا."
GOOD_2 = "أكدت وزارة الصحة أن المستشفيات الحكومية استقبلت أكثر من ألفي مراجع خلال عطلة العيد."


def read_all(paths, **options):
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    for rejection in rejected:
        assert "\n" not in rejection.reason and rejection.reason, rejection
        assert rejection.origin
    return docs, rejected


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\r\n  ", "empty file"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    "blob.bin": (bytes(random.Random(1).randbytes(3000)), "binary"),
    "noise.txt": (bytes(b for b in random.Random(2).randbytes(3000) if b), "not UTF-8"),
    "truncated.zip": (
        zip_bytes({"a.txt": GOOD.encode() * 50, "b.txt": GOOD_2.encode() * 50})[:300],
        "not a readable zip",
    ),
    "report.docx": (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), "office"),
    "fake.zip": (b"this is not a zip at all", "not a readable zip"),
    "doc.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    "data.gz": (gzip.compress(GOOD.encode() * 100)[:60], "corrupt or truncated data"),
    "feed.xml": ('<?xml version="1.0"?><rss><channel><title>خبر</title></channel></rss>'.encode(), "RSS/Atom"),
    "nobody.html": (b"<html><head><title>x</title></head><body></body></html>", "no extractable main text"),
    "nocolumn.csv": ("title,date\nعنوان,2020-01-01\n".encode(), "no text column"),
    "empty.json": (b"[ ]", "no records found"),
    "header.csv": ("content,title\n".encode(), "no records found"),
    "broken.json": (('[{"content": "' + GOOD + '"}, {"content": "نص مبتور').encode(), "malformed JSON"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_rejection_and_the_rest_still_reads(tmp_path, name):
    data, expected = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    docs, rejected = split(read_all([tmp_path]))
    assert [d.text for d in docs if d.file_name == "good.txt"] == [GOOD]
    mine = [r for r in rejected if r.origin.endswith(name)]
    assert mine and expected in mine[0].reason, rejected
    assert str(mine[0]).startswith(str(tmp_path / name))


def test_malformed_json_lines(tmp_path):
    lines = [
        json.dumps({"content": GOOD}, ensure_ascii=False),
        "{broken json",
        "",
        "[1, 2]",
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"content": GOOD_2}, ensure_ascii=False),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, rejected = split(read_all([tmp_path / "feed.jsonl"]))
    assert [d.text for d in docs] == [GOOD, GOOD_2]
    assert [d.record for d in docs] == ["line 1", "line 6"]
    assert [(r.record, r.reason.split(":")[0]) for r in rejected] == [
        ("line 2", "malformed JSON"),
        ("line 4", "not a JSON object but list"),
        ("line 5", "no text field (looked for content, text, body, article, article_text, maintext)"),
    ]


def test_jsonl_line_with_bad_bytes(tmp_path):
    data = (
        json.dumps({"content": GOOD}, ensure_ascii=False).encode()
        + b"\n"
        + b'{"content": "\xff\xfe bad"}\n'
        + json.dumps({"content": GOOD_2}, ensure_ascii=False).encode()
    )
    (tmp_path / "feed.jsonl").write_bytes(data)
    docs, rejected = split(read_all([tmp_path / "feed.jsonl"]))
    assert [d.text for d in docs] == [GOOD, GOOD_2]
    assert [(r.record, r.reason) for r in rejected] == [("line 2", "not valid utf-8 text")]


def test_json_array_with_a_non_object_and_a_broken_tail(tmp_path):
    text = '[{"content": "%s"}, "just a string", {"content": "%s"}, {"content": oops}]' % (GOOD, GOOD_2)
    (tmp_path / "dump.json").write_text(text, encoding="utf-8")
    docs, rejected = split(read_all([tmp_path / "dump.json"]))
    assert [d.text for d in docs] == [GOOD, GOOD_2]
    assert [r.record for r in rejected] == ["record 2", "after record 3"]
    assert "not a JSON object" in rejected[0].reason and "malformed JSON" in rejected[1].reason


def test_zip_with_a_corrupt_member(tmp_path):
    data = bytearray(zip_bytes({"a.txt": GOOD.encode() * 40, "b.txt": GOOD_2.encode() * 40}))
    start = data.find(b"a.txt") + len("a.txt")  # inside a.txt's compressed data
    data[start + 10 : start + 30] = bytes(20)
    (tmp_path / "pages.zip").write_bytes(bytes(data))
    docs, rejected = split(read_all([tmp_path]))
    assert [d.origin for d in docs] == [f"{tmp_path / 'pages.zip'}!b.txt"]
    assert [r.origin for r in rejected] == [f"{tmp_path / 'pages.zip'}!a.txt"]
    assert rejected[0].reason.startswith("corrupt or truncated data")


def test_csv_with_a_bad_row(tmp_path):
    text = 'content,title\n"%s",أول\n"%s",ثان,زائد\n"%s",ثالث\n' % (GOOD, GOOD_2, GOOD_2)
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    docs, rejected = split(read_all([tmp_path / "t.csv"]))
    assert [d.title for d in docs] == ["أول", "ثالث"]
    assert [(r.record, r.reason) for r in rejected] == [("row 2", "3 cells but the header has 2 columns")]


def test_page_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as out:
        out.write(GOOD.encode() * 40_000)  # ~6.6 MB
    (tmp_path / "small.txt").write_text(GOOD, encoding="utf-8")
    tracemalloc.start()
    try:
        docs, rejected = split(read_all([tmp_path], max_page_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.file_name for d in docs] == ["small.txt"]
    assert len(rejected) == 1 and rejected[0].origin == str(big) and "page too large" in rejected[0].reason
    assert "1,000,000" in rejected[0].reason
    assert peak < 1_000_000


def test_over_long_lines_and_records_are_refused(tmp_path):
    long_record = json.dumps({"content": GOOD * 2000}, ensure_ascii=False)
    short_record = json.dumps({"content": GOOD}, ensure_ascii=False)
    (tmp_path / "a.jsonl").write_text("\n".join([short_record, long_record, short_record]), encoding="utf-8")
    (tmp_path / "b.json").write_text(f"[{short_record}, {long_record}, {short_record}]", encoding="utf-8")
    docs, rejected = split(read_all([tmp_path], max_page_bytes=50_000))
    assert [(d.file_name, d.record) for d in docs] == [
        ("a.jsonl", "line 1"),
        ("a.jsonl", "line 3"),
        ("b.json", "record 1"),
        ("b.json", "record 3"),
    ]
    assert [(r.record, "page too large" in r.reason) for r in rejected] == [("line 2", True), ("record 2", True)]


def test_unknown_explicit_format_is_fatal(tmp_path):
    from marsad.errors import ConfigError

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_paths([str(tmp_path)], ReadOptions(format="docx"))


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_memory_stays_flat_on_a_large_file(tmp_path, fmt):
    # ~40 MB of records; the reader must hold about one record at a time, not the file.
    record = {"title": "عنوان الخبر", "content": (GOOD + " ") * 20, "source": "wakala"}
    line = json.dumps(record, ensure_ascii=False)
    count = 40_000_000 // len(line.encode())
    path = tmp_path / f"big.{fmt}"
    with open(path, "w", encoding="utf-8") as out:
        out.write("[\n" if fmt == "json" else "")
        separator = ",\n" if fmt == "json" else "\n"
        out.write(separator.join([line] * count))
        out.write("\n]" if fmt == "json" else "\n")
    seen = 0
    tracemalloc.start()
    try:
        for item in read_paths([str(path)]):
            assert isinstance(item, RawDocument)
            seen += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 12_000_000, f"peak {peak:,} bytes while reading {path.stat().st_size:,}"


def test_jsonl_record_cut_by_raw_newlines_is_joined(tmp_path):
    # A scraper that forgot to escape newlines: the record spans lines 2-4 and still reads.
    broken = '{"content": "%s\n\n%s", "title": "خبر"}' % (GOOD, GOOD_2)
    lines = [
        json.dumps({"content": GOOD}, ensure_ascii=False),
        broken,
        '{"content": "نص بلا نهاية',
        json.dumps({"content": GOOD_2}, ensure_ascii=False),
        "{not json",
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, rejected = split(read_all([tmp_path / "feed.jsonl"]))
    assert [(d.record, d.text) for d in docs] == [
        ("line 1", GOOD),
        ("lines 2-4", f"{GOOD}\n\n{GOOD_2}"),
        ("line 6", GOOD_2),
    ]
    assert docs[1].raw.decode("utf-8") == broken
    assert [(r.record, r.reason.split(":")[0]) for r in rejected] == [
        ("line 5", "malformed JSON"),
        ("line 7", "malformed JSON"),
    ]
