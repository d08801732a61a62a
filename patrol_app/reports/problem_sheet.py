"""One problem as a printable 督办单 (supervision sheet): facts, before/after photos, the event timeline.

Produces HTML in the subset QTextDocument understands (tables with attributes, <img> with a size, no
CSS layout); `patrol_app.ui.problem_pdf` renders it to A4. Every piece of user text is escaped.
"""

from __future__ import annotations

import html
from datetime import datetime
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.domain.enums import PROBLEM_CATEGORIES, PROBLEM_ITEMS
from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import NEEDS_AFTER_PHOTO, Action, Actor, Problem, Step
from patrol_app.paths import Library

if TYPE_CHECKING:
    from patrol_app.store.problems import ProblemView

# Room for a photo inside one of two columns of an A4 page with ~15 mm margins (CSS px at 96 dpi).
PHOTO_BOX = (300, 225)
BORDER = 'border="1" cellspacing="0" cellpadding="5" width="100%" style="border-collapse: collapse; border-color: #444"'

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("河湖问题督办单", "River and Lake Problem Supervision Sheet"),
    "number": ("编号", "No."),
    "printed": ("打印时间", "Printed"),
    "facts": ("一、问题情况", "1. The problem"),
    "photos": ("二、现场照片", "2. Photos"),
    "timeline": ("三、处置过程", "3. What was done"),
    "signatures": ("四、签字确认", "4. Signatures"),
    "type": ("问题类型", "Problem type"),
    "state": ("当前状态", "Current state"),
    "reach": ("河段", "Reach"),
    "position": ("位置", "Position"),
    "found_at": ("发现时间", "Found at"),
    "found_by": ("发现人", "Found by"),
    "source": ("来源", "Source"),
    "severity": ("严重程度", "Severity"),
    "urgency": ("紧急程度", "Urgency"),
    "reworks": ("重办次数", "Reworks"),
    "unit": ("责任单位", "Responsible unit"),
    "person": ("责任人", "Responsible person"),
    "deadline": ("整改期限", "Deadline"),
    "assigned_by": ("交办人", "Assigned by"),
    "description": ("问题描述", "Description"),
    "before": ("整改前", "Before"),
    "after": ("整改后", "After"),
    "time": ("时间", "Time"),
    "action": ("办理事项", "Action"),
    "actor": ("办理人", "By"),
    "details": ("办理情况", "Details"),
    "no_report": ("未收到上报记录", "No report received yet"),
    "none": ("无", "none"),
    "not_recorded": ("未记录", "not recorded"),
    "taken": ("拍摄于 {}", "Taken {}"),
    "taken_unknown": ("拍摄时间不详", "Time taken unknown"),
    "missing": ("照片文件缺失", "Photo file missing"),
    "no_before": ("上报时未附照片", "No photo was attached to the report"),
    "not_rectified": ("尚未整改", "Not rectified yet"),
    "no_after": ("未附整改后照片", "No photo was attached after the work"),
    "no_after_reason": ("未附照片原因：{}", "No photo because: {}"),
    "event_not_applied": ("（所属记录未生效）", " (its record was not applied)"),
    "overdue": ("超期 {} 天", "{} day(s) overdue"),
    "not_applied": ("未生效：{}", "Not applied: {}"),
    "assigned_to": ("交办给：{}", "Assigned to: {}"),
    "new_deadline": ("整改期限：{}", "Deadline: {}"),
    "reason": ("原因：{}", "Reason: {}"),
    "photo_count": ("附照片 {} 张", "{} photo(s) attached"),
    "assigner_sign": ("交办人签字", "Assigned by (signature)"),
    "rectifier_sign": ("整改人签字", "Rectified by (signature)"),
    "verifier_sign": ("核查人签字", "Verified by (signature)"),
    "date_blank": ("日期：________年____月____日", "Date: ____________________"),
    "record": ("记录号", "Record id"),
}
_POSITION_SOURCE = {
    "exif": ("照片定位", "from the photo's GPS"),
    "track": ("巡河轨迹", "from the patrol track"),
    "manual": ("手工标注", "set by hand"),
}
_GAP = '<p style="font-size: 6pt">&nbsp;</p>'
_CATEGORIES = {c.code: c for c in PROBLEM_CATEGORIES}
_AFTER = (Action.RECTIFY, Action.SELF_HANDLE)


