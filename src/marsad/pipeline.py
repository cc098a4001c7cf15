"""The per-article pipeline: which stages exist, in which order, and where they run.

A stage is a picklable callable over a list of :class:`~marsad.document.Article` (see
``docs/architecture.md``); it never touches storage. Stages are named here and imported lazily, so a
user can run a subset (``marsad ingest --stages clean,normalise``) and heavy models load only when
used. Where the stages run is an executor's business: in this process (default), in a pool of local
processes, or (later) on Ray; the stages do not know which.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from marsad.arabic.stem import matching_form
from marsad.document import Article, RawDocument
from marsad.errors import ConfigError, MarsadError
from marsad.search.index import index_fields


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, articles: list[Article]) -> list[Article]: ...


# name → "module:Class"; order is the pipeline order.
STAGES: dict[str, str] = {
    "clean": "marsad.clean:CleanStage",
    "normalise": "marsad.pipeline:NormaliseStage",
    "published": "marsad.extract.published:PublishedStage",
    "ner": "marsad.extract.ner:NerStage",
    "entities": "marsad.extract.entities:EntityStage",
    "dates": "marsad.extract.dates:DatesStage",
    "quotes": "marsad.extract.quotes:QuotesStage",
    "events": "marsad.extract.events:EventsStage",
}
DEFAULT_STAGES = tuple(STAGES)
FAST_STAGES = ("clean", "normalise")  # what the foundation's throughput target measures

# Stateful stages that run on the archive after each stored batch (see docs/architecture.md).
ARCHIVE_STAGES: dict[str, str] = {
    "entities": "marsad.extract.entity_queries:EntityLinker",
    "dedup": "marsad.dedup.near:NearDuplicateStage",
    "stories": "marsad.stories.cluster:StoryStage",
}


def _load(spec: str):
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def build_stages(names: Iterable[str] | None = None, **options) -> list[Stage]:
    """Instantiate stages by name, in pipeline order; ``options`` go to stages that accept them
    (e.g. ``recurring=`` for clean)."""
    wanted = list(DEFAULT_STAGES if names is None else names)
    unknown = [n for n in wanted if n not in STAGES]
    if unknown:
        raise ConfigError(f"unknown stage(s) {unknown}; choose from {list(STAGES)}")
    if "normalise" not in wanted:
        wanted.append("normalise")  # storage needs text_hash
    stages = []
    provided: set[str] = {"raw", "raw_text", "text", "title", "published", "source", "url", "author"}
    for name in STAGES:
        if name not in wanted:
            continue
        try:
            cls = _load(STAGES[name])
        except (ImportError, AttributeError) as e:
            if names is not None:
                raise ConfigError(f"stage {name!r} is not available in this build: {e}") from e
            _warn_once(name, e)
            continue
        try:
            stage = cls(**{k: v for k, v in options.items() if k in getattr(cls, "options", ())})
        except TypeError:
            stage = cls()
        missing = [r for r in getattr(stage, "requires", ()) if r not in provided]
        if missing:
            raise ConfigError(f"stage {name!r} needs {missing}, which no earlier stage provides; "
                              f"add the stages that provide them to --stages")
        provided.update(getattr(stage, "provides", ()))
        provided.add(name)
        stages.append(stage)
    return stages


_WARNED: set[str] = set()


def _warn_once(name: str, error: Exception) -> None:
    if name not in _WARNED:
        _WARNED.add(name)
        import warnings

        warnings.warn(f"marsad: stage {name!r} is not available ({error}); skipping it", stacklevel=3)


def load_archive_stages(names: Iterable[str] | None = None) -> list:
    names = list(ARCHIVE_STAGES if names is None else names)
    unknown = [n for n in names if n not in ARCHIVE_STAGES]
    if unknown:
        raise ConfigError(f"unknown archive stage(s) {unknown}; choose from {list(ARCHIVE_STAGES)}")
    stages = []
    for n in names:
        try:
            stages.append(_load(ARCHIVE_STAGES[n])())
        except (ImportError, AttributeError):
            continue  # an optional stage not installed in this build
    return stages


# -- from raw record to article ---------------------------------------------------------------


def stable_hash(*parts: str, size: int = 16) -> str:
    h = hashlib.blake2b(digest_size=size)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def article_id(source: str, locator: str, text: str) -> str:
    """Stable id: the same text from the same source at the same URL (or file name) is one article."""
    return stable_hash(source, locator, " ".join(text.split()))


_SINGLE_PAGE_FORMATS = ("text", "html")


def _record_locator(raw: RawDocument) -> str:
    """Where an article without a URL sits: its record id, else its place in a file of many records
    (so two identical records of one export stay two articles), else the page's file name."""
    place = raw.file_name or raw.origin
    if raw.meta.get("record_id"):
        return f"{place}#id={raw.meta['record_id']}"
    if raw.record and raw.format not in _SINGLE_PAGE_FORMATS:
        return f"{place}#{raw.record}"
    return place


