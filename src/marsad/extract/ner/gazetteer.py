"""Name lists built from the training labels (ANERcorp, CC BY-SA 4.0).

Origin: every word form (clitics stripped, normalised) that the training file labels as part of a
PER/LOC/ORG/MISC entity in most of its occurrences. Shipped as ``data/gazetteer.tsv``.

A list built from the training labels fires on every training entity, which teaches the CRF to trust
it blindly; so while training, each block of sentences sees a list built from the *other* blocks
(jackknife), and only the shipped list is built from the whole training file.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from marsad.arabic.clitics import Lexicon, segment_normalized
from marsad.arabic.normalize import normalize
from marsad.extract.ner.conll import Sentence

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.tsv"
MIN_COUNT = 2
MIN_SHARE = 0.5


def build_gazetteer(sentences: list[Sentence], lexicon: Lexicon) -> dict[str, str]:
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for s in sentences:
        for tok, tag in zip(s.tokens, s.tags):
            stem = segment_normalized(normalize(tok) or tok, lexicon)[1]
            total[stem] += 1
            if tag != "O":
                typed[stem][tag[2:]] += 1
    gaz: dict[str, str] = {}
    for stem, types in typed.items():
        typ, n = types.most_common(1)[0]
        if n >= MIN_COUNT and n / total[stem] >= MIN_SHARE and len(stem) > 1:
            gaz[stem] = typ
    return gaz


def drop_fragments(gaz: dict[str, str], lexicon: Lexicon) -> dict[str, str]:
    """Without the forms that are a listed name minus a one-letter proclitic and rarer in the corpus
    than it («شار» beside «بشار», not «روسيا» beside «لروسيا»): they come from the tagger's own
    mis-segmentations and would make the entity stage strip «ب» from «بشار»
    (``marsad.extract.entities.known_names``)."""
    def fragment(w: str) -> bool:
        return any(c + w in gaz and lexicon.count(c + w) > lexicon.count(w) for c in "وفبلكس")

    return {w: t for w, t in gaz.items() if not fragment(w)}


def build_memory(sentences: list[Sentence], lexicon: Lexicon, min_count: int = 2) -> dict[str, str]:
    """Training-label memory: for each word form seen ``min_count`` times, the share of its
    occurrences under each label (O, B-PER, I-PER, …) in quarters, plus a frequency bucket. Unlike
    the gazetteer it also says "mostly O" and "ambiguous", and keeps B/I apart."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for tok, tag in zip(s.tokens, s.tags):
            labels[segment_normalized(normalize(tok) or tok, lexicon)[1]][tag] += 1
    memory = {}
    for stem, c in labels.items():
        n = sum(c.values())
        if n < min_count or len(stem) < 2:
            continue
        feats = [f"{tag}:{round(4 * k / n)}" for tag, k in c.items() if round(4 * k / n) > 0]
        feats.append("n:" + ("2" if n < 5 else "5" if n < 20 else "20"))
        memory[stem] = " ".join(sorted(feats))
    return memory


def jackknife(sentences: list[Sentence], lexicon: Lexicon, folds: int = 5,
              build=build_gazetteer) -> list[tuple[range, dict[str, str]]]:
    """For each contiguous block of sentences, the list ``build`` makes from all other blocks."""
    n = len(sentences)
    bounds = [round(n * k / folds) for k in range(folds + 1)]
    out = []
    for k in range(folds):
        block = range(bounds[k], bounds[k + 1])
        rest = sentences[: block.start] + sentences[block.stop :]
        out.append((block, build(rest, lexicon)))
    return out


def save_gazetteer(gaz: dict[str, str], path: Path = GAZETTEER_PATH) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# word\ttype (see README.md in this folder for how this list was built)\n")
        for w in sorted(gaz):
            fh.write(f"{w}\t{gaz[w]}\n")


def load_gazetteer(path: Path = GAZETTEER_PATH) -> dict[str, str]:
    gaz: dict[str, str] = {}
    if not Path(path).exists():
        return gaz
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            w, typ = line.rstrip("\n").split("\t")
            gaz[w] = typ
    return gaz


def build_corpus_gazetteer(tagger, texts, *, min_count: int = 3, min_share: float = 0.6) -> dict[str, str]:
    """Self-training list: tag unlabelled news with a first model and keep the word forms it tags
    as one type in most of their occurrences. It reaches names the training file never saw (the
    corpus is ~70 times larger) and, unlike the clusters, carries the entity type."""
    from marsad.arabic.tokenize import sentences, tokenize
    from marsad.extract.ner.conll import chunks

    lex = tagger.features.lexicon
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for text in texts:
        for a, b in sentences(text):
            toks = [t.text for t in tokenize(text[a:b])]
            if not toks:
                continue
            stems = [segment_normalized(normalize(t) or t, lex)[1] for t in toks]
            total.update(stems)
            for i, j, typ in chunks(tagger.tag(toks)):
                for k in range(i, j):
                    typed[stems[k]][typ] += 1
    gaz = {}
    for stem, types in typed.items():
        typ, n = types.most_common(1)[0]
        if n >= min_count and n / total[stem] >= min_share and len(stem) > 1:
            gaz[stem] = typ
    return drop_fragments(gaz, lex)
