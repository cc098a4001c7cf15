"""Reading duplicate groups and the republication view out of an archive.

Everything here reads the tables the dedup stage keeps (``dup_groups``, ``dedup_links``) joined with
``articles``; nothing recomputes. Used by the CLI (``marsad copies``, ``marsad republication``), the
HTTP API (``/api/copies``, ``/api/republication``), the web page ``/copies`` and the dedup eval.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from marsad.errors import NotFound

_MEMBER_SQL = (
    "SELECT g.group_id, g.article_id, g.role, g.first_publisher, g.agency, g.kept_share, g.lines_added, "
    "g.lines_removed, g.delay_s, a.source, a.title, a.published, a.url "
    "FROM dup_groups g JOIN articles a ON a.id = g.article_id "
)
_ROLE_ORDER = {"first": 0, "copy": 1, "embeds": 2}


def copy_pairs(archive) -> set[frozenset[str]]:
    """Unordered pairs of articles that are copies of one text: two copies in one group, or a
    container with a member it was verified to contain (see :func:`marsad.dedup.groups.copy_pairs`)."""
    core: dict[str, list[str]] = {}
    for gid, aid in archive.store.query("SELECT group_id, article_id FROM dup_groups WHERE role != 'embeds'"):
        core.setdefault(gid, []).append(aid)
    out: set[frozenset[str]] = set()
    for ids in core.values():
        ids.sort()
        for i, a in enumerate(ids):
            out.update(frozenset((a, b)) for b in ids[i + 1 :])
    rows = archive.store.query("SELECT a, b FROM dedup_links WHERE kind = 'embedded'")
    out.update(frozenset((a, b)) for a, b in rows)
    return out


def _member(r) -> dict[str, Any]:
    return {
        "id": r["article_id"], "source": r["source"], "title": r["title"], "published": r["published"],
        "url": r["url"], "role": r["role"], "kept_share": r["kept_share"], "lines_added": r["lines_added"],
        "lines_removed": r["lines_removed"],
        "delay_hours": round(r["delay_s"] / 3600, 2) if r["delay_s"] is not None else None,
    }


def _assemble(rows) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        g = groups.setdefault(r["group_id"], {
            "group_id": r["group_id"], "first_publisher": r["first_publisher"], "agency": r["agency"],
            "members": [],
        })
        g["members"].append(_member(r))
    out = []
    for g in groups.values():
        g["members"].sort(key=lambda m: (_ROLE_ORDER.get(m["role"], 3), m["published"] or "", m["id"]))
        first = g["members"][0]
        g["first"] = first
        g["title"] = first["title"]
        g["published"] = first["published"]
        g["copies"] = sum(m["role"] == "copy" for m in g["members"])
        g["containers"] = sum(m["role"] == "embeds" for m in g["members"])
        g["sources"] = sorted({m["source"] for m in g["members"]})
        out.append(g)
    return out


def origin_key(name: str) -> str:
    """An origin as the user types it: an agency name or abbreviation («واس», "was", "SPA") becomes
    the agency key (``spa``); anything else (an outlet name) is kept."""
    if name.lower() == "was":  # «واس» typed in Latin letters
        return "spa"
    try:
        from marsad.arabic.agencies import find_agency
    except ImportError:
        return name
    return find_agency(name) or name


def list_groups(archive, *, source: str | None = None, origin: str | None = None, limit: int = 50,
                offset: int = 0) -> tuple[int, list[dict]]:
    """Duplicate groups, biggest first. ``source``: only groups where that outlet republished (a copy
    or a container), i.e. what it took from others. ``origin``: only groups first published by, or
    crediting, that outlet or agency."""
    clauses, params = [], []
    if source:
        clauses.append("group_id IN (SELECT g.group_id FROM dup_groups g JOIN articles a ON a.id = g.article_id "
                       "WHERE a.source = ? AND g.role != 'first')")
        params.append(source)
    if origin:
        key = origin_key(origin)
        clauses.append("(first_publisher = ? OR agency = ?)")
        params.extend([key, key])
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = archive.store.query(f"SELECT count(DISTINCT group_id) FROM dup_groups {where}", params)[0][0]
    ids = [r[0] for r in archive.store.query(
        f"SELECT group_id, count(*) AS n, max(delay_s) FROM dup_groups {where} GROUP BY group_id "
        "ORDER BY n DESC, group_id LIMIT ? OFFSET ?", [*params, limit, offset])]
    if not ids:
        return total, []
    rows = archive.store.query(_MEMBER_SQL + f"WHERE g.group_id IN ({','.join('?' * len(ids))})", ids)
    by_id = {g["group_id"]: g for g in _assemble(rows)}
    return total, [by_id[i] for i in ids if i in by_id]


def get_group(archive, group_id: str) -> dict[str, Any]:
    rows = archive.store.query(_MEMBER_SQL + "WHERE g.group_id = ?", (group_id,))
    if not rows:
        raise NotFound(f"no duplicate group {group_id!r}; list them with `marsad copies`")
    return _assemble(rows)[0]


def groups_of_article(archive, article_id: str) -> list[str]:
    return [r[0] for r in archive.store.query("SELECT group_id FROM dup_groups WHERE article_id=?", (article_id,))]


def republication(archive) -> list[dict[str, Any]]:
    """Who republishes whom: one row per (republishing outlet, origin), where the origin is the wire
    agency the group credits or else the first publisher; how many texts, how many as verbatim-ish
    copies vs embedded in longer pieces, and the median delay after the first publication."""
    rows = archive.store.query(
        "SELECT g.group_id, g.role, g.first_publisher, g.agency, g.delay_s, a.source "
        "FROM dup_groups g JOIN articles a ON a.id = g.article_id WHERE g.role != 'first'")
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        origin = r["agency"] or r["first_publisher"]
        if r["source"] == origin:
            continue
        cell = cells.setdefault((r["source"], origin), {"groups": set(), "copies": 0, "embedded": 0, "delays": []})
        cell["groups"].add(r["group_id"])
        cell["copies" if r["role"] == "copy" else "embedded"] += 1
        if r["delay_s"] is not None and r["delay_s"] >= 0:
            cell["delays"].append(r["delay_s"])
    out = []
    for (source, origin), c in cells.items():
        out.append({
            "source": source, "origin": origin, "origin_kind": "agency" if _is_agency(origin) else "outlet",
            "texts": len(c["groups"]), "copies": c["copies"], "embedded": c["embedded"],
            "median_delay_hours": round(median(c["delays"]) / 3600, 2) if c["delays"] else None,
        })
    out.sort(key=lambda x: (-x["texts"], x["source"], x["origin"]))
    return out


def _is_agency(name: str) -> bool:
    try:
        from marsad.arabic.agencies import AGENCIES
    except ImportError:
        return False
    return any(a.key == name for a in AGENCIES)


def summary(archive) -> dict[str, Any]:
    """Counts for docs and the web page header."""
    q = archive.store.query
    return {
        "groups": q("SELECT count(DISTINCT group_id) FROM dup_groups")[0][0],
        "articles_in_groups": q("SELECT count(DISTINCT article_id) FROM dup_groups")[0][0],
        "copies": q("SELECT count(*) FROM dup_groups WHERE role='copy'")[0][0],
        "containers": q("SELECT count(*) FROM dup_groups WHERE role='embeds'")[0][0],
        "indexed": q("SELECT count(*) FROM dedup_sketches")[0][0],
    }


def near_copies_of(archive, article_id: str) -> list[dict[str, Any]]:
    """Other articles that share a duplicate group with ``article_id`` (for the article page):
    ``id, source, title, published, role, group_id``, first publication first."""
    rows = archive.store.query(
        "SELECT g.group_id, g.article_id, g.role, a.source, a.title, a.published FROM dup_groups g "
        "JOIN articles a ON a.id = g.article_id WHERE g.group_id IN "
        "(SELECT group_id FROM dup_groups WHERE article_id = ?) AND g.article_id != ? "
        "ORDER BY (g.role != 'first'), a.published, g.article_id", (article_id, article_id))
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["article_id"] in seen:
            continue
        seen.add(r["article_id"])
        out.append({"id": r["article_id"], "source": r["source"], "title": r["title"],
                    "published": r["published"], "role": r["role"], "group_id": r["group_id"]})
    return out


def republication_table(archive) -> list[dict[str, Any]]:
    """:func:`republication` in the shape the sources page shows (republisher, original, copies)."""
    return [{"republisher": r["source"], "original": r["origin"], "copies": r["texts"],
             "median_delay_hours": r["median_delay_hours"]} for r in republication(archive)]
