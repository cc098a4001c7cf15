"""Read-side queries over the ``mentions`` and ``entities`` tables (CLI, API and web share them),
plus the archive-level helpers that link names across articles.

The core store writes one ``mentions`` row per mention (with its ``entity_key``) and upserts one
``entities`` row per key (display name, type, variants as written, mention count).
"""

from __future__ import annotations

import json
from typing import Any

from marsad.store.where import Where
from marsad.errors import NotFound

TYPES = ("PER", "ORG", "LOC", "MISC")


def _filters(type_: str | None, source: str | None, since: str | None) -> tuple[str, list]:
    w = Where().add("m.type = ?", type_.upper() if type_ else None).add("a.source = ?", source) \
        .add("a.published >= ?", since)
    return (" " + w.sql("AND")) if w.clauses else "", w.params


def top_entities(store, *, type_: str | None = None, source: str | None = None, since: str | None = None,
                 limit: int = 20) -> list[dict[str, Any]]:
    """Entities by number of articles (then mentions) within the filters. Without an outlet or date
    filter the counts the writer keeps on ``entities`` answer from an index (a busy server asks this
    on every entity page); with one, the mentions are counted."""
    if source is None and since is None:
        where, params = ("WHERE type = ? ", [type_.upper()]) if type_ else ("", [])
        rows = store.query(f"SELECT key, name, type, mentions, articles FROM entities {where}"
                           "ORDER BY articles DESC, mentions DESC, key LIMIT ?", (*params, int(limit)))
        return [{"key": r["key"], "name": r["name"], "type": r["type"], "mentions": r["mentions"],
                 "articles": r["articles"]} for r in rows if r["articles"] > 0]
    cond, params = _filters(type_, source, since)
    rows = store.query(
        "SELECT m.entity_key AS key, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles, "
        "e.name AS name, COALESCE(e.type, MIN(m.type)) AS type "
        "FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN entities e ON e.key = m.entity_key "
        f"WHERE m.entity_key IS NOT NULL{cond} GROUP BY m.entity_key "
        "ORDER BY articles DESC, mentions DESC, m.entity_key LIMIT ?",
        (*params, int(limit)),
    )
    return [{"key": r["key"], "name": r["name"] or r["key"].split(":", 1)[-1], "type": r["type"],
             "mentions": r["mentions"], "articles": r["articles"]} for r in rows]


_HAS_MENTIONS = "EXISTS (SELECT 1 FROM mentions m WHERE m.entity_key = entities.key)"


def find_key(store, name_or_key: str) -> str:
    """An entity key from a key («PER:…») or from any name or variant; entities whose articles were
    all deleted (no mention left) are not found."""
    if store.query(f"SELECT 1 FROM entities WHERE key = ? AND {_HAS_MENTIONS}", (name_or_key,)):
        return name_or_key
    keys = lookup_entity(store, name_or_key)
    counted = store.query(
        f"SELECT key FROM entities WHERE key IN ({','.join('?' * len(keys))}) AND {_HAS_MENTIONS} "
        "ORDER BY mentions DESC", keys
    ) if keys else []
    if not counted:
        raise NotFound(f"no entity named {name_or_key!r} in this archive (try `marsad entities`)")
    return counted[0]["key"]


def entity_detail(store, name_or_key: str, *, co_limit: int = 15) -> dict[str, Any]:
    """One entity: variants, mentions per month and outlet, sources, co-mentioned entities."""
    key = find_key(store, name_or_key)
    row = store.query("SELECT * FROM entities WHERE key = ?", (key,))
    surfaces = store.query(
        "SELECT text, nominal, COUNT(*) AS n FROM mentions WHERE entity_key = ? GROUP BY text, nominal "
        "ORDER BY n DESC, text", (key,))
    variants = [r["text"] for r in surfaces if not r["nominal"]]
    descriptions = [{"text": r["text"], "mentions": r["n"]} for r in surfaces if r["nominal"]]
    if row:
        variants += [v for v in json.loads(row[0]["variants"] or "[]") if v not in variants]
    # One pass over the entity's mentions per month and outlet gives the timeline, the outlets and the
    # totals (an article has one month and one outlet, so distinct-article counts add up).
    cells = store.query(
        "SELECT substr(a.published, 1, 7) AS month, a.source AS source, COUNT(*) AS mentions, "
        "COUNT(DISTINCT a.id) AS articles FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.entity_key = ? GROUP BY month, a.source ORDER BY month, a.source", (key,))
    by_source: dict[str, dict[str, Any]] = {}
    for c in cells:
        s = by_source.setdefault(c["source"], {"source": c["source"], "mentions": 0, "articles": 0})
        s["mentions"] += c["mentions"]
        s["articles"] += c["articles"]
    sources = sorted(by_source.values(), key=lambda s: (-s["articles"], s["source"]))
    # Co-mentioned entities over the entity's distinct articles: joining mention to mention instead
    # would visit an article once per mention of the entity (four times slower on SaudiNewsNet).
    co = store.query(
        "SELECT c.key, e.name AS name, e.type AS type, c.articles FROM ("
        "SELECT o.entity_key AS key, COUNT(DISTINCT o.article_id) AS articles FROM mentions o "
        "WHERE o.article_id IN (SELECT article_id FROM mentions WHERE entity_key = ?) AND o.entity_key != ? "
        "GROUP BY o.entity_key ORDER BY articles DESC, o.entity_key LIMIT ?) c "
        "LEFT JOIN entities e ON e.key = c.key ORDER BY c.articles DESC, c.key", (key, key, co_limit))
    return {
        "key": key,
        "name": row[0]["name"] if row else key.split(":", 1)[-1],
        "type": row[0]["type"] if row else key.split(":", 1)[0],
        "variants": variants,
        "descriptions": descriptions,
        "mentions": sum(s["mentions"] for s in sources),
        "articles": sum(s["articles"] for s in sources),
        "timeline": [{"month": c["month"], "source": c["source"], "mentions": c["mentions"]} for c in cells],
        "sources": sources,
        "co_mentioned": [{**dict(r), "name": r["name"] or r["key"].split(":", 1)[-1]} for r in co],
    }


