"""The office API fuzzed from its own `/openapi.json` over real HTTP (schemathesis runs in
test_office_schemathesis.py; here hypothesis-jsonschema draws the bodies and headers from the schema the
office publishes).

For every operation: bodies valid per schema, arbitrary JSON, JSON the parser accepts but the protocol
cannot hold (NaN, lone surrogates, 5,000-digit numbers, deep nesting), raw bytes and gzip garbage, with
no token, a wrong one and a valid one. Properties: never a 5xx, never a hang (every request has a
timeout), every 4xx is an `ErrorReply` (or FastAPI's documented validation shape), nothing is stored
from a request without a valid token, and afterwards the office still takes a normal batch.
Bounded for CI (`FUZZ_EXAMPLES` per operation); PATROL_SLOW=1 runs the long form marked `slow`.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from sync import protocol
from tests.sync.conftest import Office, _free_port
from tests.sync.test_office_api import DEVICE, batch, enrolled, post_batch, record

SLOW = os.environ.get("PATROL_SLOW") == "1"
FUZZ_EXAMPLES = 30  # per operation and test: the whole file stays well under a minute on 2 cores
SLOW_EXAMPLES = 400
TIMEOUT = (5, 20)  # a hang fails the example instead of stalling the run
# JSON that json.loads accepts but no protocol document may hold: each once crashed an endpoint or is
# the kind of input that does (see the regression test below).
TRICKY_LITERALS = ["NaN", "-Infinity", '"\\ud800"', '"\\udfff x"', '"\\u0000"', "1" * 5000, "1e400",
                   "[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000]
PLACEHOLDER = "__TRICKY__"


@pytest.fixture(scope="module")
def fuzz_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    office = Office(tmp_path_factory.mktemp("fuzz") / "office", None, _free_port())
    office.start()
    yield office
    office.stop()


@pytest.fixture(scope="module")
def token(fuzz_office: Office) -> str:
    return enrolled(fuzz_office)


@pytest.fixture(scope="module")
def spec(fuzz_office: Office) -> dict[str, Any]:
    return requests.get(fuzz_office.url + "/openapi.json", timeout=TIMEOUT).json()


def stored(office: Office) -> tuple[Any, ...]:
    """Everything a request could have left behind: row counts and the photo folders' files."""
    with sqlite3.connect(office.data_dir / "office.db") as conn:
        counts = tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                       for table in ("devices", "enroll_codes", "records", "record_versions", "photos"))
    files = tuple(sorted(str(p.relative_to(office.data_dir)) for folder in ("photos", "incoming")
                         for p in (office.data_dir / folder).rglob("*") if p.is_file()))
    return counts, files


def check_reply(reply: requests.Response, method: str) -> None:
    assert reply.status_code < 500, f"{reply.status_code}: {reply.text[:500]}"
    if 400 <= reply.status_code < 500:
        if method == "HEAD":
            assert not reply.content  # HTTP: a HEAD answer has no body, only the tus headers
            return
        document = reply.json()
        if "detail" in document:  # FastAPI's documented validation shape (HTTPValidationError)
            assert isinstance(document["detail"], list), document
        else:
            error = protocol.ErrorReply.model_validate(document).error
            assert error.zh and error.en and error.code


# --- strategies ------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20)


