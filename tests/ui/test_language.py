"""Language: Chinese by default here, switchable live from Settings and by --lang; all texts translated."""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from patrol_app.store.settings import LANGUAGE
from patrol_app.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "patrol_app_zh_CN.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message
    return out


def test_every_source_string_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    """Scan the code afresh with lupdate: a new tr() string missing from the .ts fails here."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "patrol_app" / "ui").rglob("*.py"))
    lupdate = Path(__import__("sys").executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = messages(fresh)
    have = messages(TS)
    assert len(wanted) > 80
    missing = sorted(key for key in wanted if key not in have)
    assert missing == [], "run `make i18n-update` and translate these"
    unfinished = []
    for key in wanted:
        translation = have[key].find("translation")
        texts = [translation.text] + [f.text for f in translation.iter("numerusform")]
        if (
            translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not any(t and t.strip() for t in texts)
            or not any(t and re.search(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]", t) for t in texts)
            and key[1].strip() not in ("%1",)
        ):
            unfinished.append(key)
    assert unfinished == []


ALLOWED_LATIN = re.compile(r"^(km|Ctrl|Shift|F5|PDF|GPS|GPX|KML|NMEA|GCJ|[A-Z]|English|[0-9a-f-]+)$")


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QComboBox):
            texts.extend(w.itemText(i) for i in range(w.count()))
        if w.toolTip():
            texts.append(w.toolTip())
        if isinstance(w, QTabWidget):
            texts.extend(w.tabText(i) for i in range(w.count()))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            texts.extend(model_texts(w.model()))
    return texts


def model_texts(model: QAbstractItemModel, rows: int = 40) -> list[str]:
    """Headers and the first rows' cells and tooltips: a cell like "Final, revised 1 time(s)" is a visible string."""
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    for row in range(min(rows, model.rowCount(QModelIndex()))):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def english_words(texts: list[str], data_dir: str) -> list[str]:
    found = []
    for text in texts:
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text.replace(data_dir, "")))
        # Addresses and code formats are data, not words (the office address, an enrolment code's XXXX-XXXX).
        plain = re.sub(r"https?://\S+|\bX{4}-X{4}\b", " ", plain)
        plain = re.sub(r"[\w.-]+\.(?:jpe?g|png|heic|heif|tiff?|gpx|kml|kmz|nmea|pdf)\b", " ", plain, flags=re.I)
        for word in re.findall(r"[A-Za-z]{2,}", plain):
            if not ALLOWED_LATIN.match(word):
                found.append(f"{word!r} in {text[:60]!r}")
    return found


def test_no_english_left_on_any_page_in_chinese(qtbot: QtBot, window, runner) -> None:
    for index in range(window.navigation.count()):
        window.show_page(index)
        qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)  # the page's lists have loaded
    texts = visible_texts(window) + [window.windowTitle()]
    assert english_words(texts, str(window.settings._store.data_dir)) == []


