"""Reading stories and storylines back from the archive for the CLI, HTTP API and web pages."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from marsad.errors import NotFound
from marsad.stories.coverage import coverage, wire_origin
from marsad.stories.features import terms
from marsad.stories.prior import prior_df
from marsad.stories.summary import candidates, summarize
from marsad.stories.vectors import DocumentFrequencies

STORY_COLUMNS = ("id, title, rep_article, first_published, last_published, size, n_sources, sources, "
                 "storyline")


def _story(row) -> dict:
    d = dict(row)
    d["sources"] = json.loads(d.get("sources") or "[]")
    return d


def list_stories(store, *, since: str | None = None, min_sources: int = 1, limit: int = 50,
                 offset: int = 0, storyline: int | None = None) -> tuple[int, list[dict]]:
    """Stories newest first (by the day of their last article), the biggest first within a day."""
    # Every story has an outlet, so "at least one" filters nothing: left out, the count reads an index
    # instead of the whole table (its rows carry the centroids).
    where, params = (["n_sources >= ?"], [min_sources]) if min_sources > 1 else ([], [])
    if since:
        where.append("last_published >= ?")
        params.append(since)
    if storyline is not None:
        where.append("storyline = ?")
        params.append(storyline)
    clause = " AND ".join(where) or "1"
    total = store.query(f"SELECT COUNT(*) FROM stories WHERE {clause}", params)[0][0]
    day = _last_day_on_page(store, clause, params, offset + limit)
    if day:
        clause, params = f"{clause} AND last_published >= ?", params + [day]
    rows = store.query(
        f"SELECT {STORY_COLUMNS} FROM stories WHERE {clause} "
        "ORDER BY substr(COALESCE(last_published, ''), 1, 10) DESC, size DESC, n_sources DESC, id DESC "
        "LIMIT ? OFFSET ?", params + [limit, offset])
    return total, [_story(r) for r in rows]


def _last_day_on_page(store, clause: str, params: list, n: int) -> str | None:
    """The day of the ``n``-th story in time order: the first ``n`` stories in day order all end on or
    after it, so the page is sorted from a range of the ``last_published`` index instead of the whole
    table. None when fewer than ``n`` stories are dated (the undated come last, the whole table is needed)."""
    rows = store.query(f"SELECT substr(last_published, 1, 10) FROM stories WHERE {clause} AND last_published "
                       "IS NOT NULL ORDER BY last_published DESC LIMIT 1 OFFSET ?", params + [n - 1])
    return rows[0][0] if rows else None


def get_story_row(store, story_id: int) -> dict:
    rows = store.query(f"SELECT {STORY_COLUMNS}, centroid FROM stories WHERE id=?", (story_id,))
    if not rows:
        raise NotFound(f"no story with id {story_id} in this archive; list them with `marsad stories`")
    return _story(rows[0])


def story_of_article(store, article_id: str) -> int | None:
    rows = store.query("SELECT story_id FROM story_members WHERE article_id=?", (article_id,))
    return rows[0][0] if rows else None


def members(store, story_id: int) -> list[dict]:
    rows = store.query(
        "SELECT a.id, a.source, a.title, a.published, a.url, a.agency, a.dateline, m.length, m.score, t.text "
        "FROM story_members m JOIN articles a ON a.id = m.article_id JOIN texts t ON t.hash = a.text_hash "
        "WHERE m.story_id=? ORDER BY COALESCE(a.published, ''), a.id", (story_id,))
    return [dict(r) for r in rows]


def _in(ids) -> str:
    return ",".join("?" * len(ids))


def _groups(store, ids: list[str]) -> dict[str, dict]:
    try:
        rows = store.query(f"SELECT * FROM dup_groups WHERE article_id IN ({_in(ids)})", ids)
    except Exception:  # the dedup stage's table is optional
        return {}
    return {r["article_id"]: dict(r) for r in rows}


def _dfs(store, words: set[str]) -> DocumentFrequencies:
    dfs = DocumentFrequencies(prior_df())
    state = store.query("SELECT value FROM story_state WHERE key='n_docs'")
    dfs.n_docs = int(state[0][0]) if state else 0
    words = list(words)
    for i in range(0, len(words), 500):
        chunk = words[i:i + 500]
        for r in store.query(f"SELECT term, df FROM story_df WHERE term IN ({_in(chunk)})", chunk):
            dfs.df[r[0]] = r[1]
    return dfs


class _Doc:
    def __init__(self, m: dict):
        self.id, self.source, self.text = m["id"], m["source"], m["text"] or ""


def story_summary(store, story: dict, rows: list[dict], k: int = 4) -> list[dict]:
    docs = [_Doc(m) for m in rows]
    words: set[str] = set()
    texts = {d.id: d.text for d in docs}
    for aid, _, start, end, _ in candidates(docs):
        words.update(terms(texts[aid][start:end]))
    centroid = json.loads(story.get("centroid") or "{}")
    return [s.__dict__ for s in summarize(docs, centroid, _dfs(store, words), k=k)]


def timeline(rows: list[dict]) -> list[dict]:
    """Articles per day and outlet, in day order."""
    days: dict[str, Counter] = defaultdict(Counter)
    for m in rows:
        days[(m["published"] or "")[:10] or "unknown"][m["source"]] += 1
    return [{"day": d, "sources": dict(c), "articles": sum(c.values())} for d, c in sorted(days.items())]


def story_detail(store, story_id: int, *, summary_sentences: int = 4) -> dict:
    story = get_story_row(store, story_id)
    rows = members(store, story_id)
    ids = [m["id"] for m in rows]
    groups = _groups(store, ids) if ids else {}
    quotes = [dict(r) for r in store.query(
        f"SELECT article_id, speaker, speaker_entity, kind, content FROM quotes WHERE article_id IN ({_in(ids)}) "
        "ORDER BY article_id, content_start", ids)] if ids else []
    entities = [dict(r) for r in store.query(
        f"SELECT m.entity_key AS key, COALESCE(e.name, m.text) AS name, m.type, COUNT(*) AS mentions, "
        f"COUNT(DISTINCT m.article_id) AS articles FROM mentions m LEFT JOIN entities e ON e.key = m.entity_key "
        f"WHERE m.article_id IN ({_in(ids)}) GROUP BY COALESCE(m.entity_key, m.text) "
        "ORDER BY articles DESC, mentions DESC LIMIT 15", ids)] if ids else []
    events = [dict(r) for r in store.query(
        f"SELECT article_id, kind, participants, place, date, date_text FROM events "
        f"WHERE article_id IN ({_in(ids)}) ORDER BY date", ids)] if ids else []
    for e in events:
        e["participants"] = json.loads(e["participants"] or "[]")
    cov = coverage([{**m, "length": len(m["text"] or "")} for m in rows], quotes, groups)
    detail = {
        **{k: v for k, v in story.items() if k != "centroid"},
        "summary": story_summary(store, story, rows, k=summary_sentences),
        "members": [{k: v for k, v in m.items() if k != "text"} | {"wire_from": wire_origin(m, groups),
                                                                  "length": len(m["text"] or "")}
                    for m in rows],
        "coverage": [c.to_dict() for c in cov],
        "timeline": timeline(rows),
        "entities": entities,
        "quotes": quotes[:30],
        "events": events[:30],
        "storyline_size": store.query("SELECT COUNT(*) FROM stories WHERE storyline=?", (story["storyline"],))[0][0],
    }
    return detail


def compare(store, story_id: int) -> dict:
    """The story as each outlet told it: coverage figures, headlines and lead sentence per outlet."""
    detail = story_detail(store, story_id, summary_sentences=0)
    texts = {m["id"]: m["text"] for m in members(store, story_id)}
    by_id = {m["id"]: m for m in detail["members"]}
    outlets = []
    for cov in detail["coverage"]:
        arts = []
        for aid in cov["article_ids"]:
            m = by_id[aid]
            lead = next(iter(candidates([_Doc({"id": aid, "source": m["source"], "text": texts[aid]})], 1)), None)
            arts.append({"id": aid, "title": m["title"], "published": m["published"], "url": m["url"],
                         "wire_from": m["wire_from"],
                         "lead": texts[aid][lead[2]:lead[3]] if lead else (texts[aid] or "")[:300]})
        outlets.append({**cov, "articles_detail": arts})
    return {"id": detail["id"], "title": detail["title"], "first_published": detail["first_published"],
            "last_published": detail["last_published"], "outlets": outlets}


def list_storylines(store, *, min_stories: int = 2, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """Storylines with at least ``min_stories`` stories, most recently active first."""
    total = store.query("SELECT COUNT(*) FROM (SELECT storyline FROM stories GROUP BY storyline "
                        "HAVING COUNT(*) >= ?)", (min_stories,))[0][0]
    rows = store.query(
        "SELECT storyline AS id, COUNT(*) AS stories, SUM(size) AS articles, MIN(first_published) AS first_published, "
        "MAX(last_published) AS last_published FROM stories GROUP BY storyline HAVING COUNT(*) >= ? "
        "ORDER BY substr(MAX(COALESCE(last_published, '')), 1, 10) DESC, COUNT(*) DESC LIMIT ? OFFSET ?",
        (min_stories, limit, offset))
    out = []
    for r in rows:
        line = dict(r)
        head = store.query("SELECT id, title FROM stories WHERE storyline=? ORDER BY size DESC, id LIMIT 1", (r["id"],))
        line["title"] = head[0]["title"] if head else None
        line["story_ids"] = [x[0] for x in store.query(
            "SELECT id FROM stories WHERE storyline=? ORDER BY first_published", (r["id"],))]
        out.append(line)
    return total, out
