"""The review dialog for what an article proposes: check, edit or leave out each event and party,
then take the choice as a Story (`accepted_story`). The dialog writes nothing; the caller writes
the story in one transaction.

Left, two tables: the proposed events (check, date as EDTF, title, parties as
"Huawei (signatory); Ericsson (signatory)", the words that dated it) and the proposed parties
(check, name, kind, which store party it is, or a new one, and how often the text names it).
Right, the article as plain text: the selected event's sentence, or the selected party's
mentions, highlighted and scrolled into view.

Keys: Space checks or unchecks the selected rows, Enter or F2 edits the current cell (Enter on a
cell that cannot be edited edits the row's first cell that can), Ctrl+A selects every row, Tab
moves between the tables, the article and the buttons; Alt+E, Alt+P and Alt+T go to the events,
the parties and the article text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import date_note
from gui.item_models import plain_tooltip
from models.articles.review import (
    PartyList,
    date_problem,
    kind_problem,
    match_problem,
    one_line,
    title_problem,
)
from models.dates import parse_edtf
from models.domain import Party
from models.proposals import Proposals, ProposedEvent, ProposedParty, to_story
from models.story import PARTY_KINDS, Story

_Index = QModelIndex | QPersistentModelIndex
NEW_PARTY = "New party"
KEYS_HINT = ("Space checks or unchecks the selected rows · Enter or F2 edits a cell · "
             "Tab moves between the lists, the article and the buttons")


# --- helpers -------------------------------------------------------------------------------------


def _is_checked(value: object) -> bool:
    """A check state as a view hands it to setData: Qt.CheckState or its int value."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value == Qt.CheckState.Checked.value


