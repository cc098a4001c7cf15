"""marsad (مرصد): an observatory for Arabic news.

    import marsad
    archive = marsad.open("marsad-archive")
    archive.ingest(["pages/"])
    archive.search("لافروف")
"""

from marsad.archive import Archive, IngestReport, SearchResults, open
from marsad.document import Article, RawDocument
from marsad.errors import MarsadError

__version__ = "0.1.0"
__all__ = ["Archive", "Article", "IngestReport", "MarsadError", "RawDocument", "SearchResults", "open", "__version__"]
