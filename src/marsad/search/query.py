"""Parse a user's search string into terms, phrases and field filters.

Syntax: plain words (any may match, ranked by BM25), "quoted phrases" (must appear in order),
``entity:"سيرغي لافروف"`` (articles mentioning that entity under any variant), ``source:NAME``,
and a leading ``-`` to exclude a word or phrase. Both straight and Arabic/curly quotes delimit phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.arabic.normalize import normalize
from marsad.arabic.stem import analyze, drop_tanween_alef, stem, surface_words
from marsad.arabic.stopwords import STOPWORDS

_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"|(\S+))', re.UNICODE)


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)  # stemmed words
    phrases: list[list[str]] = field(default_factory=list)  # stemmed words in order
    excluded: list[list[str]] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # names as typed
    sources: list[str] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)  # normalised words, for highlighting
    exact: list[str] = field(default_factory=list)  # normalised, unstemmed content words

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.entities or self.sources)


def parse_query(text: str) -> ParsedQuery:
    q = ParsedQuery()
    text = normalize(drop_tanween_alef(text), lower=False)  # folds every kind of quotation mark into "
    for m in _TOKEN.finditer(text):
        negate, fieldname, quoted, bare = m.groups()
        value = quoted if quoted is not None else bare
        if fieldname == "entity":
            q.entities.append(value)
            continue
        if fieldname == "source":
            q.sources.append(value)
            continue
        if fieldname:  # unknown field: treat the whole token as words
            value = f"{fieldname} {value}"
        words = analyze(value)
        if not words:
            continue
        if negate:
            q.excluded.append(words)
        elif quoted is not None and len(words) > 1:
            q.phrases.append(words)
            q.surface.extend(surface_words(value))
        else:
            surface = surface_words(value)
            q.surface.extend(surface)
            q.terms.extend(w for w in surface if w not in STOPWORDS)
            q.exact.extend(w for w in surface if w not in STOPWORDS)
    if not q.terms and not q.phrases and q.surface:  # a query of function words only keeps them
        q.terms = list(q.surface)
        q.exact = list(q.surface)
    q.terms = [stem(w) for w in q.terms]
    return q
