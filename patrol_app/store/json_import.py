"""`patrol-app import json DIR`: read an `export json` folder back into a data folder (moving to a new laptop).

The folder holds `<kind>.jsonl` in the sync wire format and `photos/<sha256>.jpg`, the upload copies
(sync/exchange.py). Every record is kept exactly as it was made — uuid, device_id, created/updated
times, version, tombstone — as `remote.py` keeps what the office sends: a record already here at that
version or a newer one is left alone, so importing twice gives the same database.

Whose records: an export is one device's, with records of others that reached it (problems and their
events from the office). The device is the one that wrote its patrols, photos, tracks… (kinds only a
device itself writes). Into a folder with no records yet, this folder *becomes* that device (its
device id is taken over): the records stay the device's own, can still be edited and sent, and the
office accepts them from it once it is enrolled again (a new code from the office; enrolling again
stops the old laptop's token). A folder that already has records must be that same device's.

What is queued for upload: the export does not say which versions the office already acknowledged, so
every version of the device's own records that this import adds is queued, as the office would have
seen it — byte for byte the same record (the tests prove the export after an import is identical). The
office keeps each (kind, uuid, version) once and answers a version it holds with "duplicate" (same
content hash), and the sync asks which photos it lacks before sending any, so the cost is one upload
of record documents, never a photo twice; not queuing them would lose, silently, whatever the old
laptop had not sent yet (and `check` would rightly say those versions can never go up). Records of
other devices are never queued (the office would refuse them from this one).

Not in an export, so not imported: profiles and settings (the first start asks who uses the laptop),
covert drafts, and the photo originals (only the upload copies travel; `check` lists the originals as
missing until the old laptop's `photos` folder is copied in). A patrol's reach that this laptop's
register does not have yet gets a placeholder row (its code as its name) until the office's register
arrives with the next sync and fills it in.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.paths import Library
from patrol_app.store import records
from patrol_app.store.backup import Cancelled, Progress, fsync_dir
from patrol_app.store.errors import EnvironmentFault, classify
from sync import outbox

if TYPE_CHECKING:
    from patrol_app.store.database import Store

PLACEHOLDER_WATERBODY = "placeholder"  # demo = 1: the office's first reaches retire it (remote._retire_demo)


class ExportUnreadable(EnvironmentFault):
    def __init__(self, where: str, why: str) -> None:
        super().__init__(
            f"这个文件夹不是可以导入的“导出”（patrol-app export json 的结果）：{where}\n（{why}）\n没有改动任何数据。",
            f"This folder is not an export that can be imported (what patrol-app export json writes): {where}\n"
            f"({why})\nNothing was changed.",
        )


class OtherDevicesData(EnvironmentFault):
    def __init__(self, data_dir: Path, here: str, theirs: str) -> None:
        super().__init__(
            f"这个数据文件夹里已经有另一台设备的记录（本文件夹 {here[:13]}…，导出的是 {theirs[:13]}…）：{data_dir}\n"
            "导入只能放进空的数据文件夹，或同一台设备的数据文件夹。"
            "请用 --data-dir 指定一个新的空文件夹。没有改动任何数据。",
            f"This data folder already holds another device's records (this folder {here[:13]}…, the export "
            f"{theirs[:13]}…): {data_dir}\nAn export can only be imported into an empty data folder or one of "
            "the same device. Give a new, empty folder with --data-dir. Nothing was changed.",
        )


class SeveralDevices(EnvironmentFault):
    def __init__(self, folder: Path, devices: list[str]) -> None:
        super().__init__(
            f"这个导出里有 {len(devices)} 台设备自己的记录（市河长办的导出？）：{folder}\n"
            "只能导入一台电脑自己的导出。没有改动任何数据。",
            f"This export holds the own records of {len(devices)} devices (an office export?): {folder}\n"
            "Only one laptop's own export can be imported. Nothing was changed.",
        )


@dataclass
class KindCounts:
    added: int = 0
    updated: int = 0  # a newer version of a record this folder had
    unchanged: int = 0  # this version or a newer one was here already


@dataclass
class ImportReport:
    folder: Path
    device_id: str
    took_over_device: bool  # this folder now continues the exporting device
    kinds: dict[str, KindCounts] = field(default_factory=dict)
    queued: int = 0  # versions of this device's own records queued for the office
    photos_copied: int = 0
    photos_present: int = 0
    photos_missing: list[str] = field(default_factory=list)  # upload copies a record needs, not in the export
    photos_bad: list[str] = field(default_factory=list)  # in the export, but not matching their name's hash
    originals_missing: int = 0  # photo originals not in the library (never in an export)
    placeholder_reaches: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # records that clash with different ones here
    skipped_files: list[str] = field(default_factory=list)  # kinds this app does not keep

    @property
    def ok(self) -> bool:
        return not (self.photos_missing or self.photos_bad or self.conflicts)

    def to_json(self) -> dict[str, Any]:
        return {
            "dir": str(self.folder), "device_id": self.device_id, "took_over_device": self.took_over_device,
            "records": {k: vars(c) for k, c in self.kinds.items()}, "queued": self.queued,
            "photos": {"copied": self.photos_copied, "present": self.photos_present,
                       "missing_in_export": self.photos_missing, "bad": self.photos_bad,
                       "originals_missing": self.originals_missing},
            "placeholder_reaches": self.placeholder_reaches, "conflicts": self.conflicts,
            "skipped_files": self.skipped_files,
        }


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from pydantic import ValidationError

    from sync.protocol import WireRecord

    try:
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    doc = WireRecord.model_validate(json.loads(line)).model_dump()
                except (ValueError, ValidationError) as exc:
                    raise ExportUnreadable(f"{path}:{number}", str(exc).splitlines()[0]) from None
                if doc["kind"] != path.stem:
                    raise ExportUnreadable(f"{path}:{number}", f"a {doc['kind']} record in {path.name}")
                yield number, doc
    except UnicodeDecodeError as exc:
        raise ExportUnreadable(str(path), f"not UTF-8 text ({exc})") from None


def _survey(folder: Path, kinds: list[records.SyncedKind], report: ImportReport,
            cancelled: Callable[[], bool]) -> tuple[set[str], set[str], set[str], int]:
    """Read every file once (nothing is kept in memory): whose own records they are, the upload copies
    the photo records need, the patrols' reach codes; any line that is not a wire record refuses all."""
    from patrol_app.store.remote import RECEIVABLE

    own: set[str] = set()
    shas: set[str] = set()
    reaches: set[str] = set()
    total = 0
    for kind in kinds:
        path = folder / f"{kind.kind}.jsonl"
        if not path.is_file():
            continue
        for _number, doc in _lines(path):
            if cancelled():
                raise Cancelled
            total += 1
            if kind.kind not in RECEIVABLE:
                own.add(doc["device_id"])
            shas.update(doc["photos"])
            if kind is records.PATROL:
                reaches.add(str(doc["data"].get("reach_code")))
    return own, shas, reaches, total


