"""Covert drafts encrypted at rest: unreadable in the raw files without the passphrase, a wrong one
refused plainly (changing nothing), the right one reads everything back, a forgotten one said plainly."""

from __future__ import annotations

from datetime import datetime

import pytest

from patrol_app.domain.covert import CovertFinding, CovertInspection, InspectionMethod
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import uuid7
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor
from patrol_app.domain.refusal import Refusal
from patrol_app.paths import database_path
from patrol_app.store import open_store, sealing
from patrol_app.store.database import Store

UNIT = "0ff0365e-1427-58db-94b0-1d6be13dd8ce"
CHIEF = "79169ee1-66c6-50e8-94cc-1aa3a93f361a"
FINDING = "暗访发现下汤镇桥下新设暗管直排污水"
CONCLUSION = "暗访结论：整改不到位，需约谈"
PASSPHRASE = "清河护水2026"
NOW = datetime(2026, 3, 20, 9, tzinfo=CHINA_TZ)


def bj(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)


@pytest.fixture
def liaison(store: Store) -> tuple[Store, Actor]:
    profile = store.profiles.save(name="周爱萍", role=Role.LIAISON_INSPECTOR, level=None, unit="鲁山县水利局",
                                  reach_codes=[])
    return store, Actor(profile.uuid, profile.name, Role.LIAISON_INSPECTOR, profile.unit)


def draft(text: str = FINDING, **changes) -> CovertInspection:
    values = dict(
        uuid=uuid7(), unit_uuid=UNIT, unit_name="鲁山县水利局", quarter="2026-Q1", chief_uuid=CHIEF,
        chief_name="高淑芬", reach_codes=("410423000001",), started_at=bj(2026, 3, 10, 9),
        ended_at=bj(2026, 3, 10, 12), inspectors=("周爱萍",), methods=(InspectionMethod.ON_SITE,),
        conclusion=CONCLUSION,
        findings=(CovertFinding(uuid=uuid7(), code="outfall.new_unregistered", description=text,
                                reach_code="410423000001", found_at=bj(2026, 3, 10, 10)),),
    )
    values.update(changes)
    return CovertInspection(**values)


def raw(store: Store) -> bytes:
    """The database file and its write-ahead log, byte for byte, as anyone with the laptop could read them."""
    path = database_path(store.data_dir)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def readable(store: Store, text: str) -> bool:
    return text.encode("utf-8") in raw(store)


def test_a_protected_draft_is_unreadable_in_the_file_and_reads_back_with_the_key(liaison) -> None:
    store, me = liaison
    assert not store.covert.protected()
    key = store.covert.set_passphrase(PASSPHRASE)
    assert store.covert.protected()
    plan = store.covert.save_draft(draft(), key=key, now=NOW)
    assert not readable(store, FINDING) and not readable(store, CONCLUSION)
    row = store.query("SELECT draft, sealed FROM covert_inspections WHERE uuid = ?", (plan.uuid,))[0]
    assert row["draft"] is None and row["sealed"].startswith(b"S1")
    for read in (lambda: store.covert.get(plan.uuid), store.covert.drafts,
                 lambda: store.covert.save_draft(draft()), lambda: store.covert.submit(plan.uuid, me, now=NOW),
                 lambda: store.covert.discard_draft(plan.uuid)):
        with pytest.raises(Refusal) as info:
            read()
        assert info.value.code == "covert_locked" and "口令" in info.value.zh
    again = store.covert.unlock(PASSPHRASE)
    assert store.covert.get(plan.uuid, key=again) == plan
    assert store.covert.drafts(key=again) == [plan]
    # Coverage needs no passphrase (the home page): protected drafts are then not shown as planned.
    quarter = plan.period
    assert not any(line.planned for line in store.covert.coverage({UNIT}, quarter, now=NOW).lines)
    assert any(line.planned for line in store.covert.coverage({UNIT}, quarter, now=NOW, key=again).lines)
    done = store.covert.submit(plan.uuid, me, key=again, now=NOW)
    assert store.covert.get(plan.uuid) == done  # a submitted inspection is read without the passphrase


