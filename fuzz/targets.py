"""Every fuzzing target, defined once: each reader, the normaliser, tokenizer, clitic segmenter,
cleaner and every extractor, with the hostile inputs it gets and the invariants it must keep.

A target's ``check(example)`` runs the component on one input and raises ``AssertionError`` when an
invariant breaks; any other exception is a crash. Invariants: a reader yields only documents and
one-line rejections (a rejection from the readers' catch-all, ``unreadable: …``, is a crash it hid),
and its documents hold text a UTF-8 store accepts; a stage never raises nor records a swallowed
exception in ``meta["problems"]``; every span or offset it returns lies within the text it indexes.

Used by ``fuzz/run.py`` (a time budget per target, crashes saved to ``fuzz/crashes/``) and by
``tests/test_fuzz_*.py`` (a bounded number of examples, derandomised). The targets live here, beside
the runner, rather than in ``src/marsad``: they need hypothesis, a test dependency, and are no part of
what users install.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from hypothesis import strategies as st

from fuzz import strategies as fs


@dataclass(frozen=True)
class Target:
    name: str
    kind: str  # "reader" or "stage"
    inputs: Callable[[], st.SearchStrategy]  # built on first use (strategies import warcio, models…)
    check: Callable[[Any], None]
    extremes: Callable[[], list] = field(default=lambda: [])  # huge inputs, run once each


TARGETS: dict[str, Target] = {}


def target(name: str, kind: str, inputs: Callable[[], st.SearchStrategy], extremes=lambda: []):
    def register(check: Callable[[Any], None]) -> Callable[[Any], None]:
        TARGETS[name] = Target(name, kind, inputs, check, extremes)
        return check
    return register


# -- invariants ----------------------------------------------------------------------------------

def within(text: str, start: int, end: int, what: str) -> None:
    assert isinstance(start, int) and isinstance(end, int), f"{what}: offsets {start!r}, {end!r} are not ints"
    assert 0 <= start <= end <= len(text), f"{what}: span ({start}, {end}) outside a text of {len(text)}"


def storable(value: str | None, what: str) -> None:
    if value is not None:
        assert isinstance(value, str), f"{what} is {type(value).__name__}, not str"
        value.encode("utf-8")  # UnicodeEncodeError: a lone surrogate would break SQLite and the index


def is_storable(text: str) -> bool:
    """Stages pass through what they are given: only storable input must give storable output."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def no_problems(article, before: int, stage: str) -> None:
    problems = article.meta.get("problems", [])[before:]
    assert not problems, f"{stage} swallowed an exception: {problems}"


# -- readers -------------------------------------------------------------------------------------

LARGE_LINE = ("خبر عاجل " * 120_000).encode()  # ~1.9 MB on one line
MANY_LINES = "\n".join(f"السطر {i} من ملف طويل" for i in range(100_000)).encode()


def read_files(files: dict[str, bytes], **options) -> list:
    """Write ``files`` into a fresh folder, read it, and check what comes out."""
    from marsad.document import RawDocument
    from marsad.read import ReadOptions, Rejection, read_paths

    with tempfile.TemporaryDirectory(prefix="marsad-fuzz-") as folder:
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as out:
                out.write(data)
        items = list(read_paths([folder], ReadOptions(**options)))
    for item in items:
        if isinstance(item, Rejection):
            assert item.reason and "\n" not in item.reason and "\r" not in item.reason, item
            assert not item.reason.startswith("unreadable"), f"a reader crashed: {item}"
            assert item.origin.startswith(folder), item
        else:
            assert isinstance(item, RawDocument), item
            assert (item.text or item.html or "").strip(), f"a document with no text: {item}"
            for role in ("text", "html", "title", "url", "author", "source", "published"):
                storable(getattr(item, role), role)
            assert isinstance(item.raw, bytes)
            _storable_meta(item.meta)
    return items


def _storable_meta(meta: dict) -> None:
    import json

    json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8")


def _named(name: str, files: st.SearchStrategy[bytes]) -> st.SearchStrategy:
    return st.tuples(st.just(name), fs.maybe_damaged(files))


def _read_one(example: tuple[str, bytes]) -> None:
    name, data = example
    read_files({name: data})


