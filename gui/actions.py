"""One way to make a window's actions: text, what it does, its shortcut, and a tooltip that
names the shortcut as the platform writes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from gui.field_editors import shortcut_text


def window_action(window: QWidget, text: str, slot: Callable[[], object],
                  shortcut: QKeySequence.StandardKey | str | None, tip: str) -> QAction:
    """An action of `window` (its shortcut works anywhere in it) running `slot()`."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(tip + (f" ({shortcut_text(shortcut)})" if shortcut else ""))
    action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    window.addAction(action)
    return action
