"""What the corpus teaches: a line that recurs across many pages of one source is that site's chrome.

Counts are kept per source: for every line key (:func:`marsad.clean.page.line_key`), the number of
distinct pages of the source that contain it. A line is chrome for the source when

* at least ``MIN_PAGES`` (5) distinct pages contain it, and
* those pages are at least ``MIN_SHARE`` (30 %) of the source's pages or at least ``ENOUGH_PAGES``
  (50) pages (a large source whose chrome changed over the years still learns it), and
* it does not read like article text: not longer than ``MAX_WORDS`` words and not a sentence of
  ``SENTENCE_WORDS`` words or more ending with a full stop (site chrome is short or unpunctuated,
  while a stock paragraph, or a sentence shared by several updates of one wire story, is article text).

"Distinct pages" are counted by a page fingerprint (the key of its longest line), so two copies of
one story — the same wire report filed twice, a corrected republication — count once: a body line
repeated in two copies of a story can never reach the threshold.

Two backends share the thresholds: :class:`RecurringLearner` (in memory, used by the eval harness,
which learns from every page of a gold file before cleaning, as an archive would) and the archive
tables of ``store/schema/30_clean.sql`` (:func:`learn`, :func:`snapshot`, :func:`reclean_source`).
The clean stage only ever sees a :class:`RecurringSnapshot`, a small picklable set of keys per source.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from marsad.clean.page import PageLine, line_key, page_lines

MIN_PAGES = 5
MIN_SHARE = 0.3
MAX_WORDS = 25
SENTENCE_WORDS = 8
ENOUGH_PAGES = 50  # in a large source, a short line in 50 distinct pages is chrome whatever the share


@dataclass(frozen=True)
class RecurringSnapshot:
    """Per source, the line keys that are chrome. Picklable; pass it to ``CleanStage(recurring=…)``."""

    chrome: dict[str, frozenset[str]] = field(default_factory=dict)

    def for_source(self, source: str | None) -> frozenset[str]:
        return self.chrome.get(source or "", frozenset())

    def __len__(self) -> int:
        return sum(len(v) for v in self.chrome.values())


def countable(line: PageLine) -> bool:
    """Whether a line may ever be learned as chrome (see the module docstring)."""
    return line.n_words <= MAX_WORDS and not (line.ends_sentence and line.n_words >= SENTENCE_WORDS)


def page_fingerprint_and_keys(raw_text: str) -> tuple[str, set[str]]:
    """The page's fingerprint and the set of keys of its countable (short enough) lines."""
    lines = page_lines(raw_text)
    if not lines:
        return line_key(""), set()
    longest = max(lines, key=lambda ln: len(ln.text))
    keys = {line_key(ln.norm) for ln in lines if countable(ln)}
    return line_key(longest.norm), keys


def page_floor(source_pages: int) -> float:
    """How many distinct pages must hold a line for it to be chrome."""
    return max(MIN_PAGES, min(MIN_SHARE * source_pages, ENOUGH_PAGES))


def is_chrome(doc_count: int, source_pages: int) -> bool:
    return doc_count >= page_floor(source_pages)


class RecurringLearner:
    """In-memory counts with the archive's thresholds (eval harness, tests, one-off runs)."""

    def __init__(self) -> None:
        self.pages: dict[str, set[str]] = {}
        self.counts: dict[str, Counter[str]] = {}

    def add(self, source: str | None, raw_text: str) -> bool:
        """Count one page; False when a page with the same fingerprint was already counted."""
        source = source or ""
        fingerprint, keys = page_fingerprint_and_keys(raw_text)
        seen = self.pages.setdefault(source, set())
        if fingerprint in seen:
            return False
        seen.add(fingerprint)
        self.counts.setdefault(source, Counter()).update(keys)
        return True

    def snapshot(self) -> RecurringSnapshot:
        chrome = {}
        for source, counts in self.counts.items():
            n_pages = len(self.pages[source])
            keys = frozenset(k for k, c in counts.items() if is_chrome(c, n_pages))
            if keys:
                chrome[source] = keys
        return RecurringSnapshot(chrome)


# --- archive backend (tables in store/schema/30_clean.sql) ---------------------------------------


