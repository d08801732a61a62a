"""The monthly maintenance summary's PDF (issue 16), checked from outside with poppler: A4, Chinese text
extractable, every section, the before/after photos embedded as images and visible when the page is
rendered (pdftoppm), written on a worker thread."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from patrol_app.reports.maintenance_month import maintenance_month_report
from patrol_app.store.database import Store
from patrol_app.ui.maintenance_pdf import write_maintenance_month_pdf
from patrol_app.ui.tasks import TaskRunner
from tests.reports.test_maintenance_month import NOW, crew_month
from tests.store.test_maintenance import UNIT
from tests.ui.test_problem_pdf import in_background, page_texts, poppler


def test_the_month_prints_with_its_photos(qtbot: QtBot, runner: TaskRunner, store: Store, tmp_path: Path) -> None:
    month = crew_month(store, tmp_path)
    report = maintenance_month_report(store, month.contract.uuid, month.month, now=NOW)
    pdf = tmp_path / "out" / "管护 月度汇总.pdf"
    pdf.parent.mkdir()
    in_background(qtbot, runner, lambda: write_maintenance_month_pdf(report, pdf))

    info = poppler("pdfinfo", str(pdf))
    assert re.search(r"^Page size:.*\(A4\)", info, re.M), info
    assert "2026年11月管护工作月度汇总" in info
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name]
    text = re.sub(r"\s+", "", "".join(page_texts(pdf)))
    for words in (UNIT, "2026年11月管护工作月度汇总", "一、合同要求完成情况", "二、本月作业量合计",
                  "三、整改的交办问题",
                  "四、管护日志明细", "五、作业前后照片", "未达标", "200千克", "1700", "闸前漂浮垃圾约二十平方米",
                  "待核查", "数量为负（更正）", "拦河闸前", "拍摄于2026-11-0608:05", "拍摄于2026-11-0610:00",
                  "甲方核查人"):
        assert words in text, words

    # The pair is in the file as two images of the photos' proportions (4:3), and shows when the page is drawn.
    images = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert len(images) == 2, images
    page = next(n for n, t in enumerate(page_texts(pdf), start=1) if "五、作业前后照片" in t)
    poppler("pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), str(pdf), str(tmp_path / "page"))
    [png] = list(tmp_path.glob("page*.png"))
    picture = Image.open(png).convert("RGB")
    colours = picture.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 1000, "the photos are not drawn on the page"  # text alone is a few grey levels
