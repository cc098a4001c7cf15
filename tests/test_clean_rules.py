"""Chrome rules line by line: what must go (with its reason) and look-alike article lines that stay."""

import pytest

from marsad.arabic.agencies import agency_of, country_of, find_agency
from marsad.arabic.normalize import normalize
from marsad.clean import clean_page
from marsad.clean.page import count_words
from marsad.clean.rules import chrome_reason, default_rules, is_timestamp, parse_rules


def reason(line: str) -> str | None:
    return chrome_reason(normalize(line), count_words(line))


@pytest.mark.parametrize(
    "line, expected",
    [
        ("تابعونا عبر تطبيق واتس أب :", "social"),
        ("تابعوا آخر الأخبار المحلية عبر قناتنا على تيلغرام", "social"),
        ("تابعونا على فيسبوك", "social"),
        ("اشترك في قناتنا على يوتيوب ليصلك كل جديد", "social"),
        ("انضموا إلى قناتنا على واتساب", "social"),
        ("حمّل تطبيق الموقع على هاتفك الذكي", "social"),
        ("شارك: فيسبوك | تويتر | واتساب", "share"),
        ("فيسبوك تويتر واتساب تيلغرام", "share"),
        ("انسخ الرابط", "share"),
        ("https://t.me/example_news", "url"),
        ("www.example-news.com", "url"),
        ("@example_news", "url"),
        ("0940777186", "contact"),
        ("هاتف: 011-4567890", "contact"),
        ("للإعلان في الموقع يرجى الاتصال على 0501234567", "contact"),
        ("editor@example-news.com", "contact"),
        ("يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك في التصفح", "cookie"),
        ("اقرأ أيضاً", "related"),
        ("إقرأ أيضاً: الوزير يفتتح مدرسة جديدة في الريف", "related"),
        ("مقالات ذات صلة", "related"),
        ("الأكثر قراءة", "related"),
        ("زر الذهاب إلى الأعلى", "navigation"),
        ("الرئيسية > أخبار > سياسة", "navigation"),
        ("الكلمات الدالة: الحكومة، الموازنة", "navigation"),
        ("#الانتخابات_البلدية", "navigation"),
        ("عاجل", "banner"),
        ("عاجــــــل", "banner"),
        ("© 2024 جميع الحقوق محفوظة", "copyright"),
        ("الشريط الإخباري", "section"),
        ("الثلاثاء 12 مارس 2024 - 10:30 ص", "timestamp"),
        ("2024/06/02", "timestamp"),
        ("منذ 3 ساعات", "timestamp"),
        ("* * *", "separator"),
        ("نرحب بتعليقاتكم ونرجو الالتزام بآداب الحوار، وتحتفظ إدارة الموقع بحق حذف أي تعليق مسيء", "navigation"),
    ],
)
def test_chrome_line_has_its_reason(line, expected):
    assert reason(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "وتابع الوزير خلال مؤتمر صحفي أن الحكومة ستواصل دعم المزارعين.",
        "وقالت الوزارة عبر صفحتها على فيسبوك إن المدارس ستفتح أبوابها الأحد المقبل.",
        "ويمكن للمواطنين التسجيل عبر الموقع الرسمي www.example.gov.sa حتى نهاية الشهر.",
        "ودعت الشركة المواطنين إلى الإبلاغ عن الأعطال على الرقم 2212345.",
        "وقالت غوغل إنها ستتخلى تدريجياً عن ملفات تعريف الارتباط في متصفحها خلال العام المقبل.",
        "ويعتبر هذا البرنامج منتهكاً لقواعد حقوق النشر لأنه يبث الأفلام مجاناً.",
        "اشترك أكثر من ألف عداء في ماراثون المدينة الذي أقيم صباح اليوم.",
        "عاجل الرئيس بالسفر إلى القاهرة لحضور القمة الطارئة التي دعت إليها الجامعة العربية.",
        "وتابعوا على الأرض كيف تنهار المنازل واحداً تلو الآخر، قال أحد السكان.",
        "المزيد من المعاناة",
        "شراكة استراتيجية",
    ],
)
def test_article_line_stays(line):
    assert reason(line) is None


def test_mid_body_teaser_goes_and_body_around_it_stays():
    page = "\n".join(
        [
            "الحكومة تقر خطة جديدة لدعم الصادرات الزراعية",
            "أقرت الحكومة اليوم خطة جديدة لدعم الصادرات الزراعية بقيمة مليار دولار.",
            "إقرأ أيضاً: وزير الزراعة يتفقد مزارع الحمضيات في الساحل",
            "وقال المتحدث باسم الحكومة إن الخطة تشمل حوافز للمصدرين الصغار.",
        ]
    )
    result = clean_page(page)
    assert result.title.startswith("الحكومة تقر")
    assert result.text.split("\n\n") == [
        "أقرت الحكومة اليوم خطة جديدة لدعم الصادرات الزراعية بقيمة مليار دولار.",
        "وقال المتحدث باسم الحكومة إن الخطة تشمل حوافز للمصدرين الصغار.",
    ]
    assert [(r.line_no, r.reason) for r in result.removed] == [(0, "title"), (2, "related")]


