"""The detail pane's page of a source: its text with the quotes cited from it, and its fields
as editors (see gui.detail_page_base)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from gui.detail_page_base import Editable, PageBar, labelled_form
from gui.detail_widgets import (
    MARGIN,
    clear_layout,
    dim,
    empty_note,
    plain_label,
    scaled_font,
    show_text,
    source_meta,
    url_widget,
)
from gui.field_editors import DateField, LineField, TextField
from gui.quote_text import QuoteText
from models.domain import SourceDetails
from models.edits import EditSource

NO_TEXT = "The store has no text for this source."


class SourcePage(QWidget, Editable):
    """A source's title, publisher, date and address over its text, in which the quotes cited
    from it are highlighted; select a passage to quote it in an event (Ctrl+Shift+Q)."""

    command_requested = Signal(object)
    action_requested = Signal(str, object)
    editing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePage")
        self.setAccessibleName("Source details")
        self.details: SourceDetails | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        header = QWidget()
        self.header = QVBoxLayout(header)
        self.header.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, 8)
        self.header.setSpacing(4)
        self._init_editing(PageBar("source"))
        self.title = plain_label(name="sourceTitle")
        self.title.setFont(scaled_font(self.title.font(), 1.3, QFont.Weight.Bold))
        self.meta = dim(plain_label(name="sourceMeta"))
        self.link_box = QVBoxLayout()
        self.link_box.setContentsMargins(0, 0, 0, 0)
        self.hint = dim(plain_label(name="sourceHint", selectable=False))
        self.hint.setFont(scaled_font(self.hint.font(), 0.9))

        self.title_edit = LineField("Title", name="sourceTitleEdit")
        self.title_edit.setFont(self.title.font())
        self.publisher_edit = LineField("Publisher", name="sourcePublisherEdit")
        self.date_edit = DateField("Published", name="sourceDateEdit", optional=True)
        self.url_edit = LineField("Web address", name="sourceUrlEdit", placeholder="https://…")
        self.fields = labelled_form(("P&ublisher:", self.publisher_edit),
                            ("&Published:", self.date_edit), ("&Web address:", self.url_edit))
        for item in (self.bar, self.title, self.title_edit, self.meta, self.link_box,
                     self.fields, self.marks, self.hint):
            if isinstance(item, QWidget):
                self.header.addWidget(item)
            else:
                self.header.addLayout(item)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.text = QuoteText()
        self.text_edit = TextField("Source text", name="sourceTextEdit",
                                   placeholder="The source's text (quotes are found in it)")
        self.text_edit.setMinimumHeight(0)
        self.text_edit.setMaximumHeight(16_777_215)
        self.text_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.no_text = empty_note(NO_TEXT)
        self.no_text.setObjectName("sourceNoText")
        self.no_text.setContentsMargins(MARGIN, 8, MARGIN, MARGIN)
        self.no_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(header)
        column.addWidget(line)
        column.addWidget(self.text, 1)
        column.addWidget(self.text_edit, 1)
        column.addWidget(self.no_text, 1)
        self._when_viewing(self.title, self.meta, self.text, self.no_text, self.hint)
        self._when_editing(self.title_edit, self.fields, self.text_edit)
        for shown, editor in ((self.title, self.title_edit), (self.meta, self.publisher_edit)):
            self._edit_on_double_click(shown, editor)

        self.title_edit.committed.connect(lambda text: self._edit(title=text))
        self.publisher_edit.committed.connect(lambda text: self._edit(publisher=text))
        self.url_edit.committed.connect(lambda text: self._edit(url=text.strip()))
        self.date_edit.committed.connect(
            lambda text: self._edit(published=text.strip() or None))
        self.text_edit.committed.connect(lambda text: self._edit(text=text))
        for field in (self.title_edit, self.publisher_edit, self.url_edit, self.date_edit,
                      self.text_edit):
            field.escaped.connect(lambda: self.set_editing(False))
        self.text.quote_requested.connect(
            lambda quote: self._action("quote", quote))
        self.bar.history.clicked.connect(lambda: self._action("history"))
        self._show_mode()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self._double_clicked(watched, event) or super().eventFilter(watched, event)

    def first_editor(self) -> QWidget:
        return self.title_edit

    def typed_fields(self) -> Sequence[LineField | DateField | TextField]:
        return (self.title_edit, self.publisher_edit, self.date_edit, self.url_edit,
                self.text_edit)

    def _has_content(self, widget: QWidget) -> bool:
        details = self.details
        if details is None:
            return True
        has_text = bool(details.source.text.strip())
        if widget is self.text:
            return has_text
        if widget is self.no_text:
            return not has_text
        if widget is self.meta:
            return bool(self.meta.text())
        if widget is self.hint:
            return bool(self.hint.text())
        return True

    def fill(self, details: SourceDetails, highlight_event: int | None) -> None:
        self.details = details
        source = details.source
        self.title.setText(source.title or "Untitled source")
        show_text(self.meta, source_meta(source))
        self.marks.fill(source.id, details.tags, details.note)
        clear_layout(self.link_box)
        link = url_widget(source.url)
        if link is not None:
            self.link_box.addWidget(link)
            QWidget.setTabOrder(link, self.text)
        has_text = bool(source.text.strip())
        quotes = details.quotes if has_text else ()
        self.text.set_source(source.text if has_text else "", quotes, highlight_event)
        found = len(self.text.spans)
        self.hint.setText(
            f"{found} quoted passage{'s' if found != 1 else ''} highlighted: click one to show "
            "its event. Select a passage to quote it in an event (Ctrl+Shift+Q)."
            if has_text and found else
            "Select a passage to quote it in an event (Ctrl+Shift+Q)." if has_text else "")
        self.title_edit.set_value(source.title)
        self.publisher_edit.set_value(source.publisher)
        self.date_edit.set_value(source.published.edtf() if source.published else "")
        self.url_edit.set_value(source.url)
        self.text_edit.set_value(source.text)
        self._show_mode()

    def _action(self, name: str, argument: object = None) -> None:
        if self.details is not None:
            self.action_requested.emit(name, (self.details.source.id, argument))

    def _edit(self, **fields: Any) -> None:
        if self.details is not None:
            self.command_requested.emit(EditSource(self.details.source.id, **fields))
