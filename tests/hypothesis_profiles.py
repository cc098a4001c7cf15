"""Hypothesis profiles for the fuzz tests (tests/test_fuzz_*.py import this; conftest.py does not, so
other tests keep hypothesis' defaults).

- ``marsad-ci`` (the default): derandomised, so every run and every machine tries the same examples
  and a failure reproduces; no deadline (a loaded CI runner is not a bug: speed is what
  tests/test_regex_safety.py measures); no example database.
- ``marsad-explore``: fresh random examples on every run, for hunting new crashes locally:
  ``MARSAD_HYPOTHESIS_PROFILE=marsad-explore .venv/bin/python -m pytest tests/test_fuzz_stages.py``
  (or, with a time budget and saved crashes, ``python fuzz/run.py TARGET``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "marsad-ci", derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
settings.register_profile("marsad-explore", settings.get_profile("marsad-ci"), derandomize=False)

PROFILE = os.environ.get("MARSAD_HYPOTHESIS_PROFILE", "marsad-ci")


def fuzz_settings(max_examples: int) -> settings:
    """The active profile with an example count (each test says how many it can afford)."""
    return settings(settings.get_profile(PROFILE), max_examples=max_examples)
