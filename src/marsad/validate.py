"""Checks of user-supplied values, shared by the Python API, the CLI and the HTTP layer: a bad value
is a ConfigError that says what was expected (an HTTP 400, a one-line CLI error), never a silent
empty result."""

from __future__ import annotations

import re
from typing import Iterable

from marsad.errors import ConfigError

_ISO = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")

SOURCE_KINDS = ("state", "private", "public", "wire", "party", "ngo", "unknown")


def iso_date(value: str | None, option: str = "date") -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or None)."""
    if value is None or value == "":
        return None
    value = value.strip()
    if not _ISO.match(value):
        raise ConfigError(f"{option} must be a date like 2015-07-21 (or 2015-07, 2015), not {value!r}")
    return value


def one_of(value: str | None, allowed: Iterable[str], option: str) -> str | None:
    if value is None:
        return None
    allowed = tuple(allowed)
    if value not in allowed:
        raise ConfigError(f"{option} must be one of {', '.join(allowed)}, not {value!r}")
    return value
