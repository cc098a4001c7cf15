"""Date grammar: one hand-written sentence per construction, with its span and normalised value.

Publication date for anchored cases: Tuesday 27 October 2015.
"""

from __future__ import annotations

import time

import pytest

from marsad.document import Article
from marsad.extract.dates import DatesStage, find_dates

PUB = "2015-10-27"  # a Tuesday

# (sentence, expected span text, value, end_value, granularity, anchor)
CASES = [
    # paired and plain month names, three naming systems
    ("وصل الوفد الثلاثاء 27 أكتوبر/تشرين الأول 2015 إلى موسكو.", "الثلاثاء 27 أكتوبر/تشرين الأول 2015", "2015-10-27", None, "day", "absolute"),
    ("عقد الاجتماع في 27 أكتوبر 2015 بحضور الوزراء.", "27 أكتوبر 2015", "2015-10-27", None, "day", "absolute"),
    ("تراجعت الصادرات في أكتوبر 2015 بنسبة طفيفة.", "أكتوبر 2015", "2015-10", None, "month", "absolute"),
    ("أجريت الانتخابات في 3 حزيران 2014 وسط إقبال ضعيف.", "3 حزيران 2014", "2014-06-03", None, "day", "absolute"),
    ("وقع الاتفاق في 12 كانون الثاني 2016 في بيروت.", "12 كانون الثاني 2016", "2016-01-12", None, "day", "absolute"),
    ("أعلنت الحكومة في 5 جويلية 2019 عن الإجراءات.", "5 جويلية 2019", "2019-07-05", None, "day", "absolute"),
    ("انطلقت الدورة في 14 فيفري 2020 بالعاصمة.", "14 فيفري 2020", "2020-02-14", None, "day", "absolute"),
    ("افتتح المعرض في 9 يونيه 2013 بالقاهرة.", "9 يونيه 2013", "2013-06-09", None, "day", "absolute"),
    ("بدأ البرنامج في اغسطس 2012 بدعم أوروبي.", "اغسطس 2012", "2012-08", None, "month", "absolute"),
    ("نشر التقرير في شباط/فبراير 2017 وأثار جدلا.", "شباط/فبراير 2017", "2017-02", None, "month", "absolute"),
    ("التقى الوزيران في الخامس من يونيو 2018 في عمان.", "الخامس من يونيو 2018", "2018-06-05", None, "day", "absolute"),
    ("تعقد القمة من 13 وحتى 15 تشرين الثاني 2016 في الدوحة.", "من 13 وحتى 15 تشرين الثاني 2016", "2016-11-13", "2016-11-15", "range", "absolute"),
    ("ارتفعت الأسعار بين يناير ومارس الماضيين.", "بين يناير ومارس", "2015-01", "2015-03", "range", "published"),
    # year forms
    ("وقعت الدولتان اتفاق الشراكة المبرم عام 2018 في موسكو.", "عام 2018", "2018", None, "year", "absolute"),
    ("تأسست الشركة في 2015 برأسمال محدود.", "2015", "2015", None, "year", "absolute"),
    ("بنيت المدرسة في العام 1952 على تلة القرية.", "العام 1952", "1952", None, "year", "absolute"),
    ("شهدت البلاد اضطرابات بين 1936 - 1939 في الأرياف.", "1936 - 1939", "1936", "1939", "range", "absolute"),
    ("حصل الحي على 2000 دولار من البلدية.", None, None, None, None, None),
    ("يحمل القرار رقم 1594 توقيع الوزير.", None, None, None, None, None),
    # numeric
    ("صدر القرار بتاريخ 27/10/2015 عن مجلس الوزراء.", "بتاريخ 27/10/2015", "2015-10-27", None, "day", "absolute"),
    ("أعلنت النتائج يوم ٢٧-١٠-٢٠١٥ في مؤتمر صحفي.", "يوم ٢٧-١٠-٢٠١٥", "2015-10-27", None, "day", "absolute"),
    ("حُدّث الموقع في 2015-10-27 صباحا.", "2015-10-27", "2015-10-27", None, "day", "absolute"),
    ("وثيقة بلدية ( 15 / 1 / 1959 ) محفوظة في الأرشيف.", "15 / 1 / 1959", "1959-01-15", None, "day", "absolute"),
    ("محضر الجلسة بتاريخ ( 15 / 1 / 1959 ) في الأرشيف.", "بتاريخ ( 15 / 1 / 1959 )", "1959-01-15", None, "day", "absolute"),
    # Hijri
    ("يبدأ الصيام في 15 رمضان 1436 هـ حسب التقويم.", "15 رمضان 1436 هـ", "2015-07-02", None, "day", "absolute"),
    ("صدر الكتاب سنة 1436هـ عن دار النشر.", "سنة 1436هـ", "2014-10-25", "2015-10-14", "range", "absolute"),
    ("تقام الاحتفالات في الأول من محرم 1437 هـ في المساجد.", "الأول من محرم 1437 هـ", "2015-10-15", None, "day", "absolute"),
    ("وصل الحجاج في ذي الحجة 1436 إلى مكة.", "ذي الحجة 1436", "2015-09-15", "2015-10-14", "range", "absolute"),
    ("التقى رمضان عبد الله بأعضاء المجلس.", None, None, None, None, None),
    # weekdays
    ("قال الوزير يوم الجمعة إن المفاوضات مستمرة.", "يوم الجمعة", "2015-10-23", None, "day", "published"),
    ("وكان الرئيس قد استقبل الجمعة الماضي وفدا برلمانيا.", "الجمعة الماضي", "2015-10-23", None, "day", "published"),
    ("تعقد الجولة المقبلة يوم الجمعة القادم في جنيف.", "يوم الجمعة القادم", "2015-10-30", None, "day", "published"),
    ("قال الوزير الثلاثاء إن الحوار سيستأنف.", "الثلاثاء", "2015-10-27", None, "day", "published"),
    ("قال الوزير الخميس إن الحوار متعثر.", "الخميس", "2015-10-22", None, "day", "published"),
    ("ومن المقرر أن يلتقي الوزيران الخميس في جنيف.", "الخميس", "2015-10-29", None, "day", "published"),
    ("اختتم مهرجان سوق الجمعة أعماله.", None, None, None, None, None),
    # relative days
    ("التقى الوزير اليوم نظيره المصري.", "اليوم", "2015-10-27", None, "day", "published"),
    ("وكان الوزير قد صرح أمس بأن الاتفاق قريب.", "أمس", "2015-10-26", None, "day", "published"),
    ("أجرى الوزيران أمس الاثنين اتصالا هاتفيا.", "أمس الاثنين", "2015-10-26", None, "day", "published"),
    ("وصل الوفد أمس الأول إلى العاصمة.", "أمس الأول", "2015-10-25", None, "day", "published"),
    ("يصل المبعوث غداً إلى دمشق.", "غداً", "2015-10-28", None, "day", "published"),
    ("ذكرت قناة روسيا اليوم أن الزيارة تأجلت.", None, None, None, None, None),
    ("يعقد المجلس جلسته مساء اليوم في مقره.", "مساء اليوم", "2015-10-27", None, "time", "published"),
    # named periods
    ("زار الرئيس المنطقة الأسبوع الماضي برفقة وزرائه.", "الأسبوع الماضي", "2015-10-17", "2015-10-23", "week", "published"),
    ("تنطلق الحملة الأسبوع المقبل في المحافظات.", "الأسبوع المقبل", "2015-10-31", "2015-11-06", "week", "published"),
    ("تنتهي المهلة الشهر المقبل وفق البيان.", "الشهر المقبل", "2015-11", None, "month", "published"),
    ("يعقد المؤتمر مطلع الشهر المقبل في الرياض.", "مطلع الشهر المقبل", "2015-11-01", "2015-11-10", "range", "published"),
    ("يصل الوفد أواخر هذا الشهر إلى القاهرة.", "أواخر هذا الشهر", "2015-10-21", "2015-10-31", "range", "published"),
    ("تراجع النمو العام الماضي إلى أدنى مستوياته.", "العام الماضي", "2014", None, "year", "published"),
    ("أعلن الأمين العام للأمم المتحدة خطته.", None, None, None, None, None),
    ("تحسن الاقتصاد خلال هذا العام بشكل ملحوظ.", "خلال هذا العام", "2015", None, "year", "published"),
    ("يستعد الفريق لموسم مزدحم في أوائل عام 2016 بحسب المدرب.", "أوائل عام 2016", "2016-01", "2016-03", "range", "absolute"),
    # ago / in
    ("غادر السفير البلاد قبل يومين دون إعلان.", "قبل يومين", "2015-10-25", None, "day", "published"),
    ("يعتصم العمال منذ ثلاثة أيام أمام الوزارة.", "منذ ثلاثة أيام", "2015-10-24", None, "day", "published"),
    ("يعود الوزير بعد أسبوع إلى جنيف.", "بعد أسبوع", "2015-11-03", None, "day", "published"),
    ("انتقل إلى المدينة قبل عشرين عاما مع أسرته.", "قبل عشرين عاما", "1995", None, "year", "published"),
    ("تضاعفت الإصابات خلال الأيام الخمسة الماضية في المدينة.", "خلال الأيام الخمسة الماضية", "2015-10-22", "2015-10-26", "range", "published"),
    ("بعد عقد اجتماع مطول أعلن الطرفان الاتفاق.", None, None, None, None, None),
    # times, eras, decades
    ("تبدأ الجلسة الساعة العاشرة صباحاً بتوقيت دمشق.", "الساعة العاشرة صباحاً بتوقيت دمشق", None, None, "time", "absolute"),
    ("يبدأ الاجتماع الساعة 10:30 صباحا من اليوم.", "الساعة 10:30 صباحا من اليوم", "2015-10-27T10:30", None, "time", "published"),
    ("انتشرت هذه الأزياء في القرن العشرين في المدن.", "القرن العشرين", "1901", "2000", "range", "absolute"),
    ("بنيت الدار في الأربعينات من القرن الماضي على الطراز القديم.", "الأربعينات من القرن الماضي", "1940", "1949", "range", "absolute"),
    ("تعود الوثيقة إلى الفترة العثمانية بحسب الخبراء.", "الفترة العثمانية", None, None, "range", "absolute"),
    ("تهطل الأمطار في الشتاء على المرتفعات.", "الشتاء", None, None, "range", "absolute"),
    ("ساهمت أحداث الربيع العربي في تغيير المشهد.", None, None, None, None, None),
    # month relative to publication
    ("تعقد القمة في شهر ديسمبر المقبل في سوتشي.", "شهر ديسمبر المقبل", "2015-12", None, "month", "published"),
    ("سُجلت الأرقام في مارس الماضي وفق الإحصاءات.", "مارس الماضي", "2015-03", None, "month", "published"),
    ("مارس الرياضيون التمارين في الملعب.", None, None, None, None, None),
    ("ارتفعت مبيعات سيارات نيسان في السوق المحلية.", None, None, None, None, None),
    ("انسحبت القوات في نيسان الماضي من المنطقة.", "نيسان الماضي", "2015-04", None, "month", "published"),
    # forms common in Gulf and pan-Arab papers
    ("قتل في 20 يوليو (تموز) 2012 على يد مسلح.", "20 يوليو (تموز) 2012", "2012-07-20", None, "day", "absolute"),
    ("تراجع المؤشر في ديسمبر (كانون الأول) الماضي بشكل حاد.", "ديسمبر (كانون الأول) الماضي", "2014-12", None, "month", "published"),
    ("لم يتغير سعر الفائدة منذ كانون الأول بحسب المصرف.", "منذ كانون الأول", "2014-12", None, "month", "published"),
    ("يبدأ العمل بالقرار بتاريخ 1436/10/09هـ في جميع الفروع.", "بتاريخ 1436/10/09هـ", "2015-07-26", None, "day", "absolute"),
    ("صدر التعميم يوم السبت 9 / 10 / 1436 هـ عن الوزارة.", "يوم السبت 9 / 10 / 1436 هـ", "2015-07-26", None, "day", "absolute"),
    ("أعلنت الوزارة اليوم (الثلاثاء) عن خطتها الجديدة.", "اليوم (الثلاثاء)", "2015-10-27", None, "day", "published"),
    ("قال مراسل عين اليوم إن الطريق مغلق.", None, None, None, None, None),
    # vague and approximate counts
    ("تقدمت الشركة قبل حوالي ثلاث سنوات بطلب ترخيص.", "ثلاث سنوات", "2012", None, "year", "published"),
    ("هاجر كثيرون منذ سنوات إلى الخارج.", "منذ سنوات", None, None, "range", "absolute"),
    ("تنشر الشركات بياناتها نصف السنوية في موعدها.", "نصف السنوية", None, None, "range", "absolute"),
    ("وصل القطار عند 10:30 إلى المحطة.", "10:30", None, None, "time", "absolute"),
    ("ينتج الحقل 20 ألف برميل يوميا من النفط.", "يوميا", None, None, "range", "absolute"),
]


