"""Story pages: the story list (/stories) and one story (/stories/{id}) with its summary, a timeline
drawn server-side as inline SVG, and coverage side by side per outlet."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.deps import get_archive
from marsad.api.params import form_date, form_page, row_id_path, row_id_query
from marsad.archive import Archive
from marsad.stories import views
from marsad.web import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
SVG_WIDTH, ROW_HEIGHT, LABEL_WIDTH = 640, 22, 110


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, archive: Archive = Depends(get_archive), page: int = form_page(),
                 min_sources: int = Query(2, ge=1, le=1000), since: Optional[str] = form_date(),
                 storyline: Optional[int] = row_id_query("Storyline id.")) -> HTMLResponse:
    if storyline is not None:
        min_sources = 1  # a storyline's stories, whoever told them
    total, rows = views.list_stories(archive.store, since=since or None, min_sources=min_sources,
                                     limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, storyline=storyline)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(request, "stories_list.html", nav="stories", stories=rows, total=total, page=page,
                  pages=pages, min_sources=min_sources, since=since or "", storyline=storyline)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int = row_id_path("Story id."),
               archive: Archive = Depends(get_archive)) -> HTMLResponse:
    story = views.story_detail(archive.store, story_id)
    compared = views.compare(archive.store, story_id)
    return render(request, "stories_story.html", nav="stories", story=story, outlets=compared["outlets"],
                  timeline=timeline_svg(story["members"]), framing=_framing(archive, story_id))


def _framing(archive: Archive, story_id: int) -> Optional[dict[str, Any]]:
    """Framing per outlet for this story, when the framing feature is installed (it owns that part)."""
    try:
        from marsad.stories.framing import archive_articles, framing_report
        from marsad.web.pages_framing import framing_context

        return framing_context(framing_report(archive_articles(archive, story=story_id)))
    except Exception:  # an optional feature must not take the story page down
        return None


def _when(published: Optional[str]) -> Optional[datetime]:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")[:19])
    except ValueError:
        return None


def timeline_svg(members: list[dict]) -> dict[str, Any]:
    """Geometry of the timeline: one row per outlet, one dot per article at its publication time."""
    dated = [(m, _when(m.get("published"))) for m in members]
    dated = [(m, t) for m, t in dated if t is not None]
    if not dated:
        return {"rows": [], "width": SVG_WIDTH, "height": 0, "ticks": []}
    start = min(t for _, t in dated)
    end = max(t for _, t in dated)
    span = max((end - start).total_seconds(), 3600.0)
    plot = SVG_WIDTH - LABEL_WIDTH - 20
    outlets = sorted({m["source"] for m, _ in dated}, key=lambda s: min(t for m, t in dated if m["source"] == s))
    rows = []
    for i, source in enumerate(outlets):
        y = 20 + i * ROW_HEIGHT
        dots = [{"x": round(LABEL_WIDTH + plot * (t - start).total_seconds() / span, 1), "y": y,
                 "title": f"{m['source']} · {m['published'][:16]} · {m.get('title') or ''}", "id": m["id"]}
                for m, t in dated if m["source"] == source]
        rows.append({"source": source, "y": y, "dots": dots})
    ticks = [{"x": LABEL_WIDTH, "label": start.isoformat(sep=" ")[:16]},
             {"x": LABEL_WIDTH + plot, "label": end.isoformat(sep=" ")[:16]}]
    return {"rows": rows, "width": SVG_WIDTH, "height": 30 + len(outlets) * ROW_HEIGHT, "ticks": ticks,
            "axis_y": 30 + (len(outlets) - 1) * ROW_HEIGHT + 8}
