"""Small look-ups other features use (the article page shows the story an article belongs to)."""

from __future__ import annotations


def story_of(archive, article_id: str) -> dict | None:
    """``{"id", "title", "size", "n_sources"}`` of the article's story, or None."""
    rows = archive.store.query(
        "SELECT s.id, s.title, s.size, s.n_sources, s.storyline FROM story_members m "
        "JOIN stories s ON s.id = m.story_id WHERE m.article_id=?", (article_id,))
    return dict(rows[0]) if rows else None
