"""Who may do what: writes need the operator's token, reads may too.

The token comes from ``MARSAD_TOKEN`` (an environment variable, so it never shows in ``ps``). Without
one, every write route answers 403 and says how to turn writes on. API clients send it as
``Authorization: Bearer …``; browsers, when reads are protected, get a session cookie from the login
form instead. The cookie only opens reads: writes always need the header, so a page on another site
can never make a logged-in browser write (no CSRF). Comparisons run in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.errors import ConfigError

TOKEN_ENV = "MARSAD_TOKEN"
PROTECT_READS_ENV = "MARSAD_PROTECT_READS"
SESSION_COOKIE = "marsad_session"
MIN_TOKEN_LENGTH = 16
TOKEN_HINT = "python -c 'import secrets; print(secrets.token_urlsafe())'"


class AccessDenied(Exception):
    """A request without the right credentials; ``status`` is 401 (no or wrong token) or 403 (off)."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class AccessPolicy:
    token: str | None = None
    protect_reads: bool = False

    @classmethod
    def from_env(cls, *, token: str | None = None, protect_reads: bool | None = None) -> "AccessPolicy":
        """The policy for a server: arguments win over ``MARSAD_TOKEN`` / ``MARSAD_PROTECT_READS``."""
        token = token if token is not None else os.environ.get(TOKEN_ENV) or None
        if protect_reads is None:
            protect_reads = os.environ.get(PROTECT_READS_ENV, "").strip().lower() in ("1", "true", "yes", "on")
        if token is not None and len(token) < MIN_TOKEN_LENGTH:
            raise ConfigError(f"{TOKEN_ENV} must be at least {MIN_TOKEN_LENGTH} characters; make one with {TOKEN_HINT}")
        if protect_reads and token is None:
            raise ConfigError(f"protecting reads needs a token: set {TOKEN_ENV} (make one with {TOKEN_HINT})")
        return cls(token=token, protect_reads=protect_reads)

    def token_matches(self, presented: str | None) -> bool:
        if self.token is None or not presented:
            return False
        return hmac.compare_digest(presented.encode(), self.token.encode())

    def session_value(self) -> str:
        """The login cookie's value: derived from the token, so the cookie never carries the token itself."""
        assert self.token is not None
        return hmac.new(self.token.encode(), b"marsad web session", hashlib.sha256).hexdigest()

    def session_matches(self, cookie: str | None) -> bool:
        return bool(self.token and cookie) and hmac.compare_digest(cookie.encode(), self.session_value().encode())

    def may_read(self, authorization: str | None, cookie: str | None) -> bool:
        if not self.protect_reads:
            return True
        return self.token_matches(bearer_token(authorization)) or self.session_matches(cookie)


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, value = (authorization or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


bearer = HTTPBearer(auto_error=False, description=f"The server's {TOKEN_ENV}; writes need it, and reads "
                                                  "too when the server protects them.")


def policy_of(request: Request) -> AccessPolicy:
    return request.app.state.access


def require_writer(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """Dependency of every write route."""
    policy = policy_of(request)
    if policy.token is None:
        raise AccessDenied(403, "writes_disabled", f"writes are off on this server: start it with {TOKEN_ENV} set "
                                                   "and send the token as 'Authorization: Bearer TOKEN'")
    if credentials is None:
        raise AccessDenied(401, "unauthorized", "this request writes: send the server's token as "
                                                "'Authorization: Bearer TOKEN'")
    if not policy.token_matches(credentials.credentials):
        raise AccessDenied(401, "unauthorized", "wrong token")