def _check_state(checked: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked


def _dim_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_SHIFTS_POSITIONS = re.compile("[\r\U00010000-\U0010FFFF]")


def qt_positions(text: str) -> Callable[[int], int]:
    """Maps an offset in `text` (Python characters) to a position in a QTextDocument holding
    it: Qt counts UTF-16 units (two for characters beyond U+FFFF) and reads '\\r\\n' as one
    line break."""
    if _SHIFTS_POSITIONS.search(text) is None:
        return lambda offset: offset
    positions = [0] * (len(text) + 1)
    position = 0
    for i, char in enumerate(text):
        positions[i] = position
        if char == "\r" and text[i + 1:i + 2] == "\n":
            continue  # the '\n' that follows makes the one break
        position += 2 if ord(char) > 0xFFFF else 1
    positions[len(text)] = position

    def to_qt(offset: int) -> int:
        return positions[max(0, min(offset, len(text)))]
    return to_qt


# --- what the two tables share -------------------------------------------------------------------

_Row = TypeVar("_Row")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _CheckedTable(QAbstractTableModel, Generic[_Row]):
    """Proposals, one a row, each checked (imported) or not in column CHECK. A model says what
    its other columns show and which it edits; an edit that is not valid is refused (`refused`
    says why), one that is taken says `edited`."""

    CHECK = 0
    HEADERS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[tuple[str, ...]] = ()
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()  # columns of numbers
    LEFT_OUT: ClassVar[str] = "Left out"  # the check's tooltip when unchecked
    refused = Signal(str)  # an edit was refused: why
    edited = Signal()  # an edit was taken

    def __init__(self, rows: Sequence[_Row], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self._checked = [True] * len(self._rows)

    def is_checked(self, row: int) -> bool:
        return self._checked[row]

    def checked_count(self) -> int:
        return sum(self._checked)

    def chosen(self) -> list[_Row]:
        return [item for item, checked in zip(self._rows, self._checked, strict=True) if checked]

    def set_checked(self, rows: Sequence[int], checked: bool) -> None:
        changed = [row for row in rows if self._checked[row] != checked]
        for row in changed:
            self._checked[row] = checked
        if changed:
            self.dataChanged.emit(self.index(min(changed), self.CHECK),
                                  self.index(max(changed), self.CHECK))
            self._checks_changed()

    def set_all_checked(self, checked: bool) -> None:
        self.set_checked(range(len(self._rows)), checked)

    # -- what each model says --------------------------------------------------------------

    def problem(self, index: _Index, value: object) -> str | None:
        """Why setting this value would be refused, or None."""
        raise NotImplementedError

    def _editable(self, row: int, column: int) -> bool:
        """Whether the cell (not the check) can be edited."""
        raise NotImplementedError

    def _text(self, row: int, column: int) -> str:
        raise NotImplementedError

    def _tooltip(self, row: int, column: int) -> str:
        """The tooltip of a cell other than the check."""
        raise NotImplementedError

    def _display(self, row: int, column: int) -> Any:
        return self._text(row, column) if column != self.CHECK else None

    def _edit_value(self, row: int, column: int) -> Any:
        return self._display(row, column)

    def _dimmed(self, row: int, column: int) -> bool:
        return False

    def _taken(self, column: int, value: Any) -> Any:
        """The edited value as the model checks and takes it."""
        return value

    def _edited_row(self, item: _Row, column: int, value: Any) -> _Row:
        """The row with a valid edit taken."""
        raise NotImplementedError

    def _checks_changed(self) -> None:
        """After rows were checked or unchecked (dataChanged has said so)."""

    def _row_changed(self, row: int, column: int) -> None:
        """After an edit of the cell changed the row."""
        self.dataChanged.emit(self.index(row, column), self.index(row, column))

    # -- Qt overrides ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.RIGHT_ALIGNED:
            return _RIGHT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CHECK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif self._editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        check = column == self.CHECK
        if role == Qt.ItemDataRole.CheckStateRole and check:
            return _check_state(self._checked[row])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if check:
                return plain_tooltip("Imported" if self._checked[row] else self.LEFT_OUT)
            return plain_tooltip(self._tooltip(row, column))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if check:
                return "Import" if self._checked[row] else "Leave out"
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed(row, column):
            return _dim_color()
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHECK:
            self.set_checked([row], _is_checked(value))
            return True
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        value = self._taken(column, value)
        problem = self.problem(index, value)
        if problem is not None:
            self.refused.emit(problem)
            return False
        item = self._edited_row(self._rows[row], column, value)
        self.edited.emit()
        if item != self._rows[row]:
            self._rows[row] = item
            self._row_changed(row, column)
        return True


# --- the parties table ---------------------------------------------------------------------------


class PartiesModel(_CheckedTable[ProposedParty]):
    """The proposed parties: checked or not, and edited (name, kind, which store party it is).

    A party matched to a store party shows that party's name and kind, which the dialog does not
    change; only new parties have an editable name and kind."""

    NAME, KIND, IS, MENTIONS = range(1, 5)
    HEADERS: ClassVar[tuple[str, ...]] = ("✓", "Name", "Kind", "Is", "Mentions")
    HEADER_TIPS: ClassVar[tuple[str, ...]] = (
        "Checked parties are imported; unchecked ones are left out of every event",
        "The party's name (editable for a new party)",
        "What kind of party it is (editable for a new party)",
        "A new party, or one the store already holds",
        "How often the article names it",
    )
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset({MENTIONS})
    LEFT_OUT: ClassVar[str] = "Left out of every event"
    parties_changed = Signal()  # names or checks changed: events show their parties anew

    def __init__(self, parties: Sequence[ProposedParty], known: Sequence[Party],
                 parent: QObject | None = None) -> None:
        super().__init__(parties, parent)
        self._known = {party.key: party for party in known}
        self._choices = self._known_choices(known)
        self.rules = PartyList(lambda: self._rows, self.shown_name, self.checked_ids)

    @staticmethod
    def _known_choices(known: Sequence[Party]) -> list[tuple[str, str]]:
        """(label, key) of each store party, by name; names two parties share get their kind
        (and key) added, so that the list tells them apart."""
        counts: dict[str, int] = {}
        for party in known:
            counts[party.name.casefold()] = counts.get(party.name.casefold(), 0) + 1
        labels = []
        for party in known:
            label = one_line(party.name)
            if counts[party.name.casefold()] > 1:
                label += f" ({party.kind}, {party.key})"
            labels.append((label, party.key))
        return sorted(labels, key=lambda pair: (pair[0].casefold(), pair[1]))

    # -- what the dialog and the events model ask -------------------------------------------

    def choices(self) -> list[tuple[str, str]]:
        """The 'Is' choices: (label, key), "New party" first with the key ''."""
        return [(NEW_PARTY, ""), *self._choices]

    def parties(self) -> list[ProposedParty]:
        return list(self._rows)

    def party(self, row: int) -> ProposedParty:
        return self._rows[row]

    def row_of(self, party_id: str) -> int | None:
        for row, party in enumerate(self._rows):
            if party.id == party_id:
                return row
        return None

    def checked_ids(self) -> set[str]:
        return {p.id for p in self.chosen()}

    def matched_count(self) -> int:
        """Checked parties that are the store's own."""
        return sum(1 for p in self.chosen() if p.match is not None)

    def store_party(self, party: ProposedParty) -> Party | None:
        return self._known.get(party.match) if party.match is not None else None

    def shown_name(self, party: ProposedParty) -> str:
        """The store party's name when it is one, else the name as edited."""
        known = self.store_party(party)
        return known.name if known is not None else party.name

    def name_of(self, party_id: str) -> str:
        row = self.row_of(party_id)
        return party_id if row is None else self.shown_name(self._rows[row])

    def find(self, name: str) -> ProposedParty | None:
        """The party shown by this name (or, failing that, named so in the article)."""
        return self.rules.find(name)

    def problem(self, index: _Index, value: object) -> str | None:
        """Why setting this value would be refused, or None (models.articles.review)."""
        if index.column() == self.NAME:
            return self.rules.name_problem(str(value), self._rows[index.row()].id)
        if index.column() == self.KIND:
            return kind_problem(value)
        if index.column() == self.IS:
            return match_problem(value, self._known)
        return None

    # -- the cells -------------------------------------------------------------------------

    def _editable(self, row: int, column: int) -> bool:
        new = self._rows[row].match is None
        return column == self.IS or (column in (self.NAME, self.KIND) and new)

    def _text(self, row: int, column: int) -> str:
        party = self._rows[row]
        known = self.store_party(party)
        if column == self.NAME:
            return one_line(self.shown_name(party))
        if column == self.KIND:
            return known.kind if known is not None else party.kind
        if column == self.IS:
            if party.match is None:
                return NEW_PARTY
            return one_line(known.name) if known is not None else party.match
        if column == self.MENTIONS:
            return str(len(party.mentions))
        return ""

    def _tooltip(self, row: int, column: int) -> str:
        party = self._rows[row]
        known = self.store_party(party)
        if column == self.NAME:
            lines = [self.shown_name(party)]
            if known is not None and party.name != known.name:
                lines.append(f"The article calls it {party.name}")
            if party.aliases:
                lines.append("Also named: " + ", ".join(party.aliases))
            return "\n".join(lines)
        if column == self.IS:
            if party.match is None:
                return "A new party, written with the article's events"
            if known is None:
                return f"{party.match}: not a party of this store"
            return f"The store's party {known.name} ({known.key}), left as it is"
        return self._text(row, column)

    def _display(self, row: int, column: int) -> Any:
        if column == self.MENTIONS:
            return len(self._rows[row].mentions)
        return super()._display(row, column)

    def _edit_value(self, row: int, column: int) -> Any:
        party = self._rows[row]
        if column == self.NAME:
            return party.name
        if column == self.KIND:
            return party.kind
        if column == self.IS:
            return party.match or ""
        return super()._edit_value(row, column)

    def _dimmed(self, row: int, column: int) -> bool:
        return column == self.MENTIONS or (column == self.KIND
                                           and self._rows[row].match is not None)

    def _taken(self, column: int, value: Any) -> Any:
        return "" if column == self.IS and value is None else value

    def _edited_row(self, item: ProposedParty, column: int, value: Any) -> ProposedParty:
        if column == self.NAME:
            return dataclasses.replace(item, name=one_line(str(value)))
        if column == self.KIND:
            return dataclasses.replace(item, kind=str(value))
        if column == self.IS:
            return dataclasses.replace(item, match=str(value) or None)
        return item

    def _checks_changed(self) -> None:
        self.parties_changed.emit()

    def _row_changed(self, row: int, column: int) -> None:
        # A new 'Is' changes the name and kind shown too.
        self.dataChanged.emit(self.index(row, self.CHECK), self.index(row, self.MENTIONS))
        self.parties_changed.emit()


# --- the events table ----------------------------------------------------------------------------

class EventsModel(_CheckedTable[ProposedEvent]):
    """The proposed events: checked or not, and edited (date, title, parties).

    An event's parties show as "Huawei (signatory); Ericsson (signatory)": the parties checked
    in the parties model, by the name it shows. Roles for parties left out stay with the event
    (checking the party again brings them back) but are not in `chosen()`."""

    DATE, TITLE, PARTIES, PHRASE = range(1, 5)
    HEADERS: ClassVar[tuple[str, ...]] = ("✓", "Date", "Title", "Parties", "Date phrase")
    HEADER_TIPS: ClassVar[tuple[str, ...]] = (
        "Checked events are imported",
        "When it happened, as EDTF: 2016, 2023-08-25, 2019~ (about), 2023? (uncertain), "
        "2019/.. (since 2019), 2016/2019",
        "What happened",
        "Who took part, as 'Name (role); Name (role)', by names in the parties list",
        "The words in the article that date it",
    )

    def __init__(self, events: Sequence[ProposedEvent], parties: PartiesModel,
                 parent: QObject | None = None) -> None:
        super().__init__(events, parent)
        self._parties = parties
        parties.parties_changed.connect(self._parties_changed)

    def _parties_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, self.PARTIES),
                                  self.index(len(self._rows) - 1, self.PARTIES))

    # -- what the dialog asks --------------------------------------------------------------

    def events(self) -> list[ProposedEvent]:
        return list(self._rows)

    def proposed(self, row: int) -> ProposedEvent:
        return self._rows[row]

    def chosen(self) -> list[ProposedEvent]:
        """The checked events, each without the roles of parties left out."""
        kept = self._parties.checked_ids()
        return [dataclasses.replace(event, parties=tuple(p for p in event.parties
                                                         if p[0] in kept))
                for event in super().chosen()]

    def parties_text(self, event: ProposedEvent) -> str:
        """'Huawei (signatory); Ericsson' for the event's parties still checked."""
        return self._parties.rules.parties_text(event, self._parties.name_of)

    def parse_parties(self, text: str) -> tuple[tuple[str, str], ...]:
        """(party id, role) pairs of 'Name (role); Name; …'. ValueError names the first name
        that is not a checked party of the list."""
        return self._parties.rules.parse_parties(text)

    def problem(self, index: _Index, value: object) -> str | None:
        """Why setting this value would be refused, or None (models.articles.review)."""
        text = str(value)
        if index.column() == self.DATE:
            return date_problem(text)
        if index.column() == self.TITLE:
            return title_problem(text)
        if index.column() == self.PARTIES:
            try:
                self.parse_parties(text)
            except ValueError as error:
                return f"Parties not changed: {error}"
        return None

    # -- the cells -------------------------------------------------------------------------

    def _editable(self, row: int, column: int) -> bool:
        return column in (self.DATE, self.TITLE, self.PARTIES)

    def _text(self, row: int, column: int) -> str:
        event = self._rows[row]
        if column == self.DATE:
            return event.when.display()
        if column == self.TITLE:
            return one_line(event.title)
        if column == self.PARTIES:
            return self.parties_text(event)
        if column == self.PHRASE:
            return one_line(event.date_phrase)
        return ""

    def _tooltip(self, row: int, column: int) -> str:
        event = self._rows[row]
        if column == self.DATE:
            note = date_note(event.when)
            return f"EDTF: {event.when.edtf()}" + (f" ({note})" if note else "")
        if column == self.TITLE:
            return event.title
        if column == self.PHRASE:
            return f"Dated by the words “{event.date_phrase}”" if event.date_phrase else ""
        return self._text(row, column)

    def _edit_value(self, row: int, column: int) -> Any:
        if column == self.DATE:
            return self._rows[row].when.edtf()
        if column == self.TITLE:
            return self._rows[row].title
        return super()._edit_value(row, column)

    def _dimmed(self, row: int, column: int) -> bool:
        return column == self.PHRASE

    def _taken(self, column: int, value: Any) -> Any:
        return "" if value is None else str(value)

    def _edited_row(self, item: ProposedEvent, column: int, value: Any) -> ProposedEvent:
        if column == self.DATE:
            return dataclasses.replace(item, when=parse_edtf(value))
        if column == self.TITLE:
            return dataclasses.replace(item, title=value.strip())
        if column == self.PARTIES:
            kept = self._parties.checked_ids()
            left_out = tuple(p for p in item.parties if p[0] not in kept)
            return dataclasses.replace(item, parties=self.parse_parties(value) + left_out)
        return item


