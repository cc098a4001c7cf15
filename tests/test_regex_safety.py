"""Linear time on hostile input.

1. Every regular expression rewritten in the audit against catastrophic backtracking (see each case)
   runs on the input that broke it under a time guard, and the OLD pattern, kept here as a string,
   runs on the same input in a subprocess killed after ``OLD_GUARD`` seconds: it must be killed (each
   input is sized so that the old pattern needs minutes, so the margin is wide on any machine).
2. Every stage (and the readers) scales linearly: the time on 8n characters is under 30 times the time
   on n (quadratic would be 64). n is calibrated so the run on n takes a measurable time; each size is
   timed with the garbage collector off, best of three. A guard, not a benchmark.
"""

from __future__ import annotations

import gc
import itertools
import json
import subprocess
import sys
import textwrap
import time

import pytest

from fuzz.targets import TARGETS, _article, read_files

OLD_GUARD = 5.0  # seconds an old pattern runs before it is killed
NEW_GUARD = 1.0  # seconds the new pattern may take on the same input (it takes milliseconds)

# The old date-grammar templates: «{S}X?{S}» let a run of spaces be split between the two \s* in
# every way (quadratic; cubic where a third \s* followed). Formatted with the grammar module's own
# pieces, exactly as the module formatted them before.
_OLD_DATE_PIECES = '''
OLD_PREFIX = "(?:(?P<prep>{PREP}){S}:?{S})?(?:(?P<part>[وف]?{PART}){W}(?:من{W})?)?"
OLD_WD_PREFIX = "(?:(?:{DAY_WORD}{W})?(?P<wd>{WEEKDAY}){S}[،,]?{S}(?:(?:الموافق|الموافقة){S}:?{S})?|{DAY_WORD}{W})?"
OLD = {
    "MONTH_DATE": (
        "{PREFIX}(?P<between>[وف]?(?:بين|من){W})?{WD_PREFIX}"
        "(?:(?:(?:من|بين){W})?(?P<d0>{DAY}){S}(?:-|–|إلى|الى|وحتى|حتى|و){S})?"
        "(?:(?P<d>{DAY}){S}/?{S}|(?P<od>{ORD_DAY}){W}(?:من{W})?(?:شهر{W})?)?"
        "(?:(?:شهر|الشهر){W})?(?P<m1>{MONTH})(?:{S}(?:[/\\\\-،,]{S}\\\\(?|\\\\(){S}(?P<m2>{MONTH}){S}\\\\)?)?"
        "(?:{S}(?:(?:و|إلى|الى|حتى|-){S})(?P<m3>{MONTH}))?"
        "(?:{S}[،,/]?{S}(?:(?:من{W})?{YEAR_WORD}{W})?(?P<yp>\\\\({S})?(?P<y>{YEAR})(?(yp){S}\\\\))|{W}(?P<mshift>{SHIFT}))?"
        "(?:{S}(?P<era>{ERA}))?"
    ),
    "HIJRI_DATE": (
        "{PREFIX}{WD_PREFIX}(?:(?P<d>{DAY}){S}/?{S}|(?P<od>{ORD_DAY}){W}(?:من{W})?)?"
        "(?P<shahr>(?:شهر|الشهر){W})?(?P<hm>{HMONTH})(?:{W}(?P<bless>المبارك|الفضيل|الكريم|المعظم))?"
        "(?:{W}(?P<hshift>{SHIFT}))?"
        "(?:{S}/?{S}(?:(?:من{W})?{YEAR_WORD}{W})?(?P<yp>\\\\({S})?(?P<y>{D}{{3,4}})(?(yp){S}\\\\)))?"
        "(?:{S}(?P<era>{ERA}))?"
    ),
    "NUMERIC": (
        "{PREFIX}{WD_PREFIX}(?P<lp>\\\\({S})?(?:(?P<d0>{DAY}){SEP})?(?P<d>{DAY}){SEP}(?P<m>{D}{{1,2}}){SEP}"
        "(?P<yp>\\\\({S})?(?P<y>{YEAR}|{D}{{2}})(?(yp){S}\\\\))(?(lp){S}\\\\))(?:{S}(?P<era>{ERA}))?"
    ),
    "YEAR_EXPR": (
        "{PREFIX}(?:(?P<word>{YEAR_WORD}){S})?(?P<lp>\\\\({S})?(?P<y>{LEAD}{D}{{3,4}})"
        "(?:{S}[-–/]{S}(?P<y2>{D}{{4}}))?(?(lp){S}\\\\))(?:{S}(?P<era>{ERA}))?"
    ),
    "RELATIVE_DAY": (
        "(?:(?P<prep>[وف]?(?:منذ|قبل|بعد|حتى)){W})?(?:(?P<tod>[وف]?{_TOD}){W})?(?P<rel>[وف]?[بل]?{_REL_WORDS})"
        "(?:{S}[،,]?{S}(?P<wp>\\\\({S})?(?P<wd>{WEEKDAY})(?(wp){S}\\\\)))?"
    ),
}
def old_date_rule(name):
    pieces = dict(vars(g))
    pieces["PREFIX"] = OLD_PREFIX.format(**pieces)
    pieces["WD_PREFIX"] = OLD_WD_PREFIX.format(**pieces)
    return re.compile(g._START + OLD[name].format(**pieces) + g._END)
'''


