"""Shared by the GUI benchmarks: a heartbeat that measures how long the GUI thread is ever busy, ways to
let the event loop run for a while or until a signal, and the bare-count baseline."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer


class Heartbeat:
    """Records the gaps between 10 ms timer ticks on the GUI thread: any gap beyond the timer's own
    period is time the event loop could not run."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.gaps.append(self._clock.restart() - 10)


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal, timeout_s: float = 120) -> None:  # noqa: ANN001
    """Run the event loop until `signal` fires (or the timeout)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def bare_count(db: Path, table: str) -> float:
    """Seconds for `SELECT count(*)` on a fresh connection: the baseline the GUI measures are ratios to."""
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    conn.close()
    return time.perf_counter() - start
