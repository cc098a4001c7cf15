"""Rebuild the out-of-domain (Wikipedia-style) NER development gold from ../shared and the committed labels.

The labels (``ner_wiki_dev.labels.jsonl``) hold only character offsets and types, keyed by an ARCD
article title and paragraph number, with the SHA-1 of the paragraph text — never the Wikipedia text.
This script (or :func:`build_gold`) reads the paragraphs from ``../shared/data/arcd/train.json``
(ARCD, SQuAD v1.1 JSON over Arabic Wikipedia, MIT), tokenises them with marsad's own tokenizer and
writes a CoNLL file for ``marsad eval ner``: ``token TAG`` per line, IOB2, one blank line between
sentences (one CoNLL sentence per :func:`marsad.arabic.tokenize.sentences` span; when a gold entity
crosses such a break — «جورج آر. آر مارتن» — the two sentences are joined).

    python tests/golds/build_ner_wiki_gold.py OUT.txt [--shared ../shared]

Selection (a fixed rule, decided before tagging anything): the articles at even positions of
train.json (0, 2, …, 76: 39 articles, spanning people, countries, history, religion, science,
medicine, sport, arts and technology), alternating between the article's first paragraph (positions
0, 4, 8, …) and its second (2, 6, 10, …) — :func:`selected_paragraphs`. About 3,300 tokens.

Annotation conventions (ANERcorp's, made explicit; hand-annotated):

* Tokens are marsad tokens; clitics stay on the token, so «والقاهرة», «بالسعودية», «لحزب …» are
  labelled as a whole. Dates and numbers are never labelled.
* PER — people, with the whole name chain: kunya, nasab, laqab and nisba that belong to the name
  («أبو عبد الله محمد بن إدريس الشافعي المطلبي القرشي», «صلاح الدين الأيوبي», «الإسكندر ذو القرنين»,
  «سليمان خان الأول»); family names used alone («محفوظ», «مارتن»); prophets and religious figures
  («عيسى», «آدم»). Titles and roles stay outside (الملك، السيد، السلطان، الرئيس، المسيح before the
  name, المطرب، الفنان، الفيلسوف), so do epithets used instead of the name («أسد الصحراء»).
* LOC — countries (also when they act politically, and their official long names «جمهورية مصر
  العربية», «المملكة المغربية», «الاتحاد السويسري», «الجمهورية العربية السورية»), cities, regions,
  continents and geographic features with their generic head (seas, oceans, mountains, straits,
  peninsulas, currents: «البحر الأبيض المتوسط», «جبال الأورال», «شبه جزيرة سيناء», «قطاع غزة»,
  «تيار الخليج», «الحافة وسط الأطلسي»); fixed regional names «بلاد الشام», «الشرق الأوسط», «الوطن
  العربي», «الأراضي المقدسة». Generic nouns before a name stay outside (مدينة، ولاية، منطقة، قارة،
  بادية، مسرح), so do cardinal directions before it («شمال [أفريقيا]») and gentilic adjectives after it
  («[إسپانيا] الإسلامية», «[فرنسا] المعاصرة»); a direction adjective that forms the region's name is
  inside («أمريكا الشمالية», «أوروبا الغربية», «أيرلندا الشمالية»).
* ORG — organisations with their head noun when it is part of the name («نادي الهلال», «جامعة
  الزيتونة», «شركة فري ميوزيك», «متحف اللوفر», «حزب العدالة والتنمية», «منظمة حلف شمال الأطلسي»,
  «الاتحاد الأوروبي»); TV channels without «قناة» (ANERcorp's «قناة [الجزيرة]»); historical dynastic
  states as ANERcorp does «الدولة العثمانية» («الدولة الأيوبية», «الخلافة الفاطمية», «دولة بني سلجوق»);
  dynasties, clans and tribes named with آل/بني («آل عثمان», «بني إسرائيل»), but «بيت»/«قبيلة» stay
  outside («بيت [فرحات]», «قبيلة [منفة] الهلالية»); organised religious communities and orders
  («أهل السنة والجماعة», «السنوسية»). Governments, parliaments and armies described by a gentilic
  («الحكومة الفرنسية», «البرلمان التركي», «القوات المسلحة السورية») and the WWII camps «الحلفاء» /
  «المحور» are O, as in ANERcorp.
* MISC — other proper names: named events, wars, battles, eras, festivals, competitions and awards,
  with their head noun («الحرب العالمية الثانية», «معركة حطين», «الحروب الصليبية», «عصر النهضة
  الإيطالية», «مهرجان بعلبك», «دوري رابطة أبطال أفريقيا», «الموريكس دور»); «نوبل» alone after
  «جائزة» (ANERcorp); titles of works (songs, albums, films, novels, series, paintings, scriptures:
  «أولاد حارتنا», «صراع العروش», «الموناليزا», «القرآن الكريم», «الإنجيل», «سورة آل عمران»);
  currencies and products («الدولار», «بيتكوين»); sacred buildings («الكعبة المشرفة», «المسجد
  الحرام»); «الإسلام» and «الله» (ANERcorp labels both MISC).
* O — nationalities and gentilic adjectives («سعودي», «المصرية», «العثمانيين»), peoples («العرب»,
  «الإغريق», «الصليبيين»), language names («بالعبرية»), schools of law and ideologies («المذهب
  الشافعي», «المالكية», «الشيوعية»), sciences, theories, diseases, species and other common terms.
* Names in other scripts that Wikipedia gives in parentheses are labelled like their Arabic form
  («Albert Einstein» PER, «Schweiz» LOC, «Παλαιστίνη» LOC, «Mona Lisa» MISC, «HBO» ORG); articles of
  the foreign language stay outside unless they belong to a title («die [Schweiz]», «[La Joconde]»).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "ner_wiki_dev.labels.jsonl"
DEFAULT_SHARED = HERE.parents[1].parent / "shared"
TYPES = ("PER", "LOC", "ORG", "MISC")


class GoldBuildError(ValueError):
    """The labels no longer fit the shared data (changed paragraph, span off the token grid)."""


def load_paragraphs(shared: Path) -> dict[tuple[str, int], str]:
    """ARCD contexts keyed by (article title, paragraph number)."""
    data = json.loads((Path(shared) / "data" / "arcd" / "train.json").read_text(encoding="utf-8"))["data"]
    return {(art["title"], j): para["context"] for art in data for j, para in enumerate(art["paragraphs"])}


def selected_paragraphs(shared: Path = DEFAULT_SHARED) -> list[tuple[str, int]]:
    """The selection rule: (title, paragraph) of every other article, first and second paragraph in turn."""
    data = json.loads((Path(shared) / "data" / "arcd" / "train.json").read_text(encoding="utf-8"))["data"]
    return [(data[i]["title"], (i // 2) % 2) for i in range(0, len(data), 2)]


def paragraph_sentences(text: str, spans: list[list], where: str) -> list[list[tuple[str, str]]]:
    """The paragraph's sentences as lists of (token, IOB2 tag); checks the spans against the tokens."""
    from marsad.arabic.tokenize import sentences, tokenize

    tokens = tokenize(text)
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    tags = ["O"] * len(tokens)
    for span in spans:
        s, e, typ = span
        if typ not in TYPES:
            raise GoldBuildError(f"{where}: span {span} has type {typ!r}, not one of {', '.join(TYPES)}")
        if s not in starts or e not in ends or e <= s:
            raise GoldBuildError(f"{where}: span {span} ({text[s:e]!r}) does not start and end on token boundaries")
        first, last = starts[s], ends[e]
        if any(t != "O" for t in tags[first : last + 1]):
            raise GoldBuildError(f"{where}: span {span} ({text[s:e]!r}) overlaps another span")
        tags[first] = f"B-{typ}"
        for k in range(first + 1, last + 1):
            tags[k] = f"I-{typ}"
    for t in tokens:
        if len(t.text.split()) != 1:  # the CoNLL reader splits lines on whitespace
            raise GoldBuildError(f"{where}: token {t.text!r} at {t.start} would not survive the CoNLL format")
    # one sentence per marsad sentence span, except that a break inside a gold entity is dropped
    groups: list[list[int]] = []
    bounds = sentences(text)
    b = 0
    for i, tok in enumerate(tokens):
        while b + 1 < len(bounds) and tok.start >= bounds[b + 1][0]:
            b += 1
            if not tags[i].startswith("I-"):
                groups.append([])
        if not groups:
            groups.append([])
        groups[-1].append(i)
    return [[(tokens[i].text, tags[i]) for i in g] for g in groups if g]


