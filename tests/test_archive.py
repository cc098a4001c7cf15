"""The archive end to end through the Python API: ingest, exact duplicates, raw input, delete,
interrupted runs, schema versions. Texts are written for these tests."""

import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import marsad
from marsad.document import Article
from marsad.errors import ArchiveError, ConfigError, NotFound
from marsad.pipeline import NormaliseStage

WIRE = ("الرياض - واس\n\nأعلنت وزارة الطاقة اليوم الأحد عن خطة جديدة لتوسيع شبكة الكهرباء في المناطق الشمالية "
        "خلال العامين المقبلين، بكلفة تقدر بثلاثة مليارات ريال.\n\nوقال المتحدث باسم الوزارة إن المرحلة الأولى "
        "تبدأ مطلع الشهر المقبل.")
OTHER = ("عمّان - بترا\n\nافتتح وزير الثقافة الأردني معرض الكتاب السنوي بمشاركة مئة وعشرين دار نشر عربية "
         "وأجنبية، ويستمر المعرض عشرة أيام.")
GOVT = "قالت الحكومةُ في بيان إن الوضع في سورية مستقر، وإن المفاوضات مستمرة."


def write_pages(folder, pages, manifest=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    if manifest:
        (folder / "meta.jsonl").write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in manifest),
                                           encoding="utf-8")
    return folder


@pytest.fixture
def archive(tmp_path):
    a = marsad.open(tmp_path / "archive")
    yield a
    a.close()


FAST = dict(stages=["normalise"], archive_stages=[])


def test_reingest_adds_nothing(tmp_path, archive):
    pages = write_pages(tmp_path / "pages", {"a.txt": WIRE, "b.txt": OTHER})
    first = archive.ingest([pages], source="testwire", **FAST)
    assert (first.added, first.unchanged, len(first.rejected)) == (2, 0, 0)
    second = archive.ingest([pages], source="testwire", **FAST)
    assert (second.added, second.unchanged) == (0, 2)
    assert archive.stats()["articles"] == 2


def test_same_text_two_outlets_is_two_articles_in_one_group(tmp_path, archive):
    write_pages(tmp_path / "x" / "daily-one", {"story.txt": WIRE})
    write_pages(tmp_path / "x" / "daily-two", {"copy.txt": WIRE})
    report = archive.ingest([tmp_path / "x"], **FAST)
    assert report.added == 2 and report.exact_duplicates == 1
    ids = [r["id"] for r in archive.articles()[1]]
    assert {archive.get(i).source for i in ids} == {"daily-one", "daily-two"}  # source from the folder
    dups = archive.duplicates_of(ids[0])
    assert [d["id"] for d in dups] == [ids[1]]
    stats = archive.stats()
    assert stats["distinct_texts"] == 1
    assert stats["exact_duplicates"] == {"groups": 1, "articles": 2}


def test_manifest_sets_source_url_and_published(tmp_path, archive):
    pages = write_pages(tmp_path / "pages", {"a.txt": WIRE}, manifest=[
        {"file": "a.txt", "source": "spa-test", "url": "https://example.org/a", "published": "2024-03-02"}])
    archive.ingest([pages], **FAST)
    a = archive.get(archive.articles()[1][0]["id"])
    assert (a.source, a.url, a.published, a.published_how) == ("spa-test", "https://example.org/a", "2024-03-02",
                                                               "manifest")


def test_raw_input_is_kept_byte_for_byte(tmp_path, archive):
    folder = tmp_path / "legacy"
    folder.mkdir()
    raw = OTHER.encode("cp1256")
    (folder / "page.txt").write_bytes(raw)
    archive.ingest([folder], **FAST)
    a = archive.get(archive.articles()[1][0]["id"])
    assert a.text.strip().startswith("عمّان")
    data, encoding, _ = archive.store.raw_input(a.meta["raw_hash"])
    assert data == raw and encoding and "1256" in encoding


def test_search_finds_inflected_and_variant_spellings(tmp_path, archive):
    archive.ingest_records([{"id": "g", "text": GOVT, "source": "t", "published": "2024-01-05"},
                            {"id": "w", "text": WIRE, "source": "u", "published": "2023-06-01"}], **FAST)
    assert [r["source"] for r in archive.search("حكومة").results] == ["t"]
    assert archive.search("سوريا").total == 1
    assert archive.search('"شبكة الكهرباء"').total == 1
    assert archive.search('"الكهرباء شبكة"').total == 0
    assert archive.search("الوزارة", since="2024-01-01").total == 0
    assert archive.search("الوزارة", until="2023-12-31").total == 1
    assert archive.search("الوزارة", source="t").total == 0
    hit = archive.search("حكومة").results[0]
    s, e = hit["highlights"][0]
    assert hit["snippet"][s:e] == "الحكومةُ"


def test_total_counts_every_match_not_only_the_page(archive):
    archive.ingest_records([{"id": i, "text": f"{GOVT} رقم {i}", "source": "t"} for i in range(25)], **FAST)
    res = archive.search("الحكومة", limit=5)
    assert res.total == 25 and len(res.results) == 5


