"""Quote browser (/quotes) and events timeline (/timeline?name=…&with=…)."""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.deps import get_archive
from marsad.api.params import NAME_MAX, TEXT_MAX, form_date, form_page, form_text
from marsad.archive import Archive
from marsad.extract.quote_queries import find_quotes, timeline
from marsad.web import render

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, archive: Archive = Depends(get_archive), speaker: Optional[str] = form_text(),
                contains: Optional[str] = form_text(TEXT_MAX), since: Optional[str] = form_date(),
                source: Optional[str] = form_text(),
                stance: Optional[str] = Query(None, pattern="^(neutral|emphatic|denial|claim)?$"),
                page: int = form_page()) -> HTMLResponse:
    rows = find_quotes(archive.store, speaker=speaker or None, contains=contains or None, since=since or None,
                       source=source or None, stance=stance or None, limit=PAGE + 1, offset=(page - 1) * PAGE)
    keep = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page" and v])
    return render(request, "quotes_list.html", nav="quotes", quotes=rows[:PAGE], more=len(rows) > PAGE,
                  page=page, base_qs=keep, speaker=speaker, contains=contains, since=since, source=source, stance=stance,
                  all_sources=archive.sources())


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, archive: Archive = Depends(get_archive), name: Optional[str] = form_text(),
                  with_: Optional[str] = Query(None, alias="with", max_length=NAME_MAX),
                  kind: Optional[str] = Query(None, pattern="^(meeting|call|visit|press_conference|message)?$"),
                  ) -> HTMLResponse:
    with_ = with_ or None
    rows = timeline(archive.store, name, with_name=with_, kind=kind or None) if name else []
    return render(request, "quotes_timeline.html", nav="quotes", name=name, other=with_, kind=kind, events=rows)
