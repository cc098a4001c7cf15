"""Event extraction (meetings, calls, visits, press conferences, messages) on hand-written sentences."""

from __future__ import annotations

import pytest

from marsad.document import Article, DateExpression
from marsad.extract.events import EventsStage, extract_events
from marsad.extract.quotes import extract_quotes
from marsad.eval.events import match_events


def events_of(text: str, dates=None):
    a = Article(id="t", source="test", text=text, raw_text=text, origin="test", dates=dates or [])
    a.quotes = extract_quotes(a)
    return a, extract_events(a)


def families(names):
    return {n.split()[-1] for n in names}


@pytest.mark.parametrize("text, kind, people", [
    ("التقى وزير الخارجية المصري حسام فوزي نظيره الأردني ناصر الخطيب في عمان أمس.",
     "meeting", {"فوزي", "الخطيب"}),
    ("واستقبل الرئيس اليمني هادي العمري في مكتبه اليوم وزير الخارجية البريطاني جيمس براون.",
     "meeting", {"العمري", "براون"}),
    ("وبحث وزير الدفاع السعودي فهد الشمري مع نظيره الفرنسي جان دوبون سبل تعزيز التعاون.",
     "meeting", {"الشمري", "دوبون"}),
    ("وأجرى وزير الخارجية التركي مراد أوزتورك محادثات مع نظيره الإيراني علي رضائي في طهران.",
     "meeting", {"أوزتورك", "رضائي"}),
    ("وتلقى الرئيس التونسي منير الطاهر اتصالا هاتفيا من الرئيس الجزائري كمال بوزيد.",
     "call", {"الطاهر", "بوزيد"}),
    ("وقال وزير الخارجية الإسباني خوسيه غارسيا في مؤتمر صحفي مشترك مع نظيره الفرنسي جان دوبون في باريس إن البلدين متفقان.",
     "press_conference", {"غارسيا", "دوبون"}),
])
def test_two_party_events(text, kind, people):
    _, evs = events_of(text)
    assert [e.kind for e in evs] == [kind]
    assert families(evs[0].participants) >= people


def test_dual_subject_named_before_the_verb():
    _, evs = events_of("وكان الملك عبدالله الثاني والرئيس محمود عباس أجريا أمس اتصالا هاتفيا بحثا خلاله التطورات.")
    assert len(evs) == 1 and evs[0].kind == "call"
    assert families(evs[0].participants) >= {"الثاني", "عباس"}
    assert evs[0].date_text == "أمس"


def test_visit_with_place():
    _, evs = events_of("ووصل رئيس الوزراء الباكستاني عمران شاه إلى الرياض في زيارة رسمية تستغرق يومين.")
    visit = [e for e in evs if e.kind == "visit"]
    assert visit and visit[0].participants == ["عمران شاه"] and visit[0].place == "الرياض"


def test_message():
    _, evs = events_of("وبعث الرئيس اللبناني ميشال حداد رسالة موجهة إلى الأمين العام للجامعة العربية.")
    assert [(e.kind, e.participants) for e in evs] == [("message", ["ميشال حداد"])]


def test_counterpart_resolved_and_pronoun_trigger_gets_the_speaker():
    text = ("أكد وزير الخارجية الروسي سيرغي لافروف أن العلاقات متينة.\n\n"
            "وأشار لافروف خلال لقائه شكري في موسكو إلى أن التعاون يتوسع.\n\n"
            "وكان وزير الخارجية المصري سامح شكري وصل إلى موسكو أمس.")
    _, evs = events_of(text)
    meeting = next(e for e in evs if e.kind == "meeting")
    assert families(meeting.participants) == {"لافروف", "شكري"}
    assert meeting.place == "موسكو"


def test_date_comes_from_the_date_stage_when_present():
    text = "التقى وزير الخارجية المصري حسام فوزي نظيره الأردني ناصر الخطيب في عمان أمس."
    at = text.index("أمس")
    _, evs = events_of(text, [DateExpression(at, at + 3, "أمس", "2015-07-20")])
    assert (evs[0].date, evs[0].date_text) == ("2015-07-20", "أمس")


@pytest.mark.parametrize("text", [
    "بحث المجلس الأوضاع الاقتصادية في المنطقة.",
    "وقال المتحدث إن الاتصالات مستمرة مع جميع الأطراف.",
    "ويصل عدد الزوار إلى مليون شخص سنويا.",
])
def test_no_event(text):
    assert events_of(text)[1] == []


def test_one_event_per_kind_and_participants():
    text = ("التقى الوزير حسام فوزي نظيره ناصر الخطيب أمس.\n\n"
            "وخلال اللقاء مع الخطيب بحث فوزي مع الخطيب ملفات عدة.")
    _, evs = events_of(text)
    assert len([e for e in evs if e.kind == "meeting"]) == 1


def test_stage_records_problems_instead_of_raising():
    a = Article(id="t", source="s", text="", raw_text="", origin="t")
    assert EventsStage()([a])[0].events == []


def test_scorer_needs_two_shared_family_names():
    gold = [{"kind": "call", "participants": ["سيرغي لافروف", "سامح شكري"]}]
    assert match_events(gold, [("call", ["لافروف", "شكري"])]) == [(0, 0)]
    assert match_events(gold, [("call", ["لافروف"])]) == []
    assert match_events(gold, [("meeting", ["لافروف", "شكري"])]) == []
