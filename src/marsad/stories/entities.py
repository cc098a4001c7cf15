"""Named-entity evidence that an article and a story tell one event.

Two outlets' write-ups of one meeting often share few words (different headlines, leads built on
different statements) but name the same people and bodies on the same day. Evidence counts the
*specific* person/organisation keys both sides carry (``Article.mentions`` entity keys, ``PER:``/``ORG:``),
plus one for a shared place when at least one person or body is shared: a minister's visit to Cairo is
(Volkov, al-Sawi, Cairo). A key is specific when its document frequency is low (idf from the clusterer's
document frequencies, where every article adds its entity keys): the king, the news agency or the
ministry of every day's reports are shared by unrelated stories and say nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

PERSON_ORG = ("PER:", "ORG:")
PLACE = "LOC:"


def evidence(mine: Collection[str], theirs: Collection[str], idf: Callable[[str], float],
             min_idf: float) -> int:
    """Points of shared specific entities: one per person/organisation key, one more for a shared
    place when a person or organisation is shared too."""
    if not mine or not theirs:
        return 0
    shared = [k for k in mine if k in theirs and idf(k) >= min_idf]
    people = sum(1 for k in shared if k.startswith(PERSON_ORG))
    if not people:
        return 0
    return people + (1 if any(k.startswith(PLACE) for k in shared) else 0)


def day_gap(first_a: int, last_a: int, first_b: int, last_b: int) -> int | None:
    """Days between two spans (0 when they overlap); None when a day is unknown."""
    if not (first_a and last_a and first_b and last_b):
        return None
    return max(0, first_a - last_b, first_b - last_a)
