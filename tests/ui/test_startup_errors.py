"""Bad data folders at start-up: a clear dialog, exit code 1, nothing changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from patrol_app.paths import database_path
from patrol_app.store import open_store
from patrol_app.ui.app import run
from tests.conftest import snapshot
from tests.ui.conftest import when_modal


def run_expecting_dialog(data_dir: Path) -> tuple[int, str, str]:
    seen: dict[str, str] = {}

    def read_and_close(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen["text"], seen["informative"] = dialog.text(), dialog.informativeText()
        dialog.accept()

    when_modal(read_and_close)
    code = run(data_dir=data_dir, language="zh_CN")
    return code, seen.get("text", ""), seen.get("informative", "")


def test_not_a_database(qapp, tmp_path: Path) -> None:
    database_path(tmp_path).write_bytes(b"PK\x03\x04 this is a zip file" * 40)
    before = snapshot(tmp_path)
    code, text, informative = run_expecting_dialog(tmp_path)
    assert code == 1
    assert "不是巡河助手的数据库" in text and "备份" in text
    assert "not a River Patrol database" in informative
    assert snapshot(tmp_path) == before


def test_newer_schema(qapp, tmp_path: Path) -> None:
    open_store(tmp_path).close()
    with sqlite3.connect(database_path(tmp_path)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('patrol_app', '0100_next', 'x')"
        )
    conn.close()
    before = snapshot(tmp_path)
    code, text, _ = run_expecting_dialog(tmp_path)
    assert code == 1 and "请安装最新版本" in text
    assert snapshot(tmp_path) == before


def test_read_only_data_folder(qapp, readonly_dir) -> None:
    folder, make_readonly = readonly_dir
    open_store(folder).close()
    make_readonly()
    before = snapshot(folder)
    code, text, informative = run_expecting_dialog(folder)
    assert code == 1 and "不能写入" in text and "--data-dir" in text
    assert "cannot be written" in informative
    assert snapshot(folder) == before


@pytest.mark.parametrize("name", ["patrol.db"])
def test_data_dir_is_a_file(qapp, tmp_path: Path, name: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, text, _ = run_expecting_dialog(blocker)
    assert code == 1 and text
    assert blocker.read_text() == "x"
