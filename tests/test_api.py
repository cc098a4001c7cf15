"""The HTTP API on a real archive, through FastAPI's test client (the browser tests use a real server)."""

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.api.access import AccessPolicy
from marsad.api.app import create_app
from tests.test_archive import GOVT, OTHER, WIRE

TOKEN = "api-test-token-0123456789"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    archive = marsad.open(tmp_path_factory.mktemp("api") / "archive")
    archive.ingest_records([
        {"id": "g", "text": GOVT, "title": "بيان الحكومة", "source": "daily-two", "published": "2024-03-02"},
        {"id": "w", "text": WIRE, "title": "خطة الكهرباء", "source": "daily-one", "published": "2024-03-01"},
        {"id": "o", "text": OTHER, "title": "معرض الكتاب", "source": "daily-one"},
    ], stages=["normalise"], archive_stages=[])
    with TestClient(create_app(archive, access=AccessPolicy(token=TOKEN))) as c:
        yield c
    archive.close()


def test_search(client):
    body = client.get("/api/search", params={"q": "حكومة"}).json()
    assert body["total"] == 1 and body["results"][0]["title"] == "بيان الحكومة"
    assert client.get("/api/search", params={"q": "الوزارة", "source": "daily-two"}).json()["total"] == 0


def test_articles_paged_and_one(client):
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["articles"]) == 2
    assert page["articles"][0]["published"] == "2024-03-02"  # newest first
    one = client.get(f"/api/articles/{page['articles'][0]['id']}").json()
    assert one["text"] == GOVT and one["source"] == "daily-two"


def test_stats_counts_distinct_articles(client):
    assert client.get("/api/stats").json()["articles"] == 3


def test_errors_have_one_shape(client):
    for response in (client.get("/api/articles/nope"), client.get("/api/search"),
                     client.get("/api/articles", params={"limit": 0}), client.get("/api/nothing-here")):
        body = response.json()
        assert response.status_code >= 400 and set(body) == {"error"}
        assert set(body["error"]) == {"code", "message"}


def test_openapi_is_served_and_docs_do_not_use_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"] and "/api/articles/{article_id}" in spec["paths"]
    assert client.get("/docs").status_code == 404  # FastAPI's own docs page loads from a CDN
    page = client.get("/api/docs")
    assert page.status_code == 200 and "<script>" not in page.text  # no inline script
    for asset in ("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css", "/static/api-docs.js"):
        assert asset in page.text and client.get(asset).status_code == 200
    assert "//" not in page.text.replace("<!doctype html>", "")  # no absolute URL to another host


def test_write_routes_declare_the_bearer_token(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, method in (("/api/sources/{name}", "patch"), ("/api/articles/{article_id}", "delete"),
                         ("/api/ingest", "post"), ("/api/stories/rebuild", "post")):
        assert spec["paths"][path][method]["security"] == [{"HTTPBearer": []}], (method, path)
    assert "security" not in spec["paths"]["/api/search"]["get"]


def test_source_registry_edit(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = client.patch("/api/sources/daily-one", json={"kind": "wire", "country": "JO"}, headers=auth).json()
    assert body["kind"] == "wire" and body["country"] == "JO"
    refused = client.patch("/api/sources/daily-one", json={"colour": "red"}, headers=auth)
    assert refused.status_code == 422 and "colour" in refused.json()["error"]["message"]
    assert client.patch("/api/sources/daily-one", json={"kind": "tabloid"}, headers=auth).status_code == 422
