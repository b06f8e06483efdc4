"""The source text in the source page: plain text with the quotes cited from it highlighted
(click or Enter on one to show its event), and a selected passage quoted in an event."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextEdit, QWidget

from gui.detail_widgets import MARGIN

QUOTE_SHORTCUT = "Ctrl+Shift+Q"  # a selected passage of a source, quoted in an event
_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


class QuoteText(QPlainTextEdit):
    """Read-only plain source text; quoted sentences highlighted, click or Enter on one to follow.

    `spans` are (start, end, event id) character ranges, in text order.
    """

    quote_activated = Signal(int)
    quote_requested = Signal(str)  # the selected passage, to quote in an event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("sourceText")
        self.quote_action = QAction("&Quote in event…", self)
        self.quote_action.setShortcut(QKeySequence(QUOTE_SHORTCUT))
        self.quote_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.quote_action.setToolTip("Cite the selected passage as a quote in an event "
                                     f"({QUOTE_SHORTCUT})")
        self.quote_action.triggered.connect(self.request_quote)
        self.addAction(self.quote_action)
        self.setAccessibleName("Source text")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.document().setDocumentMargin(MARGIN - 4)
        self.spans: list[tuple[int, int, int]] = []
        self.quotable = True  # False in a read-only store
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

    def selected_passage(self) -> str:
        """The selection as one line of text (paragraph breaks and runs of spaces as one
        space: quotes are found in the text whatever its line breaks)."""
        return " ".join(self.textCursor().selectedText().replace("\u2029", "\n").split())

    def request_quote(self) -> None:
        passage = self.selected_passage()
        if passage:
            self.quote_requested.emit(passage)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        menu.addAction(self.quote_action)
        self.quote_action.setEnabled(bool(self.selected_passage()) and self.quotable)
        menu.exec(event.globalPos())
        menu.deleteLater()
        self.quote_action.setEnabled(True)

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
