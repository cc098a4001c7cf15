"""``marsad quotes``, ``marsad events``, ``marsad timeline`` and ``marsad eval quotes|events GOLD``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json


EVENT_KINDS = ("meeting", "call", "visit", "press_conference", "message")

def quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name (family name is enough)."),
    contains: Optional[str] = typer.Option(None, "--contains", help="Word or phrase in the quote."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet."),
    stance: Optional[str] = typer.Option(None, "--stance", help="neutral, emphatic, denial or claim."),
    limit: int = typer.Option(20, "--limit", min=1, max=10_000),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Who said what: quotes with speaker, cue verb and stance."""
    from marsad.extract.quote_queries import find_quotes

    from marsad.validate import iso_date, one_of

    since = iso_date(since, "--since")
    one_of(stance, ("neutral", "emphatic", "denial", "claim"), "--stance")
    rows = find_quotes(open_archive(archive).store, speaker=speaker, contains=contains, since=since,
                       source=source, stance=stance, limit=limit, with_context=as_json)
    if as_json:
        print_json({"quotes": rows})
        return
    for r in rows:
        who = (r["speaker"] or "?") + (" (inferred)" if r["speaker_inferred"] else "")
        typer.echo(f"{r['published'] or '?':10}  {r['source']:14}  {who} — {r['cue'] or ''} [{r['stance']}]")
        typer.echo(f"    «{r['content']}»")
    if not rows:
        typer.echo("no quotes")


def events(
    with_: Optional[list[str]] = typer.Option(None, "--with", help="Participant (repeat for several)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="meeting, call, visit, press_conference, message."),
    since: Optional[str] = typer.Option(None, "--since"),
    source: Optional[str] = typer.Option(None, "--source"),
    limit: int = typer.Option(20, "--limit", min=1, max=10_000),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Who met whom: meetings, calls, visits, press conferences and messages."""
    from marsad.extract.quote_queries import find_events

    from marsad.validate import iso_date, one_of

    since = iso_date(since, "--since")
    one_of(kind, EVENT_KINDS, "--kind")
    rows = find_events(open_archive(archive).store, with_names=with_ or [], kind=kind, since=since,
                       source=source, limit=limit)
    if as_json:
        print_json({"events": rows})
        return
    for r in rows:
        when = r["date"] or r["date_text"] or r["published"] or "?"
        typer.echo(f"{when:10}  {r['kind']:16}  {' · '.join(r['participants'])}"
                   f"{'  @ ' + r['place'] if r['place'] else ''}  ({r['source']})")
    if not rows:
        typer.echo("no events")


def timeline_cmd(
    name: str = typer.Argument(..., help="Person (or state) whose meetings and calls to list."),
    with_: Optional[str] = typer.Option(None, "--with", help="Only events with this other participant."),
    kind: Optional[str] = typer.Option(None, "--kind"),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Timeline of one person's (or a pair's) events, with the outlets that reported each."""
    from marsad.extract.quote_queries import timeline

    from marsad.validate import one_of

    one_of(kind, EVENT_KINDS, "--kind")
    rows = timeline(open_archive(archive).store, name, with_name=with_, kind=kind)
    if as_json:
        print_json({"name": name, "with": with_, "timeline": rows})
        return
    for r in rows:
        outlets = sorted({x["source"] for x in r["reports"]})
        typer.echo(f"{r['date'] or '?':10}  {r['kind']:16}  {' · '.join(r['participants'])}"
                   f"{'  @ ' + r['place'] if r['place'] else ''}  [{', '.join(outlets)}]")
    if not rows:
        typer.echo("no events")


def _eval(task: str, gold: Path, as_json: bool) -> None:
    from marsad.errors import GoldFormatError

    if not gold.exists():
        fail(f"gold file not found: {gold}")
    try:
        if task == "quotes":
            from marsad.eval.quotes import evaluate_quotes as run
        else:
            from marsad.eval.events import evaluate_events as run
        result = run(gold)
    except GoldFormatError as exc:
        fail(str(exc))
    if as_json:
        print_json(result)
        return
    if task == "quotes":
        c = result["content"]
        typer.echo(f"content  P {c['p']:.3f}  R {c['r']:.3f}  F1 {c['f1']:.3f}")
        typer.echo(f"speaker accuracy {result['speaker_accuracy']:.3f}   kind accuracy {result['kind_accuracy']:.3f}")
    else:
        typer.echo(f"events   P {result['p']:.3f}  R {result['r']:.3f}  F1 {result['f1']:.3f}")
    typer.echo(f"documents {result['docs']}   stages {', '.join(result['stages'])}")


def eval_quotes(gold: Path = typer.Argument(..., help="Quotes gold JSONL (EVAL_FORMATS.md)."),
                as_json: bool = json_option) -> None:
    """Score quote extraction: content P/R/F1, speaker and kind accuracy."""
    _eval("quotes", gold, as_json)


def eval_events(gold: Path = typer.Argument(..., help="Events gold JSONL (EVAL_FORMATS.md)."),
                as_json: bool = json_option) -> None:
    """Score event extraction: P/R/F1 on kind + participants."""
    _eval("events", gold, as_json)


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    app.command("quotes")(quotes)
    app.command("events")(events)
    app.command("timeline")(timeline_cmd)
    eval_app.command("quotes")(eval_quotes)
    eval_app.command("events")(eval_events)
