"""Infer a publication date for an article that came without one — or leave it unknown.

Evidence, strongest first; the first that yields a full day wins:

1. ``url``: a date in the article URL (``/2015/10/27/``, ``/2015-10-27``, ``20151027``).
2. ``text-stamp``: a short line of the page that is essentially a date («الثلاثاء 27 أكتوبر 2015
   - 10:30», «نشر في: 27/10/2015»): in the page header (before the first paragraph), or labelled
   («نشر», «تاريخ», «تحديث») among the last lines.
3. ``dateline``: a full date in the dateline field, or in a dateline opening the text
   («موسكو - 27 أكتوبر 2015 (سانا) -»). A date in the first sentence is not enough: it is usually
   the date of the event.
4. ``weekday-agreement``: a relative day that names its weekday and is pinned to a full date that
   has that weekday («أمس الخميس 26 أكتوبر 2015» → the article is from Friday 27 October 2015).

Weekday words alone («اليوم الجمعة», «أمس الخميس») tell the weekday of publication, not the date:
they are checked against the inferred date and reported, never turned into a date. A year-less
date is never completed by guessing its year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from marsad.document import PUBLISHED_INFERRED, Article, DateExpression
from marsad.extract import dates_grammar as g
from marsad.extract.dates import find_dates
from marsad.extract.dates_triggers import TRIGGERS, WordIndex, fold, hits

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_URL_PATTERNS = (
    re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=/|$|[?#._-])"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"(?<![\d])((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"),
)
# Words that may sit on a date-stamp line besides the date itself.
_STAMP_WORDS = re.compile(
    r"نشر|تاريخ|النشر|آخر|اخر|تحديث|التحديث|بتوقيت|في|يوم|الساعة|منذ|م|ص|GMT|am|pm|[\W\d_]",
)
_HIJRI_MARK = re.compile(r"هـ|هجري|\b1[34]\d\d\b")
_STAMP_LABEL = re.compile(r"نشر|تاريخ|تحديث")
_DATELINE_END = re.compile(r"\s*(?:[-–—(:]|\n|$)")
_STAMP_MAX = 80
_STAMP_LINES = 12
_DATELINE_REACH = 80
_PINNED_REACH = 60  # how far after «أمس الخميس» its date may end


def _full_day(expr: DateExpression) -> date | None:
    if expr.anchor != "absolute" or expr.granularity != "day" or not expr.value or len(expr.value) != 10:
        return None
    try:
        return date.fromisoformat(expr.value)
    except ValueError:
        return None


def from_url(url: str | None) -> date | None:
    if not url:
        return None
    for pattern in _URL_PATTERNS:
        for m in pattern.finditer(url):
            try:
                when = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if 1990 <= when.year <= date.today().year + 1:
                return when
    return None


def _stamp_of(line: str) -> date | None:
    line = line.strip()
    if not line or len(line) > _STAMP_MAX:
        return None
    for expr in find_dates(line):
        when = _full_day(expr)
        if when is None:
            continue
        rest = line[: expr.start] + " " + line[expr.end :]
        leftover = [w for w in rest.split() if not _STAMP_WORDS.fullmatch(w)]
        if len(leftover) <= 2:
            return when
    return None


def from_stamp(page_text: str | None) -> date | None:
    """A stamp line in the page header (the short lines before the first paragraph), or a labelled
    one («نشر في», «تاريخ النشر», «آخر تحديث») among the last lines."""
    lines = [ln for ln in (page_text or "").splitlines() if ln.strip()]
    for line in lines[:_STAMP_LINES]:
        if len(line.strip()) > _STAMP_MAX:
            break  # the body has begun: a short dated line below it is part of the article
        when = _stamp_of(line)
        if when:
            return when
    for line in lines[-_STAMP_LINES:]:
        when = _stamp_of(line) if _STAMP_LABEL.search(line) else None
        if when:
            return when
    return None


def from_dateline(dateline: str | None, text: str | None) -> date | None:
    """A date in the dateline field, or in a dateline opening the text («موسكو - 27 أكتوبر 2015
    (سانا) -»): a few words, the date, then a dash, bracket or colon."""
    for expr in find_dates(dateline or ""):
        when = _full_day(expr)
        if when:
            return when
    opening = (text or "")[:_DATELINE_REACH]
    for expr in find_dates(opening):
        when = _full_day(expr)
        if when and len(opening[: expr.start].split()) <= 3 and _DATELINE_END.match(opening, expr.end):
            return when
    return None


def _weekday_days(text: str) -> list[tuple[re.Match, int, int]]:
    """«اليوم الجمعة», «أمس الخميس», «غداً السبت»: (match, day offset, weekday) for each."""
    folded = fold(text)
    index = WordIndex(folded)
    out = []
    for start in index.starts(hits(folded, TRIGGERS["relative_day"], {})):
        m = g.RELATIVE_DAY.match(text, start)
        if m is None or not m.group("wd") or m.group("prep"):
            continue
        offset = g.lookup(g.RELATIVE_BY_KEY, m.group("rel"))
        wd = g.lookup(g.WEEKDAYS_BY_KEY, m.group("wd"))
        if offset is not None and wd is not None:
            out.append((m, offset, wd))
    return out


def implied_weekdays(text: str | None) -> set[int]:
    """Weekdays of publication implied by «اليوم الجمعة», «أمس الخميس», «غداً السبت»."""
    return {(wd - offset) % 7 for _, offset, wd in _weekday_days(text or "")}


def from_weekday_agreement(text: str | None) -> date | None:
    """A relative day pinned to a full date with the same weekday («أمس الخميس 26 أكتوبر 2015»)."""
    text = text or ""
    for m, offset, wd in _weekday_days(text):
        for expr in find_dates(text[m.end() : m.end() + _PINNED_REACH]):
            when = _full_day(expr)
            if not when or expr.start > 12:
                continue
            for day in _observed_days(when, expr.text):
                if day.weekday() == wd:
                    return day - timedelta(days=offset)
    return None


def _observed_days(when: date, text: str) -> tuple[date, ...]:
    """The converted day, and for a Hijri date also the days either side: the observed calendar can
    be a day off the tabular one, and the weekday the text names settles which day it was."""
    if _HIJRI_MARK.search(text):
        return (when, when - timedelta(days=1), when + timedelta(days=1))
    return (when,)


def infer_published(article: Article) -> tuple[str | None, str]:
    """``(ISO date or None, how)``; ``how`` names the evidence, or why the date stays unknown."""
    weekdays = implied_weekdays(article.text)
    for how, when in (
        ("url", lambda: from_url(article.url)),
        ("text-stamp", lambda: from_stamp(article.raw_text)),
        ("dateline", lambda: from_dateline(article.dateline, article.text)),
        ("weekday-agreement", lambda: from_weekday_agreement(article.text)),
    ):
        found = when()
        if found is None:
            continue
        if weekdays and found.weekday() not in weekdays:
            how += f"; text says {'/'.join(_WEEKDAY_NAMES[w] for w in sorted(weekdays))}"
        return found.isoformat(), how
    if len(weekdays) > 1:
        return None, "unknown: the text's weekdays disagree"
    if weekdays:
        return None, f"unknown: only the weekday ({_WEEKDAY_NAMES[weekdays.pop()]}) is known"
    return None, "unknown: no date evidence"


class PublishedStage:
    """Set ``published`` of articles that have none, from their own text, dateline or URL."""

    name = "published"
    requires = ("text",)
    provides = ("published",)

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            if article.published:
                continue
            value, how = infer_published(article)
            if value:
                article.published = value
                article.published_how = PUBLISHED_INFERRED
                article.published_detail = how
            else:
                article.meta["published_unknown"] = how
        return articles
