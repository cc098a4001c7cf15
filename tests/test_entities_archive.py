"""Entity queries, archive linking, API and web page over a real archive of invented articles."""

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.api.app import create_app
from marsad.extract.entities import lookup_entity, resolve_archive
from marsad.extract.entity_queries import entity_detail, top_entities

ARTICLES = [
    {"source": "wire-a", "published": "2024-03-02", "title": "مباحثات في موسكو",
     "text": "استقبل وزير الخارجية الروسي سيرغي لافروف في موسكو اليوم نظيره المصري سامح شكري، "
             "وبحث الجانبان الأوضاع في سوريا وليبيا.\n\nوقال لافروف إن روسيا ومصر تدعمان الحل السياسي."},
    {"source": "wire-b", "published": "2024-04-11", "title": "اتصال هاتفي",
     "text": "أجرى وزير الخارجية الروسي سيرجي لافروف اتصالا هاتفيا مع نظيره التركي، "
             "وتناول الاتصال الوضع في سورية والعراق.\n\nوأكد لافروف أن موسكو ستواصل جهودها."},
    {"source": "wire-b", "published": "2024-04-20", "title": "تصريح",
     "text": "قال لافروف (Lavrov) في مؤتمر صحفي في موسكو إن روسيا لن تقبل بأي شروط مسبقة للحوار "
             "حول الأزمة في سوريا."},
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    arc = marsad.open(tmp_path_factory.mktemp("arc"))
    arc.ingest_records(ARTICLES, origin="test")
    resolve_archive(arc.store)
    yield arc
    arc.close()


def test_variants_and_lone_family_name_form_one_entity(archive):
    keys = lookup_entity(archive.store, "سيرغي لافروف")
    assert keys[0] == "PER:سيرجي لافروف" and "PER:لافروف" in keys  # merged key kept for the index
    assert lookup_entity(archive.store, "لافروف")[0] == keys[0]  # the lone name was linked to the full one
    assert not archive.store.query("SELECT 1 FROM entities WHERE key = 'PER:لافروف'")
    d = entity_detail(archive.store, "سيرجيه لافروف")
    assert d["articles"] == 3
    assert {"سيرغي لافروف", "سيرجي لافروف", "لافروف"} <= set(d["variants"])
    assert {s["source"] for s in d["sources"]} == {"wire-a", "wire-b"}
    assert {t["month"] for t in d["timeline"]} == {"2024-03", "2024-04"}
    assert any(c["key"] == "LOC:موسكو" for c in d["co_mentioned"])


def test_latin_form_found_through_its_variant(archive):
    assert lookup_entity(archive.store, "Lavrov")[0] == "PER:سيرجي لافروف"


def test_top_entities_filters(archive):
    top = top_entities(archive.store, limit=50)
    by_key = {e["key"]: e for e in top}
    assert by_key["LOC:سورية"]["articles"] == 3  # سوريا and سورية
    assert all(e["type"] == "PER" for e in top_entities(archive.store, type_="PER"))
    since = {e["key"] for e in top_entities(archive.store, since="2024-04-01", limit=50)}
    assert "PER:سامح شكري" not in since and "PER:سيرجي لافروف" in since
    assert {e["key"] for e in top_entities(archive.store, source="wire-a", limit=50)} >= {"PER:سامح شكري"}


def test_unknown_entity_is_not_found(archive):
    with pytest.raises(marsad.errors.NotFound):
        entity_detail(archive.store, "اسم غير موجود")


def test_api_and_page(archive):
    client = TestClient(create_app(archive))
    res = client.get("/api/entities", params={"type": "LOC"})
    assert res.status_code == 200
    assert any(e["key"] == "LOC:موسكو" for e in res.json()["entities"])
    res = client.get("/api/entities/لافروف")
    assert res.status_code == 200 and res.json()["key"] == "PER:سيرجي لافروف"
    assert client.get("/api/entities/PER:لا أحد").status_code == 404
    page = client.get("/entities/PER:سيرجي لافروف")
    assert page.status_code == 200 and "سيرغي لافروف" in page.text
    assert client.get("/entities").status_code == 200


def test_search_entity_operator_finds_every_variant(archive):
    res = archive.search('entity:"سيرغي لافروف"')
    assert res.total == 3


def test_cli_entities_and_entity(archive):
    import json

    from typer.testing import CliRunner

    from marsad.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["entities", "--archive", str(archive.path), "--type", "PER", "--json"])
    assert res.exit_code == 0, res.output
    keys = [e["key"] for e in json.loads(res.stdout)["entities"]]
    assert keys[0] == "PER:سيرجي لافروف"
    res = runner.invoke(app, ["entity", "ولافروف", "--archive", str(archive.path), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["articles"] == 3
    res = runner.invoke(app, ["entity", "لا أحد", "--archive", str(archive.path)])
    assert res.exit_code != 0
