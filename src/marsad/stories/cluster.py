"""The story archive stage: clusters newly stored articles into stories and storylines.

Listed in ``marsad.pipeline.ARCHIVE_STAGES`` as ``marsad.stories.cluster:StoryStage``; the archive calls
:meth:`StoryStage.update` after every committed ingest batch. State lives in the tables of
``store/schema/40_stories.sql``: the stage loads it once per process (per archive), adds the batch's
articles in ``published`` order, and writes back only what changed.
"""

from __future__ import annotations

from marsad.document import Article, DateExpression, Mention
from marsad.stories import persist
from marsad.stories.clusterer import Settings, StoryClusterer
from marsad.stories.features import featurize
from marsad.stories.storylines import LineSettings, StorylineLinker

STATE_TABLES = ("story_state", "story_df", "stories", "story_members", "storyline_links")
READ_CHUNK = 400  # article ids per SQL IN (...) query


class StoryStage:
    name = "stories"

    def __init__(self, settings: Settings | None = None, line_settings: LineSettings | None = None):
        self.settings = settings or Settings()
        self.line_settings = line_settings or LineSettings()
        self._store = None
        self.clusterer: StoryClusterer | None = None
        self.linker: StorylineLinker | None = None

    # -- archive stage protocol -----------------------------------------------------------------
    def update(self, archive, article_ids: list[str]) -> None:
        clusterer, linker = self._state(archive)
        new = [i for i in dict.fromkeys(article_ids) if clusterer.story_of(i) is None]
        if not new:
            return
        for article in sorted(read_articles(archive.store, new), key=lambda a: (a.published or "", a.id)):
            clusterer.add(featurize(article))
        self._finish(archive)

    def forget(self, archive, article_ids: list[str]) -> None:
        clusterer, _ = self._state(archive)
        for aid in article_ids:
            rows = archive.store.query("SELECT terms FROM story_members WHERE article_id=?", (aid,))
            clusterer.remove(aid, rows[0]["terms"].split() if rows else ())
        self._finish(archive)

    def rebuild(self, archive) -> None:
        with archive.store.transaction() as c:
            for table in STATE_TABLES:
                c.execute(f"DELETE FROM {table}")
        self._store = None
        self._state(archive)
        ids = [r[0] for r in archive.store.query(
            "SELECT id FROM articles ORDER BY COALESCE(published, ''), id")]
        for i in range(0, len(ids), 2000):
            self.update(archive, ids[i:i + 2000])

    def check(self, archive) -> list[tuple[str, str, int]]:
        """Problems in the stored stories (``marsad check``): members of stories that do not exist,
        stories whose size or outlet count disagrees with their members, empty stories. A rebuild
        repairs all of them."""
        q = archive.store.query
        found = [
            ("story_lost_members", "story members belong to no stored story", q(
                "SELECT COUNT(*) FROM story_members WHERE story_id NOT IN (SELECT id FROM stories)")[0][0]),
            ("story_sizes", "stories whose size or outlet count disagrees with their members", q(
                "SELECT COUNT(*) FROM stories s WHERE size != (SELECT COUNT(*) FROM story_members m WHERE m.story_id = s.id)"
                " OR n_sources != (SELECT COUNT(DISTINCT source) FROM story_members m WHERE m.story_id = s.id)")[0][0]),
        ]
        return [(code, f"{n} {what}", n) for code, what, n in found if n]

    # -- internals ------------------------------------------------------------------------------
    def _state(self, archive) -> tuple[StoryClusterer, StorylineLinker]:
        if self._store is not archive.store or self.clusterer is None:
            self.clusterer = StoryClusterer(self.settings)
            self.linker = StorylineLinker(self.line_settings)
            persist.load(archive.store, self.clusterer, self.linker)
            self._store = archive.store
        return self.clusterer, self.linker

    def _finish(self, archive) -> None:
        clusterer, linker = self.clusterer, self.linker
        for gone in [sid for sid in clusterer.touched if sid not in clusterer.stories]:
            linker.forget(gone)
        linker.update(clusterer.stories, [s for s in clusterer.touched if s in clusterer.stories])
        clusterer.merged.clear()
        persist.save(archive.store, clusterer, linker)


def read_articles(store, ids: list[str]) -> list[Article]:
    """The fields clustering needs, read straight from the tables (no quotes, events or raw text)."""
    out: list[Article] = []
    for i in range(0, len(ids), READ_CHUNK):
        chunk = ids[i:i + READ_CHUNK]
        marks = ",".join("?" * len(chunk))
        mentions: dict[str, list[Mention]] = {}
        for m in store.query(f"SELECT article_id, start, end, type, text, entity_key FROM mentions "
                             f"WHERE article_id IN ({marks})", chunk):
            mentions.setdefault(m[0], []).append(Mention(m[1], m[2], m[3], m[4], m[5]))
        dates: dict[str, list[DateExpression]] = {}
        for d in store.query(f"SELECT article_id, start, end, text, value, anchor FROM dates "
                             f"WHERE article_id IN ({marks})", chunk):
            dates.setdefault(d[0], []).append(DateExpression(d[1], d[2], d[3], d[4], anchor=d[5] or "absolute"))
        for r in store.query(f"SELECT a.id, a.source, a.title, a.published, a.text_hash, a.agency, t.text "
                             f"FROM articles a JOIN texts t ON t.hash = a.text_hash WHERE a.id IN ({marks})", chunk):
            out.append(Article(id=r[0], source=r[1], title=r[2], published=r[3], text_hash=r[4], agency=r[5],
                               text=r[6], raw_text="", origin="", mentions=mentions.get(r[0], []),
                               dates=dates.get(r[0], [])))
    return out
