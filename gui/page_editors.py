"""The list editors of the detail pane's pages (shown while a page is being edited): an event's
parties with their roles, its links; a party's aliases. And the party picker (completion over
every party's name and aliases) they and the dialogs share.

An editor never writes: it emits the whole new list (SetRoles, SetLinks and SetAliases replace
all), and the pane turns that into a command. Rows are rebuilt only when the list changed
shape, so a refresh after an edit keeps the field someone is typing in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import clear_layout, plain_label
from gui.field_editors import LineField
from gui.item_models import plain_tooltip
from models.domain import Link, Party, PartyRole

if TYPE_CHECKING:
    from models.store import Store


# --- choosing a party ----------------------------------------------------------------------------


class PartyChoices:
    """Every party's name (and aliases) for completion, read when first needed and again after
    the store changed (`forget`)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._labels: dict[str, int] | None = None

    def forget(self) -> None:
        self._labels = None

    def labels(self) -> dict[str, int]:
        """{what the completer offers: party id}: the name, "Name (kind)" where two parties
        share a name, and "Alias → Name" for each alias."""
        if self._labels is None:
            parties = self._store.parties()
            names: dict[str, int] = {}
            for party in parties:
                names[party.name.casefold()] = names.get(party.name.casefold(), 0) + 1
            labels: dict[str, int] = {}
            for party in parties:
                labels[_party_label(party, names[party.name.casefold()] > 1)] = party.id
            for party in parties:
                for alias in party.aliases:
                    labels.setdefault(f"{alias} → {party.name}", party.id)
            self._labels = labels
        return self._labels

    def find(self, text: str) -> int | None:
        """The party a typed text names: a label offered, else a name or alias (any case)
        that only one party has."""
        text = text.strip()
        labels = self.labels()
        if text in labels:
            return labels[text]
        folded = text.casefold()
        found = {pid for label, pid in labels.items()
                 if label.casefold() == folded or label.split(" → ")[0].casefold() == folded}
        return found.pop() if len(found) == 1 else None


def _party_label(party: Party, ambiguous: bool) -> str:
    return f"{party.name} ({party.kind}, {party.id})" if ambiguous else party.name


class PartyPicker(LineField):
    """A party by name, with completion over names and aliases (any part of them)."""

    def __init__(self, choices: PartyChoices, accessible_name: str = "Party",
                 *, exclude: Callable[[], Sequence[int]] = lambda: (),
                 parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, name="partyPicker",
                         placeholder="Type a party's name or alias…", parent=parent)
        self.setToolTip(plain_tooltip(
            "Type a party's name or alias; Down lists those that match"))
        self._choices = choices
        self._exclude = exclude
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self._loaded = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.load()
        super().focusInEvent(event)

    def load(self) -> None:
        """Fill the completer (when first focused: reading every party can take a moment)."""
        excluded = set(self._exclude())
        self._model.setStringList(sorted(
            (label for label, pid in self._choices.labels().items() if pid not in excluded),
            key=str.casefold))
        self._loaded = True

    def party_id(self) -> int | None:
        found = self._choices.find(self.text())
        return None if found in set(self._exclude()) else found

    def commit(self) -> None:  # a picker applies nothing by itself
        return None

    def focusOutEvent(self, event: QFocusEvent) -> None:
        QLineEdit.focusOutEvent(self, event)  # (no commit)


REMOVE_MARK = "\u00d7"  # the multiplication sign: a small cross


# --- small pieces --------------------------------------------------------------------------------


def rows_then_add(editor: QWidget) -> tuple[QVBoxLayout, QGridLayout, QHBoxLayout]:
    """A list editor's layout: a grid of its rows over a row for adding one (the caller fills
    both and adds the second to the column)."""
    column = QVBoxLayout(editor)
    column.setContentsMargins(0, 0, 0, 0)
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(6)
    column.addLayout(grid)
    return column, grid, QHBoxLayout()


