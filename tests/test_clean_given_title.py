"""A title the input gave (a folder manifest, SaudiNewsNet): the page's own header around its repetition
of the headline is still read, as when no title is given. Pages written for these tests, each line
labelled as in the clean gold (T title, B body, D dateline, C credit, X boilerplate)."""

import json
from pathlib import Path

import pytest

import marsad
from marsad.clean import CleanStage, clean_page
from marsad.clean.heading import parse_place_credit
from marsad.document import Article

SAMPLE = Path(marsad.__file__).parent / "sample" / "corpus"

# Site name, section label, ticker label, headline, «city - site» dateline, body.
MAGHREB_PAGE = [
    ("صوت الأطلس نت", "X"),
    ("اقتصاد", "X"),
    ("آخر الأخبار", "X"),
    ("المغرب يطلق “مخطط الماء 2030” لمواجهة الجفاف في الجهات الجنوبية", "T"),
    ("الرباط - صوت الأطلس", "D"),
    ("أطلقت الحكومة المغربية، يوم الاثنين، مخططا وطنيا جديدا لتدبير الموارد المائية يمتد إلى سنة 2030، "
     "ويهدف إلى تأمين مياه الشرب في الجهات الجنوبية التي تعاني من توالي سنوات الجفاف.", "B"),
    ("وقال وزير التجهيز والماء إن المخطط يتضمن إنشاء ثلاث محطات لتحلية مياه البحر وربط السدود الكبرى "
     "بشبكة قنوات جديدة.", "B"),
    ("تابعونا على فيسبوك", "X"),
]
# The manifest writes straight quotes where the page has “”, and drops nothing else.
MAGHREB_TITLE = 'المغرب يطلق "مخطط الماء 2030" لمواجهة الجفاف في الجهات الجنوبية'

GULF_PAGE = [
    ("الخليج اليوم", "X"),
    ("الرئيسية / محليات", "X"),
    ("بلدية المدينة تنهي صيانة 40 حديقة عامة قبل موسم الصيف", "T"),
    ("جدة - «الخليج اليوم»", "D"),
    ("أنهت بلدية المدينة أعمال الصيانة الدورية في أربعين حديقة عامة، شملت تجديد الإنارة وزراعة الأشجار "
     "وتأهيل ممرات المشاة، استعدادا لموسم الصيف.", "B"),
]

LONDON_PAGE = [
    ("عاجل", "X"),
    ("الحكومة البريطانية تعلن خطة جديدة لاستقبال اللاجئين", "T"),
    ("لندن: هدى الربيعي", "D"),
    ("الخطة تشمل السكن والتعليم وفرص العمل للقادمين الجدد", "B"),
    ("أعلنت الحكومة البريطانية اليوم خطة جديدة لاستقبال اللاجئين القادمين من مناطق النزاع، تتضمن برامج "
     "للإسكان والتعليم والتدريب المهني.", "B"),
    ("وقال وزير الداخلية إن الخطة تبدأ مطلع الشهر المقبل.", "B"),
]


def _page(lines):
    return "\n\n".join(text for text, _ in lines)


def _check_labels(result, lines):
    got = {ln.text: ln.label for ln in result.layout.lines}
    labels = {"T": ("title", "boilerplate"), "B": ("body",), "D": ("dateline",), "C": ("credit",), "X": ("boilerplate",)}
    for text, want in lines:
        assert got[text] in labels[want], (text, got[text])


@pytest.mark.parametrize("given", [None, MAGHREB_TITLE])
def test_site_section_headline_and_dateline_are_header_with_or_without_a_title(given):
    result = clean_page(_page(MAGHREB_PAGE), title=given)
    _check_labels(result, MAGHREB_PAGE)
    assert result.text.startswith("أطلقت الحكومة المغربية")
    assert (result.dateline, result.place) == ("الرباط - صوت الأطلس", "الرباط")
    assert "صوت الأطلس" in result.credits  # the site, named above the headline, is the outlet side
    assert result.title == (given or MAGHREB_PAGE[3][0])
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["صوت الأطلس نت"] == "section" and reasons[MAGHREB_PAGE[3][0]] == "title"


