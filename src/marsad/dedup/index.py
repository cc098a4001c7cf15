"""Finding the copies of a new text among the texts already seen.

Two lookups give candidates, both from compact per-text state (no old text is re-read to find them):

- MinHash-LSH band keys (:mod:`marsad.dedup.minhash`): texts with a similar shingle set overall;
- marks (:func:`marsad.dedup.shingles.winnow`): texts sharing enough of the new text's winnowed
  shingles, or the new text holding enough of theirs — a wire text inside a longer article has a low
  Jaccard with it but all its marks inside it.

Each candidate is then verified sentence by sentence (:func:`marsad.dedup.match.compare`), which
needs both fingerprints: :class:`IndexState` implementations give them (the in-memory index keeps
them, the archive stage recomputes the few it needs from the stored texts).

:class:`MemoryIndex` is the whole algorithm in memory; :class:`marsad.dedup.near.NearDuplicateStage`
runs the same :func:`find_links` over SQLite tables.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import Protocol

import numpy as np

from marsad.dedup.groups import Group, Link, Member, build_groups
from marsad.dedup.match import PairMatch, compare
from marsad.dedup.minhash import band_keys, signature
from marsad.dedup.shingles import Fingerprint, fingerprint

MIN_SHARED_MARKS = 2
MIN_MARK_SHARE = 0.2  # of the smaller mark set: enough for a text embedded in a longer one
MAX_POSTING = 200  # a mark shared by more texts than this is a stock phrase, not evidence (in memory)


@dataclass
class Sketch:
    """The compact state kept for every text."""

    signature: np.ndarray
    bands: list[int]
    marks: frozenset[int]
    n_shingles: int


def sketch(fp: Fingerprint) -> Sketch:
    sig = signature(fp.shingles)
    return Sketch(sig, band_keys(sig), fp.marks, len(fp.shingles))


class IndexState(Protocol):
    def band_candidates(self, bands: list[int]) -> set[str]: ...
    def mark_counts(self, marks: set[int]) -> dict[str, tuple[int, int]]:
        """id -> (shared marks, that text's own number of marks)."""
        ...
    def fingerprint_of(self, article_id: str) -> Fingerprint | None: ...


@dataclass
class Found:
    other: str
    match: PairMatch
    new_is_longer: bool


# At most this many candidates are verified per new text, most promising first. Groups are
# transitive, so a text with hundreds of near-identical predecessors (a daily template, a much
# reprinted wire) needs links to a few of them, not to all: this keeps dedup linear in such corpora.
MAX_VERIFIED = 50


def candidates(state: IndexState, sk: Sketch) -> list[str]:
    """Candidate ids, most promising first: MinHash band collisions (high estimated Jaccard), then
    texts sharing many winnowing marks (containment), by share of marks."""
    bands = state.band_candidates(sk.bands)
    n_new = len(sk.marks)
    by_marks: list[tuple[float, str]] = []
    for other, (shared, n_other) in state.mark_counts(sk.marks).items():
        smaller = max(1, min(n_new, n_other))
        if other not in bands and shared >= MIN_SHARED_MARKS and shared >= MIN_MARK_SHARE * smaller:
            by_marks.append((-shared / smaller, other))
    return sorted(bands) + [other for _, other in sorted(by_marks)]


def find_links(state: IndexState, article_id: str, fp: Fingerprint, sk: Sketch) -> list[Found]:
    """Verified duplicate links between a new text and the texts in ``state``."""
    out = []
    for other in [c for c in candidates(state, sk) if c != article_id][:MAX_VERIFIED]:
        ofp = state.fingerprint_of(other)
        if ofp is None:
            continue
        m = compare(fp, ofp)
        if m.duplicate:
            out.append(Found(other, m, len(fp.shingles) > len(ofp.shingles)))
    return out


def to_link(article_id: str, found: Found) -> Link:
    container = None
    if found.match.kind == "embedded":
        container = article_id if found.new_is_longer else found.other
    return Link(article_id, found.other, found.match.kind or "copy", container)


class MemoryIndex:
    """The near-duplicate index in memory: add texts, read off duplicate groups."""

    def __init__(self) -> None:
        self.fingerprints: dict[str, Fingerprint] = {}
        self.sketches: dict[str, Sketch] = {}
        self.members: dict[str, Member] = {}
        self.links: dict[frozenset[str], Link] = {}
        self._bands: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._marks: dict[int, list[str]] = defaultdict(list)

    # IndexState
    def band_candidates(self, bands: list[int]) -> set[str]:
        out: set[str] = set()
        for i, key in enumerate(bands):
            out.update(self._bands.get((i, key), ()))
        return out

    def mark_counts(self, marks: set[int]) -> dict[str, tuple[int, int]]:
        postings = (p for p in map(self._marks.get, marks) if p and len(p) <= MAX_POSTING)
        counts = Counter(chain.from_iterable(postings))
        return {i: (c, len(self.sketches[i].marks)) for i, c in counts.items() if c >= MIN_SHARED_MARKS}

    def fingerprint_of(self, article_id: str) -> Fingerprint | None:
        return self.fingerprints.get(article_id)

    def add(self, member: Member, text: str) -> list[Found]:
        """Index one text (idempotent: a known id is ignored) and return its verified links."""
        if member.id in self.members:
            return []
        fp = fingerprint(text)
        sk = sketch(fp)
        found = find_links(self, member.id, fp, sk)
        for f in found:
            self.links[frozenset((member.id, f.other))] = to_link(member.id, f)
        self.members[member.id] = member
        self.fingerprints[member.id] = fp
        self.sketches[member.id] = sk
        for i, key in enumerate(sk.bands):
            self._bands[(i, key)].append(member.id)
        for mk in sk.marks:
            self._marks[mk].append(member.id)
        return found

    def groups(self, agencies: frozenset[str] = frozenset()) -> list[Group]:
        return build_groups(self.members, list(self.links.values()), agencies)
