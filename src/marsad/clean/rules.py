"""Chrome rules: the data in ``arabic/chrome_rules.tsv`` compiled, plus the few checks that are code
(date/time stamps, which are combinations of words rather than a phrase).

A rule says *why* a line is chrome; :func:`chrome_reason` returns the first reason that fires or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.arabic import chrome_words
from marsad.arabic.normalize import normalize

RULES_FILE = "chrome_rules.tsv"
KINDS = ("line", "start", "any", "tail")
# Punctuation trimmed from both ends before a ``line`` rule is tried («عاجل:», «- شارك -»).
_EDGE = " \t\u00a0-–—_|•·:：.،,;!؟?()[]{}<>«»\"'*=+~/\\»›‹"


@dataclass(frozen=True)
class ChromeRule:
    reason: str
    kind: str  # line | start | any | tail
    max_words: int  # 0 = any length
    pattern: re.Pattern[str]
    source_line: int  # line of the TSV file, for error messages and docs

    def matches(self, norm: str, trimmed: str, n_words: int) -> bool:
        if self.max_words and n_words > self.max_words:
            return False
        if self.kind in ("line", "tail"):
            return self.pattern.fullmatch(trimmed) is not None
        if self.kind == "start":
            return self.pattern.match(trimmed) is not None
        return self.pattern.search(norm) is not None


def parse_rules(text: str, origin: str = RULES_FILE) -> list[ChromeRule]:
    rules: list[ChromeRule] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 4 or parts[1] not in KINDS or not parts[2].isdigit():
            raise ValueError(f"{origin}:{no}: expected 'reason<TAB>line|start|any<TAB>max_words<TAB>regex'")
        reason, kind, max_words, pattern = parts
        try:
            compiled = re.compile(normalize(pattern, lower=False), re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{origin}:{no}: bad regex: {exc}") from exc
        if int(max_words) == 0 and kind != "line":
            raise ValueError(f"{origin}:{no}: only 'line' rules may be unlimited (max_words 0)")
        rules.append(ChromeRule(reason, kind, int(max_words), compiled, no))
    return rules


@lru_cache(maxsize=1)
def default_rules() -> tuple[ChromeRule, ...]:
    text = resources.files("marsad.arabic").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return tuple(parse_rules(text))


@lru_cache(maxsize=1)
def longest_rule_words() -> int:
    """No rule reaches a line longer than this (rules without a limit are whole-line matches of one
    token, such as a URL, which a long line cannot be)."""
    return max(r.max_words for r in default_rules())


@dataclass(frozen=True)
class _Combined:
    """The rules that may fire on lines of one length range, merged into one regex per kind (one C-level
    scan instead of a Python loop over fifty patterns); the named group that matched says which rule."""

    line: re.Pattern[str] | None
    start: re.Pattern[str] | None
    anywhere: tuple[tuple[tuple[str, ...] | None, re.Pattern[str], str], ...]  # (gate, pattern, reason)
    tail: re.Pattern[str] | None
    reasons: dict[str, str]


def _merge(rules: list[ChromeRule], offset: int) -> re.Pattern[str] | None:
    if not rules:
        return None
    parts = [f"(?P<r{offset + k}>{r.pattern.pattern})" for k, r in enumerate(rules)]
    return re.compile("|".join(parts), re.IGNORECASE)


class RuleSet:
    def __init__(self, rules: tuple[ChromeRule, ...]) -> None:
        self.rules = rules
        limits = sorted({r.max_words for r in rules if r.max_words})
        # Lines with the same set of applicable rules share one entry: the first limit >= n words.
        built = {limit: self._build(limit) for limit in limits}
        beyond = self._build(limits[-1] + 1 if limits else 1)
        self._by_words = [built[next(x for x in limits if n <= x)] for n in range(limits[-1] + 1)] if limits else []
        self._beyond = beyond

    def combined(self, n_words: int) -> _Combined:
        return self._by_words[n_words] if n_words < len(self._by_words) else self._beyond

    def _build(self, n_words: int) -> _Combined:
        fits = [r for r in self.rules if r.max_words == 0 or r.max_words >= n_words]
        by_kind = {kind: [r for r in fits if r.kind == kind] for kind in KINDS}
        reasons, offset, merged = {}, 0, {}
        for kind in ("line", "start", "tail"):
            merged[kind] = _merge(by_kind[kind], offset)
            for k, rule in enumerate(by_kind[kind]):
                reasons[f"r{offset + k}"] = rule.reason
            offset += len(by_kind[kind])
        # "any" rules stay separate: merged, the regex engine would try every alternative at every
        # position. Each gets a cheap substring gate when its pattern opens with plain alternatives.
        anywhere = tuple((_literal_gate(r.pattern.pattern), r.pattern, r.reason) for r in by_kind["any"])
        return _Combined(merged["line"], merged["start"], anywhere, merged["tail"], reasons)


@lru_cache(maxsize=1)
def default_rule_set() -> RuleSet:
    return RuleSet(default_rules())


_PLAIN = re.compile(r"[^\\.^$*+?{}\[\]|()]+")


def _literal_gate(pattern: str) -> tuple[str, ...] | None:
    """Substrings one of which must occur for ``pattern`` to match: the alternatives of a leading
    group of plain words («(صفحتنا|قناتنا)…»), or «@» for address patterns. None when unknown."""
    if pattern.startswith("(") and not pattern.startswith("(?"):
        depth, end = 0, None
        for i, ch in enumerate(pattern):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                end = i
                break
        options = pattern[1:end].split("|") if end else []
        optional = end is not None and pattern[end + 1 : end + 2] in ("?", "*", "{")
        if options and not optional and all(_PLAIN.fullmatch(o) for o in options):
            return tuple(options)
    if "@" in pattern and "[@" not in pattern:
        return ("@",)
    return None


def _search_any(rules, norm: str) -> str | None:
    for gate, pattern, reason in rules:
        if gate is not None and not any(g in norm for g in gate):
            continue
        if pattern.search(norm):
            return reason
    return None


def _first(pattern: re.Pattern[str] | None, how: str, text: str, reasons: dict[str, str]) -> str | None:
    if pattern is None:
        return None
    m = getattr(pattern, how)(text)
    return reasons[m.lastgroup] if m else None  # lastgroup: the outermost named group that matched


# The word lists in the form lines are compared in (ئ → ء, ى → ي … as marsad.normalize does).
MONTHS = frozenset(normalize(w) for w in chrome_words.MONTHS)
DAYS = frozenset(normalize(w) for w in chrome_words.DAYS)
TIME_WORDS = frozenset(normalize(w) for w in chrome_words.TIME_WORDS)
SECTION_WORDS = frozenset(normalize(w) for w in chrome_words.SECTION_WORDS)

_STAMP_TOKEN = re.compile(r"[\w\u0600-\u06ff]+|\d+")
_DIGITS = re.compile(r"^\d{1,4}([:/.\-]\d{1,4})*$")  # 2024, 10:30, 12/3/2024 — not a phone number


def is_timestamp(norm: str) -> bool:
    """A line made only of date/time words and numbers, with at least one number or month/day name."""
    tokens = _STAMP_TOKEN.findall(norm)
    if not tokens or len(tokens) > 14:
        return False
    anchors = 0
    for token in re.findall(r"[^\s|/:.,،\-–—()]+|\d+(?:[:/.\-]\d+)+", norm):
        bare = token.strip("()")
        if _DIGITS.match(bare):
            anchors += 1
        elif bare in MONTHS or bare in DAYS:
            anchors += 1
        elif bare not in TIME_WORDS:
            return False
    return anchors > 0


def is_menu(norm: str) -> bool:
    """A flattened menu: every word a section name («الرئيسية أخبار سياسة اقتصاد رياضة»)."""
    return all(word in SECTION_WORDS for word in norm.split())


def trim_edges(norm: str) -> str:
    return norm.strip(_EDGE)


def chrome_reason(norm: str, n_words: int, rules: RuleSet | None = None) -> str | None:
    """Why the (normalised) line is chrome wherever it stands, or None when no rule fires.
    Whole-line rules are tried first, then line starts, then phrases anywhere."""
    trimmed = trim_edges(norm)
    if not trimmed or n_words == 0:
        return "separator"  # a line of dashes, dots, bullets or emoji: no word at all
    if n_words <= 14 and is_timestamp(trimmed):
        return "timestamp"
    if 4 <= n_words <= 25 and is_menu(trimmed):
        return "navigation"
    merged = (rules or default_rule_set()).combined(n_words)
    return (
        _first(merged.line, "fullmatch", trimmed, merged.reasons)
        or _first(merged.start, "match", trimmed, merged.reasons)
        or _search_any(merged.anywhere, norm)
    )


def tail_reason(norm: str, n_words: int, rules: RuleSet | None = None) -> str | None:
    """Why a line after the article's last paragraph is chrome, by the rules that only hold there."""
    merged = (rules or default_rule_set()).combined(n_words)
    return _first(merged.tail, "fullmatch", trim_edges(norm), merged.reasons)