def learn(store: Any, articles: Iterable[Any]) -> set[str]:
    """Count the pages of newly stored ``articles`` (objects with ``source`` and ``raw_text``) and
    return the sources whose set of recurring chrome lines changed (re-clean those: see
    :func:`reclean_source`). Idempotent: a page already counted (same fingerprint) is skipped.
    Commits only when it opened the transaction itself."""
    conn = store.conn
    owned = not conn.in_transaction
    touched: set[str] = set()
    for article in articles:
        source = article.source or ""
        fingerprint, keys = page_fingerprint_and_keys(article.raw_text or "")
        cur = conn.execute(
            "INSERT OR IGNORE INTO clean_source_pages(source, page_key) VALUES (?, ?)", (source, fingerprint)
        )
        if cur.rowcount != 1:
            continue
        touched.add(source)
        conn.executemany(
            "INSERT INTO clean_line_stats(source, line_key, doc_count) VALUES (?, ?, 1) "
            "ON CONFLICT(source, line_key) DO UPDATE SET doc_count = doc_count + 1",
            [(source, k) for k in keys],
        )
    changed = {s for s in touched if _refresh_chrome(conn, s)}
    if owned and conn.in_transaction:
        conn.commit()
    return changed


def _refresh_chrome(conn: Any, source: str) -> bool:
    (n_pages,) = conn.execute("SELECT COUNT(*) FROM clean_source_pages WHERE source = ?", (source,)).fetchone()
    floor = page_floor(n_pages)
    rows = conn.execute(
        "SELECT line_key FROM clean_line_stats WHERE source = ? AND doc_count >= ?", (source, floor)
    ).fetchall()
    new = {r[0] for r in rows}
    old = {r[0] for r in conn.execute("SELECT line_key FROM clean_recurring WHERE source = ?", (source,))}
    if new == old:
        return False
    conn.execute("DELETE FROM clean_recurring WHERE source = ?", (source,))
    conn.executemany("INSERT INTO clean_recurring(source, line_key) VALUES (?, ?)", [(source, k) for k in new])
    return True


def snapshot(store: Any, sources: Iterable[str] | None = None) -> RecurringSnapshot:
    """The current recurring chrome of ``sources`` (all sources when None), for ``CleanStage``."""
    conn = store.conn
    if sources is None:
        rows = conn.execute("SELECT source, line_key FROM clean_recurring").fetchall()
    else:
        wanted = list(sources)
        marks = ",".join("?" * len(wanted)) or "''"
        rows = conn.execute(f"SELECT source, line_key FROM clean_recurring WHERE source IN ({marks})", wanted).fetchall()
    chrome: dict[str, set[str]] = {}
    for source, key in rows:
        chrome.setdefault(source, set()).add(key)
    return RecurringSnapshot({s: frozenset(k) for s, k in chrome.items()})


def reclean_source(archive: Any, source: str) -> list[Any]:
    """Re-run the clean stage on the stored articles of ``source`` with the current recurring chrome.

    Returns the articles whose clean output changed (title, text, dateline, credits or removed lines),
    already updated, with annotations of the old text cleared: the caller re-runs the stages after
    clean on them and stores them again. Nothing is written here."""
    from marsad.clean.stage import CleanStage

    stage = CleanStage(recurring=snapshot(archive.store, [source]))
    ids = [r[0] for r in archive.store.query("SELECT id FROM articles WHERE source = ? ORDER BY id", (source,))]
    changed = []
    for article_id in ids:
        article = archive.get(article_id)
        before = (article.title, article.text, article.dateline, list(article.credits), _removed(article))
        fresh = copy.deepcopy(article)
        if fresh.meta.get("title_from") == "page":
            fresh.title = None  # the title was the page's: let the page decide again
        stage([fresh])
        after = (fresh.title, fresh.text, fresh.dateline, list(fresh.credits), _removed(fresh))
        if after != before:
            if fresh.text != article.text:
                fresh.mentions, fresh.dates, fresh.quotes, fresh.events = [], [], [], []
                fresh.text_hash = None
            changed.append(fresh)
    return changed


def _removed(article: Any) -> list[tuple]:
    out = []
    for r in article.removed:
        if isinstance(r, dict):
            out.append((r.get("line_no"), r.get("text"), r.get("reason")))
        else:
            out.append((r.line_no, r.text, r.reason))
    return out
