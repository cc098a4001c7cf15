"""``marsad eval dates GOLD`` and ``marsad dates TEXT``: date expressions from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, fail, json_option, open_archive, print_json


def eval_dates(gold: Path = typer.Argument(..., help="Wojood-style gold file."), as_json: bool = json_option) -> None:
    """Score date spans (exact and overlap P/R/F1) against a Wojood-format gold."""
    from marsad.errors import GoldFormatError
    from marsad.eval.dates import evaluate_dates

    if not gold.exists():
        fail(f"gold file not found: {gold}")
    try:
        result = evaluate_dates(gold)
    except GoldFormatError as exc:
        fail(str(exc))
    if as_json:
        print_json(result)
        return
    for kind in ("exact", "overlap"):
        s = result[kind]
        typer.echo(f"{kind:8} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}")
    typer.echo(f"gold spans {result['spans']}, sentences {result['sentences']}")


def dates(
    text: Optional[str] = typer.Argument(None, help="Arabic text (- reads standard input)."),
    article: Optional[str] = typer.Option(None, "--article", help="An archived article's id (or prefix) instead of TEXT."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) to anchor on."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
) -> None:
    """Show the date expressions of a text (or of an archived article), normalised and anchored."""
    import sys
    from dataclasses import asdict

    from marsad.errors import MarsadError
    from marsad.extract.dates import find_dates

    if article:
        try:
            stored = open_archive(archive).get(article)
        except MarsadError as exc:
            fail(str(exc))
        text, published = stored.text, published or stored.published
    elif text == "-":
        text = sys.stdin.read()
    elif text is None:
        fail("give a TEXT or --article ID")
    found = find_dates(text, published)
    if as_json:
        print_json({"published": published, "dates": [asdict(d) for d in found]})
        return
    for d in found:
        value = d.value if d.end_value is None else f"{d.value} … {d.end_value}"
        typer.echo(f"{d.start}-{d.end}\t{d.text}\t{value}\t{d.granularity}\t{d.anchor}")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    eval_app.command("dates")(eval_dates)
    app.command("dates")(dates)
