"""Chrome rules: the data in ``arabic/chrome_rules.tsv`` compiled, plus the few checks that are code
(date/time stamps, which are combinations of words rather than a phrase).

A rule says *why* a line is chrome; :func:`chrome_reason` returns the first reason that fires or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.arabic.chrome_words import DAYS, MONTHS, TIME_WORDS
from marsad.arabic.normalize import normalize

RULES_FILE = "chrome_rules.tsv"
KINDS = ("line", "start", "any")
# Punctuation trimmed from both ends before a ``line`` rule is tried («عاجل:», «- شارك -»).
_EDGE = " \t\u00a0-–—_|•·:：.،,;!؟?()[]{}<>«»\"'*=+~/\\»›‹"


@dataclass(frozen=True)
class ChromeRule:
    reason: str
    kind: str  # line | start | any
    max_words: int  # 0 = any length
    pattern: re.Pattern[str]
    source_line: int  # line of the TSV file, for error messages and docs

    def matches(self, norm: str, trimmed: str, n_words: int) -> bool:
        if self.max_words and n_words > self.max_words:
            return False
        if self.kind == "line":
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
        rules.append(ChromeRule(reason, kind, int(max_words), compiled, no))
    return rules


@lru_cache(maxsize=1)
def default_rules() -> tuple[ChromeRule, ...]:
    text = resources.files("marsad.arabic").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return tuple(parse_rules(text))


_STAMP_TOKEN = re.compile(r"[\w\u0600-\u06ff]+|\d+")
_DIGITS = re.compile(r"^\d+([:/.\-]\d+)*$")


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


def trim_edges(norm: str) -> str:
    return norm.strip(_EDGE)


def chrome_reason(norm: str, n_words: int, rules: tuple[ChromeRule, ...] | None = None) -> str | None:
    """Why the (normalised) line is chrome, or None when no rule fires."""
    trimmed = trim_edges(norm)
    if not trimmed:
        return "separator"  # a line of dashes, dots or bullets
    if is_timestamp(trimmed):
        return "timestamp"
    for rule in rules if rules is not None else default_rules():
        if rule.matches(norm, trimmed, n_words):
            return rule.reason
    return None
