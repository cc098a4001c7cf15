"""Tabular Hijri calendar: conversions checked against the arithmetic of the calendar itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.extract import hijri


@pytest.mark.parametrize(
    "hijri_date, gregorian",
    [
        # epoch: 1 Muharram 1 AH = 16 July 622 Julian = 19 July 622 proleptic Gregorian
        ((1, 1, 1), date(622, 7, 19)),
        # (1436-1)*354 + (3+11*1436)//30 + ceil(29.5*8) + 1 days after the epoch
        ((1436, 9, 1), date(622, 7, 19) + timedelta(days=1435 * 354 + (3 + 11 * 1436) // 30 + 236)),
        ((1436, 9, 1), date(2015, 6, 18)),  # observed start of Ramadan 1436 too
        ((1400, 1, 1), date(1979, 11, 21)),
        ((1437, 1, 1), date(2015, 10, 15)),
        ((1445, 9, 1), date(2024, 3, 11)),
    ],
)
def test_to_gregorian(hijri_date, gregorian):
    assert hijri.to_gregorian(*hijri_date) == gregorian


def test_leap_years_follow_the_30_year_cycle():
    leaps = [y for y in range(1, 31) if hijri.is_leap(y)]
    assert leaps == [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]
    cycle = hijri.to_gregorian(31, 1, 1) - hijri.to_gregorian(1, 1, 1)
    assert cycle.days == 30 * 354 + 11


def test_round_trip_over_two_centuries():
    day = date(1900, 1, 1)
    while day < date(2100, 1, 1):
        assert hijri.to_gregorian(*hijri.from_gregorian(day)) == day
        day += timedelta(days=13)


def test_consecutive_days_across_a_month_end():
    # odd months have 30 days in the table, even ones 29
    assert hijri.to_gregorian(1436, 10, 1) == hijri.to_gregorian(1436, 9, 30) + timedelta(days=1)
    assert hijri.to_gregorian(1436, 11, 1) == hijri.to_gregorian(1436, 10, 29) + timedelta(days=1)


@pytest.mark.parametrize("bad", [(1436, 13, 1), (1436, 2, 30), (0, 1, 1)])
def test_impossible_dates_raise(bad):
    with pytest.raises(ValueError):
        hijri.to_gregorian(*bad)


def test_year_and_month_ranges():
    first, last = hijri.year_range(1436)
    assert (last - first).days + 1 == (355 if hijri.is_leap(1436) else 354)
    a, b = hijri.month_range(1436, 9)
    assert (a, (b - a).days + 1) == (date(2015, 6, 18), 30)
