"""The pages of the detail pane: an event, a party, a source. Each shows a read model
(`fill(details)`) and, while it is being edited (`set_editing(True)`: the page's Edit button,
F2, or a double-click on a field), shows its fields as editors in the same place, in the manner
of an inspector.

A page never writes. An edit becomes a command (models.store.commands) emitted through
`command_requested`; what needs a dialog (merge, split, delete, a citation to add, …) is asked
for through `action_requested(name, argument)`. The pane passes both on to the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import (
    MARGIN,
    ContentList,
    LinkButton,
    QuoteText,
    clear_layout,
    date_note,
    dim,
    empty_note,
    link_widget,
    plain_label,
    scaled_font,
    section_header,
    show_attributes,
    show_text,
    source_meta,
    url_widget,
)
from gui.field_editors import DateField, LineField, TextField
from gui.item_models import (
    CoPartiesModel,
    EventRolesModel,
    LazyEventRolesModel,
    PartyRolesModel,
    plain_tooltip,
)
from gui.page_editors import AliasesEditor, LinksEditor, PartyChoices, RolesEditor, small_button
from gui.timeline.painter import lane_color
from models.domain import Category, CitedSource, EventDetails, PartyDetails, SourceDetails
from models.edits import (
    KEEP,
    EditEvent,
    EditParty,
    EditSource,
    MakeAliasName,
    SetAliases,
    SetCitations,
    SetLinks,
    SetRoles,
)
from models.story import PARTY_KINDS

NO_TEXT = "The store has no text for this source."
NO_CATEGORY = "No category"


# --- what every page has -------------------------------------------------------------------------


class _Body(QWidget):
    """A scroll area's content: its height comes from heightForWidth at the actual width.

    (The layout's own minimum height is taken at its narrowest width, where wrapped labels are
    tallest; QScrollArea would use that and always show a scroll bar.)
    """

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


class PageBar(QWidget):
    """The buttons over a page: Edit (a toggle: F2) and History (the record's changes)."""

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addStretch(1)
        self.edit = small_button("Edit", f"Edit this {noun}",
                                 f"Edit this {noun} here (F2); Escape or Done stops")
        self.edit.setObjectName("editToggle")
        self.edit.setCheckable(True)
        self.history = small_button("History", f"History of this {noun}",
                                    f"Every change made to this {noun}, with old and new values")
        self.history.setObjectName("historyButton")
        row.addWidget(self.edit)
        row.addWidget(self.history)

    def set_editing(self, editing: bool) -> None:
        self.edit.setChecked(editing)
        self.edit.setText("Done" if editing else "Edit")


class _Editable:
    """Edit mode for a page: which widgets show when editing and which when not, double-click
    on a shown value to edit it, and whether the store may be written at all."""

    command_requested: Any  # Signal(object) on the page
    action_requested: Any  # Signal(str, object)
    editing_changed: Any  # Signal(bool)

    def _init_editing(self, bar: PageBar) -> None:
        self.bar = bar
        self.editing = False
        self.writable = True
        self._shown_when: list[tuple[QWidget, bool]] = []  # (widget, shown while editing)
        self._double_click: dict[QObject, QWidget] = {}
        bar.edit.toggled.connect(self.set_editing)

    def _when_editing(self, *widgets: QWidget) -> None:
        self._shown_when += [(w, True) for w in widgets]

    def _when_viewing(self, *widgets: QWidget) -> None:
        self._shown_when += [(w, False) for w in widgets]

    def _edit_on_double_click(self, shown: QWidget, editor: QWidget) -> None:
        self._double_click[shown] = editor
        shown.installEventFilter(self)  # type: ignore[arg-type]

    def set_writable(self, writable: bool, why: str = "") -> None:
        self.writable = writable
        self.bar.edit.setEnabled(writable)
        self.bar.edit.setToolTip(plain_tooltip(
            self.bar.edit.accessibleName() + " (F2)" if writable
            else f"Read-only: {why or 'this store cannot be changed'}"))
        if not writable:
            self.set_editing(False)

    def typed_fields(self) -> Sequence[LineField | DateField | TextField]:
        """The page's text fields (what leaving editing applies or puts back)."""
        return ()

    def set_editing(self, editing: bool) -> None:
        editing = editing and self.writable
        if self.editing and not editing:
            # Done or F2: what was typed and not applied yet applies, as leaving the field
            # would; what cannot be (a text that is not a date) is put back.
            for field in self.typed_fields():
                field.commit()
            for field in self.typed_fields():
                field.revert()
        changed = editing != self.editing
        self.editing = editing
        self.bar.set_editing(editing)
        self._show_mode()
        if changed:
            self.editing_changed.emit(editing)

    def _show_mode(self) -> None:
        for widget, when_editing in self._shown_when:
            widget.setVisible(when_editing == self.editing and self._has_content(widget))

    def _has_content(self, widget: QWidget) -> bool:
        return True

    def first_editor(self) -> QWidget | None:
        return None

    def edit_field(self, editor: QWidget | None = None) -> None:
        """Start editing, the keyboard in `editor` (else the first field)."""
        if not self.writable:
            return
        self.set_editing(True)
        target = editor or self.first_editor()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _double_clicked(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick and watched in self._double_click:
            if self.writable:
                self.edit_field(self._double_click[watched])
                return True
        return False


class _Page(QScrollArea, _Editable):
    """A page of the pane: a vertically scrolling column of widgets under the page bar."""

    command_requested = Signal(object)
    action_requested = Signal(str, object)
    editing_changed = Signal(bool)

    def __init__(self, name: str, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = _Body()
        body.setObjectName(f"{name}Body")
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN)
        self.column.setSpacing(6)
        self.setWidget(body)
        self._init_editing(PageBar(noun))
        self.column.addWidget(self.bar)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self._double_clicked(watched, event) or super().eventFilter(watched, event)

    def title_label(self, name: str) -> QLabel:
        label = plain_label(name=name)
        label.setFont(scaled_font(label.font(), 1.45, QFont.Weight.Bold))
        return label

    def add_items(self, *items: QWidget | QVBoxLayout | QHBoxLayout | QFormLayout) -> None:
        for item in items:
            if isinstance(item, QWidget):
                self.column.addWidget(item)
            else:
                self.column.addLayout(item)


def _form(*rows: tuple[str, QWidget]) -> QWidget:
    """Labelled fields; each label's mnemonic (Alt+letter) moves to its field."""
    box = QWidget()
    form = QFormLayout(box)
    form.setContentsMargins(0, 0, 0, 0)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for text, widget in rows:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(widget.edit if isinstance(widget, DateField) else widget)
        form.addRow(label, widget)
    return box


# --- an event ------------------------------------------------------------------------------------


class CitationBox(QWidget):
    """One citation; a rule in its left margin (palette colour, light and dark) marks it."""

    RULE = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citation")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(QRect(0, 0, self.RULE, self.height()),
                         self.palette().color(QPalette.ColorRole.Mid))
        painter.end()


class EventPage(_Page):
    def __init__(self, choices: PartyChoices, categories: Callable[[], Sequence[Category]],
                 parent: QWidget | None = None) -> None:
        super().__init__("eventPage", "event", parent)
        self.setAccessibleName("Event details")
        self.details: EventDetails | None = None
        self._categories = categories
        self.title = self.title_label("eventTitle")
        self.date = plain_label(name="eventDate", wrap=False)
        self.date.setFont(scaled_font(self.date.font(), 1.0, QFont.Weight.DemiBold))
        self.date_note = dim(plain_label(name="eventDateNote"))
        self.date_note.setFont(scaled_font(self.date_note.font(), 0.9))
        date_row = QWidget()
        date_line = QHBoxLayout(date_row)
        date_line.setContentsMargins(0, 0, 0, 0)
        date_line.setSpacing(8)
        date_line.addWidget(self.date, 0)
        date_line.addWidget(self.date_note, 1, Qt.AlignmentFlag.AlignVCenter)
        self.swatch = plain_label(wrap=False, selectable=False)
        self.swatch.setObjectName("categorySwatch")
        self.swatch.setFixedSize(10, 10)
        self.category = dim(plain_label(name="eventCategory"))
        category_row = QWidget()
        category_line = QHBoxLayout(category_row)
        category_line.setContentsMargins(0, 0, 0, 0)
        category_line.setSpacing(6)
        category_line.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignVCenter)
        category_line.addWidget(self.category, 1)
        self.description = plain_label(name="eventDescription")
        self.description.setContentsMargins(0, 6, 0, 0)

        # the same fields as editors
        self.title_edit = LineField("Title", name="eventTitleEdit")
        self.title_edit.setFont(self.title.font())
        self.date_edit = DateField("Date", name="eventDateEdit")
        self.category_edit = QComboBox()
        self.category_edit.setObjectName("eventCategoryEdit")
        self.category_edit.setAccessibleName("Category")
        self.description_edit = TextField("Description", name="eventDescriptionEdit",
                                          placeholder="What happened, in a few sentences")
        self.fields = _form(("&Date:", self.date_edit), ("Cate&gory:", self.category_edit),
                            ("Desc&ription:", self.description_edit))

        self.parties_model = PartyRolesModel(parent=self)
        self.parties = ContentList(
            self.parties_model,
            lambda index: (index.data() or "", ""),
            "Parties in this event",
        )
        self.parties.setObjectName("eventParties")
        self.no_parties = empty_note("No parties recorded.")
        self.roles_edit = RolesEditor(choices)
        self.sources_box = QVBoxLayout()
        self.sources_box.setSpacing(14)
        self.no_sources = empty_note("No sources cited.")
        self.add_citation = small_button("Add citation…", "Add a citation",
                                         "Cite a source (and quote it) for this event")
        self.add_citation.setObjectName("addCitation")
        self.links_header = section_header("Links")
        self.links_box_widget = QWidget()
        self.links_box = QVBoxLayout(self.links_box_widget)
        self.links_box.setContentsMargins(0, 0, 0, 0)
        self.links_box.setSpacing(10)
        self.links_edit = LinksEditor()
        self.attributes_header = section_header("Details")
        self.attributes_box = QVBoxLayout()
        actions = QWidget()
        action_row = QHBoxLayout(actions)
        action_row.setContentsMargins(0, 12, 0, 0)
        self.duplicate_button = small_button("Duplicate", "Duplicate this event")
        self.merge_button = small_button("Merge with…", "Merge other events into this one")
        self.delete_button = small_button("Delete…", "Delete this event")
        for button in (self.duplicate_button, self.merge_button, self.delete_button):
            action_row.addWidget(button)
        action_row.addStretch(1)

        self.add_items(self.title, self.title_edit, date_row, category_row, self.description,
                       self.fields,
                       section_header("Parties"), self.parties, self.no_parties, self.roles_edit,
                       section_header("Sources"), self.sources_box, self.no_sources,
                       self.add_citation,
                       self.links_header, self.links_box_widget, self.links_edit,
                       self.attributes_header, self.attributes_box, actions)
        self.column.addStretch(1)
        self._when_viewing(self.title, date_row, category_row, self.description, self.parties,
                           self.no_parties, self.no_sources, self.links_box_widget)
        self._when_editing(self.title_edit, self.fields, self.roles_edit, self.add_citation,
                           self.links_edit, actions)
        for shown, editor in ((self.title, self.title_edit), (self.date, self.date_edit),
                              (self.date_note, self.date_edit),
                              (self.category, self.category_edit),
                              (self.description, self.description_edit),
                              (self.parties.viewport(), self.roles_edit.picker)):
            self._edit_on_double_click(shown, editor)

        self.title_edit.committed.connect(lambda text: self._edit(title=text))
        self.date_edit.committed.connect(lambda text: self._edit(when=text))
        self.description_edit.committed.connect(lambda text: self._edit(description=text))
        self.category_edit.activated.connect(self._category_chosen)
        for field in (self.title_edit, self.date_edit, self.description_edit):
            field.escaped.connect(lambda: self.set_editing(False))
        self.roles_edit.roles_changed.connect(
            lambda roles: self._command(lambda e: SetRoles(e, roles)))
        self.roles_edit.add_new_party.connect(
            lambda name, role: self._action("new_party", (name, role)))
        self.links_edit.links_changed.connect(
            lambda links: self._command(lambda e: SetLinks(e, links)))
        self.add_citation.clicked.connect(lambda: self._action("add_citation"))
        self.duplicate_button.clicked.connect(lambda: self._action("duplicate"))
        self.merge_button.clicked.connect(lambda: self._action("merge"))
        self.delete_button.clicked.connect(lambda: self._action("delete"))
        self.bar.history.clicked.connect(lambda: self._action("history"))
        self._show_mode()

    def first_editor(self) -> QWidget:
        return self.title_edit

    def typed_fields(self) -> Sequence[LineField | DateField | TextField]:
        return (self.title_edit, self.date_edit, self.description_edit)

    def _has_content(self, widget: QWidget) -> bool:
        details = self.details
        if details is None:
            return True
        if widget is self.parties:
            return bool(details.participants)
        if widget is self.no_parties:
            return not details.participants
        if widget is self.no_sources:
            return not details.citations
        if widget is self.links_box_widget:
            return bool(details.links)
        if widget is self.description:
            return bool(details.event.description)
        if widget is self.date_note:
            return bool(self.date_note.text())
        return True

    # -- showing ---------------------------------------------------------------------------

    def fill(self, details: EventDetails) -> None:
        self.details = details
        event, category = details.event, details.category
        self.title.setText(event.title)
        self.date.setText(event.when.display())
        show_text(self.date_note, date_note(event.when))
        self.category.setText(category.name if category else "")
        self.category.setVisible(category is not None)
        # the colour of the category's lane on the timeline
        color = (lane_color("category", category.id, False, category.color) if category
                 else None)
        self.swatch.setVisible(color is not None and color.isValid())
        if color is not None and color.isValid():
            self.swatch.setStyleSheet(
                f"background: {color.name()}; border-radius: 2px;"
                " border: 1px solid palette(mid);")
        show_text(self.description, event.description)
        self.parties_model.set_rows(details.participants)

        clear_layout(self.sources_box)
        for n, cited in enumerate(details.citations):
            self.sources_box.addWidget(self._citation_widget(cited, n))
        clear_layout(self.links_box)
        for link in details.links:
            self.links_box.addWidget(link_widget(link))
        self.links_header.setVisible(bool(details.links) or self.editing)
        show_attributes(self.attributes_header, self.attributes_box, details.attributes)
        self._fill_editors()
        self._show_mode()

    def _fill_editors(self) -> None:
        details = self.details
        if details is None:
            return
        event = details.event
        self.title_edit.set_value(event.title)
        self.date_edit.set_value(event.when.edtf())
        self.description_edit.set_value(event.description)
        self.roles_edit.set_rows(details.participants)
        self.links_edit.set_links(details.links)
        if self.editing:
            self._fill_categories()

    def _fill_categories(self) -> None:
        combo = self.category_edit
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(NO_CATEGORY, None)
        for category in self._categories():
            combo.addItem(category.name, category.id)
        current = self.details.event.category_id if self.details else None
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def set_editing(self, editing: bool) -> None:
        was = self.editing
        super().set_editing(editing)
        if self.editing and not was:
            self._fill_editors()
        self.links_header.setVisible(self.editing or bool(self.details and self.details.links))
        for box in self.findChildren(QPushButton, "removeCitation"):
            box.setVisible(self.editing)

    def _citation_widget(self, cited: CitedSource, n: int) -> QWidget:
        source = cited.source
        box = CitationBox()
        column = QVBoxLayout(box)
        column.setContentsMargins(CitationBox.RULE + 10, 0, 0, 0)
        column.setSpacing(3)
        if cited.quote:
            quote = plain_label(f"“{cited.quote.strip()}”", name="citationQuote")
            font = QFont(quote.font())
            font.setItalic(True)
            quote.setFont(font)
            column.addWidget(quote)
        title = plain_label(source.title or "Untitled source", name="citationTitle")
        title.setFont(scaled_font(title.font(), 1.0, QFont.Weight.DemiBold))
        column.addWidget(title)
        meta = source_meta(source)
        if meta:
            column.addWidget(dim(plain_label(meta, name="citationMeta")))
        link = url_widget(source.url)
        if link is not None:
            column.addWidget(link)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        if source.text:  # imported event data cites stories it does not hold the text of
            read = LinkButton("Read source", f"Read the source “{source.title}”")
            read.setObjectName("readSource")
            read.setToolTip("Show the full text with this quote highlighted")
            read.clicked.connect(lambda: self._action("read_source", source.id))
            row.addWidget(read)
        remove = small_button("Remove citation", f"Remove the citation of “{source.title}”")
        remove.setObjectName("removeCitation")
        remove.clicked.connect(lambda _=False, n=n: self._remove_citation(n))
        remove.setVisible(self.editing)
        row.addWidget(remove)
        row.addStretch(1)
        column.addLayout(row)
        return box

    # -- edits -----------------------------------------------------------------------------

    def _command(self, make: Callable[[int], object]) -> None:
        if self.details is not None:
            self.command_requested.emit(make(self.details.event.id))

    def _action(self, name: str, argument: object = None) -> None:
        if self.details is not None:
            self.action_requested.emit(name, (self.details.event.id, argument))

    def _edit(self, *, title: str = KEEP, when: str = KEEP, description: str = KEEP) -> None:
        self._command(lambda e: EditEvent(e, title=title, when=when, description=description))

    def _category_chosen(self, index: int) -> None:
        if self.details is None:
            return
        chosen = self.category_edit.itemData(index)
        if chosen != self.details.event.category_id:
            self._command(lambda e: EditEvent(e, category_id=chosen))

    def _remove_citation(self, n: int) -> None:
        if self.details is None:
            return
        citations = [(c.source.id, c.quote) for c in self.details.citations]
        del citations[n]
        self._command(lambda e: SetCitations(e, tuple(citations)))


