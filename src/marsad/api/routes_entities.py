"""JSON API for entities: top entities and one entity's profile."""

from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Path, Query

from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, KEY_MAX, date_query, name_query
from marsad.archive import Archive
from marsad.extract.entity_queries import entity_detail, top_entities

router = APIRouter(prefix="/api", tags=["entities"], responses=ERROR_RESPONSES)
EntityType = Literal["PER", "ORG", "LOC", "MISC"]


@router.get("/entities")
def list_entities(
    archive: Archive = Depends(get_archive),
    type: Optional[EntityType] = Query(None, description="PER, ORG, LOC or MISC"),
    source: Optional[str] = name_query(),
    since: Optional[str] = date_query(),
    limit: int = Query(20, ge=1, le=500),
) -> dict[str, Any]:
    return {"entities": top_entities(archive.store, type_=type, source=source, since=since, limit=limit)}


@router.get("/entities/{key:path}")
def get_entity(key: str = Path(..., min_length=1, max_length=KEY_MAX),
               archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """``key`` is an entity key («PER:سيرجي لافروف») or any name variant; unknown names give 404."""
    return entity_detail(archive.store, key)
