"""Quote extraction on hand-written Arabic sentences (invented, in wire-copy style), one per construction."""

from __future__ import annotations

import pytest

from marsad.arabic.cue_verbs import lookup
from marsad.arabic.normalize import normalize
from marsad.document import Article
from marsad.extract.quotes import QuotesStage, extract_quotes


def article(text: str) -> Article:
    return Article(id="t", source="test", text=text, raw_text=text, origin="test")


def quotes_of(text: str):
    a = article(text)
    return a, extract_quotes(a)


def content(a: Article, q) -> str:
    return a.text[q.content_start : q.content_end]


@pytest.mark.parametrize("word, lemma, stance, form", [
    ("قال", "قال", "neutral", "past"),
    ("وأكدت", "اكد", "emphatic", "past"),
    ("أكدوا", "اكد", "emphatic", "past"),
    ("فأوضحا", "اوضح", "neutral", "past"),
    ("يؤكد", "اكد", "emphatic", "present"),
    ("تقول", "قال", "neutral", "present"),
    ("مشيرا", "اشار", "neutral", "participle"),
    ("مؤكدة", "اكد", "emphatic", "participle"),
    ("نفت", "نفي", "denial", "past"),
    ("زعم", "زعم", "claim", "past"),
    ("دعوا", "دعا", "emphatic", "past"),
    ("قوله", "قال", "neutral", "noun"),
])
def test_cue_forms(word, lemma, stance, form):
    cue = lookup(normalize(word))
    assert cue is not None and (cue.lemma, cue.stance, cue.form) == (lemma, stance, form)


@pytest.mark.parametrize("word", ["بين", "مقر", "تابعوا", "مجددا", "اقرأ", "يذكر"])
def test_ambiguous_words_are_not_cues(word):
    assert lookup(normalize(word)) is None


def test_reported_speech_after_complementiser():
    a, qs = quotes_of("أكد وزير المالية السوداني عادل الطيب أن الحكومة ستخفض العجز في الموازنة العامة.")
    assert len(qs) == 1
    q = qs[0]
    assert (q.kind, q.cue, q.stance) == ("reported", "أكد", "emphatic")
    assert content(a, q) == "الحكومة ستخفض العجز في الموازنة العامة"
    assert q.speaker == "عادل الطيب" and not q.speaker_inferred


def test_direct_quote_inside_marks():
    a, qs = quotes_of('وقال وزير النقل خالد العمري: "سنواصل العمل على تطوير المشروع خلال العام المقبل".')
    assert [(q.kind, content(a, q)) for q in qs] == [("direct", "سنواصل العمل على تطوير المشروع خلال العام المقبل")]
    assert qs[0].speaker == "خالد العمري"


@pytest.mark.parametrize("marks", [("«", "»"), ("“", "”"), ("”", "”"), ("„", "“")])
def test_every_kind_of_quotation_mark(marks):
    o, c = marks
    a, qs = quotes_of(f"وقالت الوزيرة هدى الشامي {o}لن نقبل بأي تأخير في تسليم المساكن{c}.")
    assert [content(a, q) for q in qs] == ["لن نقبل بأي تأخير في تسليم المساكن"]


def test_unclosed_mark_runs_to_paragraph_end():
    a, qs = quotes_of("وقال المدير سامر الحلبي: «الخطة جاهزة وسنبدأ التنفيذ الأسبوع المقبل\n\nوافتتح المعرض أمس.")
    assert [content(a, q) for q in qs] == ["الخطة جاهزة وسنبدأ التنفيذ الأسبوع المقبل"]


def test_colon_without_marks_is_direct():
    a, qs = quotes_of("وتابع وزير الزراعة فهد الدوسري: نحن ملتزمون بتنفيذ الخطة كاملة.")
    assert [(q.kind, content(a, q)) for q in qs] == [("direct", "نحن ملتزمون بتنفيذ الخطة كاملة")]


def test_continuation_inherits_the_speaker():
    a, qs = quotes_of("قال رئيس البلدية سمير الحداد إن الأعمال ستنتهي قريبا.\n\nوأضاف أن الطرق الجديدة ستفتح الشهر المقبل.")
    assert [q.speaker for q in qs] == ["سمير الحداد", "سمير الحداد"]
    assert [q.speaker_inferred for q in qs] == [False, True]
    assert content(a, qs[1]) == "الطرق الجديدة ستفتح الشهر المقبل"


def test_ardafa_qaailan_continuation():
    text = 'أكد المدرب رامي العلي أن الفريق جاهز. وأردف قائلا: "سنلعب من أجل الفوز في كل مباراة".'
    a, qs = quotes_of(text)
    assert [q.kind for q in qs] == ["reported", "direct"]
    assert qs[1].speaker == "رامي العلي" and qs[1].speaker_inferred


def test_participle_is_a_quote_of_its_own():
    text = ("وأعلن المتحدث باسم الجيش العقيد يوسف المالكي أن القوات استعادت السيطرة على الطريق، "
            "مشيرا إلى أن العمليات مستمرة في المنطقة.")
    a, qs = quotes_of(text)
    assert [content(a, q) for q in qs] == ["القوات استعادت السيطرة على الطريق", "العمليات مستمرة في المنطقة"]
    assert qs[1].cue == "مشيرا" and qs[1].speaker == qs[0].speaker


def test_min_janibihi_with_a_name():
    text = ("وقال وزير الاقتصاد فهد السالم إن المحادثات كانت مثمرة.\n\n"
            "من جانبه أوضح وزير التجارة ناصر الخطيب أن البلدين يعملان على اتفاق جديد.")
    a, qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["فهد السالم", "ناصر الخطيب"]


