"""Hijri ↔ Gregorian conversion with the tabular (arithmetical) Islamic calendar.

The tabular calendar has 30-year cycles of 354/355-day years (leap years 2, 5, 7, 10, 13, 16, 18,
21, 24, 26, 29 of each cycle) and months alternating 30 and 29 days. Its epoch is 1 Muharram 1 AH =
16 July 622 (Julian) = 19 July 622 (proleptic Gregorian), the "civil" epoch. The calendar people
actually observe starts months on the sighting of the new moon (Umm al-Qura in Saudi Arabia, local
committees elsewhere), so a converted date can be one day (rarely two) off the date a newspaper of
that day printed. Good enough to place an event; not a religious calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

_EPOCH = date(622, 7, 19).toordinal()  # 1 Muharram 1 AH, civil epoch


def _days_before_month(month: int) -> int:
    # ceil(29.5 * (month - 1)): months alternate 30 and 29 days
    return (59 * (month - 1) + 1) // 2


def _days_before_year(year: int) -> int:
    return (year - 1) * 354 + (3 + 11 * year) // 30


def is_leap(year: int) -> bool:
    return (14 + 11 * year) % 30 < 11


def month_length(year: int, month: int) -> int:
    if month == 12:
        return 30 if is_leap(year) else 29
    return 30 if month % 2 == 1 else 29


def to_gregorian(year: int, month: int, day: int) -> date:
    """Gregorian date of a Hijri date (tabular calendar). Raises ValueError for an impossible date."""
    if not (1 <= month <= 12) or year < 1 or not (1 <= day <= month_length(year, month)):
        raise ValueError(f"no such Hijri date: {year}-{month}-{day}")
    return date.fromordinal(_EPOCH - 1 + _days_before_year(year) + _days_before_month(month) + day)


def from_gregorian(when: date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian date in the tabular Hijri calendar."""
    days = when.toordinal() - _EPOCH  # days since 1 Muharram 1
    year = (30 * days + 10646) // 10631
    while _days_before_year(year + 1) <= days:
        year += 1
    while _days_before_year(year) > days:
        year -= 1
    rest = days - _days_before_year(year)
    month = min(12, rest * 2 // 59 + 1)
    while month > 1 and _days_before_month(month) > rest:
        month -= 1
    while month < 12 and _days_before_month(month + 1) <= rest:
        month += 1
    return year, month, rest - _days_before_month(month) + 1


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last Gregorian day of a Hijri month."""
    first = to_gregorian(year, month, 1)
    return first, first + timedelta(days=month_length(year, month) - 1)


def year_range(year: int) -> tuple[date, date]:
    """First and last Gregorian day of a Hijri year."""
    return to_gregorian(year, 1, 1), to_gregorian(year + 1, 1, 1) - timedelta(days=1)
