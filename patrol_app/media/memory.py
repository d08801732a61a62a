"""Keeping glibc from handing each photo's buffers back to the kernel in the middle of an import.

Every photo passes through a few large, short-lived buffers: its bytes (~4 MB for 12 MP), the decoded
picture (12 MB at 2000×1500), the rotated copy, the decoder's and encoder's work areas. By default glibc
gives freed blocks of that size straight back to the kernel (above its mmap and trim thresholds, which
in worker threads' arenas it does not raise by itself), so the next photo's buffers are page-faulted in
again, page by page. Measured on 40 photos of 12 MP: ~97,600 page faults and ~0.6 s of kernel time by
default; ~24,300 and ~0.3 s with the thresholds below, and the import ~8% faster (bench/README.md).

`keep_freed_memory()` sets the thresholds where glibc's own adjustment would end up at most (mmap 32 MB,
trim 64 MB) from the first import on, and when an import ends returns the free memory to the system
(`malloc_trim`), so the app does not stay larger afterwards. They are not put back: setting them turns
glibc's adjustment off for good, and a fixed 128 kB (the default starting point) measured 7× the page
faults of either. On other C libraries and systems (Windows, macOS, musl) it does nothing.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024  # the largest glibc accepts on 64-bit systems
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD  # what glibc's dynamic adjustment pairs with it

_lock = threading.Lock()
_active = 0
_set = False


def _glibc() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None)  # the C library this interpreter already uses
        libc.gnu_get_libc_version  # glibc only: musl has no mallopt  # noqa: B018
        for name, argtypes in (("mallopt", [ctypes.c_int, ctypes.c_int]), ("malloc_trim", [ctypes.c_size_t])):
            function = getattr(libc, name)
            function.argtypes, function.restype = argtypes, ctypes.c_int
    except (ImportError, OSError, AttributeError):  # no ctypes in this build, or not glibc
        return None
    return libc


_libc = _glibc()


@contextmanager
def keep_freed_memory() -> Iterator[None]:
    """While inside, freed large blocks stay with the process for reuse; when the last one inside leaves,
    the free memory is returned to the system."""
    global _active, _set
    if _libc is None:
        yield
        return
    with _lock:
        _active += 1
        if not _set:
            _set = True
            # Each on its own: a 32-bit glibc refuses a 32 MB mmap threshold but takes the trim one.
            for param, value in ((M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, TRIM_THRESHOLD)):
                if not _libc.mallopt(param, value):
                    log.debug("glibc refused malloc parameter %d = %d", param, value)
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                _libc.malloc_trim(0)