def test_organisation_as_speaker():
    a, qs = quotes_of("وذكرت وزارة الصحة المغربية في بيان أصدرته اليوم أن عدد الإصابات تراجع هذا الأسبوع.")
    assert len(qs) == 1 and qs[0].speaker == "وزارة الصحة المغربية"
    assert content(a, qs[0]) == "عدد الإصابات تراجع هذا الأسبوع"


def test_role_description_resolved_to_the_person():
    text = ("أكد وزير الخارجية الإيطالي ماركو روسي أن بلاده تدعم الحوار.\n\n"
            "ولفت وزير الخارجية الإيطالي إلى أن روما ستستضيف اللقاء المقبل.")
    a, qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["ماركو روسي", "ماركو روسي"]


def test_anaphoric_title_resolved():
    text = ("قال وزير الطاقة سعيد البدري إن الإنتاج سيرتفع.\n\n"
            "وتابع الوزير خلال مؤتمر صحفي أن الأسعار ستبقى مستقرة.")
    a, qs = quotes_of(text)
    assert qs[1].speaker == "سعيد البدري"


def test_unresolvable_speaker_stays_a_description():
    a, qs = quotes_of("وقال مسؤول حكومي كبير إن القرار سيصدر خلال أيام.")
    assert qs[0].speaker == "مسؤول حكومي كبير"


@pytest.mark.parametrize("text", [
    "وتحدث التقرير عن “المعارضة” في المدينة وعن “الإصلاح” المنتظر.",
    "وانتقد الكاتب ما وصفه بـ«الإصلاح» في قطاع التعليم.",
    "وبحث الوزير مع نظيره سبل تعزيز التعاون بين البلدين.",
    "الحداد: الأعمال ستنتهي قريبا",
    "ويذكر أن المشروع بدأ عام 2010 في العاصمة.",
    "وتجدر الإشارة إلى أن الطريق افتتح العام الماضي.",
])
def test_not_quotes(text):
    assert quotes_of(text)[1] == []


def test_nested_quote_by_a_different_speaker():
    text = ('وقال المحلل سعيد الأحمد إن "الرئيس جون ميلر قال إن بلاده لن تتراجع عن قرارها"، '
            "مضيفا أن الأزمة ستطول.")
    a, qs = quotes_of(text)
    speakers = [q.speaker for q in qs]
    assert "سعيد الأحمد" in speakers and "جون ميلر" in speakers
    nested = next(q for q in qs if q.speaker == "جون ميلر")
    assert content(a, nested).startswith("بلاده لن تتراجع")


def test_backward_attribution():
    a, qs = quotes_of("وارتفعت أسعار النفط بنسبة اثنين في المئة أمس، بحسب ما ذكرت وكالة رويترز.")
    assert len(qs) == 1 and qs[0].kind == "reported"
    assert content(a, qs[0]).endswith("اثنين في المئة أمس") and "رويترز" in qs[0].speaker


@pytest.mark.parametrize("text, expected", [
    ("وشدد الوزير سالم الكعبي على ضرورة حماية المستهلك.", "ضرورة حماية المستهلك"),
    ("ودعا الوزير سالم الكعبي إلى وقف الهدر في المياه.", "وقف الهدر في المياه"),
    ("وحذر الوزير سالم الكعبي من مخاطر التضخم.", "مخاطر التضخم"),
    ("وأكد الوزير سالم الكعبي أهمية التعاون الإقليمي.", "أهمية التعاون الإقليمي"),
])
def test_noun_and_prepositional_complements(text, expected):
    a, qs = quotes_of(text)
    assert [content(a, q) for q in qs] == [expected]


@pytest.mark.parametrize("text, speaker, start", [
    ("وجاء في بيان لوزارة الصحة الأردنية أن الحملة ستستمر أسبوعين.", "وزارة الصحة الأردنية", "الحملة"),
    ("وأوضح مدير المكتب نقلا عن الوزير حسن العبادي أن القرار نهائي.", "حسن العبادي", "القرار"),
    ("أغلقت البلدية المطعم المخالف أمس. ذكر ذلك رئيس البلدية المهندس عصام الزامل في تصريح صحفي.",
     "عصام الزامل", "أغلقت"),
    ("أكد المدرب الإيطالي ماريو بيانكي الذي يقود الفريق أن اللاعبين جاهزون.", "ماريو بيانكي", "اللاعبين"),
])
def test_relayed_and_document_sources(text, speaker, start):
    a, qs = quotes_of(text)
    assert len(qs) == 1 and speaker in qs[0].speaker and content(a, qs[0]).startswith(start)


def test_stance_classes():
    a, qs = quotes_of("ونفت الشركة الوطنية أن تكون قد رفعت الأسعار. وزعم المتحدث أن الخسائر محدودة.")
    assert [q.stance for q in qs] == ["denial", "claim"]


def test_present_tense_cue():
    a, qs = quotes_of("ويقول الخبراء إن الاقتصاد سيتعافى ببطء خلال العام المقبل.")
    assert len(qs) == 1 and content(a, qs[0]).startswith("الاقتصاد سيتعافى")


def test_span_never_crosses_a_paragraph_break():
    a, qs = quotes_of("قال المدير إن المشروع يسير وفق الخطة\n\nوافتتح المعرض أمس.")
    assert [content(a, q) for q in qs] == ["المشروع يسير وفق الخطة"]


def test_stage_fills_articles_and_records_problems():
    good = article("قال المدير كريم سالم إن العمل انتهى.")
    broken = article("قال")
    out = QuotesStage()([good, broken])
    assert len(out[0].quotes) == 1 and out[1].quotes == []
