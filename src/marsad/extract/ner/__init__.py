"""Named-entity tagging (CRF over clitic-aware, cluster and cue features)."""

from marsad.extract.ner.stage import NerStage, tag_text

__all__ = ["NerStage", "tag_text"]
