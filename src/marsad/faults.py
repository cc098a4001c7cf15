"""Fault injection for the crash tests: die at a named point of the write path.

``MARSAD_FAULT="index.commit:3"`` makes the process SIGKILL itself the third time it reaches the
point ``index.commit``; ``"index.commit:3:0.004"`` kills it 4 ms *after* reaching the point, from
another thread, so the kill lands inside whatever the point starts (a tantivy commit, a SQLite
transaction). Without the variable a point costs one dictionary lookup. The points are listed in
:data:`POINTS` so the crash tests can visit every one of them, and a test checks that each listed
point is reached by a normal ingest.
"""

from __future__ import annotations

import os
import signal
import threading
import time

POINTS = (
    "batch.start",       # a batch leaves the pipeline, nothing of it stored yet
    "batch.stored",      # the batch's articles, annotations and queue rows are committed
    "batch.indexed",     # the batch is in the index writer, not yet committed
    "stage.done",        # an archive stage (entities, dedup, stories) updated a batch, queue row not yet cleared
    "index.commit",      # a tantivy commit starts (use a delay to land inside it)
    "index.committed",   # the index committed, its queue rows not yet cleared
    "reclean",           # re-cleaning a source's stored articles after its chrome changed
    "run.end",           # the run's bookkeeping
)

_spec = os.environ.get("MARSAD_FAULT", "")
_name, _, _rest = _spec.partition(":")
_count_s, _, _delay_s = _rest.partition(":")
_target = int(_count_s or 1) if _name else 0
_delay = float(_delay_s or 0)
_seen = 0


def point(name: str) -> None:
    """Mark a point of the write path; kills the process here when ``MARSAD_FAULT`` names it."""
    global _seen
    if name != _name:
        return
    _seen += 1
    if _seen != _target:
        return
    if _delay <= 0:
        os.kill(os.getpid(), signal.SIGKILL)

    def later() -> None:
        time.sleep(_delay)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=later, daemon=True).start()
