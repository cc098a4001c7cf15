"""The long crash test (`make test-long`): SaudiNewsNet articles, three rounds of SIGKILLs — every
named write-path point at two counts, kills a few milliseconds into index commits, and kills at random
moments — each round rerun to the end and proved exact (tests/crash_harness.py); 60 kills in all."""

from __future__ import annotations

import json
import random
import time
import zipfile

import pytest

import marsad
from marsad import faults

from tests.conftest import ROOT, need_shared
from tests.crash_harness import assert_exact, kill_many, run_ingest

pytestmark = pytest.mark.slow
ARTICLES = 600
TARGET_KILLS = 60
REACHED = [p for p in faults.POINTS if p not in ("run.end", "reclean")]  # no chrome to learn in JSON records
NAMED = ([f"{p}:{k}" for k in (2, 1, 3) for p in REACHED]
         + ["index.commit:1:0.01", "index.commit:2:0.05", "index.commit:1:0.002", "batch.stored:2:0.003",
            "stage.done:2:0.002", "batch.indexed:1:0.001"])


def test_sixty_kills_over_saudinewsnet_leave_the_archive_exact(tmp_path):
    saudi = need_shared("data", "saudinewsnet")
    with zipfile.ZipFile(sorted(saudi.glob("*.zip"))[0]) as z:
        records = json.loads(z.read(z.namelist()[0]))[:ARTICLES]
    source = tmp_path / "saudinewsnet-part.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    reference = tmp_path / "reference"
    started = time.monotonic()
    assert not run_ingest(reference, [source], batch_size=48, commit_every=150)["killed"]
    full = time.monotonic() - started
    with marsad.open(reference) as ref:
        n = ref.store.query("SELECT COUNT(*) FROM articles")[0][0]
    assert n > ARTICLES * 0.8
    rng = random.Random(11)
    runs, kills, named, rounds = [], 0, list(NAMED), 0
    while kills < TARGET_KILLS and rounds < 12:
        # Each round: a fresh archive killed over and over until the input is all in, then proved exact.
        points, named = named[:5], named[5:]
        log = kill_many(tmp_path / f"archive-{rounds}", [source], points=points, random_kills=12,
                        window=(1.0, 1.0 + full / 10), batch_size=48, commit_every=150, seed=rng.randrange(10**6))
        runs.extend(log.runs)
        kills += log.kills
        assert assert_exact(tmp_path / f"archive-{rounds}", reference)["articles"] == n
        rounds += 1
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "crash-long-runs.json").write_text(json.dumps(runs, ensure_ascii=False, indent=1))
    assert kills >= TARGET_KILLS, f"only {kills} of {len(runs)} runs were killed in {rounds} rounds"
    assert not named, f"named points never tried: {named}"
