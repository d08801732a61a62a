"""Reading the files a user points at (photos, tracks): regular files only, and never blocking.

A folder copied from a phone or a USB stick may hold anything: a FIFO named a.jpg (opening it for
reading waits for ever for a writer), a link to /dev/zero (reads for ever), a socket, a folder named
x.jpg. So a file is opened with O_NONBLOCK (a FIFO opens at once instead of waiting, even if it
replaced a regular file after we looked) and judged by `fstat` of what was actually opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# O_NONBLOCK does not exist on Windows, where there are no FIFOs to open by path either.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


# Control characters, surrogates, line and paragraph separators: what breaks a line or a terminal.
_ESCAPED = {"Cc", "Cs", "Zl", "Zp"}


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder: nothing to read a photo or track from."""


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """Open a file for reading, binary; raises NotRegularFile for anything but a regular file (judged by
    what was opened, not by a look before), OSError when it cannot be opened."""
    fd = os.open(path, _FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file: {path}")
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f


def read_regular(path: Path, limit: int) -> bytes:
    """The file's bytes, at most `limit + 1` of them (so a caller can tell "over the limit")."""
    with open_regular(path) as f:
        return f.read(limit + 1)


def display(text: str) -> str:
    """A path (or name) fit for one line of text output and for the database: control characters are
    shown escaped (a name with a newline stays on one line, an ESC cannot recolour the terminal) and
    bytes that are not UTF-8 (kept by Python as lone surrogates, which neither a UTF-8 terminal nor
    SQLite accepts) as \\xNN."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(ch) in _ESCAPED:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:  # printable, or a space such as U+3000 that reads as one
            out.append(ch)
    return "".join(out)
