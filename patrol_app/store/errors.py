"""Store errors, split as qutebrowser does: the environment is at fault (the user can act), or a bug.

An `EnvironmentFault` carries a message in Chinese and English that says what happened and what
to do. Anything else raised from the store is a bug and is reported as one.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Base of the store's own errors."""


class EnvironmentFault(StoreError):
    """The disk, the file system or another program is in the way; nothing was changed."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, language: str = "zh") -> str:
        return self.zh if language.startswith("zh") else self.en

    def bilingual(self) -> str:
        return f"{self.zh}\n{self.en}"


class ReadOnlyDataDir(EnvironmentFault):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据文件夹不能写入：{path}\n请换一个可以写入的文件夹（用 --data-dir 指定），"
            "或请管理员给这个文件夹写入权限。没有改动任何数据。",
            f"The data folder cannot be written: {path}\nChoose a writable folder (--data-dir) "
            "or ask for write permission on it. Nothing was changed.",
        )


class NotADatabase(EnvironmentFault):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"这个文件不是巡河助手的数据库：{path}\n它可能被别的程序改写或已损坏。"
            "请用备份文件替换它，或换一个数据文件夹。没有改动这个文件。",
            f"This file is not a River Patrol database: {path}\nIt may have been overwritten or "
            "damaged. Restore it from a backup or choose another data folder. The file was not changed.",
        )


class NewerSchema(EnvironmentFault):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"数据库来自更新版本的巡河助手（数据版本 {found}，本程序只认识到 {known}）：{path}\n"
            "请安装最新版本的巡河助手后再打开。没有改动任何数据。",
            f"This database was written by a newer River Patrol (schema {found}, this program knows "
            f"up to {known}): {path}\nInstall the latest version to open it. Nothing was changed.",
        )


class DiskFull(EnvironmentFault):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"磁盘空间已满，无法保存：{path}\n请删除一些不用的文件腾出空间，然后再试一次。"
            "这次的改动没有保存，之前的数据都在。",
            f"The disk is full, nothing could be saved: {path}\nFree some space and try again. "
            "This change was not saved; earlier data is intact.",
        )


class DatabaseBusy(EnvironmentFault):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据库正被另一个程序使用：{path}\n请关闭其他打开的巡河助手窗口，稍后再试。",
            f"The database is in use by another program: {path}\n"
            "Close other River Patrol windows and try again.",
        )


class StorageFailure(EnvironmentFault):
    """The disk itself failed to read or write (I/O error, a drive that went away)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"读写数据时磁盘出错：{path}\n（{detail}）\n正在保存的改动没有保存。请检查U盘或移动硬盘是否已拔出、"
            "磁盘是否有坏道；把整个数据文件夹复制到别处保存，然后再试一次。",
            f"The disk failed while reading or writing the data: {path}\n({detail})\n"
            "The change being saved was not saved. Check that the USB or external drive is still connected "
            "and the disk is healthy; copy the whole data folder somewhere safe, then try again.",
        )


class DatabaseDamaged(EnvironmentFault):
    """The database file's content is damaged (SQLITE_CORRUPT, a failed quick check, a cut-off file).

    Restarting cannot help, so the advice is to keep a copy and look at what `check` finds;
    `problems` lists what SQLite reported.
    """

    def __init__(self, path: Path, problems: list[str] | str, *, during_write: bool = False) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        detail = "; ".join(self.problems[:3]) + ("…" if len(self.problems) > 3 else "")
        zh_done = ("正在保存的改动已撤销，之前保存的数据没有动。" if during_write
                   else "没有改动任何数据。")
        en_done = ("The change being saved was rolled back; nothing saved earlier was touched." if during_write
                   else "Nothing was changed.")
        super().__init__(
            f"数据库文件已损坏：{path}\n（{detail}）\n{zh_done}为了不让损坏扩大，本程序不会再往里面写入。"
            "请先把整个数据文件夹复制到安全的地方（另一块磁盘或U盘），然后运行 patrol-app check "
            "查看损坏情况；有备份时用备份恢复。",
            f"The database file is damaged: {path}\n({detail})\n{en_done} To keep the damage from "
            "spreading, nothing more is written to it. First copy the whole data folder somewhere safe "
            "(another disk or a USB drive), then run patrol-app check to see what is damaged; "
            "if you have a backup, restore it.",
        )


def classify(exc: BaseException, path: Path) -> BaseException:
    """Turn an sqlite3 or OS error into an EnvironmentFault where the environment is at fault.

    Returns `exc` itself when it looks like a bug, so the caller can re-raise it unchanged.
    """
    if isinstance(exc, EnvironmentFault):
        return exc
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        if name == "SQLITE_FULL" or "disk is full" in text:
            return DiskFull(path)
        if name.startswith("SQLITE_READONLY") or "readonly" in text:
            return ReadOnlyDataDir(path.parent)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
            return DatabaseBusy(path)
        if name == "SQLITE_NOTADB" or "not a database" in text:
            return NotADatabase(path)
        # Text that is not UTF-8 was never written by this program (Python's sqlite3 says so when it
        # reads the cell): a flipped byte inside a page that SQLite's own checks cannot see.
        if name.startswith("SQLITE_CORRUPT") or "malformed" in text or "could not decode to utf-8" in text:
            return DatabaseDamaged(path, str(exc))
        if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk i/o" in text:
            return StorageFailure(path, str(exc))
        return exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFull(path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyDataDir(path if path.is_dir() else path.parent)
        return StorageFailure(path, str(exc))
    return exc
