"""Label every line of a page: title, body, dateline, credit or boilerplate (with a reason).

The order of the passes is the design:

1. line rules (``arabic/chrome_rules.tsv``), credits, stand-alone datelines, recurring lines;
2. "read also" blocks: a related-articles header takes the teaser headlines and snippets after it;
3. the header (lines before the first paragraph): the title, section labels, ticker items;
4. the tail: teaser headlines after the closing credit or beside a related header;
5. everything still undecided is body — when in doubt a line stays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.arabic.normalize import normalize
from marsad.clean.heading import Dateline, parse_credit, parse_dateline, parse_place_credit
from marsad.clean.page import BOILERPLATE, BODY, CREDIT, DATELINE, TITLE, PageLine, line_key, page_lines
from marsad.clean.rules import chrome_reason

# Reasons of labels that announce a ticker or a section: a headline after them may be a ticker item.
_TICKER_REASONS = {"banner", "section"}
_MAX_TEASER_LINES = 10
_MAX_TITLE_WORDS = 30


@dataclass
class PageLayout:
    lines: list[PageLine]
    title: str | None = None
    dateline: Dateline | None = None
    credits: list[str] = field(default_factory=list)


def layout_page(raw_text: str, *, given_title: str | None = None, recurring: frozenset[str] = frozenset()) -> PageLayout:
    lines = page_lines(raw_text)
    page = PageLayout(lines)
    _line_rules(lines, recurring)
    _related_blocks(lines)
    _header(page, given_title)
    _tail(lines)
    for line in lines:
        if line.undecided:
            line.decide(BODY)
    _body_dateline(page)
    page.credits = [ln.text for ln in lines if ln.label == CREDIT]
    return page


def _line_rules(lines: list[PageLine], recurring: frozenset[str]) -> None:
    for line in lines:
        reason = chrome_reason(line.norm, line.n_words)
        if reason:
            line.decide(BOILERPLATE, reason)
        elif parse_credit(line.text, line.n_words):
            line.decide(CREDIT)
        elif line.n_words <= 8 and (found := parse_dateline(line.text)) is not None:
            line.decide(DATELINE)
            line.extra["dateline"] = found
        elif recurring and line_key(line.norm) in recurring:
            line.decide(BOILERPLATE, "recurring")


def _is_related_header(line: PageLine) -> bool:
    """«اقرأ أيضاً» or «مقالات ذات صلة» on a line of its own (not an inline «إقرأ أيضاً: headline»)."""
    if line.reason != "related":
        return False
    return line.n_words <= 4 or line.text.rstrip().endswith((":", "："))


def _teaser_like(line: PageLine) -> bool:
    return not line.paragraph_like or line.ends_with_ellipsis


def _related_blocks(lines: list[PageLine]) -> None:
    for i, line in enumerate(lines):
        if not _is_related_header(line):
            continue
        taken: list[PageLine] = []
        resumed = False
        for nxt in lines[i + 1 : i + 1 + _MAX_TEASER_LINES]:
            if not nxt.undecided:
                if nxt.label in (BOILERPLATE,):
                    continue  # timestamps, share rows inside the block
                break
            if not _teaser_like(nxt):
                resumed = True
                break
            taken.append(nxt)
        if resumed and len(taken) >= 2 and not taken[-1].ends_with_ellipsis:
            taken.pop()  # the line just before the body resumes may be the article's own sub-heading
        for teaser in taken:
            teaser.decide(BOILERPLATE, "related")


def _first_paragraph(lines: list[PageLine]) -> int:
    for i, line in enumerate(lines):
        if line.undecided and line.paragraph_like:
            return i
    return len(lines)


def _header(page: PageLayout, given_title: str | None) -> None:
    lines = page.lines
    end = _first_paragraph(lines)
    if given_title:
        _given_title(page, given_title, end)
        return
    header = [i for i in range(end) if lines[i].undecided]
    title_at = _choose_title(lines, header)
    if title_at is None:
        title_at = next((i for i, ln in enumerate(lines) if ln.undecided), None)
        if title_at is None:
            return
    lines[title_at].decide(TITLE)
    page.title = lines[title_at].text
    for i in header:
        if i < title_at:
            lines[i].decide(BOILERPLATE, "section" if lines[i].n_words <= 3 else "ticker")
        elif i > title_at:
            _after_title(lines[i])
    _repeated_title(lines, page.title, start=title_at + 1)


def _choose_title(lines: list[PageLine], header: list[int]) -> int | None:
    candidates = [i for i in header if 4 <= lines[i].n_words <= _MAX_TITLE_WORDS and not lines[i].ends_with_ellipsis]
    if not candidates:
        short = [i for i in header if lines[i].n_words <= _MAX_TITLE_WORDS]
        return max(short, key=lambda i: lines[i].n_words) if short else None
    first = candidates[0]
    after_ticker = any(ln.reason in _TICKER_REASONS for ln in lines[:first])
    # Under a ticker label the headlines before the article's own are ticker items: take the one
    # nearest the body. Elsewhere the first headline is the title and what follows is a standfirst.
    return candidates[-1] if after_ticker and len(candidates) > 1 else first


def _after_title(line: PageLine) -> None:
    if line.n_words <= 3:
        line.decide(BOILERPLATE, "section")
        return
    found = parse_place_credit(line.text) if line.n_words <= 6 else None
    if found is not None:
        line.decide(DATELINE)
        line.extra["dateline"] = found


def _given_title(page: PageLayout, given_title: str, end: int) -> None:
    page.title = given_title.strip()
    _repeated_title(page.lines, page.title, start=0)
    for line in page.lines[:end]:
        if line.undecided and line.n_words <= 3:
            line.decide(BOILERPLATE, "section")


def _repeated_title(lines: list[PageLine], title: str, start: int) -> None:
    wanted = normalize(title)
    for line in lines[start:]:
        if line.undecided and line.norm == wanted:
            line.decide(BOILERPLATE, "title")


def _tail(lines: list[PageLine]) -> None:
    """Teaser headlines after the article: once the closing credit or a related header has been seen
    past the last paragraph, the remaining headline-like lines are other articles' titles."""
    last = max((i for i, ln in enumerate(lines) if ln.undecided and ln.paragraph_like), default=-1)
    if last < 0:
        return
    tail = lines[last + 1 :]
    marker = next((k for k, ln in enumerate(tail) if ln.label == CREDIT or _is_related_header(ln)), None)
    if marker is None:
        return
    for k, line in enumerate(tail):
        if not line.undecided:
            continue
        before_header = any(_is_related_header(ln) for ln in tail[k + 1 : k + 3])
        if k > marker or before_header:
            line.decide(BOILERPLATE, "related")


def _body_dateline(page: PageLayout) -> None:
    for line in page.lines:
        if line.label == DATELINE and page.dateline is None:
            page.dateline = line.extra.get("dateline")
    if page.dateline is not None:
        return
    first_body = next((ln for ln in page.lines if ln.label == BODY), None)
    if first_body is not None:
        page.dateline = parse_dateline(first_body.text, standalone=False)
