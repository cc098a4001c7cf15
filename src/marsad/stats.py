"""Archive statistics: articles per source and per month, duplicates, languages, annotations."""

from __future__ import annotations

from typing import Any

from marsad.store import SqliteStore


def _table_exists(store: SqliteStore, name: str) -> bool:
    return bool(store.query("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)))


def archive_stats(store: SqliteStore) -> dict[str, Any]:
    q = store.query
    articles = q("SELECT count(*) FROM articles")[0][0]
    groups = q("SELECT count(*), coalesce(sum(n), 0) FROM "
               "(SELECT count(*) AS n FROM articles GROUP BY norm_hash HAVING n > 1)")[0]
    stats: dict[str, Any] = {
        "articles": articles,
        "distinct_texts": q("SELECT count(DISTINCT norm_hash) FROM articles")[0][0],
        "sources": {r[0]: r[1] for r in q("SELECT source, count(*) FROM articles GROUP BY source ORDER BY 2 DESC")},
        "months": {r[0] or "unknown": r[1] for r in q(
            "SELECT substr(published, 1, 7), count(*) FROM articles GROUP BY 1 ORDER BY 1")},
        "languages": {r[0] or "unknown": r[1] for r in q(
            "SELECT language, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")},
        "published_how": {r[0] or "unknown": r[1] for r in q(
            "SELECT published_how, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")},
        "exact_duplicates": {"groups": groups[0], "articles": groups[1]},
        "mentions": q("SELECT count(*) FROM mentions")[0][0],
        "entities": q("SELECT count(*) FROM entities")[0][0],
        "dates": q("SELECT count(*) FROM dates")[0][0],
        "quotes": q("SELECT count(*) FROM quotes")[0][0],
        "events": q("SELECT count(*) FROM events")[0][0],
        "rejections": q("SELECT count(*) FROM rejections")[0][0],
        "schema_version": store.schema_version,
    }
    if _table_exists(store, "dup_groups"):
        stats["near_duplicate_groups"] = q("SELECT count(DISTINCT group_id) FROM dup_groups")[0][0]
    if _table_exists(store, "stories"):
        stats["stories"] = q("SELECT count(*) FROM stories")[0][0]
    return stats
