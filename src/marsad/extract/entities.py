"""The ``entities`` stage: group an article's mentions into entities with stable keys.

A mention's name is cleaned (clitics of the first word stripped, leading titles and roles such as
«الرئيس السوري» dropped) and *folded* for matching: normalisation (alef/hamza/yaa forms, diacritics),
the transliteration variants of "g" (غ/ج, so «سيرغي»/«سيرجي»), a final «يه» after a
consonant read as «ي» («سيرجيه»), «عبد ال…» written with or without a space; then the stated
equivalences of ``arabic/equivalences.tsv`` (سوريا → سورية). The entity key is ``TYPE:folded name``,
so the same name gets the same key in every article.

Before folding, what a tagger glues to a name is trimmed (:func:`trim_tail`): a verb, particle or
clitic+Latin token after a person («شكري أجريا», «شكري لـRT» → «شكري»), an epithet after an
organisation («جبهة النصرة الإرهابي»), a conjunction before an «ال» word («والدول العربية»).

Across the archive, people's names of two or more words that are transliterations of one another
(«ديمتري/دميتري/ديميتري فولكوف», «فالكوف», «أحمد/أحمدو») meet under :func:`translit_key` and are
merged by :func:`translit_links` when :func:`same_person` holds word by word, so two people who
share a family name (بشار الأسد, حافظ الأسد) or two Arabic names the corpus attests separately
(محمد/محمود) stay apart.

Within one article a shorter name joins the one longer name of the article it is the start or the
end of («شكري» → «سامح شكري»); when two longer names share it («الأسد» with «بشار الأسد» and «حافظ
الأسد») it stays on its own, so different people who share a family name are never fused.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from marsad.arabic import ner_triggers as cues
from marsad.arabic.clitics import proclitic_readings
from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import tokenize, words
from marsad.document import Article, Mention

EQUIVALENCES_PATH = Path(__file__).parents[1] / "arabic" / "equivalences.tsv"
_ADJ = re.compile(r"^ال\w+ي(ة|ه)?$")  # nisba adjective after a title: «السوري», «الروسي»
_YEH = re.compile(r"(?<=[^اوي])يه\b")
_ABD = re.compile(r"\b(عبد|ابو) (?=ال)")
_LATIN = re.compile(r"[A-Za-z]")
# Adjectives Syrian and Russian wire copy glue after an organisation's name («جبهة النصرة الإرهابي»);
# written for marsad from the seed pages' usage. They describe, they do not name.
_ORG_EPITHETS = frozenset(normalize(w) for w in "الإرهابي الإرهابية الارهابي الارهابية المتطرف المتطرفة".split())
# Verbal nouns of the derived stems (استفعال, افتعال, انفعال: «استتباب», «انتشار», «اجتياح»): a tagger
# that takes «استتباب الأمن» for an organisation has read an abstract noun phrase as a name.
_MASDAR = re.compile(r"^(است\w\wا\w|ا\wت\wا\w|ان\w\wا\w)$")


def fold(name: str) -> str:
    """The matching form of an already cleaned name."""
    # taa marbuta is kept: folding it to ه would make «سورية» look like «سيرجيه» to the rule below
    s = _YEH.sub("ي", normalize(name)).replace("غ", "ج").replace("گ", "ج")
    return _ABD.sub(r"\1", s)


@lru_cache(maxsize=1)
def equivalences() -> dict[str, tuple[str, str]]:
    """folded variant → (folded canonical, canonical as written)."""
    table: dict[str, tuple[str, str]] = {}
    for line in EQUIVALENCES_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, canonical = line.split("\t")
        table[fold(variant)] = (fold(canonical), canonical)
        table.setdefault(fold(canonical), (fold(canonical), canonical))
    return table


def _is_title(word: str) -> bool:
    n = normalize(word)
    if n[:1] in ("و", "ف") and n[1:] in cues.PERSON_TITLES:  # «ووزير الخارجية …»
        return True
    return n in cues.PERSON_TITLES or n in cues.OFFICE_WORDS or bool(_ADJ.match(n))


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Word forms the shipped name lists (ANERcorp labels, corpus self-training) know as names."""
    from marsad.extract.ner.gazetteer import GAZETTEER_PATH, load_gazetteer

    names = set(load_gazetteer(GAZETTEER_PATH)) | set(load_gazetteer(GAZETTEER_PATH.with_name("corpus_gazetteer.tsv")))
    # a listed form that is a clitic plus another listed form («وروسيا») is not a name of its own
    return frozenset(n for n in names if not any(s and f in names for _, f, s in proclitic_readings(n)))


