"""Saving and loading the clusterer's state in the archive's own tables (schema 40_stories.sql)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

from marsad.stories.clusterer import StoryClusterer
from marsad.stories.model import Member, Story
from marsad.stories.storylines import StorylineLinker


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(day: int) -> str | None:
    return date.fromordinal(day).isoformat() if day else None


def load(store, clusterer: StoryClusterer, linker: StorylineLinker) -> None:
    """Fill an empty clusterer and linker from the tables."""
    state = {r["key"]: r["value"] for r in store.query("SELECT key, value FROM story_state")}
    dfs = clusterer.dfs
    dfs.n_docs = int(state.get("n_docs", 0))
    clusterer.next_id = int(state.get("next_id", 1))
    clusterer.max_day = int(state.get("max_day", 0))
    for r in store.query("SELECT term, df FROM story_df"):
        dfs.df[r["term"]] = r["df"]
    stories = clusterer.stories
    for r in store.query("SELECT * FROM story_members ORDER BY story_id, day, article_id"):
        member = Member(
            article_id=r["article_id"], source=r["source"], day=r["day"], title=r["title"] or "",
            vector=json.loads(r["vector"]), entities=frozenset(json.loads(r["entities"])),
            dates=frozenset(json.loads(r["dates"])), text_hash=r["text_hash"], length=r["length"],
            numbers=frozenset(r["numbers"].split()), terms=frozenset(r["terms"].split()),
            title_terms=frozenset(r["title_terms"].split()), published=r["published"],
            score=r["score"] or 0.0)
        sid = r["story_id"]
        stories.setdefault(sid, Story(id=sid)).members.append(member)
        clusterer.article_story[member.article_id] = sid
        if member.text_hash:
            clusterer.by_hash.setdefault(member.text_hash, sid)
    horizon = clusterer.max_day - clusterer.settings.window_days - 1
    for sid, story in stories.items():
        story.recompute()
        clusterer.next_id = max(clusterer.next_id, sid + 1)
        if story.last_day == 0 or story.last_day >= horizon:
            clusterer.reactivate(sid)
    for r in store.query("SELECT a, b, score FROM storyline_links"):
        if r["a"] in stories and r["b"] in stories:
            linker.add_link(r["a"], r["b"], r["score"])
    for story in stories.values():
        linker._index(story)
    linker.changed.clear()
    dfs.dirty.clear()
    clusterer.touched.clear()


def save(store, clusterer: StoryClusterer, linker: StorylineLinker) -> None:
    """Write what changed since the last save (touched stories, changed frequencies)."""
    touched = set(clusterer.touched)
    lines = {sid: linker.storyline_of(sid) for sid in touched | linker.changed if sid in clusterer.stories}
    with store.transaction() as c:
        dfs = clusterer.dfs
        c.executemany("INSERT OR REPLACE INTO story_df(term, df) VALUES(?, ?)",
                      [(t, dfs.df[t]) for t in dfs.dirty if dfs.df.get(t)])
        c.executemany("DELETE FROM story_df WHERE term=?", [(t,) for t in dfs.dirty if not dfs.df.get(t)])
        c.executemany("INSERT OR REPLACE INTO story_state(key, value) VALUES(?, ?)", [
            ("n_docs", str(dfs.n_docs)), ("next_id", str(clusterer.next_id)), ("max_day", str(clusterer.max_day))])
        for sid in touched:
            c.execute("DELETE FROM story_members WHERE story_id=?", (sid,))
            c.execute("DELETE FROM stories WHERE id=?", (sid,))
            story = clusterer.stories.get(sid)
            if story is None:
                c.execute("DELETE FROM storyline_links WHERE a=? OR b=?", (sid, sid))
                continue
            c.executemany("INSERT OR REPLACE INTO story_members VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          [_member_row(sid, m) for m in story.members])
            c.execute("INSERT INTO stories VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", _story_row(story, lines))
        c.executemany("INSERT OR IGNORE INTO storyline_links(a, b, score) VALUES(?, ?, ?)",
                      [(a, b, s) for (a, b), s in linker.links.items() if a in touched or b in touched])
        # a new link can move untouched stories into another storyline: write only those that moved
        c.executemany("UPDATE stories SET storyline=? WHERE id=?",
                      [(line, sid) for sid, line in lines.items() if sid not in touched])
    linker.changed.clear()
    dfs.dirty.clear()
    clusterer.touched.clear()


def _member_row(sid: int, m: Member) -> tuple:
    return (m.article_id, sid, m.source, m.published or _iso(m.day), m.day, m.title,
            m.score, json.dumps({t: round(v, 5) for t, v in m.vector.items()}, ensure_ascii=False),
            " ".join(sorted(m.terms)), " ".join(sorted(m.title_terms)), " ".join(sorted(m.numbers)),
            json.dumps(sorted(m.entities), ensure_ascii=False), json.dumps(sorted(m.dates)),
            m.text_hash, m.length)


def _story_row(story: Story, lines: dict[int, int]) -> tuple:
    rep = story.central_member()
    stamps = sorted(m.published or _iso(m.day) or "" for m in story.members)
    stamps = [s for s in stamps if s]
    centroid = {t: round(v, 5) for t, v in story.centroid.items()}
    return (story.id, rep.title if rep else None, rep.article_id if rep else None,
            stamps[0] if stamps else None, stamps[-1] if stamps else None, story.first_day, story.last_day,
            story.size, len(story.sources), json.dumps(story.sources), lines.get(story.id, story.id),
            json.dumps(centroid, ensure_ascii=False), _now())
