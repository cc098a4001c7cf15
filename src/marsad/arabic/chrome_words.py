"""Word lists the clean stage uses to recognise page furniture that is not a fixed phrase.

Source: written by hand. Month names are the two calendars Arabic news sites print side by side
(Syriac/Levantine «تشرين الأول» and transliterated «أكتوبر», plus Hijri months); day names and
time words are standard MSA. Credit labels are the captions Arabic outlets put before a byline or a
source line («المصدر:», «إعداد:», «تحرير:», «بقلم»). All entries are in marsad's normalised form
(alef forms → ا, ى → ي; see :mod:`marsad.arabic.normalize`).
"""

MONTHS = frozenset(
    """
    يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر
    كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين الثاني الاول
    جانفي فيفري افريل ماي جوان جويلية اوت
    محرم صفر ربيع جمادي جمادى رجب شعبان رمضان شوال القعدة الحجة ذو ذي الاخر الاخرة الاولي
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december
    """.split()
)

DAYS = frozenset(
    "السبت الاحد الاثنين الإثنين الثلاثاء الاربعاء الخميس الجمعة saturday sunday monday tuesday "
    "wednesday thursday friday".split()
)

# Words that may surround a date or time in a stamp line («نشر في 12 مارس 2024 - 10:30 ص»).
TIME_WORDS = frozenset(
    """
    نشر نشرت في بتاريخ تاريخ النشر اخر تحديث محدث تحديث التحديث منذ قبل الساعة ساعة ساعات دقيقة
    دقائق يوم ايام اسبوع اليوم امس ص م صباحا مساء مساءا ظهرا توقيت بتوقيت مكة غرينتش gmt am pm
    هـ ه م. الموافق الموافق: updated published ago on at utc ت غ و تم نشره
    """.split()
)

# Captions before a source, author or editor line. A line «CAPTION: …» or «CAPTION …» is a credit.
CREDIT_CAPTIONS = (
    "المصدر",
    "مصدر الاخبار",
    "مصدر الخبر",
    "اعداد",
    "تحرير",
    "ترجمة",
    "ترجمه",
    "بقلم",
    "كتب",
    "كتبت",
    "كتبه",
    "تقرير",
    "متابعة",
    "تصوير",
    "ت",  # «ت: فلان», the photographer under a SANA story
    "مراسل",
    "مراسلة",
    "مراسلنا",
    "المحرر",
    "محرر",
    "اشراف",
    "تدقيق",
    "اعداد وتحرير",
    "حوار",
    "اجرى الحوار",
    "نقلا عن",
    "عن",
    "via",
    "source",
    "by",
    "بواسطة",
)

# Captions that also open headlines («تقرير: …», «حوار: …»): as a credit only with a short name after.
AMBIGUOUS_CAPTIONS = frozenset("تقرير متابعة حوار ترجمة ترجمه تدقيق اشراف عن بواسطة via source by".split())

# Stand-alone source words («وكالات», «(وكالات)», «رويترز» alone are handled by agencies).
SOURCE_WORDS = frozenset("وكالات الوكالات مواقع وسائل اعلام متابعات خاص".split())

# Section names of Arabic news sites' menus. A line made only of these («الرئيسية أخبار سياسة اقتصاد
# رياضة») is the site's menu flattened into the text.
SECTION_WORDS = frozenset(
    """
    الرئيسية الرئيسيه اخبار الاخبار سياسة السياسة اقتصاد الاقتصاد رياضة الرياضة ثقافة الثقافة فن الفن فنون
    منوعات صحة الصحة تكنولوجيا التكنولوجيا تقنية علوم العلوم فيديو الفيديو صور الصور مقالات المقالات راي الراي
    اراء الاراء تقارير حوارات حوار دولي الدولي دولية عربي العربي عربية عالمي العالم محلي المحلي محليات محلية
    مجتمع المجتمع ملفات ملف تحقيقات تحقيق مقابلات انفوغراف انفوجراف بودكاست
    اقسام الاقسام سوريا مصر الخليج المغرب العراق لبنان فلسطين الاردن اليمن ليبيا السودان تونس الجزائر
    و، | - · • › » > /
    """.split()
)
