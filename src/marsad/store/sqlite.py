"""The embedded store: one SQLite database in WAL mode inside the archive folder.

Articles are written in batches, each batch in one transaction together with its entry in the
index queue, so an interrupted ingest leaves either a whole batch or nothing, and the search index
catches up from the queue on the next run.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from marsad.document import Article, DateExpression, Event, Mention, Quote, RemovedLine
from marsad.errors import ArchiveError, NotFound

SCHEMA_VERSION = 3

_ARTICLE_COLUMNS = (
    "id", "source", "url", "title", "published", "published_how", "published_detail", "author",
    "language", "dateline", "place", "agency", "credits", "removed", "raw_text", "text_hash", "norm_hash",
    "raw_hash", "origin", "record", "ingested_at", "meta",
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SqliteStore:
    """Storage behind a small interface; the archive never writes SQL outside this class and the
    stages' own query modules."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.RLock()
        self._owner = threading.get_ident()
        self.conn = self._connect()
        self._create_schema()
        self._readers: list[sqlite3.Connection] = []
        self._functions: dict[str, tuple[int, Any]] = {}

    # -- connection -------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise ArchiveError(f"cannot open the archive database {self.path}: {e}") from e
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-65536")
        return conn

    def close(self) -> None:
        for reader in self._readers:
            reader.close()
        self._readers.clear()
        self.conn.close()

    def _reader(self) -> sqlite3.Connection:
        """The connection a read should use. The thread that opened the store, and any thread inside
        a transaction, use the main connection (they must see their own writes); other threads — the
        HTTP server's workers — each get a read connection of their own, so reads run in parallel
        with each other and with a writer in another process (WAL) instead of queueing on one lock."""
        if threading.get_ident() == self._owner or getattr(self._local, "depth", 0):
            return self.conn
        conn = getattr(self._local, "reader", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA cache_size=-16384")
            conn.execute("PRAGMA query_only=ON")
            for name, (n_args, fn) in list(self._functions.items()):
                conn.create_function(name, n_args, fn, deterministic=True)
            self._local.reader = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            depth = getattr(self._local, "depth", 0)
            if depth == 0:
                self.conn.execute("BEGIN IMMEDIATE")
            self._local.depth = depth + 1
            try:
                yield self.conn
            except BaseException:
                self._local.depth = depth
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                raise
            self._local.depth = depth
            if depth == 0:
                self.conn.execute("COMMIT")

    def create_function(self, name: str, n_args: int, fn: Any) -> None:
        """Register a deterministic SQL function on every connection of this store, present and
        future (the main one and each worker thread's read connection). Idempotent."""
        if self._functions.get(name) == (n_args, fn):
            return
        with self._lock:
            self._functions[name] = (n_args, fn)
            for conn in [self.conn, *self._readers]:
                conn.create_function(name, n_args, fn, deterministic=True)

    def query(self, sql: str, params: tuple | list | dict = ()) -> list[sqlite3.Row]:
        conn = self._reader()
        if conn is not self.conn:
            return conn.execute(sql, params).fetchall()
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def execute(self, sql: str, params: tuple | list | dict = ()) -> sqlite3.Cursor:
        with self._lock:
            return self.conn.execute(sql, params)

    # -- schema and migrations ----------------------------------------------------------------
    def _create_schema(self) -> None:
        schema_dir = resources.files("marsad.store") / "schema"
        scripts = sorted((p for p in schema_dir.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)
        with self._lock:
            version = self._version()
            if version > SCHEMA_VERSION:
                raise ArchiveError(
                    f"{self.path} was built by a newer marsad (schema {version} > {SCHEMA_VERSION}); "
                    "upgrade marsad to open it"
                )
            if version:  # an existing archive: bring its tables up to date before the scripts index them
                self._migrate(version)
            for script in scripts:
                self.conn.executescript(script.read_text(encoding="utf-8"))
            self._set_version(max(version, SCHEMA_VERSION))

    def _version(self) -> int:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def _migrate(self, version: int) -> None:
        """Apply ``migrations/NNN_*.sql`` newer than the archive's version, in order, each in one
        transaction with its version stamp. The transaction takes SQLite's write lock first and
        reads the version again inside it: another process opening the same old archive at the
        same moment may have applied the migration already, and an ``ALTER TABLE … ADD COLUMN``
        must not run twice (tests/test_schema_migration.py opens one from four processes at once)."""
        mig_dir = resources.files("marsad.store") / "migrations"
        for script in sorted((p for p in mig_dir.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name):
            number = int(script.name.split("_", 1)[0])
            if number <= version:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                version = self._version()
                if number > version:
                    for statement in _statements(script.read_text(encoding="utf-8")):
                        self.conn.execute(statement)
                    self._set_version(number)
                    version = number
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _set_version(self, version: int) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES('schema_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (str(version),))

    @property
    def schema_version(self) -> int:
        return self._version()

    # -- writing ------------------------------------------------------------------------------
    def existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.query(f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update(r[0] for r in rows)
        return found

    def put_articles(self, articles: list[Article], raws: dict[str, tuple[bytes, str | None, str]]) -> None:
        """Insert new articles with their texts, raw input and annotations (one transaction
        is the caller's; ``raws`` maps raw hash → (bytes, encoding, format))."""
        c = self.conn
        now = _now()
        for raw_hash, (data, encoding, fmt) in raws.items():
            c.execute("INSERT OR IGNORE INTO raw(hash, data, encoding, format) VALUES(?,?,?,?)",
                      (raw_hash, data, encoding, fmt))
        for a in articles:
            c.execute("INSERT OR IGNORE INTO sources(name, kind) VALUES(?, 'unknown')", (a.source,))
            c.execute("INSERT OR IGNORE INTO texts(hash, text) VALUES(?,?)", (a.text_hash, a.text))
            row = (
                a.id, a.source, a.url, a.title, a.published, a.published_how, a.published_detail,
                a.author, a.language, a.dateline, a.place, a.agency,
                json.dumps(a.credits, ensure_ascii=False),
                json.dumps([vars(r) for r in a.removed], ensure_ascii=False),
                a.raw_text, a.text_hash, a.norm_hash, a.meta.get("raw_hash"), a.origin, a.record, now,
                json.dumps({k: v for k, v in a.meta.items() if k != "raw_hash"}, ensure_ascii=False, default=str),
            )
            c.execute(f"INSERT INTO articles({','.join(_ARTICLE_COLUMNS)}) VALUES({','.join('?' * len(row))})", row)
            self._put_annotations(a)

    def _put_annotations(self, a: Article) -> None:
        c = self.conn
        c.executemany(
            "INSERT INTO mentions(article_id, start, end, type, text, entity_key, nominal) VALUES(?,?,?,?,?,?,?)",
            [(a.id, m.start, m.end, m.type, m.text, m.entity_key, int(m.nominal)) for m in a.mentions],
        )
        for m in a.mentions:
            if not m.entity_key:
                continue
            c.execute(
                "INSERT INTO entities(key, name, type, variants, mentions) VALUES(?,?,?,?,1) "
                "ON CONFLICT(key) DO UPDATE SET mentions = mentions + 1",
                (m.entity_key, m.canonical or m.text, m.type, json.dumps([] if m.nominal else [m.text],
                                                                         ensure_ascii=False)),
            )
            if m.nominal:  # a description, not a name: counted, never a variant
                continue
            row = c.execute("SELECT variants FROM entities WHERE key=?", (m.entity_key,)).fetchone()
            variants = json.loads(row[0])
            if m.text not in variants:
                variants.append(m.text)
                c.execute("UPDATE entities SET variants=? WHERE key=?",
                          (json.dumps(variants, ensure_ascii=False), m.entity_key))
        c.executemany("UPDATE entities SET articles = articles + 1 WHERE key = ?",
                      [(k,) for k in {m.entity_key for m in a.mentions if m.entity_key}])
        c.executemany(
            "INSERT INTO dates(article_id, start, end, text, value, end_value, granularity, anchor) "
            "VALUES(?,?,?,?,?,?,?,?)",
            [(a.id, d.start, d.end, d.text, d.value, d.end_value, d.granularity, d.anchor) for d in a.dates],
        )
        c.executemany(
            "INSERT INTO quotes(article_id, content_start, content_end, content, kind, speaker, speaker_start,"
            " speaker_end, speaker_entity, speaker_inferred, cue, cue_start, cue_end, stance)"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(a.id, q.content_start, q.content_end, a.text[q.content_start:q.content_end], q.kind, q.speaker,
              q.speaker_start, q.speaker_end, q.speaker_entity, int(q.speaker_inferred), q.cue, q.cue_start,
              q.cue_end, q.stance) for q in a.quotes],
        )
        c.executemany(
            "INSERT INTO events(article_id, kind, participants, place, date, date_text, evidence_start,"
            " evidence_end) VALUES(?,?,?,?,?,?,?,?)",
            [(a.id, e.kind, json.dumps(e.participants, ensure_ascii=False), e.place, e.date, e.date_text,
              e.evidence_start, e.evidence_end) for e in a.events],
        )

    def replace_annotations(self, article: Article) -> None:
        """Rewrite an article's clean fields and annotations (after re-cleaning or re-extraction)."""
        with self.transaction() as c:
            old_hash = c.execute("SELECT text_hash FROM articles WHERE id=?", (article.id,)).fetchone()
            self._uncount_mentions(article.id)
            for table in ("mentions", "dates", "quotes", "events"):
                c.execute(f"DELETE FROM {table} WHERE article_id=?", (article.id,))
            c.execute("INSERT OR IGNORE INTO texts(hash, text) VALUES(?,?)", (article.text_hash, article.text))
            c.execute(
                "UPDATE articles SET title=?, dateline=?, place=?, agency=?, credits=?, removed=?, text_hash=?, norm_hash=?,"
                " published=?, published_how=?, published_detail=?, language=? WHERE id=?",
                (article.title, article.dateline, article.place, article.agency,
                 json.dumps(article.credits, ensure_ascii=False),
                 json.dumps([vars(r) for r in article.removed], ensure_ascii=False), article.text_hash,
                 article.norm_hash, article.published, article.published_how, article.published_detail, article.language,
                 article.id),
            )
            self._put_annotations(article)
            c.execute("DELETE FROM entities WHERE mentions <= 0 AND NOT EXISTS "
                      "(SELECT 1 FROM mentions m WHERE m.entity_key = entities.key)")
            if old_hash and old_hash[0] != article.text_hash:
                self._drop_text_if_unused(old_hash[0])

    def _uncount_mentions(self, article_id: str) -> None:
        """Take an article's mentions off its entities' counts (before the mentions go)."""
        self.conn.execute(
            "UPDATE entities SET mentions = mentions - (SELECT COUNT(*) FROM mentions m WHERE m.article_id = ? "
            "AND m.entity_key = entities.key), articles = articles - 1 "
            "WHERE key IN (SELECT entity_key FROM mentions WHERE article_id = ?)",
            (article_id, article_id))

    def _drop_text_if_unused(self, text_hash: str) -> None:
        if not self.conn.execute("SELECT 1 FROM articles WHERE text_hash=? LIMIT 1", (text_hash,)).fetchone():
            self.conn.execute("DELETE FROM texts WHERE hash=?", (text_hash,))

    def delete_article(self, article_id: str) -> None:
        with self.transaction() as c:
            row = c.execute("SELECT text_hash, raw_hash FROM articles WHERE id=?", (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"no article with id {article_id} in this archive")
            self._uncount_mentions(article_id)
            c.execute("DELETE FROM articles WHERE id=?", (article_id,))
            self._drop_text_if_unused(row[0])
            if row[1] and not c.execute("SELECT 1 FROM articles WHERE raw_hash=? LIMIT 1", (row[1],)).fetchone():
                c.execute("DELETE FROM raw WHERE hash=?", (row[1],))
            c.execute("DELETE FROM entities WHERE mentions <= 0 AND NOT EXISTS "
                      "(SELECT 1 FROM mentions m WHERE m.entity_key = entities.key)")

    def record_rejections(self, run_id: str, rows: list[tuple[str, str | None, str]]) -> None:
        """Store (origin, record, reason) rejections of one run in one transaction."""
        now = _now()
        with self.transaction() as c:
            c.executemany("INSERT INTO rejections(run_id, origin, record, reason, at) VALUES(?,?,?,?,?)",
                          [(run_id, origin, record, reason, now) for origin, record, reason in rows])

    # -- reading ------------------------------------------------------------------------------
    def get_article(self, article_id: str, *, annotations: bool = True) -> Article:
        row = self.query(
            "SELECT a.*, t.text AS text FROM articles a JOIN texts t ON t.hash = a.text_hash WHERE a.id=?",
            (article_id,),
        )
        if not row:
            raise NotFound(f"no article with id {article_id} in this archive")
        return self._article(row[0], annotations=annotations)

    def _article(self, r: sqlite3.Row, *, annotations: bool) -> Article:
        meta = json.loads(r["meta"] or "{}")
        if r["raw_hash"]:
            meta["raw_hash"] = r["raw_hash"]
        a = Article(
            id=r["id"], source=r["source"], text=r["text"], raw_text=r["raw_text"] or "", origin=r["origin"],
            record=r["record"], url=r["url"], title=r["title"], published=r["published"],
            published_how=r["published_how"], published_detail=r["published_detail"], author=r["author"],
            language=r["language"], dateline=r["dateline"], place=r["place"], agency=r["agency"],
            credits=json.loads(r["credits"]), removed=[RemovedLine(**x) for x in json.loads(r["removed"])],
            text_hash=r["text_hash"], norm_hash=r["norm_hash"], meta=meta,
        )
        if annotations:
            aid = a.id
            a.mentions = [Mention(m["start"], m["end"], m["type"], m["text"], m["entity_key"], m["canonical"],
                                  bool(m["nominal"]))
                          for m in self.query("SELECT m.*, e.name AS canonical FROM mentions m LEFT JOIN entities e "
                                              "ON e.key = m.entity_key WHERE m.article_id=? ORDER BY m.start", (aid,))]
            a.dates = [DateExpression(d["start"], d["end"], d["text"], d["value"], d["end_value"],
                                      d["granularity"], d["anchor"])
                       for d in self.query("SELECT * FROM dates WHERE article_id=? ORDER BY start", (aid,))]
            a.quotes = [Quote(q["content_start"], q["content_end"], q["kind"], q["speaker"], q["speaker_start"],
                              q["speaker_end"], q["speaker_entity"], bool(q["speaker_inferred"]), q["cue"],
                              q["cue_start"], q["cue_end"], q["stance"])
                        for q in self.query("SELECT * FROM quotes WHERE article_id=? ORDER BY content_start", (aid,))]
            a.events = [Event(e["kind"], json.loads(e["participants"]), e["evidence_start"], e["evidence_end"],
                              e["place"], e["date"], e["date_text"])
                        for e in self.query("SELECT * FROM events WHERE article_id=? ORDER BY evidence_start", (aid,))]
        return a

    def iter_articles(self, *, source: str | None = None, annotations: bool = False,
                      batch: int = 500) -> Iterator[Article]:
        """Every article (optionally of one source), oldest first, read in batches."""
        clauses, params = ["a.rowid > ?"], [0]
        if source:
            clauses.append("a.source = ?")
            params.append(source)
        while True:
            rows = self.query(
                "SELECT a.rowid AS _rowid, a.*, t.text AS text FROM articles a JOIN texts t ON t.hash=a.text_hash "
                f"WHERE {' AND '.join(clauses)} ORDER BY a.rowid LIMIT ?", [*params, batch])
            if not rows:
                return
            for r in rows:
                yield self._article(r, annotations=annotations)
            params[0] = rows[-1]["_rowid"]

    def list_articles(self, *, source: str | None = None, since: str | None = None, until: str | None = None,
                      limit: int = 20, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        from marsad.store.where import Where

        w = (Where().add("source = ?", source).add("published >= ?", since)
             .add("published <= ?", until + "T99" if until and len(until) == 10 else until))
        where, params = w.sql(), w.params
        total = self.query(f"SELECT count(*) FROM articles {where}", params)[0][0]
        rows = self.query(
            f"SELECT id, source, url, title, published FROM articles {where} "
            f"ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?", [*params, limit, offset])
        return total, [dict(r) for r in rows]

    def raw_input(self, raw_hash: str) -> tuple[bytes, str | None, str | None]:
        rows = self.query("SELECT data, encoding, format FROM raw WHERE hash=?", (raw_hash,))
        if not rows:
            raise NotFound(f"no raw input {raw_hash}")
        return bytes(rows[0][0]), rows[0][1], rows[0][2]

    # -- sources ------------------------------------------------------------------------------
    def sources(self) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source=s.name) AS articles,"
            " (SELECT min(published) FROM articles a WHERE a.source=s.name) AS first,"
            " (SELECT max(published) FROM articles a WHERE a.source=s.name) AS last"
            " FROM sources s ORDER BY articles DESC, s.name")
        return [dict(r) for r in rows]

    def update_source(self, name: str, *, create: bool = False, **fields: str | None) -> dict[str, Any]:
        from marsad.validate import SOURCE_KINDS, one_of

        allowed = {"label", "domain", "country", "kind", "notes"}
        bad = set(fields) - allowed
        if bad:
            raise ArchiveError(f"unknown source field(s) {sorted(bad)}; use {sorted(allowed)}")
        one_of(fields.get("kind"), SOURCE_KINDS, "kind")
        if not create and not self.query("SELECT 1 FROM sources WHERE name=?", (name,)):
            raise NotFound(f"no source named {name!r} in this archive (add it with --add)")
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO sources(name, kind) VALUES(?, 'unknown')", (name,))
            for k, v in fields.items():
                if v is not None:
                    c.execute(f"UPDATE sources SET {k}=? WHERE name=?", (v, name))
        return next(s for s in self.sources() if s["name"] == name)


def _statements(script: str) -> list[str]:
    """The SQL statements of a script, one by one (``executescript`` would commit the open
    transaction before running them)."""
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;") and not all(line.strip().startswith("--") or not line.strip()
                                                for line in buf.rstrip(";").splitlines()):
                out.append(buf)
            buf = ""
    return out
