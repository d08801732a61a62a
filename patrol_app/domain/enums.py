"""The glossary's closed vocabularies, stored as codes and shown by name (Chinese and English)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class NamedEnum(Enum):
    """An enum whose value is the stored code; `zh` and `en` are the names shown to people."""

    zh: str
    en: str

    def __new__(cls, code: str, zh: str = "", en: str = "") -> NamedEnum:  # defaults: lookup by code
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        return member

    @property
    def code(self) -> str:
        return str(self.value)

    def name_in(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


class Level(NamedEnum):
    """The five levels of the River Chief System, highest first."""

    PROVINCE = ("province", "省级", "Province")
    CITY = ("city", "市级", "City")
    COUNTY = ("county", "县级", "County")
    TOWNSHIP = ("township", "乡级", "Township")
    VILLAGE = ("village", "村级", "Village")


class Role(NamedEnum):
    """What the person using this laptop does."""

    CHIEF = ("chief", "河长", "River chief")
    CHIEF_ASSISTANT = ("chief_assistant", "河长助理", "Chief's assistant")
    PATROLLER = ("patroller", "巡河员", "Field patroller")
    MAINTENANCE = ("maintenance", "管护单位", "Maintenance crew")
    LIAISON_INSPECTOR = ("liaison_inspector", "对口联系单位", "Liaison-unit inspector")
    # The city office acts on problems (交办, 催办, 延期, 核查) from its own server; never a profile's role.
    OFFICE = ("office", "市河长办", "City river-chief office")

    @property
    def has_level(self) -> bool:
        """Chiefs and their assistants act at a level; the others act for a unit."""
        return self in (Role.CHIEF, Role.CHIEF_ASSISTANT)


# The roles a profile on this laptop can have (the office is not one of them).
PROFILE_ROLES: tuple[Role, ...] = tuple(r for r in Role if r is not Role.OFFICE)


class WaterbodyKind(NamedEnum):
    RIVER = ("river", "河流", "River")
    LAKE = ("lake", "湖泊", "Lake")
    RESERVOIR = ("reservoir", "水库", "Reservoir")


class PatrolMode(NamedEnum):
    FOOT = ("foot", "步行", "On foot")
    VEHICLE = ("vehicle", "车辆", "Vehicle")
    BOAT = ("boat", "船只", "Boat")
    DRONE = ("drone", "无人机", "Drone")


@dataclass(frozen=True)
class ProblemItem:
    """One `category.item` problem code with its names."""

    code: str
    zh: str
    en: str

    @property
    def category(self) -> str:
        return self.code.split(".", 1)[0]

    def name_in(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True)
class ProblemCategory:
    code: str
    zh: str
    en: str
    items: tuple[ProblemItem, ...]

    def name_in(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


def _category(code: str, zh: str, en: str, *items: tuple[str, str, str]) -> ProblemCategory:
    return ProblemCategory(code, zh, en, tuple(ProblemItem(f"{code}.{i}", z, e) for i, z, e in items))


# The plan's categories (清四乱, 入河排污口, 黑臭水体, 清漂, 禁渔, 妨碍行洪, 工程与公示牌, 取水).
PROBLEM_CATEGORIES: tuple[ProblemCategory, ...] = (
    _category(
        "occupation",
        "乱占",
        "Illegal occupation",
        ("shoreline", "违法占用河道岸线", "Shoreline occupied without permit"),
        ("farming", "河道内违规种植", "Crops planted inside the river channel"),
        ("enclosure", "围垦湖泊水库", "Lake or reservoir enclosed for land"),
    ),
    _category(
        "mining",
        "乱采",
        "Illegal extraction",
        ("sand", "非法采砂", "Illegal sand mining"),
        ("earth", "非法取土", "Illegal earth taking"),
    ),
    _category(
        "dumping",
        "乱堆",
        "Dumping",
        ("garbage", "倾倒生活垃圾", "Household rubbish dumped"),
        ("construction_waste", "堆放建筑垃圾", "Construction waste piled"),
        ("solid_waste", "堆放固体废物", "Solid waste piled"),
    ),
    _category(
        "building",
        "乱建",
        "Illegal building",
        ("structure", "违法建筑物", "Illegal building or structure"),
        ("unapproved_project", "未批先建涉河项目", "River project built without approval"),
    ),
    _category(
        "outfall",
        "入河排污口",
        "Sewage outlet",
        ("new_unregistered", "新增未登记排污口", "New unregistered outlet"),
        ("abnormal_discharge", "排污口异常排放", "Abnormal discharge"),
        ("missing_sign", "排污口标识缺失", "Outlet sign missing"),
    ),
    _category(
        "black_odorous",
        "黑臭水体",
        "Black and odorous water",
        ("colour", "水体发黑", "Water turned black"),
        ("odour", "水体发臭", "Water smells foul"),
    ),
    _category(
        "floating",
        "清漂",
        "Floating rubbish",
        ("rubbish", "水面漂浮垃圾", "Floating rubbish"),
        ("plastic", "塑料垃圾", "Plastic waste"),
        ("vegetation", "水生植物或漂浮物聚集", "Floating vegetation build-up"),
    ),
    _category(
        "fishing",
        "非法捕捞",
        "Illegal fishing",
        ("electric_poison_blast", "电毒炸鱼", "Electric, poison or blast fishing"),
        ("ban_breach", "禁渔期违规捕捞", "Fishing during the fishing ban"),
    ),
    _category(
        "flood",
        "妨碍行洪",
        "Flood obstruction",
        ("obstruction", "阻碍行洪的障碍物", "Obstruction in the flood channel"),
        ("blocked_channel", "河道淤堵", "Channel silted or blocked"),
    ),
    _category(
        "works",
        "工程与公示牌",
        "Works and signboards",
        ("damaged_works", "水利工程设施损毁", "Water works damaged"),
        ("signboard", "河长公示牌缺失或损坏", "Chief signboard missing or damaged"),
    ),
    _category(
        "intake",
        "违法取水",
        "Illegal water intake",
        ("unpermitted", "未经许可取水", "Water taken without a permit"),
    ),
)

PROBLEM_ITEMS: dict[str, ProblemItem] = {
    item.code: item for category in PROBLEM_CATEGORIES for item in category.items
}
