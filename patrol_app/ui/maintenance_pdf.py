"""A maintenance contract's month (管护工作月度汇总) as an A4 PDF, with its before/after photos.

API (for the maintenance page; no widgets, so it runs on a worker thread):
- `write_maintenance_month_pdf(report, path) -> None`: `report` from
  `patrol_app.reports.maintenance_month.maintenance_month_report(...)`; written atomically at `path` with
  `patrol_app.ui.problem_pdf`'s layout (pages cut between table rows, header rows repeated, CJK font
  embedded). An unwritable folder raises `PdfNotWritable` (an OSError, Chinese and English).
"""

from __future__ import annotations

from pathlib import Path

from patrol_app.reports.maintenance_month import MaintenanceMonthReport, maintenance_month_html, report_title
from patrol_app.ui.problem_pdf import PdfNotWritable, write_problem_pdf

__all__ = ["PdfNotWritable", "write_maintenance_month_pdf"]


def write_maintenance_month_pdf(report: MaintenanceMonthReport, path: Path) -> None:
    """Write the month as an A4 PDF at `path`, replacing it atomically."""
    write_problem_pdf(maintenance_month_html(report), Path(path), report_title(report))
