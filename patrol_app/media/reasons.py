"""Why a file was skipped or failed, in words a user can act on (Chinese first, English second)."""

from __future__ import annotations

import errno
import sys
from enum import Enum

from patrol_app.userfiles import NotRegularFile

WINDOWS = sys.platform == "win32"
MAX_PATH = 260  # Windows' limit on a path unless long paths are enabled (a policy, off by default)
ERROR_FILENAME_EXCED_RANGE = 206


class Reason(Enum):
    NOT_AN_IMAGE = ("not_an_image", "不是图片文件，已跳过", "not an image file; skipped")
    EMPTY = ("empty", "空文件（0 字节），已跳过", "empty file (0 bytes); skipped")
    FILE_TOO_LARGE = ("file_too_large", "文件超过 200 MB，不像是照片，已跳过", "file over 200 MB, not a photo; skipped")
    TOO_MANY_PIXELS = ("too_many_pixels", "图片像素过多（超过 1.2 亿），可能是恶意文件，已跳过",
                       "image has too many pixels (over 120 million), possibly malicious; skipped")
    BROKEN = ("broken", "图片文件不完整或已损坏（可能没有拷贝完），请从手机重新拷贝",
              "the image is truncated or damaged (perhaps not fully copied); copy it from the phone again")
    UNREADABLE = ("unreadable", "没有权限读取这个文件", "no permission to read this file")
    NOT_FOUND = ("not_found", "找不到这个文件或文件夹", "file or folder not found")
    VANISHED = ("vanished", "文件在导入时不见了（被移走、删除，或U盘、手机已拔出）",
                "the file disappeared during the import (moved, deleted, or the USB drive or phone unplugged)")
    NOT_REGULAR = ("not_regular", "不是普通文件（是文件夹、管道、设备或套接字），已跳过",
                   "not a regular file (a folder, pipe, device or socket); skipped")
    LINK_LOOP = ("link_loop", "这是指向自己的快捷方式（符号链接循环），打不开",
                 "a symbolic link that points to itself (a loop of links); it cannot be opened")
    NAME_TOO_LONG = ("name_too_long", "文件名或路径太长，系统打不开。请把文件移到短一些的文件夹里",
                     "the file name or path is too long for the system; move the file to a shorter folder")
    FOLDER_UNREADABLE = ("folder_unreadable", "无法打开这个文件夹", "this folder cannot be opened")
    READ_FAILED = ("read_failed", "读取文件时出错（U盘或手机是否已拔出？）",
                   "reading the file failed (was the USB drive or phone unplugged?)")
    DISK_FULL = ("disk_full", "磁盘已满，导入已停止。请腾出空间后重新导入，已导入的照片都在",
                 "the disk is full; the import stopped. Free some space and import again; imported photos are kept")
    NOT_IMPORTED_DISK_FULL = ("not_imported_disk_full", "磁盘已满，这个文件没有导入",
                              "not imported: the disk is full")
    NOT_IMPORTED_STOPPED = ("not_imported_stopped", "导入中途停止，这个文件没有导入；排除原因后请重新导入",
                            "not imported: the import stopped; fix the cause and import again")
    LIBRARY_UNWRITABLE = ("library_unwritable", "照片库文件夹不能写入，导入已停止",
                          "the photo library folder cannot be written; the import stopped")
    UNEXPECTED = ("unexpected", "处理这个文件时程序出错，已跳过。请把这个文件发给市河长办",
                  "the program failed on this file and skipped it; please send the file to the city office")
    STORE = ("store", "数据库无法保存，导入已停止", "the database could not save; the import stopped")
    STORE_BUSY = ("store_busy",
                  "数据库正被另一个程序占用（可能是另一个打开的巡河助手），导入已停止；关掉它再导入一次即可",
                  "another program (perhaps another River Patrol window) is using the database; the import stopped. "
                  "Close it and import again")
    STORE_DAMAGED = ("store_damaged", "数据库文件已损坏，导入已停止，没有写入任何数据；请运行 patrol-app check",
                     "the database file is damaged; the import stopped without writing. Run patrol-app check")

    def __init__(self, code: str, zh: str, en: str) -> None:
        self.code = code
        self.zh = zh
        self.en = en

    def bilingual(self) -> str:
        return f"{self.zh}（{self.en}）"

    @classmethod
    def from_os_error(cls, exc: OSError, *, listed: bool = False) -> Reason:
        """What an error opening or reading a file means; `listed`: the file was there when its folder
        was read, so "no such file" means it went away meanwhile. Only an I/O error (and what we do not
        know) suggests a device gone."""
        if isinstance(exc, NotRegularFile) or exc.errno in (errno.EISDIR, errno.ENXIO):
            return cls.NOT_REGULAR  # ENXIO: opening a socket (or a FIFO on some systems)
        # Windows without long paths refuses a path of 260 characters or more as "not found": too long, not gone.
        if getattr(exc, "winerror", None) == ERROR_FILENAME_EXCED_RANGE or (
                WINDOWS and exc.errno == errno.ENOENT and len(str(exc.filename or "")) >= MAX_PATH):
            return cls.NAME_TOO_LONG
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return cls.VANISHED if listed else cls.NOT_FOUND
        if exc.errno in (errno.EACCES, errno.EPERM):
            return cls.UNREADABLE
        if exc.errno == errno.ELOOP:
            return cls.LINK_LOOP
        if exc.errno == errno.ENAMETOOLONG:
            return cls.NAME_TOO_LONG
        return cls.READ_FAILED
