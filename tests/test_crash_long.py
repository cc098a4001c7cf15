"""The long crash test (`make test-long`): SaudiNewsNet pages, 60 SIGKILLs at random moments and at
every named write-path point, larger batches and index commits, then the same exactness proof."""

from __future__ import annotations

import json

import pytest

import marsad
from marsad import faults

from tests.conftest import ROOT, need_shared
from tests.crash_harness import assert_exact, kill_many

pytestmark = pytest.mark.slow


def test_sixty_kills_over_saudinewsnet_leave_the_archive_exact(tmp_path):
    saudi = need_shared("data", "saudinewsnet")
    inputs = sorted(saudi.glob("*.zip"))[:2]
    reference = tmp_path / "reference"
    with marsad.open(reference) as archive:
        report = archive.ingest(inputs)
    assert report.added > 500, report.to_dict()
    points = [f"{p}:{k}" for p in faults.POINTS if p != "run.end" for k in (2, 5)]
    points += ["index.commit:1:0.01", "index.commit:2:0.05", "batch.stored:4:0.003"]
    log = kill_many(tmp_path / "archive", inputs, points=points, random_kills=60 - len(points),
                    window=(1.5, 25.0), batch_size=48, commit_every=200, seed=11)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "crash-long-runs.json").write_text(json.dumps(log.runs, ensure_ascii=False, indent=1))
    assert log.kills >= 40, f"only {log.kills} of {len(log.runs)} runs were killed"
    summary = assert_exact(tmp_path / "archive", reference)
    assert summary["articles"] == report.added
