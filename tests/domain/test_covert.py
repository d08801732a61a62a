"""Covert inspections: quarters in Beijing time, what a submission must hold, the clock, coverage."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from patrol_app.domain.clock import TimeEvidence
from patrol_app.domain.covert import (
    CovertFinding,
    CovertInspection,
    Escalation,
    InspectionMethod,
    InspectionState,
    RegisterHistory,
    RegisterLink,
    check_draft,
    check_submission,
    coverage,
    coverage_history,
    notices,
    owed_reaches,
    quarter_from_key,
    quarter_of,
)
from patrol_app.domain.enums import Role
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor, ProblemSource, Severity
from patrol_app.domain.refusal import Refusal

UNIT, OTHER_UNIT = "unit-lushan-water", "unit-ye-env"
CHIEF, CHIEF_2 = "chief-gao", "chief-lin"
A, B, C, D = "410423000001", "410423000002", "410423000003", "410423000004"
INSPECTOR = Actor("profile-1", "钱检查", Role.LIAISON_INSPECTOR, "鲁山县水利局")


def bj(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)


def inspection(**changes) -> CovertInspection:
    base = CovertInspection(
        uuid="insp-1", unit_uuid=UNIT, unit_name="鲁山县水利局", quarter="2026-Q1", chief_uuid=CHIEF,
        chief_name="高淑芬", reach_codes=(A,), started_at=bj(2026, 3, 10, 9), ended_at=bj(2026, 3, 10, 12),
        inspectors=("钱检查", "孙记录"), methods=(InspectionMethod.ON_SITE,), conclusion="河面基本干净，一处垃圾。",
    )
    return replace(base, **changes)


def finding(**changes) -> CovertFinding:
    base = CovertFinding(uuid="finding-1", code="dumping.garbage", description="桥下堆放生活垃圾约两方",
                         reach_code=A, found_at=bj(2026, 3, 10, 10))
    return replace(base, **changes)


def refused(code: str, insp: CovertInspection, now: datetime | None = None, **kwargs) -> Refusal:
    with pytest.raises(Refusal) as info:
        check_submission(insp, now or bj(2026, 3, 20), found_by=INSPECTOR, **kwargs)
    assert info.value.code == code, info.value.en
    assert info.value.zh and info.value.en
    return info.value


# ---- quarters -------------------------------------------------------------------------------------


def test_late_on_31_march_in_beijing_is_still_q1() -> None:
    late = bj(2026, 3, 31, 23, 30)
    assert late.astimezone(UTC) == datetime(2026, 3, 31, 15, 30, tzinfo=UTC)
    assert quarter_of(late).key == "2026-Q1"
    assert quarter_of(datetime(2026, 3, 31, 15, 59, 59, tzinfo=UTC)).key == "2026-Q1"
    assert quarter_of(datetime(2026, 3, 31, 16, 0, tzinfo=UTC)).key == "2026-Q2"  # 00:00 on 1 April in Beijing
    assert quarter_of(bj(2026, 1, 1, 0, 0)).key == "2026-Q1"
    assert quarter_of(bj(2025, 12, 31, 23, 59)).key == "2025-Q4"


def test_quarter_keys() -> None:
    q = quarter_from_key("2026-Q3")
    assert (q.start, q.end, q.key) == (bj(2026, 7, 1), bj(2026, 10, 1), "2026-Q3")
    assert quarter_from_key("2026-Q4").end == bj(2027, 1, 1)
    for bad in ("2026-Q5", "2026Q1", "", "2026-q1"):
        with pytest.raises(Refusal):
            quarter_from_key(bad)


def test_a_naive_time_is_a_bug_not_a_quarter() -> None:
    with pytest.raises(ValueError):
        quarter_of(datetime(2026, 3, 31, 23, 30))


# ---- drafts and submissions -----------------------------------------------------------------------


def test_a_plan_needs_little_but_nothing_malformed() -> None:
    check_draft(CovertInspection("plan", UNIT, "鲁山县水利局", "2026-Q2"))
    for changes, code in (
        ({"unit_uuid": ""}, "need_unit"),
        ({"quarter": "Q2"}, "bad_quarter"),
        ({"reach_codes": ("41042300001",)}, "bad_reach"),
        ({"reach_codes": (A, A)}, "reach_twice"),
        ({"ended_at": bj(2026, 3, 10, 8)}, "end_before_start"),
        ({"conclusion": "长" * 2001}, "conclusion_too_long"),
        ({"rechecked": ("p-1",)}, "recheck_without_earlier"),
    ):
        with pytest.raises(Refusal) as info:
            check_draft(inspection(**changes))
        assert info.value.code == code


def test_a_complete_inspection_may_be_submitted() -> None:
    check_submission(inspection(findings=(finding(),)), bj(2026, 3, 20), found_by=INSPECTOR)
    problem = finding().as_problem(INSPECTOR)
    assert problem.source is ProblemSource.COVERT and problem.uuid == "finding-1"


@pytest.mark.parametrize(("changes", "code"), [
    ({"started_at": None}, "need_times"),
    ({"ended_at": bj(2026, 3, 11, 13)}, "too_long"),
    ({"chief_uuid": ""}, "need_chief"),
    ({"reach_codes": ()}, "need_reaches"),
    ({"inspectors": ()}, "need_inspectors"),
    ({"inspectors": ("钱检查", " ")}, "need_inspectors"),
    ({"methods": ()}, "need_method"),
    ({"conclusion": "  "}, "need_conclusion"),
    ({"findings": (finding(reach_code=B),)}, "finding_off_route"),
    ({"findings": (finding(found_at=bj(2026, 3, 10, 15)),)}, "finding_outside_visit"),
    ({"findings": (finding(description=""),)}, "need_description"),
    ({"findings": (finding(code="dumping.nothing"),)}, "unknown_code"),
    ({"findings": (finding(severity=Severity.MAJOR),)}, "major_not_flagged"),
    ({"findings": (finding(severity=Severity.MAJOR),), "major": True}, "need_escalation"),
])
def test_what_a_submission_must_hold(changes: dict, code: str) -> None:
    refused(code, inspection(**changes))


def test_a_major_finding_is_escalated_at_once() -> None:
    told = Escalation("高淑芬", bj(2026, 3, 10, 12, 30), "电话报告", CHIEF)
    major = inspection(findings=(finding(severity=Severity.MAJOR),), major=True, escalation=told)
    check_submission(major, bj(2026, 3, 20), found_by=INSPECTOR)
    refused("escalation_time", replace(major, escalation=replace(told, at=bj(2026, 3, 9))))
    refused("escalation_time", replace(major, escalation=replace(told, at=bj(2026, 3, 25))))
    late = replace(major, escalation=replace(told, at=bj(2026, 3, 13)))
    check_submission(late, bj(2026, 3, 20), found_by=INSPECTOR)
    assert "escalated_late" in codes(late, bj(2026, 3, 20))


def test_a_follow_up_goes_back_to_an_earlier_submitted_inspection_of_the_unit() -> None:
    earlier = inspection(uuid="insp-0", started_at=bj(2026, 1, 8, 9), ended_at=bj(2026, 1, 8, 11),
                         findings=(finding(uuid="p-old", found_at=bj(2026, 1, 8, 10)),),
                         state=InspectionState.SUBMITTED, submitted_at=bj(2026, 1, 8, 12))
    follow = inspection(follows_up="insp-0", rechecked=("p-old",))
    check_submission(follow, bj(2026, 3, 20), found_by=INSPECTOR, earlier=earlier)
    refused("earlier_not_found", follow)
    refused("earlier_not_found", follow, earlier=replace(earlier, state=InspectionState.DRAFT))
    refused("earlier_other_unit", follow, earlier=replace(earlier, unit_uuid=OTHER_UNIT))
    refused("earlier_not_before", follow, earlier=replace(earlier, started_at=bj(2026, 3, 11)))
    refused("recheck_not_a_finding", replace(follow, rechecked=("p-other",)), earlier=earlier)


# ---- the clock and the quarter ----------------------------------------------------------------------


def test_late_on_the_last_evening_counts_for_q1_when_submitted_next_morning() -> None:
    evening = inspection(started_at=bj(2026, 3, 31, 22), ended_at=bj(2026, 3, 31, 23, 30),
                         findings=(finding(found_at=bj(2026, 3, 31, 23, 30)),))
    next_morning = bj(2026, 4, 1, 8)
    check_submission(evening, next_morning, found_by=INSPECTOR)
    assert "recorded_late" in codes(evening, next_morning)
    cov = coverage({UNIT}, quarter_from_key("2026-Q1"), history(), [submitted(evening)], next_morning)
    assert [line.covered for line in cov.lines] == [True, False]
    assert coverage({UNIT}, quarter_from_key("2026-Q2"), history(), [submitted(evening)], next_morning).covered == 0


def test_a_date_in_the_next_quarter_recorded_for_this_one_is_refused() -> None:
    """00:10 on 1 April (Beijing) is 16:10 UTC on 31 March: it is Q2, whatever UTC says."""
    after_midnight = inspection(started_at=bj(2026, 4, 1, 0, 10), ended_at=bj(2026, 4, 1, 1))
    error = refused("wrong_quarter", after_midnight, now=bj(2026, 4, 1, 9))
    assert "2026年第2季度" in error.zh and "2026年第1季度" in error.zh
    assert "Q2 2026" in error.en and "clock" in error.en


def test_an_inspection_dated_in_the_future_is_refused() -> None:
    error = refused("in_future", inspection(), now=bj(2026, 3, 10, 8))
    assert "时钟" in error.zh and "clock" in error.en
    check_submission(inspection(), bj(2026, 3, 10, 8, 55), found_by=INSPECTOR)  # within the clock margin


def test_a_laptop_clock_behind_its_track_or_its_own_records_is_refused() -> None:
    now = bj(2026, 3, 20)
    gps_later = TimeEvidence(gps=bj(2026, 7, 2, 10), subject="track")
    error = refused("clock_behind", inspection(), now=now, evidence=[gps_later])
    assert "电脑的时钟慢了" in error.zh
    error = refused("clock_behind", inspection(), now=now, latest_seen=bj(2026, 6, 30))
    assert "wrong quarter" in error.en
    check_submission(inspection(), now, found_by=INSPECTOR, latest_seen=now + timedelta(minutes=5))


def test_a_quarter_long_over_is_refused_and_last_quarter_is_late() -> None:
    error = refused("far_outside", inspection(), now=bj(2026, 7, 1, 9))  # Q1 from Q3: a clock ahead, or too late
    assert "市河长办" in error.zh and "city office" in error.en
    check_submission(inspection(), bj(2026, 6, 30, 23), found_by=INSPECTOR)
    assert "recorded_late" in codes(inspection(), bj(2026, 6, 30, 23))
    assert "recorded_late" not in codes(inspection(), bj(2026, 3, 31, 23))


# ---- notices ----------------------------------------------------------------------------------------


def codes(insp: CovertInspection, now: datetime, **kwargs) -> list[str]:
    kwargs.setdefault("owed", {A, B})
    kwargs.setdefault("chiefs_assisted", {CHIEF})
    return [n.code for n in notices(insp, now, **kwargs)]


def test_notices_point_out_what_will_not_count() -> None:
    now = bj(2026, 3, 20)
    assert codes(inspection(), now) == []
    outside = inspection(reach_codes=(A, D))
    found = notices(outside, now, owed={A, B}, chiefs_assisted={CHIEF})
    assert [n.code for n in found] == ["outside_duty"] and D in found[0].zh and D in found[0].en
    assert codes(inspection(chief_uuid=CHIEF_2), now) == ["chief_not_assisted"]
    far_track = (bj(2026, 3, 12, 9), bj(2026, 3, 12, 11))
    assert codes(inspection(), now, track_span=far_track) == ["track_mismatch"]
    assert codes(inspection(), now, track_span=(bj(2026, 3, 10, 8, 30), bj(2026, 3, 10, 12, 10))) == []


# ---- the register over time and coverage ------------------------------------------------------------


def history(*, assists: tuple[RegisterLink, ...] | None = None, holds: tuple[RegisterLink, ...] | None = None
            ) -> RegisterHistory:
    return RegisterHistory(
        assists=assists if assists is not None else (RegisterLink(UNIT, CHIEF), RegisterLink(OTHER_UNIT, CHIEF_2)),
        holds=holds if holds is not None else (RegisterLink(CHIEF, A), RegisterLink(CHIEF, B),
                                               RegisterLink(CHIEF_2, C)),
    )


def submitted(insp: CovertInspection) -> CovertInspection:
    return insp.submitted(insp.ended_at or bj(2026, 1, 1))


Q1 = quarter_from_key("2026-Q1")


def test_coverage_of_a_quarter_counts_submitted_inspections_of_the_unit_only() -> None:
    now = bj(2026, 3, 20, 10)
    mine = submitted(inspection())
    draft = inspection(uuid="plan", reach_codes=(B,), started_at=None, ended_at=None)
    theirs = submitted(inspection(uuid="theirs", unit_uuid=OTHER_UNIT, reach_codes=(B,)))
    cov = coverage({UNIT}, Q1, history(), [mine, draft, theirs], now)
    assert [(line.reach_code, line.covered_by, line.planned) for line in cov.lines] == [
        (A, ("insp-1",), ()), (B, (), ("plan",))]
    assert (cov.required, cov.covered, cov.complete, cov.final, cov.missed) == (2, 1, False, False, False)
    assert cov.days_left == 12  # 20 to 31 March, today included
    assert cov.lines[0].chiefs == frozenset({CHIEF})
    last_day = coverage({UNIT}, Q1, history(), [mine], bj(2026, 3, 31, 23, 59))
    assert last_day.days_left == 1 and not last_day.final
    over = coverage({UNIT}, Q1, history(), [mine], bj(2026, 4, 1, 0, 0))
    assert (over.days_left, over.final, over.missed) == (0, True, True)


def test_a_reach_added_mid_quarter_is_owed_and_says_since_when() -> None:
    added = bj(2026, 2, 10, 15)
    hist = history(holds=(RegisterLink(CHIEF, A), RegisterLink(CHIEF, B, since=added)))
    cov = coverage({UNIT}, Q1, hist, [], bj(2026, 3, 1))
    assert [(line.reach_code, line.joined) for line in cov.lines] == [(A, None), (B, added)]
    assert [line.reach_code for line in coverage({UNIT}, Q1.previous(), hist, [], bj(2026, 3, 1)).lines] == [A]
    # before it was added, the current quarter did not owe it yet (the forecast is as of now)
    assert set(owed_reaches({UNIT}, Q1, hist, bj(2026, 2, 1))) == {A}


def test_a_reach_removed_mid_quarter_is_not_owed_but_its_visit_stays_in_the_history() -> None:
    removed = bj(2026, 2, 10, 15)
    hist = history(holds=(RegisterLink(CHIEF, A), RegisterLink(CHIEF, B, until=removed)))
    visit = submitted(inspection(reach_codes=(B,), started_at=bj(2026, 1, 20, 9), ended_at=bj(2026, 1, 20, 11)))
    cov = coverage({UNIT}, Q1, hist, [visit], bj(2026, 3, 1))
    assert [line.reach_code for line in cov.lines] == [A]
    assert cov.visited_outside == (B,)
    assert [line.reach_code for line in coverage({UNIT}, Q1.previous(), hist, [], bj(2026, 3, 1)).lines] == [A, B]


def test_a_chief_whose_reaches_change_moves_the_duty_with_them() -> None:
    """On 10 February the chief hands A to another chief and takes C: Q1 owes B and C, Q4 owed A and B."""
    moved = bj(2026, 2, 10)
    hist = history(holds=(RegisterLink(CHIEF, A, until=moved), RegisterLink(CHIEF_2, A, since=moved),
                          RegisterLink(CHIEF, B), RegisterLink(CHIEF_2, C, until=moved),
                          RegisterLink(CHIEF, C, since=moved)))
    now = bj(2026, 3, 15)
    assert set(owed_reaches({UNIT}, Q1, hist, now)) == {B, C}
    assert set(owed_reaches({OTHER_UNIT}, Q1, hist, now)) == {A}  # each reach owed by one unit, never two
    assert set(owed_reaches({UNIT}, Q1.previous(), hist, now)) == {A, B}
    assert set(owed_reaches({OTHER_UNIT}, Q1.previous(), hist, now)) == {C}
    c_line = [line for line in coverage({UNIT}, Q1, hist, [], now).lines if line.reach_code == C][0]
    assert c_line.joined == moved


def test_a_unit_given_another_chief_mid_quarter_owes_that_chiefs_reaches() -> None:
    given = bj(2026, 3, 1)
    hist = history(assists=(RegisterLink(UNIT, CHIEF), RegisterLink(UNIT, CHIEF_2, since=given)))
    cov = coverage({UNIT}, Q1, hist, [], bj(2026, 3, 15))
    assert {line.reach_code: line.joined for line in cov.lines} == {A: None, B: None, C: given}


def test_a_link_ending_exactly_at_the_quarters_end_counts_for_that_quarter() -> None:
    end = Q1.end  # 00:00 on 1 April, Beijing
    hist = history(holds=(RegisterLink(CHIEF, A, until=end), RegisterLink(CHIEF, B, since=end)))
    assert set(owed_reaches({UNIT}, Q1, hist, bj(2026, 5, 1))) == {A}
    assert set(owed_reaches({UNIT}, Q1.next(), hist, bj(2026, 5, 1))) == {B}


def test_a_reach_removed_and_given_back_counts_from_when_it_came_back() -> None:
    hist = history(holds=(RegisterLink(CHIEF, A), RegisterLink(CHIEF, B, until=bj(2026, 1, 20)),
                          RegisterLink(CHIEF, B, since=bj(2026, 2, 5))))
    lines = {line.reach_code: line.joined for line in coverage({UNIT}, Q1, hist, [], bj(2026, 3, 1)).lines}
    assert lines == {A: None, B: bj(2026, 2, 5)}


def test_a_unit_known_by_two_register_entries_owes_and_covers_as_one() -> None:
    visit = submitted(inspection(uuid="x", unit_uuid=OTHER_UNIT, reach_codes=(C,)))
    cov = coverage({UNIT, OTHER_UNIT}, Q1, history(), [visit], bj(2026, 3, 20))
    assert [(line.reach_code, line.covered) for line in cov.lines] == [(A, False), (B, False), (C, True)]


def test_history_over_past_quarters_and_reminders() -> None:
    now = bj(2026, 3, 18, 9)  # 14 days left in Q1
    visits = [
        submitted(inspection(uuid="q3", quarter="2025-Q3", reach_codes=(A, B), started_at=bj(2025, 8, 1, 9),
                             ended_at=bj(2025, 8, 1, 12))),
        submitted(inspection(uuid="q4", quarter="2025-Q4", reach_codes=(A,), started_at=bj(2025, 11, 3, 9),
                             ended_at=bj(2025, 11, 3, 12))),
        submitted(inspection(uuid="q1", reach_codes=(A,))),
    ]
    quarters = coverage_history({UNIT}, history(), visits, now, since=bj(2025, 7, 15))
    assert [q.quarter.key for q in quarters] == ["2025-Q3", "2025-Q4", "2026-Q1"]
    assert [(q.covered, q.required, q.final, q.missed) for q in quarters] == [
        (2, 2, True, False), (1, 2, True, True), (1, 2, False, False)]
    assert [q.reminder for q in quarters] == [None, None, 14]
    assert coverage({UNIT}, Q1, history(), visits, bj(2026, 3, 1)).reminder is None  # 31 days left
    assert coverage({UNIT}, Q1, history(), visits, bj(2026, 3, 2)).reminder == 30
    assert coverage({UNIT}, Q1, history(), visits, bj(2026, 2, 1)).reminder is None
    assert coverage({UNIT}, Q1, history(), visits, bj(2026, 3, 29, 22)).reminder == 3
    done = [*visits, submitted(inspection(uuid="b", reach_codes=(B,)))]
    assert coverage({UNIT}, Q1, history(), done, bj(2026, 3, 29, 22)).reminder is None
