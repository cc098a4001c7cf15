"""The command line the gold builders share: ``python tests/golds/build_X.py OUT [--shared DIR]``."""

from __future__ import annotations

import sys
from pathlib import Path


def out_and_shared(doc: str, default_shared: Path) -> tuple[Path, Path]:
    """(output path, ../shared folder) from ``sys.argv``; exits with ``doc`` on anything else."""
    args = sys.argv[1:]
    shared = default_shared
    if "--shared" in args:
        k = args.index("--shared")
        if k + 1 >= len(args):
            sys.exit(doc)
        shared = Path(args[k + 1])
        del args[k : k + 2]
    if len(args) != 1 or args[0].startswith("-"):  # `--help` must not become an output file name
        sys.exit(doc)
    return Path(args[0]), shared
