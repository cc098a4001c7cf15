"""Quotes attributed after their content.

- Backward attribution: «…، بحسب ما ذكر الموقع», «… وفق ما أفادت الوكالة», «… نقلا عن مصدر» — the
  clause before the marker is a reported quote of whoever follows it.
- A long quoted stretch followed by its cue: «“…”، قال الوزير».
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marsad.arabic.cue_verbs import lookup
from marsad.arabic.normalize import normalize
from marsad.document import Quote
from marsad.extract.quotes_speaker import COMPLEMENTISERS

if TYPE_CHECKING:  # pragma: no cover
    from marsad.extract.quotes import QuoteFinder

MARKERS = frozenset(normalize(w) for w in "بحسب حسب وفق وفقا طبقا نقلا ونقلا".split())
WHAT = frozenset(normalize(w) for w in "ما لما عن ل".split())
# Sentence openings in the author's voice that are not part of the attributed clause.
IMPERSONAL = frozenset(normalize(w) for w in "وتجدر تجدر ويذكر يذكر يشار ويشار".split())


def backward_quotes(finder: "QuoteFinder") -> list[Quote]:
    out = []
    v = finder.view
    for j, n in enumerate(v.norms):
        if n in MARKERS and j > 0 and v.norms[j - 1] in ("،", ","):
            q = _attributed_clause(finder, j)
            if q is not None:
                out.append(q)
    out.extend(_quote_then_cue(finder))
    return out


def _attributed_clause(finder: "QuoteFinder", j: int) -> Quote | None:
    v = finder.view
    k = j + 1
    if k < len(v.toks) and v.norms[k] in WHAT:
        k += 1
    cue_tok = k if k < len(v.toks) and lookup(v.norms[k]) is not None else None
    if cue_tok is not None:
        k += 1
    phrase = finder.names.parse(k, strict=False)
    if phrase.end <= phrase.start:
        return None
    after = phrase.end + (1 if phrase.end < len(v.toks) and v.norms[phrase.end] in ("،", ",") else 0)
    if after < len(v.toks) and v.norms[after] in COMPLEMENTISERS:
        return None  # «ذكرت الوزارة، حسب الموقع، أن …»: the marker sits inside a forward attribution
    end_char = v.starts[j - 1]
    start = _clause_start(finder, j)
    if start is not None and lookup(v.norms[v.tok_at(start)]) is not None:
        return None
    if start is None or end_char - start < 10:
        return None
    if any(q.content_start < end_char and start < q.content_end for q in finder.quotes):
        return None
    speaker = finder.resolver.resolve(phrase)
    cue_i = cue_tok if cue_tok is not None else j
    cue_text = v.texts[cue_i]
    a, b = start, end_char
    while b > a and v.text[b - 1] in " ،,\"”»":
        b -= 1
    return Quote(
        content_start=a, content_end=b, kind="reported", speaker=speaker,
        speaker_start=v.starts[phrase.start], speaker_end=v.ends[phrase.end - 1],
        cue=cue_text, cue_start=v.starts[cue_i], cue_end=v.ends[cue_i],
        stance=(lookup(v.norms[cue_i]).stance if cue_tok is not None else "neutral"),
    )


def _clause_start(finder: "QuoteFinder", j: int) -> int | None:
    """Start of the sentence holding token j, after an impersonal opening («وتجدر الإشارة إلى أن»)."""
    v = finder.view
    i = j - 1
    while i > 0 and v.same_para(i - 1, j) and not v.sentence_end(i - 1):
        i -= 1
    if v.norms[i] in IMPERSONAL:
        for k in range(i, min(j, i + 6)):
            if v.norms[k] in ("ان", "أن"):
                return v.starts[k + 1]
    # a conjunction attached to the first word stays out of the content
    tok = v.toks[i]
    return tok.start + 1 if v.norms[i][:1] == "و" and len(v.norms[i]) > 3 and lookup(v.norms[i]) is None \
        and v.norms[i][1:3] in ("اج", "ال") else tok.start


def _quote_then_cue(finder: "QuoteFinder") -> list[Quote]:
    """«“…”، قال الوزير»: a long quoted stretch whose cue follows it."""
    v = finder.view
    out = []
    for mark in v.marks:
        if not mark.closed or v.words_between(mark.open_char, mark.close_char) < 6:
            continue
        if any(q.content_start <= mark.open_char + 1 < q.content_end or
               mark.open_char <= q.content_start < mark.close_char for q in finder.quotes):
            continue
        k = v.tok_at(mark.close_char + 1)
        while k < len(v.toks) and v.norms[k] in ("،", ","):
            k += 1
        if k >= len(v.toks) or not v.same_para(k, v.tok_at(mark.open_char)):
            continue
        cue = lookup(v.norms[k])
        if cue is None or cue.form not in ("past", "present"):
            continue
        phrase = finder.names.parse(k + 1, strict=False)
        speaker = finder.resolver.resolve(phrase) if phrase.end > phrase.start else finder.resolver.last
        out.append(Quote(
            content_start=mark.open_char + 1, content_end=mark.close_char, kind="direct", speaker=speaker,
            speaker_inferred=phrase.end <= phrase.start, cue=v.texts[k], cue_start=v.starts[k],
            cue_end=v.ends[k], stance=cue.stance,
        ))
    return out
