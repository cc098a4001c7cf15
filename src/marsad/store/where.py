"""A small builder for the optional filters every listing query has (source, since, until, kind …):
each condition is added only when its value is given, with its parameter beside it."""

from __future__ import annotations

from typing import Any


class Where:
    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, value: Any) -> "Where":
        """Add ``clause`` (one ``?``) with ``value`` unless the value is None or empty."""
        if value is not None and value != "":
            self.clauses.append(clause)
            self.params.append(value)
        return self

    def sql(self, keyword: str = "WHERE") -> str:
        """``WHERE a AND b`` (or ``AND a AND b`` with keyword="AND"); empty when there is no filter."""
        return f"{keyword} {' AND '.join(self.clauses)}" if self.clauses else ""
