"""Showing errors: environment faults get their own words; bugs get an apology and the details; a translation
that did not load is said in both languages."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from patrol_app.domain.refusal import Refusal
from patrol_app.store.errors import EnvironmentFault
from patrol_app.ui.i18n import current_language


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    title = QCoreApplication.translate("Messages", "River Patrol")
    if isinstance(exc, Refusal):  # a rule said no: say why, in both languages
        box = QMessageBox(QMessageBox.Icon.Information, title, exc.text(current_language()), parent=parent)
        box.setInformativeText(exc.en if current_language().startswith("zh") else exc.zh)
    elif isinstance(exc, EnvironmentFault):
        box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message(current_language()), parent=parent)
        other = exc.en if current_language().startswith("zh") else exc.zh
        box.setInformativeText(other)
    else:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            title,
            QCoreApplication.translate(
                "Messages",
                "Something went wrong inside the program. Your saved data is safe. "
                "Please send the details below to the city river-chief office.",
            ),
            parent=parent,
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()


# Fixed Chinese and English, not tr(): this is said exactly when the translation is missing.
TRANSLATION_FAILED_SHORT = "中文翻译无法加载，界面为英文，请重新安装 · Chinese translation missing: reinstall"


def translation_failed_text(qm_path: str) -> tuple[str, str]:
    """The message (Chinese first, then English) and its details, for a .qm that did not load."""
    if Path(qm_path).is_file():
        why_zh, why_en = "翻译文件已损坏", "the translation file is damaged"
    else:
        why_zh, why_en = "找不到翻译文件", "the translation file is missing"
    text = (
        f"无法加载中文界面翻译（{why_zh}），界面暂以英文显示。\n"
        "请重新安装巡河助手；若仍是英文，请联系市河长办。\n\n"
        f"The Chinese translation could not be loaded ({why_en}), so the interface is in English.\n"
        "Please reinstall River Patrol; if it stays in English, contact the city river-chief office."
    )
    return text, qm_path
