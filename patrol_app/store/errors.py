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
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"读写数据时出错：{path}\n（{detail}）\n请检查磁盘或U盘是否已拔出、是否有坏道，然后重启程序。",
            f"Reading or writing the data failed: {path}\n({detail})\n"
            "Check that the disk is present and healthy, then restart the program.",
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
        if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_CORRUPT")) or "disk i/o" in text:
            return StorageFailure(path, str(exc))
        return exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFull(path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyDataDir(path if path.is_dir() else path.parent)
        return StorageFailure(path, str(exc))
    return exc
