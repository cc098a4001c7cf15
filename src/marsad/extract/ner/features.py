"""Token features for the CRF tagger, cached per word type.

Feature building is the tagger's bottleneck in Python, so everything that depends on one word only
(its normalised form, affixes, clitic segmentation, shape, clusters, gazetteer and cue lists) is
computed once per word type and kept in a dict; a token's feature list is then its own cached list
plus the cached "as a neighbour" lists of the words around it. Feature groups can be switched off
(``groups``) for the ablation in docs/ner.md.
"""

from __future__ import annotations

from marsad.arabic import ner_triggers as cues
from marsad.arabic.clitics import Lexicon, segment_normalized
from marsad.arabic.normalize import normalize
from marsad.extract.ner.clusters import Clusters

# "document" is the second stage (marsad.extract.ner.document), not a per-token feature group
ALL_GROUPS = frozenset({"word", "affix", "clitic", "shape", "context", "cluster", "cue", "gazetteer", "corpus", "conj",
                        "autogaz", "memory", "document"})
# the shipped model's groups: "conj" (word-pair conjunctions) and "memory" measured no gain (docs/ner.md)
DEFAULT_GROUPS = ALL_GROUPS - {"conj", "memory"}
CUE_LISTS = (
    ("title", cues.PERSON_TITLES),
    ("office", cues.OFFICE_WORDS),
    ("org", cues.ORG_HEADS),
    ("place", cues.PLACE_CUES),
    ("speech", cues.SPEECH_CUES),
)
OFFSETS = (-2, -1, 1, 2)
CACHE_LIMIT = 200_000


def _shape(word: str) -> str:
    ch = word[0]
    if ch.isdigit():
        return "digit"
    if not ch.isalnum():
        return "punct"
    if "a" <= ch.lower() <= "z":
        return "latin"
    return "arabic"


class FeatureExtractor:
    def __init__(
        self,
        clusters: Clusters,
        gazetteer: dict[str, str] | None = None,
        groups: frozenset[str] = ALL_GROUPS,
        autogaz: dict[str, str] | None = None,
        keep: set[str] | None = None,
        memory: dict[str, str] | None = None,
    ):
        self.clusters = clusters
        self.lexicon = Lexicon(clusters.counts)
        self.gazetteer = gazetteer or {}
        self.autogaz = autogaz or {}
        self.memory = memory or {}  # word → "LABEL:quarters … n:bucket" (training-label memory)
        # attributes the model gave a non-zero weight: the others cost time and change nothing
        self.keep = keep
        self.groups = groups
        self._own: dict[str, list[str]] = {}
        self._ctx: dict[str, tuple[list[str], ...]] = {}
        self._key: dict[str, tuple[str, str]] = {}  # word → (normalised form, cluster-or-cue class)
        self._stem: dict[str, str] = {}  # word → normalised stem (clitics stripped)

    def _type_features(self, word: str) -> tuple[list[str], list[str]]:
        """(own features, short description used when the word is a neighbour)."""
        g = self.groups
        norm = normalize(word) or word
        parts, stem, enc, _, _ = segment_normalized(norm, self.lexicon)
        cls = next((name for name, words in CUE_LISTS if norm in words or stem in words), None)
        ids = self.clusters.get(norm) or self.clusters.get(stem)
        self._key[word] = (norm, cls or (ids[1] if ids else "oov"))
        self._stem[word] = stem
        own: list[str] = ["bias"]
        near: list[str] = []
        if "word" in g:
            own.append("w=" + norm)
            near.append("w=" + norm)
        if "affix" in g:
            own += ["p2=" + norm[:2], "p3=" + norm[:3], "s1=" + norm[-1:], "s2=" + norm[-2:], "s3=" + norm[-3:]]
        if "clitic" in g:
            own += ["st=" + stem, "pc=" + "".join(parts), "en=" + enc]
            if stem.startswith("ال"):
                own.append("al")
            near.append("st=" + stem)
        if "shape" in g:
            shape = _shape(norm)
            own += ["sh=" + shape, "len=%d" % min(len(norm), 8)]
            near.append("sh=" + shape)
        if "cluster" in g:
            ids = self.clusters.get(norm) or self.clusters.get(stem)
            if ids:
                own += ["c64=" + ids[0], "c256=" + ids[1], "c1k=" + ids[2]]
                near += ["c64=" + ids[0], "c256=" + ids[1]]
            else:
                own.append("c=oov")
                near.append("c=oov")
            if stem != norm and self.clusters.get(stem):
                own.append("sc256=" + self.clusters.get(stem)[1])
        if "cue" in g:
            for name, words in CUE_LISTS:
                if norm in words or stem in words:
                    own.append("cue=" + name)
                    near.append("cue=" + name)
        if "corpus" in g:  # how often the corpus puts this word after a title / place cue / org head
            buckets = self.clusters.cues.get(norm) or self.clusters.cues.get(stem) or ()
            for name, b in zip(("ti", "pl", "or"), buckets):
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
        if "memory" in g:
            mem = self.memory.get(stem) or self.memory.get(norm)
            lm = ["lm=" + f for f in mem.split()] if mem else ["lm=none"]
            own += lm
            near += lm
        return own, near

    def _lookup(self, word: str) -> tuple[list[str], tuple[list[str], ...]]:
        own = self._own.get(word)
        if own is None:
            if len(self._own) > CACHE_LIMIT:
                self._own.clear()
                self._ctx.clear()
                self._key.clear()
                self._stem.clear()
            own, near = self._type_features(word)
            ctx = tuple([f"{o}{f}" for f in near] for o in OFFSETS)
            if self.keep is not None:
                keep = self.keep
                own = [f for f in own if f in keep]
                ctx = tuple([f for f in c if f in keep] for c in ctx)
            self._own[word] = own
            self._ctx[word] = ctx
        return own, self._ctx[word]

    def stems(self, tokens: list[str]) -> list[str]:
        """The tokens' normalised, clitic-stripped stems (what document consistency compares)."""
        known = self._stem
        out = [known.get(t) for t in tokens]
        for i, s in enumerate(out):
            if s is None:  # not looked up yet (or the cache was just emptied)
                self._lookup(tokens[i])
                out[i] = self._stem[tokens[i]]
        return out

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Feature lists for every token of one sentence."""
        looked = [self._lookup(t) for t in tokens]
        n = len(tokens)
        use_ctx = "context" in self.groups
        use_conj = "conj" in self.groups
        out: list[list[str]] = []
        for i in range(n):
            feats = list(looked[i][0])
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            if use_conj:  # word pairs and neighbour-class × word-class conjunctions
                k0 = self._key[tokens[i]]
                if i > 0:
                    kp = self._key[tokens[i - 1]]
                    feats += ["b-=" + kp[0] + "|" + k0[0], "k-=" + kp[1] + "|" + k0[1]]
                if i < n - 1:
                    kn = self._key[tokens[i + 1]]
                    feats += ["b+=" + k0[0] + "|" + kn[0], "k+=" + k0[1] + "|" + kn[1]]
            if use_ctx:
                for k, o in enumerate(OFFSETS):
                    j = i + o
                    if 0 <= j < n:
                        feats += looked[j][1][k]
            out.append(feats)
        return out
