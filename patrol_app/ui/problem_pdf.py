"""Render a report's HTML (see `patrol_app.reports`) to an A4 PDF with QTextDocument and QPdfWriter.

No widgets: it runs on a worker thread as well as on the GUI thread. The document is laid out on the
PDF writer itself, so point sizes, pixel widths and line breaks are measured at the printer's 300 dpi.
Pages are cut here rather than by QTextDocument, which splits a table row line by line (a row's last
line alone on the next page): we cut only between blocks and between table rows, never between a
table's header rows and its first row, and repeat the header rows on the pages a table continues on.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

from patrol_app.store.errors import EnvironmentFault

RESOLUTION = 300
MARGINS_MM = QMarginsF(15, 12, 15, 10)
FOOTER_MM = 8  # below the text of each page: the title and "page / pages"
FONT_POINTS = 10.5  # 五号, the usual size of Chinese official documents
# CJK-capable families on Linux, Windows and macOS, tried in order (the first one installed wins).
FONT_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "SimSun",
    "WenQuanYi Micro Hei",
]


def write_problem_pdf(html: str, path: Path, title: str) -> None:
    """Write `html` as an A4 PDF at `path`, replacing it atomically (a reader never sees half a file).

    Raises OSError with a message in Chinese and English if the folder cannot be written.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        temp.open("xb").close()  # fails early, and clearly, on a folder we cannot write
        font = _document_font()
        _render(html, temp, title, font)  # returns once Qt has closed the file
        _fix_text_layer(temp, font)
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        _remove(temp)
        raise


@dataclass(frozen=True)
class _Cut:
    """A place where a page may end; `header` is the strip to repeat on the next page (top, bottom)."""

    y: float
    header: tuple[float, float] | None = None


def _document_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(FONT_POINTS)
    return font


def _render(html: str, target: Path, title: str, font: QFont) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("巡河助手 River Patrol")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(writer.width())
    footer = FOOTER_MM / 25.4 * RESOLUTION
    pages = _paginate(doc, writer.height() - footer)

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF file {target}")
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(8)
        overlap = RESOLUTION / 96  # one CSS pixel: a border line that lies on a cut is drawn on both pages
        for number, (top, bottom, header) in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            y = 0.0
            for start, end in ([header] if header else []) + [(top, bottom)]:
                painter.save()
                painter.translate(0, y - start)
                doc.drawContents(painter, QRectF(0, start - overlap, writer.width(), end - start + 2 * overlap))
                painter.restore()
                y += end - start
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            strip = QRectF(0, writer.height() - footer, writer.width(), footer)
            painter.drawText(strip, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, title)
            painter.drawText(
                strip, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"{number} / {len(pages)}"
            )
    finally:
        painter.end()


def _paginate(doc: QTextDocument, page_height: float) -> list[tuple[float, float, tuple[float, float] | None]]:
    """(top, bottom, repeated header) of each page: as much as fits, ending at the last allowed cut."""
    cuts = sorted(_cuts(doc), key=lambda c: c.y)
    height = doc.size().height()
    pages: list[tuple[float, float, tuple[float, float] | None]] = []
    top, header = 0.0, None
    while top < height - 1:
        if header and header[1] - header[0] > page_height / 2:
            header = None  # a header that tall is not worth repeating (and might not leave room for a row)
        limit = top + page_height - (header[1] - header[0] if header else 0)
        if limit >= height:
            pages.append((top, height, header))
            break
        fitting = [c for c in cuts if top < c.y <= limit]
        cut = fitting[-1] if fitting else _Cut(limit)  # something taller than a page: cut it anywhere
        pages.append((top, cut.y, header))
        top, header = cut.y, cut.header
    return pages or [(0.0, height, None)]


