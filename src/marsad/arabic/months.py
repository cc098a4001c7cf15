"""Calendar words of Arabic news: month names (three Gregorian naming systems and the Hijri one),
weekdays, number words and the vocabulary of relative date expressions.

Origin: general knowledge of Modern Standard Arabic news usage. Egypt, Sudan and the Gulf write the
Gregorian months as transliterations of the European names (يناير … ديسمبر); Syria, Lebanon,
Jordan, Palestine and Iraq use the Syriac-derived names (كانون الثاني … كانون الأول); Algeria and
Tunisia use French-derived names (جانفي، فيفري …) and Morocco mostly the Egyptian set with ماي/يوليوز/
غشت. Pan-Arab outlets often pair two systems («أكتوبر/تشرين الأول»). Spelling variants listed here
are the common ones seen in print; alef/hamza, final ya/alef maqsura and final ha/taa marbuta
variation is handled by the grammar, not listed.
"""

from __future__ import annotations

# Egyptian/Gulf names (and the Moroccan ones).
GREGORIAN_EGYPTIAN: dict[str, int] = {
    "يناير": 1,
    "فبراير": 2, "فبرير": 2,
    "مارس": 3,
    "أبريل": 4, "ابريل": 4, "إبريل": 4, "أپريل": 4,
    "مايو": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "يونيوز": 6,
    "يوليو": 7, "يوليه": 7, "يوليوز": 7,
    "أغسطس": 8, "أغسطوس": 8, "غشت": 8,
    "سبتمبر": 9, "شتنبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "أكتوبير": 10,
    "نوفمبر": 11, "نونبر": 11,
    "ديسمبر": 12, "دجنبر": 12,
}

# Levantine/Iraqi (Syriac-derived) names.
GREGORIAN_LEVANTINE: dict[str, int] = {
    "كانون الثاني": 1, "كانون ثاني": 1, "كانون ثان": 1,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
    "تشرين الأول": 10, "تشرين أول": 10, "تشرن الأول": 10, "تشرين الاول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "تشرين ثان": 11, "تشرن الثاني": 11,
    "كانون الأول": 12, "كانون أول": 12,
}

# Maghrebi (French-derived) names used in Algeria and Tunisia.
GREGORIAN_MAGHREBI: dict[str, int] = {
    "جانفي": 1,
    "فيفري": 2,
    "أفريل": 4,
    "جوان": 6,
    "جويلية": 7, "جويليه": 7,
    "أوت": 8,
}

GREGORIAN_MONTHS: dict[str, int] = {**GREGORIAN_EGYPTIAN, **GREGORIAN_LEVANTINE, **GREGORIAN_MAGHREBI}

# Names that are also ordinary words or names (مارس "practised", آب/أب "father", ماي, جوان "Joan",
# أوت, نيسان the car maker in Gulf papers): a date only with a day before, a year after, a paired
# name or a qualifier («نيسان الماضي»).
AMBIGUOUS_MONTHS = frozenset({"مارس", "آب", "ماي", "جوان", "أوت", "غشت", "نيسان"})

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "المحرم": 1,
    "صفر": 2,
    "ربيع الأول": 3, "ربيع أول": 3,
    "ربيع الآخر": 4, "ربيع الثاني": 4, "ربيع ثاني": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5, "جمادي الأولى": 5, "جمادى أولى": 5,
    "جمادى الآخرة": 6, "جمادى الثانية": 6, "جمادى الآخر": 6, "جمادي الآخرة": 6, "جمادى الثاني": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو القعده": 11, "ذي القعده": 11,
    "ذو الحجة": 12, "ذي الحجة": 12, "ذو الحجه": 12, "ذي الحجه": 12,
}

# Hijri names that are also personal names or common words (رجب، شعبان، رمضان، صفر "zero",
# محرم "forbidden"): a date only with a day before, a year after, or after «شهر».
AMBIGUOUS_HIJRI = frozenset({"محرم", "المحرم", "صفر", "رجب", "شعبان", "رمضان", "شوال"})

