"""The office's HTTP API (FastAPI): the protocol of docs/sync-protocol.md, described at /openapi.json.

Every refusal is a JSON `ErrorReply` with a 4xx status and the reason in Chinese and English; the
device shows the reason and never takes a refusal (or anything that is not this service) for an
acknowledgement.
"""

# No `from __future__ import annotations`: FastAPI must see the closures in the routes' annotations.

import base64
import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from sync import protocol
from sync.office import db
from sync.office.photos import Appender, UploadError, UploadState
from sync.office.service import Device, Office, Refused
from sync.protocol import (
    API,
    Batch,
    BatchReply,
    EnrollReply,
    EnrollRequest,
    ErrorReply,
    Hello,
    MissingReply,
    MissingRequest,
    PullReply,
    PullRequest,
)

VERSION = "0.1.0"
UPLOADS = f"{API}/photos/uploads"
TUS_HEADERS = {"Tus-Resumable": protocol.TUS_VERSION}
ShaPath = Annotated[str, PathParam(pattern=protocol.SHA256_PATTERN)]


def _error(status: int, code: str, zh: str, en: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorReply(service=protocol.SERVICE, protocol=protocol.PROTOCOL_VERSION,
                      error=protocol.Reason(code=code, zh=zh, en=en))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


async def _read_capped(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, "too_large", "一次上传的数据太多，将分批重试。", f"Body over {limit} bytes; split it.")
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, "too_large", "一次上传的数据太多，将分批重试。", f"Body over {limit} bytes; split it.")
        parts.append(chunk)
    return b"".join(parts)


