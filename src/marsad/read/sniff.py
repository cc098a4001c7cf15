"""Tell the format of an input from its first bytes, with the file name only as a tie-breaker.

Formats: text, jsonl, json, csv, html, warc; and two containers whose content is sniffed in turn:
zip (its members) and gzip (a single compressed file such as ``feed.jsonl.gz``).
"""

from __future__ import annotations

import json
import re
import zlib

from marsad.read.encoding import declared_charset, detect

HEAD_BYTES = 65536  # how much of an input is read to decide its format and encoding

_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".warc": "warc", ".warc.gz": "warc",
    ".zip": "zip",
}
_MAGIC = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"\x7fELF", "an executable"), (b"SQLite format 3", "an SQLite database"),
    (b"BZh", "a bzip2 archive"), (b"\xfd7zXZ", "an xz archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
_HTML_TAG = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|section|h1)\b", re.I)
_FEED_TAG = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)


class UnknownFormat(Exception):
    """No reader for this input; ``args[0]`` says what it looks like."""


def extension_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    dot = lower.rfind(".")
    return _EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def sniff_format(name: str, head: bytes) -> str:
    """The format of an input named ``name`` whose first bytes are ``head``.

    Raises :class:`UnknownFormat`; raises :class:`marsad.read.encoding.NotText` for binary content.
    """
    by_name = extension_format(name)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or by_name == "zip":
        return "zip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return _gzip_format(head)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise UnknownFormat(f"unknown format: looks like {what}")
    if head[257:262] == b"ustar":
        raise UnknownFormat("unknown format: a tar archive (unpack it first)")
    found = detect(head, complete=len(head) < HEAD_BYTES, declared=declared_charset(head))
    text = head[found.bom:].decode(found.codec, errors="ignore").lstrip("\ufeff \t\r\n")
    return _text_format(text, by_name)


def _gzip_format(head: bytes) -> str:
    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        raise UnknownFormat("unknown format: a corrupt gzip file") from None
    if start.startswith(b"WARC/"):
        return "warc"
    return "gzip"  # a compressed export (.jsonl.gz, .csv.gz …): read through gzip, then sniffed again


def _text_format(text: str, by_name: str | None) -> str:
    if text.startswith("<"):
        if _FEED_TAG.search(text[:8192]) and not re.search(r"<html\b", text[:8192], re.I):
            raise UnknownFormat("unknown format: an RSS/Atom feed (not read yet)")
        if _HTML_TAG.search(text[:8192]):
            return "html"
        if by_name in ("html", "text"):
            return by_name
        raise UnknownFormat("unknown format: XML that is not HTML")
    if text.startswith("{"):
        return _object_format(text, by_name)
    if text.startswith("[") and by_name != "text":
        return "json"
    if by_name in ("csv", "jsonl", "json", "html"):
        return by_name  # the reader will say what is wrong with the content
    return "text"


def _object_format(text: str, by_name: str | None) -> str:
    """JSON Lines when the first line is a whole object and another object line follows (or the name
    says .jsonl); otherwise one JSON document (pretty-printed, or a single object holding an array)."""
    first_line, newline, rest = text.partition("\n")
    try:
        json.loads(first_line)
    except RecursionError:
        pass  # a whole line nested too deep to decode here: the reader refuses it (max_json_depth)
    except ValueError:
        if by_name == "jsonl":
            return "jsonl"  # the reader says what is wrong with the line (or joins a record cut in two)
        return "json" if by_name != "text" else "text"
    if by_name == "jsonl" or rest.lstrip().startswith("{"):
        return "jsonl"
    return "json"
