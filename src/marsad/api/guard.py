"""The server's outer wall: one ASGI middleware that every request and every response passes, so
nothing (an error, a static file, a redirect) escapes it.

In order: refuse a Host the server does not answer to (DNS rebinding); refuse a body larger than
allowed, before or while it is read; refuse reads without credentials when reads are protected
(browsers are sent to the login form); answer HEAD as GET without the body; add the security headers
to every response; turn any exception that reached this far into a 500 of the one error shape.
There are deliberately no CORS headers: the API serves this origin only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.api.access import SESSION_COOKIE, AccessPolicy
from marsad.api.errors import error_response, internal_error, wants_html

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
MAX_BODY = 64 * 1024            # a registry edit or the login form
MAX_INGEST_BODY = 16 * 1024 * 1024
INGEST_PATH = "/api/ingest"
OPEN_PATHS = ("/login", "/static/")  # reachable without credentials when reads are protected
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body larger than {limit} bytes")


@dataclass(frozen=True)
class GuardConfig:
    policy: AccessPolicy = field(default_factory=AccessPolicy)
    allowed_hosts: frozenset[str] | None = None  # None: any Host (library use); "*" in the set: any

    @staticmethod
    def hosts(names: Iterable[str]) -> frozenset[str]:
        return frozenset(n.strip().lower().strip("[]") for n in names if n.strip())


def host_name(host_header: str) -> str:
    """``example.org:8000`` → ``example.org``; ``[::1]:8000`` → ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class Guard:
    def __init__(self, app: ASGIApp, config: GuardConfig):
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if self.config.policy.protect_reads:
                    headers["Cache-Control"] = "no-store"
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        request = Request(scope)
        refusal = self.refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send_guarded)
            return
        limit = MAX_INGEST_BODY if scope["path"] == INGEST_PATH else MAX_BODY
        try:
            await self.app(scope, limited(receive, limit), send_guarded)
        except BodyTooLarge as exc:
            if not started:
                await error_response(request, 413, "too_large", exc.detail)(scope, receive, send_guarded)
        except Exception as exc:  # noqa: BLE001 - the last line: log it, answer 500, leak nothing
            if not started:
                await internal_error(request, exc)(scope, receive, send_guarded)

    def refusal(self, request: Request):
        """A response refusing the request before it reaches the app, or None."""
        allowed = self.config.allowed_hosts
        if allowed is not None and "*" not in allowed and host_name(request.headers.get("host", "")) not in allowed:
            return error_response(request, 400, "bad_host", "this server does not answer to that Host name "
                                                            "(start it with --allow-host NAME to add one)")
        length = request.headers.get("content-length", "")
        limit = MAX_INGEST_BODY if request.url.path == INGEST_PATH else MAX_BODY
        if length and (not length.isdigit() or int(length) > limit):
            return error_response(request, 413, "too_large", f"request body larger than {limit} bytes")
        policy = self.config.policy
        if policy.protect_reads and not request.url.path.startswith(OPEN_PATHS) and not policy.may_read(
                request.headers.get("authorization"), request.cookies.get(SESSION_COOKIE)):
            if request.method == "GET" and wants_html(request):
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse("/login?next=" + quote(target, safe=""), status_code=303)
            return error_response(request, 401, "unauthorized", "this server protects reads: send its token as "
                                  "'Authorization: Bearer TOKEN' (or log in at /login)", {"WWW-Authenticate": "Bearer"})
        return None


def limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that fails with 413 once the body passes ``limit`` (for bodies sent without a length)."""
    seen = 0

    async def receive_limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message

    return receive_limited
