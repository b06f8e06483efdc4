"""The search box: debounced, grouped results (parties, then events) in a drop-down list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget

from models.domain import EventHit, PartyHit, SearchResults

if TYPE_CHECKING:
    from models.store import Store

ObjectRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "party", "event" or "header"

DEBOUNCE_MS = 150
_Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Rows: a header, then hits, per group. Headers are shown but cannot be chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Any]] = []

    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        self._rows = []
        if results is not None:
            if results.parties:
                self._rows.append(("header", f"Parties ({len(results.parties)})"))
                self._rows += [("party", hit) for hit in results.parties]
            if results.events:
                self._rows.append(("header", f"Events ({len(results.events)})"))
                self._rows += [("event", hit) for hit in results.events]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][0] == "header":
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, item = self._rows[index.row()]
        if role == KindRole:
            return kind
        if role == ObjectRole:
            return None if kind == "header" else item
        if role == Qt.ItemDataRole.FontRole and kind == "header":
            font = QFont()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            return font
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            if kind == "header":
                return str(item).upper()
            if isinstance(item, PartyHit):
                alias = f" (as {item.matched_alias})" if item.matched_alias else ""
                return f"{item.party.name}{alias} · {item.party.kind}"
            if isinstance(item, EventHit):
                via = f"  (via {item.via_party})" if item.via_party else ""
                return f"{item.event.when.display()} · {item.event.title}{via}"
        return None

    def target(self, row: int) -> tuple[str, int] | None:
        """("party"|"event", id) for a choosable row."""
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row][1]
        if isinstance(item, PartyHit):
            return ("party", item.party.id)
        if isinstance(item, EventHit):
            return ("event", item.event.id)
        return None

    def choosable_rows(self) -> list[int]:
        return [row for row, (kind, _) in enumerate(self._rows) if kind != "header"]


class SearchBox(QLineEdit):
    """Type to search; Up/Down move through the drop-down, Enter chooses, Escape closes."""

    result_chosen = Signal(str, int)  # ("party" | "event", id)

    def __init__(self, store: Store, results_parent: QWidget, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._store = store
        self.setPlaceholderText("Search events, parties, aliases…  (Ctrl+F)")
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
        self.results.hide()
        self.results.clicked.connect(lambda index: self._choose(index.row()))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.textChanged.connect(self._on_text_changed)
        results_parent.installEventFilter(self)

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self.model.set_results(None)
            self.results.hide()

    def run_search(self) -> None:
        """Search now (the debounce timer calls this)."""
        self._timer.stop()
        text = self.text()
        if not text.strip():
            self.model.set_results(None)
            self.results.hide()
            return
        results = self._store.search(text, limit=20)
        self.model.set_results(results)
        if not results.parties and not results.events:
            self.model.set_results(None)
            self.results.hide()
            self.setToolTip(f"Nothing found for “{text}”")
            return
        self.setToolTip("")
        rows = self.model.choosable_rows()
        if rows:
            self.results.setCurrentIndex(self.model.index(rows[0], 0))
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

    def _move(self, step: int) -> None:
        rows = self.model.choosable_rows()
        if not rows:
            return
        current = self.results.currentIndex().row()
        position = rows.index(current) if current in rows else -1
        position = max(0, min(len(rows) - 1, position + step))
        self.results.setCurrentIndex(self.model.index(rows[position], 0))

    def _choose(self, row: int) -> None:
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
                self._move(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or not self.results.isVisible():
                self.run_search()
            if self.results.isVisible():
                self._choose(self.results.currentIndex().row())
            return
        if key == Qt.Key.Key_Escape and self.results.isVisible():
            self.results.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        # Clicking a result takes focus away first; hide a moment later so the click lands.
        QTimer.singleShot(150, self._hide_unless_focused)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.results.hide()
