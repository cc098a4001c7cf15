"""Limits against hostile input: zip and gzip bombs, JSON nested 100,000 deep, huge HTML, huge pages.

Each over-limit page, record, member or archive is one one-line rejection that names the file (and
record) and the option to raise; the good records around it still come through, and an archive's
earlier contents are untouched. All bombs are generated here.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib

import pytest

import marsad
from marsad.document import RawDocument
from marsad.errors import ConfigError
from marsad.read import ReadOptions, Rejection, read_paths

GOOD = "افتتح وزير الثقافة مساء أمس معرض الخط العربي في قاعة المدينة بمشاركة خطاطين من تسعة بلدان."
GOOD_2 = "قالت هيئة الأرصاد إن موجة الحر ستنحسر نهاية الأسبوع مع هبوب رياح شمالية معتدلة على السواحل."
GOOD_3 = "أعلن الاتحاد المحلي لكرة السلة أن البطولة الشتوية ستقام في ثلاث مدن للمرة الأولى منذ سنوات."
MB = 1_000_000


def read_all(paths, **options):
    items = list(read_paths([str(p) for p in paths], ReadOptions(**options)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    for r in rejected:
        assert r.origin and r.reason and "\n" not in r.reason and len(r.reason) < 300, r
    return docs, rejected


def jsonl(*texts: str) -> bytes:
    return "".join(json.dumps({"content": t}, ensure_ascii=False) + "\n" for t in texts).encode()


def blank_lines(megabytes: int) -> bytes:
    """JSON Lines that are only spaces: the reader reads all of it and finds nothing to stop at."""
    return (b" " * (MB - 1) + b"\n") * megabytes


def gzip_bytes(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def zip_bytes(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


# -- zip and gzip bombs ------------------------------------------------------------------------

def test_gzip_bomb_is_counted_while_unpacking(tmp_path):
    # gzip declares no trustworthy size: 60 MB of blank lines behind 60 KB, after two good records.
    bomb = tmp_path / "feed.jsonl.gz"
    bomb.write_bytes(gzip_bytes(jsonl(GOOD, GOOD_2) + blank_lines(60)))
    assert bomb.stat().st_size < 100_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        docs, rejected = read_all([bomb], max_member_bytes=10 * MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.text for d in docs] == [GOOD, GOOD_2]
    assert [(r.origin, r.record) for r in rejected] == [(str(bomb), None)]
    assert "more than 10,000,000 bytes" in rejected[0].reason and "max_member_bytes" in rejected[0].reason
    assert time.perf_counter() - started < 10
    assert peak < 8 * MB, f"peak {peak:,} bytes"


def test_zip_of_gzip_bombs_shares_one_budget(tmp_path):
    # Eight 30 MB gzip bombs in one zip: the zip declares only their compressed sizes, so only counting
    # stops them. Each member stops at max_member_bytes; the third exhausts the archive's budget and
    # the rest of the zip is not opened at all.
    bomb = gzip_bytes(blank_lines(30))
    members = {"0-first.txt": GOOD.encode()} | {f"{i}-bomb.jsonl.gz": bomb for i in range(1, 9)}
    path = tmp_path / "bombs.zip"
    path.write_bytes(zip_bytes(members, zipfile.ZIP_STORED))
    started = time.perf_counter()
    docs, rejected = read_all([path], max_member_bytes=20 * MB, max_unpacked_bytes=50 * MB)
    assert [d.text for d in docs] == [GOOD]
    assert [r.origin for r in rejected] == [f"{path}!{i}-bomb.jsonl.gz" for i in (1, 2, 3)]
    assert ["max_member_bytes" in r.reason for r in rejected] == [True, True, False]
    assert "50,000,000 bytes in all" in rejected[2].reason and "max_unpacked_bytes" in rejected[2].reason
    assert time.perf_counter() - started < 15


def test_nested_zip_bomb_is_refused_from_its_declared_sizes(tmp_path):
    # 42.zip in miniature: a zip of 8 zips of 8 members of 20 MB each (1.28 GB) in 1.3 MB.
    leaf = zip_bytes({f"page-{i}.txt": b" " * (20 * MB) for i in range(8)})
    path = tmp_path / "nested.zip"
    path.write_bytes(zip_bytes({"good.txt": GOOD.encode()} | {f"level-{i}.zip": leaf for i in range(8)},
                               zipfile.ZIP_STORED))
    assert path.stat().st_size < 2 * MB
    started = time.perf_counter()
    docs, rejected = read_all([path], max_unpacked_bytes=100 * MB)
    assert [d.text for d in docs] == [GOOD]
    assert [r.origin for r in rejected] == [f"{path}!level-{i}.zip" for i in range(8)]
    assert all("declares 160,000,000 bytes unpacked" in r.reason and "max_unpacked_bytes" in r.reason
               for r in rejected)
    assert time.perf_counter() - started < 5  # nothing was unpacked


def test_zip_member_declaring_too_much_is_not_opened(tmp_path):
    path = tmp_path / "big.zip"
    path.write_bytes(zip_bytes({"a.txt": GOOD.encode(), "huge.jsonl": blank_lines(12), "c.txt": GOOD_2.encode()}))
    docs, rejected = read_all([path], max_member_bytes=5 * MB)
    assert [d.text for d in docs] == [GOOD, GOOD_2]
    assert [(r.origin, r.reason) for r in rejected] == [
        (f"{path}!huge.jsonl", "declares 12,000,000 bytes unpacked, over the limit of 5,000,000 bytes "
                               "(max_member_bytes): not read")]


def test_zip_whose_header_understates_a_member_is_corrupt_not_unbounded(tmp_path):
    # zipfile never reads past the size the central directory declares: a member holding more than it
    # says fails its CRC instead of unpacking without bound.
    data = bytearray(zip_bytes({"a.jsonl": jsonl(GOOD) + blank_lines(3), "b.txt": GOOD_2.encode()}))
    directory = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x01\x02"))  # a.jsonl's central record
    data[directory + 24:directory + 28] = (100).to_bytes(4, "little")  # uncompressed size: 100 bytes
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(data))
    docs, rejected = read_all([path])
    assert [d.text for d in docs] == [GOOD_2]
    assert [(r.origin, "corrupt" in r.reason or "malformed" in r.reason) for r in rejected] == [
        (f"{path}!a.jsonl", True)]


# -- WARC --------------------------------------------------------------------------------------

PAGE = ("<html><head><title>خبر</title></head><body><article>"
        + "".join(f"<p>{t}</p>" for t in (GOOD, GOOD_2, GOOD_3)) + "</article></body></html>").encode()


def warc_record(url: str, body: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def test_warc_gz_member_with_a_bomb_after_its_record(tmp_path):
    # A record's length header says nothing of what its gzip member holds after it; warcio would read
    # 200 MB of zeros there as one header line, in memory.
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = packer.compress(warc_record("https://sahil.example/2", PAGE))
    for _ in range(200):
        bomb += packer.compress(bytes(MB))
    bomb += packer.flush()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_bytes(warc_record("https://sahil.example/1", PAGE)) + bomb
                     + gzip_bytes(warc_record("https://sahil.example/3", PAGE)))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        docs, rejected = read_all([path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.url for d in docs] == ["https://sahil.example/1", "https://sahil.example/3"]
    assert len(rejected) == 1 and rejected[0].record.startswith("record 2")
    assert "where WARC headers were expected" in rejected[0].reason
    assert time.perf_counter() - started < 5
    assert peak < 60 * MB, f"peak {peak:,} bytes"


def test_warc_gz_total_and_declared_record_size(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip_bytes(warc_record(f"https://sahil.example/{i}", PAGE)) for i in range(6)))
    record = len(warc_record("https://sahil.example/0", PAGE))
    docs, rejected = read_all([path], max_unpacked_bytes=int(record * 3.5))
    assert len(docs) == 3 and len(rejected) == 1 and "max_unpacked_bytes" in rejected[0].reason
    docs, rejected = read_all([path], max_member_bytes=len(PAGE) // 2)
    assert docs == [] and rejected and all("max_member_bytes" in r.reason for r in rejected)


# -- JSON nesting ------------------------------------------------------------------------------

def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_jsonl_nested_100000_deep(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"content": GOOD}, ensure_ascii=False),
             '{"content": "%s", "tags": %s}' % (GOOD_2, deep(100_000)),
             deep(100_000),
             json.dumps({"content": GOOD_3}, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejected = read_all([path])
    assert [d.text for d in docs] == [GOOD, GOOD_3]
    assert [(r.record, r.reason) for r in rejected] == [
        ("line 2", "JSON nested more than 100 levels deep, the limit (max_json_depth)"),
        ("line 3", "JSON nested more than 100 levels deep, the limit (max_json_depth)")]


def test_json_array_with_a_record_nested_100000_deep(tmp_path):
    path = tmp_path / "export.json"
    records = [json.dumps({"content": GOOD}, ensure_ascii=False),
               '{"content": "%s", "meta": {"x": %s}}' % (GOOD_2, deep(100_000)),
               json.dumps({"content": GOOD_3}, ensure_ascii=False)]
    path.write_text("[" + ",\n".join(records) + "]", encoding="utf-8")
    docs, rejected = read_all([path])
    assert [d.text for d in docs] == [GOOD, GOOD_3]  # the deep record is skipped, reading goes on
    assert [(r.record, "max_json_depth" in r.reason) for r in rejected] == [("record 2", True)]


def test_json_depth_is_the_limit_not_python_recursion(tmp_path):
    # 150 levels parse fine in Python; the limit decides, both ways.
    path = tmp_path / "feed.jsonl"
    nested = lambda n: '{"content": "%s", "x": %s}' % (GOOD, deep(n))  # noqa: E731 (depth n + 1)
    path.write_text(nested(5) + "\n" + nested(6) + "\n" + nested(149) + "\n", encoding="utf-8")
    docs, rejected = read_all([path], max_json_depth=6)
    assert [d.record for d in docs] == ["line 1"]
    assert [r.record for r in rejected] == ["line 2", "line 3"]
    docs, rejected = read_all([path], max_json_depth=150)
    assert len(docs) == 3 and not rejected


def test_brackets_inside_strings_do_not_count(tmp_path):
    path = tmp_path / "feed.jsonl"
    text = GOOD + " [[[{{{" * 100 + ' \\"[[[ '
    path.write_text(json.dumps({"content": text, "x": [[1]]}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs, rejected = read_all([path], max_json_depth=3)
    assert len(docs) == 1 and not rejected


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"content": "%s \\ud800 \\udfff", "title": "\\ud83d"}\n' % GOOD, encoding="utf-8")
    archive = marsad.open(tmp_path / "archive")
    report = archive.ingest([path], archive_stages=[])
    assert report.added == 1 and not report.rejected, report.to_dict()
    article = archive.get(report.added_ids[0])
    assert article.text.endswith("\ufffd \ufffd") and article.title == "\ufffd"
    archive.close()


# -- HTML and page size ------------------------------------------------------------------------

def test_html_over_its_limit_never_reaches_trafilatura(tmp_path):
    big = PAGE.replace(b"</article>", b"<p>" + ("كلمة " * 60_000).encode() + b"</p></article>")  # ~660 KB
    (tmp_path / "big.html").write_bytes(big)
    (tmp_path / "small.html").write_bytes(PAGE)
    (tmp_path / "feed.jsonl").write_text(json.dumps({"html": big.decode()}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    docs, rejected = read_all([tmp_path], max_html_bytes=500_000)
    assert [d.file_name for d in docs] == ["small.html"]
    assert sorted((r.origin.rsplit("/", 1)[1], r.record) for r in rejected) == [("big.html", None),
                                                                                ("feed.jsonl", "line 1")]
    for r in rejected:
        assert r.reason.startswith("HTML too large to extract: ") and "500,000 bytes (max_html_bytes)" in r.reason
    docs, rejected = read_all([tmp_path / "big.html"])  # under the default limit it is read
    assert len(docs) == 1 and not rejected


def test_huge_page_in_a_gzip_file_is_refused_while_reading(tmp_path):
    # No size to check beforehand: read_limited stops one byte past the limit.
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip_bytes((GOOD + "\n").encode() * 40_000))  # ~6.8 MB unpacked
    docs, rejected = read_all([path], max_page_bytes=2 * MB)
    assert docs == [] and len(rejected) == 1
    assert rejected[0].reason == "page too large: more than that, the limit is 2,000,000 bytes (max_page_bytes)"


def test_csv_row_over_the_page_limit(tmp_path):
    path = tmp_path / "table.csv"
    wide = ",".join(f"c{i}" for i in range(20))
    cells = ",".join([GOOD] + ["ن" * 30_000] * 19)  # each cell far under the limit, the row over it
    path.write_text(f"content,{wide}\n{GOOD_2}{',' * 20}\n{cells},\n{GOOD_3}{',' * 20}\n", encoding="utf-8")
    docs, rejected = read_all([path], max_page_bytes=500_000)
    assert [d.text for d in docs] == [GOOD_2, GOOD_3]
    assert [(r.record, "max_page_bytes" in r.reason) for r in rejected] == [("row 2", True)]


# -- options -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, value", [("max_page_bytes", 0), ("max_json_depth", -1),
                                         ("max_member_bytes", 1.5), ("max_html_bytes", True)])
def test_a_bad_limit_is_a_config_error_naming_it(tmp_path, name, value):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ConfigError, match=name):
        read_paths([str(tmp_path)], ReadOptions(**{name: value}))


def test_with_limits_keeps_defaults_for_none():
    options = ReadOptions().with_limits(max_json_depth=7, max_html_bytes=None)
    assert options.max_json_depth == 7 and options.max_html_bytes == ReadOptions().max_html_bytes
    with pytest.raises(ConfigError, match="max_pages"):
        ReadOptions().with_limits(max_pages=3)


def test_ingest_rejects_over_limit_records_and_leaves_the_archive_alone(tmp_path):
    path = tmp_path / "archive"
    archive = marsad.open(path)
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_text(GOOD, encoding="utf-8")
    assert archive.ingest([first], archive_stages=[]).added == 1
    before = {row["id"]: dict(row) for row in archive.store.query("SELECT * FROM articles")}

    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "deep.jsonl").write_text('{"content": "%s", "x": %s}\n' % (GOOD, deep(100_000)), encoding="utf-8")
    (hostile / "bomb.jsonl.gz").write_bytes(gzip_bytes(blank_lines(8)))
    (hostile / "page.html").write_bytes(PAGE)
    (hostile / "new.txt").write_text(GOOD_3, encoding="utf-8")
    report = archive.ingest([hostile], archive_stages=[], max_json_depth=50, max_member_bytes=2 * MB,
                            max_html_bytes=500)
    reasons = {r.origin.rsplit("/", 1)[1]: (r.record, r.reason) for r in report.rejected}
    assert report.added == 1
    assert reasons == {
        "deep.jsonl": ("line 1", "JSON nested more than 50 levels deep, the limit (max_json_depth)"),
        "bomb.jsonl.gz": (None, "unpacks to more than 2,000,000 bytes, the limit (max_member_bytes); "
                                "the rest of it is not read"),
        "page.html": (None, f"HTML too large to extract: {len(PAGE):,} bytes, the limit is 500 bytes "
                            "(max_html_bytes)"),
    }
    after = {row["id"]: dict(row) for row in archive.store.query("SELECT * FROM articles")}
    assert {k: after[k] for k in before} == before and len(after) == 2
    archive.close()


def test_cli_ingest_limit_options(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "deep.jsonl").write_text(
        json.dumps({"content": GOOD}, ensure_ascii=False) + '\n{"content": "%s", "x": [[[[]]]]}\n' % GOOD_2,
        encoding="utf-8")
    command = [sys.executable, "-m", "marsad", "ingest", str(tmp_path / "in"), "--archive", str(tmp_path / "a"),
               "--archive-stages", "none", "--stages", "clean", "--max-json-depth", "3", "--max-html-mb", "1",
               "--max-member-mb", "100", "--max-unpacked-mb", "1000", "--max-page-mb", "1"]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1 added")
    assert "deep.jsonl:line 2: JSON nested more than 3 levels deep, the limit (max_json_depth)" in proc.stderr
    proc = subprocess.run(command[:-1] + ["0"], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "max_page_bytes must be a positive whole number" in proc.stderr
