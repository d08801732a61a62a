"""The covert quarter report: content from a store with known inspections, and its .xlsx read back with
openpyxl (three sheets, header rows frozen, dates as dates, column widths set, written atomically)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from patrol_app.domain.covert import CovertFinding, Escalation, quarter_from_key
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import uuid7
from patrol_app.domain.problems import Action, Actor, Severity
from patrol_app.domain.refusal import Refusal
from patrol_app.reports.covert_quarter import (
    CovertQuarterReport,
    covert_quarter_html,
    covert_quarter_report,
    report_title,
    write_covert_quarter_xlsx,
)
from patrol_app.store.database import Store
from tests.store.test_covert import CHIEF, NOW, OWED, SECRET, UNIT, as_chief, bj, draft

MAJOR = "夜间在河道内非法采砂，现场有两台挖掘机"


def make_liaison(store: Store) -> tuple[Store, Actor]:
    """A village chief's profile and, current, 鲁山县水利局's liaison profile (as tests.store.test_covert)."""
    store.profiles.save(name="张村长", role=Role.CHIEF, level=Level.VILLAGE, unit="鲁山县张庄村",
                        reach_codes=OWED[:1], make_current=False)
    profile = store.profiles.save(name="周爱萍", role=Role.LIAISON_INSPECTOR, level=None, unit="鲁山县水利局",
                                  reach_codes=[])
    return store, Actor(profile.uuid, profile.name, Role.LIAISON_INSPECTOR, profile.unit)


@pytest.fixture
def unit_store(store: Store) -> tuple[Store, Actor]:
    return make_liaison(store)


def known_quarter(liaison: tuple[Store, Actor]) -> CovertQuarterReport:
    """2026 Q1 of 鲁山县水利局 on 20 March: a major finding on 9 January (escalated), an ordinary one on
    10 March (assigned with a deadline now past); reaches 1 and 2 of six covered, 12 days left."""
    store, me = liaison
    major = draft(findings=(CovertFinding(uuid=uuid7(), code="mining.sand", description=MAJOR, reach_code=OWED[1],
                                          found_at=bj(2026, 1, 9, 10), severity=Severity.MAJOR),),
                  reach_codes=(OWED[1],), started_at=bj(2026, 1, 9, 9), ended_at=bj(2026, 1, 9, 12), major=True,
                  escalation=Escalation("高淑芬", bj(2026, 1, 9, 12, 30), "当面报告", CHIEF))
    store.covert.save_draft(major, now=NOW)
    store.covert.submit(major.uuid, me, now=bj(2026, 1, 9, 13))
    plain = draft()
    store.covert.save_draft(plain, now=NOW)
    done = store.covert.submit(plain.uuid, me, now=bj(2026, 3, 10, 13))
    finding = done.findings[0].uuid
    store.problems.act(finding, store.problems.status(finding).head, Action.ASSIGN, me, now=bj(2026, 3, 11, 9),
                       assignee_unit="鲁山县张庄村", deadline=date(2026, 3, 15))
    return covert_quarter_report(store, {UNIT}, "鲁山县水利局", quarter_from_key("2026-Q1"), now=NOW)


def test_the_report_lists_inspections_findings_and_coverage(unit_store) -> None:
    report = known_quarter(unit_store)
    assert report_title(report) == "鲁山县水利局 2026年第1季度暗访检查报告"
    assert [i.started_at.date() for i in report.inspections] == [date(2026, 1, 9), date(2026, 3, 10)]
    first, second = report.inspections
    assert first.major and first.escalation == "2026-01-09 12:30 向高淑芬报告：当面报告" and first.finding_count == 1
    assert second.inspectors == ("周爱萍", "钱记录") and second.methods == ("现场检查", "走访问询")
    assert [(f.description, f.state, f.assignee, f.days_overdue) for f in report.findings] == [
        (MAJOR, "待交办", "", 0), (SECRET, "已交办", "鲁山县张庄村", 5)]
    assert [(c.reach_code, c.covered) for c in report.coverage] == [(code, code in OWED[:2]) for code in OWED]
    assert report.days_left == 12 and not report.final and report.covered == 2
    html = covert_quarter_html(report)
    assert "未暗访" in html and "超期 5 天" in html and "发现重大问题" in html


def test_the_xlsx_has_three_sheets_with_dates_as_dates(unit_store, tmp_path: Path) -> None:
    report = known_quarter(unit_store)
    out = tmp_path / "out" / "季度报告.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"old")
    write_covert_quarter_xlsx(report, out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # replaced, no temporary file left
    book = load_workbook(out)
    assert book.sheetnames == ["暗访检查", "发现问题", "覆盖情况"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(ws.column_dimensions[c].width >= 6 for c in "ABCDEF")
    ws = book["暗访检查"]
    assert ws["B1"].value == "检查日期" and ws.max_row == 3
    assert ws["B2"].value == datetime(2026, 1, 9) and ws["B2"].is_date and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C3"].value == datetime(2026, 3, 10, 9) and ws["C3"].is_date  # Beijing time, not UTC
    assert ws["J2"].value == "是" and "高淑芬" in ws["K2"].value and ws["I3"].value == 1
    assert ws["E3"].value == "高淑芬" and ws["G3"].value == "周爱萍、钱记录" and "000001" in ws["F3"].value
    ws = book["发现问题"]
    assert [[c.value for c in row][5:] for row in ws.iter_rows(min_row=2)] == [
        [MAJOR, "重大", datetime(2026, 1, 9, 10), "待交办", None, None, None],
        [SECRET, "一般", datetime(2026, 3, 10, 10), "已交办", "鲁山县张庄村", datetime(2026, 3, 15), 5]]
    assert ws["K3"].is_date
    ws = book["覆盖情况"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [(r[1], r[3]) for r in rows] == [(code, "已暗访" if code in OWED[:2] else "未暗访") for code in OWED]
    assert rows[0][4] == "2026-03-10" and rows[1][4] == "2026-01-09、2026-03-10"
    assert rows[2][5] == "本季度还剩 12 天"


def test_only_a_liaison_profile_can_make_the_report(unit_store) -> None:
    store, _ = unit_store
    as_chief(store)
    with pytest.raises(Refusal) as info:
        covert_quarter_report(store, {UNIT}, "鲁山县水利局", quarter_from_key("2026-Q1"), now=NOW)
    assert info.value.code == "covert_hidden"


def test_an_unwritable_folder_is_a_clear_os_error(unit_store, tmp_path: Path) -> None:
    report = covert_quarter_report(unit_store[0], {UNIT}, "鲁山县水利局", quarter_from_key("2026-Q1"), now=NOW)
    with pytest.raises(OSError, match="不能在.*保存 Excel.*\n.*Cannot save the Excel"):
        write_covert_quarter_xlsx(report, tmp_path / "no such folder" / "x.xlsx")
