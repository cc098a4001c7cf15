"""``marsad check [--repair]`` and ``marsad backup``: prove an archive whole, mend what is derived.

The database is the source of truth; everything else is derived from it and can be rebuilt:

* the search index (ids compared both ways, repeats counted),
* rows of any table that point at an article no longer there (found from the schema itself: every
  ``article_id`` or ``*_article`` column, plus :data:`EXTRA_REFERENCES`, so a stage that adds a table
  is covered without touching this file — a test fails if a table holds ids in another column),
* texts and raw pages no article uses, entity rows and mention counts,
* queues left by an interrupted run, and each archive stage's coverage (an article that a stage in
  use never processed).

What is not derived cannot be repaired, only reported: SQLite's own integrity check failing means
restoring a backup. A problem carries a code (stable, for scripts), a message and a count.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from marsad.errors import ConfigError

# Columns holding article ids that the naming rule (article_id, *_article) does not find.
EXTRA_REFERENCES = (("dedup_links", "a"), ("dedup_links", "b"), ("dedup_links", "container"))
# Archive stages and the table with one row per article they processed (coverage).
STAGE_COVERAGE = {"dedup": ("dedup_sketches", "article_id"), "stories": ("story_members", "article_id")}


@dataclass
class Problem:
    code: str
    message: str
    count: int = 0
    repaired: bool = False
    repairable: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "count": self.count, "repaired": self.repaired,
                "repairable": self.repairable}


@dataclass
class CheckReport:
    articles: int = 0
    indexed: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    repair: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing is (still) wrong."""
        return all(p.repaired for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "articles": self.articles, "indexed": self.indexed, "repair": self.repair,
                "seconds": round(self.seconds, 3), "problems": [p.to_dict() for p in self.problems]}


