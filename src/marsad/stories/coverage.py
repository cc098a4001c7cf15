"""Coverage of one story per outlet: when it first ran it, how much, whom it quoted, and whether it
ran wire copy or its own reporting.

Wire copy: the article belongs to a near-duplicate group (``dup_groups``, filled by marsad.dedup) whose
first publisher is another outlet or agency, or its dateline/credits name a wire agency other than the
outlet itself (``articles.agency``). Both sources are optional: without them every article counts as
own reporting, which is what the data can show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class OutletCoverage:
    source: str
    first_seen: str | None
    articles: int = 0
    total_length: int = 0
    wire: int = 0  # articles that are wire copy
    wire_from: Counter = field(default_factory=Counter)  # agency / first publisher → articles
    quoted: Counter = field(default_factory=Counter)  # speaker → quotes
    article_ids: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if not self.articles:
            return "none"
        if self.wire == self.articles:
            return "wire"
        return "mixed" if self.wire else "own"

    def to_dict(self) -> dict:
        return {
            "source": self.source, "first_seen": self.first_seen, "articles": self.articles,
            "total_length": self.total_length, "kind": self.kind, "wire_articles": self.wire,
            "wire_from": dict(self.wire_from.most_common()), "quoted": dict(self.quoted.most_common(10)),
            "article_ids": self.article_ids,
        }


def wire_origin(member: dict, groups: dict[str, dict]) -> str | None:
    """Who the article copies, or None for own reporting."""
    group = groups.get(member["id"])
    if group and group.get("first_publisher") and group["first_publisher"] != member["source"] \
            and group.get("role") != "first":
        return group.get("agency") or group["first_publisher"]
    agency = member.get("agency")
    if agency and agency != member["source"]:
        return agency
    return None


def coverage(members: list[dict], quotes: list[dict], groups: dict[str, dict]) -> list[OutletCoverage]:
    """``members``: dicts with id, source, published, length, agency; ``quotes``: article_id, speaker;
    ``groups``: article id → its dup_groups row. Outlets in order of first coverage."""
    by_source: dict[str, OutletCoverage] = {}
    for m in sorted(members, key=lambda m: m.get("published") or ""):
        cov = by_source.setdefault(m["source"], OutletCoverage(m["source"], m.get("published")))
        cov.articles += 1
        cov.total_length += m.get("length") or 0
        cov.article_ids.append(m["id"])
        origin = wire_origin(m, groups)
        if origin:
            cov.wire += 1
            cov.wire_from[origin] += 1
    source_of = {m["id"]: m["source"] for m in members}
    for q in quotes:
        src = source_of.get(q["article_id"])
        if src and q.get("speaker"):
            by_source[src].quoted[q["speaker"]] += 1
    return list(by_source.values())
