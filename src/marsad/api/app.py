"""The FastAPI application: JSON API under /api, web UI pages, local static assets, one error shape,
and a Content-Security-Policy that forbids inline script."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import marsad
from marsad.archive import Archive
from marsad.errors import ConfigError, MarsadError, NotFound

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _include_routers(app: FastAPI, package: str, prefix: str) -> None:
    pkg = importlib.import_module(package)
    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: (not m.name.endswith("core"), m.name)):
        if not mod.name.startswith(prefix):
            continue
        try:
            module = importlib.import_module(f"{package}.{mod.name}")
        except Exception as e:  # a broken optional feature must not take the server down
            print(f"marsad: routes of {mod.name!r} unavailable: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router)


def create_app(archive: Archive | None = None) -> FastAPI:
    app = FastAPI(title="marsad", version=marsad.__version__,
                  description="An observatory for Arabic news: search, entities, quotes, events, stories.",
                  docs_url=None, redoc_url=None)  # the default docs pages load from a CDN
    app.state.archive = archive or marsad.open()

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        if _wants_html(request):
            from marsad.web import render_error
            return render_error(request, 404, str(exc))
        return _error(404, "not_found", str(exc))

    @app.exception_handler(ConfigError)
    async def bad_request(request: Request, exc: ConfigError):
        return _error(400, "bad_request", str(exc))

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError):
        return _error(500, "marsad_error", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return _error(422, "invalid_request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_html(request) and exc.status_code == 404:
            from marsad.web import render_error
            return render_error(request, 404, "page not found")
        return _error(exc.status_code, "not_found" if exc.status_code == 404 else "http_error", str(exc.detail))

    _include_routers(app, "marsad.api", "routes_")
    _include_routers(app, "marsad.web", "pages_")
    static = Path(__file__).resolve().parent.parent / "web" / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    return app