def article_references(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (table, column) that holds article ids, read from the schema."""
    refs = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'articles'")]
    for table in tables:
        for col in conn.execute(f"PRAGMA table_info({table})"):
            name = col[1]
            if name == "article_id" or name.endswith("_article"):
                refs.append((table, name))
    refs.extend(r for r in EXTRA_REFERENCES if r[0] in tables)
    return refs


def check_archive(archive, *, repair: bool = False, progress: Callable[[str], None] | None = None) -> CheckReport:
    """Check (and with ``repair``, mend) ``archive``; the caller holds the write lock when repairing."""
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    report = CheckReport(repair=repair)
    store = archive.store
    conn = store.conn

    say("database integrity")
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        report.problems.append(Problem(
            "database_corrupt", f"SQLite integrity check failed: {'; '.join(result[:3])}; restore a backup "
            "(`marsad backup`) — the database is the one part that cannot be rebuilt", len(result), repairable=False))
        report.seconds = time.perf_counter() - started
        return report
    report.articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    _queues(archive, report, repair, say)
    _runs(archive, report, repair)
    _foreign_keys(conn, report, repair, store)
    _orphans(conn, report, repair, store)
    _unused(conn, report, repair, store)
    _entities(conn, report, repair, store)
    say("stage coverage")
    _coverage(archive, report, repair)
    _stage_checks(archive, report, repair)
    say("search index against the database")
    _index(archive, report, repair)
    report.seconds = time.perf_counter() - started
    return report


QUEUES = ("index_queue", "stage_queue", "reclean_queue")


def _queues(archive, report: CheckReport, repair: bool, say: Callable[[str], None]) -> None:
    """Rows left in the queues mean an interrupted run (or one still going in another process)."""
    store = archive.store
    before = {t: store.query(f"SELECT COUNT(*) FROM {t}")[0][0] for t in QUEUES}
    if repair:
        say("finishing interrupted work")
        archive._catch_up_now()
    for table, n in before.items():
        if n:
            left = store.query(f"SELECT COUNT(*) FROM {table}")[0][0]
            report.problems.append(Problem(
                f"pending_{table}", f"{n} rows in {table}: a run was interrupted or is still going "
                "(the next writer, or `marsad check --repair`, finishes them)", n, repaired=repair and not left))


def _runs(archive, report: CheckReport, repair: bool) -> None:
    """Ingest runs still marked running while nobody holds the write lock were killed."""
    store = archive.store
    n = store.query("SELECT COUNT(*) FROM ingest_runs WHERE status = 'running'")[0][0]
    if not n:
        return
    took = not archive.lock.held and archive.lock.try_hold()
    try:
        if not archive.lock.held:
            return  # another process is writing: its run is running
        problem = Problem("interrupted_runs", f"{n} ingest runs were interrupted (their work is finished by the "
                          "next writer; re-run the same ingest to read what they had not reached)", n)
        if repair:
            store.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
            problem.repaired = True
        report.problems.append(problem)
    finally:
        if took:
            archive.lock.release_held()


def _foreign_keys(conn, report: CheckReport, repair: bool, store) -> None:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return
    problem = Problem("foreign_keys", f"{len(rows)} rows point at missing rows "
                      f"(tables: {', '.join(sorted({r[0] for r in rows}))})", len(rows))
    if repair:
        with store.transaction() as c:
            for table, rowid, _parent, _fk in rows:
                if rowid is not None:
                    c.execute(f"DELETE FROM {table} WHERE rowid=?", (rowid,))
        problem.repaired = True
    report.problems.append(problem)


def _orphans(conn, report: CheckReport, repair: bool, store) -> None:
    for table, column in article_references(conn):
        where = f"{column} IS NOT NULL AND {column} NOT IN (SELECT id FROM articles)"
        if table == "index_queue":
            where += " AND op != 'delete'"
        n = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]
        if not n:
            continue
        problem = Problem("orphan_rows", f"{n} rows of {table}.{column} name articles that are not in the archive", n)
        if repair:
            if table == "stories" or column == "container":
                problem.repairable = False
                problem.message += " (rebuild the stage: `marsad stories --rebuild` / `marsad dedup --rebuild`)"
            else:
                with store.transaction() as c:
                    c.execute(f"DELETE FROM {table} WHERE {where}")
                problem.repaired = True
        report.problems.append(problem)


def _unused(conn, report: CheckReport, repair: bool, store) -> None:
    checks = (
        ("unused_texts", "texts", "hash NOT IN (SELECT text_hash FROM articles)", "texts no article uses"),
        ("unused_raw", "raw", "hash NOT IN (SELECT raw_hash FROM articles WHERE raw_hash IS NOT NULL)",
         "raw pages no article uses"),
    )
    for code, table, where, what in checks:
        n = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]
        if not n:
            continue
        problem = Problem(code, f"{n} {what}", n)
        if repair:
            with store.transaction() as c:
                c.execute(f"DELETE FROM {table} WHERE {where}")
            problem.repaired = True
        report.problems.append(problem)
    n = conn.execute("SELECT COUNT(*) FROM articles WHERE text_hash NOT IN (SELECT hash FROM texts)").fetchone()[0]
    if n:
        report.problems.append(Problem("article_without_text", f"{n} articles have lost their text row; "
                                       "delete and re-ingest them", n, repairable=False))


def _entities(conn, report: CheckReport, repair: bool, store) -> None:
    missing = conn.execute("SELECT COUNT(DISTINCT entity_key) FROM mentions WHERE entity_key IS NOT NULL AND "
                           "entity_key NOT IN (SELECT key FROM entities)").fetchone()[0]
    unused = conn.execute("SELECT COUNT(*) FROM entities WHERE key NOT IN "
                          "(SELECT entity_key FROM mentions WHERE entity_key IS NOT NULL)").fetchone()[0]
    counts = conn.execute(
        "SELECT COUNT(*) FROM entities e WHERE (e.mentions != (SELECT COUNT(*) FROM mentions m WHERE m.entity_key = e.key)"
        " OR e.articles != (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_key = e.key))"
        " AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity_key = e.key)").fetchone()[0]
    found = [("entity_missing", missing, "mention keys with no entity row"),
             ("entity_unused", unused, "entity rows no mention refers to"),
             ("entity_counts", counts, "entity rows whose mention or article count is off")]
    for code, n, what in found:
        if not n:
            continue
        problem = Problem(code, f"{n} {what}", n)
        if repair:
            _repair_entities(store)
            problem.repaired = True
        report.problems.append(problem)


def _repair_entities(store) -> None:
    with store.transaction() as c:
        c.execute("DELETE FROM entities WHERE key NOT IN (SELECT entity_key FROM mentions WHERE entity_key IS NOT NULL)")
        rows = c.execute(
            "SELECT entity_key, type, text, COUNT(*) FROM mentions WHERE entity_key IS NOT NULL AND nominal = 0 AND "
            "entity_key NOT IN (SELECT key FROM entities) GROUP BY entity_key, type, text").fetchall()
        for key, type_, text, n in rows:
            c.execute("INSERT INTO entities(key, name, type, variants, mentions) VALUES(?,?,?,?,?) "
                      "ON CONFLICT(key) DO UPDATE SET mentions = mentions + excluded.mentions",
                      (key, key.split(":", 1)[-1], type_, json.dumps([text], ensure_ascii=False), n))
        c.execute("UPDATE entities SET mentions = (SELECT COUNT(*) FROM mentions m WHERE m.entity_key = entities.key), "
                  "articles = (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_key = entities.key)")


def stages_in_use(store) -> list[str]:
    return [r[0].split(":", 1)[1] for r in store.query("SELECT key FROM meta WHERE key LIKE 'stage_used:%'")]


def _coverage(archive, report: CheckReport, repair: bool) -> None:
    from marsad.pipeline import load_archive_stages

    store = archive.store
    for name in stages_in_use(store):
        table, column = STAGE_COVERAGE.get(name, (None, None))
        if table is None:
            continue
        ids = [r[0] for r in store.query(
            f"SELECT id FROM articles WHERE id NOT IN (SELECT {column} FROM {table}) "
            "AND id NOT IN (SELECT article_id FROM stage_queue WHERE stage = ?)", (name,))]
        if not ids:
            continue
        problem = Problem(f"stage_missing_{name}", f"{len(ids)} articles the {name} stage never processed", len(ids))
        if repair:
            for stage in load_archive_stages([name]):
                for i in range(0, len(ids), 1000):
                    stage.update(archive, ids[i:i + 1000])
            problem.repaired = True
        report.problems.append(problem)


def _stage_checks(archive, report: CheckReport, repair: bool) -> None:
    """Each archive stage's own consistency checks (a ``check(archive)`` method returning
    ``(code, message, count)`` triples); a stage with problems is rebuilt on repair."""
    from marsad.pipeline import load_archive_stages

    for stage in load_archive_stages():
        checker = getattr(stage, "check", None)
        found = [Problem(code, f"{stage.name}: {message}", n) for code, message, n in (checker(archive) if checker else [])]
        if found and repair:
            stage.rebuild(archive)
            for problem in found:
                problem.repaired = True
        report.problems.extend(found)


def _index(archive, report: CheckReport, repair: bool) -> None:
    from marsad.archive import INDEX_DIR
    from marsad.search import SearchIndex

    # Checking never writes: without --repair the index is opened here, bypassing the catch-up
    # that opening it through the archive would run.
    index = archive.index if repair or archive._index is not None else SearchIndex(
        archive.path / INDEX_DIR, may_reset=False)
    indexed = index.all_ids()
    report.indexed = len(indexed)
    db_ids = {r[0] for r in archive.store.query("SELECT id FROM articles")}
    seen: set[str] = set()
    repeated = set()
    for i in indexed:
        if i in seen:
            repeated.add(i)
        seen.add(i)
    pending = {r[0] for r in archive.store.query("SELECT article_id FROM index_queue")}
    missing = sorted(db_ids - seen - pending)
    extra = sorted(seen - db_ids - pending)
    found = [("index_missing", missing, "articles are missing from the search index"),
             ("index_extra", sorted(extra), "index entries name articles that are not in the database"),
             ("index_repeated", sorted(repeated), "articles are indexed more than once")]
    todo_add: list[str] = []
    for code, ids, what in found:
        if not ids:
            continue
        problem = Problem(code, f"{len(ids)} {what} (e.g. {ids[0]})", len(ids))
        report.problems.append(problem)
        if repair:
            index.delete(ids)
            todo_add.extend(i for i in ids if i in db_ids)
            problem.repaired = True
    if repair and any(p.code.startswith("index_") for p in report.problems):
        for i in range(0, len(todo_add), 500):
            index.add([archive.store.get_article(x) for x in todo_add[i:i + 500]])
        index.commit()
        report.indexed = len(index.all_ids())


# -- backup -----------------------------------------------------------------------------------------

def backup_archive(archive, dest: Path, *, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Copy ``archive`` to ``dest`` while other processes may be reading and writing it.

    The index is copied first (a committed tantivy generation: ``meta.json`` and the segment files it
    names, which tantivy never changes once written), then the database through SQLite's online
    backup API, which gives one transaction-consistent snapshot. The copy's index may be a little
    older than its database; the copy is then repaired (its missing articles indexed, entries of
    articles deleted meanwhile dropped) and checked, so what lands in ``dest`` passes ``marsad check``.
    """
    import marsad
    from marsad.archive import DB_NAME, INDEX_DIR

    say = progress or (lambda _msg: None)
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise ConfigError(f"backup destination {dest} exists and is not empty; name a new folder")
    if dest.resolve() == archive.path.resolve():
        raise ConfigError("the backup destination is the archive itself")
    started = time.perf_counter()
    dest.mkdir(parents=True, exist_ok=True)
    say("copying the search index")
    _copy_index(archive.path / INDEX_DIR, dest / INDEX_DIR)
    say("copying the database")
    target = sqlite3.connect(dest / DB_NAME)
    try:
        source = sqlite3.connect(archive.path / DB_NAME, timeout=30)
        try:
            source.backup(target, pages=4096)
        finally:
            source.close()
    finally:
        target.close()
    say("checking the copy")
    with marsad.open(dest) as copy:
        result = copy.check(repair=True)
        final = copy.check()
    if not final.ok:
        raise ConfigError(f"the backup in {dest} does not pass `marsad check`: "
                          + "; ".join(p.message for p in final.problems))
    return {"dest": str(dest), "articles": final.articles, "indexed": final.indexed,
            "repaired": [p.to_dict() for p in result.problems], "seconds": round(time.perf_counter() - started, 3)}


def _copy_index(src: Path, dst: Path, attempts: int = 5) -> None:
    """Copy one committed generation of a tantivy index. A merge may delete segment files between
    reading ``meta.json`` and copying them; then the copy starts again from the newer ``meta.json``."""
    for _ in range(attempts):
        shutil.rmtree(dst, ignore_errors=True)
        dst.mkdir(parents=True)
        try:
            meta_bytes = (src / "meta.json").read_bytes()
        except FileNotFoundError:
            return  # no index yet: the repair builds it
        meta = json.loads(meta_bytes)
        prefixes = {s["segment_id"].replace("-", "") for s in meta.get("segments", [])}
        try:
            for f in src.iterdir():
                if f.name.split(".", 1)[0] in prefixes:
                    shutil.copy2(f, dst / f.name)
        except FileNotFoundError:
            continue
        (dst / "meta.json").write_bytes(meta_bytes)
        return
    shutil.rmtree(dst, ignore_errors=True)  # merges kept moving under us: the copy's repair rebuilds it
