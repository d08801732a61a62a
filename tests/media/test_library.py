"""The library's scratch writes: the same bytes whether they go through direct I/O or the page cache."""

from __future__ import annotations

import errno
import os
import random

import pytest

from patrol_app.media import library
from patrol_app.media.library import DIRECT_MIN, write_scratch

SIZES = [0, 1, 4095, DIRECT_MIN - 1, DIRECT_MIN, DIRECT_MIN + 1, DIRECT_MIN + 4095, 3 * 1024 * 1024 + 17,
         4 * 1024 * 1024, 9 * 1024 * 1024 + 4096 + 1]  # the last one is larger than a thread's first buffer


def _payload(size: int) -> bytes:
    return random.Random(size).randbytes(size)


@pytest.mark.parametrize("size", SIZES)
def test_written_bytes_are_the_given_bytes(tmp_path, size):
    data = _payload(size)
    path = write_scratch(data, tmp_path / "scratch")
    assert path.read_bytes() == data
    assert path.name.startswith(".part-")


def _direct_io_works_in(folder) -> bool:
    """Ask the file system itself, not our code: can a file here be opened with O_DIRECT?"""
    probe = folder / "probe"
    probe.touch()
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_DIRECT))
    except OSError:
        return False
    finally:
        probe.unlink()
    return True


@pytest.fixture(autouse=True)
def _fresh_refusals(monkeypatch):
    """A simulated refusal must not make later tests (or imports) on the same disk skip direct I/O."""
    monkeypatch.setattr(library, "_refusing_devices", set())


def test_direct_io_is_used_where_the_system_has_it(tmp_path):
    if not getattr(os, "O_DIRECT", 0):
        pytest.skip("this system has no O_DIRECT (Windows, macOS): only buffered writes are used")
    if not _direct_io_works_in(tmp_path):
        pytest.skip(f"the file system under {tmp_path} refuses O_DIRECT")
    data = _payload(DIRECT_MIN * 3 + 5)
    target = tmp_path / "file"
    target.touch()
    assert library._write_direct(str(target), data) == DIRECT_MIN * 3  # the whole blocks went direct
    assert target.read_bytes() == data[: DIRECT_MIN * 3]
    path = write_scratch(data, tmp_path)
    assert path.read_bytes() == data


def test_the_aligned_buffer_is_not_shared_with_a_forked_child(tmp_path):
    """A child process (multiprocessing forks on Linux) must never write into the parent's buffer."""
    if not hasattr(os, "fork") or not getattr(os, "O_DIRECT", 0) or not _direct_io_works_in(tmp_path):
        pytest.skip("needs fork and direct I/O")
    ours = _payload(DIRECT_MIN)
    write_scratch(ours, tmp_path)  # this thread now has its buffer, holding our bytes
    buffer = library._buffers.buffer
    pid = os.fork()
    if pid == 0:  # the child overwrites "its" buffer, as its own next write would
        try:
            library._buffers.buffer[: len(ours)] = b"\xff" * len(ours)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert buffer[: len(ours)] == ours


def test_no_memory_for_the_buffer_means_a_buffered_write(tmp_path, monkeypatch):
    def no_memory(*args, **kwargs):
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(library, "_buffers", library.threading.local())
    monkeypatch.setattr(library.mmap, "mmap", no_memory)
    data = _payload(DIRECT_MIN * 2 + 3)
    assert write_scratch(data, tmp_path).read_bytes() == data


@pytest.mark.parametrize("where", ["open", "write"])
def test_a_file_system_without_direct_io_gets_a_buffered_write(tmp_path, monkeypatch, where):
    """tmpfs and some network file systems answer O_DIRECT with EINVAL: the bytes are written anyway."""
    real_open, real_write = os.open, os.write
    direct = getattr(os, "O_DIRECT", 0) or 0x4000
    monkeypatch.setattr(library, "_O_DIRECT", direct)
    direct_fds = set()

    def fake_open(path, flags, *args, **kwargs):
        if flags & direct:
            if where == "open":
                raise OSError(errno.EINVAL, "Invalid argument")
            fd = real_open(path, flags & ~direct, *args, **kwargs)
            direct_fds.add(fd)
            return fd
        return real_open(path, flags, *args, **kwargs)

    def fake_write(fd, data):
        if fd in direct_fds:
            real_write(fd, bytes(data)[:100])  # a partial write first, as a device with other rules might
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_write(fd, data)

    monkeypatch.setattr(library.os, "open", fake_open)
    monkeypatch.setattr(library.os, "write", fake_write)
    data = _payload(DIRECT_MIN * 2 + 77)
    path = write_scratch(data, tmp_path)
    assert path.read_bytes() == data
    # The refusal is remembered for that file system: the next file does not try again.
    direct_fds.clear()
    opened = []
    def spy(path, flags, *args, **kwargs):
        opened.append(flags)
        return fake_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(library.os, "open", spy)
    assert write_scratch(data, tmp_path).read_bytes() == data
    assert not any(flags & direct for flags in opened)


def test_a_full_disk_is_reported_not_hidden(tmp_path, monkeypatch):
    direct = getattr(os, "O_DIRECT", 0) or 0x4000
    monkeypatch.setattr(library, "_O_DIRECT", direct)
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if flags & direct:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(library.os, "open", fake_open)
    with pytest.raises(OSError) as caught:
        write_scratch(_payload(DIRECT_MIN), tmp_path)
    assert caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind
