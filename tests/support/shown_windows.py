"""The main window as the GUI tests open it. tests/support is on pytest's pythonpath (the
tests folders are not packages, and tests are imported with --import-mode=importlib)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.app import open_window
from gui.main_window import MainWindow
from models.store import Store


def shown_window(qtbot: QtBot, store: Store) -> MainWindow:
    """The real main window on `store`, 1400x900, shown and exposed; closed after the test."""
    window = open_window(store)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window