def build_gold(out: Path, shared: Path = DEFAULT_SHARED, labels: Path = LABELS) -> int:
    """Write the CoNLL gold to ``out``; returns the number of paragraphs."""
    paragraphs = load_paragraphs(Path(shared))
    n = 0
    lines: list[str] = []
    for no, line in enumerate(Path(labels).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        label = json.loads(line)
        where = f"{Path(labels).name}:{no} ({label['title']} ¶{label['paragraph']})"
        text = paragraphs.get((label["title"], label["paragraph"]))
        if text is None:
            raise GoldBuildError(f"{where}: no such article title and paragraph in {shared}/data/arcd/train.json")
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != label["context_sha1"]:
            raise GoldBuildError(f"{where}: the paragraph text changed (SHA-1 differs): the labels no longer apply")
        for sent in paragraph_sentences(text, label["spans"], where):
            lines.extend(f"{tok} {tag}" for tok, tag in sent)
            lines.append("")
        n += 1
    Path(out).write_text("\n".join(lines), encoding="utf-8")
    return n


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from gold_cli import out_and_shared

    out, shared = out_and_shared(__doc__, DEFAULT_SHARED)
    try:
        print(build_gold(out, shared), "paragraphs")
    except GoldBuildError as e:
        sys.exit(f"error: {e}")
