"""From verified pair links to duplicate groups with a first publisher.

Copy links (two texts that are mostly the same) are merged transitively: the copies of one wire report
form one group. An embedding link (a wire text inside a longer article that adds much of its own) puts
the longer article in the wire text's group without merging that group with anything else the longer
article contains — a daily round-up quoting two agency reports does not make the two reports copies
of each other. So an article can belong to several groups (as a copy in one, as a container in others).

First publisher: the earliest published member; on a tie (same timestamp, or dates only) a member
published by the wire agency itself wins, then one that names an agency in its dateline or credits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

ROLE_FIRST = "first"
ROLE_COPY = "copy"
ROLE_EMBEDS = "embeds"  # a longer article that contains the group's text


@dataclass
class Member:
    id: str
    source: str
    published: str | None = None
    agency: str | None = None


@dataclass
class Link:
    a: str
    b: str
    kind: str  # "copy" or "embedded"
    container: str | None = None  # for "embedded": the longer article


@dataclass
class Group:
    id: str
    first: str  # article id of the first publisher
    first_publisher: str  # its source
    agency: str | None  # the wire agency the members credit most, if any
    roles: dict[str, str] = field(default_factory=dict)  # article id -> role
    embeds: dict[str, set[str]] = field(default_factory=dict)  # container -> members it was verified to contain


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def first_key(m: Member, agencies: frozenset[str] = frozenset()):
    """Sort key: earliest first; then the agency's own article; then one crediting an agency."""
    own_agency = m.source in agencies or (m.agency is not None and m.agency == m.source)
    return (m.published or "9999", 0 if own_agency else 1, 0 if m.agency else 1, m.id)


def build_groups(
    members: dict[str, Member], links: list[Link], agencies: frozenset[str] = frozenset()
) -> list[Group]:
    """Duplicate groups over ``members`` (every linked id must be in ``members``)."""
    uf = _UnionFind()
    for link in links:
        uf.find(link.a)
        uf.find(link.b)
        if link.kind == "copy":
            uf.union(link.a, link.b)
    cores: dict[str, list[str]] = {}
    for x in list(uf.parent):
        cores.setdefault(uf.find(x), []).append(x)
    containers: dict[str, dict[str, set[str]]] = {}
    for link in links:
        if link.kind != "copy" and link.container:
            inner = link.b if link.container == link.a else link.a
            containers.setdefault(uf.find(inner), {}).setdefault(link.container, set()).add(inner)
    groups = []
    for root, ids in cores.items():
        extra = {c: inner for c, inner in containers.get(root, {}).items() if c not in ids}
        if len(ids) < 2 and not extra:
            continue  # an article only linked as a container belongs to other groups
        groups.append(_make_group(ids, extra, members, agencies))
    return groups


def _make_group(core: list[str], extra: dict[str, set[str]], members: dict[str, Member], agencies) -> Group:
    ordered = sorted(core, key=lambda i: first_key(members[i], agencies))
    first = members[ordered[0]]
    credited = Counter(members[i].agency for i in core if members[i].agency)
    agency = credited.most_common(1)[0][0] if credited else None
    roles = {i: ROLE_COPY for i in ordered[1:]}
    roles[first.id] = ROLE_FIRST
    for i in sorted(extra):
        roles[i] = ROLE_EMBEDS
    return Group(id=f"dup-{first.id}", first=first.id, first_publisher=first.source, agency=agency,
                 roles=roles, embeds=extra)


def copy_pairs(groups: list[Group]) -> set[frozenset[str]]:
    """Every unordered pair of articles that are copies of one text (what the dedup eval scores):
    any two members of a group's copies, and a container with each member it was verified to
    contain (two round-ups quoting the same report are not copies of each other)."""
    out: set[frozenset[str]] = set()
    for g in groups:
        core = sorted(i for i, r in g.roles.items() if r != ROLE_EMBEDS)
        for i, a in enumerate(core):
            for b in core[i + 1 :]:
                out.add(frozenset((a, b)))
        for container, inner in g.embeds.items():
            out.update(frozenset((container, x)) for x in inner)
    return out
