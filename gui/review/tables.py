"""The review dialog's two tables: the proposed parties and events, checked or not and
edited, as thin Qt adapters over the review rules (models/articles/review.py)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPalette,
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
from models.proposals import ProposedEvent, ProposedParty

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

    def _left_out(self, row: int) -> str:
        """The check's tooltip when row is unchecked."""
        return self.LEFT_OUT

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
                return plain_tooltip("Imported" if self._checked[row] else self._left_out(row))
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
                 parent: QObject | None = None, *,
                 in_events: Collection[ProposedParty] | None = None) -> None:
        super().__init__(parties, parent)
        # A party named in no event starts unchecked: imported, it would stand in the store
        # with nothing to show, unless the reviewer checks it and gives it a role (issue 16).
        self._in_events = set(parties if in_events is None else in_events)
        self._checked = [party in self._in_events for party in self._rows]
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

    def _left_out(self, row: int) -> str:
        if self._rows[row] not in self._in_events:
            return ("Named in no event of this article: check it to import it anyway, and give "
                    "it a role in an event's Parties")
        return self.LEFT_OUT

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

    def outside_events(self) -> int:
        """Parties named in no proposed event and still unchecked (they start so)."""
        return sum(1 for party, checked in zip(self._rows, self._checked, strict=True)
                   if not checked and party not in self._in_events)

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
        if column == self.PHRASE:  # (the lead event has none: the article's date dates it)
            return one_line(event.date_phrase) or "the article's date"
        return ""

    def _tooltip(self, row: int, column: int) -> str:
        event = self._rows[row]
        if column == self.DATE:
            note = date_note(event.when)
            return f"EDTF: {event.when.edtf()}" + (f" ({note})" if note else "")
        if column == self.TITLE:
            return event.title
        if column == self.PHRASE:
            return f"Dated by the words “{event.date_phrase}”" if event.date_phrase else \
                "The article's news, dated by its dateline or when it was published"
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
