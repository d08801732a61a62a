"""Maintenance contracts (管护合同, issue 16): the office owns them, and they flow down to their crew.

`patrol-office contract FILE [--json]` reads one JSON document:

    {"about": "...", "contracts": [{"number": "LS-GH-2026-03", "name": "沙河下汤段保洁",
      "crew_unit": "鲁山县沙河保洁公司", "client": "鲁山县下汤镇人民政府", "reach_codes": ["410423000001"],
      "starts_on": "2026-01-01", "ends_on": "2026-12-31",
      "requirements": [{"item": "floating", "times": 8, "quantity": 300, "unit": "kg"}], "notes": ""}]}

Each contract becomes an office record of kind `contract` (`device_id: "office"`) with a stable uuid (the
one the document gives, else a name-based UUID of its number), so importing the same file again changes
nothing and a changed contract becomes a new version. It is addressed to its crew (`unit:<crew_unit>`,
the unit the crew's device declares from its profile), which receives it at its next sync. A broken
file is refused with the place, and nothing is stored.

The work items and units are the wire vocabulary of `patrol_app.domain.maintenance` (WorkItem, WorkUnit),
repeated here because `sync/` imports nothing of the app; a test keeps the two equal.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sync import protocol
from sync.office.owned import store_owned

NAMESPACE = uuid_module.UUID("6f1c2a8e-3d2b-5a47-9c1e-70a7c0de0016")
KIND = "contract"
# Work item → the units it is measured in (domain.maintenance.UNITS).
WORK_UNITS: dict[str, tuple[str, ...]] = {
    "floating": ("kg", "m3"), "bank_cleaning": ("m",), "weeding": ("m2",), "repair": ("place",),
    "signboard": ("board",),
}
Text = Annotated[str, Field(min_length=1, max_length=protocol.NAME_LIMIT)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Requirement(_Entry):
    item: str
    times: int = Field(default=0, ge=0, le=31)
    quantity: float = Field(default=0, ge=0, le=1e9)
    unit: str | None = None

    @model_validator(mode="after")
    def _fits(self) -> Requirement:
        if self.item not in WORK_UNITS:
            raise ValueError(f"unknown work item {self.item!r} (one of {', '.join(WORK_UNITS)})")
        if self.unit is not None and self.unit not in WORK_UNITS[self.item]:
            raise ValueError(f"{self.item} is measured in {', '.join(WORK_UNITS[self.item])}, not {self.unit!r}")
        if self.quantity and self.unit is None:
            raise ValueError("a quantity needs its unit")
        if not self.times and not self.quantity:
            raise ValueError("a requirement needs times (days a month) or a quantity")
        return self


class Contract(_Entry):
    uuid: str | None = Field(default=None, pattern=protocol.UUID_PATTERN)
    number: Text
    name: Text
    crew_unit: Text
    client: str = Field(default="", max_length=protocol.NAME_LIMIT)
    reach_codes: list[Annotated[str, Field(pattern=r"^\d{12}$")]] = Field(min_length=1, max_length=5000)
    starts_on: date
    ends_on: date
    requirements: list[Requirement] = Field(default_factory=list, max_length=20)
    notes: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _period(self) -> Contract:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class ContractDocument(_Entry):
    about: str = ""
    contracts: list[Contract] = Field(min_length=1, max_length=5000)


class ContractError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def load(text: str) -> ContractDocument:
    from pydantic import ValidationError

    try:
        document = ContractDocument.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(p) for p in first["loc"])
        raise ContractError(f"管护合同文件格式不对（{where}：{first['msg']}）。请检查后再导入。",
                            f"The contracts file is not valid ({where}: {first['msg']}). Fix it and import "
                            "again.") from None
    numbers = [c.number for c in document.contracts]
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if twice:
        raise ContractError(f"合同编号重复：{twice[0]}。", f"A contract number is given twice: {twice[0]}.")
    return document


def contract_uuid(contract: Contract) -> str:
    return contract.uuid or str(uuid_module.uuid5(NAMESPACE, f"{KIND}:{contract.number}"))


def contract_data(contract: Contract) -> dict[str, Any]:
    data = contract.model_dump(exclude={"uuid"}, mode="json")
    data["crew_unit"] = contract.crew_unit.strip()
    return data


def import_contracts(office: Any, doc: ContractDocument) -> dict[str, int]:
    """Store every contract as an office record (a new version where it changed) and address it to its crew."""

    def entries() -> Iterator[tuple[str, str, dict[str, Any], list[str]]]:
        for contract in doc.contracts:
            data = contract_data(contract)
            yield KIND, contract_uuid(contract), data, [f"unit:{data['crew_unit']}"]

    return store_owned(office, entries(), ContractError)
