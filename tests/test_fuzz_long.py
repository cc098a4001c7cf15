"""Every fuzzing target for a time budget (make test-long): fresh random examples each run, plus
each target's huge inputs (a 2 MB line, 100,000 lines …). A crash is saved to fuzz/crashes/ (see
fuzz/README.md) and fails the test with the file to replay. About 20 s a target, under 10 minutes.
"""

from __future__ import annotations

import pytest

from fuzz.run import ROOT, fuzz
from fuzz.targets import TARGETS

SECONDS = 12  # per target, besides its huge inputs
DEADLINE = 20  # seconds one generated example may take on a loaded machine


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TARGETS))
def test_fuzz_target_for_a_while(name):
    examples, crashes = fuzz(TARGETS[name], SECONDS, DEADLINE)
    assert examples > 0
    assert not crashes, "crashes saved (replay with fuzz/run.py NAME --replay FILE.pickle):\n" + "\n".join(
        str(path.relative_to(ROOT)) for path in crashes)
