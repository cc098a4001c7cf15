"""CLI for the clean stage: ``marsad eval clean GOLD [--json]``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from marsad.errors import GoldFormatError


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @eval_app.command("clean")
    def eval_clean(
        gold: Path = typer.Argument(..., help="Clean gold JSONL: {id, source, raw, lines:[{text, label}]}."),
        as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object."),
        archive: str = typer.Option(
            os.environ.get("MARSAD_ARCHIVE", "./marsad-archive"),
            "--archive",
            help="Archive directory (unused: the eval learns recurring lines from the gold file alone).",
        ),
    ) -> None:
        """Score the clean stage (title and body lines kept) against a labelled gold file."""
        from marsad.eval.clean import evaluate, format_table

        try:
            summary, scores = evaluate(gold)
        except GoldFormatError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2)
        typer.echo(json.dumps(summary, ensure_ascii=False) if as_json else format_table(summary, scores))
