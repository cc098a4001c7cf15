"""Core JSON API: articles, search, stats, sources."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from marsad.api.deps import get_archive
from marsad.archive import Archive

router = APIRouter(prefix="/api", tags=["archive"])


class SearchHit(BaseModel):
    id: str
    title: Optional[str]
    source: str
    published: Optional[str]
    score: float
    snippet: str
    highlights: list[tuple[int, int]]


class SearchResponse(BaseModel):
    total: int
    limit: int
    offset: int
    results: list[SearchHit]


class SourceUpdate(BaseModel):
    label: Optional[str] = None
    domain: Optional[str] = None
    country: Optional[str] = None
    kind: Optional[str] = None
    notes: Optional[str] = None


@router.get("/articles")
def list_articles(
    archive: Archive = Depends(get_archive),
    source: Optional[str] = None,
    since: Optional[str] = Query(None, description="YYYY-MM-DD"),
    until: Optional[str] = Query(None, description="YYYY-MM-DD"),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    total, rows = archive.articles(source=source, since=since, until=until, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "articles": rows}


@router.get("/articles/{article_id}")
def get_article(article_id: str, archive: Archive = Depends(get_archive), removed: bool = True) -> dict[str, Any]:
    a = archive.get(article_id)
    d = a.to_dict()
    if not removed:
        d.pop("removed")
    d["duplicates"] = archive.duplicates_of(a.id)
    return d


@router.get("/search", response_model=SearchResponse)
def search(
    q: str = Query(..., description='Words, "phrases", entity:"name", source:name, -excluded'),
    archive: Archive = Depends(get_archive),
    source: Optional[list[str]] = Query(None),
    since: Optional[str] = None,
    until: Optional[str] = None,
    limit: int = Query(10, ge=1, le=100),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    res = archive.search(q, source=source, since=since, until=until, limit=limit, offset=offset)
    return {"total": res.total, "limit": limit, "offset": offset, "results": res.results}


@router.get("/stats")
def stats(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    return archive.stats()


@router.get("/sources")
def sources(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    return {"sources": archive.sources()}


@router.patch("/sources/{name}")
def update_source(name: str, update: SourceUpdate, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    return archive.update_source(name, **update.model_dump(exclude_none=True))


@router.delete("/articles/{article_id}")
def delete_article(article_id: str, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    archive.delete(article_id)
    return {"deleted": article_id}