def test_delete_removes_article_from_database_and_index(archive):
    archive.ingest_records([{"id": "g", "text": GOVT, "source": "t"}, {"id": "w", "text": WIRE, "source": "t"}], **FAST)
    target = archive.search("حكومة").results[0]["id"]
    archive.delete(target)
    assert archive.search("حكومة").total == 0
    with pytest.raises(NotFound):
        archive.get(target)
    assert archive.stats()["articles"] == 1


class Interrupt(Exception):
    pass


class FailsOnSecondBatch:
    name, requires, provides = "flaky", (), ()

    def __init__(self):
        self.calls = 0

    def __call__(self, articles):
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt  # like Ctrl-C in the middle of a run
        return articles


def test_interrupted_ingest_resumes_cleanly(tmp_path, monkeypatch):
    records = [{"id": i, "text": f"{OTHER} نسخة {i}", "source": "t"} for i in range(30)]
    archive = marsad.open(tmp_path / "a")
    flaky = FailsOnSecondBatch()
    monkeypatch.setattr("marsad.archive.build_stages", lambda *a, **k: [NormaliseStage(), flaky])
    with pytest.raises(KeyboardInterrupt):
        archive.ingest_records(records, batch_size=10, archive_stages=[])
    archive.close()
    monkeypatch.undo()
    reopened = marsad.open(tmp_path / "a")
    assert reopened.stats()["articles"] == 10  # the first batch, whole
    assert reopened.search("المعرض").total == 10  # the index caught up from its queue
    report = reopened.ingest_records(records, batch_size=10, **FAST)
    assert (report.added, report.unchanged) == (20, 10)
    assert reopened.search("المعرض").total == 30


def test_newer_schema_is_refused(tmp_path):
    a = marsad.open(tmp_path / "a")
    a.store.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    a.close()
    with pytest.raises(ArchiveError, match="newer marsad"):
        marsad.open(tmp_path / "a")


def test_database_is_in_wal_mode(archive):
    assert archive.store.query("PRAGMA journal_mode")[0][0] == "wal"
    assert archive.store.schema_version >= 1


def test_sources_registry_is_editable(archive):
    archive.ingest_records([{"id": "w", "text": WIRE, "source": "spa"}], **FAST)
    archive.update_source("spa", kind="wire", country="SA", label="وكالة الأنباء")
    (spa,) = [s for s in archive.sources() if s["name"] == "spa"]
    assert (spa["kind"], spa["country"], spa["articles"]) == ("wire", "SA", 1)
    with pytest.raises(ArchiveError):
        archive.update_source("spa", colour="red")


arabic_text = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإىة ،.\n«»“”0123")),
                      min_size=1, max_size=200).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=arabic_text, title=st.one_of(st.none(), arabic_text))
def test_storage_round_trip(archive, text, title):
    a = Article(id=f"x{abs(hash((text, title)))}", source="t", text=text, raw_text=text, origin="mem",
                title=title, credits=["المصدر: وكالات"])
    NormaliseStage()([a])
    if archive.store.existing_ids([a.id]):
        return
    with archive.store.transaction():
        archive.store.put_articles([a], {})
    b = archive.get(a.id)
    assert (b.text, b.title, b.credits, b.text_hash) == (a.text, a.title, a.credits, a.text_hash)


def test_open_uses_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_ARCHIVE", str(tmp_path / "from-env"))
    a = marsad.open()
    assert a.path == tmp_path / "from-env"
    a.close()
    assert (tmp_path / "from-env" / "marsad.sqlite3").exists()
    sqlite3.connect(tmp_path / "from-env" / "marsad.sqlite3").close()


def test_exact_duplicates_by_normalised_text_keep_their_own_spelling(archive):
    voweled = GOVT.replace("الحكومةُ", "الحُكومةُ")
    archive.ingest_records([{"id": "a", "text": GOVT, "source": "one"}, {"id": "b", "text": voweled, "source": "two"}],
                           **FAST)
    ids = {archive.get(r["id"]).source: r["id"] for r in archive.articles()[1]}
    assert archive.get(ids["one"]).text == GOVT and archive.get(ids["two"]).text == voweled
    assert [d["id"] for d in archive.duplicates_of(ids["one"])] == [ids["two"]]


def test_import_sources_registry(tmp_path, archive):
    registry = tmp_path / "sources.jsonl"
    registry.write_text('{"name": "ona", "label": "وكالة الأنباء", "kind": "wire", "country": "JO"}\n'
                        '{"name": "daily", "kind": "private"}\n', encoding="utf-8")
    assert archive.import_sources(registry) == 2
    kinds = {s["name"]: s["kind"] for s in archive.sources()}
    assert kinds == {"ona": "wire", "daily": "private"}
    registry.write_text('{"label": "no name"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="sources.jsonl:1"):
        archive.import_sources(registry)


def test_records_with_lone_surrogates_are_stored_with_replacement_characters(tmp_path):
    import marsad

    with marsad.open(tmp_path / "a") as archive:
        report = archive.ingest_records([{"text": "قال الوزير \ud800 إن الاجتماع انتهى.", "title": "خبر \udfff",
                                          "source": "اختبار"}])
        assert report.added == 1
        article = archive.get(report.added_ids[0])
        assert "\ufffd" in article.text and article.title == "خبر \ufffd"
