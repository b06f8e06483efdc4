"""The review dialog's delegates and views: cell editors, choice lists, the article beside the
tables, elided labels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QWidget,
)

from gui.item_models import plain_tooltip
from gui.review.tables import (
    _CheckedTable,
    _Index,
    qt_positions,
)
from models.articles.review import (
    one_line,
)

# --- delegates -----------------------------------------------------------------------------------


class _CellEditor(QLineEdit):
    def __init__(self, index: _Index, parent: QWidget) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)


class TextDelegate(QStyledItemDelegate):
    """A line editor whose Enter is refused (the editor stays open, the model says why) while the
    text is not valid; placeholders say what to type."""

    def __init__(self, placeholders: dict[int, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placeholders = placeholders

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        editor = _CellEditor(index, parent)
        editor.setFrame(False)
        editor.setPlaceholderText(self._placeholders.get(index.column(), ""))
        model = index.model()
        header = model.headerData(index.column(), Qt.Orientation.Horizontal) if model else ""
        editor.setAccessibleName(f"Edit {str(header).lower()}")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(watched, _CellEditor) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            model = watched.index.model()
            if isinstance(model, _CheckedTable):
                problem = model.problem(watched.index, watched.text())
                if problem is not None:
                    model.refused.emit(problem)
                    return True  # the editor stays open with what was typed
        return super().eventFilter(watched, event)


class _ChoiceCombo(QComboBox):
    """A combo that says when its popup closes: the choice is made (or kept)."""

    closed = Signal()

    def hidePopup(self) -> None:
        super().hidePopup()
        self.closed.emit()


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of (label, value) choices; the popup opens at once, and closing it commits."""

    def __init__(self, choices: Callable[[], Sequence[tuple[str, str]]], accessible_name: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._accessible_name = accessible_name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        combo = _ChoiceCombo(parent)
        combo.setAccessibleName(self._accessible_name)
        combo.setMaxVisibleItems(16)
        for label, value in self._choices():
            combo.addItem(label, value)
        combo.closed.connect(lambda: self._commit(combo))
        QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _commit(self, combo: _ChoiceCombo) -> None:
        combo.closed.disconnect()  # once: the view closes the editor next
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox) and editor.currentIndex() >= 0:
            if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: _Index) -> None:
        editor.setGeometry(option.rect)


# --- views ---------------------------------------------------------------------------------------


class ChoiceTable(QTableView):
    """A table of proposals: Space checks or unchecks the selected rows; Enter edits (the
    current cell, or the row's first editable cell); Tab leaves the table."""

    focused = Signal()

    def __init__(self, model: _CheckedTable[Any], accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._max_lines = 0  # no wrapping
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.resizeRowsToContents)
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        height = QFontMetrics(self.font()).height() + 12
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalHeader().setMinimumSectionSize(height)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(28)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def set_wrapping(self, max_lines: int) -> None:
        """Wrap long cells onto up to `max_lines` lines; rows grow to fit (they are few)."""
        self.setWordWrap(True)
        self._max_lines = max_lines
        self.horizontalHeader().sectionResized.connect(lambda *_: self._fit_timer.start())
        self._model.dataChanged.connect(lambda *_: self._fit_timer.start())
        self._model.modelReset.connect(self._fit_timer.start)

    def sizeHintForRow(self, row: int) -> int:
        hint = super().sizeHintForRow(row)
        if not self._max_lines:
            return hint
        line = QFontMetrics(self.font()).lineSpacing()
        return max(self.verticalHeader().defaultSectionSize(),
                   min(hint + 6, self._max_lines * line + 10))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._max_lines:
            self._fit_timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
        if not self.currentIndex().isValid() and self._model.rowCount() > 0:
            self.setCurrentIndex(self._model.index(0, 1))

    def choice_model(self) -> _CheckedTable[Any]:
        return self._model

    def selected_rows(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return rows

    def toggle_selected(self) -> None:
        """Check the selected rows, or uncheck them when the current row is checked."""
        rows = self.selected_rows()
        if not rows:
            return
        current = self.currentIndex().row() if self.currentIndex().isValid() else rows[0]
        self._model.set_checked(rows, not self._model.is_checked(current))

    def _editable_in_row(self, index: QModelIndex) -> QModelIndex | None:
        columns = self._model.columnCount()
        order = [*range(index.column(), columns), *range(index.column())]
        for column in order:
            candidate = self._model.index(index.row(), column)
            if self._model.flags(candidate) & Qt.ItemFlag.ItemIsEditable:
                return candidate
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if not editing and plain and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            self.toggle_selected()
            event.accept()
            return
        if not editing and plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            target = self._editable_in_row(current) if current.isValid() else None
            if target is not None:
                self.setCurrentIndex(target)
                self.edit(target)
            event.accept()  # never the dialog's default button from inside a table
            return
        super().keyPressEvent(event)


class ArticleText(QTextEdit):
    """The article, read-only plain text, with spans highlighted by the palette's colours."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setObjectName("articleText")
        self.setAccessibleName("Article text")
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDocumentMargin(14)
        self.setPlainText(text.replace("\r\n", "\n").replace("\r", "\n"))
        # Breathing room between paragraphs and lines; positions stay one per character.
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setBottomMargin(QFontMetrics(self.font()).height() * 0.6)
        block.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block)
        self._to_qt = qt_positions(text)
        self.setTextCursor(QTextCursor(self.document()))

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting text[start:end] of the article as given."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_qt(start))
        cursor.setPosition(self._to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def highlight(self, spans: Sequence[tuple[int, int]],
                  marks: Sequence[tuple[int, int]] = (), *, scroll: bool = True) -> None:
        """Highlight `spans` (and underline `marks`); bring the first span into view."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        mix = 0.55 if dark else 0.35
        background = QColor(
            round(base.red() + (accent.red() - base.red()) * mix),
            round(base.green() + (accent.green() - base.green()) * mix),
            round(base.blue() + (accent.blue() - base.blue()) * mix))
        shaded = QTextCharFormat()
        shaded.setBackground(background)
        shaded.setForeground(palette.color(QPalette.ColorRole.Text))
        underlined = QTextCharFormat()
        underlined.setFontUnderline(True)
        underlined.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        underlined.setUnderlineColor(accent if not dark else accent.lighter(150))
        underlined.setFontWeight(QFont.Weight.DemiBold)
        selections = []
        for fmt, ranges in ((shaded, spans), (underlined, marks)):
            for start, end in ranges:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = self.cursor_for(start, end)
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)
        if spans and scroll:
            self.show_span(*spans[0])

    def show_span(self, start: int, end: int) -> None:
        """Scroll so that text[start:end] is in view: a third from the top when it was not."""
        cursor = self.cursor_for(start, end)
        caret = QTextCursor(cursor)
        caret.setPosition(cursor.selectionEnd())
        bottom = self.cursorRect(caret).bottom()
        caret.setPosition(cursor.selectionStart())
        top = self.cursorRect(caret).top()
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(caret)  # keyboard reading starts here (this may scroll: undone below)
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            bar.setValue(value)
            return
        bar.setValue(value + top - max(0, min(height // 4, height - (bottom - top))))


class ElidedLabel(QLabel):
    """One line of plain text, elided to fit; the whole text in its tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._full = one_line(text)
        self.setToolTip(plain_tooltip(self._full))
        self.setText(self._full)

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(QFontMetrics(self.font()).horizontalAdvance(self._full) + 4,
                     super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(QFontMetrics(self.font()).elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(20, self.width() - 2)))


def _section_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setBuddy(buddy)
    label.setAccessibleName(text.replace("&", ""))
    return label


def _dim_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
