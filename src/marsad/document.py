"""The nouns that flow through the pipeline.

A reader yields :class:`RawDocument` records; the pipeline turns each into an :class:`Article`
and the stages fill in its fields (clean: title/dateline/credits/body/removed; extract: mentions,
dates, quotes, events). Every span is a pair of character offsets into ``Article.text`` (the clean
text), never into a normalised form.

Everything here is a plain, picklable dataclass so stages can run in-process, in worker processes
or on Ray without knowing which.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any

# Where a ``published`` value came from.
PUBLISHED_GIVEN = "given"  # a field of the input record (or --published)
PUBLISHED_CRAWL = "crawl"  # crawl/extraction time given by the input (e.g. SaudiNewsNet date_extracted)
PUBLISHED_MANIFEST = "manifest"  # meta.jsonl / meta.csv beside the pages
PUBLISHED_HTML = "html-metadata"  # <meta> or JSON-LD inside an HTML page
PUBLISHED_WARC = "warc-date"  # WARC-Date of the response record
PUBLISHED_INFERRED = "inferred"  # inferred later from the text, dateline or URL (see published_detail)


@dataclass
class RawDocument:
    """One record as a reader found it: its text (or HTML) and whatever metadata came with it."""

    origin: str  # the file (and zip member) it came from
    record: str | None = None  # where inside the file: "line 12", "record 3", "member x.json#4"
    text: str | None = None  # decoded plain text, when the input was text
    html: str | None = None  # decoded HTML, when the input was HTML (clean runs trafilatura on it)
    raw: bytes = b""  # the bytes as they came, stored so nothing is ever lost
    encoding: str | None = None  # detected encoding of ``raw``
    format: str = "text"  # text | jsonl | json | csv | html | warc
    title: str | None = None
    url: str | None = None
    source: str | None = None
    source_how: str | None = None  # option | field | manifest | url-domain | folder
    published: str | None = None  # ISO 8601 date or datetime
    published_how: str | None = None  # one of the PUBLISHED_* constants
    author: str | None = None
    file_name: str | None = None  # name used in the article id when there is no URL
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class RemovedLine:
    """A line of the page the clean stage set aside, and why (``social``, ``url``, ``recurring`` …)."""

    line_no: int  # 0-based index among the page's lines
    text: str
    reason: str


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Mention:
    start: int
    end: int
    type: str  # PER, ORG, LOC, MISC
    text: str
    entity_key: str | None = None  # canonical key the merger assigned (normalised canonical name)
    canonical: str | None = None  # canonical display name
    nominal: bool = False  # a description standing for a person named earlier («الوزير الروسي»), not a name


@dataclass
class DateExpression:
    start: int
    end: int
    text: str
    value: str | None  # ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or None when it cannot be resolved
    end_value: str | None = None  # for ranges
    granularity: str = "day"  # day | week | month | year | range | time
    anchor: str = "absolute"  # absolute | published | dateline | unanchored


@dataclass
class Quote:
    content_start: int
    content_end: int
    kind: str  # direct | reported
    speaker: str | None  # fullest name or a descriptive phrase
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str | None = None  # entity key when the speaker is a known entity
    speaker_inferred: bool = False  # inherited from an earlier sentence
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    stance: str = "neutral"  # neutral | emphatic | denial | claim


@dataclass
class Event:
    kind: str  # meeting | call | visit | press_conference | message
    participants: list[str]
    evidence_start: int
    evidence_end: int
    place: str | None = None
    date: str | None = None
    date_text: str | None = None


@dataclass
class Article:
    """One published item. ``id`` is a stable hash of source, URL (or file name) and text."""

    id: str
    source: str
    text: str  # the clean article text: body paragraphs joined by blank lines
    raw_text: str  # the page text as read (HTML already reduced to text), before cleaning
    origin: str
    record: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_how: str | None = None
    published_detail: str | None = None
    author: str | None = None
    language: str | None = None
    dateline: str | None = None  # the dateline as written («موسكو-سانا»)
    place: str | None = None  # place parsed from the dateline
    agency: str | None = None  # wire agency or outlet named in dateline/credits (canonical key: sana, wam, afp…)
    credits: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    text_hash: str | None = None  # hash of the clean text exactly as written (key of the stored text)
    norm_hash: str | None = None  # hash of the normalised clean text (exact-duplicate group key)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Analysed search-index fields, computed by the normalise stage in the pipeline's workers; transient
    # (never stored, never shown), recomputed by the index when absent.
    index_fields: dict[str, str] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("index_fields")
        return d