def small_button(text: str, accessible_name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    button.setToolTip(plain_tooltip(tip or accessible_name))
    button.setAutoDefault(False)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return button


def remove_button(what: str) -> QPushButton:
    button = small_button(REMOVE_MARK, f"Remove {what}")
    button.setObjectName("removeButton")
    button.setFixedWidth(button.fontMetrics().horizontalAdvance(REMOVE_MARK) + 22)
    return button


# --- an event's parties and roles ----------------------------------------------------------------

Roles = tuple[tuple[int, str], ...]


class RolesEditor(QWidget):
    """Rows of party · role · remove, then a party picker and a role to add one."""

    roles_changed = Signal(object)  # the whole new Roles
    add_new_party = Signal(str, str)  # a name no party has, and the role: create it?

    def __init__(self, choices: PartyChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rolesEditor")
        self._rows: list[PartyRole] = []
        self._role_fields: list[LineField] = []
        column, self.grid, add_row = rows_then_add(self)
        self.picker = PartyPicker(choices, "Party to add")
        self.new_role = LineField("Role of the party to add", name="newRole",
                                  placeholder="role, e.g. signatory")
        self.add_button = small_button("Add party", "Add the party with this role")
        self.add_button.setObjectName("addParty")
        add_row.addWidget(self.picker, 3)
        add_row.addWidget(self.new_role, 2)
        add_row.addWidget(self.add_button)
        column.addLayout(add_row)
        self.problem = plain_label(name="rolesProblem")
        self.problem.hide()
        column.addWidget(self.problem)
        self.add_button.clicked.connect(self.add)
        self.new_role.returnPressed.connect(self.add)
        self.picker.returnPressed.connect(self.new_role.setFocus)

    def roles(self) -> Roles:
        return tuple((row.party.id, row.role) for row in self._rows)

    def set_rows(self, rows: Sequence[PartyRole]) -> None:
        rows = list(rows)
        if [r.party.id for r in rows] == [r.party.id for r in self._rows] and self._role_fields:
            self._rows = rows
            for field, row in zip(self._role_fields, rows, strict=True):
                field.set_value(row.role)
            return
        self._rows = rows
        clear_layout(self.grid)
        self._role_fields = []
        for n, row in enumerate(rows):
            name = plain_label(row.party.name, name="roleParty")
            field = LineField(f"Role of {row.party.name}", name="roleField")
            field.set_value(row.role)
            field.committed.connect(lambda text, n=n: self._set_role(n, text))
            remove = remove_button(f"{row.party.name} ({row.role})")
            remove.clicked.connect(
                lambda _=False, gone=(row.party.id, row.role): self._remove(gone))
            self.grid.addWidget(name, n, 0)
            self.grid.addWidget(field, n, 1)
            self.grid.addWidget(remove, n, 2)
            self._role_fields.append(field)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)

    def _set_role(self, n: int, role: str) -> None:
        roles = list(self.roles())
        roles[n] = (roles[n][0], role)
        self.roles_changed.emit(tuple(roles))

    def _remove(self, gone: tuple[int, str]) -> None:
        self.roles_changed.emit(tuple(r for r in self.roles() if r != gone))

    def add(self) -> None:
        text, role = self.picker.text().strip(), self.new_role.text().strip()
        if not text:
            self.picker.setFocus()
            return
        party_id = self.picker.party_id()
        self._say("")
        if party_id is None:
            self.add_new_party.emit(text, role)
        else:
            self.roles_changed.emit((*self.roles(), (party_id, role)))
        self.picker.clear()
        self.new_role.clear()
        self.picker.setFocus()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


# --- an event's links ----------------------------------------------------------------------------

Links = tuple[tuple[str, str, str], ...]


class LinksEditor(QWidget):
    """Rows of address · caption · credit · remove, then an address and caption to add one."""

    links_changed = Signal(object)  # the whole new Links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linksEditor")
        self._links: list[Link] = []
        self._fields: list[tuple[LineField, LineField, LineField]] = []
        column, self.grid, add_row = rows_then_add(self)
        self.new_url = LineField("Address of the link to add", name="newLinkUrl",
                                 placeholder="https://…")
        self.new_caption = LineField("Caption of the link to add", name="newLinkCaption",
                                     placeholder="caption")
        self.add_button = small_button("Add link", "Add the link")
        self.add_button.setObjectName("addLink")
        add_row.addWidget(self.new_url, 3)
        add_row.addWidget(self.new_caption, 2)
        add_row.addWidget(self.add_button)
        column.addLayout(add_row)
        self.add_button.clicked.connect(self.add)
        self.new_url.returnPressed.connect(self.add)
        self.new_caption.returnPressed.connect(self.add)

    def links(self) -> Links:
        return tuple((link.url, link.caption, link.credit) for link in self._links)

    def set_links(self, links: Sequence[Link]) -> None:
        links = list(links)
        if len(links) == len(self._links) and self._fields:
            self._links = links
            for fields, link in zip(self._fields, links, strict=True):
                for field, value in zip(fields, (link.url, link.caption, link.credit),
                                        strict=True):
                    field.set_value(value)
            return
        self._links = links
        clear_layout(self.grid)
        self._fields = []
        for n, link in enumerate(links):
            fields = (LineField(f"Address of link {n + 1}", name="linkUrl"),
                      LineField(f"Caption of link {n + 1}", name="linkCaption",
                                placeholder="caption"),
                      LineField(f"Credit of link {n + 1}", name="linkCredit",
                                placeholder="credit"))
            for part, (field, value) in enumerate(zip(fields, (link.url, link.caption,
                                                               link.credit), strict=True)):
                field.set_value(value)
                field.committed.connect(lambda text, n=n, part=part: self._set(n, part, text))
                self.grid.addWidget(field, n, part)
            remove = remove_button(f"link {link.caption or link.url}")
            remove.clicked.connect(lambda _=False, n=n: self._remove(n))
            self.grid.addWidget(remove, n, 3)
            self._fields.append(fields)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 1)

    def _set(self, n: int, part: int, text: str) -> None:
        links = [list(link) for link in self.links()]
        links[n][part] = text
        self.links_changed.emit(tuple((a, b, c) for a, b, c in links))

    def _remove(self, n: int) -> None:
        links = list(self.links())
        del links[n]
        self.links_changed.emit(tuple(links))

    def add(self) -> None:
        url = self.new_url.text().strip()
        if not url:
            self.new_url.setFocus()
            return
        self.links_changed.emit((*self.links(), (url, self.new_caption.text().strip(), "")))
        self.new_url.clear()
        self.new_caption.clear()


