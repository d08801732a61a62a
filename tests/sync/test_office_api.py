"""The office's API over real HTTP: enrolment, who may do what, and bodies it must refuse.

Every refusal is a 4xx with a reason in Chinese and English, and changes nothing.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os

import pytest
import requests

from sync import protocol
from sync.office.photos import PhotoStore

DEVICE = "dev-a"
OTHER = "dev-b"


def _uuid(n: int) -> str:
    return f"0190a000-0000-7000-8000-{n:012d}"


def record(n: int, *, device: str = DEVICE, version: int = 1, data: dict | None = None, kind: str = "patrol") -> dict:
    return {"kind": kind, "uuid": _uuid(n), "version": version, "device_id": device,
            "created_at": "2026-05-01T01:02:03.000Z", "updated_at": "2026-05-01T01:02:03.000Z",
            "deleted": False, "data": data if data is not None else {"n": n}, "photos": []}


def batch(records: list[dict], *, device: str = DEVICE, batch_id: int = 999) -> dict:
    return {"protocol": 1, "device_id": device, "batch_id": _uuid(batch_id), "records": records}


def enrolled(office, device: str = DEVICE) -> str:
    reply = requests.post(office.url + "/v1/enroll", json={"code": office.enroll_code(), "device_id": device,
                                                          "name": "test"}, timeout=30)
    assert reply.status_code == 200, reply.text
    return reply.json()["token"]


def post_batch(office, token: str | None, body: dict | bytes, *, gzip_it: bool = True) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = body
    if isinstance(body, dict):
        data = protocol.encode_body(body) if gzip_it else json.dumps(body).encode()
    if gzip_it:
        headers["Content-Encoding"] = "gzip"
    return requests.post(office.url + "/v1/batches", data=data, headers=headers, timeout=60)


def assert_refusal(reply: requests.Response, status: int, code: str | None = None) -> None:
    assert reply.status_code == status, reply.text
    error = protocol.ErrorReply.model_validate(reply.json()).error
    assert error.zh and error.en
    if code:
        assert error.code == code


def exported(office, tmp_path) -> dict[str, str]:
    out = tmp_path / f"export-{os.urandom(4).hex()}"
    done = office.cli("export", "json", str(out))
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_text() for p in sorted(out.rglob("*.jsonl"))}


def test_hello_and_openapi_describe_the_service(office) -> None:
    hello = requests.get(office.url + "/", timeout=10).json()
    assert hello["service"] == "patrol-office" and hello["protocol"] == protocol.PROTOCOL_VERSION
    paths = requests.get(office.url + "/openapi.json", timeout=10).json()["paths"]
    for path in ("/", "/v1/enroll", "/v1/batches", "/v1/photos/missing", "/v1/photos/uploads",
                 "/v1/photos/uploads/{sha256}"):
        assert path in paths


def test_a_batch_is_stored_once_however_often_it_arrives(office, tmp_path) -> None:
    token = enrolled(office)
    body = batch([record(1), record(2)])
    first = post_batch(office, token, body)
    assert first.status_code == 200
    acks = protocol.BatchReply.model_validate(first.json()).acks
    assert [a.status for a in acks] == ["stored", "stored"]
    assert acks[0].hash == protocol.record_hash(protocol.WireRecord.model_validate(record(1)))
    for _ in range(3):
        again = protocol.BatchReply.model_validate(post_batch(office, token, body).json())
        assert [a.status for a in again.acks] == ["duplicate", "duplicate"]
    lines = exported(office, tmp_path)["patrol.jsonl"].splitlines()
    assert len(lines) == 2
    # A newer version replaces it; an older one arriving late changes nothing.
    newer = record(1, version=3, data={"n": "three"})
    assert post_batch(office, token, batch([newer])).json()["acks"][0]["status"] == "stored"
    older = record(1, version=2, data={"n": "two"})
    assert post_batch(office, token, batch([older])).json()["acks"][0]["status"] == "superseded"
    rows = [json.loads(line) for line in exported(office, tmp_path)["patrol.jsonl"].splitlines()]
    assert rows[0]["version"] == 3 and rows[0]["data"] == {"n": "three"}


def test_the_same_version_with_other_content_is_rejected_and_the_rest_goes_on(office) -> None:
    token = enrolled(office)
    post_batch(office, token, batch([record(1)]))
    reply = post_batch(office, token, batch([record(1, data={"n": "changed"}), record(2)])).json()
    assert [a["status"] for a in reply["acks"]] == ["rejected", "stored"]
    assert reply["acks"][0]["reason"]["code"] == "version_conflict" and reply["acks"][0]["reason"]["zh"]


def test_every_endpoint_refuses_no_token_a_wrong_token_and_a_revoked_one(office) -> None:
    sha = "a" * 64
    calls = [
        ("POST", "/v1/batches", {"data": protocol.encode_body(batch([record(1)])),
                                 "headers": {"Content-Encoding": "gzip"}}),
        ("POST", "/v1/photos/missing", {"json": {"sha256": [sha]}}),
        ("POST", "/v1/photos/uploads", {"headers": {
            "Upload-Length": "10", "Tus-Resumable": "1.0.0",
            "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode()}}),
        ("HEAD", f"/v1/photos/uploads/{sha}", {"headers": {"Tus-Resumable": "1.0.0"}}),
        ("PATCH", f"/v1/photos/uploads/{sha}", {"data": b"x", "headers": {
            "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}}),
    ]
    token = enrolled(office)
    for auth, status in ((None, 401), ("not-a-token", 401)):
        for method, path, kwargs in calls:
            headers = dict(kwargs.get("headers", {}))
            if auth:
                headers["Authorization"] = f"Bearer {auth}"
            reply = requests.request(method, office.url + path, timeout=30, **{**kwargs, "headers": headers})
            assert reply.status_code == status, (method, path, reply.status_code)
    done = office.cli("revoke", DEVICE)
    assert done.returncode == 0, done.stderr
    for method, path, kwargs in calls:
        headers = {**kwargs.get("headers", {}), "Authorization": f"Bearer {token}"}
        reply = requests.request(method, office.url + path, timeout=30, **{**kwargs, "headers": headers})
        assert reply.status_code == 403, (method, path, reply.status_code)
        if method != "HEAD":
            assert reply.json()["error"]["code"] == "revoked"
    listed = json.loads(office.cli("devices", "--json").stdout)["devices"]
    assert listed[0]["device_id"] == DEVICE and listed[0]["revoked_at"]


def test_a_device_writes_only_as_itself(office, tmp_path) -> None:
    token_a = enrolled(office, DEVICE)
    token_b = enrolled(office, OTHER)
    # A batch in another device's name is refused whole.
    assert_refusal(post_batch(office, token_a, batch([record(1, device=OTHER)], device=OTHER)), 403, "not_this_device")
    # A record claiming another device inside one's own batch is rejected, the rest stored.
    reply = post_batch(office, token_a, batch([record(1, device=OTHER), record(2)])).json()
    assert [a["status"] for a in reply["acks"]] == ["rejected", "stored"]
    # B cannot overwrite A's record by sending a newer version under B's name.
    post_batch(office, token_b, batch([record(2, device=OTHER, version=5, data={"n": "b"})], device=OTHER))
    rows = [json.loads(line) for line in exported(office, tmp_path)["patrol.jsonl"].splitlines()]
    assert [(r["device_id"], r["version"]) for r in rows] == [(DEVICE, 1)]


def test_an_enrolment_code_works_once(office) -> None:
    code = office.enroll_code()
    first = requests.post(office.url + "/v1/enroll", json={"code": code, "device_id": DEVICE}, timeout=30)
    assert first.status_code == 200
    again = requests.post(office.url + "/v1/enroll", json={"code": code, "device_id": OTHER}, timeout=30)
    assert_refusal(again, 403, "bad_enroll_code")
    wrong = requests.post(office.url + "/v1/enroll", json={"code": "AAAA-AAAA", "device_id": OTHER}, timeout=30)
    assert_refusal(wrong, 403, "bad_enroll_code")


@pytest.mark.parametrize("body, status, code", [
    (b"\x1f\x8b not gzip at all", 400, "malformed"),
    (gzip.compress(b"{not json"), 400, "malformed"),
    (gzip.compress(json.dumps({"protocol": 99, "device_id": DEVICE, "batch_id": _uuid(1),
                               "records": []}).encode()), 400, "protocol"),
    (gzip.compress(json.dumps({"protocol": 1, "device_id": DEVICE, "batch_id": "x", "records": []}).encode()),
     422, "invalid"),
    (gzip.compress(json.dumps(batch([{**record(1), "uuid": "../../etc/passwd"}])).encode()), 422, "invalid"),
    # 40 MB of zeros packs into ~40 KB: refused once unpacked past the limit, never held whole.
    (gzip.compress(b"0" * (protocol.MAX_BATCH_BYTES + 1024)), 413, "too_large"),
])
def test_malformed_and_oversized_bodies_are_refused_and_change_nothing(sqlite_office, tmp_path, body, status,
                                                                      code) -> None:
    token = enrolled(sqlite_office)
    assert_refusal(post_batch(sqlite_office, token, body), status, code)
    assert exported(sqlite_office, tmp_path) == {}


def test_an_unknown_protocol_version_gets_a_clear_error(sqlite_office) -> None:
    token = enrolled(sqlite_office)
    reply = post_batch(sqlite_office, token, {**batch([]), "protocol": 2}, gzip_it=False)
    assert_refusal(reply, 400, "protocol")
    assert "Update River Patrol" in reply.json()["error"]["en"]


def _tus(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}


def _create(office, token: str, sha: str, length: int) -> requests.Response:
    return requests.post(office.url + "/v1/photos/uploads", timeout=30, headers={
        **_tus(token), "Upload-Length": str(length),
        "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode()})


def test_a_photo_with_the_wrong_hash_is_refused_and_not_kept(office) -> None:
    token = enrolled(office)
    data = os.urandom(100_000)
    claimed = hashlib.sha256(b"something else").hexdigest()
    assert _create(office, token, claimed, len(data)).status_code == 201
    reply = requests.patch(office.url + f"/v1/photos/uploads/{claimed}", data=data, timeout=30, headers={
        **_tus(token), "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert_refusal(reply, 460, "checksum_mismatch")
    missing = requests.post(office.url + "/v1/photos/missing", json={"sha256": [claimed]}, timeout=30,
                            headers=_tus(token)).json()["missing"]
    assert missing == [claimed]
    assert not PhotoStore(office.data_dir).final_path(claimed).exists()
    assert not list((office.data_dir / "incoming").rglob("*.part"))


@pytest.mark.parametrize("name", ["../../etc/passwd", "..%2F..%2Foffice.db", "a" * 63, "A" * 64, "%2e%2e"])
def test_photo_names_that_are_not_a_sha256_are_refused(sqlite_office, name) -> None:
    token = enrolled(sqlite_office)
    before = sorted(p.relative_to(sqlite_office.data_dir) for p in sqlite_office.data_dir.rglob("*"))
    reply = requests.patch(sqlite_office.url + f"/v1/photos/uploads/{name}", data=b"x", timeout=30, headers={
        **_tus(token), "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert 400 <= reply.status_code < 500
    create = _create(sqlite_office, token, name, 10)
    assert 400 <= create.status_code < 500
    after = sorted(p.relative_to(sqlite_office.data_dir) for p in sqlite_office.data_dir.rglob("*"))
    assert [p for p in after if "incoming" in str(p) or "photos" in str(p)] == \
           [p for p in before if "incoming" in str(p) or "photos" in str(p)]


def test_a_record_waits_for_its_photo_then_counts(office) -> None:
    token = enrolled(office)
    data = os.urandom(50_000)
    sha = hashlib.sha256(data).hexdigest()
    photo = record(7, kind="photo", data={"sha256": "b" * 64, "upload_sha256": sha})
    photo["photos"] = [sha]
    first = post_batch(office, token, batch([photo])).json()["acks"][0]
    assert first["status"] == "waiting_photos" and first["missing_photos"] == [sha]
    assert _create(office, token, sha, len(data)).status_code == 201
    done = requests.patch(office.url + f"/v1/photos/uploads/{sha}", data=data, timeout=30, headers={
        **_tus(token), "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    again = post_batch(office, token, batch([photo])).json()["acks"][0]
    assert again["status"] == "duplicate" and again["missing_photos"] == []
    assert PhotoStore(office.data_dir).final_path(sha).read_bytes() == data


def test_creation_with_upload_takes_a_photo_in_one_request_and_a_resumed_one_from_its_offset(office) -> None:
    token = enrolled(office)
    data = os.urandom(60_000)
    sha = hashlib.sha256(data).hexdigest()
    meta = "sha256 " + base64.b64encode(sha.encode()).decode()
    create = {**_tus(token), "Upload-Length": str(len(data)), "Upload-Metadata": meta,
              "Content-Type": "application/offset+octet-stream"}
    # Part of it arrives by the plain route first (an upload cut off last time)...
    assert _create(office, token, sha, len(data)).status_code == 201
    part = requests.patch(office.url + f"/v1/photos/uploads/{sha}", data=data[:10_000], timeout=30, headers={
        **_tus(token), "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert part.headers["Upload-Offset"] == "10000"
    # ...then a creation-with-upload POST does not append its body again: the device resumes at 10000.
    again = requests.post(office.url + "/v1/photos/uploads", data=data[:30_000], headers=create, timeout=30)
    assert again.status_code == 201 and again.headers["Upload-Offset"] == "10000"
    rest = requests.patch(office.url + f"/v1/photos/uploads/{sha}", data=data[10_000:], timeout=30, headers={
        **_tus(token), "Upload-Offset": "10000", "Content-Type": "application/offset+octet-stream"})
    assert rest.status_code == 204 and PhotoStore(office.data_dir).final_path(sha).read_bytes() == data
    # A new photo sent whole in its POST is received there and then.
    other = os.urandom(40_000)
    other_sha = hashlib.sha256(other).hexdigest()
    whole = requests.post(office.url + "/v1/photos/uploads", data=other, timeout=30, headers={
        **create, "Upload-Length": str(len(other)),
        "Upload-Metadata": "sha256 " + base64.b64encode(other_sha.encode()).decode()})
    assert whole.status_code == 201 and whole.headers["Upload-Offset"] == str(len(other))
    missing = requests.post(office.url + "/v1/photos/missing", json={"sha256": [sha, other_sha]}, timeout=30,
                            headers=_tus(token)).json()["missing"]
    assert missing == []
