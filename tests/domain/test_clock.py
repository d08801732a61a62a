"""Judging the laptop clock from the files' own times (domain.clock): margins, kinds, zones, words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from patrol_app.domain.clock import CAMERA_MARGIN, GPS_MARGIN, TimeEvidence, clock_behind

BEIJING = timezone(timedelta(hours=8))
LAPTOP = datetime(2017, 6, 1, 9, 0, tzinfo=BEIJING)  # a clock battery gave out: the laptop wakes up in 2017
PHOTO_2024 = datetime(2024, 3, 5, 10, 30, tzinfo=BEIJING)


def test_no_evidence_no_warning() -> None:
    assert clock_behind(LAPTOP, []) is None
    assert clock_behind(LAPTOP, [TimeEvidence()]) is None


def test_photos_from_the_past_are_normal() -> None:
    old = LAPTOP - timedelta(days=700)
    assert clock_behind(LAPTOP, [TimeEvidence(gps=old, camera=old), TimeEvidence(camera=LAPTOP)]) is None


def test_gps_years_ahead_says_years_and_what_to_do() -> None:
    warning = clock_behind(LAPTOP, [TimeEvidence(gps=PHOTO_2024.astimezone(UTC), camera=PHOTO_2024)])
    assert warning is not None and warning.evidence == "gps" and warning.subject == "photo"
    assert warning.behind_s == int((PHOTO_2024 - LAPTOP).total_seconds())
    zh, en = warning.message_zh, warning.message_en
    assert "约 7 年" in zh and "2024年3月5日" in zh and "2017年6月1日" in zh and "Windows 设置" in zh
    assert "about 7 years" in en and "2024-03-05" in en and "Windows Settings" in en
    document = warning.to_json()
    assert document["behind_s"] == warning.behind_s and document["evidence"] == "gps"
    assert document["seen"] == "2024-03-05T02:30:00.000Z" and document["now"] == "2017-06-01T01:00:00.000Z"
    assert document["message_zh"] == zh and document["message_en"] == en


def test_camera_only_is_weaker_and_says_so() -> None:
    warning = clock_behind(LAPTOP, [TimeEvidence(camera=PHOTO_2024)])
    assert warning is not None and warning.evidence == "camera"
    assert "可能慢了" in warning.message_zh and "may be behind" in warning.message_en


def test_gps_margin_ten_minutes() -> None:
    assert clock_behind(LAPTOP, [TimeEvidence(gps=LAPTOP + GPS_MARGIN)]) is None
    warning = clock_behind(LAPTOP, [TimeEvidence(gps=LAPTOP + GPS_MARGIN + timedelta(seconds=1))])
    assert warning is not None and warning.behind_s == 601 and "约 10 分钟" in warning.message_zh
    assert "about 10 minutes" in warning.message_en and "2017-06-01 09:00" in warning.message_en


def test_camera_margin_one_day() -> None:
    assert clock_behind(LAPTOP, [TimeEvidence(camera=LAPTOP + CAMERA_MARGIN)]) is None
    warning = clock_behind(LAPTOP, [TimeEvidence(camera=LAPTOP + CAMERA_MARGIN + timedelta(hours=1))])
    assert warning is not None and warning.evidence == "camera" and "约 1 天" in warning.message_zh
    # A camera ahead by less than a day (a zone it did not record, a drifting clock) is not proof.
    assert clock_behind(LAPTOP, [TimeEvidence(camera=LAPTOP + timedelta(hours=20))]) is None


def test_gps_wins_over_camera_and_the_latest_counts() -> None:
    camera_far = TimeEvidence(camera=LAPTOP + timedelta(days=3000))
    gps_near = TimeEvidence(gps=LAPTOP + timedelta(hours=5), camera=LAPTOP + timedelta(hours=5))
    gps_later = TimeEvidence(gps=LAPTOP + timedelta(hours=7), subject="track")
    warning = clock_behind(LAPTOP, [camera_far, gps_near, gps_later])
    assert warning is not None and warning.evidence == "gps" and warning.subject == "track"
    assert warning.behind_s == 7 * 3600 and "约 7 小时" in warning.message_zh and "轨迹" in warning.message_zh


def test_zones_are_compared_as_instants() -> None:
    # 17:05 in Beijing is 09:05 UTC: five minutes after a laptop at 09:00 UTC, within the GPS margin.
    laptop = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert clock_behind(laptop, [TimeEvidence(gps=datetime(2026, 12, 4, 17, 5, tzinfo=BEIJING))]) is None
    warning = clock_behind(laptop, [TimeEvidence(gps=datetime(2026, 12, 4, 18, 0, tzinfo=BEIJING))])
    assert warning is not None and warning.behind_s == 3600


def test_local_time_in_the_gps_tag_is_not_a_wrong_laptop() -> None:
    # Some phones write Beijing time into the UTC GPS tag: eight hours "ahead" of a correct laptop,
    # while the same photo's camera time agrees with the laptop.
    laptop = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    taken = laptop - timedelta(minutes=30)
    slipped = TimeEvidence(gps=taken + timedelta(hours=8), camera=taken)
    assert clock_behind(laptop, [slipped]) is None
    # The same GPS time with a camera as far ahead is a laptop eight hours behind.
    ahead = TimeEvidence(gps=laptop + timedelta(hours=8), camera=laptop + timedelta(hours=8))
    assert clock_behind(laptop, [ahead]) is not None
    # A camera reset to its factory date does not hide a GPS time years ahead.
    reset = TimeEvidence(gps=PHOTO_2024, camera=datetime(2000, 1, 1, tzinfo=BEIJING))
    warning = clock_behind(LAPTOP, [reset])
    assert warning is not None and warning.evidence == "gps"


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        clock_behind(datetime(2017, 6, 1), [])
    with pytest.raises(ValueError):
        clock_behind(LAPTOP, [TimeEvidence(camera=datetime(2024, 3, 5))])


def test_amounts_in_days_and_singular_words() -> None:
    warning = clock_behind(LAPTOP, [TimeEvidence(gps=LAPTOP + timedelta(days=40))])
    assert warning is not None and "约 40 天" in warning.message_zh and "about 40 days" in warning.message_en
    one_year = clock_behind(LAPTOP, [TimeEvidence(gps=LAPTOP + timedelta(days=366))])
    assert one_year is not None and "about 1 year " in one_year.message_en
