"""The ``ner`` pipeline stage: fills ``Article.mentions``, each article tagged as one document."""

from __future__ import annotations

from marsad.arabic.tokenize import sentences, tokenize
from marsad.document import Article, Mention
from marsad.extract.ner.conll import chunks


def _spans(text: str):
    return [(a, toks) for a, b in sentences(text) if (toks := tokenize(text[a:b]))]


def _mentions(text: str, spans, tagged) -> list[Mention]:
    mentions: list[Mention] = []
    for (a, toks), tags in zip(spans, tagged):
        for i, j, typ in sorted(chunks(tags)):
            start, end = a + toks[i].start, a + toks[j - 1].end
            mentions.append(Mention(start, end, typ, text[start:end]))
    return mentions


def tag_text(tagger, text: str) -> list[Mention]:
    """Mentions of ``text`` with offsets into it (the text is one document for the tagger's
    consistency stage)."""
    spans = _spans(text)
    return _mentions(text, spans, tagger.tag_document([[t.text for t in toks] for _, toks in spans]))


class NerStage:
    name = "ner"
    requires = ("text",)
    provides = ("mentions",)

    options = ("ner_neural",)

    def __init__(self, model: str | None = None, ner_neural: bool = True):
        self.model = model
        self.neural = bool(ner_neural)  # False: the CRFs alone (about twice as fast, ~0.01 worse F1)
        self._tagger = None  # loaded on first call (stages must stay cheap to pickle)

    def __getstate__(self):
        return {"model": self.model, "neural": self.neural, "_tagger": None}

    def _get_tagger(self):
        if self._tagger is None:
            from marsad.extract.ner.tagger import MODEL_PATH, default_tagger

            self._tagger = default_tagger(str(self.model or MODEL_PATH), None if self.neural else False)
        return self._tagger

    def __call__(self, articles: list[Article]) -> list[Article]:
        tagger = self._get_tagger()
        if len(articles) > 1:
            try:  # the whole batch's sentences decoded together (the same tags, faster)
                texts = [art.text or "" for art in articles]
                spans = [_spans(text) for text in texts]
                tagged = tagger.tag_documents([[[t.text for t in toks] for _, toks in sp] for sp in spans])
            except Exception:  # noqa: BLE001 - one article at a time below names the bad one
                pass
            else:
                for art, text, sp, tags in zip(articles, texts, spans, tagged):
                    art.mentions = _mentions(text, sp, tags)
                return articles
        for art in articles:
            try:
                art.mentions = tag_text(tagger, art.text or "")
            except Exception as exc:  # one bad article must not stop the batch
                art.mentions = []
                art.meta.setdefault("problems", []).append(f"ner: {type(exc).__name__}: {exc}")
        return articles
