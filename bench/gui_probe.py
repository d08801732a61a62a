"""Shared by the GUI benchmarks: a heartbeat that measures how long the GUI thread is ever busy, and a
way to let the event loop run for a while."""

from __future__ import annotations

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
