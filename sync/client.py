"""The device's side of the wire: one `requests` session, timeouts on every call, TLS verified.

Nothing here believes a status code alone. A reply counts only when it parses as the protocol's
model, names the office service and echoes what was asked; anything else (a hotel or township
Wi-Fi login page answering `200 OK`, a proxy's error page) is `NotTheOffice`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync import protocol
from sync.protocol import (
    API,
    Batch,
    BatchReply,
    EnrollReply,
    ErrorReply,
    Hello,
    MissingReply,
    PullReply,
    PullRequest,
)

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
CHUNK_BYTES = 256 * 1024
# The first bytes go with the tus creation POST (creation-with-upload): most upload copies fit, so a
# photo costs one round trip. Kept to one chunk because an upload the office already holds in part
# ignores them (it answers its offset and the device resumes there): resuming wastes at most this.
FIRST_BYTES = CHUNK_BYTES
M = TypeVar("M", bound=BaseModel)


class SyncError(Exception):
    """Why a sync could not go on, for the user: Chinese first, English, and a code for tests."""

    code = "sync_error"
    retry = True  # whether trying again later may help without the user doing anything

    def __init__(self, zh: str, en: str, *, code: str | None = None) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en
        if code:
            self.code = code

    def bilingual(self) -> str:
        return f"{self.zh}\n{self.en}"


class Offline(SyncError):
    code = "offline"


class NotTheOffice(SyncError):
    code = "not_the_office"


class Refused(SyncError):
    """The office answered and said no (4xx with a reason)."""

    code = "refused"

    def __init__(self, status: int, reason: protocol.Reason) -> None:
        super().__init__(reason.zh, reason.en, code=reason.code)
        self.status = status
        self.retry = status >= 500 or status in (408, 429)


class BatchTooLarge(SyncError):
    code = "too_large"


class LocalPhotoDamaged(SyncError):
    code = "photo_damaged"
    retry = False


def make_session(ca_bundle: str | None = None) -> requests.Session:
    """A session that retries what is safe to retry (every call of this protocol is idempotent)
    with exponential backoff and jitter, and verifies TLS against `ca_bundle` or the system's CAs."""
    session = requests.Session()
    retry = Retry(
        total=4, connect=4, read=2, status=3, backoff_factor=0.5, backoff_jitter=0.5, backoff_max=8,
        status_forcelist=(429, 502, 503, 504), allowed_methods=None, raise_on_status=False,
        respect_retry_after_header=True,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.verify = ca_bundle if ca_bundle else True
    session.headers["User-Agent"] = f"patrol-app-sync/{protocol.PROTOCOL_VERSION}"
    return session


@dataclass
class OfficeClient:
    base_url: str
    token: str | None = None
    session: requests.Session | None = None
    ca_bundle: str | None = None
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        if self.session is None:
            self.session = make_session(self.ca_bundle)

    # --- plumbing --------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        assert self.session is not None
        try:
            return self.session.request(method, self.base_url + path, headers=headers,
                                        timeout=self.timeout, allow_redirects=False, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise SyncError(
                "无法确认市河长办服务器的身份（证书不对）。请检查服务器地址，或向市河长办要证书文件。",
                f"The office's certificate could not be verified: {exc}", code="tls") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise Offline("连不上市河长办的服务器。数据都保存在本机，有网络时会自动上传。",
                          f"Cannot reach the office server ({type(exc).__name__}). Everything is kept "
                          "on this computer and goes up when there is a connection.") from None

    def _parse(self, response: requests.Response, model: type[M]) -> M:
        if response.status_code >= 400:
            refusal = _as_model(response, ErrorReply)
            if refusal is not None:
                if response.status_code == 413:
                    raise BatchTooLarge(refusal.error.zh, refusal.error.en)
                raise Refused(response.status_code, refusal.error)
            if response.status_code in (502, 503, 504):
                raise Offline("市河长办的服务器暂时不可用，稍后会自动重试。",
                              f"The office server is unavailable ({response.status_code}); retrying later.")
            raise _not_office(response)
        parsed = _as_model(response, model)
        if parsed is None:
            raise _not_office(response)
        return parsed

    # --- calls -----------------------------------------------------------------------------

    def hello(self) -> Hello:
        hello = self._parse(self._request("GET", "/"), Hello)
        if hello.protocol != protocol.PROTOCOL_VERSION:
            raise SyncError("市河长办的服务器版本和本程序不一致。请更新巡河助手。",
                            f"The office speaks protocol {hello.protocol}, this app "
                            f"{protocol.PROTOCOL_VERSION}. Update River Patrol.", code="protocol")
        return hello

    def enroll(self, code: str, device_id: str, name: str) -> str:
        body = {"code": code.strip(), "device_id": device_id, "name": name}
        reply = self._parse(self._request("POST", f"{API}/enroll", json=body), EnrollReply)
        if reply.device_id != device_id or not reply.token:
            raise _not_office_text()
        return reply.token

    def push(self, batch: Batch, *, on_bytes: Callable[[int], None] | None = None) -> BatchReply:
        body = protocol.encode_body(batch)
        reply = self._parse(self._request(
            "POST", f"{API}/batches", data=body,
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}), BatchReply)
        if reply.batch_id != batch.batch_id:
            raise _not_office_text()
        if on_bytes is not None:  # the gzip body crossed the line (counted once it was answered)
            on_bytes(len(body))
        return reply

    def pull(self, request: PullRequest) -> PullReply:
        """What the office addresses to this device after the cursor. Every record must hash to what
        the office says it stored, or the reply is not taken (a proxy that rewrites bodies)."""
        reply = self._parse(self._request("POST", f"{API}/pull", json=request.model_dump()), PullReply)
        if any(protocol.record_hash(item.record) != item.hash for item in reply.records):
            raise _not_office_text()
        if any(item.position <= request.after for item in reply.records) or reply.next < request.after:
            raise _not_office_text()
        return reply

    def missing_photos(self, shas: list[str]) -> list[str]:
        out: list[str] = []
        for start in range(0, len(shas), 1000):
            part = shas[start:start + 1000]
            reply = self._parse(self._request("POST", f"{API}/photos/missing", json={"sha256": part}),
                                MissingReply)
            out.extend(s for s in reply.missing if s in set(part))
        return out

    def upload_photo(self, sha256: str, path: Path, *, on_bytes: Callable[[int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, chunk: int = CHUNK_BYTES) -> int:
        """Upload one photo by tus, resuming from what the office already holds; returns bytes sent."""
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise LocalPhotoDamaged(f"本机的照片文件已损坏：{path}。请运行 patrol-app check。",
                                    f"The photo file on this computer is damaged: {path}. Run patrol-app check.")
        uploads = f"{API}/photos/uploads"
        tus = {"Tus-Resumable": protocol.TUS_VERSION}
        meta = "sha256 " + base64.b64encode(sha256.encode()).decode()
        first = data[:FIRST_BYTES]
        created = self._request("POST", uploads, data=first, headers={
            **tus, "Upload-Length": str(len(data)), "Upload-Metadata": meta,
            "Content-Type": "application/offset+octet-stream"})
        offset = self._offset(created, expect=201)
        if not 0 <= offset <= len(data):
            raise _not_office_text()
        sent = len(first)
        if on_bytes is not None and 0 < offset <= len(first):  # beyond it, the office had it before
            on_bytes(offset)
        conflicts = 0
        while offset < len(data):
            if cancelled is not None and cancelled():
                return sent
            piece = data[offset:offset + chunk]
            response = self._request("PATCH", f"{uploads}/{sha256}", data=piece, headers={
                **tus, "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"})
            if response.status_code == 409 and conflicts < 3:
                # A retried chunk had landed in part: ask where the office stands and go on from there.
                conflicts += 1
                offset = self._offset(self._request("HEAD", f"{uploads}/{sha256}", headers=tus), expect=200)
                continue
            new_offset = self._offset(response, expect=204)
            if not offset < new_offset <= len(data):
                raise _not_office_text()
            sent += len(piece)
            if on_bytes is not None:
                on_bytes(new_offset - offset)
            offset = new_offset
        return sent

    def _offset(self, response: requests.Response, *, expect: int) -> int:
        if response.status_code != expect or response.headers.get("Tus-Resumable") != protocol.TUS_VERSION:
            self._parse(response, ErrorReply)  # raises the office's refusal, or NotTheOffice
            raise _not_office(response)
        value = response.headers.get("Upload-Offset", "")
        if not value.isdigit():
            raise _not_office(response)
        return int(value)


def _as_model(response: requests.Response, model: type[M]) -> M | None:
    try:
        return model.model_validate(json.loads(response.content))
    except (ValueError, ValidationError, UnicodeDecodeError):
        return None


def _not_office_text() -> NotTheOffice:
    return NotTheOffice(
        "收到的回答不是市河长办服务器发的（可能需要先在浏览器里登录 Wi-Fi）。这次没有记为已上传，稍后再试。",
        "The answer did not come from the office server (a Wi-Fi login page?). Nothing was marked as "
        "sent; try again after logging in to the network.")


def _not_office(response: requests.Response) -> NotTheOffice:
    error = _not_office_text()
    error.en += f" (HTTP {response.status_code}, {response.headers.get('Content-Type', 'no type')})"
    return error
