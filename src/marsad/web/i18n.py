"""Interface strings in English and Arabic (content is never translated)."""

from __future__ import annotations

from typing import Callable

LANGUAGES = ("en", "ar")

STRINGS: dict[str, dict[str, str]] = {
    "Search": {"ar": "بحث"},
    "Stories": {"ar": "القصص"},
    "Quotes": {"ar": "التصريحات"},
    "Entities": {"ar": "الكيانات"},
    "Timeline": {"ar": "الخط الزمني"},
    "Copies": {"ar": "النسخ"},
    "Framing": {"ar": "التأطير"},
    "Sources": {"ar": "المصادر"},
    "Outlet": {"ar": "المصدر"},
    "All outlets": {"ar": "كل المصادر"},
    "From": {"ar": "من"},
    "To": {"ar": "إلى"},
    "Entity": {"ar": "كيان"},
    "matching articles": {"ar": "مقالاً مطابقاً"},
    "Published": {"ar": "تاريخ النشر"},
    "date unknown": {"ar": "تاريخ غير معروف"},
    "Dateline": {"ar": "سطر المكان"},
    "Credits": {"ar": "المصادر والإعداد"},
    "Removed page chrome": {"ar": "أسطر الصفحة المحذوفة"},
    "Same text also published by": {"ar": "النص نفسه نشره أيضاً"},
    "Articles": {"ar": "المقالات"},
    "Country": {"ar": "البلد"},
    "Kind": {"ar": "النوع"},
    "First": {"ar": "الأول"},
    "Last": {"ar": "الأخير"},
    "Volume over time": {"ar": "الحجم عبر الزمن"},
    "Per outlet": {"ar": "حسب المصدر"},
    "Over time": {"ar": "عبر الزمن"},
    "Previous": {"ar": "السابق"},
    "Next": {"ar": "التالي"},
    "No results.": {"ar": "لا نتائج."},
    "how known": {"ar": "مصدر التاريخ"},
    "Story": {"ar": "القصة"},
    "Near copies": {"ar": "نسخ متقاربة"},
    "Wire copy share": {"ar": "نسبة المواد المنقولة"},
    "Language": {"ar": "اللغة"},
    "Search the archive": {"ar": "ابحث في الأرشيف"},
    "Show": {"ar": "اعرض"},
    "story": {"ar": "قصة"},
    "storyline": {"ar": "مسار"},
    "articles": {"ar": "مقالات"},
    "Distinguishing terms": {"ar": "المفردات المميِّزة"},
    "term": {"ar": "مصطلح"},
    "here": {"ar": "هنا"},
    "elsewhere": {"ar": "في غيره"},
    "Contested labels": {"ar": "التسميات الخلافية"},
    "referent": {"ar": "المقصود"},
    "label": {"ar": "التسمية"},
    "frame": {"ar": "الإطار"},
    "count": {"ar": "العدد"},
    "example": {"ar": "مثال"},
    "Scare quotes": {"ar": "علامات التنصل"},
    "None found.": {"ar": "لا شيء."},
    "speech": {"ar": "كلام منقول"},
    "title": {"ar": "اسم علم"},
    "scare": {"ar": "تنصّل"},
}


def translator(lang: str) -> Callable[[str], str]:
    def t(text: str) -> str:
        return STRINGS.get(text, {}).get(lang, text) if lang != "en" else text
    return t
