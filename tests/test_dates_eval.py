"""Quality gate for dates on the Wojood sample, and the ``marsad eval dates`` command.

The floors sit just below the scores measured when they were set (docs/dates.md): a change that
loses ground fails here. Tuned on train.txt; val.txt is the development check.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.eval.dates import evaluate_dates, predict_spans, read_wojood, score
from tests.conftest import need_shared

# measured: val exact F1 0.988, overlap F1 1.000; train exact F1 0.954, overlap F1 0.977
FLOORS = {
    "val.txt": {"exact": 0.97, "overlap": 0.98},
    "train.txt": {"exact": 0.94, "overlap": 0.965},
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_quality_gate(split):
    gold = need_shared("data", "wojood", split)
    result = evaluate_dates(gold)
    for kind, floor in FLOORS[split].items():
        assert result[kind]["f1"] >= floor, f"{split} {kind} F1 {result[kind]['f1']} fell below {floor}"


def test_cli_json():
    gold = need_shared("data", "wojood", "val.txt")
    out = CliRunner().invoke(app, ["eval", "dates", str(gold), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["task"] == "dates" and result["spans"] > 0
    assert set(result["exact"]) == {"p", "r", "f1"} and set(result["overlap"]) == {"p", "r", "f1"}


def test_cli_bad_gold(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("كلمة\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["eval", "dates", str(bad), "--json"])
    assert out.exit_code != 0 and "expected 'token TAG" in out.output


def test_cli_dates_command():
    out = CliRunner().invoke(app, ["dates", "وصل الوفد أمس الخميس إلى موسكو", "--published", "2015-10-30", "--json"])
    assert out.exit_code == 0, out.output
    (found,) = json.loads(out.stdout.strip().splitlines()[-1])["dates"]
    assert (found["text"], found["value"], found["anchor"]) == ("أمس الخميس", "2015-10-29", "published")


def test_reader_handles_nested_tags_and_segment_marks(tmp_path):
    gold = tmp_path / "g.txt"
    gold.write_text(
        "وصل O\nالوفد O\nيوم B-DATE\nالخميس I-DATE\n$#$ O\n\n"
        "مدرسة B-ORG\nعام I-ORG B-DATE\n2015 I-ORG I-DATE\n. O\n",
        encoding="utf-8",
    )
    first, second = read_wojood(gold)
    assert first.tokens == ["وصل", "الوفد", "يوم", "الخميس"] and first.spans == {(2, 4)}
    assert second.spans == {(1, 3)}


def test_prediction_maps_characters_to_tokens():
    tokens = ["وقع", "الاتفاق", "بتاريخ", "(", "15", "/", "1", "/", "1959", ")", "في", "عمان"]
    assert predict_spans(tokens) == {(2, 10)}


def test_scores_exact_and_overlap():
    gold = [{(0, 2), (5, 6)}]
    pred = [{(0, 2), (4, 7), (8, 9)}]
    result = score(gold, pred)
    assert result["exact"] == {"p": 0.3333, "r": 0.5, "f1": 0.4}
    assert result["overlap"] == {"p": 0.6667, "r": 1.0, "f1": 0.8}


def test_a_file_that_is_not_wojood_is_refused(tmp_path):
    from marsad.errors import GoldFormatError
    from marsad.eval.dates import read_wojood

    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"x": 1}\n{"json": 2}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="gold.jsonl:1"):
        read_wojood(bad)
