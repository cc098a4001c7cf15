"""What quotation marks do: the classifier on hand-written sentences, the seeds' scare quotes, the eval
command and a quality gate on the development gold (tests/golds/build_marks_gold.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.errors import GoldFormatError
from marsad.eval.marks import evaluate_marks, read_gold, score
from marsad.stories.marks import classify, classify_text, find_pairs
from tests.conftest import need_shared

GOLDS = Path(__file__).resolve().parent / "golds"


def _builder():
    spec = importlib.util.spec_from_file_location("build_marks_gold", GOLDS / "build_marks_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def only_pair(sentence: str) -> str:
    pairs = find_pairs(sentence)
    assert len(pairs) == 1, pairs
    return classify(sentence, pairs[0].start, pairs[0].end)[0]


SPEECH = [
    'وقال وزير الخارجية في مؤتمر صحفي: "نحن مستعدون للحوار دون شروط مسبقة".',
    "وأكد المتحدث أن بلاده «لن تقبل بأي تدخل في شؤونها الداخلية».",
    'وأوضح الوزير أن الوضع "صعب ومعقد" في المرحلة الحالية.',
    "ووصف رئيس الوزراء الاتفاق بأنه “خطوة تاريخية”.",
    "“سنواصل العمل حتى تحقيق أهدافنا كاملة”، قال قائد الجيش في كلمة متلفزة.",
    'واتهم المتحدث الحكومة بـ"المماطلة" في تنفيذ الاتفاق.',
    "وأعلنت القيادة العامة للقوات المسلحة «استشهاد» أحد جنودها في الحدود.",
    "وقال مدير المستشفى إن «الإمدادات الطبية تكفي لأسبوع واحد فقط، ونحتاج إلى دعم عاجل».",
]
TITLE = [
    "ونقلت صحيفة «الأيام» عن مصادر مطلعة أن الاجتماع تأجل.",
    "وأطلقت الوزارة حملة “بلدي أجمل” لتنظيف الشواطئ.",
    'وشارك الجيش في عملية "درع الصحراء" التي بدأت الشهر الماضي.',
    "وكتب الوزير على حسابه في موقع “إكس” أن الزيارة كانت ناجحة.",
    "وقال رئيس البلدية في تصريح لـ«النهار» إن العمل سيبدأ قريبا.",
    'وعرض برنامج "صباح الخير يا وطن" تقريرا عن الأسواق.',
    "وأضاف “الحسيني”: الوضع تحت السيطرة.",
]
SCARE = [
    "واجتمع الوزير مع وفد لـ “المعارضة” في العاصمة.",
    "وشنت الطائرات غارات على مواقع ما يسمى “جيش التحرير” في الشمال.",
    'وتواصل القوات عملياتها ضد "الإرهاب" في المنطقة الشرقية.',
    "وقصف الجيش البلدة بزعم “ملاحقة المسلحين”.",
    "وأعلنت السلطات نتائج “الانتخابات” المزعومة أمس.",
    "وزعم الجيش في بيان أنه استهدف “مخزنا للأسلحة” في الحي.",
]
TERM = [
    'ورفع المتظاهرون لافتات كتب عليها «الشعب يريد الإصلاح».',
    "ويطلق الجمهور على المنتخب لقب “نسور قرطاج” منذ سنوات.",
    'وتعتمد الشركة ما يعرف بـ"التسعير الديناميكي" في بيع التذاكر.',
    'وانتشر على مواقع التواصل وسم "#معا_ضد_الغلاء" خلال ساعات.',
    "وأشار الخبير إلى ما يسميه الاقتصاديون “الركود التضخمي” في الأسواق الناشئة.",
]


@pytest.mark.parametrize("sentence", SPEECH)
def test_speech(sentence):
    assert only_pair(sentence) == "speech"


@pytest.mark.parametrize("sentence", TITLE)
def test_title(sentence):
    assert only_pair(sentence) == "title"


@pytest.mark.parametrize("sentence", SCARE)
def test_scare(sentence):
    assert only_pair(sentence) == "scare"


@pytest.mark.parametrize("sentence", TERM)
def test_term(sentence):
    assert only_pair(sentence) == "term"


def test_pairs_toggle_swapped_curly_marks_and_stay_inside_a_line():
    text = "وقال في مقابلة مع مجلة”الأفق”الأسبوعية”نحن ماضون في الإصلاح”.\nثم قال “بداية بلا نهاية\nفي السطر التالي”"
    spans = [text[p.start:p.end] for p in find_pairs(text)]
    assert spans == ["الأفق", "نحن ماضون في الإصلاح"]
    assert [m.function for m in classify_text(text)] == ["title", "speech"]


def test_guillemets_written_both_ways():
    spans = [p for p in find_pairs("بحجة «السوق الحرة» و»تحرير الأسعار» معا")]
    assert len(spans) == 2


def test_seed_scare_quotes_are_found():
    need_shared("corpus", "seeds")
    seeds = need_shared("corpus", "seeds")
    found = {}
    for page in sorted(seeds.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        found[page.name] = [text[m.start:m.end] for m in classify_text(text) if m.function == "scare"]
    sana = next(v for k, v in found.items() if k.startswith("000_"))
    other = next(v for k, v in found.items() if k.startswith("004_"))
    assert sana == ["المعارضة"]
    assert other.count("الإرهاب") == 4 and set(other) == {"الإرهاب"}
    assert not any(found[k] for k in found if k[:3] in ("001", "002", "003"))


def _write(tmp_path: Path, lines: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def test_eval_command_json(tmp_path):
    gold = _write(tmp_path, [
        {"doc_id": "a", "source": "x", "sentence": SCARE[0], "span": "المعارضة", "open": "“", "close": "”", "nth": 0, "function": "scare"},
        {"doc_id": "b", "source": "x", "sentence": TITLE[0], "span": "الأيام", "open": "«", "close": "»", "nth": 0, "function": "title"},
        {"doc_id": "c", "source": "x", "sentence": TERM[0], "span": "الشعب يريد الإصلاح", "open": "«", "close": "»", "nth": 0, "function": "speech"},
    ])
    out = CliRunner().invoke(app, ["eval", "marks", str(gold), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    assert result["task"] == "marks" and result["spans"] == 3
    assert result["per_function"]["scare"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "support": 1}
    assert result["per_function"]["speech"]["r"] == 0.0 and result["accuracy"] == pytest.approx(2 / 3, abs=1e-3)


@pytest.mark.parametrize("line, message", [
    ("not json", "not JSON"),
    (json.dumps({"sentence": "قال “نعم”", "span": "لا", "function": "speech"}), "span not found"),
    (json.dumps({"sentence": "قال “نعم”", "span": "نعم", "function": "quote"}), "is not one of"),
    (json.dumps({"sentence": "قال “نعم”", "function": "speech"}), "missing"),
])
def test_bad_gold_is_one_line_error(tmp_path, line, message):
    gold = tmp_path / "bad.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message):
        read_gold(gold)
    out = CliRunner().invoke(app, ["eval", "marks", str(gold), "--json"])
    assert out.exit_code != 0 and message in out.output


def test_nth_occurrence_is_used():
    sentence = "ونقلت صحيفة «الغد» عن مصدر قوله إن «الغد» سيكون أفضل بكثير من اليوم."
    spans = read_gold(_write_lines([{"sentence": sentence, "span": "الغد", "nth": 1, "open": "«", "function": "speech"}]))
    assert sentence[spans[0].start - 1:spans[0].start] == "«" and spans[0].start > sentence.index("قوله")


def _write_lines(lines):
    import tempfile

    f = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    f.write("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    f.close()
    return f.name


def test_score_macro_over_gold_functions_only():
    result = score(["scare", "speech", "speech"], ["scare", "speech", "title"])
    assert result["per_function"]["title"]["support"] == 0
    assert result["macro_f1"] == pytest.approx((1.0 + 2 / 3) / 2, abs=1e-3)


def _gold_file(tmp_path: Path, corpora: tuple[str, ...], labels: str = "marks_dev.labels.jsonl") -> Path:
    lines = _builder().build(corpora, labels=GOLDS / labels)
    assert lines, f"no spans built for {corpora}"
    return _write(tmp_path, lines)


def test_quality_gate_sample_corpus(tmp_path):
    """Our own sample corpus is always there: pinned just below what was measured (see docs/framing.md)."""
    result = evaluate_marks(_gold_file(tmp_path, ("sample",)))
    assert result["spans"] == 192
    assert result["accuracy"] >= 0.92
    assert result["per_function"]["scare"]["p"] >= 0.95 and result["per_function"]["scare"]["r"] >= 0.75


def test_quality_gate_development_gold(tmp_path):
    need_shared("data", "saudinewsnet")
    result = evaluate_marks(_gold_file(tmp_path, ("seeds", "saudinewsnet", "sample")))
    assert result["spans"] == 369
    assert result["accuracy"] >= 0.90 and result["macro_f1"] >= 0.83
    assert result["per_function"]["scare"]["p"] >= 0.95 and result["per_function"]["scare"]["r"] >= 0.75


def test_quality_gate_test_split(tmp_path):
    need_shared("data", "saudinewsnet")
    result = evaluate_marks(_gold_file(tmp_path, ("saudinewsnet",), "marks_test.labels.jsonl"))
    assert result["spans"] == 68
    assert result["accuracy"] >= 0.75
