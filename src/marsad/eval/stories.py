"""``marsad eval stories``: BCubed scores of story clustering on a gold stream.

The gold (and optional background) articles are clustered in ``published`` order as one stream, the
way an archive would see them; only gold articles are scored (EVAL_FORMATS.md, section "stories").
When the archive layer is available the articles go through a fresh temporary archive and its
:class:`~marsad.stories.cluster.StoryStage`; otherwise (or with ``archive=False``) the same clusterer
runs in memory on articles built straight from the records.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from marsad.document import Article
from marsad.errors import GoldFormatError
from marsad.eval.bcubed import bcubed
from marsad.stories.clusterer import Settings, StoryClusterer
from marsad.stories.features import featurize

REQUIRED = ("id", "source", "text")


def read_articles(path: Path, *, gold: bool) -> list[dict]:
    """Read JSONL article records, checking the fields the format requires."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc})") from exc
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(rec, dict):
            raise GoldFormatError(f"{path}:{n}: expected a JSON object")
        missing = [k for k in REQUIRED + (("story",) if gold else ()) if rec.get(k) in (None, "")]
        if missing:
            raise GoldFormatError(f"{path}:{n}: missing {', '.join(missing)}")
        records.append(rec)
    if gold and not records:
        raise GoldFormatError(f"{path}: no articles")
    return records


def to_article(rec: dict) -> Article:
    return Article(
        id=str(rec["id"]), source=str(rec["source"]), text=rec["text"], raw_text=rec["text"],
        origin="eval", title=rec.get("title") or None, published=rec.get("published") or None,
        url=rec.get("url"),
    )


def stream_order(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r.get("published") or "", str(r["id"])))


def cluster_in_memory(records: list[dict], settings: Settings | None = None) -> dict[str, int]:
    """Article id → story id, clustering the records one by one in ``published`` order."""
    clusterer = StoryClusterer(settings)
    for rec in stream_order(records):
        clusterer.add(featurize(to_article(rec)))
    return dict(clusterer.article_story)


def score(gold_records: list[dict], assignment: dict[str, int]) -> dict:
    gold = {str(r["id"]): r["story"] for r in gold_records}
    pred = {i: assignment[i] for i in gold if i in assignment}
    return {
        "task": "stories",
        "bcubed": bcubed(gold, pred),
        "articles": len(gold),
        "gold_stories": len(set(gold.values())),
        "pred_stories": len({pred.get(i, ("alone", i)) for i in gold}),
    }


def evaluate(gold_path: Path, background_path: Path | None = None, *,
             settings: Settings | None = None, archive: bool = True) -> dict:
    gold_records = read_articles(gold_path, gold=True)
    records = list(gold_records)
    if background_path:
        gold_ids = {str(r["id"]) for r in gold_records}
        records += [r for r in read_articles(background_path, gold=False) if str(r["id"]) not in gold_ids]
    assignment = None
    mode = "memory"
    if archive:
        assignment = cluster_in_archive(records, settings)
        mode = "archive" if assignment is not None else "memory"
    if assignment is None:
        assignment = cluster_in_memory(records, settings)
    result = score(gold_records, assignment)
    result["mode"] = mode
    return result


def cluster_in_archive(records: list[dict], settings: Settings | None = None) -> dict[str, int] | None:
    """Record id → story id after ingesting the records in ``published`` order into a fresh archive
    (read → clean → … → dedup → stories); ``None`` when the archive layer is not installed. With
    ``settings`` the story stage runs by hand with them after ingest (same code path, for tuning)."""
    try:
        import marsad
        from marsad.stories.cluster import StoryStage
        open_archive = marsad.open
    except (ImportError, AttributeError):
        return None
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
