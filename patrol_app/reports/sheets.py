"""What the reports share: Excel sheets written alike and saved atomically, and the HTML pieces of their PDFs.

Qt-free. `write_sheet` styles a sheet as every report's (bold header on a pale band, wrapped cells, column
widths and number formats, the header frozen); `save_workbook` writes a temporary file in the same folder,
fsyncs it and renames it over the target, so a reader never sees half a workbook, and says an unwritable
folder as `XlsxNotWritable` in Chinese and English.
"""

from __future__ import annotations

import contextlib
import html
import os
import uuid as uuid_module
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.domain.periods import CHINA_TZ
from patrol_app.store.errors import EnvironmentFault

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


class XlsxNotWritable(EnvironmentFault, OSError):
    """The chosen folder cannot take the workbook (message in Chinese and English)."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        super().__init__(
            f"不能在「{path.parent}」保存 Excel 文件：{reason}。请换一个可以写入的文件夹。",
            f"Cannot save the Excel file in {path.parent}: {reason}. Choose a folder you can write to.",
        )
        self.errno = exc.errno

    def __str__(self) -> str:
        return self.bilingual()


def write_sheet(book: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                widths: Sequence[int], formats: dict[int, str], *, first: bool = False,
                auto_filter: bool = True) -> Worksheet:
    """A sheet of `book` (its first, empty one when `first`) with a styled header row and `rows`;
    `widths` per column, `formats` {1-based column: number format}."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = book.active if first and book.active is not None else book.create_sheet()
    ws.title = title
    ws.append(list(headers))
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="E8EDF3")
    for cell in ws[1]:
        cell.font, cell.fill = head_font, head_fill
    for row in rows:
        ws.append(list(row))
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths, start=1):
        letter = ws.cell(row=1, column=column).column_letter
        ws.column_dimensions[letter].width = width
        for cell in ws[letter][1:]:
            cell.alignment = wrap
            if column in formats:
                cell.number_format = formats[column]
    ws.freeze_panes = "A2"
    if auto_filter:
        ws.auto_filter.ref = ws.dimensions
    return ws


def save_workbook(book: Workbook, path: Path, title: str) -> None:
    """Save atomically (temporary file, fsync, rename). Raises `XlsxNotWritable`; leaves no temporary file."""
    book.properties.title = title
    book.properties.creator = "巡河助手 River Patrol"
    path = Path(path)
    temp = path.with_name(f".{path.name}.{uuid_module.uuid4().hex[:8]}.part")
    try:
        temp.open("xb").close()
        book.save(temp)
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise XlsxNotWritable(path, exc) from exc
    except BaseException:
        _remove(temp)
        raise


def naive(moment: datetime) -> datetime:
    """Excel has no time zones: the Beijing wall-clock time."""
    return moment.astimezone(CHINA_TZ).replace(tzinfo=None)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


# ---- HTML (for the PDFs, in the subset QTextDocument understands) -------------------------------------


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs(text: str) -> str:
    """User text with its line breaks kept, escaped."""
    return escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br>")


def thead(title: str, headers: Sequence[tuple[str, int]]) -> str:
    """A table's repeated head: its title across the columns, then the column names with widths in %."""
    columns = "".join(f'<th width="{w}%">{escape(h)}</th>' for h, w in headers)
    return (f'<thead><tr><td colspan="{len(headers)}"><span style="font-size: 13pt; font-weight: bold">'
            f'{escape(title)}</span></td></tr><tr bgcolor="#e8edf3">{columns}</tr></thead>')
