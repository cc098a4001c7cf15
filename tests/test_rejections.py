"""Rejected records: `marsad ingest` prints a few per file and counts the rest, the report keeps the
first REPORT_REJECTIONS, and `marsad rejections` / `GET /api/rejections` (token) list them all from the
archive. Fixtures are written here: a JSONL file of broken lines around two short articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.api.access import AccessPolicy
from marsad.api.app import create_app
from marsad.archive import REPORT_REJECTIONS
from marsad.cli.core import SHOWN_PER_FILE
from marsad.errors import ConfigError, NotFound

MARSAD = [sys.executable, "-m", "marsad"]
FAST = ["--stages", "normalise", "--archive-stages", "none", "--quiet"]
TOKEN = "rejections-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLES = [
    {"title": "افتتاح مكتبة عامة في الحي القديم", "source": "daily-east",
     "text": "افتتحت البلدية صباح أمس مكتبة عامة في الحي القديم تضم آلاف الكتب للأطفال والكبار، "
             "وقال رئيس البلدية إن المكتبة ستفتح أبوابها مجاناً طوال أيام الأسبوع."},
    {"title": "تأجيل مباراة القمة بسبب الأمطار", "source": "daily-east",
     "text": "أعلن اتحاد كرة القدم تأجيل مباراة القمة بين الفريقين إلى الأسبوع المقبل بعد أن غمرت "
             "الأمطار الغزيرة أرض الملعب، على أن يحدد موعدها الجديد خلال يومين."},
]
# Three ways to break a JSON line, so the full reasons differ while their kind is the same (none is an
# unterminated string: the reader would join the next lines to it, taking it for a record cut in two).
BROKEN = ['{"text": }', '{"text" "خبر قصير"}', "ليس سطراً من JSON"]
MALFORMED, EMPTY = 30, 3


def run(*args, check=True):
    proc = subprocess.run([*MARSAD, *map(str, args)], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "MARSAD_ARCHIVE": ""})
    if check and proc.returncode != 0:
        raise AssertionError(f"marsad {args} exited {proc.returncode}: {proc.stderr}")
    return proc


def write_inputs(folder):
    """mixed.jsonl: MALFORMED broken lines with the two articles at lines 5 and 20;
    empty.jsonl: EMPTY records without text. Returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [BROKEN[i % len(BROKEN)] for i in range(MALFORMED)]
    lines.insert(4, json.dumps(ARTICLES[0], ensure_ascii=False))
    lines.insert(19, json.dumps(ARTICLES[1], ensure_ascii=False))
    mixed = folder / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty = folder / "empty.jsonl"
    empty.write_text("".join(json.dumps({"text": "", "title": f"بلا نص {i}"}, ensure_ascii=False) + "\n"
                             for i in range(EMPTY)), encoding="utf-8")
    return mixed, empty


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("rejections")
    mixed, empty = write_inputs(root / "in")
    arch = root / "archive"
    proc = run("ingest", mixed, empty, "--archive", arch, *FAST)
    return arch, mixed, empty, proc


def bad_line_numbers():
    """The line numbers of mixed.jsonl's broken lines, in order."""
    return [n for n in range(1, MALFORMED + 3) if n not in (5, 20)]


def test_ingest_prints_ten_lines_per_file_then_how_many_more(ingested):
    arch, mixed, empty, proc = ingested
    lines = proc.stderr.splitlines()
    shown = [line for line in lines if line.startswith(f"rejected {mixed}:line ")]
    assert [int(line.split(":line ")[1].split(":")[0]) for line in shown] == bad_line_numbers()[:SHOWN_PER_FILE]
    assert all("malformed JSON" in line for line in shown)
    run_id = json.loads(run("rejections", "--archive", arch, "--run", "last", "--json").stdout)["items"][0]["run_id"]
    more = [line for line in lines if " more (" in line]
    assert more == [(f"rejected {mixed}: {MALFORMED - SHOWN_PER_FILE} more (list them with: marsad rejections "
                     f"--run {run_id} --origin {mixed} --archive {arch})")]
    assert len([line for line in lines if line.startswith(f"rejected {empty}:line ")]) == EMPTY
    assert len(lines) == SHOWN_PER_FILE + 1 + EMPTY
    assert f"2 added, 0 already in the archive, 0 exact duplicates of stored texts, {MALFORMED + EMPTY} rejected" \
        in proc.stdout


