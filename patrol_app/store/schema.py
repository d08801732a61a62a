"""Schema migrations (sqlite-utils `Migrations`): each runs in one transaction, in order, once.

Never edit a migration that has shipped: add a new one. `tests/store/test_migrations.py` builds a
database at every earlier version and upgrades it.

sqlite-utils is imported only when a migration is pending (it costs ~0.1 s of start-up); which
migrations a database has is read with plain SQL from sqlite-utils' own `_sqlite_migrations` table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, utc_now, uuid7
from patrol_app.resources import load_json
from sync import outbox

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "patrol_app"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' table name
_STEPS: list[tuple[str, Callable[[Any], None]]] = []


def migration(name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        _STEPS.append((name, fn))
        return fn

    return register


def migrations() -> Migrations:
    """The sqlite-utils migration set, built on demand."""
    from sqlite_utils.migrations import Migrations

    built = Migrations(MIGRATION_SET)
    for name, fn in _STEPS:
        built(name=name)(fn)
    return built


def known_migrations() -> list[str]:
    return [name for name, _ in _STEPS]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database has, in the order they were applied (plain SQL)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone():
        return []
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,)
        )
    ]


def migrate(conn: sqlite3.Connection, *, backup: bool = True) -> None:
    """Apply every pending migration, each in its own transaction.

    An existing database with user data is first backed up (store/backup.py, `pre-migration`), unless
    `backup` is False (a restore migrates its own staged copy of a backup file). A backup that cannot be
    made stops the upgrade before anything changed.
    """
    applied = applied_migrations(conn)
    if applied == known_migrations():
        return
    if backup and applied:
        from patrol_app.store import backup as backups

        backups.before_migration(conn)
    from sqlite_utils import Database

    migrations().apply(Database(conn))


# Columns every syncable record carries (DESIGN.md §4). `deleted` is the tombstone.
SYNC_COLUMNS = """
    uuid TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
