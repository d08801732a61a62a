"""The covert-inspection quarter report (暗访检查季度报告) as an A4 PDF.

API (for the covert page; no widgets, so it runs on a worker thread as the problem sheet does):

- `write_covert_quarter_pdf(report, path) -> None`: `report` is a
  `patrol_app.reports.covert_quarter.CovertQuarterReport` (from `covert_quarter_report(...)`); the PDF
  is written atomically at `path` (a temporary file in the same folder, then renamed), titled with
  `report_title(report)`. An unwritable folder raises `PdfNotWritable` (an OSError, Chinese and English).

The layout is `patrol_app.ui.problem_pdf`'s: QTextDocument on a 300 dpi QPdfWriter, pages cut only
between table rows, header rows repeated on every page a table continues on, a CJK font embedded and
its text layer repaired so copied text reads 水, not ⽔.
"""

from __future__ import annotations

from pathlib import Path

from patrol_app.reports.covert_quarter import CovertQuarterReport, covert_quarter_html, report_title
from patrol_app.ui.problem_pdf import PdfNotWritable, write_problem_pdf

__all__ = ["PdfNotWritable", "write_covert_quarter_pdf"]


def write_covert_quarter_pdf(report: CovertQuarterReport, path: Path) -> None:
    """Write the quarter report as an A4 PDF at `path`, replacing it atomically."""
    write_problem_pdf(covert_quarter_html(report), Path(path), report_title(report))
