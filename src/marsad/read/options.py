"""What a reader is told (:class:`ReadOptions`) and what it reports when a record is refused
(:class:`Rejection`), plus the ``--field role=column`` mapping and its defaults."""

from __future__ import annotations

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

DEFAULT_MAX_PAGE_BYTES = 20_000_000


@dataclass
class ReadOptions:
    source: str | None = None  # --source: overrides every other source
    format: str = "auto"  # auto | text | jsonl | json | csv | html | warc
    fields: dict[str, str] | None = None  # role -> record field, e.g. {"text": "content"}
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES  # a single page/record larger than this is refused

    def validate(self) -> None:
        if self.format not in FORMATS:
            raise ConfigError(f"unknown --format {self.format!r}: use one of {', '.join(FORMATS)}")
        if self.max_page_bytes <= 0:
            raise ConfigError("max_page_bytes must be a positive number of bytes")
        for role in self.fields or {}:
            if role not in ROLES:
                raise ConfigError(f"unknown field role {role!r} in --field: use one of {', '.join(ROLES)}")


@dataclass(frozen=True)
class Rejection:
    """One input (file, zip member, line, record) that could not become a document, and why."""

    origin: str
    record: str | None
    reason: str

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
