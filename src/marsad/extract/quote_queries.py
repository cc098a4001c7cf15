"""Read-side queries over the ``quotes`` and ``events`` tables (CLI, HTTP API and web pages).

Names are matched the way a reader means them: «لافروف», «سيرغي لافروف» and «سيرجي لافروف» all find
the same speaker (same family name after normalisation). Content search («--contains») compares the
normalised content, so «الارهاب» finds «الإرهاب».
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from marsad.store.where import Where
from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import sentences


def _norm(text: str | None) -> str:
    return normalize(text or "", taa_marbuta=True)


def _family(name: str | None) -> str:
    words = _norm(name).split()
    return words[-1] if words else ""


def same_person(query: str, name: str | None) -> bool:
    """«لافروف» matches «سيرغي لافروف»; a multi-word query matches on its family name or as a phrase."""
    if not name:
        return False
    q, n = _norm(query), _norm(name)
    return bool(q) and (q in n or _family(q) == _family(n))


def _register(store) -> None:
    # on every connection of the store, the HTTP workers' read connections included
    store.create_function("marsad_norm", 1, _norm)


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    """The sentence(s) holding [start, end) and the quote's offsets inside them."""
    a, b = start, end
    for s, e in sentences(text):
        if s <= start < e:
            a = min(a, s)
        if s < end <= e:
            b = max(b, e)
    return {"text": text[a:b], "start": start - a, "end": end - a}


def find_quotes(store, *, speaker: str | None = None, contains: str | None = None,
                since: str | None = None, source: str | None = None, stance: str | None = None,
                cue: str | None = None, limit: int = 50, offset: int = 0,
                with_context: bool = True) -> list[dict[str, Any]]:
    """Quotes newest first, filtered; each with its article's source/date/title and its sentence."""
    _register(store)
    w = (Where().add("a.published >= ?", since).add("a.source = ?", source).add("q.stance = ?", stance)
         .add("instr(marsad_norm(q.content), ?) > 0", _norm(contains) if contains else None)
         # cheap prefilter on the family name; the exact rule is applied below
         .add("instr(marsad_norm(q.speaker), ?) > 0", _family(speaker) if speaker else None))
    where, params = ["1=1", *w.clauses], w.params
    sql = (
        "SELECT q.*, a.source, a.published, a.url, a.title, t.text AS article_text FROM quotes q "
        "JOIN articles a ON a.id = q.article_id LEFT JOIN texts t ON t.hash = a.text_hash "
        f"WHERE {' AND '.join(where)} ORDER BY a.published DESC, q.article_id, q.content_start"
    )
    out: list[dict[str, Any]] = []
    skipped = 0
    for row in store.query(sql, tuple(params)):
        if speaker and not same_person(speaker, row["speaker"]):
            continue
        if cue and _norm(cue) not in _norm(row["cue"]):
            continue
        if skipped < offset:
            skipped += 1
            continue
        out.append(_quote_row(row, with_context))
        if len(out) >= limit:
            break
    return out


def _quote_row(row, with_context: bool) -> dict[str, Any]:
    d = {
        "article_id": row["article_id"], "source": row["source"], "published": row["published"],
        "url": row["url"], "title": row["title"], "content": row["content"], "kind": row["kind"],
        "speaker": row["speaker"], "speaker_entity": row["speaker_entity"],
        "speaker_inferred": bool(row["speaker_inferred"]), "cue": row["cue"], "stance": row["stance"],
        "content_start": row["content_start"], "content_end": row["content_end"],
    }
    text = row["article_text"]
    if with_context and text:
        d["context"] = _context(text, row["content_start"], row["content_end"])
    return d


def _event_rows(store, *, kind: str | None, since: str | None, source: str | None):
    w = Where().add("e.kind = ?", kind).add("coalesce(e.date, a.published) >= ?", since).add("a.source = ?", source)
    where, params = ["1=1", *w.clauses], w.params
    sql = (
        "SELECT e.*, a.source, a.published, a.url, a.title, t.text AS article_text FROM events e "
        "JOIN articles a ON a.id = e.article_id LEFT JOIN texts t ON t.hash = a.text_hash "
        f"WHERE {' AND '.join(where)} ORDER BY coalesce(e.date, a.published) DESC, e.article_id"
    )
    return store.query(sql, tuple(params))


def _involves(participants: list[str], names: Iterable[str]) -> bool:
    return all(any(same_person(n, p) for p in participants) for n in names if n)


def find_events(store, *, with_names: Iterable[str] = (), kind: str | None = None,
                since: str | None = None, source: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Events newest first; ``with_names``: every name must be among the participants."""
    names = [n for n in with_names if n]
    out = []
    for row in _event_rows(store, kind=kind, since=since, source=source):
        participants = json.loads(row["participants"] or "[]")
        if names and not _involves(participants, names):
            continue
        text = row["article_text"] or ""
        out.append({
            "article_id": row["article_id"], "source": row["source"], "published": row["published"],
            "url": row["url"], "title": row["title"], "kind": row["kind"], "participants": participants,
            "place": row["place"], "date": row["date"], "date_text": row["date_text"],
            "evidence": text[row["evidence_start"] : row["evidence_end"]],
        })
        if len(out) >= limit:
            break
    return out


def timeline(store, name: str, *, with_name: str | None = None, kind: str | None = None,
             limit: int = 200) -> list[dict[str, Any]]:
    """Every meeting/call/visit… of ``name`` (with ``with_name``), oldest first, one entry per event
    (same kind, day and participants) listing the outlets that reported it."""
    events = find_events(store, with_names=[name, with_name or ""], kind=kind, limit=10_000)
    merged: dict[tuple, dict[str, Any]] = {}
    for e in events:
        day = (e["date"] or e["published"] or "")[:10]
        key = (e["kind"], day, frozenset(_family(p) for p in e["participants"]))
        entry = merged.setdefault(key, {
            "kind": e["kind"], "date": day or None, "date_text": e["date_text"], "participants": e["participants"],
            "place": e["place"], "reports": [],
        })
        entry["place"] = entry["place"] or e["place"]
        entry["reports"].append({"article_id": e["article_id"], "source": e["source"], "url": e["url"],
                                 "title": e["title"], "published": e["published"], "evidence": e["evidence"]})
    return sorted(merged.values(), key=lambda x: (x["date"] or "", x["kind"]))[:limit]