# --- delegates -----------------------------------------------------------------------------------


class _CellEditor(QLineEdit):
    def __init__(self, index: _Index, parent: QWidget) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)


class TextDelegate(QStyledItemDelegate):
    """A line editor whose Enter is refused (the editor stays open, the model says why) while the
    text is not valid; placeholders say what to type."""

    def __init__(self, placeholders: dict[int, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placeholders = placeholders

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        editor = _CellEditor(index, parent)
        editor.setFrame(False)
        editor.setPlaceholderText(self._placeholders.get(index.column(), ""))
        model = index.model()
        header = model.headerData(index.column(), Qt.Orientation.Horizontal) if model else ""
        editor.setAccessibleName(f"Edit {str(header).lower()}")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(watched, _CellEditor) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            model = watched.index.model()
            if isinstance(model, _CheckedTable):
                problem = model.problem(watched.index, watched.text())
                if problem is not None:
                    model.refused.emit(problem)
                    return True  # the editor stays open with what was typed
        return super().eventFilter(watched, event)


class _ChoiceCombo(QComboBox):
    """A combo that says when its popup closes: the choice is made (or kept)."""

    closed = Signal()

    def hidePopup(self) -> None:
        super().hidePopup()
        self.closed.emit()


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of (label, value) choices; the popup opens at once, and closing it commits."""

    def __init__(self, choices: Callable[[], Sequence[tuple[str, str]]], accessible_name: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._accessible_name = accessible_name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        combo = _ChoiceCombo(parent)
        combo.setAccessibleName(self._accessible_name)
        combo.setMaxVisibleItems(16)
        for label, value in self._choices():
            combo.addItem(label, value)
        combo.closed.connect(lambda: self._commit(combo))
        QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _commit(self, combo: _ChoiceCombo) -> None:
        combo.closed.disconnect()  # once: the view closes the editor next
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox) and editor.currentIndex() >= 0:
            if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: _Index) -> None:
        editor.setGeometry(option.rect)


# --- views ---------------------------------------------------------------------------------------


class ChoiceTable(QTableView):
    """A table of proposals: Space checks or unchecks the selected rows; Enter edits (the
    current cell, or the row's first editable cell); Tab leaves the table."""

    focused = Signal()

    def __init__(self, model: _CheckedTable[Any], accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._max_lines = 0  # no wrapping
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.resizeRowsToContents)
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        height = QFontMetrics(self.font()).height() + 12
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalHeader().setMinimumSectionSize(height)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(28)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def set_wrapping(self, max_lines: int) -> None:
        """Wrap long cells onto up to `max_lines` lines; rows grow to fit (they are few)."""
        self.setWordWrap(True)
        self._max_lines = max_lines
        self.horizontalHeader().sectionResized.connect(lambda *_: self._fit_timer.start())
        self._model.dataChanged.connect(lambda *_: self._fit_timer.start())
        self._model.modelReset.connect(self._fit_timer.start)

    def sizeHintForRow(self, row: int) -> int:
        hint = super().sizeHintForRow(row)
        if not self._max_lines:
            return hint
        line = QFontMetrics(self.font()).lineSpacing()
        return max(self.verticalHeader().defaultSectionSize(),
                   min(hint + 6, self._max_lines * line + 10))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._max_lines:
            self._fit_timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
        if not self.currentIndex().isValid() and self._model.rowCount() > 0:
            self.setCurrentIndex(self._model.index(0, 1))

    def choice_model(self) -> _CheckedTable[Any]:
        return self._model

    def selected_rows(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return rows

    def toggle_selected(self) -> None:
        """Check the selected rows, or uncheck them when the current row is checked."""
        rows = self.selected_rows()
        if not rows:
            return
        current = self.currentIndex().row() if self.currentIndex().isValid() else rows[0]
        self._model.set_checked(rows, not self._model.is_checked(current))

    def _editable_in_row(self, index: QModelIndex) -> QModelIndex | None:
        columns = self._model.columnCount()
        order = [*range(index.column(), columns), *range(index.column())]
        for column in order:
            candidate = self._model.index(index.row(), column)
            if self._model.flags(candidate) & Qt.ItemFlag.ItemIsEditable:
                return candidate
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if not editing and plain and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            self.toggle_selected()
            event.accept()
            return
        if not editing and plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            target = self._editable_in_row(current) if current.isValid() else None
            if target is not None:
                self.setCurrentIndex(target)
                self.edit(target)
            event.accept()  # never the dialog's default button from inside a table
            return
        super().keyPressEvent(event)


class ArticleText(QTextEdit):
    """The article, read-only plain text, with spans highlighted by the palette's colours."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setObjectName("articleText")
        self.setAccessibleName("Article text")
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDocumentMargin(14)
        self.setPlainText(text.replace("\r\n", "\n").replace("\r", "\n"))
        # Breathing room between paragraphs and lines; positions stay one per character.
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setBottomMargin(QFontMetrics(self.font()).height() * 0.6)
        block.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block)
        self._to_qt = qt_positions(text)
        self.setTextCursor(QTextCursor(self.document()))

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting text[start:end] of the article as given."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_qt(start))
        cursor.setPosition(self._to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def highlight(self, spans: Sequence[tuple[int, int]],
                  marks: Sequence[tuple[int, int]] = (), *, scroll: bool = True) -> None:
        """Highlight `spans` (and underline `marks`); bring the first span into view."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        mix = 0.55 if dark else 0.35
        background = QColor(
            round(base.red() + (accent.red() - base.red()) * mix),
            round(base.green() + (accent.green() - base.green()) * mix),
            round(base.blue() + (accent.blue() - base.blue()) * mix))
        shaded = QTextCharFormat()
        shaded.setBackground(background)
        shaded.setForeground(palette.color(QPalette.ColorRole.Text))
        underlined = QTextCharFormat()
        underlined.setFontUnderline(True)
        underlined.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        underlined.setUnderlineColor(accent if not dark else accent.lighter(150))
        underlined.setFontWeight(QFont.Weight.DemiBold)
        selections = []
        for fmt, ranges in ((shaded, spans), (underlined, marks)):
            for start, end in ranges:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = self.cursor_for(start, end)
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)
        if spans and scroll:
            self.show_span(*spans[0])

    def show_span(self, start: int, end: int) -> None:
        """Scroll so that text[start:end] is in view: a third from the top when it was not."""
        cursor = self.cursor_for(start, end)
        caret = QTextCursor(cursor)
        caret.setPosition(cursor.selectionEnd())
        bottom = self.cursorRect(caret).bottom()
        caret.setPosition(cursor.selectionStart())
        top = self.cursorRect(caret).top()
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(caret)  # keyboard reading starts here (this may scroll: undone below)
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            bar.setValue(value)
            return
        bar.setValue(value + top - max(0, min(height // 4, height - (bottom - top))))


class ElidedLabel(QLabel):
    """One line of plain text, elided to fit; the whole text in its tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._full = one_line(text)
        self.setToolTip(plain_tooltip(self._full))
        self.setText(self._full)

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(QFontMetrics(self.font()).horizontalAdvance(self._full) + 4,
                     super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(QFontMetrics(self.font()).elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(20, self.width() - 2)))


def _section_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setBuddy(buddy)
    label.setAccessibleName(text.replace("&", ""))
    return label


def _dim_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


# --- the dialog ----------------------------------------------------------------------------------


class ReviewDialog(QDialog):
    """Review what an article proposes; `accepted_story()` after Import."""

    def __init__(self, proposals: Proposals, known: Sequence[Party],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proposals = proposals
        self._highlighted: tuple[str, int] | None = None  # ("event" or "party", row)
        article = proposals.article
        title = one_line(article.title) or "Untitled article"
        self.setWindowTitle(f"Review article — {title}")
        self.setObjectName("reviewDialog")
        self.setAccessibleName(f"Review article {title}")
        self.setSizeGripEnabled(True)
        self.resize(1100, 720)

        self.parties_model = PartiesModel(proposals.parties, known, self)
        self.events_model = EventsModel(proposals.events, self.parties_model, self)

        # Header: title, then publisher · date · address.
        self.title_label = ElidedLabel(title)
        self.title_label.setObjectName("articleTitle")
        self.title_label.setAccessibleName(f"Article: {title}")
        font = QFont(self.title_label.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        meta = [one_line(article.publisher),
                article.published.display() if article.published else "",
                one_line(article.url)]
        meta_text = " · ".join(part for part in meta if part) or one_line(article.source)
        self.meta_label = ElidedLabel(meta_text)
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta_label.setAccessibleName(meta_text)
        self.meta_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Left: events over parties.
        self.events_view = ChoiceTable(self.events_model, "Proposed events")
        self.events_view.setObjectName("eventsTable")
        events_texts = TextDelegate({
            EventsModel.DATE: "EDTF: 2016, 2023-08-25, 2019~, 2019/..",
            EventsModel.TITLE: "What happened",
            EventsModel.PARTIES: "Name (role); Name (role)",
        }, self.events_view)
        for column in (EventsModel.DATE, EventsModel.TITLE, EventsModel.PARTIES):
            self.events_view.setItemDelegateForColumn(column, events_texts)
        self._size_columns(self.events_view, {EventsModel.DATE: 104, EventsModel.PHRASE: 92},
                           EventsModel.TITLE, EventsModel.PARTIES)
        self.events_view.set_wrapping(3)

        self.parties_view = ChoiceTable(self.parties_model, "Proposed parties")
        self.parties_view.setObjectName("partiesTable")
        self.parties_view.setItemDelegateForColumn(
            PartiesModel.NAME, TextDelegate({PartiesModel.NAME: "Name"}, self.parties_view))
        self.parties_view.setItemDelegateForColumn(PartiesModel.KIND, ChoiceDelegate(
            lambda: [(kind, kind) for kind in PARTY_KINDS], "Kind of party", self.parties_view))
        self.parties_view.setItemDelegateForColumn(PartiesModel.IS, ChoiceDelegate(
            self.parties_model.choices, "Is a new party or a store party", self.parties_view))
        self._size_columns(self.parties_view, {PartiesModel.KIND: 112, PartiesModel.IS: 170,
                                               PartiesModel.MENTIONS: 80}, PartiesModel.NAME)

        self.events_count = _dim_label()
        self.parties_count = _dim_label()
        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.setChildrenCollapsible(False)
        left_split.addWidget(self._section(_section_label("&Events", self.events_view),
                                           self.events_count, self.events_view))
        left_split.addWidget(self._section(_section_label("&Parties", self.parties_view),
                                           self.parties_count, self.parties_view))
        left_split.setSizes([380, 300])

        # Right: the article.
        self.text_view = ArticleText(article.text)
        self.text_view.setMinimumWidth(260)
        text_hint = _dim_label("highlights follow the selection")
        text_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right = self._section(_section_label("Article &text", self.text_view), text_hint,
                              self.text_view)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left_split)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 420])

        # The message line: a refused edit says why here; otherwise the keys.
        self.message_icon = QLabel()
        self.message_icon.setTextFormat(Qt.TextFormat.PlainText)
        self.message_icon.setFixedSize(18, 18)
        self.message_label = QLabel()
        self.message_label.setObjectName("reviewMessage")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Message")
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)

        # Buttons.
        self.select_all_button = QPushButton("Select &all events")
        self.select_none_button = QPushButton("Select &none")
        for button in (self.select_all_button, self.select_none_button):
            button.setAutoDefault(False)
        self.select_all_button.clicked.connect(lambda: self._check_all(True))
        self.select_none_button.clicked.connect(lambda: self._check_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel: import nothing")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.title_label)
        header.addWidget(self.meta_label)
        layout.addLayout(header)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
        layout.addWidget(self.splitter, 1)
        message_row = QHBoxLayout()
        message_row.setSpacing(6)
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        message_row.addWidget(self.message_label, 1)
        layout.addLayout(message_row)
        button_row = QHBoxLayout()
        button_row.addWidget(self.select_all_button)
        button_row.addWidget(self.select_none_button)
        button_row.addStretch(1)
        button_row.addWidget(self.buttons)
        layout.addLayout(button_row)

        # Tab: events, parties, article, then the buttons.
        QWidget.setTabOrder(self.events_view, self.parties_view)
        QWidget.setTabOrder(self.parties_view, self.text_view)
        QWidget.setTabOrder(self.text_view, self.select_all_button)
        QWidget.setTabOrder(self.select_all_button, self.select_none_button)

        self._active: ChoiceTable = self.events_view
        self.events_view.focused.connect(lambda: self._set_active(self.events_view))
        self.parties_view.focused.connect(lambda: self._set_active(self.parties_view))
        self.events_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_event(current.row()))
        self.parties_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_party(current.row()))
        for model in (self.events_model, self.parties_model):
            model.dataChanged.connect(self._update_counts)
            model.edited.connect(self._edited)
            model.refused.connect(self.show_problem)
        self.parties_model.parties_changed.connect(self._refresh_highlight)
        self.events_model.dataChanged.connect(self._refresh_highlight)

        self._set_active(self.events_view)
        self._update_counts()
        self.show_problem("")
        self.events_view.setFocus()
        if self.events_model.rowCount() > 0:
            self.events_view.setCurrentIndex(self.events_model.index(0, EventsModel.TITLE))

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _section(label: QLabel, note: QLabel, body: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(label)
        row.addWidget(note, 1)
        column.addLayout(row)
        column.addWidget(body, 1)
        return box

    @staticmethod
    def _size_columns(view: ChoiceTable, widths: dict[int, int], *stretch: int) -> None:
        """The check column fits its box, `widths` are set (and the user may drag them), the
        `stretch` columns share what is left."""
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        check = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 18
        header.resizeSection(0, max(30, check))
        for column, width in widths.items():
            header.resizeSection(column, width)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # -- the choice -------------------------------------------------------------------------

    def chosen(self) -> tuple[list[ProposedEvent], list[ProposedParty]]:
        """The checked events (without the roles of parties left out) and the checked parties,
        as edited."""
        return self.events_model.chosen(), self.parties_model.chosen()

    def accepted_story(self) -> Story:
        """The chosen events and parties as a Story to write (nothing is written here)."""
        events, parties = self.chosen()
        return to_story(self._proposals, events, parties)

    # -- reacting ---------------------------------------------------------------------------

    def _set_active(self, view: ChoiceTable) -> None:
        self._active = view
        what, one = ("events", "event") if view is self.events_view else ("parties", "party")
        self.select_all_button.setText(f"Select &all {what}")
        self.select_none_button.setText("Select &none")
        for button, verb in ((self.select_all_button, "Check"),
                             (self.select_none_button, "Uncheck")):
            button.setAccessibleName(f"{verb} all {what}")
            button.setToolTip(f"{verb} every {one} in the list")

    def _check_all(self, checked: bool) -> None:
        self._active.choice_model().set_all_checked(checked)

    def _update_counts(self) -> None:
        events = self.events_model.checked_count()
        total = self.events_model.rowCount()
        self.ok_button.setText(f"&Import {_plural(events, 'event')}")
        self.ok_button.setAccessibleName(f"Import {_plural(events, 'event')}")
        self.ok_button.setEnabled(events > 0)
        self.events_count.setText(f"{events} of {total} chosen")
        parties = self.parties_model.checked_count()
        matched = self.parties_model.matched_count()
        text = f"{parties} of {self.parties_model.rowCount()} chosen"
        if matched:
            text += f" · {matched} already in the store"
        self.parties_count.setText(text)

    def _edited(self) -> None:
        self.show_problem("")

    def show_problem(self, text: str) -> None:
        """A refused edit's reason on the message line; '' shows the keys again."""
        self.message_icon.setVisible(bool(text))
        if text:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.message_icon.setPixmap(icon.pixmap(16, 16))
            self.message_label.setForegroundRole(QPalette.ColorRole.WindowText)
            self.message_label.setText(text)
        else:
            self.message_icon.clear()
            self.message_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.message_label.setText(KEYS_HINT)

    def _show_event(self, row: int, *, scroll: bool = True) -> None:
        if not 0 <= row < self.events_model.rowCount():
            return
        self._highlighted = ("event", row)
        event = self.events_model.proposed(row)
        length = len(self._proposals.article.text)
        start, end = (max(0, min(n, length)) for n in event.quote)
        kept = self.parties_model.checked_ids() & {pid for pid, _ in event.parties}
        marks = [(a, b) for party in self.parties_model.parties() if party.id in kept
                 for a, b in party.mentions if start <= a and b <= end]
        self.text_view.highlight([(start, end)], marks, scroll=scroll)

    def _show_party(self, row: int, *, scroll: bool = True) -> None:
        if not 0 <= row < self.parties_model.rowCount():
            return
        self._highlighted = ("party", row)
        length = len(self._proposals.article.text)
        spans = sorted((max(0, min(a, length)), max(0, min(b, length)))
                       for a, b in self.parties_model.party(row).mentions)
        self.text_view.highlight(spans, scroll=scroll)

    def _refresh_highlight(self) -> None:
        """Highlight anew where it is (an event's parties changed, or the palette)."""
        self._highlight_again(scroll=False)

    def _highlight_again(self, *, scroll: bool) -> None:
        if self._highlighted is None:
            return
        what, row = self._highlighted
        (self._show_event if what == "event" else self._show_party)(row, scroll=scroll)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # The highlight's colour follows a light/dark switch (once every widget has it).
            QTimer.singleShot(0, self, self._refresh_highlight)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The text is laid out at its real size only now: bring the highlight into view.
        QTimer.singleShot(0, self, self._rescroll)

    def _rescroll(self) -> None:
        self._highlight_again(scroll=True)


__all__ = ["EventsModel", "PartiesModel", "ReviewDialog", "qt_positions"]
