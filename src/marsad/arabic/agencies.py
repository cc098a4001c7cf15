"""Wire agencies as Arabic news sites name them in datelines and credits.

Source: compiled by hand from how Arabic outlets write the agencies' names and abbreviations
(«موسكو-سانا», «القاهرة - (أ ف ب) -», «الرياض - واس», «(د ب أ)»); each agency's own site gives its
Arabic name. Keys are short, stable, lower-case ASCII (``sana``, ``afp`` …): other stages (dedup,
stories) compare them to tell wire copy from original reporting.

Some abbreviations are also ordinary words or places («بترا» Petra, «كونا», «قنا» Qena, «بنا»,
«وال»); they are marked ``ambiguous`` and only match in a dateline or credit shape, never as a bare
word in running text (see :func:`find_agency` ``strict``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize


@dataclass(frozen=True)
class Agency:
    key: str
    country: str  # ISO 3166-1 alpha-2 of the agency's home country
    names: tuple[str, ...]  # full names, Arabic and Latin
    abbreviations: tuple[str, ...] = ()  # short forms as they appear in datelines
    ambiguous: tuple[str, ...] = ()  # short forms that are also common words or places


AGENCIES: tuple[Agency, ...] = (
    Agency("sana", "SY", ("الوكالة العربية السورية للأنباء", "سانا"), ("SANA",)),
    Agency("spa", "SA", ("وكالة الأنباء السعودية",), ("واس", "SPA")),
    Agency("afp", "FR", ("وكالة فرانس برس", "فرانس برس", "فرانس برس", "وكالة الصحافة الفرنسية"),
           ("أ ف ب", "أ.ف.ب", "أ. ف. ب", "ا ف ب", "AFP")),
    Agency("reuters", "GB", ("وكالة رويترز", "رويترز", "Reuters")),
    Agency("ap", "US", ("أسوشيتد برس", "أسوشييتد برس", "اسوشيتدبرس", "Associated Press"),
           ("أ ب", "أ.ب", "AP")),
    Agency("dpa", "DE", ("وكالة الأنباء الألمانية", "الألمانية للأنباء"), ("د ب أ", "د.ب.أ", "DPA")),
    Agency("aa", "TR", ("وكالة الأناضول", "الأناضول", "Anadolu")),
    Agency("qna", "QA", ("وكالة الأنباء القطرية",), ("QNA",), ("قنا",)),
    Agency("wam", "AE", ("وكالة أنباء الإمارات",), ("وام", "WAM")),
    Agency("petra", "JO", ("وكالة الأنباء الأردنية",), ("Petra",), ("بترا",)),
    Agency("kuna", "KW", ("وكالة الأنباء الكويتية",), ("KUNA",), ("كونا",)),
    Agency("mena", "EG", ("وكالة أنباء الشرق الأوسط",), ("أ ش أ", "أ.ش.أ", "MENA")),
    Agency("upi", "US", ("يونايتد برس إنترناشونال",), ("يو بي آي", "UPI")),
    Agency("irna", "IR", ("وكالة الجمهورية الإسلامية للأنباء",), ("إرنا", "IRNA")),
    Agency("map", "MA", ("وكالة المغرب العربي للأنباء",), ("ومع", "و م ع", "MAP")),
    Agency("tass", "RU", ("وكالة تاس", "تاس", "TASS")),
    Agency("ria", "RU", ("ريا نوفوستي", "نوفوستي", "RIA Novosti")),
    Agency("sputnik", "RU", ("سبوتنيك", "Sputnik")),
    Agency("xinhua", "CN", ("وكالة أنباء الصين الجديدة", "شينخوا", "Xinhua")),
    Agency("bna", "BH", ("وكالة أنباء البحرين",), ("BNA",), ("بنا",)),
    Agency("ona", "OM", ("وكالة الأنباء العمانية", "العمانية"), ("ONA",)),
    Agency("aps", "DZ", ("وكالة الأنباء الجزائرية",), ("واج", "وأج", "APS")),
    Agency("tap", "TN", ("وكالة تونس أفريقيا للأنباء",), ("وات", "TAP")),
    Agency("ina", "IQ", ("وكالة الأنباء العراقية",), ("واع", "INA")),
    Agency("nna", "LB", ("الوكالة الوطنية للإعلام",), ("NNA",)),
    Agency("wafa", "PS", ("وكالة الأنباء والمعلومات الفلسطينية",), ("وفا", "WAFA")),
    Agency("saba", "YE", ("وكالة الأنباء اليمنية",), ("سبأ", "SABA")),
    Agency("suna", "SD", ("وكالة السودان للأنباء",), ("سونا", "SUNA")),
    Agency("lana", "LY", ("وكالة الأنباء الليبية",), ("LANA",), ("وال",)),
    Agency("efe", "ES", ("وكالة إفي", "إفي", "EFE")),
    Agency("ansa", "IT", ("وكالة أنسا", "أنسا", "ANSA")),
    Agency("kyodo", "JP", ("كيودو", "Kyodo")),
    Agency("yonhap", "KR", ("يونهاب", "Yonhap")),
)

BY_KEY: dict[str, Agency] = {a.key: a for a in AGENCIES}

# Letters that may be glued to a name as a proclitic or must not touch it.
_WORD = r"[\w\u0640]"


def _fold(text: str) -> str:
    # Dots and spaces inside abbreviations vary («أ.ف.ب», «أ ف ب», «أ. ف. ب»): fold them to one space.
    return re.sub(r"[\s.]+", " ", normalize(text)).strip()


@lru_cache(maxsize=2)
def _pattern(strict: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for agency in AGENCIES:
        kinds = agency.names + agency.abbreviations + (() if strict else agency.ambiguous)
        for form in kinds:
            forms.setdefault(_fold(form), agency.key)
    alternatives = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(f) for f in alternatives)
    # An optional و/ب/ل proclitic («وسانا», «لرويترز») but no other letter may touch the name.
    return re.compile(rf"(?<!{_WORD})(?:[وبل]?)({body})(?!{_WORD})"), forms


def find_agency(text: str, *, strict: bool = False) -> str | None:
    """The key of the first agency named in ``text`` (a dateline, credit or short phrase), or None.

    ``strict=True`` ignores the short forms that are also common words (use it on running text)."""
    if not text:
        return None
    pattern, forms = _pattern(strict)
    match = pattern.search(_fold(text))
    return forms[match.group(1)] if match else None


@lru_cache(maxsize=4096)
def agency_of(text: str) -> str | None:
    """The key when ``text`` is, as a whole, one agency's name or abbreviation («(أ ف ب)», «واس»)."""
    folded = _fold(text.strip(" ()[]-–—:/«»\"'"))
    _, forms = _pattern(False)
    return forms.get(folded)


def country_of(key: str) -> str | None:
    agency = BY_KEY.get(key)
    return agency.country if agency else None


def agency_forms() -> list[str]:
    """Every written form (folded), longest first: the clean stage builds its dateline regex from it."""
    _, forms = _pattern(False)
    return sorted(forms, key=len, reverse=True)
