"""Schemathesis against the app's own OpenAPI document, over a copy of the sample archive: every
operation, writes included (with the token), gets generated requests; none may answer 5xx, and every
answer must use a status, content type and body shape the document declares.

`make test` runs a few examples per operation (< 60 s); the slow run (`make test-long`) many more."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

import marsad
from marsad.api.access import AccessPolicy
from marsad.api.app import create_app

TOKEN = "fuzz-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
QUICK, LONG = 5, 150


@pytest.fixture(scope="module")
def api_schema(sample_archive, tmp_path_factory):
    """The schema of an app serving a private copy (the fuzzer deletes and ingests)."""
    path = tmp_path_factory.mktemp("fuzz") / "archive"
    shutil.copytree(sample_archive, path)
    archive = marsad.open(path)
    app = create_app(archive, access=AccessPolicy(token=TOKEN))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    archive.close()


def fuzz(schema, examples: int, *, derandomize: bool) -> list[str]:
    """Run every operation with valid and with invalid generated requests; the failures, labelled."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(mode))
            @settings(max_examples=examples, deadline=None, derandomize=derandomize, database=None,
                      suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            def call(case):
                case.call_and_validate(headers=AUTH, checks=CHECKS)

            try:
                call()
            except Unsatisfiable:  # nothing to negate (an operation without parameters)
                continue
            except (Exception, FailureGroup) as e:  # noqa: BLE001 - collect every operation's failure, report all
                failures.append(f"{operation.label} ({mode.value}): {str(e)[:1500]}")
    return failures


def test_every_operation_answers_within_its_schema(api_schema):
    failures = fuzz(api_schema, QUICK, derandomize=True)
    assert not failures, "\n\n".join(failures)


@pytest.mark.slow
def test_every_operation_answers_within_its_schema_long(api_schema):
    failures = fuzz(api_schema, LONG, derandomize=False)
    assert not failures, "\n\n".join(failures)


def test_the_fuzzer_reports_failures():
    """The harness above can fail: a route that crashes and one that answers outside its declared
    schema are both reported."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse
    from pydantic import BaseModel

    class Share(BaseModel):
        share: int

    app = FastAPI()

    @app.get("/api/crash")
    def crash(n: int) -> dict:
        raise RuntimeError(f"crashed on {n}")

    @app.get("/api/share", response_model=Share)
    def share(n: int):
        return JSONResponse({"percent": str(n)})  # not a Share: bypasses FastAPI's own validation

    failures = fuzz(schemathesis.openapi.from_asgi("/openapi.json", app), 5, derandomize=True)
    assert any(f.startswith("GET /api/crash") for f in failures), failures
    assert any(f.startswith("GET /api/share") and "schema" in f.lower() for f in failures), failures
