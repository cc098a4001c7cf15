"""The archive stage that finds near-duplicates and keeps duplicate groups up to date.

Listed in :data:`marsad.pipeline.ARCHIVE_STAGES` as ``dedup``; the archive calls :meth:`update` after
every stored batch. Each new article is fingerprinted once, matched against the persisted sketches
(:mod:`marsad.dedup.state`), and only the groups its links touch are recomputed — the rest of the
archive is not read. Exact duplicates (same normalised text) need no special case: their shingle
sets are identical, so they meet in the LSH bands and verify as copies.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from marsad.dedup.groups import Group, Link, build_groups
from marsad.dedup.index import find_links, sketch, to_link
from marsad.dedup.match import edits
from marsad.dedup.shingles import fingerprint
from marsad.dedup.state import SqliteState

MAX_COMPONENT = 2000  # a daily template chained over months stops growing its group here


def _agencies() -> frozenset[str]:
    try:
        from marsad.arabic.agencies import AGENCIES
    except ImportError:  # the clean stage's list is optional: Article.agency is enough
        return frozenset()
    return frozenset(a.key for a in AGENCIES)


class NearDuplicateStage:
    name = "dedup"

    def __init__(self) -> None:
        self.agencies = _agencies()
        self._cache: OrderedDict = OrderedDict()  # fingerprints shared by the batches of one ingest

    def _wire_sources(self, store) -> frozenset[str]:
        """Agency keys plus the archive's sources registered as wire agencies (`marsad sources X --kind
        wire`): their own article wins a tie for first publisher."""
        return self.agencies | {r[0] for r in store.query("SELECT name FROM sources WHERE kind='wire'")}

    # -- archive-stage protocol ---------------------------------------------------------------
    def update(self, archive, article_ids: list[str]) -> None:
        """Index the new articles, link them to their copies and refresh the groups they touch.
        Articles already indexed are skipped, so repeating a call changes nothing."""
        store = archive.store
        state = SqliteState(store, self._cache)
        known = state.known(list(article_ids))
        new = [i for i in dict.fromkeys(article_ids) if i not in known]
        if not new:
            return
        members = state.members(new)
        order = sorted(members.values(), key=lambda m: (m.published or "", m.id))
        texts = state.texts_of([m.id for m in order])
        touched: set[str] = set()
        with store.transaction():
            for m in order:
                text = texts.get(m.id)
                if text is None:
                    continue
                fp = fingerprint(text)
                sk = sketch(fp)
                for found in find_links(state, m.id, fp, sk):
                    link = to_link(m.id, found)
                    state.put_link(m.id, found, link.container)
                    touched.update((m.id, found.other))
                state.put(m.id, sk)
                state.remember(m.id, fp)
            if touched:
                regroup(state, touched, self._wire_sources(store))

    def forget(self, archive, article_ids: list[str]) -> None:
        """Drop deleted articles and recompute the groups they were in."""
        store = archive.store
        state = SqliteState(store, self._cache)
        gone = set(article_ids)
        with store.transaction():
            partners = linked_to(state, gone) - gone
            _delete_groups_of(state, gone | partners)
            state.drop(list(gone))
            if partners:
                regroup(state, partners, self._wire_sources(store))

    def rebuild(self, archive) -> None:
        """Recompute everything from the stored texts, oldest first."""
        store = archive.store
        with store.transaction() as c:
            for table in ("dedup_sketches", "dedup_bands", "dedup_marks", "dedup_links", "dup_groups"):
                c.execute(f"DELETE FROM {table}")
        ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY published, id")]
        for i in range(0, len(ids), 500):
            self.update(archive, ids[i : i + 500])


# -- groups ------------------------------------------------------------------------------------
def linked_to(state: SqliteState, ids: set[str]) -> set[str]:
    out: set[str] = set()
    for i in ids:
        for a, b in state.conn.execute("SELECT a, b FROM dedup_links WHERE a=? OR b=?", (i, i)):
            out.update((a, b))
    return out


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def component(state: SqliteState, seeds: set[str]) -> tuple[set[str], list[Link]]:
    """Articles reachable from ``seeds`` through links (bounded), and the links among them. The
    search goes level by level, one query per 400 frontier articles."""
    seen: set[str] = set(seeds)
    frontier = list(seeds)
    links: dict[tuple[str, str], Link] = {}
    while frontier and len(seen) < MAX_COMPONENT:
        nxt: list[str] = []
        for i in range(0, len(frontier), 400):
            chunk = frontier[i : i + 400]
            rows = state.conn.execute(
                f"SELECT a, b, kind, container FROM dedup_links WHERE a IN ({_in(chunk)}) "
                f"UNION SELECT a, b, kind, container FROM dedup_links WHERE b IN ({_in(chunk)})", chunk + chunk)
            for a, b, kind, container in rows:
                links[(a, b)] = Link(a, b, kind, container)
                for y in (a, b):
                    if y not in seen:
                        seen.add(y)
                        nxt.append(y)
        frontier = nxt
    return seen, [l for l in links.values() if l.a in seen and l.b in seen]


def _delete_groups_of(state: SqliteState, ids: set[str]) -> dict[tuple[str, str], tuple]:
    """Delete the groups ``ids`` belong to; return their edit columns by (group, article), which
    stay valid while the group keeps its first publication (a group's id names its first)."""
    c = state.conn
    ids_list = list(ids)
    group_ids: set[str] = set()
    for i in range(0, len(ids_list), 400):
        chunk = ids_list[i : i + 400]
        group_ids.update(r[0] for r in c.execute(
            f"SELECT DISTINCT group_id FROM dup_groups WHERE article_id IN ({_in(chunk)})", chunk))
    old = {}
    groups = list(group_ids)
    for i in range(0, len(groups), 400):
        chunk = groups[i : i + 400]
        for r in c.execute("SELECT group_id, article_id, kept_share, lines_added, lines_removed FROM dup_groups "
                           f"WHERE group_id IN ({_in(chunk)})", chunk):
            old[(r[0], r[1])] = tuple(r[2:])
        c.execute(f"DELETE FROM dup_groups WHERE group_id IN ({_in(chunk)})", chunk)
    return old


def regroup(state: SqliteState, seeds: set[str], agencies: frozenset[str] = frozenset()) -> list[Group]:
    """Recompute and store the groups of everything connected to ``seeds``."""
    ids, links = component(state, seeds)
    old = _delete_groups_of(state, ids)
    members = state.members(ids)
    links = [l for l in links if l.a in members and l.b in members]
    groups = build_groups(members, links, agencies)
    rows = []
    for g in groups:
        first_time = _parse_time(members[g.first].published)
        for article_id, role in g.roles.items():
            row = [g.id, article_id, role, g.first_publisher, g.agency, None, None, None, None]
            if article_id != g.first:
                row[5:8] = old.get((g.id, article_id)) or _edits(state, g.first, article_id)
                row[8] = _delay(first_time, _parse_time(members[article_id].published))
            rows.append(row)
    state.conn.executemany(
        "INSERT OR REPLACE INTO dup_groups(group_id, article_id, role, first_publisher, agency, kept_share, "
        "lines_added, lines_removed, delay_s) VALUES(?,?,?,?,?,?,?,?,?)", rows)
    return groups


def _edits(state: SqliteState, first_id: str, article_id: str) -> list:
    first, fp = state.fingerprint_of(first_id), state.fingerprint_of(article_id)
    if first is None or fp is None:
        return [None, None, None]
    e = edits(first, fp)
    return [e.kept_share, e.lines_added, e.lines_removed]


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.replace(tzinfo=None)


def _delay(first: datetime | None, other: datetime | None) -> float | None:
    if first is None or other is None:
        return None
    return (other - first).total_seconds()
