"""The covert page's 季度报告 button: any quarter of the year so far, as PDF or Excel, written in the
background from the demo's liaison profile, and read back from outside (openpyxl, poppler)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from patrol_app.domain.enums import Role


def to_liaison(qtbot: QtBot, window, store):  # noqa: ANN001, ANN201
    liaison = next(p for p in store.profiles.all() if p.role is Role.LIAISON_INSPECTOR)
    store.profiles.make_current(liaison.uuid)
    window.settings.profile_changed.emit(store.profiles.get(liaison.uuid))
    window.show_page(window.COVERT)
    page = window.covert
    qtbot.waitUntil(lambda: page.view is not None and bool(page.view.units) and bool(page.view.inspections),
                    timeout=30_000)
    return page


def test_the_quarter_report_is_written_for_a_chosen_quarter(qtbot: QtBot, window, demo_store,
                                                            tmp_path: Path) -> None:
    page = to_liaison(qtbot, window, demo_store)
    assert page.report_button.isEnabled() and page.report_button.text() == "季度报告"
    page._fill_report_menu()
    quarters = [action.text() for action in page.report_menu.actions()]
    assert quarters and all("季度" in q for q in quarters)  # newest first, one submenu per quarter so far
    assert [a.text() for a in page.report_menu.actions()[0].menu().actions()] == ["PDF 文件…", "Excel 表格…"]

    submitted = [i for i in page.view.inspections if i.state.code == "submitted"]
    quarter = submitted[0].period  # a quarter with at least one submitted inspection
    xlsx = tmp_path / "报告" / "季度.xlsx"
    xlsx.parent.mkdir()
    with qtbot.waitSignal(page.report_written, timeout=60_000) as written:
        page.export_report(quarter, "xlsx", xlsx)
    assert written.args == [str(xlsx)] and "报告已保存" in page.report_note.text()
    book = load_workbook(xlsx)
    assert book.sheetnames == ["暗访检查", "发现问题", "覆盖情况"]
    rows = list(book["暗访检查"].iter_rows(min_row=2, values_only=True))
    in_quarter = [i for i in submitted if i.period == quarter]
    assert len(rows) == len(in_quarter) >= 1

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    pdf = tmp_path / "报告" / "季度.pdf"
    with qtbot.waitSignal(page.report_written, timeout=60_000):
        page.export_report(quarter, "pdf", pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    assert f"{quarter.year}年第{quarter.index}季度暗访检查报告" in text.replace(" ", "")


def test_a_report_to_an_unwritable_folder_is_said_and_nothing_else_changes(qtbot: QtBot, window, demo_store,
                                                                           tmp_path: Path, monkeypatch) -> None:
    page = to_liaison(qtbot, window, demo_store)
    shown: list[BaseException] = []
    monkeypatch.setattr("patrol_app.ui.pages.covert.show_error", lambda _parent, exc: shown.append(exc))
    quarter = page.view.quarters[-1].quarter
    missing = tmp_path / "没有这个文件夹" / "季度.xlsx"
    page.export_report(quarter, "xlsx", missing)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert not missing.exists() and page.report_note.text() == ""
    assert "无法" in str(shown[0]) or "不能" in str(shown[0]) or "写" in str(shown[0])
