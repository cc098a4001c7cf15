"""The regular-expression grammar of Arabic date expressions, compiled once at import.

Each rule is one compiled pattern with named groups; :mod:`marsad.extract.dates_resolve` turns a
match into a value. Patterns run on the original clean text (offsets stay exact), so spelling
variation is written into the patterns: any alef/hamza form, final ي/ى and ه/ة, trailing
diacritics (غداً) and the proclitics و ف ب ل ك (لهذا العام، وبعد سنوات, للعام).

Span boundaries follow Wojood's DATE annotation: a leading preposition that belongs to the date
(بتاريخ، منذ، قبل، بعد، خلال، يوم) and the era mark (م، هـ، هجري) are inside; «في» is outside;
brackets are inside only when a word such as بتاريخ/عام/a month name introduces them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic import months as cal
from marsad.arabic.normalize import normalize

_DIAC = "[\u064b-\u0652\u0640]*"
_ALEF = "[اأإآ]"
D = "[0-9٠-٩۰-۹]"
S = r"\s*"
W = r"\s+"
# Never write {S}X?{S}: on a long run of spaces that ends in no match the engine tries every split
# of the run between the two \s* (quadratic, cubic with a third). {S}(?:X{S})? is the same language
# and the same match, tried once.
_END = r"(?![\w\u064b-\u0652])"
_START = r"(?<![\w\u064b-\u0652])"


def variant(word: str) -> str:
    """Regex for ``word`` with its common spelling variants (no clitics)."""
    out = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        if ch in "اأإآ":
            out.append(_ALEF)
        elif ch in "ةه" and (i == last or word[i + 1] == " "):
            out.append("[ةه]")
        elif ch in "يى" and (i == last or word[i + 1] == " "):
            out.append("[يى]")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out) + _DIAC


def alt(words) -> str:
    """Alternation of word variants, longest first so «كانون الثاني» wins over «كانون»."""
    return "(?:" + "|".join(variant(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def clitic(words) -> str:
    """Alternation allowing the proclitics و/ف + ب/ل/ك (and لل for ال- words)."""
    plain = [w for w in words if not w.startswith("ال")]
    definite = [w[2:] for w in words if w.startswith("ال")]
    parts = []
    if definite:
        parts.append(r"[وف]?(?:[بك]?ال|لل)" + alt(definite))
    if plain:
        parts.append(r"[وف]?[بلك]?" + alt(plain))
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=4096)
def key(surface: str) -> str:
    """Lookup key: alef/ya/taa folded, diacritics dropped, spaces collapsed."""
    return normalize(surface, taa_marbuta=True)


def keyed(table: dict) -> dict:
    return {key(k): v for k, v in table.items()}


def lookup(table: dict, surface: str):
    """Value of ``surface`` in a :func:`keyed` table, trying it without proclitics too."""
    k = key(surface)
    for cand in (k, k[1:], k[2:], "ال" + k[1:], "ال" + k[2:], "ال" + k[3:]):
        if cand in table:
            return table[cand]
    return None


# --- vocabulary as patterns -------------------------------------------------------------------
MONTH = alt(cal.GREGORIAN_MONTHS)
HMONTH = alt(cal.HIJRI_MONTHS)
WEEKDAY = alt(cal.WEEKDAYS)
ORD_DAY = alt(cal.DAY_ORDINALS)
H_ERA = r"(?:هـ|ه(?![\w])|" + alt(("هجري", "هجرية", "هجريا", "للهجرة")) + ")"
G_ERA = r"(?:م(?![\w])|" + alt(("ميلادي", "ميلادية", "ميلاديا", "للميلاد")) + ")"
ERA = f"(?:{H_ERA}|{G_ERA})"
LEAD = r"(?:[وفب](?=[0-9٠-٩۰-۹]))?"  # «و15 رمضان», «و2015»
YEAR = f"{LEAD}{D}{{4}}"
DAY = f"{LEAD}{D}{{1,2}}"
SEP = r"\s*[/\-.]\s*"
SHIFT = alt(cal.PERIOD_SHIFT)
PART = alt(cal.PERIOD_PARTS)
# Prepositions Wojood keeps inside a date span (و/ف allowed: «ومنذ»).
PREP = r"(?:[وف]?(?:بتاريخ|تاريخ|منذ|قبل|بعد|خلال|طوال|طيلة|لمدة)" + _DIAC + r")"
PREFIX = f"(?:(?P<prep>{PREP}){S}(?::{S})?)?(?:(?P<part>[وف]?{PART}){W}(?:من{W})?)?"
YEAR_WORD = clitic(("عام", "العام", "سنة", "السنة"))
DAY_WORD = r"[وف]?(?:يوم|اليوم)" + _DIAC
WD_PREFIX = (
    f"(?:(?:{DAY_WORD}{W})?(?P<wd>{WEEKDAY}){S}(?:[،,]{S})?(?:(?:الموافق|الموافقة){S}(?::{S})?)?|{DAY_WORD}{W})?"
)


def _c(pattern: str) -> re.Pattern:
    return re.compile(_START + pattern + _END)


# 27/10/2015, ٢٧-١٠-٢٠١٥, بتاريخ ( 15 / 1 / 1959 ), 20 / شعبان / 1428 هـ
NUMERIC = _c(
    f"{PREFIX}{WD_PREFIX}(?P<lp>\\({S})?(?:(?P<d0>{DAY}){SEP})?(?P<d>{DAY}){SEP}(?P<m>{D}{{1,2}}){SEP}"
    f"(?P<yp>\\({S})?(?P<y>{YEAR}|{D}{{2}})(?(yp){S}\\))(?(lp){S}\\))(?:{S}(?P<era>{ERA}))?"
)
# year first: 2015-10-27, 1436/10/09هـ
ISO = _c(
    f"{PREFIX}{WD_PREFIX}(?P<y>{YEAR})(?P<sep>[-/.])(?P<m>{D}{{1,2}})(?P=sep)(?P<d>{D}{{1,2}})"
    f"(?:{S}(?P<era>{ERA}))?"
)
# [weekday] [day|ordinal من] month[/month] [year] [era]; day ranges «من 13 وحتى 15 نوفمبر»
MONTH_DATE = _c(
    f"{PREFIX}(?P<between>[وف]?(?:بين|من){W})?{WD_PREFIX}"
    f"(?:(?:(?:من|بين){W})?(?P<d0>{DAY}){S}(?:-|–|إلى|الى|وحتى|حتى|و){S})?"
    f"(?:(?P<d>{DAY}){S}(?:/{S})?|(?P<od>{ORD_DAY}){W}(?:من{W})?(?:شهر{W})?)?"
    f"(?:(?:شهر|الشهر){W})?(?P<m1>{MONTH})(?:{S}(?:[/\\-،,]{S}(?:\\({S})?|\\({S})(?P<m2>{MONTH}){S}\\)?)?"
    f"(?:{S}(?:(?:و|إلى|الى|حتى|-){S})(?P<m3>{MONTH}))?"
    f"(?:{S}(?:[،,/]{S})?(?:(?:من{W})?{YEAR_WORD}{W})?(?P<yp>\\({S})?(?P<y>{YEAR})(?(yp){S}\\))|{W}(?P<mshift>{SHIFT}))?"
    f"(?:{S}(?P<era>{ERA}))?"
)
# شباط ( 28 / 2 / 1945 ), تموز ( 1970 ), كانون اول / ( 1986 )
MONTH_PAREN = _c(
    f"{PREFIX}(?P<m1>{MONTH}){S}(?:/{S})?\\({S}(?:(?P<d>{DAY}){SEP}(?P<m>{D}{{1,2}}){SEP})?"
    f"(?P<y>{YEAR}){S}\\)"
)
HIJRI_DATE = _c(
    f"{PREFIX}{WD_PREFIX}(?:(?P<d>{DAY}){S}(?:/{S})?|(?P<od>{ORD_DAY}){W}(?:من{W})?)?"
    f"(?P<shahr>(?:شهر|الشهر){W})?(?P<hm>{HMONTH})(?:{W}(?P<bless>المبارك|الفضيل|الكريم|المعظم))?"
    f"(?:{W}(?P<hshift>{SHIFT}))?"
    f"(?:{S}(?:/{S})?(?:(?:من{W})?{YEAR_WORD}{W})?(?P<yp>\\({S})?(?P<y>{D}{{3,4}})(?(yp){S}\\)))?"
    f"(?:{S}(?P<era>{ERA}))?"
)
# عام 2018, العام ( 1933 ), 1436هـ, 1936 - 1939, ( 1343 ) هجري, لسنة ( 1958 / 1963 )
YEAR_EXPR = _c(
    f"{PREFIX}(?:(?P<word>{YEAR_WORD}){S})?(?P<lp>\\({S})?(?P<y>{LEAD}{D}{{3,4}})"
    f"(?:{S}[-–/]{S}(?P<y2>{D}{{4}}))?(?(lp){S}\\))(?:{S}(?P<era>{ERA}))?"
)
_REL_WORDS = alt(cal.RELATIVE_DAYS)
_TOD = alt(("صباح", "مساء", "ظهر", "عصر", "ليلة", "فجر", "صبيحة", "ظهيرة", "منتصف ليل", "منتصف ليلة"))
RELATIVE_DAY = _c(
    f"(?:(?P<prep>[وف]?(?:منذ|قبل|بعد|حتى)){W})?(?:(?P<tod>[وف]?{_TOD}){W})?(?P<rel>[وف]?[بل]?{_REL_WORDS})"
    f"(?:{S}(?:[،,]{S})?(?P<wp>\\({S})?(?P<wd>{WEEKDAY})(?(wp){S}\\)))?"
)
WEEKDAY_EXPR = _c(
    f"(?:(?P<prep>{PREP}){W})?(?:(?P<tod>[وف]?{_TOD}){W})?(?:{DAY_WORD}{W})?(?P<wd>[وف]?{WEEKDAY})"
    f"(?:{W}(?P<shift>{SHIFT}))?"
)
_PERIOD = clitic(cal.PERIOD_NOUNS)
PERIOD = _c(
    f"{PREFIX}(?:(?P<dem>[وفل]?{alt(cal.DEMONSTRATIVES)}){W})?(?P<noun>{_PERIOD})(?:{W}(?P<shift>{SHIFT}))?"
)
_COUNT = "|".join(
    [f"{D}+", alt(cal.CARDINALS)] + [variant(w) for w in cal.VAGUE_COUNTS]
)
_UNITS = alt(cal.TIME_UNITS)
_PLURAL_DEF = alt(("الأيام", "الأسابيع", "الأشهر", "الشهور", "السنوات", "الأعوام", "العقود", "السنين"))
DURATION = _c(
    f"(?:(?P<prep>{PREP}|[وف]?ل){S})?(?:(?P<approx>حوالي|نحو|قرابة|زهاء|أكثر{W}من|أقل{W}من){W})?"
    f"(?:(?P<n>[وفل]?(?:{_COUNT})){S})?(?P<unit>{_UNITS})(?:{W}(?P<shift>{SHIFT}|الأخيرة|الأخير))?"
)
RECENT = _c(
    f"(?:(?P<prep>{PREP}){W})?(?P<unit>{_PLURAL_DEF})(?:{W}(?P<n>(?:ال)?{alt(cal.CARDINALS)}|ال{D}+))?"
    f"{W}(?P<shift>الماضية|الأخيرة|المقبلة|القادمة|المنصرمة|الفائتة)"
)
FREQUENCY = _c(f"(?:{alt(cal.FREQUENCIES)}|نصف{W}(?:ال)?سنوي[ةه]?|نصف{W}السن[ةه])")
_DECADE = alt(cal.DECADES)
DECADE = _c(
    f"(?:(?P<prep>{PREP}){W})?(?:(?:فترة|حقبة){W})?(?P<dec>[وفب]?{_DECADE})"
    f"(?:{W}(?:من{W})?(?:القرن|قرن){W}(?P<cent>{alt(cal.CENTURIES)}))?"
)
CENTURY = _c(f"(?:(?P<prep>{PREP}){W})?(?P<cent_word>[وفب]?(?:القرن|لقرن)){W}(?P<cent>{alt(cal.CENTURIES)})")
DECADE_REL = _c(f"[وفبل]?(?:العقد|لعقد){W}(?P<shift>{SHIFT})")
ERA_PERIOD = _c(f"(?:[وف]?[بل]?(?:{alt(cal.ERA_NOUNS)})){W}(?:{alt(cal.ERA_ADJECTIVES)})")
SEASON = _c(
    f"(?P<season>[وفبل]?(?:{alt(cal.SEASONS)}))(?!{W}(?:العربي|عربي))"
    f"(?:{W}(?P<shift>{SHIFT})|{W}(?:من{W})?(?:عام{W})?(?P<y>{YEAR}))?"
)
_HOUR = f"(?:{D}{{1,2}}(?:[:.]{D}{{2}})?|{alt(cal.HOUR_WORDS)})"
CLOCK = _c(
    f"(?:(?P<prep>[وف]?(?:عند|في|حتى|منذ)){W})?(?P<sa>الساعة|ساعة){W}(?P<h>{_HOUR})"
    f"(?:{W}(?P<min>{alt(cal.MINUTE_WORDS)}))?(?:{W}(?P<part>{alt(cal.DAY_PARTS)}))?"
    f"(?:{W}(?:من{W})?(?P<rel>(?:{_TOD}{W})?{_REL_WORDS}))?"
    f"(?:{W}(?:بالتوقيت|بتوقيت){W}(?:المحلي|غرينتش|جرينتش|[\\w]+(?:{W}المكرمة)?))?"
)
HHMM = _c(f"(?P<h>{LEAD}{D}{{1,2}}):(?P<mm>{D}{{2}})")

# Words that, right before a 4-digit number, make it something other than a year.
NOT_YEAR_BEFORE = re.compile(r"(?:رقم|رقمها|رقمه|العدد|عدد|بلاغ|قرار|مضبط|ص|صفحة)\s*$")
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|٪|دولار|جنيه|ريال|يورو|درهم|دينار|ليرة|شخص|أشخاص|مليون|مليار|ألف|كم|كيلو|متر|طن|"
    r"برميل|قتيل|جريح|حالة|طالب|عامل|مقاتل|عنصر|سائح|منزل|وحدة|ميغاواط|نسمة)"
)
# «اليوم» inside outlet names is not a date.
OUTLETS_BEFORE_TODAY = re.compile(
    _START + r"(?:روسيا|عربي|عين|المصري|أخبار|اخبار|العرب|فلسطين|الخليج|الإمارات|الامارات|السودان|البحرين|"
    r"صحيفة|جريدة|قناة|موقع|حزب|تيار|وكالة|برنامج|مجلة|حركة)\s*$"
)
# A schedule word shortly before a bare weekday, in the same sentence: the weekday is ahead.
FUTURE_BEFORE = re.compile(r"(?:" + "|".join(variant(w) for w in cal.FUTURE_CUES) + r")[^.!?؟\n]*$")
# «سوق الجمعة», «مسجد الجمعة»: a weekday inside a place name.
NOT_WEEKDAY_BEFORE = re.compile(_START + r"(?:سوق|مسجد|جامع|جامعة|شارع)\s*$")

RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("numeric", NUMERIC), ("iso", ISO), ("month", MONTH_DATE), ("month_paren", MONTH_PAREN),
    ("hijri", HIJRI_DATE), ("year", YEAR_EXPR), ("relative_day", RELATIVE_DAY),
    ("weekday", WEEKDAY_EXPR), ("period", PERIOD), ("duration", DURATION), ("recent", RECENT),
    ("frequency", FREQUENCY), ("decade", DECADE), ("century", CENTURY), ("decade_rel", DECADE_REL),
    ("era_period", ERA_PERIOD), ("season", SEASON), ("clock", CLOCK), ("hhmm", HHMM),
)

# Lookup tables keyed like :func:`key`.
MONTHS_BY_KEY = keyed(cal.GREGORIAN_MONTHS)
HIJRI_BY_KEY = keyed(cal.HIJRI_MONTHS)
WEEKDAYS_BY_KEY = keyed(cal.WEEKDAYS)
ORDINALS_BY_KEY = keyed(cal.DAY_ORDINALS)
CARDINALS_BY_KEY = keyed(cal.CARDINALS)
UNITS_BY_KEY = keyed(cal.TIME_UNITS)
SHIFT_BY_KEY = keyed(cal.PERIOD_SHIFT)
PARTS_BY_KEY = keyed(cal.PERIOD_PARTS)
RELATIVE_BY_KEY = keyed(cal.RELATIVE_DAYS)
PERIODS_BY_KEY = keyed(cal.PERIOD_NOUNS)
HOURS_BY_KEY = keyed(cal.HOUR_WORDS)
MINUTES_BY_KEY = keyed(cal.MINUTE_WORDS)
DAY_PARTS_BY_KEY = keyed(cal.DAY_PARTS)
DECADES_BY_KEY = keyed(cal.DECADES)
CENTURIES_BY_KEY = keyed(cal.CENTURIES)
AMBIGUOUS_MONTH_KEYS = frozenset(key(m) for m in cal.AMBIGUOUS_MONTHS)
AMBIGUOUS_HIJRI_KEYS = frozenset(key(m) for m in cal.AMBIGUOUS_HIJRI)
H_ERA_RE = re.compile(H_ERA)
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
