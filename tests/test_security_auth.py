"""Tokens and bounds: writes are off without MARSAD_TOKEN, need it as a Bearer header with it, reads
can be put behind it (browsers log in with a form), bodies and record counts are bounded, the Host
header is checked, and a write while another process writes is a 409. A real archive and the real
app through FastAPI's test client; the archive lock is held by a real second process."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.api.access import SESSION_COOKIE, AccessPolicy
from marsad.api.app import create_app
from marsad.api.guard import LOCAL_HOSTS, MAX_BODY, MAX_INGEST_BODY
from marsad.api.routes_ingest import MAX_RECORDS
from marsad.errors import ConfigError

TOKEN = "security-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RECORDS = [
    {"id": "r1", "source": "daily-north", "title": "افتتاح جسر جديد في المدينة", "published": "2024-05-02",
     "text": "افتتح محافظ المدينة صباح اليوم جسراً جديداً فوق النهر يربط الحيين الشرقي والغربي، "
             "وقال إن المشروع سيخفف الازدحام في ساعات الذروة."},
    {"id": "r2", "source": "daily-south", "title": "موسم زراعي واعد", "published": "2024-05-03",
     "text": "توقعت وزارة الزراعة موسماً واعداً للقمح هذا العام بعد هطول أمطار غزيرة في الشتاء، "
             "وأعلنت خطة لدعم المزارعين الصغار بالبذور والأسمدة."},
]
WRITES = [
    ("patch", "/api/sources/daily-north", {"json": {"country": "JO"}}),
    ("delete", "/api/articles/0123456789abcdef0123456789abcdef", {}),
    ("post", "/api/ingest", {"json": {"records": RECORDS[:1]}}),
    ("post", "/api/stories/rebuild", {}),
]


def make_archive(path):
    archive = marsad.open(path)
    archive.ingest_records(RECORDS, stages=["normalise"], archive_stages=[])
    return archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Shared by the tests that must not change it (each checks that it did not)."""
    archive = make_archive(tmp_path_factory.mktemp("auth") / "archive")
    yield archive
    archive.close()


def client_for(archive, **policy) -> TestClient:
    return TestClient(create_app(archive, access=AccessPolicy(**policy)))


@pytest.mark.parametrize("method, path, kwargs", WRITES)
def test_writes_are_off_without_a_configured_token(archive, method, path, kwargs):
    before = archive.stats()["articles"]
    response = client_for(archive).request(method.upper(), path, headers=AUTH, **kwargs)
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "writes_disabled" and "MARSAD_TOKEN" in error["message"]
    assert archive.stats()["articles"] == before


@pytest.mark.parametrize("method, path, kwargs", WRITES)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-0123456789"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}])
def test_writes_need_the_right_bearer_token(archive, method, path, kwargs, headers):
    response = client_for(archive, token=TOKEN).request(method.upper(), path, headers=headers, **kwargs)
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_ingest_then_search_then_delete_then_rebuild(tmp_path):
    archive = make_archive(tmp_path / "archive")
    client = client_for(archive, token=TOKEN)
    record = {"id": "r3", "source": "daily-north", "title": "مهرجان المسرح", "published": "2024-05-04",
              "text": "انطلق مساء أمس مهرجان المسرح العربي بمشاركة عشرين فرقة من تسع دول، "
                      "وتستمر العروض أسبوعاً كاملاً على خشبة المسرح الوطني."}
    report = client.post("/api/ingest", json={"records": [record]}, headers=AUTH).json()
    assert report["added"] == 1 and len(report["added_ids"]) == 1
    again = client.post("/api/ingest", json={"records": [record]}, headers=AUTH).json()
    assert again["added"] == 0 and again["unchanged"] == 1
    new_id = report["added_ids"][0]
    assert client.get("/api/search", params={"q": "مهرجان"}).json()["total"] == 1
    assert client.delete(f"/api/articles/{new_id[:12]}", headers=AUTH).json() == {"deleted": new_id}
    assert client.get(f"/api/articles/{new_id}").status_code == 404
    assert client.get("/api/search", params={"q": "مهرجان"}).json()["total"] == 0
    rebuilt = client.post("/api/stories/rebuild", headers=AUTH)
    assert rebuilt.status_code == 200 and rebuilt.json()["stories"] >= 1
    archive.close()


@pytest.mark.parametrize("body, where", [
    ({"records": []}, "records"),
    ({"records": [{"text": "نص"}] * (MAX_RECORDS + 1)}, "records"),
    ({"records": [{"text": "نص", "path": "/etc/passwd"}]}, "path"),  # paths are never a field
    ({"paths": ["/etc/passwd"]}, "records"),
    ({"records": [{"text": ""}]}, "text"),
    ({"records": [{"text": "نص", "source": "x" * 201}]}, "source"),
])
def test_ingest_refuses_what_is_out_of_bounds(archive, body, where):
    before = archive.stats()["articles"]
    response = client_for(archive, token=TOKEN).post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == 422 and where in response.json()["error"]["message"]
    assert archive.stats()["articles"] == before


