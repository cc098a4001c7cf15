r"""Cheap triggers that decide where each date rule is worth running.

Running every rule's regular expression over a whole article is slow in Python (optional prefixes
defeat the engine's first-character skip). Instead, each rule names the words (or a digit shape)
without which it cannot match; plain ``str.find`` over a folded copy of the text locates them, and
the rule is tried only at the trigger and at the starts of the few words before it. Folding keeps
the text's length so positions carry over: alef forms → ا, ى → ي, ة → ه, every blank → space
(digit triggers use ``\d``, which matches Eastern digits too). A keyword written with a diacritic
inside it is not seen (rare in news text).
"""

from __future__ import annotations

import re

from marsad.arabic import months as cal

_FOLD = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("\n", " "), ("\t", " "),
         ("\xa0", " "), ("\r", " "))


def fold(text: str) -> str:
    # chained str.replace runs in C; str.translate with a dict is several times slower on Arabic
    for a, b in _FOLD:
        text = text.replace(a, b)
    return text


def _words(*groups) -> tuple[str, ...]:
    """Folded first words of the entries; a word containing another one is dropped (its hits are
    found through the shorter one, and any hit inside a word stands for the whole word)."""
    out = set()
    for group in groups:
        for w in group:
            first = w.split()[0]
            out.add(fold(first[2:] if first.startswith("ال") and len(first) > 4 else first))
    return tuple(sorted(w for w in out if not any(o != w and o in w for o in out)))


# «آب» and «ماي» are inside many words (كتاب، انتخاب، مايو…): only as a word of their own.
_MONTH_WORDS = tuple(w for w in _words(cal.GREGORIAN_MONTHS) if w not in ("اب", "ماي")) + (" اب", " ماي")
_UNIT_WORDS = _words(cal.TIME_UNITS, ("الأيام", "الأسابيع", "الأشهر", "الشهور", "السنوات", "الأعوام", "العقود"))
TRIGGERS: dict[str, tuple[str, ...] | re.Pattern] = {
    "numeric": re.compile(r"\d\s*[/\-.]\s*\d{1,2}\s*[/\-.]"),
    "iso": re.compile(r"\d{4}[-/.]\d"),
    "month": _MONTH_WORDS,
    "month_paren": _MONTH_WORDS,
    "hijri": tuple(w for w in _words(cal.HIJRI_MONTHS) if w not in ("ذو", "ذي")) + (" ذو ", " ذي "),
    "year": re.compile(r"\d{3}"),
    "relative_day": ("امس", "غد", "بكرا", "بكره", "بارح", "يوم", "ليله"),
    "weekday": _words(cal.WEEKDAYS),
    "period": _words(cal.PERIOD_NOUNS),
    "duration": _UNIT_WORDS,
    "recent": _UNIT_WORDS,
    "frequency": _words(cal.FREQUENCIES) + ("نصف",),
    "decade": ("ينات", "نيات"),
    "century": ("قرن",),
    "decade_rel": ("عقد",),
    "era_period": _words(cal.ERA_NOUNS),
    "season": _words(cal.SEASONS),
    "clock": ("ساعه",),
    "hhmm": re.compile(r"\d:\d\d"),
}


_OPENERS = "(\"«“[-–،,:"
WORDS_BEFORE = 5  # «من 13 وحتى 15 تشرين», «يوم الثلاثاء الموافق 5/8/2008», «بتاريخ : ( 15»


def hits(folded: str, trigger, cache: dict) -> list[int]:
    """Start positions of a rule's trigger in the folded text (word hits cached per text)."""
    if isinstance(trigger, re.Pattern):
        return [m.start() for m in trigger.finditer(folded)]
    out = []
    for word in trigger:
        found = cache.get(word)
        if found is None:
            found = []
            lead = 1 if word[0] == " " else 0  # « اب»: the hit is the word after the space
            i = folded.find(word)
            while i != -1:
                found.append(i + lead)
                i = folded.find(word, i + len(word))
            cache[word] = found
        out.extend(found)
    return out


class WordIndex:
    """Turns a trigger position into the places a match may begin, walking back over the folded
    text (where every blank is a plain space) word by word."""

    def __init__(self, folded: str):
        self.folded = folded
        self.cache: dict[int, tuple[int, ...]] = {}

    def _around(self, p: int) -> tuple[int, ...]:
        folded = self.folded
        out = [p]
        i = p
        for _ in range(WORDS_BEFORE + 1):
            j = folded.rfind(" ", 0, i)
            w = j + 1
            if w < i or w == p:
                out.append(w)
                while folded[w] in _OPENERS and w < p:  # «(الاثنين)», «"اليوم»
                    w += 1
                    out.append(w)
            if j < 0:
                break
            while j > 0 and folded[j - 1] == " ":
                j -= 1
            i = j
        return tuple(out)

    def starts(self, positions: list[int]) -> list[int]:
        """Each trigger, the start of its word and of the few words before (also just inside
        opening punctuation)."""
        out: set[int] = set()
        cache = self.cache
        for p in positions:
            found = cache.get(p)
            if found is None:
                found = cache[p] = self._around(p)
            out.update(found)
        return sorted(out)
