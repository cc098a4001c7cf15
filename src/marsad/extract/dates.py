"""Find and normalise the date and time expressions of an article.

:func:`find_dates` runs every rule of :mod:`marsad.extract.dates_grammar` over the text, lets its
handler accept and normalise each match, and keeps the longest non-overlapping ones (leftmost on a
tie). :class:`DatesStage` fills ``Article.dates``, anchoring relative expressions on
``Article.published``. No dateparser: it misses most Levantine, Maghrebi, Hijri and relative forms.
"""

from __future__ import annotations

from datetime import date

from marsad.document import Article, DateExpression
from marsad.extract import dates_grammar as g
from marsad.extract import dates_relative as rel
from marsad.extract import dates_resolve as res
from marsad.extract.dates_triggers import TRIGGERS, WordIndex, fold, hits

_HANDLERS = {
    "numeric": res.numeric, "iso": res.iso, "month": res.month_date, "month_paren": res.month_paren,
    "hijri": res.hijri_date, "year": res.year_expr, "relative_day": rel.relative_day,
    "weekday": rel.weekday, "period": rel.period, "duration": rel.duration, "recent": rel.recent,
    "frequency": rel.frequency, "decade": rel.decade, "century": rel.century,
    "decade_rel": rel.decade_rel, "era_period": rel.era_period, "season": rel.season,
    "clock": rel.clock, "hhmm": rel.hhmm,
}
_RULES = tuple((pattern, _HANDLERS[name], TRIGGERS[name]) for name, pattern in g.RULES)


def parse_published(published: str | date | None) -> date | None:
    """The day of an ISO date or datetime string (None when absent or unreadable)."""
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def candidates(text: str, published: date | None) -> list[DateExpression]:
    """Every accepted match of every rule, overlapping ones included."""
    found = []
    seen: set[tuple[int, int, int]] = set()
    folded = fold(text)
    cache: dict[str, list[int]] = {}
    index = WordIndex(folded)
    for k, (pattern, handler, trigger) in enumerate(_RULES):
        for s in index.starts(hits(folded, trigger, cache)):
            m = pattern.match(text, s)
            if m is None or (k, m.start(), m.end()) in seen:
                continue
            seen.add((k, m.start(), m.end()))
            try:
                expr = handler(m, text, published)
            except (OverflowError, ValueError):  # date arithmetic past year 9999 or before year 1
                continue
            if expr is not None and expr.end > expr.start and _on_calendar(expr):
                found.append(expr)
    return found


def _on_calendar(expr: DateExpression) -> bool:
    """Years 1-9999 only: anchored on an odd publication date (year 40, year 9990), «القرن الماضي» or
    «بعد عشرين عاما» would leave the calendar ISO dates can write."""
    return all(value is None or (value[:4].isdigit() and value[4:5] in ("", "-") and value[:4] != "0000")
               for value in (expr.value, expr.end_value))


def find_dates(text: str, published: str | date | None = None) -> list[DateExpression]:
    """Date and time expressions of ``text`` in order, relative ones anchored on ``published``."""
    pub = parse_published(published)
    chosen: list[DateExpression] = []
    taken = bytearray(len(text))  # 1 where a chosen expression lies: one lookup per candidate, not a scan
    for expr in sorted(candidates(text, pub), key=lambda e: (e.start - e.end, e.start)):
        if taken.find(1, expr.start, expr.end) < 0:
            chosen.append(expr)
            taken[expr.start:expr.end] = b"\x01" * (expr.end - expr.start)
    return sorted(chosen, key=lambda e: e.start)


class DatesStage:
    """Fill ``Article.dates`` from ``Article.text``, anchored on ``Article.published``."""

    name = "dates"
    requires = ("text",)
    provides = ("dates",)

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            article.dates = find_dates(article.text or "", article.published)
        return articles
