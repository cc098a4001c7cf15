"""One structured record (a JSON object, a CSV row) -> a :class:`RawDocument`, through the field mapping.

Each role (text, title, published, url, source, author, id, html) takes the field the user mapped, or
the first present of its defaults (``options.DEFAULT_FIELDS``). Fields no role took stay in ``meta``;
the record's own id goes to ``meta["record_id"]``.
"""

from __future__ import annotations

import json

from marsad.document import PUBLISHED_CRAWL, PUBLISHED_GIVEN, RawDocument
from marsad.read.encoding import without_lone_surrogates
from marsad.read.inputs import Input
from marsad.read.options import CRAWL_TIME_FIELDS, DEFAULT_FIELDS, ReadOptions, Rejection
from marsad.read.pages import apply_manifest, html_document, set_source
from marsad.read.provenance import iso_published


def role_fields(options: ReadOptions) -> dict[str, tuple[str, ...]]:
    """For each role, the field names to try: the mapped one alone, or the defaults."""
    mapped = options.fields or {}
    return {role: (mapped[role],) if role in mapped else names for role, names in DEFAULT_FIELDS.items()}


def record_document(record: dict, *, inp: Input, where: str, **context) -> RawDocument | Rejection:
    """The document for one record; an unexpected failure on it rejects this record, not the file."""
    try:
        if context["fmt"] in ("json", "jsonl"):
            record = without_lone_surrogates(record)
        return _record_document(record, inp=inp, where=where, **context)
    except Exception as exc:
        message = " ".join(str(exc).split())[:200]
        return Rejection(inp.origin, where, f"unreadable record: {type(exc).__name__}: {message}")


def _record_document(
    record: dict, *, inp: Input, where: str, raw: bytes, encoding: str | None, fmt: str,
    options: ReadOptions, roles: dict[str, tuple[str, ...]],
) -> RawDocument | Rejection:
    keys = _keys_by_lower_name(record)
    taken: dict[str, tuple[str, object]] = {}
    for role, names in roles.items():
        for name in names:
            key = name if name in record else keys.get(name.lower())
            if key is not None and _present(record[key]):
                taken[role] = (key, record[key])
                break
    text = _as_text(taken["text"][1], joiner="\n\n") if "text" in taken else None
    html = _as_text(taken["html"][1]) if "html" in taken and not text else None
    if not text and not html:
        return Rejection(inp.origin, where, _missing_text_reason(record, roles))
    doc = RawDocument(origin=inp.origin, record=where, text=text, raw=raw, encoding=encoding, format=fmt,
                      file_name=inp.name)
    used = {name for name, _ in taken.values()} | {keys.get(n.lower()) for n in roles["text"] + roles["html"]}
    doc.meta = {key: value for key, value in record.items() if key not in used}
    if "id" in taken:
        doc.meta["record_id"] = str(taken["id"][1])
    _fill_fields(doc, taken)
    apply_manifest(doc, inp)
    result = html_document(doc, html, options) if html else doc
    if isinstance(result, RawDocument):
        set_source(result, inp, options, field_source=_as_text(taken["source"][1]) if "source" in taken else None)
    return result


def _keys_by_lower_name(record: dict) -> dict[str, str]:
    """Field names are matched without regard to case (``Title``, ``URL``, ``Content``)."""
    return {key.lower(): key for key in record if isinstance(key, str)}


def _fill_fields(doc: RawDocument, taken: dict[str, tuple[str, object]]) -> None:
    for role in ("title", "url", "author"):
        if role in taken:
            setattr(doc, role, _as_text(taken[role][1]))
    if "published" in taken:
        name, value = taken["published"]
        doc.published = iso_published(value)
        if doc.published:
            doc.published_how = PUBLISHED_CRAWL if name.lower() in CRAWL_TIME_FIELDS else PUBLISHED_GIVEN
        else:
            doc.meta["published_unparsed"] = value


def _missing_text_reason(record: dict, roles: dict[str, tuple[str, ...]]) -> str:
    keys = _keys_by_lower_name(record)
    present = [name for name in roles["text"] if name.lower() in keys]
    if present:
        return "empty text"
    return f"no text field (looked for {', '.join(roles['text'])})"


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return value != [] and value != {}


def _as_text(value: object, joiner: str = ", ") -> str | None:
    """A field value as a string: lists of strings (authors, paragraphs) are joined."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return joiner.join(v.strip() for v in value if v.strip()) or None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
