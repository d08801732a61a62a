"""What the home page and the register show adds up, at 1366×768 in Chinese (issue 14, items 8 and 10).

- a brand-new chief is not shown a red 逾期 for a week that was over before the profile existed;
- the year view's 至今期数 is 达标 + 未达标 + 进行中 on every row, each column named on screen;
- the register lists the signed-in chief as 村级河长 of the reach they chose, not the demo's made-up one.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from patrol_app.dashboard import ReachState
from patrol_app.domain.enums import Level, Role
from patrol_app.ui.models import RowRole
from tests.ui.conftest import destroy

LINZHUANG = "410423000001"


def cells(table, column: int) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def headers(table) -> list[str]:
    model = table.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_new_chief_is_not_shown_overdue_on_the_first_day(qtbot: QtBot, store, runner) -> None:
    from patrol_app.ui.main_window import MainWindow

    store.profiles.save(name="王秀英", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村", reach_codes=[LINZHUANG])
    window = MainWindow(store=store, runner=runner, data_dir=store.data_dir, language_setting="zh_CN",
                        auto_sync=False)
    try:
        with qtbot.waitSignal(window.home.loaded, timeout=20_000):
            window.show()
        window.resize(1366, 768)
        home = window.home
        assert home.overdue_card.value.text() == "0"  # was 1: last week, before the profile existed, "missed"
        assert [line.state for line in home.summary.lines] == [ReachState.DUE]
        status = headers(home.table).index("状态")
        assert "逾期" not in cells(home.table, status)
        assert home.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None  # no red row
    finally:
        runner.wait_for_idle()
        destroy(window)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_year_view_adds_up_on_screen(qtbot: QtBot, window) -> None:
    window.resize(1366, 768)
    home = window.home
    with qtbot.waitSignal(home.year_loaded, timeout=20_000):
        home.view_choice.setCurrentIndex(1)
    names = headers(home.table)
    assert names[1] == "至今期数" and names[-3:] == ["达标期数", "未达标期数", "进行中"]
    assert "至今期数 = 达标 + 未达标 + 进行中" in home.table_title.text()
    so_far = names.index("至今期数")
    rows = home.table.model().rowCount()
    assert rows >= 1
    for r in range(rows):
        line = home.table.model().index(r, 0).data(RowRole)
        shown = [int(cells(home.table, c)[r]) for c in (so_far, len(names) - 3, len(names) - 2, len(names) - 1)]
        assert shown[0] == shown[1] + shown[2] + shown[3], (line.name, shown)
    for column in (so_far, len(names) - 1):  # the counted columns say what they count
        assert home.table.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_register_names_the_signed_in_chief(qtbot: QtBot, window, demo_store) -> None:
    window.resize(1366, 768)
    profile = demo_store.profiles.current()
    assert profile.role is Role.CHIEF and profile.level is Level.VILLAGE and LINZHUANG in profile.reach_codes
    window.show_page(window.REACHES)
    page = window.page(window.REACHES)
    codes = cells(page.table, 0)
    page.table.selectRow(codes.index(LINZHUANG))
    detail = page.detail.text()
    assert f"{profile.name}（村级）" in detail
    assert "张建国" not in detail  # the demo register's made-up 村级河长 of 林庄村段
