"""The detail pane: one event, party or source at a time, or a hint when nothing is selected.

The pane never navigates by itself. When the user activates a party, an event or a source, it emits
`party_activated`, `event_activated` or `source_activated`; the main window decides what to show
(and records history). Everything from the store is shown as plain text; web links are buttons that
open http(s) URLs only, and only when clicked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
)
from PySide6.QtWidgets import (
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.detail_pages import CitationBox, EventPage, PartyPage, SourcePage
from gui.detail_widgets import (
    MARGIN,
    MIN_WIDTH,
    LinkButton,
    clear_layout,
    date_note,
    dim,
    link_widget,
    plain_label,
    scaled_font,
    show_attributes,
    show_text,
    source_meta,
    url_widget,
)
from gui.timeline.painter import lane_color
from models.domain import CitedSource

if TYPE_CHECKING:
    from models.store import Store

EMPTY_HINT = "Select an event on the timeline, or search with Ctrl+F."


class DetailPane(QStackedWidget):
    """Shows one event, party or source; emits *_activated when the user picks something in it."""

    event_activated = Signal(int)
    party_activated = Signal(int)
    source_activated = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._current: tuple[str, int] | None = None
        # (source id, event id) when "Read source" was clicked: highlight that event's quote.
        self._pending_highlight: tuple[int, int] | None = None
        self.setObjectName("detailPane")
        self.setAccessibleName("Details")
        self.setMinimumWidth(MIN_WIDTH)

        self.empty_page = QWidget()
        self.empty_page.setObjectName("emptyPage")
        empty_column = QVBoxLayout(self.empty_page)
        empty_column.setContentsMargins(2 * MARGIN, MARGIN, 2 * MARGIN, MARGIN)
        self.empty_hint = dim(plain_label(EMPTY_HINT, name="emptyHint", selectable=False))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_hint)
        empty_column.addStretch(2)

        self.event_page = EventPage()
        self.party_page = PartyPage()
        self.source_page = SourcePage()
        self.not_found = QWidget()
        not_found_column = QVBoxLayout(self.not_found)
        not_found_column.setContentsMargins(2 * MARGIN, MARGIN, 2 * MARGIN, MARGIN)
        self.not_found_hint = dim(plain_label(name="notFoundHint", selectable=False))
        self.not_found_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        not_found_column.addStretch(1)
        not_found_column.addWidget(self.not_found_hint)
        not_found_column.addStretch(2)
        for page in (self.empty_page, self.event_page, self.party_page, self.source_page,
                     self.not_found):
            self.addWidget(page)

        self.event_page.parties.row_activated.connect(self._party_row_activated)
        self.party_page.events.row_activated.connect(self._event_row_activated)
        self.party_page.co_parties.row_activated.connect(self._co_party_row_activated)
        self.source_page.text.quote_activated.connect(self.event_activated)
        self.clear()

    # -- public API ----------------------------------------------------------------------

    def current(self) -> tuple[str, int] | None:
        """("event" | "party" | "source", id) of what is shown, or None."""
        return self._current

    def clear(self) -> None:
        self._current = None
        self.setCurrentWidget(self.empty_page)

    def show_event(self, event_id: int) -> None:
        event = self.store.event(event_id)
        if event is None:
            self._show_missing("event")
            return
        page = self.event_page
        page.title.setText(event.title)
        page.date.setText(event.when.display())
        note = date_note(event.when)
        show_text(page.date_note, note)
        category = self.store.category(event.category_id) if event.category_id else None
        page.category.setText(category.name if category else "")
        page.category.setVisible(category is not None)
        # the colour of the category's lane on the timeline
        color = (lane_color("category", category.id, False, category.color) if category
                 else QColor())
        page.swatch.setVisible(color.isValid())
        if color.isValid():
            page.swatch.setStyleSheet(
                f"background: {color.name()}; border-radius: 2px;"
                " border: 1px solid palette(mid);")
        show_text(page.description, event.description)

        participants = self.store.participants(event_id)
        page.parties_model.set_rows(participants)
        page.parties.setVisible(bool(participants))
        page.no_parties.setVisible(not participants)

        clear_layout(page.sources_box)
        citations = self.store.citations_of(event_id)
        for cited in citations:
            page.sources_box.addWidget(self._citation_widget(cited, event_id))
        page.no_sources.setVisible(not citations)

        clear_layout(page.links_box)
        links = self.store.links_of(event_id)
        for link in links:
            page.links_box.addWidget(link_widget(link))
        page.links_header.setVisible(bool(links))
        show_attributes(page.attributes_header, page.attributes_box,
                         self.store.event_attributes(event_id))
        self._show(page, ("event", event_id))

    def show_party(self, party_id: int) -> None:
        party = self.store.party(party_id)
        if party is None:
            self._show_missing("party")
            return
        page = self.party_page
        page.name.setText(party.name)
        show_text(page.kind, party.kind.capitalize())
        page.aliases.setText("Also known as: " + ", ".join(party.aliases))
        page.aliases.setVisible(bool(party.aliases))
        show_text(page.description, party.description)
        show_attributes(page.attributes_header, page.attributes_box,
                         self.store.party_attributes(party_id))
        event_ids_of = getattr(self.store, "event_ids_of", None)
        event_roles = getattr(self.store, "event_roles", None)
        if event_ids_of is not None and event_roles is not None:
            # ids only (date order, from SQL); rows come in blocks as the list shows them
            page.events_model.set_ids(event_ids_of(party_id),
                                      lambda ids: event_roles(party_id, ids))
        else:  # a store without the id methods
            page.events_model.set_rows(self.store.events_of(party_id))
        has_events = page.events_model.total() > 0
        page.events.setVisible(has_events)
        page.no_events.setVisible(not has_events)
        co_parties = self.store.co_parties(party_id)
        page.co_model.set_rows(co_parties)
        page.co_parties.setVisible(bool(co_parties))
        page.no_co_parties.setVisible(not co_parties)
        self._show(page, ("party", party_id))

    def show_source(self, source_id: int, *, highlight_event: int | None = None) -> None:
        pending, self._pending_highlight = self._pending_highlight, None
        if highlight_event is None and pending is not None and pending[0] == source_id:
            highlight_event = pending[1]
        source = self.store.source(source_id)
        if source is None:
            self._show_missing("source")
            return
        page = self.source_page
        page.title.setText(source.title or "Untitled source")
        show_text(page.meta, source_meta(source))
        clear_layout(page.link_box)
        link = url_widget(source.url)
        if link is not None:
            page.link_box.addWidget(link)
            QWidget.setTabOrder(link, page.text)
        has_text = bool(source.text.strip())
        page.text.setVisible(has_text)
        page.no_text.setVisible(not has_text)
        quotes = self.store.quotes_in(source_id) if has_text else []
        page.text.set_source(source.text if has_text else "", quotes, highlight_event)
        found = len(page.text.spans)
        if has_text and found:
            page.hint.setText(
                f"{found} quoted passage{'s' if found != 1 else ''} highlighted:"
                " click one to show its event.")
        page.hint.setVisible(has_text and bool(found))
        self._show(page, ("source", source_id))

    # -- building ------------------------------------------------------------------------

    def _show(self, page: QWidget, current: tuple[str, int]) -> None:
        self._current = current
        self.setCurrentWidget(page)
        if isinstance(page, QScrollArea):
            page.verticalScrollBar().setValue(0)

    def _show_missing(self, kind: str) -> None:
        self._current = None
        self.not_found_hint.setText(f"This {kind} is no longer in the store.")
        self.setCurrentWidget(self.not_found)

    def _citation_widget(self, cited: CitedSource, event_id: int) -> QWidget:
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
        if source.text:  # imported event data cites stories it does not hold the text of
            read = LinkButton("Read source", f"Read the source “{source.title}”")
            read.setObjectName("readSource")
            read.setToolTip("Show the full text with this quote highlighted")
            read.clicked.connect(lambda: self._read_source(source.id, event_id))
            column.addWidget(read)
        return box

    def _read_source(self, source_id: int, event_id: int) -> None:
        self._pending_highlight = (source_id, event_id)
        self.source_activated.emit(source_id)

    # -- slots ---------------------------------------------------------------------------

    def _party_row_activated(self, row: int) -> None:
        party_role = self.event_page.parties_model.row_object(row)
        if party_role is not None:
            self.party_activated.emit(party_role.party.id)

    def _event_row_activated(self, row: int) -> None:
        event_role = self.party_page.events_model.row_object(row)
        if event_role is not None:
            self.event_activated.emit(event_role.event.id)

    def _co_party_row_activated(self, row: int) -> None:
        co_party = self.party_page.co_model.row_object(row)
        if co_party is not None:
            self.party_activated.emit(co_party.party.id)
