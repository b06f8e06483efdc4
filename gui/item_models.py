"""Thin Qt item models over the store's dataclasses (Vorta's ArchiveTableModel shape).

Each model holds a small list of frozen rows that the store already sorted; `set_rows` swaps them
inside beginResetModel/endResetModel. Lists that can be huge (a party's events) hold ids instead and
fetch rows in blocks as they are shown (LazyRowsModel, after Anki's browser model). Column
constants name the columns, `ObjectRole` returns the row's dataclass and `SortRole` a native value
(an int or a casefolded str) to sort by. Plain text: no model here returns markup, except
tooltips, which are user text escaped (`plain_tooltip`) so that QToolTip shows it as written.
"""

from __future__ import annotations

import html
from collections import OrderedDict
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


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` exactly as written.

    QToolTip takes text that looks like HTML (Qt::mightBeRichText: a tag or '&lt;' on the first
    line) as rich text, so user text goes in escaped, inside rich text that keeps its spaces and
    line breaks; '<img src=file:…>' then shows as those characters and loads nothing.
    """
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>' if text else ""


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

    def row_object(self, row: int) -> _Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def summary(self, row: int) -> str:
        """The whole row as one line of text (what a screen reader reads for the row)."""
        item = self.row_object(row)
        if item is None:
            return ""
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
        if (not index.isValid() or not 0 <= index.row() < self.rowCount()
                or not 0 <= index.column() < len(self.COLUMNS)):
            return None
        item = self.row_object(index.row())
        if item is None:  # gone from the store since the ids were read
            return None
        _, text, sort_value = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(item)  # painted as plain text by the views' delegates
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(text(item))
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


class LazyRowsModel(RowsModel[_Row]):
    """Rows by id: holds the ids (sorted by the store) and fetches rows BLOCK at a time, when a row
    of the block is first asked for. Shows BLOCK rows at first and BLOCK more on each fetchMore
    (views call it as they scroll to the end), so a view never lays out 300,000 rows at once.

    `fetch(ids)` returns the rows of those ids (any order; ids it does not return show empty).
    """

    BLOCK = 200
    CACHED_BLOCKS = 40

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._ids: list[int] = []
        self._shown = 0
        self._fetch: Callable[[list[int]], Sequence[_Row]] = lambda ids: []
        self._blocks: OrderedDict[int, list[_Row | None]] = OrderedDict()
        self._inserting = False
        self.blocks_fetched = 0

    def set_ids(self, ids: Sequence[int], fetch: Callable[[list[int]], Sequence[_Row]],
                *, known: Sequence[_Row] = ()) -> None:
        """Hold `ids`; `known`: rows already read (the first of them, say), not read again."""
        self.beginResetModel()
        self._ids = list(ids)
        self._fetch = fetch
        self._blocks.clear()
        self._shown = min(self.BLOCK, len(self._ids))
        by_id = {self.row_id(row): row for row in known}
        for number in range(0, len(self._ids), self.BLOCK):
            block_ids = self._ids[number:number + self.BLOCK]
            if not by_id or not all(i in by_id for i in block_ids):
                break
            self._blocks[number // self.BLOCK] = [by_id[i] for i in block_ids]
        self.endResetModel()

    def set_rows(self, rows: Sequence[_Row]) -> None:
        """Rows already in hand (a small list): shown through the same id path."""
        by_id = {self.row_id(row): row for row in rows}
        self.set_ids(list(by_id), lambda ids: [by_id[i] for i in ids if i in by_id])

    def row_id(self, row: _Row) -> int:
        raise NotImplementedError

    def total(self) -> int:
        """All the rows there are (rowCount() is those shown so far)."""
        return len(self._ids)

    def rows(self) -> list[_Row]:
        """The rows shown so far (fetching their blocks)."""
        return [r for r in (self.row_object(i) for i in range(self._shown)) if r is not None]

    def row_object(self, row: int) -> _Row | None:
        if not 0 <= row < self._shown:
            return None
        number = row // self.BLOCK
        block = self._blocks.get(number)
        if block is None:
            ids = self._ids[number * self.BLOCK:(number + 1) * self.BLOCK]
            found = {self.row_id(r): r for r in self._fetch(ids)}
            block = self._blocks[number] = [found.get(i) for i in ids]
            self.blocks_fetched += 1
            while len(self._blocks) > self.CACHED_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block[row % self.BLOCK]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: _Index) -> None:
        # (views and the model tester may ask again from inside the insertion's signals)
        if self._inserting or not self.canFetchMore(parent):
            return
        more = min(self.BLOCK, len(self._ids) - self._shown)
        self._inserting = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
            self._shown += more
            self.endInsertRows()
        finally:
            self._inserting = False


class LazyEventRolesModel(LazyRowsModel[EventRole]):
    """A party's events by id, in the store's date order (sorted in SQL), fetched in blocks."""

    DATE, TITLE, ROLE = EventRolesModel.DATE, EventRolesModel.TITLE, EventRolesModel.ROLE
    COLUMNS: ClassVar = EventRolesModel.COLUMNS

    def row_id(self, row: EventRole) -> int:
        return row.event.id


def shared_events_text(count: int) -> str:
    return f"{count} shared event" + ("" if count == 1 else "s")


class CoPartiesModel(RowsModel[CoParty]):
    """Parties seen with one party, most shared events first."""

    NAME, SHARED = range(2)
    COLUMNS: ClassVar = (
        ("Name", lambda r: r.party.name, lambda r: r.party.name.casefold()),
        ("Shared events", lambda r: shared_events_text(r.shared), lambda r: r.shared),
    )
