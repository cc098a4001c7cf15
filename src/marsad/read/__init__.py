"""read: turn PATH arguments (files, folders, globs, zips) into a stream of RawDocument records.

Formats: plain-text pages, HTML (main text through trafilatura), WARC/WET, JSON Lines, JSON, CSV,
and zip or gzip files holding any of them; encodings are detected from the bytes. A record that
cannot be read is a :class:`Rejection` (origin, record, one-line reason) in the same stream, and
reading goes on. See ``docs/formats.md``.

    for item in read_paths(["pages/"], ReadOptions(source="sana")):
        ...  # a RawDocument or a Rejection
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from marsad.document import RawDocument
from marsad.read.count import count_hint
from marsad.read.dispatch import read_inputs
from marsad.read.inputs import check_paths, file_inputs
from marsad.read.options import DEFAULT_FIELDS, FORMATS, ReadOptions, Rejection, parse_field_mapping

__all__ = [
    "read_paths", "ReadOptions", "Rejection", "parse_field_mapping", "count_hint", "DEFAULT_FIELDS", "FORMATS",
]


def read_paths(paths: list[str], options: ReadOptions | None = None) -> Iterator[RawDocument | Rejection]:
    """Stream the documents under ``paths``.

    Options and paths are checked now: a bad option or a path that does not exist raises
    :class:`marsad.errors.ConfigError` before anything is read. Everything else that goes wrong is a
    :class:`Rejection` in the stream.
    """
    options = options or ReadOptions()
    options.validate()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not a sequence of characters
    roots = check_paths(list(paths))
    return read_inputs(file_inputs(roots), options)
