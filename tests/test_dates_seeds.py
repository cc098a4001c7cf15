"""The seed pages' dates, anchored on their known publication dates (meta.jsonl). The pages are read
from ../shared; only short date phrases and their expected values are written here."""

from __future__ import annotations

import json

import pytest

from marsad.extract.dates import find_dates
from tests.conftest import need_shared

# file → [(date phrase, value, end_value)]
EXPECTED = {
    "000_5786c912a4ee28fb.txt": [
        ("أواخر هذا الشهر", "2017-08-21", "2017-08-31"),
        ("مطلع الشهر المقبل", "2017-09-01", "2017-09-10"),
        ("اليوم", "2017-08-21", None),
    ],
    "001_409359851996944c.txt": [
        ("الثلاثاء 27 أكتوبر/تشرين الأول", "2015-10-27", None),
        ("يوم الجمعة القادم", "2015-10-30", None),
    ],
    "002_3d9604a9e474a807.txt": [("اليوم", "2017-03-29", None)],
    # undated: relative expressions stay unanchored, absolute ones are still read
    "003_3f32d54dcdfdb325.txt": [("أمس الخميس", None, None), ("عام 2018", "2018", None)],
    "004_d840a8d400466009.txt": [("اليوم الاثنين", None, None)],
}


def _published() -> dict[str, str | None]:
    meta = need_shared("corpus", "seeds", "meta.jsonl")
    rows = [json.loads(line) for line in meta.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["file"]: row["published"] for row in rows}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_dates(name):
    published = _published()[name]
    text = need_shared("corpus", "seeds", name).read_text(encoding="utf-8")
    found = {(d.text, d.value, d.end_value) for d in find_dates(text, published)}
    for expected in EXPECTED[name]:
        assert expected in found, f"{name}: {expected} not in {sorted(found, key=str)}"
    if published is None:
        assert all(d.anchor != "published" for d in find_dates(text, published))
