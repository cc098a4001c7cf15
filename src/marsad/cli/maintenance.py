"""Keeping an archive whole: `marsad check [--repair]` and `marsad backup DEST`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import archive_option, json_option, open_archive, print_json


def _say(quiet: bool):
    return None if quiet else (lambda msg: print(f"marsad: {msg} …", file=sys.stderr))


def check(
    archive: Optional[Path] = archive_option,
    repair: bool = typer.Option(False, "--repair", help="Rebuild what can be rebuilt (index, orphans, queues, stage coverage)."),
    wait: bool = typer.Option(False, "--wait", help="With --repair: wait for another writer instead of failing."),
    as_json: bool = json_option,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
) -> None:
    """Verify the archive: database integrity, the search index against the database, orphan rows,
    interrupted runs, stage coverage. Exits 1 when a problem remains."""
    arch = open_archive(archive, wait=wait)
    report = arch.check(repair=repair, progress=_say(quiet or as_json))
    if as_json:
        print_json(report.to_dict())
    else:
        for p in report.problems:
            state = "repaired" if p.repaired else ("cannot be repaired" if not p.repairable and repair else "found")
            print(f"{p.code}: {p.message} [{state}]")
        verdict = "ok" if report.ok else "PROBLEMS REMAIN" + ("" if repair else " (run with --repair)")
        print(f"{verdict}: {report.articles:,} articles, {report.indexed:,} indexed, {len(report.problems)} problems "
              f"({report.seconds:.1f} s) — {arch.path}")
    if not report.ok:
        raise typer.Exit(1)


def backup(
    dest: Path = typer.Argument(..., help="A new folder for the copy."),
    archive: Optional[Path] = archive_option,
    as_json: bool = json_option,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
) -> None:
    """A consistent copy of the archive, taken while it is being read and written; the copy is
    checked before the command succeeds."""
    result = open_archive(archive).backup(dest, progress=_say(quiet or as_json))
    if as_json:
        print_json(result)
    else:
        print(f"backed up {result['articles']:,} articles ({result['indexed']:,} indexed) to {result['dest']} "
              f"in {result['seconds']:.1f} s")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    for command in (check, backup):
        app.command()(command)