def _refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The refusals an operation can answer, each an `ErrorReply`, for its OpenAPI description."""
    return {status: {"model": ErrorReply} for status in statuses}


def create_app(office: Office) -> FastAPI:
    app = FastAPI(title="巡河助手 市河长办接收服务 River Patrol office", version=VERSION,
                  description="Receives devices' batches and photos (docs/sync-protocol.md).")
    # A BatchReply carries one Ack (with a 64-hex hash) per record: ~200 bytes each, a tenth of the
    # first sync's bytes on the wire unless compressed. requests asks for gzip and inflates by itself.
    app.add_middleware(GZipMiddleware, minimum_size=1024)

    @app.exception_handler(Refused)
    async def _refused(_request: Request, exc: Refused) -> JSONResponse:
        return _error(exc.status, exc.reason.code, exc.reason.zh, exc.reason.en)

    @app.exception_handler(UploadError)
    async def _upload_error(_request: Request, exc: UploadError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.zh, exc.en, TUS_HEADERS)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid", "请求格式不对。", f"Invalid request: {str(exc.errors()[:3])[:500]}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, "http", "请求无法处理。", str(exc.detail))

    def device(authorization: Annotated[str | None, Header()] = None) -> Device:
        token = None
        if authorization and authorization.lower().startswith("bearer "):
            token = authorization[7:].strip()
        return office.authenticate(token)

    @app.get("/", response_model=Hello)
    def hello() -> Hello:
        return Hello(service=protocol.SERVICE, protocol=protocol.PROTOCOL_VERSION, version=VERSION)

    @app.post(f"{API}/enroll", response_model=EnrollReply, responses=_refusals(400, 403, 422))
    def enroll(body: EnrollRequest) -> EnrollReply:
        token = office.enroll(body.code, body.device_id, body.name)
        return EnrollReply(service=protocol.SERVICE, protocol=protocol.PROTOCOL_VERSION,
                           device_id=body.device_id, token=token)

    @app.post(
        f"{API}/batches", response_model=BatchReply,
        responses={400: {"model": ErrorReply}, 401: {"model": ErrorReply}, 403: {"model": ErrorReply},
                   413: {"model": ErrorReply}, 422: {"model": ErrorReply}},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}}}},
    )
    async def batches(request: Request, who: Annotated[Device, Depends(device)]) -> BatchReply:
        raw = await _read_capped(request, protocol.MAX_BATCH_BYTES)
        # Decoding, validating and storing take milliseconds per record: off the event loop, so one
        # worker keeps reading other devices' requests (and answering pulls) while a batch is stored.
        return await run_in_threadpool(ingest, raw, request.headers.get("content-encoding"), who)

    def ingest(raw: bytes, encoding: str | None, who: Device) -> BatchReply:
        try:
            document = protocol.decode_body(raw, encoding)
        except protocol.BodyTooLarge as exc:
            raise Refused(413, "too_large", "一次上传的数据太多，将分批重试。", str(exc)) from None
        except ValueError as exc:
            raise Refused(400, "malformed", "上传的数据无法解读。", str(exc)) from None
        if isinstance(document, dict) and document.get("protocol") != protocol.PROTOCOL_VERSION:
            raise Refused(400, "protocol", "程序版本和市河长办不一致，请更新巡河助手。",
                          f"Unknown protocol version {document.get('protocol')!r}; "
                          f"this office speaks {protocol.PROTOCOL_VERSION}. Update River Patrol.")
        try:
            batch = Batch.model_validate(document)
        except ValidationError as exc:
            raise Refused(422, "invalid", "上传的数据格式不对。", str(exc)[:800]) from None
        return office.ingest(who, batch)

    @app.post(f"{API}/photos/missing", response_model=MissingReply, responses=_refusals(400, 401, 403, 422))
    def missing(body: MissingRequest, _who: Annotated[Device, Depends(device)]) -> MissingReply:
        return MissingReply(service=protocol.SERVICE, missing=office.missing_photos(body.sha256))

    @app.post(f"{API}/pull", response_model=PullReply,
              responses={400: {"model": ErrorReply}, 401: {"model": ErrorReply}, 403: {"model": ErrorReply}})
    def pull(body: PullRequest, who: Annotated[Device, Depends(device)]) -> PullReply:
        if body.protocol != protocol.PROTOCOL_VERSION:
            raise Refused(400, "protocol", "程序版本和市河长办不一致，请更新巡河助手。",
                          f"Protocol {body.protocol} is not spoken here ({protocol.PROTOCOL_VERSION}).")
        if body.device_id != who.device_id:
            raise Refused(403, "not_this_device", "不能以另一台电脑的名义接收。",
                          "A device may only receive as itself.")
        return office.feed.pull(who.device_id, body)

    # --- tus 1.0: core protocol + creation, on content-addressed URLs -------------------------

    @app.options(UPLOADS, status_code=204)
    def tus_options() -> Response:
        return Response(status_code=204, headers={
            **TUS_HEADERS, "Tus-Version": protocol.TUS_VERSION,
            "Tus-Extension": "creation,creation-with-upload,checksum",
            "Tus-Max-Size": str(protocol.MAX_PHOTO_BYTES), "Tus-Checksum-Algorithm": "sha256"})

    @app.post(UPLOADS, status_code=201, response_class=Response,
              responses={201: {"description": "Created: `Location`, `Upload-Offset` (tus), no body"},
                         **_refusals(400, 401, 403, 412, 413, 422, 460)})
    async def tus_create(
        request: Request,
        who: Annotated[Device, Depends(device)],
        upload_length: Annotated[int, Header()],
        upload_metadata: Annotated[str, Header()],
        content_type: Annotated[str | None, Header()] = None,
        tus_resumable: Annotated[str | None, Header()] = None,
    ) -> Response:
        _check_tus(tus_resumable)
        sha = _metadata(upload_metadata).get("sha256", "")
        state = await run_in_threadpool(office.photos.create, who.device_id, sha, upload_length)
        if content_type == "application/offset+octet-stream" and not state.complete and state.offset == 0:
            # tus creation-with-upload: the first bytes ride on the POST, saving a round trip per photo
            # (200 ms on a township line). If part of the upload is already here (a resumed upload on
            # a content-addressed URL) the body is dropped and the device goes on from Upload-Offset.
            state = await _append(request, office.photos.begin_append(who.device_id, sha, 0))
        if state.complete:
            await run_in_threadpool(office.photo_received, who.device_id, sha, state.length)
        return Response(status_code=201, headers={**TUS_HEADERS, "Location": f"{UPLOADS}/{sha}",
                                                  "Upload-Offset": str(state.offset)})

    @app.head(f"{UPLOADS}/{{sha256}}", response_class=Response,
              responses={200: {"description": "`Upload-Offset`, `Upload-Length` (tus), no body"},
                         404: {"description": "No upload with this hash yet (tus), no body"},
                         **_refusals(401, 403, 412, 422)})
    def tus_head(sha256: ShaPath, who: Annotated[Device, Depends(device)],
                 tus_resumable: Annotated[str | None, Header()] = None) -> Response:
        _check_tus(tus_resumable)
        state = office.photos.state(who.device_id, sha256)
        if state is None:
            return Response(status_code=404, headers=TUS_HEADERS)
        return Response(status_code=200, headers={**TUS_HEADERS, "Upload-Offset": str(state.offset),
                                                  "Upload-Length": str(state.length), "Cache-Control": "no-store"})

    @app.patch(f"{UPLOADS}/{{sha256}}", status_code=204, response_class=Response,
               responses={204: {"description": "The new `Upload-Offset` (tus), no body"},
                          **_refusals(400, 401, 403, 404, 409, 412, 413, 415, 422, 460)})
    async def tus_patch(
        request: Request,
        sha256: ShaPath,
        who: Annotated[Device, Depends(device)],
        upload_offset: Annotated[int, Header()],
        content_type: Annotated[str | None, Header()] = None,
        tus_resumable: Annotated[str | None, Header()] = None,
    ) -> Response:
        _check_tus(tus_resumable)
        if content_type != "application/offset+octet-stream":
            raise UploadError(415, "content_type", "上传格式不对。",
                              "Content-Type must be application/offset+octet-stream")
        state = await _append(request, office.photos.begin_append(who.device_id, sha256, upload_offset))
        if state.complete:
            await run_in_threadpool(office.photo_received, who.device_id, sha256, state.length)
        return Response(status_code=204, headers={**TUS_HEADERS, "Upload-Offset": str(state.offset)})

    _describe_batch(app)
    return app


def _describe_batch(app: FastAPI) -> None:
    """Put `Batch` (read by hand, for gzip and the size cap, so FastAPI does not see it) and the models
    it refers to into the schema's components, where its `$ref`s point: inline, its `$defs` sat where
    no `#/components/...` reference finds them, and a client generated from the schema broke."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # FastAPI caches it; adding the models again is a no-op
        models = schema.setdefault("components", {}).setdefault("schemas", {})
        if "Batch" not in models:
            batch = Batch.model_json_schema(ref_template="#/components/schemas/{model}")
            models.update(batch.pop("$defs", {}))
            models["Batch"] = batch
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


