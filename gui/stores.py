"""Which stores the windows open: the recent list (QSettings), new stores' names, the question
before a store is made for a --db that names nothing."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

RECENT_KEY = "recent_stores"
RECENT_LIMIT = 10
STORE_SUFFIXES = (".db", ".chronolens")
STORE_FILTER = "Chronolens stores (*.db *.chronolens);;All files (*)"


def recent_stores() -> list[Path]:
    """The stores opened in a window, most recent first (at most RECENT_LIMIT)."""
    value = QSettings().value(RECENT_KEY)
    # An ini file gives a one-item list back as a plain string.
    texts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(text) for text in texts if isinstance(text, str) and text][:RECENT_LIMIT]


def _save_recent(paths: list[Path]) -> None:
    QSettings().setValue(RECENT_KEY, [str(path) for path in paths[:RECENT_LIMIT]])


def remember_store(path: str | Path) -> None:
    """`path` first in the recent list (once); an in-memory store is no file to go back to."""
    if str(path) == ":memory:":
        return
    full = Path(os.path.abspath(path))
    _save_recent([full, *(other for other in recent_stores() if other != full)])


def forget_store(path: Path) -> None:
    _save_recent([other for other in recent_stores() if other != path])


def clear_recent_stores() -> None:
    QSettings().remove(RECENT_KEY)


def with_store_suffix(path: Path) -> Path:
    """`path`, with .db added unless it already ends as a store's name does."""
    return path if path.suffix.lower() in STORE_SUFFIXES else path.with_name(f"{path.name}.db")


def shown_path(path: str | Path) -> str:
    """A store's path for a title or a menu: ~ for the home folder."""
    full = Path(os.path.abspath(path))
    try:
        return str(Path("~") / full.relative_to(Path.home()))
    except ValueError:
        return str(full)


def ask_create_store(path: Path, parent: QWidget | None = None) -> bool:
    """--db names no file: make an empty store there? (Tests replace this function.)"""
    box = QMessageBox(QMessageBox.Icon.Question, "Chronolens",
                      f"There is no store at {path}.\n\nCreate an empty store there?",
                      parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText("Create")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return bool(box.exec() == QMessageBox.StandardButton.Ok)


class RecentMenu(QMenu):
    """File ▸ Open recent: filled afresh each time it opens, so every window shows the stores
    any window opened. A store no longer there is marked; choosing it drops it (the window
    says so)."""

    store_chosen = Signal(object)  # a Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Open &recent", parent)
        self.aboutToShow.connect(self.refill)
        self.refill()

    def refill(self) -> None:
        self.clear()
        paths = recent_stores()
        for number, path in enumerate(paths, 1):
            key = f"&{number}" if number < 10 else "1&0"
            missing = "" if path.exists() else "  (not found)"
            action = self.addAction(f"{key}  {shown_path(path).replace('&', '&&')}{missing}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.store_chosen.emit(p))
        if not paths:
            self.addAction("No recent stores").setEnabled(False)
        self.addSeparator()
        clear = self.addAction("&Clear recent")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(clear_recent_stores)
