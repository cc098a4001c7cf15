"""Read side of quotes/events: queries, CLI and HTTP API over a small archive of invented articles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import marsad

ARTICLES = [
    {"id": "a1", "source": "wire-a", "published": "2015-07-20", "title": "لقاء في عمان",
     "text": ("التقى وزير الخارجية المصري حسام فوزي نظيره الأردني ناصر الخطيب في عمان أمس.\n\n"
              "وقال فوزي إن البلدين يعملان على خطة مشتركة لمكافحة الإرهاب.\n\n"
              "من جانبه أكد الخطيب أن العلاقات بين البلدين متينة.")},
    {"id": "a2", "source": "wire-b", "published": "2015-07-22", "title": "اتصال هاتفي",
     "text": ("وأجرى وزير الخارجية المصري حسام فوزي اتصالا هاتفيا مع نظيره الأردني ناصر الخطيب.\n\n"
              "ونفى فوزي أن تكون القاهرة قد غيرت موقفها من الأزمة.")},
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("quotes-archive")
    arc = marsad.open(path)
    arc.ingest_records(ARTICLES, stages=["quotes", "events"], archive_stages=[])
    return arc


def test_find_quotes_by_speaker_and_content(archive):
    from marsad.extract.quote_queries import find_quotes

    by_speaker = find_quotes(archive.store, speaker="حسام فوزي")
    assert {q["speaker"] for q in by_speaker} == {"حسام فوزي"} and len(by_speaker) == 2
    found = find_quotes(archive.store, contains="الارهاب")  # normalised: matches «الإرهاب»
    assert len(found) == 1 and found[0]["context"]["text"][found[0]["context"]["start"]:].startswith("البلدين")
    assert [q["stance"] for q in find_quotes(archive.store, stance="denial")] == ["denial"]
    assert find_quotes(archive.store, source="wire-b", speaker="الخطيب") == []


def test_events_and_timeline(archive):
    from marsad.extract.quote_queries import find_events, timeline

    assert {e["kind"] for e in find_events(archive.store, with_names=["فوزي", "الخطيب"])} == {"meeting", "call"}
    assert [e["kind"] for e in find_events(archive.store, kind="call")] == ["call"]
    line = timeline(archive.store, "الخطيب", with_name="فوزي")
    assert [e["kind"] for e in line] == ["meeting", "call"]  # oldest first
    assert line[0]["place"] == "عمان" and line[0]["reports"][0]["source"] == "wire-a"


def test_cli(archive):
    from marsad.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["quotes", "--speaker", "الخطيب", "--json", "--archive", str(archive.path)])
    assert res.exit_code == 0, res.output
    assert [q["speaker"] for q in json.loads(res.stdout)["quotes"]] == ["ناصر الخطيب"]
    res = runner.invoke(app, ["timeline", "فوزي", "--with", "الخطيب", "--archive", str(archive.path)])
    assert res.exit_code == 0 and "call" in res.output


def test_eval_rejects_a_bad_gold(tmp_path):
    from marsad.cli import app

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "قال", "quotes": [{"content": "غير موجود"}]}\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "quotes", str(bad), "--json"])
    assert res.exit_code != 0 and "bad.jsonl:1" in res.output


def test_api_and_pages(archive):
    from fastapi.testclient import TestClient

    from marsad.api.app import create_app

    client = TestClient(create_app(archive))
    r = client.get("/api/quotes", params={"speaker": "فوزي"})
    assert r.status_code == 200 and r.json()["count"] == 2
    r = client.get("/api/events", params=[("with", "فوزي"), ("with", "الخطيب"), ("kind", "meeting")])
    assert r.status_code == 200 and r.json()["events"][0]["place"] == "عمان"
    assert client.get("/api/events", params={"kind": "dinner"}).status_code == 422  # an enum bound, checked by the route
    r = client.get("/api/timeline", params={"name": "الخطيب"})
    assert len(r.json()["timeline"]) == 2
    page = client.get("/quotes", params={"speaker": "الخطيب"})
    assert page.status_code == 200 and "<mark>" in page.text and "العلاقات بين البلدين متينة" in page.text
    page = client.get("/timeline", params={"name": "فوزي", "with": "الخطيب"})
    assert page.status_code == 200 and page.text.count('class="reports"') == 2
