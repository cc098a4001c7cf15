"""Property-based tests: every reader, and encoding detection, on arbitrary and damaged input.

The targets (inputs and invariants) are defined once in ``fuzz/targets.py`` and shared with
``fuzz/run.py``; here each runs a bounded number of derandomised examples (tests/hypothesis_profiles.py).
A reader may reject an input with a one-line reason; it must never raise, never hide a crash behind
its catch-all (``unreadable: …``), and never hand on text that a UTF-8 store refuses.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from fuzz.targets import LARGE_LINE, MANY_LINES, TARGETS, read_files
from tests.hypothesis_profiles import fuzz_settings

READERS = [name for name, target in TARGETS.items() if target.kind == "reader"]
# Examples per target: HTML and WARC go through trafilatura (slow per page), the rest are cheap.
EXAMPLES = {"read_html": 25, "read_warc": 25, "read_zip": 30, "read_manifest": 30}


@pytest.mark.parametrize("name", READERS)
def test_reader_never_crashes(name):
    target = TARGETS[name]

    @fuzz_settings(EXAMPLES.get(name, 60))
    @given(target.inputs())
    def run(example):
        target.check(example)

    run()


@pytest.mark.parametrize("name", ["page.txt", "feed.jsonl", "export.json", "table.csv", "page.html", "crawl.warc"])
@pytest.mark.parametrize("data", [LARGE_LINE, MANY_LINES], ids=["2MB-line", "100k-lines"])
def test_a_huge_line_or_100k_lines_in_every_format(name, data):
    items = read_files({name: data})
    assert items  # a document or a one-line rejection, never silence


@pytest.mark.parametrize("raw, reason", [
    (b"\xef\xbb\xbf\x80", "byte-order mark"),  # a UTF-8 BOM, then a byte UTF-8 cannot start with
    (b"\xfe\xff\x00", "byte-order mark"),  # a UTF-16 BOM and half a character
    (b"\xff\xfe\xfe", "byte-order mark"),
])
def test_a_byte_order_mark_followed_by_broken_bytes(raw, reason):
    (rejection,) = read_files({"page.txt": raw})
    assert reason in rejection.reason


def test_lone_surrogate_escapes_in_json_lines():
    (doc,) = read_files({"feed.jsonl": b'{"content": "\\u0646\\u0635 \\ud800 \\udc00", "title": "\\udfff"}\n'})
    assert doc.text == "\u0646\u0635 \ufffd \ufffd" and doc.title == "\ufffd"


def test_csv_header_with_a_newline_gives_a_one_line_rejection():
    (rejection,) = read_files({"table.csv": '"قال \nقال "\r\n'.encode()})
    assert rejection.record == "header" and "\n" not in rejection.reason


def test_zip_member_whose_local_name_is_not_utf8():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("خبر.txt", "نص الخبر كاملا".encode())
    data = buffer.getvalue()
    local_name = data.index("خبر".encode())  # the local header's copy comes first
    data = data[:local_name] + b"\x82" + data[local_name + 1:]
    (rejection,) = read_files({"dump.zip": data})
    assert rejection.reason.startswith("corrupt or truncated data") and "UTF-8" in rejection.reason


def test_zip_member_with_a_compression_method_zipfile_lacks():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("a.txt", "نص الخبر الأول كاملا".encode())
        zf.writestr("b.txt", "نص الخبر الثاني كاملا".encode())
    data = bytearray(buffer.getvalue())
    for header, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # a.txt's local and central headers
        at = data.index(header)
        data[at + method_at:at + method_at + 2] = (1).to_bytes(2, "little")  # "shrunk" (PKZIP 1)
    items = read_files({"dump.zip": bytes(data)})
    assert [getattr(i, "text", None) for i in items][1] == "نص الخبر الثاني كاملا"
    assert items[0].reason == "cannot open: compressed with a method Python's zipfile cannot unpack (1)"


def test_warc_text_payload_that_is_only_a_byte_order_mark():
    data = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://sahil.example/a\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: 48\r\n\r\n"
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n\xef\xbb\xbf\r\n\r\n\r\n\r\n")
    (rejection,) = read_files({"crawl.warc": data})
    assert (rejection.record, rejection.reason) == ("record 1", "empty payload")
