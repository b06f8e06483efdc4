"""The search box: debounced, grouped results (parties, then events) in a drop-down list.

Searches run in a worker thread on the store's own read-only reader (`store.open_search_reader()`,
a models.store.search.SearchReader): first the unranked hits, shown at once, then the ranked ones.
Each search carries a generation number; a newer text interrupts the running query, and results
of any older generation are dropped when they arrive. Stores without a reader (in memory) are
searched synchronously on the GUI thread through `store.search`.

Results can be chosen several at a time (Ctrl- or Shift-click, Shift+Up/Down) for the Edit menu's
Merge… and Delete (`selected_targets`), and a party (or event) dragged onto another asks to
merge them (`merge_requested`); the window previews the merge first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QListView, QMenu, QWidget

from gui.item_models import plain_tooltip
from gui.search_results import SearchResultsModel
from gui.worker import Job, LatestOnlyWorker
from models.domain import SearchResults
from models.filters import Facet, Filter
from models.query import complete, parse_query

if TYPE_CHECKING:
    from models.store import Store
    from models.store.search import SearchReader


DEBOUNCE_MS = 150
LIMIT = 20
# The query language's fields whose values are names in the store (offered as completions).
_FIELD_FACETS = {"party": Facet.PARTY, "role": Facet.ROLE, "kind": Facet.KIND,
                 "category": Facet.CATEGORY, "source": Facet.SOURCE, "tag": Facet.TAG,
                 "collection": Facet.COLLECTION}


def _search_job(text: str, scope: Filter) -> Job:
    """Plain words: first the unranked hits (when no filter narrows them), then the ranked ones
    with what else holds the words; a query with fields: the events that pass it. A reader
    returns None when interrupted."""
    query = parse_query(text)
    plain = not query.terms and query.span is None

    def job(reader: SearchReader, emit: Callable[[Any], None]) -> None:
        if plain and scope.is_empty:
            first = reader.first_results(text, limit=LIMIT)
            if first is None:
                return
            emit(("first", first))
        ranked = reader.query_results(text, scope, limit=LIMIT)
        if ranked is not None:
            emit(("ranked", ranked))

    return job


class SearchBox(QLineEdit):
    """Type to search; Up/Down move through the drop-down, Enter chooses, Escape closes."""

    result_chosen = Signal(str, int)  # ("party" | "event", id)
    merge_requested = Signal(str, int, object)  # (kind, into id, [other ids])
    delete_requested = Signal(object)  # [event ids]
    filter_requested = Signal()  # Ctrl+Enter: the query as the window's filter

    def __init__(self, store: Store, results_parent: QWidget, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._store = store
        self.setPlaceholderText("Search, or party:Huawei role:signatory date:2019..2023…  "
                                "(Ctrl+F)")
        self.setToolTip(plain_tooltip(
            "Words are looked for in events, parties, aliases, sources, quotes and notes. "
            "Fields narrow: party: role: kind: category: source: tag: collection: date: "
            "is:starred is:uncertain precision: attr:name=value; -field:value excludes; "
            "\"quotes\" keep words together."))
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search")
        self.setMinimumWidth(320)
        self.model = SearchResultsModel(self)
        # A child of the window rather than a popup window: it never steals the keyboard.
        self.results = QListView(results_parent)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setFrameShape(QListView.Shape.StyledPanel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.results.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.results.setDragDropOverwriteMode(True)  # dropped onto a row, never between
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results.customContextMenuRequested.connect(self._results_menu)
        self.results.hide()
        self.results.clicked.connect(self._clicked)
        self.model.dropped.connect(
            lambda kind, onto, dragged: self.merge_requested.emit(kind, onto, dragged))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _text: (self._offer_completions(), self._timer.start()))
        self.textChanged.connect(self._on_text_changed)
        results_parent.installEventFilter(self)
        self._scope = Filter()
        self._completions: tuple[str, ...] = ()
        self._completion_span = (0, 0)
        self._generation = 0
        self._pending = False
        self._choose_when_ranked = False
        self._worker: LatestOnlyWorker | None = None
        reader = store.open_search_reader()  # None for a store in memory
        if reader is not None:
            worker = self._worker = LatestOnlyWorker(reader, "search")
            worker.bridge.result.connect(self._on_result)
            worker.bridge.failed.connect(self._on_failed)
            self.destroyed.connect(lambda *_: worker.stop())

    @property
    def searching(self) -> bool:
        """True while a search in the worker has not given its ranked results yet."""
        return self._pending

    def set_scope(self, scope: Filter) -> None:
        """Search within `scope` (the window's filter) from now on."""
        if scope != self._scope:
            self._scope = scope
            self.refresh()

    def _offer_completions(self) -> None:
        """Field names and values for the piece under the cursor (shown above the hits)."""
        found = complete(self.text(), self.cursorPosition(), self._values, limit=8)
        piece = self.text()[found.start:found.end]
        self._completions = tuple(c for c in found.candidates if c != piece)
        self._completion_span = (found.start, found.end)

    def _values(self, field: str, partial: str) -> list[str]:
        facet = _FIELD_FACETS.get(field)
        if facet is None or not partial.strip():
            return []
        return [label for _, label in self._store.resolve(facet, partial, limit=8)]

    def _complete_with(self, text: str) -> None:
        start, end = self._completion_span
        value = self.text()
        joined = value[:start] + text + ("" if text.endswith(":") else " ")
        self.setText(joined + value[end:].lstrip())
        self.setCursorPosition(len(joined))
        self._offer_completions()
        self.run_search()

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._new_generation()
            self.model.set_results(None)
            self.results.hide()

    def _new_generation(self) -> int:
        """Make every search still running or on its way stale."""
        self._generation += 1
        self._pending = False
        self._choose_when_ranked = False
        return self._generation

    def stop(self) -> None:
        """Stop the worker thread and wait for it (also done, without waiting, when the box is
        destroyed)."""
        if self._worker is not None:
            self._worker.stop(wait=True)
            self._worker = None

    def run_search(self) -> None:
        """Search now (the debounce timer calls this): in the worker when there is one."""
        self._timer.stop()
        text = self.text()
        generation = self._new_generation()
        if not text.strip():
            self.model.set_results(None)
            self.results.hide()
            return
        if self._worker is None:
            self._show(self._store.query_results(text, self._scope, limit=LIMIT), final=True)
            return
        self._pending = True
        self._worker.submit(generation, _search_job(text, self._scope))

    def _on_result(self, generation: int, payload: tuple[str, SearchResults]) -> None:
        phase, results = payload
        if phase == "first":
            self._on_first(generation, results)
        else:
            self._on_ranked(generation, results)

    def _on_first(self, generation: int, results: SearchResults) -> None:
        if generation != self._generation or not self._pending:
            return  # an older text's results, or already ranked
        if results.parties or results.events or self._completions:
            self._show(results, final=False)
        else:
            self.model.set_results(None)  # nothing yet: typo hits may still come ranked
            self.results.hide()

    def _on_ranked(self, generation: int, results: SearchResults) -> None:
        if generation != self._generation or not self._pending:
            return
        self._pending = False
        self._show(results, final=True)
        if self._choose_when_ranked:
            self._choose_when_ranked = False
            if self.results.isVisible():
                self._choose(self.results.currentIndex().row())

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self._choose_when_ranked = False
        self.model.set_results(None)
        self.results.hide()
        self.setToolTip(plain_tooltip(f"Search failed: {message}"))

    def _show(self, results: SearchResults, *, final: bool) -> None:
        current = self.model.target(self.results.currentIndex().row()) \
            if self.results.isVisible() else None
        # Nothing found is said (with the query's notes), never a list that stays away.
        self.model.set_results(results, completions=self._completions, nothing=final)
        if self.model.rowCount() == 0:
            self.results.hide()
            return
        found = bool(results.parties or results.events)
        self.setToolTip("" if found or not final
                        else plain_tooltip(f"Nothing found for “{results.text}”"))
        rows = [r for r in self.model.choosable_rows() if self.model.completion(r) is None]
        rows = rows or self.model.choosable_rows()
        # Ranked results replacing first ones keep the row the person had moved to.
        keep = [r for r in rows if current is not None and self.model.target(r) == current]
        if keep or rows:
            self.results.selectionModel().setCurrentIndex(
                self.model.index((keep or rows)[0], 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._place_results()
        self.results.show()
        self.results.raise_()

    def _place_results(self) -> None:
        parent = self.results.parentWidget()
        if parent is None:
            return
        top_left = self.mapTo(parent, QPoint(0, self.height()))
        width = min(max(self.width(), 560), parent.width() - 8)
        left = min(top_left.x(), max(0, parent.width() - width - 4))
        rows_h = sum(self.results.sizeHintForRow(r) for r in range(self.model.rowCount()))
        height = min(rows_h + 2 * self.results.frameWidth() + 4, parent.height() * 2 // 3)
        self.results.setGeometry(left, top_left.y() + 2, width, max(height, 40))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.results.isVisible():
            self._place_results()
        return False

    def _move(self, step: int, *, extend: bool = False) -> None:
        """To the next or previous hit; extend=True (Shift) adds it to those chosen."""
        rows = self.model.choosable_rows()
        if not rows:
            return
        current = self.results.currentIndex().row()
        position = rows.index(current) if current in rows else -1
        position = max(0, min(len(rows) - 1, position + step))
        index = self.model.index(rows[position], 0)
        flag = QItemSelectionModel.SelectionFlag
        self.results.selectionModel().setCurrentIndex(
            index, flag.Select if extend else flag.ClearAndSelect)

    def _clicked(self, index: QModelIndex) -> None:
        modifiers = QApplication.keyboardModifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return  # choosing several (for Merge… or Delete), not going to one
        self._choose(index.row())

    def selected_targets(self) -> list[tuple[str, int]]:
        """("party" | "event", id) of the results chosen, in list order ([] when the results
        are not shown)."""
        if not self.results.isVisible():
            return []
        rows = sorted(index.row() for index in self.results.selectionModel().selectedRows())
        return [t for t in (self.model.target(row) for row in rows) if t is not None]

    def refresh(self) -> None:
        """The store changed: search again for what is shown (keeping the results open)."""
        if self.results.isVisible() and self.text().strip():
            self.run_search()

    def results_menu(self) -> QMenu:
        """What can be done with the results chosen: merge them, delete the events."""
        chosen = self.selected_targets()
        parties = [i for kind, i in chosen if kind == "party"]
        events = [i for kind, i in chosen if kind == "event"]
        menu = QMenu(self.results)
        if len(parties) > 1:
            menu.addAction(f"Merge {len(parties)} parties…").triggered.connect(
                lambda: self.merge_requested.emit("party", parties[0], parties[1:]))
        if len(events) > 1:
            menu.addAction(f"Merge {len(events)} events…").triggered.connect(
                lambda: self.merge_requested.emit("event", events[0], events[1:]))
        if events:
            menu.addAction("Delete event…" if len(events) == 1
                           else f"Delete {len(events)} events…").triggered.connect(
                lambda: self.delete_requested.emit(events))
        if not menu.actions():
            menu.addAction("Ctrl-click or Shift+Up/Down chooses several").setEnabled(False)
        return menu

    def _results_menu(self, pos: QPoint) -> None:
        menu = self.results_menu()
        menu.exec(self.results.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _choose(self, row: int) -> None:
        completion = self.model.completion(row)
        if completion is not None:
            self._complete_with(completion)
            return
        target = self.model.target(row)
        if target is None:
            return
        self.results.hide()
        self.result_chosen.emit(*target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.results.isVisible() and self.text().strip():
                self.run_search()
            else:
                self._move(1 if key == Qt.Key.Key_Down else -1,
                           extend=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.filter_requested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or not self.results.isVisible():
                self.run_search()
            if self._pending:  # in the worker: choose the best one when it is known
                self._choose_when_ranked = True
            elif self.results.isVisible():
                self._choose(self.results.currentIndex().row())
            return
        if key == Qt.Key.Key_Escape and self.results.isVisible():
            self.results.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() == Qt.FocusReason.PopupFocusReason:
            return  # a menu (Edit, the results' own): it may act on the results chosen
        # Clicking a result takes focus away first; hide a moment later so the click lands.
        QTimer.singleShot(150, self._hide_unless_focused)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.results.hide()
