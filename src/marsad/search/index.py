"""The full-text index: tantivy, BM25 over normalised, lightly stemmed Arabic.

Text is analysed in Python (:func:`marsad.arabic.stem.analyze`) and handed to tantivy as a stream of
stems, so indexing and querying share one analyser and the index never sees raw spelling variants.
A third field holds character trigrams of the stems (inflections the affix rules miss). The stem
streams of title and body are stored, for the second-stage rerank (``rerank.py``); titles, dates and
snippets shown to users come from the database. Method and measurements: docs/search.md.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import tantivy

from marsad import faults
from marsad.arabic.stem import analyze, analyze_matching_form, matching_form
from marsad.document import Article
from marsad.errors import ArchiveError
from marsad.search.query import ParsedQuery
from marsad.search.rerank import DEPTH, Candidate, idf, rerank

WRITER_HEAP = 128_000_000
EXACT_BOOST = 0.2  # the same word form as typed counts a little more than a shared stem
GRAM_BOOST = 0.1  # a shared trigram is weak evidence; tuned on half of ARCD train (docs/search.md)
TITLE_BOOST = 1.5  # news: 0.8 and 3.0 both lost nDCG on one half of the news dev gold (docs/search.md)
WIDEN_BELOW = 15  # fewer stem matches than this: trigrams may match too …
WIDEN_MIN_TERMS = 3  # … but only for queries of three or more content words (questions, not look-ups)


@lru_cache(maxsize=300_000)
def _stem_grams(w: str, n: int = 3) -> str:
    return " ".join(w[i:i + n] for i in range(len(w) - n + 1)) if len(w) > n else w


def index_fields(article: Article, norm: str | None = None) -> dict[str, str]:
    """The analysed text fields of an article's index document. Pure and picklable, so the pipeline
    computes it in its workers (``NormaliseStage``) and the single index writer only adds. ``norm`` is
    the text's :func:`matching_form` when the caller has it already."""
    norm = matching_form(article.text) if norm is None else norm
    title, body = analyze(article.title or ""), analyze_matching_form(norm)
    return {"title": " ".join(title), "body": " ".join(body),
            "gram": " ".join(map(_stem_grams, title + body)), "exact": norm}


def grams(stems: list[str], n: int = 3) -> list[str]:
    """Character n-grams inside each stem (a stem shorter than n is kept whole): they let «يتزوج»
    meet «تزوج» and other inflections the affix rules do not reach."""
    out = []
    for w in stems:
        out.extend([w[i:i + n] for i in range(len(w) - n + 1)] if len(w) > n else [w])
    return out


def _pub_int(published: str | None) -> int:
    if not published or len(published) < 10:
        return 0
    try:
        return int(published[:10].replace("-", ""))
    except ValueError:
        return 0


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    # Stored so the second stage (rerank.py) can read the stem streams of the top candidates.
    b.add_text_field("title", stored=True, tokenizer_name="default")
    b.add_text_field("body", stored=True, tokenizer_name="default")
    b.add_text_field("exact", tokenizer_name="default", index_option="freq")  # unstemmed normalised words
    b.add_text_field("gram", tokenizer_name="default", index_option="freq")  # n-grams of title+body stems
    b.add_text_field("source", tokenizer_name="raw", fast=True)
    b.add_text_field("entity", tokenizer_name="raw")
    b.add_integer_field("pub", indexed=True, fast=True)
    return b.build()


@dataclass
class Hits:
    total: int
    ids: list[tuple[str, float]]


