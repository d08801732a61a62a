"""Demo problems (问题) with their event logs (处置记录), for `patrol-app demo`.

`small` reports about forty problems on the demo reaches over the last three months through the real
store API (`Problems.report` / `act`, so the domain decides every event at an explicit time): every
state, some overdue, a few major, a few with the small demo's photos as before/after evidence.
`large` adds 100,000 problems with whole event chains over three years on every reach. Those events
are made directly along paths the state machine allows (`_life`), each status is still folded by the
domain, and rows, outbox entries and status projections go through the store's write path, a chunk
of problems per transaction.
"""

from __future__ import annotations

import random
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from itertools import accumulate
from sqlite3 import Connection

from patrol_app.demo.shared import GIVEN, SURNAMES, Progress
from patrol_app.domain.enums import Level, Role, WaterbodyKind
from patrol_app.domain.ids import iso_utc, parse_utc
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemEvent,
    ProblemSource,
    ProblemState,
    Severity,
    Urgency,
    fold,
    local_date,
)
from patrol_app.domain.registry import Reach
from patrol_app.resources import load_json
from patrol_app.store import Store, records
from patrol_app.store.photos import PhotoFilter
from patrol_app.store.problems import event_values, problem_values, write_statuses
from patrol_app.store.settings import CURRENT_PROFILE

CHUNK = 5_000  # problems per transaction in the large demo
# China Standard Time as a fixed offset: the same as Asia/Shanghai (no daylight saving since 1991) for every
# demo date, and several times cheaper to convert for the half million times the large demo makes.
_CST = timezone(timedelta(hours=8), "CST")

_S = ProblemState
_SOURCE_WEIGHTS = {
    ProblemSource.PATROL: 55, ProblemSource.COVERT: 12, ProblemSource.COMPLAINT: 12,
    ProblemSource.SUPERIOR: 5, ProblemSource.MEDIA: 3, ProblemSource.MAINTENANCE: 13,
}
# How often each kind of problem turns up, and which kinds each source brings.
_CODE_WEIGHTS = {
    "occupation.shoreline": 4, "occupation.farming": 5, "occupation.enclosure": 2, "mining.sand": 5,
    "mining.earth": 2, "dumping.garbage": 16, "dumping.construction_waste": 7, "dumping.solid_waste": 3,
    "building.structure": 3, "building.unapproved_project": 1, "outfall.new_unregistered": 3,
    "outfall.abnormal_discharge": 3, "outfall.missing_sign": 2, "black_odorous.colour": 2,
    "black_odorous.odour": 2, "floating.rubbish": 12, "floating.plastic": 6, "floating.vegetation": 4,
    "fishing.electric_poison_blast": 3, "fishing.ban_breach": 2, "flood.obstruction": 4,
    "flood.blocked_channel": 2, "works.damaged_works": 3, "works.signboard": 5, "intake.unpermitted": 2,
}
_SOURCE_CATEGORIES = {
    ProblemSource.MAINTENANCE: ("dumping", "floating", "flood", "works"),
    ProblemSource.MEDIA: ("mining", "building", "outfall", "black_odorous", "dumping", "occupation"),
    ProblemSource.SUPERIOR: ("mining", "building", "outfall", "black_odorous", "occupation", "flood"),
    ProblemSource.COMPLAINT: ("dumping", "outfall", "black_odorous", "fishing", "mining", "building", "floating"),
}
_MAJOR_CODES = ("mining.sand", "outfall.abnormal_discharge", "building.structure", "black_odorous.odour",
                "fishing.electric_poison_blast", "building.unapproved_project")
_SEVERITY = {  # (general, serious, major) weights by category
    "occupation": (5, 4, 0.5), "mining": (3, 5, 1.5), "dumping": (8, 2, 0.2), "building": (3, 5, 1.5),
    "outfall": (4, 5, 1), "black_odorous": (3, 5, 1), "floating": (9, 1, 0), "fishing": (4, 5, 0.5),
    "flood": (4, 5, 0.5), "works": (7, 3, 0), "intake": (5, 4, 0.5),
}
_SEVERITIES = list(Severity)
_URGENCIES = list(Urgency)
_URGENCY = {Severity.GENERAL: (9, 1, 0), Severity.SERIOUS: (6, 4, 0), Severity.MAJOR: (1, 5, 4)}
_DEADLINE_DAYS = {
    "occupation": 15, "mining": 10, "dumping": 5, "building": 30, "outfall": 15, "black_odorous": 30,
    "floating": 3, "fishing": 3, "flood": 10, "works": 15, "intake": 10,
}
# Who is given the work for each category ("crew" is the contracted 物业化管护 company or station).
_ASSIGNEES = {
    "occupation": ("township", "township", "village", "water"), "mining": ("water", "water", "township"),
    "dumping": ("crew", "crew", "township", "village", "team"), "building": ("township", "land", "water"),
    "outfall": ("env",), "black_odorous": ("env", "township"), "floating": ("crew", "crew", "village", "team"),
    "fishing": ("agri",), "flood": ("water", "crew"), "works": ("crew", "water", "village"), "intake": ("water",),
}
_DEPARTMENTS = {"water": "水利局", "env": "生态环境局", "agri": "农业农村局", "land": "自然资源局"}
# What whoever finds it can put right on the spot (自行处置), and how they say they did.
_ON_THE_SPOT = {
    "dumping.garbage": ("现场组织村保洁员清理完毕", "当场清理，垃圾已装袋运走"),
    "floating.rubbish": ("当场打捞漂浮垃圾，现场已清理", "组织村保洁员打捞完毕"),
    "floating.plastic": ("当场打捞塑料垃圾并装袋运走",),
    "floating.vegetation": ("组织人员现场打捞水草",),
    "works.signboard": ("已扶正加固公示牌", "已联系村委会现场更新公示信息"),
    "flood.obstruction": ("现场组织人员清除阻水杂物",),
    "fishing.ban_breach": ("现场收缴地笼网并对当事人进行劝导",),
}

