"""The pages of the detail pane: an event, a party, a source (what each shows, laid out)."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import (
    MARGIN,
    ContentList,
    LinkButton,
    QuoteText,
    dim,
    empty_note,
    plain_label,
    scaled_font,
    section_header,
)
from gui.item_models import (
    CoPartiesModel,
    EventRolesModel,
    LazyEventRolesModel,
    PartyRolesModel,
)

NO_TEXT = "The store has no text for this source."


# --- the pages -----------------------------------------------------------------------------------


class _Body(QWidget):
    """A scroll area's content: its height comes from heightForWidth at the actual width.

    (The layout's own minimum height is taken at its narrowest width, where wrapped labels are
    tallest; QScrollArea would use that and always show a scroll bar.)
    """

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


class _Page(QScrollArea):
    """A page of the pane: a vertically scrolling column of widgets."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = _Body()
        body.setObjectName(f"{name}Body")
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.column.setSpacing(6)
        self.setWidget(body)

    def title_label(self, name: str) -> QLabel:
        label = plain_label(name=name)
        label.setFont(scaled_font(label.font(), 1.45, QFont.Weight.Bold))
        return label


class EventPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("eventPage", parent)
        self.setAccessibleName("Event details")
        self.title = self.title_label("eventTitle")
        self.date = plain_label(name="eventDate", wrap=False)
        self.date.setFont(scaled_font(self.date.font(), 1.0, QFont.Weight.DemiBold))
        self.date_note = dim(plain_label(name="eventDateNote"))
        self.date_note.setFont(scaled_font(self.date_note.font(), 0.9))
        date_row = QHBoxLayout()
        date_row.setSpacing(8)
        date_row.addWidget(self.date, 0)
        date_row.addWidget(self.date_note, 1, Qt.AlignmentFlag.AlignVCenter)
        self.swatch = plain_label(wrap=False, selectable=False)
        self.swatch.setObjectName("categorySwatch")
        self.swatch.setFixedSize(10, 10)
        self.category = dim(plain_label(name="eventCategory"))
        category_row = QHBoxLayout()
        category_row.setSpacing(6)
        category_row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignVCenter)
        category_row.addWidget(self.category, 1)
        self.description = plain_label(name="eventDescription")
        self.description.setContentsMargins(0, 6, 0, 0)
        self.parties_model = PartyRolesModel(parent=self)
        self.parties = ContentList(
            self.parties_model,
            lambda index: (index.data() or "", ""),
            "Parties in this event",
        )
        self.parties.setObjectName("eventParties")
        self.no_parties = empty_note("No parties recorded.")
        self.sources_box = QVBoxLayout()
        self.sources_box.setSpacing(14)
        self.no_sources = empty_note("No sources cited.")
        self.links_header = section_header("Links")
        self.links_box = QVBoxLayout()
        self.links_box.setSpacing(10)
        self.attributes_header = section_header("Details")
        self.attributes_box = QVBoxLayout()

        for item in (self.title, date_row, category_row, self.description,
                     section_header("Parties"), self.parties, self.no_parties,
                     section_header("Sources"), self.sources_box, self.no_sources,
                     self.links_header, self.links_box,
                     self.attributes_header, self.attributes_box):
            if isinstance(item, QWidget):
                self.column.addWidget(item)
            else:
                self.column.addLayout(item)
        self.column.addStretch(1)


class PartyPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("partyPage", parent)
        self.setAccessibleName("Party details")
        self.name = self.title_label("partyName")
        self.kind = dim(plain_label(name="partyKind"))
        self.aliases = plain_label(name="partyAliases")
        self.description = plain_label(name="partyDescription")
        self.description.setContentsMargins(0, 6, 0, 0)
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
        for item in (self.name, self.kind, self.aliases, self.description,
                     self.attributes_header, self.attributes_box,
                     section_header("Events"), self.events, self.more_events, self.no_events,
                     section_header("Appears with"), self.co_parties, self.no_co_parties):
            if isinstance(item, QWidget):
                self.column.addWidget(item)
            else:
                self.column.addLayout(item)
        self.column.addStretch(1)

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




class SourcePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePage")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        header = QWidget()
        self.header = QVBoxLayout(header)
        self.header.setContentsMargins(MARGIN, MARGIN, MARGIN, 8)
        self.header.setSpacing(4)
        self.title = plain_label(name="sourceTitle")
        self.title.setFont(scaled_font(self.title.font(), 1.3, QFont.Weight.Bold))
        self.meta = dim(plain_label(name="sourceMeta"))
        self.link_box = QVBoxLayout()
        self.link_box.setContentsMargins(0, 0, 0, 0)
        self.hint = dim(plain_label(name="sourceHint", selectable=False))
        self.hint.setFont(scaled_font(self.hint.font(), 0.9))
        for item in (self.title, self.meta, self.link_box, self.hint):
            if isinstance(item, QWidget):
                self.header.addWidget(item)
            else:
                self.header.addLayout(item)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.text = QuoteText()
        self.no_text = empty_note(NO_TEXT)
        self.no_text.setObjectName("sourceNoText")
        self.no_text.setContentsMargins(MARGIN, 8, MARGIN, MARGIN)
        self.no_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(header)
        column.addWidget(line)
        column.addWidget(self.text, 1)
        column.addWidget(self.no_text, 1)


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
