"""A maintenance contract's month for payment checks (管护工作月度汇总), in Chinese.

Qt-free. For a contract and a month: each requirement with what was owed and what was done (days and
quantities), every quantity summed by work and unit, the problems the month's logs rectified, every log
(date, reach, work, workers, what was queried and why it stands) and their before/after photo pairs.

API (what the maintenance page calls):
- `maintenance_month_report(store, contract_uuid, month, *, now) -> MaintenanceMonthReport`: the content.
- `write_maintenance_month_xlsx(report, path)`: an .xlsx with three sheets (月度汇总, 管护日志 — one
  quantity column per work and unit, and a 合计 row —, 整改问题); written atomically; an unwritable
  folder is `XlsxNotWritable` (Chinese and English).
- `maintenance_month_html(report)`: the same content with the photos, as QTextDocument-compatible HTML;
  `patrol_app.ui.maintenance_pdf.write_maintenance_month_pdf(report, path)` renders it to an A4 PDF.
- `report_title(report)`: e.g. "鲁山县沙河保洁公司 2026年11月管护工作月度汇总".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.domain.enums import PROBLEM_ITEMS
from patrol_app.domain.ids import parse_utc
from patrol_app.domain.maintenance import (
    UNITS,
    Contract,
    WorkItem,
    WorkUnit,
    format_quantity,
)
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.problems import ProblemState
from patrol_app.paths import Library
from patrol_app.reports.sheets import XlsxNotWritable, escape, naive, paragraphs, save_workbook, thead, write_sheet

if TYPE_CHECKING:
    from patrol_app.store.database import Store

__all__ = ["MaintenanceMonthReport", "XlsxNotWritable", "maintenance_month_html", "maintenance_month_report",
           "report_title", "write_maintenance_month_xlsx"]

BORDER = 'border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse: collapse; border-color: #444"'
PHOTO_BOX = (300, 225)  # one of two columns of an A4 page (CSS px at 96 dpi), as on the problem sheet
# Short names of what a log was queried for (domain.maintenance.notices codes).
NOTICE_NAMES = {
    "negative_quantity": "数量为负（更正）", "absurd_quantity": "数量异常偏大", "outside_contract": "不在合同期限内",
    "reach_not_in_contract": "不在合同河段内", "other_unit": "非本合同单位", "after_before_before": "前后照片时间颠倒",
    "photo_not_that_day": "照片非当天拍摄",
}
# Every work and unit a log can hold: the log sheet's quantity columns, in this order.
COLUMNS: tuple[tuple[WorkItem, WorkUnit], ...] = tuple((item, unit) for item in WorkItem for unit in UNITS[item])


@dataclass(frozen=True)
class PhotoRef:
    path: str  # the upload copy (what the office holds), absolute
    taken_at: datetime | None  # camera time, Asia/Shanghai
    name: str
    width: int | None
    height: int | None
    present: bool


@dataclass(frozen=True)
class PairLine:
    before: PhotoRef | None
    after: PhotoRef | None
    caption: str


@dataclass(frozen=True)
class LogLine:
    uuid: str
    started_at: datetime  # Asia/Shanghai
    ended_at: datetime
    reach_code: str
    reach_name: str
    quantities: dict[tuple[WorkItem, WorkUnit], float]
    work_text: str  # "清漂 85 千克、保洁 600 米"
    workers: tuple[str, ...]
    notes: str
    problem: str  # the problem rectified, as "类型：描述", or ""
    queried: tuple[str, ...]  # short names of what was queried (NOTICE_NAMES)
    reason: str
    pairs: tuple[PairLine, ...]


@dataclass(frozen=True)
class ProgressLine:
    item: str
    requirement: str
    times_required: int
    days: int
    quantity_required: float
    quantity: float
    unit: str  # "" when the requirement has no quantity
    met: bool


@dataclass(frozen=True)
class RectifiedLine:
    day: date
    reach_name: str
    kind: str
    description: str
    state: str  # the problem's state now (待核查, 已销号…)


@dataclass(frozen=True)
class MaintenanceMonthReport:
    contract: Contract
    reach_names: dict[str, str]
    month: Period
    made_at: datetime  # Asia/Shanghai
    share: float
    progress: tuple[ProgressLine, ...]
    totals: tuple[tuple[WorkItem, WorkUnit, float], ...]
    logs: tuple[LogLine, ...]  # oldest first
    rectified: tuple[RectifiedLine, ...]

    @property
    def month_label(self) -> str:
        return f"{self.month.year}年{self.month.index}月"

    @property
    def met(self) -> bool:
        return all(p.met for p in self.progress)

    @property
    def work_days(self) -> int:
        return len({line.started_at.date() for line in self.logs})

    @property
    def photo_pairs(self) -> int:
        return sum(len(line.pairs) for line in self.logs)


def report_title(report: MaintenanceMonthReport) -> str:
    return f"{report.contract.crew_unit} {report.month_label}管护工作月度汇总"


def maintenance_month_report(store: Store, contract_uuid: str, month: Period, *,
                             now: datetime) -> MaintenanceMonthReport:
    summary = store.maintenance.month_summary(contract_uuid, month)
    contract = summary.contract
    library = Library(store.data_dir)
    codes = set(contract.reach_codes) | {log.reach_code for log in summary.logs}
    names = store.maintenance.reach_names(codes)
    photos = store.maintenance.photo_rows(u for log in summary.logs for u in log.photos)
    problems: dict[str, Any] = {}
    for log in summary.logs:
        if log.problem_uuid and log.problem_uuid not in problems:
            problem = store.problems.get(log.problem_uuid)
            if problem is not None:
                problems[log.problem_uuid] = (problem, store.problems.status(log.problem_uuid))

    def ref(uuid: str | None) -> PhotoRef | None:
        row = photos.get(uuid) if uuid else None
        if row is None:
            return None
        path = library.upload(row["upload_sha256"])
        taken = parse_utc(row["taken_at"]).astimezone(CHINA_TZ) if row["taken_at"] else None
        return PhotoRef(str(path.absolute()), taken, row["original_name"], row["upload_width"], row["upload_height"],
                        path.is_file())

    lines = []
    for log in summary.logs:
        quantities: dict[tuple[WorkItem, WorkUnit], float] = {}
        for w in log.work:
            quantities[(w.item, w.unit)] = quantities.get((w.item, w.unit), 0.0) + w.quantity
        found = problems.get(log.problem_uuid or "")
        problem_text = ""
        if found is not None:
            item = PROBLEM_ITEMS.get(found[0].code)
            problem_text = f"{item.zh if item else found[0].code}：{found[0].description}"
        lines.append(LogLine(
            uuid=log.uuid, started_at=log.started_at.astimezone(CHINA_TZ), ended_at=log.ended_at.astimezone(CHINA_TZ),
            reach_code=log.reach_code, reach_name=names.get(log.reach_code, log.reach_code), quantities=quantities,
            work_text="、".join(w.text("zh") for w in log.work), workers=log.workers, notes=log.notes,
            problem=problem_text, queried=tuple(NOTICE_NAMES.get(c, c) for c in log.warnings),
            reason=log.warning_reason,
            pairs=tuple(PairLine(ref(p.before), ref(p.after), p.caption) for p in log.pairs)))
    progress = tuple(ProgressLine(
        item=p.requirement.item.zh, requirement=p.requirement.text("zh"), times_required=p.times_required,
        days=p.days, quantity_required=p.quantity_required, quantity=p.quantity,
        unit=p.requirement.unit.zh if p.requirement.unit else "", met=p.met) for p in summary.progress)
    rectified = []
    days = {log.problem_uuid: log.started_at.astimezone(CHINA_TZ).date() for log in summary.logs if log.problem_uuid}
    for uuid in summary.rectified:
        found = problems.get(uuid)
        if found is None:
            continue
        problem, status = found
        item = PROBLEM_ITEMS.get(problem.code)
        rectified.append(RectifiedLine(days[uuid], names.get(problem.reach_code, problem.reach_code),
                                       item.zh if item else problem.code, problem.description,
                                       status.state.zh if isinstance(status.state, ProblemState) else "未上报"))
    return MaintenanceMonthReport(contract, names, month, now.astimezone(CHINA_TZ), summary.share, progress,
                                  summary.totals, tuple(lines), tuple(rectified))


# ---- xlsx ------------------------------------------------------------------------------------------

SUMMARY_HEADERS = ("序号", "管护项目", "合同要求", "要求天数", "完成天数", "要求数量", "完成数量", "单位", "是否达标")
LOG_FIXED = ("序号", "日期", "开始时间", "结束时间", "河段编码", "河段名称", "作业内容")
LOG_TAIL = ("作业人员", "照片组数", "整改问题", "需说明事项", "说明原因", "备注")
RECTIFIED_HEADERS = ("序号", "整改日期", "河段", "问题类型", "问题描述", "当前状态")


def _quantity_header(item: WorkItem, unit: WorkUnit) -> str:
    return f"{item.zh}（{unit.zh}）"


def write_maintenance_month_xlsx(report: MaintenanceMonthReport, path: Path) -> None:
    """Write the month as an .xlsx at `path`, replacing it atomically. Raises `XlsxNotWritable`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, headers: tuple[str, ...], rows: list[list[Any]], widths: tuple[int, ...],
              formats: dict[int, str], *, first: bool = False, total_row: bool = False) -> None:
        ws = write_sheet(book, title, headers, rows, widths, formats, first=first, auto_filter=False)
        if total_row and rows:
            for cell in ws[ws.max_row]:
                cell.font = bold

    r = report
    sheet("月度汇总", SUMMARY_HEADERS, [
        [n, p.item, p.requirement, p.times_required, p.days, p.quantity_required if p.unit else None,
         p.quantity if p.unit else None, p.unit or None, "达标" if p.met else "未达标"]
        for n, p in enumerate(r.progress, start=1)], (6, 12, 36, 10, 10, 12, 12, 8, 10), {}, first=True)
    summary_ws = book["月度汇总"]
    summary_ws.append([])
    summary_ws.append(["合计", "管护项目", "单位", "数量"])
    for cell in summary_ws[summary_ws.max_row]:
        cell.font = bold
    for item, unit, value in r.totals:
        summary_ws.append([None, item.zh, unit.zh, value])
    summary_ws.append([])
    facts: tuple[tuple[str, object], ...] = (
        ("合同编号", r.contract.number), ("合同名称", r.contract.name), ("管护单位", r.contract.crew_unit),
        ("甲方", r.contract.client),
        ("合同期限", f"{r.contract.starts_on.isoformat()} 至 {r.contract.ends_on.isoformat()}"),
        ("月份", r.month_label), ("作业天数", r.work_days), ("日志条数", len(r.logs)),
        ("照片组数", r.photo_pairs), ("整改问题数", len(r.rectified)),
        ("制表时间", r.made_at.strftime("%Y-%m-%d %H:%M")))
    for label, value in facts:
        summary_ws.append([label, value])

    quantity_columns = [c for c in COLUMNS if any(c in line.quantities for line in r.logs)] or list(COLUMNS[:1])
    headers = (*LOG_FIXED, *(_quantity_header(i, u) for i, u in quantity_columns), *LOG_TAIL)
    rows = []
    for n, line in enumerate(r.logs, start=1):
        rows.append([n, line.started_at.date(), naive(line.started_at), naive(line.ended_at), line.reach_code,
                     line.reach_name, line.work_text, *(line.quantities.get(c) for c in quantity_columns),
                     "、".join(line.workers), len(line.pairs), line.problem, "；".join(line.queried), line.reason,
                     line.notes])
    totals = {(item, unit): value for item, unit, value in r.totals}
    rows.append(["合计", None, None, None, None, None, None, *(totals.get(c, 0) for c in quantity_columns),
                 None, r.photo_pairs, len(r.rectified), None, None, None])
    widths = (6, 12, 17, 17, 15, 30, 36, *(12 for _ in quantity_columns), 18, 9, 36, 24, 30, 30)
    sheet("管护日志", headers, rows, widths, {2: "yyyy-mm-dd", 3: "yyyy-mm-dd hh:mm", 4: "yyyy-mm-dd hh:mm"},
          total_row=True)
    sheet("整改问题", RECTIFIED_HEADERS, [
        [n, x.day, x.reach_name, x.kind, x.description, x.state] for n, x in enumerate(r.rectified, start=1)],
        (6, 12, 30, 20, 50, 12), {2: "yyyy-mm-dd"})
    save_workbook(book, path, report_title(r))