def test_the_hinted_command_lists_the_rest(ingested):
    proc = ingested[3]
    hint = next(line for line in proc.stderr.splitlines() if " more (" in line)
    command = hint.split("list them with: marsad ")[1].rstrip(")").split()
    lines = run(*command).stdout.splitlines()
    assert lines[-1] == f"shown {MALFORMED} of {MALFORMED}"
    assert [line.split(":")[1] for line in lines[:-1]] == [f"line {n}" for n in bad_line_numbers()]


def test_rejections_lists_the_last_run(ingested):
    arch, mixed, empty, _ = ingested
    lines = run("rejections", "--archive", arch, "--run", "last").stdout.splitlines()
    assert lines[-1] == f"shown {MALFORMED + EMPTY} of {MALFORMED + EMPTY}"
    assert lines[0].startswith(f"{mixed}:line 1: malformed JSON: ")
    assert lines[MALFORMED:-1] == [f"{empty}:line {n}: empty text" for n in range(1, EMPTY + 1)]


@pytest.mark.parametrize("option, value, total", [
    ("--origin", "MIXED.JSONL", MALFORMED), ("--origin", "empty", EMPTY), ("--origin", "nowhere", 0),
    ("--reason", "Malformed json", MALFORMED), ("--reason", "empty text", EMPTY), ("--reason", "%", 0),
])
def test_rejections_filters(ingested, option, value, total):
    arch = ingested[0]
    out = json.loads(run("rejections", "--archive", arch, option, value, "--json").stdout)
    assert out["total"] == total and len(out["items"]) == min(total, 50)
    assert all(value.lower() in item[option[2:]].lower() for item in out["items"])


def test_rejections_pages_and_json_shape(ingested):
    arch = ingested[0]
    out = json.loads(run("rejections", "--archive", arch, "--limit", "4", "--offset", "8", "--json").stdout)
    assert out["total"] == MALFORMED + EMPTY
    assert [item["record"] for item in out["items"]] == [f"line {n}" for n in bad_line_numbers()[8:12]]
    assert set(out["items"][0]) == {"id", "run_id", "origin", "record", "reason", "at"}
    plain = run("rejections", "--archive", arch, "--limit", "4", "--offset", "8").stdout.splitlines()
    assert len(plain) == 5 and plain[-1] == f"shown 4 of {MALFORMED + EMPTY} (from number 9)"


def test_rejections_summary_counts_by_file_and_kind(ingested):
    arch, mixed, empty, _ = ingested
    out = json.loads(run("rejections", "--archive", arch, "--summary", "--json").stdout)
    assert out == {"summary": [{"origin": str(mixed), "reason": "malformed JSON", "count": MALFORMED},
                               {"origin": str(empty), "reason": "empty text", "count": EMPTY}]}
    plain = run("rejections", "--archive", arch, "--summary", "--origin", "mixed").stdout.splitlines()
    assert plain == [f"{MALFORMED:>9,}  {mixed}: malformed JSON", f"{MALFORMED} rejected in all"]


def test_empty_result_and_unknown_run(ingested):
    arch = ingested[0]
    proc = run("rejections", "--archive", arch, "--reason", "no such reason")
    assert proc.stdout.strip() == "no rejections match reason 'no such reason'"
    proc = run("rejections", "--archive", arch, "--run", "0123456789ab", check=False)
    assert proc.returncode == 2 and "no ingest run '0123456789ab'" in proc.stderr


def test_rejections_is_read_only_beside_a_writer(ingested):
    """Listing must not need the write lock: it works while another process holds it."""
    archive = marsad.open(ingested[0])
    try:
        with archive.writing():
            proc = run("rejections", "--archive", ingested[0], "--summary", check=False)
        assert proc.returncode == 0, proc.stderr
        assert f"{MALFORMED + EMPTY} rejected in all" in proc.stdout
    finally:
        archive.close()


# -- the Python API ---------------------------------------------------------------------------------

@pytest.fixture
def archive(tmp_path):
    a = marsad.open(tmp_path / "archive")
    yield a
    a.close()


