"""The seed pages and the development gold (rebuilt from ../shared; skipped without it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"

pytestmark = pytest.mark.shared
if not SEEDS.exists():
    pytest.skip(f"../shared is absent ({SHARED}): the seed and dev-gold tests need it", allow_module_level=True)


def _builder():
    spec = importlib.util.spec_from_file_location("build_quotes_gold", ROOT / "tests/golds/build_quotes_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def seeds():
    from marsad.eval.pipeline_runner import GoldPipeline

    pipe = GoldPipeline()
    meta = {}
    import json

    for line in (SEEDS / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        meta[row["file"]] = row
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = {"id": path.name, "text": path.read_text(encoding="utf-8"), "source": meta[path.name]["source"],
               "published": meta[path.name]["published"]}
        out[path.name[:3]] = pipe.article(doc)
    return out


def _families(names):
    return {n.split()[-1] for n in names if n}


def test_seed_speakers(seeds):
    speakers = _families(q.speaker for a in seeds.values() for q in a.quotes)
    assert {"لافروف", "شكري", "بوتين", "شويغو"} <= speakers
    putin = [q for q in seeds["002"].quotes if q.speaker and q.speaker.endswith("بوتين")]
    assert len(putin) >= 5


def test_seed_events(seeds):
    press = [e for e in seeds["000"].events if e.kind == "press_conference"]
    assert press and _families(press[0].participants) == {"لافروف", "شكري"} and press[0].place == "موسكو"
    calls = [e for e in seeds["003"].events if e.kind == "call"]
    assert calls and _families(calls[0].participants) == {"لافروف", "شكري"}
    assert calls[0].date_text == "أمس الخميس"


def test_dev_gold_quality_gate(tmp_path):
    """Pinned a little below the dev figures in docs/quotes.md (content F1 0.979, speaker 0.920,
    events F1 0.923 on 20 documents): a regression fails here; the dev gold is small, see the doc."""
    from marsad.eval.events import evaluate_events
    from marsad.eval.quotes import evaluate_quotes

    gold = tmp_path / "quotes_dev.jsonl"
    assert _builder().build_gold(gold, SHARED) == 20
    q = evaluate_quotes(gold)
    e = evaluate_events(gold)
    assert q["docs"] == 20 and set(q) >= {"task", "content", "speaker_accuracy", "kind_accuracy", "docs"}
    assert q["content"]["f1"] >= 0.92
    assert q["speaker_accuracy"] >= 0.85
    assert e["f1"] >= 0.80
