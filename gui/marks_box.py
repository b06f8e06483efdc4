"""What a person keeps beside a record, on its page of the detail pane: a star (events), tags
and a note. They are edited where they are shown, without the page's Edit mode (marking is
reading, not rewriting the record): the star is a toggle, tags a comma-separated field with
completion, the note a text field. Each change is a command (models.edits SetStar, SetTags,
SetNote) the page sends on, so it is undone like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from gui.actions import window_action
from gui.detail_widgets import dim, plain_label, section_header, show_text
from gui.field_editors import LineField, TextField
from gui.item_models import plain_tooltip
from gui.page_editors import small_button
from models.edits import SetNote, SetStar, SetTags

NOUNS = {"events": "event", "parties": "party", "sources": "source"}
RECORD_OF_NOUN = {noun: record for record, noun in NOUNS.items()}


def split_tags(text: str) -> tuple[str, ...]:
    """Tags as typed: comma-separated, spaces folded, each once (case aside), in order."""
    seen: dict[str, str] = {}
    for piece in text.split(","):
        tag = " ".join(piece.split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())


class TagsField(LineField):
    """Tags, comma-separated; completion offers the store's tags for the one being typed."""

    def __init__(self, names: Callable[[str], Sequence[str]], accessible_name: str) -> None:
        super().__init__(accessible_name, name="tagsEdit",
                         placeholder="Tags, separated by commas (Enter applies)")
        self._names = names
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._complete)
        self.textEdited.connect(self._offer)

    def _last(self) -> tuple[str, str]:
        head, _, last = self.text().rpartition(",")
        return head, last.strip()

    def _offer(self, _text: str) -> None:
        _head, last = self._last()
        if not last:
            self._completer.popup().hide()
            return
        self._model.setStringList(list(self._names(last)))
        self._completer.setCompletionPrefix(last)
        if self._model.rowCount():
            self._completer.complete()

    def _complete(self, chosen: str) -> None:
        head, _last = self._last()
        self.setText(f"{head}, {chosen}, " if head else f"{chosen}, ")


