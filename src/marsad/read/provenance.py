"""Where a document's outlet and publication date come from.

Source precedence (highest first), recorded in ``RawDocument.source_how``:
``option`` (--source) > ``field`` (a record field) > ``manifest`` (meta.jsonl/meta.csv) >
``url-domain`` (the host of the URL) > ``folder`` (the parent folder's name).
"""

from __future__ import annotations

import email.utils
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

# Host prefixes that name a variant of the same site, not a different outlet.
_HOST_PREFIXES = ("www.", "www2.", "m.", "mobile.", "amp.")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DATE_FORMATS = (
    "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d",
)


def url_domain(url: str | None) -> str | None:
    """The outlet key a URL implies: its lower-case host without port and without ``www.``/``m.``/``amp.``.

    The rest of the host is kept (``ar.rt.com`` stays ``ar.rt.com``, ``www.sana.sy`` becomes ``sana.sy``):
    cutting the TLD would need a public-suffix list and would merge outlets such as ``alquds.co.uk`` and
    ``alquds.com``; the sources registry maps domains to outlet names.
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    return host


def pick_source(
    *, option: str | None = None, field: str | None = None, manifest: str | None = None,
    url: str | None = None, folder: str | None = None,
) -> tuple[str | None, str | None]:
    """``(source, source_how)`` by the precedence in the module docstring."""
    for value, how in ((option, "option"), (field, "field"), (manifest, "manifest")):
        if value and str(value).strip():
            return str(value).strip(), how
    domain = url_domain(url)
    if domain:
        return domain, "url-domain"
    if folder and folder.strip():
        return folder.strip(), "folder"
    return None, None


def iso_published(value) -> str | None:
    """An ISO 8601 date (``2015-07-21``) or datetime (``2015-07-21T02:51:32``), or None if unparseable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_timestamp(value)
    text = str(value).strip().translate(_DIGITS)
    if not text:
        return None
    return _from_iso(text) or _from_rfc2822(text) or _from_formats(text)


def _from_iso(text: str) -> str | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _from_rfc2822(text: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _from_formats(text: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.date().isoformat() if "%H" not in fmt else parsed.isoformat()
    return None


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
    except (OverflowError, OSError, ValueError):
        return None
