"""Pages: one article per file (plain text or HTML), and what every reader adds from the file's place.

HTML goes through trafilatura: the main text (comments excluded) becomes ``RawDocument.text`` with
paragraphs separated by blank lines, the decoded page stays in ``RawDocument.html``, and the page's
title, date and author fill what the input did not give.
"""

from __future__ import annotations

from collections.abc import Iterator

from marsad.document import PUBLISHED_HTML, PUBLISHED_MANIFEST, RawDocument
from marsad.read.encoding import NotText, declared_charset, decode
from marsad.read.inputs import Input
from marsad.read.limits import utf8_size
from marsad.read.options import ReadOptions, Rejection
from marsad.read.provenance import iso_published, pick_source

_MANIFEST_ROLES = ("source", "url", "title", "author", "published")
MIN_BODY_WORDS = 5  # fewer words extracted from a page means trafilatura found no article body


def read_page(inp: Input, fmt: str, options: ReadOptions) -> Iterator[RawDocument | Rejection]:
    """A text or HTML file holding one article."""
    data = read_limited(inp, options.max_page_bytes)
    if isinstance(data, Rejection):
        yield data
        return
    if not data.strip():
        yield Rejection(inp.origin, None, "empty file")
        return
    try:
        text, encoding = decode(data, declared=declared_charset(data) if fmt == "html" else None)
    except NotText as exc:
        yield Rejection(inp.origin, None, exc.args[0])
        return
    text = text.lstrip("\ufeff")
    if not text.strip():
        yield Rejection(inp.origin, None, "empty file (only white space)")
        return
    doc = RawDocument(origin=inp.origin, raw=data, encoding=encoding, format=fmt, file_name=inp.name)
    apply_manifest(doc, inp)
    if fmt == "html":
        result = html_document(doc, text, options)
    else:
        doc.text = text
        result = doc
    if isinstance(result, RawDocument):
        set_source(result, inp, options)
    yield result


def read_limited(inp: Input, limit: int) -> bytes | Rejection:
    """The whole input, or a rejection when it is larger than ``limit`` (never read past the limit)."""
    if inp.size is not None and inp.size > limit:
        return too_large(inp.origin, None, inp.size, limit)
    with inp.opener() as stream:
        # read(n) allocates n bytes up front, so ask for what the file should hold, then check
        data = stream.read(min(limit, inp.size if inp.size is not None else limit) + 1)
        if inp.size is not None and len(data) > inp.size and len(data) <= limit:
            data += stream.read(limit + 1 - len(data))  # the file grew, or its size lied
    if len(data) > limit:
        return too_large(inp.origin, None, None, limit)
    return data


def too_large(origin: str, where: str | None, size: int | None, limit: int) -> Rejection:
    what = f"{size:,} bytes" if size is not None else "more than that"
    return Rejection(origin, where, f"page too large: {what}, the limit is {limit:,} bytes (max_page_bytes)")


def html_document(doc: RawDocument, html: str, options: ReadOptions) -> RawDocument | Rejection:
    """Fill ``doc`` from an HTML page through trafilatura; a page with no main text, or too large to
    hand to trafilatura, is a rejection."""
    size = utf8_size(html)
    if size > options.max_html_bytes:
        return Rejection(doc.origin, doc.record, f"HTML too large to extract: {size:,} bytes, the limit is "
                                                 f"{options.max_html_bytes:,} bytes (max_html_bytes)")
    extracted = extract_html(html, doc.url)
    if extracted is None:
        return Rejection(doc.origin, doc.record, "HTML with no extractable main text")
    text, metadata = extracted
    doc.html, doc.text = html, text
    doc.title = doc.title or metadata.get("title")
    doc.author = doc.author or metadata.get("author")
    doc.url = doc.url or metadata.get("url")
    published = iso_published(metadata.get("date"))
    if published and (not doc.published or doc.published_how == "warc-date"):
        doc.published, doc.published_how = published, PUBLISHED_HTML
    for key in ("sitename", "hostname", "description", "language"):
        if metadata.get(key):
            doc.meta.setdefault(f"html_{key}", metadata[key])
    return doc


def extract_html(html: str, url: str | None) -> tuple[str, dict] | None:
    """``(main text with blank lines between paragraphs, metadata)`` or None when there is no body."""
    import trafilatura

    _quiet_trafilatura()
    try:
        result = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    except Exception:  # trafilatura and lxml raise many kinds of errors on malformed markup
        return None
    if result is None:
        return None
    metadata = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    paragraphs = [line.strip() for line in (metadata.get("text") or "").splitlines() if line.strip()]
    if sum(len(p.split()) for p in paragraphs) < MIN_BODY_WORDS:
        return None  # a stray menu link or caption is not an article
    return "\n\n".join(paragraphs), metadata


def _quiet_trafilatura() -> None:
    # trafilatura logs every page it cannot parse at ERROR level; marsad reports those pages as
    # rejections itself. Leave the level alone if the application has set one.
    import logging

    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.CRITICAL)


def apply_manifest(doc: RawDocument, inp: Input) -> None:
    """Fill what the document lacks from the file's manifest entry (its extra keys go to ``meta``)."""
    entry = inp.manifest
    for role in ("url", "title", "author"):
        if not getattr(doc, role) and entry.get(role):
            setattr(doc, role, str(entry[role]).strip())
    if not doc.published and entry.get("published"):
        doc.published = iso_published(entry["published"])
        doc.published_how = PUBLISHED_MANIFEST if doc.published else None
    for key, value in entry.items():
        if key not in _MANIFEST_ROLES:
            doc.meta.setdefault(key, value)


def set_source(doc: RawDocument, inp: Input, options: ReadOptions, field_source: str | None = None) -> None:
    doc.source, doc.source_how = pick_source(
        option=options.source, field=field_source, manifest=inp.manifest.get("source"),
        url=doc.url, folder=inp.folder,
    )
