"""On the five seed pages, the people and places that recur come out as one entity each."""

from collections import Counter
from pathlib import Path

import pytest

from marsad.arabic.normalize import normalize
from marsad.document import Article
from marsad.extract.entities import EntityStage, clean_name, family_name_links, type_links
from marsad.extract.ner import NerStage

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

# names as cleaned (clitics and titles stripped, normalised) → the entity they must all land in
EXPECTED = {
    "Lavrov": {"لافروف", "سيرغي لافروف"},
    "Shoukry": {"شكري", "سامح شكري"},
    "Russia": {"روسيا"},
    "Egypt": {"مصر"},
    "Syria": {"سورية", "سوريا"},
    "Moscow": {"موسكو"},
}


def _body(path: Path) -> str:
    # body lines: long lines without links (the page chrome is short lines, menus and URLs)
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return "\n\n".join(ln for ln in lines if len(ln.split()) >= 10 and "http" not in ln)


@pytest.mark.shared
def test_seed_entities_merge():
    pages = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(pages) < 5:
        pytest.skip(f"{SEEDS} not found: the seeds test needs ../shared")
    arts = [Article(id=p.stem, source="seed", text=_body(p), raw_text="", origin=str(p)) for p in pages]
    EntityStage()(NerStage()(arts))
    mentions = [m for a in arts for m in a.mentions]
    counts = Counter(m.entity_key for m in mentions)
    links = type_links(counts)
    keys = {links.get(k, k) for k in counts}
    links.update(family_name_links(keys))
    for label, names in EXPECTED.items():
        wanted = {normalize(n) for n in names}
        found = {links.get(m.entity_key, m.entity_key) for m in mentions
                 if normalize(" ".join(clean_name(m.text, m.type))) in wanted}
        pages_with = {a.id for a in arts for m in a.mentions if normalize(" ".join(clean_name(m.text, m.type))) in wanted}
        assert len(pages_with) >= 2, f"{label}: found on {len(pages_with)} pages only"
        assert len(found) == 1, f"{label}: {sorted(found)}"
