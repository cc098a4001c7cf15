"""Token features for the CRF tagger, cached per word type.

Feature building is the tagger's bottleneck in Python, so everything that depends on one word only
(its normalised form, affixes, clitic segmentation, shape, clusters, gazetteer and cue lists) is
computed once per word type and kept in a dict; a token's feature list is then its own cached list
plus the cached "as a neighbour" lists of the words around it. Feature groups can be switched off
(``groups``) for the ablation in docs/ner.md.

The costly part of a word's features, which no group setting changes (normalising, clitic
segmentation, cluster and list look-ups), is a ``WordAnalysis`` kept in its own cache,
``WordAnalyses``, that several extractors can share: the tagger's CRF and neural halves read the
same words with different groups, and analyse each word once between them.
"""

from __future__ import annotations

from typing import NamedTuple

from marsad.arabic import ner_triggers as cues
from marsad.arabic.clitics import Lexicon, segment_normalized
from marsad.arabic.normalize import normalize
from marsad.errors import ConfigError
from marsad.extract.ner.clusters import Clusters
from marsad.extract.ner.document import context_aggregates

# "document" is the second stage (marsad.extract.ner.document) and "neural" the BiLSTM-CRF whose
# label marginals are added to the first stage's scores (marsad.extract.ner.neural): not per-token
# feature groups
ALL_GROUPS = frozenset({"word", "affix", "clitic", "shape", "context", "cluster", "cue", "gazetteer", "corpus", "conj",
                        "autogaz", "memory", "document", "neural", "quote", "wide", "chars", "gentilic",
                        "nearaffix", "aggregate"})
# what the neural tagger reads of each word: its own CRF attributes, without the label gazetteer
# (built from the training labels, it would have to be jackknifed) and without neighbours
NEURAL_GROUPS = frozenset({"word", "affix", "clitic", "shape", "cluster", "cue", "corpus", "autogaz"})
# features of a token's place in its sentence, not of its word type (FeatureExtractor.sentence_extra)
SENTENCE_GROUPS = frozenset({"quote", "wide"})
# the shipped model's groups: "conj" (word-pair conjunctions), "memory", "aggregate" and the rest measured
# no gain worth their cost (docs/ner.md)
DEFAULT_GROUPS = ALL_GROUPS - {"conj", "memory", "quote", "wide", "chars", "gentilic", "nearaffix", "aggregate"}
OPEN_QUOTES = {"«": "»", "“": "”"}
SAME_QUOTES = {'"', "'", "''", "``"}
QUOTE_SPAN = 10  # at most this many tokens between two quotation marks taken as a pair
CUE_LISTS = (
    ("title", cues.PERSON_TITLES),
    ("office", cues.OFFICE_WORDS),
    ("org", cues.ORG_HEADS),
    ("place", cues.PLACE_CUES),
    ("speech", cues.SPEECH_CUES),
)
OFFSETS = (-2, -1, 1, 2)
CACHE_LIMIT = 200_000
AGGREGATE_SKIP = 400  # the corpus's most frequent words (function words) get no "aggregate" features


def _shape(word: str) -> str:
    ch = word[0]
    if ch.isdigit():
        return "digit"
    if not ch.isalnum():
        return "punct"
    if "a" <= ch.lower() <= "z":
        return "latin"
    return "arabic"


def _quote_pairs(tokens: list[str]) -> list[tuple[int, int]]:
    """(opening, closing) token positions of quotation-mark pairs at most QUOTE_SPAN tokens apart:
    «…» and “…” by their direction, straight marks (", ', a doubled ' ') paired in order."""
    pairs = []
    n = len(tokens)
    k = 0
    pending: dict[str, int] = {}
    while k < n:
        t = tokens[k]
        if t in OPEN_QUOTES:
            close = OPEN_QUOTES[t]
            end = next((j for j in range(k + 1, min(n, k + QUOTE_SPAN + 2)) if tokens[j] == close), None)
            if end is not None and end > k + 1:
                pairs.append((k, end))
        elif t in SAME_QUOTES:
            mark = "'" if t in ("'", "''") else '"'
            j = k
            while j + 1 < n and tokens[j + 1] == t:  # ' ' written as two tokens is one mark
                j += 1
            start = pending.pop(mark, None)
            if start is not None and 1 < k - start <= QUOTE_SPAN + 1:
                pairs.append((start, k))
            else:
                pending[mark] = j
            k = j
        k += 1
    return pairs


