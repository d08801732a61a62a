"""The layers of DESIGN.md §3, checked from the source: Qt only in ui/, nothing imports ui,
sync/ independent of patrol_app, SQL only in the store (and sync's own outbox)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(*parts: str) -> list[Path]:
    return sorted(ROOT.joinpath(*parts).rglob("*.py"))


def test_the_scan_sees_the_code() -> None:
    assert len(python_files("patrol_app")) > 15
    assert any("PySide6.QtWidgets" in imports(p) for p in python_files("patrol_app", "ui"))


def test_no_qt_outside_ui() -> None:
    ui = ROOT / "patrol_app" / "ui"
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("patrol_app") + python_files("sync")
        if not p.is_relative_to(ui)
        for name in imports(p)
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")
    ]
    assert offenders == []


def test_nothing_imports_ui() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("patrol_app") + python_files("sync")
        if not p.is_relative_to(ROOT / "patrol_app" / "ui")
        for name in imports(p)
        if name == "patrol_app.ui" or name.startswith("patrol_app.ui.")
    ]
    # cli.py starts the GUI when there is no sub-command; it imports ui lazily inside that branch only.
    assert offenders == ["patrol_app/cli.py"]
    tree = ast.parse((ROOT / "patrol_app" / "cli.py").read_text(encoding="utf-8"))
    top_level = {n.module for n in tree.body if isinstance(n, ast.ImportFrom)}
    assert not any(m and m.startswith("patrol_app.ui") for m in top_level)


def test_sync_imports_nothing_from_patrol_app() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("sync")
        for name in imports(p)
        if name.split(".")[0] == "patrol_app"
    ]
    assert offenders == []


SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b", re.I | re.S
)


def test_sql_only_in_the_store() -> None:
    offenders = []
    for p in python_files("patrol_app"):
        if p.is_relative_to(ROOT / "patrol_app" / "store"):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                offenders.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_cli_does_not_load_qt_for_sub_commands() -> None:
    import subprocess
    import sys

    code = "import sys; from patrol_app import cli; sys.argv=['x']; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# Writes on syncable tables: only `store/records.py` (row + outbox entry in one transaction) and `store/remote.py`
# (records received from the office, kept as their origin made them) may write them. Derived tables
# (problem_status, settings, …) are not syncable and may be written anywhere in the store.
# `store/json_import.py` (`import json DIR`) keeps a device's exported records as their origin made them,
# as remote.py does.
WRITERS = {"patrol_app/store/records.py", "patrol_app/store/remote.py", "patrol_app/store/json_import.py"}
# Shipped migrations are never edited (schema.py): 0005 filled the new `finalised_at` of finalised patrols
# from their `updated_at`, a local column fill that changed no version.
SHIPPED_WRITES = {("patrol_app/store/schema.py", "UPDATE patrols SET finalised_at = updated_at WHERE status = 'final'")}
SQLITE_UTILS_WRITES = {"insert", "insert_all", "upsert", "upsert_all", "update", "delete", "delete_where"}


def syncable_tables() -> list[str]:
    from patrol_app.store import records

    return [kind.table for kind in records.KINDS]


def write_statements(tables: list[str]) -> re.Pattern[str]:
    """INSERT/REPLACE INTO, UPDATE, DELETE FROM one of `tables`, or a table named by a placeholder
    (`{…}` of an f-string or str.format, `%s`, `?`): which table that is cannot be told from the source."""
    target = r"(?:" + "|".join(map(re.escape, tables)) + r")\b|\{[^}]*\}|%s|\?"
    return re.compile(
        r"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"
        r"[\"'`\[]?(?:main\.)?(?:" + target + r")",
        re.I,
    )


def strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal with its line; an f-string as one text with `{}` where its values go."""
    found: list[tuple[int, str]] = []
    parts: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            found.append((node.lineno, text))
            parts.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            found.append((node.lineno, node.value))
    return found


def syncable_writes(path: Path, tables: list[str]) -> list[str]:
    """`path:line: statement` of every write on a syncable table in this module's source."""
    rel = str(path.relative_to(ROOT))
    pattern = write_statements(tables)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for line, text in strings(tree):
        for match in pattern.finditer(text):
            statement = " ".join(text[match.start():].split(";")[0].split())
            if (rel, statement) not in SHIPPED_WRITES:
                found.append(f"{rel}:{line}: {statement[:90]}")
    for node in ast.walk(tree):  # sqlite-utils' table API: db["photos"].insert(...)
        if (isinstance(node, ast.Attribute) and node.attr in SQLITE_UTILS_WRITES
                and isinstance(node.value, ast.Subscript) and isinstance(node.value.slice, ast.Constant)
                and node.value.slice.value in tables):
            found.append(f"{rel}:{node.lineno}: [{node.value.slice.value!r}].{node.attr}")
    return found


def test_the_write_scan_sees_writes() -> None:
    tables = syncable_tables()
    assert set(tables) >= {"patrols", "tracks", "patrol_revisions", "photos", "photo_links", "problems",
                           "problem_events"}
    assert syncable_writes(ROOT / "patrol_app" / "store" / "records.py", tables)  # the one writer
    pattern = write_statements(tables)
    for sql in ("INSERT INTO photos (uuid) VALUES (?)", "insert or ignore into photo_links (uuid)",
                "REPLACE INTO problems VALUES (1)", "UPDATE tracks SET patrol_uuid = NULL",
                "update or abort problem_events set seq = 1", "DELETE FROM patrol_revisions WHERE 1",
                'INSERT INTO "patrols" (uuid)', "INSERT INTO {} (uuid)", "UPDATE %s SET x = 1"):
        assert pattern.search(sql), sql
    for sql in ("INSERT OR REPLACE INTO problem_status (problem_uuid) VALUES (?)", "SELECT * FROM photos",
                "INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = 1",
                "DELETE FROM profile_reaches WHERE profile_uuid = ?", "UPDATE outbox SET state = 'sent'",
                "INSERT INTO photos_cache (x)"):
        assert not pattern.search(sql), sql


def test_only_records_and_remote_write_syncable_tables() -> None:
    tables = syncable_tables()
    offenders = [hit for p in python_files("patrol_app") if str(p.relative_to(ROOT)) not in WRITERS
                 for hit in syncable_writes(p, tables)]
    assert offenders == []
