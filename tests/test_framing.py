"""Framing: the lexicon, weighted log-odds, per-outlet label and scare-quote counts, and the CLI, API
and web page on the bundled sample archive."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import marsad
from marsad.arabic.framing import find_labels, groups, load_lexicon
from marsad.cli import app
from marsad.stories.framing import distinguishing_terms, framing_report, lexicon_usage, log_odds, mark_usage

# Two invented outlets reporting the same events in their own words.
OUTLET_A = [
    "قصفت قوات الاحتلال منزلا في البلدة فجر اليوم واستشهد ثلاثة مواطنين.",
    "اقتحمت قوات الاحتلال المخيم واعتقلت عشرة شبان بحسب مصادر محلية.",
    "أعلنت وزارة الصحة أن حصيلة العدوان ارتفعت وأن قوات الاحتلال منعت سيارات الإسعاف من الوصول.",
    "وقال رئيس البلدية إن قوات الاحتلال هدمت منزلين في الحي الشرقي.",
]
OUTLET_B = [
    "قصف الجيش الإسرائيلي منزلا في البلدة فجر اليوم ما أدى إلى مقتل ثلاثة أشخاص.",
    "دخل الجيش الإسرائيلي المخيم واعتقل عشرة شبان بحسب مصادر محلية.",
    "أعلنت وزارة الصحة أن حصيلة القتلى ارتفعت وقال الجيش الإسرائيلي إنه يحقق في الحادث.",
    "وقال رئيس البلدية إن الجيش الإسرائيلي هدم منزلين في الحي الشرقي.",
]


def test_lexicon_is_grouped_and_documented():
    entries = load_lexicon()
    assert len(entries) > 60 and all(e.frame and e.note for e in entries)
    g = groups()
    labels = {e.label for e in g["syria-government"]}
    assert {"النظام السوري", "الحكومة السورية", "الدولة السورية"} <= labels
    assert {"شهيد", "قتيل", "لقي حتفه"} <= {e.label for e in g["death"]}


@pytest.mark.parametrize("text, label", [
    ("وأكد أن وفدا للمعارضة سيزور القاهرة", "المعارضة"),
    ("وقصفت قوات النظام السوري البلدة", "قوات النظام السوري"),
    ("وقال إن النظام السوري يماطل", "النظام السوري"),
    ("ولقي حتفه ثلاثة أشخاص", "لقي حتفه"),
    ("ونددت الوزارة بجرائم كيان الاحتلال", "كيان الاحتلال"),
    ("في ذكرى الثورة", "ثورة"),
])
def test_find_labels_with_clitics(text, label):
    hits = find_labels(text)
    assert [h.entry.label for h in hits] == [label]
    assert text[hits[0].start:hits[0].end].endswith(label.split()[-1][-3:])


def test_find_labels_longest_first():
    assert [h.entry.label for h in find_labels("المعارضة المعتدلة والمعارضة")] == ["المعارضة المعتدلة", "المعارضة"]


def test_log_odds_ranks_the_framing_term_first():
    terms = distinguishing_terms({"a": OUTLET_A, "b": OUTLET_B}, top=5)
    assert terms["a"][0].term in ("الاحتلال", "قوات الاحتلال")
    assert terms["b"][0].term in ("الإسرائيلي", "الجيش الإسرائيلي")
    shared = {t.term for t in terms["a"]} & {"البلدة", "مصادر", "الحي"}
    assert not shared, "words both outlets use equally must not distinguish either"


def test_log_odds_sign_and_shrinkage():
    focus, rest = Counter({"x": 10, "y": 50, "w": 40}), Counter({"x": 1, "y": 50, "w": 49})
    z = log_odds(focus, rest, focus + rest, prior_weight=10)
    assert z["x"] > 2 and abs(z["y"]) < 0.2 and z["w"] < 0
    small_f, small_r = Counter({"x": 1, "y": 5, "w": 4}), Counter({"y": 5, "w": 5})
    z_small = log_odds(small_f, small_r, small_f + small_r, prior_weight=10)
    assert 0 < z_small["x"] < z["x"], "the same proportions with fewer words are weaker evidence"


def _articles():
    arts = [{"id": f"a{i}", "source": "a", "text": t} for i, t in enumerate(OUTLET_A)]
    arts += [{"id": f"b{i}", "source": "b", "text": t} for i, t in enumerate(OUTLET_B)]
    arts.append({"id": "a9", "source": "a", "text": "والتقى الوزير وفدا لـ “المعارضة” في العاصمة."})
    return arts


def test_lexicon_and_mark_usage_per_outlet():
    usage = lexicon_usage(_articles())
    assert usage["a"]["israel/قوات الاحتلال"]["count"] == 4
    assert usage["b"]["israel/الجيش الإسرائيلي"]["count"] == 4
    example = usage["a"]["israel/قوات الاحتلال"]["examples"][0]
    assert example["article_id"] == "a0" and "قوات الاحتلال" in example["sentence"]
    marks = mark_usage(_articles())
    assert marks["a"]["scare"] == 1 and marks["a"]["examples"][0]["span"] == "المعارضة"
    assert marks["b"]["scare"] == 0


def test_report_for_one_source_still_compares_with_the_rest():
    report = framing_report(_articles(), source="b")
    assert [o["source"] for o in report["outlets"]] == ["b"] and report["articles"] == 9
    assert report["outlets"][0]["terms"][0]["z"] > 0


def test_cli_api_and_page_on_the_sample_archive(sample_archive):
    out = CliRunner().invoke(app, ["framing", "--archive", str(sample_archive), "--json", "--top", "5"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    by = {o["source"]: o for o in report["outlets"]}
    assert {"wna", "sham-post", "khaleej-daily"} <= set(by)
    assert by["wna"]["marks"]["scare"] >= 5
    assert any(ex["span"] == "المعارضة" for ex in by["wna"]["marks"]["examples"])
    assert by["sham-post"]["marks"]["scare"] >= 3 and by["nile-gate"]["marks"]["scare"] == 0
    sham_labels = {r["label"] for r in by["sham-post"]["lexicon"]}
    assert "النظام" in sham_labels and "الدولة السورية" in {r["label"] for r in by["wna"]["lexicon"]}
    from marsad.api.app import create_app

    archive = marsad.open(sample_archive)
    try:
        with TestClient(create_app(archive)) as client:
            body = client.get("/api/framing", params={"source": "wna", "top": 3}).json()
            assert [o["source"] for o in body["outlets"]] == ["wna"] and len(body["outlets"][0]["terms"]) <= 3
            page = client.get("/framing", params={"source": "sham-post"}, headers={"accept": "text/html"})
            assert page.status_code == 200 and "<mark>" in page.text and "/articles/" in page.text
            missing = client.get("/api/framing", params={"story": 999999})
            assert missing.status_code == 404 and "error" in missing.json()
    finally:
        archive.close()