def _cuts(doc: QTextDocument) -> list[_Cut]:
    """Before and after every top-level block, and between table rows (by the text in their cells)."""
    layout, root = doc.documentLayout(), doc.rootFrame()
    cuts: list[_Cut] = []
    tables: dict[int, tuple[QTextTable, float, dict[int, tuple[float, float]]]] = {}  # top, row extents
    above = 0.0  # bottom of the last top-level block: where a table that follows it starts
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        table = None
        frame = QTextCursor(block).currentFrame()
        while frame is not None and frame != root:
            if isinstance(frame, QTextTable):
                table = frame  # the outermost one: a table nested in a cell is part of that cell
            frame = frame.parentFrame()
        if table is None:
            cuts += [_Cut(rect.top()), _Cut(rect.bottom())]
            above = rect.bottom()
        else:
            extents = tables.setdefault(table.firstPosition(), (table, above, {}))[2]
            row = table.cellAt(block.position()).row()
            top, bottom = extents.get(row, (rect.top(), rect.bottom()))
            extents[row] = (min(top, rect.top()), max(bottom, rect.bottom()))
        block = block.next()
    for table, table_top, extents in tables.values():
        between = {r: (extents[r - 1][1] + extents[r][0]) / 2 for r in extents if r - 1 in extents}
        heads = table.format().headerRowCount()
        header = (table_top, between[heads]) if heads in between else None
        cuts += [_Cut(y, header) for r, y in between.items() if r > heads]
    return cuts


# One line of a ToUnicode map: first and last glyph code, then the first Unicode code or an array of them.
_BFRANGE = re.compile(rb"<([0-9A-F]{4})> <([0-9A-F]{4})> (\[[^\]]*\]|<[0-9A-F]{4}>)")


def _fix_text_layer(pdf: Path, font: QFont) -> None:
    """Make copied and searched text read 水库, not ⽔库: repair the fonts' ToUnicode maps in place.

    CJK fonts such as Noto Sans CJK draw a Kangxi radical (⽔ U+2F54) and its ideograph (水 U+6C34)
    with one glyph; Qt's PDF writer maps each glyph back to its lowest code point, the radical. The
    maps are written uncompressed with 4 hex digits per code, so swapping codes keeps every byte
    offset; if Qt ever compresses them, nothing matches and nothing changes.
    """
    ideograph = _ideographs_of_radicals(font)

    def fix(match: re.Match[bytes]) -> bytes:
        first, last, target = match.groups()
        if target.startswith(b"<") and first != last:  # a run of consecutive codes: leave it whole
            return match.group(0)
        fixed = re.sub(rb"<([0-9A-F]{4})>", lambda c: b"<%04X>" % ideograph.get(int(c[1], 16), int(c[1], 16)), target)
        return match.group(0)[: -len(target)] + fixed

    data = pdf.read_bytes()
    patched = re.sub(
        rb"beginbfrange\n.*?endbfrange", lambda section: _BFRANGE.sub(fix, section.group(0)), data, flags=re.S
    )
    if patched != data:
        pdf.write_bytes(patched)


def _ideographs_of_radicals(font: QFont) -> dict[int, int]:
    """Radical code point → the CJK ideograph drawn with the same glyph, in the regular and bold faces."""
    ideographs = "".join(map(chr, range(0x4E00, 0xA000)))
    radicals = "".join(map(chr, range(0x2E80, 0x2FE0)))
    mapping: dict[int, int] = {}
    for bold in (False, True):
        face = QFont(font)
        face.setBold(bold)
        raw = QRawFont.fromFont(face)
        first: dict[int, int] = {}
        for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=True):
            if glyph:
                first.setdefault(glyph, ord(char))
        for char, glyph in zip(radicals, raw.glyphIndexesForString(radicals), strict=True):
            if glyph in first:
                mapping.setdefault(ord(char), first[glyph])
    return mapping


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):  # on a read-only file system even a missing file cannot be unlinked
        temp.unlink(missing_ok=True)


class PdfNotWritable(EnvironmentFault, OSError):
    """The chosen folder cannot take the PDF. An EnvironmentFault, so the GUI shows its words (not an
    apology for a bug), and still an OSError for callers that catch those."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        super().__init__(
            f"不能在「{path.parent}」保存 PDF 文件：{reason}。请换一个可以写入的文件夹。",
            f"Cannot save the PDF in {path.parent}: {reason}. Choose a folder you can write to.",
        )
        self.errno = exc.errno

    def __str__(self) -> str:
        return self.bilingual()


def _cannot_write(path: Path, exc: OSError) -> OSError:
    return PdfNotWritable(path, exc)
