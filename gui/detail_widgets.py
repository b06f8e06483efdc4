"""The detail pane's building blocks: plain-text labels, link buttons, lists as tall as their rows
(the source text with its quotes highlighted is in quote_text.py). Everything from the store is
shown as plain text; web links are buttons that open http(s) URLs only, and only when clicked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

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
    QDesktopServices,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui.item_models import (
    RowsModel,
    plain_tooltip,
)
from models.dates import DateSpan, Qualifier
from models.domain import Link, Source

MIN_WIDTH = 320
MARGIN = 16
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


def plain_label(text: str = "", *, name: str = "", wrap: bool = True,
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


def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if weight is not None:
        font.setWeight(weight)
    return font


def dim(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour, so it follows light and dark themes."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def section_header(text: str) -> QLabel:
    label = dim(plain_label(text.upper(), wrap=False, selectable=False))
    font = scaled_font(label.font(), 0.82, QFont.Weight.DemiBold)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 0)
    label.setAccessibleName(text)
    return label


def clear_layout(layout: QLayout) -> None:
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


def url_widget(url_text: str) -> QWidget | None:
    """A link button for an http(s) URL; plain text for anything else; None when empty."""
    if not url_text.strip():
        return None
    if web_url(url_text) is None:
        label = dim(plain_label(url_text, name="notALink"))
        label.setToolTip("Not a web address, so it is not opened")
        return label
    button = LinkButton(url_text, f"Open {url_text} in the web browser")
    button.setObjectName("webLink")
    button.clicked.connect(lambda: open_web_url(url_text))
    return button


def link_widget(link: Link) -> QWidget:
    """A link an event carries: its caption, the address (opened on click) and its credit."""
    box = QWidget()
    box.setObjectName("eventLink")
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    if link.caption:
        column.addWidget(plain_label(link.caption, name="linkCaption"))
    address = url_widget(link.url)
    if address is not None:
        column.addWidget(address)
    if link.credit:
        column.addWidget(dim(plain_label(f"Credit: {link.credit}", name="linkCredit")))
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
        shown = url_widget(value) if web_url(value) else None
        form.addRow(dim(plain_label(name, wrap=False, selectable=False)),
                    shown or plain_label(value, name="attributeValue"))
    return box


def show_attributes(header: QLabel, box: QVBoxLayout,
                     attributes: Sequence[tuple[str, str]]) -> None:
    clear_layout(box)
    if attributes:
        shown = _attributes_widget(attributes)
        box.addWidget(shown)
        shown.show()  # now, not on the next turn of the event loop
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
        return scaled_font(font, 0.9)

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
        width = max(self.width(), MIN_WIDTH - 2 * MARGIN)
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


def empty_note(text: str) -> QLabel:
    label = dim(plain_label(text, selectable=False))
    label.setContentsMargins(0, 2, 0, 2)
    return label


def show_text(label: QLabel, text: str) -> None:
    """Set a label's (plain) text, and hide the label when there is none."""
    label.setText(text)
    label.setVisible(bool(text))


def source_meta(source: Source) -> str:
    parts = [source.publisher.strip()]
    if source.published is not None:
        parts.append(source.published.display())
    return " · ".join(part for part in parts if part)
