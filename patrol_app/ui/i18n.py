"""Interface language: Qt Linguist translations (English source, Simplified Chinese .qm).

The language comes from `--lang`, else the saved setting, else the system locale; it can be
switched live, which sends every widget a LanguageChange event (each page re-sets its texts in
`retranslate_ui`). A translation that cannot be loaded leaves the interface in English and is
remembered (`failed_translation`) so that the window can tell the user instead of switching silently.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from patrol_app.resources import resource_path

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)

_state: dict[str, str | None] = {"language": ENGLISH, "failed": None}
_translators: list[QTranslator] = []


def system_language() -> str:
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def qm_path(language: str) -> str:
    return str(resource_path("i18n", f"patrol_app_{language}.qm"))


def current_language() -> str:
    return _state["language"] or ENGLISH


def failed_translation() -> str | None:
    """The .qm file the last install() could not load (the interface is in English then), or None."""
    return _state["failed"]


def install(language: str) -> bool:
    """Switch the interface language; returns False if the translation could not be loaded."""
    app = QCoreApplication.instance()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    ok = True
    _state["failed"] = None
    if language != ENGLISH:
        translator = QTranslator(app)
        path = qm_path(language)
        ok = translator.load(path)
        if ok:
            app.installTranslator(translator)
            _translators.append(translator)
            # Qt's own words (Yes/No, OK/Cancel, the folder dialog's "Look in") come from the
            # translation PySide6 ships; without it those stay English in a Chinese interface.
            # The few of them that translation lacks are ours (resources/i18n/qt_extra_*.ts), installed
            # last so that they are looked up first.
            for name, folder in ((f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                                 (f"qt_extra_{language}", str(resource_path("i18n")))):
                qt = QTranslator(app)
                if qt.load(name, folder):
                    app.installTranslator(qt)
                    _translators.append(qt)
        else:
            _state["failed"] = path
    _state["language"] = language if ok else ENGLISH
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if _state["language"] == CHINESE else QLocale.Language.English)
    )
    return ok
