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


def test_direct_io_is_used_where_the_system_has_it(tmp_path, monkeypatch):
    if not getattr(os, "O_DIRECT", 0):
        pytest.skip("this system has no O_DIRECT (Windows, macOS): only buffered writes are used")
    flags_seen = []
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        flags_seen.append(flags)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(library.os, "open", spy)
    data = _payload(DIRECT_MIN * 3 + 5)
    try:
        path = write_scratch(data, tmp_path)
    except OSError as exc:  # pragma: no cover - depends on the file system under tmp_path
        pytest.fail(f"direct write failed: {exc}")
    assert path.read_bytes() == data
    assert any(flags & os.O_DIRECT for flags in flags_seen)


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
