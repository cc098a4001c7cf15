"""Interactive API docs at ``/api/docs``: Swagger UI over ``/openapi.json``, every file served by this
server. FastAPI's own docs page loads Swagger UI from a CDN and starts it with an inline script, which
the CSP forbids; here the Swagger UI build comes from the ``fastapi-offline`` package (mounted at
``/api/docs/assets`` by the app) and the start-up code is ``/static/api-docs.js``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    from marsad.web import env

    return HTMLResponse(env.get_template("api_docs.html").render())
