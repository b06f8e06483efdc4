"""The detail pane: one event, party or source at a time, or a hint when nothing is selected.

The pane never navigates by itself. When the user activates a party, an event or a source, it emits
`party_activated`, `event_activated` or `source_activated`; the main window decides what to show
(and records history). Everything from the store is shown as plain text; web links are buttons that
open http(s) URLs only, and only when clicked.

Each view reads through one call (`event_details`, `party_details`, `source_details`): in a
worker thread on a reader of its own when the store has a file (a party in 300,000 events takes a
moment), else here. The page shows what it had until the answer lands; `flush()` reads a pending
view here and now (tests, screenshots). Edits made in the pages come out as `command_requested`
and `action_requested` (see detail_page_base); after a change the window calls `reload()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from gui.detail_widgets import MARGIN, MIN_WIDTH, dim, plain_label
from gui.event_page import EventPage
from gui.page_editors import PartyChoices
from gui.party_page import PartyPage
from gui.source_page import SourcePage
from gui.worker import LatestOnlyWorker
from models.domain import EventDetails, PartyDetails, SourceDetails
from models.errors import StoreError

if TYPE_CHECKING:
    from models.store import Store

EMPTY_HINT = "Select an event on the timeline, or search with Ctrl+F."

Details = EventDetails | PartyDetails | SourceDetails
_READS: dict[str, Callable[[Any, int], Details | None]] = {
    "event": lambda store, id_: store.event_details(id_),
    "party": lambda store, id_: store.party_details(id_),
    "source": lambda store, id_: store.source_details(id_),
}


class DetailPane(QStackedWidget):
    """Shows one event, party or source; emits *_activated when the user picks something in it."""

    event_activated = Signal(int)
    party_activated = Signal(int)
    source_activated = Signal(int)
    command_requested = Signal(object)  # an edit command from a page
    action_requested = Signal(str, str, object)  # (kind, action, (id, argument)) for a dialog
    shown = Signal()  # a view landed (tests wait for it)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._current: tuple[str, int] | None = None
        # (source id, event id) when "Read source" was clicked: highlight that event's quote.
        self._pending_highlight: tuple[int, int] | None = None
        self._highlight: int | None = None  # in the source shown
        self.came_from_event: int | None = None  # the last event shown (for quoting)
        self._reader: LatestOnlyWorker | None = None
        self._no_reader = False
        self._job = 0
        self._waiting: tuple[str, int, bool] | None = None  # (kind, id, keep scroll)
        self.setObjectName("detailPane")
        self.setAccessibleName("Details")
        self.setMinimumWidth(MIN_WIDTH)
        self.party_choices = PartyChoices(store)

        self.empty_page = QWidget()
        self.empty_page.setObjectName("emptyPage")
        empty_column = QVBoxLayout(self.empty_page)
        empty_column.setContentsMargins(2 * MARGIN, MARGIN, 2 * MARGIN, MARGIN)
        self.empty_hint = dim(plain_label(EMPTY_HINT, name="emptyHint", selectable=False))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_hint)
        empty_column.addStretch(2)

        self.event_page = EventPage(self.party_choices, lambda: self.store.categories())
        self.party_page = PartyPage()
        self.source_page = SourcePage()
        for page in (self.event_page, self.party_page, self.source_page):
            page.marks.set_tag_names(
                lambda prefix: [t.name for t in self.store.tags(prefix, limit=12)])
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
        for kind, page in self.pages().items():
            page.command_requested.connect(self.command_requested)
            page.action_requested.connect(
                lambda action, argument, kind=kind: self._page_action(kind, action, argument))
        self.clear()

    # -- public API ----------------------------------------------------------------------

    def pages(self) -> dict[str, EventPage | PartyPage | SourcePage]:
        return {"event": self.event_page, "party": self.party_page, "source": self.source_page}

    def current(self) -> tuple[str, int] | None:
        """("event" | "party" | "source", id) of what is shown (or on its way), or None."""
        return self._current

    def current_page(self) -> EventPage | PartyPage | SourcePage | None:
        return self.pages().get(self._current[0]) if self._current else None

    def clear(self) -> None:
        self._current = None
        self._waiting = None
        self.setCurrentWidget(self.empty_page)

    def show_event(self, event_id: int) -> None:
        self._load("event", event_id)

    def show_party(self, party_id: int) -> None:
        self._load("party", party_id)

    def show_source(self, source_id: int, *, highlight_event: int | None = None) -> None:
        pending, self._pending_highlight = self._pending_highlight, None
        if highlight_event is None and pending is not None and pending[0] == source_id:
            highlight_event = pending[1]
        self._highlight = highlight_event
        self._load("source", source_id)

    def reload(self) -> None:
        """The store changed: read what is shown again (keeping the scroll position and the
        editing), or say it is gone."""
        self.party_choices.forget()
        if self._current is not None:
            self._load(*self._current, keep_scroll=True)

    def pending(self) -> bool:
        return self._waiting is not None

    def flush(self) -> None:
        """Read the view on its way here, now (tests, screenshots)."""
        if self._waiting is not None:
            kind, item_id, keep = self._waiting
            self._job += 1  # whatever the worker answers is stale now
            self._install(kind, item_id, keep, self._read_here(kind, item_id))

    def set_writable(self, writable: bool, why: str = "") -> None:
        """Whether the pages may be edited; `why` says why not (a tooltip)."""
        for page in self.pages().values():
            page.set_writable(writable, why)
        self.source_page.text.quotable = writable
        self.source_page.text.quote_action.setEnabled(writable)

    def toggle_editing(self) -> None:
        """F2: start editing what is shown (the first field), or stop."""
        page = self.current_page()
        if page is None or self.currentWidget() is not page:
            return
        if page.editing:
            page.set_editing(False)
        else:
            page.edit_field()

    def stop(self) -> None:
        """End the reading thread (before the store closes)."""
        self._waiting = None
        self._no_reader = True
        if self._reader is not None:
            self._reader.stop(wait=True)
            self._reader = None

    # -- reading -------------------------------------------------------------------------

    def _load(self, kind: str, item_id: int, *, keep_scroll: bool = False) -> None:
        if kind == "event":
            self.came_from_event = item_id
        self._current = (kind, item_id)
        self._waiting = (kind, item_id, keep_scroll)
        worker = self._worker()
        self._job += 1
        if worker is None:
            self._install(kind, item_id, keep_scroll, self._read_here(kind, item_id))
            return
        read = _READS[kind]

        def job(reader: Any, emit: Callable[[object], None]) -> None:
            emit(read(reader, item_id))

        worker.submit(self._job, job)

    def _read_here(self, kind: str, item_id: int) -> Details | StoreError | None:
        try:
            return _READS[kind](self.store, item_id)
        except StoreError as error:  # a damaged record: say so in the pane
            return error

    def _worker(self) -> LatestOnlyWorker | None:
        if self._reader is None and not self._no_reader:
            reader = self.store.open_reader()
            if reader is None:  # an in-memory store: read here
                self._no_reader = True
                return None
            self._reader = LatestOnlyWorker(reader, "detail-read")
            self._reader.bridge.result.connect(self._on_read)
            self._reader.bridge.failed.connect(self._on_failed)
            self.destroyed.connect(self._reader.stop)
        return self._reader

    def _on_read(self, job: int, details: object) -> None:
        if job != self._job or self._waiting is None:
            return
        kind, item_id, keep = self._waiting
        self._install(kind, item_id, keep, details)  # type: ignore[arg-type]

    def _on_failed(self, job: int, message: str) -> None:
        if job == self._job and self._waiting is not None:
            kind, item_id, keep = self._waiting  # read here, so that a problem shows itself
            self._install(kind, item_id, keep, self._read_here(kind, item_id))

    def _install(self, kind: str, item_id: int, keep_scroll: bool,
                 details: Details | StoreError | None) -> None:
        self._waiting = None
        if isinstance(details, StoreError):
            self._show_missing(kind, f"Part of the store cannot be read: {details}")
            return
        if details is None:
            self._show_missing(kind)
            return
        page: QWidget
        if isinstance(details, EventDetails):
            page = self.event_page
            self.event_page.fill(details)
        elif isinstance(details, PartyDetails):
            page = self.party_page
            self.party_page.fill(details, lambda ids: self.store.event_roles(item_id, ids))
        else:
            page = self.source_page
            self.source_page.fill(details, self._highlight)
        self._show(page, keep_scroll)
        self.shown.emit()

    # -- building ------------------------------------------------------------------------

    def _show(self, page: QWidget, keep_scroll: bool) -> None:
        previous = self.currentWidget()
        if previous is not page and isinstance(previous, (EventPage, PartyPage, SourcePage)):
            previous.set_editing(False)  # another record: its unapplied typing is dropped
        self.setCurrentWidget(page)
        if isinstance(page, QScrollArea) and not keep_scroll:
            page.verticalScrollBar().setValue(0)

    def _show_missing(self, kind: str, why: str = "") -> None:
        self._current = None
        self.not_found_hint.setText(why or f"This {kind} is no longer in the store.")
        self.setCurrentWidget(self.not_found)

    def _page_action(self, kind: str, action: str, argument: object) -> None:
        if kind == "event" and action == "read_source":
            event_id, source_id = argument  # type: ignore[misc]
            self._pending_highlight = (source_id, event_id)
            self.source_activated.emit(source_id)
            return
        self.action_requested.emit(kind, action, argument)

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
