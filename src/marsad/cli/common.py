"""Options and helpers shared by every command module."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer

import marsad
from marsad.archive import default_path

archive_option = typer.Option(
    None, "--archive", "-a", help="Archive folder (default: $MARSAD_ARCHIVE or ./marsad-archive).",
    envvar="MARSAD_ARCHIVE", show_default=False,
)
json_option = typer.Option(False, "--json", help="Print one JSON object instead of a table.")


def open_archive(path: Optional[Path], *, create: bool = False, wait: bool = False) -> "marsad.Archive":
    """The archive at ``path``; only `marsad ingest` creates one (a mistyped --archive elsewhere is an
    error, not a new empty archive)."""
    target = Path(path or default_path())
    if not create and not (target / "marsad.sqlite3").exists():
        from marsad.errors import ConfigError

        raise ConfigError(f"no marsad archive at {target}: check --archive (or $MARSAD_ARCHIVE), "
                          f"or create one with `marsad ingest PATH --archive {target}`")
    return marsad.open(target, wait=wait)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None, default=str) + "\n")


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"marsad: error: {message}", err=True)
    raise typer.Exit(code)
