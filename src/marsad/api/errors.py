"""One error shape for every failure: ``{"error": {"code", "message"}}`` as JSON for the API and for
clients that do not ask for HTML, the same status and message as an HTML page for browsers. A 500
says only that the server failed and which reference to look up in its log: no traceback, no path."""

from __future__ import annotations

import logging
import uuid
from typing import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.api.access import AccessDenied
from marsad.errors import ArchiveBusy, ConfigError, MarsadError, NotFound

log = logging.getLogger("marsad.api")

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid_request"}


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str,
                   headers: Mapping[str, str] | None = None) -> Response:
    if wants_html(request):
        try:
            from marsad.web import render_error

            response = render_error(request, status, message)
            response.headers.update(headers or {})
            return response
        except Exception:  # the page itself failed: fall back to JSON rather than fail twice
            log.exception("error page for %s failed", request.url.path)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def internal_error(request: Request, exc: BaseException) -> Response:
    """Log the exception with a reference and tell the client only the reference."""
    ref = uuid.uuid4().hex[:12]
    log.error("internal error %s on %s %s", ref, request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal_error",
                          f"the server failed to answer this request (reference {ref} in its log)")


def install(app: FastAPI) -> None:
    """Map marsad's exceptions and the framework's to the one shape (the most specific class wins)."""

    @app.exception_handler(AccessDenied)
    async def denied(request: Request, exc: AccessDenied) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(request, exc.status, exc.code, exc.message, headers)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, "not_found", str(exc))

    @app.exception_handler(ConfigError)
    async def bad_request(request: Request, exc: ConfigError) -> Response:
        return error_response(request, 400, "bad_request", str(exc))

    @app.exception_handler(ArchiveBusy)
    async def busy(request: Request, exc: ArchiveBusy) -> Response:
        return error_response(request, 409, "archive_busy", "another process is writing to the archive; "
                                                            "retry when it has finished")

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError) -> Response:
        return internal_error(request, exc)  # archive errors can name server paths: log them, do not send them

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return error_response(request, 422, "invalid_request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "nothing here: check the address" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, HTTP_CODES.get(exc.status_code, "http_error"), message,
                              exc.headers)
