"""Core pages: search (/), article (/articles/{id}), sources (/sources)."""

from __future__ import annotations

from collections import Counter
from typing import Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.deps import get_archive
from marsad.api.params import MAX_SEARCH_OFFSET, TEXT_MAX, article_id_path, form_date, form_text
from marsad.archive import Archive
from marsad.web import render
from marsad.web.annotate import segments

router = APIRouter(include_in_schema=False)
FACET_SAMPLE = 1000


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, archive: Archive = Depends(get_archive), q: str = Query("", max_length=TEXT_MAX),
                source: Optional[str] = form_text(), since: Optional[str] = form_date(),
                until: Optional[str] = form_date(), entity: Optional[str] = form_text(),
                offset: int = Query(0, ge=0, le=MAX_SEARCH_OFFSET),
                limit: int = Query(20, ge=1, le=100)) -> HTMLResponse:
    query = q.strip()
    if entity:
        query += f' entity:"{entity}"'
    ctx = dict(nav="search", q=q, source=source, since=since, until=until, entity=entity, offset=offset,
               limit=limit, all_sources=archive.sources(), results=None)
    if query.strip():
        res = archive.search(query, source=source or None, since=since or None, until=until or None,
                             limit=limit, offset=offset)
        facet = archive.search(query, source=source or None, since=since or None, until=until or None,
                               limit=FACET_SAMPLE)
        ids = [r["id"] for r in facet.results]
        rows = archive.store.query(
            f"SELECT source, substr(published, 1, 7) AS month FROM articles WHERE id IN ({','.join('?' * len(ids))})",
            ids) if ids else []
        per_source = Counter(r["source"] for r in rows).most_common()
        months = sorted(Counter(r["month"] for r in rows if r["month"]).items())
        params = {k: v for k, v in dict(q=q, source=source, since=since, until=until, entity=entity).items() if v}
        ctx.update(results=res.results, total=res.total, per_source=per_source, per_month=months,
                   sampled=FACET_SAMPLE if res.total > FACET_SAMPLE else None, page_query=urlencode(params))
    else:
        _, recent = archive.articles(limit=15)
        ctx.update(stats=archive.stats(), recent=recent)
    return render(request, "search.html", **ctx)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str = article_id_path(),
                 archive: Archive = Depends(get_archive)) -> HTMLResponse:
    a = archive.get(article_id)
    quotes = [{"speaker": q.speaker, "cue": q.cue, "stance": q.stance,
               "content": a.text[q.content_start:q.content_end]} for q in a.quotes]
    story = near = None
    try:
        from marsad.stories.queries import story_of  # optional: story clustering
        story = story_of(archive, a.id)
    except (ImportError, AttributeError):
        pass
    try:
        from marsad.dedup.queries import near_copies_of  # optional: near-duplicate groups
        near = near_copies_of(archive, a.id)
    except (ImportError, AttributeError):
        pass
    return render(request, "article.html", nav="search", article=a, paragraphs=segments(a), quotes=quotes,
                  events=a.events, duplicates=archive.duplicates_of(a.id), story=story, near_copies=near)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, archive: Archive = Depends(get_archive)) -> HTMLResponse:
    sources = archive.sources()
    months = archive.store.query(
        "SELECT source, substr(published, 1, 7) AS m, count(*) AS n FROM articles WHERE published IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY 2")
    by_source: dict[str, list] = {}
    for r in months:
        by_source.setdefault(r["source"], []).append((r["m"], r["n"]))
    wire = {r[0]: r[1] for r in archive.store.query(
        "SELECT source, avg(agency IS NOT NULL) FROM articles GROUP BY source")}
    for s in sources:
        s["months"] = by_source.get(s["name"], [])
        s["wire_share"] = wire.get(s["name"])
    republication = None
    try:
        from marsad.dedup.queries import republication_table
        republication = republication_table(archive)
    except (ImportError, AttributeError):
        pass
    return render(request, "sources.html", nav="sources", sources=sources, republication=republication)
