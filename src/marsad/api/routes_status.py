"""JSON API for the archive's state: counts, whether another process is writing, work still queued
(an ingest in progress, or one that was interrupted and waits for the next writer)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from marsad.api.access import bearer_token, policy_of
from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["status"], responses=ERROR_RESPONSES)


@router.get("/status")
def status(request: Request, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """``writer`` names the writing process and its subcommand; its full command line (paths,
    options) only for a request that carries the server's token."""
    q = archive.store.query
    if archive.lock.held:
        writer = "this server"
    elif policy_of(request).token_matches(bearer_token(request.headers.get("authorization"))):
        writer = archive.lock.holder()
    else:
        writer = archive.lock.holder_brief()
    return {
        "articles": q("SELECT COUNT(*) FROM articles")[0][0],
        "indexed": archive.index.doc_count(),
        "writer": writer or None,
        "pending": {table: q(f"SELECT COUNT(*) FROM {table}")[0][0]
                    for table in ("index_queue", "stage_queue", "reclean_queue")},
        "runs": [dict(r) for r in q("SELECT id, started_at, ended_at, added, status FROM ingest_runs "
                                    "ORDER BY started_at DESC LIMIT 5")],
    }
