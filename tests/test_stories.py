"""Story clustering, storylines and summaries on hand-written articles (tests/golds/stories_fixtures.py)."""

import pytest

from marsad.eval.bcubed import bcubed
from marsad.eval.stories import to_article
from marsad.stories.clusterer import StoryClusterer
from marsad.stories.features import featurize, stem, terms
from marsad.stories.storylines import StorylineLinker
from marsad.stories.summary import REDUNDANT, summarize
from marsad.stories.vectors import DocumentFrequencies, dot, tfidf, unit
from tests.golds.stories_fixtures import ALL, FLOOD, FOLLOW_UP, MEETING, UNRELATED


def clustered(records=ALL):
    c = StoryClusterer()
    for r in sorted(records, key=lambda r: r["published"]):
        c.add(featurize(to_article(r)))
    return c


def test_light_stem_merges_forms_and_keeps_names():
    assert terms("السعودية") == terms("السعوديين") == terms("سعودي")
    assert terms("المظاهرات") == terms("مظاهرة")
    assert terms("في") == [] and stem("قال") == ""  # function words and reporting verbs carry no topic
    assert "تبوك" in terms("سيول في تبوك")


def test_two_stories_three_outlets_follow_up_and_unrelated():
    c = clustered()
    meeting = {c.story_of(r["id"]) for r in MEETING}
    flood = {c.story_of(r["id"]) for r in FLOOD}
    assert len(meeting) == 1 and len(flood) == 1 and meeting != flood
    assert c.story_of(FOLLOW_UP["id"]) not in meeting | flood  # a later development is another story
    assert c.story_of(UNRELATED["id"]) not in meeting | flood
    assert len(c.stories) == 4


def test_adding_an_article_twice_changes_nothing():
    c = clustered()
    before = (dict(c.article_story), c.dfs.n_docs, {s: len(st.members) for s, st in c.stories.items()})
    c.add(featurize(to_article(MEETING[0])))
    assert (dict(c.article_story), c.dfs.n_docs, {s: len(st.members) for s, st in c.stories.items()}) == before


def test_follow_up_joins_the_storyline_but_floods_do_not():
    c = clustered()
    linker = StorylineLinker()
    linker.update(c.stories, list(c.stories))
    line = linker.storyline_of
    meeting, follow, flood = (c.story_of(MEETING[0]["id"]), c.story_of(FOLLOW_UP["id"]),
                              c.story_of(FLOOD[0]["id"]))
    assert line(meeting) == line(follow)
    assert line(flood) != line(meeting)
    assert line(c.story_of(UNRELATED["id"])) not in (line(meeting), line(flood))


def test_remove_takes_an_article_out_and_empties_stories():
    c = clustered()
    sid = c.story_of(UNRELATED["id"])
    c.remove(UNRELATED["id"], list(featurize(to_article(UNRELATED)).tf))
    assert c.story_of(UNRELATED["id"]) is None and sid not in c.stories


def test_summary_draws_on_several_outlets_without_repeating_itself():
    # the same wire text run by two outlets must not yield the same sentence twice
    copy = dict(MEETING[0], id="m-copy", source="fajr-wire")
    docs = [to_article(r) for r in MEETING + [copy]]
    c = clustered(MEETING + [copy])
    story = c.stories[c.story_of("m-wadi")]
    picked = summarize(docs, story.centroid, c.dfs, k=4)
    assert 2 <= len(picked) <= 4
    texts = [s.text for s in picked]
    assert len(set(texts)) == len(texts)
    assert len({s.source for s in picked}) >= 2
    vecs = [unit(tfidf({t: 1.0 for t in terms(x)}, c.dfs, cap=1000)) for x in texts]
    for i in range(len(vecs)):
        for j in range(i + 1, len(vecs)):
            assert dot(vecs[i], vecs[j]) < REDUNDANT + 0.15
    for s in picked:  # each sentence points back at its article
        doc = next(d for d in docs if d.id == s.article_id)
        assert doc.text[s.start:s.end] == s.text


@pytest.mark.parametrize("gold,pred,expected", [
    ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}, (1.0, 1.0)),
    ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"}, (5 / 9, 1.0)),
    ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "z"}, (1.0, 2 / 3)),
    ({"a": 1, "b": 1, "c": 1, "d": 2}, {"a": "x", "b": "x", "c": "y", "d": "y"}, (0.75, (2 / 3 * 2 + 1 / 3 + 1) / 4)),
])
def test_bcubed(gold, pred, expected):
    got = bcubed(gold, pred)
    assert got["p"] == pytest.approx(expected[0], abs=1e-4)
    assert got["r"] == pytest.approx(expected[1], abs=1e-4)


def test_bcubed_ignores_items_without_gold_and_treats_missing_predictions_as_singletons():
    got = bcubed({"a": 1, "b": 1}, {"a": "x", "z": "x"})
    assert got == {"p": 1.0, "r": 0.5, "f1": pytest.approx(2 / 3, abs=1e-4)}


