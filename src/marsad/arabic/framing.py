"""The framing lexicon: contested labels of Arabic political news and where they occur in a text.

The labels live in ``framing_lexicon.tsv`` beside this module (written for marsad from general
knowledge of Arabic media usage; each line says what the label signals and who tends to use it).
Labels are grouped by referent, so an outlet's choice inside a group («النظام السوري» / «الحكومة
السورية» / «الدولة السورية») is its framing of that referent.

Matching works on normalised words (:func:`marsad.arabic.normalize.normalize`); the first word of a
label may carry the usual proclitics (و ف ب ل ك, «لل» for ل + ال) and a label written without the
article also matches with it («ثورة» → «الثورة»). Longest label wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.arabic.normalize import normalize, normalize_with_offsets

LEXICON_FILE = Path(__file__).with_name("framing_lexicon.tsv")
_WORD = re.compile(r"[\w\u0640]+")
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    group: str  # the referent («syria-government», «death», «israel» …)
    label: str  # as written in the lexicon
    frame: str  # delegitimising | legitimising | neutral | sympathetic | minimising | sacralising | …
    note: str  # who uses it and what it signals


@dataclass(frozen=True, slots=True)
class LabelHit:
    start: int  # character offsets into the text given to find_labels
    end: int
    entry: LexiconEntry


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[LexiconEntry, ...]:
    entries = []
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, label, frame, note = (line.split("\t") + ["", "", "", ""])[:4]
        entries.append(LexiconEntry(group.strip(), label.strip(), frame.strip(), note.strip()))
    return tuple(entries)


def _first_word_forms(word: str) -> set[str]:
    """Written forms of a label's first word: with proclitics, with or without the article."""
    bases = {word}
    if not word.startswith("ال"):
        bases.add("ال" + word)
    forms = set()
    for base in bases:
        for p in _PROCLITICS:
            if base.startswith("ال") and p.endswith("ل"):
                forms.add(p + base[1:])  # ل + ال is written «لل»
            else:
                forms.add(p + base)
    return forms


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[tuple[str, ...], LexiconEntry]]]:
    """First-word form → [(remaining words, entry)], longest labels first."""
    index: dict[str, list[tuple[tuple[str, ...], LexiconEntry]]] = {}
    for entry in load_lexicon():
        words = tuple(normalize(w) for w in entry.label.split())
        for form in _first_word_forms(words[0]):
            index.setdefault(form, []).append((words[1:], entry))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index


def _match_at(tokens: list[tuple[int, int, str]], i: int) -> tuple[int, LexiconEntry] | None:
    for rest, entry in _index().get(tokens[i][2], ()):
        if tuple(t[2] for t in tokens[i + 1:i + 1 + len(rest)]) == rest:
            return i + len(rest), entry
    return None


def find_labels(text: str) -> list[LabelHit]:
    """Every lexicon label in ``text`` (offsets into ``text``), left to right, longest match first."""
    norm, offsets = normalize_with_offsets(text)
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]
    hits: list[LabelHit] = []
    i = 0
    while i < len(tokens):
        found = _match_at(tokens, i)
        if found is None:
            i += 1
            continue
        last, entry = found
        start = offsets[tokens[i][0]]
        end = offsets[tokens[last][1] - 1] + 1
        hits.append(LabelHit(start, end, entry))
        i = last + 1
    return hits


def label_of(span: str) -> LexiconEntry | None:
    """The label a short quoted span is, or starts with («المعارضة», «مكافحة الإرهاب», «الإرهاب» الدولي)."""
    hits = find_labels(span)
    if not hits:
        return None
    words = _WORD.findall(normalize(span))
    if len(words) > 4:
        return None
    return hits[0].entry


def groups() -> dict[str, list[LexiconEntry]]:
    out: dict[str, list[LexiconEntry]] = {}
    for entry in load_lexicon():
        out.setdefault(entry.group, []).append(entry)
    return out
