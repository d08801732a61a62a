"""The content-addressed photo library beside the database.

    photos/ab/<sha256>.<ext>     originals, byte for byte, never modified
    uploads/ab/<sha256>.jpg      upload copies, named by their own hash, byte-stable once made
    thumbs/ab/<sha256>.jpg       thumbnails, named by the original's hash; derived, can be rebuilt

Every file is written to a temporary name in the same folder, flushed and fsync'd, then renamed into
place, so a crash leaves either the whole file or nothing under the final name.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import mmap
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from patrol_app.paths import Library  # the layout lives in paths: the store needs it too

CHUNK = 1 << 20
# Windows: a virus scanner or the search indexer may hold a file it has just seen written for a moment, and
# renaming it then fails (WinError 5 or 32). Tried again for about a second, as pip does (docs/windows.md).
RENAME_PAUSES = (0.05, 0.1, 0.2, 0.25, 0.4) if sys.platform == "win32" else ()


def _replace(source: str | Path, target: Path) -> None:
    for pause in RENAME_PAUSES:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            time.sleep(pause)
    os.replace(source, target)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to fsync it; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DirtyFolders:
    """Folders with renames not yet made durable: fsync'd together, once, before the rows that point
    to their files are committed (one folder fsync per batch instead of one per file)."""

    def __init__(self) -> None:
        self._folders: set[Path] = set()
        self._lock = threading.Lock()

    def add(self, folder: Path) -> None:
        with self._lock:
            self._folders.add(folder)

    def sync(self) -> None:
        with self._lock:
            folders, self._folders = self._folders, set()
        for folder in sorted(folders):
            _fsync_dir(folder)


def write_atomic(target: Path, data: bytes, dirty: DirtyFolders | None = None) -> bool:
    """Write `data` to `target` (temp file, fsync, rename). Returns False if it already existed.

    The library is content-addressed: an existing file under the same name has the same content.
    With `dirty`, the folder's fsync is left to `dirty.sync()`.
    """
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.parent.parent.parent / ".incoming"  # <root>/<folder>/ab/<name> → <root>/.incoming
    scratch.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=scratch)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if dirty is None:
        _fsync_dir(target.parent)
    else:
        dirty.add(target.parent)
    return True


def write_scratch(data: bytes, scratch: Path) -> Path:
    """Write `data` to a new temporary file in `scratch` and return its path (not fsync'd yet:
    `Staged.sync` does that before the file gets its final name).

    The importer passes the very bytes it hashed, so the library copy matches its name even if the
    user's file is changed meanwhile; writing them costs a quarter of copying the file again in the
    kernel and re-hashing the copy to prove that.

    Where the system allows it (Linux `O_DIRECT`), the bulk of a large file goes straight to the disk
    instead of through the page cache: an original is written once and hardly ever read again, so
    caching it only pushes out what is worth keeping; it also leaves `Staged.sync`'s fsync little to
    do. Elsewhere (Windows, macOS), where the file system refuses direct I/O (some network file systems,
    tmpfs before Linux 6.6) or where there is no memory for the aligned buffer, the ordinary buffered
    write is used; the result is the same bytes either way.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=scratch)
    try:
        with os.fdopen(fd, "wb", buffering=0) as f:
            done = _write_direct(tmp, data)
            if done:
                f.seek(done)
            view = memoryview(data)[done:]
            while view:
                view = view[f.write(view):]
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


_O_DIRECT = getattr(os, "O_DIRECT", 0)
DIRECT_MIN = 256 * 1024
DIRECT_MAX = 64 * 1024 * 1024
KEEP_BUFFER = 16 * 1024 * 1024  # a thread keeps a buffer this large for its next file; larger ones are dropped
_ALIGN = 4096  # memory address, file offset and length: a multiple of any disk's logical block
# The ways a file system (or the kernel) says "no direct I/O here": then the write is buffered instead.
_REFUSED = {errno.EINVAL, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}
_buffers = threading.local()
_refusing_devices: set[int] = set()  # file systems that refused once are not asked again


def _write_direct(path: str, data: bytes) -> int:
    """Write the whole-block prefix of `data` to the (empty) file at `path` with O_DIRECT.

    Returns how many bytes were written (0 when direct I/O is not used); the caller writes the rest.
    Errors other than "not supported here" are raised, a full disk included.
    """
    length = len(data) - len(data) % _ALIGN
    if not _O_DIRECT or not DIRECT_MIN <= len(data) <= DIRECT_MAX:
        return 0
    device = os.stat(path).st_dev
    if device in _refusing_devices:
        return 0
    try:
        fd = os.open(path, os.O_WRONLY | _O_DIRECT)
    except OSError as exc:
        if exc.errno in _REFUSED:
            _refusing_devices.add(device)
            return 0
        raise
    try:
        buffer = _buffer(length)
        if buffer is None:  # no memory for it just now: the buffered write needs none
            return 0
        with memoryview(data) as source:
            buffer[:length] = source[:length]
        with memoryview(buffer) as view:
            done = 0
            while done < length:
                done += os.write(fd, view[done:length])
        if len(buffer) > KEEP_BUFFER:
            buffer.close()
    except OSError as exc:
        if exc.errno in _REFUSED:  # e.g. a device that wants a larger alignment: the caller rewrites it all
            _refusing_devices.add(device)
            return 0
        raise
    finally:
        os.close(fd)
    return length


