"""Readers for many records per file: JSON Lines, JSON (arrays, objects holding an array), CSV.

They stream: a JSONL or CSV file of any size is read line by line, a JSON array record by record.
A bad line or record is a rejection and reading goes on; a file-wide problem (no text column, a JSON
document broken beyond recovery) is one rejection naming where reading stopped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from marsad.read.encoding import Detected, detect
from marsad.read.inputs import Input
from marsad.read.jsonstream import JsonProblem, JsonRecord, json_records
from marsad.read.limits import json_too_deep, too_deep_reason
from marsad.read.options import ReadOptions, Rejection
from marsad.read.pages import too_large
from marsad.read.records import record_document, role_fields
from marsad.read.sniff import HEAD_BYTES

CHUNK = 1 << 20  # bytes skipped at a time past an over-long line


def read_jsonl(inp: Input, head: bytes, options: ReadOptions) -> Iterator:
    found = _detect(head)
    roles = role_fields(options)
    with inp.opener() as stream:
        lines = _lines(stream, found, options.max_page_bytes)
        values = _jsonl_values(lines, options.max_page_bytes, found.codec, options.max_json_depth)
        for where, raw, record, problem in values:
            if problem == TOO_LARGE:
                yield too_large(inp.origin, where, None, options.max_page_bytes)
            elif problem:
                yield Rejection(inp.origin, where, problem)
            elif not isinstance(record, dict):
                yield Rejection(inp.origin, where, f"not a JSON object but {type(record).__name__}")
            else:
                yield record_document(record, inp=inp, where=where, raw=raw, encoding=found.codec, fmt="jsonl",
                                      options=options, roles=roles)


TOO_LARGE = "too large"
# JSON errors of a record that a raw newline inside a string cut in two (scrapers that forget to
# escape newlines): the next lines are joined to it until it parses.
_CUT_RECORD = ("Unterminated string", "Invalid control character")
MAX_JOINED_LINES = 200


class _CutRecord:
    def __init__(self, number: int, raw: bytes, line: str, error: str):
        self.first, self.last, self.raw, self.text, self.error = number, number, raw, line, error

    @property
    def where(self) -> str:
        return f"lines {self.first}-{self.last}" if self.last > self.first else f"line {self.first}"


def _jsonl_values(lines, limit: int, codec: str, max_depth: int):
    """``(where, raw, value, problem)`` for each record of a JSON Lines stream."""
    cut = None
    for number, raw, line in lines:
        if cut is not None:
            if line is not None and raw is not None:
                value, error = _parse(cut.text + "\n" + line, max_depth)
                if error is None:
                    cut.last = number
                    yield cut.where, cut.raw + b"\n" + raw, value, None
                    cut = None
                    continue
                if _parse(line, max_depth)[1] is not None and number - cut.first < MAX_JOINED_LINES \
                        and len(cut.text) <= limit:
                    cut.text, cut.raw, cut.last = cut.text + "\n" + line, cut.raw + b"\n" + raw, number
                    continue
            yield f"line {cut.first}", cut.raw, None, f"malformed JSON: {cut.error}"
            cut = None
        if raw is None:
            yield f"line {number}", None, None, TOO_LARGE
        elif line is None:
            yield f"line {number}", raw, None, f"not valid {codec} text"
        elif line.strip():
            value, error = _parse(line, max_depth)
            if error is None:
                yield f"line {number}", raw, value, None
            elif error.startswith(_CUT_RECORD):
                cut = _CutRecord(number, raw, line, error)
            else:
                yield f"line {number}", raw, None, error
    if cut is not None:
        yield f"line {cut.first}", cut.raw, None, f"malformed JSON: {cut.error}"


def _parse(text: str, max_depth: int):
    """``(value, None)`` or ``(None, reason)``; control characters inside strings are allowed. A JSON
    error's reason is ``malformed JSON: …`` (a record cut in two starts with one of ``_CUT_RECORD``)."""
    if json_too_deep(text, max_depth):
        return None, too_deep_reason(max_depth)
    try:
        return json.loads(text, strict=False), None
    except RecursionError:  # only with a max_depth above what Python's recursion allows
        return None, too_deep_reason(max_depth)
    except ValueError as exc:
        message = str(exc)
        return None, message if message.startswith(_CUT_RECORD) else f"malformed JSON: {message}"


def _lines(stream, found: Detected, limit: int):
    """``(line number, raw bytes without the newline, decoded line)``; raw None = too long, line None = undecodable."""
    if found.codec.startswith("utf-16"):
        yield from _utf16_lines(stream, found, limit)
        return
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if number == 1 and found.bom:
            raw = raw[found.bom:]
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None, None
            continue
        raw = raw.rstrip(b"\r\n")
        try:
            line = raw.decode(found.codec)
        except UnicodeDecodeError:
            line = None
        yield number, raw, line


def _utf16_lines(stream, found: Detected, limit: int):
    text = io.TextIOWrapper(stream, encoding=found.name, errors="replace", newline="")
    number = 0
    while line := text.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith("\n"):
            while (rest := text.readline(CHUNK)) and not rest.endswith("\n"):
                pass
            yield number, None, None
            continue
        line = line.lstrip("\ufeff").rstrip("\r\n")
        yield number, line.encode(found.codec), line