def test_given_title_quoted_outlet_dateline():
    result = clean_page(_page(GULF_PAGE), title="بلدية المدينة تنهي صيانة 40 حديقة عامة قبل موسم الصيف")
    _check_labels(result, GULF_PAGE)
    assert (result.place, result.credits) == ("جدة", ["الخليج اليوم"])


def test_given_title_absent_from_the_page_header_still_read():
    """The manifest's title is not on the page (the site rewrote its headline): header detection runs
    as without a title, the given title is kept."""
    given = "خطة مائية مغربية جديدة حتى 2030"
    result = clean_page(_page(MAGHREB_PAGE), title=given)
    assert result.title == given
    assert result.text.startswith("أطلقت الحكومة المغربية")
    assert result.place == "الرباط"


def test_given_title_absent_and_clean_text_keeps_its_first_lines():
    """Clean text (no site around it) whose first lines are a second headline and a byline keeps them."""
    page = "\n".join([
        "تعتيم على تشكيلة الفريق قبل المباراة الحاسمة",
        "خالد المطيري - جدة",
        "أغلق مدرب الفريق الأول أبواب التدريب أمام الجماهير ووسائل الإعلام مساء أمس، استعدادا للقاء الحاسم.",
    ])
    result = clean_page(page, title="المدرب يعد الجماهير بمفاجأة")
    assert result.text.startswith("تعتيم على تشكيلة الفريق")


@pytest.mark.parametrize("given", [None, LONDON_PAGE[1][0]])
def test_place_colon_reporter_dateline_under_the_headline(given):
    result = clean_page(_page(LONDON_PAGE), title=given)
    _check_labels(result, LONDON_PAGE)
    assert (result.dateline, result.place) == ("لندن: هدى الربيعي", "لندن")
    assert "هدى الربيعي" in result.credits
    assert result.title == LONDON_PAGE[1][0]


@pytest.mark.parametrize(
    "line",
    ["الوزير: لن نتراجع عن الإصلاحات", "بوتين: مستعدون للحوار", "المتحدث: «سنرد»", "الرئيس: هل من جديد؟"],
)
def test_headline_statements_are_not_place_credits(line):
    assert parse_place_credit(line) is None


def test_short_statement_headline_stays_the_title():
    page = "أخبار\n\nالصاوي: ندعم الحل السياسي\n\nأكد وزير الخارجية أيمن الصاوي اليوم دعم بلاده للحل السياسي في المنطقة."
    result = clean_page(page)
    assert result.title == "الصاوي: ندعم الحل السياسي" and result.place is None


def test_saudinewsnet_style_clean_text_and_author_dateline_unchanged():
    article = Article(
        id="s1", source="saudinewsnet", text="", origin="test",
        raw_text="أطلقت الأمانة اليوم حملة للنظافة في الأحياء الشرقية.\nوقال الأمين إن الحملة تستمر شهراً.",
        title="الأمانة تطلق حملة للنظافة", author="لندن: هدى الربيعي",
    )
    CleanStage()([article])
    assert article.text.startswith("أطلقت الأمانة") and not article.removed
    assert (article.place, article.credits) == ("لندن", ["هدى الربيعي"])


def test_sample_corpus_ingested_without_page_headers(tmp_path):
    """End to end: the bundled sample corpus (titles from meta.jsonl) ingested into an archive."""
    archive = marsad.open(tmp_path / "archive")
    try:
        archive.ingest([SAMPLE], archive_stages=())
        rows = archive.store.query(
            "SELECT a.title, a.place, a.dateline, t.text FROM articles a JOIN texts t ON t.hash = a.text_hash"
        )
    finally:
        archive.close()
    titles = {json.loads(x)["title"] for d in SAMPLE.iterdir() for x in (d / "meta.jsonl").read_text().splitlines()}
    assert len(rows) == 44
    for row in rows:
        first = row["text"].split("\n\n")[0]
        assert row["title"] in titles
        assert not first.startswith(row["title"][:25]), row["title"]
        assert len(first.split()) > 3, first  # a section label («الشأن السوري», «لبنان») is not the text
    with_place = sum(1 for row in rows if row["place"])
    assert with_place >= 0.6 * len(rows), with_place