class _Words:
    """The sheet's wording in one language (Chinese unless `language` is not a zh_* code)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.zh = language.startswith("zh")
        self.colon = "：" if self.zh else ": "

    def __call__(self, key: str, *args: object) -> str:
        zh, en = _TEXT[key]
        return (zh if self.zh else en).format(*args)

    def pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.zh else pair[1]


def problem_number(problem: Problem) -> str:
    """The number printed on the sheet: local date found and the random tail of the uuid.

    (A uuid7 starts with its timestamp, so its first characters are shared by everything made in the
    same minute; its last ones are random.)
    """
    return f"{problem.found_at.astimezone(CHINA_TZ):%Y%m%d}-{problem.uuid.replace('-', '')[-6:].upper()}"


def problem_sheet_html(
    view: ProblemView, library_root: Path, language: str = "zh_CN", now: datetime | None = None
) -> str:
    """The 督办单 of one problem as QTextDocument-compatible HTML; photos are read from `library_root`."""
    w = _Words(language)
    now = now or utc_now()
    problem = view.problem
    parts = [
        '<html><head><meta charset="utf-8"></head><body style="font-size: 10.5pt">',
        f'<p align="center" style="font-size: 20pt; font-weight: bold">{_e(w("title"))}</p>',
        '<table width="100%" cellspacing="0" cellpadding="2"><tr>'
        f"<td>{_e(w('number') + w.colon + problem_number(problem))}</td>"
        f'<td align="right">{_e(w("printed") + w.colon + _local(now))}</td></tr></table>',
        _facts(view, w, now),
        _GAP,
        _photos(view, Library(library_root), w),
        _GAP,
        _timeline(view, w),
        _GAP,
        _signatures(w),
        f'<p style="font-size: 8pt; color: #666666">{_e(w("record") + w.colon + problem.uuid)}</p>',
        "</body></html>",
    ]
    return "\n".join(parts)


def _facts(view: ProblemView, w: _Words, now: datetime) -> str:
    p, s = view.problem, view.status
    category = _CATEGORIES.get(p.category)
    item = PROBLEM_ITEMS.get(p.code)
    kind = item.name_in(w.language) if item else p.code
    if category is not None:
        kind += f"（{category.zh}）" if w.zh else f" ({category.en})"
    position = w("not_recorded")
    if p.lat is not None and p.lon is not None:
        position = f"{p.lat:.6f}, {p.lon:.6f}"
        if p.position_source in _POSITION_SOURCE:
            source = w.pick(_POSITION_SOURCE[p.position_source])
            position += f"（{source}）" if w.zh else f" ({source})"
    deadline = _e(s.deadline.isoformat()) if s.deadline else "—"
    overdue = s.days_overdue(now)
    if overdue:
        deadline += f'　<span style="color: #c00000; font-weight: bold">{_e(w("overdue", overdue))}</span>'
    rows = [
        (w("type"), _e(kind), w("state"), _e(s.state.name_in(w.language) if s.state else w("no_report"))),
        (
            w("reach"),
            _e(f"{view.reach_name}（{p.reach_code}）" if w.zh else f"{view.reach_name} ({p.reach_code})"),
            w("position"),
            _e(position),
        ),
        (w("found_at"), _local(p.found_at), w("found_by"), _e(p.found_by.label(w.language))),
        (w("source"), _e(p.source.name_in(w.language)), w("severity"), _e(p.severity.name_in(w.language))),
        (w("urgency"), _e(p.urgency.name_in(w.language)), w("reworks"), str(s.rework_count)),
        (w("unit"), _e(s.assignee_unit or "—"), w("person"), _e(s.assignee_person or "—")),
        (w("deadline"), deadline, w("assigned_by"), _e(s.assigned_by.label(w.language) if s.assigned_by else "—")),
    ]
    out = [f"<table {BORDER}>", _thead(w("facts"), 4)]
    for label1, value1, label2, value2 in rows:
        out.append(
            f'<tr>{_label(label1)}<td width="35%">{value1}</td>{_label(label2)}<td width="35%">{value2}</td></tr>'
        )
    out.append(f'<tr>{_label(w("description"))}<td colspan="3">{_text(p.description)}</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _photos(view: ProblemView, library: Library, w: _Words) -> str:
    steps = view.status.steps
    before = [
        (step, row)
        for step in steps
        if step.event.action is Action.REPORT
        for row in view.photos.get(step.event.uuid, [])
    ]
    after_steps = [step for step in steps if step.event.action in _AFTER]
    after = [(step, row) for step in after_steps for row in view.photos.get(step.event.uuid, [])]
    out = [
        f"<table {BORDER}>",
        _thead(
            w("photos"),
            2,
            f'<tr bgcolor="#e8edf3"><th width="50%">{_e(w("before"))}</th><th width="50%">{_e(w("after"))}</th></tr>',
        ),
    ]
    if not before and not after:
        empty_after = _no_after(after_steps, w)
        out.append(f'<tr><td align="center">{_e(w("no_before"))}</td><td align="center">{empty_after}</td></tr>')
    for left, right in zip_longest(before, after):
        left_html = _photo(left, library, w) if left else ("" if before else _e(w("no_before")))
        right_html = _photo(right, library, w) if right else ("" if after else _no_after(after_steps, w))
        out.append(
            f'<tr><td align="center" valign="top">{left_html}</td>'
            f'<td align="center" valign="top">{right_html}</td></tr>'
        )
    out.append("</table>")
    return "\n".join(out)


def _no_after(after_steps: list[Step], w: _Words) -> str:
    if not after_steps:
        return _e(w("not_rectified"))
    reasons = [step.event.reason for step in after_steps if step.event.reason]
    return _e(w("no_after_reason", reasons[-1])) if reasons else _e(w("no_after"))


def _photo(item: tuple[Step, dict[str, Any]], library: Library, w: _Words) -> str:
    step, row = item
    caption = w("taken", _local(parse_utc(row["taken_at"]))) if row.get("taken_at") else w("taken_unknown")
    if not step.applied:
        caption += w("event_not_applied")
    path = library.upload(row["upload_sha256"])
    if not path.is_file():
        return (
            f'<span style="color: #c00000; font-weight: bold">{_e(w("missing"))}</span><br>'
            f'<span style="font-size: 9pt">{_e(row.get("original_name") or "")}<br>{_e(caption)}</span>'
        )
    width, height = _fit(row.get("upload_width"), row.get("upload_height"))
    return (
        f'<img src="{_e(path.absolute().as_uri())}" width="{width}" height="{height}">'
        f'<br><span style="font-size: 9pt">{_e(caption)}</span>'
    )


def _fit(width: int | None, height: int | None) -> tuple[int, int]:
    """The size that keeps a photo's proportions inside PHOTO_BOX (4:3 if its size is unknown)."""
    box_w, box_h = PHOTO_BOX
    if not width or not height:
        width, height = 4, 3
    scale = min(box_w / width, box_h / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _timeline(view: ProblemView, w: _Words) -> str:
    out = [
        f"<table {BORDER}>",
        _thead(
            w("timeline"),
            4,
            '<tr bgcolor="#e8edf3">'
            f'<th width="17%">{_e(w("time"))}</th><th width="15%">{_e(w("action"))}</th>'
            f'<th width="25%">{_e(w("actor"))}</th><th width="43%">{_e(w("details"))}</th></tr>',
        ),
    ]
    for step in view.status.steps:
        e = step.event
        out.append(
            f"<tr><td>{_local(e.at)}</td><td>{_e(e.action.name_in(w.language))}</td>"
            f"<td>{_actor(e.actor, w)}</td><td>{_details(step, len(view.photos.get(e.uuid, [])), w)}</td></tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def _actor(actor: Actor, w: _Words) -> str:
    return (
        f'{_e(actor.label(w.language))}<br><span style="font-size: 9pt; color: #555555">'
        f"{_e(actor.role.name_in(w.language))}</span>"
    )


def _details(step: Step, photo_count: int, w: _Words) -> str:
    e = step.event
    lines: list[str] = []
    if e.assignee_unit or e.assignee_person:
        lines.append(_e(w("assigned_to", " ".join(x for x in (e.assignee_unit, e.assignee_person) if x))))
    if e.deadline:
        lines.append(_e(w("new_deadline", e.deadline.isoformat())))
    if e.note:
        lines.append(_text(e.note))
    if e.reason:
        no_photo = e.action in NEEDS_AFTER_PHOTO and not e.photos
        lines.append(_text(w("no_after_reason" if no_photo else "reason", e.reason)))
    if photo_count:
        lines.append(_e(w("photo_count", photo_count)))
    if step.refusal is not None:
        lines.append(
            f'<span style="color: #c00000; font-weight: bold">'
            f"{_e(w('not_applied', step.refusal.text(w.language)))}</span>"
        )
    return "<br>".join(lines) or "—"


def _signatures(w: _Words) -> str:
    # One cell holds the whole block, so a page break never separates the heading from the lines.
    rows = "".join(
        f'<tr><td width="55%">{_e(w(key) + w.colon)}______________________</td>'
        f'<td width="45%">{_e(w("date_blank"))}</td></tr>'
        for key in ("assigner_sign", "rectifier_sign", "verifier_sign")
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td>{_heading(w("signatures"))}<br>'
        f'<table width="100%" cellspacing="0" cellpadding="10">{rows}</table></td></tr></table>'
    )


def _thead(title: str, columns: int, columns_row: str = "") -> str:
    """A section's title as the first header row of its table, so it stays with the table's first rows
    and is repeated on every page the table continues on (HTML has no keep-with-next that Qt honours)."""
    return f'<thead><tr><td colspan="{columns}">{_heading(title)}</td></tr>{columns_row}</thead>'


def _heading(text: str) -> str:
    return f'<span style="font-size: 13pt; font-weight: bold">{_e(text)}</span>'


def _label(text: str) -> str:
    return f'<td width="15%" bgcolor="#f0f3f7"><b>{_e(text)}</b></td>'


def _local(moment: datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _text(text: str) -> str:
    """User text that may span lines."""
    return _e(text.strip()).replace("\r\n", "\n").replace("\n", "<br>")