def test_live_switch_to_english_and_back(qtbot: QtBot, window, demo_store) -> None:
    settings = window.settings
    english = settings.language_combo.findData(i18n.ENGLISH)
    settings.language_combo.setCurrentIndex(english)
    settings.language_combo.activated.emit(english)
    assert i18n.current_language() == i18n.ENGLISH
    english = ["Home", "Patrols", "Problems", "Photos", "Reaches", "Sync", "Settings"]
    qtbot.waitUntil(lambda: window.page_names() == english, timeout=30_000)
    assert window.windowTitle() == "River Patrol"
    assert window.home.title.text().startswith("Hello, ")
    assert (
        window.home.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
        == "Reach"
    )
    assert window.pending_label.text().startswith("Waiting to upload:")
    assert "Village" in window.profile_label.text()
    assert settings.title.text() == "Settings" and window.reaches.title.text() == "Reaches"
    problems = window.problems
    assert problems.tabs.tabText(0) == "Problem list" and problems.problem_list.model.headerData(
        0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "State"
    patrols = window.patrols
    assert patrols.title.text() == "Patrols" and patrols.editor.tabs.tabText(1) == "Checklist"
    assert patrols.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Started"
    assert demo_store.settings.get(LANGUAGE) == i18n.ENGLISH  # remembered for next start

    chinese = settings.language_combo.findData(i18n.CHINESE)
    settings.language_combo.setCurrentIndex(chinese)
    settings.language_combo.activated.emit(chinese)
    chinese_names = ["首页", "巡河记录", "问题", "照片", "河段名录", "上传同步", "设置"]
    qtbot.waitUntil(lambda: window.page_names() == chinese_names, timeout=30_000)
    assert window.home.title.text().endswith("，您好")
    assert window.pending_label.text().startswith("待上传")


@pytest.mark.parametrize(("flag", "title"), [("en", "River Patrol"), ("zh_CN", "巡河助手")])
def test_lang_flag_chooses_the_language(qtbot: QtBot, demo_store, flag: str, title: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from patrol_app.ui.app import run
    from patrol_app.ui.main_window import MainWindow

    demo_store.close()
    seen = {}

    def grab() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, grab)
            return
        seen["title"] = windows[0].windowTitle()
        QApplication.instance().quit()

    QTimer.singleShot(20, grab)
    assert run(data_dir=demo_store.data_dir, language=flag) == 0
    assert seen["title"] == title


def test_a_damaged_translation_at_start_is_told_not_silent(qtbot: QtBot, demo_store, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from patrol_app.ui.app import run
    from patrol_app.ui.main_window import MainWindow

    damaged = tmp_path / "patrol_app_zh_CN.qm"
    damaged.write_bytes(b"\x3c\xb8\x64\x18" + b"not really a translation" * 10)
    monkeypatch.setattr(i18n, "qm_path", lambda language: str(damaged))
    demo_store.close()
    seen = {}

    def grab() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, grab)
            return
        window = windows[0]
        box = window.translation_box
        seen.update(title=window.windowTitle(), warning=window.translation_warning.isVisible(),
                    box=box is not None and box.isVisible() and not box.isModal(),
                    text=box.text() if box else "", details=box.informativeText() if box else "")
        QApplication.instance().quit()

    QTimer.singleShot(20, grab)
    assert run(data_dir=demo_store.data_dir, language="zh_CN") == 0
    assert seen["title"] == "River Patrol"
    assert seen["warning"] and seen["box"]
    text = seen["text"]
    assert text.index("无法加载中文界面翻译") < text.index("The Chinese translation could not be loaded")
    assert "已损坏" in text and "damaged" in text and "重新安装" in text and "reinstall" in text
    assert seen["details"] == str(damaged)


def test_switching_to_a_missing_translation_warns_and_english_clears_it(
        qtbot: QtBot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = window.settings
    combo = settings.language_combo
    assert not window.translation_warning.isVisible() and window.translation_box is None
    monkeypatch.setattr(i18n, "qm_path", lambda language: str(tmp_path / "gone" / "patrol_app_zh_CN.qm"))
    combo.setCurrentIndex(combo.findData(i18n.ENGLISH))
    combo.activated.emit(combo.findData(i18n.ENGLISH))
    combo.setCurrentIndex(combo.findData(i18n.CHINESE))
    combo.activated.emit(combo.findData(i18n.CHINESE))
    assert i18n.current_language() == i18n.ENGLISH
    qtbot.waitUntil(lambda: window.windowTitle() == "River Patrol", timeout=3000)
    assert window.translation_warning.isVisible()
    assert "中文翻译无法加载" in window.translation_warning.text()
    box = window.translation_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert "找不到翻译文件" in box.text() and "missing" in box.text()

    combo.setCurrentIndex(combo.findData(i18n.ENGLISH))
    combo.activated.emit(combo.findData(i18n.ENGLISH))
    assert not window.translation_warning.isVisible() and not box.isVisible()


def test_qts_own_buttons_and_dialogs_speak_chinese(qtbot) -> None:
    """Yes/No, OK/Cancel and the folder dialog come from Qt's own translation (qtbase_zh_CN.qm)."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "t", "现在提交吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Yes,
                                                              QMessageBox.StandardButton.No)}
    assert not texts & {"Yes", "No"}, texts
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "取消"
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Look in" not in labels and "查找范围" in labels and "文件类型" in labels, labels


def test_lupdate_extracts_every_translated_literal_in_the_code(tmp_path: Path) -> None:
    """Every literal passed to tr() or QCoreApplication.translate() must reach the .ts: lupdate skips some
    call shapes (translate(context, text, disambiguation, n) was one), and those then show in English."""
    import ast

    fresh = tmp_path / "fresh.ts"
    sources = sorted((ROOT / "patrol_app" / "ui").rglob("*.py"))
    lupdate = Path(__import__("sys").executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *map(str, sources), "-ts", str(fresh)], check=True, capture_output=True)
    extracted = {key[1] for key in messages(fresh)}
    literals = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            position = {"tr": 0, "translate": 1}.get(node.func.attr)
            if position is None or len(node.args) <= position:
                continue
            text = node.args[position]
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                literals.append((path.name, node.lineno, text.value))
    assert len(literals) > 300
    missed = [(name, line, text) for name, line, text in literals if text not in extracted]
    assert missed == [], "lupdate does not see these: use self.tr(text) or translate(context, text)"