for _name, _file, _files in (
    ("read_text", "page.txt", lambda: st.one_of(fs.encoded(), st.binary(max_size=400))),
    ("read_jsonl", "feed.jsonl", fs.jsonl_file),
    ("read_json", "export.json", fs.json_file),
    ("read_csv", "table.csv", fs.csv_file),
    ("read_html", "page.html", fs.html_page),
    ("read_warc", "crawl.warc", fs.warc_file),
    ("read_zip", "dump.zip", fs.zip_file),
):
    target(_name, "reader", lambda n=_file, f=_files: _named(n, f()),
           extremes=lambda n=_file: [(n, LARGE_LINE), (n, MANY_LINES)])(_read_one)

target("read_any", "reader", lambda: st.tuples(
    st.sampled_from(("x.txt", "x.jsonl", "x.json", "x.csv", "x.html", "x.warc", "x.zip", "x.gz", "x", "x.tsv")),
    st.binary(max_size=600)))(_read_one)


@target("read_manifest", "reader", lambda: st.tuples(
    st.sampled_from(("meta.jsonl", "meta.csv")), fs.maybe_damaged(fs.jsonl_file() | fs.csv_file()), fs.encoded()))
def _read_manifest(example: tuple[str, bytes, bytes]) -> None:
    name, manifest, page = example
    read_files({name: manifest, "page.txt": page})


@target("encoding", "reader", lambda: fs.maybe_damaged(st.one_of(fs.encoded(), st.binary(max_size=400))),
        extremes=lambda: [LARGE_LINE, MANY_LINES, bytes(range(256)) * 4000])
def _encoding(data: bytes) -> None:
    from marsad.read.encoding import NotText, declared_charset, decode, detect

    declared = declared_charset(data)
    try:
        found = detect(data, declared=declared)
        assert found.codec and 0 <= found.bom <= 3
        text, name = decode(data, declared=declared)
    except NotText as exc:
        assert exc.args[0] and "\n" not in exc.args[0]
        return
    storable(text, "decoded text")
    assert data[found.bom:].decode(found.codec, errors=found.errors) == text or text == text.lstrip("\ufeff")


# -- text stages ---------------------------------------------------------------------------------

LARGE_TEXT = "أكد الوزير «أن المفاوضات مستمرة» يوم الأحد 12/5/2020 في القاهرة. " * 16_000  # ~1 MB, one line
MANY_TEXT_LINES = "\n".join(f"قال: «{i}»" for i in range(100_000))  # 100,000 short lines


def _text_extremes() -> list[str]:
    return [LARGE_TEXT, MANY_TEXT_LINES, "\u202e" * 200_000, "«" * 100_000, "\"" * 100_000 + "»" * 100_000,
            "\u0651" * 300_000, "\x00" * 100_000, ("\ud800ا" * 50_000)]


def text_target(name: str):
    return target(name, "stage", lambda: fs.hostile_lines(), extremes=_text_extremes)


