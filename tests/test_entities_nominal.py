"""Nominal references: a description standing for a person the article introduced with a role
(«الوزير الروسي» after «وزير الخارجية الروسي سيرغي لافروف») is a mention of that person, only when
unambiguous; it is stored marked, counted for the entity, and never listed as a name variant."""

import shutil
import sqlite3

import marsad
from marsad.document import Mention
from marsad.extract.entities import nominal_mentions
from marsad.extract.entity_queries import entity_detail
from marsad.store.sqlite import SCHEMA_VERSION

# our own sentences
VISIT = ("استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة اليوم وزير الخارجية الروسي سيرغي لافروف، "
         "وبحث معه الأوضاع في المنطقة.\n\n"
         "وقال الوزير الروسي إن بلاده تدعم الحل السياسي. وأكد الرئيس المصري أن القاهرة ترفض التدخل الخارجي.\n\n"
         "وأضاف وزير الخارجية الروسي أن الاتصالات ستستمر، فيما نقل مسؤول مصري للوزير الروسي رسالة خطية.")


def _mention(text: str, name: str, key: str, typ: str = "PER") -> Mention:
    a = text.index(name)
    return Mention(a, a + len(name), typ, name, key, name)


def _named(text: str) -> list[Mention]:
    return [_mention(text, "عبد الفتاح السيسي", "PER:عبدالفتاح السيسي"),
            _mention(text, "سيرغي لافروف", "PER:سيرجي لافروف"),
            _mention(text, "القاهرة", "LOC:القاهرة", "LOC")]


def test_descriptions_become_mentions_of_the_person_they_stand_for():
    found = nominal_mentions(VISIT, _named(VISIT))
    got = [(m.text, m.entity_key) for m in found]
    assert got == [("الوزير الروسي", "PER:سيرجي لافروف"), ("الرئيس المصري", "PER:عبدالفتاح السيسي"),
                   ("وزير الخارجية الروسي", "PER:سيرجي لافروف"), ("للوزير الروسي", "PER:سيرجي لافروف")]
    assert all(m.nominal and m.type == "PER" and VISIT[m.start:m.end] == m.text for m in found)
    assert found[0].canonical == "سيرغي لافروف"


def test_an_ambiguous_description_stands_for_nobody():
    text = ("وصل وزير الخارجية الروسي سيرغي لافروف ووزير الدفاع الروسي سيرغي شويغو إلى دمشق. "
            "وقال الوزير الروسي إن المحادثات كانت بناءة، وأضاف وزير الدفاع الروسي أن التعاون مستمر.")
    named = [_mention(text, "سيرغي لافروف", "PER:سيرجي لافروف"), _mention(text, "سيرغي شويغو", "PER:سيرجي شويغو")]
    got = [(m.text, m.entity_key) for m in nominal_mentions(text, named)]
    assert got == [("وزير الدفاع الروسي", "PER:سيرجي شويغو")]  # «الوزير الروسي» could be either


def test_no_description_before_the_name_nor_as_a_title_nor_without_a_role():
    text = ("قال الوزير الروسي في بيان إن الاجتماع تأجل. ثم وصل وزير الخارجية الروسي سيرغي لافروف "
            "إلى جنيف، حيث التقى الوزير الروسي سيرغي لافروف نظيره الأمريكي.")
    first = text.index("سيرغي لافروف")
    second = text.index("سيرغي لافروف", first + 1)
    named = [Mention(first, first + 12, "PER", "سيرغي لافروف", "PER:سيرجي لافروف", "سيرغي لافروف"),
             Mention(second, second + 12, "PER", "سيرغي لافروف", "PER:سيرجي لافروف", "سيرغي لافروف")]
    assert nominal_mentions(text, named) == []  # the first precedes him, the second is his title
    plain = "التقى سيرغي لافروف أمس ممثلين عن الأطراف، وقال الوزير الروسي إن الحل قريب."
    a = plain.index("سيرغي لافروف")
    assert nominal_mentions(plain, [Mention(a, a + 12, "PER", "سيرغي لافروف", "PER:سيرجي لافروف")]) == []


