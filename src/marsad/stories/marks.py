"""What each pair of quotation marks does: ``speech``, ``title``, ``scare`` or ``term``.

Definitions (EVAL_FORMATS.md, "marks"): ``speech`` is a source's own words, even a one-word fragment
of reported speech; ``title`` a proper name marked as a name (publication, channel, programme,
operation, campaign, organisation …); ``scare`` the writer distancing itself from a label
(«ما يسمى “…”», «بزعم», or a state agency writing وفد لـ “المعارضة”); ``term`` a word mentioned as a
word, a slogan, hashtag, nickname, translation or plain emphasis.

The classifier is a short list of ordered rules over the words right before and after the marks
(word lists in :mod:`marsad.arabic.framing_marks`, contested labels in
:mod:`marsad.arabic.framing`); each decision carries the rule that made it, so a reader can see why.
See docs/framing.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic import framing_marks as fm
from marsad.arabic.cue_verbs import lookup as cue_lookup
from marsad.arabic.agencies import AGENCIES
from marsad.arabic.framing import find_labels
from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import sentences

SPEECH, TITLE, SCARE, TERM = "speech", "title", "scare", "term"
FUNCTIONS = (SPEECH, TITLE, SCARE, TERM)

# Curly and straight double quotes are paired by toggling (Arabic typists swap “ and ”); guillemets
# open with « and close with » (or the reverse, as some right-to-left editors write them).
_TOGGLE = "“”\"„‟＂"
_GUILLEMETS = {"«": "»", "»": "«"}
_WORD = re.compile(r"[\w\u0640+#]+")
_MARKS = re.compile(r"[“”\"«»„‟＂]")
MAX_SPAN = 700  # characters; longer "pairs" are stray marks
MAX_CONTEXT = 1000  # characters of the sentence looked at on each side of the marks
NEAR_CUE = 10  # a label this close after a verb of saying is that speaker's word, not a scare quote


@dataclass(frozen=True, slots=True)
class MarkPair:
    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark; the span is text[open_at + 1:close_at]
    open: str
    close: str

    @property
    def start(self) -> int:
        return self.open_at + 1

    @property
    def end(self) -> int:
        return self.close_at


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    start: int  # span (inside the marks) as offsets into the text
    end: int
    open: str
    close: str
    function: str
    rule: str  # the rule that decided, for explanations and debugging
    sentence_start: int
    sentence_end: int


def find_pairs(text: str) -> list[MarkPair]:
    """Pairs of quotation marks inside each line of ``text`` (a quote never crosses a line break)."""
    pairs: list[MarkPair] = []
    offset = 0
    for line in text.split("\n"):
        pairs.extend(_pairs_in_line(line, offset))
        offset += len(line) + 1
    return sorted(pairs, key=lambda p: p.open_at)


def _pairs_in_line(line: str, offset: int) -> list[MarkPair]:
    pairs = []
    toggle_at: int | None = None
    guil_at: int | None = None
    for i, ch in enumerate(line):
        if ch in _TOGGLE:
            if toggle_at is None:
                toggle_at = i
            else:
                pairs.append(MarkPair(offset + toggle_at, offset + i, line[toggle_at], ch))
                toggle_at = None
        elif ch in _GUILLEMETS:
            if guil_at is None:
                guil_at = i
            elif ch == _GUILLEMETS[line[guil_at]] or ch == line[guil_at] == "»":  # «…» or »…»
                pairs.append(MarkPair(offset + guil_at, offset + i, line[guil_at], ch))
                guil_at = None
            else:
                guil_at = i  # a second opener: the first was stray
    return [p for p in pairs if 0 < p.close_at - p.open_at - 1 <= MAX_SPAN and line[p.open_at - offset + 1:p.close_at - offset].strip()]


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _lists() -> dict[str, object]:
    def nset(words):
        return frozenset(normalize(w) for w in words)

    outlets = set(fm.OUTLETS) | {n for a in AGENCIES for n in a.names}
    return {
        "title": nset(fm.TITLE_HEADS), "platforms": nset(fm.PLATFORMS),
        "scare_before": tuple(tuple(normalize(p).split()) for p in fm.SCARE_BEFORE),
        "scare_after": nset(fm.SCARE_AFTER), "experts": nset(fm.EXPERT_AGENTS),
        "known_as": tuple(tuple(normalize(p).split()) for p in fm.KNOWN_AS),
        "term": nset(fm.TERM_BEFORE), "speech": nset(fm.SPEECH_WORDS),
        "describe": nset(fm.DESCRIBE_VERBS), "clause": nset(fm.CLAUSE_WORDS), "that": nset(fm.THAT),
        "claim": nset(fm.CLAIM_VERBS), "outlets": frozenset(" ".join(_words(o)) for o in outlets),
    }


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def _forms(word: str) -> set[str]:
    """The word and its forms without و/ف, ب/ل/ك and the article (no lexicon: used on short lists)."""
    out = {word}
    for w in list(out):
        if len(w) > 3 and w[0] in "وف":
            out.add(w[1:])
    for w in list(out):
        if len(w) > 3 and w[0] in "بلك":
            out.add(w[1:])
        if w.startswith("لل") and len(w) > 4:
            out.add("ال" + w[2:])
    for w in list(out):
        if w.startswith("ال") and len(w) > 4:
            out.add(w[2:])
    return out


def _in(word: str, vocab: frozenset) -> bool:
    return bool(_forms(word) & vocab)


def _ends_with(words: list[str], phrases, slack: int = 1) -> tuple[tuple[str, ...] | None, list[str]]:
    """A phrase ending at most ``slack`` words before the end of ``words`` (its words may carry
    و/ف/ب/ل: «بما سماه» is «ما سماه»), and the words between it and the marks."""
    for cut in range(0, slack + 1):
        end = len(words) - cut
        for phrase in phrases:
            n = len(phrase)
            if end - n < 0:
                continue
            got = words[end - n:end]
            if all(want in _forms(w) or "ب" + want == w for w, want in zip(got, phrase)):
                return phrase, words[end:]
    return None, []


def _is_cue(word: str) -> bool:
    return cue_lookup(word) is not None or _in(word, _lists()["speech"])


def classify(sentence: str, start: int, end: int, *, source: str | None = None) -> tuple[str, str]:
    """(function, rule) of the quoted span ``sentence[start:end]`` (the marks sit just outside it).

    ``source`` is accepted for callers that know it; the rules do not use it yet, so an outlet is
    judged by what it writes, not by who it is."""
    L = _lists()
    span = sentence[start:end]
    span_words = _words(span)
    prefix = sentence[:max(0, start - 1)]
    before = _words(prefix)
    since = _words(_MARKS.split(prefix)[-1])  # words since the previous quotation mark
    after_text = sentence[end + 1:]
    if not span_words:
        return TERM, "empty"
    if "#" in span or re.search(r"\w_\w", span):
        return TERM, "hashtag"
    if not re.search(r"[\u0621-\u064a]", span):
        return TERM, "no-letters"
    after = _words(after_text)
    if after and after[0] in L["scare_after"]:
        return SCARE, "after:mazoum"
    decided = _scare_or_known(span, since) or _name_rules(span_words, prefix, before, since, after_text)
    return decided or _speech_or_label(prefix, span_words, before, since, after)


def _scare_or_known(span: str, since: list[str]) -> tuple[str, str] | None:
    L = _lists()
    phrase, gap = _ends_with(since, L["scare_before"], slack=3)
    if phrase:
        if any(_in(w, L["experts"]) for w in gap):
            return TERM, "naming-by-experts"  # «ما يسميه الاقتصاديون “…”»
        if any(_in(w, L["term"]) for w in gap):
            return TERM, "naming-a-term"  # «ما يسمى ظاهرة “التانغو”»
        return SCARE, "before:" + " ".join(phrase)
    known, _ = _ends_with(since, L["known_as"], slack=4)
    if known:
        return (SCARE, "known-as-label") if leading_label(span) else (TERM, "known-as")
    return None


def _name_rules(span_words: list[str], prefix: str, before: list[str], since: list[str], after_text: str) -> tuple[str, str] | None:
    L = _lists()
    if after_text.lstrip()[:1] in (":", "："):
        return TITLE, "speaker-name"  # «وأضاف “الشرجبي”: …»
    if " ".join(span_words) in L["outlets"]:
        return TITLE, "outlet"
    if len(before) <= 3 and re.fullmatch(r"[^\n:]{1,40}\s[-–]\s*", prefix):
        return TITLE, "dateline"  # «القاهرة - «الخليج اليوم»»
    last = before[-1] if before else ""
    clause = any(w in L["clause"] for w in span_words[:2])
    if len(span_words) <= 4 and any(_in(w, L["claim"]) for w in since):
        return SCARE, "claim-verb"  # «زعم الجيش أنه استهدف “بنية تحتية إرهابية”»
    if len(span_words) <= 4 and after_text.lstrip()[:3].strip() in ("أن", "إن", "بأن", "ان"):
        return TITLE, "named-speaker"  # «وأوضحت “الغذاء والدواء” أن …»
    if last and _in(last, L["that"]):
        return SPEECH, "before:an"
    if len(span_words) >= 10:
        return SPEECH, "long"
    if any(_in(w, L["term"]) for w in before[-2:]) and not exact_label(" ".join(span_words)):
        return TERM, "before:term-word"  # a contested label is rarely mentioned as a mere word
    if any(_in(w, L["that"]) for w in before[-3:-1]) and len(span_words) >= 4:
        return SPEECH, "after-that-clause"  # «إن القرار الصادر “يعكس …”»: the head is a subject
    if last and (_in(last, L["title"]) or last in L["platforms"]) and not (clause and len(span_words) > 2):
        return TITLE, "before:title-head"
    if any(_in(w, L["that"]) for w in before[-3:]) and len(span_words) >= 3:
        return SPEECH, "after-that-clause"  # «إن القرار الصادر “يعكس …”»: the head is a subject
    if any(_in(w, L["title"]) for w in before[-3:-1]) and len(span_words) <= 4 and not clause:
        return TITLE, "before:title-head-near"  # «المسلسل الخليجي “لك يوم”»
    if span_words[0] in L["platforms"] and len(span_words) <= 2:
        return TITLE, "platform"
    if _outlet_after_preposition(before, span_words):
        return TITLE, "outlet-after-preposition"
    return None


def leading_label(span: str):
    """The framing-lexicon label a short span starts with («المعارضة», «مكافحة الإرهاب»), or None."""
    words = _words(span)
    if not words or len(words) > 4:
        return None
    hits = find_labels(span)
    if not hits or _words(span[:hits[0].start]):
        return None
    return hits[0].entry


def exact_label(span: str):
    """The framing-lexicon label a span is, all of it («المعارضة», «الإرهاب»; not «المقاومة الشعبية»)."""
    hits = find_labels(span)
    if len(hits) != 1 or _words(span[:hits[0].start]) or _words(span[hits[0].end:]):
        return None
    return hits[0].entry


def _outlet_after_preposition(before: list[str], span_words: list[str]) -> bool:
    """«في جولة لـ“شام بوست”», «في تصريح إلى “الوطن”»: a short name right after لـ / إلى."""
    L = _lists()
    if not before or before[-1] not in ("ل", "الي") or len(span_words) > 3:
        return False
    if leading_label(" ".join(span_words)) or any(w in L["clause"] for w in span_words):
        return False
    return before[-1] == "ل" or any(w in ("تصريح", "تصريحات", "حديث") for w in before[-4:-1])


def _speech_or_label(prefix: str, span_words: list[str], before, since, after) -> tuple[str, str]:
    L = _lists()
    if prefix.rstrip()[-1:] in (":", "："):
        return SPEECH, "colon"
    if len(span_words) >= 6:
        return SPEECH, "long"
    label = exact_label(" ".join(span_words))
    if label is not None:
        if any(_in(w, L["describe"]) for w in since[-5:]):
            return SPEECH, "describe-verb"  # «واصفا الدعم السريع بـ“الميليشيا المتمردة”»
        if any(_is_cue(w) for w in since[-NEAR_CUE:]):
            return SPEECH, "label-after-cue"  # «أعلنت القيادة «استشهاد» …»: the official's own word
        return SCARE, "label:" + label.group
    # A short span far from the cue is more often a name or a term than someone's words.
    window = before if len(span_words) > 2 else since[-8:]
    if any(_is_cue(w) for w in window) or any(_is_cue(w) for w in after[:3]):
        return SPEECH, "cue"
    if len(span_words) >= 3 or any(w in L["clause"] for w in span_words):
        return SPEECH, "clause"
    return TERM, "default"


def sentence_around(text: str, a: int, b: int) -> tuple[int, int]:
    """The smallest run of sentences (inside one line) covering text[a:b], cut at MAX_CONTEXT
    characters on each side: a real sentence is far shorter, and a page that is one endless line
    must not cost the whole line for every pair of marks on it."""
    start, end = max(0, a - MAX_CONTEXT), min(len(text), b + MAX_CONTEXT)
    line_start = text.rfind("\n", start, a) + 1 or start
    line_end = text.find("\n", b, end)
    line_end = end if line_end < 0 else line_end
    spans = [(s + line_start, e + line_start) for s, e in sentences(text[line_start:line_end])]
    s0 = max((s for s, e in spans if s <= a), default=line_start)
    e0 = min((e for s, e in spans if e >= b), default=line_end)
    return s0, max(e0, b)


def classify_text(text: str, *, source: str | None = None) -> list[MarkedSpan]:
    """Every pair of quotation marks in ``text`` with its function."""
    out = []
    for pair in find_pairs(text):
        s0, e0 = sentence_around(text, pair.open_at, pair.close_at + 1)
        function, rule = classify(text[s0:e0], pair.start - s0, pair.end - s0, source=source)
        out.append(MarkedSpan(pair.start, pair.end, pair.open, pair.close, function, rule, s0, e0))
    return out
