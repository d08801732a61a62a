"""The one background-work helper: run a function off the GUI thread, deliver its result on it.

Work is written without Qt (a function taking `progress(done, total, text)` and a `cancel` flag,
as in Anki's taskman/QueryOp); `TaskRunner.run` adapts it. Reads run on a small pool; writes on a
single-thread pool so they never race. A worker never touches a widget: it gets copies of its
inputs and opens its own store connection.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from patrol_app.store import Store

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised by work that saw the cancel flag; delivered to no callback."""


@dataclass
class WorkContext:
    """What the work function gets: a progress callback and a cancel flag to check."""

    progress: Progress
    cancel: threading.Event

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[WorkContext], Any], context: WorkContext, signals: _Signals) -> None:
        super().__init__()
        # The Task keeps this object alive until it has delivered its result; letting the pool
        # delete the C++ side under a live Python wrapper crashes PySide6 at garbage collection.
        self.setAutoDelete(False)
        self._fn, self._context, self._signals = fn, context, signals

    def run(self) -> None:
        try:
            result = self._fn(self._context)
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class Task(QObject):
    """A running piece of work, owned by the GUI thread.

    Signals:
        finished(): emitted once, after the success or failure callback ran (or on cancel).
    """

    finished = Signal()
    PROGRESS_THROTTLE_S = 0.1

    def __init__(
        self,
        *,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject,
        owner: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._owner = owner
        self._on_success, self._on_failure = on_success, on_failure
        self.cancel_flag = threading.Event()
        self.signals = _Signals(self)
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self._last_progress = 0.0
        self.dialog: QProgressDialog | None = None
        self.runnable: QRunnable | None = None

    def cancel(self) -> None:
        self.cancel_flag.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_flag.is_set()

    def report(self, done: int, total: int, text: str) -> None:
        """Called from the worker thread; throttled so the GUI is not flooded."""
        now = time.monotonic()
        if now - self._last_progress >= self.PROGRESS_THROTTLE_S or done >= total:
            self._last_progress = now
            self.signals.progressed.emit(done, total, text)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._close_dialog()
        # Work that returned despite a cancel has kept what it did (e.g. the photos imported so far)
        # and says so in its result; work with nothing to keep raises Cancelled instead.
        if self._on_success is not None and self._owner_alive():
            self._on_success(result)
        self.finished.emit()
        self.deleteLater()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self._close_dialog()
        if not isinstance(exc, Cancelled) and self._on_failure is not None and self._owner_alive():
            self._on_failure(exc)  # type: ignore[arg-type]
        self.finished.emit()
        self.deleteLater()

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


class ProgressDialog(QProgressDialog):
    """A modal progress dialog that appears only for slow work; Cancel sets the task's flag."""

    def __init__(self, title: str, cancel_text: str, parent: QWidget,
                 text: Callable[[int, int, str], str] | None = None) -> None:
        super().__init__(title, cancel_text, 0, 0, parent)
        self._text = text
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, text: str) -> None:
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total > 0 else 0)
        label = self._text(done, total, text) if self._text is not None else text
        if label:
            self.setLabelText(label)


class TaskRunner(QObject):
    """Starts work on background threads. Pass one instance to whoever needs it."""

    SHOW_PROGRESS_AFTER_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def run(
        self,
        fn: Callable[[WorkContext], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        writes: bool = False,
        progress_parent: QWidget | None = None,
        progress_title: str = "",
        progress_text: Callable[[int, int, str], str] | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Run `fn(context)` in the background; the callbacks run on the GUI thread.

        With `progress_parent`, a progress dialog with a cancel button appears if the work takes
        longer than half a second; `progress_text(done, total, text)`, run on the GUI thread, words its
        label. With `owner`, the callbacks are skipped if that object was deleted meanwhile (a page
        closed while its work was still running).
        """
        task = Task(on_success=on_success, on_failure=on_failure, parent=self, owner=owner)
        context = WorkContext(progress=task.report, cancel=task.cancel_flag)
        self._running.add(task)
        task.finished.connect(self._forget)
        if progress_parent is not None:
            self._attach_progress(task, progress_parent, progress_title, progress_text)
        task.runnable = _Runnable(fn, context, task.signals)
        (self._writes if writes else self._reads).start(task.runnable)
        return task

    @Slot()
    def _forget(self) -> None:
        task = self.sender()
        self._running.discard(task)  # type: ignore[arg-type]

    def run_in_store(self, data_dir: Path, fn: Callable[[Store, WorkContext], Any], **kwargs: Any) -> Task:
        """`run` for the common case: `fn(store, context)` with the worker's own store connection,
        opened on that thread and closed when `fn` returns or raises."""

        def work(context: WorkContext) -> Any:
            with Store.connect(data_dir) as store:
                return fn(store, context)

        return self.run(work, **kwargs)

    def _attach_progress(self, task: Task, parent: QWidget, title: str,
                         text: Callable[[int, int, str], str] | None) -> None:
        dialog = ProgressDialog(title, self.tr("Cancel"), parent, text)
        dialog.setMinimumDuration(self.SHOW_PROGRESS_AFTER_MS)
        dialog.canceled.connect(task.cancel)
        task.signals.progressed.connect(dialog.on_progress)
        task.dialog = dialog

    def wait_for_idle(self, msecs: int = 10000) -> bool:
        """Block until all background work finished (for shutdown and tests)."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