class SearchIndex:
    def __init__(self, path: Path, *, may_reset: bool = True):
        """``may_reset``: the caller holds the archive's write lock, so an index written with another
        schema may be thrown away (it is derived data, refilled from the database)."""
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.schema_changed = False  # True: the index was reset and must be refilled from the database
        self.index = self._open(may_reset)
        self._writer: tantivy.IndexWriter | None = None

    def _open(self, may_reset: bool) -> tantivy.Index:
        try:
            return tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except ValueError as e:
            if "schema" not in str(e).lower():
                raise
            if not may_reset:
                raise ArchiveError(f"the search index in {self.path} was built by another marsad version and "
                                   "another process is writing; run `marsad check --repair` when it is done") from e
        # Written by an older marsad with another schema: the index is derived data, start it afresh.
        shutil.rmtree(self.path)
        self.path.mkdir(parents=True)
        self.schema_changed = True
        return tantivy.Index(self.schema, path=str(self.path), reuse=True)

    @property
    def writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(WRITER_HEAP, 1)
        return self._writer

    def add(self, articles: list[Article]) -> None:
        w = self.writer
        for a in articles:
            w.delete_documents_by_term("id", a.id)
            doc = tantivy.Document()
            doc.add_text("id", a.id)
            fields = a.index_fields or index_fields(a)
            for name in ("title", "body", "gram", "exact"):
                doc.add_text(name, fields[name])
            doc.add_text("source", a.source)
            for key in sorted({m.entity_key for m in a.mentions if m.entity_key}):
                doc.add_text("entity", key)
            doc.add_integer("pub", _pub_int(a.published))
            w.add_document(doc)

    def delete(self, ids: list[str]) -> None:
        for i in ids:
            self.writer.delete_documents_by_term("id", i)

    def commit(self) -> None:
        if self._writer is not None:
            faults.point("index.commit")
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None

    def doc_count(self) -> int:
        return self.index.searcher().num_docs

    def all_ids(self) -> list[str]:
        """The id of every live document (with repeats, if an id was ever indexed twice): what
        ``marsad check`` compares with the database."""
        self.index.reload()
        searcher = self.index.searcher()
        n = searcher.num_docs
        if not n:
            return []
        result = searcher.search(tantivy.Query.all_query(), limit=n)
        return [searcher.doc(addr)["id"][0] for _, addr in result.hits]

    # -- querying -------------------------------------------------------------------------------
    def _text_query(self, q: ParsedQuery, *, widen: bool) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        s, Occur, Query = self.schema, tantivy.Occur, tantivy.Query
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        should = []
        for t in q.terms:
            should.append((Occur.Should, Query.term_query(s, "body", t)))
            should.append((Occur.Should, Query.boost_query(Query.term_query(s, "title", t), TITLE_BOOST)))
        for w in q.exact:
            should.append((Occur.Should, Query.boost_query(Query.term_query(s, "exact", w), EXACT_BOOST)))
        gram_clauses = [(Occur.Should, Query.boost_query(Query.term_query(s, "gram", g), GRAM_BOOST))
                        for g in sorted(set(grams(q.terms)))] if GRAM_BOOST else []
        if widen:  # a shared trigram is enough to match
            should, gram_clauses = should + gram_clauses, []
        if should:
            clauses.append((Occur.Must, Query.boolean_query(should)))
        clauses.extend(gram_clauses)  # otherwise trigrams only add to the score of stem matches
        for words in q.phrases:
            body = Query.phrase_query(s, "body", words) if len(words) > 1 else Query.term_query(s, "body", words[0])
            title = Query.phrase_query(s, "title", words) if len(words) > 1 else Query.term_query(s, "title", words[0])
            clauses.append((Occur.Must, Query.boolean_query([(Occur.Should, body),
                                                              (Occur.Should, Query.boost_query(title, TITLE_BOOST))])))
        for words in q.excluded:
            ex = Query.phrase_query(s, "body", words) if len(words) > 1 else Query.term_query(s, "body", words[0])
            clauses.append((Occur.MustNot, ex))
        return clauses

    def _filters(self, entity_keys: list[list[str]] | None, sources: list[str] | None, since: str | None,
                 until: str | None) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        s, Occur, Query = self.schema, tantivy.Occur, tantivy.Query
        clauses = []
        if sources:
            clauses.append((Occur.Must, Query.boolean_query(
                [(Occur.Should, Query.term_query(s, "source", src)) for src in sources])))
        for keys in entity_keys or []:
            options = [(Occur.Should, Query.term_query(s, "entity", k)) for k in keys]
            clauses.append((Occur.Must, Query.boolean_query(options) if options else Query.empty_query()))
        if since or until:
            lo = _pub_int(since) if since else None
            hi = _pub_int(until) if until else None
            clauses.append((Occur.Must, Query.range_query(s, "pub", tantivy.FieldType.Integer, lo or 1, hi)))
        return clauses

    def search(self, q: ParsedQuery, *, entity_keys: list[list[str]] | None = None, sources: list[str] | None = None,
               since: str | None = None, until: str | None = None, limit: int = 10, offset: int = 0) -> Hits:
        filters = self._filters(entity_keys, sources, since, until)
        searcher = self.index.searcher()
        hits = self._search(searcher, q, filters, limit, offset, widen=False)
        if hits.total < WIDEN_BELOW and len(q.terms) >= WIDEN_MIN_TERMS and not q.phrases and GRAM_BOOST:
            # Few articles share a stem with a question-like query: let inflected forms in through their
            # trigrams (a question's «يتزوج» finds the paragraph's «تزوج»). A search for one or two
            # words is a researcher looking for those words: it never matches on trigrams alone.
            hits = self._search(searcher, q, filters, limit, offset, widen=True)
        return hits

    def _search(self, searcher: tantivy.Searcher, q: ParsedQuery, filters: list, limit: int, offset: int, *,
                widen: bool) -> Hits:
        text = self._text_query(q, widen=widen)
        clauses = text + filters
        if not any(o == tantivy.Occur.Must for o, _ in clauses):
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        query = tantivy.Query.boolean_query(clauses)
        if not text or offset >= DEPTH:  # nothing to re-order, or a page past the re-ordered head
            result = searcher.search(query, limit=limit, offset=offset, count=True)
            ids = [(searcher.doc(addr)["id"][0], float(score)) for score, addr in result.hits]
            return Hits(total=result.count or 0, ids=ids)
        result = searcher.search(query, limit=max(DEPTH, offset + limit), count=True)
        ranked = self._rerank(searcher, q, result.hits)
        return Hits(total=result.count or 0, ids=ranked[offset:offset + limit])

    def _rerank(self, searcher: tantivy.Searcher, q: ParsedQuery, hits: list) -> list[tuple[str, float]]:
        head, tail = hits[:DEPTH], hits[DEPTH:]
        candidates = []
        for score, addr in head:
            doc = searcher.doc(addr)
            text = f'{doc.get_first("title") or ""} {doc.get_first("body") or ""}'
            candidates.append(Candidate(doc["id"][0], float(score), text))
        n = searcher.num_docs
        terms = set(q.terms) | {w for p in q.phrases for w in p}
        weights = {t: idf(searcher.doc_freq("body", t), n) for t in terms}
        ranked = rerank(candidates, weights, sorted(set(grams(sorted(terms)))))
        top = max((float(sc) for sc, _ in head), default=1.0) or 1.0
        ranked.extend((searcher.doc(addr)["id"][0], float(sc) / top) for sc, addr in tail)
        return ranked
