from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from patrol_app.domain.enums import PROBLEM_CATEGORIES, PROBLEM_ITEMS, Level, NamedEnum, Role
from patrol_app.domain.ids import iso_utc, parse_utc, uuid7
from patrol_app.domain.registry import Profile, Reach


def test_uuid7_is_version_7_and_time_ordered() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122


def test_iso_utc_round_trip_and_refuses_naive() -> None:
    moment = datetime(2026, 11, 29, 23, 30, 15, 123000, tzinfo=timezone(timedelta(hours=8)))
    text = iso_utc(moment)
    assert text == "2026-11-29T15:30:15.123Z"
    assert parse_utc(text) == moment.astimezone(UTC)
    with pytest.raises(ValueError):
        iso_utc(datetime(2026, 1, 1))


def test_every_named_value_has_chinese_and_english_names() -> None:
    for enum in NamedEnum.__subclasses__():
        for member in enum:
            assert member.zh and member.en and member.zh != member.en, member
            assert any("\u4e00" <= ch <= "\u9fff" for ch in member.zh), member
    for category in PROBLEM_CATEGORIES:
        assert category.items and any("\u4e00" <= ch <= "\u9fff" for ch in category.zh)
        for item in category.items:
            assert item.code.startswith(category.code + ".") and item.zh and item.en


def test_problem_codes_are_unique_two_level_codes() -> None:
    codes = [item.code for c in PROBLEM_CATEGORIES for item in c.items]
    assert len(codes) == len(set(codes)) == len(PROBLEM_ITEMS)
    assert all(code.count(".") == 1 for code in codes)
    assert {c.code for c in PROBLEM_CATEGORIES} >= {"occupation", "mining", "dumping", "building", "outfall"}


def test_profile_rules() -> None:
    with pytest.raises(ValueError):
        Profile("u", "  ", Role.CHIEF, Level.VILLAGE, "")
    with pytest.raises(ValueError):
        Profile("u", "张三", Role.CHIEF, None, "")
    crew = Profile("u", "李四", Role.MAINTENANCE, None, "管护公司")
    assert crew.rule_level is Level.VILLAGE


def test_reach_code_must_start_with_its_county() -> None:
    Reach("410423000001", "x", "w", "410423", "t", None, None, True)
    with pytest.raises(ValueError):
        Reach("410422000001", "x", "w", "410423", "t", None, None, True)
    with pytest.raises(ValueError):
        Reach("41042300001", "x", "w", "410423", "t", None, None, True)
