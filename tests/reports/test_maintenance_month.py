"""The monthly summary of a maintenance contract for payment checks (issue 16), as an .xlsx read back with
openpyxl: the requirements against what was done, the quantities per work and unit, a 合计 row that adds up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import iso_utc, uuid7
from patrol_app.domain.maintenance import (
    Contract,
    MaintenanceLog,
    PhotoPair,
    Requirement,
    WorkItem,
    WorkLine,
    WorkUnit,
    month_from_key,
)
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.problems import Action, Actor, ProblemState
from patrol_app.reports.maintenance_month import (
    XlsxNotWritable,
    maintenance_month_html,
    maintenance_month_report,
    report_title,
    write_maintenance_month_xlsx,
)
from patrol_app.store import Store
from patrol_app.store.maintenance import insert_demo_contract
from tests.store.test_maintenance import UNIT, shots
from tests.store.test_problems import CHIEF, new_problem

REACH, OTHER = "410423000001", "410423000002"
MONTH = month_from_key("2026-11")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=CHINA_TZ)


@dataclass
class CrewMonth:
    store: Store
    crew: Actor
    contract: Contract
    month: Period
    problem: str
    before: str
    after: str


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=CHINA_TZ)


def crew_month(store: Store, tmp_path: Path) -> CrewMonth:
    """November 2026 of a crew: four logs under the contract (one of them rectifying an assigned problem,
    with a photo pair; one a correction with a reason), one under a public-welfare post."""
    profile = store.profiles.save(name="刘长松", role=Role.MAINTENANCE, level=None, unit=UNIT,
                                  reach_codes=[REACH, OTHER])
    crew = Actor(profile.uuid, profile.name, Role.MAINTENANCE, profile.unit)
    contract = Contract(uuid7(), "LS-GH-2026-07", "沙河下汤段保洁", UNIT, (REACH, OTHER), date(2026, 1, 1),
                        date(2026, 12, 31), (Requirement(WorkItem.FLOATING, 3, 200, WorkUnit.KG),
                                             Requirement(WorkItem.BANK, 2, 1500, WorkUnit.M),
                                             Requirement(WorkItem.SIGNBOARD, 1)), client="下汤镇人民政府")
    with store.write() as conn:
        insert_demo_contract(conn, contract, at=iso_utc(at(1)))
    problem = new_problem(at=at(4))
    problem = problem.__class__(**{**problem.__dict__, "reach_code": REACH, "description": "闸前漂浮垃圾约二十平方米"})
    status = store.problems.report(problem, now=at(4))
    store.problems.act(problem.uuid, status.head, Action.ASSIGN, CHIEF, now=at(4, 10), assignee_unit=UNIT,
                       deadline=date(2026, 11, 10))
    before, after = shots(store, tmp_path, at(6, 8) + timedelta(minutes=5), at(6, 10))

    def save(day: int, *work: WorkLine, reach: str = REACH, **extra) -> None:
        values = dict(uuid=uuid7(), crew_unit=UNIT, reach_code=reach, started_at=at(day), ended_at=at(day, 11),
                      work=work, workers=("刘长松", "王大军"), recorded_by_uuid="", recorded_by_name="",
                      contract_uuid=contract.uuid)
        values.update(extra)
        store.maintenance.save(MaintenanceLog(**values), actor=crew, now=NOW)

    kg, m = WorkUnit.KG, WorkUnit.M
    save(3, WorkLine(WorkItem.FLOATING, 120, kg), WorkLine(WorkItem.BANK, 800, m))
    save(6, WorkLine(WorkItem.FLOATING, 95.5, kg), WorkLine(WorkItem.SIGNBOARD, 1, WorkUnit.BOARD),
         pairs=(PhotoPair(before, after, "拦河闸前"),), notes="打捞闸前漂浮垃圾，扶正公示牌", problem_uuid=problem.uuid)
    save(6, WorkLine(WorkItem.BANK, 900, m), reach=OTHER)  # the same day, the other reach: one day of 保洁 more
    save(20, WorkLine(WorkItem.FLOATING, -15.5, kg), warning_reason="更正 11月3日 多报的 15.5 千克")
    save(21, WorkLine(WorkItem.WEEDING, 300, WorkUnit.M2), contract_uuid=None, post="公益性岗位")  # not the contract's
    return CrewMonth(store, crew, contract, MONTH, problem.uuid, before, after)


def test_the_month_in_excel_adds_up(store: Store, tmp_path: Path) -> None:
    month = crew_month(store, tmp_path)
    assert store.problems.status(month.problem).state is ProblemState.RECTIFIED
    report = maintenance_month_report(store, month.contract.uuid, month.month, now=NOW)
    assert report_title(report) == f"{UNIT} 2026年11月管护工作月度汇总"
    path = tmp_path / "汇总 11月.xlsx"
    write_maintenance_month_xlsx(report, path)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx" or p.name.endswith(".part")] == [path.name]

    book = load_workbook(path)
    assert book.sheetnames == ["月度汇总", "管护日志", "整改问题"]
    summary = [list(row) for row in book["月度汇总"].iter_rows(values_only=True)]
    assert summary[0][:5] == ["序号", "管护项目", "合同要求", "要求天数", "完成天数"]
    floating, bank, sign = summary[1:4]
    # Two days of 清漂 (the correction on the 20th is not a day of work): short of three, though 200 kg were met.
    assert floating[1:] == ["清漂", "清漂：每月不少于 3 天，不少于 200 千克", 3, 2, 200, 200, "千克", "未达标"]
    assert bank[1] == "保洁" and bank[3:] == [2, 2, 1500, 1700, "米", "达标"]
    assert sign[1] == "公示牌维护" and sign[3:5] == [1, 1] and sign[8] == "达标"
    start = next(n for n, row in enumerate(summary) if row[0] == "合计") + 1
    end = next(n for n in range(start, len(summary)) if not any(summary[n]))
    totals = {(row[1], row[2]): row[3] for row in summary[start:end]}
    assert totals == {("清漂", "千克"): 200, ("保洁", "米"): 1700, ("公示牌维护", "块"): 1}
    facts = {row[0]: row[1] for row in summary if row and row[0] in ("作业天数", "日志条数", "照片组数", "整改问题数")}
    assert facts == {"作业天数": 3, "日志条数": 4, "照片组数": 1, "整改问题数": 1}

    logs = [list(row) for row in book["管护日志"].iter_rows(values_only=True)]
    head = logs[0]
    kg, metres = head.index("清漂（千克）"), head.index("保洁（米）")
    body, total = logs[1:-1], logs[-1]
    assert len(body) == 4 and total[0] == "合计"
    assert sum(r[kg] or 0 for r in body) == total[kg] == 200  # the correction's −15.5 included
    assert sum(r[metres] or 0 for r in body) == total[metres] == 1700
    assert body[0][1].date() == date(2026, 11, 3) and body[0][2] == datetime(2026, 11, 3, 8, 0)  # Beijing time
    corrected = body[3]
    assert corrected[head.index("需说明事项")] == "数量为负（更正）"
    assert corrected[head.index("说明原因")] == "更正 11月3日 多报的 15.5 千克"
    assert body[1][head.index("整改问题")].endswith("：闸前漂浮垃圾约二十平方米")
    assert body[1][head.index("照片组数")] == 1
    rectified = [list(row) for row in book["整改问题"].iter_rows(values_only=True)]
    assert len(rectified) == 2 and rectified[1][4] == "闸前漂浮垃圾约二十平方米" and rectified[1][5] == "待核查"

    html = maintenance_month_html(report)
    for words in ("一、合同要求完成情况", "二、本月作业量合计", "三、整改的交办问题", "四、管护日志明细",
                  "五、作业前后照片",
                  "拦河闸前", "更正 11月3日", "有未达标项目", "<img "):
        assert words in html, words
    assert html.count("<img ") == 2


def test_a_folder_that_cannot_be_written_is_said_plainly(store: Store, tmp_path: Path, readonly_dir) -> None:
    month = crew_month(store, tmp_path)
    report = maintenance_month_report(store, month.contract.uuid, month.month, now=NOW)
    folder, make_readonly = readonly_dir
    make_readonly()
    with pytest.raises(XlsxNotWritable) as caught:
        write_maintenance_month_xlsx(report, folder / "汇总.xlsx")
    assert "不能" in str(caught.value) and "Cannot save" in str(caught.value)
    assert list(folder.iterdir()) == []
