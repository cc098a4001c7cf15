"""The archive: one folder holding the SQLite database and the tantivy index, and the Python API
that the CLI and the HTTP layer sit on.

    archive = marsad.open("marsad-archive")
    report = archive.ingest(["../shared/corpus/seeds"])
    results = archive.search("لافروف", limit=5)
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from marsad.document import Article
from marsad.errors import ArchiveError, ConfigError
from marsad.pipeline import (
    LocalExecutor, build_stages, executor_for, load_archive_stages, run_stages, to_article,
)
from marsad.search import SearchIndex, make_snippet, parse_query
from marsad.store import SqliteStore
from marsad.validate import iso_date

DEFAULT_ARCHIVE = "marsad-archive"
DB_NAME = "marsad.sqlite3"
INDEX_DIR = "index"


def default_path() -> Path:
    return Path(os.environ.get("MARSAD_ARCHIVE") or DEFAULT_ARCHIVE)


@dataclass
class RejectedRecord:
    origin: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.origin}:{self.record}" if self.record else self.origin
        return f"{where}: {self.reason}"


@dataclass
class IngestReport:
    run_id: str
    added: int = 0
    unchanged: int = 0
    exact_duplicates: int = 0
    rejected: list[RejectedRecord] = field(default_factory=list)
    seconds: float = 0.0
    bytes_read: int = 0
    added_ids: list[str] = field(default_factory=list)
    stage_errors: list[str] = field(default_factory=list)  # "article id: stage: error", article kept

    @property
    def articles_per_s(self) -> float:
        return (self.added + self.unchanged) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "added": self.added, "unchanged": self.unchanged,
            "exact_duplicates": self.exact_duplicates, "rejected": len(self.rejected),
            "rejections": [vars(r) for r in self.rejected], "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.articles_per_s, 1), "mb_read": round(self.bytes_read / 1e6, 2),
            "stage_errors": self.stage_errors,
        }


@dataclass
class SearchResults:
    total: int
    results: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "results": self.results}


class Archive:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        if self.path.exists() and not self.path.is_dir():
            raise ArchiveError(f"{self.path} exists and is not an archive folder")
        self.path.mkdir(parents=True, exist_ok=True)
        self.store = SqliteStore(self.path / DB_NAME)
        self._index: SearchIndex | None = None

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.path / INDEX_DIR)
            if self._index.schema_changed:  # built by an older marsad: refill it from the database
                self.reindex()
            self._catch_up()
        return self._index

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self.store.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        source: str | None = None,
        format: str = "auto",
        fields: dict[str, str] | None = None,
        max_page_bytes: int | None = None,
        **run_options: Any,
    ) -> IngestReport:
        """Read, clean, extract and store every record under ``paths``; return what happened.

        Re-ingesting the same input adds nothing. A record that cannot be read is rejected (listed in
        the report and in the ``rejections`` table); the rest of the run goes on. ``run_options``:
        ``stages``, ``archive_stages``, ``batch_size``, ``executor``, ``progress`` (see :meth:`ingest_records`).
        """
        from marsad.read import ReadOptions, read_paths

        paths = [str(p) for p in paths]
        options = ReadOptions(source=source, format=format, fields=fields)
        if max_page_bytes:
            options.max_page_bytes = max_page_bytes
        return self._ingest_stream(read_paths(paths, options), "\n".join(paths), **run_options)

    def ingest_records(self, records: Iterable[dict[str, Any]], *, origin: str = "<records>",
                       **run_options: Any) -> IngestReport:
        """Ingest in-memory records (``{"text", "title", "source", "published", "url", "id", …}``), as
        the evaluation harnesses and Python users do; a record's own ``id`` is kept as
        ``meta["record_id"]``."""
        from marsad.document import PUBLISHED_GIVEN, RawDocument

        def raws() -> Iterator[RawDocument]:
            for i, r in enumerate(records):
                extra = {k: v for k, v in r.items() if k not in ("text", "title", "source", "published", "url", "author")}
                if "id" in r:
                    extra["record_id"] = str(r["id"])
                yield RawDocument(
                    origin=origin, record=f"record {i + 1}", text=r.get("text") or "", format="record",
                    title=r.get("title"), url=r.get("url"), source=r.get("source"),
                    source_how="field" if r.get("source") else None, published=r.get("published"),
                    published_how=PUBLISHED_GIVEN if r.get("published") else None, author=r.get("author"),
                    file_name=str(r["id"]) if "id" in r else None, meta=extra)

        return self._ingest_stream(raws(), origin, **run_options)

    def _ingest_stream(
        self,
        records: Iterable[Any],
        description: str,
        *,
        stages: Iterable[str] | None = None,
        archive_stages: Iterable[str] | None = None,
        batch_size: int = 256,
        executor: str = "local",
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        from marsad.read.options import Rejection

        report = IngestReport(run_id=uuid.uuid4().hex[:12])
        started = time.perf_counter()
        self.store.execute("INSERT INTO ingest_runs(id, started_at, paths) VALUES(?, datetime('now'), ?)",
                           (report.run_id, description))
        stage_list = build_stages(stages, **self._stage_options())
        post_stages = load_archive_stages(archive_stages)
        runner = executor_for(executor) if executor != "local" else LocalExecutor()
        self.index  # open the index (and finish any interrupted run) before writing
        records = iter(records)
        raws: dict[str, Any] = {}

        def batches() -> Iterator[list[Article]]:
            while True:
                chunk = list(islice(records, batch_size))
                if not chunk:
                    return
                pairs = []
                for item in chunk:
                    if isinstance(item, Rejection):
                        self._reject(report, item.origin, item.record, item.reason)
                        continue
                    report.bytes_read += len(item.raw or b"") or len((item.text or "").encode())
                    pairs.append((to_article(item), item))
                new = self._only_new(pairs, report)
                for article, raw in new:
                    raws[article.id] = raw
                if new:
                    yield [a for a, _ in new]
                elif progress:
                    progress(report.added + report.unchanged, len(report.rejected))

        for done in runner.map(stage_list, batches()):
            self._store_batch(done, raws, report, post_stages, stage_list)
            for a in done:
                raws.pop(a.id, None)
            if progress:
                progress(report.added + report.unchanged, len(report.rejected))
        self.index.commit()
        self._drain_index_queue(only_clear=True)
        report.seconds = time.perf_counter() - started
        self.store.execute(
            "UPDATE ingest_runs SET ended_at=datetime('now'), added=?, unchanged=?, rejected=?, status='done' "
            "WHERE id=?", (report.added, report.unchanged, len(report.rejected), report.run_id))
        return report

    def _stage_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        try:
            from marsad.clean.recurring import snapshot

            options["recurring"] = snapshot(self.store)
        except (ImportError, AttributeError):
            pass
        return options

    def _reject(self, report: IngestReport, origin: str, record: str | None, reason: str) -> None:
        report.rejected.append(RejectedRecord(origin, record, reason))
        self.store.record_rejection(report.run_id, origin, record, reason)

    def _only_new(self, pairs: list, report: IngestReport) -> list:
        seen = self.store.existing_ids([a.id for a, _ in pairs])
        new, in_batch = [], set()
        for a, raw in pairs:
            if a.id in seen or a.id in in_batch:
                report.unchanged += 1
                continue
            if not a.text.strip():
                self._reject(report, a.origin, a.record, "empty text")
                continue
            in_batch.add(a.id)
            new.append((a, raw))
        return new

    def _store_batch(self, articles: list[Article], raws: dict, report: IngestReport, post_stages: list,
                     stage_list: list) -> None:
        good = []
        for a in articles:
            for problem in a.meta.get("stage_errors", []):
                report.stage_errors.append(f"{a.id}: {problem}")
            if not a.text.strip():
                self._reject(report, a.origin, a.record, "no article text left after cleaning")
            else:
                good.append(a)
        if not good:
            return
        known = {r[0] for r in self.store.query(
            f"SELECT DISTINCT norm_hash FROM articles WHERE norm_hash IN ({','.join('?' * len(good))})",
            [a.norm_hash for a in good])}
        raw_rows = {}
        for a in good:
            raw = raws.get(a.id)
            if raw is not None and raw.raw and a.meta.get("raw_hash"):
                raw_rows[a.meta["raw_hash"]] = (raw.raw, raw.encoding, raw.format)
        changed_sources: set[str] = set()
        with self.store.transaction() as c:
            self.store.put_articles(good, raw_rows)
            c.executemany("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES(?, 'add')",
                          [(a.id,) for a in good])
            c.executemany("INSERT OR IGNORE INTO stage_queue(article_id, stage) VALUES(?, ?)",
                          [(a.id, s.name) for a in good for s in post_stages])
            if any(s.name == "clean" for s in stage_list):
                changed_sources = self._learn(good)
        for a in good:
            report.exact_duplicates += a.norm_hash in known
            known.add(a.norm_hash)
        self.index.add(good)
        report.added += len(good)
        report.added_ids.extend(a.id for a in good)
        self._run_archive_stages(post_stages, [a.id for a in good])
        if changed_sources:
            self._reclean(changed_sources, stage_list, post_stages)

    def _learn(self, articles: list[Article]) -> set[str]:
        """Update the per-source recurring-line counts; return the sources whose learned chrome changed."""
        from marsad.clean.recurring import learn

        return learn(self.store, articles)

    def _reclean(self, sources: set[str], stage_list: list, post_stages: list) -> None:
        """The evidence about a source's chrome changed: later batches use it, and the source's
        stored articles whose cleaning changes are re-cleaned, re-extracted and re-indexed."""
        from marsad.clean.recurring import reclean_source, snapshot

        clean = next((s for s in stage_list if s.name == "clean"), None)
        if clean is not None:
            clean.recurring = snapshot(self.store)
        later = [s for s in stage_list if s.name != "clean"]
        for source in sorted(sources):
            changed = [a for a in reclean_source(self, source) if a.text.strip()]
            for i in range(0, len(changed), 256):
                batch = run_stages(later, changed[i:i + 256])
                for a in batch:
                    self.store.replace_annotations(a)
                with self.store.transaction() as c:
                    c.executemany("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES(?, 'add')",
                                  [(a.id,) for a in batch])
                self.index.add(batch)
                self._run_archive_stages(post_stages, [a.id for a in batch])

    def _run_archive_stages(self, post_stages: list, ids: list[str]) -> None:
        for stage in post_stages:
            stage.update(self, ids)
            with self.store.transaction() as c:
                c.executemany("DELETE FROM stage_queue WHERE article_id=? AND stage=?", [(i, stage.name) for i in ids])

    def _catch_up(self) -> None:
        """Finish what an interrupted run left: index queue and archive-stage queue."""
        self._drain_index_queue()
        pending = self.store.query("SELECT DISTINCT stage FROM stage_queue")
        if pending:
            for stage in load_archive_stages([r[0] for r in pending]):
                ids = [r[0] for r in self.store.query("SELECT article_id FROM stage_queue WHERE stage=?", (stage.name,))]
                self._run_archive_stages([stage], ids)

    def _drain_index_queue(self, only_clear: bool = False) -> None:
        rows = self.store.query("SELECT article_id, op FROM index_queue")
        if not rows:
            return
        if not only_clear:
            assert self._index is not None
            adds = [r[0] for r in rows if r[1] == "add"]
            self._index.delete([r[0] for r in rows if r[1] == "delete"])
            for i in range(0, len(adds), 500):
                self._index.add([self.store.get_article(x) for x in adds[i:i + 500]
                                 if self.store.existing_ids([x])])
            self._index.commit()
        self.store.execute("DELETE FROM index_queue")

    # -- reading --------------------------------------------------------------------------------
    def get(self, article_id: str) -> Article:
        return self.store.get_article(self._resolve_id(article_id))

    def _resolve_id(self, prefix: str) -> str:
        """Full id from an unambiguous prefix (ids are long; people type the first few characters)."""
        if len(prefix) >= 32:
            return prefix
        rows = self.store.query("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "\uffff"))
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) > 1:
            raise ConfigError(f"article id prefix {prefix!r} is ambiguous; give more characters")
        return prefix

    def iter_articles(self, source: str | None = None, *, annotations: bool = False) -> Iterator[Article]:
        return self.store.iter_articles(source=source, annotations=annotations)

    def articles(self, **filters) -> tuple[int, list[dict[str, Any]]]:
        for key in ("since", "until"):
            filters[key] = iso_date(filters.get(key), key)
        return self.store.list_articles(**filters)

    def duplicates_of(self, article_id: str) -> list[dict[str, Any]]:
        """Other articles with exactly the same normalised text."""
        rows = self.store.query(
            "SELECT b.id, b.source, b.title, b.published, b.url FROM articles a JOIN articles b "
            "ON a.norm_hash = b.norm_hash AND b.id != a.id WHERE a.id=? ORDER BY b.published", (article_id,))
        return [dict(r) for r in rows]

    def delete(self, article_id: str) -> None:
        """Remove an article from the database, the index and every archive stage."""
        article_id = self._resolve_id(article_id)
        for stage in load_archive_stages():
            stage.forget(self, [article_id])
        with self.store.transaction() as c:
            c.execute("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES(?, 'delete')", (article_id,))
        self.store.delete_article(article_id)
        self.index.delete([article_id])
        self.index.commit()
        self.store.execute("DELETE FROM index_queue WHERE article_id=?", (article_id,))

    def reindex(self) -> int:
        """Rebuild the search index from the database."""
        index = self.index
        index.writer.delete_all_documents()
        n = 0
        batch: list[Article] = []
        for a in self.store.iter_articles(annotations=False):
            a.mentions = self.store.get_article(a.id).mentions
            batch.append(a)
            if len(batch) >= 500:
                index.add(batch)
                n += len(batch)
                batch = []
        index.add(batch)
        n += len(batch)
        index.commit()
        return n

    # -- search ---------------------------------------------------------------------------------
    def search(self, query: str, *, source: str | list[str] | None = None, since: str | None = None,
               until: str | None = None, limit: int = 10, offset: int = 0) -> SearchResults:
        since, until = iso_date(since, "since"), iso_date(until, "until")
        parsed = parse_query(query)
        sources = list(parsed.sources)
        if source:
            sources.extend([source] if isinstance(source, str) else source)
        entity_keys = [self._entity_keys(name) for name in parsed.entities]
        hits = self.index.search(parsed, entity_keys=entity_keys, sources=sources or None, since=since,
                                 until=until, limit=limit, offset=offset)
        stems = set(parsed.terms) | {w for p in parsed.phrases for w in p}
        ids = [i for i, _ in hits.ids]
        rows = {r["id"]: r for r in self.store.query(
            "SELECT a.id, a.title, a.source, a.published, t.text FROM articles a JOIN texts t ON t.hash = a.text_hash "
            f"WHERE a.id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
        results = []
        for article_id, score in hits.ids:
            r = rows.get(article_id)
            if r is None:
                continue
            snippet = make_snippet(r["text"], stems)
            results.append({
                "id": r["id"], "title": r["title"], "source": r["source"], "published": r["published"],
                "score": round(score, 4), "snippet": snippet.text, "highlights": snippet.highlights,
            })
        return SearchResults(total=hits.total, results=results)

    def _entity_keys(self, name: str) -> list[str]:
        try:
            from marsad.extract.entities import lookup_entity
        except ImportError:
            lookup_entity = None
        if lookup_entity is not None:
            return list(lookup_entity(self.store, name))
        return [r[0] for r in self.store.query("SELECT key FROM entities WHERE name=?", (name,))]

    # -- sources, stats, export -------------------------------------------------------------------
    def sources(self) -> list[dict[str, Any]]:
        return self.store.sources()

    def update_source(self, name: str, *, create: bool = False, **fields: str | None) -> dict[str, Any]:
        """Edit a source of the registry (``create=True`` to add one that has no articles yet)."""
        return self.store.update_source(name, create=create, **fields)

    def import_sources(self, path: str | Path) -> int:
        """Add or update registry entries from a JSONL file of ``{"name", "label", "domain", "country",
        "kind", "notes"}`` (a team's outlet list, or the sample corpus's ``sources.jsonl``)."""
        import json

        n = 0
        with Path(path).open(encoding="utf-8-sig") as fh:
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                    name = entry.pop("name")
                except (ValueError, KeyError, AttributeError) as e:
                    raise ConfigError(f"{path}:{line_no}: expected a JSON object with a \"name\" ({e})") from e
                self.update_source(name, create=True, **{k: v for k, v in entry.items() if v not in (None, "")})
                n += 1
        return n

    def stats(self) -> dict[str, Any]:
        from marsad.stats import archive_stats

        return archive_stats(self.store)

    def export(self, fmt: str, out: str | Path | None = None, *, source: str | None = None) -> int:
        from marsad.export import export_articles

        return export_articles(self, fmt, out, source=source)


def open(path: str | Path | None = None) -> Archive:  # noqa: A001 - the library's front door
    """Open (or create) the archive at ``path`` (default: ``$MARSAD_ARCHIVE`` or ``./marsad-archive``)."""
    return Archive(path)
