"""Saved views: what the window shows (span, lane mode, pinned lanes, filter, selection, which
panels are open) kept in the store under a name, brought back from View > Saved views or the
switcher (Ctrl+Alt+V); and the last view of each store, restored when it opens.

A view is JSON (`capture` / `restore`); a field that cannot be read (a lane or event deleted
since, a view saved by a later Chronolens) is left out, never refused.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.actions import window_action
from gui.app import show_problem
from models.domain import LaneMode
from models.errors import StoreError
from models.filters import Filter

if TYPE_CHECKING:
    from gui.main_window import MainWindow

VIEW_VERSION = 1


def capture(window: MainWindow) -> dict[str, Any]:
    """The view the window shows now."""
    timeline = window.timeline
    current = window.details.current()
    return {
        "version": VIEW_VERSION,
        "span": list(timeline.visible_span()),
        "lanes": timeline.lane_mode().value,
        "pinned": list(timeline.pinned_lanes()),
        "filter": window.filters.filter().to_json(),
        "selection": list(current) if current is not None else None,
        "panels": {"filters": window.filters.facet_dock.isVisibleTo(window),
                   "table": window.filters.table_dock.isVisibleTo(window)},
    }


def restore(window: MainWindow, view: dict[str, Any]) -> None:
    """Show `view` (from `capture`), as much of it as still reads."""
    timeline = window.timeline
    lanes = view.get("lanes")
    if lanes in {m.value for m in LaneMode}:
        window.set_lane_mode(LaneMode(lanes))
    pinned = view.get("pinned")
    if isinstance(pinned, list):
        for lane in list(timeline.pinned_lanes()):
            timeline.unpin_lane(lane)
        names = window.store.lane_names(timeline.lane_mode(),
                                        [i for i in pinned if isinstance(i, int)])
        for lane_id, name in names.items():
            timeline.pin_lane(lane_id, name)
    flt = view.get("filter")
    window.filters.set_filter(Filter.from_json(flt) if isinstance(flt, dict) else Filter())
    panels = view.get("panels")
    if isinstance(panels, dict):
        window.filters.facet_dock.setVisible(bool(panels.get("filters")))
        window.filters.table_dock.setVisible(bool(panels.get("table")))
    span = view.get("span")
    if (isinstance(span, list) and len(span) == 2
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in span)
            and span[0] < span[1]):
        timeline.go_to(int(span[0]), int(span[1]))
    selection = view.get("selection")
    if (isinstance(selection, list) and len(selection) == 2
            and selection[0] in ("event", "party", "source") and isinstance(selection[1], int)):
        window.navigate(selection[0], selection[1])


def _parsed(spec: str) -> dict[str, Any] | None:
    try:
        view = json.loads(spec)
    except ValueError:
        return None
    return view if isinstance(view, dict) else None


class SavedViews(QObject):
    """View > Saved views, the switcher, and the last view of the store."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.menu = QMenu("Saved &views", window)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.save_action = self._action("&Save view as…", self.ask_save, "Ctrl+Alt+S",
                                        "Keep what the window shows under a name")
        self.switch_action = self._action("&Switch to view…", self.ask_switch, "Ctrl+Alt+V",
                                          "Go to a saved view by typing its name")

    def _action(self, text: str, slot: Any, shortcut: str, tip: str) -> QAction:
        return window_action(self.window, text, slot, shortcut, tip)

    def _fill_menu(self) -> None:
        self.menu.clear()
        self.menu.addActions([self.save_action, self.switch_action])
        views = self._views()
        if views:
            self.menu.addSeparator()
        for name in views:
            self.menu.addAction(name).triggered.connect(
                lambda _=False, n=name: self.show_view(n))
        if views:
            self.menu.addSeparator()
            remove = self.menu.addMenu("&Delete view")
            for name in views:
                remove.addAction(name).triggered.connect(
                    lambda _=False, n=name: self.delete_view(n))
        self.save_action.setEnabled(not self.store.read_only)

    def _views(self) -> list[str]:
        try:
            return [v.name for v in self.store.views()]
        except StoreError:
            return []

    def save_view(self, name: str) -> bool:
        name = " ".join(name.split())
        if not name:
            return False
        try:
            self.store.save_view(name, json.dumps(capture(self.window)))
        except StoreError as error:
            show_problem(self.window, "Cannot save the view", "The view was not saved.",
                         str(error))
            return False
        self.window.statusBar().showMessage(f"Saved the view “{name}”", 5000)
        return True

    def ask_save(self) -> None:
        name, ok = QInputDialog.getText(self.window, "Save view", "Name of this view:",
                                        QLineEdit.EchoMode.Normal)
        if not ok or not name.strip():
            return
        if name.strip() in self._views() and QMessageBox.question(
                self.window, "Save view", f"Replace the view “{name.strip()}”?"
        ) != QMessageBox.StandardButton.Yes:
            return
        self.save_view(name)

    def show_view(self, name: str) -> bool:
        saved = self.store.view(name)
        view = _parsed(saved.spec) if saved is not None else None
        if view is None:
            self.window.statusBar().showMessage(f"There is no view “{name}”", 5000)
            return False
        restore(self.window, view)
        return True

    def delete_view(self, name: str) -> None:
        try:
            self.store.delete_view(name)
        except StoreError as error:
            show_problem(self.window, "Cannot delete the view", "The view was kept.",
                         str(error))

    def ask_switch(self) -> None:
        names = self._views()
        if not names:
            self.window.statusBar().showMessage(
                "No saved views yet: View > Saved views > Save view as… (Ctrl+Alt+S)", 6000)
            return
        dialog = ViewSwitcher(names, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            self.show_view(dialog.chosen)

    # -- the last view of the store ----------------------------------------------------------
    def _settings_key(self) -> str:
        return "views/last/" + str(self.store.path).replace("/", "|")

    def remember(self) -> None:
        """Keep the view shown now as the store's last (in the store when it can be written,
        else in the settings)."""
        spec = json.dumps(capture(self.window))
        if not self.store.read_only:
            try:
                self.store.remember_view(spec)
                return
            except StoreError:
                pass
        QSettings().setValue(self._settings_key(), spec)

    def restore_last(self) -> bool:
        """Show the store's last view; False when there is none."""
        spec: object = None
        try:
            spec = self.store.last_view()
        except StoreError:
            spec = None
        if spec is None:
            spec = QSettings().value(self._settings_key())
        view = _parsed(spec) if isinstance(spec, str) else None
        if view is None:
            return False
        restore(self.window, view)
        return True


class ViewSwitcher(QDialog):
    """Type to narrow the saved views; Enter goes to the one highlighted."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Switch to view")
        self.chosen: str | None = None
        self.field = QLineEdit()
        self.field.setPlaceholderText("Type a view's name…")
        self.field.setAccessibleName("View name")
        self.list = QListWidget()
        self.list.setAccessibleName("Saved views")
        for name in names:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        self.field.textChanged.connect(self._narrow)
        self.field.returnPressed.connect(self._accept_current)
        self.list.itemActivated.connect(lambda _item: self._accept_current())

    def _narrow(self, text: str) -> None:
        key = text.casefold().strip()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = key not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