def test_document_frequencies_make_common_words_light():
    dfs = DocumentFrequencies({})
    for _ in range(9):
        dfs.add(["عمان"])
    dfs.add(["تبوك", "عمان"])
    assert dfs.idf("تبوك") > dfs.idf("عمان")


def test_coverage_tells_wire_copy_from_own_reporting():
    from marsad.stories.coverage import coverage

    members = [
        {"id": "a", "source": "wadi", "published": "2026-03-10T08:00", "length": 900, "agency": None},
        {"id": "b", "source": "sada", "published": "2026-03-10T09:00", "length": 700, "agency": None},
        {"id": "c", "source": "fajr", "published": "2026-03-10T07:00", "length": 500, "agency": "spa"},
        {"id": "d", "source": "sada", "published": "2026-03-10T12:00", "length": 300, "agency": None},
    ]
    groups = {"a": {"first_publisher": "wadi", "role": "first", "agency": None},
              "b": {"first_publisher": "wadi", "role": "copy", "agency": None}}
    quotes = [{"article_id": "d", "speaker": "أيمن الصفدي"}, {"article_id": "b", "speaker": "أيمن الصفدي"}]
    cov = {c.source: c.to_dict() for c in coverage(members, quotes, groups)}
    assert [c for c in cov] == ["fajr", "wadi", "sada"]  # in order of first coverage
    assert cov["wadi"]["kind"] == "own"  # the first publisher of its own text
    assert cov["fajr"]["kind"] == "wire" and cov["fajr"]["wire_from"] == {"spa": 1}
    assert cov["sada"]["kind"] == "mixed" and cov["sada"]["wire_from"] == {"wadi": 1}
    assert cov["sada"]["articles"] == 2 and cov["sada"]["total_length"] == 1000
    assert cov["sada"]["quoted"] == {"أيمن الصفدي": 2} and cov["sada"]["first_seen"] == "2026-03-10T09:00"


def test_a_late_article_still_finds_its_story():
    c = StoryClusterer()
    for r in MEETING[:2] + [FOLLOW_UP]:
        c.add(featurize(to_article(r)))
    later = dict(UNRELATED, id="u-later", published="2026-03-20T10:00:00")
    c.add(featurize(to_article(later)))  # the meeting story leaves the index…
    sid = c.add(featurize(to_article(MEETING[2])))  # …and comes back for an article of its day
    assert sid == c.story_of(MEETING[0]["id"])


def cable(outlet: str, country: str, leader: str, hour: int) -> dict:
    """An invented congratulation cable: the same template for every country."""
    return {"id": f"cable-{country}-{outlet}", "source": outlet, "published": f"2026-03-10T{hour:02d}:00:00",
            "title": f"خادم الحرمين الشريفين يهنئ رئيس {country} بذكرى استقلال بلاده",
            "text": f"بعث خادم الحرمين الشريفين برقية تهنئة إلى فخامة {leader} رئيس {country} بمناسبة ذكرى "
                    "استقلال بلاده، أعرب فيها عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة لفخامته، "
                    f"ولشعب {country} الصديق المزيد من التقدم والازدهار."}


CABLES = [cable(o, "بنما", "خوان فيريرا", h) for o, h in (("wadi", 8), ("sada", 9), ("fajr", 10))] + \
         [cable(o, "غانا", "كوفي منساه", h) for o, h in (("wadi", 11), ("sada", 12), ("fajr", 13))]


def test_same_template_about_two_countries_is_two_stories():
    from marsad.stories.clusterer import Settings

    def stories(settings):
        c = StoryClusterer(settings)
        for r in CABLES:
            c.add(featurize(to_article(r)))
        return [c.story_of(r["id"]) for r in CABLES]

    guarded = stories(Settings())
    assert len(set(guarded[:3])) == 1 and len(set(guarded[3:])) == 1 and guarded[0] != guarded[3]
    # without the place guard the shared template carries the cables over the threshold
    assert len(set(stories(Settings(place_penalty=0.0, conflict_penalty=0.0)))) == 1


def test_heal_merges_neighbour_stories_of_one_event_but_not_another_event():
    from marsad.stories.clusterer import Settings

    # nothing joins (all singletons); in six articles every word is rare, so the rare-term guard is off
    c = StoryClusterer(Settings(threshold=0.99, heal_threshold=0.40, rare_idf=50.0))
    for r in sorted(MEETING + FLOOD, key=lambda r: r["published"]):
        c.add(featurize(to_article(r)))
    assert len(c.stories) == len(MEETING) + len(FLOOD)
    kept = c._heal(c.story_of(MEETING[0]["id"]))
    assert {c.story_of(r["id"]) for r in MEETING} == {kept}
    assert kept not in {c.story_of(r["id"]) for r in FLOOD}
    assert c.merged  # the folded stories are recorded for the archive stage