"""


def _run(conn: sqlite3.Connection, script: str) -> None:
    # executescript would COMMIT the migration's transaction; run statement by statement instead.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


@migration("0001_initial")
def m0001_initial(db: Database) -> None:
    conn = db.conn
    _run(
        conn,
        f"""
        CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE divisions (
            code TEXT PRIMARY KEY CHECK (length(code) = 6),
            name TEXT NOT NULL,
            parent_code TEXT REFERENCES divisions (code)
        );
        CREATE TABLE waterbodies (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('river', 'lake', 'reservoir')),
            code_scheme TEXT NOT NULL DEFAULT 'local' CHECK (code_scheme IN ('sl249', 'local')),
            demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE reaches (
            code TEXT PRIMARY KEY CHECK (length(code) = 12),
            name TEXT NOT NULL,
            waterbody_code TEXT NOT NULL REFERENCES waterbodies (code),
            county_code TEXT NOT NULL REFERENCES divisions (code),
            township TEXT NOT NULL,
            village TEXT,
            length_m INTEGER,
            geometry TEXT,
            demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX reaches_waterbody ON reaches (waterbody_code);
        CREATE TABLE chiefs (
            uuid TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
            title TEXT NOT NULL DEFAULT '',
            demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE chief_reaches (
            chief_uuid TEXT NOT NULL REFERENCES chiefs (uuid) ON DELETE CASCADE,
            reach_code TEXT NOT NULL REFERENCES reaches (code) ON DELETE CASCADE,
            PRIMARY KEY (chief_uuid, reach_code)
        );
        CREATE INDEX chief_reaches_reach ON chief_reaches (reach_code);
        CREATE TABLE liaison_units (
            uuid TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE liaison_assignments (
            unit_uuid TEXT NOT NULL REFERENCES liaison_units (uuid) ON DELETE CASCADE,
            chief_uuid TEXT NOT NULL REFERENCES chiefs (uuid) ON DELETE CASCADE,
            PRIMARY KEY (unit_uuid, chief_uuid)
        );
        CREATE INDEX liaison_assignments_chief ON liaison_assignments (chief_uuid);
        CREATE TABLE profiles (
            uuid TEXT PRIMARY KEY,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            role TEXT NOT NULL,
            level TEXT,
            unit TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE profile_reaches (
            profile_uuid TEXT NOT NULL REFERENCES profiles (uuid) ON DELETE CASCADE,
            reach_code TEXT NOT NULL REFERENCES reaches (code),
            PRIMARY KEY (profile_uuid, reach_code)
        );
        CREATE TABLE patrol_rules (
            level TEXT PRIMARY KEY,
            period_kind TEXT NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter', 'half_year', 'year')),
            min_patrols INTEGER NOT NULL CHECK (min_patrols >= 0),
            min_duration_s INTEGER NOT NULL CHECK (min_duration_s >= 0),
            min_distance_m INTEGER NOT NULL CHECK (min_distance_m >= 0),
            source TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE patrols (
            {SYNC_COLUMNS},
            reach_code TEXT NOT NULL REFERENCES reaches (code),
            profile_uuid TEXT,
            patroller_name TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL CHECK (ended_at >= started_at),
            duration_s INTEGER NOT NULL CHECK (duration_s >= 0),
            distance_m INTEGER NOT NULL CHECK (distance_m >= 0),
            mode TEXT NOT NULL DEFAULT 'foot',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX patrols_reach_time ON patrols (reach_code, started_at);
        CREATE INDEX patrols_time ON patrols (started_at)
        """,
    )
    outbox.apply_schema_step(conn, 1)
    conn.execute(
        "INSERT INTO app_settings (key, value) VALUES ('device_id', ?), ('created_at', ?)",
        (uuid7(), iso_utc(utc_now())),
    )


@migration("0002_seed_registry_and_rules")
def m0002_seed(db: Database) -> None:
    """The Pingdingshan registry and Henan's default rules, from resources/."""
    conn = db.conn
    registry = load_json("registry", "pingdingshan.json")
    conn.executemany(
        "INSERT INTO divisions (code, name, parent_code) VALUES (?, ?, ?)",
        [(d["code"], d["name"], d["parent"]) for d in registry["divisions"]],
    )
    conn.executemany(
        "INSERT INTO waterbodies (code, name, kind, code_scheme) VALUES (?, ?, ?, 'local')",
        [(w["code"], w["name"], w["kind"]) for w in registry["waterbodies"]],
    )
    insert_demo_registry(conn, registry["demo"])
    rules = load_json("rules", "henan-default.json")
    now = iso_utc(utc_now())
    conn.executemany(
        """INSERT INTO patrol_rules (level, period_kind, min_patrols, min_duration_s, min_distance_m,
           source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                r["level"],
                r["period"],
                r["min_patrols"],
                r["min_duration_s"],
                r["min_distance_m"],
                rules["source"],
                now,
            )
            for r in rules["rules"]
        ],
    )


def insert_demo_registry(conn: sqlite3.Connection, demo: dict) -> None:
    """Demo reaches, chiefs and liaison units (demo = 1): fictional, geometry approximate."""
    conn.executemany(
        """INSERT INTO reaches (code, name, waterbody_code, county_code, township, village, length_m,
           geometry, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)""",
        [
            (
                r["code"],
                r["name"],
                r["waterbody"],
                r["county"],
                r["township"],
                r.get("village"),
                r.get("length_m"),
                json.dumps(r.get("geometry") or []),
            )
            for r in demo["reaches"]
        ],
    )
    conn.executemany(
        "INSERT INTO chiefs (uuid, name, level, title, demo) VALUES (?, ?, ?, ?, 1)",
        [(c["uuid"], c["name"], c["level"], c["title"]) for c in demo["chiefs"]],
    )
    conn.executemany(
        "INSERT INTO chief_reaches (chief_uuid, reach_code) VALUES (?, ?)",
        [(c["uuid"], code) for c in demo["chiefs"] for code in c["reaches"]],
    )
    conn.executemany(
        "INSERT INTO liaison_units (uuid, name, demo) VALUES (?, ?, 1)",
        [(u["uuid"], u["name"]) for u in demo["liaison_units"]],
    )
    conn.executemany(
        "INSERT INTO liaison_assignments (unit_uuid, chief_uuid) VALUES (?, ?)",
        [(u["uuid"], c) for u in demo["liaison_units"] for c in u["chiefs"]],
    )


@migration("0003_photos")
def m0003_photos(db: Database) -> None:
    """Imported photos (content-addressed by the original's SHA-256) and their links to patrols/problems."""
    _run(
        db.conn,
        f"""
        CREATE TABLE photos (
            {SYNC_COLUMNS},
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            upload_sha256 TEXT NOT NULL CHECK (length(upload_sha256) = 64),
            format TEXT NOT NULL,
            bytes INTEGER NOT NULL CHECK (bytes > 0),
            original_name TEXT NOT NULL,
            source_path TEXT NOT NULL,
            width INTEGER,
            height INTEGER,
            orientation INTEGER CHECK (orientation BETWEEN 1 AND 8),
            taken_at TEXT,
            taken_at_zone TEXT CHECK (taken_at_zone IN ('exif', 'assumed')),
            taken_at_offset TEXT,
            gps_time TEXT,
            clock_offset_s INTEGER,
            lat REAL CHECK (lat BETWEEN -90 AND 90),
            lon REAL CHECK (lon BETWEEN -180 AND 180),
            alt REAL,
            position_source TEXT CHECK (position_source IN ('exif', 'track', 'manual')),
            position_rejected TEXT,
            altitude_rejected TEXT,
            make TEXT,
            model TEXT,
            upload_width INTEGER NOT NULL,
            upload_height INTEGER NOT NULL,
            CHECK ((lat IS NULL) = (lon IS NULL)),
            CHECK ((lat IS NULL) = (position_source IS NULL))
        );
        CREATE INDEX photos_taken_at ON photos (taken_at);
        CREATE INDEX photos_order ON photos (coalesce(taken_at, created_at) DESC, uuid DESC);
        CREATE TABLE photo_links (
            {SYNC_COLUMNS},
            photo_uuid TEXT NOT NULL REFERENCES photos (uuid),
            target_kind TEXT NOT NULL CHECK (target_kind IN ('patrol', 'problem', 'problem_event')),
            target_uuid TEXT NOT NULL
        );
        CREATE UNIQUE INDEX photo_links_once ON photo_links (photo_uuid, target_kind, target_uuid) WHERE deleted = 0;
        CREATE INDEX photo_links_target ON photo_links (target_kind, target_uuid)
        """,
    )


@migration("0004_problems")
def m0004_problems(db: Database) -> None:
    """Problems (facts, written once), their append-only event log, and a local status projection.

    `problem_status` is derived from the events (domain.problems.fold) and rebuilt whenever a
    problem's events change; it is never synced, and `check` verifies it against a fresh fold. It
    carries the problem's `found_at` so the lists sort and count on its indexes alone. A status row
    exists only once the problem's own record is there (events may arrive first from a sync).
    """
    _run(
        db.conn,
        f"""
        CREATE TABLE problems (
            {SYNC_COLUMNS},
            code TEXT NOT NULL,
            description TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('general', 'serious', 'major')),
            urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'critical')),
            source TEXT NOT NULL,
            reach_code TEXT NOT NULL,
            found_at TEXT NOT NULL,
            found_by_uuid TEXT NOT NULL,
            found_by_name TEXT NOT NULL,
            found_by_role TEXT NOT NULL,
            found_by_unit TEXT NOT NULL DEFAULT '',
            lat REAL CHECK (lat BETWEEN -90 AND 90),
            lon REAL CHECK (lon BETWEEN -180 AND 180),
            position_source TEXT CHECK (position_source IN ('exif', 'track', 'manual')),
            patrol_uuid TEXT,
            CHECK ((lat IS NULL) = (lon IS NULL))
        );
        CREATE INDEX problems_found ON problems (found_at DESC, uuid DESC);
        CREATE INDEX problems_reach ON problems (reach_code);
        CREATE INDEX problems_patrol ON problems (patrol_uuid) WHERE patrol_uuid IS NOT NULL;
        CREATE TABLE problem_events (
            {SYNC_COLUMNS},
            problem_uuid TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            action TEXT NOT NULL,
            at TEXT NOT NULL,
            actor_uuid TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            actor_unit TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            assignee_unit TEXT NOT NULL DEFAULT '',
            assignee_person TEXT NOT NULL DEFAULT '',
            deadline TEXT
        );
        CREATE INDEX problem_events_problem ON problem_events (problem_uuid, seq);
        CREATE TABLE problem_status (
            problem_uuid TEXT PRIMARY KEY,
            found_at TEXT NOT NULL,
            state TEXT,
            assignee_unit TEXT NOT NULL DEFAULT '',
            assignee_person TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            rectified_by TEXT,
            last_event_at TEXT,
            closed_at TEXT,
            rework_count INTEGER NOT NULL DEFAULT 0,
            events INTEGER NOT NULL DEFAULT 0,
            not_applied INTEGER NOT NULL DEFAULT 0,
            head TEXT
        );
        CREATE INDEX problem_status_found ON problem_status (found_at DESC, problem_uuid DESC);
        CREATE INDEX problem_status_state ON problem_status (state, found_at DESC, problem_uuid DESC);
        CREATE INDEX problem_status_deadline ON problem_status (state, deadline);
        CREATE INDEX problem_status_assignee ON problem_status (assignee_unit, state)
        """,
    )


@migration("0005_patrol_records")
def m0005_patrol_records(db: Database) -> None:
    """Patrol details (checklist, weather, track results, deputies, finalising and revisions) and tracks.

    `tracks` holds each imported or built track's points (geo.track.encode_points); a patrol points at
    the one it uses. `patrol_revisions` keeps every finalised version a later revision replaced, with
    who changed it and why. Both are synced like the patrol itself.
    """
    conn = db.conn
    for column in (
        "patroller_role TEXT NOT NULL DEFAULT ''",
        "rule_level TEXT NOT NULL DEFAULT 'village'",
        "on_behalf_of_uuid TEXT",
        "on_behalf_of_name TEXT NOT NULL DEFAULT ''",
        "weather TEXT NOT NULL DEFAULT ''",
        "checklist TEXT NOT NULL DEFAULT '{}'",
        "track_uuid TEXT",
        "moving_s INTEGER",
        "coverage REAL",
        "flags TEXT NOT NULL DEFAULT '[]'",
        "flag_count INTEGER NOT NULL DEFAULT 0",
        "finalised_at TEXT",
        "revision INTEGER NOT NULL DEFAULT 0",
    ):
        conn.execute(f"ALTER TABLE patrols ADD COLUMN {column}")
    _run(
        conn,
        f"""
        UPDATE patrols SET finalised_at = updated_at WHERE status = 'final';
        DROP INDEX patrols_reach_time;
        DROP INDEX patrols_time;
        CREATE INDEX patrols_list ON patrols (started_at DESC, uuid DESC);
        CREATE INDEX patrols_reach_list ON patrols (reach_code, started_at DESC, uuid DESC);
        CREATE INDEX patrols_last ON patrols (reach_code, status, deleted, started_at);
        CREATE INDEX patrols_drafts ON patrols (started_at DESC, uuid DESC) WHERE status = 'draft';
        CREATE INDEX patrols_flagged ON patrols (started_at DESC, uuid DESC) WHERE flag_count > 0;
        CREATE INDEX patrols_compliance ON patrols (started_at, reach_code, status, deleted, duration_s, distance_m,
                                                    rule_level);
        CREATE TABLE tracks (
            {SYNC_COLUMNS},
            patrol_uuid TEXT,
            file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
            file_name TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL CHECK (format IN ('gpx', 'kml', 'nmea', 'photos')),
            crs_in TEXT NOT NULL DEFAULT 'wgs84' CHECK (crs_in IN ('wgs84', 'gcj02')),
            points TEXT NOT NULL,
            point_count INTEGER NOT NULL CHECK (point_count >= 0),
            segments INTEGER NOT NULL CHECK (segments >= 0),
            distance_m REAL NOT NULL CHECK (distance_m >= 0),
            duration_s INTEGER,
            moving_s INTEGER,
            started_at TEXT,
            ended_at TEXT,
            notes TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX tracks_patrol ON tracks (patrol_uuid) WHERE patrol_uuid IS NOT NULL;
        CREATE INDEX tracks_file ON tracks (file_sha256, crs_in) WHERE file_sha256 IS NOT NULL;
        CREATE TABLE patrol_revisions (
            {SYNC_COLUMNS},
            patrol_uuid TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            by_uuid TEXT,
            by_name TEXT NOT NULL,
            replaced TEXT NOT NULL
        );
        CREATE UNIQUE INDEX patrol_revisions_once ON patrol_revisions (patrol_uuid, revision)
        """,
    )


# The time a register link starts or ends: the office's time of the change while `store/remote.py` applies
# one (it sets this setting for the length of the change), else the laptop's clock.
REGISTER_CHANGED_AT = "register_changed_at"
_LINK_TIME = (f"coalesce((SELECT value FROM app_settings WHERE key = '{REGISTER_CHANGED_AT}'), "
              "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")


@migration("0006_covert_inspections")
def m0006_covert_inspections(db: Database) -> None:
    """Covert inspections (暗访检查, issue 15) and the register's history.

    `covert_inspections` is a syncable kind (`covert_inspection`). A draft is the liaison unit's secret:
    its whole document (domain.covert.CovertInspection with its findings) is held in `draft` as JSON, or
    in `sealed` encrypted under the drafts' passphrase, and every other column stays NULL, so nothing of
    it can be listed, searched or exported; drafts are never queued for upload. Submitting fills the
    columns (the wire format), empties `draft`, and queues the record.

    `register_history` keeps, for each link of the register — a liaison unit assists a chief
    (`assists`: unit uuid → chief uuid), a chief holds a reach (`holds`: chief uuid → reach code) —
    since when and until when it held ([since, until), NULL since: from before history was kept), which
    coverage of past quarters needs. Triggers on `liaison_assignments` and `chief_reaches` write it, so
    every writer of the register (the office's updates, the demo's placeholders, cascades) is seen.
    """
    conn = db.conn
    _run(
        conn,
        f"""
        CREATE TABLE covert_inspections (
            {SYNC_COLUMNS},
            state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
            unit_uuid TEXT,
            unit_name TEXT,
            quarter TEXT CHECK (quarter IS NULL OR quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            chief_uuid TEXT,
            chief_name TEXT,
            reach_codes TEXT,
            started_at TEXT,
            ended_at TEXT,
            inspectors TEXT,
            methods TEXT,
            track_uuid TEXT,
            conclusion TEXT,
            major INTEGER CHECK (major IS NULL OR major IN (0, 1)),
            escalation TEXT,
            follows_up TEXT,
            rechecked TEXT,
            finding_uuids TEXT,
            submitted_at TEXT,
            draft TEXT,
            sealed BLOB,
            CHECK ((state = 'draft' AND (draft IS NULL) <> (sealed IS NULL) AND unit_uuid IS NULL
                    AND quarter IS NULL AND reach_codes IS NULL AND started_at IS NULL AND conclusion IS NULL
                    AND finding_uuids IS NULL AND submitted_at IS NULL)
                OR (state = 'submitted' AND draft IS NULL AND sealed IS NULL AND unit_uuid IS NOT NULL
                    AND quarter IS NOT NULL AND reach_codes IS NOT NULL AND started_at IS NOT NULL
                    AND ended_at IS NOT NULL AND finding_uuids IS NOT NULL AND submitted_at IS NOT NULL))
        );
        CREATE INDEX covert_inspections_submitted ON covert_inspections (unit_uuid, started_at)
            WHERE state = 'submitted';
        CREATE TABLE register_history (
            link TEXT NOT NULL CHECK (link IN ('assists', 'holds')),
            holder TEXT NOT NULL,
            held TEXT NOT NULL,
            since TEXT,
            until TEXT CHECK (until IS NULL OR since IS NULL OR until >= since)
        );
        CREATE INDEX register_history_holder ON register_history (link, holder, held);
        INSERT INTO register_history (link, holder, held) SELECT 'assists', unit_uuid, chief_uuid
            FROM liaison_assignments;
        INSERT INTO register_history (link, holder, held) SELECT 'holds', chief_uuid, reach_code FROM chief_reaches
        """,
    )
    # Trigger bodies hold semicolons: one statement each, not through _run.
    for table, link, holder, held in (("liaison_assignments", "assists", "unit_uuid", "chief_uuid"),
                                      ("chief_reaches", "holds", "chief_uuid", "reach_code")):
        conn.execute(
            f"""CREATE TRIGGER {table}_history_start AFTER INSERT ON {table} BEGIN
                    INSERT INTO register_history (link, holder, held, since)
                    VALUES ('{link}', NEW.{holder}, NEW.{held}, {_LINK_TIME});
                END""")
        conn.execute(
            f"""CREATE TRIGGER {table}_history_end AFTER DELETE ON {table} BEGIN
                    UPDATE register_history SET until = max(coalesce(since, ''), {_LINK_TIME})
                    WHERE link = '{link}' AND holder = OLD.{holder} AND held = OLD.{held} AND until IS NULL;
                END""")


@migration("0007_covert_passphrase")
def m0007_covert_passphrase(db: Database) -> None:
    """The passphrase that protects covert drafts (store/sealing.py): never the passphrase or the key, only
    how to derive the key again (KDF name, parameters, salt) and a key-check value that tells a wrong
    passphrase from a right one. One row, or none while drafts are not protected. Local, never synced."""
    _run(
        db.conn,
        """
        CREATE TABLE covert_passphrase (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            kdf TEXT NOT NULL CHECK (kdf IN ('argon2id', 'scrypt')),
            params TEXT NOT NULL,
            salt BLOB NOT NULL CHECK (length(salt) >= 16),
            check_value BLOB NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
    )


@migration("0008_covert_held")
def m0008_covert_held(db: Database) -> None:
    """Photos and route tracks a covert draft uses (`covert_held`, local): the photos page and the patrol
    editor leave them out, so a chief on the same laptop does not see where and when the inspectors went.
    A photo is let go when its inspection is submitted (it is then a finding's evidence, as visible as the
    problem); a route track stays held (it is never a patrol's)."""
    _run(
        db.conn,
        """
        CREATE TABLE covert_held (
            item_uuid TEXT PRIMARY KEY,
            item_kind TEXT NOT NULL CHECK (item_kind IN ('photo', 'track')),
            inspection_uuid TEXT NOT NULL
        );
        CREATE INDEX covert_held_inspection ON covert_held (inspection_uuid)
        """,
    )


@migration("0010_maintenance")
def m0010_maintenance(db: Database) -> None:
    """Maintenance crews (管护单位, issue 16): their work logs and the contracts they work under.

    `maintenance_logs` is a syncable kind (`maintenance_log`), written by the crew: work lines, workers and
    before/after photo pairs (photo uuids) as JSON; `problem_uuid`/`rectify_event_uuid` when the log is a
    problem's rectification; `warnings`/`warning_reason` what was queried when it was saved and why it
    stands. `contracts` are the office's (kind `contract`, received with their origin's envelope and never
    sent back): who, which reaches, the period (local dates, both included) and the monthly requirements
    (JSON); `demo` marks the demo's made-up contract.
    """
    _run(
        db.conn,
        f"""
        CREATE TABLE maintenance_logs (
            {SYNC_COLUMNS},
            crew_unit TEXT NOT NULL,
            contract_uuid TEXT,
            post TEXT NOT NULL DEFAULT '',
            reach_code TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL CHECK (ended_at >= started_at),
            work TEXT NOT NULL,
            workers TEXT NOT NULL,
            photo_pairs TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            problem_uuid TEXT,
            rectify_event_uuid TEXT,
            warnings TEXT NOT NULL DEFAULT '[]',
            warning_reason TEXT NOT NULL DEFAULT '',
            recorded_by_uuid TEXT NOT NULL,
            recorded_by_name TEXT NOT NULL
        );
        CREATE INDEX maintenance_logs_time ON maintenance_logs (started_at DESC, uuid DESC);
        CREATE INDEX maintenance_logs_contract ON maintenance_logs (contract_uuid, started_at);
        CREATE TABLE contracts (
            uuid TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            number TEXT NOT NULL,
            name TEXT NOT NULL,
            crew_unit TEXT NOT NULL,
            client TEXT NOT NULL DEFAULT '',
            reach_codes TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL CHECK (ends_on >= starts_on),
            requirements TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
        );
        CREATE INDEX contracts_unit ON contracts (crew_unit)
        """,
    )
