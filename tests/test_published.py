"""Publication-date inference: each kind of evidence, agreement checks, and never a guessed date."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.document import PUBLISHED_INFERRED, Article
from marsad.extract.published import PublishedStage, implied_weekdays, infer_published

BODY = (
    "أكد وزير الخارجية في مؤتمر صحفي عقده في العاصمة أن المحادثات مع الجانب الآخر تسير بشكل جيد، "
    "وأن الطرفين اتفقا على مواصلة التنسيق خلال المرحلة المقبلة."
)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def article(text=BODY, raw_text=None, url=None, dateline=None, published=None) -> Article:
    return Article(
        id="t", source="test", text=text, raw_text=raw_text if raw_text is not None else text,
        origin="test", url=url, dateline=dateline, published=published,
    )


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://news.example.com/politics/2015/10/27/lavrov-shoukry", "2015-10-27"),
        ("https://news.example.com/article/2017-08-21/moscow-talks", "2017-08-21"),
        ("https://news.example.com/a/20160310-talks.html", "2016-03-10"),
        ("https://news.example.com/politics/2015/10/", None),  # a month is not a day
        ("https://news.example.com/story/130027683735853", None),  # an id, not a date
        ("https://news.example.com/2015/13/45/x", None),  # impossible date
    ],
)
def test_url(url, expected):
    value, how = infer_published(article(url=url))
    assert value == expected
    if expected:
        assert how == "url"


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("الثلاثاء 27 أكتوبر 2015 - 10:30", "2015-10-27"),
        ("نشر في: 27/10/2015", "2015-10-27"),
        ("آخر تحديث: 2016-03-10 14:05 GMT", "2016-03-10"),
        ("الخميس 10 آذار 2016", "2016-03-10"),
    ],
)
def test_text_stamp(stamp, expected):
    raw = f"عنوان الخبر\n{stamp}\n{BODY}"
    value, how = infer_published(article(raw_text=raw))
    assert (value, how) == (expected, "text-stamp")


def test_a_date_inside_a_sentence_is_not_a_stamp():
    raw = "عنوان الخبر\nوقع البلدان اتفاقية للتعاون الاقتصادي في 27 أكتوبر 2015 بعد مفاوضات استمرت عامين كاملين بين الوفدين\n" + BODY
    assert infer_published(article(text=BODY, raw_text=raw))[0] is None


def test_dateline_in_the_opening_words():
    text = "موسكو - 21 أغسطس 2017 (سانا) - " + BODY
    assert infer_published(article(text=text, raw_text=text)) == ("2017-08-21", "dateline")


def test_dateline_field():
    assert infer_published(article(dateline="الرياض 10/3/2016 - واس")) == ("2016-03-10", "dateline")


def test_weekday_pinned_to_a_full_date():
    text = BODY + " وكان الوزيران قد أجريا أمس الخميس 26 أكتوبر 2017 اتصالا هاتفيا."
    assert infer_published(article(text=text, raw_text=text)) == ("2017-10-27", "weekday-agreement")


def test_weekday_that_disagrees_with_the_date_gives_nothing():
    # 27 October 2015 was a Tuesday, not a Thursday
    text = BODY + " وكان الوزيران قد أجريا أمس الخميس 27 أكتوبر 2015 اتصالا هاتفيا."
    value, how = infer_published(article(text=text, raw_text=text))
    assert value is None and "Friday" in how


def test_weekday_alone_is_reported_not_turned_into_a_date():
    text = BODY + " وأصدرت الوزارة بيانا اليوم الجمعة، وقالت إن الوزيرين أجريا أمس الخميس اتصالا."
    assert implied_weekdays(text) == {4}
    assert infer_published(article(text=text, raw_text=text)) == (None, "unknown: only the weekday (Friday) is known")


def test_conflicting_weekdays():
    text = BODY + " وقال اليوم الجمعة إن الوفد وصل أمس الاثنين."
    assert infer_published(article(text=text, raw_text=text)) == (None, "unknown: the text's weekdays disagree")


def test_stamp_that_disagrees_with_the_text_weekday_is_flagged():
    raw = "الثلاثاء 27 أكتوبر 2015\n" + BODY + " وقال الوزير اليوم الجمعة إن الحوار مستمر."
    value, how = infer_published(article(text=BODY, raw_text=raw))
    # the stamp is kept (it is the stronger evidence) but the text's weekday is recorded
    assert (value, how) == ("2015-10-27", "text-stamp")  # the clean text has no weekday here
    value, how = infer_published(article(text=raw, raw_text=raw))
    assert value == "2015-10-27" and "Friday" in how


def test_no_evidence():
    assert infer_published(article()) == (None, "unknown: no date evidence")


def test_stage_sets_inferred_fields_and_leaves_given_dates_alone():
    inferred = article(url="https://news.example.com/2015/10/27/talks")
    given = article(url="https://news.example.com/2015/10/27/talks", published="2015-10-28")
    unknown = article()
    PublishedStage()([inferred, given, unknown])
    assert (inferred.published, inferred.published_how, inferred.published_detail) == (
        "2015-10-27", PUBLISHED_INFERRED, "url",
    )
    assert (given.published, given.published_how) == ("2015-10-28", None)
    assert unknown.published is None and unknown.meta["published_unknown"].startswith("unknown")


@pytest.mark.parametrize("name, weekday", [("003_3f32d54dcdfdb325.txt", "Friday"), ("004_d840a8d400466009.txt", "Monday")])
def test_undated_seeds_stay_unknown(name, weekday):
    """Seeds 003/004 say «اليوم الجمعة»/«اليوم الاثنين» but give no date: the weekday is all we know."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {path} not available (../shared absent)")
    text = path.read_text(encoding="utf-8")
    value, how = infer_published(article(text=text, raw_text=text))
    assert value is None and weekday in how


def test_event_date_in_the_first_sentence_is_not_a_dateline():
    text = "وقع الرئيس في 5 أكتوبر 2014 مرسوما بتعيين الحكومة الجديدة، بحسب ما أعلنت الرئاسة في بيان رسمي مطول."
    assert infer_published(article(text=text, raw_text=text))[0] is None


def test_short_dated_line_inside_the_body_is_not_a_stamp():
    raw = "عنوان الخبر\n" + BODY + "\nالاثنين 26 أكتوبر 2015\n" + BODY
    assert infer_published(article(text=BODY, raw_text=raw))[0] is None


def test_labelled_stamp_at_the_end_of_the_page():
    raw = "عنوان الخبر\n" + BODY + "\nتاريخ النشر: 26/10/2015\nجميع الحقوق محفوظة"
    assert infer_published(article(text=BODY, raw_text=raw)) == ("2015-10-26", "text-stamp")


def test_hijri_date_pinned_by_its_weekday():
    # tabular 9/10/1436 is Sunday 26 July 2015; the paper (Umm al-Qura) printed it on Saturday 25 July
    text = BODY + " وأعلنت الوزارة أن القرار يسري اعتبارا من اليوم السبت 9/10/1436هـ في جميع المناطق."
    assert infer_published(article(text=text, raw_text=text)) == ("2015-07-25", "weekday-agreement")
