"""What the patrol editor says about a patrol in sentences: whether it will count as valid and why not,
the track checks' warnings, and what a save just did ("草稿已保存 14:32。还没有提交：…")."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from patrol_app.patrolling import Validity
from patrol_app.ui.patrol_models import distance_text, duration_text

RED = "color:#a61b1b; font-weight:bold"  # a refusal: what to put right
GREY = "color:#4a5a6a"  # a hint or what was just done


def span(text: str, style: str) -> str:
    """`text` (plain) styled for the editor's rich-text message line."""
    return f"<span style='{style}'>{html.escape(text)}</span>"


def validity_sentence(result: Validity) -> str:
    """Whether the patrol will count as valid (有效巡河), and if not, by how much it falls short."""
    if result.valid:
        return (QCoreApplication.translate(
            "PatrolEditor", "It will count as a valid patrol: %1 and %2 meet the minimum of %3 and %4.")
            .replace("%1", duration_text(result.duration_s)).replace("%2", distance_text(result.distance_m))
            .replace("%3", duration_text(result.min_duration_s)).replace("%4", distance_text(result.min_distance_m)))
    reasons = []
    if result.too_short_distance:
        reasons.append(QCoreApplication.translate("PatrolEditor", "the distance %1 is less than the %2 required")
                       .replace("%1", distance_text(result.distance_m))
                       .replace("%2", distance_text(result.min_distance_m)))
    if result.too_short_time:
        reasons.append(QCoreApplication.translate("PatrolEditor", "the time %1 is less than the %2 required")
                       .replace("%1", duration_text(result.duration_s))
                       .replace("%2", duration_text(result.min_duration_s)))
    return (QCoreApplication.translate("PatrolEditor",
                                       "It will be counted as patrolled, but NOT as a valid patrol: %1.")
            .replace("%1", QCoreApplication.translate("PatrolEditor", "; ").join(reasons)))


def validity_short(result: Validity) -> str:
    """For the header: nothing when valid, else " · not valid: distance under 1.00 km"."""
    if result.valid:
        return ""
    short = []
    if result.too_short_distance:
        short.append(QCoreApplication.translate("PatrolEditor", "distance under %1").replace(
            "%1", distance_text(result.min_distance_m)))
    if result.too_short_time:
        short.append(QCoreApplication.translate("PatrolEditor", "time under %1").replace(
            "%1", duration_text(result.min_duration_s)))
    return QCoreApplication.translate("PatrolEditor", " · not valid: %1").replace(
        "%1", QCoreApplication.translate("PatrolEditor", ", ").join(short))


def figures(duration_s: int, distance_m: int, photos: int, warnings: int) -> str:
    return (QCoreApplication.translate("PatrolEditor", "%1 · %2 · %3 photo(s) · %4 warning(s)")
            .replace("%1", duration_text(duration_s)).replace("%2", distance_text(distance_m))
            .replace("%3", str(photos)).replace("%4", str(warnings)))


def warnings_sentence(count: int) -> str:
    if not count:
        return ""
    return QCoreApplication.translate(
        "PatrolEditor", "The checks give %1 warning(s) (see the Track tab); the office sees them too.").replace(
        "%1", str(count))


def draft_saved(at: str, still_missing: str) -> str:
    """`still_missing`: why it could not be finalised yet, or "" when it could."""
    missing = still_missing or QCoreApplication.translate(
        "PatrolEditor", "it counts as a patrol only once you click Finalise.")
    return (QCoreApplication.translate("PatrolEditor", "Draft saved at %1. Not finalised yet: %2")
            .replace("%1", at).replace("%2", missing))


def finalised(at: str, validity: str) -> str:
    return (QCoreApplication.translate("PatrolEditor", "Finalised at %1; the record is now locked. %2")
            .replace("%1", at).replace("%2", validity))


def revised(at: str) -> str:
    return QCoreApplication.translate(
        "PatrolEditor", "Revision saved at %1. The version it replaced is kept (see History).").replace("%1", at)