def _strip_first(word: str, known: frozenset[str] | set[str]) -> str:
    """``word`` without proclitics when what remains is a known name and the whole is not.

    Stricter than the tagger's segmentation: corpus frequency alone would cut «فيدل» into ف + «يدل»
    and «كمال» into ك + «مال» (both common words), so a split needs a name on the other side —
    another mention of the same article («ولافروف» beside «لافروف») or a name list entry."""
    norm = normalize(word)
    names = known_names()
    if norm in names:
        return word
    for _, form, start in proclitic_readings(norm):
        if start and (form in known or form in names):
            stem = word[len(word) - len(norm) + start :] if len(word) == len(norm) else form
            return "ا" + stem if form.startswith("ال") and not stem.startswith(("ا", "أ", "إ", "آ")) else stem
    return word


def _lexicon_count(norm: str) -> int:
    from marsad.arabic.clitics import default_lexicon

    try:
        return default_lexicon().count(norm)
    except OSError:  # no clusters file: no corpus evidence
        return 0


def _strip_conjunction(ws: list[str]) -> list[str]:
    """«والدول العربية» → «الدول العربية»: a multi-word name whose first word is و + an «ال» word
    the news corpus knows better than the whole («والتر» stays: «التر» is not a word)."""
    n = normalize(ws[0])
    if len(ws) > 1 and n.startswith("وال") and len(n) > 4 and _lexicon_count(n[1:]) > max(20, _lexicon_count(n)):
        return [ws[0][1:]] + ws[1:]
    return ws


def _junk_word(word: str) -> bool:
    """A word a tagger glued after a person's name: a verb («أجريا»), a particle or preposition, or a
    Latin token attached to a clitic («لـRT»)."""
    from marsad.arabic.cue_verbs import lookup
    from marsad.arabic.roles import NAME_STOPS
    from marsad.arabic.roles import COMPLEMENTISERS, EVENT_VERBS

    n = normalize(word).replace("ـ", "")
    if _LATIN.search(word) and re.search(r"[\u0600-\u06FF]", word):
        return True
    return n in NAME_STOPS or n in EVENT_VERBS or n in COMPLEMENTISERS or lookup(n) is not None


def _speech_verb(word: str) -> bool:
    from marsad.arabic.cue_verbs import lookup

    n = normalize(word)
    return n in cues.SPEECH_CUES or lookup(n) is not None


def _abstract_noun_phrase(ws: list[str]) -> bool:
    """«استتباب الأمن»: a name-less phrase headed by a verbal noun no name list or cue list knows."""
    n = normalize(ws[0])
    return bool(_MASDAR.match(n)) and n not in cues.ORG_HEADS and n not in known_names()


def trim_tail(ws: list[str], typ: str) -> list[str]:
    """Drop what the tagger glued after a name: verbs/particles/«لـRT» after a person, a descriptive
    epithet («الإرهابي») after an organisation. The first word always stays."""
    if typ == "PER":
        cut = next((i for i in range(1, len(ws)) if _junk_word(ws[i])), len(ws))
        ws = ws[:cut]
    elif typ == "ORG":
        while len(ws) > 1 and normalize(ws[-1]) in _ORG_EPITHETS:
            ws = ws[:-1]
    return ws


