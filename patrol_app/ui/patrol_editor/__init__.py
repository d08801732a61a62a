"""The patrol editor: a shell (editor.py: header, tabs, message line, buttons, saving and finalising)
with one widget per tab (details, checklist, track, photos and problems, history)."""

from patrol_app.ui.patrol_editor.bundle import Bundle, read_bundle
from patrol_app.ui.patrol_editor.editor import PatrolEditor

__all__ = ["Bundle", "PatrolEditor", "read_bundle"]
