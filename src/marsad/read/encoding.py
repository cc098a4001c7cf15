"""Find the text encoding of some bytes from the bytes themselves, never from a file extension.

Order: byte-order mark; NUL bytes (UTF-16 without a BOM, or binary); strict UTF-8; UTF-8 with a few
broken bytes; then the single-byte Arabic code pages that Arabic sites still serve (windows-1256,
ISO-8859-6), ranked by the charset the page declares (``<meta charset>``, HTTP header) or else by
charset-normalizer, and accepted only when the decoded text is mostly Arabic letters (any byte string
decodes as windows-1256, so without that check every binary file would "succeed"); last, a declared
non-Arabic charset.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Single-byte code pages tried last, most common first (ties go to the first).
ARABIC_CODEPAGES = ("windows-1256", "iso-8859-6")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# No \s*["']?\s*: a run of spaces after «charset=» would be split between the two \s* every way.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls, not tab/newlines/form feed
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
            return _after_bom(sample, bom, codec, complete)
    if b"\x00" in sample:
        return _utf16_without_bom(sample, complete)
    if _decodes(sample, "utf-8", complete):
        return Detected("utf-8")
    if _mostly_utf8(sample):
        return Detected("utf-8", lenient=True)
    declared = _known_codec(declared) if declared else None
    try:
        return _arabic_codepage(sample, preferred=declared)
    except NotText:
        # A declared non-Arabic charset (a French page in ISO-8859-1) is believed only now: Arabic
        # sites often declare latin-1 for windows-1256 pages, and latin-1 decodes any bytes.
        if declared and declared not in ARABIC_CODEPAGES and _decodes(sample, declared, complete):
            return Detected(declared)
        raise


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a whole page: ``(text, encoding name)``; raises :class:`NotText`."""
    found = detect(data, complete=True, declared=declared)
    text = data[found.bom:].decode(found.codec, errors=found.errors)
    if not looks_like_text(text):
        raise NotText(f"binary content (control characters after decoding as {found.name})")
    return text, found.name


def looks_like_text(text: str) -> bool:
    """Few control characters (a stray form feed or SUB is tolerated; binary has many)."""
    return len(_CONTROL_CHARS.findall(text)) <= max(2, len(text) // 200)


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


def _after_bom(sample: bytes, bom: bytes, codec: str, complete: bool) -> Detected:
    """A byte-order mark names the encoding, but the bytes after it may still be broken: a few
    broken bytes among much text are decoded as U+FFFD; more, and it is not text."""
    rest = sample[len(bom):]
    if _decodes(rest, codec, complete):
        return Detected(codec, len(bom))
    text = rest.decode(codec, errors="replace")
    broken = text.count("\ufffd")
    if broken <= max(2, len(rest) // 1000) and len(text) - broken >= 20 * broken:
        return Detected(codec, len(bom), lenient=True)
    raise NotText(f"a byte-order mark for {codec}, then bytes that are not {codec}")


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


def _arabic_codepage(sample: bytes, preferred: str | None = None) -> Detected:
    # Both code pages decode most Arabic bytes to *some* Arabic letter, so prefer the decoding that
    # is mostly Arabic, then the one with the most definite articles «ال» (a wrong code page turns
    # it into «اف» or «ان»), then the one with the larger Arabic share.
    best, best_key = None, None
    for codec in _ranked_codepages(sample, preferred):
        if not _decodes(sample, codec, True):
            continue
        text = sample.decode(codec)
        share = arabic_share(text, if_none=0.0) if looks_like_text(text) and not _mixed_words(text) else 0.0
        key = (share >= MIN_ARABIC_SHARE, text.count("\u0627\u0644"), share)
        if best_key is None or key > best_key:
            best, best_key = codec, key
    if best is None or not best_key[0]:
        raise NotText("not UTF-8, and not Arabic text in windows-1256 or ISO-8859-6 (binary, or another encoding)")
    return Detected(best)


def _ranked_codepages(sample: bytes, preferred: str | None) -> list[str]:
    """The Arabic code pages, the declared one first (it wins ties), else charset-normalizer's choice."""
    if preferred not in ARABIC_CODEPAGES:
        from charset_normalizer import from_bytes

        best = from_bytes(sample[:65536], cp_isolation=["cp1256", "iso8859_6"]).best()
        preferred = _known_codec(best.encoding) if best is not None else None
    return sorted(ARABIC_CODEPAGES, key=lambda codec: codec != preferred)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value):
    """``value`` with U+FFFD for each lone surrogate: a JSON escape such as ``"\\ud800"`` decodes to one,
    and no UTF-8 store (SQLite, the search index) accepts it. Depth is bounded by max_json_depth."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item) for key, item in value.items()}
    return value
