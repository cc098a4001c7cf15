"""Helpers shared by the benchmark scripts: machine description, RSS, writing results into docs/."""

from __future__ import annotations

import os
import platform
import resource
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAUDI = SHARED / "data" / "saudinewsnet"


def require_shared(path: Path = SAUDI) -> None:
    if not path.exists():
        sys.exit(f"benchmark needs {path} (../shared beside the checkout); it is not there")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    lines = ["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    return "\n".join(lines)


def record(doc: str, section: str, command: str, body: str) -> None:
    """Replace (or add) ``## section`` in docs/<doc> with the table, the command and the machine."""
    path = ROOT / "docs" / doc
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\nFigures written by the scripts in `benchmarks/`.\n"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    block = (f"## {section}\n\nCommand: `{command}` — {date.today().isoformat()}, {machine()}; "
             f"load average {load:.1f} when it finished.\n\n{body}\n\n")
    marker = f"## {section}\n"
    if marker in text:
        start = text.index(marker)
        end = text.find("\n## ", start + len(marker))
        text = text[:start] + block + (text[end + 1:].lstrip("\n") if end >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + block
    text = text.rstrip() + "\n"
    path.write_text(text, encoding="utf-8")
