"""Storylines: stories about the same ongoing matter, linked across any stretch of time.

Two stories are linked when their centroids are similar enough (a lower bar than for joining a story,
and no time window), with shared entity keys adding to the score when the extraction stages filled
them. Linked stories form a storyline (connected components, kept with union-find); its id is its
lowest story id, so it is stable while stories are added.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from marsad.stories.model import Story
from marsad.stories.vectors import dot, jaccard, top


@dataclass
class LineSettings:
    threshold: float = 0.40  # centroid cosine (+ entity bonus) to link two stories
    entity_weight: float = 0.5  # shared actors and places are what makes an ongoing matter (seeds: 0.2–0.45 Jaccard)
    index_terms: int = 15  # heaviest centroid terms indexed per story
    max_postings: int = 2000
    max_candidates: int = 20


class StorylineLinker:
    def __init__(self, settings: LineSettings | None = None):
        self.settings = settings or LineSettings()
        self.index: dict[str, dict[int, float]] = {}
        self.indexed: dict[int, list[str]] = {}
        self.links: dict[tuple[int, int], float] = {}
        self.parent: dict[int, int] = {}
        self.components: dict[int, set[int]] = {}  # root → its stories (only for linked stories)
        self.changed: set[int] = set()  # stories whose storyline moved since the last save

    # -- union-find -------------------------------------------------------------------------------
    def find(self, sid: int) -> int:
        root = sid
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(sid, sid) != root:  # path compression
            self.parent[sid], sid = root, self.parent[sid]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        low, high = min(ra, rb), max(ra, rb)
        self.parent[high] = low
        moved = self.components.pop(high, {high})
        self.components.setdefault(low, {low}).update(moved)
        self.changed.update(moved)

    def storyline_of(self, sid: int) -> int:
        return self.find(sid)

    # -- linking ----------------------------------------------------------------------------------
    def update(self, stories: dict[int, Story], touched) -> set[tuple[int, int]]:
        """Re-link the touched stories; returns the new links."""
        new = set()
        for sid in sorted(touched):
            self._unindex(sid)
            story = stories.get(sid)
            if story is None or not story.centroid:
                continue
            for other, score in self._candidates(stories, story):
                key = (min(sid, other), max(sid, other))
                if key not in self.links:
                    self.links[key] = round(score, 4)
                    new.add(key)
                self.union(sid, other)
            self._index(story)
        return new

    def add_link(self, a: int, b: int, score: float) -> None:
        self.links[(min(a, b), max(a, b))] = score
        self.union(a, b)

    def _candidates(self, stories: dict[int, Story], story: Story) -> list[tuple[int, float]]:
        s = self.settings
        partial: dict[int, float] = {}
        for term, w in top(story.centroid, s.index_terms).items():
            postings = self.index.get(term)
            if not postings or len(postings) > s.max_postings:
                continue  # too common across the archive to tell one matter from another
            for other, ow in postings.items():
                partial[other] = partial.get(other, 0.0) + w * ow
        out = []
        for other, _ in heapq.nlargest(s.max_candidates, partial.items(), key=lambda kv: kv[1]):
            o = stories.get(other)
            if o is None or other == story.id:
                continue
            score = dot(story.centroid, o.centroid) / ((story.centroid_norm * o.centroid_norm) or 1.0)
            if story.entities and o.entities:
                score += s.entity_weight * jaccard(frozenset(story.entities), frozenset(o.entities))
            if score >= s.threshold:
                out.append((other, score))
        return out

    def _index(self, story: Story) -> None:
        terms = top(story.centroid, self.settings.index_terms)
        for t, w in terms.items():
            self.index.setdefault(t, {})[story.id] = w
        self.indexed[story.id] = list(terms)

    def _unindex(self, sid: int) -> None:
        for t in self.indexed.pop(sid, ()):
            postings = self.index.get(t)
            if postings:
                postings.pop(sid, None)
                if not postings:
                    del self.index[t]

    def forget(self, sid: int) -> None:
        """A story disappeared (merged or emptied): drop its postings and links, recompute components."""
        self._unindex(sid)
        before = set(self.parent)
        self.links = {k: v for k, v in self.links.items() if sid not in k}
        self.parent, self.components = {}, {}
        for a, b in self.links:
            self.union(a, b)
        self.changed.update(before | set(self.parent))