@pytest.mark.parametrize("sentence, span, value, end_value, granularity, anchor", CASES)
def test_construction(sentence, span, value, end_value, granularity, anchor):
    found = find_dates(sentence, PUB)
    if span is None:
        assert found == [], f"no date expected in {sentence!r}, got {[d.text for d in found]}"
        return
    assert [d.text for d in found] == [span]
    d = found[0]
    assert sentence[d.start : d.end] == d.text
    assert (d.value, d.end_value, d.granularity, d.anchor) == (value, end_value, granularity, anchor)


@pytest.mark.parametrize(
    "sentence, span, granularity",
    [
        ("التقى الوزير اليوم نظيره المصري.", "اليوم", "day"),
        ("زار الرئيس المنطقة الأسبوع الماضي برفقة وزرائه.", "الأسبوع الماضي", "week"),
        ("غادر السفير البلاد قبل يومين دون إعلان.", "قبل يومين", "day"),
    ],
)
def test_relative_without_publication_date_is_unanchored(sentence, span, granularity):
    (d,) = find_dates(sentence)
    assert (d.text, d.value, d.anchor, d.granularity) == (span, None, "unanchored", granularity)


def test_absolute_dates_need_no_anchor():
    (d,) = find_dates("وقع الاتفاق في 12 كانون الثاني 2016 في بيروت.")
    assert (d.value, d.anchor) == ("2016-01-12", "absolute")


