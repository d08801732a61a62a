"""The 督办单 PDF, checked from outside with poppler: A4 pages, Chinese text embedded, photos drawn in
colour side by side, table rows never split across pages, written atomically, clear errors."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from patrol_app.domain.problems import Action
from patrol_app.reports.problem_sheet import problem_sheet_html
from patrol_app.store import Store
from patrol_app.store.problems import ProblemView
from patrol_app.ui.problem_pdf import write_problem_pdf
from patrol_app.ui.tasks import TaskRunner
from tests.store.test_problems import CHIEF, CREW, NOW, PATROLLER, TODAY, new_problem, photos

REACH_NAME = "白龟山水库焦店镇滍阳村段"  # the seeded registry's name for tests.store.test_problems.REACH


def rectified_problem(store: Store, tmp_path: Path, feedbacks: int = 0) -> ProblemView:
    """A problem with a "before" photo, assigned, `feedbacks` feedback events, then an "after" photo."""
    before, after = photos(store, tmp_path, 1, seed=1), photos(store, tmp_path, 1, seed=2)
    problem = new_problem()
    s = store.problems.report(problem, photos=before, now=NOW)
    s = store.problems.act(
        problem.uuid,
        s.head,
        Action.ASSIGN,
        CHIEF,
        now=NOW,
        assignee_unit="湛河保洁公司",
        deadline=TODAY + timedelta(days=5),
    )
    for n in range(feedbacks):
        s = store.problems.act(
            problem.uuid,
            s.head,
            Action.FEEDBACK,
            PATROLLER,
            now=NOW + timedelta(minutes=n),
            note=f"第{n}条反馈\n第{n}条补充",
        )
    store.problems.act(
        problem.uuid, s.head, Action.RECTIFY, CREW, now=NOW + timedelta(days=1), note="已清运", photos=after
    )
    view = store.problems.view(problem.uuid)
    assert view is not None
    return view


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def page_texts(pdf: Path) -> list[str]:
    return poppler("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def in_background(qtbot: QtBot, runner: TaskRunner, work: Callable[[], None]) -> None:
    """Run `work` on a worker thread, as the app does, and re-raise what it raised."""
    outcome: dict[str, object] = {}
    runner.run(
        lambda context: work(),
        on_success=lambda _: outcome.setdefault("ok", True),
        on_failure=lambda exc: outcome.setdefault("error", exc),
    )
    qtbot.waitUntil(lambda: bool(outcome), timeout=30_000)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]


def test_the_sheet_prints_as_a4_with_chinese_text_and_colour_photos_side_by_side(
    qtbot: QtBot, runner: TaskRunner, store: Store, tmp_path: Path
) -> None:
    view = rectified_problem(store, tmp_path)
    html = problem_sheet_html(view, store.data_dir, "zh_CN", now=NOW)
    pdf = tmp_path / "out" / "督办单 1.pdf"
    pdf.parent.mkdir()
    in_background(qtbot, runner, lambda: write_problem_pdf(html, pdf, "河湖问题督办单"))

    info = poppler("pdfinfo", str(pdf))
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) >= 1
    assert re.search(r"^Page size:.*\(A4\)", info, re.M), info
    assert "河湖问题督办单" in info  # the title
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name]  # no temporary file left behind

    text = "".join(page_texts(pdf))
    for words in (
        "河湖问题督办单",
        REACH_NAME,
        "整改前",
        "整改后",
        "张巡河员",
        "湛河保洁公司",
        "整改完成",
        "核查人签字",
    ):
        assert words in text, words

    poppler("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    width, height = page.size
    pixels = page.load()
    dark = sum(1 for x in range(width) for y in range(height) if sum(pixels[x, y]) < 250)
    assert dark > width * height / 100, "the page is (nearly) blank"

    def colourful_rows(left: int, right: int) -> list[int]:
        return [
            y
            for y in range(height)
            if sum(1 for x in range(left, right) if max(pixels[x, y]) - min(pixels[x, y]) > 60) > 20
        ]

    before_rows, after_rows = colourful_rows(0, width // 2), colourful_rows(width // 2, width)
    assert len(before_rows) > height / 10 and len(after_rows) > height / 10, "a photo is missing"
    overlap = set(before_rows) & set(after_rows)
    assert len(overlap) > 0.8 * min(len(before_rows), len(after_rows)), "the photos are not side by side"


def test_table_rows_are_never_split_and_headers_repeat(
    qtbot: QtBot, runner: TaskRunner, store: Store, tmp_path: Path
) -> None:
    view = rectified_problem(store, tmp_path, feedbacks=40)
    pdf = tmp_path / "long.pdf"
    html = problem_sheet_html(view, store.data_dir, "zh_CN", now=NOW)
    in_background(qtbot, runner, lambda: write_problem_pdf(html, pdf, "long"))

    pages = page_texts(pdf)
    assert len(pages) >= 3
    for n in range(40):
        both = [i for i, text in enumerate(pages) if f"第{n}条反馈" in text and f"第{n}条补充" in text]
        assert len(both) == 1, f"feedback {n} is split over two pages"
    timeline_pages = [text for text in pages if "条反馈" in text]
    assert len(timeline_pages) >= 2
    for text in timeline_pages:
        assert "三、处置过程" in text and "办理事项" in text  # the header rows repeat on every page
    assert all(re.search(rf"\b{i + 1}\s*/\s*{len(pages)}\s*$", text) for i, text in enumerate(pages))


def test_writing_again_replaces_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"old")
    write_problem_pdf("<p>河湖问题督办单 第二版</p>", pdf, "v2")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "第二版" in page_texts(pdf)[0]
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_a_folder_that_cannot_be_written_is_a_clear_os_error(
    tmp_path: Path, readonly_dir: tuple[Path, Callable[[], None]]
) -> None:
    with pytest.raises(OSError, match="不能在.*保存 PDF.*\n.*Cannot save the PDF"):
        write_problem_pdf("<p>x</p>", tmp_path / "no such folder" / "sheet.pdf", "x")
    folder, make_readonly = readonly_dir
    make_readonly()
    with pytest.raises(OSError, match="Cannot save the PDF in") as raised:
        write_problem_pdf("<p>x</p>", folder / "sheet.pdf", "x")
    assert str(folder) in str(raised.value)
    assert list(folder.iterdir()) == []
