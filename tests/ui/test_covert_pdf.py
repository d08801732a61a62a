"""The covert quarter report's PDF, checked from outside with poppler: A4, Chinese text embedded and
extractable, every section there, written atomically on a worker thread."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from patrol_app.domain.problems import Actor
from patrol_app.store.database import Store
from patrol_app.ui.covert_pdf import write_covert_quarter_pdf
from patrol_app.ui.tasks import TaskRunner
from tests.reports.test_covert_quarter import MAJOR, known_quarter, make_liaison
from tests.store.test_covert import SECRET
from tests.ui.test_problem_pdf import in_background, page_texts, poppler


@pytest.fixture
def unit_store(store: Store) -> tuple[Store, Actor]:
    return make_liaison(store)


def test_the_quarter_report_prints_as_a4_with_chinese_text(qtbot: QtBot, runner: TaskRunner, unit_store,
                                                          tmp_path: Path) -> None:
    report = known_quarter(unit_store)
    pdf = tmp_path / "out" / "暗访 季度报告.pdf"
    pdf.parent.mkdir()
    in_background(qtbot, runner, lambda: write_covert_quarter_pdf(report, pdf))

    info = poppler("pdfinfo", str(pdf))
    assert re.search(r"^Page size:.*\(A4\)", info, re.M), info
    assert "2026年第1季度暗访检查报告" in info  # the title
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name]
    fonts = poppler("pdffonts", str(pdf))
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # every font embedded

    text = re.sub(r"\s+", "", "".join(page_texts(pdf)))
    for words in ("鲁山县水利局", "2026年第1季度暗访检查报告", "一、河段覆盖情况", "二、暗访检查情况",
                  "三、发现问题及整改情况", "未暗访", "已暗访", "本季度还剩12天", "周爱萍、钱记录", "发现重大问题",
                  "向高淑芬报告", "超期5天", "鲁山县张庄村", SECRET, MAJOR):
        assert words in text, words
