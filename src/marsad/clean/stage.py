"""The clean stage: ``Article.raw_text`` → title, dateline/place/agency, credits, body text and the
removed lines with their reasons (nothing is deleted: every line not in the text is in ``removed``)."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.arabic.agencies import find_agency
from marsad.clean.heading import is_source_credit, parse_author_field
from marsad.clean.layout import PageLayout, layout_page
from marsad.clean.page import BODY
from marsad.clean.recurring import RecurringSnapshot
from marsad.document import Article, RemovedLine


@dataclass
class CleanResult:
    """What cleaning one page gives (also used by the eval harness, which scores the line labels)."""

    layout: PageLayout
    title: str | None
    text: str
    dateline: str | None
    place: str | None
    agency: str | None
    credits: list[str]
    removed: list[RemovedLine]

    def kept_lines(self) -> list[str]:
        """Title and body lines, as the gold scores them."""
        kept = [self.title] if self.title else []
        return kept + [ln.text for ln in self.layout.lines if ln.label == BODY]


def clean_page(
    raw_text: str,
    *,
    title: str | None = None,
    author: str | None = None,
    recurring: frozenset[str] = frozenset(),
) -> CleanResult:
    """Clean one page. ``title`` is a title the input gave (kept as is); ``author`` may hold a dateline
    (SaudiNewsNet: «الرياض - واس», «لندن: فلان»)."""
    page = layout_page(raw_text or "", given_title=title, recurring=recurring)
    body = [ln.text for ln in page.lines if ln.label == BODY]
    # Every line not in the text is listed, the title and credit lines included, so the page can
    # always be put back together from text + removed.
    removed = [RemovedLine(ln.line_no, ln.text, ln.reason or ln.label) for ln in page.lines if ln.label != BODY]
    dl = page.dateline
    credits = list(page.credits)
    if dl is None and author:
        dl = parse_author_field(author)
    if dl is not None and dl.credit and dl.credit not in credits:
        credits.append(dl.credit)
    agency = dl.agency if dl else None
    if agency is None:  # «المصدر: تاس»: the wire named in a source credit
        agency = next((key for c in page.credits if is_source_credit(c) and (key := find_agency(c))), None)
    return CleanResult(
        layout=page,
        title=page.title,
        text="\n\n".join(body),
        dateline=dl.text if dl else None,
        place=dl.place if dl else None,
        agency=agency,
        credits=credits,
        removed=removed,
    )


class CleanStage:
    """Fills title, dateline, place, agency, credits, text and removed from ``raw_text``."""

    name = "clean"
    requires = ("raw_text",)
    provides = ("title", "dateline", "place", "agency", "credits", "text", "removed")

    def __init__(self, recurring: RecurringSnapshot | None = None) -> None:
        self.recurring = recurring or RecurringSnapshot()

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            self.clean(article)
        return articles

    def clean(self, article: Article) -> Article:
        given = (article.title or "").strip() or None
        try:
            result = clean_page(
                article.raw_text,
                title=given,
                author=article.author,
                recurring=self.recurring.for_source(article.source),
            )
        except Exception as exc:  # a per-document problem: keep the page as it came, say why
            article.text = (article.raw_text or "").strip()
            article.meta["clean_error"] = f"{type(exc).__name__}: {exc}"
            return article
        article.title = result.title
        article.text = result.text
        article.dateline = result.dateline
        article.place = result.place
        article.agency = result.agency
        article.credits = result.credits
        article.removed = result.removed
        article.meta["title_from"] = "input" if given else "page"
        return article
