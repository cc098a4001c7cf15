"""Copies pages: ``/copies`` (duplicate groups with their first publisher and the republication
table) and ``/copies/{group_id}`` (one text and what every copy changed)."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from marsad.api.deps import get_archive
from marsad.api.params import NAME_MAX, form_page, form_text
from marsad.archive import Archive
from marsad.web import render

router = APIRouter(include_in_schema=False)
PAGE = 30


@router.get("/copies", response_class=HTMLResponse)
def copies_page(request: Request, archive: Archive = Depends(get_archive), source: Optional[str] = form_text(),
                page: int = form_page()) -> HTMLResponse:
    from marsad.dedup.queries import list_groups, republication, summary

    total, groups = list_groups(archive, source=source or None, limit=PAGE, offset=(page - 1) * PAGE)
    return render(request, "copies_list.html", nav="copies", groups=groups, total=total, page=page,
                  pages=max(1, -(-total // PAGE)), source=source, summary=summary(archive),
                  republication=republication(archive), all_sources=archive.sources())


@router.get("/copies/{group_id}", response_class=HTMLResponse)
def copy_group_page(request: Request, group_id: str = Path(..., max_length=NAME_MAX),
                    archive: Archive = Depends(get_archive)) -> HTMLResponse:
    from marsad.dedup.queries import get_group

    return render(request, "copies_group.html", nav="copies", group=get_group(archive, group_id))