def test_protecting_existing_drafts_leaves_no_plain_copy_in_the_files(liaison) -> None:
    store, _ = liaison
    plans = [store.covert.save_draft(draft(f"{FINDING}（{n}号）"), now=NOW) for n in range(3)]
    assert readable(store, FINDING)  # the search does find plain text in these files
    key = store.covert.set_passphrase(PASSPHRASE, kdf="scrypt")
    assert not readable(store, FINDING) and not readable(store, CONCLUSION)
    assert sorted(d.uuid for d in store.covert.drafts(key=store.covert.unlock(PASSPHRASE))) == sorted(
        p.uuid for p in plans)
    store.covert.remove_passphrase(key)
    assert not store.covert.protected() and store.covert.drafts() == sorted(
        plans, key=lambda p: (p.quarter, p.started_at.isoformat(), p.uuid))


def test_a_wrong_passphrase_is_refused_plainly_and_changes_nothing(liaison) -> None:
    store, _ = liaison
    key = store.covert.set_passphrase(PASSPHRASE)
    plan = store.covert.save_draft(draft(), key=key, now=NOW)
    before = raw(store)
    for wrong in ("清河护水2025", "", PASSPHRASE + " ", PASSPHRASE.upper() + "x"):
        with pytest.raises(Refusal) as info:
            store.covert.unlock(wrong)
        refusal = info.value
        assert refusal.code == "wrong_passphrase"
        assert "口令不对" in refusal.zh and "Wrong passphrase" in refusal.en
        # what someone who forgot it can still do, said plainly
        assert "已经提交的暗访不受影响" in refusal.zh and "市河长办" in refusal.zh and "无法恢复" in refusal.zh
        assert "submitted inspections are not affected" in refusal.en and "cannot be recovered" in refusal.en
    assert raw(store) == before
    assert store.covert.get(plan.uuid, key=store.covert.unlock(PASSPHRASE)) == plan


def test_changing_the_passphrase_and_a_key_that_is_no_longer_current(liaison) -> None:
    store, _ = liaison
    old = store.covert.set_passphrase(PASSPHRASE)
    plan = store.covert.save_draft(draft(), key=old, now=NOW)
    with pytest.raises(Refusal) as info:
        store.covert.set_passphrase("新的口令123")  # changing it needs the current one
    assert info.value.code == "covert_locked"
    new = store.covert.set_passphrase("新的口令123", key=old)
    with pytest.raises(Refusal) as info:
        store.covert.save_draft(draft(), key=old)  # would seal a draft nobody could open any more
    assert info.value.code == "covert_key_changed"
    with pytest.raises(Refusal):
        store.covert.unlock(PASSPHRASE)
    assert store.covert.get(plan.uuid, key=store.covert.unlock("新的口令123")) == plan
    assert store.covert.drafts(key=new) == [plan]
    assert not readable(store, FINDING)


def test_a_forgotten_passphrase_loses_the_drafts_only(liaison) -> None:
    store, me = liaison
    key = store.covert.set_passphrase(PASSPHRASE)
    submitted = store.covert.submit(store.covert.save_draft(draft("已提交的问题"), key=key, now=NOW).uuid, me,
                                    key=key, now=NOW)
    lost = store.covert.save_draft(draft(), key=key, now=NOW)
    assert store.covert.forget_passphrase() == 1
    assert not store.covert.protected()
    assert store.covert.get(lost.uuid) is None and store.covert.get(submitted.uuid) == submitted
    assert store.problems.get(submitted.findings[0].uuid).description == "已提交的问题"
    fresh = store.covert.set_passphrase("另一个口令abc")
    assert store.covert.drafts(key=fresh) == []


