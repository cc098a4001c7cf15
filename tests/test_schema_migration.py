"""Schema 2: per-entity article counts kept by the writer (schema 3, nominal mentions, is tested in
test_entities_nominal.py). An archive written at schema 1 is migrated through both when it opens; the fast top-entities list (read from those counts) agrees with counting mentions."""

from __future__ import annotations

import shutil
import sqlite3

import marsad
from marsad.extract.entity_queries import top_entities
from marsad.store.sqlite import SCHEMA_VERSION


def _counted(store, limit: int) -> list[tuple]:
    rows = store.query(
        "SELECT entity_key, COUNT(DISTINCT article_id) AS a, COUNT(*) AS m FROM mentions WHERE entity_key IS NOT NULL "
        "GROUP BY entity_key ORDER BY a DESC, m DESC, entity_key LIMIT ?", (limit,))
    return [(r[0], r[1], r[2]) for r in rows]


def test_top_entities_from_kept_counts_equal_counting_mentions(sample_archive):
    with marsad.open(sample_archive) as archive:
        fast = [(e["key"], e["articles"], e["mentions"]) for e in top_entities(archive.store, limit=40)]
        assert fast == _counted(archive.store, 40)
        assert archive.check().ok


def test_a_schema_1_archive_is_migrated_on_open(sample_archive, tmp_path):
    path = tmp_path / "old"
    shutil.copytree(sample_archive, path, ignore=shutil.ignore_patterns("write.lock"))
    conn = sqlite3.connect(path / "marsad.sqlite3")  # make it look as schema 1 left it
    conn.executescript("DROP INDEX entities_top; DROP INDEX entities_type_top; ALTER TABLE entities DROP COLUMN articles;"
                       "ALTER TABLE mentions DROP COLUMN nominal;"  # added by schema 3
                       "UPDATE meta SET value='1' WHERE key='schema_version';")
    conn.close()
    with marsad.open(path) as archive:
        assert archive.store.schema_version == SCHEMA_VERSION == 3
        fast = [(e["key"], e["articles"], e["mentions"]) for e in top_entities(archive.store, limit=40)]
        assert fast == _counted(archive.store, 40)
        assert archive.check().ok


def _open_and_report(path, barrier, results):
    barrier.wait()
    try:
        with marsad.open(path) as archive:
            results.put(("ok", archive.store.schema_version))
    except Exception as exc:  # reported to the test, which fails on it
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def test_processes_opening_an_old_archive_at_once_migrate_it_once(sample_archive, tmp_path):
    """Opening migrates; two processes opening the same old archive at the same moment must not
    both apply a migration (the second «ALTER TABLE … ADD COLUMN» would fail with a duplicate
    column and that process could not open the archive)."""
    import multiprocessing

    path = tmp_path / "old"
    shutil.copytree(sample_archive, path, ignore=shutil.ignore_patterns("write.lock"))
    conn = sqlite3.connect(path / "marsad.sqlite3")
    conn.executescript("DROP INDEX entities_top; DROP INDEX entities_type_top; ALTER TABLE entities DROP COLUMN articles;"
                       "ALTER TABLE mentions DROP COLUMN nominal; UPDATE meta SET value='1' WHERE key='schema_version';")
    conn.close()
    ctx = multiprocessing.get_context("spawn")
    n = 4
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_open_and_report, args=(path, barrier, results)) for _ in range(n)]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert got == [("ok", SCHEMA_VERSION)] * n, got
    with marsad.open(path) as archive:
        fast = [(e["key"], e["articles"], e["mentions"]) for e in top_entities(archive.store, limit=40)]
        assert fast == _counted(archive.store, 40)
        assert archive.check().ok
