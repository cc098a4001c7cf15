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
from marsad.clean.heading import Dateline, is_source_credit, orient_split, parse_credit, parse_dateline, parse_place_credit, split_dateline
from marsad.clean.headline import title_match, title_words
from marsad.clean.page import BOILERPLATE, BODY, CREDIT, DATELINE, TITLE, PageLine, line_key, page_lines
from marsad.clean.rules import chrome_reason, longest_rule_words, tail_reason

RECURRING_MAX_WORDS = 25  # = recurring.MAX_WORDS (not imported: recurring imports the stage)

# Reasons of labels that announce a ticker or a section: a headline after them may be a ticker item.
_TICKER_REASONS = {"banner", "section"}
_MAX_TEASER_LINES = 10
_MAX_TITLE_WORDS = 30
_MAX_HEADER_LINES = 8  # undecided lines looked at for the title
_MAX_TICKER_ITEMS = 4
_MAX_HEADLINE_WORDS = 16


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
    longest_rule = longest_rule_words()
    for line in lines:
        if line.n_words > longest_rule:
            continue  # a paragraph longer than any rule's reach: body unless a later pass says otherwise
        reason = chrome_reason(line.norm, line.n_words)
        if reason:
            line.decide(BOILERPLATE, reason)
        elif parse_credit(line.text, line.n_words):
            line.decide(CREDIT)
        elif line.n_words <= 8 and (found := parse_dateline(line.text)) is not None:
            line.decide(DATELINE)
            line.extra["dateline"] = found
        elif recurring and line.n_words <= RECURRING_MAX_WORDS and line_key(line.norm) in recurring:
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
        if _is_related_header(line):
            _take_teasers(lines, i)


def _take_teasers(lines: list[PageLine], i: int) -> None:
    """The teaser headlines and snippets after the related header at ``i``, up to where body resumes."""
    taken: list[PageLine] = []
    resumed = False
    for nxt in lines[i + 1 : i + 1 + _MAX_TEASER_LINES]:
        if not nxt.undecided:
            if nxt.label == BOILERPLATE:
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
        _given_title(page, given_title.strip(), end)
        return
    header = _header_lines(lines, end)
    title_at = _choose_title(lines, header, body_found=end < len(lines))
    if title_at is None:
        return  # the page opens with running text: no line of it is taken as a title
    lines[title_at].decide(TITLE)
    page.title = lines[title_at].text
    _around_title(lines, header, title_at, end)


def _header_lines(lines: list[PageLine], end: int) -> list[int]:
    # A page without any paragraph (a poem, a list) would make everything header: cap it.
    return [i for i in range(end) if lines[i].undecided][:_MAX_HEADER_LINES]


def _around_title(lines: list[PageLine], header: list[int], title_at: int, end: int) -> None:
    """Header lines above the headline are the site's (name, section labels, ticker); short lines
    between it and the body are datelines or labels."""
    for i in header:
        if i < title_at and not (lines[i].n_words <= 3 and lines[i].ends_sentence):
            lines[i].decide(BOILERPLATE, "section" if lines[i].n_words <= 3 else "ticker")
        elif i > title_at:
            _after_title(lines[i])
    _repeated_title(lines, lines[title_at].text, title_at + 1, max(end, title_at + 1))
    _resolve_split_datelines(lines, title_at)


def _resolve_split_datelines(lines: list[PageLine], title_at: int) -> None:
    site = [ln.text for ln in lines[:title_at]]
    for line in lines[title_at + 1 :]:
        if line.label == DATELINE and (found := line.extra.get("dateline")) is not None:
            line.extra["dateline"] = orient_split(found, site)
        if line.label == BODY or (line.undecided and line.paragraph_like):
            break


