"""`marsad eval clean`: the scorer, the CLI and the quality gate on our development golds.

Figures pinned here are just below what was measured (docs/clean.md has the commands):
seeds 1.000 F1 / 1.000 title / 0 lost; clean_pages (61 pages) 0.997 / 1.000 / 0 (test split 0.995).
"""

import json
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from marsad.cli.clean import register
from marsad.errors import GoldFormatError
from marsad.eval.clean import evaluate, read_gold, score_page, scoring_form, GoldPage

GOLDS = Path(__file__).resolve().parent / "golds"
sys.path.insert(0, str(GOLDS))
import build_clean_gold  # noqa: E402


def _app():
    app, eval_app, train_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")
    register(app, eval_app, train_app)
    return app


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_scoring_form_folds_what_the_spec_says():
    assert scoring_form("«أكّدَ» الوزيرُ: إنّ الـــحلَّ قريبٌ!") == "اكد الوزير ان الحل قريب"
    assert scoring_form("مدرسة  على") == "مدرسه علي"


def test_score_counts_lines_as_multisets():
    gold = GoldPage("p", "s", "", [("عنوان", "title"), ("سطر", "body"), ("سطر", "body"), ("تابعونا", "boilerplate")])
    score = score_page(gold, "عنوان", ["عنوان", "سطر", "تابعونا"])
    assert (score.kept, score.gold, score.matched, score.title_ok, score.body_lost) == (3, 3, 2, True, ["سطر"])


def test_pages_gold_is_what_the_source_file_builds():
    committed = [json.loads(l) for l in (GOLDS / "clean_pages.jsonl").read_text(encoding="utf-8").splitlines()]
    assert committed == build_clean_gold.build_pages()
    assert len(committed) >= 30
    assert {r["split"] for r in committed} == {"dev", "test"}


@pytest.mark.parametrize("split", ["dev", "test", None])
def test_quality_gate_own_pages(tmp_path, split):
    records = [json.loads(l) for l in (GOLDS / "clean_pages.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = _write(tmp_path / "g.jsonl", [r for r in records if split in (None, r["split"])])
    summary, _ = evaluate(gold)
    assert summary["lines"]["f1"] >= 0.99
    assert summary["title_accuracy"] >= 0.98
    assert summary["body_lines_lost"] == 0


@pytest.mark.shared
def test_quality_gate_seeds(tmp_path):
    if not build_clean_gold.seeds_available():
        pytest.skip(f"{build_clean_gold.SEEDS} is absent: the seed gold is rebuilt from ../shared")
    gold = _write(tmp_path / "seeds.jsonl", build_clean_gold.build_records())
    result = CliRunner().invoke(_app(), ["eval", "clean", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert set(summary) == {"task", "lines", "title_accuracy", "body_lines_lost", "docs"}
    assert summary["task"] == "clean" and summary["docs"] == 5
    assert summary["lines"]["f1"] >= 0.99 and summary["title_accuracy"] >= 1.0
    assert summary["body_lines_lost"] == 0


def test_cli_table_output():
    result = CliRunner().invoke(_app(), ["eval", "clean", str(GOLDS / "clean_pages.jsonl")])
    assert result.exit_code == 0
    assert "title accuracy" in result.output


@pytest.mark.parametrize(
    "content, where",
    [
        ('{"id": "a", "raw": "x", "lines": []}\n{oops\n', ":2:"),
        ('{"id": "a", "raw": "x", "lines": [{"text": "x", "label": "headline"}]}\n', ":1:"),
        ('{"id": "a", "lines": []}\n', ":1:"),
        ("", "no pages"),
    ],
)
def test_malformed_gold_is_a_one_line_error(tmp_path, content, where):
    gold = tmp_path / "bad.jsonl"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match="bad.jsonl"):
        read_gold(gold)
    result = CliRunner().invoke(_app(), ["eval", "clean", str(gold), "--json"])
    assert result.exit_code != 0
    assert where in result.output and len(result.output.strip().splitlines()) == 1


def test_missing_gold_file(tmp_path):
    result = CliRunner().invoke(_app(), ["eval", "clean", str(tmp_path / "none.jsonl"), "--json"])
    assert result.exit_code != 0 and "none.jsonl" in result.output


def test_eval_learns_recurring_lines_across_the_gold_file(tmp_path):
    slogan = "نافذة المدينة | كل ما يهم سكان المدينة"  # no rule knows it: only recurrence can tell
    stories = [
        "افتتاح حديقة عامة جديدة في الحي الشرقي",
        "البلدية تعلن مواعيد جمع النفايات الجديدة",
        "مدرسة المدينة تحتفل بتخريج الدفعة العاشرة",
        "انقطاع المياه عن ثلاثة أحياء يوم السبت",
        "تكريم المتطوعين في حملة تشجير الطرقات",
        "افتتاح مكتبة متنقلة لخدمة القرى المجاورة",
    ]
    records = []
    for k, title in enumerate(stories):
        body = f"أعلنت البلدية اليوم خبراً جديداً عن {title} بحضور عدد من المسؤولين."
        lines = [{"text": title, "label": "title"}, {"text": body, "label": "body"}, {"text": slogan, "label": "boilerplate"}]
        records.append({"id": f"p{k}", "source": "nafitha", "raw": f"{title}\n{body}\n{slogan}\n", "lines": lines})
    summary, _ = evaluate(_write(tmp_path / "g.jsonl", records))
    assert summary["lines"]["p"] == 1.0
    summary, _ = evaluate(_write(tmp_path / "few.jsonl", records[:3]))  # three pages: too few to learn
    assert summary["lines"]["p"] < 1.0
