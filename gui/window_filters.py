"""Narrowing the window: its one filter (gui.filter_state), the facet panel, the chips above
the timeline and the results table, and what follows the filter: the timeline and the overview
strip read the store through it (Store.through: models.store.filtering), the search box searches
within it. Saved views (gui.saved_views) bring a filter back with the rest of a view.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox

from gui.actions import window_action
from gui.chips import FilterChips
from gui.facets import FacetPanel
from gui.filter_state import FilterState
from gui.table import ResultsTable
from gui.worker import LatestOnlyWorker
from models.filters import Filter
from models.query import parse_query

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SPAN_SETTLE_MS = 250
FACETS_MIN_WIDTH = 250
TABLE_MIN_HEIGHT = 180  # the facet counts follow the visible span once it stops moving


class WindowFilters(QObject):
    """The filter of one window, and the widgets that show and change it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.state = FilterState(self)
        self.chips = FilterChips(self.store, self.state)
        self.facets = FacetPanel(self.store, self.state, only_when_shown=True)
        self.table = ResultsTable(self.store, self.state, only_when_shown=True)
        self.facet_dock = self._dock("Filters", "facetDock", self.facets,
                                     Qt.DockWidgetArea.LeftDockWidgetArea)
        self.table_dock = self._dock("Results table", "tableDock", self.table,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.facets.setMinimumWidth(FACETS_MIN_WIDTH)  # names and counts stay readable
        self.table.setMinimumHeight(TABLE_MIN_HEIGHT)
        self.facet_dock.hide()
        self.table_dock.hide()
        self._span_timer = QTimer(self)
        self._span_timer.setSingleShot(True)
        self._span_timer.setInterval(SPAN_SETTLE_MS)
        self._span_timer.timeout.connect(self._follow_span)
        self._counter: LatestOnlyWorker | None = None
        self._no_reader = False
        self._counted = 0
        self._build_actions()
        self.state.changed.connect(self._apply)
        window.timeline.scale_changed.connect(self._span_timer.start)
        self.table.event_selected.connect(lambda event_id: window.navigate("event", event_id))
        self.table.event_activated.connect(lambda event_id: window.navigate("event", event_id))
        self.table.command_requested.connect(window.editing.run)
        window.selection_changed.connect(self._selected)

    def _dock(self, title: str, name: str, widget: object, area: Qt.DockWidgetArea
              ) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)  # (the window's saved state restores docks by name)
        dock.setWidget(widget)  # type: ignore[arg-type]
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        self.window.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None,
                tip: str) -> QAction:
        return window_action(self.window, text, slot, shortcut, tip)

    def _build_actions(self) -> None:
        self.facets_action = self.facet_dock.toggleViewAction()
        self.facets_action.setText("&Filters panel")
        self.facets_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.facets_action.setToolTip("Show or hide the filters: categories, parties, roles, "
                                      "sources, imported files, dates, tags (Ctrl+Shift+F)")
        self.table_action = self.table_dock.toggleViewAction()
        self.table_action.setText("Results &table")
        self.table_action.setShortcut(QKeySequence("Ctrl+3"))
        self.table_action.setToolTip("Show or hide the table of the events that pass the "
                                     "filter (Ctrl+3)")
        for action in (self.facets_action, self.table_action):
            self.window.addAction(action)
        self.clear_action = self._action("&Clear filter", lambda: self.set_filter(Filter()),
                                         "Ctrl+Shift+Backspace", "Show every event again")
        self.query_action = self._action(
            "Filter by &search", self.filter_by_search, None,
            "Narrow the timeline to what the search box's query asks for (Ctrl+Enter in the "
            "search box)")
        self.window.search.filter_requested.connect(self.filter_by_search)
        self.clear_action.setEnabled(False)

    def build_menu(self, menu: QMenu) -> None:
        menu.addActions([self.facets_action, self.table_action])
        menu.addSeparator()
        menu.addActions([self.query_action, self.clear_action])

    # -- the filter ------------------------------------------------------------------------
    def filter(self) -> Filter:
        return self.state.filter()

    def set_filter(self, flt: Filter) -> None:
        self.state.set_filter(flt)

    def filter_by_search(self) -> None:
        """The search box's query as the window's filter (added to the one there is)."""
        text = self.window.search.text()
        if not text.strip():
            return
        flt, notes = self.store.filter_of(parse_query(text))
        self.set_filter(self.filter().combined(flt))
        self.window.search.results.hide()
        if notes:
            self.window.statusBar().showMessage(" · ".join(notes), 8000)

    def export_scope(self) -> Filter | bool | None:
        """What an export of the story should hold: the filter when one is set and the person
        wants what they see, None for everything, False when they cancelled."""
        flt = self.filter()
        if flt.is_empty:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "Export",
                          "Export only the events that pass the filter (and the parties and "
                          "sources they name), or the whole story?", parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        seen = box.addButton("What I see", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Everything", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(seen)
        box.exec()
        clicked = box.clickedButton()
        if clicked is cancel:
            return False
        return flt if clicked is seen else None

    def _count(self, flt: Filter) -> None:
        """How many events pass, said beside the chips (counted off the GUI thread)."""
        self._counted += 1
        if flt.is_empty:
            return
        self.chips.set_count(None)
        if self._counter is None and not self._no_reader:
            reader = self.store.open_reader()
            if reader is None:
                self._no_reader = True
            else:
                self._counter = LatestOnlyWorker(reader, "filter-count")
                self._counter.bridge.result.connect(
                    lambda number, n: self.chips.set_count(n)
                    if number == self._counted else None)
        if self._counter is None:
            self.chips.set_count(self.store.count_passing(flt))
            return
        self._counter.submit(self._counted,
                             lambda reader, emit: emit(reader.count_passing(flt)))

    def _apply(self, flt: Filter) -> None:
        """Everything that reads events follows the filter at once."""
        self._count(flt)
        source = self.store if flt.is_empty else self.store.through(flt)
        self.window.timeline.set_source(source)
        self.window.overview.set_source(source)
        self.window.search.set_scope(flt)
        self.clear_action.setEnabled(not flt.is_empty)

    def _follow_span(self) -> None:
        start, end = self.window.timeline.visible_span()
        extent = self.store.extent()
        covers_all = extent is None or (start <= extent[0] and end >= extent[1])
        self.facets.set_span(None if covers_all else (start, end))

    def _selected(self, kind: str, item_id: int) -> None:
        if kind == "event":
            self.table.select_event(item_id)

    def refresh(self) -> None:
        """The store changed: counts, chips' names and the table again."""
        self.facets.refresh()
        self.chips.refresh()
        self.table.refresh()
        self._count(self.filter())

    def settle(self, timeout_ms: int = 20_000) -> None:
        """Wait until the open panels show the current filter (pictures, tests)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline and (
                (not self.filter().is_empty and self.chips.count.text() == "Counting…")
                or (self.facet_dock.isVisible() and self.facets.counting)
                or (self.table_dock.isVisible() and self.table.model.loading)):
            QCoreApplication.processEvents()
            time.sleep(0.005)

    def stop(self) -> None:
        """End the workers (counts, table rows) before the store closes."""
        self._span_timer.stop()
        self.facets.stop()
        self.table.stop()
        if self._counter is not None:
            self._counter.stop(wait=True)
            self._counter = None
        self._no_reader = True
