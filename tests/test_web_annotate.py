"""The article page's segmentation keeps every character and nests marks inside quotes."""

from marsad.document import Article, DateExpression, Mention, Quote
from marsad.web.annotate import segments

TEXT = "قال الوزير سامح الدوري أمس إن \"التعاون مع الأردن مستمر\" حتى نهاية العام.\n\nفقرة ثانية قصيرة."


def article():
    a = Article(id="x", source="s", text=TEXT, raw_text=TEXT, origin="t")
    start = TEXT.index("سامح")
    a.mentions = [Mention(start, start + len("سامح الدوري"), "PER", "سامح الدوري", "PER:سامح الدوري"),
                  Mention(TEXT.index("الأردن"), TEXT.index("الأردن") + 6, "LOC", "الأردن", "LOC:الاردن")]
    a.dates = [DateExpression(TEXT.index("أمس"), TEXT.index("أمس") + 3, "أمس", "2024-03-01")]
    q0 = TEXT.index("التعاون")
    a.quotes = [Quote(q0, TEXT.index("مستمر") + 5, "direct", "سامح الدوري", cue="قال")]
    return a


def test_every_character_is_kept_in_order():
    paras = segments(article())
    assert ["".join(s["text"] for s in p) for p in paras] == TEXT.split("\n\n")


def test_entity_inside_a_quote_keeps_both():
    paras = segments(article())
    jordan = next(s for s in paras[0] if s["text"] == "الأردن")
    assert jordan["mark"]["kind"] == "entity" and jordan["quote"]["speaker"] == "سامح الدوري"
    after = paras[0][paras[0].index(jordan) + 1]
    assert after["quote"] is not None and after["mark"] is None  # the quote goes on after the entity
    assert next(s for s in paras[0] if s["text"] == "أمس")["mark"]["value"] == "2024-03-01"
