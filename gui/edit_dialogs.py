"""The dialogs of editing: a preview of what a change will do (merges, splits, deletions), a
party to choose, the events an alias takes with it, events to merge, an event to add, a
citation to add, the event a quote goes in. They write nothing: each returns what was chosen,
and the window makes the change. Every text is plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import dim, plain_label
from gui.field_editors import PROBLEM_COLOR, DateField, LineField, TextField
from gui.page_editors import PartyChoices, PartyPicker
from models.domain import Category, Source
from models.errors import StoreError

if TYPE_CHECKING:
    from models.store.history import Change


def _problem_label() -> QLabel:
    label = plain_label(name="dialogProblem")
    label.setStyleSheet(f"color: {PROBLEM_COLOR};")
    label.hide()
    return label


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.column = QVBoxLayout(self)
        self.problem = _problem_label()

    def say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))


# --- a preview of a change -----------------------------------------------------------------------


class ChangePreview(_Dialog):
    """What a change will do, line by line (Change.summary()), before it is made. With
    `choices` ([(id, label)], two or more), a "Keep" list chooses the record the others merge
    into, and the preview follows the choice. `plan(kept id)` makes the change (or raises
    StoreError, whose message is shown, and the button stays off)."""

    def __init__(self, title: str, heading: str, plan: Callable[[int | None], Change], *,
                 ok_text: str, choices: Sequence[tuple[int, str]] = (),
                 kept: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("changePreview")
        self._plan = plan
        self.change: Change | None = None
        self.heading = plain_label(heading, name="previewHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.column.addWidget(self.heading)
        self.keep = QComboBox()
        self.keep.setObjectName("keepChoice")
        self.keep.setAccessibleName("Keep")
        for record_id, label in choices:
            self.keep.addItem(label, record_id)
        if len(choices) > 1:
            form = QFormLayout()
            keep_label = QLabel("&Keep:")
            keep_label.setTextFormat(Qt.TextFormat.PlainText)
            keep_label.setBuddy(self.keep)
            form.addRow(keep_label, self.keep)
            self.column.addLayout(form)
            if kept is not None:
                self.keep.setCurrentIndex(max(self.keep.findData(kept), 0))
        else:
            self.keep.hide()
        self.column.addWidget(dim(plain_label("What will change:", selectable=False)))
        self.lines = QListWidget()
        self.lines.setObjectName("previewLines")
        self.lines.setAccessibleName("What will change")
        self.lines.setWordWrap(True)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.column.addWidget(self.lines, 1)
        self.column.addWidget(self.problem)
        self.column.addWidget(dim(plain_label("Edit ▸ Undo takes it back.", selectable=False)))
        self.buttons = _buttons(self, ok_text)
        self.column.addWidget(self.buttons)
        self.keep.currentIndexChanged.connect(self.refresh)
        self.resize(560, 380)
        self.refresh()

    def kept(self) -> int | None:
        data = self.keep.currentData()
        return int(data) if data is not None else None

    def refresh(self) -> None:
        self.lines.clear()
        try:
            self.change = self._plan(self.kept())
        except StoreError as error:
            self.change = None
            self.say(str(error))
        else:
            self.say("")
            for line in self.change.summary() or ("Nothing changes.",):
                self.lines.addItem(QListWidgetItem(line))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.change is not None)

    def summary(self) -> list[str]:
        return [self.lines.item(n).text() for n in range(self.lines.count())]


# --- a party -------------------------------------------------------------------------------------


class PartyPickDialog(_Dialog):
    """A party, by name or alias with completion."""

    def __init__(self, title: str, prompt: str, choices: PartyChoices, *,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.column.addWidget(plain_label(prompt, name="pickPrompt"))
        self.picker = PartyPicker(choices, "Party")
        self.column.addWidget(self.picker)
        self.column.addWidget(self.problem)
        self.column.addWidget(_buttons(self, "Choose"))
        self.party_id: int | None = None

    def accept(self) -> None:
        self.party_id = self.picker.party_id()
        if self.party_id is None:
            text = self.picker.text().strip()
            self.say(f"No party is named “{text}”: choose one from the list." if text
                     else "Type a party's name and choose it from the list.")
            return
        super().accept()


# --- checklists of events ------------------------------------------------------------------------


class _EventChecklist(QListWidget):
    """Events with check boxes (Space checks the current one)."""

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setObjectName("eventChecklist")
        self.setAccessibleName(accessible_name)
        self.setUniformItemSizes(True)

    def fill(self, events: Sequence[tuple[int, str]], checked: set[int]) -> None:
        self.clear()
        for event_id, label in events:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, event_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if event_id in checked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(int(self.item(n).data(Qt.ItemDataRole.UserRole))
                     for n in range(self.count())
                     if self.item(n).checkState() == Qt.CheckState.Checked)

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for n in range(self.count()):
            self.item(n).setCheckState(state)


def _all_or_none(checklist: _EventChecklist) -> QHBoxLayout:
    row = QHBoxLayout()
    every = QPushButton("Check &all")
    none = QPushButton("Check &none")
    for button in (every, none):
        button.setAutoDefault(False)
    every.clicked.connect(lambda: checklist.set_all(True))
    none.clicked.connect(lambda: checklist.set_all(False))
    row.addWidget(every)
    row.addWidget(none)
    row.addStretch(1)
    return row


class SplitAliasDialog(_Dialog):
    """Which of the party's events go with the alias to its new party (those that mention the
    alias are checked to begin with)."""

    def __init__(self, party_name: str, alias: str, events: Sequence[tuple[int, str]],
                 mentioning: set[int], *, more: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(f"Split “{alias}” off", parent)
        self.setObjectName("splitAliasDialog")
        self.column.addWidget(plain_label(
            f"“{alias}” becomes a party of its own, no longer an alias of {party_name}. "
            "The events checked go with it; the others stay with "
            f"{party_name}. Events that mention “{alias}” are checked.",
            name="splitPrompt"))
        self.events = _EventChecklist(f"Events that go with {alias}")
        self.events.fill(events, mentioning)
        self.column.addWidget(self.events, 1)
        self.column.addLayout(_all_or_none(self.events))
        if more:
            self.column.addWidget(dim(plain_label(
                f"{more:,} more events are not listed; they stay with {party_name}.")))
        self.column.addWidget(self.problem)
        self.column.addWidget(_buttons(self, "Split off"))
        self.resize(620, 480)

    def chosen(self) -> tuple[int, ...]:
        return self.events.checked_ids()


class MergeEventsDialog(_Dialog):
    """Events to merge into one: those checked merge into the one kept."""

    def __init__(self, kept: tuple[int, str], candidates: Sequence[tuple[int, str]],
                 checked: set[int], *, parent: QWidget | None = None) -> None:
        super().__init__("Merge events", parent)
        self.setObjectName("mergeEventsDialog")
        self.kept = kept[0]
        self.column.addWidget(plain_label(
            f"Check the events that are the same as “{kept[1]}”. Their parties, sources and "
            "links move to it, and they are deleted (a preview comes next).",
            name="mergePrompt"))
        self.events = _EventChecklist("Events to merge into this one")
        self.events.fill(candidates, checked)
        self.column.addWidget(self.events, 1)
        self.column.addWidget(self.problem)
        self.column.addWidget(_buttons(self, "Preview…"))
        self.resize(620, 420)

    def accept(self) -> None:
        if not self.events.checked_ids():
            self.say("Check at least one event to merge.")
            return
        super().accept()

    def chosen(self) -> tuple[int, ...]:
        return self.events.checked_ids()


# --- adding --------------------------------------------------------------------------------------


class AddEventDialog(_Dialog):
    """A new event's title, date and category. `check(title, date, category id)` returns why
    it cannot be added ("" when it can): the dialog stays open until it can."""

    def __init__(self, when: str, categories: Sequence[Category],
                 check: Callable[[str, str, int | None], str], *,
                 parent: QWidget | None = None) -> None:
        super().__init__("Add event", parent)
        self.setObjectName("addEventDialog")
        self._check = check
        self.title = LineField("Title", name="newEventTitle", placeholder="What happened")
        self.date = DateField("Date", name="newEventDate")
        self.date.setText(when)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.category.addItem("No category", None)
        for category in categories:
            self.category.addItem(category.name, category.id)
        form = QFormLayout()
        for text, widget, buddy in (("&Title:", self.title, self.title),
                                    ("&Date:", self.date, self.date.edit),
                                    ("Cate&gory:", self.category, self.category)):
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(buddy)
            form.addRow(label, widget)
        self.column.addLayout(form)
        self.column.addWidget(dim(plain_label(
            "Parties, sources and links are added in the pane once the event is made.",
            selectable=False)))
        self.column.addWidget(self.problem)
        self.column.addWidget(_buttons(self, "Add event"))
        self.title.setFocus()

    def values(self) -> tuple[str, str, int | None]:
        data = self.category.currentData()
        return self.title.text(), self.date.text(), int(data) if data is not None else None

    def accept(self) -> None:
        problem = self._check(*self.values())
        if problem:
            self.say(problem)
            return
        super().accept()


NEW_SOURCE = -1


class AddCitationDialog(_Dialog):
    """A source (or a new one, by its title) and the quote from it."""

    def __init__(self, sources: Sequence[Source], *, parent: QWidget | None = None) -> None:
        super().__init__("Add citation", parent)
        self.setObjectName("addCitationDialog")
        self.source = QComboBox()
        self.source.setObjectName("citationSource")
        self.source.setAccessibleName("Source")
        for source in sources:
            shown = source.title or "Untitled source"
            if source.publisher:
                shown += f" · {source.publisher}"
            self.source.addItem(shown, source.id)
        self.source.addItem("New source…", NEW_SOURCE)
        self.new_title = LineField("Title of the new source", name="newSourceTitle",
                                   placeholder="the new source's title")
        self.quote = TextField("Quote", name="citationQuoteEdit",
                               placeholder="The passage of the source that says so (optional)")
        form = QFormLayout()
        for text, widget in (("&Source:", self.source), ("&New source:", self.new_title),
                             ("&Quote:", self.quote)):
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self._new_label = form.labelForField(self.new_title)
        self.column.addLayout(form)
        self.column.addWidget(self.problem)
        self.column.addWidget(_buttons(self, "Add citation"))
        self.source.currentIndexChanged.connect(self._show_new)
        self._show_new()

    def _show_new(self) -> None:
        new = self.source.currentData() == NEW_SOURCE
        self.new_title.setVisible(new)
        if self._new_label is not None:
            self._new_label.setVisible(new)

    def chosen(self) -> tuple[int | None, str, str]:
        """(source id or None for a new one, the new source's title, the quote)."""
        data = self.source.currentData()
        source_id = None if data == NEW_SOURCE else int(data)
        return source_id, self.new_title.text().strip(), self.quote.toPlainText().strip()

    def accept(self) -> None:
        source_id, title, _quote = self.chosen()
        if source_id is None and not title:
            self.say("Give the new source a title.")
            self.new_title.setFocus()
            return
        super().accept()


class QuoteDialog(_Dialog):
    """The event a selected passage of a source is quoted in."""

    def __init__(self, passage: str, events: Sequence[tuple[int, str]], *,
                 parent: QWidget | None = None) -> None:
        super().__init__("Quote in event", parent)
        self.setObjectName("quoteDialog")
        shown = plain_label(f"“{passage}”", name="quotedPassage")
        font = shown.font()
        font.setItalic(True)
        shown.setFont(font)
        self.column.addWidget(shown)
        self.event = QComboBox()
        self.event.setObjectName("quoteEvent")
        self.event.setAccessibleName("Event")
        for event_id, label in events:
            self.event.addItem(label, event_id)
        form = QFormLayout()
        label = QLabel("&Event:")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(self.event)
        form.addRow(label, self.event)
        self.column.addLayout(form)
        self.column.addWidget(self.problem)
        self.column.addWidget(_buttons(self, "Quote"))

    def chosen(self) -> int | None:
        data = self.event.currentData()
        return int(data) if data is not None else None