_FINDINGS = {
    "occupation.shoreline": ("{bank}岸线被附近养殖户私自搭棚圈占，长约{n}米",
                             "{bank}堤脚有商户搭建彩钢棚堆放货物，占用河道岸线约{n}米",
                             "{bank}滩地被圈作停车场，占用岸线约{n}米"),
    "occupation.farming": ("河道滩地内种植玉米约{n}亩，影响行洪", "{bank}河槽内有村民开荒种菜约{n}亩",
                           "行洪区内种植高秆作物约{n}亩"),
    "occupation.enclosure": ("{bank}库汊有人用围网圈占水面约{n}亩养鱼", "{bank}库汊被人筑埂围垦约{n}亩种庄稼"),
    "mining.sand": ("夜间有铲车在河道内非法采砂，现场留有采砂坑{n}处",
                    "河心有采砂船作业，岸边堆砂约{n}00立方米，未见采砂许可",
                    "{bank}河床被挖出深坑{n}处，有运砂车辆碾压痕迹"),
    "mining.earth": ("{bank}滩地被人取土，形成深约{n}米的土坑", "{bank}堤坡被挖土取走，缺口长约{n}米"),
    "dumping.garbage": ("{bank}堤坡堆放生活垃圾约{n}立方米", "{site}附近河边倾倒生活垃圾，有塑料袋和厨余垃圾",
                        "{bank}河滩有多处生活垃圾堆，约{n}立方米"),
    "dumping.construction_waste": ("{bank}河堤倾倒建筑垃圾（碎砖、混凝土块）约{n}立方米",
                                   "有车辆夜间往河道内倾倒装修垃圾约{n}车"),
    "dumping.solid_waste": ("河滩堆放废旧轮胎、炉渣等固体废物约{n}吨",
                            "{bank}堆放工业废渣约{n}吨，雨后有渗滤液流入河道"),
    "building.structure": ("{bank}河道管理范围内新建彩钢瓦房一处，面积约{n}0平方米",
                           "{bank}有人在堤顶私建养殖房，面积约{n}0平方米"),
    "building.unapproved_project": ("河道内正在修建漫水桥，现场未见涉河建设方案批复",
                                    "{bank}有企业在河道管理范围内铺设管道，未办理涉河审批"),
    "outfall.new_unregistered": ("{bank}新发现一处排水管（管径约{n}0厘米），不在排污口名录中",
                                 "{site}附近新增一处暗管向河道排水，未登记"),
    "outfall.abnormal_discharge": ("排污口排放浑浊发白的污水，有明显异味",
                                   "排污口出水呈黄褐色，下游约{n}0米水面有泡沫", "雨后排污口溢流，污水直排入河"),
    "outfall.missing_sign": ("排污口标识牌缺失，无法确认排放单位", "排污口标识牌倒伏、字迹不清"),
    "black_odorous.colour": ("{site}下游回水区水体发黑，长约{n}0米", "{bank}支沟入河处水体发黑，底泥上翻"),
    "black_odorous.odour": ("{site}附近水体散发臭味，岸边可见死鱼", "{bank}坑塘水体发臭，周边群众反映强烈"),
    "floating.rubbish": ("{site}附近水面有漂浮垃圾约{n}0平方米", "闸前聚集漂浮垃圾，主要为塑料瓶和泡沫"),
    "floating.plastic": ("水面漂浮塑料袋、塑料瓶等约{n}0平方米", "{bank}水草上缠挂大量塑料垃圾"),
    "floating.vegetation": ("水面水葫芦聚集约{n}0平方米", "{bank}浅水区水草疯长，枯萎后漂浮堆积"),
    "fishing.electric_poison_blast": ("有人背电瓶在{bank}浅水区电鱼", "{site}附近水面发现死鱼，疑似有人投毒捕鱼"),
    "fishing.ban_breach": ("禁渔期内有人在河中下地笼网{n}处", "禁渔期内有船只在河面撒网捕鱼"),
    "flood.obstruction": ("{site}桥孔下堆积树枝杂物，阻碍行洪", "河道内有废弃拦河堰未拆除，阻水严重"),
    "flood.blocked_channel": ("河道淤积严重，过水断面明显缩小", "{bank}支沟入河口被泥沙堵塞"),
    "works.damaged_works": ("{bank}护坡塌陷约{n}米", "堤顶路面开裂，裂缝长约{n}米",
                            "{site}附近水闸启闭机锈蚀，无法正常启闭"),
    "works.signboard": ("河长公示牌被大风吹倒", "河长公示牌上的河长信息未更新，监督电话打不通",
                        "河长公示牌字迹褪色，看不清"),
    "intake.unpermitted": ("有人在{bank}架设水泵抽水灌溉，未办理取水许可",
                           "{site}附近有企业私设取水管，未见取水许可证"),
}
_SOURCE_PREFIX = {
    ProblemSource.COVERT: ("暗访发现：",),
    ProblemSource.COMPLAINT: ("群众来电反映：", "群众通过12345热线反映："),
    ProblemSource.SUPERIOR: ("市河长办交办：", "县河长办转办上级暗访问题："),
    ProblemSource.MEDIA: ("网络媒体曝光：", "本地媒体报道："),
    ProblemSource.MAINTENANCE: ("日常管护中发现：",),
}
# What the assignee did, by problem code where the category's wording would not fit.
_FIXES = {
    "occupation": ("已拆除圈占设施，恢复岸线原貌", "已责令当事人限期清退，现场已恢复"),
    "occupation.farming": ("已清除违规种植作物，恢复河道行洪断面",),
    "mining": ("已没收采砂机具，回填采砂坑并平整河床", "已联合水政监察大队查处，现场已恢复"),
    "mining.earth": ("已回填取土坑并恢复堤坡",),
    "dumping": ("已组织人员清运垃圾{n}车，现场清理干净", "已清理完毕，并在现场设置禁止倾倒警示牌"),
    "building": ("已依法拆除违建并清运建筑垃圾", "已责令停工，拆除涉河部分并补办审批手续"),
    "outfall.new_unregistered": ("已封堵违规排水管", "已登记入排污口名录并规范设置"),
    "outfall.abnormal_discharge": ("已责令企业停产整改，出水检测达标", "已排查溯源并封堵偷排管道"),
    "outfall.missing_sign": ("已补设排污口标识牌",),
    "black_odorous": ("已清淤截污，水体恢复正常", "已清理坑塘底泥并补水换水"),
    "floating": ("已组织保洁人员打捞漂浮物并装车外运", "已清理水面垃圾和水草"),
    "fishing.electric_poison_blast": ("已联合渔政执法收缴电鱼工具", "已会同公安、渔政调查处理，打捞死鱼"),
    "fishing.ban_breach": ("已清除地笼网并对当事人进行教育",),
    "flood.obstruction": ("已清除阻水杂物，河道恢复畅通",),
    "flood.blocked_channel": ("已完成清淤疏浚，河道恢复畅通",),
    "works.damaged_works": ("已修复，试运行正常", "已完成修复并验收"),
    "works.signboard": ("已更换新的河长公示牌", "已更新公示牌上的河长信息和监督电话"),
    "intake": ("已拆除取水泵，并督促办理取水许可",),
}
_NO_PHOTO = ("整改照片已随管护台账报送", "手机没电，未能拍照", "整改照片由镇河长办统一存档")
_FEEDBACK = ("已安排人员和车辆，正在整改", "已现场查看，正在制定整改方案", "已完成大部分整改工作量")
_URGE = ("请抓紧整改，按期销号", "已超过整改期限，请尽快整改并反馈")
_EXTEND = ("汛期水位高，机械无法进场", "涉及群众补偿，需与村民协商", "需要办理拆除审批手续",
           "连续降雨，道路泥泞，清运车辆无法进入")
