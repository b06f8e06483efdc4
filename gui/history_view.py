"""The history of a record (an event, a party, a source): every change kept in the store that
touched it, oldest first: when, by which action, the change's label, the field, and its old and
new values. Plain text throughout (the values are whatever was typed or imported).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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

_OWNED = {"participations": "party", "citations": "citation", "links": "link",
          "aliases": "alias", "event_attributes": "attribute", "party_attributes": "attribute"}


def shown_value(text: str | None) -> str:
    """A value as the history keeps it (JSON text), for a person: strings as they are, a row
    as its values, nothing as ""."""
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
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
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


def shown_field(entry: HistoryEntry) -> str:
    if entry.field:
        return entry.field
    return {"add": "added", "remove": "removed"}.get(entry.op, entry.op)


def shown_change(entry: HistoryEntry) -> str:
    """Old → new, or what was added or removed."""
    old, new = shown_value(entry.old), shown_value(entry.new)
    if entry.op == "add":
        return f"+ {new}" if new else "added"
    if entry.op == "remove":
        return f"\u2212 {old}" if old else "removed"
    return f"{old} → {new}"


class HistoryModel(RowsModel["HistoryEntry"]):
    """One row per field a change touched."""

    WHEN, ACTION, LABEL, FIELD, CHANGE = range(5)
    COLUMNS: ClassVar = (
        ("When", lambda e: shown_time(e.at), lambda e: e.at),
        ("Action", lambda e: e.action, lambda e: e.action),
        ("Change", lambda e: e.label, lambda e: e.label.casefold()),
        ("Field", shown_field, lambda e: shown_field(e)),
        ("Old → new", shown_change, lambda e: shown_change(e).casefold()),
    )


class HistoryDialog(QDialog):
    """A record's history in a table; Escape closes it."""

    def __init__(self, title: str, entries: Sequence[HistoryEntry], *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History of {title}")
        column = QVBoxLayout(self)
        heading = plain_label(f"History of {title}", name="historyHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        column.addWidget(heading)
        self.model = HistoryModel(entries, self)
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
