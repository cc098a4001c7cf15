"""What a reader is told (:class:`ReadOptions`) and what it reports when a record is refused
(:class:`Rejection`), plus the ``--field role=column`` mapping and its defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from marsad.errors import ConfigError

FORMATS = ("auto", "text", "jsonl", "json", "csv", "html", "warc")

# For each role, the record fields tried in order when the user maps nothing. The published list ends
# with crawl-time fields, which are only a fallback (and are recorded as published_how="crawl").
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("content", "text", "body", "article", "article_text", "maintext"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "published": (
        "published", "date", "date_published", "datePublished", "pubDate", "published_at",
        "date_extracted", "crawled_at",
    ),
    "url": ("url", "link"),
    "source": ("source", "site", "outlet", "publisher"),
    "author": ("author", "byline"),
    "id": ("id",),
}
ROLES = tuple(DEFAULT_FIELDS)

# Field names that hold the time a page was fetched, not the time it was published.
CRAWL_TIME_FIELDS = frozenset(
    {"date_extracted", "crawled_at", "crawl_date", "date_crawled", "fetched_at", "retrieved_at"}
)  # compared in lower case

# Limits against hostile input (docs/formats.md, "Limits"): generous for real news data, small enough
# that no single input can exhaust memory or hold a run for long.
DEFAULT_MAX_PAGE_BYTES = 20_000_000  # a page file or one record (line, JSON record, CSV row, WARC payload)
DEFAULT_MAX_HTML_BYTES = 5_000_000  # HTML handed to trafilatura, which needs up to ~6 s per MB on bad markup
DEFAULT_MAX_MEMBER_BYTES = 5_000_000_000  # unpacked from one zip member, gzip file or WARC record
DEFAULT_MAX_UNPACKED_BYTES = 20_000_000_000  # unpacked from one zip/gzip file in all, nested archives included
DEFAULT_MAX_JSON_DEPTH = 100  # nesting of one JSON record; scrapers' records nest a few levels
LIMITS = ("max_page_bytes", "max_html_bytes", "max_member_bytes", "max_unpacked_bytes", "max_json_depth")


@dataclass
class ReadOptions:
    source: str | None = None  # --source: overrides every other source
    format: str = "auto"  # auto | text | jsonl | json | csv | html | warc
    fields: dict[str, str] | None = None  # role -> record field, e.g. {"text": "content"}
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    max_html_bytes: int = DEFAULT_MAX_HTML_BYTES
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH

    def with_limits(self, **limits: int | None) -> ReadOptions:
        """A copy with the given limits changed; a limit given as None keeps its default (how
        ``Archive.ingest`` and ``marsad ingest`` pass theirs)."""
        unknown = sorted(set(limits) - set(LIMITS))
        if unknown:
            raise ConfigError(f"unknown limit {unknown[0]!r}: use one of {', '.join(LIMITS)}")
        return dataclasses.replace(self, **{name: value for name, value in limits.items() if value is not None})

    def validate(self) -> None:
        if self.format not in FORMATS:
            raise ConfigError(f"unknown --format {self.format!r}: use one of {', '.join(FORMATS)}")
        for name in LIMITS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(f"{name} must be a positive whole number, not {value!r}")
        for role in self.fields or {}:
            if role not in ROLES:
                raise ConfigError(f"unknown field role {role!r} in --field: use one of {', '.join(ROLES)}")


MAX_REASON_CHARS = 300


@dataclass(frozen=True)
class Rejection:
    """One input (file, zip member, line, record) that could not become a document, and why. The
    reason is one line, whatever it quotes (column names and messages come from the input)."""

    origin: str
    record: str | None
    reason: str

    def __post_init__(self) -> None:
        reason = " ".join(self.reason.split())
        if len(reason) > MAX_REASON_CHARS:
            reason = reason[:MAX_REASON_CHARS - 1] + "…"
        object.__setattr__(self, "reason", reason)

    def __str__(self) -> str:
        where = f"{self.origin} ({self.record})" if self.record else self.origin
        return f"{where}: {self.reason}"


def parse_field_mapping(spec: str | list[str] | None) -> dict[str, str] | None:
    """``"text=content,title=headline"`` (or a list of such strings, one per --field) -> dict."""
    if not spec:
        return None
    parts = spec if isinstance(spec, list) else [spec]
    mapping: dict[str, str] = {}
    for part in parts:
        for pair in part.split(","):
            if not pair.strip():
                continue
            role, sep, name = pair.partition("=")
            role, name = role.strip(), name.strip()
            if not sep or not role or not name:
                raise ConfigError(f"bad --field {pair.strip()!r}: write role=column, e.g. text=content")
            if role not in ROLES:
                raise ConfigError(f"unknown field role {role!r} in --field: use one of {', '.join(ROLES)}")
            mapping[role] = name
    return mapping or None
