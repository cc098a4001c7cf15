"""Turn an article's clean text and its annotations into paragraphs of segments for the page.

Spans may overlap (a date inside a quote, an entity inside a quote): the page shows the innermost
mark that starts first, entities and dates win over quotes; all text is kept, nothing is dropped.
"""

from __future__ import annotations

from typing import Any

from marsad.document import Article

_PRIORITY = {"entity": 0, "date": 1, "quote": 2}


def _spans(article: Article) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for m in article.mentions:
        spans.append({"kind": "entity", "start": m.start, "end": m.end, "type": m.type,
                      "key": m.entity_key or f"{m.type}:{m.text}", "canonical": m.canonical or m.text})
    for d in article.dates:
        spans.append({"kind": "date", "start": d.start, "end": d.end, "value": d.value})
    for q in article.quotes:
        spans.append({"kind": "quote", "start": q.content_start, "end": q.content_end, "speaker": q.speaker,
                      "cue": q.cue, "stance": q.stance})
    return spans


def segments(article: Article) -> list[list[dict[str, Any]]]:
    """Paragraphs (split on blank lines) as lists of ``{"kind": "text"|"entity"|"date"|"quote", "text", …}``."""
    text = article.text
    spans = sorted(_spans(article), key=lambda s: (s["start"], _PRIORITY[s["kind"]], -s["end"]))
    paragraphs: list[list[dict[str, Any]]] = []
    pos = 0
    for para in text.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        segs: list[dict[str, Any]] = []
        cursor = start
        for s in spans:
            if s["start"] < cursor or s["start"] >= end:
                continue
            s_end = min(s["end"], end)
            if s["kind"] == "quote":  # a quote may hold entities: show it plain-marked up to the next span
                nxt = min((o["start"] for o in spans if o["kind"] != "quote" and s["start"] < o["start"] < s_end),
                          default=s_end)
                s_end = nxt
            if s["start"] > cursor:
                segs.append({"kind": "text", "text": text[cursor:s["start"]]})
            segs.append({**s, "text": text[s["start"]:s_end]})
            cursor = s_end
        if cursor < end:
            segs.append({"kind": "text", "text": text[cursor:end]})
        if any(seg["text"].strip() for seg in segs):
            paragraphs.append(segs)
    return paragraphs