def read_json(inp: Input, head: bytes, options: ReadOptions) -> Iterator:
    found = _detect(head)
    roles = role_fields(options)
    with inp.opener() as stream:
        text = io.TextIOWrapper(stream, encoding=found.name, errors=found.errors)
        last = None
        try:
            for record in json_records(text, options.max_page_bytes, options.max_json_depth):
                last = record.where
                for unwrapped in _unwrap(record, roles):
                    yield _json_item(unwrapped, inp, found, options, roles)
        except JsonProblem as exc:
            yield Rejection(inp.origin, last and f"after {last}", _stopped(exc.args[0]))
        except UnicodeDecodeError as exc:
            reason = _stopped(f"not valid {found.codec} text ({exc.reason})")
            yield Rejection(inp.origin, last and f"after {last}", reason)


def _unwrap(record: JsonRecord, roles) -> list[JsonRecord]:
    """A lone object without text that nests the records deeper (``{"data": {"items": [...]}}``)."""
    value = record.value
    if not isinstance(value, dict) or any(name in value for name in roles["text"] + roles["html"]):
        return [record]
    nested = _first_list_of_objects(value, depth=3)
    if nested is None:
        return [record]
    return [JsonRecord(f"{record.where}.{i}", item, json.dumps(item, ensure_ascii=False))
            for i, item in enumerate(nested, 1)]


def _first_list_of_objects(value: dict, depth: int) -> list | None:
    for member in value.values():
        if isinstance(member, list) and member and isinstance(member[0], dict):
            return member
        if isinstance(member, dict) and depth > 1:
            found = _first_list_of_objects(member, depth - 1)
            if found is not None:
                return found
    return None


def _json_item(record, inp: Input, found: Detected, options: ReadOptions, roles):
    if record.too_large:
        return too_large(inp.origin, record.where, None, options.max_page_bytes)
    if record.too_deep:
        return Rejection(inp.origin, record.where, too_deep_reason(options.max_json_depth))
    if not isinstance(record.value, dict):
        return Rejection(inp.origin, record.where, f"not a JSON object but {type(record.value).__name__}")
    raw = record.source_text.encode(found.codec, errors="replace")
    if len(raw) > options.max_page_bytes:
        return too_large(inp.origin, record.where, len(raw), options.max_page_bytes)
    return record_document(record.value, inp=inp, where=record.where, raw=raw, encoding=found.codec,
                           fmt="json", options=options, roles=roles)


def read_csv(inp: Input, head: bytes, options: ReadOptions) -> Iterator:
    found = _detect(head)
    roles = role_fields(options)
    csv.field_size_limit(max(options.max_page_bytes, csv.field_size_limit()))
    with inp.opener() as stream:
        text = io.TextIOWrapper(stream, encoding=found.name, errors=found.errors, newline="")
        try:
            yield from _csv_rows(text, inp, found, options, roles)
        except UnicodeDecodeError as exc:
            yield Rejection(inp.origin, None, _stopped(f"not valid {found.codec} text ({exc.reason})"))


def _csv_rows(text, inp: Input, found: Detected, options: ReadOptions, roles) -> Iterator:
    dialect = _dialect(text.read(8192), inp.name)
    text.seek(0)
    rows = csv.reader(text, dialect)
    header = [name.strip().lstrip("\ufeff") for name in next(rows, [])]
    lower_header = {name.lower() for name in header}
    if not any(name.lower() in lower_header for name in roles["text"] + roles["html"]):
        yield Rejection(inp.origin, "header", f"no text column (looked for {', '.join(roles['text'])}); "
                        f"columns are {', '.join(header) or 'none'}: map one with --field text=COLUMN")
        return
    number = 0
    while True:
        number += 1
        where = f"row {number}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(inp.origin, where, f"malformed CSV: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield _csv_item(row, header, where, inp, found, options, roles, dialect)


def _csv_item(row, header, where, inp, found, options, roles, dialect):
    if len(row) > len(header):
        return Rejection(inp.origin, where, f"{len(row)} cells but the header has {len(header)} columns")
    record = {name: cell for name, cell in zip(header, row, strict=False) if name}
    out = io.StringIO()
    csv.writer(out, dialect).writerow(row)
    raw = out.getvalue().rstrip("\r\n").encode(found.codec, errors="replace")
    if len(raw) > options.max_page_bytes:  # each cell is under the csv field limit, the row is not
        return too_large(inp.origin, where, len(raw), options.max_page_bytes)
    return record_document(record, inp=inp, where=where, raw=raw, encoding=found.codec, fmt="csv",
                           options=options, roles=roles)


def _dialect(sample: str, name: str):
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    header = sample.lstrip("\ufeff").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        return csv.excel
    return type("SniffedDialect", (csv.excel,), {"delimiter": delimiter})


def _stopped(reason: str) -> str:
    return f"{reason}; the rest of the file is not read"


def _detect(head: bytes) -> Detected:
    return detect(head, complete=len(head) < HEAD_BYTES)
