"""``GET /api/rejections``: the records ingests could not use, and why (needs the token).

A rejection names a file on the server and quotes part of the record, so it is not for anyone who can
read the articles: this read asks for the same token as the writes.
"""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from marsad.api.access import require_writer
from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, TEXT_MAX, name_query, offset_query
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["rejections"], responses=ERROR_RESPONSES)
MAX_LIMIT = 1000


@router.get("/rejections", dependencies=[Depends(require_writer)])
def list_rejections(
    archive: Archive = Depends(get_archive),
    run: Optional[str] = Query(None, min_length=1, max_length=64,
                               description="An ingest run id (an ingest report's run_id), or 'last'."),
    origin: Optional[str] = Query(None, min_length=1, max_length=TEXT_MAX,
                                  description="Only input files whose path contains this (case-insensitive)."),
    reason: Optional[str] = name_query("Only reasons containing this, e.g. 'malformed JSON' (case-insensitive)."),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = offset_query(),
    summary: bool = Query(False, description="Counts per origin and kind of reason (the text before its "
                                             "first ':') instead of the records."),
) -> dict[str, Any]:
    """Rejected records, oldest first: ``{"total", "items"}``; with ``summary``, ``{"summary": [{origin,
    reason, count}]}``, most frequent first."""
    if summary:
        return {"summary": archive.rejection_summary(run, origin, reason)}
    total, items = archive.rejections(run, origin, reason, limit=limit, offset=offset)
    return {"total": total, "items": items}