def test_a_sealed_draft_moved_to_another_row_does_not_open(liaison) -> None:
    store, _ = liaison
    key = store.covert.set_passphrase(PASSPHRASE)
    first = store.covert.save_draft(draft(), key=key, now=NOW)
    second = store.covert.save_draft(draft("别的问题"), key=key, now=NOW)
    with store.write() as conn:  # damage: the first draft's bytes copied over the second's
        conn.execute("UPDATE covert_inspections SET sealed = (SELECT sealed FROM covert_inspections WHERE uuid = ?) "
                     "WHERE uuid = ?", (first.uuid, second.uuid))
    with pytest.raises(Refusal) as info:
        store.covert.get(second.uuid, key=key)
    assert info.value.code == "draft_damaged"
    assert store.covert.get(first.uuid, key=key) == first


def test_only_a_liaison_profile_may_set_or_use_a_passphrase(liaison) -> None:
    store, _ = liaison
    key = store.covert.set_passphrase(PASSPHRASE)
    chief = store.profiles.save(name="张村长", role=Role.CHIEF, level=Level.VILLAGE, unit="张庄村",
                                reach_codes=["410423000001"])
    assert store.profiles.current().uuid == chief.uuid
    for call in (lambda: store.covert.unlock(PASSPHRASE), store.covert.forget_passphrase,
                 lambda: store.covert.set_passphrase("别人的口令xyz"), lambda: store.covert.remove_passphrase(key)):
        with pytest.raises(Refusal) as info:
            call()
        assert info.value.code == "covert_hidden"
    assert store.covert.protected()


def test_passphrases_and_the_kdf() -> None:
    setting = sealing.new_setting()
    assert setting.name == ("argon2id" if sealing.argon2id_available() else "scrypt")
    assert len(setting.salt) == 16 and setting.params["memory_cost" if setting.name == "argon2id" else "n"]
    key = sealing.derive("café密码", setting)
    assert sealing.derive("cafe\u0301密码", setting) == key  # the same text typed composed or decomposed
    assert sealing.derive("cafe密码", setting) != key
    assert key.matches(key.check_value()) and not sealing.derive("x" * 8, setting).matches(key.check_value())
    sealed = key.seal(b"secret", "owner-1")
    assert key.open(sealed, "owner-1") == b"secret" and b"secret" not in sealed
    with pytest.raises(sealing.Unsealable):
        key.open(sealed, "owner-2")
    assert "secret=" not in repr(key)


def test_a_short_passphrase_is_refused(liaison) -> None:
    store, _ = liaison
    with pytest.raises(Refusal) as info:
        store.covert.set_passphrase("12345 ")
    assert info.value.code == "passphrase_too_short" and not store.covert.protected()


def test_backups_made_before_a_passphrase_are_sealed_with_it(liaison, tmp_path) -> None:
    """A daily backup holds the drafts as they were: protecting them seals them in the backups folder too,
    and a restore of that backup opens with the passphrase."""
    from patrol_app.store import backup, restore

    store, _ = liaison
    plan = store.covert.save_draft(draft(), now=NOW)
    made = backup.make_backup(store.conn, store.data_dir, backup.DAILY)
    assert FINDING.encode("utf-8") in made.path.read_bytes()  # the search finds plain text in a backup
    store.covert.set_passphrase(PASSPHRASE, kdf="scrypt")
    data = made.path.read_bytes()
    assert FINDING.encode("utf-8") not in data and CONCLUSION.encode("utf-8") not in data
    # The sealed backup is whole, and once restored the draft opens with the passphrase.
    other = tmp_path / "elsewhere"
    with open_store(other) as fresh:
        fresh_dir = fresh.data_dir
    restore.restore(fresh_dir, made.path)
    with open_store(fresh_dir) as back:
        back.profiles.make_current(next(p for p in back.profiles.all() if p.role is Role.LIAISON_INSPECTOR).uuid)
        assert back.covert.protected()
        assert [d.uuid for d in back.covert.drafts(key=back.covert.unlock(PASSPHRASE))] == [plan.uuid]
