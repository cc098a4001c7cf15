"""Who met whom: meetings, calls, visits, press conferences and messages.

A trigger phrase («التقى», «استقبل», «بحث مع», «أجرى محادثات مع», «اتصالا هاتفيا», «يقوم بزيارة»,
«مؤتمر صحفي», «رسالة موجهة إلى» …) opens an event; its participants are the people named in the
same sentence (NER mentions when present, else the names the quote extractor's name heuristics
know: title + name chains, «نظيره المصري سامح شكري», dual subjects «لافروف وشكري أجريا»), plus the
sentence's speaker when the trigger refers back to him («خلال لقائه شكري»). Place and date come from
«في <مكان>» / «إلى <مكان>» and the article's date expressions (or a small fallback). One event per
(kind, participants) per article.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from operator import attrgetter

from marsad.arabic.normalize import normalize
from marsad.arabic.roles import COUNTERPART, PLACE_CUES, PLACES, strip_conj
from marsad.document import Article, Event, Quote
from marsad.extract.quotes_doc import SpanIndex, build_view, cached
from marsad.extract.quotes_speaker import HEADS, ArticleNames, SpeakerResolver, family, mention_name


def _n(words: str) -> tuple[str, ...]:
    return tuple(normalize(w) for w in words.split())


# Trigger sequences in normalised form: a tuple of alternatives per position; kind.
TRIGGERS: tuple[tuple[tuple[tuple[str, ...], ...], str], ...] = (
    ((_n("اتصال اتصالا مكالمة اتصالات"), _n("هاتفي هاتفيا هاتفية هاتفيه")), "call"),
    ((_n("هاتف وهاتف"),), "call"),
    ((_n("مؤتمر مؤتمرا المؤتمر"), _n("صحفي صحافي صحفيا صحافيا الصحفي الصحافي"), _n("مع مشترك مشتركا المشترك")),
     "press_conference"),
    ((_n("التقى والتقى يلتقي ويلتقي التقت والتقت التقيا لقائه لقائها لقائهما"),), "meeting"),
    ((_n("لقاء ولقاء اللقاء"), _n("مع ب بين عقده عقدها جمعه جمعهما")), "meeting"),
    ((_n("استقبل واستقبل يستقبل ويستقبل استقبلت واستقبلت استقبال"),), "meeting"),
    ((_n("اجتمع واجتمع يجتمع اجتماعا اجتماع اجتماعه"), _n("مع ب")), "meeting"),
    ((_n("محادثات مباحثات المحادثات المباحثات مباحثاتهما محادثاتهما مناقشاته"), _n("مع")), "meeting"),
    ((_n("أجرى وأجرى يجري أجريا أجرت عقد وعقد يعقد عقدا"), _n("محادثات مباحثات جلسة لقاء اجتماعا")), "meeting"),
    ((_n("بحث وبحث يبحث ويبحث بحثت"),), "meeting"),
    ((_n("زيارة الزيارة زيارته"), _n("رسمية رسميه عمل إلى الى ل لـ عفوية تفقدية")), "visit"),
    ((_n("بزيارة"),), "visit"),
    ((_n("وصل ووصل وصول وصوله"), _n("إلى الى")), "visit"),
    ((_n("زار وزار يزور ويزور سيزور وسيزور"),), "visit"),
    ((_n("زيارة لزيارة بزيارة"),), "visit"),  # «زيارة الجبير إلى موسكو»: needs إلى soon after
    ((_n("رسالة برسالة رسالته برقية ببرقية"), _n("موجهة إلى الى خطية")), "message"),
)
# trigger sequences indexed by their first word (most tokens start none)
_BY_FIRST: dict[str, list] = {}
for _seq, _kind in TRIGGERS:
    for _w in _seq[0]:
        _BY_FIRST.setdefault(_w, []).append((_seq, _kind))

# «بحث مع» needs مع within the next tokens to be a meeting (else «بحث الأوضاع» is a topic verb).
NEEDS_WITH = frozenset(_n("بحث وبحث يبحث ويبحث بحثت"))
VISIT_NOUNS = frozenset(_n("زيارة لزيارة"))
PRONOUN_TRIGGERS = frozenset(_n("لقائه لقائها مباحثاته مناقشاته زيارته وصوله رسالته"))
DATE_RE = re.compile(
    r"(?:اليوم|أمس|امس|غدا|غداً)(?:\s+(?:ال)?(?:أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت))?"
    r"|(?:ال)(?:أحد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت)(?:\s+\d{1,2}\s+\S+(?:/\S+(?:\s+(?:الأول|الثاني))?)?)?"
)


class EventFinder:
    def __init__(self, article: Article, quotes: list[Quote] | None = None):
        self.article = article
        hit = cached(article)  # the quotes stage usually built both for this article already
        self.view, self.names = hit if hit else (build_view(article), None)
        self.names = self.names or ArticleNames(self.view)
        self.resolver = SpeakerResolver(self.names)
        self.quotes = quotes if quotes is not None else list(article.quotes or [])
        # Indexes by position: each trigger asks about its own stretch of text (scanning every
        # mention, quote and date for every trigger was quadratic on long articles).
        self._people_at = SpanIndex([m for m in self.view.mentions if m.type == "PER"])
        self._places_at = SpanIndex([m for m in self.view.mentions if m.type == "LOC"])
        self._quotes_at = SpanIndex(self.quotes, attrgetter("content_start"), attrgetter("content_end"))
        self._dates_at = SpanIndex(list(article.dates or []))
        self._cues = CueSpeakers(self.quotes)

    def run(self) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[str, frozenset[str]]] = set()
        v = self.view
        after = -1  # a trigger's own words do not start another one
        for i in [k for k, n in enumerate(v.norms) if n in _BY_FIRST]:
            if i < after:
                continue
            kind, length = self._trigger_at(i)
            if kind is None:
                continue
            event = self._event(i, i + length, kind)
            after = i + length
            if event is None or len(event.participants) < 2 and kind not in ("visit", "message"):
                continue
            key = (kind, frozenset(family(p) for p in event.participants))
            if key in seen:
                continue
            seen.add(key)
            events.append(event)
        return events

    def _trigger_at(self, i: int) -> tuple[str | None, int]:
        v = self.view
        for seq, kind in _BY_FIRST.get(v.norms[i], ()):
            if all(i + k < len(v.toks) and v.norms[i + k] in alts for k, alts in enumerate(seq)):
                if v.norms[i] in NEEDS_WITH and not self._with_follows(i):
                    continue
                if len(seq) == 1 and v.norms[i] in VISIT_NOUNS and not self._follows(i, ("الي", "اليها", "اليه", "ل"), 4):
                    continue
                return kind, len(seq)
        return None, 0

    def _follows(self, i: int, words: tuple[str, ...], within: int) -> bool:
        v = self.view
        for k in range(i + 1, min(i + 1 + within, len(v.norms))):
            if v.norms[k] in words or (v.norms[k][:1] == "ل" and "ل" in words and len(v.norms[k]) > 3):
                return True
            if not v.texts[k][0].isalnum():
                return False
        return False

    def _with_follows(self, i: int) -> bool:
        v = self.view
        for k in range(i + 1, min(i + 10, len(v.toks))):
            if v.norms[k] in ("مع", "ومع"):
                return True
            if not v.texts[k][0].isalnum():
                return False
        return False

    def _sentence(self, i: int) -> tuple[int, int]:
        """Token span of the sentence around token i (a paragraph break or full stop ends it)."""
        v = self.view
        a = i
        while a > 0 and v.same_para(a - 1, i) and not v.sentence_end(a - 1) and i - a < 40:
            a -= 1
        b = i
        while b < len(v.toks) and v.same_para(b, i) and not v.sentence_end(b) and b - i < 40:
            b += 1
        return a, b

    def _event(self, i: int, j: int, kind: str) -> Event | None:
        v = self.view
        a, b = self._sentence(i)
        inside = self._quote_around(v.starts[i])
        if inside is not None:  # a meeting told inside a quote: only the names inside it count
            a = max(a, v.tok_at(inside.content_start))
        people = self._people(a, b, kind, i)
        if kind in ("visit", "message"):
            people = self._nearest_before(a, i, kind) or people[:1]
        subject = self._subject(i, a) if inside is None else None
        if subject and v.norms[i] in PRONOUN_TRIGGERS and all(family(subject) != family(p) for p in people):
            people.insert(0, subject)
        people = _unique_by_family(people)
        if not people:
            return None
        ev_start, ev_end = v.starts[a], v.ends[b - 1]
        place = self._place(j, b) or self._place(a, i)
        date_text, date = self._date(ev_start, ev_end)
        return Event(kind=kind, participants=people, evidence_start=ev_start, evidence_end=ev_end,
                     place=place, date=date, date_text=date_text)

    def _quote_around(self, char: int) -> Quote | None:
        return next(iter(self._quotes_at.covering(char)), None)

    def _nearest_before(self, a: int, i: int, kind: str) -> list[str]:
        """The visitor / sender: the last person named before the trigger in its sentence."""
        found = self._people(a, i, kind, i) if i > a else []
        return found[-1:]

    def _people(self, a: int, b: int, kind: str = "meeting", trigger: int = 0) -> list[str]:
        v, out = self.view, []
        lo, hi = v.starts[a], v.ends[b - 1]
        mentions = self._people_at.starting_in(lo, hi)
        if mentions:
            out = [self.resolver.fullest(mention_name(m)) for m in mentions]
        k = a
        while k < b:
            n = strip_conj(v.norms[k])
            if n in HEADS or v.norms[k] in COUNTERPART or self.names.known(k):
                phrase = self.names.parse(k, strict=False, limit=b)
                who = self._participant(phrase, kind, after_trigger=0 < k - trigger <= 6)
                if who and not mentions or (who and who not in out and not phrase.name):
                    out.append(who)
                k = max(phrase.end, k + 1)
            else:
                k += 1
        return out

    def _participant(self, phrase, kind: str, *, after_trigger: bool) -> str | None:
        """A named person, a title resolved to one, or — as the object of a meeting — a described
        person or body («رئيس بلدية نيويورك», «هيئة المهندسين السعوديين»)."""
        names = self.names
        if phrase.name:
            a, b = phrase.name
            while b > a and not all(names.known(t) for t in range(a, b)):
                b -= 1  # the known part of the name («جان دوبون سبل» → «جان دوبون»)
            if b > a:
                return self.resolver.fullest(names.text((a, b)))
        if phrase.title and not phrase.name:
            who = self.resolver.resolve(phrase)
            if who and family(who) in names.name_families:
                return who
            text = names.text(phrase.title)
            if kind == "meeting" and after_trigger and phrase.title[1] - phrase.title[0] >= 2 and " و" not in text:
                return text
        return None

    def _subject(self, i: int, a: int) -> str | None:
        """The speaker of a quote whose cue sits in the same sentence, else the latest speaker."""
        v = self.view
        best = self._cues.latest_between(v.starts[a], v.starts[i]) or self._cues.latest_before(v.starts[a])
        if best and family(best) in self.names.name_families:
            return best
        return None

    def _place(self, a: int, b: int) -> str | None:
        """«في موسكو», «إلى موسكو», «في العاصمة الروسية موسكو»: a LOC mention or a known place."""
        v = self.view
        if a >= len(v.starts):  # a trigger that ends the text has nothing after it
            return None
        lo, hi = v.starts[a], v.ends[b - 1] if b > a else v.ends[a]
        for m in self._places_at.starting_in(lo, hi)[:1]:
            return m.text
        for k in range(a, b - 1):
            if v.norms[k] not in ("في", "الي", "بمدينه", "بمدينة", "بالعاصمة"):
                continue
            m = k + 1
            while m < b and (v.norms[m] in PLACE_CUES or (m > k + 1 and v.norms[m].startswith("ال"))):
                m += 1
            if m < b and v.norms[m] in PLACES:
                return v.texts[m]
        return None

    def _date(self, a: int, b: int) -> tuple[str | None, str | None]:
        for d in self._dates_at.starting_in(a, b)[:1]:
            return d.text, d.value
        m = DATE_RE.search(self.view.text, a, b)
        return (m.group().strip(), None) if m else (None, None)


class CueSpeakers:
    """The speakers of quotes by where their cue verb sits: the speaker of the quote latest in list
    order whose cue lies in a stretch, or before a point (prefix and sparse-table maxima over list
    positions sorted by cue, so each question is a bisection, not a scan of every quote)."""

    def __init__(self, quotes: list[Quote]):
        kept = sorted((q.cue_start, k) for k, q in enumerate(quotes) if q.cue_start is not None and q.speaker)
        self.speakers = {k: quotes[k].speaker for _, k in kept}
        self.cues = [cue for cue, _ in kept]
        self.prefix_latest = list(accumulate((k for _, k in kept), max))
        self.table = [[k for _, k in kept]]  # table[p][j]: the latest list index among 2**p entries from j
        while 2 ** len(self.table) <= len(kept):
            row, step = self.table[-1], 2 ** (len(self.table) - 1)
            self.table.append([max(row[j], row[j + step]) for j in range(len(row) - step)])

    def latest_between(self, lo: int, hi: int) -> str | None:
        """Of the quotes whose cue starts in [lo, hi]."""
        first, stop = bisect.bisect_left(self.cues, lo), bisect.bisect_right(self.cues, hi)
        if first >= stop:
            return None
        level = (stop - first).bit_length() - 1
        return self.speakers[max(self.table[level][first], self.table[level][stop - 2 ** level])]

    def latest_before(self, point: int) -> str | None:
        """Of the quotes whose cue starts before ``point``."""
        stop = bisect.bisect_left(self.cues, point)
        return self.speakers[self.prefix_latest[stop - 1]] if stop else None


def _unique_by_family(people: list[str]) -> list[str]:
    out: list[str] = []
    for p in people:
        fam = family(p)
        same = next((k for k, o in enumerate(out) if family(o) == fam), None)
        if same is None:
            out.append(p)
        elif len(p) > len(out[same]):
            out[same] = p
    return out


def extract_events(article: Article, quotes: list[Quote] | None = None) -> list[Event]:
    return EventFinder(article, quotes).run()


class EventsStage:
    """Fills ``Article.events`` (after the quotes stage: a quote's speaker is the subject of a
    meeting mentioned in the same sentence)."""

    name = "events"
    requires = ("text",)
    provides = ("events",)

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            try:
                article.events = extract_events(article) if article.text else []
            except Exception as exc:  # a per-document problem is recorded, not raised
                article.events = []
                article.meta.setdefault("problems", []).append(f"events: {type(exc).__name__}: {exc}")
        return articles
