"""Maintenance logs and contracts (issue 16): what cannot be recorded, what is queried, what a month adds up to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patrol_app.domain.maintenance import (
    PLAUSIBLE,
    Contract,
    MaintenanceLog,
    PhotoPair,
    Requirement,
    WorkItem,
    WorkLine,
    WorkUnit,
    check_log,
    format_quantity,
    month_from_key,
    month_of,
    month_summary,
    notices,
)
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.refusal import Refusal

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=CHINA_TZ)
START = datetime(2026, 11, 20, 8, 30, tzinfo=CHINA_TZ)
REACH = "410423000001"
CONTRACT = Contract("c-1", "LS-GH-2026-07", "沙河下汤段保洁", "沙河保洁公司", (REACH, "410423000002"),
                    date(2026, 1, 1), date(2026, 12, 31),
                    (Requirement(WorkItem.FLOATING, 8, 300, WorkUnit.KG), Requirement(WorkItem.BANK, 12),
                     Requirement(WorkItem.SIGNBOARD, 1)))


def log(**changes) -> MaintenanceLog:
    values = dict(uuid="l-1", crew_unit="沙河保洁公司", reach_code=REACH, started_at=START,
                  ended_at=START + timedelta(hours=3), work=(WorkLine(WorkItem.FLOATING, 40, WorkUnit.KG),),
                  workers=("刘长松",), recorded_by_uuid="m-1", recorded_by_name="刘长松", contract_uuid="c-1")
    values.update(changes)
    return MaintenanceLog(**values)


def refused(entry: MaintenanceLog) -> str:
    with pytest.raises(Refusal) as caught:
        check_log(entry, NOW)
    assert caught.value.zh and caught.value.en
    return caught.value.code


def test_a_complete_log_is_recorded() -> None:
    check_log(log(), NOW)
    check_log(log(contract_uuid=None, post="公益性岗位：林庄村保洁员"), NOW)


@pytest.mark.parametrize("changes, code", [
    ({"reach_code": ""}, "need_reach"),
    ({"reach_code": "41042300001"}, "bad_reach"),
    ({"contract_uuid": None}, "need_contract"),
    ({"ended_at": START - timedelta(minutes=1)}, "end_before_start"),
    ({"ended_at": START + timedelta(hours=25)}, "too_long"),
    ({"started_at": NOW + timedelta(hours=1), "ended_at": NOW + timedelta(hours=2)}, "in_future"),
    ({"work": ()}, "need_work"),
    ({"work": (WorkLine(WorkItem.FLOATING, 0, WorkUnit.KG),)}, "need_quantity"),
    ({"work": (WorkLine(WorkItem.FLOATING, float("nan"), WorkUnit.KG),)}, "not_a_number"),
    ({"work": (WorkLine(WorkItem.FLOATING, float("inf"), WorkUnit.KG),)}, "not_a_number"),
    ({"work": (WorkLine(WorkItem.WEEDING, 10, WorkUnit.KG),)}, "wrong_unit"),
    ({"work": (WorkLine(WorkItem.FLOATING, 1, WorkUnit.KG), WorkLine(WorkItem.FLOATING, 2, WorkUnit.KG))},
     "item_twice"),
    ({"workers": ()}, "need_workers"),
    ({"workers": ("刘长松", " ")}, "need_workers"),
    ({"pairs": (PhotoPair(),)}, "empty_pair"),
    ({"pairs": (PhotoPair("p1", "p1"),)}, "photo_twice"),
    ({"pairs": (PhotoPair("p1", "p2"), PhotoPair("p2", "p3"))}, "photo_twice"),
    ({"problem_uuid": "x", "pairs": (PhotoPair("p1", "p2"),)}, "need_note"),
    ({"problem_uuid": "x", "notes": "清理完毕", "pairs": (PhotoPair("p1", None),)}, "need_after_photo"),
])
def test_what_cannot_be_recorded(changes: dict, code: str) -> None:
    assert refused(log(**changes)) == code


def test_a_rectification_without_after_photo_needs_the_reason() -> None:
    check_log(log(problem_uuid="x", notes="清理完毕", warning_reason="手机没电，照片由村里补拍"), NOW)


def codes(entry: MaintenanceLog, times: dict | None = None, contract: Contract | None = CONTRACT) -> list[str]:
    found = notices(entry, contract=contract, photo_times=times or {})
    assert all(n.zh and n.en and n.zh != n.en for n in found)
    return [n.code for n in found]


def test_nothing_to_query_in_an_ordinary_log() -> None:
    times = {"b": START + timedelta(minutes=5), "a": START + timedelta(hours=2)}
    assert codes(log(pairs=(PhotoPair("b", "a"),)), times) == []


def test_negative_and_absurd_quantities_are_queried_not_refused() -> None:
    entry = log(work=(WorkLine(WorkItem.FLOATING, -20, WorkUnit.KG), WorkLine(WorkItem.BANK, 200_000, WorkUnit.M),
                      WorkLine(WorkItem.WEEDING, PLAUSIBLE[WorkUnit.M2], WorkUnit.M2)))
    check_log(entry, NOW)
    found = notices(entry, contract=CONTRACT, photo_times={})
    assert [n.code for n in found] == ["negative_quantity", "absurd_quantity"]
    assert "负数" in found[0].zh and "negative" in found[0].en
    assert "200000 米" in found[1].zh and "200000 m" in found[1].en


def test_a_day_outside_the_contract_or_its_reaches_is_queried() -> None:
    late = datetime(2027, 1, 3, 9, 0, tzinfo=CHINA_TZ)
    assert codes(log(started_at=late, ended_at=late + timedelta(hours=1))) == ["outside_contract"]
    assert codes(log(reach_code="410423000005")) == ["reach_not_in_contract"]
    assert codes(log(crew_unit="别的公司")) == ["other_unit"]
    first = datetime(2026, 1, 1, 0, 5, tzinfo=CHINA_TZ)  # the first minutes of its first day: inside
    assert codes(log(started_at=first, ended_at=first + timedelta(hours=1))) == []
    assert codes(log(contract_uuid=None, post="公益性岗位"), contract=None) == []


def test_an_after_photo_taken_before_its_before_photo_is_queried() -> None:
    times = {"b": START + timedelta(hours=2), "a": START + timedelta(minutes=10), "x": None, "y": None}
    found = notices(log(pairs=(PhotoPair("b", "a"), PhotoPair("x", "y"))), contract=CONTRACT, photo_times=times)
    assert [n.code for n in found] == ["after_before_before"]
    assert "第 1 组" in found[0].zh and "08:40" in found[0].zh and "10:30" in found[0].zh and "pair 1" in found[0].en
    # A photo from another day is queried too (evidence for this day's work must be of this day).
    times = {"b": START - timedelta(days=3), "a": START + timedelta(hours=1)}
    assert codes(log(pairs=(PhotoPair("b", "a"),)), times) == ["photo_not_that_day"]


def logs_of(month_day: int, *lines: WorkLine, contract: str = "c-1", uuid: str = "", hour: int = 8,
            problem: str | None = None) -> MaintenanceLog:
    at = datetime(2026, 11, month_day, hour, 0, tzinfo=CHINA_TZ)
    return log(uuid=uuid or f"l-{month_day}-{hour}", started_at=at, ended_at=at + timedelta(hours=2), work=lines,
               contract_uuid=contract, problem_uuid=problem, rectify_event_uuid="e" if problem else None,
               notes="x" if problem else "")


def test_a_month_counts_days_not_logs_and_sums_quantities_per_unit() -> None:
    kg, m3, m = WorkUnit.KG, WorkUnit.M3, WorkUnit.M
    entries = [
        logs_of(3, WorkLine(WorkItem.FLOATING, 120, kg), WorkLine(WorkItem.BANK, 800, m)),
        logs_of(3, WorkLine(WorkItem.FLOATING, 30, kg), hour=14),  # the same day again: one day, more kilograms
        logs_of(10, WorkLine(WorkItem.FLOATING, 2, m3), WorkLine(WorkItem.SIGNBOARD, 2, WorkUnit.BOARD),
                problem="p-1"),
        logs_of(11, WorkLine(WorkItem.FLOATING, -10, kg)),  # a correction: counted in the sum, not as a day
        logs_of(12, WorkLine(WorkItem.BANK, 500, m), contract="other"),  # another contract's
        log(uuid="dec", started_at=datetime(2026, 12, 1, 0, 10, tzinfo=CHINA_TZ),
            ended_at=datetime(2026, 12, 1, 2, 0, tzinfo=CHINA_TZ)),  # next month (Beijing time)
    ]
    summary = month_summary(CONTRACT, month_of(datetime(2026, 11, 15, tzinfo=CHINA_TZ)), entries)
    assert [entry.uuid for entry in summary.logs] == ["l-3-8", "l-3-14", "l-10-8", "l-11-8"]
    floating, bank, sign = summary.progress
    assert (floating.days, floating.quantity, floating.times_required, floating.quantity_required) == (2, 140, 8, 300)
    assert (bank.days, bank.quantity) == (1, 0) and not bank.met and sign.met
    assert summary.totals == ((WorkItem.FLOATING, kg, 140), (WorkItem.FLOATING, m3, 2), (WorkItem.BANK, m, 800),
                              (WorkItem.SIGNBOARD, WorkUnit.BOARD, 2))
    assert summary.rectified == ("p-1",) and summary.work_days == 3 and not summary.met
    assert summary.share == 1


def test_a_contract_that_starts_mid_month_owes_that_months_share() -> None:
    contract = replace(CONTRACT, starts_on=date(2026, 11, 16))  # 15 of November's 30 days
    summary = month_summary(contract, month_from_key("2026-11"), [])
    floating = summary.progress[0]
    assert summary.share == 0.5 and floating.times_required == 4 and floating.quantity_required == 150
    assert summary.progress[2].times_required == 1  # half a signboard visit is still one
    assert [m.key for m in contract.months()] == ["2026-11", "2026-12"]
    with pytest.raises(Refusal):
        month_from_key("November")


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_quantities_read_back_as_written(value: float) -> None:
    text = format_quantity(value)
    assert abs(float(text) - round(value, 2)) < 0.006
