"""The river registry (河湖名录) and the people who hold reaches, as plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from patrol_app.domain.enums import Level, Role, WaterbodyKind

REACH_CODE = re.compile(r"^\d{6}\d{6}$")


@dataclass(frozen=True)
class Division:
    """An administrative division with its GB/T 2260 code (county level for now)."""

    code: str
    name: str
    parent_code: str | None


@dataclass(frozen=True)
class Waterbody:
    """A river, lake or reservoir. `code_scheme` says whether `code` is SL 249 or local."""

    code: str
    name: str
    kind: WaterbodyKind
    code_scheme: str = "local"
    demo: bool = False


@dataclass(frozen=True)
class Reach:
    """The unit a chief is responsible for. `code` = 6-digit county code + 6-digit sequence.

    `demo` marks reaches (and their approximate geometry) that are made up for trying the app,
    never survey data.
    """

    code: str
    name: str
    waterbody_code: str
    county_code: str
    township: str
    village: str | None
    length_m: int | None
    demo: bool
    geometry: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        if not REACH_CODE.match(self.code):
            raise ValueError(f"reach code must be 12 digits, got {self.code!r}")
        if not self.code.startswith(self.county_code):
            raise ValueError(f"reach code {self.code} does not start with county {self.county_code}")


@dataclass(frozen=True)
class Chief:
    """A river chief (河长): a person at a level, with the reaches they hold."""

    uuid: str
    name: str
    level: Level
    title: str
    reach_codes: tuple[str, ...]
    demo: bool = False


@dataclass(frozen=True)
class LiaisonUnit:
    """A liaison unit (对口联系单位) and the chiefs it assists."""

    uuid: str
    name: str
    chief_uuids: tuple[str, ...]
    demo: bool = False


@dataclass(frozen=True)
class Profile:
    """Someone who uses this laptop: who they are and which reaches they look after."""

    uuid: str
    name: str
    role: Role
    level: Level | None
    unit: str
    reach_codes: tuple[str, ...] = field(default=())
    # When the profile was made: periods over by then are not counted as missed (rules.compliance).
    created_at: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a profile needs a name")
        if self.role.has_level and self.level is None:
            raise ValueError(f"a {self.role.en} profile needs a level")

    def title(self, language: str) -> str:
        """Level and role as people say them: 村级河长 / Village River chief / 巡河员."""
        role = self.role.name_in(language)
        level = self.level.name_in(language) if self.level else ""
        return f"{level}{role}" if language.startswith("zh") else f"{level} {role}".strip()

    @property
    def rule_level(self) -> Level:
        """The level whose patrol rule applies: patrollers and crews patrol village reaches."""
        return self.level if self.level is not None else Level.VILLAGE