def import_export(store: Store, folder: Path, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] = lambda: False) -> ImportReport:
    """Import an `export json` folder into the store's data folder (see the module's text), all records in
    one transaction; photo files are placed first (content-addressed: a file already there is the same)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportUnreadable(str(folder), "not a folder")
    known = {k.kind: k for k in records.KINDS}
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise ExportUnreadable(str(folder), "no <kind>.jsonl files in it")
    report = ImportReport(folder, store.device_id, took_over_device=False)
    report.skipped_files = [p.name for p in files if p.stem not in known]
    kinds = [k for k in records.KINDS if (folder / f"{k.kind}.jsonl").is_file()]
    own, shas, reach_codes, total = _survey(folder, kinds, report, cancelled)
    if len(own) > 1:
        raise SeveralDevices(folder, sorted(own))
    theirs = next(iter(own), None)
    if theirs is not None and theirs != store.device_id:
        if _has_records(store):
            raise OtherDevicesData(store.data_dir, store.device_id, theirs)
        report.took_over_device = True
        report.device_id = theirs
    _place_photos(store.data_dir, folder, shas, report, cancelled)
    done = 0
    statuses: set[str] = set()
    with store.write() as conn:
        if report.took_over_device:
            conn.execute("UPDATE app_settings SET value = ? WHERE key = 'device_id'", (theirs,))
        report.placeholder_reaches = _placeholder_reaches(conn, reach_codes)
        for kind in kinds:
            counts = report.kinds.setdefault(kind.kind, KindCounts())
            for _number, doc in _lines(folder / f"{kind.kind}.jsonl"):
                if cancelled():
                    raise Cancelled  # rolls the whole import back
                done += 1
                if progress is not None and done % 500 == 0:
                    progress(done, total, kind.kind)
                _import_one(conn, kind, doc, report, counts)
                if kind is records.PROBLEM:
                    statuses.add(doc["uuid"])
                elif kind is records.PROBLEM_EVENT:
                    statuses.add(str(doc["data"]["problem_uuid"]))
        _fold(store, conn, statuses)
    report.originals_missing = _originals_missing(store)
    if progress is not None:
        progress(total, total, "")
    return report


def _import_one(conn: sqlite3.Connection, kind: records.SyncedKind, doc: dict[str, Any], report: ImportReport,
                counts: KindCounts) -> None:
    try:
        with _savepoint(conn):
            outcome = _keep_as_made(conn, kind, doc)
    except sqlite3.IntegrityError as exc:  # e.g. the same photo held here under another uuid
        report.conflicts.append(f"{kind.kind} {doc['uuid']} v{doc['version']}: {exc}")
        return
    if outcome == "unchanged":
        counts.unchanged += 1
        return
    if outcome == "added":
        counts.added += 1
    else:
        counts.updated += 1
    local_track = kind is records.TRACK and doc["data"].get("patrol_uuid") is None and not doc["deleted"]
    if doc["device_id"] == report.device_id and not local_track:
        outbox.enqueue(conn, kind.kind, doc["uuid"], int(doc["version"]),
                       op=outbox.DELETE if doc["deleted"] else outbox.UPSERT)
        report.queued += 1


def _keep_as_made(conn: sqlite3.Connection, kind: records.SyncedKind, doc: dict[str, Any]) -> str:
    """Insert the record with its own envelope, or take a newer version of one of the same origin;
    "added", "updated" or "unchanged" (this version or a newer one is here, or another origin's)."""
    data = doc["data"]
    values: dict[str, Any] = {}
    for column in kind.columns:
        if column in data:
            value = data[column]
            json_text = column in kind.json_columns and value is not None
            values[column] = json.dumps(value, ensure_ascii=False) if json_text else value
        elif column in kind.local_columns:  # never travels: a photo's path on the old laptop is unknown here
            values[column] = "" if column == "source_path" else None
    row = {"uuid": doc["uuid"], "device_id": doc["device_id"], "created_at": doc["created_at"],
           "updated_at": doc["updated_at"], "version": int(doc["version"]), "deleted": int(bool(doc["deleted"])),
           **values}
    here = conn.execute(f"SELECT version, device_id FROM {kind.table} WHERE uuid = ?", (doc["uuid"],)).fetchone()
    if here is None:
        conn.execute(f"INSERT INTO {kind.table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     tuple(row.values()))
        return "added"
    if here[1] != doc["device_id"] or int(here[0]) >= row["version"]:
        return "unchanged"
    sets = {k: v for k, v in row.items() if k != "uuid"}
    conn.execute(f"UPDATE {kind.table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE uuid = ?",
                 (*sets.values(), doc["uuid"]))
    return "updated"


@contextlib.contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("SAVEPOINT import_one")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO import_one")
        conn.execute("RELEASE import_one")
        raise
    conn.execute("RELEASE import_one")


def _has_records(store: Store) -> bool:
    return bool(store.scalar("SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {k.table})" for k in records.KINDS)))


def _placeholder_reaches(conn: sqlite3.Connection, codes: set[str]) -> list[str]:
    """Reaches the patrols name that the register here lacks (they came to the old laptop from the office):
    a row each, its code as its name, so the patrols can be kept; the office's register replaces them."""
    missing = sorted(c for c in codes
                     if conn.execute("SELECT 1 FROM reaches WHERE code = ?", (c,)).fetchone() is None)
    if not missing:
        return []
    conn.execute("INSERT OR IGNORE INTO waterbodies (code, name, kind, demo) VALUES (?, ?, 'river', 1)",
                 (PLACEHOLDER_WATERBODY, "待同步 (to come from the office)"))
    for code in missing:
        conn.execute("INSERT OR IGNORE INTO divisions (code, name) VALUES (?, ?)", (code[:6], code[:6]))
        conn.execute("INSERT INTO reaches (code, name, waterbody_code, county_code, township, demo) "
                     "VALUES (?, ?, ?, ?, '', 0)", (code, code, PLACEHOLDER_WATERBODY, code[:6]))
    return missing


def _fold(store: Store, conn: sqlite3.Connection, problems: set[str]) -> None:
    from patrol_app.store.problems import write_statuses

    statuses = []
    for problem_uuid in sorted(problems):
        found = conn.execute("SELECT found_at FROM problems WHERE uuid = ?", (problem_uuid,)).fetchone()
        if found is not None:
            statuses.append((store.problems.fold_in(conn, problem_uuid), found[0]))
    write_statuses(conn, statuses)


def _place_photos(data_dir: Path, folder: Path, shas: set[str], report: ImportReport,
                  cancelled: Callable[[], bool]) -> None:
    """Each upload copy into the library, checked against its name's hash, written under a temporary
    name and renamed (a killed import leaves whole files or none; the next import reuses them)."""
    library = Library(data_dir)
    dirty: set[Path] = set()
    for sha in sorted(shas):
        if cancelled():
            raise Cancelled
        target = library.upload(sha)
        if target.is_file():
            report.photos_present += 1
            continue
        source = folder / "photos" / f"{sha}.jpg"
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            report.photos_missing.append(sha)
            continue
        except OSError as exc:
            raise _fault(exc, source) from exc
        if hashlib.sha256(data).hexdigest() != sha:
            report.photos_bad.append(sha)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            library.scratch.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".part-", dir=library.scratch)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
            raise _fault(exc, target) from exc
        dirty.add(target.parent)
        report.photos_copied += 1
    for parent in sorted(dirty):  # before the rows that point at the files commit
        fsync_dir(parent)


def _originals_missing(store: Store) -> int:
    library = Library(store.data_dir)
    return sum(1 for _uuid, sha, fmt, _upload in store.photos.library_rows()
               if not library.original(sha, fmt).is_file())


def _fault(exc: BaseException, path: Path) -> BaseException:
    fault = classify(exc, path)
    return fault if isinstance(fault, EnvironmentFault) else exc
