"""Full-text search: the tantivy index (`index.py`), the query language (`query.py`) and
highlighted snippets (`snippet.py`), all over the same normalised, lightly stemmed analysis."""

from marsad.search.index import Hits, SearchIndex
from marsad.search.query import ParsedQuery, parse_query
from marsad.search.snippet import Snippet, make_snippet

__all__ = ["Hits", "ParsedQuery", "SearchIndex", "Snippet", "make_snippet", "parse_query"]
