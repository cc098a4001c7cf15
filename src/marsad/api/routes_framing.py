"""Framing JSON API: distinguishing terms, contested labels and scare quotes per outlet."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, name_query, row_id_query
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["framing"], responses=ERROR_RESPONSES)


@router.get("/framing")
def get_framing(
    source: Optional[str] = name_query("Report this outlet only (compared with all others)."),
    story: Optional[int] = row_id_query("Compare the outlets inside one story."),
    storyline: Optional[int] = row_id_query("Compare the outlets inside one storyline."),
    top: int = Query(12, ge=1, le=100, description="Distinguishing terms per outlet."),
    archive: Archive = Depends(get_archive),
) -> dict[str, Any]:
    """Per outlet: weighted log-odds terms (z-scores), framing-lexicon labels with example sentences,
    and what its quotation marks do, scare quotes listed."""
    from marsad.stories.framing import archive_articles, framing_report

    articles = archive_articles(archive, source=source, story=story, storyline=storyline)
    return framing_report(articles, source=source, top=top)