def test_several_dates_in_order_without_overlap():
    text = "أعلن الوزير أمس الخميس أن الاتفاق الموقع في 3 حزيران 2014 سيجدد الشهر المقبل."
    found = find_dates(text, "2015-10-30")
    assert [d.text for d in found] == ["أمس الخميس", "3 حزيران 2014", "الشهر المقبل"]
    assert [d.value for d in found] == ["2015-10-29", "2014-06-03", "2015-11"]


def test_year_less_date_takes_the_year_nearest_publication():
    (d,) = find_dates("وصل الوفد في 28 ديسمبر إلى العاصمة.", "2016-01-03")
    assert d.value == "2015-12-28" and d.anchor == "published"


def test_stage_fills_article_dates():
    art = Article(id="a", source="s", text="التقى الوزيران اليوم في موسكو.", raw_text="", origin="x", published="2017-08-21")
    (out,) = DatesStage()([art])
    assert [(d.text, d.value) for d in out.dates] == [("اليوم", "2017-08-21")]
    assert DatesStage.name == "dates" and "dates" in DatesStage.provides


def test_speed_thousands_of_articles_per_second():
    article = " ".join(c[0] for c in CASES) * 2  # ~ 8,000 characters, dense in dates
    n = 30
    t0 = time.process_time()
    for _ in range(n):
        find_dates(article, PUB)
    per_article = (time.process_time() - t0) / n
    # a news article is ~3,000 characters with a handful of dates: this one is far denser
    assert per_article < 0.02, f"{per_article * 1000:.1f} ms per dense article"
