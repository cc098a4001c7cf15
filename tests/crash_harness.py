"""Kill `marsad ingest` with SIGKILL at many points, rerun it, and prove the archive exact.

Used by tests/test_crash.py (the sample corpus plus generated records, in `make test`) and its slow
variant (SaudiNewsNet, in `make test-long`). Two kinds of kill:

* at a named point of the write path (``MARSAD_FAULT``, see ``marsad.faults.POINTS``), optionally a
  few milliseconds *after* it so the kill lands inside a tantivy commit or a SQLite transaction;
* after a random delay, wherever the process happens to be.

"Exact" means: every input article is present once and only once; none is half-written (its text,
title and every annotation equal those of a reference archive built by one uninterrupted run); the
search index holds exactly the database's ids, each once; derived data (entities, near-duplicates,
stories) covers every article and passes ``marsad check`` with no problem at all.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import marsad


@dataclass
class KillLog:
    runs: list[dict] = field(default_factory=list)

    @property
    def kills(self) -> int:
        return sum(1 for r in self.runs if r["killed"])


def ingest_cmd(archive: Path, inputs: list[Path], batch_size: int) -> list[str]:
    return [sys.executable, "-m", "marsad", "ingest", "--quiet", "--archive", str(archive),
            "--batch-size", str(batch_size), *map(str, inputs)]


def run_ingest(archive: Path, inputs: list[Path], *, batch_size: int, commit_every: int, fault: str | None = None,
               kill_after: float | None = None, timeout: float = 600) -> dict:
    env = dict(os.environ, MARSAD_INDEX_COMMIT_EVERY=str(commit_every))
    env.pop("MARSAD_FAULT", None)
    if fault:
        env["MARSAD_FAULT"] = fault
    started = time.monotonic()
    proc = subprocess.Popen(ingest_cmd(archive, inputs, batch_size), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=timeout)
    killed = proc.returncode == -signal.SIGKILL
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"ingest failed (exit {proc.returncode}, fault {fault}): {err.decode()[-2000:]}")
    return {"fault": fault, "kill_after": kill_after, "killed": killed, "exit": proc.returncode,
            "seconds": round(time.monotonic() - started, 2), "stdout": out.decode().strip()[-200:]}


def kill_many(archive: Path, inputs: list[Path], *, points: list[str], random_kills: int, window: tuple[float, float],
              batch_size: int, commit_every: int, seed: int = 7) -> KillLog:
    """Named-point kills and random-time kills, interleaved (so both land while work remains), then one
    run to the end. A run that finishes unkilled means the input is all in: the round stops there."""
    rng = random.Random(seed)
    plan: list[tuple[str | None, float | None]] = []
    randoms = [(None, round(rng.uniform(*window), 3)) for _ in range(random_kills)]
    named = [(p, None) for p in points]
    while randoms or named:
        for queue in (named, randoms):
            if queue:
                plan.append(queue.pop(0))
    log = KillLog()
    for fault, delay in plan:
        run = run_ingest(archive, inputs, batch_size=batch_size, commit_every=commit_every, fault=fault,
                         kill_after=delay)
        log.runs.append(run)
        if not run["killed"]:
            break
    final = run_ingest(archive, inputs, batch_size=batch_size, commit_every=commit_every)
    assert not final["killed"]
    log.runs.append(final)
    return log


def article_digest(archive: marsad.Archive, article_id: str) -> dict:
    """What must not differ between an archive built through crashes and one built in one go."""
    a = archive.get(article_id)
    return {
        "title": a.title, "text": a.text, "source": a.source, "published": a.published,
        "mentions": sorted((m.start, m.end, m.type) for m in a.mentions),
        "dates": sorted((d.start, d.end, d.value) for d in a.dates),
        "quotes": sorted((q.content_start, q.content_end, q.speaker) for q in a.quotes),
        "events": sorted((e.kind, e.evidence_start, e.evidence_end) for e in a.events),
    }


def assert_exact(path: Path, reference: Path) -> dict:
    """Assert the archive at ``path`` is exact against ``reference``; return a summary."""
    with marsad.open(reference) as ref, marsad.open(path) as arch:
        report = arch.check()
        assert report.ok and not report.problems, json.dumps(report.to_dict(), ensure_ascii=False)[:3000]
        ref_ids = sorted(r[0] for r in ref.store.query("SELECT id FROM articles"))
        ids = sorted(r[0] for r in arch.store.query("SELECT id FROM articles"))
        assert ids == ref_ids, f"{len(set(ref_ids) - set(ids))} articles missing, {len(set(ids) - set(ref_ids))} extra"
        indexed = arch.index.all_ids()
        assert sorted(indexed) == ids, "the search index does not hold exactly the database's articles, once each"
        differing = [i for i in ids if article_digest(arch, i) != article_digest(ref, i)]
        assert not differing, f"{len(differing)} articles differ from the uninterrupted run, e.g. {differing[0]}"
        q = arch.store.query
        n = len(ids)
        assert q("SELECT COUNT(*) FROM story_members")[0][0] == n, "an article is in no story"
        assert q("SELECT COUNT(*) FROM dedup_sketches")[0][0] == n, "an article was never near-dup indexed"
        assert q("SELECT COUNT(*) FROM stage_queue")[0][0] == 0
        assert q("SELECT COUNT(*) FROM index_queue")[0][0] == 0
        runs = q("SELECT status, COUNT(*) FROM ingest_runs GROUP BY status")
        assert "running" not in {r[0] for r in runs}
        texts = q("SELECT COUNT(*) FROM texts")[0][0]
        return {"articles": n, "indexed": len(indexed), "texts": texts, "stories": q("SELECT COUNT(*) FROM stories")[0][0]}


def write_variants(path: Path, pages: list[tuple[str, str, str]], n: int) -> Path:
    """JSONL records derived from pages (source, title, text): each keeps a page's text and adds an
    invented update line, so they are new articles that are near-duplicates of the pages (dedup and
    stories have work to do), spread over the page's outlet and two invented ones."""
    extra_sources = ["نشرة-الساحل", "مرآة-الجنوب"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            source, title, text = pages[i % len(pages)]
            who = [source, *extra_sources][i % 3]
            line = f"وفي تحديث رقم {i + 1} أفاد مراسلنا بأن الاتصالات ما زالت جارية بين الأطراف المعنية."
            fh.write(json.dumps({"id": f"v{i}", "source": who, "title": f"{title} ({i + 1})",
                                 "text": f"{text}\n{line}", "published": f"2024-03-{1 + i % 27:02d}",
                                 "url": f"https://example.org/{who}/{i}"}, ensure_ascii=False) + "\n")
    return path