_REWORK = ("现场仍有残留，整改不彻底", "复查时发现问题反弹", "整改照片与现场不符，需重新整改")
_DISMISS = ("与已上报问题重复", "经现场核实不在河道管理范围内", "经核实已办理相关许可，不属于违法行为")
_VERIFY = ("现场核查，整改到位", "经复查，问题已整改完毕", "")
_BANKS = ("左岸", "右岸", "南岸", "北岸", "东岸", "西岸")


@dataclass(frozen=True)
class _Plan:
    """How a problem's life goes, stopping at `end` (or earlier, where `now` cuts it off)."""

    end: ProblemState = _S.CLOSED
    self_handle: bool = False
    returned: bool = False  # first given to the wrong unit, which sends it back
    extended: bool = False
    late: bool = False  # rectified after the deadline, once urged
    rework: bool = False  # the first check fails
    feedback: bool = False
    accept: bool = True
    overdue: bool = False  # stalls in `end` (assigned or rectifying) past its deadline
    assignee: str = ""  # who gets the work (see `_ASSIGNEES`), else drawn by category


@dataclass
class _Cast:
    """The people around one reach, as actors of events."""

    village_chief: Actor
    township_chief: Actor
    patroller: Actor
    liaison: Actor
    office: Actor  # the county river chief office (河长办)
    township_staff: Actor
    crew: Actor
    departments: dict[str, Actor] = field(default_factory=dict)

    def finder(self, source: ProblemSource) -> Actor:
        """Who records a problem from a source other than a patrol."""
        if source is ProblemSource.COVERT:
            return self.liaison
        if source is ProblemSource.COMPLAINT:  # the township's river office takes the call
            return self.township_staff
        if source is ProblemSource.MAINTENANCE:
            return self.crew
        return self.office  # from above, or from the media: the county office records it

    def worker(self, kind: str) -> Actor:
        if kind == "township":
            return self.township_staff
        if kind == "crew":
            return self.crew
        if kind == "team":
            return self.patroller
        if kind == "village":  # the village committee, i.e. the village chief
            return self.village_chief
        return self.departments[kind]


