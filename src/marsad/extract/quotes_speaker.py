"""Who is speaking: speaker phrases after a cue verb, and what they refer to in this article.

A speaker phrase in wire copy is a title chain and/or a name: «وزير الخارجية الروسي سيرغي لافروف»,
«شكري», «المتحدث الرسمي باسم الخارجية المصرية», «وزارة الخارجية الروسية». The name is resolved to the
fullest form the article gives (family name → longest name ending with it); a title without a
name to the person it names elsewhere in the article; an anaphoric head («الوزير», «البيان») to
the latest matching speaker. NER mentions, when the article has them, override the heuristics.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from marsad.arabic.roles import COMPLEMENTISERS, EVENT_VERBS  # noqa: F401 - re-exported
from marsad.arabic.cue_verbs import lookup
from marsad.arabic.normalize import normalize
from marsad.arabic.roles import (
    ANAPHORIC_HEADS, COUNTERPART, FAMILY_AL, FIRST_NAMES, NAME_LINKS, NAME_STOPS, ORG_HEADS, PERSON_HEADS, is_title_word,
    strip_conj,
)

HEADS = PERSON_HEADS | ORG_HEADS | COUNTERPART
SOURCE_HEADS = frozenset(normalize(w) for w in "مصدر مصادر مسؤول مسؤولون مسؤولين متحدث مصدرا".split())
_SCAN_STARTS = FIRST_NAMES | PERSON_HEADS
from marsad.extract.quotes_doc import ArticleView, SpanIndex
from marsad.extract.quotes_lexicon import name_like, word_count as name_prefix_counts

# Verbs of meeting/calling/visiting also end a name («الرئيس بشار الأسد استقبل»).
LINK_OF_SOURCE = frozenset(normalize(w) for w in "صادر الصادر صادرة الصادرة".split())


@dataclass
class Phrase:
    start: int  # first token
    end: int  # one past the last token
    title: tuple[int, int] | None  # token span of the title chain
    name: tuple[int, int] | None  # token span of the name
    head: str | None = None  # normalised head of the title («وزير», «وزارة»)


def _is_stop(view: ArticleView, i: int) -> bool:
    n = view.norms[i]
    return (
        not view.texts[i][0].isalnum()
        or view.texts[i].startswith("لـ")
        or n in NAME_STOPS
        or n in COMPLEMENTISERS
        or n in EVENT_VERBS
        or strip_conj(n) in EVENT_VERBS
        or lookup(n) is not None
    )


class ArticleNames:
    """What the article tells us about names: known name tokens, fullest names, titles."""

    def __init__(self, view: ArticleView):
        self.view = view
        self.names: list[str] = []  # names as written (fullest last wins per family)
        self.tokens: set[str] = set()
        self.title_to_name: dict[str, str] = {}
        self.titled: list[tuple[int, str, str]] = []  # (offset, title key, name) in text order
        self.families: set[str] = set()  # last tokens of the names above
        self._seen: set[str] = set()  # self.names as a set: membership without a scan
        self._add_mentions()
        positions = self._scan_titles()
        # second pass: knowing the family names of the first, chains stop after them
        families = self.families
        self.names, self.tokens, self.title_to_name, self.titled, self._seen = [], set(), {}, [], set()
        self._add_mentions()
        self.families |= families
        self._scan_titles(positions)
        self.name_families = frozenset(family(n) for n in self.names)  # family() of every name

    def _add_mentions(self) -> None:
        for m in self.view.mentions:
            if m.type in ("PER", "ORG"):
                self._add(mention_name(m))

    def _add(self, name: str) -> None:
        name = name.strip(" ،,")
        if not name:
            return
        if name in self._seen:
            return
        self._seen.add(name)
        self.names.append(name)
        words = [normalize(w) for w in name.split()]
        self.tokens.update(words)
        if len(words) > 1:
            self.families.add(words[-1])

    def _scan_titles(self, positions: list[int] | None = None) -> list[int]:
        """Learn names from title + name chains; returns the positions that gave a name (the
        second pass only revisits those)."""
        v = self.view
        found = []
        if positions is None:
            positions = [i for i, n in enumerate(v.norms) if v.bare[i] in _SCAN_STARTS or n in COUNTERPART]
        for i in positions:
            n, head = v.norms[i], v.bare[i]
            if head in FIRST_NAMES and (i == 0 or strip_conj(v.norms[i - 1]) not in FIRST_NAMES):
                phrase = self.parse(i, strict=False)
            elif head in PERSON_HEADS or n in COUNTERPART:
                phrase = self.parse(i, strict=False)
            else:
                continue
            if phrase.name:
                phrase.name = self._trim_unbounded(phrase.name)
            if phrase.name and (phrase.title or phrase.name[1] - phrase.name[0] >= 2):
                found.append(i)
                name = self.text(phrase.name)
                self._add(name)
                self._appositive(phrase.name, name)
                if phrase.title:
                    self.title_to_name.setdefault(title_key(self.text(phrase.title)), name)
                    self.titled.append((v.starts[i], title_key(self.text(phrase.title)), name))
        return found

    def _appositive(self, span: tuple[int, int], name: str) -> None:
        """«الدكتور شوقي علام، مفتي مصر»: the title after the name names the same person."""
        v, b = self.view, span[1]
        if b + 1 < len(v.norms) and v.norms[b] in ("،", ",") and v.bare[b + 1] in PERSON_HEADS:
            title = self.parse(b + 1, strict=False)
            if title.title and not title.name:
                self.titled.append((v.starts[b + 1], title_key(self.text(title.title)), name))

    def _trim_unbounded(self, span: tuple[int, int]) -> tuple[int, int]:
        """A name chain that runs into ordinary words («سالم الكعبي أهمية التعاون») is only trusted
        up to its first name and an «ال» family name; one ended by a particle or verb is kept whole."""
        a, b = span
        v = self.view
        if b >= len(v.toks) or _is_stop(v, b) or not v.same_para(a, b):
            return span
        keep = a + 1
        while keep < b:
            n = strip_conj(v.norms[keep])
            first = strip_conj(v.norms[a]) in FIRST_NAMES
            if n in FIRST_NAMES or n in NAME_LINKS or name_like(n) or (keep == a + 1 and (first or n.startswith("ال"))):
                keep += 1
            else:
                break
        return (a, keep)

    def text(self, span: tuple[int, int]) -> str:
        v = self.view
        return v.text[v.starts[span[0]] : v.ends[span[1] - 1]]

    def known(self, i: int) -> bool:
        n = self.view.bare[i]
        if n[:1] == "و" and n[1:] in self.tokens:
            n = n[1:]
        return n in self.tokens or n in FIRST_NAMES or n in NAME_LINKS or name_like(n)

    def parse(self, k: int, *, strict: bool, limit: int | None = None) -> Phrase:
        """The speaker phrase starting at token k. ``strict``: only known name tokens count as a
        name (used when a bare noun complement may follow the speaker)."""
        v = self.view
        limit = min(limit or len(v.toks), k + 14, len(v.toks))
        j, head = k, None
        if j < limit and (strip_conj(v.norms[j]) in HEADS or v.norms[j] in COUNTERPART):
            head = strip_conj(v.norms[j])
            j += 1
            while j < limit and v.same_para(k, j):
                n = v.norms[j]
                if n in LINK_OF_SOURCE and j + 1 < limit and v.norms[j + 1] == "عن":
                    j += 2
                elif self._title_word(n, j) and n not in COMPLEMENTISERS and lookup(n) is None:
                    j += 1
                else:
                    break
            # «مصدر في وزارة الخارجية الروسية», «مسؤول من قبيلة تبو»: a source and where it sits
            if head in SOURCE_HEADS and j + 1 < limit and v.norms[j] in ("في", "من", "ب") and v.bare[j + 1] in HEADS:
                j += 2
                while j < limit and self._title_word(v.norms[j], j) and lookup(v.norms[j]) is None:
                    j += 1
            # «مسؤول حكومي كبير»: a bare indefinite head takes indefinite adjectives
            title_end = j
            while (j < limit and j - k < 3 and title_end == k + 1 and not head.startswith("ال") and v.texts[j][0].isalpha()
                   and not _is_stop(v, j) and not v.norms[j].startswith("ال") and len(v.norms[j]) > 2
                   and strip_conj(v.norms[j]) not in FIRST_NAMES and strip_conj(v.norms[j]) not in self.tokens):
                j += 1
        title = (k, j) if j > k else None
        if j < limit and v.norms[j] in ("،", ",") and title and j + 1 < limit and self.known(j + 1):
            j += 1  # «وزير الخارجية الروسي، سيرغي لافروف»
        name_start = j
        name_start, j = self._name_chain(k, j, limit, strict=strict, after_title=title is not None)
        name = (name_start, j) if j > name_start else None
        if title and name is None and title[1] - title[0] > 1 and v.norms[title[1] - 1] in FIRST_NAMES:
            name = (title[1] - 1, title[1])
        return Phrase(k, j if (name or title) else k, title, name, head)


    def _title_word(self, n: str, j: int) -> bool:
        """Can token j continue a title? «الخارجية الروسي», «لرئاسة», «والإعلام الصحي», «بصحة الشرقية»."""
        if self.known(j) and not n.startswith("ال"):
            return False
        if is_title_word(n) or _genitive_head(n):
            return not (self.known(j) and strip_conj(n) in self.families)
        return len(n) > 4 and (n.startswith(("وال", "بال", "لل")) or (n[0] in "بل" and n[1:] in HEADS))

    def _bounded_unknown(self, j: int, limit: int) -> bool:
        v = self.view
        for e in range(j + 1, min(j + 4, limit)):
            if _is_stop(v, e):
                return e == j + 1 or not v.norms[e - 1].startswith("ال")
        return False

    def _name_chain(self, k: int, j: int, limit: int, *, strict: bool, after_title: bool) -> tuple[int, int]:
        """Token span of the name that starts at token j. Unknown words count only after a title
        or a first name; a first name inside the chain starts the name («خارجية روسيا سيرغي
        لافروف»); a name ends after a known family name; «وشكري» starts a new name."""
        v, start = self.view, j
        open_names = after_title or (j < limit and strip_conj(v.norms[j]) in FIRST_NAMES)
        while j < limit and j - start < 4 and v.same_para(k, j) and (not _is_stop(v, j) or _ali(v, j, start, open_names)):
            n, known = v.norms[j], self.known(j)
            bare = strip_conj(n)
            if bare in HEADS or _genitive_head(n) or _genitive_head(n[1:]) or n.startswith("لل") or _prep_phrase(n):
                break
            if j > start and (n[:1] == "و" and (bare != n or n[1:] in self.tokens) or n in COUNTERPART):
                break
            if j > start and bare in FIRST_NAMES and strip_conj(v.norms[j - 1]) not in FIRST_NAMES | NAME_LINKS:
                start = j  # the words before were part of the title
            elif (not known and j - start == 1 and n.startswith("ال") and len(n) > 4
                  and self.known(j - 1)):
                pass  # «عادل الطيب»: a family name with the article right after a first name
            elif j > start and n.startswith("ال") and not known and n not in FAMILY_AL:
                break
            elif j == start and not known and not strict and self._bounded_unknown(j, limit):
                pass  # «وقال لوتش إن»: an unknown word right before the complement is the speaker
            elif not known and (strict or not open_names or j - start >= 3):
                break
            elif j == start and n.startswith("ال") and not known:
                break
            j += 1
            if bare in self.families and bare not in FIRST_NAMES:
                break
        return (start, j) if j > start else (j, j)


def mention_name(m) -> str:
    """A mention's name without the verbs or particles a tagger sometimes glues on («شكري أجريا»)."""
    words = (m.canonical or m.text).split()
    while words and _prep_phrase(normalize(words[0])):  # «بصحة الشرقية محمد الحوت»
        words = words[1:]
    keep = []
    for w in words:
        n = normalize(w)
        if keep and (n in EVENT_VERBS or n in COMPLEMENTISERS or n in NAME_STOPS or lookup(n) is not None):
            break
        keep.append(w)
    return " ".join(keep)