def _choose_title(lines: list[PageLine], header: list[int], body_found: bool) -> int | None:
    usable = [i for i in header if lines[i].n_words <= _MAX_TITLE_WORDS and not _byline_shaped(lines[i])]
    candidates = [
        i for i in usable if lines[i].n_words >= 4 and not lines[i].ends_with_ellipsis and not _bulleted(lines[i])
    ]
    if not candidates:
        return max(usable, key=lambda i: lines[i].n_words) if usable else None
    first = candidates[0]
    after_ticker = any(ln.reason in _TICKER_REASONS for ln in lines[:first])
    # Under a ticker label the headlines before the article's own are ticker items: take the one
    # nearest the body. Elsewhere the first headline is the title and what follows is a standfirst
    # (a lead is longer than a headline: with one among the candidates this is no ticker).
    headline_sized = all(lines[i].n_words <= _MAX_HEADLINE_WORDS for i in candidates)
    if after_ticker:
        # A dateline sits under the article's own headline, never under a ticker item.
        for i in candidates:
            nxt = next((ln for ln in lines[i + 1 :] if ln.label != BOILERPLATE), None)
            if nxt is not None and _dateline_shaped(nxt):
                return i
    if after_ticker and body_found and headline_sized and 1 < len(candidates) <= _MAX_TICKER_ITEMS + 1:
        return candidates[-1]
    return first


def _bulleted(line: PageLine) -> bool:
    return line.text[:1] in "*•-–·▪●"


def _byline_shaped(line: PageLine, *, known_place: bool = True) -> bool:
    """«فايز الحسيكي – عين اليوم», «عين اليوم – الرياض», «لندن: هدى الربيعي»: two short names around a
    dash or a colon. Never a title; a «place: name» line only with a known city (``known_place``):
    «الصاوي: ندعم الحل» is a headline of the same shape."""
    if line.n_words > 5:
        return False
    return split_dateline(line.text) is not None or parse_place_credit(line.text, known_place=known_place) is not None


def _dateline_shaped(line: PageLine) -> bool:
    return line.label == DATELINE or (line.undecided and _byline_shaped(line, known_place=False))


def _after_title(line: PageLine) -> None:
    if line.n_words <= 5:
        _header_short_line(line)
    elif line.n_words == 6 and (found := parse_place_credit(line.text)) is not None:
        line.decide(DATELINE)
        line.extra["dateline"] = found


def _given_title(page: PageLayout, title: str, end: int) -> None:
    """The input named the title. Where the page repeats it (exactly or nearly), the header is read
    around that line as when no title is given. Where it does not, the page's own headline is looked
    for as without a title, but only trusted when the header shows the site around it: such input is
    often clean text whose short first lines (a name, a sub-heading, a verse) are the article's."""
    lines = page.lines
    page.title = title
    at = _find_repetition(lines, title, end)
    if at is None:
        header = _header_lines(lines, end)
        at = _choose_title(lines, header, body_found=end < len(lines))
        if at is not None and not _framed(lines, at, end):
            at = None
    if at is None:
        _clean_text_header(page, end)
        return
    lines[at].decide(BOILERPLATE, "title")
    end = max(end, _first_paragraph(lines)) if at == end else end
    _around_title(lines, _header_lines(lines, end), at, end)


def _find_repetition(lines: list[PageLine], title: str, end: int) -> int | None:
    """The header line (or the first paragraph: a headline may end with a full stop) that repeats the
    given title best."""
    wanted = title_words(title)
    best, best_score = None, 0.0
    for i in [i for i in range(min(end + 1, len(lines))) if lines[i].undecided][: _MAX_HEADER_LINES + 1]:
        score = title_match(wanted, title_words(lines[i].text))
        if score > best_score:
            best, best_score = i, score
    return best


def _framed(lines: list[PageLine], at: int, end: int) -> bool:
    """Signs that the lines before the headline are a web page's header, not clean text: a line a rule
    labelled (navigation, banner, timestamp …) above it, or a dateline under it naming the site that
    is named above it («قناة المدى» … «القاهرة - المدى»). A dateline alone is not enough: clean text
    often opens with a second headline and its reporter («ناصر الطميحي - جدة»)."""
    if any(ln.label == BOILERPLATE and ln.reason != "recurring" for ln in lines[:at]):
        return True
    nxt = next((ln for ln in lines[at + 1 : end + 1] if ln.label != BOILERPLATE), None)
    if nxt is None or not _dateline_shaped(nxt) or (found := split_dateline(nxt.text)) is None:
        return False
    return orient_split(found, [ln.text for ln in lines[:at]], known_places=False).credit is not None


