"""The load benchmark (benchmarks/load.py) end to end on the sample archive: a few clients hit every
endpoint family of a real `marsad serve` while `marsad ingest` writes generated records into the same
archive, and not one request fails. No timing is asserted: the machine is shared.

Also: the read queries rewritten after the benchmark found them slow (the story list, one entity's
profile) answer exactly what the plain SQL they replace answers."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

import marsad
from marsad.extract.entity_queries import entity_detail
from marsad.sample import SAMPLE_DIR
from marsad.stories.views import STORY_COLUMNS, _story, list_stories

from tests.conftest import ROOT
from tests.crash_harness import write_variants


def test_load_benchmark_answers_every_request_while_an_ingest_writes(sample_archive, tmp_path):
    pages = [(f.parent.name, f.stem, f.read_text(encoding="utf-8")) for f in sorted(SAMPLE_DIR.rglob("*.txt"))]
    during = write_variants(tmp_path / "during.jsonl", pages, 120)
    out = tmp_path / "load.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--archive", str(sample_archive),
         "--during", str(during), "--clients", "4", "--pause", "0.05", "--seconds", "4", "--warmup", "1",
         "--ingest-batch", "10", "--commit-every", "20", "--no-doc", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    target = json.loads(out.read_text(encoding="utf-8"))["target"]
    rows = {row["endpoint"]: row for row in target["endpoints"]}
    assert set(rows) == {"search", "article", "story list", "story", "entity list", "entity", "all"}
    assert all(row["requests"] > 0 for row in rows.values()), rows
    assert rows["all"]["errors"] == 0, target["error_samples"]
    assert target["articles_added"] > 0, "the ingest wrote nothing while the clients were running"


@pytest.fixture(scope="module")
def store(sample_archive):
    with marsad.open(sample_archive) as archive:
        yield archive.store


def _plain_story_list(store, since, min_sources, limit, offset, storyline):
    where, params = ["n_sources >= ?"], [min_sources]
    if since:
        where.append("last_published >= ?")
        params.append(since)
    if storyline is not None:
        where.append("storyline = ?")
        params.append(storyline)
    clause = " AND ".join(where)
    total = store.query(f"SELECT COUNT(*) FROM stories WHERE {clause}", params)[0][0]
    rows = store.query(f"SELECT {STORY_COLUMNS} FROM stories WHERE {clause} ORDER BY "
                       "substr(COALESCE(last_published, ''), 1, 10) DESC, size DESC, n_sources DESC, id DESC "
                       "LIMIT ? OFFSET ?", params + [limit, offset])
    return total, [_story(r) for r in rows]


def test_story_list_pages_are_those_of_the_whole_table_sorted(store):
    n = store.query("SELECT COUNT(*) FROM stories")[0][0]
    lines = [r[0] for r in store.query("SELECT storyline FROM stories GROUP BY storyline "
                                       "ORDER BY COUNT(*) DESC LIMIT 2")]
    days = sorted({r[0][:10] for r in store.query("SELECT last_published FROM stories "
                                                  "WHERE last_published IS NOT NULL")})
    assert n >= 5 and len(days) >= 3, "the sample archive should hold stories over several days"
    pages = 0
    for since, min_sources, limit, storyline in itertools.product([None, days[len(days) // 2]], [1, 2],
                                                                   [1, 3, 20], [None, *lines]):
        for offset in range(0, n + 2, limit):
            kw = dict(since=since, min_sources=min_sources, limit=limit, offset=offset, storyline=storyline)
            expected = _plain_story_list(store, since, min_sources, limit, offset, storyline)
            assert list_stories(store, **kw) == expected, kw
            pages += 1
    assert pages > 50


def _plain_entity_numbers(store, key):
    timeline = store.query(
        "SELECT substr(a.published, 1, 7) AS month, a.source AS source, COUNT(*) AS mentions FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_key = ? GROUP BY month, a.source "
        "ORDER BY month, a.source",
        (key,))
    sources = store.query(
        "SELECT a.source AS source, COUNT(*) AS mentions, COUNT(DISTINCT a.id) AS articles FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_key = ? GROUP BY a.source", (key,))
    co = store.query(
        "SELECT o.entity_key AS key, e.name AS name, e.type AS type, COUNT(DISTINCT o.article_id) AS articles "
        "FROM mentions m JOIN mentions o ON o.article_id = m.article_id AND o.entity_key != m.entity_key "
        "LEFT JOIN entities e ON e.key = o.entity_key WHERE m.entity_key = ? AND o.entity_key IS NOT NULL "
        "GROUP BY o.entity_key ORDER BY articles DESC, o.entity_key LIMIT 15", (key,))
    total = store.query("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM mentions WHERE entity_key = ?", (key,))[0]
    return {"mentions": total[0], "articles": total[1], "timeline": [dict(r) for r in timeline],
            "sources": sorted((dict(r) for r in sources), key=lambda s: (-s["articles"], s["source"])),
            "co_mentioned": [{**dict(r), "name": r["name"] or r["key"].split(":", 1)[-1]} for r in co]}


def test_entity_profile_numbers_are_those_of_the_plain_queries(store):
    keys = [r[0] for r in store.query("SELECT key FROM entities e WHERE EXISTS (SELECT 1 FROM mentions m "
                                      "WHERE m.entity_key = e.key) ORDER BY mentions DESC, key")]
    assert len(keys) > 20
    shared = 0
    for key in keys:
        detail = entity_detail(store, key)
        assert {k: detail[k] for k in ("mentions", "articles", "timeline", "sources", "co_mentioned")} == \
            _plain_entity_numbers(store, key), key
        shared += bool(detail["co_mentioned"])
    assert shared > len(keys) // 2  # the co-mention ranking was compared on real content, not on empty lists
