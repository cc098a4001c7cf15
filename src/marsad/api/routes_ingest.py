"""``POST /api/ingest``: add articles sent in the request body (needs the token).

Records come in the JSON body, never as paths: no request can make the server read or write a file
the client names. The body (16 MiB, checked by the guard), the number of records and every field are
bounded; a record the pipeline cannot use is rejected in the report, as with `marsad ingest`.
"""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from marsad.api.access import require_writer
from marsad.api.deps import get_archive
from marsad.api.params import ERROR_RESPONSES, NAME_MAX
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["write"], responses=ERROR_RESPONSES)
MAX_RECORDS = 1000
MAX_TEXT = 1_000_000


class IngestRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="The article's text.")
    title: Optional[str] = Field(None, max_length=1000)
    source: Optional[str] = Field(None, min_length=1, max_length=NAME_MAX, description="Outlet name.")
    published: Optional[str] = Field(None, max_length=64, description="Publication date or time, ISO 8601.")
    url: Optional[str] = Field(None, max_length=2000)
    author: Optional[str] = Field(None, max_length=500)
    id: Optional[str] = Field(None, max_length=200, description="Your own id, kept as meta.record_id.")


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: list[IngestRecord] = Field(..., min_length=1, max_length=MAX_RECORDS)


@router.post("/ingest", dependencies=[Depends(require_writer)])
def ingest(body: IngestRequest, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Clean, extract, store and index the records; re-sending a record adds nothing."""
    records = [r.model_dump(exclude_none=True) for r in body.records]
    report = archive.ingest_records(records, origin="api")
    return {**report.to_dict(), "added_ids": report.added_ids}
