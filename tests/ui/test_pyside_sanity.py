"""Guards the PySide6 version pin: 6.12.0 drops a reference to True/False on every signal emitted from
Python, so a long session (a photo grid scrolled through thousands of thumbnails) aborts with
"Fatal Python error: bool_dealloc". This fails loudly on such a build instead."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_emitting_signals_does_not_leak_bool_references(qapp) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for i in range(1000):
        emitter.fired.emit(i)
    drift = sys.getrefcount(True) + sys.getrefcount(False) - before
    assert len(received) == 1000
    assert abs(drift) < 50, f"PySide6 lost {-drift} references to True/False in 1,000 emits"
