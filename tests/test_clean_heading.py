"""Titles, datelines and credits: parsing cases and whole-page headers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import CleanStage, clean_page
from marsad.clean.heading import parse_author_field, parse_credit, parse_dateline
from marsad.document import Article


@pytest.mark.parametrize(
    "line, place, agency",
    [
        ("موسكو-سانا", "موسكو", "sana"),
        ("القاهرة - (أ ف ب) -", "القاهرة", "afp"),
        ("دمشق (سانا)", "دمشق", "sana"),
        ("الرياض - واس", "الرياض", "spa"),
        ("عمان - بترا", "عمان", "petra"),
        ("أبوظبي – وام", "أبوظبي", "wam"),
        ("ويلينغتون - (رويترز)", "ويلينغتون", "reuters"),
    ],
)
def test_standalone_dateline(line, place, agency):
    found = parse_dateline(line)
    assert (found.place, found.agency, found.text) == (place, agency, line)


def test_dateline_at_the_start_of_a_paragraph_keeps_the_text():
    found = parse_dateline("موسكو-سانا بحث وزير الخارجية مع نظيره الأوضاع في المنطقة.", standalone=False)
    assert (found.text, found.place, found.agency) == ("موسكو-سانا", "موسكو", "sana")
    assert found.rest.startswith("بحث وزير")
    result = clean_page("عنوان الخبر هنا عن لقاء الوزيرين\nموسكو-سانا بحث وزير الخارجية مع نظيره الأوضاع في المنطقة.")
    assert result.text.startswith("موسكو-سانا بحث")
    assert (result.place, result.agency) == ("موسكو", "sana")


@pytest.mark.parametrize(
    "line",
    [
        "لافروف: روسيا ومصر حريصتان على محاربة الإرهاب",
        "روسيا - أوكرانيا: جولة مفاوضات جديدة في إسطنبول الأسبوع المقبل",
        "أوباما من كينيا: «إفريقيا تسير قدماً»",
    ],
)
def test_headlines_are_not_datelines(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    "author, place, agency, credit",
    [
        ("الرياض - واس", "الرياض", "spa", None),
        ("لندن: رنيم حنوش", "لندن", None, "رنيم حنوش"),
        ("جدة (رويترز)", "جدة", "reuters", None),
        ("لندن: «الشرق الأوسط»", "لندن", None, "الشرق الأوسط"),
    ],
)
def test_author_field_holding_a_dateline(author, place, agency, credit):
    found = parse_author_field(author)
    assert (found.place, found.agency, found.credit) == (place, agency, credit)


@pytest.mark.parametrize(
    "line, is_credit",
    [
        ("المصدر: وكالات", True),
        ("المصدر: (وكالات)", True),
        ("مصدر الأخبار: الموقع + وكالات.", True),
        ("إعداد: قسم الأخبار الدولية", True),
        ("تحرير: ليلى الحوراني", True),
        ("كتب: أحمد عبد الرحمن", True),
        ("بقلم محمد الحسن", True),
        ("(تصوير: علي الشهري)", True),
        ("وكالات", True),
        ("تقرير: تحديات ديمغرافية تواجه اقتصادات الخليج", False),
        ("متابعة العمالة الوافدة", False),
        ("إعداد جيل متعلم يقود المستقبل", False),
        ("كتب الرئيس في تغريدة أن الحل قريب.", False),
        ("كتبت الوزارة على حسابها:", False),
    ],
)
def test_credit_lines(line, is_credit):
    assert (parse_credit(line, len(line.split())) is not None) is is_credit


def test_title_after_section_labels():
    page = "الشأن المحلي\n\nافتتاح مكتبة عامة جديدة في وسط العاصمة\n\nافتتحت الوزارة اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب."
    result = clean_page(page)
    assert result.title == "افتتاح مكتبة عامة جديدة في وسط العاصمة"
    assert result.removed[0].reason == "section"


def test_title_after_a_ticker():
    page = "\n".join(
        [
            "عاجل",
            "عاجل | ارتفاع أسعار الذهب في التعاملات المسائية",
            "عاجل | الأرصاد تتوقع أمطاراً غزيرة على السواحل غداً",
            "الحكومة توافق على قانون جديد لتنظيم النقل الذكي",
            "كتب: أحمد عبد الرحمن",
            "وافق مجلس الوزراء خلال اجتماعه الأسبوعي اليوم على مشروع قانون لتنظيم النقل الذكي.",
        ]
    )
    result = clean_page(page)
    assert result.title == "الحكومة توافق على قانون جديد لتنظيم النقل الذكي"
    assert result.credits == ["كتب: أحمد عبد الرحمن"]
    assert {r.reason for r in result.removed if r.line_no in (1, 2)} == {"ticker"}


def test_standfirst_after_the_title_stays():
    page = "\n".join(
        [
            "وزيرا خارجية البلدين يبحثان تنسيق الجهود",
            "تتواصل الاتصالات بين البلدين لإيجاد حل سياسي للأزمة، في ظل مبادرات جديدة أطلقت مؤخراً لإعادة اللاجئين",
            "إعداد: قسم الأخبار",
            "أكد الوزيران ضرورة تنسيق الجهود لإيجاد حلول سياسية.",
        ]
    )
    result = clean_page(page)
    assert result.title == "وزيرا خارجية البلدين يبحثان تنسيق الجهود"
    assert result.text.startswith("تتواصل الاتصالات")
    assert result.credits == ["إعداد: قسم الأخبار"]


def test_given_title_is_kept_and_its_repetition_removed():
    article = Article(
        id="a1",
        source="saudinewsnet",
        text="",
        raw_text="الأمانة تطلق حملة للنظافة\nأطلقت الأمانة اليوم حملة للنظافة في الأحياء الشرقية.\nوقال الأمين إن الحملة تستمر شهراً.",
        origin="test",
        title="الأمانة تطلق حملة للنظافة",
        author="الرياض - واس",
    )
    CleanStage()([article])
    assert article.title == "الأمانة تطلق حملة للنظافة"
    assert article.text.startswith("أطلقت الأمانة")
    assert (article.dateline, article.place, article.agency) == ("الرياض - واس", "الرياض", "spa")
    assert article.removed[0].reason == "title"
    assert article.meta["title_from"] == "input"


def test_given_title_does_not_remove_short_first_lines_of_clean_text():
    result = clean_page("مثل ياباني\nمن يتعلم يعش مرتين، ومن يتوقف يتقادم بسرعة كبيرة.", title="حكمة اليوم")
    assert result.text.startswith("مثل ياباني")


def test_nothing_is_deleted_and_stage_is_picklable():
    import pickle

    page = "الشريط الإخباري\nعنوان الخبر الرئيسي لهذا اليوم هنا\nموسكو-سانا\nنص الخبر الأول طويل بما يكفي ليكون فقرة كاملة.\nتابعونا على فيسبوك"
    result = clean_page(page)
    lines = [ln for ln in page.splitlines() if ln.strip()]
    assert len(result.removed) + len(result.text.split("\n\n")) == len(lines)
    pickle.loads(pickle.dumps(CleanStage()))


def test_reporter_name_closing_the_article_is_a_credit():
    page = "\n".join(
        [
            "افتتاح معرض للكتاب في المدينة القديمة",
            "افتتح في المدينة القديمة اليوم معرض للكتاب بمشاركة خمسين دار نشر.",
            "هيثم يحيى محمد",
            "تابعونا على فيسبوك",
        ]
    )
    result = clean_page(page)
    assert result.credits == ["هيثم يحيى محمد"]
    assert result.text == "افتتح في المدينة القديمة اليوم معرض للكتاب بمشاركة خمسين دار نشر."


def test_list_closing_the_article_stays_body():
    page = "\n".join(
        [
            "الحكومة تعلن أولوياتها للعام المقبل",
            "أعلنت الحكومة اليوم أولوياتها للعام المقبل.",
            "وتشمل الأولويات:",
            "تحسين الخدمات الصحية",
            "دعم التعليم الفني",
        ]
    )
    assert clean_page(page).text.count("\n\n") == 3


def test_question_headline_is_the_title():
    page = "أخبار محلية\nهل تنجح الخطة الجديدة في خفض أسعار الخبز؟\nأعلنت الحكومة اليوم خطة جديدة لخفض أسعار الخبز في الأسواق."
    assert clean_page(page).title == "هل تنجح الخطة الجديدة في خفض أسعار الخبز؟"


def test_dateline_with_reporter():
    found = parse_dateline("حلب-سانا/ رشا محمد")
    assert (found.place, found.agency, found.credit) == ("حلب", "sana", "رشا محمد")


def test_agency_from_a_source_credit():
    result = clean_page("علماء يطورون لقاحاً جديداً ضد الإنفلونزا\nأعلن معهد أبحاث أن علماءه طوروا لقاحاً جديداً.\nالمصدر: تاس")
    assert (result.agency, result.credits) == ("tass", ["المصدر: تاس"])


def test_sentence_broken_over_two_lines_is_one_paragraph():
    page = "\n".join(
        [
            "الوزيران يبحثان الملفات الإقليمية في لقاء موسع",
            "وذكر المتحدث الرسمي باسم الوزارة أنَّ",
            "الوزيرين أفردا جزءاً كبيراً من مباحثاتهما للملفات الإقليمية.",
            "تفاصيل اللقاء",
            "واستمر اللقاء ساعتين.",
        ]
    )
    result = clean_page(page)
    assert result.text.split("\n\n") == [
        "وذكر المتحدث الرسمي باسم الوزارة أنَّ الوزيرين أفردا جزءاً كبيراً من مباحثاتهما للملفات الإقليمية.",
        "تفاصيل اللقاء",
        "واستمر اللقاء ساعتين.",
    ]
    assert result.kept_lines()[1] == "وذكر المتحدث الرسمي باسم الوزارة أنَّ"  # the eval still scores page lines


def test_page_opening_with_running_text_has_no_title_stolen_from_the_body():
    result = clean_page("أعلنت الوزارة اليوم خطة جديدة لدعم المزارعين في المناطق الريفية.\nوقال الوزير إن الخطة تبدأ الشهر المقبل.")
    assert result.title is None
    assert result.text.count("\n\n") == 1


POOL = [
    "الشريط الإخباري",
    "عاجل",
    "الرئيسية > أخبار",
    "افتتاح جسر جديد فوق النهر في وسط المدينة",
    "دمشق-سانا",
    "افتتح المحافظ اليوم جسراً جديداً فوق النهر بطول 400 متر.",
    "وذكر المتحدث أنَّ",
    "تفاصيل المشروع",
    "وتحرر محضر بالواقعة.",
    "اقرأ أيضاً",
    "إقرأ أيضاً: البلدية تعلن خطة لتأهيل الحدائق",
    "المصدر: وكالات",
    "https://t.me/example",
    "تابعونا على فيسبوك",
    "© 2024 جميع الحقوق محفوظة",
    "   ",
]


@given(st.lists(st.sampled_from(POOL), max_size=14))
@settings(max_examples=150, deadline=None)
def test_every_line_is_kept_or_listed_as_removed(lines):
    page = "\n".join(lines)
    result = clean_page(page)
    removed = {(r.line_no, r.text) for r in result.removed}
    for no, line in enumerate(page.splitlines()):
        if line.strip():
            assert (no, line.strip()) in removed or line.strip() in result.text
    assert all(r.reason for r in result.removed)
    assert clean_page(page).text == result.text  # deterministic


@pytest.mark.parametrize("line, place, agency", [
    ("واس- الرياض:", "الرياض", "spa"),
    ("واس - الخبر:", "الخبر", "spa"),
    ("قنا - الدوحة:", "الدوحة", "qna"),
])
def test_agency_first_datelines(line, place, agency):
    found = parse_author_field(line)
    assert (found.place, found.agency) == (place, agency)
