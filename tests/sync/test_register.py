"""The register and the rules flow down (issue 13 item 3): `patrol-office register FILE` makes the
office's records, each device receives its counties' reaches with their chiefs and liaison units and
everyone's rules, the demo register gives way to the real one without losing what records use, and a
changed entry arrives as a new version. Real devices and the real office over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from patrol_app.domain.enums import Level, Role
from patrol_app.resources import load_json
from patrol_app.store import open_store
from tests.sync.test_pull import app, enroll, make_device, sync

LUSHAN, XINHUA = "410423", "410402"
CHIEF_UUID = "7d3f7e1c-0b7a-4f5e-9a51-3c1f2d9e8b01"
UNIT_UUID = "7d3f7e1c-0b7a-4f5e-9a51-3c1f2d9e8b02"


def register_document(*, village_km: int = 2, chief_title: str = "村党支部书记") -> dict:
    seed = load_json("registry", "pingdingshan.json")
    return {
        "about": "测试用名录", "source": "pds-2027",
        "divisions": [{"code": d["code"], "name": d["name"], "parent": d["parent"]} for d in seed["divisions"]],
        "waterbodies": [{"code": w["code"], "name": w["name"], "kind": w["kind"]} for w in seed["waterbodies"]],
        "reaches": [
            {"code": "410423100001", "name": "沙河鲁山段一", "waterbody": "L41040000001", "county": LUSHAN,
             "township": "下汤镇", "village": "林庄村", "length_m": 4200,
             "geometry": [[112.62, 33.75], [112.66, 33.76]]},
            {"code": "410423100002", "name": "沙河鲁山段二", "waterbody": "L41040000001", "county": LUSHAN,
             "township": "下汤镇", "village": "寺沟村", "length_m": 3900},
            {"code": "410402100001", "name": "湛河新华段", "waterbody": seed["waterbodies"][2]["code"],
             "county": XINHUA, "township": "西市场街道", "length_m": 2500},
        ],
        "chiefs": [{"uuid": CHIEF_UUID, "name": "王建设", "level": "village", "title": chief_title,
                    "reaches": ["410423100001", "410423100002"]}],
        "liaison_units": [{"uuid": UNIT_UUID, "name": "鲁山县水利局", "chiefs": [CHIEF_UUID]}],
        "rules": [{"level": "village", "period": "week", "min_patrols": 1, "min_duration_s": 900,
                   "min_distance_m": village_km * 1000}],
    }


def office_register(office, tmp_path: Path, document: dict) -> dict:
    path = tmp_path / "register.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = office.cli("register", str(path), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_register_reaches_the_devices_of_its_counties(tmp_path: Path, office) -> None:
    lushan, xinhua = tmp_path / "lushan", tmp_path / "xinhua"
    make_device(lushan, name="李村长", role=Role.CHIEF, unit="林庄村")
    with open_store(lushan) as store:  # a demo reach in Lushan, used by the profile and by a patrol-to-be
        profile = store.profiles.current()
        store.profiles.save(name=profile.name, role=Role.CHIEF, level=Level.VILLAGE, unit=profile.unit,
                            reach_codes=["410423000001"], uuid=profile.uuid)
        demo_before = {r.code for r in store.registry.reaches() if r.demo}
    make_device(xinhua, name="赵主任", role=Role.CHIEF, unit="西市场街道")
    with open_store(xinhua) as store:
        profile = store.profiles.current()
        store.profiles.save(name=profile.name, role=Role.CHIEF, level=Level.VILLAGE, unit=profile.unit,
                            reach_codes=[r.code for r in store.registry.reaches() if r.county_code == XINHUA][:1],
                            uuid=profile.uuid)
    for device in (lushan, xinhua):
        enroll(device, office)
        sync(device)

    counts = office_register(office, tmp_path, register_document())
    assert counts["new"] == 12 + 11 + 3 + 1 + 1 + 1 and counts["changed"] == 0
    assert office_register(office, tmp_path, register_document()) == {"new": 0, "changed": 0, "same": counts["new"]}

    got = sync(lushan)
    assert got["received"] == 12 + 11 + 2 + 1 + 1 + 1  # its county's two reaches, not Xinhua's
    with open_store(lushan) as store:
        real = {r.code: r for r in store.registry.reaches() if not r.demo}
        assert set(real) == {"410423100001", "410423100002"}
        assert real["410423100001"].length_m == 4200 and real["410423100001"].geometry[0] == (112.62, 33.75)
        # The demo register gave way: only the demo reach the profile uses is still there, marked demo.
        left = {r.code for r in store.registry.reaches() if r.demo}
        assert left == {"410423000001"} and len(demo_before) > 1
        rows = {r.code: r for r in store.registry.reach_rows()}
        assert "王建设" in rows["410423100001"].chiefs and "鲁山县水利局" in rows["410423100001"].liaison_units
        rule = store.registry.rules()[Level.VILLAGE]
        assert rule.min_distance_m == 2000 and rule.min_duration_s == 900
        assert store.upkeep.pending_sync_total() == 0 and store.upkeep.check().ok
    got = sync(xinhua)
    with open_store(xinhua) as store:
        assert {r.code for r in store.registry.reaches() if not r.demo} == {"410402100001"}

    # A change at the office is a new version, and only it comes down.
    counts = office_register(office, tmp_path, register_document(village_km=3, chief_title="村主任"))
    assert counts["changed"] == 2
    got = sync(lushan)
    assert got["received"] == 2
    with open_store(lushan) as store:
        assert store.registry.rules()[Level.VILLAGE].min_distance_m == 3000
    assert sync(lushan)["received"] == 0


@pytest.mark.parametrize("breakage, words", [
    (lambda d: d["reaches"][0].update(waterbody="L49999999999"), "L49999999999"),
    (lambda d: d["reaches"][0].update(code="4104"), "reaches/0/code"),
    (lambda d: d["rules"][0].update(min_patrols=-1), "rules/0/min_patrols"),
])
def test_a_broken_register_is_refused_and_changes_nothing(tmp_path: Path, sqlite_office, breakage, words) -> None:
    document = register_document()
    breakage(document)
    path = tmp_path / "register.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = sqlite_office.cli("register", str(path))
    assert done.returncode == 1 and "名录" in done.stderr and "register" in done.stderr and words in done.stderr
    assert "Traceback" not in done.stderr
    export = tmp_path / "export"
    assert sqlite_office.cli("export", "json", str(export)).returncode == 0
    assert not any(export.glob("reach.jsonl")) or not (export / "reach.jsonl").read_text()


def test_records_on_a_demo_reach_survive_the_real_register(tmp_path: Path, sqlite_office) -> None:
    """The demo's own data uses demo reaches: after the register arrives they are all still readable."""
    device = tmp_path / "demo"
    done = app(device, "demo")
    assert done.returncode == 0, done.stderr
    enroll(device, sqlite_office)
    sync(device)
    office_register(sqlite_office, tmp_path, register_document())
    sync(device)
    with open_store(device) as store:
        used = {r["reach_code"] for r in store.query("SELECT DISTINCT reach_code FROM patrols")}
        here = {r.code for r in store.registry.reaches()}
        assert used <= here and store.upkeep.check().ok
