"""Core JSON API: articles, search, stats, sources; the registry edit and the delete need the token."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from marsad.api.access import require_writer
from marsad.api.deps import get_archive
from marsad.api.params import (
    ERROR_RESPONSES, MAX_SEARCH_OFFSET, NAME_MAX, TEXT_MAX, Name, article_id_path, date_query, name_path, name_query,
    offset_query,
)
from marsad.archive import Archive
from marsad.validate import SOURCE_KINDS

router = APIRouter(prefix="/api", tags=["archive"], responses=ERROR_RESPONSES)
MAX_SOURCE_FILTERS = 20


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
    model_config = ConfigDict(extra="forbid")

    label: Optional[str] = Field(None, max_length=NAME_MAX)
    domain: Optional[str] = Field(None, max_length=NAME_MAX)
    country: Optional[str] = Field(None, max_length=NAME_MAX)
    kind: Optional[str] = Field(None, pattern=f"^({'|'.join(SOURCE_KINDS)})$")
    notes: Optional[str] = Field(None, max_length=2000)


@router.get("/articles")
def list_articles(
    archive: Archive = Depends(get_archive),
    source: Optional[str] = name_query("Only this outlet's articles."),
    since: Optional[str] = date_query(),
    until: Optional[str] = date_query(),
    limit: int = Query(20, ge=1, le=200),
    offset: int = offset_query(),
) -> dict[str, Any]:
    total, rows = archive.articles(source=source, since=since, until=until, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "articles": rows}


@router.get("/articles/{article_id}")
def get_article(article_id: str = article_id_path(), archive: Archive = Depends(get_archive),
                removed: bool = True) -> dict[str, Any]:
    a = archive.get(article_id)
    d = a.to_dict()
    if not removed:
        d.pop("removed")
    d["duplicates"] = archive.duplicates_of(a.id)
    return d


@router.get("/search", response_model=SearchResponse)
def search(
    q: str = Query(..., min_length=1, max_length=TEXT_MAX,
                   description='Words, "phrases", entity:"name", source:name, -excluded'),
    archive: Archive = Depends(get_archive),
    source: Optional[list[Name]] = Query(None, max_length=MAX_SOURCE_FILTERS),
    since: Optional[str] = date_query(),
    until: Optional[str] = date_query(),
    limit: int = Query(10, ge=1, le=100),
    offset: int = offset_query(MAX_SEARCH_OFFSET),
) -> dict[str, Any]:
    res = archive.search(q, source=source, since=since, until=until, limit=limit, offset=offset)
    return {"total": res.total, "limit": limit, "offset": offset, "results": res.results}


@router.get("/stats")
def stats(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    return archive.stats()


@router.get("/sources")
def sources(archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    return {"sources": archive.sources()}


@router.patch("/sources/{name}", dependencies=[Depends(require_writer)])
def update_source(update: SourceUpdate, name: str = name_path(),
                  archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Edit an outlet of the source registry (needs the token)."""
    return archive.update_source(name, **update.model_dump(exclude_none=True))


@router.delete("/articles/{article_id}", dependencies=[Depends(require_writer)])
def delete_article(article_id: str = article_id_path(), archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Delete an article from the database, the index and every archive stage (needs the token)."""
    full = archive.get(article_id).id  # 404 for an unknown id, the full id for a prefix
    archive.delete(full)
    return {"deleted": full}
