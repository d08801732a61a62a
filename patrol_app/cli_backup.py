"""`patrol-app backup OUT`, `restore FILE` and `import json DIR` (DESIGN.md §8, issue 17 item 4).

`backup` exits 1 when the copy could not be made or verified; `restore` refuses (1, nothing changed) a file
that is not a River Patrol database, one from a newer version, a damaged one, and a data folder that a
window, an import or any other program has open; after a restore, photo files the database names that
the library lacks also give 1 (the database is restored; the message says what to copy). `import json`
gives 1 when records clashed or photos were missing from the export.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

from patrol_app.cli import EXIT_FAILED, EXIT_OK, _ctrl_c_sets, _emit, _fail, _no_database
from patrol_app.paths import database_path
from patrol_app.userfiles import display

STOPPED = ("已中断（Ctrl-C）。没有留下不完整的文件，数据没有改动。\n"
           "Interrupted (Ctrl-C). No partial file was left; the data was not changed.")


def backup(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app.store import backup as backups
    from patrol_app.store import open_store

    if not database_path(data_dir).exists():
        return _no_database(args, data_dir)
    target = _target(args, data_dir)
    if target is None:
        return EXIT_FAILED
    cancel = threading.Event()
    with open_store(data_dir) as store, _ctrl_c_sets(cancel):
        try:
            result = backups.write_backup(store.conn, target, kind=backups.MANUAL, cancelled=cancel.is_set)
        except backups.Cancelled:
            _fail(args, STOPPED, error="Interrupted")
            return EXIT_FAILED
    _emit(args, {"data_dir": str(data_dir), **result.to_json()},
          f"已备份 Backed up to {display(str(result.path))}\n"
          f"  大小 size: {result.bytes} bytes\n  SHA-256: {result.sha256}\n"
          f"  数据版本 schema version: {result.schema_version}\n"
          f"  完整性检查 integrity check: {result.integrity}\n  用时 seconds: {result.seconds}")
    return EXIT_OK


def _target(args: argparse.Namespace, data_dir: Path) -> Path | None:
    """OUT as a file path, or a folder (existing, or written with a trailing separator) to make one in."""
    from patrol_app.domain.ids import utc_now
    from patrol_app.store import backup as backups

    out = Path(args.out).expanduser()
    if out.is_dir() or args.out.endswith(("/", os.sep)):
        return backups.free_name(out.absolute(), backups.MANUAL, utc_now())
    out = out.absolute()
    database = database_path(data_dir)
    if out in (database, Path(f"{database}-wal"), Path(f"{database}-shm")) or (
            out.exists() and database.exists() and os.path.samefile(out, database)):
        _fail(args, f"不能把备份写到数据库文件本身上：{out}\n"
                    f"A backup cannot be written over the database itself: {out}",
              error="BackupRefused")
        return None
    if not out.parent.is_dir():
        _fail(args, f"文件夹不存在：{out.parent}\nThe folder does not exist: {out.parent}", error="BackupRefused")
        return None
    if out.exists() and not _is_sqlite(out):
        _fail(args, f"这个文件已经存在，而且不是数据库，没有覆盖它：{out}\n"
                    f"This file exists and is not a database; it was not overwritten: {out}", error="BackupRefused")
        return None
    return out


def _is_sqlite(path: Path) -> bool:
    from patrol_app.store.database import SQLITE_HEADER

    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def restore(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app.store import backup as backups
    from patrol_app.store import restore as restoring

    cancel = threading.Event()
    with _ctrl_c_sets(cancel):
        try:
            done = restoring.restore(data_dir, Path(args.file), cancelled=cancel.is_set)
        except backups.Cancelled:
            _fail(args, STOPPED, error="Interrupted")
            return EXIT_FAILED
    lines = [f"已从备份恢复 Restored from {display(str(done.source))}",
             f"  数据库 database: {display(str(done.database))}"]
    if done.previous_backup is not None:
        lines.append(f"  原来的数据先备份到了 the data it replaced was backed up to: "
                     f"{display(str(done.previous_backup.path))}")
    version = f"{done.schema_version}"
    if done.migrated:
        version += f"（从 from {done.backup_schema_version} 升级 upgraded）"
    lines += [f"  数据版本 schema version: {version}", f"  设备 device: {done.device_id}",
              *(f"  {name}: {n}" for name, n in done.counts.items()),
              f"  照片 photos: {done.photos_referenced}，缺少文件的 with files missing from the library: "
              f"{done.photos_incomplete}"]
    _emit(args, {"data_dir": str(data_dir), **done.to_json()}, "\n".join(lines))
    if done.photos_missing:
        print(f"恢复的数据库用到的照片有 {done.photos_incomplete} 张的文件"
              f"（共 {len(done.photos_missing)} 个）不在照片库里"
              f"（例如 {done.photos_missing[0]}）。"
              f"请把原来数据文件夹里的 photos 和 uploads 文件夹复制到 {display(str(data_dir))}，"
              "然后运行 patrol-app check。\n"
              f"{len(done.photos_missing)} files of {done.photos_incomplete} photos the restored database uses are "
              f"not in the library (e.g. "
              f"{done.photos_missing[0]}). Copy the photos and uploads folders of the old data folder into "
              f"{display(str(data_dir))}, then run patrol-app check.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def import_json(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app.store import backup as backups
    from patrol_app.store import open_store
    from patrol_app.store.json_import import import_export
    from patrol_app.store.restore import import_lock

    cancel = threading.Event()
    with open_store(data_dir, verify=True) as store, import_lock(data_dir), _ctrl_c_sets(cancel):
        try:
            report = import_export(store, Path(args.dir), cancelled=cancel.is_set)
        except backups.Cancelled:
            _fail(args, STOPPED, error="Interrupted")
            return EXIT_FAILED
    lines = [f"已导入 Imported {display(str(report.folder))} into {display(str(data_dir))}",
             *(f"  {kind}: 新增 added {c.added}，更新 updated {c.updated}，已有 already here {c.unchanged}"
               for kind, c in report.kinds.items()),
             f"  待上传 queued for the office: {report.queued}",
             f"  照片 photos: 复制 copied {report.photos_copied}，已有 already here {report.photos_present}，"
             f"导出里缺少 missing from the export {len(report.photos_missing)}，内容不符 not matching "
             f"{len(report.photos_bad)}"]
    if report.took_over_device:
        lines.append(f"这个数据文件夹现在接着导出它的那台电脑（设备 {report.device_id}）。"
                     "要同步，请向市河长办要一个新的注册码，"
                     "再运行 patrol-app enroll；旧电脑的凭证随即失效。\n"
                     f"This data folder now continues the laptop that made the export (device {report.device_id}). "
                     "To sync, get a new code from the office and run patrol-app enroll; the old laptop's token "
                     "then stops working.")
    if report.queued:
        lines.append("这些记录会再交给市河长办一次：已经收到的，市河长办按编号和版本认出来，不会重复保存；照片不会重传。\n"
                     "These records go to the office once more: what it already has it recognises by uuid and "
                     "version and does not store twice; photos are not sent again.")
    if report.originals_missing:
        lines.append(f"导出里只有上传用的照片副本：{report.originals_missing} 张照片的原图不在照片库里"
                     "（check 会列出）。"
                     "要原图，请把旧电脑数据文件夹里的 photos 文件夹复制过来。\n"
                     f"An export carries only the upload copies: the originals of {report.originals_missing} photos "
                     "are not in the library (check lists them). For the originals, copy the old data folder's "
                     "photos folder here.")
    if report.placeholder_reaches:
        lines.append(f"{len(report.placeholder_reaches)} 个河段这台电脑还没有，先用编号代替名称，同步后由市河长办补全："
                     f"{'、'.join(report.placeholder_reaches[:5])}\n"
                     f"{len(report.placeholder_reaches)} reaches are not known here yet and show their code until "
                     "the office's register arrives with a sync.")
    if report.skipped_files:
        lines.append(f"跳过 skipped (kinds this app does not keep): {', '.join(report.skipped_files)}")
    if report.conflicts:
        lines += ["与这里已有的记录冲突，没有导入 clashed with records here, not imported:",
                  *(f"  - {c}" for c in report.conflicts[:20])]
    _emit(args, {"data_dir": str(data_dir), **report.to_json()}, "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAILED
