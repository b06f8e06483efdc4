"""The detail pane: one event, party or source at a time, or a hint when nothing is selected.

The pane never navigates by itself. When the user activates a party, an event or a source, it emits
`party_activated`, `event_activated` or `source_activated`; the main window decides what to show
(and records history). Everything from the store is shown as plain text; web links are buttons that
open http(s) URLs only, and only when clicked.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.item_models import (
    CoPartiesModel,
    EventRolesModel,
    LazyEventRolesModel,
    PartyRolesModel,
    RowsModel,
    plain_tooltip,
)
from gui.timeline.painter import lane_color
from models.dates import DateSpan, Qualifier
from models.domain import CitedSource, Link, Source

if TYPE_CHECKING:
    from models.store import Store

EMPTY_HINT = "Select an event on the timeline, or search with Ctrl+F."
NO_TEXT = "The store has no text for this source."
MIN_WIDTH = 320
_MARGIN = 16
_Index = QModelIndex | QPersistentModelIndex


# --- small helpers -------------------------------------------------------------------------------


# Bidirectional controls can make a shown address read as another ("…/\u202egpj.exe"); no real
# address has them unencoded (RFC 3987 forbids them in IRIs).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def web_url(text: str) -> QUrl | None:
    """The URL if it is an absolute http(s) URL with a host; None for anything else."""
    if _BIDI_CONTROLS.search(text):
        return None
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    if url.isValid() and url.scheme().lower() in ("http", "https") and url.host():
        return url
    return None


def open_web_url(text: str) -> bool:
    """Open an http(s) URL in the user's browser; refuse every other scheme."""
    url = web_url(text)
    if url is None:
        return False
    return bool(QDesktopServices.openUrl(url))


def date_note(when: DateSpan) -> str:
    """A short note on how sure or how long a date is: "ongoing", "date uncertain", …"""
    notes = []
    if when.open_end:
        notes.append("ongoing")
    elif when.end is not None:
        notes.append("period")
    qualifiers = {when.start.qualifier} | ({when.end.qualifier} if when.end else set())
    if Qualifier.UNCERTAIN in qualifiers:
        notes.append("date uncertain")
    if Qualifier.APPROXIMATE in qualifiers:
        notes.append("approximate date")
    return " · ".join(notes)


def _plain_label(text: str = "", *, name: str = "", wrap: bool = True,
                 selectable: bool = True) -> QLabel:
    """A label that never interprets its text as markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if weight is not None:
        font.setWeight(weight)
    return font


def _dim(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour, so it follows light and dark themes."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _section_header(text: str) -> QLabel:
    label = _dim(_plain_label(text.upper(), wrap=False, selectable=False))
    font = _scaled_font(label.font(), 0.82, QFont.Weight.DemiBold)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 0)
    label.setAccessibleName(text)
    return label


def _clear_layout(layout: QVBoxLayout) -> None:
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def _escape_mnemonic(text: str) -> str:
    return text.replace("&", "&&")


class LinkButton(QPushButton):
    """A flat, link-coloured button: keyboard reachable, elides its text to fit, plain text."""

    def __init__(self, text: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = text
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(accessible_name)
        self.setToolTip(plain_tooltip(text))
        self.setAutoDefault(False)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QPushButton { color: palette(link); border: 1px solid transparent;"
            " border-radius: 3px; padding: 1px 2px; text-align: left;"
            " text-decoration: underline; }"
            "QPushButton:focus { border-color: palette(highlight); }"
        )
        self.setMinimumWidth(40)
        self._elide()

    def full_text(self) -> str:
        return self._full_text

    def set_full_text(self, text: str) -> None:
        self._full_text = text
        self.setToolTip(plain_tooltip(text))
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = QFontMetrics(self.font()).horizontalAdvance(self._full_text) + 8
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        available = max(20, self.width() - 4)
        shown = QFontMetrics(self.font()).elidedText(
            self._full_text, Qt.TextElideMode.ElideMiddle, available)
        self.setText(_escape_mnemonic(shown))


def _url_widget(url_text: str) -> QWidget | None:
    """A link button for an http(s) URL; plain text for anything else; None when empty."""
    if not url_text.strip():
        return None
    if web_url(url_text) is None:
        label = _dim(_plain_label(url_text, name="notALink"))
        label.setToolTip("Not a web address, so it is not opened")
        return label
    button = LinkButton(url_text, f"Open {url_text} in the web browser")
    button.setObjectName("webLink")
    button.clicked.connect(lambda: open_web_url(url_text))
    return button


def _link_widget(link: Link) -> QWidget:
    """A link an event carries: its caption, the address (opened on click) and its credit."""
    box = QWidget()
    box.setObjectName("eventLink")
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    if link.caption:
        column.addWidget(_plain_label(link.caption, name="linkCaption"))
    address = _url_widget(link.url)
    if address is not None:
        column.addWidget(address)
    if link.credit:
        column.addWidget(_dim(_plain_label(f"Credit: {link.credit}", name="linkCredit")))
    return box


def _attributes_widget(attributes: Sequence[tuple[str, str]]) -> QWidget:
    """Facts from another tool's file (a CAMEO code, a place, sectors) as name: value rows."""
    box = QWidget()
    box.setObjectName("attributes")
    form = QFormLayout(box)
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(3)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for name, value in attributes:
        shown = _url_widget(value) if web_url(value) else None
        form.addRow(_dim(_plain_label(name, wrap=False, selectable=False)),
                    shown or _plain_label(value, name="attributeValue"))
    return box


def _show_attributes(header: QLabel, box: QVBoxLayout,
                     attributes: Sequence[tuple[str, str]]) -> None:
    _clear_layout(box)
    if attributes:
        box.addWidget(_attributes_widget(attributes))
    header.setVisible(bool(attributes))


# --- lists ---------------------------------------------------------------------------------------

# How a list shows a row: (first line, second line); second line "" for one-line rows.
RowTexts = Callable[[QModelIndex], tuple[str, str]]


def _as_index(index: _Index) -> QModelIndex:
    if isinstance(index, QModelIndex):
        return index
    model = index.model()
    return model.index(index.row(), index.column(), index.parent()) if model else QModelIndex()


class _RowDelegate(QStyledItemDelegate):
    """Paints a row as a wrapped first line and an optional dimmer second line."""

    PAD_X, PAD_Y, GAP = 8, 5, 1

    def __init__(self, view: ContentList, texts: RowTexts) -> None:
        super().__init__(view)
        self._view = view
        self._texts = texts

    def _text_rect(self, width: int) -> QRect:
        return QRect(0, 0, max(40, width - 2 * self.PAD_X), 100_000)

    def _heights(self, option: QStyleOptionViewItem, index: QModelIndex,
                 width: int) -> tuple[int, int]:
        first, second = self._texts(index)
        flags = Qt.TextFlag.TextWordWrap
        first_h = QFontMetrics(option.font).boundingRect(
            self._text_rect(width), flags, first).height()
        second_h = 0
        if second:
            second_h = QFontMetrics(self._second_font(option.font)).boundingRect(
                self._text_rect(width), flags, second).height()
        return first_h, second_h

    @staticmethod
    def _second_font(font: QFont) -> QFont:
        return _scaled_font(font, 0.9)

    def height_for(self, index: QModelIndex, width: int) -> int:
        option = QStyleOptionViewItem()
        option.font = self._view.font()
        first_h, second_h = self._heights(option, index, width)
        return first_h + (second_h + self.GAP if second_h else 0) + 2 * self.PAD_Y

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        width = self._view.viewport().width()
        return QSize(width, self.height_for(_as_index(index), width))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        first, second = self._texts(_as_index(index))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        first_h, _ = self._heights(opt, _as_index(index), opt.rect.width())
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, text_role))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), first_h),
                         Qt.TextFlag.TextWordWrap, first)
        if second:
            painter.setFont(self._second_font(opt.font))
            color = (opt.palette.color(group, text_role) if selected
                     else opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
            painter.setPen(color)
            painter.drawText(
                QRect(rect.left(), rect.top() + first_h + self.GAP, rect.width(),
                      rect.height() - first_h - self.GAP),
                Qt.TextFlag.TextWordWrap, second)
        painter.restore()


class ContentList(QListView):
    """A list that is as tall as its rows (the whole pane scrolls, not the list).

    Click, Enter or Return on a row emits `row_activated(row)`.
    """

    row_activated = Signal(int)

    def __init__(self, model: RowsModel[Any], texts: RowTexts, accessible_name: str,
                 *, model_column: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setModelColumn(model_column)
        self._delegate = _RowDelegate(self, texts)
        self.setItemDelegate(self._delegate)
        self.setAccessibleName(accessible_name)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.viewport().setAutoFillBackground(False)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.clicked.connect(lambda index: self.row_activated.emit(index.row()))
        model.modelReset.connect(self._fit)
        model.rowsInserted.connect(self._fit)

    def content_height(self, width: int) -> int:
        model = self.model()
        inner = width - 2 * self.frameWidth()
        rows = sum(self._delegate.height_for(model.index(r, self.modelColumn()), inner)
                   for r in range(model.rowCount()))
        return rows + 2 * self.frameWidth()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.content_height(width)

    def sizeHint(self) -> QSize:
        width = max(self.width(), MIN_WIDTH - 2 * _MARGIN)
        return QSize(width, self.content_height(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.content_height(max(self.width(), 100)))

    def _fit(self) -> None:
        self.setFixedHeight(self.content_height(self.width()))
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()
            self._fit()

    def currentChanged(self, current: _Index, previous: _Index) -> None:
        super().currentChanged(current, previous)
        # The pane scrolls, not the list: bring the current row into the pane's view.
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        body = area.widget() if area is not None else None
        if area is None or body is None or not current.isValid():
            return
        rect = self.visualRect(_as_index(current))
        center = self.viewport().mapTo(body, rect.center())
        area.ensureVisible(center.x(), center.y(), 0, rect.height() // 2 + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_activated.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, self.modelColumn()))


def _empty_note(text: str) -> QLabel:
    label = _dim(_plain_label(text, selectable=False))
    label.setContentsMargins(0, 2, 0, 2)
    return label


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
        self.column.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self.column.setSpacing(6)
        self.setWidget(body)

    def title_label(self, name: str) -> QLabel:
        label = _plain_label(name=name)
        label.setFont(_scaled_font(label.font(), 1.45, QFont.Weight.Bold))
        return label


class EventPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("eventPage", parent)
        self.setAccessibleName("Event details")
        self.title = self.title_label("eventTitle")
        self.date = _plain_label(name="eventDate", wrap=False)
        self.date.setFont(_scaled_font(self.date.font(), 1.0, QFont.Weight.DemiBold))
        self.date_note = _dim(_plain_label(name="eventDateNote"))
        self.date_note.setFont(_scaled_font(self.date_note.font(), 0.9))
        date_row = QHBoxLayout()
        date_row.setSpacing(8)
        date_row.addWidget(self.date, 0)
        date_row.addWidget(self.date_note, 1, Qt.AlignmentFlag.AlignVCenter)
        self.swatch = _plain_label(wrap=False, selectable=False)
        self.swatch.setObjectName("categorySwatch")
        self.swatch.setFixedSize(10, 10)
        self.category = _dim(_plain_label(name="eventCategory"))
        category_row = QHBoxLayout()
        category_row.setSpacing(6)
        category_row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignVCenter)
        category_row.addWidget(self.category, 1)
        self.description = _plain_label(name="eventDescription")
        self.description.setContentsMargins(0, 6, 0, 0)
        self.parties_model = PartyRolesModel(parent=self)
        self.parties = ContentList(
            self.parties_model,
            lambda index: (index.data() or "", ""),
            "Parties in this event",
        )
        self.parties.setObjectName("eventParties")
        self.no_parties = _empty_note("No parties recorded.")
        self.sources_box = QVBoxLayout()
        self.sources_box.setSpacing(14)
        self.no_sources = _empty_note("No sources cited.")
        self.links_header = _section_header("Links")
        self.links_box = QVBoxLayout()
        self.links_box.setSpacing(10)
        self.attributes_header = _section_header("Details")
        self.attributes_box = QVBoxLayout()

        for item in (self.title, date_row, category_row, self.description,
                     _section_header("Parties"), self.parties, self.no_parties,
                     _section_header("Sources"), self.sources_box, self.no_sources,
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
        self.kind = _dim(_plain_label(name="partyKind"))
        self.aliases = _plain_label(name="partyAliases")
        self.description = _plain_label(name="partyDescription")
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
        self.no_events = _empty_note("No events recorded.")
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
        self.no_co_parties = _empty_note("Appears with no other party.")
        self.attributes_header = _section_header("Details")
        self.attributes_box = QVBoxLayout()
        for item in (self.name, self.kind, self.aliases, self.description,
                     self.attributes_header, self.attributes_box,
                     _section_header("Events"), self.events, self.more_events, self.no_events,
                     _section_header("Appears with"), self.co_parties, self.no_co_parties):
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


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


class QuoteText(QPlainTextEdit):
    """Read-only plain source text; quoted sentences highlighted, click or Enter on one to follow.

    `spans` are (start, end, event id) character ranges, in text order.
    """

    quote_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("sourceText")
        self.setAccessibleName("Source text")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.document().setDocumentMargin(_MARGIN - 4)
        self.spans: list[tuple[int, int, int]] = []
        self._strong: int | None = None
        self._press_pos: int | None = None

    def set_source(self, text: str, quotes: Sequence[tuple[int, str]],
                   highlight_event: int | None) -> None:
        # Paragraphs are single newlines; show a blank line between them (QPlainTextEdit ignores
        # block margins), and map the quotes' positions in the text to the shown text.
        breaks = [m.start() for m in _LONE_NEWLINE.finditer(text)]
        self.setPlainText(_LONE_NEWLINE.sub("\n\n", text))

        def shown(position: int) -> int:
            return position + bisect.bisect_left(breaks, position)

        self.spans = sorted(
            (shown(start), shown(end), event_id)
            for event_id, quote in quotes
            if (found := find_quote(text, quote)) is not None
            for start, end in [found]
        )
        self._strong = highlight_event
        self._paint_highlights()
        strong = [span for span in self.spans if span[2] == highlight_event]
        cursor = QTextCursor(self.document())
        if strong:
            cursor.setPosition(strong[0][0])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if strong:
            self.centerCursor()

    def _paint_highlights(self) -> None:
        base = self.palette().color(QPalette.ColorRole.Highlight)
        selections = []
        for start, end, event_id in self.spans:
            strong = event_id == self._strong
            color = QColor(base)
            color.setAlpha(150 if strong else 55)
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            if strong:
                fmt.setFontWeight(QFont.Weight.DemiBold)
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def event_at(self, position: int) -> int | None:
        """The event whose quote covers this character position (the shortest quote wins)."""
        covering = [(end - start, event_id) for start, end, event_id in self.spans
                    if start <= position < end]
        return min(covering)[1] if covering else None

    def _event_at_point(self, event: QMouseEvent) -> int | None:
        cursor = self.cursorForPosition(event.position().toPoint())
        rect = self.cursorRect(cursor)
        # Past the end of a line, the cursor still lands on its last character: ignore that.
        if abs(rect.center().x() - event.position().x()) > 2 * rect.height() and \
                event.position().x() > rect.right():
            return None
        return self.event_at(cursor.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = self.cursorForPosition(event.position().toPoint()).position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        released = self.cursorForPosition(event.position().toPoint()).position()
        pressed, self._press_pos = self._press_pos, None
        if pressed is None or pressed != released or self.textCursor().hasSelection():
            return  # a drag to select text, not a click
        event_id = self._event_at_point(event)
        if event_id is not None:
            self.quote_activated.emit(event_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        over_quote = (event.buttons() == Qt.MouseButton.NoButton
                      and self._event_at_point(event) is not None)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_quote
                                  else Qt.CursorShape.IBeamCursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event_id = self.event_at(self.textCursor().position())
            if event_id is not None:
                self.quote_activated.emit(event_id)
                return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_highlights()


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote sits in a text: exactly, else ignoring case and runs of white space."""
    quote = quote.strip()
    if not quote:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


class SourcePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePage")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        header = QWidget()
        self.header = QVBoxLayout(header)
        self.header.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, 8)
        self.header.setSpacing(4)
        self.title = _plain_label(name="sourceTitle")
        self.title.setFont(_scaled_font(self.title.font(), 1.3, QFont.Weight.Bold))
        self.meta = _dim(_plain_label(name="sourceMeta"))
        self.link_box = QVBoxLayout()
        self.link_box.setContentsMargins(0, 0, 0, 0)
        self.hint = _dim(_plain_label(name="sourceHint", selectable=False))
        self.hint.setFont(_scaled_font(self.hint.font(), 0.9))
        for item in (self.title, self.meta, self.link_box, self.hint):
            if isinstance(item, QWidget):
                self.header.addWidget(item)
            else:
                self.header.addLayout(item)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.text = QuoteText()
        self.no_text = _empty_note(NO_TEXT)
        self.no_text.setObjectName("sourceNoText")
        self.no_text.setContentsMargins(_MARGIN, 8, _MARGIN, _MARGIN)
        self.no_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(header)
        column.addWidget(line)
        column.addWidget(self.text, 1)
        column.addWidget(self.no_text, 1)


class _CitationBox(QWidget):
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


# --- the pane ------------------------------------------------------------------------------------


def show_text(label: QLabel, text: str) -> None:
    """Set a label's (plain) text, and hide the label when there is none."""
    label.setText(text)
    label.setVisible(bool(text))


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
        empty_column.setContentsMargins(2 * _MARGIN, _MARGIN, 2 * _MARGIN, _MARGIN)
        self.empty_hint = _dim(_plain_label(EMPTY_HINT, name="emptyHint", selectable=False))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_hint)
        empty_column.addStretch(2)

        self.event_page = EventPage()
        self.party_page = PartyPage()
        self.source_page = SourcePage()
        self.not_found = QWidget()
        not_found_column = QVBoxLayout(self.not_found)
        not_found_column.setContentsMargins(2 * _MARGIN, _MARGIN, 2 * _MARGIN, _MARGIN)
        self.not_found_hint = _dim(_plain_label(name="notFoundHint", selectable=False))
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

        _clear_layout(page.sources_box)
        citations = self.store.citations_of(event_id)
        for cited in citations:
            page.sources_box.addWidget(self._citation_widget(cited, event_id))
        page.no_sources.setVisible(not citations)

        _clear_layout(page.links_box)
        links = self.store.links_of(event_id)
        for link in links:
            page.links_box.addWidget(_link_widget(link))
        page.links_header.setVisible(bool(links))
        _show_attributes(page.attributes_header, page.attributes_box,
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
        _show_attributes(page.attributes_header, page.attributes_box,
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
        show_text(page.meta, _source_meta(source))
        _clear_layout(page.link_box)
        link = _url_widget(source.url)
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
        box = _CitationBox()
        column = QVBoxLayout(box)
        column.setContentsMargins(_CitationBox.RULE + 10, 0, 0, 0)
        column.setSpacing(3)
        if cited.quote:
            quote = _plain_label(f"“{cited.quote.strip()}”", name="citationQuote")
            font = QFont(quote.font())
            font.setItalic(True)
            quote.setFont(font)
            column.addWidget(quote)
        title = _plain_label(source.title or "Untitled source", name="citationTitle")
        title.setFont(_scaled_font(title.font(), 1.0, QFont.Weight.DemiBold))
        column.addWidget(title)
        meta = _source_meta(source)
        if meta:
            column.addWidget(_dim(_plain_label(meta, name="citationMeta")))
        link = _url_widget(source.url)
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


def _source_meta(source: Source) -> str:
    parts = [source.publisher.strip()]
    if source.published is not None:
        parts.append(source.published.display())
    return " · ".join(part for part in parts if part)
