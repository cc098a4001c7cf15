"""A cheap estimate of how many records some paths hold, for a progress bar (may be None)."""

from __future__ import annotations

import io
import os
import zipfile

from marsad.errors import ConfigError
from marsad.read.inputs import Input, check_paths, file_inputs
from marsad.read.jsonstream import JsonProblem, json_records
from marsad.read.options import Rejection
from marsad.read.sniff import HEAD_BYTES, extension_format

MAX_INPUTS = 100_000  # beyond this many files, counting them would itself be slow
_WARC_RECORD_BYTES = 40_000  # rough size of one page record in a WARC


def count_hint(paths: list[str], options=None) -> int | None:
    try:
        roots = check_paths([paths] if isinstance(paths, (str, os.PathLike)) else list(paths))
    except ConfigError:
        return None
    total = 0
    for number, inp in enumerate(file_inputs(roots)):
        if number > MAX_INPUTS:
            return None
        if not isinstance(inp, Rejection):
            total += _estimate(inp)
    return total


def _estimate(inp: Input) -> int:
    fmt = extension_format(inp.name)
    if fmt in (None, "text", "html"):
        return 1
    if fmt == "warc":
        return max(1, (inp.size or 0) // _WARC_RECORD_BYTES)
    try:
        if fmt == "zip":
            return _zip_estimate(inp)
        with inp.opener() as stream:
            head = stream.read(HEAD_BYTES)
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return 0
    return _scale(_records_in_head(head, fmt), len(head), inp.size)


def _zip_estimate(inp: Input) -> int:
    with inp.opener() as stream, zipfile.ZipFile(stream) as zf:
        total = 0
        for info in zf.infolist():
            fmt = extension_format(info.filename)
            if info.is_dir():
                continue
            if fmt in ("jsonl", "json", "csv"):
                with zf.open(info) as member:
                    head = member.read(HEAD_BYTES)
                total += _scale(_records_in_head(head, fmt), len(head), info.file_size)
            else:
                total += 1
        return total


def _records_in_head(head: bytes, fmt: str) -> int:
    if fmt in ("jsonl", "csv"):
        return head.count(b"\n") + (0 if head.endswith(b"\n") else 1) - (1 if fmt == "csv" else 0)
    records = 0
    try:
        for _ in json_records(io.StringIO(head.decode("utf-8", errors="ignore")), len(head) + 1):
            records += 1
    except JsonProblem:
        pass
    return records


def _scale(in_head: int, head_size: int, size: int | None) -> int:
    if head_size == 0:
        return 0
    if not size or size <= head_size:
        return max(in_head, 0)
    return max(1, round(max(in_head, 1) * size / head_size))
