"""JSON API for the archive's state: counts, whether another process is writing, work still queued
(an ingest in progress, or one that was interrupted and waits for the next writer)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["status"], responses=ERROR_RESPONSES)


@router.get("/status")
def status(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    q = archive.store.query
    writer = archive.lock.holder() if not archive.lock.held else "this server"
    return {
        "articles": q("SELECT COUNT(*) FROM articles")[0][0],
        "indexed": archive.index.doc_count(),
        "writer": writer or None,
        "pending": {table: q(f"SELECT COUNT(*) FROM {table}")[0][0]
                    for table in ("index_queue", "stage_queue", "reclean_queue")},
        "runs": [dict(r) for r in q("SELECT id, started_at, ended_at, added, status FROM ingest_runs "
                                    "ORDER BY started_at DESC LIMIT 5")],
    }
