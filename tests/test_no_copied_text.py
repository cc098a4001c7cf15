"""Third-party text must not enter the repository: no 60-character run of a seed page appears in any
tracked text file (fixtures and the sample corpus are written by us)."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
WINDOW = 60


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_no_seed_text_in_the_repository():
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is absent: nothing to compare against")
    seed_windows = set()
    for page in SEEDS.glob("*.txt"):
        text = _norm(page.read_text(encoding="utf-8"))
        seed_windows.update(text[i:i + WINDOW] for i in range(0, max(len(text) - WINDOW, 0)))
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True).stdout.split()
    hits = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 20_000_000:
            continue
        data = path.read_bytes()
        if b"\x00" in data[:4096]:  # binary (model files): not text anyone could read
            continue
        text = _norm(data.decode("utf-8", errors="ignore"))
        if not re.search("[\u0600-\u06ff]", text):
            continue
        for i in range(0, max(len(text) - WINDOW, 0)):
            if text[i:i + WINDOW] in seed_windows:
                hits.append(f"{name}: …{text[i:i + WINDOW]}…")
                break
    assert not hits, "seed text copied into the repository:\n" + "\n".join(hits)