class MarksBox(QWidget):
    """Star, tags and note of one record; `command` carries each change."""

    command = Signal(object)

    def __init__(self, record: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tag_names: Callable[[str], Sequence[str]] = lambda _prefix: ()
        self.setObjectName(f"{NOUNS[record]}Marks")
        self.record = record
        self.record_id: int | None = None
        self._starred = False
        self._tags: tuple[str, ...] = ()
        noun = NOUNS[record]
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.star = QToolButton()
        self.star.setObjectName("starToggle")
        self.star.setCheckable(True)
        self.star.setAccessibleName(f"Star this {noun}")
        self.star.setToolTip(plain_tooltip(f"Star this {noun} (Ctrl+B); starred events can "
                                           "be filtered with is:starred"))
        self.star.setAutoRaise(True)
        self.star.setVisible(record == "events")
        self.star.clicked.connect(self.toggle_star)
        row.addWidget(self.star)
        self.tags_label = plain_label(name="tagsShown")
        self.tags_label.setMinimumWidth(  # "No tags" on one line
            self.tags_label.fontMetrics().horizontalAdvance("No tags") + 4)
        self.tags_label.setAccessibleName("Tags")
        row.addWidget(self.tags_label, 1, Qt.AlignmentFlag.AlignVCenter)
        self.edit_tags = small_button("Tags…", f"Edit the tags of this {noun}",
                                      f"Tag this {noun} (Ctrl+T)")
        self.edit_tags.setObjectName("editTags")
        self.edit_tags.clicked.connect(self.start_tags)
        row.addWidget(self.edit_tags)
        self.edit_note = small_button("Note…", f"Write a note on this {noun}",
                                      f"A note of your own on this {noun} (Ctrl+Shift+N)")
        self.edit_note.setObjectName("editNote")
        self.edit_note.clicked.connect(self.start_note)
        row.addWidget(self.edit_note)
        column.addLayout(row)

        self.tags_edit = TagsField(lambda prefix: self._tag_names(prefix), f"Tags of this {noun}")
        self.tags_edit.committed.connect(self._tags_typed)
        self.tags_edit.escaped.connect(lambda: self.tags_edit.hide())
        self.tags_edit.hide()
        column.addWidget(self.tags_edit)
        self.note_header = section_header("Note")
        column.addWidget(self.note_header)
        self.note = plain_label(name="noteShown")
        self.note.setAccessibleName("Note")
        column.addWidget(self.note)
        self.note_edit = TextField(f"Note on this {noun}", name="noteEdit",
                                   placeholder="Your note (Ctrl+Enter or leaving applies)")
        self.note_edit.committed.connect(self._note_typed)
        self.note_edit.escaped.connect(lambda: self._show_note(editing=False))
        self.note_edit.hide()
        column.addWidget(self.note_edit)

    def set_tag_names(self, names: Callable[[str], Sequence[str]]) -> None:
        """Where the tags offered while typing come from (the store's, by prefix)."""
        self._tag_names = names

    # -- showing ---------------------------------------------------------------------------
    def fill(self, record_id: int, tags: Sequence[str], note: str, starred: bool = False
             ) -> None:
        changed = record_id != self.record_id
        self.record_id = record_id
        self._starred = starred
        self._tags = tuple(tags)
        self.star.setChecked(starred)
        self.star.setText("★ Starred" if starred else "☆ Star")
        if self._tags:
            self.tags_label.setForegroundRole(self.foregroundRole())
            self.tags_label.setText("Tags: " + ", ".join(self._tags))
        else:
            dim(self.tags_label).setText("No tags")
        self.tags_edit.set_value(", ".join(self._tags))
        self.note_edit.set_value(note)
        show_text(self.note, note)
        if changed:
            self.tags_edit.hide()
            self._show_note(editing=False)
        else:
            self._show_note(editing=self.note_edit.isVisible())

    def _show_note(self, *, editing: bool) -> None:
        has = bool(self.note_edit.stored())
        self.note_edit.setVisible(editing)
        self.note.setVisible(has and not editing)
        self.note_header.setVisible(has or editing)
        self.edit_note.setText("Note…")

    def set_writable(self, writable: bool) -> None:
        for widget in (self.star, self.edit_tags, self.edit_note):
            widget.setEnabled(writable)
        if not writable:
            self.tags_edit.hide()
            self._show_note(editing=False)

    # -- changing --------------------------------------------------------------------------
    def toggle_star(self) -> None:
        if self.record_id is not None and self.record == "events" and self.star.isEnabled():
            self.command.emit(SetStar((self.record_id,), not self._starred))

    def start_tags(self) -> None:
        if self.record_id is None or not self.edit_tags.isEnabled():
            return
        self.tags_edit.show()
        self.tags_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tags_edit.end(False)

    def start_note(self) -> None:
        if self.record_id is None or not self.edit_note.isEnabled():
            return
        self._show_note(editing=True)
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tags_typed(self, text: str) -> None:
        tags = split_tags(text)
        if self.record_id is not None and tags != self._tags:
            self.command.emit(SetTags(self.record, self.record_id, tags))
        self.tags_edit.hide()

    def _note_typed(self, text: str) -> None:
        if self.record_id is not None:
            self.command.emit(SetNote(self.record, self.record_id, text))


def mark_actions(window: QWidget, current_page: Callable[[], object]) -> list[QAction]:
    """Edit menu actions on the record shown in the pane: star (Ctrl+B), tags (Ctrl+T) and
    note (Ctrl+Shift+N)."""
    def on_marks(do: Callable[[MarksBox], None]) -> Callable[[], None]:
        def run() -> None:
            marks = getattr(current_page(), "marks", None)
            if isinstance(marks, MarksBox) and marks.record_id is not None:
                do(marks)
        return run

    return [window_action(window, text, on_marks(do), key, tip) for text, key, do, tip in (
        ("Star / unstar", "Ctrl+B", MarksBox.toggle_star, "Star the event shown"),
        ("Tags…", "Ctrl+T", MarksBox.start_tags, "Tag the record shown"),
        ("Note…", "Ctrl+Shift+N", MarksBox.start_note, "Write a note on the record shown"))]
