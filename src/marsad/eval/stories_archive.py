"""Running the story gold through a real, temporary archive (ingest → clean → … → dedup → stories)."""

from __future__ import annotations

import tempfile

from marsad.stories.clusterer import Settings


def cluster_in_archive(records: list[dict], settings: Settings | None = None) -> dict[str, int] | None:
    """Record id → story id after ingesting the records in ``published`` order into a fresh archive;
    ``None`` when the archive layer is not installed. With ``settings`` the story stage is run by hand
    with them after ingest (the same code path, other parameters, for tuning)."""
    try:
        import marsad
        from marsad.stories.cluster import StoryStage
        open_archive = marsad.open
    except (ImportError, AttributeError):
        return None
    from marsad.eval.stories import stream_order

    stream = [{k: v for k, v in r.items() if k != "story"} for r in stream_order(records)]
    with tempfile.TemporaryDirectory(prefix="marsad-eval-stories-") as tmp:
        archive = open_archive(tmp)
        try:
            if settings is None:
                archive.ingest_records(stream, origin="eval-stories")
            else:
                report = archive.ingest_records(stream, origin="eval-stories", archive_stages=["dedup"])
                StoryStage(settings).update(archive, report.added_ids)
            rows = archive.store.query(
                "SELECT json_extract(a.meta, '$.record_id') AS rid, m.story_id FROM articles a "
                "JOIN story_members m ON m.article_id = a.id")
            return {str(r["rid"]): r["story_id"] for r in rows if r["rid"] is not None}
        finally:
            archive.close()
