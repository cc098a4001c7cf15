"""The five seed pages (../shared/corpus/seeds, Russia–Egypt diplomacy on Syria, 2015–2020) form one
storyline of several stories when read through the whole pipeline."""

from pathlib import Path

import pytest

import marsad

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds"


@pytest.mark.shared
def test_seeds_are_one_storyline_of_separate_stories(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed pages cannot be read")
    arch = marsad.open(tmp_path / "seeds")
    arch.ingest([str(SEEDS)])
    if not arch.store.query("SELECT COUNT(*) FROM mentions")[0][0]:
        arch.close()
        pytest.skip("no entity mentions extracted (NER stage unavailable): storylines lean on shared entities")
    rows = arch.store.query("SELECT id, storyline, size FROM stories")
    arch.close()
    assert len(rows) >= 4  # different meetings and statements are different stories…
    assert len({r["storyline"] for r in rows}) == 1  # …of one ongoing matter
