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
