"""The clean stage: ``Article.raw_text`` → title, dateline/place/agency, credits, body text and the
removed lines with their reasons (nothing is deleted: every line not in the text is in ``removed``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.agencies import find_agency
from marsad.arabic.normalize import DIACRITICS, TATWEEL
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


# A line ending in one of these cannot end a sentence: the page broke the sentence over two lines
# («وذكر المتحدث أنَّ» / «الوزيرين أفردا …»), and the two lines are one paragraph.
_CONTINUES = re.compile(r"(?:^|\s)(?:[وف]?(?:أن|أنّ|أنَّ|إن|إنّ|بأن|لأن|التي|الذي|الذين|في|من|على|إلى|عن|مع|أو|ثم|بين|حول))\s*$|[،,]\s*$")


_NO_MARKS = {ord(c): None for c in DIACRITICS + TATWEEL}


def join_broken_lines(lines: list[str]) -> list[str]:
    """Body paragraphs: each line, except that a line which cannot end a sentence is joined to the next."""
    out: list[str] = []
    for line in lines:
        if out and _CONTINUES.search(" " + out[-1][-16:].translate(_NO_MARKS)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


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
    body = join_broken_lines([ln.text for ln in page.lines if ln.label == BODY])
    # Every line not in the text is listed, the title and credit lines included, so the page can
    # always be put back together from text + removed.
    removed = [RemovedLine(ln.line_no, ln.text, ln.reason or ln.label) for ln in page.lines if ln.label != BODY]
    if not body and page.title and not title:
        # A page whose only article line is its headline (a one-sentence item): losing text is worse
        # than repeating it, so the line is the text as well as the title.
        body = [page.title]
        removed = [r for r in removed if not (r.text == page.title and r.reason == "title")]
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
    options = ("recurring",)  # what the pipeline may pass to __init__ (marsad.pipeline.build_stages)

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
