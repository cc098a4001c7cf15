"""The dedup archive stage on a real archive (SQLite): update, idempotence, forget, rebuild, queries,
and the CLI commands (`marsad copies`, `marsad republication`, `marsad eval dedup`)."""

import json

import pytest
from typer.testing import CliRunner

import marsad
from marsad.cli import app
from marsad.dedup import queries
from marsad.dedup.near import NearDuplicateStage
from marsad.pipeline import FAST_STAGES
from tests.test_dedup_texts import COPY_NEW_LEAD, EMBEDDED, SAME_EVENT, UNRELATED, WIRE

DOCS = [
    ("wire", "spa", "2015-07-22T09:00:00", WIRE),
    ("copy", "okaz", "2015-07-22T11:00:00", COPY_NEW_LEAD),
    ("copy2", "alriyadh", "2015-07-23T06:00:00", COPY_NEW_LEAD),  # an exact duplicate of "copy"
    ("feature", "alyaum", "2015-07-23T08:00:00", EMBEDDED),
    ("own", "aawsat", "2015-07-22T12:00:00", SAME_EVENT),
    ("sport", "sabq", "2015-07-22T12:00:00", UNRELATED),
]


def _write_corpus(path, docs=DOCS):
    with path.open("w", encoding="utf-8") as f:
        for rid, source, published, text in docs:
            f.write(json.dumps({"id": rid, "source": source, "published": published,
                                "title": f"عنوان {rid}", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture()
def archive(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    arch = marsad.open(tmp_path / "archive")
    arch.ingest([str(corpus)], format="jsonl", stages=FAST_STAGES, archive_stages=["dedup"])
    yield arch
    arch.close()


def _ids(arch):
    return {json.loads(r["meta"])["record_id"]: r["id"] for r in arch.store.query("SELECT id, meta FROM articles")}


def _snapshot(arch):
    return {t: sorted(tuple(r) for r in arch.store.query(f"SELECT * FROM {t}"))
            for t in ("dedup_sketches", "dedup_bands", "dedup_marks", "dedup_links", "dup_groups")}


def test_ingest_groups_copies_with_first_publisher_and_edits(archive):
    ids = _ids(archive)
    total, groups = queries.list_groups(archive)
    assert total == 1
    g = groups[0]
    assert g["first"]["id"] == ids["wire"] and g["first_publisher"] == "spa"
    roles = {m["id"]: m["role"] for m in g["members"]}
    assert roles == {ids["wire"]: "first", ids["copy"]: "copy", ids["copy2"]: "copy", ids["feature"]: "embeds"}
    copy = next(m for m in g["members"] if m["id"] == ids["copy"])
    assert copy["lines_added"] >= 1 and copy["lines_removed"] >= 1 and 0.5 < copy["kept_share"] < 1
    assert copy["delay_hours"] == 2.0
    pairs = queries.copy_pairs(archive)
    assert frozenset((ids["copy"], ids["copy2"])) in pairs
    assert not any(ids["own"] in p or ids["sport"] in p for p in pairs)


def test_update_is_idempotent(archive):
    before = _snapshot(archive)
    NearDuplicateStage().update(archive, [r[0] for r in archive.store.query("SELECT id FROM articles")])
    assert _snapshot(archive) == before


def test_rebuild_gives_the_same_state(archive):
    before = _snapshot(archive)
    NearDuplicateStage().rebuild(archive)
    assert _snapshot(archive) == before


def test_forget_removes_an_article_and_regroups(archive):
    ids = _ids(archive)
    archive.delete(ids["wire"])
    _, groups = queries.list_groups(archive)
    members = {m["id"] for g in groups for m in g["members"]}
    assert ids["wire"] not in members
    assert {ids["copy"], ids["copy2"]} <= members  # the copies still copy each other
    assert not archive.store.query("SELECT 1 FROM dedup_marks WHERE article_id=?", (ids["wire"],))
    assert not archive.store.query("SELECT 1 FROM dedup_links WHERE a=? OR b=?", (ids["wire"], ids["wire"]))


def test_republication_view(archive):
    rows = queries.republication(archive)
    origins = {(r["source"], r["origin"]) for r in rows}
    assert ("okaz", "spa") in origins and ("alyaum", "spa") in origins
    okaz = next(r for r in rows if r["source"] == "okaz")
    assert okaz["texts"] == 1 and okaz["copies"] == 1 and okaz["median_delay_hours"] == 2.0


def test_cli_copies_and_republication(archive):
    runner = CliRunner()
    res = runner.invoke(app, ["copies", "--archive", str(archive.path), "--source", "okaz", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["total"] == 1 and data["groups"][0]["first_publisher"] == "spa"
    res = runner.invoke(app, ["copies", "--archive", str(archive.path), "--source", "sabq", "--json"])
    assert json.loads(res.stdout)["total"] == 0
    for origin in ("spa", "واس", "was"):
        res = runner.invoke(app, ["copies", "--archive", str(archive.path), "--origin", origin, "--json"])
        assert json.loads(res.stdout)["total"] == 1, origin
    res = runner.invoke(app, ["copies", "--archive", str(archive.path), "--origin", "afp", "--json"])
    assert json.loads(res.stdout)["total"] == 0
    res = runner.invoke(app, ["republication", "--archive", str(archive.path), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["rows"]


def test_cli_eval_dedup(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    gold = tmp_path / "pairs.jsonl"
    pairs = [("wire", "copy", "duplicate"), ("wire", "feature", "duplicate"), ("wire", "own", "same_story"),
             ("copy", "sport", "unrelated"), ("copy", "copy2", "duplicate")]
    gold.write_text("".join(json.dumps({"a": a, "b": b, "label": lab}) + "\n" for a, b, lab in pairs))
    res = CliRunner().invoke(app, ["eval", "dedup", str(gold), "--corpus", str(corpus), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["task"] == "dedup" and out["pairs"] == 5
    assert out["p"] == 1.0 and out["r"] == 1.0 and out["f1"] == 1.0


def test_cli_eval_dedup_rejects_a_bad_gold(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    gold = tmp_path / "pairs.jsonl"
    gold.write_text('{"a": "wire", "b": "copy", "label": "same"}\n')
    res = CliRunner().invoke(app, ["eval", "dedup", str(gold), "--corpus", str(corpus), "--json"])
    assert res.exit_code != 0
    assert "pairs.jsonl:1" in res.output


def test_http_api_and_pages(archive):
    from fastapi.testclient import TestClient

    from marsad.api.app import create_app

    ids = _ids(archive)
    with TestClient(create_app(archive)) as client:
        body = client.get("/api/copies").json()
        assert body["total"] == 1 and body["summary"]["copies"] == 2
        gid = body["groups"][0]["group_id"]
        group = client.get(f"/api/copies/{gid}").json()
        assert group["first"]["id"] == ids["wire"] and len(group["members"]) == 4
        assert client.get("/api/copies/dup-nothing").status_code == 404
        assert client.get("/api/copies", params={"source": "sabq"}).json()["total"] == 0
        rows = client.get("/api/republication").json()["rows"]
        assert {"okaz", "alyaum", "alriyadh"} <= {r["source"] for r in rows}
        page = client.get("/copies")
        assert page.status_code == 200 and "okaz" in page.text and gid in page.text
        page = client.get(f"/copies/{gid}")
        assert page.status_code == 200 and "عنوان copy" in page.text
        assert client.get(f"/articles/{ids['copy']}").status_code == 200


def test_helpers_used_by_the_article_and_sources_pages(archive):
    ids = _ids(archive)
    near = queries.near_copies_of(archive, ids["copy"])
    assert [n["id"] for n in near][0] == ids["wire"]  # the first publication first
    assert {n["id"] for n in near} == {ids["wire"], ids["copy2"], ids["feature"]}
    assert queries.near_copies_of(archive, ids["sport"]) == []
    table = queries.republication_table(archive)
    assert {"republisher", "original", "copies", "median_delay_hours"} <= set(table[0])


def test_a_source_registered_as_wire_wins_a_tie_for_first_publisher(tmp_path):
    import marsad
    from marsad.dedup.queries import list_groups

    text = ("عمّان - ونا\n\nوقّع وزيرا الطاقة في البلدين اليوم اتفاقية لتوسيع الربط الكهربائي بقدرة خمسمئة "
            "ميغاواط، على أن يبدأ التشغيل التجريبي في الربع الأخير من العام.\n\nوقال وزير الطاقة إن الاتفاقية "
            "تتيح تبادل الطاقة في ساعات الذروة وتخفف الضغط على الشبكتين خلال الصيف.\n\nوأضاف أن فرقاً فنية "
            "مشتركة ستتابع تنفيذ المشروع على مراحل خلال الأشهر المقبلة.")
    archive = marsad.open(tmp_path / "a")
    archive.update_source("ona", create=True, kind="wire")
    archive.ingest_records([
        {"id": "copy", "text": text + "\n\n(ونا)", "source": "daily", "published": "2024-03-17"},
        {"id": "own", "text": text, "source": "ona", "published": "2024-03-17"},
    ], stages=["normalise"], archive_stages=["dedup"])
    total, (group,) = list_groups(archive)
    assert group["first_publisher"] == "ona"