def _date_case(rule: str, opening: str, spaces: int) -> dict:
    return {
        "setup": f"from marsad.extract import dates_grammar as g\ntext = {opening!r} + ' ' * {spaces} + 'x'",
        "new": f"g.{rule}.match(text)",
        "old": f"old_date_rule({rule!r}).match(text)",
        "old_setup": _OLD_DATE_PIECES,
    }


# id -> setup code (builds `text`), the live pattern's use, the old pattern's use (module, fix).
CASES: dict[str, dict] = {
    # marsad/extract/dates_grammar.py: {S}X?{S} -> {S}(?:X{S})? in PREFIX, WD_PREFIX, MONTH_DATE,
    # MONTH_PAREN, HIJRI_DATE, RELATIVE_DAY (same matches: checked on 22 million match attempts).
    "dates-month": _date_case("MONTH_DATE", "كانون الثاني", 32_000),
    "dates-hijri": _date_case("HIJRI_DATE", "12 رمضان", 32_000),
    "dates-weekday-prefix": _date_case("NUMERIC", "يوم الأحد", 32_000),
    "dates-preposition-prefix": _date_case("YEAR_EXPR", "بتاريخ", 32_000),
    "dates-relative-day": _date_case("RELATIVE_DAY", "اليوم", 64_000),
    # marsad/clean/heading.py _SPLIT: a lazy name that may end in spaces, then \s*: every end of the
    # name was tried against the rest of the run.
    "clean-split-dateline": {
        "setup": "from marsad.clean.heading import _SPLIT\ntext = 'القاهرة' + ' ' * 128_000 + 'x'",
        "new": "_SPLIT.match(text)",
        "old": r"""re.match(r"^(?P<a>[^\W\d][^\d\-–—/:()«»]*?)\s*[\-–—/]\s*(?P<b>[^\W\d][^\d\-–—/:()«»]*?)\s*[\-–—:]?$", text)""",
    },
    # marsad/arabic/chrome_rules.tsv (contact, any): searched from every position of a run of address
    # characters; the lookbehind starts it at the run's first character only.
    "clean-chrome-email": {
        "setup": "from marsad.clean.rules import default_rules\n"
                 "rule = next(r.pattern for r in default_rules() if r.kind == 'any' and '@' in r.pattern.pattern)\n"
                 "text = 'a' * 300_000 + '@x'",
        "new": "rule.search(text)",
        "old": r"""re.search(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}", text, re.I)""",
    },
    # marsad/read/encoding.py _META_CHARSET: charset\s*=\s*["']?\s* split a run of spaces two ways
    # (on a page's first 8 KB: 0.6 s a page, per WARC record too).
    "read-meta-charset": {
        "setup": "from marsad.read.encoding import _META_CHARSET\ntext = b'<meta charset=' + b' ' * 100_000 + b'!'",
        "new": "_META_CHARSET.search(text)",
        "old": r"""re.search(rb'''<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)''', text, re.I)""",
    },
    # marsad/extract/dates_relative.py: _NOT_SUNDAY was searched over all the text before each «الأحد»
    # (quadratic in the number of Sundays); now over the 20 characters before it.
    "dates-not-sunday-window": {
        "setup": "from marsad.extract.dates_relative import _NOT_SUNDAY, _NOT_SUNDAY_REACH\n"
                 "text = 'من الأحد ' * 150_000\n"
                 "ends = [m.start() for m in re.finditer('أحد', text)]",
        "new": "[_NOT_SUNDAY.search(text, max(0, p - _NOT_SUNDAY_REACH), p) for p in ends]",
        "old": "[_NOT_SUNDAY.search(text, 0, p) for p in ends]",
    },
}


