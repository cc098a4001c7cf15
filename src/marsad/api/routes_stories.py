"""Stories JSON API: ``/api/stories``, ``/api/stories/{id}``, ``/api/stories/{id}/compare``, ``/api/storylines``."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from marsad.api.access import require_writer
from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, date_query, offset_query, row_id_path, row_id_query
from marsad.archive import Archive
from marsad.stories import views

router = APIRouter(prefix="/api", tags=["stories"], responses=ERROR_RESPONSES)


@router.get("/stories")
def list_stories(
    archive: Archive = Depends(get_archive),
    since: Optional[str] = date_query("YYYY-MM-DD: stories with an article on or after"),
    min_sources: int = Query(1, ge=1, le=1000, description="only stories told by at least this many outlets"),
    storyline: Optional[int] = row_id_query("only the stories of this storyline"),
    limit: int = Query(20, ge=1, le=200),
    offset: int = offset_query(),
) -> dict[str, Any]:
    """Stories, newest and biggest first."""
    total, rows = views.list_stories(archive.store, since=since, min_sources=min_sources, limit=limit,
                                     offset=offset, storyline=storyline)
    return {"total": total, "limit": limit, "offset": offset, "stories": rows}


@router.get("/stories/{story_id}")
def get_story(story_id: int = row_id_path("Story id."), archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """One story: summary (each sentence with its outlet and article), members, coverage per outlet,
    timeline, key entities, quotes and events."""
    return views.story_detail(archive.store, story_id)


@router.get("/stories/{story_id}/compare")
def compare_story(story_id: int = row_id_path("Story id."), archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Coverage side by side per outlet: figures, headlines and leads."""
    return views.compare(archive.store, story_id)


@router.get("/storylines")
def list_storylines(
    archive: Archive = Depends(get_archive),
    min_stories: int = Query(2, ge=1, le=100_000),
    limit: int = Query(20, ge=1, le=200),
    offset: int = offset_query(),
) -> dict[str, Any]:
    """Storylines (linked stories about one ongoing matter), most recently active first."""
    total, rows = views.list_storylines(archive.store, min_stories=min_stories, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "storylines": rows}


@router.post("/stories/rebuild", dependencies=[Depends(require_writer)])
def rebuild_stories(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Recluster the whole archive into stories from scratch, as `marsad stories --rebuild` (needs the token)."""
    archive.rebuild_stage("stories")
    total, _ = views.list_stories(archive.store, min_sources=1, limit=1)
    return {"rebuilt": "stories", "stories": total}