def _clean_text_header(page: PageLayout, end: int) -> None:
    """Clean text with a given title: only its repetition and short datelines are taken; the header
    ends at the first line of some length."""
    end = next((i for i, ln in enumerate(page.lines[:end]) if ln.undecided and ln.n_words >= 8), end)
    _repeated_title(page.lines, page.title or "", 0, end)
    for line in page.lines[:end]:
        if line.undecided and line.n_words <= 5:
            # No generic section labels here: such input is often clean text.
            _header_short_line(line, labels=False)


def _header_short_line(line: PageLine, labels: bool = True) -> None:
    found = parse_place_credit(line.text) or split_dateline(line.text)
    if found is not None:
        line.decide(DATELINE)
        line.extra["dateline"] = found
    elif labels and line.n_words <= 3 and not line.ends_sentence:
        line.decide(BOILERPLATE, "section")


def _repeated_title(lines: list[PageLine], title: str, start: int, end: int) -> None:
    wanted = normalize(title)
    for line in lines[start:end]:
        if line.undecided and line.norm == wanted:
            line.decide(BOILERPLATE, "title")


def _tail(lines: list[PageLine]) -> None:
    """Teaser headlines after the article: once the closing credit or a related header has been seen
    past the last paragraph, the remaining headline-like lines are other articles' titles."""
    # The article ends with its last sentence, however short («وتحرر محضر بالواقعة.»).
    last = max(
        (i for i, ln in enumerate(lines) if ln.undecided and (ln.paragraph_like or ln.ends_sentence)), default=-1
    )
    if last < 0:
        return
    tail = lines[last + 1 :]
    for k, line in enumerate(tail):
        if line.undecided and (reason := tail_reason(line.norm, line.n_words)):
            line.decide(BOILERPLATE, reason)
            _take_teasers(tail, k)
    _closing_byline(lines[last], tail)
    marker = next((k for k, ln in enumerate(tail) if _closes_article(ln)), None)
    if marker is None:
        return
    for line in tail[marker + 1 :]:
        if line.undecided and line.headline_like:
            line.decide(BOILERPLATE, "related")


def _closing_byline(last_paragraph: PageLine, tail: list[PageLine]) -> None:
    """«هيثم يحيى محمد» right under the last paragraph: a reporter's name closing the article. Only a
    short name-like line (no digits, bullet or punctuation) after a finished sentence qualifies, so a
    list introduced by «…:» or a last short paragraph stays body."""
    line = next((ln for ln in tail if ln.label != BOILERPLATE), None)
    if line is None or not line.undecided or not last_paragraph.ends_sentence:
        return
    if any(ln.undecided for ln in tail if ln is not line):
        return  # more text follows: a sub-heading or a list, not a signature
    text = line.text
    if 2 <= line.n_words <= 4 and not any(ch.isdigit() for ch in text) and not _bulleted(line):
        if text.rstrip()[-1:].isalpha() and "،" not in text and ":" not in text:
            line.decide(CREDIT)


def _closes_article(line: PageLine) -> bool:
    """A source credit («المصدر: وكالات») or a related header: what follows is not the article."""
    return (line.label == CREDIT and is_source_credit(line.text)) or _is_related_header(line)


def _body_dateline(page: PageLayout) -> None:
    for line in page.lines:
        if line.label == DATELINE and page.dateline is None:
            page.dateline = line.extra.get("dateline")
    if page.dateline is not None:
        return
    first_body = next((ln for ln in page.lines if ln.label == BODY), None)
    if first_body is not None:
        page.dateline = parse_dateline(first_body.text, standalone=False)