@pytest.fixture(scope="module")
def old_and_new():
    """Time every new pattern first (on a quiet process), then run every old one at once, each in a
    subprocess killed after OLD_GUARD seconds: {case: (new seconds, old finished?)}."""
    new_seconds = {}
    for name, case in CASES.items():
        scope: dict = {"re": __import__("re")}
        exec(case["setup"], scope)
        started = time.perf_counter()
        eval(case["new"], scope)
        new_seconds[name] = time.perf_counter() - started
    procs = {}
    for name, case in CASES.items():
        code = "import re\n" + case.get("old_setup", "") + "\n" + case["setup"] + "\n" + case["old"]
        procs[name] = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE)
    deadline = time.monotonic() + OLD_GUARD
    results = {}
    for name, proc in procs.items():
        try:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            results[name] = (new_seconds[name], proc.returncode, proc.stderr.read().decode()[-500:])
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            results[name] = (new_seconds[name], None, "")
    return results


@pytest.mark.parametrize("name", list(CASES))
def test_new_pattern_is_fast_where_the_old_one_blew_up(old_and_new, name):
    new_seconds, old_exit, old_error = old_and_new[name]
    assert new_seconds < NEW_GUARD, f"{name}: the new pattern took {new_seconds:.2f} s"
    assert old_exit is None, (f"{name}: the old pattern finished within {OLD_GUARD} s (exit {old_exit}; "
                              f"{old_error or 'no error'}): the adversarial input no longer shows the fix")


# -- every stage scales linearly ---------------------------------------------------------------

MAX_RATIO = 30  # for 8 times the input; linear is 8, quadratic 64
MIN_SECONDS = 0.02  # n grows until one run on n takes this long (tiny inputs time noise and caches)


def _once(run, example) -> float:
    started = time.perf_counter()
    run(example)
    return time.perf_counter() - started


def _best_time(run, example_of, size: int, repeats: int = 3) -> float:
    """Best of ``repeats`` runs with the garbage collector off (a collection is not the code's cost)."""
    examples = [example_of(size) for _ in range(repeats)]
    gc.collect()
    gc.disable()
    try:
        return min(_once(run, example) for example in examples)
    finally:
        gc.enable()


def scaling_ratio(run, example_of, most: int = 1 << 16, repeats: int = 3,
                  min_seconds: float = MIN_SECONDS) -> tuple[float, int, float]:
    """(time on 8n / time on n, n, time on n); n doubles from 1 until one run takes ``min_seconds``."""
    size = 1
    while size < most and _once(run, example_of(size)) < min_seconds:
        size *= 2
    seconds = _best_time(run, example_of, size, repeats)
    return _best_time(run, example_of, 8 * size, repeats) / max(seconds, 1e-6), size, seconds


# Adversarial texts, k units long: what broke a stage once, and what might.
TEXTS = {
    "prose": lambda k: "أكد وزير الخارجية يوم الأحد 12/5/2020 في القاهرة «أن المفاوضات مستمرة». " * k,
    "space-runs": lambda k: ("كانون الثاني" + " " * 300 + "x اليوم" + " " * 300 + "- ") * k,
    "one-line-quotes": lambda k: "قال «نعم» و“لا” " * k,
    "datelines": lambda k: "القاهرة - " * k,
    "one-word": lambda k: "ا" * (100 * k),
    "address-run": lambda k: "راسلونا " + "a" * (200 * k) + "@x",
    "lines": lambda k: "قال المتحدث: «البند» - القاهرة\n" * k,
    "quote-and-meeting": lambda k: "وقال الوزير محمد العلي إن الرئيس التقى نظيره المصري في القاهرة أمس. " * k,
    "distinct-names": lambda k: " ".join(f"وقال الوزير محمد {name}ي إن الاتفاق مستمر." for name in _names(k)),
}


def _names(k: int) -> list[str]:
    """k different made-up family names (three letters each): every quote has its own speaker."""
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
    return ["".join(p) for p in itertools.islice(itertools.product(letters, repeat=3), k)]


def _stage_input(name: str, text: str):
    if name == "clean":
        return (text, None, None)
    if name == "snippets":
        return (text, "الوزير القاهرة", False)
    if name in ("ner", "entities", "dates", "quotes", "events", "published", "story_features", "pipeline"):
        return _article(text, published="2015-07-21")
    return text


