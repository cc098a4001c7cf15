"""Fixtures shared by the end-to-end tests: the bundled sample archive, a real HTTP server serving it,
and a real headless Chromium page (skipped on a machine without a browser, a failure under CI)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def need_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a message saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data beside the checkout); it is absent")
    return path


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory):
    import marsad
    from marsad.sample import SAMPLE_DIR

    path = tmp_path_factory.mktemp("sample") / "archive"
    archive = marsad.open(path)
    archive.import_sources(SAMPLE_DIR.parent / "sources.jsonl")  # as `make run` does
    report = archive.ingest([SAMPLE_DIR])
    assert report.added > 30 and not report.rejected, report.to_dict()
    archive.close()
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(sample_archive):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--archive", str(sample_archive),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/api/stats", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"marsad serve exited: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("marsad serve did not answer within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}: install Debian's chromium to run the UI tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors and CSP violations seen while the test ran
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