def test_stored_counted_and_never_a_variant(tmp_path):
    with marsad.open(tmp_path / "a") as archive:
        archive.ingest_records([{"id": "v1", "source": "daily-north", "title": "زيارة لافروف إلى القاهرة",
                                 "published": "2024-03-04", "text": VISIT}])
        stored = archive.get(archive.store.query("SELECT id FROM articles")[0]["id"]).mentions
        d = entity_detail(archive.store, "سيرغي لافروف")
        assert "الوزير الروسي" not in d["variants"] and "سيرغي لافروف" in d["variants"]
        assert {x["text"] for x in d["descriptions"]} >= {"الوزير الروسي", "وزير الخارجية الروسي"}
        assert d["mentions"] >= 3
        rows = archive.store.query("SELECT text FROM mentions WHERE nominal = 1 AND entity_key = ?", (d["key"],))
        assert {r["text"] for r in rows} >= {"الوزير الروسي", "وزير الخارجية الروسي"}
        assert archive.check().ok
        assert any(m.nominal for m in stored) and all(m.nominal == (m.text in {x["text"] for x in d["descriptions"]})
                                                      for m in stored if m.entity_key == d["key"])


def test_a_schema_2_archive_gains_the_column_on_open(sample_archive, tmp_path):
    path = tmp_path / "old"
    shutil.copytree(sample_archive, path, ignore=shutil.ignore_patterns("write.lock"))
    conn = sqlite3.connect(path / "marsad.sqlite3")
    conn.executescript("ALTER TABLE mentions DROP COLUMN nominal; UPDATE meta SET value='2' WHERE key='schema_version';")
    conn.close()
    with marsad.open(path) as archive:
        assert archive.store.schema_version == SCHEMA_VERSION == 3
        assert archive.store.query("SELECT COUNT(*) FROM mentions WHERE nominal != 0")[0][0] == 0
        assert archive.check().ok


def test_a_longer_description_or_a_title_of_another_name_is_not_a_reference():
    text = ("وصل الرئيس اليمني عبد ربه منصور هادي إلى الرياض، والتقى وزير الخارجية الأمريكي جون كيري. "
            "وقالت مصادر إن قوات موالية للرئيس اليمني السابق علي عبد الله صالح تقدمت، "
            "فيما التقت مساعدة وزير الخارجية الأمريكي لشؤون الشرق الأوسط وفدا يمنيا.")
    named = [_mention(text, "عبد ربه منصور هادي", "PER:عبد ربه منصور هادي"),
             _mention(text, "جون كيري", "PER:جون كيري"),
             _mention(text, "علي عبد الله صالح", "PER:علي عبد الله صالح")]
    assert nominal_mentions(text, named) == []


def test_a_rank_that_is_also_a_unit_is_left_alone():
    text = "وقع الفريق الاتحادي سعيد المالكي العقد. وبدأ الفريق الاتحادي تدريباته أمس."
    named = [_mention(text, "سعيد المالكي", "PER:سعيد المالكي")]
    assert nominal_mentions(text, named) == []


def test_descriptions_reach_the_cli_and_the_http_api(sample_archive):
    """The sample corpus introduces Dmitri Volkov as «وزير الخارجية الروسي» and then calls him «الوزير
    الروسي»: `marsad entity` and GET /api/entities/{key} list that apart from his name variants."""
    import json

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from marsad.api.app import create_app
    from marsad.cli import app

    res = CliRunner().invoke(app, ["entity", "فولكوف", "--archive", str(sample_archive)])
    assert res.exit_code == 0, res.output
    assert "also referred to as: الوزير الروسي" in res.output
    res = CliRunner().invoke(app, ["entity", "فولكوف", "--archive", str(sample_archive), "--json"])
    d = json.loads(res.stdout)
    assert [x["text"] for x in d["descriptions"]] == ["الوزير الروسي"] and "الوزير الروسي" not in d["variants"]
    with marsad.open(sample_archive) as archive, TestClient(create_app(archive)) as client:
        body = client.get("/api/entities/" + d["key"]).json()
    assert body["descriptions"] == d["descriptions"] and body["variants"] == d["variants"]


def test_a_role_in_apposition_after_the_name_introduces_descriptions_too():
    text = ("قال حسن العمري، الباحث الأردني في شؤون الجماعات المسلحة، إن التنظيم يتراجع. "
            "وأضاف الباحث الأردني أن الدعم الخارجي تقلص، فيما رأى سامر خليل أن المعركة طويلة.")
    named = [_mention(text, "حسن العمري", "PER:حسن العمري"), _mention(text, "سامر خليل", "PER:سامر خليل")]
    got = [(m.text, m.entity_key) for m in nominal_mentions(text, named)]
    assert got == [("الباحث الأردني", "PER:حسن العمري")]
