"""Thin Qt item models over the store's dataclasses (Vorta's ArchiveTableModel shape).

Each model holds a small list of frozen rows that the store already sorted; `set_rows` swaps them
inside beginResetModel/endResetModel. Column constants name the columns, `ObjectRole` returns the
row's dataclass and `SortRole` a native value (an int or a casefolded str) to sort by. Plain text:
no model here returns markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from models.domain import CoParty, EventRole, PartyRole

ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_Row = TypeVar("_Row")
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class RowsModel(QAbstractTableModel, Generic[_Row]):
    """A flat table of frozen rows. Subclasses declare COLUMNS: (header, text of, sort value of)."""

    COLUMNS: ClassVar[Sequence[tuple[str, Callable[[Any], str], Callable[[Any], Any]]]] = ()

    def __init__(self, rows: Sequence[_Row] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = list(rows)

    def set_rows(self, rows: Sequence[_Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[_Row]:
        return list(self._rows)

    def row_object(self, row: int) -> _Row:
        return self._rows[row]

    def summary(self, row: int) -> str:
        """The whole row as one line of text (what a screen reader reads for the row)."""
        item = self._rows[row]
        return " · ".join(text(item) for _, text, _ in self.COLUMNS if text(item))

    # -- Qt overrides --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (not index.isValid() or not 0 <= index.row() < len(self._rows)
                or not 0 <= index.column() < len(self.COLUMNS)):
            return None
        item = self._rows[index.row()]
        _, text, sort_value = self.COLUMNS[index.column()]
        if role in _TEXT_ROLES:
            return text(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.summary(index.row())
        if role == SortRole:
            return sort_value(item)
        if role == ObjectRole:
            return item
        return None


class PartyRolesModel(RowsModel[PartyRole]):
    """The parties of one event: "Huawei — signatory"."""

    PARTY = 0
    COLUMNS: ClassVar = (
        ("Party",
         lambda r: f"{r.party.name} — {r.role}" if r.role else r.party.name,
         lambda r: (r.party.name.casefold(), r.role.casefold())),
    )


class EventRolesModel(RowsModel[EventRole]):
    """The events of one party, in the store's date order: date as written, title, role."""

    DATE, TITLE, ROLE = range(3)
    COLUMNS: ClassVar = (
        ("Date", lambda r: r.event.when.display(), lambda r: r.event.when.earliest),
        ("Title", lambda r: r.event.title, lambda r: r.event.title.casefold()),
        ("Role", lambda r: r.role, lambda r: r.role.casefold()),
    )


def shared_events_text(count: int) -> str:
    return f"{count} shared event" + ("" if count == 1 else "s")


class CoPartiesModel(RowsModel[CoParty]):
    """Parties seen with one party, most shared events first."""

    NAME, SHARED = range(2)
    COLUMNS: ClassVar = (
        ("Name", lambda r: r.party.name, lambda r: r.party.name.casefold()),
        ("Shared events", lambda r: shared_events_text(r.shared), lambda r: r.shared),
    )
