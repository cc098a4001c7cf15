"""The web UI: server-rendered pages (`pages_*.py`, one module per feature, found automatically),
Jinja templates with autoescaping (`templates/`), and local static assets (`static/`). No CDN, no
inline script; Arabic content is marked dir="rtl" lang="ar" per element."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from marsad.web.bidi import finalize
from marsad.web.i18n import LANGUAGES, translator

_TEMPLATES = Path(__file__).resolve().parent / "templates"
env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(["html", "svg"]),
                  trim_blocks=True, lstrip_blocks=True, finalize=finalize)
_WEB_URL = re.compile(r"(?i)https?://[^\s\x00-\x1f\x7f]+")

# Colour-blind-safe palette (Okabe–Ito plus darker tones); every outlet keeps one colour everywhere,
# and badges always carry the outlet's name too, so colour is never the only signal.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#6A3D9A",
           "#B15928", "#1B7837", "#762A83", "#2166AC")


def outlet_index(name: str | None) -> int:
    digest = hashlib.blake2b((name or "").encode(), digest_size=2).digest()
    return int.from_bytes(digest, "big") % len(PALETTE)


def outlet_colour(name: str | None) -> str:
    return PALETTE[outlet_index(name)]


def outlet_class(name: str | None) -> str:
    """CSS class carrying the outlet's colour (classes, not style attributes: the CSP forbids those)."""
    return f"c{outlet_index(name)}"


def is_arabic(text: str | None) -> bool:
    if not text:
        return False
    arabic = sum(1 for c in text[:200] if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text[:200] if c.isascii() and c.isalpha())
    return arabic >= latin


def text_dir(text: str | None) -> str:
    return "rtl" if is_arabic(text) else "ltr"


def web_url(url: str | None) -> str | None:
    """The URL if it is an http(s) address, else None: an archived ``javascript:`` or ``data:`` URL
    must never become a link (autoescaping keeps it from breaking the attribute, not from running)."""
    return url.strip() if url and _WEB_URL.fullmatch(url.strip()) else None


env.filters["outlet_colour"] = outlet_colour
env.filters["outlet_class"] = outlet_class
env.filters["dir"] = text_dir
env.filters["short"] = lambda s, n=12: (s or "")[:n]
env.filters["web_url"] = web_url


def ui_language(request: Request) -> str:
    lang = request.query_params.get("ui") or request.cookies.get("marsad_ui") or "en"
    return lang if lang in LANGUAGES else "en"


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = ui_language(request)
    html = env.get_template(template).render(request=request, ui=lang, t=translator(lang),
                                              ui_dir="rtl" if lang == "ar" else "ltr", **context)
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("ui") in LANGUAGES:
        response.set_cookie("marsad_ui", lang, samesite="lax")
    return response


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)
