"""Entity pages: /entities (top entities) and /entities/{key} (one entity's profile)."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.deps import get_archive
from marsad.api.params import KEY_MAX, form_date, form_text
from marsad.archive import Archive
from marsad.extract.entity_queries import entity_detail, top_entities
from marsad.web import render

router = APIRouter(include_in_schema=False)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, archive: Archive = Depends(get_archive),
                  type: Optional[str] = Query(None, pattern="^(PER|ORG|LOC|MISC)?$"),
                  source: Optional[str] = form_text(), since: Optional[str] = form_date(),
                  limit: int = Query(50, ge=1, le=500)) -> HTMLResponse:
    rows = top_entities(archive.store, type_=type or None, source=source or None, since=since or None, limit=limit)
    return render(request, "entities_list.html", nav="entities", entities=rows, type=type, source=source,
                  since=since, all_sources=archive.sources())


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str = Path(..., min_length=1, max_length=KEY_MAX),
                archive: Archive = Depends(get_archive)) -> HTMLResponse:
    d = entity_detail(archive.store, key)
    by_source: dict[str, list[tuple[str, int]]] = {}
    for row in d["timeline"]:
        by_source.setdefault(row["source"], []).append((row["month"] or "?", row["mentions"]))
    return render(request, "entities_entity.html", nav="entities", entity=d, by_source=by_source)
