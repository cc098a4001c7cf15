"""marsad's bundled sample corpus: invented Arabic news pages used by ``make run`` and the tests."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent / "corpus"
