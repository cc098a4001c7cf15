"""The login form for a server that protects reads (``MARSAD_PROTECT_READS=1``): the token in, a
session cookie out. A plain form posted to this origin, no script. The cookie is HttpOnly and
SameSite=Strict and only opens reads; writes still need the token in the Authorization header."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from marsad.api.access import SESSION_COOKIE, policy_of
from marsad.web import render

router = APIRouter(include_in_schema=False)


def local_target(next_: str | None) -> str:
    """Where to go after logging in: a path on this server only (``//host`` and ``/\\host`` are other
    hosts to a browser, so they fall back to the home page)."""
    if not next_ or not next_.startswith("/") or next_.startswith(("//", "/\\")) or any(c < " " for c in next_):
        return "/"
    return next_


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = Query("/", max_length=2000)) -> HTMLResponse:  # noqa: A002
    return render(request, "login.html", nav=None, next=local_target(next), failed=False,
                  enabled=policy_of(request).token is not None)


@router.post("/login", response_model=None)
async def login(request: Request) -> HTMLResponse | RedirectResponse:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))  # the guard bounds the body
    token = (form.get("token") or [""])[0]
    target = local_target((form.get("next") or ["/"])[0])
    policy = policy_of(request)
    if not policy.token_matches(token):
        return render(request, "login.html", status_code=401, nav=None, next=target, failed=True,
                      enabled=policy.token is not None)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, policy.session_value(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict")
    return response