class WordAnalysis(NamedTuple):
    """One word type as the feature groups see it: the costly part of its features, which the
    groups and the gazetteers do not change."""

    norm: str  # normalised (the word itself when normalising leaves nothing)
    proclitics: str  # joined, e.g. "وب"
    stem: str  # normalised, clitics stripped
    enclitic: str
    cues: tuple[str, ...]  # names of the CUE_LISTS the word or its stem is on
    ids: tuple[str, ...] | None  # (64, 256, 1k) cluster ids of the word, else of its stem
    stem_ids: tuple[str, ...] | None  # the stem's own cluster ids, when it differs from the word
    corpus: tuple[str, ...]  # corpus buckets: after a title, a place cue, an org head


class WordAnalyses:
    """Word → ``WordAnalysis``, cached (emptied past CACHE_LIMIT words: an ingest meets millions).
    One instance can serve every extractor over the same clusters (``FeatureExtractor(analyses=)``)."""

    def __init__(self, clusters: Clusters):
        self.clusters = clusters
        self.lexicon = Lexicon(clusters.counts)
        self._known: dict[str, WordAnalysis] = {}

    def __len__(self) -> int:
        return len(self._known)

    def __call__(self, word: str) -> WordAnalysis:
        got = self._known.get(word)
        if got is None:
            if len(self._known) > CACHE_LIMIT:
                self._known.clear()
            got = self._known[word] = self._analyse(word)
        return got

    def _analyse(self, word: str) -> WordAnalysis:
        norm = normalize(word) or word
        parts, stem, enc, _, _ = segment_normalized(norm, self.lexicon)
        get, buckets = self.clusters.get, self.clusters.cues
        return WordAnalysis(
            norm, "".join(parts), stem, enc,
            tuple(name for name, words in CUE_LISTS if norm in words or stem in words),
            get(norm) or get(stem),
            get(stem) if stem != norm else None,
            buckets.get(norm) or buckets.get(stem) or (),
        )


