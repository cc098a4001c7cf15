"""Viterbi decoding of a trained crfsuite model in numpy, with a bias against the O label.

crfsuite's own tagger scores every token by adding the weights of its attributes, label by label,
then runs Viterbi. Here the weights are read out of the model once (``Tagger.info()``) and the
scores are summed per *word type*: a token's score vector is its word's own vector plus the
"as a neighbour" vectors of the words around it, each computed once and cached, which is the same
sum crfsuite makes (the same tags at bias 0; ``tests/test_ner_decode.py``).

The bias (``o_bias``) is subtracted from the O label's score of every token before Viterbi. A CRF
trained on few examples of rare names is conservative (precision 0.83, recall 0.69 on the held-out
blocks); lowering O trades some precision for recall, the precision–recall trade-off of Minkov et
al. (2006). On the held-out folds it did not pay (docs/ner.md): the shipped model's bias is 0.
"""

from __future__ import annotations

import numpy as np
import pycrfsuite

VITERBI_BATCH = 64  # sentences decoded together
TYPE_CACHE_LIMIT = 100_000  # word types whose score vectors are kept (emptied when full)


class CrfDecoder:
    """Scores and Viterbi of one crfsuite model."""

    def __init__(self, crf: pycrfsuite.Tagger):
        info = crf.info()
        labels = crf.labels()
        self.labels = labels
        self.index = {lab: i for i, lab in enumerate(labels)}
        n = len(labels)
        self.trans = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.trans[self.index[a], self.index[b]] = w
        weights: dict[bytes, np.ndarray] = {}
        for (attr, lab), w in info.state_features.items():
            vec = weights.get(key := attr.encode())
            if vec is None:
                vec = weights[key] = np.zeros(n)
            vec[self.index[lab]] = w
        self.weights = weights
        self.zero = np.zeros(n)
        self.o = self.index.get("O")
        self._types: dict[str, np.ndarray] = {}  # word → (5, labels) scores
        self._cols = np.arange(n)

    def attr_scores(self, attrs) -> np.ndarray:
        """The summed weight vector of a list of attributes (bytes or str)."""
        get = self.weights.get
        total = self.zero.copy()
        for a in attrs:
            v = get(a if isinstance(a, bytes) else a.encode())
            if v is not None:
                total += v
        return total

    def type_scores(self, word: str, cached: tuple) -> np.ndarray:
        """(5, labels): a word type's own score and its scores as the neighbour at −2, −1, +1, +2,
        from FeatureExtractor's cached tuple of attribute lists."""
        got = self._types.get(word)
        if got is None:
            if len(self._types) > TYPE_CACHE_LIMIT:  # ~0.7 kB a word: at most ~70 MB
                self._types.clear()
            got = self._types[word] = np.stack([self.attr_scores(part) for part in cached])
        return got

    def scores(self, tokens: list[str], looked: list[tuple], extra: list[list] | None = None,
               marks=(b"BOS", b"EOS")) -> np.ndarray:
        """(tokens, labels) state scores of a sentence from its words' cached feature tuples."""
        cache = self._types
        arr = np.stack([cache.get(w) if w in cache else self.type_scores(w, c) for w, c in zip(tokens, looked)])
        s = arr[:, 0].copy()
        n = len(looked)
        if n > 2:
            s[2:] += arr[:-2, 1]
            s[:-2] += arr[2:, 4]
        if n > 1:
            s[1:] += arr[:-1, 2]
            s[:-1] += arr[1:, 3]
        s[0] += self.attr_scores(marks[:1])
        s[-1] += self.attr_scores(marks[1:])
        if extra:
            for k, attrs in enumerate(extra):
                if attrs:
                    s[k] += self.attr_scores(attrs)
        return s

    def viterbi_batch(self, scores: list[np.ndarray], o_bias: float = 0.0) -> list[list[str]]:
        """``viterbi`` of many sentences at once (the same paths: ties go to the lower label index
        in both): sorted by length into padded batches, one numpy step per position instead of one
        per token. Empty score arrays give empty paths."""
        out: list[list[str]] = [[] for _ in scores]
        order = sorted((i for i, s in enumerate(scores) if len(s)), key=lambda i: len(scores[i]))
        labels, trans = self.labels, self.trans
        n_lab = len(labels)
        for start in range(0, len(order), VITERBI_BATCH):
            chunk = order[start : start + VITERBI_BATCH]
            lengths = np.array([len(scores[i]) for i in chunk])
            b, t_max = len(chunk), int(lengths[-1])
            s = np.zeros((b, t_max, n_lab))
            for r, i in enumerate(chunk):
                s[r, : lengths[r]] = scores[i]
            if o_bias and self.o is not None:
                s[:, :, self.o] -= o_bias
            back = np.zeros((b, t_max, n_lab), dtype=np.intp)
            dp = s[:, 0]
            for t in range(1, t_max):
                m = dp[:, :, None] + trans  # (B, from, to)
                best = m.argmax(1)
                back[:, t] = best
                step = np.take_along_axis(m, best[:, None, :], 1)[:, 0] + s[:, t]
                live = (t < lengths)[:, None]
                dp = np.where(live, step, dp)  # a finished sentence keeps its last column
            y = dp.argmax(1)
            rows = np.arange(b)
            path = np.empty((b, t_max), dtype=np.intp)
            for t in range(t_max - 1, -1, -1):
                path[:, t] = y
                if t:
                    y = np.where(t < lengths, back[rows, t, y], y)
            for r, i in enumerate(chunk):
                out[i] = [labels[k] for k in path[r, : lengths[r]]]
        return out

    def viterbi(self, s: np.ndarray, o_bias: float = 0.0) -> list[str]:
        """The best label path of one sentence's (tokens, labels) scores: the plain version that
        ``viterbi_batch``, which the tagger uses, is tested against."""
        if o_bias and self.o is not None:
            s = s.copy()
            s[:, self.o] -= o_bias
        n = len(s)
        trans = self.trans
        cols = self._cols
        back = np.empty((n, len(self.labels)), dtype=np.intp)
        dp = s[0]
        for t in range(1, n):
            m = dp[:, None] + trans
            back[t] = best = m.argmax(0)
            dp = m[best, cols] + s[t]
        y = int(dp.argmax())
        path = [y]
        for t in range(n - 1, 0, -1):
            y = int(back[t, y])
            path.append(y)
        labels = self.labels
        return [labels[i] for i in reversed(path)]
