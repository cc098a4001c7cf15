"""Titles, roles and organisation heads that describe a speaker or a participant in Arabic news.

Source: written for marsad from the way wire copy names officials («وزير الخارجية الروسي سيرغي
لافروف», «المتحدث الرسمي باسم الخارجية المصرية», «وزارة الخارجية الروسية في بيان»). The NER
stage may know more; these lists only let the quote and event extractors work without it.
All entries are in :func:`marsad.arabic.normalize.normalize` form at import time.
"""

from __future__ import annotations

from marsad.arabic.normalize import normalize

try:  # the NER owner's title lists, reused when present (marsad.arabic.ner_triggers)
    from marsad.arabic.ner_triggers import OFFICE_WORDS as _NER_OFFICE
    from marsad.arabic.ner_triggers import ORG_HEADS as _NER_ORG
    from marsad.arabic.ner_triggers import PERSON_TITLES as _NER_TITLES
    from marsad.arabic.ner_triggers import PLACE_CUES as _NER_PLACE
except ImportError:  # pragma: no cover - the lists below are enough on their own
    _NER_TITLES = _NER_ORG = _NER_OFFICE = _NER_PLACE = frozenset()


def _norm(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


# Head nouns of a person's title (with and without the article; «و» forms are handled by callers).
PERSON_HEADS = _norm(
    """وزير الوزير وزيرة الوزيرة رئيس الرئيس رئيسة الرئيسة نائب النائب المتحدث متحدث الناطق ناطق
    مستشار المستشار سفير السفير مندوب المندوب المبعوث مبعوث الأمين أمين مدير المدير قائد القائد
    الملك ملك الأمير أمير ولي العهد الشيخ الشيخة السيد السيدة الدكتور د. العاهل الممثل ممثل
    المدعي رئيس محافظ المحافظ عضو العضو النائبة زعيم الزعيم المرشد القنصل عميد العميد اللواء لواء
    العقيد عقيد الفريق المشير الجنرال الخبير خبير المحلل محلل الباحث باحث الكاتب المسؤول مسؤول
    مسؤولة الشاهد شاهد مسؤولون المسؤولون المفتي مفتي القنصل قنصل رئيسة الأستاذ البروفيسور المهندس الحاكم حاكم المفوض مفوض المنسق منسق الممثلة الأمينة""") | (
    _NER_TITLES - {"ابو", "ام", "ابن", "بن", "بنت", "الرجل", "المواطن", "نظيره", "نظيرته", "نظيريه"})

# Head nouns of a collective or institutional speaker.
ORG_HEADS = _norm(
    """وزارة الوزارة الخارجية الداخلية الدفاع الرئاسة رئاسة الحكومة حكومة البيت الكرملين المجلس مجلس
    الجيش جيش القيادة قيادة الهيئة هيئة اللجنة لجنة المنظمة منظمة الأمم الجامعة جامعة البنك الصندوق
    صندوق وكالة الوكالة صحيفة الصحيفة موقع الموقع قناة القناة التلفزيون بيان البيان المكتب مكتب
    الحزب حزب الحركة حركة التحالف تحالف الائتلاف المرصد مرصد الشرطة شرطة النيابة السفارة سفارة
    مصدر مصادر المصدر المصادر شركة الشركة المديرية مديرية الإدارة إدارة الديوان ديوان الحساب""") | _NER_ORG

# Words that describe rather than name; the scorer sets them aside, we use them to tell a
# description («المتحدث باسم الوزارة») from a name.
GENERIC = _norm(
    """وزارة المتحدث باسم مصدر مصادر المصدر المصادر الرسمي الرسمية مسؤول المسؤول بيان البيان
    صادر عن في من ال""")

# Words that continue a title between its head and the name («وزير الخارجية الروسي», «رئيس مجلس
# الوزراء», «المتحدث الرسمي باسم …», «نائب وزير»). Definite nouns and nisba adjectives are
# recognised by shape (see :func:`is_title_word`), these are the rest.
TITLE_LINKS = _norm("عهده عهدها باسم لشؤون لدى العام العامة الخاص الخاصة الأعلى الأول السابق الأسبق وزير رئيس مجلس") | _NER_OFFICE
PLACE_CUES = _NER_PLACE | _norm("العاصمة مدينة")

# Two-word titles that stand on their own and refer back to a person named earlier.
ANAPHORIC_HEADS = _norm("الوزير الرئيس السفير المتحدث المبعوث الأمين الملك الأمير المسؤول الجانب")

# Common first names (Arabic and transliterated) that start a personal name without a title.
FIRST_NAMES = _norm(
    """محمد أحمد محمود مصطفى علي عبد عبدالله عبدالعزيز عبدالرحمن خالد سعد سعود فهد فيصل سلمان
    سلطان تركي نايف ناصر حسن حسين إبراهيم يوسف عمر عثمان سامح سامي سيرغي سيرجي فلاديمير دونالد
    باراك جون جورج بشار وليد فؤاد رجب جواد حسن ميخائيل ألكسندر الكسندر ديمتري ماريا إيمانويل
    أنطونيو بان نيكولاي سيرجيه هيلاري مايك ريكس أنتوني جو بوريس أنجيلا فرانسوا طارق هشام ماجد
    عادل عبدالملك صالح منصور زايد هزاع جمال نبيل رياض وائل حازم شريف ياسر إسماعيل هادي سعيد سالم
    سمير رامي كريم مروان مازن بندر تميم حمد جاسم راشد مبارك عيسى موسى هارون زكريا يحيى أيمن أسامة
    حسام عمرو عمار أنس بلال حمزة زياد غسان فادي نزار نبيه وليد كمال منير مراد رشيد توفيق لطفي
    عبدالفتاح عبدالرحيم عبدالكريم عبداللطيف عبدالمجيد عبدالإله عبدالحميد عبدالوهاب صلاح علاء
    هشام إيهاب شادي رائد ماهر سامر بسام عصام نضال جهاد معاذ قاسم نوري حيدر عباس مقتدى ميشال ميشيل
    إيلي جبران نجيب فؤاد هدى فاطمة عائشة مريم زينب نورة سارة ليلى رانيا منى هيفاء لمياء ريم دينا
    ماركو جان خوسيه بترو كمال إيمانويل نيكولاس أنغيلا تيريزا ديفيد جيمس ستيفان نادية نادية سلوى
    هند أمل نوال سميرة عفاف إيمان سعاد خديجة أسماء شوقي حسني عاطف""")

# Family names written with the article (after a first name: «بشار الأسد»); other «ال» words end a name.
FAMILY_AL = _norm(
    """الأسد السيسي الحريري الجبير الفيصل العثيمين الغانم الصباح الثاني القذافي البشير السراج المعلم
    الجعفري العبادي المالكي الصدر الحوثي البغدادي الظواهري العربي الزياني الخليفة النهيان المكتوم
    القاسمي البوسعيدي العطية الترك المطيري العتيبي الشمري القحطاني الغامدي الزهراني الدوسري""")

# Prepositions and particles that end a speaker phrase or a name.
NAME_STOPS = _norm(
    """في خلال لدى أمام عبر مع عن على إلى الى من حول بشأن منذ بعد قبل أثناء اثناء عقب إثر اليوم أمس
    غدا الليلة صباح مساء ظهر أن إن أنه إنه بأن بأنه أنها إنها بأنها أنهم إنهم ان قد لقد كما وقد
    الذي التي الذين الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت هذا هذه ذلك تلك
    ليس لا لم لن ما وفي وخلال وعلى حيث بينما فيما بما لكن ولكن أيضا كذلك يوم لكنه لكنها ولكنه
    ولكنها إلا الا هو هي هم نحن له لها لهم عليه عليها منه منها فيه فيها به بها إليه إليها عنه عنها
    بهذا بهذه جانبه جانبها جهته جهتها ناحيته نقلا ونقلا""")
# «نظيره المصري سامح شكري»: the counterpart works like a title before a name.
COUNTERPART = _norm("نظيره نظيرته نظيريه ونظيره ونظيرته نظيرهم")


# Words inside a personal name: «ماجد بن عبدالله الحقيل», «بندر بن فيصل آل سعود», «أبو بكر».
NAME_LINKS = _norm("بن بنت ابن آل أبو أبي عبد")


def is_nisba(word_norm: str) -> bool:
    """A definite relational adjective or noun such as «الروسي», «المصرية», «الخارجية»."""
    return word_norm.startswith("ال") and len(word_norm) > 3


def is_title_word(word_norm: str) -> bool:
    """Can this word continue a title after its head?"""
    if word_norm in FIRST_NAMES:  # «السيد ألكسندر …»: the name starts here
        return False
    return is_nisba(word_norm) or word_norm in TITLE_LINKS or word_norm in PERSON_HEADS


def strip_conj(word_norm: str) -> str:
    """Drop an attached و/ف before a known head («والرئيس» → «الرئيس»)."""
    if len(word_norm) > 3 and word_norm[0] in "وف":
        rest = word_norm[1:]
        if rest in PERSON_HEADS or rest in ORG_HEADS or rest in FIRST_NAMES:
            return rest
    return word_norm


# Countries, capitals and cities that host most meetings in Arabic news (for an event's place when
# the NER stage has not run).
PLACES = _norm(
    """موسكو واشنطن القاهرة الرياض جدة مكة المدينة دمشق بيروت عمان بغداد طهران أنقرة إسطنبول اسطنبول
    الدوحة أبوظبي دبي المنامة الكويت مسقط صنعاء عدن الخرطوم طرابلس تونس الجزائر الرباط نواكشوط
    القدس رام غزة باريس لندن برلين روما مدريد بروكسل جنيف فيينا لوزان نيويورك بكين طوكيو نيودلهي
    إسلام أباد كابول أستانة أستانا سوتشي مينسك كييف وارسو أثينا نيقوسيا شرم الشيخ العقبة حلب حمص
    اللاذقية إدلب الموصل البصرة أربيل بنغازي مصراتة مراكش الدار البيضاء الظهران الدمام الطائف أبها
    تبوك القصيم حائل جازان نجران روسيا مصر سورية سوريا السعودية الأردن العراق إيران تركيا لبنان
    الإمارات قطر البحرين عمان اليمن ليبيا السودان فلسطين إسرائيل فرنسا بريطانيا ألمانيا الصين
    اليابان الهند باكستان أفغانستان أمريكا الولايات المغرب موريتانيا بيلاروسيا أوكرانيا""")

# Verbs and nouns that name a meeting, call or visit (they end a speaker's name), and the complementisers
# that open a reported clause; used by quotes, events and entity trimming. Written for marsad.
EVENT_VERBS = frozenset(normalize(w) for w in """التقى يلتقي استقبل يستقبل بحث يبحث أجرى يجري أجريا
عقد يعقد زار يزور وصل يصل تلقى يتلقى اجتمع يجتمع بعث يبعث وجه هاتف تبادل تبادلا ناقش ناقشا
محادثات مباحثات اتصالا اتصال زيارة بزيارة رسالة برسالة برقية لقاء اجتماعا اجتماع مؤتمر""".split())
COMPLEMENTISERS = frozenset(normalize(w) for w in """أن إن أنه إنه أنها إنها أنهم إنهم أنهما إنهما
أننا إننا أنني إنني بأن بأنه بأنها بأنهم بأنهما وأن وإن""".split())
