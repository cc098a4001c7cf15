"""Keep directional formatting characters in archived text from rearranging the page around it.

An article title or an outlet name may carry U+202E RIGHT-TO-LEFT OVERRIDE or an unclosed embedding;
printed as is, it reverses the characters after it, up to the end of the line: the date beside a
title, the next outlet's name. Every value a template prints passes :func:`contain` (the Jinja
environment's ``finalize``): overrides, which have no use in news text and are the spoofing tool,
become a visible ``[U+202E]``; embeddings and isolates, which mixed Arabic/Latin text does use, are
kept but closed at the end of the value, and a stray closer is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

OVERRIDES = ("\u202d", "\u202e")  # LRO, RLO
EMBEDDINGS = ("\u202a", "\u202b")  # LRE, RLE; closed by PDF
ISOLATES = ("\u2066", "\u2067", "\u2068")  # LRI, RLI, FSI; closed by PDI
PDF, PDI = "\u202c", "\u2069"
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def contain(text: str) -> str:
    if not _CONTROLS.search(text):
        return text
    out: list[str] = []
    open_: list[str] = []  # the closer each open scope needs, innermost last
    for ch in text:
        if ch in OVERRIDES:
            out.append(f"[U+{ord(ch):04X}]")
        elif ch in EMBEDDINGS or ch in ISOLATES:
            open_.append(PDF if ch in EMBEDDINGS else PDI)
            out.append(ch)
        elif ch in (PDF, PDI):
            if ch in open_:  # close it and whatever opened inside it, as the Unicode algorithm does
                while open_:
                    closer = open_.pop()
                    out.append(closer)
                    if closer == ch:
                        break
        else:
            out.append(ch)
    out.extend(reversed(open_))
    return "".join(out)


def finalize(value: Any) -> Any:
    """Jinja ``finalize``: contain every printed string; markup stays markup (only bidi controls and
    ASCII markers change, never HTML)."""
    if isinstance(value, Markup):
        return Markup(contain(str(value)))
    if isinstance(value, str):
        return contain(value)
    return value
