"""Send each input to the reader for its format; turn every per-input failure into a rejection."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator

from marsad.document import RawDocument
from marsad.read.encoding import NotText
from marsad.read.inputs import Input, gzip_content, zip_members
from marsad.read.limits import LimitExceeded
from marsad.read.options import ReadOptions, Rejection
from marsad.read.pages import read_page
from marsad.read.sniff import HEAD_BYTES, UnknownFormat, sniff_format
from marsad.read.structured import read_csv, read_json, read_jsonl
from marsad.read.warc import read_warc

_CORRUPT_DATA = (zipfile.BadZipFile, zlib.error, EOFError)
MAX_ZIP_DEPTH = 3  # zips inside zips inside zips, and no deeper (zip bombs)


def read_inputs(inputs, options: ReadOptions, depth: int = 0) -> Iterator[RawDocument | Rejection]:
    for inp in inputs:
        if isinstance(inp, Rejection):
            yield inp
            continue
        try:
            yield from read_input(inp, options, depth)
        except LimitExceeded as exc:
            yield Rejection(inp.origin, None, exc.args[0])
        except _CORRUPT_DATA as exc:
            yield Rejection(inp.origin, None, f"corrupt or truncated data: {_one_line(exc)}")
        except Exception as exc:  # one unreadable input must never stop the run; it is reported
            yield Rejection(inp.origin, None, f"unreadable: {type(exc).__name__}: {_one_line(exc)}")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def read_input(inp: Input, options: ReadOptions, depth: int = 0) -> Iterator[RawDocument | Rejection]:
    try:
        with inp.opener() as stream:
            head = stream.read(HEAD_BYTES)
    except OSError as exc:
        yield Rejection(inp.origin, None, f"cannot open: {exc.strerror or exc}")
        return
    if not head:
        yield Rejection(inp.origin, None, "empty file")
        return
    try:
        fmt = sniff_format(inp.name, head)
        if options.format != "auto" and fmt not in ("zip", "gzip"):
            fmt = options.format
    except (UnknownFormat, NotText) as exc:
        yield Rejection(inp.origin, None, exc.args[0])
        return
    if fmt in ("zip", "gzip"):
        if depth >= MAX_ZIP_DEPTH:
            yield Rejection(inp.origin, None, f"archive nested more than {MAX_ZIP_DEPTH} deep: not read")
            return
        members = zip_members(inp, options) if fmt == "zip" else [gzip_content(inp, options)]
        yield from read_inputs(members, options, depth + 1)
        return
    found = False
    for item in _READERS[fmt](inp, head, options):
        found = True
        yield item
    if not found:  # e.g. "[]", a CSV with only its header, a WARC with no page records
        yield Rejection(inp.origin, None, f"no records found ({fmt})")


def _page_reader(fmt: str):
    return lambda inp, head, options: read_page(inp, fmt, options)


_READERS = {
    "text": _page_reader("text"),
    "html": _page_reader("html"),
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "warc": read_warc,
}
