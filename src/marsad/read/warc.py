"""WARC files (.warc, .warc.gz): every ``response`` (or ``resource``) record whose payload is HTML or
plain text becomes one document; other records (requests, metadata, images, redirects) are skipped.

Common Crawl WET files (``conversion`` records of plain text) read the same way.

The URL comes from WARC-Target-URI; ``published`` from the page's own metadata when it has some, else
from WARC-Date (``published_how="warc-date"``). A broken record is a rejection and reading resumes
at the next record boundary the file shows (the next gzip member, or the next ``WARC/1.`` line).
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from marsad.document import PUBLISHED_WARC, RawDocument
from marsad.read.encoding import NotText, declared_charset, decode
from marsad.read.inputs import Input
from marsad.read.limits import LimitExceeded, UnpackBudget
from marsad.read.options import ReadOptions, Rejection
from marsad.read.pages import apply_manifest, html_document, set_source, too_large
from marsad.read.provenance import iso_published

_PAGE_RECORDS = ("response", "resource", "conversion")  # conversion: Common Crawl WET plain text
_GZIP_MEMBER = re.compile(b"\x1f\x8b\x08")
_WARC_LINE = re.compile(rb"WARC/1\.[01]\r?\n")
_SCAN_CHUNK = 1 << 20
HEADER_BYTES = 1 << 20  # WARC and HTTP headers of one record take a few kilobytes; more is junk


def read_warc(inp: Input, head: bytes, options: ReadOptions) -> Iterator[RawDocument | Rejection]:
    from warcio.archiveiterator import ArchiveIterator

    marker = _GZIP_MEMBER if head.startswith(b"\x1f\x8b") else _WARC_LINE
    budget = inp.budget or UnpackBudget(options.max_unpacked_bytes)  # shared with a zip holding the file
    offset, progress = 0, _Progress(budget if marker is _GZIP_MEMBER else None)
    reported = False  # the previous pass ended on a broken record that was already reported
    while offset is not None:
        with inp.opener() as stream:
            stream.seek(offset)
            records = ArchiveIterator(stream, check_digests=True)
            progress.watch(records)
            items = _records_from(records, inp, options, progress, offset)
            last, first = None, True
            try:
                while True:
                    item = next(items)
                    # A resync that lands inside the same broken record fails again at once: one record,
                    # one rejection.
                    if not (reported and first and isinstance(item, Rejection)):
                        yield item
                    first = False
            except StopIteration as done:
                last = done.value
            reported = last is not None
            offset = None if last is None else _next_boundary(stream, last + 1, marker)


class _Overflow(Exception):
    """More bytes between two records than WARC headers take: junk (or a bomb) after a record."""


@dataclass
class _Progress:
    """What a WARC file has given so far, carried across resyncs: records seen (for ``record N``) and
    bytes unpacked, counted as warcio reads them (a record's length header does not bound what a gzip
    member holds after it, and warcio reads such junk as one header line, in memory)."""

    budget: UnpackBudget | None  # None: an uncompressed WARC, nothing is unpacked
    records: int = 0
    since_record: int = 0  # bytes read since the current record (or the gap before the next) began
    allowed: int = HEADER_BYTES

    def watch(self, records) -> None:
        """Count every block warcio's reader takes in: its ``_process_read`` is the one place where
        bytes enter (warcio 1.7-1.8; tests/test_limits.py fails if that changes)."""
        reader = records.reader
        take = getattr(reader, "_process_read", None)
        if take is None:
            return

        def counted(data: bytes) -> None:
            take(data)
            self.count(reader.buff_size if reader.buff is not None else 0)

        reader._process_read = counted

    def count(self, size: int) -> None:
        self.since_record += size
        if self.budget is not None:
            self.budget.take(size)
        if self.since_record > self.allowed:
            raise _Overflow(f"more than {self.allowed:,} bytes where WARC headers were expected")

    def next_gap(self) -> None:
        self.since_record, self.allowed = 0, HEADER_BYTES

    def record_declares(self, length: int) -> None:
        self.allowed = self.since_record + length + HEADER_BYTES


def _records_from(records, inp: Input, options: ReadOptions, progress: _Progress, start: int):
    """Read records until the end (returns None) or a broken one (returns its offset, to resync after)."""
    iterator, last = iter(records), start
    while True:
        progress.next_gap()
        try:
            with _quiet():
                record = next(iterator)
        except StopIteration:
            return None
        except LimitExceeded:
            raise
        except Exception as exc:  # warcio raises many kinds of errors on corrupt input
            progress.records += 1
            yield Rejection(inp.origin, f"record {progress.records} (at offset {last})",
                            f"broken WARC record: {_short(exc)}")
            return last
        progress.records += 1
        where = f"record {progress.records}"
        declared = record.length or 0
        if declared > options.max_member_bytes:
            # Skipping it would mean unpacking all of it: resync at the next record boundary instead.
            yield Rejection(inp.origin, where, f"record declares {declared:,} bytes, over the limit of "
                                               f"{options.max_member_bytes:,} bytes (max_member_bytes): skipped")
            return last
        progress.record_declares(declared)
        try:
            items = list(_page(record, inp, where, options))
        except LimitExceeded:
            raise
        except _Overflow as exc:
            yield Rejection(inp.origin, where, f"broken WARC record: {exc}")
            return last
        except Exception as exc:
            items = [Rejection(inp.origin, where, f"broken WARC record: {_short(exc)}")]
        try:
            with _quiet():
                records.read_to_end()  # verifies the record's digests, when it declares them
                # only now: asking earlier consumes the payload. The next record starts where this one ends.
                offset, length = records.get_record_offset(), records.get_record_length()
        except LimitExceeded:
            raise
        except Exception as exc:  # _Overflow, or warcio on a record it cannot finish
            yield Rejection(inp.origin, where, f"broken WARC record: {_short(exc)}")
            return last
        if getattr(record, "digest_checker", None) is not None and record.digest_checker.passed is False:
            # a wrong length swallows the records after it: resync from this record's start
            yield Rejection(inp.origin, where, "broken WARC record: digest mismatch (truncated or corrupt)")
            return offset
        last = offset + length
        yield from items


def _page(record, inp: Input, where: str, options: ReadOptions) -> Iterator[RawDocument | Rejection]:
    if record.rec_type not in _PAGE_RECORDS:
        return
    content_type = _content_type(record)
    if not (content_type.startswith(("text/html", "application/xhtml", "text/plain")) or not content_type):
        return
    if record.http_headers is not None and not record.http_headers.get_statuscode().startswith("2"):
        return
    if record.length and record.length > options.max_page_bytes:
        yield too_large(inp.origin, where, record.length, options.max_page_bytes)
        return
    payload = record.content_stream().read(options.max_page_bytes + 1)
    if len(payload) > options.max_page_bytes:
        yield too_large(inp.origin, where, None, options.max_page_bytes)
        return
    if not payload.strip():
        yield Rejection(inp.origin, where, "empty payload")
        return
    yield _document(record, payload, content_type, inp, where, options)


def _document(record, payload: bytes, content_type: str, inp: Input, where: str, options: ReadOptions):
    declared = _charset_param(content_type) or declared_charset(payload)
    try:
        text, encoding = decode(payload, declared=declared)
    except NotText as exc:
        return Rejection(inp.origin, where, exc.args[0])
    headers = record.rec_headers
    doc = RawDocument(origin=inp.origin, record=where, raw=payload, encoding=encoding, format="warc",
                      url=headers.get_header("WARC-Target-URI"), file_name=inp.name)
    doc.published = iso_published(headers.get_header("WARC-Date"))
    doc.published_how = PUBLISHED_WARC if doc.published else None
    doc.meta["warc_record_id"] = headers.get_header("WARC-Record-ID")
    apply_manifest(doc, inp)
    is_html = "html" in content_type or (not content_type.startswith("text/plain") and "<" in text[:1024])
    text = text.lstrip("\ufeff")
    if not text.strip():  # a byte-order mark and white space
        return Rejection(inp.origin, where, "empty payload")
    if is_html:
        result = html_document(doc, text, options)
    else:
        doc.text, result = text, doc
    if isinstance(result, RawDocument):
        set_source(result, inp, options)
    return result


def _content_type(record) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return (headers.get_header("Content-Type") or "").strip().lower()


def _charset_param(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _next_boundary(stream, start: int, marker: re.Pattern) -> int | None:
    """Offset of the next record start at or after ``start``, or None at the end of the file."""
    stream.seek(start)
    position, tail = start, b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        found = marker.search(window)
        if found:
            return position - len(tail) + found.start()
        tail = window[-16:]
        position += len(chunk)
    return None


@contextlib.contextmanager
def _quiet():
    """warcio prints warnings about a bad record (with its raw bytes) to stderr; marsad reports the
    record as a rejection instead. Only around warcio's own calls, never across a ``yield``."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def _short(exc: Exception) -> str:
    if isinstance(exc, (AttributeError, TypeError)):  # warcio met a header it could not parse
        return "unreadable WARC header"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
