"""Training the neural half of the tagger (``neural.py``) with jax, on CPU.

The network: per word, its SaudiNewsNet PPMI-SVD vector (``marsad train clusters``; fixed), the summed embeddings of its CRF own-word attributes (those seen at least
twice in training; each dropped with probability ``ATTR_DROPOUT`` while training) and a character
CNN (width 3, ``FILTERS`` filters, max-pooled); dropout 0.5; one BiLSTM layer of ``hidden`` units
each way; dropout 0.5; a linear layer to IOBES label scores and a linear-chain CRF layer, trained
on the sentence log-likelihood with Adam. Nothing is pretrained. The model is written as an
``.npz`` of float16 weights beside a JSON file naming the labels, attributes and letters.

jax is needed only here (``pip install 'marsad[train]'``); tagging is numpy.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.arabic.normalize import normalize
from marsad.extract.ner.conll import Sentence, to_iobes
from marsad.extract.ner.neural import CHARS_MAX, vector_row

ATTR_DIM = 50
CHAR_DIM = 32
FILTERS = 64
DROPOUT = 0.5
ATTR_DROPOUT = 0.3
WORD_DROPOUT = 0.1  # a word's corpus vector is left out with this probability while training
LEARNING_RATE = 2e-3
BATCH = 32
EPOCHS = 14  # chosen on the three folds (docs/ner.md)
HIDDEN = 50  # 100 gave the same fold average (0.7608 against 0.7624) at twice the cost
_BUCKETS = (8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
ATTRS_MAX = 40  # attributes of one word kept (a word has ~15)


def _bucket(n: int) -> int:
    return next((b for b in _BUCKETS if n <= b), n)


def train_neural(train: list[Sentence], features, out: str | Path, *, epochs: int = EPOCHS, hidden: int = HIDDEN,
                 seed: int = 1, log=print) -> Path:
    """Train on ``train`` (IOB2 tags) and write ``out`` (.npz) and its JSON; returns ``out``.
    ``features``: the FeatureExtractor whose own-word attributes the network reads (``str``)."""
    try:
        import jax
        import jax.numpy as jnp
        import optax
    except ImportError as exc:  # pragma: no cover - depends on the install
        from marsad.errors import ConfigError

        raise ConfigError("training the neural tagger needs jax: pip install 'marsad[train]'") from exc

    from marsad.extract.ner.clusters import load_vectors

    out = Path(out)
    t0 = time.time()
    loaded = load_vectors()
    if loaded is None:
        from marsad.errors import ConfigError

        raise ConfigError("the word vectors are missing: run `marsad train clusters` first")
    vec_index, vec_matrix = loaded
    vectors = jnp.asarray(np.vstack([np.zeros((1, vec_matrix.shape[1]), np.float32), vec_matrix]))  # row 0: none
    labels = sorted({t for s in train for t in to_iobes(s.tags)} | {"O"})
    label_index = {lab: i for i, lab in enumerate(labels)}
    own_cache: dict[str, list[str]] = {}

    def own(word: str) -> list[str]:
        got = own_cache.get(word)
        if got is None:
            got = own_cache[word] = [a if isinstance(a, str) else a.decode() for a in features.looked([word])[0][0]]
        return got

    counts: Counter[str] = Counter()
    letters: dict[str, int] = {}
    for s in train:
        for w in s.tokens:
            counts.update(own(w))
            for ch in normalize(w) or w:
                letters.setdefault(ch, len(letters) + 1)
    attributes = sorted(a for a, c in counts.items() if c >= 2)
    attr_index = {a: i + 1 for i, a in enumerate(attributes)}
    chars = sorted(letters, key=letters.get)
    char_index = {c: i + 1 for i, c in enumerate(chars)}
    unknown_char = len(chars) + 1
    log(f"neural tagger: {len(train)} sentences, {len(attributes)} attributes, {len(chars)} letters, {len(labels)} labels")

    def encode(s: Sentence):
        words = [[attr_index[a] for a in own(w) if a in attr_index][:ATTRS_MAX] for w in s.tokens]
        rows = [vector_row(vec_index, w, features) for w in s.tokens]
        letters_ = [[char_index.get(c, unknown_char) for c in (normalize(w) or w)[:CHARS_MAX]] for w in s.tokens]
        return words, letters_, [label_index[t] for t in to_iobes(s.tags)], rows

    data = [encode(s) for s in train if s.tokens]

    def batch(idx):
        t = _bucket(max(len(data[i][0]) for i in idx))
        n = len(idx)
        a = np.zeros((n, t, ATTRS_MAX), np.int32)
        v = np.zeros((n, t), np.int32)
        c = np.zeros((n, t, CHARS_MAX), np.int32)
        y = np.zeros((n, t), np.int32)
        m = np.zeros((n, t), np.float32)
        lengths = np.zeros(n, np.int32)
        for r, i in enumerate(idx):
            words, letters_, tags, rows = data[i]
            k = len(words)
            lengths[r], y[r, :k], m[r, :k], v[r, :k] = k, tags, 1, rows
            for j, (ws, cs) in enumerate(zip(words, letters_)):
                a[r, j, : len(ws)] = ws
                c[r, j, : len(cs)] = cs
        return a, c, v, y, m, lengths

    keys = jax.random.split(jax.random.PRNGKey(seed), 8)

    def glorot(key, shape):
        lim = np.sqrt(6 / (shape[0] + shape[1]))
        return jax.random.uniform(key, shape, minval=-lim, maxval=lim)

    d_in = vectors.shape[1] + ATTR_DIM + FILTERS
    n_lab = len(labels)
    params = {
        "att": (jax.random.normal(keys[0], (len(attributes) + 1, ATTR_DIM)) * 0.05).at[0].set(0),
        "chemb": (jax.random.normal(keys[6], (unknown_char + 1, CHAR_DIM)) * 0.1).at[0].set(0),
        "conv": glorot(keys[7], (3 * CHAR_DIM, FILTERS)), "conv_b": jnp.zeros(FILTERS),
        "fw_W": glorot(keys[1], (d_in, 4 * hidden)), "fw_U": glorot(keys[2], (hidden, 4 * hidden)),
        "fw_b": jnp.zeros(4 * hidden).at[hidden : 2 * hidden].set(1.0),
        "bw_W": glorot(keys[3], (d_in, 4 * hidden)), "bw_U": glorot(keys[4], (hidden, 4 * hidden)),
        "bw_b": jnp.zeros(4 * hidden).at[hidden : 2 * hidden].set(1.0),
        "out_W": glorot(keys[5], (2 * hidden, n_lab)), "out_b": jnp.zeros(n_lab),
        "trans": jnp.zeros((n_lab, n_lab)), "start": jnp.zeros(n_lab), "end": jnp.zeros(n_lab),
    }

    def char_cnn(p, c):
        e = p["chemb"][c]
        pad = jnp.pad(e, ((0, 0), (0, 0), (1, 1), (0, 0)))
        win = jnp.concatenate([pad[:, :, :-2], pad[:, :, 1:-1], pad[:, :, 2:]], -1)
        h = jnp.tanh(win @ p["conv"] + p["conv_b"])
        h = jnp.where((c > 0)[..., None], h, -1e4)
        return jnp.maximum(h.max(2), -1.0)

    def lstm(x, w, u, b):
        xp = jnp.einsum("btd,dh->tbh", x, w) + b

        def step(carry, xt):
            h, c = carry
            z = xt + h @ u
            i, f, g, o = jnp.split(z, 4, axis=-1)
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
            h = jax.nn.sigmoid(o) * jnp.tanh(c)
            return (h, c), h

        h0 = jnp.zeros((x.shape[0], u.shape[0]))
        return jax.lax.scan(step, (h0, h0), xp)[1].transpose(1, 0, 2)

    def emissions(p, a, c, v, lengths, rng):
        r1, r2, r3, r4 = jax.random.split(rng, 4)
        a = jnp.where(jax.random.bernoulli(r1, ATTR_DROPOUT, a.shape), 0, a)
        v = jnp.where(jax.random.bernoulli(r4, WORD_DROPOUT, v.shape), 0, v)
        x = jnp.concatenate([vectors[v], p["att"][a].sum(2), char_cnn(p, c)], -1)
        x = x * jax.random.bernoulli(r2, 1 - DROPOUT, x.shape) / (1 - DROPOUT)
        t = jnp.arange(x.shape[1])[None, :]
        rev = jnp.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
        hf = lstm(x, p["fw_W"], p["fw_U"], p["fw_b"])
        xr = jnp.take_along_axis(x, rev[:, :, None], 1)
        hb = jnp.take_along_axis(lstm(xr, p["bw_W"], p["bw_U"], p["bw_b"]), rev[:, :, None], 1)
        h = jnp.concatenate([hf, hb], -1)
        h = h * jax.random.bernoulli(r3, 1 - DROPOUT, h.shape) / (1 - DROPOUT)
        return h @ p["out_W"] + p["out_b"]

    def log_z(p, em, m):
        def step(alpha, inp):
            e, mt = inp
            new = jax.nn.logsumexp(alpha[:, :, None] + p["trans"][None], axis=1) + e
            return jnp.where(mt[:, None] > 0, new, alpha), None

        first = p["start"][None] + em[:, 0]
        last, _ = jax.lax.scan(step, first, (em[:, 1:].transpose(1, 0, 2), m[:, 1:].T))
        return jax.nn.logsumexp(last + p["end"][None], -1)

    def gold(p, em, y, m, lengths):
        s = (jnp.take_along_axis(em, y[..., None], -1)[..., 0] * m).sum(1)
        s += (p["trans"][y[:, :-1], y[:, 1:]] * m[:, 1:]).sum(1)
        end = jnp.take_along_axis(y, (lengths - 1)[:, None], 1)[:, 0]
        return s + p["start"][y[:, 0]] + p["end"][end]

    def loss(p, a, c, v, y, m, lengths, rng):
        em = emissions(p, a, c, v, lengths, rng)
        return (log_z(p, em, m) - gold(p, em, y, m, lengths)).sum() / m.sum()

    opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(LEARNING_RATE))
    state = opt.init(params)

    @jax.jit
    def update(p, st, a, c, v, y, m, lengths, rng):
        value, grads = jax.value_and_grad(loss)(p, a, c, v, y, m, lengths, rng)
        upd, st = opt.update(grads, st, p)
        return optax.apply_updates(p, upd), st, value

    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    batches = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
    rng = np.random.RandomState(seed)
    key = jax.random.PRNGKey(seed + 1)
    for epoch in range(epochs):
        rng.shuffle(batches)
        total = 0.0
        for idx in batches:
            key, sub = jax.random.split(key)
            params, state, value = update(params, state, *batch(idx), sub)
            total += float(value)
        log(f"neural tagger: epoch {epoch + 1}/{epochs}, loss {total / len(batches):.4f} ({time.time() - t0:.0f} s)")
    save(out, {k: np.asarray(v) for k, v in params.items()},
         {"labels": labels, "attributes": attributes, "chars": chars, "hidden": hidden, "epochs": epochs,
          "vectors": int(vec_matrix.shape[1]),
          "seed": seed, "sentences": len(data)})
    return out


def save(out: Path, params: dict[str, np.ndarray], meta: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:  # np.savez_compressed adds ".npz" to a str path without it
        np.savez_compressed(fh, **{k: v.astype(np.float16) for k, v in params.items()})
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
