"""The detail pane's page of a party: what it shows, its events in blocks, and its fields as
editors (see gui.detail_page_base)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from gui.detail_page_base import Page, labelled_form
from gui.detail_widgets import (
    ContentList,
    LinkButton,
    dim,
    empty_note,
    plain_label,
    section_header,
    show_attributes,
    show_text,
)
from gui.field_editors import DateField, LineField, TextField
from gui.item_models import CoPartiesModel, EventRolesModel, LazyEventRolesModel
from gui.page_editors import AliasesEditor, small_button
from models.domain import PartyDetails
from models.edits import KEEP, EditParty, MakeAliasName, SetAliases
from models.story import PARTY_KINDS


class PartyPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("partyPage", "party", parent)
        self.setAccessibleName("Party details")
        self.details: PartyDetails | None = None
        self.name = self.title_label("partyName")
        self.kind = dim(plain_label(name="partyKind"))
        self.aliases = plain_label(name="partyAliases")
        self.description = plain_label(name="partyDescription")
        self.description.setContentsMargins(0, 6, 0, 0)

        self.name_edit = LineField("Name", name="partyNameEdit")
        self.name_edit.setFont(self.name.font())
        self.kind_edit = QComboBox()
        self.kind_edit.setObjectName("partyKindEdit")
        self.kind_edit.setAccessibleName("Kind")
        for kind in PARTY_KINDS:
            self.kind_edit.addItem(kind.capitalize(), kind)
        self.description_edit = TextField("Description", name="partyDescriptionEdit",
                                          placeholder="Who or what this party is")
        self.fields = labelled_form(("&Kind:", self.kind_edit),
                            ("Desc&ription:", self.description_edit))
        self.aliases_header = section_header("Aliases")
        self.aliases_edit = AliasesEditor()
        actions = QWidget()
        action_row = QHBoxLayout(actions)
        action_row.setContentsMargins(0, 8, 0, 0)
        self.merge_button = small_button("Merge into…", "Merge this party into another",
                                         "Move this party's events and aliases to another "
                                         "party (a preview first)")
        self.merge_button.setObjectName("mergeInto")
        action_row.addWidget(self.merge_button)
        action_row.addStretch(1)

        self.events_model = LazyEventRolesModel(parent=self)
        self.events = ContentList(
            self.events_model,
            lambda index: (
                index.siblingAtColumn(EventRolesModel.TITLE).data() or "",
                " · ".join(t for t in (index.siblingAtColumn(EventRolesModel.DATE).data(),
                                       index.siblingAtColumn(EventRolesModel.ROLE).data()) if t),
            ),
            "Events of this party",
            model_column=EventRolesModel.TITLE,
        )
        self.events.setObjectName("partyEvents")
        self.no_events = empty_note("No events recorded.")
        # A party may have 300,000 events: they come LazyEventRolesModel.BLOCK at a time, as the
        # page scrolls to the end of the list or on this button.
        self.more_events = LinkButton("", "Show more events")
        self.more_events.setObjectName("moreEvents")
        self.more_events.clicked.connect(self.show_more_events)
        self.events_model.modelReset.connect(self._update_more)
        self.events_model.rowsInserted.connect(self._update_more)
        self.verticalScrollBar().valueChanged.connect(self._near_the_end)
        self.co_model = CoPartiesModel(parent=self)
        self.co_parties = ContentList(
            self.co_model,
            lambda index: (
                f"{index.siblingAtColumn(CoPartiesModel.NAME).data() or ''} · "
                f"{index.siblingAtColumn(CoPartiesModel.SHARED).data() or ''}",
                "",
            ),
            "Parties that appear with this party",
        )
        self.co_parties.setObjectName("partyCoParties")
        self.no_co_parties = empty_note("Appears with no other party.")
        self.attributes_header = section_header("Details")
        self.attributes_box = QVBoxLayout()
        self.add_items(self.name, self.name_edit, self.kind, self.aliases, self.marks,
                       self.description, self.fields, self.aliases_header, self.aliases_edit,
                       actions,
                       self.attributes_header, self.attributes_box,
                       section_header("Events"), self.events, self.more_events, self.no_events,
                       section_header("Appears with"), self.co_parties, self.no_co_parties)
        self.column.addStretch(1)
        self._when_viewing(self.name, self.kind, self.aliases, self.description)
        self._when_editing(self.name_edit, self.fields, self.aliases_header, self.aliases_edit,
                           actions)
        for shown, editor in ((self.name, self.name_edit), (self.kind, self.kind_edit),
                              (self.aliases, self.aliases_edit.new_alias),
                              (self.description, self.description_edit)):
            self._edit_on_double_click(shown, editor)

        self.name_edit.committed.connect(lambda text: self._edit(name=text))
        self.description_edit.committed.connect(lambda text: self._edit(description=text))
        self.kind_edit.activated.connect(self._kind_chosen)
        for field in (self.name_edit, self.description_edit):
            field.escaped.connect(lambda: self.set_editing(False))
        self.aliases_edit.aliases_changed.connect(
            lambda aliases: self._command(lambda p: SetAliases(p, aliases)))
        self.aliases_edit.make_name.connect(
            lambda alias: self._command(lambda p: MakeAliasName(p, alias)))
        self.aliases_edit.split_off.connect(lambda alias: self._action("split", alias))
        self.merge_button.clicked.connect(lambda: self._action("merge"))
        self.bar.history.clicked.connect(lambda: self._action("history"))
        self._show_mode()

    def first_editor(self) -> QWidget:
        return self.name_edit

    def typed_fields(self) -> Sequence[LineField | DateField | TextField]:
        return (self.name_edit, self.description_edit)

    def _has_content(self, widget: QWidget) -> bool:
        details = self.details
        if details is None:
            return True
        if widget is self.aliases:
            return bool(details.party.aliases)
        if widget is self.description:
            return bool(details.party.description)
        if widget is self.kind:
            return bool(details.party.kind)
        return True

    def fill(self, details: PartyDetails, fetch_roles: Callable[[list[int]], Sequence[Any]]
             ) -> None:
        """Show a party; `fetch_roles(ids)` reads further blocks of its events."""
        same_party = self.details is not None and self.details.party.id == details.party.id
        self.details = details
        party = details.party
        self.name.setText(party.name)
        show_text(self.kind, party.kind.capitalize())
        self.aliases.setText("Also known as: " + ", ".join(party.aliases))
        show_text(self.description, party.description)
        self.marks.fill(party.id, details.tags, details.note)
        show_attributes(self.attributes_header, self.attributes_box, details.attributes)
        # ids only (date order, from SQL), the first block in hand; the rest come in blocks
        shown = self.events_model.rowCount() if same_party else 0
        self.events_model.set_ids(details.event_ids, fetch_roles, known=details.events)
        while self.events_model.rowCount() < shown and self.events_model.canFetchMore(
                QModelIndex()):
            self.events_model.fetchMore(QModelIndex())  # a refresh keeps what was shown
        has_events = details.event_count > 0
        self.events.setVisible(has_events)
        self.no_events.setVisible(not has_events)
        self.co_model.set_rows(details.co_parties)
        self.co_parties.setVisible(bool(details.co_parties))
        self.no_co_parties.setVisible(not details.co_parties)
        self.name_edit.set_value(party.name)
        self.description_edit.set_value(party.description)
        self.kind_edit.setCurrentIndex(max(self.kind_edit.findData(party.kind), 0))
        self.aliases_edit.set_aliases(party.aliases)
        self._show_mode()

    def _command(self, make: Callable[[int], object]) -> None:
        if self.details is not None:
            self.command_requested.emit(make(self.details.party.id))

    def _action(self, name: str, argument: object = None) -> None:
        if self.details is not None:
            self.action_requested.emit(name, (self.details.party.id, argument))

    def _edit(self, *, name: str = KEEP, description: str = KEEP) -> None:
        self._command(lambda p: EditParty(p, name=name, description=description))

    def _kind_chosen(self, index: int) -> None:
        kind = self.kind_edit.itemData(index)
        if self.details is not None and kind != self.details.party.kind:
            self._command(lambda p: EditParty(p, kind=kind))

    def show_more_events(self) -> None:
        self.events_model.fetchMore(QModelIndex())

    def _update_more(self) -> None:
        model = self.events_model
        left = model.total() - model.rowCount()
        self.more_events.setVisible(left > 0)
        if left > 0:
            more = min(left, model.BLOCK)
            self.more_events.set_full_text(f"Show {more:,} more (of {model.total():,} events)")

    def _near_the_end(self, value: int) -> None:
        """Scrolled near the end of the events: show the next block."""
        bar = self.verticalScrollBar()
        if not self.more_events.isVisible() or value < bar.maximum() - self.viewport().height():
            return
        end = self.more_events.mapTo(self.widget(), self.more_events.rect().bottomLeft()).y()
        if end <= value + self.viewport().height() + 200:
            self.show_more_events()