@text_target("normalize")
def _normalize(text: str) -> None:
    from marsad.arabic.normalize import normalize, normalize_with_offsets, original_span

    variants = [(False, True)] if len(text) > 100_000 else [(taa, lower) for taa in (False, True) for lower in (False, True)]
    for taa, lower in variants:
        norm = normalize(text, taa_marbuta=taa, lower=lower)
        assert normalize(norm, taa_marbuta=taa, lower=lower) == norm, "normalize is not idempotent"
        with_offsets, offsets = normalize_with_offsets(text, taa_marbuta=taa, lower=lower)
        assert len(offsets) == len(with_offsets) + 1 and offsets[-1] == len(text)
        assert all(0 <= a < b <= len(text) for a, b in zip(offsets, offsets[1:])), "offsets not increasing"
        for a in range(0, len(with_offsets), max(1, len(with_offsets) // 7)):
            start, end = original_span(offsets, a, min(len(with_offsets), a + 3))
            within(text, start, end, "original_span")


@text_target("tokenize")
def _tokenize(text: str) -> None:
    from marsad.arabic.tokenize import sentences, tokenize, words

    last = 0
    for token in tokenize(text):
        within(text, token.start, token.end, "token")
        assert token.start >= last and token.end > token.start and text[token.start:token.end] == token.text
        last = token.end
    last = 0
    for start, end in sentences(text):
        within(text, start, end, "sentence")
        assert start >= last and end > start, "sentences overlap or are empty"
        last = end
    assert all(isinstance(w, str) and w for w in words(text))


@text_target("clitics")
def _clitics(text: str) -> None:
    from marsad.arabic.clitics import normalized_stem, segment, segment_text, strip_proclitics

    for start, end, kind, piece in segment_text(text):
        within(text, start, end, "clitic piece")
        assert text[start:end] == piece and kind in ("proclitic", "stem", "enclitic")
    for word in text.split()[:50]:
        cut = segment(word)
        within(word, cut.start, cut.end, "segment")
        strip_proclitics(word), normalized_stem(word)


@target("clean", "stage", lambda: st.tuples(fs.hostile_lines(20), st.none() | fs.short_text, st.none() | fs.short_text),
        extremes=lambda: [(t, None, None) for t in _text_extremes()])
def _clean(example: tuple[str, str | None, str | None]) -> None:
    from marsad.clean import CleanStage
    from marsad.clean.stage import clean_page

    raw, title, author = example
    result = clean_page(raw, title=title, author=author)
    if is_storable(raw):
        storable(result.text, "clean text")
    lines = len(raw.splitlines())  # what the page layout numbers
    assert all(0 <= r.line_no < lines for r in result.removed), result.removed
    article = _article(raw, title=title, author=author)
    CleanStage()([article])
    assert "clean_error" not in article.meta, article.meta["clean_error"]


# -- extractors ----------------------------------------------------------------------------------

def _article(text: str, *, title=None, author=None, published=None, url=None, dateline=None):
    from marsad.pipeline import to_article
    from marsad.document import RawDocument

    raw = RawDocument(origin="fuzz", text=text, title=title, author=author, published=published, url=url,
                      source="fuzz")
    article = to_article(raw)
    article.dateline = dateline
    return article


PUBLISHED = st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
                      st.sampled_from(("2015-07-21T02:51:32", "2015-07", "2015", "x", "", "2015-02-30")), fs.short_text)
URLS = st.one_of(st.none(), st.sampled_from(("https://sahil.example/2015/07/21/a.html", "http://[::1", "//",
                                             "https://x.example/20150721/1", "نص")), fs.short_text)
articles = st.builds(lambda text, title, published, url, dateline: _article(
    text, title=title, published=published, url=url, dateline=dateline),
    fs.hostile_lines(), st.none() | fs.short_text, PUBLISHED, URLS, st.none() | fs.short_text)


def _article_extremes() -> list:
    return [_article(text, published="2015-07-21") for text in _text_extremes()]


def stage_target(name: str):
    return target(name, "stage", lambda: articles, extremes=_article_extremes)


_TAGGER: list = []


def tagger():
    if not _TAGGER:
        from marsad.extract.ner.tagger import MODEL_PATH, default_tagger

        _TAGGER.append(default_tagger(str(MODEL_PATH)))
    return _TAGGER[0]


def check_mentions(text: str, mentions) -> None:
    storable_text = is_storable(text)
    for m in mentions:
        within(text, m.start, m.end, "mention")
        assert m.end > m.start and m.type in ("PER", "LOC", "ORG", "MISC"), m
        if storable_text:
            storable(m.entity_key, "entity key")


@stage_target("ner")
def _ner(article) -> None:
    from marsad.extract.ner.stage import tag_text

    mentions = tag_text(tagger(), article.text)
    check_mentions(article.text, mentions)
    assert all(article.text[m.start:m.end] == m.text for m in mentions)


@stage_target("entities")
def _entities(article) -> None:
    from marsad.extract.entities import EntityStage

    article.mentions = _mentions(article.text)
    EntityStage()([article])
    no_problems(article, 0, "entities")
    check_mentions(article.text, article.mentions)


@stage_target("dates")
def _dates(article) -> None:
    from marsad.extract.dates import find_dates

    for expr in find_dates(article.text, article.published):
        within(article.text, expr.start, expr.end, "date")
        assert expr.end > expr.start
        for value in (expr.value, expr.end_value):
            assert value is None or (isinstance(value, str) and value[:4].isdigit()), expr


@stage_target("quotes")
def _quotes(article) -> None:
    from marsad.extract.quotes import extract_quotes

    storable_text = is_storable(article.text)
    for quote in extract_quotes(article):
        within(article.text, quote.content_start, quote.content_end, "quote content")
        if quote.speaker_start is not None:
            within(article.text, quote.speaker_start, quote.speaker_end, "quote speaker")
        if quote.cue_start is not None:
            within(article.text, quote.cue_start, quote.cue_end, "quote cue")
        if storable_text:
            storable(quote.speaker, "speaker")


@stage_target("events")
def _events(article) -> None:
    from marsad.extract.events import extract_events
    from marsad.extract.quotes import extract_quotes

    article.mentions = _mentions(article.text)
    for event in extract_events(article, extract_quotes(article)):
        within(article.text, event.evidence_start, event.evidence_end, "event evidence")
        assert all(isinstance(p, str) for p in event.participants)


def _mentions(text: str):
    from marsad.extract.ner.stage import tag_text

    return tag_text(tagger(), text)


@stage_target("published")
def _published(article) -> None:
    from marsad.extract.published import PublishedStage, infer_published

    value, how = infer_published(article)
    assert value is None or date.fromisoformat(value), value
    assert how and "\n" not in how
    PublishedStage()([article])


@text_target("framing_marks")
def _framing_marks(text: str) -> None:
    from marsad.arabic.framing import find_labels
    from marsad.stories.marks import FUNCTIONS, classify_text

    for span in classify_text(text):
        within(text, span.start, span.end, "marked span")
        within(text, span.sentence_start, span.sentence_end, "marked sentence")
        assert span.function in FUNCTIONS and span.sentence_start <= span.start
    for hit in find_labels(text):
        within(text, hit.start, hit.end, "framing label")


@text_target("dedup_shingles")
def _dedup_shingles(text: str) -> None:
    from marsad.dedup.minhash import signature
    from marsad.dedup.shingles import fingerprint, text_shingles, text_words

    found = fingerprint(text)
    assert found.n_words >= 0 and all(s.n_words >= 0 for s in found.sentences)
    assert all(isinstance(s, int) for s in text_shingles(text))
    assert all(isinstance(w, str) for w in text_words(text))
    signature(found.shingles)


@stage_target("story_features")
def _story_features(article) -> None:
    from marsad.stories.features import featurize, terms

    features = featurize(article)
    assert all(isinstance(k, str) and v >= 0 for k, v in features.tf.items())
    assert all(isinstance(t, str) for t in terms(article.text))


@target("search_query", "stage", lambda: fs.hostile_text, extremes=_text_extremes)
def _search_query(query: str) -> None:
    from marsad.search import parse_query

    parsed = parse_query(query)
    for words in (parsed.terms, parsed.surface, parsed.exact, *parsed.phrases, *parsed.excluded):
        assert all(isinstance(w, str) for w in words)


@target("snippets", "stage", lambda: st.tuples(fs.hostile_lines(), fs.short_text, st.booleans()),
        extremes=lambda: [(t, "المفاوضات القاهرة", True) for t in _text_extremes()])
def _snippets(example: tuple[str, str, bool]) -> None:
    from marsad.search import make_snippet, parse_query

    text, query, plant = example
    if plant:  # make sure the query's words occur
        text = f"{text} {query} {text}"
    parsed = parse_query(query)
    snippet = make_snippet(text, set(parsed.terms) | {w for p in parsed.phrases for w in p})
    for start, end in snippet.highlights:
        within(snippet.text, start, end, "highlight")
        assert end > start


@stage_target("pipeline")
def _pipeline(article) -> None:
    """Every per-article stage in order, as ingest runs them (without run_stages' catch-all)."""
    for stage in _stages():
        stage([article])
        no_problems(article, 0, stage.name)
        assert not article.meta.get("stage_errors") and "clean_error" not in article.meta
    check_mentions(article.text, article.mentions)
    for expr in article.dates:
        within(article.text, expr.start, expr.end, "date")
    if is_storable(article.raw_text):
        storable(article.text, "text")


_STAGES: list = []


def _stages() -> list:
    if not _STAGES:
        from marsad.pipeline import build_stages

        _STAGES.extend(build_stages())
    return _STAGES
