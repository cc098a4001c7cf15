"""Find the text encoding of some bytes from the bytes themselves, never from a file extension.

Order: byte-order mark; NUL bytes (UTF-16 without a BOM, or binary); strict UTF-8; a charset the
page declares (``<meta charset>``, HTTP header); then the single-byte Arabic code pages that Arabic
sites still serve (windows-1256, ISO-8859-6), chosen with charset-normalizer and accepted only when
the decoded text is mostly Arabic letters (any byte string decodes as windows-1256, so without that
check every binary file would "succeed").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Single-byte code pages tried last, most common first (ties go to the first).
ARABIC_CODEPAGES = ("windows-1256", "iso-8859-6")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL_OK = set("\t\n\r\f\v")
_LETTER_RUN = re.compile(r"[^\W\d_]+")  # a run of letters: markup and punctuation split words
MIN_ARABIC_SHARE = 0.6  # share of Arabic letters among non-ASCII letters for a code-page guess


class NotText(Exception):
    """The bytes are not text in any encoding marsad accepts; ``args[0]`` is the reason."""


@dataclass(frozen=True)
class Detected:
    codec: str  # decodes the bytes that follow the BOM
    bom: int = 0  # length of the byte-order mark, 0 if none
    lenient: bool = False  # UTF-8 with a few broken bytes: decode them as U+FFFD

    @property
    def errors(self) -> str:
        return "replace" if self.lenient else "strict"

    @property
    def name(self) -> str:
        """The encoding that decodes the whole file, BOM included (what ``RawDocument.encoding`` says)."""
        if self.bom and self.codec == "utf-8":
            return "utf-8-sig"
        if self.bom:
            return "utf-16"
        return self.codec


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if Python knows it."""
    match = _META_CHARSET.search(head[:8192])
    return _known_codec(match.group(1).decode("ascii", "replace")) if match else None


def detect(sample: bytes, *, complete: bool = True, declared: str | None = None) -> Detected:
    """Detect the encoding of ``sample`` (the whole input, or its head when ``complete`` is False)."""
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return Detected(codec, len(bom))
    if b"\x00" in sample:
        return _utf16_without_bom(sample, complete)
    if _decodes(sample, "utf-8", complete):
        return Detected("utf-8")
    declared = _known_codec(declared) if declared else None
    if declared and declared != "utf-8" and _decodes(sample, declared, complete):
        return Detected(declared)
    if _mostly_utf8(sample):
        return Detected("utf-8", lenient=True)
    return _arabic_codepage(sample)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a whole page: ``(text, encoding name)``; raises :class:`NotText`."""
    found = detect(data, complete=True, declared=declared)
    text = data[found.bom:].decode(found.codec, errors=found.errors)
    if not looks_like_text(text):
        raise NotText(f"binary content (control characters after decoding as {found.name})")
    return text, found.name


def looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if (ch < " " and ch not in _CONTROL_OK) or "\x7f" <= ch < "\xa0")
    return controls <= max(2, len(text) // 200)


def arabic_share(text: str, if_none: float = 1.0) -> float:
    """Share of Arabic letters among the non-ASCII letters of ``text`` (``if_none`` when there are none)."""
    letters = [ch for ch in text if ch > "\x7f" and ch.isalpha()]
    if not letters:
        return if_none
    return sum(1 for ch in letters if _is_arabic(ch)) / len(letters)


def _mixed_words(text: str) -> bool:
    """True when many words mix Arabic and other letters, as a wrong code page produces
    (Latin-1 «français» read as ISO-8859-6 is «franهais»); real Arabic words never do."""
    arabic_words = mixed = 0
    for word in _LETTER_RUN.findall(text):
        if any(_is_arabic(ch) for ch in word):
            arabic_words += 1
            mixed += not all(_is_arabic(ch) for ch in word)
    return mixed * 10 > arabic_words


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def _known_codec(name: str | None) -> str | None:
    try:
        codec = codecs.lookup(name or "").name
    except LookupError:
        return None
    return {"cp1256": "windows-1256", "iso8859-6": "iso-8859-6"}.get(codec, codec)


def _decodes(sample: bytes, codec: str, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder(codec)().decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a handful of broken bytes (a bad scrape, a cut record), not a single-byte code page:
    in windows-1256 Arabic almost every byte above 0x7F is invalid UTF-8."""
    text = sample.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ch > "\x7f") - broken
    return broken <= max(2, len(sample) // 1000) and multibyte >= 20 * broken


def _utf16_without_bom(sample: bytes, complete: bool) -> Detected:
    # Text with NUL bytes is UTF-16 (ASCII characters give one NUL each) or it is binary.
    even = sample if complete else sample[: len(sample) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text) and arabic_share(text) >= MIN_ARABIC_SHARE:
            return Detected(codec)
    raise NotText("binary content (NUL bytes)")


def _arabic_codepage(sample: bytes) -> Detected:
    # Both code pages decode most Arabic bytes to *some* Arabic letter, so take the one whose text is
    # the most Arabic (a wrong guess turns frequent letters such as و and ي into è and ê).
    best, best_share = None, 0.0
    for codec in _ranked_codepages(sample):
        if not _decodes(sample, codec, True):
            continue
        text = sample.decode(codec)
        share = arabic_share(text, if_none=0.0) if looks_like_text(text) and not _mixed_words(text) else 0.0
        if share > best_share:
            best, best_share = codec, share
    if best is None or best_share < MIN_ARABIC_SHARE:
        raise NotText("not UTF-8, and not Arabic text in windows-1256 or ISO-8859-6 (binary, or another encoding)")
    return Detected(best)


def _ranked_codepages(sample: bytes) -> list[str]:
    """The Arabic code pages, charset-normalizer's choice first."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:65536], cp_isolation=["cp1256", "iso8859_6"]).best()
    first = _known_codec(best.encoding) if best is not None else None
    return sorted(ARABIC_CODEPAGES, key=lambda codec: codec != first)