def test_related_block_takes_teasers_but_gives_back_body():
    page = "\n".join(
        [
            "افتتاح جسر جديد فوق النهر في وسط المدينة",
            "افتتح محافظ المدينة اليوم جسراً جديداً فوق النهر بطول 400 متر.",
            "اقرأ أيضاً",
            "المحافظ يزور مستشفى الأطفال ويطلع على احتياجاته",
            "البلدية تعلن خطة لتأهيل الحدائق العامة …",
            "وقال المحافظ إن الجسر سيخفف الازدحام في ساعات الذروة.",
        ]
    )
    result = clean_page(page)
    kept = result.text.split("\n\n")
    assert kept[-1].startswith("وقال المحافظ")
    assert {r.reason for r in result.removed if r.line_no in (3, 4)} == {"related"}


def test_short_paragraphs_and_sub_headings_stay():
    page = "\n".join(
        [
            "الأمن يضبط شبكة لتهريب الوقود على الحدود",
            "ضبطت الأجهزة الأمنية شبكة لتهريب الوقود على الحدود الشمالية بعد متابعة استمرت أشهراً.",
            "تفاصيل العملية",
            "وتحرر محضر بالواقعة.",
            "ولم يصدر تعليق رسمي.",
        ]
    )
    assert clean_page(page).text.count("\n\n") == 3


def test_standalone_embed_link_goes_but_sentence_with_link_stays():
    page = "\n".join(
        [
            "الاتحاد يعلن موعد انطلاق الدوري الجديد للموسم المقبل",
            "أعلن الاتحاد أن الدوري سينطلق الشهر المقبل بمشاركة 14 فريقاً.",
            "https://www.facebook.com/ExampleFA/posts/123",
            "ويمكن متابعة الجدول الكامل على موقع الاتحاد example-fa.org الذي حدّث اليوم.",
        ]
    )
    result = clean_page(page)
    assert "facebook.com" not in result.text
    assert "example-fa.org" in result.text


def test_rules_file_is_well_formed_and_every_rule_has_a_reason():
    rules = default_rules()
    assert len(rules) > 40
    assert all(r.reason and r.reason.isascii() for r in rules)


def test_bad_rule_names_the_line():
    with pytest.raises(ValueError, match="rules.tsv:2"):
        parse_rules("social\tline\t4\tتابعونا\nsocial\twhere\t4\tx", "rules.tsv")


@pytest.mark.parametrize("line, expected", [("الأحد 10 شوال 1436", True), ("10:30 ص", True), ("الرياض اليوم", False)])
def test_timestamps(line, expected):
    assert is_timestamp(normalize(line)) is expected


@pytest.mark.parametrize(
    "text, key",
    [
        ("سانا", "sana"),
        ("(أ ف ب)", "afp"),
        ("أ.ف.ب", "afp"),
        ("واس", "spa"),
        ("د ب أ", "dpa"),
        ("الأناضول", "aa"),
        ("رويترز", "reuters"),
        ("أ ش أ", "mena"),
        ("MENA", "mena"),
        ("بترا", "petra"),
        ("ومع", "map"),
        ("شينخوا", "xinhua"),
        ("أسوشيتد برس", "ap"),
        ("الوزارة", None),
    ],
)
def test_agency_names(text, key):
    assert agency_of(text) == key


def test_find_agency_in_text_and_strict_mode():
    assert find_agency("نقلاً عن وكالة رويترز للأنباء") == "reuters"
    assert find_agency("زار الوفد مدينة بترا الأثرية", strict=True) is None
    assert find_agency("إنسانا يعيش في المدينة") is None  # no agency inside a longer word
    assert country_of("sana") == "SY"


@pytest.mark.parametrize(
    "line",
    [
        "اشترك في الحملة أكثر من مئة متطوع من مختلف الخدمات الطبية",
        "سجل موقع الرصد ارتفاعاً في منسوب المياه",
        "سجل حساب الخزينة عجزاً للشهر الثالث",
        "لمتابعة الأوضاع على الأرض أرسلت الأمم المتحدة فريقاً إلى المنطقة عبر صفحات التقارير",
        "وقال: نشرنا الصور على صفحتنا على فيسبوك",
    ],
)
def test_narrative_verbs_that_look_like_calls_stay(line):
    assert reason(line) is None


@pytest.mark.parametrize(
    "line",
    ["اشترك في نشرتنا البريدية", "انضموا إلى قناتنا على تيلغرام", "لمتابعة آخر الأخبار اضغط هنا", "زوروا صفحتنا على فيسبوك"],
)
def test_calls_to_follow_go(line):
    assert reason(line) in ("social", "navigation")
