"""`marsad check [--repair]`: every kind of damage it claims to find is made by hand here, found, and
repaired; and every column of the schema that holds article ids is covered by the orphan check (so a
stage added later cannot escape it)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest
import tantivy

import marsad
from marsad.check import article_references


@pytest.fixture
def archive_copy(sample_archive, tmp_path):
    path = tmp_path / "archive"
    shutil.copytree(sample_archive, path, ignore=shutil.ignore_patterns("write.lock"))
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def test_a_fresh_archive_checks_clean(archive_copy):
    result = _cli("check", "--archive", str(archive_copy), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["problems"] == [] and report["articles"] == report["indexed"] > 30


def test_damage_is_found_then_repaired(archive_copy):
    with marsad.open(archive_copy) as archive:
        ids = [r[0] for r in archive.store.query("SELECT id FROM articles ORDER BY id")]
        # the index: two articles dropped, one ghost added, one article indexed twice
        archive.index.delete(ids[:2])
        ghost = archive.get(ids[5])
        ghost.id = "f" * 32
        archive.index.add([ghost])
        twice = tantivy.Document()  # bypasses SearchIndex.add, which replaces by id
        twice.add_text("id", ids[6])
        archive.index.writer.add_document(twice)
        archive.index.commit()
        # derived tables
        archive.store.execute("UPDATE entities SET mentions = mentions + 7 WHERE rowid IN (SELECT rowid FROM entities LIMIT 3)")
        archive.store.execute("INSERT INTO entities(key, name, type, variants, mentions) VALUES('PER:لا احد', 'لا احد', 'PER', '[]', 1)")
        archive.store.execute("DELETE FROM dedup_sketches WHERE article_id = ?", (ids[7],))
        archive.store.execute("UPDATE stories SET size = size + 3 WHERE id = (SELECT MIN(id) FROM stories)")
        archive.store.execute("INSERT INTO texts(hash, text) VALUES('nohash', 'نص لا يملكه أي مقال')")
        archive.store.execute("INSERT INTO ingest_runs(id, started_at, paths) VALUES('dead', datetime('now'), 'x')")
    raw = sqlite3.connect(archive_copy / "marsad.sqlite3")  # rows a bug could leave: foreign keys off
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("INSERT INTO quotes(article_id, content_start, content_end, content, kind) VALUES('gone', 0, 1, 'x', 'direct')")
    raw.execute("INSERT INTO dup_groups(group_id, article_id, role, first_publisher) VALUES('g', 'gone', 'copy', 'x')")
    raw.commit()
    raw.close()

    found = _cli("check", "--archive", str(archive_copy), "--json")
    assert found.returncode == 1
    codes = {p["code"] for p in json.loads(found.stdout)["problems"]}
    assert codes >= {"index_missing", "index_extra", "index_repeated", "entity_counts", "entity_unused",
                     "stage_missing_dedup", "story_sizes", "unused_texts", "interrupted_runs", "orphan_rows",
                     "foreign_keys"}, codes

    repaired = _cli("check", "--repair", "--archive", str(archive_copy), "--json")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert all(p["repaired"] for p in json.loads(repaired.stdout)["problems"])
    again = _cli("check", "--archive", str(archive_copy), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["problems"] == []
    with marsad.open(archive_copy) as archive:
        assert sorted(archive.index.all_ids()) == ids


def test_every_column_holding_article_ids_is_checked_for_orphans(sample_archive):
    """Data-driven: any text column of any table whose values are article ids must be known to the
    orphan check — a new stage table naming articles in an unusual column fails here."""
    conn = sqlite3.connect(sample_archive / "marsad.sqlite3")
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    covered = set(article_references(conn))
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    holding = set()
    for table in tables:
        if table == "articles":
            continue
        for col in conn.execute(f"PRAGMA table_info({table})").fetchall():
            values = {r[0] for r in conn.execute(f"SELECT {col[1]} FROM {table} LIMIT 200") if isinstance(r[0], str)}
            if values and values & ids:
                holding.add((table, col[1]))
    conn.close()
    assert holding, "the sample archive should have derived rows"
    assert holding <= covered, holding - covered


def test_check_never_writes_without_repair(archive_copy):
    with marsad.open(archive_copy) as archive:
        archive.store.execute("INSERT INTO index_queue(article_id, op) SELECT id, 'add' FROM articles LIMIT 2")
    result = _cli("check", "--archive", str(archive_copy), "--json")
    assert result.returncode == 1
    with marsad.open(archive_copy) as archive:
        assert archive.store.query("SELECT COUNT(*) FROM index_queue")[0][0] == 2


def test_backup_refuses_a_non_empty_destination(archive_copy, tmp_path):
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "x").write_text("mine")
    result = _cli("backup", str(dest), "--archive", str(archive_copy))
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (dest / "x").read_text() == "mine"
