"""schemathesis (PyPI) against the office's own `/openapi.json`, over real HTTP to a real office server on
127.0.0.1 (issue 13's acceptance: "schemathesis against the OpenAPI finds no 5xx").

Every operation the office publishes (OPERATIONS, held against the served schema) is fuzzed by
schemathesis, positive and negative data, three ways: with an enrolled device's token, with no
Authorization header at all, and with whatever `authorization` header schemathesis draws from the schema
(wrong tokens). With the token, most cases are nudged past the first gate, so the checks also see the
answers from behind it: a batch or pull written as the enrolled device in protocol 1, tus requests with
`Tus-Resumable: 1.0.0`, well-formed `Upload-Metadata`, a partial upload's hash and a few bytes.

Every response gets `not_a_server_error` and the response checks `status_code_conformance`,
`content_type_conformance`, `response_headers_conformance` and `response_schema_conformance`, except
where the served schema is known to describe the server wrongly (KNOWN_DEFECTS, empty now: the
undocumented statuses and the empty tus answers described as JSON that schemathesis found were fixed in
the office). Each such defect gets a strict xfail test that reproduces it with one request, so correcting
the schema turns it into a failure and its entry (and the exemption) must go. The server errors
schemathesis found (SERVER_ERRORS: integers past 64 bits, now refused by the protocol's bounds) run
first in their operation's fuzzing, every time.

Driven by Hypothesis' `@given` over each operation's `as_strategy()` (schemathesis' API for tests of
one's own): `schemathesis.pytest.from_fixture(...).parametrize()`, which would add schemathesis'
coverage phase, fails before running anything with pytest 9.2 (`AttributeError: 'Function' object has
no attribute '_nodeid'`, schemathesis 4.32.5). Every request has a timeout, so a hang fails its example.
Bounded for CI (EXAMPLES per operation and way); PATROL_SLOW=1 runs the long form marked `slow`.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync import protocol
from tests.sync.conftest import Office, _free_port
from tests.sync.test_office_api import DEVICE, batch, enrolled, record

SLOW = os.environ.get("PATROL_SLOW") == "1"
EXAMPLES = 20  # per operation and way (60 per operation): the whole file takes ~25 s on 2 idle cores
SLOW_EXAMPLES = 400
TIMEOUT = (5, 20)  # connect, read: a hang fails the example instead of stalling the run
REVOKED = "dev-revoked"
OCTETS = "application/offset+octet-stream"
HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
          HealthCheck.large_base_example]

# Every operation in the served schema, and whether it takes any input (parameters or a body): an
# operation without one has no negative data, and schemathesis draws it exactly once.
OPERATIONS = {
    "GET /": False,
    "POST /v1/enroll": True,
    "POST /v1/batches": True,
    "POST /v1/photos/missing": True,
    "POST /v1/pull": True,
    "OPTIONS /v1/photos/uploads": False,
    "POST /v1/photos/uploads": True,
    "HEAD /v1/photos/uploads/{sha256}": True,
    "PATCH /v1/photos/uploads/{sha256}": True,
}
WAYS = ["token", "no-token", "drawn-token"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@dataclass(frozen=True)
class Credentials:
    token: str
    revoked_token: str
    upload_sha: str  # an upload of 64 bytes the office holds none of yet (fuzzed HEADs and PATCHes find it)


@pytest.fixture(scope="module")
def st_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    office = Office(tmp_path_factory.mktemp("schemathesis") / "office", None, _free_port())
    office.start()
    yield office
    office.stop()


@pytest.fixture(scope="module")
def creds(st_office: Office) -> Credentials:
    token = enrolled(st_office)
    revoked = enrolled(st_office, REVOKED)
    done = st_office.cli("revoke", REVOKED)
    assert done.returncode == 0, done.stderr
    return Credentials(token, revoked, new_upload(st_office, token, 64))


@pytest.fixture(scope="module")
def office_schema(st_office: Office) -> schemathesis.BaseSchema:
    # An explicit Config: no schemathesis.toml from the working directory changes what runs here.
    return schemathesis.openapi.from_url(st_office.url + "/openapi.json", config=schemathesis.Config(),
                                         timeout=20)


def operation_of(schema: schemathesis.BaseSchema, label: str) -> schemathesis.APIOperation:
    method, path = label.split(" ", 1)
    return schema[path][method]


def metadata(sha: str) -> str:
    return "sha256 " + base64.b64encode(sha.encode()).decode()


def new_upload(office: Office, token: str, length: int) -> str:
    """An upload the office holds 0 of `length` bytes of, under a fresh name."""
    sha = os.urandom(32).hex()
    reply = requests.post(office.url + "/v1/photos/uploads", timeout=TIMEOUT, headers={
        "Authorization": f"Bearer {token}", "Tus-Resumable": protocol.TUS_VERSION,
        "Upload-Length": str(length), "Upload-Metadata": metadata(sha)})
    assert reply.status_code == 201, reply.text
    return sha


# --- where the served schema describes the server wrongly -------------------------------------------

@dataclass(frozen=True)
class Defect:
    operation: str
    check: Callable[..., Any]
    status: int
    what: str
    # (operation, office, credentials) -> the case and extra keyword arguments for `case.call`
    request: Callable[[schemathesis.APIOperation, Office, Credentials], tuple[Case, dict[str, Any]]]

    @property
    def id(self) -> str:
        return f"{self.operation} {self.check.__name__} {self.status}"


def _bearer(token: str, **headers: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", **headers}


def _not_utf8(op, _office, creds):
    # json.loads raises UnicodeDecodeError, not JSONDecodeError: FastAPI's own 400 "There was an error
    # parsing the body" instead of the documented 422.
    body = b'{"code": "\xff"}'
    return op.Case(body=body, media_type="application/json", headers=_bearer(creds.token)), {}


def _tus(op, _office, creds, *, token: str | None = "valid", tus: bool = True, sha: str | None = None,
         **headers: str) -> tuple[Case, dict[str, Any]]:
    chosen = {"valid": creds.token, "revoked": creds.revoked_token, None: None}[token]
    all_headers = {**(_bearer(chosen) if chosen else {}), **({"tus-resumable": protocol.TUS_VERSION} if tus else {}),
                   **headers}
    path = {"sha256": sha or os.urandom(32).hex()} if "{sha256}" in op.path else {}
    return op.Case(headers=all_headers, path_parameters=path), {}


def _create(**kw: Any):
    def build(op, office, creds):
        case, _ = _tus(op, office, creds, **{"upload-length": "4", "upload-metadata": metadata(os.urandom(32).hex())},
                       **kw)
        return case, {}
    return build


def _create_with_wrong_bytes(op, office, creds):  # tus creation-with-upload: all 4 bytes, not the named hash
    case, _ = _tus(op, office, creds, **{"upload-length": "4", "upload-metadata": metadata(os.urandom(32).hex()),
                                         "content-type": OCTETS})
    return case, {"data": b"abcd"}


def _head(**kw: Any):
    return lambda op, office, creds: _tus(op, office, creds, **kw)


def _head_of_an_upload(op, office, creds):
    return _tus(op, office, creds, sha=new_upload(office, creds.token, 4))


def _patch(**kw: Any):
    def build(op, office, creds):
        case, _ = _tus(op, office, creds, **{"upload-offset": "0", "content-type": OCTETS, **kw})
        return case, {"data": b"ab"}
    return build


def _patch_too_long(op, office, creds):  # 2 bytes into an upload declared 1 byte long
    case, _ = _tus(op, office, creds, sha=new_upload(office, creds.token, 1),
                   **{"upload-offset": "0", "content-type": OCTETS})
    return case, {"data": b"ab"}


UPLOADS = "POST /v1/photos/uploads"
HEAD = "HEAD /v1/photos/uploads/{sha256}"
PATCH = "PATCH /v1/photos/uploads/{sha256}"
# Where the served schema describes the server wrongly, a Defect with a request that reproduces it goes
# here (its check is then exempt for that operation and status, and a strict xfail test holds it).
# The 19 schemathesis found at first (undocumented refusals and tus statuses, empty tus answers described
# as JSON) were fixed in sync/office/app.py; none is known now.
KNOWN_DEFECTS: list[Defect] = []
EXEMPT = {(d.operation, d.check, d.status) for d in KNOWN_DEFECTS}


def validate(case: Case, response: Any, label: str) -> None:
    """All CHECKS, each on its own, but not where KNOWN_DEFECTS says the schema is wrong."""
    for check in CHECKS:
        if (label, check, response.status_code) not in EXEMPT:
            case.validate_response(response, checks=[check])


# --- server errors schemathesis found -----------------------------------------------------------------

# Integers past SQLite's 64 bits were valid per the schema and crashed the query (`OverflowError:
# Python int too large to convert to SQLite INTEGER`, a 500); the protocol now bounds them (422). Each
# runs first in its operation's fuzzing with the token, every time, so the 500 cannot come back.
SERVER_ERRORS = {
    "POST /v1/pull": {"protocol": protocol.PROTOCOL_VERSION, "device_id": DEVICE, "after": 2**63},
    "POST /v1/batches": batch([record(990_001, version=2**63)], batch_id=990_001),
}


# --- the fuzzing ------------------------------------------------------------------------------------

NUDGED = ("POST /v1/batches", "POST /v1/pull", "POST /v1/photos/uploads", "HEAD /v1/photos/uploads/{sha256}",
          "PATCH /v1/photos/uploads/{sha256}")


def nudges(creds: Credentials) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "on": st.sampled_from([True, True, True, False]),  # mostly past the gate; the rest as drawn
        "sha": st.sampled_from([creds.upload_sha]) | st.from_regex(r"\A[0-9a-f]{64}\Z"),
        "bytes": st.none() | st.binary(max_size=64),
    })


def prepare(case: Case, label: str, way: str, creds: Credentials, nudge: dict[str, Any] | None) -> dict[str, Any]:
    """Set the case's Authorization for `way`; with the token, maybe nudge it past the first gate.
    Returns extra keyword arguments for `case.call` (raw bytes for the tus operations)."""
    if case.headers is None:
        case.headers = {}
    if way == "token":
        case.headers["authorization"] = f"Bearer {creds.token}"
    elif way == "no-token":
        case.headers.pop("authorization", None)
    if way != "token" or not nudge or not nudge["on"]:
        return {}
    body = case.body
    if label == "POST /v1/batches" and isinstance(body, dict):
        records = body.get("records")
        if isinstance(records, list):
            records = [{**r, "device_id": DEVICE} if isinstance(r, dict) else r for r in records]
        case.body = {**body, "protocol": protocol.PROTOCOL_VERSION, "device_id": DEVICE, "records": records}
    elif label == "POST /v1/pull" and isinstance(body, dict):
        case.body = {**body, "protocol": protocol.PROTOCOL_VERSION, "device_id": DEVICE}
    elif label in (UPLOADS, HEAD, PATCH):
        case.headers["tus-resumable"] = protocol.TUS_VERSION
        data = nudge["bytes"]
        if label == UPLOADS:
            case.headers["upload-metadata"] = metadata(nudge["sha"])
            if data is not None:  # creation-with-upload, all of it in the POST
                case.headers.update({"content-type": OCTETS, "upload-length": str(max(len(data), 1))})
                return {"data": data}
        else:
            case.path_parameters = {**(case.path_parameters or {}), "sha256": nudge["sha"]}
            if label == PATCH and data is not None:
                case.headers.update({"content-type": OCTETS, "upload-offset": "0"})
                return {"data": data}
    return {}


def fuzz(schema: schemathesis.BaseSchema, label: str, way: str, creds: Credentials, examples: int) -> None:
    operation = operation_of(schema, label)
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE] if OPERATIONS[label] else [GenerationMode.POSITIVE]
    cases = st.one_of([operation.as_strategy(generation_mode=mode) for mode in modes])

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=HEALTH)
    @given(case=cases, nudge=nudges(creds) if way == "token" and label in NUDGED else st.none())
    def one(case: Case, nudge: dict[str, Any] | None) -> None:
        extra = prepare(case, label, way, creds, nudge)
        response = case.call(timeout=TIMEOUT, **extra)  # a fresh connection each time
        sent = response.request.headers.get("authorization")  # the way is what went over the wire
        if way == "token":
            assert sent == f"Bearer {creds.token}"
        elif way == "no-token":
            assert sent is None
        validate(case, response, label)

    if way == "token" and label in SERVER_ERRORS:
        one = example(case=operation.Case(body=SERVER_ERRORS[label], media_type="application/json"), nudge=None)(one)
    one()


# --- tests ------------------------------------------------------------------------------------------

def test_every_operation_in_the_served_schema_is_fuzzed_here(st_office: Office,
                                                             office_schema: schemathesis.BaseSchema) -> None:
    served = {op.ok().label for op in office_schema.get_all_operations()}
    assert served == set(OPERATIONS), "add the new operation to OPERATIONS (and its defects, if any)"
    spec = requests.get(st_office.url + "/openapi.json", timeout=TIMEOUT).json()
    takes_input = {f"{method.upper()} {path}": bool(op.get("parameters") or op.get("requestBody"))
                   for path, ops in spec["paths"].items() for method, op in ops.items()}
    assert takes_input == OPERATIONS


@pytest.mark.parametrize("label", list(OPERATIONS))
@pytest.mark.parametrize("way", WAYS)
def test_schemathesis_finds_no_server_error_and_no_undocumented_answer(
        office_schema: schemathesis.BaseSchema, creds: Credentials, way: str, label: str) -> None:
    fuzz(office_schema, label, way, creds, EXAMPLES)


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="the long schemathesis run is for PATROL_SLOW=1")
@pytest.mark.parametrize("label", list(OPERATIONS))
@pytest.mark.parametrize("way", WAYS)
def test_schemathesis_long(office_schema: schemathesis.BaseSchema, creds: Credentials, way: str, label: str) -> None:
    fuzz(office_schema, label, way, creds, SLOW_EXAMPLES)


@pytest.mark.parametrize("defect", [
    pytest.param(d, id=d.id, marks=pytest.mark.xfail(strict=True, raises=FailureGroup,
                                                     reason=f"{d.operation}: the schema is wrong, {d.what}"))
    for d in KNOWN_DEFECTS])
def test_known_schema_defect_still_reproduces(st_office: Office, office_schema: schemathesis.BaseSchema,
                                              creds: Credentials, defect: Defect) -> None:
    """One request that shows the defect. The server's answer itself is sensible (a 4xx or an empty
    success); the status is asserted first, so a 5xx or another branch fails instead of passing as xfail."""
    case, extra = defect.request(operation_of(office_schema, defect.operation), st_office, creds)
    response = case.call(timeout=TIMEOUT, **extra)
    assert response.status_code == defect.status, response.text  # still the branch the entry is about
    case.validate_response(response, checks=[defect.check])
