"""Stories and storylines: ``marsad stories``, ``marsad story``, ``marsad storylines``, ``marsad compare``,
``marsad eval stories``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json


def eval_stories(
    gold: Path = typer.Argument(..., help="JSONL articles {id, source, published, title, text, story}."),
    background: Optional[Path] = typer.Option(None, "--background", help="More JSONL articles, clustered "
                                              "with the gold ones but not scored."),
    memory: bool = typer.Option(False, "--memory", help="Development shortcut: cluster the raw records in "
                                "memory, without an archive or the clean stage."),
    as_json: bool = json_option,
) -> None:
    """Score story clustering (BCubed over the gold articles) on a stream of gold + background."""
    from marsad.errors import GoldFormatError
    from marsad.eval.stories import evaluate

    for path in (gold, background):
        if path is not None and not path.exists():
            fail(f"file not found: {path}")
    try:
        result = evaluate(gold, background, archive=not memory)
    except GoldFormatError as exc:
        fail(str(exc))
    if as_json:
        print_json(result)
        return
    b = result["bcubed"]
    typer.echo(f"stories  BCubed P {b['p']:.3f}  R {b['r']:.3f}  F1 {b['f1']:.3f}  ({result['articles']} "
               f"articles, {result['gold_stories']} gold stories, {result['pred_stories']} predicted; "
               f"{result['mode']})")


def stories(
    since: Optional[str] = typer.Option(None, "--since", help="Only stories with an article on or after this date."),
    min_sources: int = typer.Option(2, "--min-sources", help="Only stories told by at least this many outlets."),
    limit: int = typer.Option(20, "--limit", "-n"),
    offset: int = typer.Option(0, "--offset"),
    rebuild: bool = typer.Option(False, "--rebuild", help="Recluster the whole archive from scratch."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Stories, newest and biggest first, with the outlets that told them."""
    from marsad.stories.views import list_stories

    arch = open_archive(archive)
    if rebuild:
        arch.rebuild_stage("stories")
    total, rows = list_stories(arch.store, since=since, min_sources=min_sources, limit=limit, offset=offset)
    if as_json:
        print_json({"total": total, "stories": rows})
        return
    if not rows:
        typer.echo("no stories match (try --min-sources 1, or ingest articles first)")
        return
    for r in rows:
        day = (r["last_published"] or "")[:10] or "?".center(10)
        typer.echo(f"{r['id']:>6}  {day}  {r['size']:>3} art  {r['n_sources']:>2} src  {r['title']}")
        typer.echo(f"        {', '.join(r['sources'])}")
    typer.echo(f"{len(rows)} of {total} stories")


def story(
    story_id: int = typer.Argument(..., help="Story id (from `marsad stories`)."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """One story: summary with sources, members, coverage per outlet and timeline."""
    from marsad.stories.views import story_detail

    d = story_detail(open_archive(archive).store, story_id)
    if as_json:
        print_json(d)
        return
    typer.echo(f"story {d['id']}: {d['title']}")
    typer.echo(f"{d['first_published']} → {d['last_published']}  ·  {d['size']} articles from "
               f"{d['n_sources']} outlets  ·  storyline {d['storyline']} ({d['storyline_size']} stories)")
    typer.echo("\nsummary:")
    for s in d["summary"]:
        typer.echo(f"  [{s['source']}] {s['text']}  ({s['article_id'][:12]})")
    typer.echo("\ncoverage:")
    for c in d["coverage"]:
        quoted = ", ".join(list(c["quoted"])[:3]) or "-"
        typer.echo(f"  {c['source']:<14} first {c['first_seen'] or '?':<20} {c['articles']:>2} art "
                   f"{c['total_length']:>6} chars  {c['kind']:<5} quoted: {quoted}")
    typer.echo("\ntimeline:")
    for t in d["timeline"]:
        typer.echo(f"  {t['day']}  " + "  ".join(f"{s}×{n}" for s, n in t["sources"].items()))
    typer.echo("\narticles:")
    for m in d["members"]:
        wire = f"  (wire: {m['wire_from']})" if m["wire_from"] else ""
        typer.echo(f"  {m['id'][:12]}  {m['source']:<12} {(m['published'] or '')[:16]}  {m['title']}{wire}")


def storylines(
    min_stories: int = typer.Option(2, "--min-stories", help="Only storylines with at least this many stories."),
    limit: int = typer.Option(20, "--limit", "-n"),
    offset: int = typer.Option(0, "--offset"),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Storylines: stories about one ongoing matter, linked across weeks and years."""
    from marsad.stories.views import list_storylines

    total, rows = list_storylines(open_archive(archive).store, min_stories=min_stories, limit=limit, offset=offset)
    if as_json:
        print_json({"total": total, "storylines": rows})
        return
    for r in rows:
        typer.echo(f"{r['id']:>6}  {(r['first_published'] or '')[:10]} → {(r['last_published'] or '')[:10]}  "
                   f"{r['stories']:>3} stories {r['articles']:>4} art  {r['title']}")
    typer.echo(f"{len(rows)} of {total} storylines")


def compare(
    story_id: int = typer.Argument(..., help="Story id (from `marsad stories`)."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """A story's coverage side by side per outlet: when, how much, wire or own, headline and lead."""
    from marsad.stories.views import compare as compare_story

    d = compare_story(open_archive(archive).store, story_id)
    if as_json:
        print_json(d)
        return
    typer.echo(f"story {d['id']}: {d['title']}")
    for o in d["outlets"]:
        typer.echo(f"\n== {o['source']}  first {o['first_seen']}  {o['articles']} art  {o['total_length']} chars  "
                   f"{o['kind']}")
        for a in o["articles_detail"]:
            typer.echo(f"   {a['title']}")
            typer.echo(f"   {a['lead']}")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    eval_app.command("stories")(eval_stories)
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("storylines")(storylines)
    app.command("compare")(compare)
