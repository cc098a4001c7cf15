"""Bounds for every parameter a client can send, in one place, so that no route takes an unbounded
string, a negative or astronomically large number, or a date in a shape the queries do not expect
(a bad value is a 422 naming the parameter, never a 500 or a slow query).

API routes use the strict forms (``date_query``); web pages use the ``form_*`` forms, which also accept
the empty string a blank form field sends.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

from fastapi import Path, Query
from pydantic import BaseModel, Field

# [0-9], not \d: pydantic's regexes are Unicode-aware, and Arabic-Indic digits are not dates here.
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
FORM_DATE_PATTERN = r"^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$"
NAME_MAX = 200      # outlet, speaker, entity names
TEXT_MAX = 500      # search queries, phrases
KEY_MAX = 300       # entity keys («PER:name»)
MAX_OFFSET = 1_000_000
MAX_SEARCH_OFFSET = 10_000  # the index collects offset + limit hits before it can skip
MAX_PAGE = 100_000
MAX_ROW_ID = 2**63 - 1  # SQLite's integer range: a bigger id cannot exist and would overflow

Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]


class ErrorBody(BaseModel):
    class Detail(BaseModel):
        code: str
        message: str

    error: Detail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": why} for status, why in (
        (400, "A value the archive cannot use"), (401, "Missing or wrong token"),
        (403, "Writes are off: the server has no token"), (404, "No such record"),
        (409, "Another process is writing to the archive"), (413, "Request body too large"),
        (422, "A parameter out of its bounds"))
}


def date_query(description: str = "YYYY, YYYY-MM or YYYY-MM-DD") -> Any:
    return Query(None, pattern=DATE_PATTERN, max_length=10, description=description)


def name_query(description: Optional[str] = None) -> Any:
    return Query(None, min_length=1, max_length=NAME_MAX, description=description)


def name_path(description: str = "Outlet name, as in the source registry.") -> Any:
    return Path(..., min_length=1, max_length=NAME_MAX, description=description)


def offset_query(most: int = MAX_OFFSET) -> Any:
    return Query(0, ge=0, le=most)


def row_id_path(description: str) -> Any:
    return Path(..., ge=0, le=MAX_ROW_ID, description=description)


def row_id_query(description: str) -> Any:
    return Query(None, ge=0, le=MAX_ROW_ID, description=description)


def article_id_path() -> Any:
    return Path(..., min_length=1, max_length=64, description="Article id (or an unambiguous prefix of it).")


def form_text(most: int = NAME_MAX) -> Any:
    return Query(None, max_length=most)


def form_date() -> Any:
    return Query(None, pattern=FORM_DATE_PATTERN, max_length=10)


def form_page() -> Any:
    return Query(1, ge=1, le=MAX_PAGE)