def title_key(title: str) -> str:
    """Normalised title without an attached conjunction («ووزير الخارجية» → «وزير الخارجية»)."""
    words = normalize(title).split()
    if words:
        words[0] = strip_conj(words[0])
    return " ".join(words)


def _ali(view: ArticleView, j: int, start: int, open_names: bool) -> bool:
    """«علي» the name (written with ي) after a title, not «على» the preposition (same normal form)."""
    return j == start and open_names and view.texts[j] == "علي"


def _prep_phrase(n: str) -> bool:
    """«بصحة», «بمنطقة», «لوزارة»: ب/ل + a word the corpus knows far better than the whole, so not a
    name («لافروف», «بوتين» stay names: «افروف», «وتين» are unknown)."""
    if len(n) < 4 or n[0] not in "بل" or n in FIRST_NAMES:
        return False
    rest = name_prefix_counts(n[1:])
    return rest >= 50 and rest >= 2 * name_prefix_counts(n)


def _genitive_head(n: str) -> bool:
    """«لرئاسة», «لوزارة»: a head noun with the preposition ل, inside an organisation's name."""
    return len(n) > 3 and n[0] == "ل" and n[1:] in HEADS


@lru_cache(maxsize=1)
def _outlets() -> list[list[str]]:
    from marsad.arabic.framing_marks import OUTLETS

    return sorted((normalize(o).split() for o in set(OUTLETS)), key=len, reverse=True)  # longest first


