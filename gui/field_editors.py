"""Field editors of the detail pane, in the manner of an inspector: a field shows its value as
an editor; Enter (or leaving the field) applies what was typed, Escape puts the stored value
back (and, when nothing was typed, asks to leave editing). Everything is plain text.

`committed(value)` is emitted only when the value differs from the stored one; the pane turns
it into an edit command. `set_value` never overwrites what a person is typing in the field
that has the focus (a refresh after another field was applied must not eat their text).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from gui.detail_widgets import date_note, dim, plain_label
from gui.item_models import plain_tooltip
from models.dates import DateError, DateSpan, parse_edtf

PROBLEM_COLOR = "#d32f2f"  # readable on light and dark backgrounds alike


def _escaped(field: LineField | TextField, event: QKeyEvent) -> bool:
    """Escape puts back what was typed or, with nothing typed, asks to stop editing."""
    if event.key() != Qt.Key.Key_Escape:
        return False
    if field.is_modified():
        field.revert()
    else:
        field.escaped.emit()
    event.accept()
    return True


class LineField(QLineEdit):
    """One line of text. Enter or leaving applies; Escape restores (or asks to stop editing)."""

    committed = Signal(str)
    escaped = Signal()  # Escape with nothing typed: the page leaves editing

    def __init__(self, accessible_name: str, *, name: str = "", placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self.setAccessibleName(accessible_name)
        if name:
            self.setObjectName(name)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.setToolTip(plain_tooltip(f"{accessible_name}: Enter applies, Escape puts it back"))
        self.returnPressed.connect(self.commit)

    def stored(self) -> str:
        return self._stored

    def set_value(self, value: str) -> None:
        """The stored value; shown unless someone is typing something else here."""
        typing = self.hasFocus() and self.text() != self._stored
        self._stored = value
        if not typing:
            self.setText(value)
            self.setCursorPosition(0)

    def is_modified(self) -> bool:
        return self.text() != self._stored

    def commit(self) -> None:
        if self.is_modified() and self.acceptable():
            self.committed.emit(self.text())

    def acceptable(self) -> bool:
        """Whether the text may be applied (a date field refuses what is not a date)."""
        return True

    def revert(self) -> None:
        self.setText(self._stored)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _escaped(self, event):
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a completer or menu opened
            self.commit()


class TextField(QPlainTextEdit):
    """Several lines of text (a description, a source's text). Ctrl+Enter or leaving applies;
    Enter starts a new line; Escape restores (or asks to stop editing)."""

    committed = Signal(str)
    escaped = Signal()

    def __init__(self, accessible_name: str, *, name: str = "", placeholder: str = "",
                 lines: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self.setAccessibleName(accessible_name)
        if name:
            self.setObjectName(name)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.setToolTip(plain_tooltip(
            f"{accessible_name}: Ctrl+Enter applies, Escape puts it back"))
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def stored(self) -> str:
        return self._stored

    def set_value(self, value: str) -> None:
        typing = self.hasFocus() and self.toPlainText() != self._stored
        self._stored = value
        if not typing:
            self.setPlainText(value)

    def is_modified(self) -> bool:
        return self.toPlainText() != self._stored

    def commit(self) -> None:
        if self.is_modified():
            self.committed.emit(self.toPlainText())

    def revert(self) -> None:
        self.setPlainText(self._stored)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _escaped(self, event):
            return
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()


def shown_date(when: DateSpan) -> str:
    """A date as the pane shows it: the display text and its note ("approximate date", …)."""
    note = date_note(when)
    return f"{when.display()} · {note}" if note else when.display()


class DateField(QWidget):
    """An EDTF date, checked as it is typed: under it, the date as Chronolens will show it, or
    why the text is not a date. Only a valid date is applied. `optional`: empty is allowed
    (a source without a date)."""

    committed = Signal(str)
    escaped = Signal()

    def __init__(self, accessible_name: str, *, name: str = "", optional: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.edit = _DateLine(self, accessible_name, name=name,
                              placeholder="e.g. 2016, 2023-08-25, 2019~ or 2016/2020")
        self.edit.setToolTip(plain_tooltip(
            f"{accessible_name} in EDTF: 2016, 2023-08, 2023-08-25, 2023-08-25T14:30, "
            "2019~ (about), 2019? (uncertain), 2016/2020, 2019/.. (ongoing). "
            "Enter applies, Escape puts it back"))
        self.shown = dim(plain_label(name=f"{name}Shown" if name else "dateShown"))
        self.shown.setAccessibleName(f"{accessible_name} as shown")
        self.problem = plain_label(name=f"{name}Problem" if name else "dateProblem")
        self.problem.setAccessibleName(f"{accessible_name}: problem")
        palette = self.problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(PROBLEM_COLOR))
        self.problem.setPalette(palette)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.edit)
        column.addWidget(self.shown)
        column.addWidget(self.problem)
        self.edit.committed.connect(self.committed)
        self.edit.escaped.connect(self.escaped)
        self.edit.textChanged.connect(self.check)
        self.check()

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        self.edit.setFocus(reason)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def set_value(self, value: str) -> None:
        self.edit.set_value(value)
        self.check()

    def is_modified(self) -> bool:
        return self.edit.is_modified()

    def revert(self) -> None:
        self.edit.revert()

    def commit(self) -> None:
        self.edit.commit()

    def problem_text(self) -> str:
        """Why the text is not a date ("" when it is one)."""
        text = self.edit.text().strip()
        if not text and self.optional:
            return ""
        try:
            parse_edtf(text)
        except DateError as error:
            return str(error)
        return ""

    def check(self) -> None:
        text = self.edit.text().strip()
        problem = self.problem_text()
        self.problem.setText(problem)  # ("'2023-02-30' is not a date: day 30 is out of …")
        self.problem.setVisible(bool(problem))
        if problem or not text:
            self.shown.setText("No date" if not problem else "")
        else:
            self.shown.setText(f"Shown as: {shown_date(parse_edtf(text))}")
        self.shown.setVisible(bool(self.shown.text()))


class _DateLine(LineField):
    def __init__(self, field: DateField, accessible_name: str, **kwargs: str) -> None:
        super().__init__(accessible_name, **kwargs)
        self._field = field

    def acceptable(self) -> bool:
        return not self._field.problem_text()


def shortcut_text(key: QKeySequence.StandardKey | str) -> str:
    """A shortcut as the platform writes it ("Ctrl+Z")."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)

