"""Limits that keep hostile input from exhausting memory or time (the ``max_*`` fields of
:class:`~marsad.read.options.ReadOptions`; docs/formats.md, "Limits").

Decompression is counted while it happens, not only checked against the sizes an archive declares:
zip and gzip headers can lie. JSON nesting is measured by a linear scan before the decoder sees a
record, so a record nested 100,000 deep is refused by the limit, never by Python's recursion.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO


class LimitExceeded(Exception):
    """Reading a stream went past a limit; ``args[0]`` is the one-line reason. The reader stops and
    the input is rejected; what it yielded before stays read."""


class UnpackBudget:
    """The bytes that may still be unpacked from one top-level zip, gzip or .warc.gz file (archives
    nested inside it draw on the same budget)."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def spent(self) -> bool:
        return self.used > self.limit

    @property
    def reason(self) -> str:
        return (f"the archive unpacks to more than {self.limit:,} bytes in all, the limit "
                f"(max_unpacked_bytes); the rest of it is not read")

    def take(self, count: int) -> None:
        self.used += count
        if self.spent:
            raise LimitExceeded(self.reason)


class _CountingReader(io.RawIOBase):
    """A decompressing stream that raises :class:`LimitExceeded` past ``member_limit`` bytes or when
    the archive's budget runs out."""

    def __init__(self, stream: BinaryIO, member_limit: int, budget: UnpackBudget):
        self._stream, self._member_limit, self._budget, self._read = stream, member_limit, budget, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._stream.readinto(buffer)
        self._read += count
        if self._read > self._member_limit:
            raise LimitExceeded(f"unpacks to more than {self._member_limit:,} bytes, the limit "
                                f"(max_member_bytes); the rest of it is not read")
        self._budget.take(count)
        return count

    def seekable(self) -> bool:
        return self._stream.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()

    def close(self) -> None:
        self._stream.close()
        super().close()


def counted(stream: BinaryIO, member_limit: int, budget: UnpackBudget) -> BinaryIO:
    """``stream`` (a zip member or gzip content) with every unpacked byte counted against the limits."""
    return io.BufferedReader(_CountingReader(stream, member_limit, budget), buffer_size=1 << 16)


# A JSON string (escapes included) or one bracket: strings are skipped whole, so brackets inside
# them do not count. The string branch is the unrolled loop "[^"\\]*(?:\\.[^"\\]*)*" and an
# unterminated string runs to the end: a string that could fail would be retried from every quote
# inside it (quadratic on "\"\"\"…).
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)|[\[\]{}]', re.S)
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def json_too_deep(text: str, limit: int, start: int = 0) -> bool:
    """True when the JSON value at ``text[start:]`` nests deeper than ``limit`` arrays/objects.

    Stops at the end of that value (what follows is not looked at); text that ends inside the value
    is measured as far as it goes. A whole text (``start`` 0, a JSON Lines line) is first counted; a
    value inside a buffer of many is scanned only up to its own end.
    """
    if start == 0 and text.count("[") + text.count("{") <= limit:
        return False  # a JSON Lines line with too few brackets to nest that deep (the common case)
    start = _WHITESPACE.match(text, start).end()
    if text[start:start + 1] not in ("[", "{"):
        return False
    depth = 0
    for token in _JSON_TOKEN.finditer(text, start):
        char = token.group()
        if char in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif char in ("]", "}"):
            depth -= 1
            if depth == 0:
                return False
    return False


def too_deep_reason(limit: int) -> str:
    return f"JSON nested more than {limit:,} levels deep, the limit (max_json_depth)"


def utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