# ---- HTML (for the PDF) ------------------------------------------------------------------------------


def maintenance_month_html(report: MaintenanceMonthReport) -> str:
    """The month as HTML in the subset QTextDocument understands; every piece of user text escaped."""
    r = report
    c = r.contract
    reaches = "、".join(f"{r.reach_names.get(code, code)}（{code}）" for code in c.reach_codes)
    share = "" if r.share >= 1 else f"（本月合同期 {round(r.share * 100)}%，要求按比例计）"
    verdict = ('<span style="color: #1a7f37; font-weight: bold">全部达标</span>' if r.met
               else '<span style="color: #c00000; font-weight: bold">有未达标项目</span>')
    parts = [
        '<html><head><meta charset="utf-8"></head><body style="font-size: 10.5pt">',
        f'<p align="center" style="font-size: 18pt; font-weight: bold">{escape(c.crew_unit)}<br>'
        f"{escape(r.month_label)}管护工作月度汇总</p>",
        f'<p align="right" style="font-size: 9pt">制表时间：{r.made_at:%Y-%m-%d %H:%M}　（付款核查用）</p>',
        f"<table {BORDER}>"
        f'<tr><td width="16%" bgcolor="#e8edf3">合同</td><td width="34%">{escape(c.name)}<br>{escape(c.number)}</td>'
        f'<td width="16%" bgcolor="#e8edf3">甲方</td><td width="34%">{escape(c.client or "—")}</td></tr>'
        f'<tr><td bgcolor="#e8edf3">合同期限</td><td>{c.starts_on.isoformat()} 至 {c.ends_on.isoformat()}</td>'
        f'<td bgcolor="#e8edf3">管护河段</td><td>{escape(reaches)}</td></tr></table>',
        f"<p>本月作业 <b>{r.work_days}</b> 天，日志 <b>{len(r.logs)}</b> 条，照片 <b>{r.photo_pairs}</b> 组，"
        f"整改问题 <b>{len(r.rectified)}</b> 个；合同要求：{verdict}{escape(share)}。</p>",
        _progress_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        _totals_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        _rectified_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        _logs_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        _photos_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        f"<table {BORDER}><tr><td width=\"50%\" height=\"60\">管护单位（签字盖章）：</td>"
        "<td width=\"50%\">甲方核查人（签字）：</td></tr></table>",
        "</body></html>",
    ]
    return "\n".join(parts)




