"""The detail pane's page of an event: what it shows, and its fields as editors (see
gui.detail_page_base)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gui.detail_page_base import Page, labelled_form
from gui.detail_widgets import (
    ContentList,
    LinkButton,
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
from gui.item_models import PartyRolesModel
from gui.page_editors import LinksEditor, PartyChoices, RolesEditor, small_button
from gui.timeline.painter import lane_color
from models.domain import Category, CitedSource, EventDetails
from models.edits import KEEP, EditEvent, SetCitations, SetLinks, SetRoles

NO_CATEGORY = "No category"


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


class EventPage(Page):
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
        self.fields = labelled_form(("&Date:", self.date_edit), ("Cate&gory:", self.category_edit),
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

        self.add_items(self.title, self.title_edit, date_row, category_row, self.marks,
                       self.description, self.fields,
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
        self.marks.fill(event.id, details.tags, details.note, details.starred)
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
