"""The history of a record (an event, a party, a source): every change kept in the store that
touched it, oldest first: when, by which action, the change's label, the field, and its old and
new values. Plain text throughout (the values are whatever was typed or imported).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import dim, plain_label
from gui.item_models import RowsModel

if TYPE_CHECKING:
    from models.store.history import HistoryEntry

# name(kind, id): the name of a party, the title of an event or a source ("" when unknown)
Names = Callable[[str, int], str]


def _row(value: dict[str, Any], kind: str, name: Names) -> str:
    """A row a record owns (a party's part in an event, a citation, a link, an alias…) as a
    person reads it, seen from the record whose history it is (`kind`)."""
    def named(other: str, column: str) -> str:
        id_ = value.get(column)
        found = name(other, int(id_)) if isinstance(id_, int) else ""
        return found or (f"{other} {id_}" if id_ is not None else "")

    role, quote = value.get("role"), value.get("quote")
    if "party_id" in value and "role" in value:  # a participation
        who = named("event", "event_id") if kind == "party" else named("party", "party_id")
        return f"{who} — {role}" if role else who
    if "source_id" in value:  # a citation
        of = named("event", "event_id") if kind == "source" else named("source", "source_id")
        return f"“{quote}” ({of})" if quote else of
    if "url" in value:  # a link
        return " · ".join(str(value[c]) for c in ("caption", "url", "credit") if value.get(c))
    if "name" in value and "value" in value:  # an attribute
        return f"{value['name']}: {value['value']}"
    if "name" in value:  # an alias
        return str(value["name"])
    return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))


def shown_value(text: str | None, kind: str = "", name: Names = lambda _k, _i: "") -> str:
    """A value as the history keeps it (JSON text), for a person: strings as they are, a row
    as what it says (names for ids), nothing as ""."""
    if text is None:
        return ""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _row(value, kind, name)
    return json.dumps(value, ensure_ascii=False)


def shown_time(at: str) -> str:
    """An ISO time as local date and time to the minute ("2026-12-03 14:05")."""
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return at
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


FIELD_NAMES = {"edtf": "date", "category_id": "category", "published": "published on"}


def shown_field(entry: HistoryEntry) -> str:
    if entry.field:
        return FIELD_NAMES.get(entry.field, entry.field)
    return {"add": "added", "remove": "removed"}.get(entry.op, entry.op)


def shown_change(entry: HistoryEntry, kind: str = "",
                 name: Names = lambda _k, _i: "") -> str:
    """Old → new, or what was added or removed."""
    if entry.field == "category_id":  # a category's name for its id
        def category(text: str | None) -> str:
            value = json.loads(text) if text else None
            return (name("category", value) or f"category {value}") if isinstance(value, int) \
                else "none"
        return f"{category(entry.old)} → {category(entry.new)}"
    old, new = shown_value(entry.old, kind, name), shown_value(entry.new, kind, name)
    if entry.op == "add":
        return f"+ {new}" if new else "added"
    if entry.op == "remove":
        return f"\u2212 {old}" if old else "removed"
    return f"{old} → {new}"


@dataclass(frozen=True, slots=True)
class ShownEntry:
    entry: HistoryEntry
    change: str  # old → new, as a person reads it


class HistoryModel(RowsModel[ShownEntry]):
    """One row per field a change touched."""

    WHEN, ACTION, LABEL, FIELD, CHANGE = range(5)
    COLUMNS: ClassVar = (
        ("When", lambda r: shown_time(r.entry.at), lambda r: r.entry.at),
        ("Action", lambda r: r.entry.action, lambda r: r.entry.action),
        ("Change", lambda r: r.entry.label, lambda r: r.entry.label.casefold()),
        ("Field", lambda r: shown_field(r.entry), lambda r: shown_field(r.entry)),
        ("Old → new", lambda r: r.change, lambda r: r.change.casefold()),
    )


class HistoryDialog(QDialog):
    """A record's history in a table; Escape closes it."""

    def __init__(self, title: str, entries: Sequence[HistoryEntry], *, kind: str = "",
                 name: Names = lambda _k, _i: "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History of {title}")
        column = QVBoxLayout(self)
        heading = plain_label(f"History of {title}", name="historyHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        column.addWidget(heading)
        self.model = HistoryModel([ShownEntry(e, shown_change(e, kind, name))
                                   for e in entries], self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName("Changes to this record")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in (HistoryModel.WHEN, HistoryModel.ACTION, HistoryModel.FIELD):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.LABEL, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(HistoryModel.LABEL, 300)
        column.addWidget(self.table, 1)
        note = ("No change has been kept for it yet: it is as it was first stored."
                if not entries else
                f"{len(entries)} field{'s' if len(entries) != 1 else ''} changed, oldest first."
                " Undo and redo are changes too.")
        column.addWidget(dim(plain_label(note, name="historyNote", selectable=False)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.resize(900, 420)
        if entries:
            self.table.scrollToBottom()

    def rows(self) -> list[list[Any]]:
        """The table as shown, row by row (tests)."""
        return [[self.model.index(r, c).data() for c in range(self.model.columnCount())]
                for r in range(self.model.rowCount())]
