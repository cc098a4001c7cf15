"""JSON API for quotes (who said what), events (who met whom) and a person's events timeline."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from marsad.api.deps import get_archive
from marsad.archive import Archive
from marsad.errors import ConfigError
from marsad.extract.quote_queries import find_events, find_quotes, timeline

router = APIRouter(prefix="/api", tags=["quotes"])
KINDS = ("meeting", "call", "visit", "press_conference", "message")
STANCES = ("neutral", "emphatic", "denial", "claim")


@router.get("/quotes")
def list_quotes(
    archive: Archive = Depends(get_archive),
    speaker: Optional[str] = Query(None, description="speaker name; the family name is enough"),
    contains: Optional[str] = Query(None, description="word or phrase in the quote (normalised match)"),
    since: Optional[str] = Query(None, description="YYYY-MM-DD"),
    source: Optional[str] = None,
    stance: Optional[str] = Query(None, description="neutral, emphatic, denial or claim"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    if stance and stance not in STANCES:
        raise ConfigError(f"unknown stance {stance!r}; choose from {', '.join(STANCES)}")
    rows = find_quotes(archive.store, speaker=speaker, contains=contains, since=since, source=source,
                       stance=stance, limit=limit, offset=offset)
    return {"quotes": rows, "count": len(rows), "offset": offset}


@router.get("/events")
def list_events(
    archive: Archive = Depends(get_archive),
    with_: list[str] = Query([], alias="with", description="participant(s); repeat for a pair"),
    kind: Optional[str] = Query(None, description="meeting, call, visit, press_conference or message"),
    since: Optional[str] = None,
    source: Optional[str] = None,
    limit: int = Query(50, ge=1, le=500),
) -> dict[str, Any]:
    if kind and kind not in KINDS:
        raise ConfigError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    rows = find_events(archive.store, with_names=with_, kind=kind, since=since, source=source, limit=limit)
    return {"events": rows, "count": len(rows)}


@router.get("/timeline")
def get_timeline(
    name: str = Query(..., min_length=1, description="person or state"),
    with_: Optional[str] = Query(None, alias="with", description="the other participant"),
    kind: Optional[str] = None,
    archive: Archive = Depends(get_archive),
) -> dict[str, Any]:
    return {"name": name, "with": with_, "timeline": timeline(archive.store, name, with_name=with_, kind=kind)}
