"""Handlers for relative and vague expressions (اليوم، أمس الخميس، الأسبوع الماضي، قبل يومين،
الصيف، القرن العشرين، الساعة العاشرة صباحاً), anchored on the publication date.

Same contract as :mod:`marsad.extract.dates_resolve`: ``(match, text, published)`` →
``DateExpression`` or ``None``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from marsad.document import DateExpression
from marsad.arabic import months as cal
from marsad.extract import dates_grammar as g
from marsad.extract.dates_resolve import (
    WEEK_START, _add_months, _expr, _int, _part, _range_expr, _unanchored,
)


_FUTURE_REACH = 60  # characters before a weekday searched for a schedule word
_NOT_SUNDAY = re.compile(r"(?:لا|ولا|أي|اي|كل|من)\s*$")
_NOT_SUNDAY_REACH = 20  # the word sits right before «أحد»; searching all the text before it was quadratic


def _week_of(d: date) -> tuple[date, date]:
    first = d - timedelta(days=(d.weekday() - WEEK_START) % 7)
    return first, first + timedelta(days=6)


def relative_day(m, text, published):
    if g.OUTLETS_BEFORE_TODAY.search(text, max(0, m.start() - 12), m.start()):
        return None
    offset = g.lookup(g.RELATIVE_BY_KEY, m.group("rel"))
    if offset is None:
        return None
    granularity = "time" if m.group("tod") else "day"
    if published is None:
        return _unanchored(m, granularity)
    when = published + timedelta(days=offset)
    return _expr(m, when.isoformat(), None, granularity, "published")


def weekday(m, text, published):
    wd = g.lookup(g.WEEKDAYS_BY_KEY, m.group("wd"))
    if wd is None or g.NOT_WEEKDAY_BEFORE.search(text, max(0, m.start() - 10), m.start()):
        return None
    if wd == 6 and not (m.group("shift") or m.group("prep")) \
            and _NOT_SUNDAY.search(text, max(0, m.start() - _NOT_SUNDAY_REACH), m.start()):
        return None  # «لا أحد», «أي أحد»: "anyone", not Sunday
    granularity = "time" if m.group("tod") else "day"
    if published is None:
        return _unanchored(m, granularity)
    shift = g.lookup(g.SHIFT_BY_KEY, m.group("shift")) if m.group("shift") else None
    delta = (published.weekday() - wd) % 7
    if shift == 1:
        when = published + timedelta(days=(wd - published.weekday()) % 7 or 7)
    elif shift == -1:
        when = published - timedelta(days=delta or 7)
    elif g.FUTURE_BEFORE.search(text, max(0, m.start() - _FUTURE_REACH), m.start()):
        when = published + timedelta(days=(wd - published.weekday()) % 7)  # «من المقرر … الخميس»
    else:  # news reports the past: the latest such day up to the publication date
        when = published - timedelta(days=delta)
    return _expr(m, when.isoformat(), None, granularity, "published")


def period(m, text, published):
    noun = g.lookup(g.PERIODS_BY_KEY, m.group("noun"))
    shift = g.lookup(g.SHIFT_BY_KEY, m.group("shift")) if m.group("shift") else None
    part = _part(m)
    if shift is None and not m.group("dem") and not part and not m.group("prep"):
        return None  # bare «العام» is usually "general"; bare «السنة» rarely a date in news
    if shift is None:
        shift = 0
    if published is None:
        return _unanchored(m, noun)
    if noun == "week":
        first, last = _week_of(published + timedelta(days=7 * shift))
    elif noun == "month":
        first = _add_months(published.replace(day=1), shift)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:
        first, last = date(published.year + shift, 1, 1), date(published.year + shift, 12, 31)
    return _range_expr(m, first, last, part, noun, "published")


def _count(m) -> int | None:
    n = m.group("n")
    if n:
        s = n.translate(g.DIGITS)
        if s.isdigit():
            return int(s)
        digits = s.lstrip("وفل")
        if digits.isdigit():
            return int(digits)
        return g.lookup(g.CARDINALS_BY_KEY, n)
    unit = g.lookup(g.UNITS_BY_KEY, m.group("unit"))
    return unit[1] if unit else None


def duration(m, text, published):
    unit, dual = g.lookup(g.UNITS_BY_KEY, m.group("unit")) or (None, None)
    if unit is None:
        return None
    prep = g.key(m.group("prep") or "").lstrip("وف")
    if not m.group("n") and not dual and (prep not in ("قبل", "منذ", "بعد") or unit in ("decade", "century")):
        # a unit needs a count or a preposition: «عام» alone means "general", and «بعد عقد
        # اجتماع» is "after holding a meeting"
        return None
    count = _count(m)
    if count is None and not m.group("n") and g.key(m.group("unit")) not in _PLURALS:
        count = 1  # «قبل أسبوع»; «قبل أسابيع» stays vague
    # Wojood leaves an approximator and the preposition before it out: «قبل حوالي [[ثلاث سنوات]]»
    start = m.start("n") if m.group("approx") and m.group("n") else None
    direction = {"قبل": -1, "منذ": -1, "بعد": 1}.get(prep)
    if direction is None or count is None or unit in ("decade", "century"):
        return _expr(m, None, None, "range", "absolute", start)  # a length of time, not a point
    if published is None:
        return _expr(m, None, None, _grain(unit), "unanchored", start)
    expr = _shifted(m, published, unit, direction * count)
    if start is not None:
        expr.start, expr.text = start, text[start : expr.end]
    return expr


_PLURALS = frozenset(g.key(w) for w in cal.PLURAL_UNITS)


def _grain(unit: str) -> str:
    return {"day": "day", "week": "day", "month": "month", "year": "year"}.get(unit, "year")


def _shifted(m, published: date, unit: str, n: int) -> DateExpression:
    if unit == "day":
        return _expr(m, (published + timedelta(days=n)).isoformat(), None, "day", "published")
    if unit == "week":
        return _expr(m, (published + timedelta(days=7 * n)).isoformat(), None, "day", "published")
    if unit == "month":
        first = _add_months(published.replace(day=1), n)
        return _expr(m, f"{first.year:04d}-{first.month:02d}", None, "month", "published")
    return _expr(m, f"{published.year + n:04d}", None, "year", "published")


def recent(m, text, published):
    """«خلال الأيام الخمسة الماضية», «السنوات الأخيرة»: a range ending at publication."""
    unit = g.lookup(g.UNITS_BY_KEY, m.group("unit")[2:]) or g.lookup(g.UNITS_BY_KEY, m.group("unit"))
    unit = unit[0] if unit else None
    n = m.group("n")
    count = None
    if n:
        s = n.translate(g.DIGITS)
        count = int(s[2:]) if s[2:].isdigit() else g.lookup(g.CARDINALS_BY_KEY, n[2:] if n.startswith("ال") else n)
    future = g.key(m.group("shift")) in (g.key("المقبلة"), g.key("القادمة"))
    if published is None or count is None or unit not in ("day", "week", "month", "year"):
        return _expr(m, None, None, "range", "unanchored" if published is None else "published")
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * count
    if future:
        a, b = published + timedelta(days=1), published + timedelta(days=days)
    else:
        a, b = published - timedelta(days=days), published - timedelta(days=1)
    return _expr(m, a.isoformat(), b.isoformat(), "range", "published")


def frequency(m, text, published):
    return _expr(m, None, None, "range", "absolute")


def decade(m, text, published):
    dec = g.lookup(g.DECADES_BY_KEY, m.group("dec"))
    cent = g.lookup(g.CENTURIES_BY_KEY, m.group("cent")) if m.group("cent") else None
    if cent == 0:  # «من القرن الماضي»
        cent = (published.year // 100) if published else 20
    if cent is None:
        return _expr(m, None, None, "range", "absolute")
    y = (cent - 1) * 100 + dec
    return _expr(m, f"{y:04d}", f"{y + 9:04d}", "range", "absolute")


def century(m, text, published):
    cent = g.lookup(g.CENTURIES_BY_KEY, m.group("cent"))
    anchor = "absolute"
    if cent == 0:
        if published is None:
            return _unanchored(m, "range")
        word = g.key(m.group("cent"))
        cent = published.year // 100 + (0 if word == g.key("الماضي") else 1)
        anchor = "published"
    y = (cent - 1) * 100 + 1
    return _expr(m, f"{y:04d}", f"{y + 99:04d}", "range", anchor)


def decade_rel(m, text, published):
    if published is None:
        return _unanchored(m, "range")
    shift = g.lookup(g.SHIFT_BY_KEY, m.group("shift")) or 0
    y = published.year // 10 * 10 + 10 * shift
    return _expr(m, f"{y:04d}", f"{y + 9:04d}", "range", "published")


def era_period(m, text, published):
    return _expr(m, None, None, "range", "absolute")


def season(m, text, published):
    if m.group("y"):
        return _expr(m, f"{_int(m.group('y')):04d}", None, "year", "absolute")
    return _expr(m, None, None, "range", "absolute")


def clock(m, text, published):
    hour, minute = _hour(m.group("h"))
    if hour is None:
        return None
    if m.group("min"):
        extra = g.lookup(g.MINUTES_BY_KEY, m.group("min")) or 0
        if extra < 0:
            hour, minute = hour - 1, 60 + extra
        else:
            minute = extra
    part = g.lookup(g.DAY_PARTS_BY_KEY, m.group("part")) if m.group("part") else None
    if part == "pm" and hour < 12:
        hour += 12
    day = None
    anchor = "absolute"
    if m.group("rel"):
        offset = g.lookup(g.RELATIVE_BY_KEY, m.group("rel").split()[-1])
        anchor = "published" if published else "unanchored"
        if published and offset is not None:
            day = published + timedelta(days=offset)
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}" if day and 0 <= hour < 24 else None
    return _expr(m, value, None, "time", anchor)


def _hour(h: str) -> tuple[int | None, int]:
    s = h.translate(g.DIGITS)
    if s[0].isdigit():
        parts = s.replace(".", ":").split(":")
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    return g.lookup(g.HOURS_BY_KEY, h), 0


def hhmm(m, text, published):
    h, mm = _int(m.group("h")), _int(m.group("mm"))
    if h > 23 or mm > 59:
        return None
    return _expr(m, None, None, "time", "absolute")