def _uuid7(rng: random.Random, at: datetime) -> str:
    """A UUIDv7 for a record made at `at`, its random bits from the demo's seeded generator."""
    ms = int(at.timestamp() * 1000)
    value = (ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | rng.getrandbits(12) << 64 | 0b10 << 62 | rng.getrandbits(62)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@cache
def _codes(source: ProblemSource, reservoir: bool, fishing_ban: bool) -> tuple[list[str], list[float]]:
    """The problem codes `source` can bring on this kind of water in this season, with cumulative weights."""
    categories = _SOURCE_CATEGORIES.get(source)
    codes = [code for code in _CODE_WEIGHTS
             if not (categories and code.split(".", 1)[0] not in categories)
             and not (code == "occupation.enclosure" and not reservoir)
             and not (code == "fishing.ban_breach" and not fishing_ban)]
    return codes, list(accumulate(_CODE_WEIGHTS[c] for c in codes))


def _person(key: str, role: Role, unit: str, name: str = "") -> Actor:
    """A fictional person, the same for the same key in every run and every demo size."""
    h = zlib.crc32(key.encode())
    name = name or SURNAMES[h % len(SURNAMES)] + GIVEN[(h >> 8) % len(GIVEN)]
    return Actor(str(uuid.uuid5(uuid.NAMESPACE_URL, f"patrol-demo-person:{key}")), name, role, unit)


class _World:
    """Reaches, their people and what to write about them."""

    def __init__(self, store: Store) -> None:
        self.reaches = store.registry.reaches()
        self.counties = {d.code: d.name for d in store.registry.divisions()}
        waterbodies = {w.code: w for w in store.registry.waterbodies()}
        self.waterbody = {r.code: waterbodies[r.waterbody_code] for r in self.reaches}
        self.chief_names = store.registry.village_chief_names()
        self.profiles = store.profiles.all()
        self._casts: dict[str, _Cast] = {}

    def _profile(self, reach: str, role: Role, level: Level | None = None) -> Actor | None:
        for p in self.profiles:
            if p.role is role and (level is None or p.level is level) and reach in p.reach_codes:
                return Actor(p.uuid, p.name, p.role, p.unit)
        return None

    def cast(self, reach: Reach) -> _Cast:
        found = self._casts.get(reach.code)
        if found is not None:
            return found
        county = self.counties.get(reach.county_code, "")
        town = f"{county}{reach.township}"
        village_unit = f"{town}{reach.village or ''}（示例）"
        wb = self.waterbody[reach.code]
        crew_unit = f"{wb.name}管护站（示例）" if wb.kind is not WaterbodyKind.RIVER or wb.name == "湛河" \
            else f"{county}{wb.name}保洁公司（示例）"
        departments = {k: _person(f"{county}{name}:{reach.township}", Role.LIAISON_INSPECTOR, f"{county}{name}（示例）")
                       for k, name in _DEPARTMENTS.items()}
        cast = _Cast(
            village_chief=self._profile(reach.code, Role.CHIEF, Level.VILLAGE)
            or _person(f"chief:{reach.code}", Role.CHIEF, village_unit, self.chief_names.get(reach.code, "")),
            township_chief=self._profile(reach.code, Role.CHIEF, Level.TOWNSHIP)
            or _person(f"township-chief:{town}", Role.CHIEF, f"{town}人民政府（示例）"),
            patroller=self._profile(reach.code, Role.PATROLLER)
            or _person(f"patroller:{town}", Role.PATROLLER, f"{town}巡河队（示例）"),
            liaison=self._profile(reach.code, Role.LIAISON_INSPECTOR)
            or _person(f"liaison:{county}", Role.LIAISON_INSPECTOR, f"{county}水利局（示例）"),
            office=_person(f"office:{county}", Role.CHIEF_ASSISTANT, f"{county}河长制办公室（示例）"),
            township_staff=_person(f"township-staff:{town}", Role.CHIEF_ASSISTANT, f"{town}人民政府（示例）"),
            crew=_person(f"crew:{crew_unit}", Role.MAINTENANCE, crew_unit),
            departments=departments,
        )
        self._casts[reach.code] = cast
        return cast

    def problem(self, rng: random.Random, reach: Reach, source: ProblemSource, found_at: datetime,
                patrol_uuid: str | None = None, *, major: bool = False, codes: Sequence[str] = ()) -> Problem:
        """The facts of one problem: what, how bad, where, who found it."""
        cast = self.cast(reach)
        code = rng.choice(codes) if codes else self._code(rng, reach, source, found_at, major)
        category = code.split(".", 1)[0]
        severity = Severity.MAJOR if major else rng.choices(_SEVERITIES, _SEVERITY[category])[0]
        site = f"{reach.village or reach.township}{rng.choice(('村口桥', '排灌站', '拦河闸', '漫水桥', '渡口'))}"
        text = rng.choice(_FINDINGS[code]).format(bank=rng.choice(_BANKS), n=rng.randrange(2, 9), site=site)
        prefixes = _SOURCE_PREFIX.get(source)
        description = (rng.choice(prefixes) if prefixes else "") + text
        found_by = (cast.village_chief if rng.random() < 0.75 else cast.patroller) if source is ProblemSource.PATROL \
            else cast.finder(source)
        lat = lon = None
        if reach.geometry and (source is not ProblemSource.COMPLAINT or rng.random() < 0.3):
            lon, lat = rng.choice(reach.geometry)
            lat, lon = round(lat + rng.uniform(-4e-4, 4e-4), 6), round(lon + rng.uniform(-4e-4, 4e-4), 6)
        return Problem(
            _uuid7(rng, found_at), code, description, severity, rng.choices(_URGENCIES, _URGENCY[severity])[0], source,
            reach.code, found_at, found_by, lat, lon,
            ("track" if patrol_uuid else "manual") if lat is not None else None, patrol_uuid,
        )

    def _code(self, rng: random.Random, reach: Reach, source: ProblemSource, at: datetime, major: bool) -> str:
        if major:
            return rng.choice(_MAJOR_CODES)
        reservoir = self.waterbody[reach.code].kind is not WaterbodyKind.RIVER
        ban = 3 <= at.astimezone(_CST).month <= 6  # the fishing ban on Huai river waters: 1 March – 30 June
        codes, cumulative = _codes(source, reservoir, ban)
        return rng.choices(codes, cum_weights=cumulative)[0]


def _life(rng: random.Random, problem: Problem, cast: _Cast, plan: _Plan, report_at: datetime, now: datetime,
          *, before: Sequence[str] = (), after: Sequence[str] = (), after_at: datetime | None = None,
          ) -> list[ProblemEvent]:
    """The events of one problem along `plan`, each allowed where it lands (and by `decide`'s rules too:
    reasons, notes, an after photo or why there is none). Times only grow; the caller cuts at `now`."""
    events: list[ProblemEvent] = []
    category = problem.category

    def add(action: Action, at: datetime, actor: Actor, **details: object) -> datetime:
        if events and at <= events[-1].at:
            at = events[-1].at + timedelta(minutes=rng.randrange(1, 30))
        events.append(ProblemEvent(_uuid7(rng, at), problem.uuid, len(events) + 1, action, at, actor,
                                   **details))  # type: ignore[arg-type]
        return at

    def work(t: datetime, lo: float, hi: float) -> datetime:
        """`lo`–`hi` hours later, moved into working hours (08:00–18:00 China time)."""
        t = (t + timedelta(hours=rng.uniform(lo, hi))).astimezone(_CST)
        if t.hour >= 18:
            t = (t + timedelta(days=1)).replace(hour=8, minute=0)
        elif t.hour < 8:
            t = t.replace(hour=8, minute=0)
        else:
            return t
        return t + timedelta(minutes=rng.randrange(150))

    def due(deadline: date) -> datetime:
        return datetime.combine(deadline, time(17, 30), _CST)

    def urges(t: datetime, deadline: date, by: Actor) -> None:
        t = due(deadline) + timedelta(hours=rng.uniform(20, 90))
        for _ in range(rng.randrange(1, 4)):
            if t >= now:
                return
            t = add(Action.URGE, work(t, 0, 1), by, note=rng.choice(_URGE))
            t += timedelta(days=rng.uniform(5, 15))

    def evidence() -> dict[str, object]:
        return {"photos": tuple(after)} if after else {"reason": rng.choice(_NO_PHOTO)}

    source = problem.source
    t = add(Action.REPORT, report_at, problem.found_by, photos=tuple(before))
    overseers = {
        ProblemSource.COVERT: cast.liaison, ProblemSource.SUPERIOR: cast.office, ProblemSource.MEDIA: cast.office,
    }
    assigner = overseers.get(source) or (cast.village_chief if rng.random() < 0.3 else cast.township_chief)
    if plan.end is _S.REPORTED:
        return events
    if plan.end is _S.DISMISSED:
        add(Action.DISMISS, work(t, 1, 48), assigner, reason=rng.choice(_DISMISS))
        return events
    fix = rng.choice(_FIXES.get(problem.code) or _FIXES[category]).format(n=rng.randrange(1, 6))
    if plan.self_handle:
        t = t + timedelta(minutes=rng.randrange(5, 40))
        if after_at is not None:
            t = max(t, after_at + timedelta(minutes=rng.randrange(2, 20)))
        note = rng.choice(_ON_THE_SPOT.get(problem.code, ("现场处理完毕",)))
        t = add(Action.SELF_HANDLE, t, problem.found_by, note=note, **evidence())
        rectifier = problem.found_by
    else:
        kind = plan.assignee or rng.choice(_ASSIGNEES[category])
        worker = cast.worker(kind)
        days = max(2, round(_DEADLINE_DAYS[category] * rng.uniform(0.7, 1.4)
                            * (0.5 if problem.urgency is Urgency.CRITICAL else 1)))
        if plan.returned:
            wrong = cast.worker("crew" if kind == "township" else "township")
            t = work(t, 1, 30)
            t = add(Action.ASSIGN, t, assigner, assignee_unit=wrong.unit, deadline=local_date(t) + timedelta(days=days))
            t = add(Action.RETURN, work(t, 2, 40), wrong,
                    reason=f"不属于本单位职责，建议交由{worker.unit.removesuffix('（示例）')}办理")
        t = work(t, 1, 48)
        deadline = local_date(t) + timedelta(days=days)
        t = add(Action.ASSIGN, t, assigner, assignee_unit=worker.unit,
                assignee_person=worker.name if rng.random() < 0.5 else "", deadline=deadline)
        if plan.end is _S.ASSIGNED:
            if plan.overdue:
                urges(t, deadline, assigner)
            return events
        if plan.accept or plan.end is _S.RECTIFYING:
            t = add(Action.ACCEPT, work(t, 1, 30), worker)
        if plan.extended and due(deadline) - t > timedelta(hours=2):
            t = add(Action.EXTEND, t + (due(deadline) - t) * rng.uniform(0.5, 0.9), assigner,
                    reason=rng.choice(_EXTEND), deadline=deadline + timedelta(days=rng.randrange(7, 21)))
            deadline = events[-1].deadline or deadline
        if plan.feedback or (plan.end is _S.RECTIFYING and not plan.overdue):
            t = add(Action.FEEDBACK, t + max(timedelta(hours=3), (due(deadline) - t) * rng.uniform(0.2, 0.4)),
                    worker, note=rng.choice(_FEEDBACK))
        if plan.end is _S.RECTIFYING:
            if plan.overdue:
                urges(t, deadline, assigner)
            return events
        if plan.late:
            t = add(Action.URGE, work(due(deadline), 20, 60), assigner, note=rng.choice(_URGE))
            t = t + timedelta(hours=rng.uniform(10, 120))
        else:
            t = t + max(timedelta(hours=2), (due(deadline) - t) * rng.uniform(0.15, 0.95))
        if after_at is not None:
            t = max(t, after_at + timedelta(minutes=rng.randrange(2, 30)))
        t = add(Action.RECTIFY, t, worker, note=fix, **evidence())
        rectifier = worker
    choices = {ProblemSource.COVERT: (cast.liaison, cast.township_chief),
               ProblemSource.SUPERIOR: (cast.office, cast.liaison), ProblemSource.MEDIA: (cast.office, cast.liaison)}
    pool = [a for a in (*choices.get(source, ()), cast.village_chief, cast.township_chief, cast.liaison)
            if a.uuid != rectifier.uuid]
    verifier = pool[0] if rng.random() < 0.6 else rng.choice(pool)
    if plan.rework:
        t = work(t, 4, 72)
        again = local_date(t) + timedelta(days=rng.randrange(3, 8))
        t = add(Action.REWORK, t, verifier, reason=rng.choice(_REWORK), deadline=again)
        t = add(Action.RECTIFY, t + (due(again) - t) * rng.uniform(0.2, 0.9), rectifier,
                note="已按核查意见重新整改：" + fix, reason=rng.choice(_NO_PHOTO))
    if plan.end is _S.RECTIFIED:
        return events
    t = add(Action.VERIFY, work(t, 4, 96), verifier, note=rng.choice(_VERIFY))
    if plan.end is _S.VERIFIED:
        return events
    closer = overseers.get(source) or cast.township_chief
    add(Action.CLOSE, work(t, 1, 72), closer, note="整改到位，同意销号")
    return events


# ---- small: about forty problems in the last three months, through the real API ---------------------

_P = _Plan
# (plan, found this many days ago (from, to), major). Windows are wide enough for the plan to reach its
# end before `now`; `_small_one` draws again when a draw does not.
_SMALL: tuple[tuple[_Plan, tuple[float, float], bool], ...] = (
    (_P(_S.REPORTED), (0.1, 3), False), (_P(_S.REPORTED), (0.1, 3), False), (_P(_S.REPORTED), (0.1, 2), True),
    (_P(_S.REPORTED), (0.1, 2), False),
    (_P(_S.DISMISSED), (3, 85), False), (_P(_S.DISMISSED), (3, 85), False), (_P(_S.DISMISSED), (3, 85), False),
    (_P(_S.ASSIGNED, assignee="village"), (0.5, 4), False), (_P(_S.ASSIGNED), (0.5, 3), True),
    (_P(_S.ASSIGNED), (0.5, 4), False),
    (_P(_S.ASSIGNED, overdue=True), (15, 60), False),
    (_P(_S.ASSIGNED, returned=True, overdue=True), (15, 60), True),
    (_P(_S.RECTIFYING, assignee="team"), (2, 8), False), (_P(_S.RECTIFYING, extended=True), (3, 10), False),
    (_P(_S.RECTIFYING, returned=True), (2, 8), False),
    (_P(_S.RECTIFYING, overdue=True, assignee="township"), (20, 70), False),
    (_P(_S.RECTIFYING, overdue=True), (20, 70), False),
    (_P(_S.RECTIFYING, extended=True, overdue=True), (30, 75), False),
    (_P(_S.RECTIFIED), (3, 20), False), (_P(_S.RECTIFIED, rework=True), (6, 25), False),
    (_P(_S.RECTIFIED, late=True), (8, 30), False),
    (_P(_S.VERIFIED), (4, 25), False), (_P(_S.VERIFIED, feedback=True), (4, 25), False),
    (_P(_S.VERIFIED), (5, 25), False),
    (_P(), (10, 88), False), (_P(), (10, 88), False), (_P(), (10, 88), False), (_P(feedback=True), (10, 88), False),
    (_P(self_handle=True), (5, 88), False), (_P(self_handle=True), (5, 88), False),
    (_P(returned=True), (15, 88), False), (_P(extended=True), (30, 88), False), (_P(late=True), (25, 88), True),
    (_P(late=True, feedback=True), (25, 88), False), (_P(rework=True), (20, 88), False),
    (_P(rework=True, accept=False), (20, 88), True),
)


def add_small(store: Store, rng: random.Random, now: datetime, report: Progress | None = None) -> int:
    """About forty problems on the demo reaches, reported and handled through `store.problems`."""
    report = report or (lambda stage, done, total: None)
    world = _World(store)
    if not world.profiles:
        return 0
    lives = _photo_lives(store, world, rng, now)
    mine = set(_current_reaches(store))
    lushan = {r.code for r in world.reaches if r.county_code == "410423"}
    shipped = {r["code"] for r in load_json("registry", "pingdingshan.json")["demo"]["reaches"]}
    reaches = [r for r in world.reaches if r.code in shipped]  # not the large demo's made-up ones
    weights = [10 if r.code in mine else 3 if r.code in lushan else 1 for r in reaches]
    others = [s for s in ProblemSource if s is not ProblemSource.PATROL]
    inspected = [r for r in reaches if any(p.role is Role.LIAISON_INSPECTOR and r.code in p.reach_codes
                                           for p in world.profiles)]
    for i, (plan, window, major) in enumerate(_SMALL):
        if plan.self_handle:
            source = (ProblemSource.PATROL, ProblemSource.MAINTENANCE)[i % 2]
        elif i % 3 == 1 and not major:  # every source turns up; patrols find most
            source = others[(i // 3) % len(others)]
        else:
            source = ProblemSource.PATROL
        reach = rng.choices(reaches, weights)[0]
        if source is ProblemSource.COVERT and inspected:  # the liaison unit inspects its chief's reaches
            reach = rng.choice(inspected)
        if plan.assignee:  # work for the people of the current profile's reaches (their 任务清单)
            reach = rng.choice([r for r in reaches if r.code in mine] or reaches)
        lives.append(_small_one(store, world, rng, now, reach, source, plan, window, major))
    lives.sort(key=lambda life: life[1][0].at)
    for i, (problem, events) in enumerate(lives):
        report("problems", i, len(lives))
        _replay(store, problem, events)
    report("problems", len(lives), len(lives))
    return len(lives)


def _current_reaches(store: Store) -> tuple[str, ...]:
    uuid_ = store.settings.get(CURRENT_PROFILE)
    profile = store.profiles.get(uuid_) if uuid_ else None
    return profile.reach_codes if profile else ()


def _daytime(rng: random.Random, t: datetime) -> datetime:
    local = t.astimezone(_CST)
    return local.replace(hour=rng.randrange(7, 18), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)


def _small_one(store: Store, world: _World, rng: random.Random, now: datetime, reach: Reach,
               source: ProblemSource, plan: _Plan, window: tuple[float, float],
               major: bool) -> tuple[Problem, list[ProblemEvent]]:
    patrols = [(p["uuid"], parse_utc(p["started_at"]), parse_utc(p["ended_at"]))
               for p in store.patrols.recent([reach.code], limit=40)] if source is ProblemSource.PATROL else []
    cutoff = now - timedelta(minutes=1)
    codes = sorted(_ON_THE_SPOT) if plan.self_handle else ()
    for _ in range(80):
        found_at = min(_daytime(rng, now - timedelta(days=rng.uniform(*window))), now - timedelta(hours=2))
        patrol_uuid = None
        for uuid_, start, end in patrols:  # newest first: the patrol on which it was found
            if start <= found_at and found_at - start < timedelta(days=7):
                patrol_uuid, found_at = uuid_, start + (min(end, now - timedelta(hours=2)) - start) * rng.random()
                break
        problem = world.problem(rng, reach, source, found_at, patrol_uuid, major=major, codes=codes)
        report_at = min(found_at + timedelta(minutes=rng.randrange(5, 180)), cutoff)
        events = _life(rng, problem, world.cast(reach), plan, report_at, now)
        if events[-1].at > cutoff:
            continue
        status = fold(problem.uuid, events)
        if status.state is plan.end and (not plan.end.has_deadline or status.is_overdue(now) == plan.overdue):
            break
    return problem, [e for e in events if e.at <= cutoff]


def _photo_lives(store: Store, world: _World, rng: random.Random,
                 now: datetime) -> list[tuple[Problem, list[ProblemEvent]]]:
    """Problems on the current profile's recent patrols with the small demo's photos as evidence:
    two fixed on the spot (before and after photo from the same patrol), one handed on whose
    rectification shows a photo from a later patrol of the reach, one just reported."""
    by_patrol: dict[str, list[tuple[datetime, str, dict]]] = {}
    for row in store.photos.page(PhotoFilter(linked=True), None, 500):
        target = next((target for kind, target in store.photos.links(row["uuid"]) if kind == "patrol"), None)
        if target is not None and row["taken_at"]:
            by_patrol.setdefault(target, []).append((parse_utc(row["taken_at"]), row["uuid"], row))
    groups = []
    for patrol_uuid, shots in by_patrol.items():
        patrol = store.patrols.get(patrol_uuid)
        if patrol is not None:
            groups.append((parse_utc(patrol["started_at"]), patrol, sorted(shots, key=lambda s: s[0])))
    groups.sort(key=lambda g: g[0])
    reaches = {r.code: r for r in world.reaches}
    cutoff = now - timedelta(minutes=1)
    lives = []

    def life(group: tuple, plan: _Plan, codes: Sequence[str], *, after: tuple | None = None,
             self_handle_after: bool = False) -> None:
        _, patrol, shots = group
        reach = reaches[patrol["reach_code"]]
        cast = world.cast(reach)
        finder = next((a for a in (cast.village_chief, cast.patroller) if a.uuid == patrol["profile_uuid"]),
                      cast.village_chief)
        first = shots[0]
        last = shots[-1] if self_handle_after else after
        problem = world.problem(rng, reach, ProblemSource.PATROL, first[0], patrol["uuid"], codes=codes)
        position = {"lat": first[2]["lat"], "lon": first[2]["lon"], "position_source": "exif"} \
            if first[2]["lat"] is not None else {}
        problem = replace(problem, found_by=finder, **position)  # type: ignore[arg-type]
        events = _life(rng, problem, cast, plan, min(first[0] + timedelta(minutes=rng.randrange(3, 15)), cutoff),
                       now, before=(first[1],), after=(last[1],) if last else (), after_at=last[0] if last else None)
        lives.append((problem, [e for e in events if e.at <= cutoff]))

    pairs = [g for g in groups if len(g[2]) >= 2]
    for group, codes in zip(pairs[:2], (("floating.rubbish",), ("dumping.garbage",)), strict=False):
        life(group, _Plan(self_handle=True), codes, self_handle_after=True)
    rest = [g for g in groups if g not in pairs[:2]]
    if len(rest) >= 2:
        later = next((g for g in rest[1:] if g[1]["reach_code"] == rest[0][1]["reach_code"]), None)
        life(rest[0], _Plan(feedback=True), ("floating.plastic", "dumping.garbage"),
             after=later[2][0] if later else None)
        life(rest[-1], _Plan(_S.ASSIGNED), ("dumping.construction_waste", "works.signboard"))
    return lives


def _replay(store: Store, problem: Problem, events: Sequence[ProblemEvent]) -> None:
    """Record a planned life the way a user would: report, then one action at a time, each decided."""
    first = events[0]
    status = store.problems.report(problem, photos=first.photos, note=first.note, now=first.at)
    for e in events[1:]:
        status = store.problems.act(
            problem.uuid, status.head, e.action, e.actor, now=e.at, note=e.note, reason=e.reason,
            assignee_unit=e.assignee_unit, assignee_person=e.assignee_person, deadline=e.deadline, photos=e.photos,
        )


# ---- large: 100,000 problems over years, written in bulk --------------------------------------------


def _draw_plan(rng: random.Random, problem: Problem, age_days: float) -> _Plan:
    """Most problems end closed; a few are dismissed, fixed on the spot, or stall past their deadline."""
    r = rng.random()
    if r < 0.03:
        return _Plan(_S.DISMISSED)
    if r < 0.03 + (0.05 if age_days < 120 else 0.004):  # left lying: recently, or a few old cases
        return _Plan(rng.choice((_S.ASSIGNED, _S.RECTIFYING, _S.RECTIFYING)), overdue=True,
                     extended=rng.random() < 0.2)
    on_the_spot = problem.code in _ON_THE_SPOT and problem.source in (ProblemSource.PATROL,
                                                                       ProblemSource.MAINTENANCE)
    if on_the_spot and rng.random() < (0.85 if problem.source is ProblemSource.MAINTENANCE else 0.7):
        return _Plan(self_handle=True, rework=rng.random() < 0.03)
    return _Plan(returned=rng.random() < 0.04, extended=rng.random() < 0.06, late=rng.random() < 0.1,
                 rework=rng.random() < 0.05, feedback=rng.random() < 0.1, accept=rng.random() < 0.2)


def add_bulk(store: Store, rng: random.Random, count: int, years: int, now: datetime,
             report: Progress | None = None) -> int:
    """`count` problems with whole event chains on every reach over `years`, a chunk per transaction."""
    report = report or (lambda stage, done, total: None)
    world = _World(store)
    reaches = world.reaches
    if not reaches:
        return 0
    report("problems", 0, count)
    span = timedelta(days=365 * years).total_seconds()
    latest = (now - timedelta(hours=2)).astimezone(_CST)
    earliest = iso_utc(now - timedelta(seconds=span))
    weights = [rng.choice((0.4, 0.7, 1, 1, 1.5, 2.5)) for _ in reaches]  # some reaches have more trouble
    picks = rng.choices(range(len(reaches)), weights, k=count)
    sources = rng.choices(list(_SOURCE_WEIGHTS), list(_SOURCE_WEIGHTS.values()), k=count)
    patrols: dict[int, list[tuple[str, str, str]]] = {}  # reach index → (uuid, started, ended) of its patrols
    draws: list[tuple[datetime, int, ProblemSource, str | None]] = []
    for index, source in zip(picks, sources, strict=True):
        patrol_uuid = None
        found_at = _daytime(rng, now - timedelta(seconds=rng.random() * span))
        if source is ProblemSource.PATROL:
            if index not in patrols:
                patrols[index] = [(p["uuid"], p["started_at"], p["ended_at"])
                                  for p in store.patrols.recent([reaches[index].code], limit=100_000)
                                  if p["started_at"] >= earliest]
            if patrols[index]:
                uuid_, started, ended = rng.choice(patrols[index])
                start, end = parse_utc(started), min(parse_utc(ended), latest)
                if start < end:
                    patrol_uuid = uuid_
                    found_at = (start + (end - start) * rng.random()).astimezone(_CST)
        draws.append((min(found_at, latest), index, source, patrol_uuid))
    patrols.clear()
    draws.sort(key=lambda d: d[0])  # found in time order: ids and indexes grow at their ends
    device = store.device_id
    cutoff = now - timedelta(minutes=1)
    for first in range(0, count, CHUNK):
        lives = []
        for found_at, index, source, patrol_uuid in draws[first:first + CHUNK]:
            reach = reaches[index]
            problem = world.problem(rng, reach, source, found_at, patrol_uuid)
            plan = _draw_plan(rng, problem, (now - found_at).total_seconds() / 86400)
            report_at = min(found_at + timedelta(minutes=rng.randrange(5, 180)), cutoff)
            lives.append((problem, [e for e in _life(rng, problem, world.cast(reach), plan, report_at, now)
                                    if e.at <= cutoff]))
        with store.write() as conn:
            _write_chunk(conn, device, lives)
        report("problems", min(first + CHUNK, count), count)
    return count


def _write_chunk(conn: Connection, device: str, lives: Sequence[tuple[Problem, Sequence[ProblemEvent]]]) -> None:
    """Problems, their events and their folded statuses, in bulk: each syncable row with its outbox entry."""
    problems, events_rows = [], []
    for problem, events in lives:
        values = [event_values(e) for e in events]
        problems.append((problem.uuid, values[0]["at"], problem_values(problem)))
        events_rows += [(event.uuid, v["at"], v) for event, v in zip(events, values, strict=True)]
    records.insert_given(conn, device, records.PROBLEM, problems)
    records.insert_given(conn, device, records.PROBLEM_EVENT, events_rows)
    write_statuses(conn, ((fold(problem.uuid, events), iso_utc(problem.found_at)) for problem, events in lives))
