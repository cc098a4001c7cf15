"""JSON API for quotes (who said what), events (who met whom) and a person's events timeline."""

from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Query

from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, NAME_MAX, TEXT_MAX, Name, date_query, name_query, offset_query
from marsad.archive import Archive
from marsad.extract.quote_queries import find_events, find_quotes, timeline

router = APIRouter(prefix="/api", tags=["quotes"], responses=ERROR_RESPONSES)
EventKind = Literal["meeting", "call", "visit", "press_conference", "message"]
Stance = Literal["neutral", "emphatic", "denial", "claim"]


@router.get("/quotes")
def list_quotes(
    archive: Archive = Depends(get_archive),
    speaker: Optional[str] = name_query("speaker name; the family name is enough"),
    contains: Optional[str] = Query(None, min_length=1, max_length=TEXT_MAX,
                                    description="word or phrase in the quote (normalised match)"),
    since: Optional[str] = date_query(),
    source: Optional[str] = name_query(),
    stance: Optional[Stance] = Query(None, description="neutral, emphatic, denial or claim"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = offset_query(),
) -> dict[str, Any]:
    rows = find_quotes(archive.store, speaker=speaker, contains=contains, since=since, source=source,
                       stance=stance, limit=limit, offset=offset)
    return {"quotes": rows, "count": len(rows), "offset": offset}


@router.get("/events")
def list_events(
    archive: Archive = Depends(get_archive),
    with_: list[Name] = Query([], alias="with", max_length=2, description="participant(s); repeat for a pair"),
    kind: Optional[EventKind] = Query(None, description="meeting, call, visit, press_conference or message"),
    since: Optional[str] = date_query(),
    source: Optional[str] = name_query(),
    limit: int = Query(50, ge=1, le=500),
) -> dict[str, Any]:
    rows = find_events(archive.store, with_names=with_, kind=kind, since=since, source=source, limit=limit)
    return {"events": rows, "count": len(rows)}


@router.get("/timeline")
def get_timeline(
    name: str = Query(..., min_length=1, max_length=NAME_MAX, description="person or state"),
    with_: Optional[str] = Query(None, alias="with", min_length=1, max_length=NAME_MAX,
                                 description="the other participant"),
    kind: Optional[EventKind] = None,
    archive: Archive = Depends(get_archive),
) -> dict[str, Any]:
    return {"name": name, "with": with_, "timeline": timeline(archive.store, name, with_name=with_, kind=kind)}
