"""Stream the records of a JSON document without loading it whole.

Accepted shapes: an array of objects; an object holding such an array (``{"articles": [...]}``, the
first array of objects is the records, the other members are ignored); a single object (one record);
several of these one after another. Each value is parsed by the C JSON decoder on a sliding buffer, so
memory stays near the size of the largest record. A record larger than the size limit, or nested
deeper than the depth limit (measured before the decoder sees it), is skipped by a string-aware
bracket scanner without being held in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TextIO

from marsad.read.limits import json_too_deep
from marsad.read.options import DEFAULT_MAX_JSON_DEPTH

CHUNK_CHARS = 1 << 18  # characters read at a time; the buffer holds about two chunks
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_OUTSIDE_STRING = re.compile(r'[\[\]{}"]')
_INSIDE_STRING = re.compile(r'["\\]')
_DECODER = json.JSONDecoder()


class JsonProblem(Exception):
    """The document cannot be read further; ``args[0]`` is the reason."""


class RecordTooLarge(Exception):
    pass


class RecordTooDeep(Exception):
    pass


class JsonRecord:
    __slots__ = ("where", "value", "source_text", "too_large", "too_deep")

    def __init__(self, where: str, value=None, source_text: str = "", too_large: bool = False,
                 too_deep: bool = False):
        self.where, self.value, self.source_text = where, value, source_text
        self.too_large, self.too_deep = too_large, too_deep


class _Buffer:
    def __init__(self, stream: TextIO, max_depth: int):
        self.stream, self.text, self.pos, self.eof = stream, "", 0, False
        self.max_depth = max_depth

    def fill(self) -> bool:
        if self.eof:
            return False
        more = self.stream.read(max(CHUNK_CHARS, len(self.text) - self.pos))  # doubling: linear cost
        self.eof = not more
        self.text += more
        return bool(more)

    def compact(self) -> None:
        if self.pos > CHUNK_CHARS:
            self.text, self.pos = self.text[self.pos:], 0

    def peek(self) -> str:
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.fill():
                return ""

    def expect(self, char: str, after: str) -> None:
        if self.peek() != char:
            raise JsonProblem(f"expected {char!r} after {after}, found {self.peek() or 'end of file'!r}")
        self.pos += 1

    def value(self, limit: int):
        """Parse the value at ``pos``; returns ``(value, source text)``."""
        self.peek()
        while True:
            if json_too_deep(self.text, self.max_depth, self.pos):
                raise RecordTooDeep
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except RecursionError:  # only with a max_depth above what Python's recursion allows
                raise RecordTooDeep from None
            except json.JSONDecodeError as exc:
                if len(self.text) - self.pos > limit:
                    raise RecordTooLarge from None
                if not self.fill():
                    raise JsonProblem(f"malformed JSON: {exc.msg} (character {exc.pos})") from None
                continue
            if end == len(self.text) and self.fill():
                continue  # a number or literal may go on in the next chunk
            source, self.pos = self.text[self.pos:end], end
            return value, source

    def skip_value(self) -> None:
        """Move past the value at ``pos`` (an object or array) without keeping it."""
        depth, pattern = 0, _OUTSIDE_STRING
        while True:
            match = pattern.search(self.text, self.pos)
            if match is None:
                self.text, self.pos = "", 0
                if not self.fill():
                    raise JsonProblem("malformed JSON: unexpected end of file inside a record")
                continue
            char, self.pos = match.group(), match.end()
            if pattern is _INSIDE_STRING:
                if char == "\\":
                    if self.pos >= len(self.text) and not self.fill():
                        raise JsonProblem("malformed JSON: unexpected end of file inside a string")
                    self.pos += 1
                else:
                    pattern = _OUTSIDE_STRING
            elif char == '"':
                pattern = _INSIDE_STRING
            else:
                depth += 1 if char in "[{" else -1
                if depth == 0:
                    return


def json_records(stream: TextIO, limit: int, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> Iterator[JsonRecord]:
    """Records of the JSON text in ``stream``; raises :class:`JsonProblem` when it cannot go on."""
    buffer, counter = _Buffer(stream, max_depth), [0]
    if buffer.peek() == "\ufeff":
        buffer.pos += 1
    first = buffer.peek()
    if first not in ("[", "{"):
        raise JsonProblem("not a JSON array or object" if first else "empty JSON document")
    while first:
        if first == "[":
            yield from _array(buffer, limit, counter)
        elif first == "{":
            yield from _object(buffer, limit, counter)
        else:
            raise JsonProblem(f"unexpected {first!r} after the JSON value")
        first = buffer.peek()


def _array(buffer: _Buffer, limit: int, counter: list[int]) -> Iterator[JsonRecord]:
    buffer.pos += 1
    if buffer.peek() == "]":
        buffer.pos += 1
        return
    while True:
        yield _record(buffer, limit, counter)
        after = f"record {counter[0]}"
        if buffer.peek() == ",":
            buffer.pos += 1
            continue
        buffer.expect("]", after)
        return


def _record(buffer: _Buffer, limit: int, counter: list[int]) -> JsonRecord:
    counter[0] += 1
    where = f"record {counter[0]}"
    buffer.compact()
    try:
        value, source = buffer.value(limit)
    except RecordTooLarge:
        buffer.skip_value()
        return JsonRecord(where, too_large=True)
    except RecordTooDeep:
        buffer.skip_value()
        return JsonRecord(where, too_deep=True)
    return JsonRecord(where, value, source)


def _object(buffer: _Buffer, limit: int, counter: list[int]) -> Iterator[JsonRecord]:
    start, members, streamed = buffer.pos, {}, False
    buffer.pos += 1
    while buffer.peek() != "}":
        if members or streamed:
            buffer.expect(",", "an object member")
        if buffer.peek() != '"':
            raise JsonProblem(f"malformed JSON: expected a member name, found {buffer.peek() or 'end of file'!r}")
        try:
            key, _ = buffer.value(limit)
        except RecordTooLarge:
            raise JsonProblem(f"a member name is larger than the limit ({limit:,} characters)") from None
        buffer.expect(":", f"key {_short(key)}")
        if not streamed and buffer.peek() == "[" and _array_of_objects(buffer):
            streamed = True
            yield from _array(buffer, limit, counter)
            members[key] = None
        else:
            try:
                members[key], _ = buffer.value(limit)
            except RecordTooLarge:
                raise JsonProblem(f"the value of {_short(key)} is larger than the limit ({limit:,} characters)") from None
            except RecordTooDeep:
                raise JsonProblem(f"the value of {_short(key)} is nested more than {buffer.max_depth:,} levels deep, "
                                  f"the limit (max_json_depth)") from None
    buffer.pos += 1
    if not streamed:
        counter[0] += 1
        yield JsonRecord(f"record {counter[0]}", members, buffer.text[start:buffer.pos] if start < buffer.pos else "")


def _array_of_objects(buffer: _Buffer) -> bool:
    opening = buffer.pos
    buffer.pos += 1
    found = buffer.peek() == "{"
    buffer.pos = opening
    return found


def _short(key: str) -> str:
    """A member name for a one-line message (names can be as long as a record)."""
    return repr(key if len(key) <= 60 else key[:60] + "…")
