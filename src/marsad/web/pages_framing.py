"""Framing page (/framing): per outlet, distinguishing terms, contested labels and scare quotes,
with example sentences that link to their articles. The story page can include
``stories_framing.html`` with a ``framing`` context made by :func:`framing_context`."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from marsad.api.deps import get_archive
from marsad.api.params import form_text, row_id_query
from marsad.archive import Archive
from marsad.web import render

router = APIRouter(include_in_schema=False)


def _split(sentence: str, part: str) -> dict[str, str]:
    """A sentence cut around its first occurrence of ``part`` (for <mark> without marking text safe)."""
    i = sentence.find(part) if part else -1
    if i < 0:
        return {"before": sentence, "match": "", "after": ""}
    return {"before": sentence[:i], "match": part, "after": sentence[i + len(part):]}


def framing_context(report: dict[str, Any]) -> dict[str, Any]:
    """The report with every example sentence pre-cut around its label or scare-quoted span."""
    for outlet in report["outlets"]:
        for row in outlet["lexicon"]:
            for ex in row["examples"]:
                ex["cut"] = _split(ex["sentence"], ex["match"])
        for ex in outlet["marks"]["examples"]:
            ex["cut"] = _split(ex["sentence"], ex["span"])
        outlet["groups"] = _by_group(outlet["lexicon"])
    return report


def _by_group(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    return [{"group": g, "rows": rs, "count": sum(r["count"] for r in rs)}
            for g, rs in sorted(groups.items(), key=lambda kv: -sum(r["count"] for r in kv[1]))]


@router.get("/framing", response_class=HTMLResponse)
def framing_page(request: Request, archive: Archive = Depends(get_archive), source: Optional[str] = form_text(),
                 story: Optional[int] = row_id_query("Story id."),
                 storyline: Optional[int] = row_id_query("Storyline id.")) -> HTMLResponse:
    from marsad.stories.framing import archive_articles, framing_report

    articles = archive_articles(archive, source=source or None, story=story, storyline=storyline)
    report = framing_context(framing_report(articles, source=source or None))
    return render(request, "framing_page.html", nav="framing", framing=report, source=source, story=story,
                  storyline=storyline, all_sources=archive.sources())
