"""The register the office owns, flowing down: divisions, waterbodies, reaches, chiefs, liaison units
and the patrol rules, imported from one JSON document (`patrol-office register FILE`).

Each entry becomes an office-authored record (`device_id: "office"`) with a stable uuid (a name-based
UUID of its kind and code, or the uuid the document gives a chief or unit), so importing the same
register again changes nothing, and an entry whose content changed becomes a new version. What a
device needs goes to it through the feed: divisions, waterbodies and rules to every device
(`register:all`), a reach, its chiefs and their liaison units to the devices whose profiles work in
that reach's county (`county:<code>`). Parents are published before children (one transaction, in
order), so a device's cursor meets a waterbody before the reaches on it.
"""

from __future__ import annotations

import uuid as uuid_module
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync import protocol
from sync.office.owned import store_owned

NAMESPACE = uuid_module.UUID("6f1c2a8e-3d2b-5a47-9c1e-70a7c0de0001")  # ours: register entries' uuids
ALL = "register:all"
Text = Annotated[str, Field(min_length=1, max_length=protocol.NAME_LIMIT)]
Code6 = Annotated[str, Field(pattern=r"^\d{6}$")]
Code12 = Annotated[str, Field(pattern=r"^\d{12}$")]
WaterCode = Annotated[str, Field(pattern=r"^[A-Z0-9]{6,16}$")]
Level = Literal["province", "city", "county", "township", "village"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Division(_Entry):
    code: Code6
    name: Text
    parent: Code6 | None = None


class Waterbody(_Entry):
    code: WaterCode
    name: Text
    kind: Literal["river", "lake", "reservoir"]
    code_scheme: Literal["sl249", "local"] = "local"


class Reach(_Entry):
    code: Code12
    name: Text
    waterbody: WaterCode
    county: Code6
    township: Text
    village: Text | None = None
    length_m: int | None = Field(default=None, ge=0, le=2_000_000)
    geometry: list[tuple[float, float]] = Field(default_factory=list, max_length=20_000)


class Chief(_Entry):
    uuid: str = Field(pattern=protocol.UUID_PATTERN)
    name: Text
    level: Level
    title: str = Field(default="", max_length=protocol.NAME_LIMIT)
    reaches: list[Code12] = Field(default_factory=list, max_length=5000)


class LiaisonUnit(_Entry):
    uuid: str = Field(pattern=protocol.UUID_PATTERN)
    name: Text
    chiefs: list[str] = Field(default_factory=list, max_length=5000)


class Rule(_Entry):
    level: Level
    period: Literal["week", "month", "quarter", "half_year", "year"]
    min_patrols: int = Field(ge=0, le=1000)
    min_duration_s: int = Field(ge=0, le=86_400)
    min_distance_m: int = Field(ge=0, le=1_000_000)


class RegisterDocument(_Entry):
    about: str = ""
    source: str = Field(default="office", max_length=protocol.NAME_LIMIT)
    divisions: list[Division] = Field(default_factory=list)
    waterbodies: list[Waterbody] = Field(default_factory=list)
    reaches: list[Reach] = Field(default_factory=list)
    chiefs: list[Chief] = Field(default_factory=list)
    liaison_units: list[LiaisonUnit] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


class RegisterError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def stable_uuid(kind: str, key: str) -> str:
    return str(uuid_module.uuid5(NAMESPACE, f"{kind}:{key}"))


def load(text: str) -> RegisterDocument:
    from pydantic import ValidationError

    try:
        document = RegisterDocument.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(p) for p in first["loc"])
        raise RegisterError(f"河段名录文件格式不对（{where}：{first['msg']}）。请检查后再导入。",
                            f"The register file is not valid ({where}: {first['msg']}). Fix it and import "
                            "again.") from None
    _check_links(document)
    return document


def _check_links(doc: RegisterDocument) -> None:
    """Every reference points at an entry of this document (or a division given as a parent)."""
    divisions = {d.code for d in doc.divisions}
    waters = {w.code for w in doc.waterbodies}
    reaches = {r.code for r in doc.reaches}
    chiefs = {c.uuid for c in doc.chiefs}
    bad = ([f"reach {r.code}: waterbody {r.waterbody}" for r in doc.reaches if r.waterbody not in waters]
           + [f"reach {r.code}: county {r.county}" for r in doc.reaches if r.county not in divisions]
           + [f"chief {c.name}: reach {code}" for c in doc.chiefs for code in c.reaches if code not in reaches]
           + [f"unit {u.name}: chief {c}" for u in doc.liaison_units for c in u.chiefs if c not in chiefs])
    if bad:
        raise RegisterError(f"河段名录里有 {len(bad)} 处引用找不到对象，例如：{bad[0]}。请补全后再导入。",
                            f"{len(bad)} references in the register point at nothing, e.g. {bad[0]}. "
                            "Complete the file and import again.")


def entries(doc: RegisterDocument) -> list[tuple[str, str, dict[str, Any], list[str]]]:
    """(kind, uuid, data, audiences) for every entry, parents before children."""
    county_of = {r.code: r.county for r in doc.reaches}
    chief_counties = {c.uuid: sorted({county_of[code] for code in c.reaches}) for c in doc.chiefs}
    out: list[tuple[str, str, dict[str, Any], list[str]]] = []
    for d in doc.divisions:
        out.append(("division", stable_uuid("division", d.code), d.model_dump(), [ALL]))
    for w in doc.waterbodies:
        out.append(("waterbody", stable_uuid("waterbody", w.code), w.model_dump(), [ALL]))
    for r in doc.reaches:
        data = r.model_dump() | {"geometry": [list(p) for p in r.geometry]}
        out.append(("reach", stable_uuid("reach", r.code), data, [f"county:{r.county}"]))
    for c in doc.chiefs:
        data = c.model_dump(exclude={"uuid"})
        out.append(("chief", c.uuid, data, [f"county:{k}" for k in chief_counties[c.uuid]] or [ALL]))
    for u in doc.liaison_units:
        counties = sorted({k for chief in u.chiefs for k in chief_counties.get(chief, [])})
        out.append(("liaison_unit", u.uuid, u.model_dump(exclude={"uuid"}), [f"county:{k}" for k in counties] or [ALL]))
    for rule in doc.rules:
        out.append(("patrol_rule", stable_uuid("patrol_rule", rule.level), rule.model_dump() | {"source": doc.source},
                    [ALL]))
    return out


def import_register(office: Any, doc: RegisterDocument) -> dict[str, int]:
    """Store every entry as an office record (a new version where it changed) and address it."""
    return store_owned(office, entries(doc), RegisterError)