def test_report_keeps_the_first_rejections_and_counts_them_all(tmp_path, archive):
    bad = tmp_path / "bad.jsonl"
    n = REPORT_REJECTIONS + 205
    bad.write_text("".join(BROKEN[i % 2] + "\n" for i in range(n)), encoding="utf-8")
    report = archive.ingest([bad], stages=["normalise"], archive_stages=[])
    assert len(report.rejected) == REPORT_REJECTIONS and report.rejected_count == n
    assert report.rejected[0].record == "line 1" and report.rejected[-1].record == f"line {REPORT_REJECTIONS}"
    assert report.rejected_by_origin == {str(bad): n}
    d = report.to_dict()
    assert d["rejected"] == n and len(d["rejections"]) == REPORT_REJECTIONS and d["rejections_truncated"] is True
    (row,) = archive.store.query("SELECT rejected FROM ingest_runs WHERE id=?", (report.run_id,))
    assert row[0] == n
    assert archive.rejections(run="last", limit=0)[0] == n


def test_small_report_is_not_truncated(tmp_path, archive):
    mixed, _ = write_inputs(tmp_path / "in")
    report = archive.ingest([mixed], stages=["normalise"], archive_stages=[])
    assert report.added == 2 and report.rejected_count == len(report.rejected) == MALFORMED
    assert report.to_dict()["rejections_truncated"] is False


def test_summary_by_reason_or_kind_and_runs(tmp_path, archive):
    mixed, empty = write_inputs(tmp_path / "in")
    first = archive.ingest([mixed], stages=["normalise"], archive_stages=[])
    second = archive.ingest([empty], stages=["normalise"], archive_stages=[])
    by_reason = archive.rejection_summary(run=first.run_id, by="reason")
    assert len(by_reason) == len(BROKEN) and sum(g["count"] for g in by_reason) == MALFORMED
    assert all(g["reason"].startswith("malformed JSON: ") for g in by_reason)
    assert archive.rejection_summary(run=first.run_id) == [
        {"origin": str(mixed), "reason": "malformed JSON", "count": MALFORMED}]
    total, rows = archive.rejections(run="last")
    assert total == EMPTY and {r["run_id"] for r in rows} == {second.run_id}
    assert archive.rejections()[0] == MALFORMED + EMPTY
    with pytest.raises(ConfigError):
        archive.rejection_summary(by="line")
    with pytest.raises(NotFound):
        archive.rejections(run="not-a-run")


def test_no_runs_yet_means_no_rejections(archive):
    assert archive.rejections(run="last") == (0, [])
    assert archive.rejection_summary(run="last") == []


# -- HTTP -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(ingested):
    archive = marsad.open(ingested[0])
    yield archive, ingested[1], ingested[2]
    archive.close()


def test_api_needs_the_token(served):
    archive = served[0]
    assert TestClient(create_app(archive, access=AccessPolicy())).get("/api/rejections", headers=AUTH) \
        .status_code == 403
    client = TestClient(create_app(archive, access=AccessPolicy(token=TOKEN)))
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}):
        response = client.get("/api/rejections", headers=headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/api/rejections"]["get"]["security"] == [{"HTTPBearer": []}]


def test_api_lists_filters_and_summarises(served):
    archive, mixed, empty = served
    client = TestClient(create_app(archive, access=AccessPolicy(token=TOKEN)))
    body = client.get("/api/rejections", headers=AUTH).json()
    assert body["total"] == MALFORMED + EMPTY and len(body["items"]) == MALFORMED + EMPTY
    body = client.get("/api/rejections", params={"run": "last", "origin": "Empty", "limit": 2, "offset": 1},
                      headers=AUTH).json()
    assert body["total"] == EMPTY and [i["record"] for i in body["items"]] == ["line 2", "line 3"]
    body = client.get("/api/rejections", params={"reason": "malformed"}, headers=AUTH).json()
    assert body["total"] == MALFORMED
    body = client.get("/api/rejections", params={"summary": "true"}, headers=AUTH).json()
    assert body == {"summary": [{"origin": str(mixed), "reason": "malformed JSON", "count": MALFORMED},
                                {"origin": str(empty), "reason": "empty text", "count": EMPTY}]}
    for params in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        assert client.get("/api/rejections", params=params, headers=AUTH).status_code == 422
    missing = client.get("/api/rejections", params={"run": "0123456789ab"}, headers=AUTH)
    assert missing.status_code == 404 and set(missing.json()) == {"error"}
