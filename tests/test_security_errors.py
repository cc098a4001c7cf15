"""One error shape for every status, HTML for browsers, no leak on a 500, HEAD on pages, security
headers on every response (errors and static files too), no CORS, and bounded page parameters; the
real app over the sample archive."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.api.access import AccessPolicy
from marsad.api.app import create_app
from marsad.api.guard import MAX_BODY

TOKEN = "errors-test-token-0123456789"
BROWSER = {"Accept": "text/html,application/xhtml+xml"}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@pytest.fixture(scope="module")
def client(sample_archive):
    archive = marsad.open(sample_archive)
    with TestClient(create_app(archive, access=AccessPolicy(token=TOKEN))) as c:
        yield c
    archive.close()


@pytest.fixture(scope="module")
def article_id(client):
    return client.get("/api/articles", params={"limit": 1}).json()["articles"][0]["id"]


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


@pytest.mark.parametrize("method, path, kwargs, status, code", [
    ("GET", "/api/articles/0", {}, 400, "bad_request"),  # an ambiguous id prefix
    ("DELETE", "/api/articles/0", {}, 401, "unauthorized"),
    ("GET", "/api/articles/ffffffffffffffffffffffffffffffff", {}, 404, "not_found"),
    ("GET", "/api/no-such-route", {}, 404, "not_found"),
    ("POST", "/api/stats", {}, 405, "method_not_allowed"),
    ("PATCH", "/api/sources/x", {"content": b"{" + b" " * MAX_BODY + b"}",
                                 "headers": {"Content-Type": "application/json"}}, 413, "too_large"),
    ("GET", "/api/articles", {"params": {"limit": 10_000}}, 422, "invalid_request"),
    ("GET", "/api/search", {"params": {"q": "x" * 501}}, 422, "invalid_request"),
    ("GET", "/api/search", {"params": {"q": "سورية", "since": "2015-13-40"}}, 422, "invalid_request"),
    ("GET", "/api/stories/99999999999999999999", {}, 422, "invalid_request"),  # beyond SQLite's integers
    ("GET", "/api/quotes", {"params": {"stance": "angry"}}, 422, "invalid_request"),
    ("GET", "/api/entities", {"params": {"type": "<script>"}}, 422, "invalid_request"),
    ("GET", "/api/search", {"params": {"q": "سورية", "offset": 10_001}}, 422, "invalid_request"),
])
def test_every_error_has_one_shape(client, method, path, kwargs, status, code):
    assert_error(client.request(method, path, **kwargs), status, code)


def test_an_unexpected_failure_is_a_500_without_traceback_or_path(sample_archive, tmp_path):
    path = tmp_path / "archive"
    shutil.copytree(sample_archive, path)
    archive = marsad.open(path)
    client = TestClient(create_app(archive))
    with sqlite3.connect(path / "marsad.sqlite3") as db:  # damage the archive under the running app
        db.execute("DROP TABLE sources")
    for url, headers in (("/api/sources", {}), ("/sources", BROWSER)):
        response = client.get(url, headers=headers)
        assert response.status_code == 500, url
        assert "Traceback" not in response.text and str(tmp_path) not in response.text
        assert "no such table" not in response.text and "reference" in response.text
        for name, value in HEADERS.items():
            assert response.headers[name] == value
    assert_error(client.get("/api/sources"), 500, "internal_error")
    archive.close()


def test_browsers_get_an_html_error_page(client):
    page = client.get("/articles/ffffffffffffffffffffffffffffffff", headers=BROWSER)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no article with id" in page.text and "<h1>404</h1>" in page.text
    invalid = client.get("/stories?page=0", headers=BROWSER)
    assert invalid.status_code == 422 and "page" in invalid.text and "text/html" in invalid.headers["content-type"]
    assert_error(client.get("/api/articles/ffffffffffffffffffffffffffffffff", headers=BROWSER), 404)  # API: JSON


@pytest.mark.parametrize("path", ["/no-such-page", "/articles/ffffffffffffffffffffffffffffffff",
                                  "/entities/LOC:لا-مكان-بهذا-الاسم"])
def test_clients_without_accept_get_a_json_404(client, path):
    response = client.get(path, headers={"Accept": ""})
    assert_error(response, 404, "not_found")


def test_head_on_pages(client, article_id):
    for path in ("/", "/sources", "/stories", f"/articles/{article_id}", "/static/style.css", "/api/stats"):
        head, get = client.head(path), client.get(path)
        assert head.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert client.head("/no-such-page").status_code == 404


@pytest.mark.parametrize("method, path, headers", [
    ("GET", "/", BROWSER), ("GET", "/api/stats", {}), ("GET", "/static/style.css", {}),
    ("GET", "/static/favicon.svg", {}), ("GET", "/api/docs", {}), ("GET", "/api/docs/assets/swagger-ui.css", {}),
    ("GET", "/openapi.json", {}), ("GET", "/no-such-page", BROWSER), ("GET", "/static/nothing.css", {}),
    ("POST", "/api/stats", {}), ("GET", "/api/articles?limit=0", {}), ("DELETE", "/api/articles/0", {}),
    ("HEAD", "/", BROWSER), ("GET", "/login", BROWSER),
])
def test_security_headers_on_every_response(client, method, path, headers):
    response = client.request(method, path, headers=headers)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (name, path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp


def test_no_cors(client):
    origin = {"Origin": "https://attacker.example"}
    response = client.get("/api/stats", headers=origin)
    assert response.status_code == 200
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    preflight = client.options("/api/sources/x", headers={**origin, "Access-Control-Request-Method": "PATCH"})
    assert preflight.status_code == 405
    assert not [h for h in preflight.headers if h.lower().startswith("access-control-")]


@pytest.mark.parametrize("path", [
    "/?offset=-1", "/?limit=0", "/?q=" + "ن" * 501, "/?since=2015-13-01", "/?until=yesterday",
    "/stories?page=0", "/stories?min_sources=0", "/stories/99999999999999999999", "/entities?type=PERSON",
    "/entities?limit=501", "/quotes?stance=angry", "/copies?page=-3", "/timeline?kind=party",
    "/framing?story=-1", "/entities/" + "ك" * 301,
])
def test_page_parameters_are_bounded(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 422 and "text/html" in response.headers["content-type"], path


@pytest.mark.parametrize("path", ["/?since=&until=&source=&entity=&q=", "/quotes?stance=&since=&page=2",
                                  "/entities?type=&since=", "/timeline?kind=&name=&with="])
def test_blank_form_fields_are_accepted(client, path):
    assert client.get(path, headers=BROWSER).status_code == 200, path
