"""What every page of the detail pane has (event_page.py, party_page.py, source_page.py): the
bar over it (Edit, History), edit mode and the form its fields are laid out in. Each page shows
a read model (`fill(details)`) and, while it is being edited (`set_editing(True)`: the page's
Edit button, F2, or a double-click on a field), shows its fields as editors in the same place,
in the manner of an inspector.

A page never writes. An edit becomes a command (models.store.commands) emitted through
`command_requested`; what needs a dialog (merge, split, delete, a citation to add, …) is asked
for through `action_requested(name, argument)`. The pane passes both on to the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.detail_widgets import MARGIN, plain_label, scaled_font
from gui.field_editors import DateField, LineField, TextField
from gui.item_models import plain_tooltip
from gui.marks_box import RECORD_OF_NOUN, MarksBox
from gui.page_editors import small_button


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
        self.noun = noun
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


class Editable:
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
        # The star, tags and note: placed by each page, shown in both modes.
        self.marks = MarksBox(RECORD_OF_NOUN[bar.noun])
        self.marks.command.connect(self.command_requested)

    def _when_editing(self, *widgets: QWidget) -> None:
        self._shown_when += [(w, True) for w in widgets]

    def _when_viewing(self, *widgets: QWidget) -> None:
        self._shown_when += [(w, False) for w in widgets]

    def _edit_on_double_click(self, shown: QWidget, editor: QWidget) -> None:
        self._double_click[shown] = editor
        shown.installEventFilter(self)  # type: ignore[arg-type]

    def set_writable(self, writable: bool, why: str = "") -> None:
        self.writable = writable
        self.marks.set_writable(writable)
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


class Page(QScrollArea, Editable):
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


def labelled_form(*rows: tuple[str, QWidget]) -> QWidget:
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
