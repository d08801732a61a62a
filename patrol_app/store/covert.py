"""Covert inspections (暗访检查) in the store: drafts kept secret on this laptop, submission, coverage.

API (`store.covert`, a `Covert`; every method refuses with `Refusal("covert_hidden")` unless the
current profile is a liaison unit's, see `visible()`):
- `units_for(profile)` / `units()`: the register's liaison units (`LiaisonUnit`) — a profile names its
  unit by name, and one unit may be several register entries; `history(units)` the register over time.
- `save_draft(inspection)` → the inspection as stored (a plan or a draft with its findings). A draft is
  never queued for upload; `discard_draft(uuid)` removes it (it never left the laptop).
- `submit(uuid, found_by, now=)`: checks (domain.covert.check_submission, with the clock evidence of its
  track and photos and the latest time this laptop recorded), then in ONE transaction: each finding
  becomes a `Problem` (source 暗访, same uuid) with its report event and photos, the route track is
  queued if it was kept local, and the inspection is written as submitted and queued as kind
  `covert_inspection`. Refused: nothing written.
- `get(uuid)`, `drafts(units)`, `submitted(units, quarter)`: `CovertInspection`s (a submitted one's
  findings are read back from its problems).
- `coverage(units, quarter, now=)`, `coverage_history(units, since=, now=)`: domain.covert's coverage over
  the register's history, submitted inspections and drafts (as planned).
- `notices(inspection, now=)`: what to point out before submitting (reaches outside the unit's duty…).
- `finding_rows(inspection_uuids)`: the findings as problem-list rows (state, assignee, deadline), for
  the quarter report.
- The passphrase (`store/sealing.py`): `protected()`; `set_passphrase(p, key=current)` → `CovertKey`
  (protects, or changes it; every draft re-encrypted in one transaction, the WAL then truncated and freed
  pages zeroed, so no earlier plain copy stays in the files); `unlock(p)` → `CovertKey` or
  `WRONG_PASSPHRASE` (which says what a forgotten passphrase means); `remove_passphrase(key)`;
  `forget_passphrase()` (deletes the encrypted drafts, keeps everything submitted). While drafts are
  protected, `save_draft`, `discard_draft`, `submit`, `drafts` and reading a draft with `get` take
  `key=` (without it: `LOCKED`; a key of a passphrase since changed: `STALE_KEY`); `coverage` without
  a key leaves protected drafts out (no "planned"), so the home page needs no passphrase. Unlocking is
  slow on purpose (~0.1–0.4 s): the GUI calls it off its thread and passes the key to its workers.

A draft's photos and route track are held (`covert_held`): the photos page (`PhotoFilter`), the photos
offered to a patrol and the tracks offered to one leave them out, in every profile; a submission lets
the photos go (they are its findings' evidence), never the track.

Confidentiality: a draft's document (reaches, times, findings) is stored in the row's `draft` column
only (or, with a passphrase, encrypted in `sealed`) — every other column stays NULL — so no list,
count, search or export of the store can show it. A submitted inspection is stored in plain columns:
it must sync (and be read back) without anyone typing the passphrase.
Submitted inspections are records like any other, but only for liaison profiles: `records.wire_all`
leaves them out of `export json` unless `covert=True`, which `syncing.export_json` passes only when
`visible()`. Their findings are ordinary problems (the inspected chief receives them when assigned).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from patrol_app.domain.clock import TimeEvidence
from patrol_app.domain.covert import (
    CovertFinding,
    CovertInspection,
    Escalation,
    InspectionMethod,
    InspectionState,
    Notice,
    QuarterCoverage,
    RegisterHistory,
    RegisterLink,
    check_draft,
    check_submission,
    coverage,
    coverage_history,
    duty_moment,
    notices,
    owed_reaches,
)
from patrol_app.domain.enums import Role
from patrol_app.domain.ids import iso_utc, parse_utc, utc_now
from patrol_app.domain.periods import Period
from patrol_app.domain.problems import Action, Actor, Severity, Urgency
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import LiaisonUnit, Profile
from patrol_app.store import records, sealing
from patrol_app.store.problems import LIST_COLUMNS, LIST_FROM
from patrol_app.store.sealing import CovertKey, KdfSetting, Unsealable
from sync import outbox

if TYPE_CHECKING:
    from patrol_app.store.database import Store

KIND = records.COVERT_INSPECTION
DEMO_MARK = "（示例）"

LOCKED = Refusal("covert_locked", "暗访草稿已用口令加密保护，请先输入口令。",
                 "Covert drafts are protected by a passphrase: enter it first.")
FORGOTTEN_ZH = ("如果忘记了口令：已经提交的暗访不受影响——它们不加密，在这台电脑上照常可看，同步以后市河长办也有一份；"
                "还没提交的草稿只能用原来的口令打开，想不起来就无法恢复，只能选择“忘记口令，重新开始”："
                "删除这些草稿，再设一个新口令。")
FORGOTTEN_EN = ("If the passphrase is forgotten: submitted inspections are not affected — they are not encrypted, can "
                "still be read on this computer, and the city office has them once synced. Drafts not yet submitted "
                "open only with the old passphrase; without it they cannot be recovered, and the only way on is "
                "'Forgot passphrase, start again', which deletes those drafts so that a new passphrase can be set.")
WRONG_PASSPHRASE = Refusal(
    "wrong_passphrase",
    "口令不对，暗访草稿没有打开，什么也没有改动。请再试一次（注意大小写和输入法的中英文状态）。\n" + FORGOTTEN_ZH,
    "Wrong passphrase: the covert drafts stay closed and nothing was changed. Try again (mind upper and lower "
    "case, and the input method).\n" + FORGOTTEN_EN,
)
STALE_KEY = Refusal("covert_key_changed", "暗访草稿的口令已经改过了，请用新口令重新打开。",
                    "The drafts' passphrase has been changed since: unlock them again with the new one.")
HIDDEN = Refusal("covert_hidden", "暗访检查只在对口联系单位的身份下可见。请在设置里切换到对口联系单位的身份。",
                 "Covert inspections are shown only in a liaison unit's profile: switch to one in Settings.")


class Covert:
    def __init__(self, store: Store) -> None:
        self._store = store
        # What a draft held in plain text before a passphrase protected it is overwritten, not just freed.
        store.conn.execute("PRAGMA secure_delete = ON")

    # ---- who may see -----------------------------------------------------------------------------

    def visible(self) -> bool:
        """Whether the current profile is a liaison unit's: the only one that sees anything covert."""
        profile = self._store.profiles.current()
        return profile is not None and profile.role is Role.LIAISON_INSPECTOR

    def _gate(self) -> None:
        if not self.visible():
            raise HIDDEN

    # ---- the register ----------------------------------------------------------------------------

    def units(self) -> list[LiaisonUnit]:
        self._gate()
        return self._units("1", ())

    def units_for(self, profile: Profile) -> list[LiaisonUnit]:
        """The register's entries of the profile's unit, matched by name (a profile names its unit; the
        demo's profiles add 示例 to it). One unit may be several entries: pass all their uuids on."""
        self._gate()
        name = profile.unit.strip().removesuffix(DEMO_MARK)
        return self._units("u.name = ?", (name,))

    def _units(self, where: str, params: tuple[Any, ...]) -> list[LiaisonUnit]:
        rows = self._store.query(
            f"""SELECT u.uuid, u.name, u.demo, (SELECT json_group_array(a.chief_uuid) FROM liaison_assignments a
                    WHERE a.unit_uuid = u.uuid) AS chiefs
                FROM liaison_units u WHERE {where} ORDER BY u.name, u.uuid""", params)
        return [LiaisonUnit(r["uuid"], r["name"], tuple(sorted(json.loads(r["chiefs"]))), bool(r["demo"]))
                for r in rows]

    def history(self, units: Collection[str]) -> RegisterHistory:
        """The links `units` ever had to chiefs, and those chiefs' links to reaches, over time."""
        self._gate()
        return _history(self._store.conn, units)

    # ---- the passphrase --------------------------------------------------------------------------

    def protected(self) -> bool:
        """Whether drafts are encrypted under a passphrase (then reading or writing one needs its key)."""
        return self._setting() is not None

    def unlock(self, passphrase: str) -> CovertKey:
        """The key for the drafts, or `WRONG_PASSPHRASE` (which says what a forgotten passphrase means).
        Slow on purpose (~0.1–0.4 s): call it off the GUI thread. Changes nothing."""
        self._gate()
        found = self._setting()
        if found is None:
            raise Refusal("not_protected", "暗访草稿没有设置口令。", "Covert drafts have no passphrase.")
        setting, check_value = found
        key = sealing.derive(passphrase, setting)
        if not key.matches(check_value):
            raise WRONG_PASSPHRASE
        return key

    def set_passphrase(self, passphrase: str, *, key: CovertKey | None = None, kdf: str | None = None) -> CovertKey:
        """Protect drafts with `passphrase` (or change it: `key` is the current one), encrypting every draft
        in one transaction; returns the new key. `kdf` names the KDF (tests); the default is the strongest
        available. Afterwards the write-ahead log is emptied, so no earlier plain copy stays in the files."""
        self._gate()
        if len(passphrase.strip()) < sealing.MIN_PASSPHRASE:
            raise Refusal("passphrase_too_short", f"口令至少要 {sealing.MIN_PASSPHRASE} 个字符。",
                          f"The passphrase needs at least {sealing.MIN_PASSPHRASE} characters.")
        old = self._checked(key)
        setting = sealing.new_setting(kdf)
        new = sealing.derive(passphrase, setting)
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            documents = self._all_drafts(conn, old)
            conn.execute("DELETE FROM covert_passphrase")
            conn.execute("INSERT INTO covert_passphrase (id, kdf, params, salt, check_value, created_at) "
                         "VALUES (1, ?, ?, ?, ?, ?)",
                         (setting.name, json.dumps(setting.params), setting.salt, new.check_value(), now))
            for uuid, document in documents.items():
                records.update_local(conn, KIND, uuid, _stored(uuid, document, new), now)
        self._empty_log()
        if old is None:
            self.seal_backups(new)
        return new

    def seal_backups(self, key: CovertKey) -> int:
        """Backups in the data folder's backups/ made before the drafts were protected hold them in plain
        text: seal those drafts there too, under the same passphrase, and rewrite each such file (VACUUM) so
        no plain copy stays in it. A restored backup then opens with this passphrase. Returns how many
        files were sealed; one that cannot be opened or written is left as it is (it may be a user's file).
        A backup the user saved elsewhere cannot be reached: the passphrase dialog says so."""
        from patrol_app.store import backup

        found = self._setting()
        if found is None:
            return 0
        setting, check_value = found
        if not key.matches(check_value):
            raise STALE_KEY
        row = self._store.conn.execute("SELECT kdf, params, salt, check_value, created_at FROM covert_passphrase"
                                       ).fetchone()
        sealed = 0
        for item in backup.list_backups(self._store.data_dir):
            try:
                sealed += records.seal_backup_drafts(
                    item.path, KIND, lambda uuid, text: key.seal(text.encode("utf-8"), f"{KIND.kind}:{uuid}"),
                    tuple(row))
            except sqlite3.Error:
                continue
        return sealed

    def remove_passphrase(self, key: CovertKey) -> None:
        """Stop protecting drafts: decrypt them back into plain JSON (the right key is needed)."""
        self._gate()
        checked = self._checked(key)
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            for uuid, document in self._all_drafts(conn, checked).items():
                records.update_local(conn, KIND, uuid, _stored(uuid, document, None), now)
            conn.execute("DELETE FROM covert_passphrase")

    def forget_passphrase(self) -> int:
        """Forgot the passphrase, start again: delete every encrypted draft (unreadable without it, and never
        sent anywhere) and the passphrase itself; returns how many drafts were lost. Submitted inspections
        are untouched. Only on the user's explicit choice: see `FORGOTTEN_ZH`/`FORGOTTEN_EN`."""
        self._gate()
        with self._store.write() as conn:
            sealed = [u for (u,) in conn.execute(
                f"SELECT uuid FROM {KIND.table} WHERE state = 'draft' AND sealed IS NOT NULL")]
            for uuid in sealed:
                records.discard_local(conn, KIND, uuid)
            conn.execute("DELETE FROM covert_passphrase")
        self._empty_log()
        return len(sealed)

    def _setting(self) -> tuple[KdfSetting, bytes] | None:
        row = self._store.conn.execute("SELECT kdf, params, salt, check_value FROM covert_passphrase").fetchone()
        if row is None:
            return None
        return KdfSetting(row[0], json.loads(row[1]), bytes(row[2])), bytes(row[3])

    def _checked(self, key: CovertKey | None) -> CovertKey | None:
        """`key` if drafts are protected and it is the current key; None if they are not protected."""
        found = self._setting()
        if found is None:
            return None
        if key is None:
            raise LOCKED
        if not key.matches(found[1]):
            raise STALE_KEY
        return key

    def _all_drafts(self, conn: sqlite3.Connection, key: CovertKey | None) -> dict[str, dict[str, Any]]:
        rows = conn.execute(f"SELECT uuid, draft, sealed FROM {KIND.table} WHERE state = 'draft'").fetchall()
        return {uuid: _opened(uuid, plain, sealed, key) for uuid, plain, sealed in rows}

    def _empty_log(self) -> None:
        # A checkpoint that truncates the log: the pages as they were before are gone from the -wal file too.
        # Another connection reading at this moment keeps it from finishing; the next checkpoint will.
        self._store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # ---- drafts ----------------------------------------------------------------------------------

    def save_draft(self, inspection: CovertInspection, *, key: CovertKey | None = None,
                   now: datetime | None = None) -> CovertInspection:
        """Store a plan or a draft (new or changed): never queued, its document in `draft` only, or in
        `sealed` when drafts are protected (then `key` is needed)."""
        self._gate()
        inspection = replace(inspection, state=InspectionState.DRAFT, submitted_at=None)
        check_draft(inspection)
        values = {"state": "draft", **_stored(inspection.uuid, _document(inspection), self._checked(key))}
        stamp = iso_utc(now or utc_now())
        with self._store.write() as conn:
            state = conn.execute(f"SELECT state FROM {KIND.table} WHERE uuid = ?", (inspection.uuid,)).fetchone()
            if state is None:
                records.insert_local(conn, self._store.device_id, KIND, inspection.uuid, values, now=stamp)
            elif state[0] == "draft":
                records.update_local(conn, KIND, inspection.uuid, values, stamp)
            else:
                raise _already_submitted()
            _hold(conn, inspection)
        return inspection

    def discard_draft(self, uuid: str, *, key: CovertKey | None = None) -> None:
        """Delete a draft (it never left the laptop). When drafts are protected, only with their key."""
        self._gate()
        self._checked(key)
        with self._store.write() as conn:
            try:
                records.discard_local(conn, KIND, uuid)
            except KeyError:
                raise _already_submitted() if self._exists(conn, uuid) else _not_found() from None

    # ---- submitting ------------------------------------------------------------------------------

    def submit(self, uuid: str, found_by: Actor, *, key: CovertKey | None = None,
               now: datetime | None = None) -> CovertInspection:
        """Check and submit a draft: its findings become problems, it is queued, all in one transaction.
        A submitted inspection is stored in plain columns (it syncs without the passphrase)."""
        self._gate()
        key = self._checked(key)
        now = now or utc_now()
        with self._store.write() as conn:
            inspection = self._read(conn, uuid, key)
            if inspection is None:
                raise _not_found()
            if inspection.is_submitted:
                raise _already_submitted()
            earlier = self._read(conn, inspection.follows_up, key) if inspection.follows_up else None
            check_submission(inspection, now, found_by=found_by, earlier=earlier,
                             evidence=_evidence(conn, inspection), latest_seen=_latest_seen(conn, uuid))
            done = inspection.submitted(now)
            for photo in dict.fromkeys(p for f in done.findings for p in f.photos):
                # Imported for this draft, the photo stayed on the laptop (`held_for`): it goes up now, before
                # the problem event that links it. One already queued (imported for a patrol) is left as it is.
                if conn.execute("SELECT 1 FROM photos WHERE uuid = ? AND deleted = 0", (photo,)).fetchone() is None:
                    raise Refusal("photo_missing", "这次暗访的一张照片找不到了，请在问题里去掉它或重新添加。",
                                  "A photo of this inspection is gone: remove it from the finding or add it again.")
                records.share_in(conn, records.PHOTO, photo)
            for finding in done.findings:
                self._store.problems.report(finding.as_problem(found_by), photos=finding.photos, now=now)
            if done.track_uuid:
                if conn.execute("SELECT 1 FROM tracks WHERE uuid = ? AND deleted = 0",
                                (done.track_uuid,)).fetchone() is None:
                    raise Refusal("track_missing", "这次暗访的路线轨迹找不到了，请重新导入或去掉轨迹。",
                                  "The inspection's route track is gone: import it again or remove it.")
                records.share_in(conn, records.TRACK, done.track_uuid)
            records.update_in(conn, KIND, uuid, _columns(done), iso_utc(now))
            # The photos are now a finding's evidence, as visible as its problem; the route stays held.
            conn.execute("DELETE FROM covert_held WHERE inspection_uuid = ? AND item_kind = 'photo'", (uuid,))
        return done

    # ---- the route ---------------------------------------------------------------------------------

    def hold_track(self, track_uuid: str, inspection_uuid: str) -> None:
        """Keep an imported track as the route of a draft: out of the patrol editor's offers from now on
        (the track itself is already local: `patrols.add_track` never queues one no patrol uses)."""
        self._gate()
        with self._store.write() as conn:
            conn.execute("INSERT OR IGNORE INTO covert_held (item_uuid, item_kind, inspection_uuid) "
                         "VALUES (?, 'track', ?)", (track_uuid, inspection_uuid))

    def track_summary(self, track_uuid: str) -> dict[str, Any] | None:
        """A route's file name, points, length and times (not its points): for the form."""
        self._gate()
        rows = self._store.query(
            "SELECT uuid, file_name, format, point_count, distance_m, started_at, ended_at FROM tracks "
            "WHERE uuid = ? AND deleted = 0", (track_uuid,))
        return dict(rows[0]) if rows else None

    def photo_rows(self, photo_uuids: Sequence[str]) -> list[dict[str, Any]]:
        """The findings' photos (held or not), by time taken, for the form's thumbnails."""
        self._gate()
        return self._store.patrols.photo_rows(photo_uuids)

    def earlier(self, units: Collection[str], before: datetime) -> list[CovertInspection]:
        """Submitted inspections of `units` that started before `before`, latest first, with their
        findings: what a 回头看 (follow-up) can go back to."""
        self._gate()
        found = [i for i in self._submitted(units, None, with_findings=True)
                 if i.started_at is not None and i.started_at < before]
        return sorted(found, key=lambda i: (i.started_at, i.uuid), reverse=True)

    # ---- reading ---------------------------------------------------------------------------------

    def get(self, uuid: str, *, key: CovertKey | None = None) -> CovertInspection | None:
        """One inspection; a protected draft needs `key` (`LOCKED` without it)."""
        self._gate()
        return self._read(self._store.conn, uuid, self._checked(key) if key is not None else None)

    def drafts(self, units: Collection[str] | None = None, *, key: CovertKey | None = None) -> list[CovertInspection]:
        """Plans and drafts (of `units` if given), by quarter and start; protected ones need `key`."""
        self._gate()
        key = self._checked(key)
        rows = self._store.query(f"SELECT * FROM {KIND.table} WHERE state = 'draft' AND deleted = 0")
        found = [self._from_row(self._store.conn, dict(r), key) for r in rows]
        chosen = [i for i in found if units is None or i.unit_uuid in units]
        return sorted(chosen, key=lambda i: (i.quarter, _iso(i.started_at) or "~", i.uuid))

    def submitted(self, units: Collection[str] | None = None, quarter: Period | None = None, *,
                  with_findings: bool = True) -> list[CovertInspection]:
        """Submitted inspections (of `units`, dated in `quarter`, if given), by start."""
        self._gate()
        return self._submitted(units, quarter, with_findings=with_findings)

    def _submitted(self, units: Collection[str] | None, quarter: Period | None, *,
                   with_findings: bool) -> list[CovertInspection]:
        clauses, params = ["state = 'submitted'", "deleted = 0"], []
        if units is not None:
            clauses.append("unit_uuid IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(units)))
        if quarter is not None:
            clauses.append("started_at >= ? AND started_at < ?")
            params += [iso_utc(quarter.start), iso_utc(quarter.end)]
        rows = self._store.query(
            f"SELECT * FROM {KIND.table} WHERE {' AND '.join(clauses)} ORDER BY started_at, uuid", tuple(params))
        conn = self._store.conn
        return [self._from_row(conn, dict(r), None, with_findings=with_findings) for r in rows]

    def coverage(self, units: Collection[str], quarter: Period, *, now: datetime,
                 key: CovertKey | None = None) -> QuarterCoverage:
        """The quarter's coverage. Without `key`, protected drafts are not read: nothing shows as planned
        (coverage itself comes from submitted inspections only, so the home page needs no passphrase)."""
        self._gate()
        return coverage(units, quarter, self.history(units), self._for_coverage(units, key), now)

    def coverage_history(self, units: Collection[str], *, since: datetime, now: datetime,
                         key: CovertKey | None = None) -> list[QuarterCoverage]:
        self._gate()
        return coverage_history(units, self.history(units), self._for_coverage(units, key), now, since=since)

    def _for_coverage(self, units: Collection[str], key: CovertKey | None) -> list[CovertInspection]:
        readable = key is not None or not self.protected()
        return [*self._submitted(units, None, with_findings=False), *(self.drafts(units, key=key) if readable else ())]

    def notices(self, inspection: CovertInspection, *, now: datetime) -> list[Notice]:
        """What to point out before submitting, with the unit's duty for the inspection's quarter."""
        self._gate()
        units = {u.uuid for u in self._units("u.name = ?", (inspection.unit_name.strip(),))} | {inspection.unit_uuid}
        history = self.history(units)
        moment_chiefs = history.chiefs_at(units, duty_moment(inspection.period, now))
        span = None
        if inspection.track_uuid:
            row = self._store.query("SELECT started_at, ended_at FROM tracks WHERE uuid = ?", (inspection.track_uuid,))
            if row and row[0]["started_at"] and row[0]["ended_at"]:
                span = (parse_utc(row[0]["started_at"]), parse_utc(row[0]["ended_at"]))
        return notices(inspection, now, owed=set(owed_reaches(units, inspection.period, history, now)),
                       chiefs_assisted=moment_chiefs, track_span=span)

    def finding_rows(self, inspection_uuids: Sequence[str]) -> list[dict[str, Any]]:
        """The findings of submitted inspections as the problem lists show them (state, assignee,
        deadline…), each with its `inspection_uuid`, by inspection then time found."""
        self._gate()
        rows = self._store.query(
            f"""SELECT i.uuid AS inspection_uuid, {LIST_COLUMNS}
                FROM {KIND.table} i JOIN json_each(i.finding_uuids) f JOIN {LIST_FROM}
                WHERE p.uuid = f.value AND i.state = 'submitted' AND i.uuid IN (SELECT value FROM json_each(?))
                ORDER BY i.started_at, i.uuid, p.found_at, p.uuid""",
            (json.dumps(list(inspection_uuids)),))
        return [dict(r) for r in rows]

    # ---- rows ↔ inspections ----------------------------------------------------------------------

    def _exists(self, conn: sqlite3.Connection, uuid: str) -> bool:
        return conn.execute(f"SELECT 1 FROM {KIND.table} WHERE uuid = ?", (uuid,)).fetchone() is not None

    def _read(self, conn: sqlite3.Connection, uuid: str, key: CovertKey | None) -> CovertInspection | None:
        row = KIND.read(conn, uuid)
        return None if row is None or row["deleted"] else self._from_row(conn, row, key)

    def _from_row(self, conn: sqlite3.Connection, row: dict[str, Any], key: CovertKey | None, *,
                  with_findings: bool = True) -> CovertInspection:
        if row["state"] == "draft":
            return _from_document(row["uuid"], _opened(row["uuid"], row["draft"], row["sealed"], key))
        findings: list[CovertFinding] = []
        if with_findings:
            for problem_uuid in json.loads(row["finding_uuids"]):
                finding = _finding_of_problem(self._store, problem_uuid)
                if finding is not None:
                    findings.append(finding)
        doc = {c: (json.loads(row[c]) if c in KIND.json_columns and row[c] is not None else row[c])
               for c in KIND.columns if c not in KIND.local_columns}
        inspection = _from_document(row["uuid"], {**doc, "findings": []})
        return replace(inspection, findings=tuple(findings), state=InspectionState.SUBMITTED,
                       submitted_at=parse_utc(row["submitted_at"]))


def _already_submitted() -> Refusal:
    return Refusal("already_submitted", "这次暗访已经提交，不能再修改或删除；需要补充的请另记一次（回头看）。",
                   "This inspection has been submitted and cannot be changed or deleted: record a follow-up instead.")


def _not_found() -> Refusal:
    return Refusal("not_found", "找不到这次暗访记录，请刷新。", "This inspection is not here: refresh the list.")


def _hold(conn: sqlite3.Connection, inspection: CovertInspection) -> None:
    """Keep the draft's photos and route track out of the photos page and the patrol editor. What an
    earlier version of the draft used stays held (it was covert material, and may be in another draft)."""
    items = [(p, "photo") for f in inspection.findings for p in f.photos]
    if inspection.track_uuid:
        items.append((inspection.track_uuid, "track"))
    conn.executemany("INSERT OR IGNORE INTO covert_held (item_uuid, item_kind, inspection_uuid) VALUES (?, ?, ?)",
                     [(uuid, kind, inspection.uuid) for uuid, kind in items])


def _history(conn: sqlite3.Connection, units: Collection[str]) -> RegisterHistory:
    rows = conn.execute(
        """SELECT link, holder, held, since, until FROM register_history
           WHERE (link = 'assists' AND holder IN (SELECT value FROM json_each(?1)))
              OR (link = 'holds' AND holder IN (SELECT held FROM register_history WHERE link = 'assists'
                                                AND holder IN (SELECT value FROM json_each(?1))))
           ORDER BY rowid""",
        (json.dumps(sorted(units)),)).fetchall()
    assists: list[RegisterLink] = []
    holds: list[RegisterLink] = []
    for link, holder, held, since, until in rows:
        item = RegisterLink(holder, held, parse_utc(since) if since else None, parse_utc(until) if until else None)
        (assists if link == "assists" else holds).append(item)
    return RegisterHistory(tuple(assists), tuple(holds))


def _evidence(conn: sqlite3.Connection, inspection: CovertInspection) -> list[TimeEvidence]:
    """Times this laptop did not make, for judging its clock: the route track's and the photos'."""
    found: list[TimeEvidence] = []
    if inspection.track_uuid:
        row = conn.execute("SELECT ended_at, format FROM tracks WHERE uuid = ?", (inspection.track_uuid,)).fetchone()
        if row is not None and row[0]:
            when = parse_utc(row[0])
            found.append(TimeEvidence(gps=when, subject="track") if row[1] != "photos"
                         else TimeEvidence(camera=when, subject="track"))
    photos = [p for f in inspection.findings for p in f.photos]
    if photos:
        for gps, taken in conn.execute(
                "SELECT gps_time, taken_at FROM photos WHERE uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(photos),)):
            found.append(TimeEvidence(gps=parse_utc(gps) if gps else None,
                                      camera=parse_utc(taken) if taken else None))
    return found


def _latest_seen(conn: sqlite3.Connection, uuid: str) -> datetime | None:
    """The latest time this laptop has recorded before: other covert records' last change, the office's
    last acknowledgement. Later than "now" means the clock has gone back since."""
    times = [conn.execute(f"SELECT max(updated_at) FROM {KIND.table} WHERE uuid != ?", (uuid,)).fetchone()[0],
             outbox.last_success(conn)]
    seen = [parse_utc(t) for t in times if t]
    return max(seen) if seen else None


def _finding_of_problem(store: Store, problem_uuid: str) -> CovertFinding | None:
    problem = store.problems.get(problem_uuid)
    if problem is None:
        return None
    report = next((e for e in store.problems.events(problem_uuid) if e.action is Action.REPORT), None)
    return CovertFinding(uuid=problem.uuid, code=problem.code, description=problem.description,
                         reach_code=problem.reach_code, found_at=problem.found_at, severity=problem.severity,
                         urgency=problem.urgency, lat=problem.lat, lon=problem.lon,
                         position_source=problem.position_source, photos=report.photos if report else ())


# ---- the document: a draft as JSON, and the columns of a submitted inspection ---------------------------


def _stored(uuid: str, document: dict[str, Any], key: CovertKey | None) -> dict[str, Any]:
    """A draft's columns: its document as plain JSON, or sealed under `key` (bound to its uuid)."""
    text = json.dumps(document, ensure_ascii=False)
    if key is None:
        return {"draft": text, "sealed": None}
    return {"draft": None, "sealed": key.seal(text.encode("utf-8"), f"{KIND.kind}:{uuid}")}


def _opened(uuid: str, plain: str | None, sealed: bytes | None, key: CovertKey | None) -> dict[str, Any]:
    if plain is not None:
        return dict(json.loads(plain))
    if key is None:
        raise LOCKED
    try:
        return dict(json.loads(key.open(bytes(sealed or b""), f"{KIND.kind}:{uuid}")))
    except Unsealable:  # the key passed its check value (`_checked`): this draft's bytes are damaged
        raise Refusal("draft_damaged", "这份暗访草稿的数据已损坏，无法解密（口令是对的）。请运行“检查数据”。",
                      "This covert draft's data is damaged and cannot be decrypted (the passphrase is right). "
                      "Run the data check.") from None


def _iso(moment: datetime | None) -> str | None:
    return iso_utc(moment) if moment is not None else None


def _time(text: str | None) -> datetime | None:
    return parse_utc(text) if text else None


def _document(i: CovertInspection) -> dict[str, Any]:
    """Everything of an inspection, findings included, as JSON values (a draft's whole record)."""
    return {
        "unit_uuid": i.unit_uuid, "unit_name": i.unit_name, "quarter": i.quarter, "chief_uuid": i.chief_uuid,
        "chief_name": i.chief_name, "reach_codes": list(i.reach_codes), "started_at": _iso(i.started_at),
        "ended_at": _iso(i.ended_at), "inspectors": list(i.inspectors), "methods": [m.code for m in i.methods],
        "track_uuid": i.track_uuid, "conclusion": i.conclusion, "major": int(i.major),
        "escalation": None if i.escalation is None else {
            "to_name": i.escalation.to_name, "to_chief_uuid": i.escalation.to_chief_uuid,
            "at": iso_utc(i.escalation.at), "note": i.escalation.note},
        "follows_up": i.follows_up, "rechecked": list(i.rechecked),
        "findings": [{
            "uuid": f.uuid, "code": f.code, "description": f.description, "reach_code": f.reach_code,
            "found_at": iso_utc(f.found_at), "severity": f.severity.code, "urgency": f.urgency.code,
            "lat": f.lat, "lon": f.lon, "position_source": f.position_source, "photos": list(f.photos),
        } for f in i.findings],
    }


def _columns(i: CovertInspection) -> dict[str, Any]:
    """The columns of a submitted inspection (its wire format): findings by their problems' uuids."""
    doc = _document(i)
    doc.pop("findings")
    values = {c: (json.dumps(v, ensure_ascii=False) if c in KIND.json_columns and v is not None else v)
              for c, v in doc.items()}
    return {**values, "state": "submitted", "finding_uuids": json.dumps(list(i.finding_uuids)),
            "submitted_at": _iso(i.submitted_at), "draft": None, "sealed": None}


def _from_document(uuid: str, d: dict[str, Any]) -> CovertInspection:
    escalation = d.get("escalation")
    return CovertInspection(
        uuid=uuid, unit_uuid=d["unit_uuid"], unit_name=d["unit_name"], quarter=d["quarter"],
        chief_uuid=d.get("chief_uuid") or "", chief_name=d.get("chief_name") or "",
        reach_codes=tuple(d.get("reach_codes") or ()), started_at=_time(d.get("started_at")),
        ended_at=_time(d.get("ended_at")), inspectors=tuple(d.get("inspectors") or ()),
        methods=tuple(InspectionMethod(m) for m in d.get("methods") or ()), track_uuid=d.get("track_uuid"),
        conclusion=d.get("conclusion") or "", major=bool(d.get("major")),
        escalation=None if not escalation else Escalation(
            escalation["to_name"], parse_utc(escalation["at"]), escalation.get("note") or "",
            escalation.get("to_chief_uuid")),
        follows_up=d.get("follows_up"), rechecked=tuple(d.get("rechecked") or ()),
        findings=tuple(CovertFinding(
            uuid=f["uuid"], code=f["code"], description=f["description"], reach_code=f["reach_code"],
            found_at=parse_utc(f["found_at"]), severity=Severity(f["severity"]), urgency=Urgency(f["urgency"]),
            lat=f.get("lat"), lon=f.get("lon"), position_source=f.get("position_source"),
            photos=tuple(f.get("photos") or ())) for f in d.get("findings") or ()),
    )
