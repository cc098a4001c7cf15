"""Run marsad's normal per-article pipeline on a gold document's text (for the quote/event evals).

The eval must score what the product does: a raw scraped page is cleaned, tagged, dated, then its
quotes and events are extracted. Stages that are not available in this build (or fail to load their
model) are skipped and reported, so the eval says exactly which stages ran.
"""

from __future__ import annotations

from typing import Any

from marsad.document import Article, RawDocument

ORDER = ("clean", "ner", "entities", "dates", "quotes", "events")


class GoldPipeline:
    """The stages of ``ORDER`` that load in this build, run one document at a time."""

    def __init__(self, names: tuple[str, ...] = ORDER):
        self.stages: list[Any] = []
        self.skipped: dict[str, str] = {}
        for name in names:
            stage = _load(name, self.skipped)
            if stage is not None:
                self.stages.append(stage)
        self.failed: dict[str, str] = {}
        self.clean_fallbacks = 0  # documents whose cleaning dropped most of the text

    @property
    def ran(self) -> list[str]:
        return [s.name for s in self.stages if s.name not in self.failed]

    def article(self, doc: dict, origin: str = "gold", record: str | None = None) -> Article:
        """Build the Article for one gold document and run the stages over it."""
        from marsad.pipeline import to_article

        raw = RawDocument(
            origin=origin, record=record, text=doc.get("text") or "", title=doc.get("title"),
            source=doc.get("source") or "gold", published=doc.get("published"),
            file_name=str(doc.get("id") or record or "doc"), url=doc.get("url"),
        )
        batch = [to_article(raw)]
        original = batch[0].text
        for stage in self.stages:
            if stage.name in self.failed or (stage.name == "clean" and doc.get("title")):
                # a document that comes with its title is an article record (SaudiNewsNet), not a
                # scraped page: cleaning it would take its first paragraph for a title
                continue
            try:
                batch = stage(batch)
            except Exception as exc:  # a stage that cannot run here (e.g. no model file) is skipped
                self.failed[stage.name] = f"{type(exc).__name__}: {exc}"
            if stage.name == "clean" and _lost_body(original, batch[0].text):
                # an already-clean article (one paragraph, no chrome) must not lose its body
                batch[0].text = original
                batch[0].meta["clean_fallback"] = True
                self.clean_fallbacks += 1
        return batch[0]


def _lost_body(before: str, after: str) -> bool:
    """Cleaning kept less than a third of the words: treat the text as already clean."""
    return len((after or "").split()) * 3 < len((before or "").split())


def _load(name: str, skipped: dict[str, str]):
    from marsad.pipeline import STAGES, _load as load_spec

    try:
        cls = load_spec(STAGES[name])
        return cls()
    except Exception as exc:  # not in this build yet
        skipped[name] = f"{type(exc).__name__}: {exc}"
        return None
