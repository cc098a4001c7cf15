"""The near-duplicate index kept in the archive's SQLite tables (``store/schema/20_dedup.sql``).

:class:`SqliteState` answers the same three questions as :class:`marsad.dedup.index.MemoryIndex`
(band candidates, mark counts, a candidate's fingerprint) from the tables, so
:func:`marsad.dedup.index.find_links` runs unchanged on a persistent archive. Only the few verified
candidates' texts are read; fingerprints read in one batch are cached for that batch.
"""

from __future__ import annotations

from collections import OrderedDict

from marsad.dedup.groups import Member
from marsad.dedup.index import MIN_SHARED_MARKS, Found, Sketch
from marsad.dedup.minhash import to_blob
from marsad.dedup.shingles import Fingerprint, fingerprint

CACHE_LIMIT = 4096  # fingerprints kept, most recently used (a few tens of MB)


def dateline_agency(head: str | None) -> str | None:
    """The agency of a dateline left at the start of the text («واس - الرياض:», «الرياض - (أ ف ب) -»),
    for archives whose clean stage did not set ``Article.agency``. Only the part before the first
    colon within the first words is read, so an agency quoted in the body does not count."""
    if not head:
        return None
    cut = head.find(":")
    if cut < 0 or cut > 40:
        return None
    try:
        from marsad.arabic.agencies import find_agency
    except ImportError:
        return None
    return find_agency(head[:cut], strict=True)


def mark_key(mark: int) -> int:
    """Marks are unsigned 64-bit; SQLite integers are signed: drop the lowest bit to fit (a
    collision of the remaining 63 bits is negligible, and candidates are verified anyway)."""
    return mark >> 1


class SqliteState:
    """``cache`` is an LRU of fingerprints by article id that the stage keeps between batches (texts
    never change under an id), so the recent articles a stream is matched against are not re-read."""

    def __init__(self, store, cache: "OrderedDict[str, Fingerprint] | None" = None):
        self.store = store
        self.conn = store.conn
        self._fingerprints: OrderedDict[str, Fingerprint] = OrderedDict() if cache is None else cache

    # -- IndexState -------------------------------------------------------------------------------
    def band_candidates(self, bands: list[int]) -> set[str]:
        where = " OR ".join("(band=? AND key=?)" for _ in bands)
        params = [x for i, key in enumerate(bands) for x in (i, key)]
        rows = self.conn.execute(f"SELECT DISTINCT article_id FROM dedup_bands WHERE {where}", params)
        return {r[0] for r in rows}

    def mark_counts(self, marks: set[int]) -> dict[str, tuple[int, int]]:
        """Articles sharing at least MIN_SHARED_MARKS marks, with their own mark count. (The
        in-memory index also ignores marks of very long posting lists; here that check costs more
        than the few extra candidates it would save, which verification rejects anyway.)"""
        if not marks:
            return {}
        keys = [mark_key(m) for m in marks]
        counts: dict[str, int] = {}
        for i in range(0, len(keys), 5000):  # one query for any real text (well under SQLite's variable limit)
            chunk = keys[i : i + 5000]
            rows = self.conn.execute(
                f"SELECT article_id, count(*) FROM dedup_marks WHERE mark IN ({','.join('?' * len(chunk))}) "
                "GROUP BY article_id HAVING count(*) >= ?", [*chunk, MIN_SHARED_MARKS])
            for article_id, shared in rows:
                counts[article_id] = counts.get(article_id, 0) + shared
        if not counts:
            return {}
        ids = list(counts)
        rows = self.conn.execute(
            f"SELECT article_id, n_marks FROM dedup_sketches WHERE article_id IN ({','.join('?' * len(ids))})", ids)
        return {article_id: (counts[article_id], n_marks) for article_id, n_marks in rows}

    def fingerprint_of(self, article_id: str) -> Fingerprint | None:
        fp = self._fingerprints.get(article_id)
        if fp is not None:
            self._fingerprints.move_to_end(article_id)
        else:
            text = self.text_of(article_id)
            if text is None:
                return None
            fp = fingerprint(text)
            self.remember(article_id, fp)
        return fp

    # -- reading and writing ----------------------------------------------------------------------
    def remember(self, article_id: str, fp: Fingerprint) -> None:
        self._fingerprints[article_id] = fp
        self._fingerprints.move_to_end(article_id)
        while len(self._fingerprints) > CACHE_LIMIT:
            self._fingerprints.popitem(last=False)

    def texts_of(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.conn.execute(
                "SELECT a.id, t.text FROM articles a JOIN texts t ON t.hash = a.text_hash "
                f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            out.update((r[0], r[1]) for r in rows)
        return out

    def text_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT t.text FROM articles a JOIN texts t ON t.hash = a.text_hash WHERE a.id=?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def known(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.conn.execute(
                f"SELECT article_id FROM dedup_sketches WHERE article_id IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def members(self, ids: list[str] | set[str]) -> dict[str, Member]:
        ids = list(ids)
        out: dict[str, Member] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.conn.execute(
                "SELECT a.id, a.source, a.published, a.agency, substr(t.text, 1, 60) FROM articles a "
                f"LEFT JOIN texts t ON t.hash = a.text_hash WHERE a.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                out[r[0]] = Member(r[0], r[1], r[2], r[3] or dateline_agency(r[4]))
        return out

    def put(self, article_id: str, sk: Sketch) -> None:
        c = self.conn
        c.execute(
            "INSERT OR REPLACE INTO dedup_sketches(article_id, signature, n_shingles, n_marks) VALUES(?,?,?,?)",
            (article_id, to_blob(sk.signature), sk.n_shingles, len(sk.marks)),
        )
        c.executemany("INSERT INTO dedup_bands(band, key, article_id) VALUES(?,?,?)",
                      [(i, key, article_id) for i, key in enumerate(sk.bands)])
        c.executemany("INSERT INTO dedup_marks(mark, article_id) VALUES(?,?)",
                      [(mark_key(m), article_id) for m in sk.marks])

    def put_link(self, article_id: str, found: Found, container: str | None) -> None:
        a, b = sorted((article_id, found.other))
        m = found.match
        self.conn.execute(
            "INSERT OR REPLACE INTO dedup_links(a, b, kind, container, jaccard, containment, kept_share) "
            "VALUES(?,?,?,?,?,?,?)",
            (a, b, m.kind, container, round(m.jaccard, 4), round(m.containment, 4), round(m.kept_share, 4)),
        )

    def drop(self, ids: list[str]) -> None:
        """Remove every trace of ``ids`` from the index tables (not from the groups)."""
        c = self.conn
        for table, column in (("dedup_sketches", "article_id"), ("dedup_bands", "article_id"),
                              ("dedup_marks", "article_id"), ("dedup_links", "a"), ("dedup_links", "b")):
            c.executemany(f"DELETE FROM {table} WHERE {column}=?", [(i,) for i in ids])
        for i in ids:
            self._fingerprints.pop(i, None)