async def _append(request: Request, appender: Appender) -> UploadState:
    try:
        async for chunk in request.stream():
            appender.write(chunk)
    except ClientDisconnect:
        pass  # keep what arrived: the device resumes from here
    finally:
        state = appender.close()
    return state


def _check_tus(value: str | None) -> None:
    if value != protocol.TUS_VERSION:
        raise UploadError(412, "tus_version", "上传协议版本不对。", f"Tus-Resumable must be {protocol.TUS_VERSION}")


def _metadata(header: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in header.split(","):
        key, _, value = pair.strip().partition(" ")
        try:
            out[key] = base64.b64decode(value, validate=True).decode("utf-8") if value else ""
        except ValueError:
            raise UploadError(400, "bad_metadata", "上传信息格式不对。", "Upload-Metadata is not base64") from None
    return out


def office_from_env() -> FastAPI:
    """The app for `uvicorn --factory` workers: configuration comes from the serving process."""
    data_dir = Path(os.environ["PATROL_OFFICE_DATA"])
    url = os.environ.get("PATROL_OFFICE_DB") or db.default_url(data_dir)
    engine = db.make_engine(url)
    if not db.is_current(engine):
        raise SystemExit("the office database is not migrated; start it with `patrol-office serve`")
    return create_app(Office(engine, data_dir))

