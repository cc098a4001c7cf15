"""A site named earlier by its outlet name («موقع روسيا اليوم») is the speaker of «وأضاف الموقع» in
full, even when the outlet's name ends in a word that usually ends a name («اليوم»).

Sentences invented for this test."""

import pytest

from marsad.document import Article
from marsad.extract.quotes import extract_quotes


def _quotes(text):
    return extract_quotes(Article(id="t", source="test", text=text, raw_text=text, origin="test"))


@pytest.mark.parametrize("outlet", ["روسيا اليوم", "المصري اليوم", "سكاي نيوز عربية"])
def test_site_keeps_its_full_outlet_name(outlet):
    text = (f"نشر موقع {outlet} تقريرا عن الزيارة المرتقبة لوفد حكومي إلى القاهرة.\n\n"
            "وأضاف الموقع أن الوفد سيبحث ملفات التعاون الاقتصادي بين البلدين.")
    speakers = [q.speaker for q in _quotes(text)]
    assert speakers == [f"موقع {outlet}"]


def test_site_without_known_outlet_stops_at_the_usual_words():
    text = ("نشر موقع الرصد الإخباري اليوم تقريرا عن الزيارة المرتقبة.\n\n"
            "وأضاف الموقع أن الوفد سيبحث ملفات التعاون.")
    assert [q.speaker for q in _quotes(text)] == ["موقع الرصد الإخباري"]
