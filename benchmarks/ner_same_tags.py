"""Proof that the faster tagger gives the same tags as the code it replaced (issue 4, speed).

    .venv/bin/python benchmarks/ner_same_tags.py [--articles 2000] [--conll ../shared/data/anercorp/train.txt]
        [--conll-sentences N]

Tags the first N SaudiNewsNet articles (each one document, as ingest does) and the sentences of a
CoNLL file (±WINDOW sentences as the document, as `marsad eval ner` does) twice with the shipped
models: with the tagging code as it was before the speed work (kept below, frozen, not in the
package; crfsuite's own decoder) and with the package's tagger (numpy decoder, O bias 0), and
compares every tag. Exits 1 on the first difference.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from itertools import chain
from pathlib import Path

import pycrfsuite

from marsad.extract.ner.clusters import corpus_texts
from marsad.extract.ner.conll import read_conll, to_iob2
from marsad.extract.ner.document import WINDOW
from marsad.extract.ner.features import CACHE_LIMIT, OFFSETS, FeatureExtractor
from marsad.extract.ner.tagger import NerTagger

sys.path.insert(0, str(Path(__file__).parent))
from ner import _documents  # noqa: E402  (the benchmark's own article → sentences split)

ROOT = Path(__file__).resolve().parents[1]


# ---- the tagging code before the speed work (features.py, document.py, tagger.py), frozen ----

class OldFeatures(FeatureExtractor):
    """The old per-token feature assembly (str attributes); word-type features are shared code."""

    def __init__(self, *args):
        super().__init__(*args)
        self._own, self._ctx = {}, {}

    def _lookup(self, word):
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

    def stems(self, tokens):
        known = self._stem
        out = [known.get(t) for t in tokens]
        for i, s in enumerate(out):
            if s is None:
                self._lookup(tokens[i])
                out[i] = self._stem[tokens[i]]
        return out

    def sentence(self, tokens):
        looked = [self._lookup(t) for t in tokens]
        n = len(tokens)
        use_ctx = "context" in self.groups
        use_conj = "conj" in self.groups
        out = []
        for i in range(n):
            feats = list(looked[i][0])
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            if use_conj:
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


def _type(tag):
    return tag[2:] if tag != "O" else "O"


def _verdict(counts, own):
    best, n_best, n_o = None, 0, counts.get("O", 0) - (own == "O")
    for typ, n in sorted(counts.items()):
        n -= typ == own
        if typ != "O" and n > n_best:
            best, n_best = typ, n
    if best is None:
        return "O" if n_o > 0 else None
    return best + (":all" if n_o <= 0 else ":most" if n_best >= n_o else ":some")


def _disagrees(verdict, own):
    if verdict is None or verdict.split(":")[0] == own:
        return False
    return not (own == "O" and verdict.endswith(":some"))


def _add(total, stems, tags, sign):
    for s, t in zip(stems, tags):
        if len(s) > 1:
            counts = total.get(s)
            if counts is None:
                counts = total[s] = {}
            typ = _type(t)
            counts[typ] = counts.get(typ, 0) + sign


def _whole_document(stems, tags):
    total = {s: {"O": n} for s, n in Counter(chain.from_iterable(stems)).items() if len(s) > 1}
    for ss, ts in zip(stems, tags):
        for s, t in zip(ss, ts):
            if t != "O" and len(s) > 1:
                counts = total[s]
                counts["O"] -= 1
                counts[t[2:]] = counts.get(t[2:], 0) + 1
    return total


def old_document_verdicts(stems, tags, window=None):
    total = _whole_document(stems, tags) if window is None else {}
    lo = hi = 0
    memo = {}
    verdicts, differs = [], []
    for i, (ss, ts) in enumerate(zip(stems, tags)):
        if window is not None:
            memo.clear()
            while hi < min(len(stems), i + window + 1):
                _add(total, stems[hi], tags[hi], 1)
                hi += 1
            while lo < i - window:
                _add(total, stems[lo], tags[lo], -1)
                lo += 1
        row, differ = [], False
        for s, t in zip(ss, ts):
            got = memo.get((s, t))
            if got is None:
                own = _type(t)
                v = _verdict(total[s], own) if len(s) > 1 else None
                got = memo[(s, t)] = (v, _disagrees(v, own))
            row.append(got[0])
            differ = differ or got[1]
        verdicts.append(row)
        differs.append(differ)
    return verdicts, differs


def old_token_features(verdicts):
    out = []
    n = len(verdicts)
    for k in range(n):
        f = ["dv=" + verdicts[k]] if verdicts[k] else []
        if k > 0 and verdicts[k - 1] not in (None, "O"):
            f.append("-1dv=" + verdicts[k - 1])
        if k < n - 1 and verdicts[k + 1] not in (None, "O"):
            f.append("+1dv=" + verdicts[k + 1])
        out.append(f)
    return out


class OldTagger:
    """The old ``NerTagger.tag_document`` over the same loaded models and word-type data."""

    def __init__(self, new: NerTagger):
        f = new.features
        self.features = OldFeatures(f.clusters, f.gazetteer, f.groups, f.autogaz, set(new.keep), f.memory)
        self._tagger, self._stage2, self.iobes = new._tagger, new._stage2, new.iobes

    def _decode(self, crf, feats):
        tags = crf.tag(pycrfsuite.ItemSequence(feats))
        return to_iob2(tags) if self.iobes else tags

    def tag_document(self, sentences, window=None):
        feats = [self.features.sentence(toks) if toks else [] for toks in sentences]
        tags = [self._decode(self._tagger, f) if f else [] for f in feats]
        if self._stage2 is None:
            return tags
        stems = [self.features.stems(toks) for toks in sentences]
        verdicts, differs = old_document_verdicts(stems, tags, window)
        for i, differ in enumerate(differs):
            if differ:
                extra = old_token_features(verdicts[i])
                tags[i] = self._decode(self._stage2, [f + e for f, e in zip(feats[i], extra)])
        return tags


# ---- the comparison ----

def _compare(name: str, docs: list[list[list[str]]], window: int | None, old: OldTagger, new: NerTagger) -> int:
    n_tags = 0
    t_old = t_new = 0.0
    for d, doc in enumerate(docs):
        c0 = time.process_time()
        a = old.tag_document(doc, window)
        c1 = time.process_time()
        b = new.tag_document(doc, window)
        t_old, t_new = t_old + c1 - c0, t_new + time.process_time() - c1
        if a != b:
            for s, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    print(f"{name}: document {d} sentence {s} differs:\n old {x}\n new {y}\n tokens {doc[s]}")
                    break
            sys.exit(1)
        n_tags += sum(len(s) for s in a)
    if new.tag_documents(docs, window) != [old.tag_document(doc, window) for doc in docs]:
        print(f"{name}: the documents tagged together differ from one at a time")
        sys.exit(1)
    print(f"{name}: {len(docs)} documents, {n_tags} tags identical, also tagged together "
          f"(CPU s, this cold single pass: old {t_old:.2f}, new {t_new:.2f})")
    return n_tags


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "saudinewsnet"))
    ap.add_argument("--conll", default=str(ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"))
    ap.add_argument("--conll-sentences", type=int, default=None, help="only the first N sentences")
    args = ap.parse_args()
    if not Path(args.data).exists():
        sys.exit(f"{args.data} not found: the comparison needs the SaudiNewsNet folder of ../shared")
    # at O bias 0: the old code had no bias, and the numpy decoder must be crfsuite's decoding; the
    # old code had no neural half either (benchmarks/ner.py --crf-only measures the same path)
    new = NerTagger(o_bias=0.0, neural=False)
    old = OldTagger(new)
    texts = []
    for text in corpus_texts(Path(args.data)):
        texts.append(text.split("\n", 1)[1] if "\n" in text else text)
        if len(texts) >= args.articles:
            break
    _compare("saudinewsnet", _documents(texts), None, old, new)
    if Path(args.conll).exists():
        sents = [s.tokens for s in read_conll(args.conll).sentences[: args.conll_sentences]]
        _compare("conll (window)", [sents], WINDOW, old, new)


if __name__ == "__main__":
    main()
