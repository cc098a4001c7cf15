"""Datelines and credits: «موسكو-سانا», «القاهرة - (أ ف ب) -», «دمشق (سانا)», «لندن: فلان»,
«المصدر: وكالات», «إعداد: …», «بقلم …».

Everything works on the original line (what is kept in ``Article.dateline``/``credits`` is the text
as written); agencies are recognised through :mod:`marsad.arabic.agencies`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.agencies import agency_of
from marsad.arabic.chrome_places import is_dateline_place
from marsad.arabic.chrome_words import AMBIGUOUS_CAPTIONS, CREDIT_CAPTIONS, SOURCE_WORDS
from marsad.arabic.normalize import normalize
from marsad.arabic.stopwords import STOPWORDS

_DASH = "-–—"
# A place: one to three words of letters (no digits, no punctuation inside).
_PLACE = r"(?P<place>[^\W\d_][^\W\d_\u0640]*(?:[\u0640]*)(?:\s+[^\W\d_][^\W\d_\u0640]*){0,2})"
_PAREN = re.compile(rf"^{_PLACE}\s*[{_DASH}]?\s*\((?P<agency>[^()]{{1,40}})\)\s*[{_DASH}:]?\s*(?P<rest>.*)$", re.S)
_DASHED = re.compile(rf"^{_PLACE}\s*[{_DASH}/]\s*(?P<rest>\S.*)$", re.S)
_OUTLET = re.compile(rf"^{_PLACE}\s*[{_DASH}:]\s*[«\"“](?P<outlet>[^»\"”]{{2,40}})[»\"”]\s*[{_DASH}:]?\s*(?P<rest>.*)$", re.S)
# «واس - الرياض:» — the agency first, then the place, then a colon (SPA's own style).
_AGENCY_FIRST = re.compile(rf"^(?P<agency>[^\W\d_]{{2,12}}(?:\s+[^\W\d_]{{1,10}}){{0,2}})\s*[{_DASH}]\s*{_PLACE}\s*:\s*(?P<rest>.*)$", re.S)
_COLON = re.compile(rf"^{_PLACE}\s*:\s*(?P<name>[^\W\d_][^\d:،,.]{{1,40}})$")
# Words that start a sentence or a headline, never a place name in a dateline.
_NOT_PLACE = frozenset(normalize(w) for w in "قال قالت أكد أكدت وقال وأكد عاجل المصدر مصدر إعداد تحرير بقلم كتب".split())
_CAPTIONS = sorted((normalize(c) for c in CREDIT_CAPTIONS), key=len, reverse=True)
_AMBIGUOUS = frozenset(normalize(w) for w in AMBIGUOUS_CAPTIONS)
_BARE_CAPTIONS = frozenset(normalize(w) for w in "بقلم كتب كتبت كتبه".split())
_CAPTION_RE = re.compile(
    r"^\s*[(\[]?\s*(" + "|".join(re.escape(c) for c in _CAPTIONS) + r")\s*(?P<colon>[:：\-–—])?\s*(?P<value>.*?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)


_SEPARATOR = re.compile(r"[-–—(/:«\"“]")


@dataclass
class Dateline:
    text: str  # the dateline as written («موسكو-سانا»)
    place: str | None
    agency: str | None  # canonical agency key
    credit: str | None = None  # a person or outlet named instead of an agency («لندن: فلان»)
    rest: str = ""  # the paragraph text that follows a dateline at the start of a paragraph


def _place_ok(place: str) -> bool:
    words = place.split()
    return 1 <= len(words) <= 3 and normalize(words[0]) not in _NOT_PLACE


def _agency_prefix(rest: str) -> tuple[str, str, str] | None:
    """The longest run of up to four leading words of ``rest`` that names an agency."""
    words = rest.split()
    for k in range(min(4, len(words)), 0, -1):
        head = " ".join(words[:k])
        key = agency_of(head)
        if key:
            tail = " ".join(words[k:]).lstrip(_DASH + ": ")
            return head, key, tail
    return None


def parse_dateline(line: str, *, standalone: bool = True) -> Dateline | None:
    """A dateline at the whole of ``line`` (``standalone``) or at its start (then ``rest`` is the text)."""
    text = line.strip()
    if not text or len(text) > 600 and standalone or not _SEPARATOR.search(text[:80]):
        return None
    found = _match_paren(text) or _match_dashed(text) or _match_outlet(text) or _match_agency_first(text)
    if found is None:
        return None
    if standalone and found.rest:
        # «دمشق-سانا/ فلان»: a reporter's name after the agency is part of the dateline.
        if len(found.rest.split()) > 3 or found.rest.rstrip().endswith((".", "،", ":")):
            return None
        found.credit, found.text, found.rest = found.rest.strip(), text, ""
    if not standalone and not found.rest:
        return None
    return found


def _match_paren(text: str) -> Dateline | None:
    m = _PAREN.match(text)
    if not m or not _place_ok(m["place"]):
        return None
    key = agency_of(m["agency"])
    if not key:
        return None
    rest = m["rest"].strip()
    return Dateline(text[: len(text) - len(rest)].strip(), m["place"].strip(), key, rest=rest)


def _match_dashed(text: str) -> Dateline | None:
    m = _DASHED.match(text)
    if not m or not _place_ok(m["place"]):
        return None
    found = _agency_prefix(m["rest"])
    if not found:
        return None
    head, key, tail = found
    written = text[: len(text) - len(tail)].strip() if tail else text
    return Dateline(written.rstrip(_DASH + ": ").strip() if tail else text, m["place"].strip(), key, rest=tail)


def _match_agency_first(text: str) -> Dateline | None:
    m = _AGENCY_FIRST.match(text)
    if not m or not _place_ok(m["place"]):
        return None
    key = agency_of(m["agency"])
    if not key:
        return None
    rest = m["rest"].strip()
    written = text[: len(text) - len(rest)].strip() if rest else text
    return Dateline(written.rstrip(":").strip(), m["place"].strip(), key, rest=rest)


def _match_outlet(text: str) -> Dateline | None:
    m = _OUTLET.match(text)
    # «لندن: «الشرق الأوسط»» — but «أوباما من كينيا: «…»» is a headline quoting someone.
    if not m or not _place_ok(m["place"]) or len(m["place"].split()) > 2 or len(m["outlet"].split()) > 4:
        return None
    rest = m["rest"].strip()
    outlet = m["outlet"].strip()
    written = text[: len(text) - len(rest)].strip() if rest else text
    return Dateline(written, m["place"].strip(), agency_of(outlet), credit=outlet, rest=rest)


def parse_place_credit(line: str, *, known_place: bool = False) -> Dateline | None:
    """«لندن: رنيم حنوش» — a place and a reporter, only trusted from an author field or a page header.
    A headline «الوزير: لن نتراجع» has the same shape: a function word after the colon («لن», «على»)
    marks a statement, not a name. ``known_place`` asks for a city datelines are filed from
    (:mod:`marsad.arabic.chrome_places`), for callers that must not mistake a short headline for one."""
    text = line.strip()
    m = _COLON.match(text)
    if not m or not _place_ok(m["place"]) or len(m["place"].split()) > 2:
        return None
    name = m["name"].strip()
    if not 1 <= len(name.split()) <= 4 or not _name_like(name):
        return None
    if known_place and not is_dateline_place(m["place"]):
        return None
    key = agency_of(name)
    return Dateline(text, m["place"].strip(), key, credit=None if key else name)


# Function words that never occur in a person's name («علي» is a name as well as «على» folded,
# «آل» of «عبد الله آل هيضة» folds to the article).
_STATEMENT_WORDS = STOPWORDS - {"علي", "ال"}


def _name_like(name: str) -> bool:
    words = normalize(name, taa_marbuta=True).split()
    return not any(w in _STATEMENT_WORDS or w.startswith("لل") for w in words) and not any(q in name for q in "«»\"“”?!؟")


# A name: a letter, then letters, spaces and punctuation other than digits, dashes, slashes, colons,
# brackets and guillemets, ending on a non-space (a space run inside it must lead to more name, so the
# \s* around the separator never competes with it for a long run of spaces: that was quadratic).
_NAME = r"[^\W\d](?:[^\s\d\-–—/:()«»]|\s+(?=[^\s\d\-–—/:()«»]))*"
_SPLIT = re.compile(rf"^(?P<a>{_NAME})\s*[\-–—/]\s*(?P<b>{_NAME})\s*[\-–—:]?$")


def split_dateline(line: str) -> Dateline | None:
    """«بغداد/ الرافدين نيوز», «المغرب الرقمي - الرباط»: two short names split by a dash or slash,
    between a title and the body. Which side is the place is only known when the other is an agency."""
    m = _SPLIT.match(line.strip())
    if not m:
        return None
    a, b = m["a"].strip(), m["b"].strip()
    if not (1 <= len(a.split()) <= 3 and 1 <= len(b.split()) <= 3):
        return None
    key_a, key_b = agency_of(a), agency_of(b)
    if key_b:
        return Dateline(line.strip(), a, key_b)
    if key_a:
        return Dateline(line.strip(), b, key_a)
    return Dateline(line.strip(), None, None)


def parse_author_field(author: str) -> Dateline | None:
    """SaudiNewsNet-style ``author`` values: «الرياض - واس», «لندن: رنيم حنوش», «جدة (رويترز)»."""
    return parse_dateline(author) or parse_place_credit(author)


_SOURCE_CAPTIONS = tuple(normalize(w) for w in ("المصدر", "مصدر", "المصادر", "مصادر", "نقلا عن", "source"))


def is_source_credit(line: str) -> bool:
    """A credit naming where the article came from («المصدر: وكالات», «(رويترز)»), which usually closes
    an article — unlike a photo credit or a byline, which may sit anywhere."""
    norm = normalize(line).strip(" ()[].-–—:")
    return norm.startswith(_SOURCE_CAPTIONS) or norm in SOURCE_WORDS or agency_of(line) is not None


def parse_credit(line: str, n_words: int) -> str | None:
    """The line as written when it is a credit line («المصدر: وكالات», «بقلم فلان»), else None."""
    if n_words > 12:
        return None
    text = line.strip()
    norm = normalize(text)
    bare = norm.strip(" ()[].-–—:")
    if bare in SOURCE_WORDS or (n_words <= 4 and agency_of(text)):
        return text
    m = _CAPTION_RE.match(norm)
    if not m:
        return None
    value = m["value"].strip(" ()[].-–—")
    if not value:
        return None
    caption = m.group(1)
    if not m["colon"]:
        # Without a colon only a short byline counts («بقلم محمد الحسن»): «متابعة العمالة الوافدة»,
        # «إعداد جيل متعلم» are sub-headings that merely start with a caption word.
        if n_words > 4 or caption not in _BARE_CAPTIONS or norm.endswith((".", ":", "،")):
            return None
    limit = 3 if caption in _AMBIGUOUS else 10
    return text if len(value.split()) <= limit else None


def orient_split(found: Dateline, site_lines: list[str] = (), *, known_places: bool = True) -> Dateline:
    """A split dateline whose sides are unknown names («الرباط - المغرب الكبير»): the side the page's
    header also names (the site name «المغرب الكبير نت» above the headline) is the outlet or reporter,
    credited, and the other side is the place; else (``known_places``) a side that is a known dateline
    city, when the other is not («القاهرة - ونا»)."""
    m = _SPLIT.match(found.text)
    if found.place is not None or found.agency is not None or not m:
        return found
    site = [normalize(text) for text in site_lines]
    a, b = m["a"].strip(), m["b"].strip()
    for place, outlet in ((a, b), (b, a)):
        key = normalize(outlet)
        if len(key) >= 3 and any(key in line for line in site) and _place_ok(place):
            return Dateline(found.text, place, None, credit=outlet)
    known_a, known_b = is_dateline_place(a), is_dateline_place(b)
    if known_places and known_a != known_b:
        place, other = (a, b) if known_a else (b, a)
        return Dateline(found.text, place, None, credit=other)
    return found