def to_article(raw: RawDocument) -> Article:
    text = raw.text or ""
    source = raw.source or "unknown"
    locator = raw.url or _record_locator(raw)
    meta = dict(raw.meta)
    meta["format"] = raw.format
    if raw.encoding:
        meta["encoding"] = raw.encoding
    if raw.source_how:
        meta["source_how"] = raw.source_how
    if raw.raw:
        meta["raw_hash"] = hashlib.blake2b(raw.raw, digest_size=16).hexdigest()
    return Article(
        id=article_id(source, locator, text), source=source, text=text, raw_text=text, origin=raw.origin,
        record=raw.record, url=raw.url, title=raw.title, published=raw.published,
        published_how=raw.published_how, author=raw.author, meta=meta,
    )


class NormaliseStage:
    """Text keys (exact text, and normalised text: the exact-duplicate group) and language."""

    name = "normalise"
    requires: tuple[str, ...] = ()
    provides = ("text_hash", "norm_hash", "language")

    def __call__(self, articles: list[Article]) -> list[Article]:
        for a in articles:
            a.text_hash = stable_hash(a.text)
            norm = matching_form(a.text)
            a.norm_hash = stable_hash(norm)
            a.index_fields = index_fields(a, norm)
            if a.language is None:
                a.language = detect_language(a.text)
        return articles


_NOT_ARABIC = re.compile(r"[^\u0600-\u06FF]+")
_NOT_LATIN = re.compile(r"[^A-Za-z]+")
_PERSIAN_ONLY = re.compile(r"[پچژگ]")  # letters Arabic does not use
_PERSIAN_FORMS = re.compile(r"[کی]")  # Persian kaf/yeh: also typed into Arabic text on Persian keyboards


def detect_language(text: str) -> str | None:
    sample = text[:1000]
    if not sample.strip():
        return None
    arabic, latin = len(_NOT_ARABIC.sub("", sample)), len(_NOT_LATIN.sub("", sample))
    # Persian and Urdu share the script: only their letters send the text to the classifier.
    if arabic > 3 * latin and len(_PERSIAN_ONLY.findall(sample)) < 2 \
            and len(_PERSIAN_FORMS.findall(sample)) < 0.02 * arabic:
        return "ar"
    try:
        import py3langid

        return py3langid.classify(sample)[0]
    except Exception:  # language ID is a hint; never fail an article over it
        return "ar" if arabic >= latin else None


# -- executors --------------------------------------------------------------------------------
@dataclass
class LocalExecutor:
    """Runs the stages in this process."""

    def map(self, stages: list[Stage], batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        for batch in batches:
            yield run_stages(stages, batch)


@dataclass
class ProcessExecutor:
    """Runs the stages over batches in a pool of local processes, a bounded window of batches at a time
    (memory stays flat), results in input order."""

    workers: int = 2

    def map(self, stages: list[Stage], batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor

        window = 2 * self.workers
        with ProcessPoolExecutor(self.workers) as pool:
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.submit(run_stages, stages, batch))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()


def run_stages(stages: list[Stage], batch: list[Article]) -> list[Article]:
    """Run every stage over a batch. A configuration error stops the run; any other failure on one
    article keeps the article without that stage's output and records why in ``meta["stage_errors"]``."""
    for stage in stages:
        try:
            batch = stage(batch)
        except MarsadError:
            raise
        except Exception:
            survivors = []
            for a in batch:
                try:
                    survivors.extend(stage([a]))
                except MarsadError:
                    raise
                except Exception as e:  # one bad document is a counted reason, not a crash
                    a.meta.setdefault("stage_errors", []).append(f"{stage.name}: {type(e).__name__}: {e}")
                    survivors.append(a)
            batch = survivors
    return batch


def executor_for(name: str, workers: int = 2) -> LocalExecutor | ProcessExecutor:
    if name == "local":
        return LocalExecutor()
    if name == "processes":
        return ProcessExecutor(workers)
    raise ConfigError(f"unknown executor {name!r}; use local or processes")


ProgressCallback = Callable[[int], None]
