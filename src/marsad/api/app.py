"""The FastAPI application: JSON API under /api, web UI pages, local static assets and API docs, one
error shape (`errors.py`), and one outer wall for hosts, body sizes, credentials and security headers
(`guard.py`)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from importlib import resources
from pathlib import Path
from typing import Iterable

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

import marsad
from marsad.api import errors
from marsad.api.access import AccessPolicy
from marsad.api.guard import Guard, GuardConfig
from marsad.archive import Archive

DOCS_ASSETS = "/api/docs/assets"


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


def create_app(archive: Archive | None = None, *, access: AccessPolicy | None = None,
               allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The app over ``archive``. ``access`` defaults to the environment (``MARSAD_TOKEN``,
    ``MARSAD_PROTECT_READS``); ``allowed_hosts`` (Host header names, ``*`` for any) is checked only
    when given, as `marsad serve` does."""
    app = FastAPI(title="marsad", version=marsad.__version__,
                  description="An observatory for Arabic news: search, entities, quotes, events, stories. "
                              "Writes need the server's token (`Authorization: Bearer …`); see docs/api.md.",
                  docs_url=None, redoc_url=None)  # the default docs pages load from a CDN; see routes_docs
    app.state.archive = archive or marsad.open()
    app.state.access = access or AccessPolicy.from_env()
    errors.install(app)
    _include_routers(app, "marsad.api", "routes_")
    _include_routers(app, "marsad.web", "pages_")
    static = Path(__file__).resolve().parent.parent / "web" / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(resources.files("fastapi_offline") / "static")),
              name="docs-assets")
    hosts = GuardConfig.hosts(allowed_hosts) if allowed_hosts is not None else None
    app.add_middleware(Guard, config=GuardConfig(policy=app.state.access, allowed_hosts=hosts))
    return app
