"""Turn an article's clean text and its annotations into paragraphs of segments for the page.

Entities and dates are marks; quotes are a background layer that may contain marks. The text is cut
at every span boundary into elementary pieces; each piece carries the innermost mark covering it (if
any) and the quote covering it (if any). All text is kept, nothing is dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from marsad.document import Article


def _marks(article: Article) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = []
    for m in article.mentions:
        marks.append({"kind": "entity", "start": m.start, "end": m.end, "type": m.type,
                      "key": m.entity_key or f"{m.type}:{m.text}", "canonical": m.canonical or m.text,
                      "nominal": m.nominal})
    for d in article.dates:
        marks.append({"kind": "date", "start": d.start, "end": d.end, "value": d.value})
    return marks


def _quotes(article: Article) -> list[dict[str, Any]]:
    return [{"start": q.content_start, "end": q.content_end, "speaker": q.speaker, "cue": q.cue,
             "stance": q.stance, "kind": q.kind} for q in article.quotes]


def _covering(spans: list[dict[str, Any]], a: int, b: int) -> dict[str, Any] | None:
    inside = [s for s in spans if s["start"] <= a and b <= s["end"]]
    return min(inside, key=lambda s: s["end"] - s["start"]) if inside else None


def segments(article: Article) -> list[list[dict[str, Any]]]:
    """Paragraphs (split on blank lines) as lists of ``{"text", "mark": span|None, "quote": span|None}``;
    a mark's ``first`` is True on the piece where it starts (the page links it there)."""
    text = article.text
    marks, quotes = _marks(article), _quotes(article)
    cuts = sorted({0, len(text)} | {p for s in marks + quotes for p in (s["start"], s["end"]) if 0 <= p <= len(text)})
    paragraphs: list[list[dict[str, Any]]] = []
    pos = 0
    for para in text.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        points = [start] + [c for c in cuts[bisect_right(cuts, start):] if c < end] + [end]
        segs = []
        for a, b in zip(points, points[1:]):
            if a >= b:
                continue
            mark = _covering(marks, a, b)
            segs.append({"text": text[a:b], "mark": mark, "quote": _covering(quotes, a, b)})
        if any(s["text"].strip() for s in segs):
            paragraphs.append(segs)
    return paragraphs
