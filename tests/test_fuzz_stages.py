"""Property-based tests: the normaliser, tokenizer, clitic segmenter, cleaner and every extractor
stage on hostile Unicode (mixed scripts, bidi controls, NUL, lone surrogates, combining marks …).

Targets (inputs and invariants) come from ``fuzz/targets.py``, shared with ``fuzz/run.py``. A stage
must never raise nor swallow an exception into ``meta["problems"]``, and every span or offset it
returns must lie within the text it indexes. Huge inputs (a 1 MB line, 100,000 lines) run in
tests/test_fuzz_long.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from fuzz.targets import TARGETS
from tests.hypothesis_profiles import fuzz_settings

STAGES = [name for name, target in TARGETS.items() if target.kind == "stage"]
# Examples per target, sized so the file stays near 20 s: the NER-based targets tag every example.
EXAMPLES = {"ner": 40, "entities": 40, "events": 40, "pipeline": 30, "clean": 60, "framing_marks": 60}


@pytest.mark.parametrize("name", STAGES)
def test_stage_never_crashes_and_keeps_its_spans_inside_the_text(name):
    target = TARGETS[name]

    @fuzz_settings(EXAMPLES.get(name, 100))
    @given(target.inputs())
    def run(example):
        target.check(example)

    run()


@pytest.mark.parametrize("text", [
    "قال \ud800 الوزير",  # a lone surrogate (the Python API lets one through)
    "\u202eقال الوزير «نعم»\u202c",  # right-to-left override around a quote
    "أكد\x00الوزير\x00«أن\x00الاتفاق»",  # NUL bytes inside words
    "ا" + "\u0651" * 5000,  # one letter under 5,000 shaddas
    "«" * 3000 + "»" * 3000,  # marks with nothing between them
])
@pytest.mark.parametrize("name", ["normalize", "tokenize", "clitics", "framing_marks", "dedup_shingles",
                                  "search_query"])
def test_known_hostile_texts(name, text):
    TARGETS[name].check(text)


# Crashes the fuzzers found, replayed (fixed in the modules named).

def test_an_event_trigger_that_ends_the_text():
    # marsad/extract/events.py: the place after a trigger was looked up past the last token.
    from marsad.document import Mention
    from marsad.extract.events import extract_events
    from fuzz.targets import _article

    article = _article("قال قالقال استقبل ")
    article.mentions = [Mention(4, 10, "PER", "قالقال")]
    assert extract_events(article) == []  # one participant: no meeting


@pytest.mark.parametrize("published", ["0001-01-01", "0001-03-01", "9999-12-31"])
def test_dates_anchored_at_the_ends_of_the_calendar(published):
    # marsad/extract/dates.py: a Hijri month or «القرن الماضي» anchored on year 1 or 9999 fell off the
    # calendar (ValueError, OverflowError, or a value such as «-099»).
    from marsad.extract.dates import find_dates

    found = find_dates("20 / شعبان / 1428 أمس وغدا العام المقبل القرن الماضي رمضان المقبل", published)
    assert found and all(v is None or (v[:4].isdigit() and v[:4] != "0000")
                         for d in found for v in (d.value, d.end_value))


def test_lone_surrogates_in_the_cleaner_and_the_shingler():
    # marsad/clean/page.py line_key and marsad/dedup/shingles.py encoded text strictly: a lone
    # surrogate (the Python API and /api/ingest let one through) raised UnicodeEncodeError.
    from marsad.clean.page import line_key
    from marsad.dedup.shingles import fingerprint

    assert line_key("قال \ud800 الوزير") != line_key("قال الوزير")
    assert fingerprint("قال \ud800 الوزير إن الاتفاق صامد").n_words == 5