def clean_name(text: str, typ: str, known: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The words of a mention without leading clitics, trailing junk and (for people) leading
    titles. ``known``: normalised first words of the article's other mentions."""
    ws = words(text)
    if not ws:
        return []
    while len(ws) > 1 and _speech_verb(ws[0]):  # «أوضح الصاوي»: the verb before the name
        ws = ws[1:]
    if typ != "PER" and _abstract_noun_phrase(ws):
        return []
    ws = _strip_conjunction(ws)
    ws[0] = _strip_first(ws[0], known)
    if typ == "PER":
        while len(ws) > 1 and _is_title(ws[0]):
            ws = ws[1:]
    return trim_tail(ws, typ)


def canonical_key(name_words: list[str], typ: str) -> tuple[str, str]:
    """(entity key, canonical display name) of a cleaned name."""
    display = " ".join(name_words)
    folded = fold(display)
    eq = equivalences().get(folded)
    if eq:
        folded, display = eq
    return f"{typ}:{folded}", display


def _joins(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return 0 < n < len(long) and (long[-n:] == short or long[:n] == short)


def merge_article(mentions: list[Mention]) -> None:
    """Set ``entity_key`` and ``canonical`` on the mentions of one article."""
    known = {normalize(w) for m in mentions for w in words(m.text)[:1]}
    cleaned = []
    for m in mentions:
        ws = clean_name(m.text, m.type, known)
        cleaned.append((m, ws, fold(" ".join(ws)).split()))
    fulls: dict[str, list] = {}  # folded full name → (type, words); people with 2+ words
    for m, ws, fw in cleaned:
        if len(fw) > 1:
            fulls.setdefault(" ".join(fw), (m.type, ws, fw))
    resolved = []
    for m, ws, fw in cleaned:
        if not ws:
            continue
        typ, name = m.type, ws
        # only people are called by part of their name («دمشق» is not short for «ريف دمشق»)
        hosts = {k: v for k, v in fulls.items() if v[0] == "PER" and _joins(fw, v[2])}
        if len(hosts) == 1 and (m.type == "PER" or len(fw) == 1):
            typ, name, _ = next(iter(hosts.values()))
        resolved.append((m, typ, name))
    # one name, one type within an article: the tagger's majority type wins («روسيا» LOC 5×, ORG 1×)
    votes: dict[str, Counter[str]] = {}
    for m, typ, name in resolved:
        votes.setdefault(fold(" ".join(name)), Counter())[typ] += 1
    for m, typ, name in resolved:
        typ = votes[fold(" ".join(name))].most_common(1)[0][0]
        m.entity_key, m.canonical = canonical_key(name, typ)


_LATIN_AFTER = re.compile(r"\s*[(\[]\s*([A-Z][A-Za-z.'\- ]{1,60}?)\s*[)\]]")
_LATIN_BEFORE = re.compile(r"([A-Z][A-Za-z.'\- ]{1,60}?)\s*[(\[]\s*$")


def latin_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Latin forms the text itself pairs with a merged Arabic mention — «لافروف (Lavrov)» or
    «Sergey Lavrov (سيرغي لافروف)» — as extra mentions carrying the same entity key, so the
    archive lists the Latin form among the entity's variants and finds it by that name."""
    found = []
    for m in mentions:
        if not m.entity_key:
            continue
        after = _LATIN_AFTER.match(text, m.end)
        if after:
            found.append(Mention(after.start(1), after.end(1), m.type, after.group(1), m.entity_key, m.canonical))
        before = _LATIN_BEFORE.search(text, max(0, m.start - 64), m.start)
        if before:
            found.append(Mention(before.start(1), before.end(1), m.type, before.group(1), m.entity_key, m.canonical))
    return found


_OF_OTHER = frozenset(normalize(w) for w in "مساعدة مساعد نائبة مستشارة باسم زوجة زوج ابن ابنة شقيق شقيقة".split())
# ranks that are also units: «الفريق الاتحادي» is a team, «اللواء» a brigade
_NOT_ONLY_PEOPLE = frozenset(normalize(w) for w in "الفريق فريق اللواء لواء".split())
_ROLE_LOOKBACK = 8  # words before a person's name searched for the role that introduced them
_LAST_WORD = re.compile(r"(\w+)\s*$")
_APPOSITION = re.compile(r"\s*[،,]\s*(\w+)")
_CLITIC_AL = (("لل", "ال"), ("بال", "ال"), ("كال", "ال"), ("فال", "ال"), ("وال", "ال"))


@lru_cache(maxsize=200_000)
def _role_form(word: str) -> str:
    """A word as it appears in a role phrase: normalised, a leading conjunction or preposition on an
    «ال» word read as «ال» («وللوزير» → «الوزير»)."""
    n = normalize(word)
    if n[:1] in ("و", "ف") and len(n) > 3 and (n[1:3] == "ال" or n[1:3] == "لل" or n[1:] in cues.PERSON_TITLES):
        n = n[1:]
    for clitic, al in _CLITIC_AL:
        if n.startswith(clitic) and len(n) > len(clitic) + 1:
            return al + n[len(clitic):]
    return n


def _role_phrase(tokens: list, k: int) -> list[str]:
    """The role words right before token ``k`` («وزير الخارجية الروسي» before «سيرغي لافروف»),
    normalised, or [] when no person title starts them."""
    phrase: list[str] = []
    j = k - 1
    while j >= 0 and k - j <= _ROLE_LOOKBACK and tokens[j].text[0].isalpha() and _is_title_cached(tokens[j].text):
        phrase.insert(0, _role_form(tokens[j].text))
        j -= 1
    while phrase and phrase[0] not in cues.PERSON_TITLES:  # it must start with a title, not an adjective
        phrase.pop(0)
    return phrase


def _role_after(tokens: list) -> list[str]:
    """The role words at the start of ``tokens`` (an apposition after a name), normalised, or []
    when they do not start with a person title."""
    phrase: list[str] = []
    for t in tokens[:_ROLE_LOOKBACK]:
        if not (t.text[0].isalpha() and _is_title_cached(t.text)):
            break
        phrase.append(_role_form(t.text))
    return phrase if phrase and phrase[0] in cues.PERSON_TITLES else []


def _nominal_forms(phrase: list[str]) -> set[tuple[str, ...]]:
    """Descriptions that can stand for the person a role phrase introduced: the phrase itself (two
    words or more) and its title with the definite article plus its last gentilic adjective
    («وزير الخارجية الروسي» → also «الوزير الروسي»)."""
    forms: set[tuple[str, ...]] = set()
    if phrase and phrase[0] in _NOT_ONLY_PEOPLE:
        return forms
    # the last word a gentilic («الروسي»), not an office word that looks like one («الخارجية»)
    if len(phrase) >= 2 and _ADJ.match(phrase[-1]) and phrase[-1] not in cues.OFFICE_WORDS:
        forms.add(tuple(phrase))
        head = phrase[0] if phrase[0].startswith("ال") else "ال" + phrase[0]
        forms.add((head, phrase[-1]))
    return forms


@lru_cache(maxsize=200_000)
def _is_title_cached(word: str) -> bool:
    return _is_title(word)


def nominal_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Later descriptions of a person the article introduced with a role: after «وزير الخارجية
    الروسي سيرغي لافروف», «الوزير الروسي» and «وزير الخارجية الروسي» standing alone are mentions
    of the same entity (``nominal``). Only when unambiguous: a description that introduced two
    people in the article («الوزير الروسي» for two Russian ministers) stands for neither. Never
    inside another mention, never right before a name (then it is that name's title), never
    before the person's first mention."""
    people = [m for m in mentions if m.type == "PER" and m.entity_key and not m.nominal]
    if not people:
        return []
    owners: dict[tuple[str, ...], set[str]] = {}
    introductions: set[int] = set()
    first_seen: dict[str, int] = {}
    canonical: dict[str, str | None] = {}
    for m in people:
        first_seen[m.entity_key] = min(first_seen.get(m.entity_key, m.start), m.start)
        canonical[m.entity_key] = m.canonical
        # the words just before the name (a role is at most _ROLE_LOOKBACK words), when the last
        # of them is a title or a gentilic at all (most names have none: skip the tokenising)
        last = _LAST_WORD.search(text, max(0, m.start - 40), m.start)
        if last is not None and _is_title_cached(last.group(1)):
            before = tokenize(text[max(0, m.start - 24 * _ROLE_LOOKBACK):m.start])
            for form in _nominal_forms(_role_phrase(before, len(before))):
                owners.setdefault(form, set()).add(m.entity_key)
        # or the role in apposition after it: «حسن أبو هنية، الباحث الأردني في …»
        after = _APPOSITION.match(text, m.end)
        if after is not None and _is_title_cached(after.group(1)):
            introductions.add(after.start(1))  # the apposition itself is not a further mention
            for form in _nominal_forms(_role_after(tokenize(text[after.start(1):after.start(1) + 24 * _ROLE_LOOKBACK]))):
                owners.setdefault(form, set()).add(m.entity_key)
    forms = {f: next(iter(keys)) for f, keys in owners.items() if len(keys) == 1}
    if not forms:
        return []
    tokens = tokenize(text)
    spans = sorted((m.start, m.end) for m in mentions)
    name_starts = {m.start for m in mentions if m.type == "PER"}
    longest = max(len(f) for f in forms)
    out: list[Mention] = []
    normal = [_role_form(t.text) for t in tokens]
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(longest, len(tokens) - i), 1, -1):  # the longest description first
            key = forms.get(tuple(normal[i:i + n]))
            if key is not None:
                hit = (n, key)
                break
        if hit is None:
            i += 1
            continue
        n, key = hit
        a, b = tokens[i].start, tokens[i + n - 1].end
        inside = any(s < b and a < e for s, e in spans)
        # the description goes on («وزير الخارجية الأميركي»), or it is the title of a name that
        # follows within three words («للرئيس اليمني السابق علي عبد الله صالح»)
        goes_on = i + n < len(tokens) and _is_title_cached(tokens[i + n].text)
        before_name = any(t.start in name_starts for t in tokens[i + n:i + n + 3])
        # someone else's role defined by this person («نائب الرئيس المصري», «المتحدث باسم …»): a
        # mention of the person, but the sentence is about the other one (and would make them speak)
        of_other = i > 0 and (_is_title_cached(tokens[i - 1].text) or normal[i - 1] in _OF_OTHER)
        if not inside and not goes_on and not before_name and not of_other and a > first_seen[key] \
                and a not in introductions:
            out.append(Mention(a, b, "PER", text[a:b], key, canonical[key], nominal=True))
        i += n
    return out


class EntityStage:
    name = "entities"
    requires = ("mentions",)
    provides = ("entity_key",)

    def __call__(self, articles: list[Article]) -> list[Article]:
        for art in articles:
            try:
                merge_article(art.mentions)
                named = [m for m in art.mentions if m.entity_key]  # cleaning emptied the rest: not names
                named += latin_mentions(art.text or "", named)
                art.mentions = sorted(named + nominal_mentions(art.text or "", named),
                                      key=lambda m: (m.start, m.end))
            except Exception as exc:  # recorded, never raised: one article must not stop ingest
                art.meta.setdefault("problems", []).append(f"entities: {type(exc).__name__}: {exc}")
        return articles


def family_name_links(keys) -> dict[str, str]:
    """For a collection of entity keys: each one-word person key → the one multi-word person key
    that ends with that word, when exactly one does («PER:لافروف» → «PER:سيرجي لافروف»); a family
    name shared by two full names (الأسد) links to neither."""
    fulls: dict[str, set[str]] = {}
    for k in keys:
        typ, name = k.split(":", 1)
        parts = name.split()
        if typ == "PER" and len(parts) > 1:
            fulls.setdefault(parts[-1], set()).add(k)
    links = {}
    for k in keys:
        typ, name = k.split(":", 1)
        if typ == "PER" and " " not in name and len(fulls.get(name, ())) == 1:
            links[k] = next(iter(fulls[name]))
    return links


_VOWELS = "اوي"
DISTINCT_MIN_COUNT = 50  # both spellings this frequent in the news corpus: two names, not two spellings


def _skeleton(word: str) -> str:
    """Transliteration form of one folded word: the long vowels inside it dropped (ديمتري ~ دميتري ~
    ديميتري, فولكوف ~ فالكوف), ك/ج/غ read as one "g", a final ه/ة/ا dropped, and a final و after a
    known base («أحمدو» → «أحمد», the West African spelling). «ال» words are Arabic: kept as they are."""
    if word.startswith("ال") or len(word) < 3:
        return word
    if word.endswith("و") and _lexicon_count(word[:-1]) > max(DISTINCT_MIN_COUNT, 10 * _lexicon_count(word)):
        word = word[:-1]
    word = word.rstrip("هة") if len(word) > 3 else word
    word = word.replace("ك", "ج")
    core = word[1:-1].translate({ord(c): None for c in _VOWELS})
    return word[0] + core + (word[-1] if word[-1] not in "ا" else "")


def translit_key(folded: str) -> str:
    """Key under which transliteration variants of one person's name meet."""
    return " ".join(_skeleton(w) for w in folded.split())


def _same_spelling(a: str, b: str) -> bool:
    """Two words that fold together are spellings of one name unless the corpus attests both as
    frequent words of their own (محمد/محمود, سعد/سعيد, جمال/كمال)."""
    if a == b:
        return True
    return min(_lexicon_count(a), _lexicon_count(b)) < DISTINCT_MIN_COUNT


def spelling_variants(a: str, b: str) -> bool:
    """Two folded words are transliteration spellings of one name («مارينو» ~ «ماريانو»)."""
    return _skeleton(a) == _skeleton(b) and _same_spelling(a, b)


def same_person(a: str, b: str) -> bool:
    """Folded full names ``a`` and ``b`` are transliteration variants of one person: two or more
    words each, word by word the same skeleton, no pair of distinct attested names. A differing first
    name means a different person (بشار الأسد ≠ حافظ الأسد): skeletons must agree word by word."""
    wa, wb = a.split(), b.split()
    if a == b or len(wa) != len(wb) or len(wa) < 2:
        return a == b
    return all(spelling_variants(x, y) for x, y in zip(wa, wb))


def translit_links(counts: dict[str, int]) -> dict[str, str]:
    """Person keys («PER:دميتري فالكوف») → the most mentioned key they are a transliteration
    variant of («PER:ديمتري فولكوف»)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for k, n in counts.items():
        typ, name = k.split(":", 1)
        if typ == "PER" and " " in name:
            groups.setdefault(translit_key(name), []).append((n, k))
    links = {}
    for group in groups.values():
        group.sort(key=lambda t: (-t[0], t[1]))
        for i, (_, k) in enumerate(group):  # each key joins the most mentioned compatible one before it
            target = next((t for _, t in group[:i] if t not in links
                           and same_person(k.split(":", 1)[1], t.split(":", 1)[1])), None)
            if target:
                links[k] = target
    return links


def type_links(counts: dict[str, int]) -> dict[str, str]:
    """Keys that differ only by type («ORG:روسيا», «LOC:روسيا») → the key of the name's most
    mentioned type (the tagger sometimes hesitates between types for the same name)."""
    by_name: dict[str, list[tuple[int, str]]] = {}
    for k, n in counts.items():
        by_name.setdefault(k.split(":", 1)[1], []).append((n, k))
    links = {}
    for group in by_name.values():
        if len(group) > 1:
            best = max(group)[1]
            links.update({k: best for _, k in group if k != best})
    return links


def lookup_entity(store, name: str) -> list[str]:
    """Entity keys matching ``name`` or any of its variants (see :mod:`marsad.extract.entity_queries`)."""
    from marsad.extract.entity_queries import lookup_entity as _lookup

    return _lookup(store, name)


def resolve_archive(store) -> int:
    """Link lone family names to the archive's one matching full name (see entity_queries)."""
    from marsad.extract.entity_queries import resolve_archive as _resolve

    return _resolve(store)
