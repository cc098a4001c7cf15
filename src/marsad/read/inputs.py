"""Turn PATH arguments into inputs: files, folders (recursive), globs, and the members of zip files.

An :class:`Input` is something that can be opened as bytes, with what its location says about it
(the parent folder's name, its manifest entry). Zip members are inputs like files, so every format
reads the same way inside a zip.
"""

from __future__ import annotations

import glob
import os
import posixpath
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from marsad.errors import ConfigError
from marsad.read.limits import UnpackBudget, counted
from marsad.read.manifest import MANIFEST_NAMES, Manifest, is_manifest_name, load_manifest
from marsad.read.options import ReadOptions, Rejection


@dataclass
class Input:
    origin: str  # path as the user gave it; zip members as "archive.zip!dir/member.json"
    name: str  # the file's own name (RawDocument.file_name)
    size: int | None  # bytes, when known before reading
    opener: Callable[[], BinaryIO]
    folder: str | None = None  # name of the folder holding it (last-resort source)
    manifest: dict = field(default_factory=dict)  # its manifest entry, if any
    budget: UnpackBudget | None = None  # inside a zip or gzip file: what may still be unpacked from it


def check_paths(paths: list[str]) -> list[str]:
    """Expand globs and make sure every path exists; a missing path is fatal (:class:`ConfigError`)."""
    if not paths:
        raise ConfigError("no input path given: name files, folders or globs to read")
    roots: list[str] = []
    for path in paths:
        path = os.fspath(path)
        if os.path.exists(path):
            roots.append(path)
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise ConfigError(f"no file matches {path!r}: check the pattern")
            roots.extend(matches)
        else:
            raise ConfigError(f"input path does not exist: {path}")
    return roots


def file_inputs(roots: list[str]) -> Iterator[Input | Rejection]:
    """Every file under ``roots``, lazily: folders are walked in sorted order, skipping hidden files
    and data-set paperwork (README, LICENSE…); files named explicitly are always read."""
    # A manifest named on the command line is read as data only when nothing else in its folder is.
    explicit = Counter(os.path.dirname(os.path.abspath(r)) for r in roots if not os.path.isdir(r))
    manifests: dict[str, Manifest | None] = {}
    seen: set[str] = set()
    for root in roots:
        paths = _walk(root) if os.path.isdir(root) else [root]
        for path in paths:
            real = os.path.realpath(path)
            directory = os.path.dirname(os.path.abspath(path))
            if real in seen or (is_manifest_name(path) and (path != root or explicit[directory] > 1)):
                continue
            seen.add(real)
            if directory not in manifests:
                manifests[directory] = _folder_manifest(directory)
                if manifests[directory]:
                    yield from manifests[directory].problems
            yield _file_input(path, manifests[directory])


def zip_members(archive: Input, options: ReadOptions) -> Iterator[Input | Rejection]:
    """The members of a zip input; a truncated or corrupt zip is one rejection. Every byte unpacked
    is counted against ``options.max_member_bytes`` and ``max_unpacked_bytes``."""
    budget = archive.budget or UnpackBudget(options.max_unpacked_bytes)
    with archive.opener() as stream:
        try:
            zf = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            yield Rejection(archive.origin, None, f"not a readable zip (truncated or corrupt): {exc}")
            return
        with zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" in names or "mimetype" in names:
                yield Rejection(archive.origin, None, "unknown format: an office document or e-book (zip-based)")
                return
            yield from _members(archive, zf, options, budget)


def gzip_content(compressed: Input, options: ReadOptions) -> Input:
    """The file inside a gzip file, named without ``.gz`` (so ``feed.jsonl.gz`` reads as JSON Lines).
    A gzip file declares no trustworthy size: the unpacked bytes are counted as they are read."""
    import gzip

    name = compressed.name[:-3] if compressed.name.lower().endswith(".gz") else compressed.name
    budget = compressed.budget or UnpackBudget(options.max_unpacked_bytes)
    return Input(
        origin=compressed.origin,
        name=name,
        size=None,  # unknown until decompressed; the page size limit is checked while reading
        opener=lambda: counted(gzip.GzipFile(fileobj=compressed.opener(), mode="rb"), options.max_member_bytes,
                               budget),
        folder=compressed.folder,
        manifest=compressed.manifest,
        budget=budget,
    )


