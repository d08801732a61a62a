"""One window per data folder: a second start brings the open window to the front instead.

Two windows on one folder each kept their own view of the records; a save in the second was refused by
the version check and the typed text was lost (issue 14 item 9). The first instance holds a lock file
in the data folder (`QLockFile`: a lock left by a process that died is stale and taken over) and listens
on a local socket whose name comes from the folder's path. A second start finds the lock held, asks the
first over that socket to come to the front, and exits; if the first does not answer (hung), it says so
and what to do. The CLI's writing commands keep their own locks and are not affected.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = ".window.lock"
ACTIVATE = b"activate\n"
ANSWER = b"ok\n"
# The first instance may be between taking the lock and listening, or busy for a moment on its GUI thread.
CONNECT_WITHIN_MS = 3000
ANSWER_WITHIN_MS = 5000


# Said in both languages, Chinese first: the second start has not read the folder's language setting.
ALREADY_OPEN = (
    "巡河助手已经在这个数据文件夹上打开，已把那个窗口调到最前面。\n"
    "River Patrol is already open on this data folder; its window has been brought to the front."
)
NOT_ANSWERING_ZH = (
    "巡河助手已经在这个数据文件夹上打开（进程 {pid}），但它没有响应。\n"
    "请切换到那个窗口；如果它卡住了，请关闭它（必要时在任务管理器中结束它），然后再启动。\n"
    "只有确定没有别的巡河助手窗口时才选“仍然打开”：两个窗口看不到对方的修改。\n"
    "数据文件夹：{folder}"
)
NOT_ANSWERING_EN = (
    "River Patrol is already open on this data folder (process {pid}) but does not answer. "
    "Switch to that window; if it is stuck, close it (if need be, end it in Task Manager), then start again. "
    "Choose Open anyway only if no other River Patrol window is open: two windows do not see each other's "
    "changes. Data folder: {folder}"
)


class Claim(Enum):
    OURS = "ours"  # this process holds the folder: go on and open the window
    ACTIVATED = "activated"  # another window has the folder and came to the front: exit
    NOT_ANSWERING = "not_answering"  # another process holds the folder but does not answer
    UNGUARDED = "unguarded"  # the folder cannot hold a lock (missing, read-only…): opening it will say why


def server_name(data_dir: Path) -> str:
    """The local socket's name for this data folder: the same folder (however it is written) gives the
    same name, on Windows regardless of case; short enough for a Unix socket path."""
    path = os.path.normcase(os.path.realpath(data_dir))
    return "patrol-app-" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


class InstanceGuard(QObject):
    """Holds a data folder for this process, or finds who holds it.

    Signals:
        activation_requested(): a second start on the same folder asked this window to come to the front.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._name = server_name(data_dir)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None
        self.holder_pid = 0

    def claim(self) -> Claim:
        try:
            self._data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Claim.UNGUARDED
        lock = QLockFile(str(self._data_dir / LOCK_NAME))
        # A window stays open for days: only a lock whose process has died is stale, never one by its age.
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self._lock = lock
            self._listen()
            return Claim.OURS
        if lock.error() != QLockFile.LockError.LockFailedError:  # not writable: open_store explains
            return Claim.UNGUARDED
        info = lock.getLockInfo()  # (pid, host, application), or nothing if the file was unreadable
        self.holder_pid = int(info[0]) if isinstance(info, tuple) and info else 0
        return Claim.ACTIVATED if self._ask_to_activate() else Claim.NOT_ANSWERING

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # ---- the first instance ----------------------------------------------------------------------------

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left under this name is a dead instance's: remove it.
        QLocalServer.removeServer(self._name)
        if not server.listen(self._name):
            log.warning("cannot listen on %s: %s", self._name, server.errorString())
            return
        server.newConnection.connect(self._connected)
        self._server = server
        log.info("listening as %s for a second start on %s", self._name, self._data_dir)

    @Slot()
    def _connected(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._answer(socket)

    @Slot()
    def _read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._answer(socket)

    def _answer(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == ACTIVATE:
            log.info("activation requested by a second start")
            self.activation_requested.emit()
            socket.write(ANSWER)
            socket.flush()
        socket.disconnectFromServer()

    # ---- a second start -----------------------------------------------------------------------------

    def _ask_to_activate(self) -> bool:
        _allow_foreground(self.holder_pid)
        socket = QLocalSocket()
        deadline = QDeadlineTimer(CONNECT_WITHIN_MS)
        while True:
            socket.connectToServer(self._name)
            if socket.waitForConnected(min(500, max(0, deadline.remainingTime()))):
                break
            socket.abort()
            if deadline.hasExpired():
                log.info("no answer on %s (the window holding %s)", self._name, self._data_dir)
                return False
        socket.write(ACTIVATE)
        answered = socket.waitForBytesWritten(ANSWER_WITHIN_MS) and _read_line(socket, ANSWER_WITHIN_MS) == ANSWER
        socket.abort()
        return answered


def _read_line(socket: QLocalSocket, within_ms: int) -> bytes:
    deadline = QDeadlineTimer(within_ms)
    while not socket.canReadLine():
        if deadline.hasExpired() or not socket.waitForReadyRead(max(1, deadline.remainingTime())):
            return b""
    return bytes(socket.readLine().data())


def _allow_foreground(pid: int) -> None:
    """Windows lets only the process the user just started bring a window to the front: pass that right
    on to the window already open, so it comes up instead of only flashing in the taskbar."""
    if sys.platform == "win32" and pid > 0:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(pid)  # type: ignore[attr-defined]