class FeatureExtractor:
    def __init__(
        self,
        clusters: Clusters,
        gazetteer: dict[str, str] | None = None,
        groups: frozenset[str] = ALL_GROUPS,
        autogaz: dict[str, str] | None = None,
        keep: set[str] | None = None,
        memory: dict[str, str] | None = None,
        as_bytes: bool = False,
        *,
        analyses: WordAnalyses | None = None,
    ):
        """``analyses``: another extractor's, to analyse each word once between them (the same
        clusters needed: the analysis depends on them, the groups and lists do not)."""
        if analyses is None:
            analyses = WordAnalyses(clusters)
        elif analyses.clusters is not clusters:
            raise ConfigError("FeatureExtractor: the shared word analyses were made over other clusters; "
                              "pass the clusters they were made with (analyses.clusters)")
        self.clusters = clusters
        self.analyses = analyses
        self.lexicon = analyses.lexicon
        self.gazetteer = gazetteer or {}
        self.autogaz = autogaz or {}
        self.memory = memory or {}  # word → "LABEL:quarters … n:bucket" (training-label memory)
        # attributes the model gave a non-zero weight: the others cost time and change nothing
        self.keep = keep
        self.groups = groups
        # pycrfsuite copies bytes attributes as they are but UTF-8-encodes a str one on every call
        # (a third of the first CRF's time when tagging), so the tagger asks for bytes
        self.as_bytes = as_bytes
        self._marks = (b"BOS", b"EOS") if as_bytes else ("BOS", "EOS")
        # word → (own features, then its features as the neighbour at each of OFFSETS)
        self._types: dict[str, tuple[tuple, tuple, tuple, tuple, tuple]] = {}
        self._key: dict[str, tuple[str, str]] = {}  # word → (normalised form, cluster-or-cue class)
        self._stem: dict[str, str] = {}  # word → normalised stem (clitics stripped)
        self._frequent: frozenset[str] | None = None  # words the "aggregate" group skips

    def _type_features(self, word: str) -> tuple[list[str], list[str]]:
        """``_attributes`` of the word, whose key and stem are kept beside its cached features."""
        a = self.analyses(word)
        self._key[word] = (a.norm, a.cues[0] if a.cues else a.ids[1] if a.ids else "oov")
        self._stem[word] = a.stem
        return self._attributes(a)

    def own_attributes(self, word: str) -> list[str]:
        """The word's own features as ``str``, neither pruned to ``keep`` nor cached here: for a
        reader that caches what it makes of them per word type (the neural tagger)."""
        return self._attributes(self.analyses(word))[0]

    def _attributes(self, a: WordAnalysis) -> tuple[list[str], list[str]]:
        """(own features, short description used when the word is a neighbour): what this
        extractor's groups and lists make of an analysed word."""
        g = self.groups
        norm, stem, ids = a.norm, a.stem, a.ids
        own: list[str] = ["bias"]
        near: list[str] = []
        if "word" in g:
            own.append("w=" + norm)
            near.append("w=" + norm)
        if "affix" in g:
            own += ["p2=" + norm[:2], "p3=" + norm[:3], "s1=" + norm[-1:], "s2=" + norm[-2:], "s3=" + norm[-3:]]
        if "clitic" in g:
            own += ["st=" + stem, "pc=" + a.proclitics, "en=" + a.enclitic]
            if stem.startswith("ال"):
                own.append("al")
            near.append("st=" + stem)
        if "shape" in g:
            shape = _shape(norm)
            own += ["sh=" + shape, "len=%d" % min(len(norm), 8)]
            near.append("sh=" + shape)
        if "cluster" in g:
            if ids:
                own += ["c64=" + ids[0], "c256=" + ids[1], "c1k=" + ids[2]]
                near += ["c64=" + ids[0], "c256=" + ids[1]]
            else:
                own.append("c=oov")
                near.append("c=oov")
            if a.stem_ids:
                own.append("sc256=" + a.stem_ids[1])
        if "cue" in g:
            for name in a.cues:
                own.append("cue=" + name)
                near.append("cue=" + name)
        if "corpus" in g:  # how often the corpus puts this word after a title / place cue / org head
            for name, b in zip(("ti", "pl", "or"), a.corpus):
                if b != "0":
                    own.append(f"k{name}={b}")
                    near.append(f"k{name}={b}")
        if "gazetteer" in g:
            typ = self.gazetteer.get(stem) or self.gazetteer.get(norm)
            if typ:
                own.append("gz=" + typ)
                near.append("gz=" + typ)
        if "autogaz" in g:
            typ = self.autogaz.get(stem) or self.autogaz.get(norm)
            if typ:
                own.append("ag=" + typ)
                near.append("ag=" + typ)
        if "nearaffix" in g:  # a neighbour's first and last letter and its proclitics: verbs (ي…، ت…),
            # accusative nouns (…ا) and a conjunction after a name mark where the name ends
            near += ["a1=" + norm[:1], "z1=" + norm[-1:], "pc=" + a.proclitics]
        if "chars" in g and _shape(norm) == "arabic" and len(stem) > 3:
            # letter bigrams and trigrams inside the stem: transliterated foreign names have their
            # own letter patterns («سكي», «يتش», «غا») that neither prefixes nor suffixes see
            inner = stem[1:-1]
            grams = {inner[i:i + 2] for i in range(len(inner) - 1)} | {inner[i:i + 3] for i in range(len(inner) - 2)}
            own += ["ch=" + x for x in sorted(grams)]
        if "gentilic" in g:
            base = stem[2:] if stem.startswith("ال") else stem
            for end in ("ية", "يه", "ي"):
                if base.endswith(end) and len(base) - len(end) >= 3:
                    root = base[: -len(end)]
                    typ = next((self.gazetteer.get(r) or self.autogaz.get(r) for r in (root, root + "ا", "ال" + root)
                                if self.gazetteer.get(r) or self.autogaz.get(r)), None)
                    if typ == "LOC":
                        own.append("gent")
                        near.append("gent")
                    break
        if "memory" in g:
            mem = self.memory.get(stem) or self.memory.get(norm)
            lm = ["lm=" + f for f in mem.split()] if mem else ["lm=none"]
            own += lm
            near += lm
        return own, near

    def _lookup(self, word: str) -> tuple[tuple, tuple, tuple, tuple, tuple]:
        """The word type's cached features: its own, then as the neighbour at -2, -1, +1, +2."""
        got = self._types.get(word)
        if got is not None:
            return got
        if len(self._types) > CACHE_LIMIT:
            self._types.clear()
            self._key.clear()
            self._stem.clear()
        own, near = self._type_features(word)
        ctx = [[f"{o}{f}" for f in near] if "context" in self.groups else [] for o in OFFSETS]
        if self.keep is not None:
            keep = self.keep
            own = [f for f in own if f in keep]
            ctx = [[f for f in c if f in keep] for c in ctx]
        if self.as_bytes:
            own = [f.encode() for f in own]
            ctx = [[f.encode() for f in c] for c in ctx]
        # tuples of strings, unlike lists, drop out of the garbage collector's tracking: the cache
        # holds hundreds of thousands of them, which every full collection would walk
        got = self._types[word] = (tuple(own), *map(tuple, ctx))
        return got

    def stems(self, tokens: list[str]) -> list[str]:
        """The tokens' normalised, clitic-stripped stems (what document consistency compares)."""
        known = self._stem
        out = [known.get(t) for t in tokens]
        if None in out:  # some word not looked up yet (or the cache was just emptied)
            for i, t in enumerate(tokens):
                if out[i] is None:
                    self._lookup(t)
                    out[i] = self._stem[t]
        return out

    def sentence_extra(self, tokens: list[str]) -> list[list] | None:
        """Features of each token's place in the sentence (groups "quote" and "wide"), or None
        when neither group is on."""
        g = self.groups
        if not SENTENCE_GROUPS & g or not tokens:
            return None
        n = len(tokens)
        out: list[list] = [[] for _ in range(n)]
        if "quote" in g:
            for a, b in _quote_pairs(tokens):
                cue = normalize(tokens[a - 1]) if a > 0 else "BOS"
                if cue:
                    cue = segment_normalized(cue, self.lexicon)[1]
                for k in range(a + 1, b):
                    f = out[k]
                    f += ["q=in", "qc=" + cue, "ql=%d" % min(b - a - 1, 5)]
                    if k == a + 1:
                        f.append("q=first")
                    if k == b - 1:
                        f.append("q=last")
        if "wide" in g:
            keys = []
            for t in tokens:
                if t not in self._key:  # not looked up yet, or the cache was just emptied
                    self._lookup(t)
                keys.append(self._key[t][1])
            for k in range(n):
                out[k].append("-3k=" + (keys[k - 3] if k >= 3 else "BOS"))
                out[k].append("+3k=" + (keys[k + 3] if k + 3 < n else "EOS"))
        keep = self.keep
        if keep is not None:
            out = [[f for f in row if f in keep] for row in out]
        if self.as_bytes:
            out = [[f.encode() for f in row] for row in out]
        return out

    def document_extra(self, sentences: list[list[str]], window: int | None = None) -> list[list[list]] | None:
        """Per sentence, per token, the "aggregate" features of a document (``context_aggregates``:
        the cue classes of the words beside the other occurrences of the token's stem), or None
        when the group is off. ``window``: ±sentences of a CoNLL stream, None for an article."""
        if "aggregate" not in self.groups:
            return None
        if self._frequent is None:
            counts = self.clusters.counts
            self._frequent = frozenset(sorted(counts, key=lambda w: -counts[w])[:AGGREGATE_SKIP])
        rows = []
        for toks in sentences:
            classes = []
            for t in toks:
                if t not in self._key:  # not looked up yet, or the cache was just emptied
                    self._lookup(t)
                cls = self._key[t][1]
                classes.append("x" if cls[0].isdigit() else cls)  # a cue list, "oov", or any cluster
            stems = self.stems(toks)
            n = len(toks)
            rows.append([None if len(s) < 2 or not s[0].isalpha() or s in self._frequent
                         else (s, classes[k - 1] if k else "BOS", classes[k + 1] if k + 1 < n else "EOS")
                         for k, s in enumerate(stems)])
        out = context_aggregates(rows, window)
        if self.keep is not None:
            out = [[[f for f in fs if f in self.keep] for fs in sent] for sent in out]
        if self.as_bytes:
            out = [[[f.encode() for f in fs] for fs in sent] for sent in out]
        return out

    def looked(self, tokens: list[str]) -> list[tuple]:
        """Each token's cached feature tuple (own, then as the neighbour at -2, -1, +1, +2)."""
        known = self._types.get
        return [known(t) or self._lookup(t) for t in tokens]

    def sentence(self, tokens: list[str]) -> list[list]:
        """Feature lists for every token of one sentence: its own features, BOS/EOS, the "conj"
        pairs, then the neighbour features of the words at -2, -1, +1, +2 (the order is kept
        because crfsuite adds the weights in it)."""
        if not tokens:
            return []
        looked = self.looked(tokens)
        pad = [((), (), (), (), ())] * 2
        padded = pad + looked + pad
        out = [[*c[0], *a[1], *b[2], *d[3], *e[4]]
               for a, b, c, d, e in zip(padded, padded[1:], padded[2:], padded[3:], padded[4:])]
        n = len(tokens)
        bos, eos = self._marks
        ends = [len(looked[0][0]), len(looked[-1][0])]  # where the own features end
        out[0].insert(ends[0], bos)
        if n == 1:
            ends[1] += 1
        out[-1].insert(ends[1], eos)
        if "conj" in self.groups:  # word pairs and neighbour-class × word-class conjunctions
            for i in range(n):
                at = len(looked[i][0]) + (i == 0) + (i == n - 1)
                out[i][at:at] = self._conj(tokens, i)
        extra = self.sentence_extra(tokens)
        if extra:
            for row, e in zip(out, extra):
                row += e
        return out

    def _conj(self, tokens: list[str], i: int) -> list:
        k0 = self._key[tokens[i]]
        pairs = []
        if i > 0:
            kp = self._key[tokens[i - 1]]
            pairs += ["b-=" + kp[0] + "|" + k0[0], "k-=" + kp[1] + "|" + k0[1]]
        if i < len(tokens) - 1:
            kn = self._key[tokens[i + 1]]
            pairs += ["b+=" + k0[0] + "|" + kn[0], "k+=" + k0[1] + "|" + kn[1]]
        return [p.encode() for p in pairs] if self.as_bytes else pairs
