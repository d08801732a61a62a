"""Interface language: Qt Linguist translations (English source, Simplified Chinese .qm).

The language comes from `--lang`, else the saved setting, else the system locale; it can be
switched live, which sends every widget a LanguageChange event (each page re-sets its texts in
`retranslate_ui`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from patrol_app.resources import resource_path

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)

_state = {"language": ENGLISH}
_translators: list[QTranslator] = []


def system_language() -> str:
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def qm_path(language: str) -> str:
    return str(resource_path("i18n", f"patrol_app_{language}.qm"))


def current_language() -> str:
    return _state["language"]


def install(language: str) -> bool:
    """Switch the interface language; returns False if the translation could not be loaded."""
    app = QCoreApplication.instance()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    ok = True
    if language != ENGLISH:
        translator = QTranslator(app)
        ok = translator.load(qm_path(language))
        if ok:
            app.installTranslator(translator)
            _translators.append(translator)
    _state["language"] = language if ok else ENGLISH
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if _state["language"] == CHINESE else QLocale.Language.English)
    )
    return ok
