"""The five seed pages (../shared, not in the repository): titles, datelines, credits, bodies."""

import json
from pathlib import Path

import pytest

from marsad.clean import CleanStage
from marsad.document import Article

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.shared


def _article(name: str) -> Article:
    if not (SEEDS / name).is_file():
        pytest.skip(f"{SEEDS} is absent: the seed pages are not in the repository")
    meta = {json.loads(l)["file"]: json.loads(l) for l in (SEEDS / "meta.jsonl").read_text().splitlines() if l.strip()}
    raw = (SEEDS / name).read_text(encoding="utf-8")
    article = Article(id=name, source=meta[name]["source"], text="", raw_text=raw, origin=str(SEEDS / name))
    return CleanStage()([article])[0]


@pytest.mark.parametrize(
    "name, title_start, dateline, place, agency, credits, first, last, paragraphs",
    [
        ("000_5786c912a4ee28fb.txt", "لافروف: روسيا ومصر حريصتان", "موسكو-سانا", "موسكو", "sana", [],
         "أكد وزير الخارجية الروسي", "كما أشار لافروف الى", 12),
        ("001_409359851996944c.txt", "لافروف: سنبذل كل ما بوسعنا", None, None, None, ["المصدر: وكالات"],
         "أكد وزير الخارجية الروسي", "وفي الوقت نفسه، أعرب لافروف", 18),
        ("002_3d9604a9e474a807.txt", "لافروف:استئناف التعاون", "موسكو-سانا", "موسكو", "sana", [],
         "أعلن وزير الخارجية الروسي", "ولفت بوتين إلى", 11),
        ("003_3f32d54dcdfdb325.txt", "لافروف وشكري يركزون", None, None, None,
         ["إعداد: وكالة عربي اليوم الإخبارية", "مصدر الأخبار: عربي اليوم + وكالات."],
         "تواصل روسيا جهودها", "وتطرقت المحادثات", 7),
        ("004_d840a8d400466009.txt", "مباحثات روسية مصرية", None, None, None, ["المصدر: (وكالات)"],
         "عقدت مصر وروسيا", "وتابع: نحن مستعدون", 15),  # a sentence broken over two lines is one paragraph
    ],
)
def test_seed_page(name, title_start, dateline, place, agency, credits, first, last, paragraphs):
    article = _article(name)
    assert article.title.startswith(title_start)
    assert (article.dateline, article.place, article.agency) == (dateline, place, agency)
    assert article.credits == credits
    body = article.text.split("\n\n")
    assert body[0].startswith(first) and body[-1].startswith(last)
    assert len(body) == paragraphs
    assert "http" not in article.text and "تابعونا" not in article.text and "إقرأ أيضاً" not in article.text
    assert all(r.reason for r in article.removed)


def test_seed_removed_reasons():
    sana = _article("000_5786c912a4ee28fb.txt")
    reasons = {r.text[:20]: r.reason for r in sana.removed}
    assert reasons["الشريط الإخباري"] == "section"
    assert reasons["https://telegram.me/"] == "url"
    assert reasons["انظر ايضاً"] == "related"
    assert sum(r.reason == "related" for r in sana.removed) == 3  # header, teaser headline, snippet
    assert any(r.reason == "cookie" for r in _article("003_3f32d54dcdfdb325.txt").removed)
