"""Dependencies shared by routes: the archive the app serves."""

from __future__ import annotations

from fastapi import Request

from marsad.archive import Archive


def get_archive(request: Request) -> Archive:
    return request.app.state.archive
