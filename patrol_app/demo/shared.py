"""What every demo module shares: the progress callback's shape and the fictional names people get."""

from __future__ import annotations

import random
from collections.abc import Callable

Progress = Callable[[str, int, int], None]  # (stage, done, total)

SURNAMES = "张王李赵刘陈杨黄周吴郑孙马朱胡郭何高林罗宋梁韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = [
    "建国",
    "秀英",
    "国强",
    "丽娟",
    "志刚",
    "桂兰",
    "海涛",
    "玉梅",
    "军",
    "红霞",
    "德明",
    "春花",
    "新民",
    "晓燕",
    "振华",
    "淑芬",
    "卫东",
    "金凤",
    "长松",
    "爱萍",
]
VILLAGE_STEMS = [
    "李庄",
    "王营",
    "张湾",
    "刘岗",
    "赵寨",
    "孙店",
    "高桥",
    "马楼",
    "黄庄",
    "周营",
    "陈湾",
    "吴岗",
    "郭庄",
    "杨寨",
    "何店",
    "朱楼",
]


def person_name(rng: random.Random) -> str:
    """A fictional two- or three-character name, drawn from the demo's seeded generator."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN)
