"""The in-memory story: members, centroid and what coverage needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from marsad.stories.vectors import CENTROID_TERMS, norm, top


@dataclass
class Member:
    article_id: str
    source: str
    day: int
    title: str
    vector: dict[str, float]
    entities: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    text_hash: str | None = None
    length: int = 0
    numbers: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()  # every term of the article (title and body)
    title_terms: frozenset[str] = frozenset()
    published: str | None = None
    score: float = 0.0  # similarity to the story when it joined (1.0 for the opener)


@dataclass
class Story:
    id: int
    members: list[Member] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    centroid_norm: float = 0.0
    entities: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    vocab: Counter = field(default_factory=Counter)  # term → members using it anywhere
    title_vocab: Counter = field(default_factory=Counter)  # term → members with it in the headline
    first_day: int = 0
    last_day: int = 0
    storyline: int | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.members})

    def recompute(self) -> None:
        """Centroid = mean of member vectors, capped to the heaviest terms."""
        total: dict[str, float] = {}
        self.entities = Counter()
        self.dates = Counter()
        self.numbers = Counter()
        self.vocab = Counter()
        self.title_vocab = Counter()
        for m in self.members:
            for t, v in m.vector.items():
                total[t] = total.get(t, 0.0) + v
            self.entities.update(m.entities)
            self.dates.update(m.dates)
            self.numbers.update(m.numbers)
            self.vocab.update(m.terms)
            self.title_vocab.update(m.title_terms)
        n = max(1, len(self.members))
        self.centroid = top({t: v / n for t, v in total.items()}, CENTROID_TERMS)
        self.centroid_norm = norm(self.centroid)
        days = [m.day for m in self.members if m.day]
        self.first_day = min(days) if days else 0
        self.last_day = max(days) if days else 0

    def add(self, member: Member) -> None:
        """Add one member with an O(centroid) update instead of a full recompute."""
        n = len(self.members)
        self.members.append(member)
        merged = {t: v * n for t, v in self.centroid.items()}
        for t, v in member.vector.items():
            merged[t] = merged.get(t, 0.0) + v
        self.centroid = top({t: v / (n + 1) for t, v in merged.items()}, CENTROID_TERMS)
        self.centroid_norm = norm(self.centroid)
        self.entities.update(member.entities)
        self.dates.update(member.dates)
        self.numbers.update(member.numbers)
        self.vocab.update(member.terms)
        self.title_vocab.update(member.title_terms)
        if member.day:
            self.first_day = min(self.first_day or member.day, member.day)
            self.last_day = max(self.last_day, member.day)

    def central_member(self) -> Member | None:
        """The member closest to the centroid: its title represents the story."""
        from marsad.stories.vectors import dot

        if not self.members:
            return None
        return max(self.members, key=lambda m: (dot(m.vector, self.centroid), -m.day))