def valid(schema: dict[str, Any], spec: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Documents valid per `schema`, `$ref`s resolved against the spec's components.

    Objects and arrays are walked here and only the leaves go to hypothesis-jsonschema: its object
    strategy calls a private Hypothesis helper (`many(...).more()`) that Hypothesis 6.170 no longer
    has, so `from_schema` fails on any object schema with the Hypothesis this project uses.
    """
    if "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        return valid(node, spec, depth)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([valid(option, spec, depth) for option in schema[key]])
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        if not properties:  # free-form (a record's `data`)
            return st.dictionaries(st.text(max_size=10), json_values, max_size=4)
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: valid(v, spec, depth + 1) for k, v in properties.items() if k in required},
            optional={k: valid(v, spec, depth + 1) for k, v in properties.items() if k not in required})
    if schema.get("type") == "array":
        items = valid(schema.get("items", {}), spec, depth + 1) if schema.get("items") else json_values
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=min(schema.get("maxItems", 4), 4))
    if not schema or schema.get("type") is None and "const" not in schema and "enum" not in schema:
        return json_values
    return from_schema({k: v for k, v in schema.items() if k not in ("title", "description", "default")})


def ours(document: Any) -> Any:
    """A schema-valid batch rewritten to come from the enrolled device, so it reaches the ingest code
    instead of stopping at 'writing as another device'."""
    if isinstance(document, dict) and isinstance(document.get("records"), list):
        document = {**document, "protocol": protocol.PROTOCOL_VERSION, "device_id": DEVICE,
                    "records": [{**r, "device_id": DEVICE} for r in document["records"] if isinstance(r, dict)]}
    return document


def with_tricky(document: Any, literal: str) -> bytes:
    """The document's JSON text with one value replaced by a literal json.dumps would never write."""
    if isinstance(document, dict) and "records" in document:
        first = document["records"][0] if document["records"] else record(1)
        document = {**document, "records": [{**first, "data": {"x": PLACEHOLDER}}]}
    elif isinstance(document, dict):
        document = {**document, next(iter(document), "x"): PLACEHOLDER}
    else:
        document = PLACEHOLDER
    return json.dumps(document).replace(f'"{PLACEHOLDER}"', literal).encode()


def bodies(schema: dict[str, Any] | None, spec: dict[str, Any]) -> st.SearchStrategy[tuple[bytes, str | None]]:
    """(body, Content-Encoding) pairs: valid, valid-but-tricky, arbitrary JSON, bytes, gzip garbage."""
    documents = valid(schema, spec) if schema else json_values
    tricky = st.tuples(documents.map(ours), st.sampled_from(TRICKY_LITERALS)).map(lambda t: with_tricky(*t))
    text = st.one_of(  # weighted toward documents that get past the parser and the schema
        tricky,
        documents.map(lambda d: json.dumps(d).encode()),
        documents.map(ours).map(lambda d: json.dumps(d).encode()),
        st.tuples(documents.map(ours), st.sampled_from(TRICKY_LITERALS)).map(lambda t: with_tricky(*t)),
        json_values.map(lambda d: json.dumps(d).encode()),
        st.binary(max_size=512),
    )
    plain = text.map(lambda b: (b, None))
    zipped = text.map(lambda b: (gzip.compress(b, mtime=0), "gzip"))
    garbage = st.one_of(
        st.binary(max_size=512).map(lambda b: (b, "gzip")),  # not gzip at all
        text.map(lambda b: (gzip.compress(b, mtime=0)[:-6], "gzip")),  # cut before its trailer
        text.map(lambda b: (b, "br")),  # an encoding the office does not speak
        # Any visible token: control characters are not HTTP at all (requests refuses to send them, and
        # uvicorn's parser answers them itself, before the office sees a request).
        st.tuples(text, st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=20)),
    )
    return st.one_of(plain, zipped, garbage)


def header_values(schema: dict[str, Any] | None) -> st.SearchStrategy[str]:
    # Any latin-1 text that requests will put in a header (it refuses a value starting with whitespace).
    latin1 = st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"),
                     max_size=60).filter(lambda v: not v[:1].isspace())
    if not schema:
        return latin1
    # A string header's schema has no pattern: the latin-1 text above is all of it that HTTP can carry.
    typed = from_schema(schema) if schema.get("type") == "integer" else st.nothing()
    return st.one_of(typed.map(str), latin1, st.integers().map(str))


def auth_headers(token: str) -> st.SearchStrategy[dict[str, str]]:
    valid_token = st.just({"Authorization": f"Bearer {token}"})
    return st.one_of(  # half with the valid token: only those reach the code behind the door
        valid_token, valid_token, valid_token,
        st.just({}),
        st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=60).map(
            lambda t: {"Authorization": f"Bearer {t}"}),
        st.sampled_from([{"Authorization": "Basic Zm9vOmJhcg=="}, {"Authorization": "Bearer "},
                         {"Authorization": "bearer " + "x" * 4000}]),
    )


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, ops in spec["paths"].items() for method, op in ops.items()]


@st.composite
def calls(draw: st.DrawFn, spec: dict[str, Any], method: str, path: str, op: dict[str, Any],
          token: str) -> dict[str, Any]:
    headers: dict[str, str] = dict(draw(auth_headers(token)))
    url_path = path
    for param in op.get("parameters", []):
        name, where = param["name"], param["in"]
        if where == "header" and name != "authorization":
            if param.get("required") or draw(st.booleans()):
                headers[name] = draw(header_values(param.get("schema")))
        elif where == "path":
            value = draw(st.one_of(from_schema(param["schema"]), st.text(max_size=70)))  # a pattern: a leaf
            url_path = url_path.replace("{" + name + "}", quote(value, safe="") or "x")
    if "upload-metadata" in headers and draw(st.booleans()):  # well-formed metadata too, not only junk
        sha = draw(from_schema({"type": "string", "pattern": protocol.SHA256_PATTERN}))
        headers["upload-metadata"] = "sha256 " + base64.b64encode(sha.encode()).decode()
    body, encoding = b"", None
    content = op.get("requestBody", {}).get("content", {})
    if content or method in ("POST", "PATCH"):
        schema = content.get("application/json", {}).get("schema") if content else None
        body, encoding = draw(bodies(schema, spec) if content else st.tuples(st.binary(max_size=2048), st.none()))
        headers.setdefault("Content-Type", "application/json" if content else "application/offset+octet-stream")
    if encoding is not None:
        headers["Content-Encoding"] = encoding
    return {"method": method, "path": url_path, "headers": headers, "body": body,
            "authenticated": headers.get("Authorization") == f"Bearer {token}"}


