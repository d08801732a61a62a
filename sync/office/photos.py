"""The office's photo files: content-addressed, written through resumable (tus 1.0) uploads.

A partial upload is kept per device and hash (`incoming/<device>/<sha256>.part`, its declared length
beside it), so an upload cut at 90% resumes at 90% after any failure, on any worker sharing the
folder. When the last byte arrives the whole file is hashed; only a file whose SHA-256 is its name
is moved into `photos/ab/<sha256>.jpg`, never modified after.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sync import protocol

_SHA = re.compile(protocol.SHA256_PATTERN)
_DEVICE = re.compile(protocol.DEVICE_PATTERN)


class UploadError(Exception):
    def __init__(self, status: int, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.status, self.code, self.zh, self.en = status, code, zh, en


@dataclass(frozen=True)
class UploadState:
    offset: int
    length: int
    complete: bool


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class PhotoStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir)

    def final_path(self, sha256: str) -> Path:
        self._check(sha256)
        return self.root / "photos" / sha256[:2] / f"{sha256}.jpg"

    def _part(self, device_id: str, sha256: str) -> tuple[Path, Path]:
        self._check(sha256)
        if not _DEVICE.fullmatch(device_id):  # never a path component an attacker chose
            raise UploadError(400, "bad_device", "设备编号格式不对。", "Malformed device id.")
        folder = self.root / "incoming" / device_id
        return folder / f"{sha256}.part", folder / f"{sha256}.length"

    @staticmethod
    def _check(sha256: str) -> None:
        if not _SHA.fullmatch(sha256):
            raise UploadError(400, "bad_sha256", "照片编号必须是 SHA-256。", "A photo is named by its SHA-256 (hex).")

    def exists(self, sha256: str) -> bool:
        return self.final_path(sha256).is_file()

    def create(self, device_id: str, sha256: str, length: int) -> UploadState:
        """Start (or find) the upload of `sha256`, `length` bytes long."""
        if not 0 < length <= protocol.MAX_PHOTO_BYTES:
            raise UploadError(413, "too_large", "照片文件太大。",
                              f"Upload-Length must be 1–{protocol.MAX_PHOTO_BYTES} bytes.")
        if self.exists(sha256):
            return UploadState(length, length, True)
        part, length_file = self._part(device_id, sha256)
        part.parent.mkdir(parents=True, exist_ok=True)
        if length_file.exists():
            known = int(length_file.read_text(encoding="ascii") or 0)
            if known != length:  # another length for the same hash: start again
                part.unlink(missing_ok=True)
        length_file.write_text(str(length), encoding="ascii")
        part.touch(exist_ok=True)
        return UploadState(part.stat().st_size, length, False)

    def state(self, device_id: str, sha256: str) -> UploadState | None:
        if self.exists(sha256):
            size = self.final_path(sha256).stat().st_size
            return UploadState(size, size, True)
        part, length_file = self._part(device_id, sha256)
        if not part.exists() or not length_file.exists():
            return None
        return UploadState(part.stat().st_size, int(length_file.read_text(encoding="ascii") or 0), False)

    def begin_append(self, device_id: str, sha256: str, offset: int) -> Appender:
        """Start writing at `offset`, which must be where the upload stands (else 409)."""
        state = self.state(device_id, sha256)
        if state is None:
            raise UploadError(404, "no_upload", "没有这个上传，请重新开始。", "No such upload; create it first.")
        if offset != state.offset:
            raise UploadError(409, "offset_mismatch", "上传位置不一致，将从服务器记录的位置继续。",
                              f"Upload-Offset {offset} but the office holds {state.offset} bytes.")
        return Appender(self, device_id, sha256, state)

    def _finish(self, device_id: str, sha256: str, length: int) -> UploadState:
        part, length_file = self._part(device_id, sha256)
        digest = hashlib.sha256()
        with part.open("rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
        if digest.hexdigest() != sha256:
            part.unlink(missing_ok=True)
            length_file.unlink(missing_ok=True)
            # tus checksum extension: 460 Checksum Mismatch; the device starts this photo again.
            raise UploadError(460, "checksum_mismatch", "照片传输出错（内容与编号不符），将重新上传。",
                              "The uploaded bytes do not hash to the photo's SHA-256; upload it again.")
        final = self.final_path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, final)
        _fsync_dir(final.parent)
        length_file.unlink(missing_ok=True)
        return UploadState(length, length, True)


class Appender:
    """Bytes arriving for one upload. Whatever arrived is kept when the connection breaks, so the
    next attempt resumes from there; `close()` says where the upload stands."""

    def __init__(self, store: PhotoStore, device_id: str, sha256: str, state: UploadState) -> None:
        self._store, self._device, self._sha, self._state = store, device_id, sha256, state
        self._written = state.offset
        self._file = None if state.complete else store._part(device_id, sha256)[0].open("ab")

    def write(self, chunk: bytes) -> None:
        if self._file is None:
            return
        if self._written + len(chunk) > self._state.length:
            raise UploadError(400, "too_long", "上传的数据比声明的长。", "More bytes than Upload-Length.")
        self._file.write(chunk)
        self._written += len(chunk)

    def close(self) -> UploadState:
        if self._file is None:
            return self._state
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        if self._written < self._state.length:
            return UploadState(self._written, self._state.length, False)
        return self._store._finish(self._device, self._sha, self._state.length)
