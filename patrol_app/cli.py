"""The `patrol-app` command (DESIGN.md §8, a public contract).

No sub-command opens the GUI. Exit codes: 0 success, 1 the work ran but something failed (the
message says what) or was interrupted (Ctrl-C: what was done is kept, the summary says so), 2 bad
usage. A reader that stops reading (`| head`) ends the command quietly, with 1. Sub-commands never
import Qt.

PATROL_FAKE_NOW (tests only): an ISO 8601 time with its zone that `import-photos` and `import-track`
take as the laptop clock when they judge it against the files' own times, so a test can play a laptop
whose clock is wrong. Nothing else reads it, and records keep their real creation times.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from patrol_app import __version__
from patrol_app.paths import database_path, photos_dir, resolve_data_dir
from patrol_app.userfiles import display

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# `info` runs SQLite's quick check only on a database up to this size (~0.1 s); a larger one is
# checked before every write and in full by `check`, and any damage info meets is still reported.
INFO_QUICK_CHECK_BYTES = 64 * 1024 * 1024


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (default: the platform's app-data folder, or $PATROL_APP_DATA)",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON document")

    parser = argparse.ArgumentParser(
        prog="patrol-app",
        parents=[common],
        description="巡河助手 River Patrol. Without a sub-command, opens the window.",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language (GUI)")
    parser.add_argument("--version", action="version", version=f"patrol-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser(
        "demo", parents=[common, as_json], help="fill an EMPTY data folder with realistic demo data"
    )
    demo.add_argument("--size", choices=["small", "large"], default="small")
    demo.add_argument("--seed", type=int, default=1)
    sub.add_parser(
        "info", parents=[common, as_json], help="paths, schema version, record counts, photos, pending sync"
    )
    sub.add_parser(
        "check",
        parents=[common, as_json],
        help="database integrity and every photo file present and matching its hash",
    )
    photos = sub.add_parser(
        "import-photos", parents=[common, as_json],
        help="import photos (files or folders, recursively) into the photo library",
    )
    photos.add_argument("paths", nargs="+", metavar="PATH")
    photos.add_argument("--patrol", metavar="UUID", help="link the imported photos to this patrol")
    track = sub.add_parser(
        "import-track", parents=[common, as_json],
        help="import a GPS track (GPX, KML or NMEA) and print its length, times and checks",
    )
    track.add_argument("file", metavar="FILE")
    track.add_argument("--patrol", metavar="UUID", help="the (draft) patrol that uses this track")
    export = sub.add_parser(
        "export", parents=[common], help="every record in the sync wire format, and the photo files"
    )
    export.add_argument("format", choices=["json"])
    export.add_argument("out_dir", metavar="OUT_DIR")
    enroll = sub.add_parser("enroll", parents=[common, as_json], help="register this device with the office")
    enroll.add_argument("--server", required=True, metavar="URL", help="the office server, e.g. https://host:8750")
    enroll.add_argument("--code", required=True, metavar="CODE", help="the one-time code from the office")
    enroll.add_argument("--name", default="", help="how the office should call this device")
    enroll.add_argument("--ca-bundle", metavar="FILE", help="a CA certificate file for an office with its own CA")
    sub.add_parser("sync", parents=[common, as_json], help="push what is pending, pull what the office sends")
    backup = sub.add_parser("backup", parents=[common, as_json],
                            help="a verified copy of the database: OUT is a file, or a folder to make one in")
    backup.add_argument("out", metavar="OUT")
    restore = sub.add_parser("restore", parents=[common, as_json],
                             help="replace the database with a backup (the current one is backed up first)")
    restore.add_argument("file", metavar="FILE")
    import_ = sub.add_parser("import", parents=[common, as_json],
                             help="read an `export json` folder into an empty (or the same device's) data folder")
    import_.add_argument("format", choices=["json"])
    import_.add_argument("dir", metavar="DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if args.command is None:
        from patrol_app.ui.app import run  # Qt is only imported for the GUI

        return run(data_dir=data_dir, language=args.lang)
    if args.command in ("export", "enroll", "sync"):
        from patrol_app import cli_sync

        handler = {"export": cli_sync.export, "enroll": cli_sync.enroll, "sync": cli_sync.sync}[args.command]
    elif args.command in ("backup", "restore", "import"):
        from patrol_app import cli_backup

        handler = {"backup": cli_backup.backup, "restore": cli_backup.restore,
                   "import": cli_backup.import_json}[args.command]
    else:
        handler = {"demo": _demo, "info": _info, "check": _check, "import-photos": _import_photos,
                   "import-track": _import_track}[args.command]
    from patrol_app.store.errors import EnvironmentFault, classify

    try:
        return handler(args, data_dir)
    except EnvironmentFault as fault:
        _fail(args, fault.bilingual(), error=type(fault).__name__)
        return EXIT_FAILED
    except KeyboardInterrupt:  # Ctrl-C: every write is one transaction, so what committed is whole
        _fail(args, INTERRUPTED, error="Interrupted")
        return EXIT_FAILED
    except BrokenPipeError:
        return _output_closed()
    except sqlite3.Error as exc:
        # A read outside a write transaction meets a damaged, locked or vanished database: the same
        # message as everywhere else, never a traceback. A bug (classify returns it) is re-raised.
        fault = classify(exc, database_path(data_dir))
        if not isinstance(fault, EnvironmentFault):
            raise
        _fail(args, fault.bilingual(), error=type(fault).__name__)
        return EXIT_FAILED


INTERRUPTED = ("已中断（Ctrl-C）。已完成的部分都已保存，没有写了一半的记录。\n"
               "Interrupted (Ctrl-C). What was finished is saved; nothing is half-written.")


def _output_closed() -> int:
    """The reader of our output went away (`patrol-app info | head -5`): stop quietly. Python would
    otherwise print a traceback, and another at exit when it flushes stdout; pointing stdout at
    devnull is the recipe of the Python docs ("Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILED


@contextmanager
def _ctrl_c_sets(cancel: threading.Event) -> Iterator[None]:
    """While a long command runs, Ctrl-C asks it to stop (it finishes the file in hand and reports);
    a second Ctrl-C interrupts at once. Signals only reach the main thread, which the importer keeps
    waking up (it waits on its workers with a timeout)."""
    def stop(signum: int, frame: object) -> None:
        cancel.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    try:
        previous = signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread (a test calling main() from a worker): leave Ctrl-C alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _json_text(document: dict[str, Any]) -> str:
    """One JSON document on one line, Chinese as it is; escaped to ASCII only when the output cannot
    take it (a file name with bytes that are not UTF-8, a console that is not UTF-8)."""
    text = json.dumps(document, ensure_ascii=False)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        text = json.dumps(document)
    return text


def _emit(args: argparse.Namespace, document: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(_json_text(document))
    else:
        print(text)


def _fail(args: argparse.Namespace, message: str, *, error: str) -> None:
    if getattr(args, "json", False):
        print(_json_text({"error": error, "message": message}))
    print(message, file=sys.stderr)


def _no_database(args: argparse.Namespace, data_dir: Path) -> int:
    _fail(
        args,
        f"这个文件夹里还没有巡河助手的数据：{data_dir}\n"
        "请先运行 patrol-app 建立档案，或运行 patrol-app demo 生成示例数据。\n"
        f"There is no River Patrol data in {data_dir} yet. Run patrol-app to set it up, "
        "or patrol-app demo for demo data.",
        error="NoDatabase",
    )
    return EXIT_FAILED


def _demo(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app import demo

    try:
        summary = demo.fill_folder(data_dir, size=args.size, seed=args.seed)
    except KeyboardInterrupt:  # all or nothing: an interrupted demo leaves the folder as it was
        _fail(args, "已中断（Ctrl-C）。示例数据没有生成，数据文件夹没有改动。\n"
                    "Interrupted (Ctrl-C). No demo data was created; the data folder is as it was.",
              error="Interrupted")
        return EXIT_FAILED
    except demo.DataDirNotEmpty:
        _fail(
            args,
            f"数据文件夹里已经有档案或记录，示例数据只能放进新的空文件夹：{data_dir}\n"
            f"The data folder already has profiles or records; demo data only goes into an unused one: "
            f"{data_dir}",
            error="DataDirNotEmpty",
        )
        return EXIT_FAILED
    _emit(
        args,
        {"data_dir": str(data_dir), **summary.__dict__},
        f"示例数据已生成 Demo data created in {data_dir}\n"
        f"  新增河段 reaches added: {summary.reaches_added}\n  档案 profiles: {summary.profiles}\n"
        f"  巡河记录 patrols: {summary.patrols}\n  照片 photos: {summary.photos}\n"
        f"  问题 problems: {summary.problems}\n  暗访 covert inspections: {summary.covert_inspections}\n"
        f"  用时 seconds: {summary.seconds}",
    )
    return EXIT_OK


def _info(args: argparse.Namespace, data_dir: Path) -> int:
    if not database_path(data_dir).exists():
        return _no_database(args, data_dir)
    from patrol_app.store.database import quick_check
    from patrol_app.store.errors import DatabaseDamaged, classify

    damage: list[str] = []

    def read(name: str, fn: Any, default: Any) -> Any:
        """One section: on a damaged database, what cannot be read is named, the rest still shown."""
        try:
            return fn()
        except sqlite3.DatabaseError as exc:
            if not damage and not isinstance(classify(exc, store.path), DatabaseDamaged):
                raise
            damage.append(f"{name}: could not be read ({exc})")
            return default

    with _open_for_reading(data_dir) as store:
        # info writes nothing, so on a large database it does not pay for the quick check (writers
        # and `check` do); the cheap check at open and any read that meets damage still say so.
        damage.extend(store.damage)
        if not damage and store.path.stat().st_size < INFO_QUICK_CHECK_BYTES:
            damage.extend(quick_check(store.conn, store.path))
        counts = read("record counts", store.upkeep.record_counts, {})
        pending = read("pending sync", store.upkeep.pending_sync, {})
        photos = read("photos", store.photos.totals, {"count": "?", "bytes": "?", "with_position": "?"})
        document = {
            "data_dir": str(data_dir),
            "database": str(store.path),
            "photos_dir": str(photos_dir(data_dir)),
            "schema_version": read("schema version", lambda: store.schema_version, None),
            "device_id": read("device id", lambda: store.device_id, None),
            "counts": counts,
            "photos": photos,
            "pending_sync": {"total": sum(pending.values()), "by_kind": pending},
            "last_sync_success": read("last upload", store.upkeep.last_sync_success, None),
        }
    if damage:
        document["damaged"] = damage
    lines = [
        f"数据文件夹 Data folder:   {document['data_dir']}",
        f"数据库 Database:         {document['database']}",
        f"照片库 Photo library:    {document['photos_dir']} ({photos['count']} 张 photos, {photos['bytes']} bytes, "
        f"{photos['with_position']} 张有位置 with a position)",
        f"数据版本 Schema version: {document['schema_version']}",
        f"设备 Device id:          {document['device_id']}",
        "记录数 Records:",
        *(f"  {name}: {n}" for name, n in counts.items()),
        f"待上传 Pending sync:     {document['pending_sync']['total']}",
        *(f"  {kind}: {n}" for kind, n in pending.items()),
        f"上次上传成功 Last upload: {document['last_sync_success'] or '从未 never'}",
    ]
    if damage:
        lines.append(DatabaseDamaged(store.path, damage).bilingual())
    _emit(args, document, "\n".join(lines))
    return EXIT_FAILED if damage else EXIT_OK


def _open_for_reading(data_dir: Path) -> Any:
    """The store as usual; a damaged one (which `open_store` refuses) opened without migrating,
    so `info` and `check` can say what is wrong with it (`Store.damage`)."""
    from patrol_app.store import open_store
    from patrol_app.store.errors import DatabaseDamaged

    try:
        return open_store(data_dir)
    except DatabaseDamaged as fault:
        store = open_store(data_dir, migrate=False)
        store.damage = store.damage or fault.problems
        return store


def _laptop_clock() -> Callable[[], datetime]:
    """The clock the imports judge against the files' times: the real one, or PATROL_FAKE_NOW's in tests."""
    from patrol_app.domain.ids import utc_now

    fake = os.environ.get("PATROL_FAKE_NOW")
    if not fake:
        return utc_now
    moment = datetime.fromisoformat(fake)
    if moment.tzinfo is None:
        raise SystemExit("PATROL_FAKE_NOW needs a time zone, e.g. 2017-06-01T09:00:00+08:00")
    return lambda: moment


def _warn_clock(args: argparse.Namespace, warning: Any) -> None:
    """The clock warning, Chinese first: after the summary in text, on stderr beside the JSON (whose
    summary carries it too) so that a person running a script sees it as well."""
    if warning is None:
        return
    text = f"注意：{warning.message_zh}\nWarning: {warning.message_en}"
    print(text, file=sys.stderr if getattr(args, "json", False) else sys.stdout)


def _import_photos(args: argparse.Namespace, data_dir: Path) -> int:
    import warnings

    from patrol_app.media.importer import FileResult, PhotoImporter
    from patrol_app.store import open_store

    # Pillow warns on stderr about each odd EXIF block; the per-file line already says what matters.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")

    cancel = threading.Event()
    output_closed = threading.Event()

    def line(result: FileResult) -> None:
        if result.status == "duplicate" and result.sha256:
            _fill_from_library(result, store)
        try:
            if args.json:
                print(_json_text(result.to_json()), flush=True)
            elif result.status != "imported":
                reason = f" — {result.reason.bilingual()}" if result.reason else ""
                print(f"{_STATUS_TEXT[result.status]}: {display(result.path)}{reason}", flush=True)
        except BrokenPipeError:
            output_closed.set()
            cancel.set()  # nobody reads on: stop as on Ctrl-C, keeping what is done

    with open_store(data_dir, verify=True) as store:
        if args.patrol and store.patrols.get(args.patrol) is None:
            _fail(args, f"没有这条巡河记录：{args.patrol}\nNo patrol with this id: {args.patrol}", error="NoSuchPatrol")
            return EXIT_FAILED
        with _ctrl_c_sets(cancel):
            summary = PhotoImporter(store, patrol_uuid=args.patrol, now=_laptop_clock()).run(
                [Path(p) for p in args.paths], on_result=line, cancel=cancel
            )
    if output_closed.is_set():
        return _output_closed()
    if args.json:
        print(_json_text(summary.to_json()))
    else:
        print(
            f"导入 imported {summary.imported}，重复 duplicate {summary.duplicate}，跳过 skipped {summary.skipped}，"
            f"失败 error {summary.error}；用时 {summary.seconds:.1f} s"
        )
        if summary.cancelled:
            print(f"已中断：还有 {summary.unprocessed} 个文件没有处理，再次导入同样的文件夹即可接着导入。\n"
                  f"Interrupted: {summary.unprocessed} file(s) not processed; import the same folder again "
                  "to go on.")
    _warn_clock(args, summary.clock_warning)
    if summary.cancelled:
        print(INTERRUPTED, file=sys.stderr)
    if summary.fault is not None:  # the store stopped it: its full message says what to do
        print(summary.fault.bilingual(), file=sys.stderr)
    return EXIT_OK if summary.error == 0 and summary.stopped is None and not summary.cancelled else EXIT_FAILED


def _import_track(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app.domain.refusal import Refusal
    from patrol_app.geo.readers import TrackFileError
    from patrol_app.patrolling import import_track_file
    from patrol_app.store import open_store

    path = Path(args.file)
    with open_store(data_dir, verify=True) as store:
        try:
            imported = import_track_file(store, path, patrol_uuid=args.patrol)
        except (TrackFileError, Refusal) as exc:
            _fail(args, f"{exc.zh}\n{exc.en}", error=exc.code)
            return EXIT_FAILED
        except OSError as exc:
            from patrol_app.media.reasons import Reason

            reason = Reason.from_os_error(exc)
            _fail(args,
                  f"无法读取文件 {display(str(path))}：{reason.zh}\n"
                  f"Cannot read {display(str(path))}: {reason.en}",
                  error="Unreadable")
            return EXIT_FAILED
    from patrol_app.domain.clock import TimeEvidence, clock_behind

    stats = imported.analysis.stats
    flags = imported.analysis.flags
    # A track's point times are GPS (UTC) times: its latest one is evidence against the laptop clock.
    clock = clock_behind(_laptop_clock()(), [TimeEvidence(gps=stats.end, subject="track")] if stats.end else [])
    document = {
        "path": str(path),
        "status": "duplicate" if imported.duplicate else "imported",
        "track_uuid": imported.uuid,
        "patrol": args.patrol,
        "format": imported.track.format,
        "points": stats.points,
        "segments": stats.segments,
        "distance_m": round(stats.distance_m, 1),
        "duration_s": stats.duration_s,
        "moving_s": stats.moving_s,
        "start": _iso(stats.start),
        "end": _iso(stats.end),
        "flags": [{"code": f.code, "severity": f.severity, "zh": f.zh, "en": f.en} for f in flags],
        "notes": [{"code": n.code, "zh": n.zh, "en": n.en} for n in imported.track.notes],
        "clock_warning": clock.to_json() if clock else None,
    }
    minutes = f"{stats.duration_s / 60:.0f} 分钟 min" if stats.duration_s is not None else "无时间 no times"
    lines = [
        f"{'重复 duplicate' if imported.duplicate else '已导入 imported'}: {display(str(path))}",
        f"  轨迹点 points: {stats.points}，分段 segments: {stats.segments}",
        f"  里程 distance: {stats.distance_m / 1000:.2f} km，用时 duration: {minutes}",
        f"  开始 start: {document['start'] or '—'}，结束 end: {document['end'] or '—'}",
        *(f"  提示 {f.zh} / {f.en}" for f in flags),
        *(f"  说明 {n.zh} / {n.en}" for n in imported.track.notes),
    ]
    _emit(args, document, "\n".join(lines))
    _warn_clock(args, clock)
    return EXIT_OK


def _iso(moment: Any) -> str | None:
    from patrol_app.domain.ids import iso_utc

    return iso_utc(moment) if moment is not None else None


_STATUS_TEXT = {"imported": "已导入 imported", "duplicate": "重复 duplicate", "skipped": "跳过 skipped",
                "error": "失败 error"}


def _fill_from_library(result: Any, store: Any) -> None:
    """A duplicate's line reports the photo already in the library."""
    from patrol_app.store.photos import taken_local

    row = store.photos.by_sha(result.sha256)
    if row is None:
        return
    local = taken_local(row)
    result.taken_at = local.isoformat() if local else None
    result.lat, result.lon, result.alt = row["lat"], row["lon"], row["alt"]
    result.position_source, result.orientation = row["position_source"], row["orientation"]
    result.width, result.height, result.make, result.model = row["width"], row["height"], row["make"], row["model"]


def _check(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app.store.errors import EnvironmentFault
    from patrol_app.store.upkeep import CheckReport

    if not database_path(data_dir).exists():
        return _no_database(args, data_dir)
    from patrol_app.media.library import check_files, find_leftovers

    try:
        store = _open_for_reading(data_dir)
    except EnvironmentFault as fault:
        # Cannot even be opened (cut off, not SQLite, locked): that is the report, still one document.
        detail = "; ".join(getattr(fault, "problems", [])) or fault.en.splitlines()[0]
        report = CheckReport(problems=[f"database: {detail}",
                                       "later checks could not run: the database cannot be opened"])
        report.damaged = True
        return _check_result(args, data_dir, report, advice=fault.bilingual(), error=type(fault).__name__)
    with store:
        report = store.upkeep.check()
        try:
            rows = store.photos.library_rows()
        except sqlite3.DatabaseError as exc:
            rows = None
            report.problems.append(f"photo files: could not be checked, the photo list cannot be read ({exc})")
        if rows is not None:
            report.problems.extend(check_files(data_dir, rows))
            report.notices.extend(find_leftovers(data_dir, rows))
    advice = None
    if report.damaged:
        from patrol_app.store.errors import DatabaseDamaged

        advice = DatabaseDamaged(store.path, "see the list above").bilingual()
    return _check_result(args, data_dir, report, advice=advice)


def _check_result(args: argparse.Namespace, data_dir: Path, report: Any, *, advice: str | None,
                  error: str | None = None) -> int:
    document = {"data_dir": str(data_dir), "ok": report.ok, "problems": report.problems,
                "notices": report.notices}
    if error:  # the database could not be opened at all: the same key as every command's refusal
        document["error"] = error
    if report.ok:
        text = "检查通过：数据库完整，照片文件齐全。 Check passed: the database is intact and every photo file matches."
    else:
        text = "检查发现问题 Check found problems:\n" + "\n".join(f"  - {p}" for p in report.problems)
    if report.notices:
        text += "\n提示 Notices:\n" + "\n".join(f"  - {n}" for n in report.notices)
    _emit(args, document, text)
    if advice:  # what to do: a message, like every command's refusal
        print(advice, file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED
