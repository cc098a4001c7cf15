"""clean: separate the article from the page around it — title, dateline, credits, body, and the
removed lines with a reason (rules in ``arabic/chrome_rules.tsv``, recurring lines learned per source)."""

from marsad.clean.recurring import RecurringLearner, RecurringSnapshot, learn, reclean_source, snapshot
from marsad.clean.stage import CleanResult, CleanStage, clean_page

__all__ = [
    "CleanStage",
    "CleanResult",
    "clean_page",
    "RecurringLearner",
    "RecurringSnapshot",
    "learn",
    "snapshot",
    "reclean_source",
]
