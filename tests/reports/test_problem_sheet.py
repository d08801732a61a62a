"""The 督办单 HTML: wording in both languages, escaped user text, photos side by side or a placeholder,
events that were not applied, overdue days, local times."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import uuid7
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemEvent,
    ProblemSource,
    Severity,
    Urgency,
    decide,
    fold,
)
from patrol_app.paths import Library
from patrol_app.reports.problem_sheet import problem_number, problem_sheet_html
from patrol_app.store.problems import ProblemView

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in China
TODAY = date(2026, 3, 2)
REACH, REACH_NAME = "410402000001", "白龟山水库焦店镇滍阳村段"
PATROLLER = Actor("p-1", "张巡河员", Role.PATROLLER, "东高皇街道")
CHIEF = Actor("c-1", "李镇长", Role.CHIEF, "东高皇街道")
CREW = Actor("m-1", "王师傅", Role.MAINTENANCE, "湛河保洁公司")
LIAISON = Actor("l-1", "刘科长", Role.LIAISON_INSPECTOR, "市水利局")


def new_problem(description: str = "河堤南侧堆放生活垃圾约 2 立方米", found_by: Actor = PATROLLER) -> Problem:
    return Problem(
        uuid7(),
        "dumping.garbage",
        description,
        Severity.SERIOUS,
        Urgency.URGENT,
        ProblemSource.PATROL,
        REACH,
        NOW - timedelta(hours=1),
        found_by,
        33.73,
        113.19,
        "manual",
    )


def history(problem: Problem, *steps: tuple[Action, Actor, datetime, dict[str, Any]]) -> list[ProblemEvent]:
    """The events of a problem's life, each made by the domain's own `decide` as the app does."""
    events: list[ProblemEvent] = []
    for action, actor, at, details in steps:
        events.append(decide(fold(problem.uuid, events), action, actor, at, uuid=uuid7(), **details))
    return events


def photo_row(library: Library | None, name: str, taken_at: str | None = "2026-03-02T01:30:00.000Z") -> dict[str, Any]:
    """A photo row as the store returns it; with `library`, its upload copy exists on disk."""
    sha = uuid7().replace("-", "").ljust(64, "0")
    if library is not None:
        path = library.upload(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xff\xd8 not really a jpeg")
    return {
        "uuid": uuid7(),
        "sha256": sha,
        "upload_sha256": sha,
        "original_name": name,
        "taken_at": taken_at,
        "upload_width": 2048,
        "upload_height": 1536,
        "lat": None,
        "lon": None,
        "position_source": None,
    }


def view_of(
    problem: Problem,
    events: list[ProblemEvent],
    photos: dict[str, list[dict[str, Any]]] | None = None,
    reach_name: str = REACH_NAME,
) -> ProblemView:
    return ProblemView(problem, fold(problem.uuid, events), reach_name, photos or {})


def assigned(problem: Problem, deadline: date = TODAY + timedelta(days=5)) -> list[ProblemEvent]:
    return history(
        problem,
        (Action.REPORT, PATROLLER, NOW, {}),
        (
            Action.ASSIGN,
            CHIEF,
            NOW + timedelta(minutes=30),
            {"assignee_unit": "湛河保洁公司", "assignee_person": "王经理", "deadline": deadline},
        ),
    )


def test_facts_and_timeline_are_named_in_chinese(tmp_path: Path) -> None:
    problem = new_problem()
    page = problem_sheet_html(view_of(problem, assigned(problem)), tmp_path, "zh_CN", now=NOW)
    for text in (
        "河湖问题督办单",
        problem_number(problem),
        "倾倒生活垃圾",
        "乱堆",
        "较严重",
        "加急",
        "巡河",
        "已交办",
        REACH_NAME,
        REACH,
        "33.730000, 113.190000",
        "手工标注",
        "湛河保洁公司",
        "王经理",
        "2026-03-07",
        "上报",
        "交办",
        "李镇长（东高皇街道）",
        "河长",
        "交办人签字",
        "核查人签字",
        "整改人签字",
    ):
        assert text in page, text
    assert '发现时间</b></td><td width="35%">2026-03-02 09:00<' in page  # 01:00 UTC, shown in China's time
    assert "打印时间：2026-03-02 10:00" in page
    assert "Supervision" not in page and "超期" not in page


def test_english_sheet_uses_english_names(tmp_path: Path) -> None:
    problem = new_problem()
    page = problem_sheet_html(view_of(problem, assigned(problem)), tmp_path, "en", now=NOW)
    for text in (
        "River and Lake Problem Supervision Sheet",
        "Household rubbish dumped",
        "(Dumping)",
        "Serious",
        "Urgent",
        "Patrol",
        "Assigned",
        "set by hand",
        "Report",
        "Assign",
        "River chief",
        "Printed: ",
    ):
        assert text in page, text
    for chinese_label in ("问题类型", "督办单", "整改前", "交办人签字", "乱堆", "手工标注"):
        assert chinese_label not in page, chinese_label
    assert REACH_NAME in page  # names people typed stay as typed


def test_user_text_is_escaped(tmp_path: Path) -> None:
    tricky = Actor("x-1", "<i>赵</i>", Role.CHIEF, 'A&B "unit"')
    problem = new_problem('垃圾<b>&</b> <img src="x"> 第一行\n第二行', found_by=tricky)
    events = history(
        problem,
        (Action.REPORT, tricky, NOW, {"note": "note <script>"}),
        (Action.DISMISS, CHIEF, NOW, {"reason": "重复 & <u>无效</u>"}),
    )
    page = problem_sheet_html(view_of(problem, events, reach_name="河<段>&"), tmp_path, now=NOW)
    assert "垃圾&lt;b&gt;&amp;&lt;/b&gt; &lt;img src=&quot;x&quot;&gt; 第一行<br>第二行" in page
    assert "&lt;i&gt;赵&lt;/i&gt;（A&amp;B &quot;unit&quot;）" in page
    assert "note &lt;script&gt;" in page and "重复 &amp; &lt;u&gt;无效&lt;/u&gt;" in page
    assert "河&lt;段&gt;&amp;" in page
    for raw in ("<b>&", "<i>", "<script>", "<u>", 'src="x"', "A&B", "<段>"):
        assert raw not in page, raw


def test_before_and_after_photos_side_by_side(tmp_path: Path) -> None:
    library = Library(tmp_path)
    problem = new_problem()
    events = assigned(problem)
    events += history_after(problem, events, Action.RECTIFY, CREW, note="已清运", photos=["after-1"])
    before, after = photo_row(library, "before.jpg"), photo_row(library, "after.jpg", taken_at=None)
    page = problem_sheet_html(
        view_of(problem, events, {events[0].uuid: [before], events[-1].uuid: [after]}), tmp_path, now=NOW
    )
    before_uri, after_uri = (library.upload(p["upload_sha256"]).as_uri() for p in (before, after))
    row = next(r for r in page.split("<tr>") if before_uri in r)
    assert after_uri in row  # the same table row: side by side
    assert re.search(r'<img src="file://[^"]+" width="300" height="225">', page)  # 4:3 fitted to the column
    assert "拍摄于 2026-03-02 09:30" in page and "拍摄时间不详" in page
    assert "整改前" in page and "整改后" in page and "附照片 1 张" in page


def history_after(
    problem: Problem, events: list[ProblemEvent], action: Action, actor: Actor, **details: Any
) -> list[ProblemEvent]:
    status = fold(problem.uuid, events)
    at = NOW + timedelta(days=1)
    return [decide(status, action, actor, at, uuid=uuid7(), **details)]


def test_a_missing_photo_file_shows_a_placeholder(tmp_path: Path) -> None:
    library = Library(tmp_path)
    problem = new_problem()
    events = history(problem, (Action.REPORT, PATROLLER, NOW, {}))
    present, missing = photo_row(library, "IMG_0001.jpg"), photo_row(None, "IMG_0002.jpg")
    page = problem_sheet_html(view_of(problem, events, {events[0].uuid: [present, missing]}), tmp_path, now=NOW)
    assert "照片文件缺失" in page and "IMG_0002.jpg" in page
    assert library.upload(present["upload_sha256"]).as_uri() in page
    assert library.upload(missing["upload_sha256"]).as_uri() not in page
    assert page.count("<img") == 1
    assert "尚未整改" in page  # no rectification yet: the "after" column says so


def test_no_photos_and_a_rectification_without_one_say_why(tmp_path: Path) -> None:
    problem = new_problem(found_by=CHIEF)
    events = history(
        problem,
        (Action.REPORT, CHIEF, NOW, {}),
        (Action.SELF_HANDLE, CHIEF, NOW, {"note": "当场清理", "reason": "手机没电"}),
    )
    page = problem_sheet_html(view_of(problem, events), tmp_path, now=NOW)
    assert "上报时未附照片" in page
    assert page.count("未附照片原因：手机没电") == 2  # in the photo table and in the timeline
    assert "<img" not in page


def test_an_event_that_was_not_applied_is_marked_with_its_reason(tmp_path: Path) -> None:
    problem = new_problem()
    events = assigned(problem)
    # Made offline on another device that had not seen the assignment yet: same seq, later time.
    late = ProblemEvent(
        uuid7(), problem.uuid, events[1].seq, Action.DISMISS, NOW + timedelta(hours=1), LIAISON, reason="重复上报"
    )
    view = view_of(problem, [*events, late])
    assert not view.status.steps[-1].applied
    page = problem_sheet_html(view, tmp_path, now=NOW)
    assert "未生效：问题现在是「已交办」，不能作废。" in page
    assert page.count("未生效") == 1
    assert "已交办" in page  # the state is unchanged
    english = problem_sheet_html(view, tmp_path, "en", now=NOW)
    assert "Not applied: The problem is now &#x27;Assigned&#x27;: &#x27;Dismiss&#x27; is not possible." in english


def test_overdue_days_are_counted_in_china(tmp_path: Path) -> None:
    problem = new_problem()
    view = view_of(problem, assigned(problem, deadline=TODAY + timedelta(days=2)))  # 2026-03-04
    on_time = problem_sheet_html(view, tmp_path, now=datetime(2026, 3, 4, 15, 0, tzinfo=UTC))  # 23:00 on the 4th
    assert "超期" not in on_time
    late = problem_sheet_html(view, tmp_path, now=datetime(2026, 3, 6, 16, 30, tzinfo=UTC))  # 00:30 on the 7th
    assert "2026-03-04" in late and "超期 3 天" in late
    assert "3 day(s) overdue" in problem_sheet_html(view, tmp_path, "en", now=datetime(2026, 3, 7, 1, tzinfo=UTC))


def test_rework_count_and_current_responsibility(tmp_path: Path) -> None:
    problem = new_problem()
    events = assigned(problem)
    events += history_after(problem, events, Action.RECTIFY, CREW, note="已清运", reason="忘带手机")
    events += history_after(
        problem, events, Action.REWORK, LIAISON, reason="仍有残留", deadline=TODAY + timedelta(days=6)
    )
    page = problem_sheet_html(view_of(problem, events), tmp_path, now=NOW)
    assert '重办次数</b></td><td width="35%">1<' in page
    assert "整改中" in page and "2026-03-08" in page and "原因：仍有残留" in page
    assert "核查不通过（重办）" in page