def send(office: Office, call: dict[str, Any]) -> requests.Response:
    # A fresh connection each time, so one example's half-read body cannot confuse the next.
    with requests.Session() as session:
        return session.request(call["method"], office.url + call["path"], headers=call["headers"],
                               data=call["body"], timeout=TIMEOUT, allow_redirects=False)


def fuzz(office: Office, spec: dict[str, Any], token: str, examples: int) -> None:
    for method, path, op in operations(spec):
        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                         HealthCheck.filter_too_much])
        @given(call=calls(spec, method, path, op, token))
        def one(call: dict[str, Any]) -> None:
            before = None if call["authenticated"] else stored(office)
            reply = send(office, call)
            check_reply(reply, call["method"])
            if before is not None:
                assert stored(office) == before, f"an unauthenticated {call['method']} {call['path']} stored something"

        one()


# --- tests -----------------------------------------------------------------------------------------

def test_every_reference_in_the_schema_resolves(spec: dict[str, Any]) -> None:
    """The batch body is described by hand; its `$ref`s once pointed at components that were not there."""
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert "#/components/schemas/Batch" in refs
    for ref in refs:
        node: Any = spec
        for part in ref.removeprefix("#/").split("/"):
            assert isinstance(node, dict) and part in node, f"dangling {ref}"
            node = node[part]


@pytest.mark.parametrize("literal", TRICKY_LITERALS)
def test_json_the_protocol_cannot_hold_is_refused_not_a_crash(fuzz_office: Office, token: str, literal: str) -> None:
    body = with_tricky(batch([record(1)]), literal)
    reply = post_batch(fuzz_office, token, gzip.compress(body, mtime=0))
    check_reply(reply, "POST")
    if literal != '"\\u0000"':  # a NUL in a string is JSON the office can keep (text columns, both databases)
        assert reply.status_code in (400, 413, 422), reply.text
    missing = requests.post(fuzz_office.url + "/v1/photos/missing", timeout=TIMEOUT, data=with_tricky(
        {"sha256": []}, literal), headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    check_reply(missing, "POST")
    enroll = requests.post(fuzz_office.url + "/v1/enroll", timeout=TIMEOUT, data=with_tricky(
        {"name": "x", "code": "ABCD-EFGH", "device_id": "dev-z"}, literal),
        headers={"Content-Type": "application/json"})
    check_reply(enroll, "POST")


@pytest.mark.parametrize("size", [8_000, 64_000, 1_000_000])
def test_oversized_headers_are_refused_or_cut_off_never_a_crash(fuzz_office: Office, token: str, size: int) -> None:
    before = stored(fuzz_office)
    for headers in ({"Authorization": "Bearer " + "x" * size}, {"X-Junk": "y" * size},
                    {f"X-Many-{n}": "z" * 64 for n in range(size // 100)}):
        try:
            reply = requests.post(fuzz_office.url + "/v1/photos/missing", json={"sha256": []},
                                  headers=headers, timeout=TIMEOUT)
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
            continue  # uvicorn closes a connection whose head is beyond its limit: a refusal, not a hang
        assert reply.status_code < 500
        if reply.status_code != 431 and reply.headers.get("content-type", "").startswith("application/json"):
            check_reply(reply, "POST")
        assert reply.status_code != 200
    assert stored(fuzz_office) == before


def test_the_api_fuzzed_from_its_schema_keeps_its_properties(fuzz_office: Office, spec: dict[str, Any],
                                                             token: str) -> None:
    fuzz(fuzz_office, spec, token, FUZZ_EXAMPLES)


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="the long fuzz runs with PATROL_SLOW=1")
def test_the_api_fuzzed_long(fuzz_office: Office, spec: dict[str, Any], token: str) -> None:
    fuzz(fuzz_office, spec, token, SLOW_EXAMPLES)


def test_after_the_fuzzing_a_normal_batch_is_stored_and_acknowledged(fuzz_office: Office, token: str,
                                                                      tmp_path: Path) -> None:
    assert fuzz_office.process is not None and fuzz_office.process.poll() is None
    records = [record(900_000 + n, data={"n": n, "text": "巡河"}) for n in range(3)]
    first = post_batch(fuzz_office, token, batch(records, batch_id=900_001))
    assert first.status_code == 200, first.text
    reply = protocol.BatchReply.model_validate(first.json())
    assert [a.status for a in reply.acks] == ["stored"] * 3
    assert [a.hash for a in reply.acks] == [protocol.record_hash(r) for r in records]
    again = protocol.BatchReply.model_validate(post_batch(fuzz_office, token, batch(records, batch_id=900_002)).json())
    assert [a.status for a in again.acks] == ["duplicate"] * 3
