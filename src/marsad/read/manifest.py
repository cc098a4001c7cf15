"""Folder manifests: ``meta.jsonl`` or ``meta.csv`` beside the pages, as scrapers leave them.

Each entry names a file (``file``, ``file_name``, ``filename``, ``name`` or ``path``) and gives any of
``source``, ``url``, ``published``, ``title``, ``author``; other keys are kept in ``RawDocument.meta``.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from collections.abc import Callable
from typing import BinaryIO

from marsad.read.encoding import NotText, decode, without_lone_surrogates
from marsad.read.limits import json_too_deep, too_deep_reason
from marsad.read.options import DEFAULT_MAX_JSON_DEPTH, Rejection

MANIFEST_NAMES = ("meta.jsonl", "meta.csv")
_NAME_KEYS = ("file", "file_name", "filename", "name", "path")
MAX_MANIFEST_BYTES = 200_000_000


class Manifest:
    def __init__(self, origin: str):
        self.origin = origin
        self.entries: dict[str, dict] = {}
        self.problems: list[Rejection] = []

    def lookup(self, relative_name: str) -> dict | None:
        """The entry for a file, by its path relative to the manifest's folder, else by base name."""
        return self.entries.get(relative_name) or self.entries.get(posixpath.basename(relative_name))

    def add(self, entry: dict, where: str) -> None:
        name = next((str(entry[key]) for key in _NAME_KEYS if entry.get(key)), None)
        if name is None:
            self.problems.append(Rejection(self.origin, where, "manifest entry names no file (file, file_name, name)"))
            return
        name = name.replace("\\", "/").removeprefix("./")
        values = {key: value for key, value in entry.items() if key not in _NAME_KEYS}
        self.entries[name] = values
        self.entries.setdefault(posixpath.basename(name), values)


def is_manifest_name(name: str) -> bool:
    return posixpath.basename(name.replace("\\", "/")).lower() in MANIFEST_NAMES


def load_manifest(origin: str, name: str, opener: Callable[[], BinaryIO]) -> Manifest:
    manifest = Manifest(origin)
    with opener() as stream:
        data = stream.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        manifest.problems.append(Rejection(origin, None, "manifest larger than 200 MB: ignored"))
        return manifest
    try:
        text, _ = decode(data)
    except NotText as exc:
        manifest.problems.append(Rejection(origin, None, f"manifest ignored: {exc.args[0]}"))
        return manifest
    if name.lower().endswith(".csv"):
        _read_csv(manifest, text)
    else:
        _read_jsonl(manifest, text)
    return manifest


def _read_jsonl(manifest: Manifest, text: str) -> None:
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        if json_too_deep(line, DEFAULT_MAX_JSON_DEPTH):
            manifest.problems.append(Rejection(manifest.origin, f"line {number}", too_deep_reason(DEFAULT_MAX_JSON_DEPTH)))
            continue
        try:
            entry = json.loads(line)
        except ValueError as exc:
            manifest.problems.append(Rejection(manifest.origin, f"line {number}", f"malformed manifest line: {exc}"))
            continue
        if isinstance(entry, dict):
            manifest.add(without_lone_surrogates(entry), f"line {number}")
        else:
            manifest.problems.append(Rejection(manifest.origin, f"line {number}", "manifest line is not a JSON object"))


def _read_csv(manifest: Manifest, text: str) -> None:
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    number = 0
    try:
        for number, row in enumerate(rows, 1):
            entry = {key.strip(): value for key, value in row.items() if key and value not in (None, "")}
            manifest.add(entry, f"row {number}")
    except csv.Error as exc:
        manifest.problems.append(Rejection(manifest.origin, f"row {number + 1}",
                                           f"malformed manifest CSV: {exc}; the rest of it is ignored"))
