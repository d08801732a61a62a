"""The passphrase that protects covert drafts on a shared laptop: unlock, set, change, remove, forget.

Deriving a key takes ~0.1–0.4 s on purpose, so every step runs off the GUI thread (`TaskRunner`); the
key lives only in the covert page's memory. A wrong passphrase is said in the dialog (which stays open,
nothing changed), with what a forgotten passphrase means (`store.covert.FORGOTTEN_ZH`).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.refusal import Refusal
from patrol_app.store import Store
from patrol_app.store.covert import FORGOTTEN_EN, FORGOTTEN_ZH
from patrol_app.store.sealing import MIN_PASSPHRASE, CovertKey
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.i18n import current_language
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets import MessageLine


class Step(Enum):
    UNLOCK = "unlock"
    SET = "set"
    CHANGE = "change"
    REMOVE = "remove"
    FORGET = "forget"


class PassphraseDialog(QDialog):
    """One step with the passphrase. Signals:
    done(object): it succeeded; carries the key to use from now on (a `CovertKey`, or None when drafts are
    no longer protected).
    """

    done = Signal(object)

    def __init__(self, *, store: Store, runner: TaskRunner, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self.step = step
        self.setMinimumWidth(560)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.current, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._typed)
        self.error = MessageLine(5)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.go)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        asks_current = step in (Step.UNLOCK, Step.CHANGE, Step.REMOVE)
        asks_new = step in (Step.SET, Step.CHANGE)
        if asks_current:
            form.addRow(self.tr("Passphrase") if step is not Step.CHANGE else self.tr("Current passphrase"),
                        self.current)
        if asks_new:
            form.addRow(self.tr("New passphrase"), self.new)
            form.addRow(self.tr("Repeat it"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        zh = current_language().startswith("zh")
        forgotten = FORGOTTEN_ZH if zh else FORGOTTEN_EN
        texts = {
            Step.UNLOCK: (self.tr("Open protected drafts"), self.tr("Open"),
                          self.tr("The covert drafts on this laptop are protected by a passphrase. Enter it to "
                                  "see and change them. Submitted inspections and the coverage need no "
                                  "passphrase.")),
            Step.SET: (self.tr("Protect drafts with a passphrase"), self.tr("Protect"),
                       self.tr("On a shared laptop, a passphrase keeps the unit's drafts (plans, findings not yet "
                               "submitted) unreadable to anyone else, in the backups folder too (a backup saved "
                               "elsewhere before, e.g. on a USB stick, is not changed: delete it). At least %1 "
                               "characters. Write it down somewhere safe: ").replace("%1", str(MIN_PASSPHRASE))
                       + forgotten),
            Step.CHANGE: (self.tr("Change the passphrase"), self.tr("Change"),
                          self.tr("Enter the current passphrase, then the new one twice.")),
            Step.REMOVE: (self.tr("Stop protecting drafts"), self.tr("Remove passphrase"),
                          self.tr("The drafts will be stored unencrypted again: anyone using this laptop's "
                                  "liaison profile can read them. Enter the passphrase to confirm.")),
            Step.FORGET: (self.tr("Forgot the passphrase"), self.tr("Delete the drafts and start again"),
                          forgotten),
        }
        title, button, intro = texts[step]
        self.setWindowTitle(title)
        self.ok.setText(button)
        self.intro.setText(intro)
        self._first = self.current if asks_current else self.new

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self._first.setFocus()

    @Slot()
    def _typed(self) -> None:
        self.error.clear()

    def local_refusal(self) -> str | None:
        if self.step in (Step.UNLOCK, Step.CHANGE, Step.REMOVE) and not self.current.text():
            return self.tr("Enter the passphrase.")
        if self.step in (Step.SET, Step.CHANGE):
            if len(self.new.text().strip()) < MIN_PASSPHRASE:
                return self.tr("The new passphrase needs at least %1 characters.").replace("%1", str(MIN_PASSPHRASE))
            if self.new.text() != self.repeat.text():
                return self.tr("The two new passphrases differ: type the same one twice.")
        return None

    @Slot()
    def go(self) -> None:
        problem = self.local_refusal()
        if problem is not None:
            self.error.setText(problem)
            return
        step, current, new = self.step, self.current.text(), self.new.text()

        def work(store: Store, _context: Any) -> CovertKey | None:
            covert = store.covert
            if step is Step.UNLOCK:
                return covert.unlock(current)
            if step is Step.SET:
                return covert.set_passphrase(new)
            if step is Step.CHANGE:
                return covert.set_passphrase(new, key=covert.unlock(current))
            if step is Step.REMOVE:
                covert.remove_passphrase(covert.unlock(current))
                return None
            covert.forget_passphrase()
            return None

        def finished(key: CovertKey | None) -> None:
            self.buttons.setEnabled(True)
            self.done.emit(key)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, Refusal):
                self.error.setText(exc.text(current_language()))
                self.current.selectAll()
                self.current.setFocus()
            else:
                show_error(self, exc)

        self.buttons.setEnabled(False)
        self._runner.run_in_store(self._store.data_dir, work, on_success=finished, on_failure=failed,
                                  writes=step is not Step.UNLOCK, owner=self)