HIJRI_ERA = ("هـ", "ه", "هجري", "هجرية", "هجريا", "للهجرة")
GREGORIAN_ERA = ("م", "ميلادي", "ميلادية", "ميلاديا", "للميلاد")

# Python weekday numbers (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الإثنين": 0, "الأثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2, "الاربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}

# Ordinal day words as in «الخامس من يونيو», «الحادي والعشرين من أكتوبر».
_UNITS_M = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
DAY_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS_M)}
DAY_ORDINALS.update({"العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "الثلاثين": 30})
for _i, _w in enumerate(_UNITS_M[1:], start=2):
    DAY_ORDINALS[f"{_w} عشر"] = 10 + _i
for _i, _w in enumerate(["الحادي"] + _UNITS_M[1:], start=1):
    DAY_ORDINALS[f"{_w} والعشرين"] = 20 + _i
DAY_ORDINALS["الحادي والثلاثين"] = 31

# Cardinal number words that count days, weeks, months or years («قبل ثلاثة أيام»).
CARDINALS: dict[str, int] = {
    "واحد": 1, "واحدة": 1,
    "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
    "عشرة": 10, "عشر": 10, "أحد عشر": 11, "إحدى عشرة": 11, "اثني عشر": 12, "اثنا عشر": 12,
    "اثنتي عشرة": 12, "خمسة عشر": 15, "خمس عشرة": 15,
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "خمسين": 50,
    "ستين": 60, "سبعين": 70, "ثمانين": 80, "تسعين": 90, "مئة": 100, "مائة": 100,
}
VAGUE_COUNTS = ("عدة", "بضعة", "بضع", "بعض")

# Hours written as feminine ordinals («الساعة العاشرة صباحاً»).
HOUR_WORDS: dict[str, int] = {
    "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
    "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
    "الثانية عشرة": 12, "الحادية عشر": 11, "الثانية عشر": 12,
}
MINUTE_WORDS: dict[str, int] = {"والنصف": 30, "والربع": 15, "إلا ربعا": -15, "إلا ربع": -15, "والثلث": 20}
# Parts of the day; afternoon/evening/night shift a written hour by 12.
DAY_PARTS: dict[str, str] = {
    "صباحا": "am", "صباح": "am", "فجرا": "am", "فجر": "am", "ظهرا": "pm", "ظهر": "pm",
    "عصرا": "pm", "عصر": "pm", "مساء": "pm", "ليلا": "pm", "ليلة": "pm", "ضحى": "am",
}

# Units of time: surface form → (unit, count implied by the form: dual = 2, else None).
TIME_UNITS: dict[str, tuple[str, int | None]] = {
    "يوم": ("day", None), "يوما": ("day", None), "أيام": ("day", None), "يومين": ("day", 2), "يومان": ("day", 2),
    "أسبوع": ("week", None), "أسبوعا": ("week", None), "أسابيع": ("week", None), "أسبوعين": ("week", 2),
    "شهر": ("month", None), "شهرا": ("month", None), "أشهر": ("month", None), "شهور": ("month", None),
    "شهرين": ("month", 2),
    "عام": ("year", None), "عاما": ("year", None), "أعوام": ("year", None), "عامين": ("year", 2),
    "سنة": ("year", None), "سنوات": ("year", None), "سنين": ("year", None), "سنتين": ("year", 2),
    "عقد": ("decade", None), "عقدا": ("decade", None), "عقود": ("decade", None), "عقدين": ("decade", 2),
    "قرن": ("century", None), "قرون": ("century", None), "قرنين": ("century", 2),
}

# Plural unit forms: without a number they are vague («منذ سنوات» = for years).
PLURAL_UNITS = frozenset({"أيام", "أسابيع", "أشهر", "شهور", "أعوام", "سنوات", "سنين", "عقود", "قرون"})

# Relative days: word → offset from the publication date.
RELATIVE_DAYS: dict[str, int] = {
    "اليوم": 0, "الليلة": 0, "أمس": -1, "الأمس": -1, "البارحة": -1, "غدا": 1, "الغد": 1,
    "بكرا": 1, "بكرة": 1, "بعد غد": 2, "أمس الأول": -2, "أول أمس": -2, "أول من أمس": -2,
    "أول أمس الأول": -2,
    # Levantine/Egyptian colloquial
    "مبارح": -1, "امبارح": -1, "البارح": -1,
}

# Named periods and how the qualifier moves them (−1 past, 0 current, +1 next).
PERIOD_NOUNS: dict[str, str] = {
    "الأسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year",
}
PERIOD_SHIFT: dict[str, int] = {
    "الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "الفائت": -1, "الفائتة": -1,
    "السابق": -1, "السابقة": -1,
    "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1, "التالي": 1, "التالية": 1,
    "الجاري": 0, "الجارية": 0, "الحالي": 0, "الحالية": 0,
    # colloquial «السنة الجاية»
    "الجاي": 1, "الجاية": 1, "الجايي": 1,
}
# «هذا العام», «هذه السنة», «لهذا العام»
DEMONSTRATIVES = ("هذا", "هذه", "هاي", "هاد")

# Parts of a period: «مطلع الشهر المقبل», «أواخر هذا الشهر».
PERIOD_PARTS: dict[str, str] = {
    "مطلع": "early", "أوائل": "early", "بداية": "early", "بدايات": "early", "مستهل": "early",
    "أول": "early", "منتصف": "mid", "أواسط": "mid", "أواخر": "late", "نهاية": "late",
    "آخر": "late", "ختام": "late",
}

# Frequency adverbs Wojood annotates as dates («يومياً», «أسبوعياً»).
FREQUENCIES = ("يوميا", "أسبوعيا", "شهريا", "سنويا")

SEASONS = ("الشتاء", "الصيف", "الخريف", "الربيع")

# Decades («الأربعينات», «التسعينيات») → first year of the decade within a century.
DECADES: dict[str, int] = {
    "العشرينات": 20, "الثلاثينات": 30, "الأربعينات": 40, "الخمسينات": 50, "الستينات": 60,
    "السبعينات": 70, "الثمانينات": 80, "التسعينات": 90,
    "العشرينيات": 20, "الثلاثينيات": 30, "الأربعينيات": 40, "الخمسينيات": 50, "الستينيات": 60,
    "السبعينيات": 70, "الثمانينيات": 80, "التسعينيات": 90,
}
CENTURIES: dict[str, int] = {
    "التاسع عشر": 19, "العشرين": 20, "الحادي والعشرين": 21, "الثامن عشر": 18, "الماضي": 0,
    "الحالي": 0,
}

# Historical eras Wojood annotates as dates («الفترة العثمانية»).
ERA_NOUNS = ("الفترة", "فترة", "الحقبة", "حقبة", "العهد", "عهد", "العصر", "عصر")
ERA_ADJECTIVES = (
    "العثمانية", "العثماني", "الرومانية", "الروماني", "البيزنطية", "البيزنطي", "المملوكية",
    "المملوكي", "الصليبية", "الصليبي", "الفاطمية", "الفاطمي", "الأموية", "الأموي", "العباسية",
    "العباسي", "الأيوبية", "الأيوبي", "الحكم العثماني",
)

# Words that put a bare weekday in the coming days («من المقرر أن يلتقي الوزيران الخميس»): the
# future particle on common news verbs and expressions of schedule.
FUTURE_CUES = (
    "المقرر", "المنتظر", "المتوقع", "يعتزم", "تعتزم", "سيعقد", "ستعقد", "سيزور", "ستزور", "سيلتقي",
    "ستلتقي", "سيبدأ", "ستبدأ", "ستنطلق", "سينطلق", "سيصل", "ستصل", "سيتوجه", "سيجري", "ستجري",
    "سيشارك", "ستشارك", "سيترأس", "سيلقي", "ستقام", "سيقام", "ستعقد", "سينعقد", "ستنعقد", "يرتقب",
    "المرتقب", "المرتقبة", "سيتم", "ستتم", "يستأنف", "ستستأنف", "سيستأنف",
)
