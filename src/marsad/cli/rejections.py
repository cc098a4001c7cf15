"""`marsad rejections`: the records an ingest could not use, read back from the archive (`marsad ingest`
prints only the first few per file). Read-only: it runs beside an ingest without waiting for it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.archive import RejectedRecord
from marsad.cli.common import archive_option, json_option, open_archive, print_json


def rejections(
    archive: Optional[Path] = archive_option,
    run: Optional[str] = typer.Option(None, "--run", help="One ingest run: its run_id (`marsad ingest --json` "
                                      "prints it), or 'last' for the latest run."),
    origin: Optional[str] = typer.Option(None, "--origin", help="Only input files whose path contains this "
                                         "(case-insensitive)."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Only reasons containing this, e.g. "
                                         "'malformed JSON' (case-insensitive)."),
    limit: int = typer.Option(50, "--limit", "-n", min=0, help="How many to list."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many first."),
    summary: bool = typer.Option(False, "--summary", help="Counts per file and kind of reason (the text "
                                 "before its first ':') instead of the records."),
    as_json: bool = json_option,
) -> None:
    """List rejected records (oldest first) with where they were and why: `marsad rejections --run last`."""
    arch = open_archive(archive)
    if summary:
        groups = arch.rejection_summary(run, origin, reason)
        if as_json:
            print_json({"summary": groups})
        elif not groups:
            print(_nothing(run, origin, reason))
        else:
            for g in groups:
                print(f"{g['count']:>9,}  {g['origin']}: {g['reason']}")
            print(f"{sum(g['count'] for g in groups):,} rejected in all")
        return
    total, rows = arch.rejections(run, origin, reason, limit=limit, offset=offset)
    if as_json:
        print_json({"total": total, "items": rows})
    elif not rows:
        print(_nothing(run, origin, reason) if not total else f"none past --offset {offset}: {total:,} match")
    else:
        for r in rows:
            print(RejectedRecord(r["origin"], r["record"], r["reason"]))
        print(f"shown {len(rows):,} of {total:,}" + (f" (from number {offset + 1:,})" if offset else ""))


def _nothing(run: Optional[str], origin: Optional[str], reason: Optional[str]) -> str:
    filters = [f"{name} {value!r}" for name, value in (("run", run), ("origin", origin), ("reason", reason)) if value]
    return "no rejections" + (f" match {', '.join(filters)}" if filters else " in this archive")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    app.command()(rejections)
