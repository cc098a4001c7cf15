"""Storage: the archive's SQLite database (WAL) behind a small interface (`SqliteStore`), its schema
files (`schema/`, one per stage that keeps state) and migrations (`migrations/`). A PostgreSQL backend
for teams would implement the same methods."""

from marsad.store.sqlite import SCHEMA_VERSION, SqliteStore

__all__ = ["SCHEMA_VERSION", "SqliteStore"]
