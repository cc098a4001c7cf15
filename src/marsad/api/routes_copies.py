"""Copies JSON API: duplicate groups (first publisher, copies, edits) and who republishes whom."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Path, Query

from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, NAME_MAX, name_query, offset_query
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["copies"], responses=ERROR_RESPONSES)


@router.get("/copies")
def list_copies(
    source: Optional[str] = name_query("Only groups this outlet republished (copy or container)."),
    origin: Optional[str] = name_query("Only texts first published by, or crediting, this outlet or agency."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = offset_query(),
    archive: Archive = Depends(get_archive),
) -> dict[str, Any]:
    """Duplicate groups, biggest first: the first publication and every copy with what it changed
    (share of the original kept, sentences added and removed, delay after the first)."""
    from marsad.dedup.queries import list_groups, summary

    total, groups = list_groups(archive, source=source, origin=origin, limit=limit, offset=offset)
    return {"total": total, "groups": groups, "summary": summary(archive)}


@router.get("/copies/{group_id}")
def get_copies(group_id: str = Path(..., max_length=NAME_MAX),
               archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """One duplicate group with all its members and their edits (404 when unknown)."""
    from marsad.dedup.queries import get_group

    return get_group(archive, group_id)


@router.get("/republication")
def get_republication(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """One row per (republishing outlet, origin): texts taken, as copies or embedded in longer pieces,
    and the median delay in hours after the first publication. The origin is the wire agency the
    group credits, else its first publisher."""
    from marsad.dedup.queries import republication

    return {"rows": republication(archive)}
