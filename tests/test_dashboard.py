"""The home page's figures (dashboard.py): every one explainable from the screen (issue 14, items 8 and 10).

- a brand-new profile is not told it is behind for a period that was over before it existed;
- the year view's periods are exactly met + missed + open, so the row adds up;
- the register names the signed-in chief as the chief of the demo reaches they chose.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from patrol_app import patrolling
from patrol_app.dashboard import ReachState, home_summary, record_start, year_summary
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.patrols import CHECKLIST, PatrolForm
from patrol_app.domain.periods import CHINA_TZ, Period, PeriodKind
from patrol_app.store import Store

LINZHUANG, SIGOU = "410423000001", "410423000002"  # demo reaches; the register's village chiefs are made up


def chief(store: Store, *, reaches: tuple[str, ...] = (LINZHUANG,), created_at: datetime | None = None,
          level: Level = Level.VILLAGE, name: str = "李德明"):  # noqa: ANN201
    made = {} if created_at is None else {"created_at": created_at}
    return store.profiles.save(name=name, role=Role.CHIEF, level=level, unit="林庄村", reach_codes=list(reaches),
                               **made)


def patrol(store: Store, start: datetime, *, reach: str = LINZHUANG, metres: int = 2000) -> None:
    form = PatrolForm(reach_code=reach, patroller_name="李德明", started_at=start,
                      ended_at=start + timedelta(minutes=40), checklist={i.code: "normal" for i in CHECKLIST},
                      patroller_role=Role.CHIEF.code, rule_level=Level.VILLAGE.code)
    patrolling.save_patrol(store, form, uuid=None, expected_version=0, now=start + timedelta(hours=1),
                           manual_distance_m=metres, finalise=True)


def test_a_new_profile_is_not_behind_for_a_period_over_before_it_existed(store: Store) -> None:
    profile = chief(store)  # made just now; nobody patrolled the reach last week
    assert profile.created_at is not None and abs(profile.created_at - datetime.now(UTC)) < timedelta(minutes=1)
    first_day = home_summary(store, profile, profile.created_at + timedelta(minutes=5))
    [line] = first_day.lines
    assert line.state is ReachState.DUE and first_day.overdue == ()  # was OVERDUE ("上期未巡") before the fix

    # The week it was made in is its own: missed, it is behind in the week after.
    week = Period.containing(profile.created_at, PeriodKind.WEEK)
    later = home_summary(store, store.profiles.get(profile.uuid), week.next().start + timedelta(hours=10))
    assert [line.state for line in later.lines] == [ReachState.OVERDUE]


def test_a_profile_of_long_standing_is_behind_after_a_missed_period(store: Store) -> None:
    now = datetime(2026, 3, 4, 10, tzinfo=CHINA_TZ)  # a Wednesday
    profile = chief(store, created_at=now - timedelta(days=60))
    assert home_summary(store, profile, now).lines[0].state is ReachState.OVERDUE
    patrol(store, now - timedelta(hours=3))
    assert home_summary(store, profile, now).lines[0].state is ReachState.DONE


def test_year_view_periods_are_met_plus_missed_plus_open(store: Store) -> None:
    now = datetime(2026, 3, 4, 10, tzinfo=CHINA_TZ)  # Wednesday of ISO week 10
    profile = chief(store, reaches=(LINZHUANG, SIGOU), created_at=datetime(2025, 6, 1, tzinfo=UTC))
    rule = store.registry.rules()[Level.VILLAGE]
    for week in range(1, 10, 2):  # weeks 1, 3, 5, 7, 9 patrolled on 林庄村段; 寺沟村段 never
        patrol(store, datetime.fromisocalendar(2026, week, 2).replace(hour=9, tzinfo=CHINA_TZ))
    summary = year_summary(store, list(profile.reach_codes), rule, now, since=profile.created_at)
    lines = {line.code: line for line in summary.lines}
    linzhuang, sigou = lines[LINZHUANG], lines[SIGOU]
    # The screen showed 已到期数 49 beside 达标 36 + 未达标 12: the open current period was nowhere.
    for line in (linzhuang, sigou):
        assert line.satisfied + line.missed + line.open == line.periods == 10
    assert (linzhuang.satisfied, linzhuang.missed, linzhuang.open) == (5, 4, 1)
    assert (sigou.satisfied, sigou.missed, sigou.open) == (0, 9, 1)
    assert not summary.from_profile_start

    patrol(store, now - timedelta(hours=2))  # this week made: nothing is open any more
    made = {line.code: line for line in year_summary(store, [LINZHUANG], rule, now, since=profile.created_at).lines}
    assert (made[LINZHUANG].satisfied, made[LINZHUANG].missed, made[LINZHUANG].open) == (6, 4, 0)


def test_year_view_of_a_profile_made_this_year_starts_with_its_first_period(store: Store) -> None:
    now = datetime(2026, 3, 4, 10, tzinfo=CHINA_TZ)
    made = datetime(2026, 2, 19, 15, tzinfo=CHINA_TZ)  # Thursday of week 8
    profile = chief(store, created_at=made)
    summary = year_summary(store, [LINZHUANG], store.registry.rules()[Level.VILLAGE], now, since=profile.created_at)
    [line] = summary.lines
    assert summary.from_profile_start and summary.first == Period.containing(made, PeriodKind.WEEK)
    # Weeks 8 and 9 over and missed (the profile existed in both), week 10 open; weeks 1-7 are not its own.
    assert (line.periods, line.satisfied, line.missed, line.open) == (3, 0, 2, 1)



def test_patrols_entered_from_before_the_profile_start_its_record(store: Store) -> None:
    """A chief who installs the app and then enters the last weeks' patrols wants them counted: the
    record starts at the earliest patrol, and the weeks between are judged as the patrols show."""
    now = datetime(2026, 3, 4, 10, tzinfo=CHINA_TZ)  # week 10
    profile = chief(store, created_at=now - timedelta(hours=1))
    patrol(store, datetime.fromisocalendar(2026, 7, 2).replace(hour=9, tzinfo=CHINA_TZ))  # week 7 entered later
    since = record_start(store, [LINZHUANG], profile.created_at)
    assert since is not None and since < profile.created_at
    summary = year_summary(store, [LINZHUANG], store.registry.rules()[Level.VILLAGE], now, since=since)
    [line] = summary.lines
    assert summary.first == Period.containing(since, PeriodKind.WEEK)
    assert (line.periods, line.satisfied, line.missed, line.open) == (4, 1, 2, 1)  # 7 met, 8 and 9 missed
    # Home judges last week (9) the same way: missed, though the profile is an hour old.
    assert home_summary(store, profile, now).lines[0].state is ReachState.OVERDUE


def _chiefs(store: Store, code: str) -> list[str]:
    [row] = [r for r in store.registry.reach_rows() if r.code == code]
    return row.chiefs.split(",")


def test_the_register_names_the_signed_in_chief_of_the_demo_reaches_they_chose(store: Store) -> None:
    before = _chiefs(store, LINZHUANG)
    assert "张建国|village" in before  # the demo register's made-up village chief
    township = next(c for c in before if c.endswith("|township"))

    profile = chief(store)
    after = _chiefs(store, LINZHUANG)
    assert "李德明|village" in after and "张建国|village" not in after
    assert township in after  # another level is not the profile's: kept
    assert store.registry.village_chief_names()[LINZHUANG] == "李德明"
    assert "王玉梅|village" in _chiefs(store, SIGOU)  # a reach the profile did not choose keeps its chief

    # Choosing another reach moves the profile there; a rename follows; the search finds it.
    store.profiles.save(uuid=profile.uuid, name="李德民", role=Role.CHIEF, level=Level.VILLAGE, unit="寺沟村",
                        reach_codes=[SIGOU])
    assert "李德民|village" in _chiefs(store, SIGOU) and "王玉梅|village" not in _chiefs(store, SIGOU)
    assert not any(c.startswith("李德") for c in _chiefs(store, LINZHUANG))
    assert [r.code for r in store.registry.reach_rows("李德民")] == [SIGOU]


def test_a_patroller_profile_leaves_the_register_as_it_is(store: Store) -> None:
    before = _chiefs(store, LINZHUANG)
    store.profiles.save(name="孙卫东", role=Role.PATROLLER, level=None, unit="巡河队", reach_codes=[LINZHUANG])
    assert _chiefs(store, LINZHUANG) == before