def test_bodies_are_bounded_with_or_without_a_length(archive):
    client = client_for(archive, token=TOKEN)
    big = json.dumps({"records": [{"text": "ن" * (MAX_INGEST_BODY // 2 + 10)}]}).encode()
    refused = client.post("/api/ingest", content=big, headers={**AUTH, "Content-Type": "application/json"})
    assert refused.status_code == 413 and refused.json()["error"]["code"] == "too_large"

    def chunks():  # no Content-Length: the limit is counted while the body is read
        yield b'{"country": "'
        for _ in range(MAX_BODY // 1024 + 1):
            yield b"x" * 1024
        yield b'"}'

    streamed = client.patch("/api/sources/daily-north", content=chunks(),
                            headers={**AUTH, "Content-Type": "application/json"})
    assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "too_large"
    assert archive.sources()[0].get("country") is None


@contextmanager
def lock_held_by_another_process(archive, argv: tuple[str, ...] = ()):
    """A real second process holding the archive's write lock, its command line ``marsad`` + argv."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, marsad\n"
                               "path = sys.argv.pop(1)\n"
                               "a = marsad.open(path)\n"
                               "with a.writing():\n"
                               "    print('held', flush=True)\n"
                               "    time.sleep(60)\n", str(archive.path), *argv],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_a_write_while_another_process_writes_is_409(archive):
    with lock_held_by_another_process(archive):
        response = client_for(archive, token=TOKEN).patch("/api/sources/daily-north", json={"country": "JO"},
                                                          headers=AUTH)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "archive_busy"
        assert str(archive.path) not in response.text  # the lock holder's path stays on the server


def test_status_names_the_writer_but_shows_its_arguments_only_with_the_token(archive, tmp_path):
    private = str(tmp_path / "private-folder")
    with lock_held_by_another_process(archive, ("ingest", private, "--source", "x")) as holder:
        client = client_for(archive, token=TOKEN)
        brief = client.get("/api/status").json()["writer"]
        assert brief == f"pid {holder.pid}: marsad ingest"
        full = client.get("/api/status", headers=AUTH).json()["writer"]
        assert full == f"{brief} {private} --source x"


def test_protected_reads_need_the_token_or_the_login_cookie(archive):
    client = client_for(archive, token=TOKEN, protect_reads=True)
    denied = client.get("/api/stats")
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
    assert client.get("/openapi.json").status_code == 401
    assert client.get("/api/stats", headers=AUTH).status_code == 200
    assert client.get("/static/style.css").status_code == 200  # the login page needs its stylesheet

    browser = {"Accept": "text/html"}
    redirect = client.get("/stories?page=2", headers=browser, follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == "/login?next=%2Fstories%3Fpage%3D2"
    assert client.get("/login", headers=browser).status_code == 200

    wrong = client.post("/login", data={"token": "nope", "next": "/"}, headers=browser, follow_redirects=False)
    assert wrong.status_code == 401 and SESSION_COOKIE not in wrong.cookies
    ok = client.post("/login", data={"token": TOKEN, "next": "/stories"}, headers=browser, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/stories"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and TOKEN not in cookie
    assert client.get("/", headers=browser).status_code == 200  # the client keeps the cookie

    # the cookie opens reads only: a write still needs the header (a cross-site form cannot send it)
    assert client.patch("/api/sources/daily-north", json={"country": "JO"}).status_code == 401
    client.post("/logout")
    assert client.get("/api/stats").status_code == 401


@pytest.mark.parametrize("target, lands", [
    ("/stories?page=2", "/stories?page=2"), ("//evil.example/x", "/"), ("/\\evil.example", "/"),
    ("https://evil.example/", "/"), ("javascript:alert(1)", "/"),
])
def test_login_redirects_only_to_this_server(archive, target, lands):
    client = client_for(archive, token=TOKEN, protect_reads=True)
    response = client.post("/login", data={"token": TOKEN, "next": target}, follow_redirects=False)
    assert response.headers["location"] == lands


def test_the_host_header_must_name_this_server(archive):
    app = create_app(archive, allowed_hosts=LOCAL_HOSTS)
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/api/stats").status_code == 200
    assert local.get("/api/stats", headers={"Host": "localhost:8000"}).status_code == 200
    rebound = local.get("/api/stats", headers={"Host": "attacker.example"})  # DNS rebinding
    assert rebound.status_code == 400 and rebound.json()["error"]["code"] == "bad_host"


def test_token_configuration_errors_say_what_to_do(monkeypatch):
    with pytest.raises(ConfigError, match="at least 16"):
        AccessPolicy.from_env(token="short")
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="MARSAD_TOKEN"):
        AccessPolicy.from_env(protect_reads=True)
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    monkeypatch.setenv("MARSAD_PROTECT_READS", "1")
    assert AccessPolicy.from_env() == AccessPolicy(token=TOKEN, protect_reads=True)


def test_serve_binds_loopback_by_default():
    from marsad.cli.core import serve

    assert inspect.signature(serve).parameters["host"].default.default == "127.0.0.1"