def _outlet_after(view: ArticleView, j: int) -> int:
    """Number of tokens of a known outlet's name («روسيا اليوم») starting at token ``j`` (0 if none)."""
    for words in _outlets():
        if view.norms[j : j + len(words)] == words and view.same_para(j, j + len(words) - 1):
            return len(words)
    return 0


@lru_cache(maxsize=50_000)
def family(name: str) -> str:
    parts = normalize(name).split()
    return parts[-1] if parts else ""


class LatestBefore:
    """Of items ``(position, value)`` in list order, the last in that order among those placed
    before a position: one bisection instead of a backward scan of every item."""

    def __init__(self, items: list[tuple[int, str]]):
        order = sorted(range(len(items)), key=lambda k: items[k][0])
        self.items = items
        self.positions = [items[k][0] for k in order]
        self.latest = list(accumulate(order, max))  # the largest list index among the first j by position

    def before(self, here: int) -> tuple[int, str] | None:
        j = bisect.bisect_left(self.positions, here)
        return self.items[self.latest[j - 1]] if j else None


class SpeakerResolver:
    """Turns phrases into speaker strings, remembering who spoke last."""

    def __init__(self, names: ArticleNames):
        self.names = names
        self.last: str | None = None
        self.last_org: str | None = None
        self.by_head: dict[str, str] = {}  # head noun («مصدر») → the latest speaker it began
        self.history: list[str] = []
        self._mentions = SpanIndex([m for m in names.view.mentions if m.type in ("PER", "ORG")])
        self._titled: dict[str, dict[str, LatestBefore]] | None = None  # see _latest_titled
        self._longest: dict[str, str] | None = None  # family → the article's first longest name of it
        self._by_translit: dict[str, list[str]] | None = None  # see _variant_of

    def fullest(self, name: str) -> str:
        if name[:1] == "و" and normalize(name[1:]).split()[:1] and normalize(name[1:]).split()[0] in self.names.tokens:
            name = name[1:]
        fam = family(name)
        if self._longest is None:  # the names are known once ArticleNames is built: index them once
            self._longest = {}
            for known in self.names.names:
                kept = self._longest.get(family(known))
                if kept is None or len(known) > len(kept):
                    self._longest[family(known)] = known
        longest = self._longest.get(fam)
        best = longest if longest is not None and len(longest) > len(name) else name
        if best == name and " " not in name.strip():
            best = self._variant_of(fam) or name
        return best

    def _variant_of(self, fam: str) -> str | None:
        """The one fuller name of the article whose family name is another transliteration of
        ``fam`` («ماريانو» for «انياسيو مارينو»); None when none or several. Only names with the
        same transliteration key can be variants, so they are indexed by it."""
        from marsad.extract.entities import fold, spelling_variants, translit_key

        if self._by_translit is None:
            self._by_translit = {}
            for k in self.names.names:
                if " " in k.strip():
                    self._by_translit.setdefault(translit_key(fold(family(k))), []).append(k)
        candidates = self._by_translit.get(translit_key(fold(fam)), ())
        hits = {k for k in candidates if family(k) != fam and len(fam) > 3
                and spelling_variants(fold(fam), fold(family(k)))}
        return next(iter(hits)) if len(hits) == 1 else None

    def from_mentions(self, a: int, b: int) -> str | None:
        """The name of the first person (else organisation) mention overlapping chars [a, b)."""
        overlapping = self._mentions.overlapping(a, b)
        best = next((m for m in overlapping if m.type == "PER"), None) or next(iter(overlapping), None)
        return (self.fullest(mention_name(best)) or None) if best else None

    def resolve(self, phrase: Phrase) -> str | None:
        v, names = self.names.view, self.names
        if phrase.end <= phrase.start:
            return None
        a, b = v.starts[phrase.start], v.ends[phrase.end - 1]
        speaker = self.from_mentions(a, b)
        if speaker is None and phrase.name:
            speaker = self.fullest(names.text(phrase.name))
        if speaker is None and phrase.title:
            speaker = self._resolve_title(phrase)
        return speaker

    def _resolve_title(self, phrase: Phrase) -> str:
        names = self.names
        title_text = names.text(phrase.title)
        key = title_key(title_text)
        if key in names.title_to_name:
            return self.fullest(names.title_to_name[key])
        head = phrase.head or ""
        single = phrase.title[1] - phrase.title[0] == 1
        bare = head[2:] if head.startswith("ال") else head
        if single and head in ("البيان", "بيان") and self.last_org:
            return self.last_org
        if single and head.startswith("ال") and bare in self.by_head:  # «وأضاف المصدر»
            return self.by_head[bare]
        if head in PERSON_HEADS:  # «وأكد المفتي», «مفتى الجمهورية» → the person titled so before
            found = self._latest_titled("first word", bare, names.view.starts[phrase.start])
            if found:
                return self.fullest(found[1])
        if single and head in ANAPHORIC_HEADS and head not in ORG_HEADS:
            bare = head[2:] if head.startswith("ال") else head
            # the latest titled person before here whose title starts so
            found = self._latest_titled("prefix", bare, names.view.starts[phrase.start])
            if found:
                return self.fullest(found[1])
            if self.last:
                return self.last
        if single and head.startswith("ال"):  # «الموقع» → the «موقع …» named earlier
            earlier = self._earlier_org(head[2:], self.names.view.starts[phrase.start])
            if earlier:
                return earlier
        first = normalize(title_text.split()[0])
        return title_text[1:] if strip_conj(first) != first else title_text

    def _latest_titled(self, by: str, key: str, here: int) -> tuple[int, str] | None:
        """The titled name latest in ``names.titled`` before char ``here`` whose title key (without
        «ال») has ``key`` as its first word (``by="first word"``) or as a prefix (``by="prefix"``);
        indexed once per article instead of scanned backwards for every title."""
        if self._titled is None:
            entries: dict[str, dict[str, list]] = {"first word": {}, "prefix": {}}
            for at, title, name in self.names.titled:
                first = title.split()[:1]
                if first:
                    entries["first word"].setdefault(first[0].removeprefix("ال"), []).append((at, name))
                bare_title = title.removeprefix("ال")
                for cut in range(len(bare_title) + 1):
                    entries["prefix"].setdefault(bare_title[:cut], []).append((at, name))
            self._titled = {kind: {k: LatestBefore(v) for k, v in found.items()} for kind, found in entries.items()}
        latest = self._titled[by].get(key)
        return latest.before(here) if latest else None

    def _earlier_org(self, bare: str, before: int) -> str | None:
        v = self.names.view
        positions = v.tokens_of(bare)
        hits = positions[:bisect.bisect_left(positions, v.tok_at(before))]  # tokens starting before `before`
        for i in reversed(hits):
            outlet = _outlet_after(v, i + 1)  # «موقع روسيا اليوم»: «اليوم» belongs to the name
            if outlet:
                return v.text[v.starts[i] : v.ends[i + outlet]]
            j = i + 1
            while j < len(v.starts) and j - i <= 3 and not _is_stop(v, j) and v.same_para(i, j):
                j += 1
            if j > i + 1:
                return v.text[v.starts[i] : v.ends[j - 1]]
        return None

    def remember(self, speaker: str | None, phrase: Phrase | None) -> None:
        if not speaker:
            return
        self.last = speaker
        self.history.append(speaker)
        if phrase is not None and phrase.head in ORG_HEADS and not phrase.name:
            self.last_org = speaker
        if phrase is not None and phrase.head and not phrase.name:
            self.by_head[phrase.head.removeprefix("ال")] = speaker