# --- a party -------------------------------------------------------------------------------------


class PartyPage(_Page):
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
        self.fields = _form(("&Kind:", self.kind_edit),
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
        self.add_items(self.name, self.name_edit, self.kind, self.aliases, self.description,
                       self.fields, self.aliases_header, self.aliases_edit, actions,
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


# --- a source ------------------------------------------------------------------------------------


class SourcePage(QWidget, _Editable):
    """A source's title, publisher, date and address over its text, in which the quotes cited
    from it are highlighted; select a passage to quote it in an event (Ctrl+Shift+Q)."""

    command_requested = Signal(object)
    action_requested = Signal(str, object)
    editing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePage")
        self.setAccessibleName("Source details")
        self.details: SourceDetails | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        header = QWidget()
        self.header = QVBoxLayout(header)
        self.header.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, 8)
        self.header.setSpacing(4)
        self._init_editing(PageBar("source"))
        self.title = plain_label(name="sourceTitle")
        self.title.setFont(scaled_font(self.title.font(), 1.3, QFont.Weight.Bold))
        self.meta = dim(plain_label(name="sourceMeta"))
        self.link_box = QVBoxLayout()
        self.link_box.setContentsMargins(0, 0, 0, 0)
        self.hint = dim(plain_label(name="sourceHint", selectable=False))
        self.hint.setFont(scaled_font(self.hint.font(), 0.9))

        self.title_edit = LineField("Title", name="sourceTitleEdit")
        self.title_edit.setFont(self.title.font())
        self.publisher_edit = LineField("Publisher", name="sourcePublisherEdit")
        self.date_edit = DateField("Published", name="sourceDateEdit", optional=True)
        self.url_edit = LineField("Web address", name="sourceUrlEdit", placeholder="https://…")
        self.fields = _form(("P&ublisher:", self.publisher_edit),
                            ("&Published:", self.date_edit), ("&Web address:", self.url_edit))
        for item in (self.bar, self.title, self.title_edit, self.meta, self.link_box,
                     self.fields, self.hint):
            if isinstance(item, QWidget):
                self.header.addWidget(item)
            else:
                self.header.addLayout(item)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.text = QuoteText()
        self.text_edit = TextField("Source text", name="sourceTextEdit",
                                   placeholder="The source's text (quotes are found in it)")
        self.text_edit.setMinimumHeight(0)
        self.text_edit.setMaximumHeight(16_777_215)
        self.text_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.no_text = empty_note(NO_TEXT)
        self.no_text.setObjectName("sourceNoText")
        self.no_text.setContentsMargins(MARGIN, 8, MARGIN, MARGIN)
        self.no_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(header)
        column.addWidget(line)
        column.addWidget(self.text, 1)
        column.addWidget(self.text_edit, 1)
        column.addWidget(self.no_text, 1)
        self._when_viewing(self.title, self.meta, self.text, self.no_text, self.hint)
        self._when_editing(self.title_edit, self.fields, self.text_edit)
        for shown, editor in ((self.title, self.title_edit), (self.meta, self.publisher_edit)):
            self._edit_on_double_click(shown, editor)

        self.title_edit.committed.connect(lambda text: self._edit(title=text))
        self.publisher_edit.committed.connect(lambda text: self._edit(publisher=text))
        self.url_edit.committed.connect(lambda text: self._edit(url=text.strip()))
        self.date_edit.committed.connect(
            lambda text: self._edit(published=text.strip() or None))
        self.text_edit.committed.connect(lambda text: self._edit(text=text))
        for field in (self.title_edit, self.publisher_edit, self.url_edit, self.date_edit,
                      self.text_edit):
            field.escaped.connect(lambda: self.set_editing(False))
        self.text.quote_requested.connect(
            lambda quote: self._action("quote", quote))
        self.bar.history.clicked.connect(lambda: self._action("history"))
        self._show_mode()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self._double_clicked(watched, event) or super().eventFilter(watched, event)

    def first_editor(self) -> QWidget:
        return self.title_edit

    def typed_fields(self) -> Sequence[LineField | DateField | TextField]:
        return (self.title_edit, self.publisher_edit, self.date_edit, self.url_edit,
                self.text_edit)

    def _has_content(self, widget: QWidget) -> bool:
        details = self.details
        if details is None:
            return True
        has_text = bool(details.source.text.strip())
        if widget is self.text:
            return has_text
        if widget is self.no_text:
            return not has_text
        if widget is self.meta:
            return bool(self.meta.text())
        if widget is self.hint:
            return bool(self.hint.text())
        return True

    def fill(self, details: SourceDetails, highlight_event: int | None) -> None:
        self.details = details
        source = details.source
        self.title.setText(source.title or "Untitled source")
        show_text(self.meta, source_meta(source))
        clear_layout(self.link_box)
        link = url_widget(source.url)
        if link is not None:
            self.link_box.addWidget(link)
            QWidget.setTabOrder(link, self.text)
        has_text = bool(source.text.strip())
        quotes = details.quotes if has_text else ()
        self.text.set_source(source.text if has_text else "", quotes, highlight_event)
        found = len(self.text.spans)
        self.hint.setText(
            f"{found} quoted passage{'s' if found != 1 else ''} highlighted: click one to show "
            "its event. Select a passage to quote it in an event (Ctrl+Shift+Q)."
            if has_text and found else
            "Select a passage to quote it in an event (Ctrl+Shift+Q)." if has_text else "")
        self.title_edit.set_value(source.title)
        self.publisher_edit.set_value(source.publisher)
        self.date_edit.set_value(source.published.edtf() if source.published else "")
        self.url_edit.set_value(source.url)
        self.text_edit.set_value(source.text)
        self._show_mode()

    def _action(self, name: str, argument: object = None) -> None:
        if self.details is not None:
            self.action_requested.emit(name, (self.details.source.id, argument))

    def _edit(self, **fields: Any) -> None:
        if self.details is not None:
            self.command_requested.emit(EditSource(self.details.source.id, **fields))
