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

from marsad import faults
from marsad.document import Article
from marsad.errors import ArchiveError, ConfigError, NotFound
from marsad.lock import WriteLock
from marsad.pipeline import (
    LocalExecutor, build_stages, executor_for, load_archive_stages, run_stages, to_article,
)
from marsad.search import SearchIndex, make_snippet, parse_query
from marsad.store import SqliteStore
from marsad.validate import iso_date

DEFAULT_ARCHIVE = "marsad-archive"
DB_NAME = "marsad.sqlite3"
INDEX_DIR = "index"
COMMIT_EVERY_ARTICLES = 5_000  # a long ingest commits the index this often (env MARSAD_INDEX_COMMIT_EVERY) …
COMMIT_EVERY_SECONDS = 60.0  # … or at least this often
REPORT_REJECTIONS = 1000  # an ingest report lists the first ones; the rejections table keeps them all


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
    rejected: list[RejectedRecord] = field(default_factory=list)  # the first REPORT_REJECTIONS only
    rejected_count: int = 0
    rejected_by_origin: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    bytes_read: int = 0
    added_ids: list[str] = field(default_factory=list)
    stage_errors: list[str] = field(default_factory=list)  # "article id: stage: error", article kept

    def add_rejection(self, rejection: RejectedRecord) -> None:
        self.rejected_count += 1
        self.rejected_by_origin[rejection.origin] = self.rejected_by_origin.get(rejection.origin, 0) + 1
        if len(self.rejected) < REPORT_REJECTIONS:
            self.rejected.append(rejection)

    @property
    def rejections_truncated(self) -> bool:
        return self.rejected_count > len(self.rejected)

    @property
    def articles_per_s(self) -> float:
        return (self.added + self.unchanged) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "added": self.added, "unchanged": self.unchanged,
            "exact_duplicates": self.exact_duplicates, "rejected": self.rejected_count,
            "rejections": [vars(r) for r in self.rejected], "rejections_truncated": self.rejections_truncated,
            "seconds": round(self.seconds, 3),
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
    """One archive folder. Any number of processes may read it; one at a time writes (see
    :mod:`marsad.lock`). The database is the source of truth: every write commits its articles
    together with queue rows saying what the search index and the archive stages still owe them,
    and whoever next holds the write lock pays that debt (:meth:`_catch_up`). ``wait``: a writer
    that finds another one at work waits for it (True, or seconds) instead of failing with
    :class:`~marsad.errors.ArchiveBusy`."""

    def __init__(self, path: str | Path | None = None, *, wait: bool | float = False):
        self.path = Path(path) if path else default_path()
        if self.path.exists() and not self.path.is_dir():
            raise ArchiveError(f"{self.path} exists and is not an archive folder")
        self.path.mkdir(parents=True, exist_ok=True)
        self.store = SqliteStore(self.path / DB_NAME)
        self.lock = WriteLock(self.path)
        self.wait = wait
        self._index: SearchIndex | None = None
        self._stages_used: set[str] = set()

    @property
    def index(self) -> SearchIndex:
        """The search index. Opening it as a writer, or when no one else writes, first finishes
        whatever an interrupted run left undone; a reader beside a running ingest just reads."""
        if self._index is None:
            took = not self.lock.held and self.lock.try_hold()
            writer = self.lock.held
            try:
                self._index = SearchIndex(self.path / INDEX_DIR, may_reset=writer)
                if writer:
                    if self._index.schema_changed:  # built by an older marsad: refill it from the database
                        self.reindex()
                    self._catch_up()
            finally:
                if took:
                    self.lock.release_held()
        return self._index

    def writing(self):
        """Hold the archive's write lock for a block (re-entrant); raises ArchiveBusy when another
        process writes and ``self.wait`` is off."""
        return self.lock.hold(wait=self.wait)

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
        max_html_bytes: int | None = None,
        max_member_bytes: int | None = None,
        max_unpacked_bytes: int | None = None,
        max_json_depth: int | None = None,
        **run_options: Any,
    ) -> IngestReport:
        """Read, clean, extract and store every record under ``paths``; return what happened.

        Re-ingesting the same input adds nothing. A record that cannot be read is rejected (listed in
        the report and in the ``rejections`` table); the rest of the run goes on. ``run_options``:
        ``stages``, ``archive_stages``, ``batch_size``, ``executor``, ``progress`` (see :meth:`ingest_records`),
        ``ner_neural`` (False: tag names with the CRFs alone, without the neural half: about twice as
        fast, ~0.01 worse micro-F1).
        """
        from marsad.read import ReadOptions, read_paths

        paths = [str(p) for p in paths]
        options = ReadOptions(source=source, format=format, fields=fields).with_limits(
            max_page_bytes=max_page_bytes, max_html_bytes=max_html_bytes, max_member_bytes=max_member_bytes,
            max_unpacked_bytes=max_unpacked_bytes, max_json_depth=max_json_depth)  # None: the default
        return self._ingest_stream(read_paths(paths, options), "\n".join(paths), **run_options)

    def ingest_records(self, records: Iterable[dict[str, Any]], *, origin: str = "<records>",
                       **run_options: Any) -> IngestReport:
        """Ingest in-memory records (``{"text", "title", "source", "published", "url", "id", …}``), as
        the evaluation harnesses and Python users do; a record's own ``id`` is kept as
        ``meta["record_id"]``."""
        from marsad.document import PUBLISHED_GIVEN, RawDocument

        from marsad.read.encoding import without_lone_surrogates

        def raws() -> Iterator[RawDocument]:
            for i, r in enumerate(records):
                r = without_lone_surrogates(dict(r))  # "\ud800" from a JSON body: no UTF-8 store takes it
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
        ner_neural: bool = True,
    ) -> IngestReport:
        with self.writing():
            return self._ingest_locked(records, description, stages=stages, archive_stages=archive_stages,
                                       batch_size=batch_size, executor=executor, progress=progress,
                                       ner_neural=ner_neural)

    def _ingest_locked(self, records: Iterable[Any], description: str, *, stages: Iterable[str] | None,
                       archive_stages: Iterable[str] | None, batch_size: int, executor: str,
                       progress: Callable[[int, int], None] | None, ner_neural: bool = True) -> IngestReport:
        from marsad.read.options import Rejection

        report = IngestReport(run_id=uuid.uuid4().hex[:12])
        started = time.perf_counter()
        # We hold the write lock, so a run still marked running died without finishing.
        self.store.execute("UPDATE ingest_runs SET status='interrupted' WHERE status='running'")
        self.store.execute("INSERT INTO ingest_runs(id, started_at, paths) VALUES(?, datetime('now'), ?)",
                           (report.run_id, description))
        stage_list = build_stages(stages, **self._stage_options(), **({} if ner_neural else {"ner_neural": False}))
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
                pairs, rejected = [], []
                for item in chunk:
                    if isinstance(item, Rejection):
                        rejected.append((item.origin, item.record, item.reason))
                        continue
                    report.bytes_read += len(item.raw or b"") or len((item.text or "").encode())
                    pairs.append((to_article(item), item))
                if rejected:  # one transaction for the chunk's rejections, not one commit each
                    self._reject(report, rejected)
                new = self._only_new(pairs, report)
                for article, raw in new:
                    raws[article.id] = raw
                if new:
                    yield [a for a, _ in new]
                elif progress:
                    progress(report.added + report.unchanged, report.rejected_count)

        uncommitted, last_commit = 0, time.monotonic()
        commit_every = int(os.environ.get("MARSAD_INDEX_COMMIT_EVERY") or COMMIT_EVERY_ARTICLES)
        for done in runner.map(stage_list, batches()):
            faults.point("batch.start")
            uncommitted += self._store_batch(done, raws, report, post_stages, stage_list)
            for a in done:
                raws.pop(a.id, None)
            if uncommitted >= commit_every or time.monotonic() - last_commit >= COMMIT_EVERY_SECONDS:
                self._commit_index()
                uncommitted, last_commit = 0, time.monotonic()
            if progress:
                progress(report.added + report.unchanged, report.rejected_count)
        self._commit_index()
        faults.point("run.end")
        report.seconds = time.perf_counter() - started
        self.store.execute(
            "UPDATE ingest_runs SET ended_at=datetime('now'), added=?, unchanged=?, rejected=?, status='done' "
            "WHERE id=?", (report.added, report.unchanged, report.rejected_count, report.run_id))
        return report

    def _stage_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        try:
            from marsad.clean.recurring import snapshot

            options["recurring"] = snapshot(self.store)
        except (ImportError, AttributeError):
            pass
        return options

    def _reject(self, report: IngestReport, rows: list[tuple[str, str | None, str]]) -> None:
        """Count (origin, record, reason) rejections in the report and store them, in one transaction."""
        for row in rows:
            report.add_rejection(RejectedRecord(*row))
        self.store.record_rejections(report.run_id, rows)

    def _only_new(self, pairs: list, report: IngestReport) -> list:
        seen = self.store.existing_ids([a.id for a, _ in pairs])
        new, in_batch = [], set()
        for a, raw in pairs:
            if a.id in seen or a.id in in_batch:
                report.unchanged += 1
                continue
            if not a.text.strip():
                self._reject(report, [(a.origin, a.record, "empty text")])
                continue
            in_batch.add(a.id)
            new.append((a, raw))
        return new

    def _commit_index(self) -> None:
        """Commit the index writer, then forget the queue rows it settled (everything queued so
        far has been handed to the writer: this process is the only writer)."""
        self.index.commit()
        faults.point("index.committed")
        self.store.execute("DELETE FROM index_queue")

    def _store_batch(self, articles: list[Article], raws: dict, report: IngestReport, post_stages: list,
                     stage_list: list) -> int:
        """Store one batch in one transaction with its queue rows; returns how many articles it added."""
        good = []
        for a in articles:
            for problem in a.meta.get("stage_errors", []):
                report.stage_errors.append(f"{a.id}: {problem}")
            if not a.text.strip():
                self._reject(report, [(a.origin, a.record, "no article text left after cleaning")])
            else:
                good.append(a)
        if not good:
            return 0
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
                c.executemany("INSERT OR IGNORE INTO reclean_queue(source) VALUES(?)", [(x,) for x in changed_sources])
        faults.point("batch.stored")
        for a in good:
            report.exact_duplicates += a.norm_hash in known
            known.add(a.norm_hash)
        self.index.add(good)
        faults.point("batch.indexed")
        report.added += len(good)
        report.added_ids.extend(a.id for a in good)
        self._run_archive_stages(post_stages, [a.id for a in good])
        if changed_sources:
            self._reclean(changed_sources, stage_list, post_stages)
        return len(good)

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
            # Each re-cleaned batch is rewritten with its queue rows in one transaction; the source
            # leaves reclean_queue only when all of it is done, so a crash resumes the work.
            changed = [a for a in reclean_source(self, source) if a.text.strip()]
            for i in range(0, len(changed), 256):
                batch = run_stages(later, changed[i:i + 256])
                faults.point("reclean")
                with self.store.transaction() as c:
                    for a in batch:
                        self.store.replace_annotations(a)
                    c.executemany("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES(?, 'add')",
                                  [(a.id,) for a in batch])
                    c.executemany("INSERT OR IGNORE INTO stage_queue(article_id, stage) VALUES(?, ?)",
                                  [(a.id, s.name) for a in batch for s in post_stages])
                self.index.add(batch)
                self._run_archive_stages(post_stages, [a.id for a in batch])
            self.store.execute("DELETE FROM reclean_queue WHERE source=?", (source,))

    def _run_archive_stages(self, post_stages: list, ids: list[str]) -> None:
        for stage in post_stages:
            if stage.name not in self._stages_used:  # `marsad check` verifies the coverage of stages in use
                self.store.execute("INSERT OR IGNORE INTO meta(key, value) VALUES(?, '1')", (f"stage_used:{stage.name}",))
                self._stages_used.add(stage.name)
            stage.update(self, ids)
            faults.point("stage.done")
            with self.store.transaction() as c:
                c.executemany("DELETE FROM stage_queue WHERE article_id=? AND stage=?", [(i, stage.name) for i in ids])

    def _catch_up_now(self) -> None:
        """Finish an interrupted run now (``marsad check --repair``; the caller holds the write lock)."""
        if self._index is None:
            self.index  # opening it as the lock holder runs the catch-up
        else:
            self._catch_up()

    def _catch_up(self) -> None:
        """Finish what an interrupted run left (the caller holds the write lock): deletions half
        done, the index queue, the archive-stage queue, sources waiting to be re-cleaned."""
        unfinished = [r[0] for r in self.store.query(
            "SELECT q.article_id FROM index_queue q JOIN articles a ON a.id = q.article_id WHERE q.op = 'delete'")]
        for article_id in unfinished:
            self._delete_locked(article_id)
        self._drain_index_queue()
        pending = self.store.query("SELECT DISTINCT stage FROM stage_queue")
        if pending:
            for stage in load_archive_stages([r[0] for r in pending]):
                ids = [r[0] for r in self.store.query("SELECT article_id FROM stage_queue WHERE stage=?", (stage.name,))]
                for i in range(0, len(ids), 1000):
                    self._run_archive_stages([stage], ids[i:i + 1000])
            self.store.execute(  # rows of stages this build does not have, or of articles gone since
                "DELETE FROM stage_queue WHERE article_id NOT IN (SELECT id FROM articles)")
        sources = [r[0] for r in self.store.query("SELECT source FROM reclean_queue")]
        if sources:
            self._reclean(set(sources), build_stages(None, **self._stage_options()), load_archive_stages())

    def _drain_index_queue(self) -> None:
        rows = self.store.query("SELECT article_id, op FROM index_queue")
        if not rows:
            return
        assert self._index is not None
        adds = [r[0] for r in rows if r[1] == "add"]
        self._index.delete([r[0] for r in rows if r[1] == "delete"])
        for i in range(0, len(adds), 500):
            present = self.store.existing_ids(adds[i:i + 500])
            self._index.add([self.store.get_article(x) for x in adds[i:i + 500] if x in present])
        self._commit_index()

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

    # -- rejections -----------------------------------------------------------------------------
    def rejections(self, run: str | None = None, origin: str | None = None, reason: str | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Rejected records in the order they were met: (how many match, one page of them). ``run``: an
        ingest run id or ``"last"``; ``origin``, ``reason``: case-insensitive substrings."""
        if limit < 0 or offset < 0:
            raise ConfigError("limit and offset must be 0 or more")
        where, params = self._rejection_filter(run, origin, reason)
        total = self.store.query(f"SELECT count(*) FROM rejections{where}", params)[0][0]
        rows = self.store.query(f"SELECT id, run_id, origin, record, reason, at FROM rejections{where} "
                                "ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset])
        return total, [dict(r) for r in rows]

    def rejection_summary(self, run: str | None = None, origin: str | None = None, reason: str | None = None,
                          by: str = "kind") -> list[dict[str, Any]]:
        """Rejections counted per origin and reason, most frequent first. ``by="kind"`` counts the text
        before a reason's first ':' ("malformed JSON"), so line numbers and details do not split a
        group; ``by="reason"`` the reason as stored."""
        if by not in ("kind", "reason"):
            raise ConfigError(f"rejection summary: by must be 'kind' or 'reason', not {by!r}")
        grouped = "reason" if by == "reason" else \
            "trim(CASE WHEN instr(reason, ':') > 0 THEN substr(reason, 1, instr(reason, ':') - 1) ELSE reason END)"
        where, params = self._rejection_filter(run, origin, reason)
        rows = self.store.query(f"SELECT origin, {grouped} AS reason, count(*) AS count FROM rejections{where} "
                                "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2", params)
        return [dict(r) for r in rows]

    def _rejection_filter(self, run: str | None, origin: str | None, reason: str | None) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if run == "last":
            latest = self.store.query("SELECT id FROM ingest_runs ORDER BY started_at DESC, rowid DESC LIMIT 1")
            if not latest:
                return " WHERE 0", []  # nothing ingested yet, so nothing rejected
            run = latest[0][0]
        elif run is not None and not self.store.query("SELECT 1 FROM ingest_runs WHERE id=?", (run,)):
            raise NotFound(f"no ingest run {run!r} in this archive: use the run_id an ingest report "
                           "gives, or 'last'")
        if run is not None:
            clauses.append("run_id = ?")
            params.append(run)
        for column, text in (("origin", origin), ("reason", reason)):
            if text:  # instr, not LIKE: a '%' or '_' in a file name means itself
                clauses.append(f"instr(lower({column}), lower(?)) > 0")
                params.append(text)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def delete(self, article_id: str) -> None:
        """Remove an article from the database, the index and every archive stage."""
        with self.writing():
            article_id = self._resolve_id(article_id)
            if not self.store.existing_ids([article_id]):
                raise NotFound(f"no article with id {article_id} in this archive")
            self.index  # finish any interrupted run first
            self._delete_locked(article_id)

    def _delete_locked(self, article_id: str) -> None:
        # The 'delete' queue row is written first: a crash anywhere below leaves it, and the next
        # writer finishes the deletion (_catch_up). Every step is idempotent.
        self.store.execute("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES(?, 'delete')", (article_id,))
        for stage in load_archive_stages():
            stage.forget(self, [article_id])
        with self.store.transaction() as c:
            c.execute("DELETE FROM stage_queue WHERE article_id=?", (article_id,))
            if self.store.existing_ids([article_id]):
                self.store.delete_article(article_id)
        self.index.delete([article_id])
        self.index.commit()
        self.store.execute("DELETE FROM index_queue WHERE article_id=?", (article_id,))

    def rebuild_stage(self, name: str) -> None:
        """Recompute an archive stage (``entities``, ``dedup``, ``stories``) from scratch."""
        with self.writing():
            self.index
            for stage in load_archive_stages([name]):
                stage.rebuild(self)

    def check(self, *, repair: bool = False, progress: Callable[[str], None] | None = None):
        """Verify the archive (database integrity, index against database, orphans, queues, each
        stage's own checks); with ``repair`` rebuild what can be rebuilt. See :mod:`marsad.check`."""
        from marsad.check import check_archive

        if not repair:
            return check_archive(self, repair=False, progress=progress)
        with self.writing():
            return check_archive(self, repair=True, progress=progress)

    def backup(self, dest: str | Path, *, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
        """A consistent copy of the archive in ``dest`` (a new folder), taken while it is in use."""
        from marsad.check import backup_archive

        return backup_archive(self, Path(dest), progress=progress)

    def reindex(self) -> int:
        """Rebuild the search index from the database."""
        with self.writing():
            return self._reindex_locked()

    def _reindex_locked(self) -> int:
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
        with self.writing():
            return self.store.update_source(name, create=create, **fields)

    def import_sources(self, path: str | Path) -> int:
        """Add or update registry entries from a JSONL file of ``{"name", "label", "domain", "country",
        "kind", "notes"}`` (a team's outlet list, or the sample corpus's ``sources.jsonl``)."""
        import json

        n = 0
        with self.writing(), Path(path).open(encoding="utf-8-sig") as fh:
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


def open(path: str | Path | None = None, *, wait: bool | float = False) -> Archive:  # noqa: A001 - the front door
    """Open (or create) the archive at ``path`` (default: ``$MARSAD_ARCHIVE`` or ``./marsad-archive``).
    ``wait``: writes wait for another writing process instead of raising ArchiveBusy."""
    return Archive(path, wait=wait)
