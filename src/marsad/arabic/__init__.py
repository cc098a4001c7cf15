"""Arabic language knowledge shared by every stage: normalisation (with offsets back into the
original), tokenisation, and data files (chrome rules, wire agencies, months, cue verbs, titles,
framing terms), each saying where it came from."""

from marsad.arabic.normalize import normalize, normalize_with_offsets, original_span

__all__ = ["normalize", "normalize_with_offsets", "original_span"]