def lookup_entity(store, name: str) -> list[str]:
    """Entity keys for ``name`` under any variant, for search and the entity commands: the keys its
    folded form gives under every type (clitics, titles, transliteration, stated equivalences),
    entities listing it as a variant, and the family-name link both ways («لافروف» ↔ «سيرغي
    لافروف») when the archive holds exactly one full name with that family name. Keys present in
    the ``entities`` table come first; the others may still be in the search index (a key merged
    away by :func:`resolve_archive` after its articles were indexed)."""
    from marsad.extract.entities import canonical_key, clean_name

    wanted: list[str] = []
    for typ in TYPES:
        ws = clean_name(name, typ)
        if ws and canonical_key(ws, typ)[0] not in wanted:
            wanted.append(canonical_key(ws, typ)[0])
    if not wanted:
        return []
    existing = {r["key"] for r in store.query(
        f"SELECT key FROM entities WHERE key IN ({','.join('?' * len(wanted))})", wanted)}
    if not existing:
        existing = set(_variant_keys(store, name))
    aliases: list[str] = []
    folded = wanted[0].split(":", 1)[1]
    parts = folded.split()
    if len(parts) == 1:
        full = _sole_full_name(store, parts[0])
        if full:
            aliases.append(full)
    elif _sole_full_name(store, parts[-1]) == f"PER:{folded}":
        aliases.append(f"PER:{parts[-1]}")
    keys = sorted(existing | {a for a in aliases if a.startswith("PER:") and a.count(" ")})
    return keys + [k for k in wanted + aliases if k not in keys]


def _variant_keys(store, name: str) -> list[str]:
    """Entities that list ``name`` (as written) among their variants."""
    rows = store.query("SELECT key FROM entities WHERE variants LIKE ?", (f'%"{name.strip()}"%',))
    return [r["key"] for r in rows]


def _sole_full_name(store, family: str) -> str | None:
    rows = store.query("SELECT key FROM entities WHERE type = 'PER' AND key LIKE ?", (f"PER:% {family}",))
    return rows[0]["key"] if len(rows) == 1 else None


def _merge_key(store, short: str, target: str) -> None:
    r = store.query("SELECT variants, mentions FROM entities WHERE key = ?", (short,))
    t = store.query("SELECT variants FROM entities WHERE key = ?", (target,))
    if not r or not t:
        return
    variants = json.loads(t[0]["variants"] or "[]")
    variants += [v for v in json.loads(r[0]["variants"] or "[]") if v not in variants]
    with store.transaction():
        store.execute("UPDATE mentions SET entity_key = ? WHERE entity_key = ?", (target, short))
        store.execute("UPDATE entities SET variants = ?, mentions = mentions + ? WHERE key = ?",
                      (json.dumps(variants, ensure_ascii=False), r[0]["mentions"], target))
        store.execute("DELETE FROM entities WHERE key = ?", (short,))
        # the two may share articles: count the merged entity's articles again (indexed, one entity)
        store.execute("UPDATE entities SET articles = (SELECT COUNT(DISTINCT article_id) FROM mentions "
                      "WHERE entity_key = ?) WHERE key = ?", (target, target))


def resolve_archive(store) -> int:
    """Archive-level linking, after ingest: a name tagged with several types keeps its most
    mentioned one, then every lone family name (one-word person key) joins the one full name of the
    archive that ends with it, when there is exactly one. Returns how many keys were merged."""
    from marsad.extract.entities import family_name_links, translit_links, type_links

    counts = {r["key"]: r["mentions"] for r in store.query("SELECT key, mentions FROM entities")}
    merged = 0
    for short, target in type_links(counts).items():
        _merge_key(store, short, target)
        merged += 1
    counts = {r["key"]: r["mentions"] for r in store.query("SELECT key, mentions FROM entities")}
    for variant, target in translit_links(counts).items():  # «دميتري فالكوف» → «ديمتري فولكوف»
        _merge_key(store, variant, target)
        merged += 1
    keys = [r["key"] for r in store.query("SELECT key FROM entities WHERE type = 'PER'")]
    for short, target in family_name_links(keys).items():
        _merge_key(store, short, target)
        merged += 1
    return merged


def drop_orphans(store, leaving: list[str] = ()) -> int:
    """Delete entity rows no mention refers to any more, counting the mentions of the articles
    ``leaving`` (being deleted: the archive calls stages before it removes the rows) as gone."""
    marks = ",".join("?" * len(leaving))
    outside = f" AND m.article_id NOT IN ({marks})" if leaving else ""
    orphans = [r["key"] for r in store.query(
        f"SELECT key FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions m "
        f"WHERE m.entity_key = entities.key{outside})", tuple(leaving))]
    with store.transaction():
        for key in orphans:
            store.execute("DELETE FROM entities WHERE key = ?", (key,))
    return len(orphans)


class EntityLinker:
    """Archive stage (see CONTRACTS.md) that runs :func:`resolve_archive` after each ingest batch."""

    name = "entities"

    def update(self, archive, article_ids: list[str]) -> None:
        if article_ids:
            resolve_archive(archive.store)

    def forget(self, archive, article_ids: list[str]) -> None:
        # called before the store removes the mentions; an entity left without any is gone
        drop_orphans(archive.store, article_ids)

    def rebuild(self, archive) -> None:
        drop_orphans(archive.store)
        resolve_archive(archive.store)