# --- a party's aliases ---------------------------------------------------------------------------


class AliasesEditor(QWidget):
    """Rows of alias · Make name · Split off… · remove, then a field to add one."""

    aliases_changed = Signal(object)  # the whole new tuple of aliases
    make_name = Signal(str)
    split_off = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aliasesEditor")
        self._aliases: tuple[str, ...] = ()
        column, self.grid, add_row = rows_then_add(self)
        self.new_alias = LineField("Alias to add", name="newAlias",
                                   placeholder="another name for this party")
        self.add_button = small_button("Add alias", "Add the alias")
        self.add_button.setObjectName("addAlias")
        add_row.addWidget(self.new_alias, 1)
        add_row.addWidget(self.add_button)
        column.addLayout(add_row)
        self.add_button.clicked.connect(self.add)
        self.new_alias.returnPressed.connect(self.add)

    def aliases(self) -> tuple[str, ...]:
        return self._aliases

    def set_aliases(self, aliases: Sequence[str]) -> None:
        if tuple(aliases) == self._aliases and self.grid.count():
            return
        self._aliases = tuple(aliases)
        clear_layout(self.grid)
        for n, alias in enumerate(self._aliases):
            label = plain_label(alias, name="aliasName")
            make = small_button("Make name", f"Make “{alias}” the name",
                                "Make this alias the party's name (the name becomes an alias)")
            make.setObjectName("makeName")
            split = small_button("Split off…", f"Split “{alias}” off into its own party",
                                 "Make a party of its own named so, with the events you choose")
            split.setObjectName("splitAlias")
            remove = remove_button(f"alias “{alias}”")
            make.clicked.connect(lambda _=False, a=alias: self.make_name.emit(a))
            split.clicked.connect(lambda _=False, a=alias: self.split_off.emit(a))
            remove.clicked.connect(lambda _=False, a=alias: self._remove(a))
            for col, widget in enumerate((label, make, split, remove)):
                self.grid.addWidget(widget, n, col)
        self.grid.setColumnStretch(0, 1)

    def _remove(self, alias: str) -> None:
        self.aliases_changed.emit(tuple(a for a in self._aliases if a != alias))

    def add(self) -> None:
        alias = self.new_alias.text().strip()
        if not alias:
            return
        self.aliases_changed.emit((*self._aliases, alias))
        self.new_alias.clear()

