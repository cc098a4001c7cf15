"""The `marsad` command end to end on a temporary archive (real entry point in a subprocess)."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_archive import GOVT, OTHER, WIRE, write_pages

MARSAD = [sys.executable, "-m", "marsad"]


def run(*args, check=True, env=None):
    proc = subprocess.run([*MARSAD, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"marsad {args} exited {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    pages = write_pages(root / "pages" / "daily-one", {"a.txt": "عنوان الخبر الأول\n\n" + WIRE,
                                                       "b.txt": "معرض الكتاب يفتح أبوابه\n\n" + OTHER})
    write_pages(root / "pages" / "daily-two", {"c.txt": "بيان حكومي جديد\n\n" + GOVT})
    arch = root / "archive"
    proc = run("ingest", root / "pages", "--archive", arch, "--json")
    report = json.loads(proc.stdout)
    assert report["added"] == 3 and report["rejected"] == 0, report
    return arch, pages


def test_reingest_reports_nothing_new(archive_dir):
    arch, pages = archive_dir
    report = json.loads(run("ingest", pages, "--archive", arch, "--json").stdout)
    assert report["added"] == 0 and report["unchanged"] == 2


def test_search_json_shape(archive_dir):
    arch, _ = archive_dir
    out = json.loads(run("search", "حكومة", "--archive", arch, "--json").stdout)
    assert set(out) == {"total", "results"} and out["total"] == 1
    (hit,) = out["results"]
    assert set(hit) == {"id", "title", "source", "published", "score", "snippet"}
    assert hit["source"] == "daily-two" and "<" not in hit["snippet"]


def test_search_table_and_filters(archive_dir):
    arch, _ = archive_dir
    assert "1 matching" in run("search", "الوزارة", "--archive", arch).stdout
    out = json.loads(run("search", "الوزارة", "--archive", arch, "--source", "daily-two", "--json").stdout)
    assert out["total"] == 0


def test_show_stats_export_sources(archive_dir, tmp_path):
    arch, _ = archive_dir
    hit = json.loads(run("search", "المعرض", "--archive", arch, "--json").stdout)["results"][0]
    shown = run("show", hit["id"][:10], "--archive", arch).stdout
    assert "معرض" in shown and "source: daily-one" in shown
    stats = json.loads(run("stats", "--archive", arch, "--json").stdout)
    assert stats["articles"] == 3 and stats["sources"] == {"daily-one": 2, "daily-two": 1}
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"export.{fmt}"
        run("export", "--archive", arch, "--format", fmt, "--out", out)
        assert out.stat().st_size > 0
    lines = (tmp_path / "export.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(x)["text"] for x in lines)
    edited = json.loads(run("sources", "daily-one", "--kind", "private", "--country", "SA", "--archive", arch,
                            "--json").stdout)
    assert edited["sources"][0]["kind"] == "private"


def test_delete_then_search(tmp_path):
    arch = tmp_path / "a"
    pages = write_pages(tmp_path / "p" / "outlet", {"g.txt": GOVT})
    run("ingest", pages, "--archive", arch)
    hit = json.loads(run("search", "حكومة", "--archive", arch, "--json").stdout)["results"][0]
    run("delete", hit["id"], "--archive", arch)
    assert json.loads(run("search", "حكومة", "--archive", arch, "--json").stdout)["total"] == 0


def test_bad_input_is_rejected_with_one_line_and_the_rest_ingests(tmp_path):
    good = write_pages(tmp_path / "in" / "outlet", {"good.txt": GOVT, "empty.txt": ""})
    (good / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (good / "lines.jsonl").write_text(json.dumps({"text": OTHER, "source": "x"}, ensure_ascii=False) + "\n{not json\n",
                                      encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "in" / "truncated.zip", "w") as z:
        z.writestr("a.jsonl", (json.dumps({"text": WIRE}, ensure_ascii=False) + "\n") * 50)
    data = (tmp_path / "in" / "truncated.zip").read_bytes()
    (tmp_path / "in" / "truncated.zip").write_bytes(data[: len(data) // 2])
    arch = tmp_path / "a"
    proc = run("ingest", tmp_path / "in", "--archive", arch, "--json")
    report = json.loads(proc.stdout)
    assert report["added"] == 2  # good.txt and the good JSON line
    reasons = {Path(r["origin"]).name + ":" + (r["record"] or ""): r["reason"] for r in report["rejections"]}
    assert len(report["rejections"]) >= 4, reasons
    assert any("empty.txt" in k for k in reasons) and any("binary.txt" in k for k in reasons)
    assert any("lines.jsonl" in k and "2" in k for k in reasons)
    assert any("truncated.zip" in k for k in reasons)
    strict = run("ingest", tmp_path / "in", "--archive", tmp_path / "b", "--strict", check=False)
    assert strict.returncode == 1
    for line in strict.stderr.splitlines():
        if line.startswith("rejected"):
            assert "\n" not in line and ":" in line


def test_missing_path_is_a_clear_fatal_error(tmp_path):
    proc = run("ingest", tmp_path / "nope", "--archive", tmp_path / "a", check=False)
    assert proc.returncode == 2
    assert "nope" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_every_command_has_help():
    out = run("--help").stdout
    for command in ("ingest", "search", "show", "stats", "export", "sources", "delete", "serve", "eval", "train"):
        assert command in out


@pytest.mark.parametrize("args, message", [
    (["search", "x", "--since", "notadate"], "since must be a date"),
    (["events", "--kind", "bogus"], "--kind must be one of"),
    (["entities", "--type", "XYZ"], "--type must be one of"),
    (["sources", "daily-one", "--kind", "bogus"], "kind must be one of"),
    (["sources", "no-such-outlet", "--kind", "state"], "no source named"),
])
def test_bad_option_values_are_one_line_errors(archive_dir, args, message):
    arch, _ = archive_dir
    proc = run(*args, "--archive", arch, check=False)
    assert proc.returncode == 2 and message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_mistyped_archive_is_an_error_not_a_new_empty_archive(tmp_path):
    proc = run("search", "x", "--archive", tmp_path / "typo", check=False)
    assert proc.returncode == 2 and "no marsad archive" in proc.stderr
    assert not (tmp_path / "typo").exists()


def test_ingest_can_skip_archive_stages(tmp_path):
    pages = write_pages(tmp_path / "p" / "outlet", {"g.txt": GOVT})
    report = json.loads(run("ingest", pages, "--archive", tmp_path / "a", "--stages", "clean,normalise",
                            "--archive-stages", "none", "--json").stdout)
    assert report["added"] == 1
    stats = json.loads(run("stats", "--archive", tmp_path / "a", "--json").stdout)
    assert stats.get("stories", 0) == 0 and stats["mentions"] == 0
