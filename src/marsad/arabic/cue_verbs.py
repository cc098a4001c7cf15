"""Verbs of saying (cue verbs) that introduce quotes in Arabic news, with their stance class.

Source: written for marsad from the attribution verbs of Arabic wire copy (SANA, RT Arabic, SPA and
the SaudiNewsNet outlets) and the list in marsad issue 5; forms are generated from a few stems
rather than listed, so adding a verb is one line in ``VERBS`` (see docs/quotes.md).

Each verb lists its past stem (3rd person masculine singular), its present stem(s) (3rd person
masculine singular, the feminine ت- form is derived), its active participle (masculine, the
feminine ـة and accusative ـا forms are derived), what may follow it, and a stance:

- ``neutral``  — reports a statement (قال، أوضح، أشار، أضاف …)
- ``emphatic`` — insists, warns or urges (أكد، شدد، حذر، دعا، طالب …)
- ``denial``   — denies or rules out (نفى، استبعد)
- ``claim``    — asserts an opinion or unverified claim (زعم، اعتبر، رأى، توقع)

``complements`` says what may carry the content besides an أن/إن clause or a direct quote:
``noun`` (أكد أهمية …) or a preposition (شدد على …، دعا إلى …، حذر من …، أعرب عن …).
Everything is matched in :func:`marsad.arabic.normalize.normalize` form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize

NEUTRAL, EMPHATIC, DENIAL, CLAIM = "neutral", "emphatic", "denial", "claim"

# lemma, past stem, present stems, participle, stance, complements besides أن/direct
# (complement "noun" = a bare noun phrase; a preposition = that preposition then a noun phrase)
VERBS: tuple[tuple[str, str, tuple[str, ...], str, str, tuple[str, ...]], ...] = (
    ("قال", "قال", ("يقول",), "قائل", NEUTRAL, ()),
    ("أكد", "أكد", ("يؤكد",), "مؤكد", EMPHATIC, ("noun", "على")),
    ("أوضح", "أوضح", ("يوضح",), "موضح", NEUTRAL, ()),
    ("أشار", "أشار", ("يشير",), "مشير", NEUTRAL, ("إلى", "على")),
    ("لفت", "لفت", ("يلفت",), "لافت", NEUTRAL, ("إلى",)),
    ("شدد", "شدد", ("يشدد",), "مشدد", EMPHATIC, ("على",)),
    ("أعلن", "أعلن", ("يعلن",), "معلن", NEUTRAL, ("noun", "عن")),
    ("أضاف", "أضاف", ("يضيف",), "مضيف", NEUTRAL, ()),
    ("تابع", "تابع", ("يتابع",), "متابع", NEUTRAL, ()),
    ("أردف", "أردف", ("يردف",), "مردف", NEUTRAL, ()),
    ("ذكر", "ذكر", ("يذكر",), "ذاكر", NEUTRAL, ()),
    ("صرح", "صرح", ("يصرح",), "مصرح", NEUTRAL, ()),
    ("نفى", "نفى", ("ينفي",), "ناف", DENIAL, ("noun",)),
    ("زعم", "زعم", ("يزعم",), "زاعم", CLAIM, ()),
    ("ادعى", "ادعى", ("يدعي",), "مدع", CLAIM, ()),
    ("اعتبر", "اعتبر", ("يعتبر",), "معتبر", CLAIM, ()),
    ("رأى", "رأى", ("يرى",), "رائي", CLAIM, ()),
    ("دعا", "دعا", ("يدعو",), "داعي", EMPHATIC, ("إلى",)),
    ("طالب", "طالب", ("يطالب",), "مطالب", EMPHATIC, ("ب",)),
    ("حذر", "حذر", ("يحذر",), "محذر", EMPHATIC, ("من",)),
    ("حث", "حث", ("يحث",), "حاث", EMPHATIC, ("على",)),
    ("ناشد", "ناشد", ("يناشد",), "مناشد", EMPHATIC, ()),
    ("كشف", "كشف", ("يكشف",), "كاشف", NEUTRAL, ("عن",)),
    ("بين", "بين", ("يبين",), "مبين", NEUTRAL, ()),
    ("أفاد", "أفاد", ("يفيد",), "مفيد", NEUTRAL, ()),
    ("جدد", "جدد", ("يجدد",), "مجدد", EMPHATIC, ("noun",)),
    ("توقع", "توقع", ("يتوقع",), "متوقع", CLAIM, ("noun",)),
    ("استبعد", "استبعد", ("يستبعد",), "مستبعد", DENIAL, ("noun",)),
    ("نوه", "نوه", ("ينوه",), "منوه", NEUTRAL, ("إلى",)),  # «نوه ب» is praise, not a statement
    ("أعرب", "أعرب", ("يعرب",), "معرب", NEUTRAL, ("عن",)),
    ("رجح", "رجح", ("يرجح",), "مرجح", CLAIM, ()),
    ("اعترف", "اعترف", ("يعترف",), "معترف", NEUTRAL, ("ب",)),
    ("أقر", "أقر", ("يقر",), "مقر", NEUTRAL, ()),
    ("أعاد", "أعاد", (), "", NEUTRAL, ()),  # «أعاد إلى الأذهان أن» (only with أن)
    ("نقل", "نقل", ("ينقل",), "ناقل", NEUTRAL, ()),  # «نقل عن X قوله»: speaker after عن
    ("اتهم", "اتهم", ("يتهم",), "متهم", CLAIM, ()),  # only with an أن clause («اتهم … بأنه …»)
    ("وصف", "وصف", ("يصف",), "واصف", CLAIM, ()),  # only with an أن clause («واصفا إياها بأنها …»)
)

# Past-tense agreement suffixes: he, she, they two (m/f), they (m/f).
PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "ن")
# Conjunctions and particles written attached to the verb.
PREFIXES = ("", "و", "ف")
# Nouns that act as cue words: «قوله» in «نقل عن لافروف قوله: …».
NOUN_CUES = ("قوله", "قولها", "قولهم", "تصريحه", "تصريحها", "بالقول")
# Forms that are a cue only when an أن clause follows at once («وبين أنه …», not «بين البلدين»).
ONLY_WITH_COMPLEMENTISER = ("بين", "وبين", "فبين", "بينت", "وبينت")


@dataclass(frozen=True, slots=True)
class CueForm:
    lemma: str  # normalised lemma (matching key)
    verb: str  # the lemma as written, for display («أكد»)
    stance: str
    form: str  # "past" | "present" | "participle" | "noun"
    complements: tuple[str, ...]  # normalised prepositions and/or "noun"


def _past_forms(stem: str) -> set[str]:
    out = set()
    for suffix in PAST_SUFFIXES:
        base = stem
        if stem.endswith("ى") and suffix:  # نفى → نفت، نفيا، نفوا
            base = stem[:-1]
            suffix = {"ت": "ت", "ا": "يا", "تا": "تا", "وا": "وا", "ن": "ين"}[suffix]
        elif stem.endswith("ا") and len(stem) == 3 and suffix:  # دعا → دعت، دعوا
            base = stem[:-1]
            suffix = {"ت": "ت", "ا": "وا", "تا": "تا", "وا": "وا", "ن": "ون"}[suffix]
        out.add(base + suffix)
    return out


def _present_forms(stem: str) -> set[str]:
    out = {stem, "ت" + stem[1:]}
    if stem.endswith(("ي", "و")):
        out |= {stem[:-1] + "ون", "ت" + stem[1:-1] + "ون"}
    else:
        out |= {stem + "ون", stem + "ان", "ت" + stem[1:] + "ان"}
    return out


def _participle_forms(stem: str) -> set[str]:
    if not stem:
        return set()
    if stem.endswith("ي"):
        return {stem, stem + "ا", stem[:-1] + "ية", stem[:-1] + "يا", stem + "ين"}
    return {stem, stem + "ا", stem + "ة", stem + "ين", stem + "ان", stem + "ات"}


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, CueForm]:
    """Normalised surface form (with its attached و/ف) → what it is."""
    lexicon: dict[str, CueForm] = {}
    for lemma, past, presents, participle, stance, comps in VERBS:
        comps_n = tuple(normalize(c) for c in comps)
        groups = [("past", _past_forms(past))]
        groups.append(("present", set().union(*(_present_forms(p) for p in presents)) if presents else set()))
        groups.append(("participle", _participle_forms(participle)))
        for kind, forms in groups:
            for f in forms:
                for prefix in PREFIXES:
                    key = normalize(prefix + f)
                    lexicon.setdefault(key, CueForm(normalize(lemma), lemma, stance, kind, comps_n))
    for noun in NOUN_CUES:
        for prefix in PREFIXES:
            lexicon.setdefault(normalize(prefix + noun), CueForm("قال", "قال", NEUTRAL, "noun", ()))
    # «مؤكدة» etc. are fine, but some generated forms are ordinary words: drop them.
    for word in AMBIGUOUS:
        lexicon.pop(normalize(word), None)
    return lexicon


@lru_cache(maxsize=1)
def conditional_lexicon() -> dict[str, CueForm]:
    """Cues that count only right before أن/أنه (see ``ONLY_WITH_COMPLEMENTISER``)."""
    bayyan = CueForm(normalize("بين"), "بيّن", NEUTRAL, "past", ())
    return {normalize(w): bayyan for w in ONLY_WITH_COMPLEMENTISER}


# Generated forms that are far more often something else in news text (between, student, HQ,
# certain, again, follow-us chrome, impersonal «يذكر أن» …).
AMBIGUOUS = (
    "بين", "وبين", "فبين", "تبين", "وتبين", "مقر", "مقرا", "ومقر", "مفيد", "مفيدا", "مفيدة",
    "ذاكر", "ذاكرا", "متابع", "متابعا", "متابعة", "ومتابعة", "متابعين", "طالبا", "طالبة", "طالبان",
    "مطالب", "مطالبة", "مطالبات", "متوقع", "متوقعة", "مدع", "مرجح", "مرجحة", "معلن", "معلنة",
    "ناقل", "ناقلة", "ناقلات", "ناقلا", "مردف", "رائي", "رائيا", "تذكر", "يذكر", "ويذكر", "فيذكر",
    "مؤكد", "مشير", "مضيف", "مبين", "موضح", "لافت", "لافتة", "قائل", "مجدد", "مجددا", "ومجددا",
    "مجددة", "تابعوا", "وتابعوا", "فتابعوا", "مشدد", "مشددة", "محذر", "داعي", "داعية", "معترف",
    "معترفا", "منوه", "معرب", "متهم", "متهما", "متهمة", "متهمين", "واصف", "واصفة", "مستبعد", "مستبعدة", "متابعات", "مصرح", "مصرحا", "زاعم",
    "أقرا", "واقرا", "فاقرا", "اقروا",  # «اقرأ أيضا» (read also), not «أقرّا»
    "نقلا", "ونقلا",  # «نقلاً عن» (quoting), not «نقلا» (they two relayed)
)


def lookup(word_normalised: str) -> CueForm | None:
    """The cue a normalised word is, or None."""
    return cue_lexicon().get(word_normalised)