def _buffer(length: int) -> mmap.mmap | None:
    """A page-aligned buffer of at least `length` bytes, private to this thread (and to this process:
    a forked child gets its own copy, never the parent's pages)."""
    buffer = getattr(_buffers, "buffer", None)
    if buffer is not None and len(buffer) >= length:
        return buffer
    size = max(length, 8 * 1024 * 1024)
    try:
        buffer = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    except OSError:
        return None
    if size <= KEEP_BUFFER:
        old, _buffers.buffer = getattr(_buffers, "buffer", None), buffer
        if old is not None:
            old.close()
    return buffer


@dataclass
class Staged:
    """A complete file under a temporary name in the scratch folder, waiting for its final name.

    Syncing and placing are done by the import's single writer, so the workers never wait for the
    disk: `durable` files are fsync'd before they are renamed (a power cut after the rename must not
    leave a short file under a final, content-addressed name); the folders are fsync'd once per batch
    by `DirtyFolders.sync`, just before the rows that point to the files are committed.
    """

    temp: Path
    target: Path
    durable: bool
    synced: bool = False

    def sync(self) -> None:
        """Make the file's content durable, once. Not needed while the target exists (the temporary file
        will be dropped); `place` asks again, in case the target is gone by then."""
        if not self.durable or self.synced or self.target.exists():
            return
        # Read-write: on Windows fsync (FlushFileBuffers) needs write access to the file.
        fd = os.open(self.temp, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        self.synced = True

    def place(self, dirty: DirtyFolders) -> bool:
        self.sync()
        return place_atomic(self.temp, self.target, dirty)

    def discard(self) -> None:
        """Remove the temporary file; never raises (a folder that just became unwritable must not hide
        the error being handled: what is left is removed when the next import starts)."""
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)


def place_atomic(temp: Path, target: Path, dirty: DirtyFolders | None = None) -> bool:
    """Rename an already written temporary file into place; if `target` exists (same content, by
    name) the temporary file is dropped. Returns whether it was placed."""
    if target.exists():
        temp.unlink(missing_ok=True)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    _replace(temp, target)
    if dirty is None:
        _fsync_dir(target.parent)
    else:
        dirty.add(target.parent)
    return True


def remove_partials(root: Path) -> int:
    """Delete temporary files a crash left behind (all in the scratch folder); returns how many."""
    scratch = Library(root).scratch
    removed = 0
    if scratch.is_dir():
        for p in scratch.iterdir():
            p.unlink(missing_ok=True)
            removed += 1
    return removed



def check_files(root: Path, rows: list[tuple[str, str, str, str]],
                progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Every photo's original and upload copy present and matching the hash it is named by.

    `rows` are (uuid, sha256, format, upload_sha256) from the store.
    """
    library = Library(root)
    problems = []
    for i, (uuid, sha, fmt, upload_sha) in enumerate(rows):
        for label, path, expected in (("original", library.original(sha, fmt), sha),
                                      ("upload copy", library.upload(upload_sha), upload_sha)):
            if not path.is_file():
                problems.append(f"photo {uuid}: {label} missing ({path})")
            elif sha256_file(path) != expected:
                problems.append(f"photo {uuid}: {label} does not match its hash ({path})")
        if progress is not None:
            progress(i + 1, len(rows))
    return problems


def find_leftovers(root: Path, rows: list[tuple[str, str, str, str]]) -> list[str]:
    """Library files no photo record points to, and temporary files: not damage, but worth saying.

    An import places a photo's files before it commits its row, so a killed import (or one whose
    database could not be written) leaves complete files without a row. The library is
    content-addressed: the next import of the same photo reuses them; otherwise they are safe to
    delete. `.part-` files in the scratch folder are deleted by the next import.
    """
    library = Library(root)
    expected: set[Path] = set()
    for _uuid, sha, fmt, upload_sha in rows:
        expected.update((library.original(sha, fmt), library.upload(upload_sha), library.thumbnail(sha)))
    orphans = [p for p in library.all_files() if p not in expected]
    notices = []
    if orphans:
        shown = ", ".join(str(p.relative_to(root)) for p in orphans[:5]) + (" …" if len(orphans) > 5 else "")
        notices.append(
            f"{len(orphans)} 个照片库文件没有对应的记录（中断的导入留下的）：再次导入同一张照片时会直接使用它们，"
            f"也可以放心删除。 {len(orphans)} library files have no record (left by an interrupted import): "
            f"the next import of the same photos reuses them; they are safe to delete. ({shown})"
        )
    partials = [p for p in library.scratch.iterdir() if p.is_file()] if library.scratch.is_dir() else []
    if partials:
        notices.append(
            f"{len(partials)} 个未完成的临时文件在 {library.scratch}：下次导入时会自动删除。 "
            f"{len(partials)} unfinished temporary files in {library.scratch}: the next import deletes them."
        )
    return notices
