"""The quarter report of a liaison unit's covert inspections (暗访检查季度报告), in Chinese.

Qt-free. For a unit (its register uuids, see `store.covert.units_for`) and a quarter it lists every
submitted inspection (date, reaches, inspectors, methods, conclusion, major problem and to whom it was
reported), every finding with its rectification state as the problem lists show it (assignee, deadline,
days overdue), and the quarter's coverage (each owed reach covered or not, the days left).

API (what the covert page calls; everything here refuses with `covert_hidden` from a non-liaison profile,
because `store.covert` does):

- `covert_quarter_report(store, units, unit_name, quarter, *, now, key=None) -> CovertQuarterReport`
  — the content (plain dataclasses). `key` only lets protected drafts show as 已计划 in the coverage.
- `write_covert_quarter_xlsx(report, path) -> None` — an .xlsx with three sheets (暗访检查, 发现问题,
  覆盖情况): header row frozen, column widths set, dates and times as Excel dates. Written atomically
  (a temporary file in the same folder, then renamed); an unwritable folder is `XlsxNotWritable`
  (an OSError whose message is in Chinese and English).
- `covert_quarter_html(report) -> str` — the same content as QTextDocument-compatible HTML;
  `patrol_app.ui.covert_pdf.write_covert_quarter_pdf(report, path)` renders it to an A4 PDF.
- `report_title(report)` — e.g. "鲁山县水利局 2026年第1季度暗访检查报告" (the PDF's title, a file name stem).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.domain.covert import InspectionMethod
from patrol_app.domain.enums import PROBLEM_ITEMS
from patrol_app.domain.ids import parse_utc
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.problems import ProblemState, Severity
from patrol_app.reports.sheets import escape, naive, paragraphs, save_workbook, thead, write_sheet

if TYPE_CHECKING:
    from patrol_app.store.database import Store
    from patrol_app.store.sealing import CovertKey

BORDER = 'border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse: collapse; border-color: #444"'
_OPEN_STATES = {s.code for s in ProblemState if s.is_open}


@dataclass(frozen=True)
class InspectionLine:
    uuid: str
    started_at: datetime  # aware, Asia/Shanghai
    ended_at: datetime | None
    chief_name: str
    reaches: tuple[tuple[str, str], ...]  # (code, name)
    inspectors: tuple[str, ...]
    methods: tuple[str, ...]  # Chinese names
    conclusion: str
    major: bool
    escalation: str  # "2026-03-10 12:30 向 高淑芬 报告：当面报告", or ""
    follow_up_of: str  # the earlier inspection's date for a 回头看, or ""
    finding_count: int


@dataclass(frozen=True)
class FindingLine:
    inspection_uuid: str
    inspection_date: date
    reach_code: str
    reach_name: str
    kind: str  # the problem item's Chinese name
    description: str
    severity: str
    found_at: datetime  # aware, Asia/Shanghai
    state: str  # Chinese state name (待交办, 整改中, 已销号…)
    state_code: str
    assignee: str
    deadline: date | None
    days_overdue: int  # 0 when not overdue (or closed)


@dataclass(frozen=True)
class CoverageLine:
    reach_code: str
    reach_name: str
    covered: bool
    dates: tuple[date, ...]  # when it was inspected this quarter
    planned: bool  # a draft lists it
    joined: date | None  # owed since this date (added mid-quarter)


@dataclass(frozen=True)
class CovertQuarterReport:
    unit_name: str
    quarter: Period
    made_at: datetime  # aware, Asia/Shanghai
    days_left: int
    final: bool  # the quarter is over
    inspections: tuple[InspectionLine, ...]
    findings: tuple[FindingLine, ...]
    coverage: tuple[CoverageLine, ...]
    visited_outside: tuple[tuple[str, str], ...]  # reaches inspected that the unit does not owe

    @property
    def covered(self) -> int:
        return sum(line.covered for line in self.coverage)

    @property
    def quarter_label(self) -> str:
        return f"{self.quarter.year}年第{self.quarter.index}季度"

    @property
    def open_findings(self) -> int:
        return sum(f.state_code in _OPEN_STATES for f in self.findings)


def report_title(report: CovertQuarterReport) -> str:
    return f"{report.unit_name} {report.quarter_label}暗访检查报告"


def covert_quarter_report(store: Store, units: Collection[str], unit_name: str, quarter: Period, *,
                          now: datetime, key: CovertKey | None = None) -> CovertQuarterReport:
    """What the report shows, read through `store.covert` (refused unless a liaison profile is current)."""
    units = set(units)
    inspections = store.covert.submitted(units, quarter, with_findings=False)
    cover = store.covert.coverage(units, quarter, now=now, key=key)
    codes = {c for i in inspections for c in i.reach_codes} | {line.reach_code for line in cover.lines}
    codes |= set(cover.visited_outside)
    names = {r.code: r.name for r in store.registry.reaches(sorted(codes))} if codes else {}
    rows = store.covert.finding_rows([i.uuid for i in inspections])
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["inspection_uuid"]] = counts.get(row["inspection_uuid"], 0) + 1
    by_uuid = {i.uuid: i for i in inspections}
    earlier_dates = {}
    for i in inspections:
        if i.follows_up:
            earlier = by_uuid.get(i.follows_up) or store.covert.get(i.follows_up)
            if earlier is not None and earlier.started_at is not None:
                earlier_dates[i.uuid] = _local(earlier.started_at).strftime("%Y-%m-%d")
    lines = []
    for i in inspections:
        assert i.started_at is not None  # a submitted inspection has its times
        escalation = ""
        if i.major and i.escalation is not None:
            e = i.escalation
            escalation = f"{_local(e.at):%Y-%m-%d %H:%M} 向{e.to_name}报告" + (f"：{e.note}" if e.note else "")
        lines.append(InspectionLine(
            uuid=i.uuid, started_at=_local(i.started_at), ended_at=_local(i.ended_at) if i.ended_at else None,
            chief_name=i.chief_name, reaches=tuple((c, names.get(c, c)) for c in i.reach_codes),
            inspectors=i.inspectors, methods=tuple(m.zh for m in i.methods if isinstance(m, InspectionMethod)),
            conclusion=i.conclusion, major=i.major, escalation=escalation,
            follow_up_of=earlier_dates.get(i.uuid, ""), finding_count=counts.get(i.uuid, 0)))
    today = _local(now).date()
    findings = []
    for row in rows:
        inspection = by_uuid[row["inspection_uuid"]]
        state = ProblemState(row["state"]) if row["state"] else None
        deadline = date.fromisoformat(row["deadline"]) if row["deadline"] else None
        overdue = (today - deadline).days if deadline and state is not None and state.is_open \
            and state is not ProblemState.RECTIFIED and today > deadline else 0
        item = PROBLEM_ITEMS.get(row["code"])
        findings.append(FindingLine(
            inspection_uuid=inspection.uuid, inspection_date=_local(inspection.started_at).date(),  # type: ignore[arg-type]
            reach_code=row["reach_code"], reach_name=row["reach_name"], kind=item.zh if item else row["code"],
            description=row["description"], severity=Severity(row["severity"]).zh,
            found_at=_local(parse_utc(row["found_at"])), state=state.zh if state else "未上报",
            state_code=state.code if state else "", assignee=" ".join(
                x for x in (row["assignee_unit"], row["assignee_person"]) if x),
            deadline=deadline, days_overdue=overdue))
    dates = {i.uuid: _local(i.started_at).date() for i in inspections}  # type: ignore[arg-type]
    coverage_lines = tuple(CoverageLine(
        reach_code=line.reach_code, reach_name=names.get(line.reach_code, line.reach_code), covered=line.covered,
        dates=tuple(sorted({dates[u] for u in line.covered_by if u in dates})), planned=bool(line.planned),
        joined=_local(line.joined).date() if line.joined else None) for line in cover.lines)
    return CovertQuarterReport(
        unit_name=unit_name.strip(), quarter=quarter, made_at=_local(now), days_left=cover.days_left,
        final=cover.final, inspections=tuple(lines), findings=tuple(findings), coverage=coverage_lines,
        visited_outside=tuple((c, names.get(c, c)) for c in cover.visited_outside))


# ---- xlsx ------------------------------------------------------------------------------------------

INSPECTION_HEADERS = ("序号", "检查日期", "开始时间", "结束时间", "被检查河长", "检查河段", "检查人员", "检查方式",
                      "发现问题数", "重大问题", "重大问题报告情况", "回头看", "检查结论")
FINDING_HEADERS = ("序号", "暗访日期", "河段编码", "河段名称", "问题类型", "问题描述", "严重程度", "发现时间",
                   "整改状态", "责任单位/责任人", "整改期限", "超期天数")
COVERAGE_HEADERS = ("序号", "河段编码", "河段名称", "是否已暗访", "暗访日期", "备注")
_WIDTHS = {
    "暗访检查": (6, 12, 17, 17, 12, 40, 20, 24, 11, 9, 36, 12, 50),
    "发现问题": (6, 12, 15, 34, 20, 50, 10, 17, 11, 28, 12, 10),
    "覆盖情况": (6, 15, 34, 12, 26, 30),
}


def write_covert_quarter_xlsx(report: CovertQuarterReport, path: Path) -> None:
    """Write the report as an .xlsx at `path`, replacing it atomically. Raises `XlsxNotWritable`."""
    from openpyxl import Workbook

    book = Workbook()

    def sheet(title: str, headers: tuple[str, ...], rows: list[list[Any]], formats: dict[int, str]) -> None:
        write_sheet(book, title, headers, rows, _WIDTHS[title], formats, first=title == "暗访检查")

    sheet("暗访检查", INSPECTION_HEADERS, [
        [n, i.started_at.date(), naive(i.started_at), naive(i.ended_at) if i.ended_at else None, i.chief_name,
         "\n".join(f"{name}（{code}）" for code, name in i.reaches), "、".join(i.inspectors), "、".join(i.methods),
         i.finding_count, "是" if i.major else "否", i.escalation, i.follow_up_of, i.conclusion]
        for n, i in enumerate(report.inspections, start=1)], {2: "yyyy-mm-dd", 3: "yyyy-mm-dd hh:mm",
                                                               4: "yyyy-mm-dd hh:mm"})
    sheet("发现问题", FINDING_HEADERS, [
        [n, f.inspection_date, f.reach_code, f.reach_name, f.kind, f.description, f.severity, naive(f.found_at),
         f.state, f.assignee, f.deadline, f.days_overdue or None]
        for n, f in enumerate(report.findings, start=1)], {2: "yyyy-mm-dd", 8: "yyyy-mm-dd hh:mm", 11: "yyyy-mm-dd"})
    sheet("覆盖情况", COVERAGE_HEADERS, [
        [n, c.reach_code, c.reach_name, "已暗访" if c.covered else "未暗访", "、".join(d.isoformat() for d in c.dates),
         _coverage_note(c, report)]
        for n, c in enumerate(report.coverage, start=1)], {})
    save_workbook(book, path, report_title(report))


def _coverage_note(line: CoverageLine, report: CovertQuarterReport) -> str:
    notes = []
    if line.joined:
        notes.append(f"{line.joined.isoformat()} 起新增")
    if not line.covered:
        if line.planned:
            notes.append("已计划")
        notes.append("本季度已结束，未完成" if report.final else f"本季度还剩 {report.days_left} 天")
    return "；".join(notes)


# ---- HTML (for the PDF) ------------------------------------------------------------------------------


def covert_quarter_html(report: CovertQuarterReport) -> str:
    """The report as HTML in the subset QTextDocument understands; every piece of user text escaped."""
    r = report
    missing = len(r.coverage) - r.covered
    if r.final:
        status = "本季度已结束" + (f"，{missing} 个河段未暗访" if missing else "，全部河段已暗访")
    else:
        status = f"本季度还剩 {r.days_left} 天" + (f"，还有 {missing} 个河段未暗访" if missing else "，全部河段已暗访")
    parts = [
        '<html><head><meta charset="utf-8"></head><body style="font-size: 10.5pt">',
        f'<p align="center" style="font-size: 18pt; font-weight: bold">{escape(r.unit_name)}<br>'
        f"{escape(r.quarter_label)}暗访检查报告</p>",
        f'<p align="right" style="font-size: 9pt">制表时间：{r.made_at:%Y-%m-%d %H:%M}</p>',
        f"<p>本季度共开展暗访 <b>{len(r.inspections)}</b> 次，发现问题 <b>{len(r.findings)}</b> 个"
        f"（未销号 {r.open_findings} 个）；应暗访河段 {len(r.coverage)} 个，已暗访 <b>{r.covered}</b> 个。"
        f"{escape(status)}。</p>",
        _coverage_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        _inspections_table(r), '<p style="font-size: 6pt">&nbsp;</p>',
        _findings_table(r),
        "</body></html>",
    ]
    return "\n".join(parts)




def _coverage_table(r: CovertQuarterReport) -> str:
    out = [f"<table {BORDER}>", thead("一、河段覆盖情况", (("河段", 46), ("是否已暗访", 14), ("暗访日期", 18),
                                                          ("备注", 22)))]
    for c in r.coverage:
        mark = ('<span style="color: #1a7f37; font-weight: bold">已暗访</span>' if c.covered
                else '<span style="color: #c00000; font-weight: bold">未暗访</span>')
        out.append(f"<tr><td>{escape(c.reach_name)}<br><span style=\"font-size: 8pt; color: #555555\">"
                   f"{escape(c.reach_code)}</span></td><td align=\"center\">{mark}</td>"
                   f"<td>{escape('、'.join(d.isoformat() for d in c.dates) or '—')}</td>"
                   f"<td>{escape(_coverage_note(c, r) or '—')}</td></tr>")
    if not r.coverage:
        out.append('<tr><td colspan="4" align="center">登记册中没有本单位应暗访的河段</td></tr>')
    out.append("</table>")
    if r.visited_outside:
        names = "、".join(f"{name}（{code}）" for code, name in r.visited_outside)
        out.append(f'<p style="font-size: 9pt">另检查了不在本单位联系范围内的河段：{escape(names)}</p>')
    return "\n".join(out)


def _inspections_table(r: CovertQuarterReport) -> str:
    out = [f"<table {BORDER}>", thead("二、暗访检查情况", (("序号", 6), ("时间", 15), ("河段与被检查河长", 25),
                                                          ("检查人员与方式", 20), ("检查结论", 34)))]
    for n, i in enumerate(r.inspections, start=1):
        end = f"–{i.ended_at:%H:%M}" if i.ended_at else ""
        reaches = "<br>".join(escape(name) for _, name in i.reaches)
        conclusion = paragraphs(i.conclusion) + f"<br>发现问题 {i.finding_count} 个"
        if i.major:
            conclusion += ('<br><span style="color: #c00000; font-weight: bold">发现重大问题</span>'
                           + (f"：{escape(i.escalation)}" if i.escalation else ""))
        if i.follow_up_of:
            conclusion += f"<br>回头看（{escape(i.follow_up_of)} 暗访）"
        out.append(f'<tr><td align="center">{n}</td><td>{i.started_at:%Y-%m-%d}<br>{i.started_at:%H:%M}{end}</td>'
                   f"<td>{reaches}<br>河长：{escape(i.chief_name or '—')}</td>"
                   f"<td>{escape('、'.join(i.inspectors))}<br>{escape('、'.join(i.methods))}</td><td>{conclusion}</td></tr>")
    if not r.inspections:
        out.append('<tr><td colspan="5" align="center">本季度还没有提交的暗访</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _findings_table(r: CovertQuarterReport) -> str:
    out = [f"<table {BORDER}>", thead("三、发现问题及整改情况", (("序号", 6), ("河段", 18), ("问题", 36),
                                                               ("整改状态", 12), ("责任单位", 16), ("整改期限", 12)))]
    for n, f in enumerate(r.findings, start=1):
        state = escape(f.state)
        if f.days_overdue:
            state += f'<br><span style="color: #c00000; font-weight: bold">超期 {f.days_overdue} 天</span>'
        severity = f"【{escape(f.severity)}】" if f.severity != Severity.GENERAL.zh else ""
        out.append(f'<tr><td align="center">{n}</td><td>{escape(f.reach_name)}</td>'
                   f"<td>{severity}{escape(f.kind)}<br>{paragraphs(f.description)}<br>"
                   f'<span style="font-size: 8pt; color: #555555">发现于 {f.found_at:%Y-%m-%d %H:%M}</span></td>'
                   f"<td>{state}</td><td>{escape(f.assignee or '—')}</td>"
                   f"<td>{f.deadline.isoformat() if f.deadline else '—'}</td></tr>")
    if not r.findings:
        out.append('<tr><td colspan="6" align="center">本季度暗访未发现问题</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA_TZ)
