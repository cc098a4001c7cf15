"""Finding a given title (from a manifest, SaudiNewsNet) in the page that repeats it.

The title an input names and the page's own headline are often not byte-identical: the manifest
writer used straight quotes where the page has «» or “”, dropped a trailing full stop, or the page
adds a tag («عاجل |»). They are compared as bags of normalised words, punctuation ignored.
"""

from __future__ import annotations

import re

from marsad.arabic.normalize import normalize

# Share of the longer side's words the two sides must have in common to be the same headline.
_MIN_OVERLAP = 0.8
_MIN_WORDS = 3  # a shorter title is only matched exactly (too easy to meet by chance)
_PUNCT = re.compile(r"[^\w\s]|_")


def title_words(text: str) -> list[str]:
    """The words of ``text`` in matching form: normalised, punctuation and quotes dropped."""
    return _PUNCT.sub(" ", normalize(text, taa_marbuta=True)).split()


def title_match(title: list[str], line: list[str]) -> float:
    """How well a page line repeats ``title`` (both from :func:`title_words`): 1.0 for the same words
    in the same order, the word overlap when it is high enough, else 0."""
    if not title or not line:
        return 0.0
    if title == line:
        return 1.0
    if min(len(title), len(line)) < _MIN_WORDS:
        return 0.0
    common = len(set(title) & set(line))
    overlap = common / max(len(set(title)), len(set(line)))
    return overlap if overlap >= _MIN_OVERLAP else 0.0