def _progress_table(r: MaintenanceMonthReport) -> str:
    out = [f"<table {BORDER}>", thead("一、合同要求完成情况", (
        ("项目", 14), ("合同要求", 34), ("天数（完成/要求）", 18), ("数量（完成/要求）", 22), ("结论", 12)))]
    for p in r.progress:
        mark = ('<span style="color: #1a7f37; font-weight: bold">达标</span>' if p.met
                else '<span style="color: #c00000; font-weight: bold">未达标</span>')
        quantity = f"{format_quantity(p.quantity)} / {format_quantity(p.quantity_required)} {p.unit}" if p.unit else "—"
        days = f"{p.days} / {p.times_required}" if p.times_required else str(p.days)
        out.append(f"<tr><td>{escape(p.item)}</td><td>{escape(p.requirement)}</td><td align=\"center\">{days}</td>"
                   f"<td align=\"center\">{escape(quantity)}</td><td align=\"center\">{mark}</td></tr>")
    if not r.progress:
        out.append('<tr><td colspan="5" align="center">合同没有规定每月的作业要求</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _totals_table(r: MaintenanceMonthReport) -> str:
    out = [f"<table {BORDER}>", thead("二、本月作业量合计", (("项目", 40), ("数量", 35), ("单位", 25)))]
    for item, unit, value in r.totals:
        out.append(f"<tr><td>{escape(item.zh)}</td><td align=\"right\">{format_quantity(value)}</td>"
                   f"<td>{escape(unit.zh)}</td></tr>")
    if not r.totals:
        out.append('<tr><td colspan="3" align="center">本月没有作业记录</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _rectified_table(r: MaintenanceMonthReport) -> str:
    out = [f"<table {BORDER}>", thead("三、整改的交办问题", (
        ("日期", 13), ("河段", 22), ("问题", 50), ("当前状态", 15)))]
    for x in r.rectified:
        out.append(f"<tr><td>{x.day.isoformat()}</td><td>{escape(x.reach_name)}</td>"
                   f"<td>{escape(x.kind)}<br>{paragraphs(x.description)}</td><td>{escape(x.state)}</td></tr>")
    if not r.rectified:
        out.append('<tr><td colspan="4" align="center">本月日志没有整改交办的问题</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _logs_table(r: MaintenanceMonthReport) -> str:
    out = [f"<table {BORDER}>", thead("四、管护日志明细", (("序号", 6), ("时间", 14), ("河段", 18), ("作业内容", 26),
                                                          ("人员", 14), ("说明", 22)))]
    for n, line in enumerate(r.logs, start=1):
        notes = paragraphs(line.notes)
        if line.problem:
            notes += f"<br>整改：{escape(line.problem)}"
        if line.queried:
            notes += (f'<br><span style="color: #c00000">需说明：{escape("；".join(line.queried))}</span>'
                      + (f"<br>原因：{escape(line.reason)}" if line.reason else ""))
        if not line.pairs:
            notes += '<br><span style="color: #c00000">无照片</span>'
        out.append(f'<tr><td align="center">{n}</td><td>{line.started_at:%m-%d}<br>{line.started_at:%H:%M}–'
                   f"{line.ended_at:%H:%M}</td><td>{escape(line.reach_name)}</td><td>{escape(line.work_text)}</td>"
                   f"<td>{escape('、'.join(line.workers))}</td><td>{notes or '—'}</td></tr>")
    if not r.logs:
        out.append('<tr><td colspan="6" align="center">本月没有管护日志</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _photos_table(r: MaintenanceMonthReport) -> str:
    out = [f"<table {BORDER}>", thead("五、作业前后照片", (("作业前", 50), ("作业后", 50)))]
    count = 0
    for line in r.logs:
        for pair in line.pairs:
            count += 1
            label = f"{line.started_at:%m-%d} {line.reach_name}" + (f" · {pair.caption}" if pair.caption else "")
            # One row per pair (a page is cut only between rows): the label stays with its photos.
            out.append(f'<tr><td align="center" valign="top"><b>{count}. {escape(label)}</b><br>'
                       f'{_photo(pair.before)}</td>'
                       f'<td align="center" valign="top">&nbsp;<br>{_photo(pair.after)}</td></tr>')
    if not count:
        out.append('<tr><td colspan="2" align="center">本月日志没有附照片</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _photo(ref: PhotoRef | None) -> str:
    if ref is None:
        return '<span style="color: #555555">未附照片</span>'
    caption = f"拍摄于 {ref.taken_at:%Y-%m-%d %H:%M}" if ref.taken_at else "拍摄时间不详"
    if not ref.present:
        return (f'<span style="color: #c00000; font-weight: bold">照片文件缺失</span><br>'
                f'<span style="font-size: 9pt">{escape(ref.name)}<br>{escape(caption)}</span>')
    width, height = _fit(ref.width, ref.height)
    uri = Path(ref.path).as_uri()
    return (f'<img src="{escape(uri)}" width="{width}" height="{height}">'
            f'<br><span style="font-size: 9pt">{escape(caption)}</span>')


def _fit(width: int | None, height: int | None) -> tuple[int, int]:
    box_w, box_h = PHOTO_BOX
    if not width or not height:
        width, height = 4, 3
    scale = min(box_w / width, box_h / height)
    return max(1, round(width * scale)), max(1, round(height * scale))
