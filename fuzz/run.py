"""Fuzz one target (or all) with hypothesis for a time budget; save every crash to fuzz/crashes/.

    python fuzz/run.py normalize --seconds 60
    python fuzz/run.py all --seconds 30
    python fuzz/run.py read_zip --replay fuzz/crashes/read_zip-1a2b3c4d.pickle

Hypothesis runs the target in rounds of random examples until the time is up; a failing example is
shrunk to a small one, saved (``TARGET-HASH.txt``: the input's repr and the traceback;
``TARGET-HASH.pickle``: the input itself, for ``--replay``), and fuzzing goes on. An example slower
than ``--deadline`` seconds counts as a crash too: hostile input must not stall ingest. Each target's
huge inputs (a 1 MB line, 100,000 lines …) run first, once. The exit status is 1 when anything
crashed.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `python fuzz/run.py` from anywhere: the fuzz package is beside src/

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from fuzz.targets import TARGETS, Target  # noqa: E402

CRASHES = ROOT / "fuzz" / "crashes"
ROUND = 200  # examples per hypothesis run; each round draws fresh random examples


def fuzz(target: Target, seconds: float, deadline: float) -> tuple[int, list[Path]]:
    """Run ``target`` for about ``seconds``; returns (examples run, crash files written)."""
    crashes: list[Path] = []
    examples = 0
    for example in target.extremes():  # huge inputs: they must not crash; speed is the scaling tests' job
        examples += 1
        crashes.extend(_run_one(target, example))
    stop = time.monotonic() + seconds
    strategy = target.inputs()
    while time.monotonic() < stop:
        failing: list = []
        counted = [0]

        @settings(max_examples=ROUND, deadline=None, database=None, derandomize=False,
                  phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
        @given(strategy)
        def run(example):
            counted[0] += 1
            started = time.monotonic()
            try:
                target.check(example)
            except Exception:
                failing[:] = [example, traceback.format_exc()]
                raise
            took = time.monotonic() - started
            if took > deadline:
                failing[:] = [example, f"slow: {took:.1f} s on one example (deadline {deadline} s)"]
                raise AssertionError(failing[1])

        try:
            run()
        except Exception:  # hypothesis re-raises the shrunk failure; it is in `failing`
            if not failing:
                raise  # the target's own strategy failed: a bug in fuzz/, not a crash to save
            crashes.append(_save(target.name, *failing))
        examples += counted[0]
    return examples, crashes


def _run_one(target: Target, example) -> list[Path]:
    try:
        target.check(example)
    except Exception:
        return [_save(target.name, example, traceback.format_exc())]
    return []


def _save(name: str, example, error: str) -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps(example)
    stem = CRASHES / f"{name}-{hashlib.blake2b(data, digest_size=4).hexdigest()}"
    stem.with_suffix(".pickle").write_bytes(data)
    shown = repr(example)
    if len(shown) > 5000:
        shown = shown[:5000] + f"… ({len(shown):,} characters in all)"
    stem.with_suffix(".txt").write_text(f"target: {name}\ninput: {shown}\n\n{error}\n", encoding="utf-8",
                                        errors="backslashreplace")
    return stem.with_suffix(".txt")


def replay(name: str, path: Path) -> int:
    example = pickle.loads(path.read_bytes())
    TARGETS[name].check(example)  # raises with the full traceback when it still crashes
    print(f"{name}: {path.name} no longer crashes")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help=f"one of: all, {', '.join(TARGETS)}")
    parser.add_argument("--seconds", type=float, default=60, help="time budget per target (default 60)")
    parser.add_argument("--deadline", type=float, default=10, help="seconds one example may take (default 10)")
    parser.add_argument("--replay", type=Path, help="run the target on one saved .pickle input")
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}: use one of all, {', '.join(TARGETS)}")
    if args.replay:
        return replay(names[0], args.replay)
    failed = False
    for name in names:
        started = time.monotonic()
        examples, crashes = fuzz(TARGETS[name], args.seconds, args.deadline)
        took = time.monotonic() - started
        print(f"{name}: {examples:,} examples in {took:.0f} s, {len(crashes)} crash(es)"
              + "".join(f"\n  {c.relative_to(ROOT)}" for c in crashes), flush=True)
        failed = failed or bool(crashes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
