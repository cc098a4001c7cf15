"""Named-entity evidence that an article and a story tell one event.

Two outlets' write-ups of one meeting often share few words (different headlines, leads built on
different statements) but name the same people and bodies on the same day. Evidence counts the
*specific* person/organisation keys both sides carry (``Article.mentions`` entity keys, ``PER:``/``ORG:``),
plus one for a shared place when at least one person or body is shared: a minister's visit to Cairo is
(Volkov, al-Sawi, Cairo). A key is specific when it is rare in the archive (idf from the clusterer's
document frequencies, where every article adds its entity keys) *and* named by few of the stories
active around the article's day: the king, the news agency, or the minister of the day's big topic
(Kerry on the day of the Iran deal) are shared by several distinct stories and cannot pick one out —
the same reasoning as the candidate look-up's ``max_postings`` for terms.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

PERSON = "PER:"
BODY = "ORG:"
PLACE = "LOC:"


def evidence(mine: Collection[str], theirs: Collection[str], specific: Callable[[str], bool]) -> int:
    """Points of shared specific entities: one per person or organisation key and one for a shared
    place — 0 unless two people, or a person or body and a place, are shared."""
    if not mine or not theirs:
        return 0
    shared = [k for k in mine if k in theirs and specific(k)]
    people = sum(1 for k in shared if k.startswith(PERSON))
    bodies = sum(1 for k in shared if k.startswith(BODY))
    place = any(k.startswith(PLACE) for k in shared)
    # Two people, or a person or body in the same place. A body with a person but no place (a football
    # federation and its referee, an NER slip such as «استتباب الامن» with a pious formula tagged PER)
    # tied distinct reports of one beat together on the development days.
    if people >= 2 or ((people or bodies) and place):
        return people + bodies + place
    return 0


def day_gap(first_a: int, last_a: int, first_b: int, last_b: int) -> int | None:
    """Days between two spans (0 when they overlap); None when a day is unknown."""
    if not (first_a and last_a and first_b and last_b):
        return None
    return max(0, first_a - last_b, first_b - last_a)
