"""The neural half of the tagger: a small BiLSTM-CRF whose label marginals are added to the CRF's scores.

Each word is the sum of learnt embeddings of the CRF's own-word attributes (affixes, stem, clitics,
shape, SaudiNewsNet clusters, cue and corpus lists, the self-training list) joined to a character
CNN over its letters; one BiLSTM layer reads the sentence both ways and a linear-chain CRF layer on
top gives, by forward-backward, each token's probability of each IOBES label. The CRF tagger adds
``weight`` × the log of these probabilities to its own label scores before Viterbi (first stage
only; docs/ner.md, "Fifth round"), so the network contributes what it learnt about context
without replacing the CRF's decisions.

Trained by ``marsad train ner`` (``neural_train.py``, with jax); tagging here is plain numpy. Every
part below the LSTM depends on the word alone, so it is computed once per word type and cached.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

CHARS_MAX = 16  # letters of a word the character CNN reads
BATCH = 256  # sentences run through the LSTM together …
BATCH_TOKENS = 8192  # … and padded positions (a batch of long sentences is smaller)
TYPE_CACHE_LIMIT = 100_000  # word types whose LSTM input projections are kept (1.6 kB each at 50 units)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def vector_row(index: dict[str, int], word: str, features) -> int:
    """1 + the corpus-vector row of a word (its normalised form, else its clitic-stripped stem), 0 for none."""
    analysis = features.analyses(word)
    row = index.get(analysis.norm)
    if row is None:
        row = index.get(analysis.stem)
    return 0 if row is None else row + 1


class NeuralScorer:
    """Log label marginals of sentences from a model written by ``neural_train.save``."""

    def __init__(self, path: str | Path, features):
        """``features``: a ``FeatureExtractor`` with the groups and lists the network was trained
        with (``meta["groups"]``). Only its word analyses are cached (the tagger shares them with
        its CRF half): what the network makes of a word is cached here, per word type."""
        path = Path(path)
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(path) as z:
            self.p = {k: z[k].astype(np.float32) for k in z.files}
        self.labels: list[str] = meta["labels"]
        self.attr_index = {a: i + 1 for i, a in enumerate(meta["attributes"])}  # 0: padding
        self.char_index = {c: i + 1 for i, c in enumerate(meta["chars"])}
        self.unknown_char = len(meta["chars"]) + 1
        self.hidden = int(meta["hidden"])
        self.features = features
        self._types: dict[str, np.ndarray] = {}
        from marsad.extract.ner.clusters import load_vectors

        loaded = load_vectors()
        if loaded is None or loaded[1].shape[1] != meta["vectors"]:
            from marsad.errors import ConfigError

            raise ConfigError(f"{path}: the word vectors it was trained with are missing (marsad train clusters)")
        self._vec_index, self._vectors = loaded

    # -- per word type ------------------------------------------------------------------------
    def _chars(self, norm: str) -> np.ndarray:
        p = self.p
        ids = [self.char_index.get(c, self.unknown_char) for c in norm[:CHARS_MAX]] or [self.unknown_char]
        e = p["chemb"][ids]  # (k, c)
        pad = np.zeros((1, e.shape[1]), np.float32)
        e = np.concatenate([pad, e, pad])
        win = np.concatenate([e[:-2], e[1:-1], e[2:]], axis=1)
        h = np.tanh(win @ p["conv"] + p["conv_b"])
        return np.maximum(h.max(0), -1.0)

    def type_vector(self, word: str) -> np.ndarray:
        """The LSTM's input for one word type (cached)."""
        got = self._types.get(word)
        if got is not None:
            return got
        if len(self._types) > TYPE_CACHE_LIMIT:
            self._types.clear()
        index = self.attr_index
        ids = [i for a in self.features.own_attributes(word) if (i := index.get(a))]
        att = self.p["att"][ids].sum(0) if ids else np.zeros(self.p["att"].shape[1], np.float32)
        row = vector_row(self._vec_index, word, self.features)
        vec = self._vectors[row - 1] if row else np.zeros(self._vectors.shape[1], np.float32)
        x = np.concatenate([vec, att, self._chars(self.features.analyses(word).norm)])
        p = self.p
        # the LSTM's input projections of both directions depend on the word alone: cached with it
        got = self._types[word] = np.concatenate([x @ p["fw_W"] + p["fw_b"], x @ p["bw_W"] + p["bw_b"]])
        return got

    # -- sentences ----------------------------------------------------------------------------
    def log_marginals(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """(tokens, labels) log-probabilities for each sentence (empty ones: empty arrays). The
        sentences are run in batches of up to ``BATCH`` of similar length (sorted by length, so
        little of a batch is padding): pass many at once — a whole batch of articles — to amortise
        the per-step cost of the LSTM loop."""
        out = [np.zeros((0, len(self.labels)), np.float32) for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        chunk: list[int] = []
        for i in order + [-1]:
            # a batch holds up to BATCH sentences and BATCH_TOKENS padded positions
            if chunk and (i < 0 or len(chunk) == BATCH or (len(chunk) + 1) * len(sentences[i]) > BATCH_TOKENS):
                rows, lengths, em = self.emissions([sentences[j] for j in chunk])
                marg = self._marginals(em.astype(np.float64), lengths)
                for r, j in enumerate(chunk):
                    out[j] = marg[r, : lengths[r]]
                chunk = []
            chunk.append(i)
        return out

    def emissions(self, sentences: list[list[str]]):
        """(indices of the non-empty sentences, their lengths, (B, T, labels) label scores before the
        CRF layer), the sentences padded into one batch."""
        rows = [i for i, s in enumerate(sentences) if s]
        if not rows:
            return rows, np.zeros(0, int), np.zeros((0, 0, len(self.labels)), np.float32)
        p, h = self.p, self.hidden
        lengths = np.array([len(sentences[i]) for i in rows])
        b, t_max = len(rows), int(lengths.max())
        g = 4 * h
        # (T, direction, B, 4H): each step's input projections contiguous; the backward direction
        # reads each sentence from its end
        proj = np.zeros((t_max, 2, b, g), np.float32)
        for r, i in enumerate(rows):
            x = np.stack([self.type_vector(w) for w in sentences[i]])
            proj[: lengths[r], 0, r] = x[:, :g]
            proj[: lengths[r], 1, r] = x[::-1, g:]
        u = np.stack([p["fw_U"], p["bw_U"]])  # (2, H, 4H)
        state_h = np.zeros((2, b, h), np.float32)
        state_c = np.zeros((2, b, h), np.float32)
        hs = np.empty((t_max, 2, b, h), np.float32)
        for t in range(t_max):
            z = proj[t] + np.matmul(state_h, u)
            state_c = _sigmoid(z[..., h : 2 * h]) * state_c + _sigmoid(z[..., :h]) * np.tanh(z[..., 2 * h : 3 * h])
            state_h = _sigmoid(z[..., 3 * h :]) * np.tanh(state_c)
            hs[t] = state_h
        both = np.zeros((b, t_max, 2 * h), np.float32)
        both[:, :, :h] = hs[:, 0].transpose(1, 0, 2)
        for r in range(b):
            n = lengths[r]
            both[r, :n, h:] = hs[n - 1 :: -1, 1, r]
        return rows, lengths, both @ p["out_W"] + p["out_b"]

    def _marginals(self, em: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Forward-backward of the CRF layer: log P(label at t | sentence). Run in probabilities,
        each step rescaled to sum to one (the scale cancels when the marginals are normalised),
        so every step is one small matrix product instead of a log-sum-exp over label pairs."""
        b, t_max, n = em.shape
        trans = np.exp(self.p["trans"].astype(np.float64))
        pe = np.exp(em - em.max(axis=2, keepdims=True))
        alpha = np.empty_like(pe)
        start = self.p["start"].astype(np.float64)
        a = np.exp(start - start.max()) * pe[:, 0]
        alpha[:, 0] = a = a / a.sum(1, keepdims=True)
        for t in range(1, t_max):
            a = (a @ trans) * pe[:, t]
            alpha[:, t] = a = a / a.sum(1, keepdims=True)
        end = self.p["end"].astype(np.float64)
        beta = np.ones_like(pe)
        beta[np.arange(b), lengths - 1] = np.exp(end - end.max())
        for t in range(t_max - 2, -1, -1):
            nxt = (pe[:, t + 1] * beta[:, t + 1]) @ trans.T
            live = (t < lengths - 1)[:, None]
            beta[:, t] = np.where(live, nxt / nxt.sum(1, keepdims=True), beta[:, t])
        marg = alpha * beta
        marg /= marg.sum(2, keepdims=True)
        return np.log(np.maximum(marg, 1e-6)).astype(np.float32)
