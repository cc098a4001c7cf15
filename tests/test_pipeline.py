"""The pipeline: stage registry and order checks, failure handling, executors, ids, language."""

import pytest

from marsad.document import Article, RawDocument
from marsad.errors import ConfigError
from marsad.pipeline import (
    NormaliseStage, ProcessExecutor, LocalExecutor, build_stages, detect_language, run_stages, to_article,
)


def art(i, text="نص عربي قصير عن الاقتصاد"):
    return Article(id=str(i), source="s", text=f"{text} {i}", raw_text=text, origin="t")


@pytest.mark.parametrize("text, lang", [
    ("أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية.", "ar"),
    ("The ministry announced a new plan to support farmers in rural areas.", "en"),
    ("وزارت کشاورزی امروز برنامه جدیدی برای حمایت از کشاورزان اعلام کرد که چند هفته", "fa"),
    ("   ", None),
])
def test_language(text, lang):
    assert detect_language(text) == lang


def test_unknown_stage_is_a_clear_error():
    with pytest.raises(ConfigError, match="unknown stage"):
        build_stages(["clean", "spellcheck"])


def test_stages_come_in_pipeline_order_and_normalise_is_always_there():
    names = [s.name for s in build_stages(["dates", "clean"])]
    assert names == ["clean", "normalise", "dates"]


class Boom:
    name, requires, provides = "boom", (), ()

    def __call__(self, articles):
        if any(a.id == "2" for a in articles):
            raise ValueError("cannot handle article 2")
        return articles


class Misconfigured(Boom):
    def __call__(self, articles):
        raise ConfigError("model file missing")


def test_a_failing_article_is_kept_and_reported():
    out = run_stages([Boom(), NormaliseStage()], [art(1), art(2), art(3)])
    assert [a.id for a in out] == ["1", "2", "3"]
    assert out[1].meta["stage_errors"] == ["boom: ValueError: cannot handle article 2"]
    assert all(a.norm_hash for a in out)


def test_configuration_errors_stop_the_run():
    with pytest.raises(ConfigError):
        run_stages([Misconfigured()], [art(1)])


def test_process_executor_keeps_order_and_matches_local():
    batches = [[art(i * 10 + j) for j in range(3)] for i in range(6)]
    local = [[a.norm_hash for a in b] for b in LocalExecutor().map([NormaliseStage()], batches)]
    pooled = [[a.norm_hash for a in b] for b in ProcessExecutor(2).map([NormaliseStage()], batches)]
    assert local == pooled and len(local) == 6


def test_article_id_is_stable_and_depends_on_source_locator_and_text():
    raw = RawDocument(origin="f.txt", text="نص الخبر", source="a", url="https://x.example/1")
    same = RawDocument(origin="other/f.txt", text="نص  الخبر", source="a", url="https://x.example/1")
    assert to_article(raw).id == to_article(same).id  # whitespace does not make a new article
    for change in (dict(source="b"), dict(url="https://x.example/2"), dict(text="نص آخر")):
        other = RawDocument(**{**raw.__dict__, **change})
        assert to_article(other).id != to_article(raw).id