def _members(archive: Input, zf: zipfile.ZipFile, options: ReadOptions,
             budget: UnpackBudget) -> Iterator[Input | Rejection]:
    infos = [i for i in zf.infolist()
             if not i.is_dir() and not _hidden(i.filename) and not _dataset_paperwork(posixpath.basename(i.filename))]
    declared = sum(info.file_size for info in infos)
    if declared > budget.left:  # the sizes a zip declares are checked first, then counted while reading
        yield Rejection(archive.origin, None, f"declares {declared:,} bytes unpacked, over the "
                                              f"{budget.limit:,} bytes allowed (max_unpacked_bytes): not read")
        return

    def open_member(info: zipfile.ZipInfo) -> BinaryIO:
        try:
            member = zf.open(info)
        except UnicodeDecodeError:  # zipfile decodes the local header's name as the flags say
            raise zipfile.BadZipFile("the member's name in its local header is not valid UTF-8") from None
        except NotImplementedError:  # deflate64, or a damaged header naming no known method
            raise OSError(f"compressed with a method Python's zipfile cannot unpack ({info.compress_type})") from None
        return counted(member, options.max_member_bytes, budget)

    folders = Counter(posixpath.dirname(i.filename) for i in infos)
    manifests: dict[str, Manifest | None] = {}
    for info in infos:
        if budget.spent:
            return  # the member that spent it was rejected with the reason; the rest is not read
        if info.file_size > options.max_member_bytes:
            yield Rejection(f"{archive.origin}!{_member_name(info)}", None,
                            f"declares {info.file_size:,} bytes unpacked, over the limit of "
                            f"{options.max_member_bytes:,} bytes (max_member_bytes): not read")
            continue
        folder = posixpath.dirname(info.filename)
        if is_manifest_name(info.filename) and folders[folder] > 1:
            continue
        if folder not in manifests:
            manifests[folder] = _zip_manifest(archive, folder, infos, open_member)
            if manifests[folder]:
                yield from manifests[folder].problems
        manifest = manifests[folder]
        member = _member_name(info)
        entry = (manifest.lookup(posixpath.basename(member)) if manifest else None) or archive.manifest
        yield Input(
            origin=f"{archive.origin}!{member}",
            name=posixpath.basename(member),
            size=info.file_size,
            opener=lambda info=info: open_member(info),
            folder=posixpath.basename(posixpath.dirname(member)) or archive.folder,
            manifest=entry or {},
            budget=budget,
        )


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; zips made without the UTF-8 flag store bytes that zipfile reads as cp437,
    which for Arabic names is really UTF-8 or windows-1256."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        stored = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "windows-1256"):
        try:
            name = stored.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8" or all(ch < "\x80" or "\u0600" <= ch <= "\u06ff" for ch in name):
            return name
    return info.filename


def _zip_manifest(archive: Input, folder: str, infos, open_member) -> Manifest | None:
    for info in infos:
        if posixpath.dirname(info.filename) == folder and is_manifest_name(info.filename):
            return load_manifest(f"{archive.origin}!{info.filename}", info.filename, lambda info=info: open_member(info))
    return None


ARCHIVE_MARKER = "marsad.sqlite3"  # marsad.archive.DB_NAME: a folder holding it is an archive, not input


def _walk(root: str) -> Iterator[str]:
    for directory, subdirs, files in os.walk(root):
        if ARCHIVE_MARKER in files:  # `marsad ingest .` next to ./marsad-archive
            subdirs[:] = []
            continue
        subdirs[:] = sorted(d for d in subdirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name) and not _dataset_paperwork(name):
                yield os.path.join(directory, name)


_PAPERWORK = ("readme", "license", "licence", "copying", "notice", "changelog", "changes", "authors")


def _dataset_paperwork(name: str) -> bool:
    """README, LICENSE and the like beside a data set are not articles (named explicitly, they are read)."""
    lower = name.lower()
    return lower.startswith(_PAPERWORK) and not lower.endswith((".jsonl", ".json", ".csv", ".zip", ".warc", ".gz"))


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/") if part)


def _folder_manifest(directory: str) -> Manifest | None:
    for name in MANIFEST_NAMES:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            return load_manifest(path, name, lambda path=path: open(path, "rb"))
    return None


def _file_input(path: str, manifest: Manifest | None) -> Input:
    name = os.path.basename(path)
    try:
        size = os.path.getsize(path)
    except OSError:
        size = None
    return Input(
        origin=path,
        name=name,
        size=size,
        opener=lambda: open(path, "rb"),
        folder=os.path.basename(os.path.dirname(os.path.abspath(path))) or None,
        manifest=(manifest.lookup(name) if manifest else None) or {},
    )
