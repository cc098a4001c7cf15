"""Turn a grammar match into a :class:`DateExpression`: check it really is a date, normalise it,
and anchor relative expressions on the publication date.

Every handler takes ``(match, text, published)`` and returns a ``DateExpression`` or ``None`` (the
match is not a date: «مارس» the verb, «2000 دولار», «روسيا اليوم»). Values are ISO strings:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; clock times are ``YYYY-MM-DDTHH:MM`` when the day is
known. Ranges carry ``value``/``end_value`` with granularity ``range``. ``anchor`` is ``absolute``
(the text alone fixes it), ``published`` (resolved against the publication date) or
``unanchored`` (relative, and no publication date is known: value None).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from marsad.document import DateExpression
from marsad.extract import hijri
from marsad.extract import dates_grammar as g

# The Arab working week starts on Saturday: «الأسبوع الماضي» is the Saturday–Friday before.
WEEK_START = 5


def _digits(s: str) -> str:
    return "".join(c for c in s.translate(g.DIGITS) if c.isdigit())


def _int(s: str) -> int:
    return int(_digits(s))


def _expr(m: re.Match, value, end_value=None, granularity="day", anchor="absolute", start=None):
    a = m.start() if start is None else start
    return DateExpression(a, m.end(), m.string[a : m.end()], value, end_value, granularity, anchor)


def _iso(d: date, granularity: str = "day") -> str:
    if granularity == "year":
        return f"{d.year:04d}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _add_months(d: date, n: int) -> date:
    y, mo = divmod(d.month - 1 + n, 12)
    return date(d.year + y, mo + 1, 1)


def _unanchored(m, granularity="day"):
    return _expr(m, None, None, granularity, "unanchored")


def _closest_year(month: int, day: int, published: date) -> date | None:
    """The year that puts a year-less date nearest the publication date."""
    cands = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    cands = [c for c in cands if c]
    return min(cands, key=lambda c: abs((c - published).days)) if cands else None


def _part_range(first: date, last: date, part: str | None, granularity: str):
    """Narrow a period to its early/mid/late third («مطلع الشهر», «أواخر العام»)."""
    if part is None:
        return first, last
    if granularity == "year":
        months = {"early": (1, 3), "mid": (5, 8), "late": (10, 12)}[part]
        a = date(first.year, months[0], 1)
        b = date(first.year, months[1], calendar.monthrange(first.year, months[1])[1])
        return a, b
    span = (last - first).days + 1
    if granularity == "week":
        return first, last
    days = {"early": (0, 9), "mid": (10, 19), "late": (20, span - 1)}[part]
    return first + timedelta(days=days[0]), first + timedelta(days=days[1])


def _range_expr(m, first: date, last: date, part, granularity, anchor, start=None):
    if part is None and granularity in ("year", "month"):
        return _expr(m, _iso(first, granularity), None, granularity, anchor, start)
    a, b = _part_range(first, last, part, granularity)
    gran = "month" if granularity == "year" and part else "day"
    if granularity == "week" and part is None:
        return _expr(m, a.isoformat(), b.isoformat(), "week", anchor, start)
    return _expr(m, _iso(a, gran), _iso(b, gran), "range", anchor, start)


def _part(m) -> str | None:
    p = m.groupdict().get("part")
    return g.lookup(g.PARTS_BY_KEY, p) if p else None


# --- absolute dates ---------------------------------------------------------------------------
def _span_start(m) -> int:
    """Drop a bracket that opens the match without a word introducing it: «( [[1/4/1990]] )»."""
    lp = m.groupdict().get("lp")
    if lp and m.start("lp") == m.start() and not m.groupdict().get("era"):
        return m.start("d") if "d" in m.groupdict() and m.group("d") else m.start("y")
    return m.start()


def numeric(m, text, published):
    d, mo, y = _int(m.group("d")), _int(m.group("m")), _int(m.group("y"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    if mo > 12 and d <= 12:  # month/day order («4 / 22 / 1948»)
        d, mo = mo, d
    start = _span_start(m)
    end = m.end()
    if m.group("lp") and start != m.start():  # the bracket was dropped: drop its partner too
        end = m.end() - (1 if text[m.end() - 1] == ")" else 0)
        while end > start and text[end - 1].isspace():
            end -= 1
    if start == m.start() and end == m.end() and _looks_like_version(text, m):
        return None
    value = _day_value(y, mo, d, m.group("era"))
    first = _day_value(y, mo, _int(m.group("d0")), m.group("era")) if m.group("d0") else None
    if first and value and first < value:  # «9 / 10 / 10 / 1940»: days 9–10 of October 1940
        return DateExpression(start, end, text[start:end], first, value, "range", "absolute")
    return DateExpression(start, end, text[start:end], value, None, "day", "absolute")


def _looks_like_version(text, m) -> bool:
    return m.start() > 0 and text[m.start() - 1] in "./-" or text[m.end() : m.end() + 1] in ("/", "-")


def _is_hijri_year(y: int, era: str | None) -> bool:
    """An era mark says so; without one, a year 1300–1499 can only be Hijri in news text."""
    if era:
        return bool(g.H_ERA_RE.fullmatch(era.strip()))
    return 1300 <= y < 1500


def _day_value(y: int, mo: int, d: int, era: str | None) -> str | None:
    if _is_hijri_year(y, era):
        try:
            return hijri.to_gregorian(y, mo, d).isoformat()
        except ValueError:
            return None
    when = _safe_date(y, mo, d)
    return when.isoformat() if when else None


def iso(m, text, published):
    value = _day_value(_int(m.group("y")), _int(m.group("m")), _int(m.group("d")), m.group("era"))
    return _expr(m, value, None, "day") if value else None


def month_date(m, text, published):
    month = g.lookup(g.MONTHS_BY_KEY, m.group("m1"))
    has_day = m.group("d") or m.group("od")
    if g.key(m.group("m1")) in g.AMBIGUOUS_MONTH_KEYS and not (
        has_day or m.group("y") or m.group("m2") or m.group("mshift")
    ):
        return None
    # a paired name that disagrees («يونيو/تموز») is a typo: the first name wins
    day = _int(m.group("d")) if m.group("d") else g.lookup(g.ORDINALS_BY_KEY, m.group("od") or "")
    year = _int(m.group("y")) if m.group("y") else None
    if m.group("m3"):
        return _month_span(m, month, g.lookup(g.MONTHS_BY_KEY, m.group("m3")), year, published)
    if m.group("d0") and day:
        return _day_span(m, _int(m.group("d0")), day, month, year, published)
    expr = _single_month(m, month, day, year, published)
    if m.group("between") and m.start() == m.start("between"):  # «من يناير» is not a range
        expr.start = m.end("between")
        expr.text = m.string[expr.start : expr.end]
    return expr


def _single_month(m, month, day, year, published):
    part = _part(m)
    if year is None:
        return _yearless(m, month, day, part, published)
    if day:
        when = _safe_date(year, month, day)
        return _expr(m, when.isoformat() if when else None, None, "day")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return _range_expr(m, first, last, part, "month", "absolute")


def _yearless(m, month, day, part, published):
    if published is None:
        return _unanchored(m, "day" if day else "month")
    shift = g.lookup(g.SHIFT_BY_KEY, m.group("mshift")) if m.group("mshift") else None
    prep = g.key(m.group("prep") or "").lstrip("وف")
    if prep in ("منذ", "قبل"):  # «منذ كانون الأول»: the last one before publication
        shift = -1 if shift is None else shift
    if day:
        when = _closest_year(month, day, published)
        if when and shift == -1 and when > published:
            when = _safe_date(when.year - 1, month, day)
        return _expr(m, when.isoformat() if when else None, None, "day", "published")
    first = _closest_year(month, 1, published.replace(day=1))
    this_month = published.replace(day=1)
    if shift == -1 and first == this_month and prep in ("منذ", "قبل"):
        shift = None  # «منذ يوليو» written in July: this July
    while shift == 1 and first <= this_month:  # «أكتوبر المقبل»: the next October
        first = first.replace(year=first.year + 1)
    while shift == -1 and first >= this_month:  # «أكتوبر الماضي»: the last one before this month
        first = first.replace(year=first.year - 1)
    last = date(first.year, month, calendar.monthrange(first.year, month)[1])
    return _range_expr(m, first, last, part, "month", "published")


def _day_span(m, d0, d1, month, year, published):
    anchor = "absolute"
    if year is None:
        if published is None:
            return _unanchored(m, "range")
        year, anchor = _closest_year(month, 1, published.replace(day=1)).year, "published"
    a, b = _safe_date(year, month, d0), _safe_date(year, month, d1)
    if not (a and b):
        return _expr(m, None, None, "range", anchor)
    return _expr(m, a.isoformat(), b.isoformat(), "range", anchor)


def _month_span(m, m1, m3, year, published):
    anchor = "absolute"
    if year is None:
        if published is None:
            return _unanchored(m, "range")
        year, anchor = published.year, "published"
    return _expr(m, f"{year:04d}-{m1:02d}", f"{year:04d}-{m3:02d}", "range", anchor)


def month_paren(m, text, published):
    month = g.lookup(g.MONTHS_BY_KEY, m.group("m1"))
    year = _int(m.group("y"))
    if m.group("d"):
        when = _safe_date(year, _int(m.group("m")), _int(m.group("d")))
        return _expr(m, when.isoformat() if when else None, None, "day")
    return _expr(m, f"{year:04d}-{month:02d}", None, "month")


def hijri_date(m, text, published):
    hm = g.lookup(g.HIJRI_BY_KEY, m.group("hm"))
    has_day = m.group("d") or m.group("od")
    year = _int(m.group("y")) if m.group("y") else None
    if year is not None and not (1 <= year <= 1600):
        year = None
    qualified = has_day or year or m.group("shahr") or m.group("bless") or m.group("hshift")
    if g.key(m.group("hm")) in g.AMBIGUOUS_HIJRI_KEYS and not qualified:
        return None  # «رجب طيب أردوغان», «صفر» (zero)
    day = _int(m.group("d")) if m.group("d") else g.lookup(g.ORDINALS_BY_KEY, m.group("od") or "")
    if year is None:
        return _hijri_yearless(m, hm, day, published)
    try:
        if day:
            return _expr(m, hijri.to_gregorian(year, hm, day).isoformat(), None, "day")
        a, b = hijri.month_range(year, hm)
    except ValueError:
        return _expr(m, None, None, "day" if day else "month")
    return _expr(m, a.isoformat(), b.isoformat(), "range")


def _hijri_yearless(m, hm, day, published):
    """The occurrence of the Hijri month nearest publication («شهر رمضان»), or the next/last one
    («رمضان المقبل», «شوال الماضي»); «شوال الجاري» is the one containing publication."""
    if published is None:
        return _unanchored(m, "day" if day else "range")
    shift = g.lookup(g.SHIFT_BY_KEY, m.group("hshift")) if m.group("hshift") else None
    hy = hijri.from_gregorian(published)[0]
    options = [(*hijri.month_range(y, hm), y) for y in (hy - 1, hy, hy + 1)]
    if shift == 1:
        options = [o for o in options if o[0] > published] or options
    elif shift == -1:
        options = [o for o in options if o[1] < published] or options
    a, b, y = min(options, key=lambda o: abs((o[0] + (o[1] - o[0]) / 2 - published).days))
    if day:
        try:
            return _expr(m, hijri.to_gregorian(y, hm, day).isoformat(), None, "day", "published")
        except ValueError:
            return _expr(m, None, None, "day", "published")
    return _expr(m, a.isoformat(), b.isoformat(), "range", "published")


def year_expr(m, text, published):
    y = _int(m.group("y"))
    era = m.group("era")
    is_hijri = bool(era and g.H_ERA_RE.fullmatch(era))
    # a bare «م» after a number is as often metres as the Gregorian era
    introduced = m.group("word") or m.group("prep") or m.group("part") or (era and era.strip() != "م")
    if not introduced:
        if len(_digits(m.group("y"))) != 4 or not (1800 <= y <= 2099):
            return None
        if _ends_at(g.NOT_YEAR_BEFORE, text, m.start()):
            return None
        if g.NOT_YEAR_AFTER.match(text, m.end()):
            return None
    elif not is_hijri and not (1000 <= y <= 2199) and not era:
        return None
    start = _span_start(m)
    end = m.end()
    if start != m.start() and m.group("lp"):
        end = m.end("y") if not m.group("y2") else m.end("y2")
    y2 = _int(m.group("y2")) if m.group("y2") else None
    sub = DateExpression(start, end, text[start:end], None)
    if is_hijri:
        a, b = hijri.year_range(y)
        if y2:
            b = hijri.year_range(y2)[1]
        sub.value, sub.end_value, sub.granularity = a.isoformat(), b.isoformat(), "range"
        return sub
    if y2 and y2 > y:
        sub.value, sub.end_value, sub.granularity = f"{y:04d}", f"{y2:04d}", "range"
        return sub
    part = _part(m)
    if part:
        r = _range_expr(m, date(y, 1, 1), date(y, 12, 31), part, "year", "absolute", start)
        r.end, r.text = end, text[start:end]
        return r
    sub.value, sub.granularity = f"{y:04d}", "year"
    return sub


def _ends_at(pattern, text, pos) -> bool:
    return pattern.search(text[max(0, pos - 12) : pos]) is not None
