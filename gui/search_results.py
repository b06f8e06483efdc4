"""The search box's drop-down list as a Qt model: a header, then hits, per group; a hit can be
dragged onto another of its kind (to merge them)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from gui.item_models import plain_tooltip
from models.domain import EventHit, PartyHit, SearchResults

ObjectRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "party", "event", "header", "note" or "complete"
RECORDS_MIME = "application/x-chronolens-records"  # [[kind, id], …] being dragged
_Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Rows: a header, then hits, per group. Headers are shown but cannot be chosen. A hit can
    be dragged onto another of its kind: `dropped(kind, onto id, dragged ids)`."""

    dropped = Signal(str, int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Any]] = []

    def set_results(self, results: SearchResults | None, *,
                    completions: tuple[str, ...] = (), nothing: bool = False) -> None:
        """The hits of `results`, after the completions offered for the piece being typed
        and the query's notes; with `nothing`, a row saying that nothing was found."""
        self.beginResetModel()
        self._rows = [("complete", text) for text in completions]
        if results is not None:
            self._rows += [("note", note) for note in results.notes]
            if nothing and not results.parties and not results.events:
                self._rows.append(("note", f"Nothing found for “{results.text.strip()}”"))
            if results.parties:
                self._rows.append(("header", f"Parties ({len(results.parties)})"))
                self._rows += [("party", hit) for hit in results.parties]
            if results.events:
                self._rows.append(("header", f"Events ({len(results.events)})"))
                self._rows += [("event", hit) for hit in results.events]
        self.endResetModel()

    def completion(self, row: int) -> str | None:
        """The text a completion row offers (None for other rows)."""
        if 0 <= row < len(self._rows) and self._rows[row][0] == "complete":
            return str(self._rows[row][1])
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        kind = self._rows[index.row()][0]
        if kind in ("header", "note"):
            return Qt.ItemFlag.ItemIsEnabled if kind == "note" else Qt.ItemFlag.NoItemFlags
        if kind == "complete":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)

    # -- dragging one hit onto another ---------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [RECORDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        targets = [self.target(index.row()) for index in indexes]
        data.setData(RECORDS_MIME, json.dumps([t for t in targets if t]).encode())
        return data

    def _dragged(self, data: QMimeData) -> list[tuple[str, int]]:
        if not data.hasFormat(RECORDS_MIME):
            return []
        try:
            found = json.loads(bytes(data.data(RECORDS_MIME).data()).decode())
            return [(str(kind), int(item_id)) for kind, item_id in found]
        except (ValueError, TypeError):
            return []

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        onto = self.target(parent.row()) if parent.isValid() else None
        dragged = self._dragged(data)
        return (onto is not None and bool(dragged)
                and all(kind == onto[0] and item_id != onto[1] for kind, item_id in dragged))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        onto = self.target(parent.row())
        assert onto is not None
        self.dropped.emit(onto[0], onto[1], [item_id for _kind, item_id in self._dragged(data)])
        return False  # nothing moves in the list: the window merges (after a preview)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, item = self._rows[index.row()]
        if role == KindRole:
            return kind
        if role == ObjectRole:
            return None if kind in ("header", "note", "complete") else item
        if role == Qt.ItemDataRole.FontRole and kind in ("header", "note"):
            font = QFont()
            font.setBold(kind == "header")
            font.setItalic(kind == "note")
            font.setPointSizeF(font.pointSizeF() * 0.85)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._text(kind, item))  # QToolTip would render markup
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(kind, item)
        return None

    @staticmethod
    def _text(kind: str, item: Any) -> str:
        """A row as plain text: the header, or the hit with what it was found through."""
        if kind == "header":
            return str(item).upper()
        if kind == "note":
            return str(item)
        if kind == "complete":
            return f"→ {item}"
        if isinstance(item, PartyHit):
            alias = f" (as {item.matched_alias})" if item.matched_alias else ""
            return f"{item.party.name}{alias} · {item.party.kind}"
        if isinstance(item, EventHit):
            via = item.found_through
            return f"{item.event.when.display()} · {item.event.title}{via}"
        return ""

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
        return [row for row, (kind, _) in enumerate(self._rows)
                if kind not in ("header", "note")]