STAGES = [name for name, target in TARGETS.items() if target.kind == "stage"]
# The family that once broke each stage, or exercises it most; the full matrix runs in make test-long.
QUICK = {
    "normalize": "prose", "tokenize": "space-runs", "clitics": "prose", "clean": "address-run",
    "ner": "prose", "entities": "datelines", "dates": "space-runs", "quotes": "prose",
    "events": "quote-and-meeting", "published": "prose", "framing_marks": "one-line-quotes",
    "dedup_shingles": "prose", "story_features": "prose", "search_query": "space-runs", "snippets": "prose",
    "pipeline": "quote-and-meeting",
}
ALL_PAIRS = [(stage, family) for stage in STAGES for family in TEXTS]


def _check_scaling(stage: str, family: str) -> None:
    check, make = TARGETS[stage].check, TEXTS[family]
    ratio, size, seconds = scaling_ratio(check, lambda k: _stage_input(stage, make(k)))
    assert ratio < MAX_RATIO, (f"{stage} on {family}: {ratio:.1f} times slower on 8 times the input "
                               f"({len(make(size)):,} characters took {seconds:.3f} s)")


@pytest.mark.parametrize("stage", STAGES)
def test_stage_scales_linearly(stage):
    _check_scaling(stage, QUICK[stage])


@pytest.mark.slow
@pytest.mark.parametrize("stage, family", [p for p in ALL_PAIRS if QUICK[p[0]] != p[1]])
def test_stage_scales_linearly_on_every_adversarial_text(stage, family):
    _check_scaling(stage, family)


# -- readers -----------------------------------------------------------------------------------

RECORD = {"title": "عنوان الخبر", "content": "أكد وزير الخارجية في القاهرة أن المفاوضات مستمرة. " * 4}
FILES = {
    "read_jsonl": lambda k: {"feed.jsonl": "\n".join([json.dumps(RECORD, ensure_ascii=False)] * k).encode()},
    "read_json": lambda k: {"export.json": json.dumps([RECORD] * k, ensure_ascii=False).encode()},
    "read_csv": lambda k: {"table.csv": ("title,content\n" + f"عنوان,{RECORD['content']}\n" * k).encode()},
    "read_text": lambda k: {"page.txt": ("عنوان\n\n" + RECORD["content"] * k).encode()},
    "read_html-meta-spaces": lambda k: {"page.html": b"<meta charset=" + b" " * (k * 200) + b"!"},
    "json-depth-scan": lambda k: {"deep.jsonl": ("[\"" + "[\\\"" * (k * 200) + "\"]").encode() + b"\n"},
}


QUICK_FILES = ("read_jsonl", "read_html-meta-spaces", "json-depth-scan")


@pytest.mark.parametrize("name", QUICK_FILES)
def test_reader_scales_linearly(name):
    _check_reader_scaling(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name in FILES if name not in QUICK_FILES])
def test_every_reader_scales_linearly(name):
    _check_reader_scaling(name)


def _check_reader_scaling(name: str) -> None:
    ratio, size, seconds = scaling_ratio(lambda files: read_files(files), FILES[name])
    assert ratio < MAX_RATIO, f"{name}: {ratio:.1f} times slower on 8 times the input (n={size}, {seconds:.3f} s)"


def test_the_guard_catches_a_quadratic_stage():
    """The scaling guard is not blind: the old chrome address rule, searched on a growing run, fails it."""
    import re

    old = re.compile(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}", re.I)
    ratio, size, seconds = scaling_ratio(old.search, lambda k: "a" * (100 * k) + "@x", min_seconds=0.005)
    assert ratio > MAX_RATIO, f"a quadratic search scaled {ratio:.1f} times for 8 times the input"


def test_old_patterns_are_really_the_old_ones():
    """The old date templates still format with today's grammar pieces (else the cases above would
    fail for the wrong reason), and they match what the new patterns match on ordinary dates."""
    code = textwrap.dedent("""
        import re
        from marsad.extract import dates_grammar as g
    """) + _OLD_DATE_PIECES + textwrap.dedent("""
        samples = ["27 كانون الثاني 2015", "الأحد، 12 رمضان 1436 هـ", "يوم الأحد الموافق 5/8/2008",
                   "بتاريخ : 2015", "اليوم الأحد", "1 / أيار ( 1986 )"]
        for name in OLD:
            old, new = old_date_rule(name), getattr(g, name)
            for s in samples:
                a, b = old.match(s), new.match(s)
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (name, s)
        print("same")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "same", out.stderr
