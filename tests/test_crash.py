"""Crash safety: SIGKILL `marsad ingest` at 20+ points (named write-path points, inside index
commits, and at random times), rerun it, and prove the archive exact (see tests/crash_harness.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import marsad
from marsad import faults
from marsad.sample import SAMPLE_DIR

from tests.conftest import ROOT
from tests.crash_harness import assert_exact, kill_many, run_ingest, write_variants

NAMED_KILLS = [
    "batch.start:2", "batch.stored:2", "batch.indexed:2", "stage.done:3",
    "index.commit:1",            # as the commit starts
    "index.commit:2:0.003",      # 3 ms into a commit
    "index.commit:1:0.02",       # 20 ms into a commit
    "index.committed:1", "reclean:1", "batch.stored:3:0.002", "stage.done:5:0.001",
]


def _sample_pages() -> list[tuple[str, str, str]]:
    """(outlet, title, whole page) of each bundled sample page (our own invented articles)."""
    return [(f.parent.name, f.stem, f.read_text(encoding="utf-8")) for f in sorted(SAMPLE_DIR.rglob("*.txt"))]


@pytest.fixture(scope="module")
def crash_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-inputs")
    variants = write_variants(folder / "variants.jsonl", _sample_pages(), 220)
    return [SAMPLE_DIR, variants]


@pytest.fixture(scope="module")
def reference(tmp_path_factory, crash_inputs):
    path = tmp_path_factory.mktemp("crash-ref") / "archive"
    with marsad.open(path) as archive:
        report = archive.ingest(crash_inputs)
    assert report.added > 250 and not report.rejected, report.to_dict()
    return path


def test_every_fault_point_is_reached_by_a_normal_ingest(tmp_path, crash_inputs, monkeypatch):
    """A point never reached would make the named kills below test nothing."""
    reached: set[str] = set()
    monkeypatch.setattr(faults, "point", reached.add)
    monkeypatch.setenv("MARSAD_INDEX_COMMIT_EVERY", "6")
    import marsad.archive as archive_module
    import marsad.search.index as index_module
    monkeypatch.setattr(archive_module, "faults", faults)
    monkeypatch.setattr(index_module, "faults", faults)
    with marsad.open(tmp_path / "a") as archive:
        archive.ingest(crash_inputs, batch_size=3)
    assert reached == set(faults.POINTS), set(faults.POINTS) - reached


def test_sigkill_at_many_points_then_rerun_leaves_the_archive_exact(tmp_path, crash_inputs, reference):
    path = tmp_path / "archive"
    log = kill_many(path, crash_inputs, points=NAMED_KILLS, random_kills=12, window=(0.8, 2.6),
                    batch_size=3, commit_every=6)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "crash-runs.json").write_text(json.dumps(log.runs, ensure_ascii=False, indent=1))
    named_killed = {r["fault"] for r in log.runs if r["killed"] and r["fault"]}
    assert log.kills >= 20, f"only {log.kills} runs were killed: {log.runs}"
    assert {f.split(":")[0] for f in named_killed} >= set(faults.POINTS) - {"run.end"}, named_killed
    summary = assert_exact(path, reference)
    assert summary["articles"] > 250


def test_a_kill_at_the_very_end_of_a_run_and_mid_delete_is_finished_by_the_next_writer(tmp_path, crash_inputs, reference):
    path = tmp_path / "archive"
    assert run_ingest(path, crash_inputs, batch_size=64, commit_every=10_000, fault="run.end:1")["killed"]
    with marsad.open(path) as archive:
        victim = archive.store.query("SELECT id FROM articles ORDER BY id LIMIT 1")[0][0]
    # Kill `marsad delete` between its first step (the queued deletion) and the index commit.
    env = dict(os.environ, MARSAD_FAULT="index.commit:1")
    proc = subprocess.run([sys.executable, "-m", "marsad", "delete", victim, "--archive", str(path)], env=env,
                          capture_output=True)
    assert proc.returncode == -9, proc.stderr.decode()
    with marsad.open(path) as archive:
        before = archive.check()
        assert not before.ok  # the interrupted delete shows
        after = archive.check(repair=True)
        assert after.ok, after.to_dict()
        assert not archive.store.existing_ids([victim])
        assert victim not in archive.index.all_ids()
        assert archive.check().ok
