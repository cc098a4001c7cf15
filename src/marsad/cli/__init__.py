"""The `marsad` command: a thin layer that parses options, calls the library and maps errors.

Each feature adds its commands in its own module here (`register(app, eval_app, train_app)`), found
automatically, so the CLI grows without one file that everybody edits.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from marsad.errors import ArchiveBusy, MarsadError

BUSY_EXIT = 75  # EX_TEMPFAIL: another process is writing to the archive; try again later

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): an observatory for Arabic news — ingest, clean, search and analyse archives.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score marsad's analyses against gold data (see docs/eval.md).", no_args_is_help=True)
train_app = typer.Typer(help="Train marsad's models from data you have.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

_SKIP = {"common"}


def _register_all() -> None:
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: (m.name != "core", m.name)):
        if mod.name.startswith("_") or mod.name in _SKIP:
            continue
        try:
            module = importlib.import_module(f"{__name__}.{mod.name}")
        except Exception as e:  # a broken optional feature must not take the whole CLI down
            print(f"marsad: commands of {mod.name!r} unavailable: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        register = getattr(module, "register", None)
        if register:
            register(app, eval_app, train_app)


_register_all()


def main() -> None:
    try:
        app()
    except ArchiveBusy as e:  # its own exit status, so scripts can retry later
        print(f"marsad: error: {e}", file=sys.stderr)
        sys.exit(BUSY_EXIT)
    except MarsadError as e:
        print(f"marsad: error: {e}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:  # e.g. `marsad export | head`
        sys.exit(0)
