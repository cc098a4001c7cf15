"""Word clusters learned without labels from a large Arabic news corpus.

Why: ANERcorp has ~115k training tokens, so most names and context words of real news are unseen at
tagging time. Clustering words by the company they keep (left/right neighbours) in a few million
tokens of news gives the tagger a coarse "word class" for words it never saw labelled — the role
Brown clusters play in classic CRF taggers.

Method (fast, numpy/scipy only): count left-1, right-1 and ±2 co-occurrences of the V most frequent
normalised words with the C most frequent context words, weight by positive PMI, reduce with a
truncated SVD, then k-means the unit vectors at three granularities (64, 256, 1024 clusters), which
gives coarse-to-fine features like Brown-cluster prefixes.

The output file (``clusters.tsv``) also keeps each word's corpus count: the clitic segmenter uses
those counts as its lexicon of known stems.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator


from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import _TOKEN

DATA_DIR = Path(__file__).parent / "data"
CLUSTERS_PATH = DATA_DIR / "clusters.tsv"
VECTORS_NAME = "vectors.npz"  # beside the clusters file: the PPMI-SVD vectors (int8), read by the neural tagger
VECTOR_WORDS = 45_000  # the most frequent words keep their vector (a 4.5 MB file; the rarer ones are noisy)
GRAINS = (64, 256, 1024)
CUE_NAMES = ("after_title", "after_place_cue", "after_org_head")


def corpus_texts(folder: Path) -> Iterator[str]:
    """Title and content of every article in SaudiNewsNet-style zips (a JSON array per member)."""
    for path in sorted(Path(folder).glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for rec in json.loads(zf.read(name)):
                    yield (rec.get("title") or "") + "\n" + (rec.get("content") or "")


def norm_tokens(text: str) -> list[str]:
    return [normalize(t) for t in _TOKEN.findall(text)]


def _count_and_encode(texts: Iterable[str], vocab_size: int):
    import numpy as np

    docs: list[list[str]] = []
    counts: Counter[str] = Counter()
    for text in texts:
        toks = norm_tokens(text)
        counts.update(toks)
        docs.append(toks)
    vocab = [w for w, _ in counts.most_common(vocab_size)]
    index = {w: i for i, w in enumerate(vocab)}
    # one flat id array; -1 for out-of-vocabulary, -2 separates documents
    ids: list[int] = []
    for toks in docs:
        ids.extend(index.get(t, -1) for t in toks)
        ids.append(-2)
    return vocab, counts, np.asarray(ids, dtype=np.int64)


def _ppmi_matrix(ids: np.ndarray, n_words: int, n_ctx: int):
    import numpy as np

    from scipy import sparse

    blocks = []
    # (offset, block) — left-1, right-1 and both ±2 folded into one block
    for block, offsets in enumerate(((-1,), (1,), (-2, 2))):
        rows, cols = [], []
        for d in offsets:
            a = ids[max(0, -d) : len(ids) - max(0, d)]
            b = ids[max(0, d) : len(ids) - max(0, -d)]
            keep = (a >= 0) & (b >= 0) & (b < n_ctx)
            rows.append(a[keep])
            cols.append(b[keep] + block * n_ctx)
        blocks.append((np.concatenate(rows), np.concatenate(cols)))
    r = np.concatenate([b[0] for b in blocks])
    c = np.concatenate([b[1] for b in blocks])
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(n_words, 3 * n_ctx)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel() + 1e-9
    col = np.asarray(m.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al. 2015)
    col = col / col.sum() * total + 1e-9
    m = m.tocoo()
    pmi = np.log(m.data * total / (row[m.row] * col[m.col]))
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)


def _kmeans(x: np.ndarray, k: int, iters: int, seed: int) -> np.ndarray:
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        labels = np.argmax(x @ centres.T, axis=1)  # unit vectors: max cosine = nearest
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / (np.linalg.norm(c) + 1e-9)
            else:  # re-seed an empty cluster
                centres[j] = x[rng.integers(len(x))]
    return labels


def train_clusters(
    folder: Path,
    out: Path = CLUSTERS_PATH,
    *,
    vocab_size: int = 60000,
    contexts: int = 3000,
    dims: int = 100,
    iters: int = 12,
    seed: int = 13,
    log=print,
) -> dict:
    import numpy as np

    from scipy.sparse.linalg import svds

    vocab, counts, ids = _count_and_encode(corpus_texts(folder), vocab_size)
    log(f"tokens: {int((ids != -2).sum())}  types: {len(counts)}  vocabulary kept: {len(vocab)}")
    ppmi = _ppmi_matrix(ids, len(vocab), contexts)
    u, s, _ = svds(ppmi, k=dims, random_state=seed)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    save_vectors(vocab[:VECTOR_WORDS], vec[:VECTOR_WORDS], Path(out).with_name(VECTORS_NAME))
    grains = {k: _kmeans(vec, k, iters, seed) for k in GRAINS}
    cue_cols = _cue_buckets(ids, vocab)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# word\tcount\t" + "\t".join(f"c{k}" for k in GRAINS) + "\t" + "\t".join(CUE_NAMES) + "\n")
        for i, w in enumerate(vocab):
            cols = [str(grains[k][i]) for k in GRAINS] + [str(c[i]) for c in cue_cols]
            fh.write(f"{w}\t{counts[w]}\t" + "\t".join(cols) + "\n")
    return {"words": len(vocab), "tokens": int((ids != -2).sum()), "out": str(out)}


def save_vectors(words: list[str], vec, path: Path) -> None:
    """The words' unit-length vectors as int8 with one float16 scale per row (4.5 MB for 45,000 × 100
    instead of 18 as float32), and the words themselves (UTF-8, one per line)."""
    import numpy as np

    vec = np.asarray(vec, dtype=np.float32).astype(np.float64)  # the same bytes from any float input
    scale = np.abs(vec).max(axis=1, keepdims=True) / 127.0 + 1e-12
    q = np.round(vec / scale).astype(np.int8)
    text = np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)
    with open(path, "wb") as fh:  # a str path without ".npz" would get one added
        np.savez_compressed(fh, q=q, scale=scale.astype(np.float16), words=text)


@lru_cache(maxsize=2)
def load_vectors(path: str = str(DATA_DIR / VECTORS_NAME)):
    """({word: row}, float32 matrix) of the vectors written by ``save_vectors``, or None when absent."""
    import numpy as np

    if not Path(path).exists():
        return None
    with np.load(path) as z:
        words = z["words"].tobytes().decode("utf-8").split("\n")
        return {w: i for i, w in enumerate(words)}, z["q"].astype(np.float32) * z["scale"].astype(np.float32)


def _cue_buckets(ids: np.ndarray, vocab: list[str]) -> list[np.ndarray]:
    """For each cue list, how often a word follows one of its cue words in the corpus (a share of
    the word's occurrences, bucketed 0-3): an unlabelled "gazetteer" of words that behave like
    person names (after titles), places (after «مدينة») or organisation names (after «وزارة»)."""
    import numpy as np

    from marsad.arabic import ner_triggers as cues

    prev, cur = ids[:-1], ids[1:]
    valid = (prev >= 0) & (cur >= 0)
    total = np.bincount(cur[cur >= 0], minlength=len(vocab)).astype(np.float64) + 1.0
    out = []
    for words in (cues.PERSON_TITLES, cues.PLACE_CUES, cues.ORG_HEADS):
        is_cue = np.array([w in words for w in vocab], dtype=bool)
        hits = valid.copy()
        hits[valid] = is_cue[prev[valid]]
        share = np.bincount(cur[hits], minlength=len(vocab)) / total
        out.append(np.digitize(share, [0.02, 0.1, 0.3]))
    return out


class Clusters:
    """Lookup of a normalised word's cluster ids and corpus count."""

    def __init__(self, path: Path = CLUSTERS_PATH):
        self.ids: dict[str, tuple[str, ...]] = {}
        self.counts: dict[str, int] = {}
        self.cues: dict[str, tuple[str, ...]] = {}
        if not Path(path).exists():
            return
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                self.counts[parts[0]] = int(parts[1])
                self.ids[parts[0]] = tuple(parts[2 : 2 + len(GRAINS)])
                self.cues[parts[0]] = tuple(parts[2 + len(GRAINS) :])

    def get(self, word: str) -> tuple[str, ...] | None:
        return self.ids.get(word)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)


@lru_cache(maxsize=2)
def load_clusters(path: str = str(CLUSTERS_PATH)) -> Clusters:
    return Clusters(Path(path))
