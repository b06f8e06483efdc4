"""Editing in the window: the Edit menu, the undo stack, and the dialogs edits need.

One QUndoStack per window (per store) over the store's changes. A command from the pane or a
dialog is planned first (store.plan: a CommandError names the field and nothing is written),
then pushed as a ChangeCommand whose first redo applies it; later redos and undos call
store.redo and store.undo, each one transaction kept in the history. Imports are pushed as
already applied. A store that refuses (read-only, damaged, a change that no longer fits) says
why in a message, and nothing is written.

After every apply, undo and redo the window shows the change everywhere at once
(MainWindow.refresh_views: timeline, overview, pane, search, counts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMenu

from gui.actions import window_action
from gui.app import show_problem
from gui.edit_dialogs import (
    AddCitationDialog,
    AddEventDialog,
    ChangePreview,
    MergeEventsDialog,
    PartyPickDialog,
    QuoteDialog,
    SplitAliasDialog,
)
from gui.history_view import HistoryDialog
from gui.item_models import plain_tooltip
from gui.marks_box import mark_actions
from models.dates import FuzzyDate, Precision
from models.edits import (
    AddEvent,
    AddParty,
    AddQuote,
    AddSource,
    Command,
    DeleteEvents,
    DuplicateEvent,
    MergeEvents,
    MergeParties,
    SetCitations,
    SetRoles,
    SplitAlias,
)
from models.errors import StoreError

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from models.store.history import Change

KIND_OF_TABLE = {"events": "event", "parties": "party", "sources": "source"}
TABLE_OF_KIND = {kind: table for table, kind in KIND_OF_TABLE.items()}
SPLIT_LIST_LIMIT = 5_000  # events listed to choose from when an alias is split off
MERGE_CANDIDATES = 60


class ChangeCommand(QUndoCommand):
    """A change on the undo stack. `applied`: already made (an import), so the first redo
    (QUndoStack.push calls it) only shows it."""

    def __init__(self, editing: WindowEditing, change: Change, *, applied: bool) -> None:
        super().__init__(change.label.replace("&", "&&"))  # (shown in a menu: no mnemonic)
        self.editing = editing
        self.change = change
        self._shown_only = applied
        self.failed = False

    def redo(self) -> None:
        store = self.editing.store
        try:
            if self._shown_only:  # made already, and shown by whoever made it
                self._shown_only = False
                return
            if self.change.change_id is None:  # planned, never made: the first redo makes it
                self.change = store.apply(self.change)
            else:
                store.redo(self.change)
        except StoreError as error:
            self._refused(error)
            return
        self.editing.changed.emit(self.change, False)

    def undo(self) -> None:
        try:
            self.editing.store.undo(self.change)
        except StoreError as error:
            self._refused(error)
            return
        self.editing.changed.emit(self.change, True)

    def _refused(self, error: StoreError) -> None:
        self.failed = True
        self.setObsolete(True)  # the stack drops it: it is not in the store as it says
        self.editing.refused(error)


class WindowEditing(QObject):
    """The Edit menu of one window and everything it does."""

    changed = Signal(object, bool)  # (the change, whether it was undone)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.stack = QUndoStack(self)
        self.stack.setObjectName("undoStack")
        self._writable = True
        self._why = ""
        self._stay = False  # inside a step of several changes: show the record it started on
        self._build_actions()
        details = window.details
        details.command_requested.connect(self.run)
        details.action_requested.connect(self.page_action)
        self.changed.connect(self._after_change)

    # -- actions -------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence.StandardKey | str | None, tip: str) -> QAction:
        return window_action(self.window, text, slot, shortcut, tip)

    def _build_actions(self) -> None:
        self.undo_action = self.stack.createUndoAction(self.window, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.stack.createRedoAction(self.window, "&Redo")
        # the platform's redo keys (Ctrl+Shift+Z here), and Ctrl+Y as well
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        ctrl_y = QKeySequence("Ctrl+Y")
        self.redo_action.setShortcuts([*redo_keys, *([] if ctrl_y in redo_keys else [ctrl_y])])
        self.undo_action.setObjectName("undoAction")
        self.redo_action.setObjectName("redoAction")
        for action in (self.undo_action, self.redo_action):
            self.window.addAction(action)
        self.edit_details_action = self._action(
            "&Edit details", lambda: self.window.details.toggle_editing(), "F2",
            "Edit what the pane shows, in place; F2 again or Escape stops")
        self.add_event_action = self._action(
            "&Add event…", lambda: self.add_event(), QKeySequence.StandardKey.New,
            "Add an event to the story")
        self.duplicate_action = self._action(
            "D&uplicate event", self.duplicate_current, "Ctrl+D",
            "Make a copy of the event shown, with its parties, sources and links")
        self.delete_action = self._action(
            "&Delete event…", self.delete_current, QKeySequence.StandardKey.Delete,
            "Delete the event shown, or the events chosen in the search results")
        self.merge_action = self._action(
            "&Merge…", self.merge_current, "Ctrl+M",
            "Merge the party or event shown into another, or those chosen in the search "
            "results (a preview first)")
        self.history_action = self._action(
            "&History of this record…", self.history_current, "Ctrl+H",
            "Every change made to what the pane shows")
        self.mark_actions = mark_actions(self.window, self.window.details.current_page)
        self.editing_actions = (self.edit_details_action, self.add_event_action,
                                self.duplicate_action, self.delete_action, self.merge_action,
                                *self.mark_actions)

    def build_menu(self, menu: QMenu) -> None:
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addAction(self.edit_details_action)
        menu.addSeparator()
        menu.addActions([self.add_event_action, self.duplicate_action, self.delete_action])
        menu.addSeparator()
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addActions(self.mark_actions)
        menu.addSeparator()
        menu.addAction(self.history_action)

    def set_writable(self, writable: bool, why: str = "") -> None:
        """A read-only store: every editing action off, its tooltip saying why."""
        self._writable = writable
        self._why = why or "this store cannot be changed"
        for action in self.editing_actions:
            action.setEnabled(writable)
            tip = action.statusTip()
            action.setToolTip(plain_tooltip(tip if writable else f"Read-only: {self._why}"))
        self.window.details.set_writable(writable, self._why)
        self.window.timeline.can_add_events = writable

    # -- running a change ----------------------------------------------------------------

    def plan(self, command: Command) -> Change | None:
        """What a command would do, or None after saying why it cannot be done."""
        if not self._writable:
            self.refused(StoreError(f"the store is read-only: {self._why}"))
            return None
        try:
            return self.store.plan(command)
        except StoreError as error:  # CommandError names the field; nothing is written
            self.refused(error)
            return None

    def run(self, command: Command) -> Change | None:
        """Plan and make a command (undoable); None when nothing was made."""
        change = self.plan(command)
        return None if change is None else self.push(change)

    def push(self, change: Change) -> Change | None:
        """Make a change planned before, as one step of the undo stack."""
        if not change.rows and not change.added:
            self.window.statusBar().showMessage("Nothing to change.", 4000)
            return None
        command = ChangeCommand(self, change, applied=False)
        self.stack.push(command)  # its first redo makes the change
        return None if command.failed else command.change

    def push_applied(self, change: Change) -> None:
        """A change the store has made already (an import, the window showing it): onto the
        stack, to undo it."""
        self.stack.push(ChangeCommand(self, change, applied=True))

    def refused(self, error: StoreError) -> None:
        show_problem(self.window, "Edit", f"Nothing was changed: {error}")

    def _after_change(self, change: Change, undone: bool) -> None:
        window = self.window
        window.refresh_views()
        if not undone and not self._stay and change.record is not None and change.action in (
                "add", "merge", "split"):
            kind = KIND_OF_TABLE.get(change.record[0])
            if kind is not None and window.details.current() != (kind, change.record[1]):
                window.navigate(kind, change.record[1])
        verb = "Undone" if undone else "Done"
        window.statusBar().showMessage(f"{verb}: {change.label}", 6000)

    # -- what the actions act on ---------------------------------------------------------

    def _chosen(self, kind: str) -> list[int]:
        """Records of `kind` chosen in the open search results, else the one the pane shows."""
        chosen = [item_id for k, item_id in self.window.search.selected_targets() if k == kind]
        if chosen:
            return chosen
        current = self.window.details.current()
        if current is not None and current[0] == kind:
            return [current[1]]
        if kind == "event":
            selected = self.window.timeline.selected_event()
            if selected is not None:
                return [selected]
        return []

    def duplicate_current(self) -> None:
        events = self._chosen("event")
        if events:
            self.duplicate_event(events[0])

    def delete_current(self) -> None:
        events = self._chosen("event")
        if events:
            self.delete_events(events)

    def merge_current(self) -> None:
        parties = self._chosen("party")
        events = self._chosen("event")
        if len(parties) > 1:
            self.merge_parties(parties[0], parties[1:])
        elif len(events) > 1:
            self.merge_events(events[0], events[1:])
        elif self.window.details.current() is not None:
            kind, item_id = self.window.details.current()  # type: ignore[misc]
            if kind == "party":
                self.merge_into(item_id)
            elif kind == "event":
                self.merge_with(item_id)

    def history_current(self) -> None:
        current = self.window.details.current()
        if current is not None:
            self.show_history(*current)

    def page_action(self, kind: str, action: str, payload: Any) -> None:
        record_id, argument = payload
        handlers: dict[tuple[str, str], Callable[[], object]] = {
            ("event", "duplicate"): lambda: self.duplicate_event(record_id),
            ("event", "delete"): lambda: self.delete_events([record_id]),
            ("event", "merge"): lambda: self.merge_with(record_id),
            ("event", "add_citation"): lambda: self.add_citation(record_id),
            ("event", "new_party"): lambda: self.add_new_party(record_id, *argument),
            ("party", "merge"): lambda: self.merge_into(record_id),
            ("party", "split"): lambda: self.split_alias(record_id, argument),
            ("source", "quote"): lambda: self.quote(record_id, argument),
        }
        if action == "history":
            self.show_history(kind, record_id)
        elif (kind, action) in handlers:
            handlers[(kind, action)]()

    # -- events --------------------------------------------------------------------------

    def when_at(self, t: float | None) -> str:
        """An EDTF date for a time on the timeline, as precise as the zoom makes sense of."""
        timeline = self.window.timeline
        if t is None:
            start, end = timeline.visible_span()
            t = (start + end) / 2
        per_px = timeline.scale().seconds_per_px
        precision = (Precision.MINUTE if per_px < 600 else Precision.DAY if per_px < 86400 * 10
                     else Precision.MONTH if per_px < 86400 * 120 else Precision.YEAR)
        try:
            return FuzzyDate.from_seconds(int(t), precision).edtf()
        except ValueError:  # beyond the years a day can be given in
            return FuzzyDate.from_seconds(int(t), Precision.YEAR).edtf()

    def add_event(self, at: float | None = None) -> Change | None:
        """Ctrl+N, or "Add event here" on the timeline at the time under the mouse."""
        if not self._writable:
            self.refused(StoreError(f"the store is read-only: {self._why}"))
            return None

        def check(title: str, when: str, category: int | None) -> str:
            try:
                self.store.plan(AddEvent(title, when, category_id=category))
            except StoreError as error:
                return str(error)
            return ""

        dialog = AddEventDialog(self.when_at(at), self.store.categories(), check,
                                parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        title, when, category = dialog.values()
        return self.run(AddEvent(title, when, category_id=category))

    def duplicate_event(self, event_id: int) -> Change | None:
        return self.run(DuplicateEvent(event_id))

    def delete_events(self, event_ids: Sequence[int]) -> Change | None:
        """After a confirmation that says what goes with them."""
        command = DeleteEvents(tuple(event_ids))
        if self.plan(command) is None:
            return None
        count = len(event_ids)
        preview = ChangePreview(
            "Delete event" if count == 1 else "Delete events",
            "Delete this event?" if count == 1 else f"Delete these {count} events?",
            lambda _kept: self.store.plan(command), ok_text="Delete", parent=self.window)
        if preview.exec() != QDialog.DialogCode.Accepted or preview.change is None:
            return None
        return self.push(preview.change)

    def _event_label(self, event_id: int) -> str:
        event = self.store.event(event_id)
        return f"{event.when.display()} · {event.title}" if event else f"event {event_id}"

    def merge_events(self, into: int, others: Sequence[int]) -> Change | None:
        """A preview (choosing which event is kept), then the merge."""
        ids = [into, *[o for o in others if o != into]] if others else [into]
        choices = [(i, self._event_label(i)) for i in ids]

        def plan(kept: int | None) -> Change:
            kept = into if kept is None else kept
            return self.store.plan(MergeEvents(kept, tuple(i for i in ids if i != kept)
                                               or (kept,)))

        if len(ids) < 2:
            self.run(MergeEvents(into, tuple(others)))  # (it says why not)
            return None
        preview = ChangePreview("Merge events", f"Merge {len(ids)} events into one",
                                plan, ok_text="Merge", choices=choices, kept=into,
                                parent=self.window)
        if preview.exec() != QDialog.DialogCode.Accepted or preview.change is None:
            return None
        return self.push(preview.change)

    def merge_with(self, event_id: int) -> Change | None:
        """Events like this one (at the same time, or with its title) to merge into it."""
        event = self.store.event(event_id)
        if event is None:
            return None
        candidates: dict[int, str] = {}
        day = 86400
        for mark in self.store.events_in(event.when.earliest - day, event.when.earliest + day,
                                         limit=MERGE_CANDIDATES):
            if mark.id != event_id:
                candidates[mark.id] = self._event_label(mark.id)
        for hit in self.store.search(event.title, limit=20).events:
            if hit.event.id != event_id:
                candidates.setdefault(hit.event.id,
                                      f"{hit.event.when.display()} · {hit.event.title}")
        if not candidates:
            show_problem(self.window, "Merge events", "No other event is at the same time or "
                         "has a title like this one.")
            return None
        dialog = MergeEventsDialog((event_id, event.title), list(candidates.items())[:100],
                                   set(), parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.merge_events(event_id, dialog.chosen())

    def add_citation(self, event_id: int) -> Change | None:
        dialog = AddCitationDialog(self.store.sources(), parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        source_id, title, quote = dialog.chosen()
        details = self.store.event_details(event_id)
        if details is None:
            return None
        cited = tuple((c.source.id, c.quote) for c in details.citations)
        if source_id is not None:
            return self.run(SetCitations(event_id, (*cited, (source_id, quote))))
        # a new source, then the citation: one step to undo
        self.stack.beginMacro(f"citation of the new source “{title}”".replace("&", "&&"))
        self._stay = True
        try:
            added = self.run(AddSource(title))
            if added is None or added.record is None:
                return None
            return self.run(SetCitations(event_id, (*cited, (added.record[1], quote))))
        finally:
            self._stay = False
            self.stack.endMacro()

    def add_new_party(self, event_id: int, name: str, role: str) -> Change | None:
        """A party typed that no party is called: make it (asked first), with its role."""
        preview = ChangePreview(
            "Add party", f"No party is called “{name}”. Add it as a new party?",
            lambda _kept: self.store.plan(AddParty(name)), ok_text="Add party",
            parent=self.window)
        if preview.exec() != QDialog.DialogCode.Accepted or preview.change is None:
            return None
        details = self.store.event_details(event_id)
        if details is None:
            return None
        roles = tuple((p.party.id, p.role) for p in details.participants)
        self.stack.beginMacro(f"new party “{name}” in an event".replace("&", "&&"))
        self._stay = True
        try:
            added = self.push(preview.change)
            if added is None or added.record is None:
                return None
            return self.run(SetRoles(event_id, (*roles, (added.record[1], role))))
        finally:
            self._stay = False
            self.stack.endMacro()

    # -- parties -------------------------------------------------------------------------

    def _party_name(self, party_id: int) -> str:
        party = self.store.party(party_id)
        return party.name if party else f"party {party_id}"

    def merge_parties(self, into: int, others: Sequence[int]) -> Change | None:
        """Through a preview of what moves (choosing which party is kept)."""
        ids = list(dict.fromkeys([into, *others]))
        if len(ids) < 2:
            self.run(MergeParties(into, tuple(others)))  # (it says why not: into itself)
            return None
        names = {i: self._party_name(i) for i in ids}

        def plan(kept: int | None) -> Change:
            kept = into if kept is None else kept
            return self.store.plan(MergeParties(kept, tuple(i for i in ids if i != kept)))

        heading = (f"Merge {names[ids[1]]} into {names[into]}" if len(ids) == 2
                   else f"Merge {len(ids)} parties into one")
        preview = ChangePreview("Merge parties", heading, plan, ok_text="Merge",
                                choices=[(i, names[i]) for i in ids], kept=into,
                                parent=self.window)
        preview.keep.currentIndexChanged.connect(lambda _n: preview.heading.setText(
            f"Merge into {names.get(preview.kept() or into, '')}"))
        if preview.exec() != QDialog.DialogCode.Accepted or preview.change is None:
            return None
        return self.push(preview.change)

    def merge_into(self, party_id: int) -> Change | None:
        """"Merge into…": a party to merge this one into, then the preview."""
        name = self._party_name(party_id)
        dialog = PartyPickDialog("Merge into…", f"Merge {name} into which party? Its events "
                                 "and aliases move there (a preview comes first).",
                                 self.window.details.party_choices, parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.party_id is None:
            return None
        return self.merge_parties(dialog.party_id, [party_id])

    def split_alias(self, party_id: int, alias: str) -> Change | None:
        """Choose which of the party's events go with the alias to a party of its own."""
        party = self.store.party(party_id)
        if party is None:
            return None
        roles = self.store.events_of(party_id, limit=SPLIT_LIST_LIMIT)
        total = self.store.count_events_of(party_id)
        mentioning = _mentioning(alias, roles, self.store.quotes_of([r.event.id for r in roles]))
        events = [(r.event.id, f"{r.event.when.display()} · {r.event.title}"
                   + (f" ({r.role})" if r.role else "")) for r in roles]
        dialog = SplitAliasDialog(party.name, alias, events, mentioning,
                                  more=max(total - len(roles), 0), parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.run(SplitAlias(party_id, alias, dialog.chosen()))

    # -- sources -------------------------------------------------------------------------

    def quote(self, source_id: int, passage: str) -> Change | None:
        """A passage selected in a source, quoted in an event: the one the pane came from
        first, then those citing the source, then those visited lately."""
        details = self.store.source_details(source_id)
        if details is None:
            return None
        ids: list[int] = []
        came_from = self.window.details.came_from_event
        if came_from is not None:
            ids.append(came_from)
        ids += [event_id for event_id, _quote in details.quotes]
        ids += self.window.recent_events()
        ids = list(dict.fromkeys(ids))[:40]
        events = [(i, self._event_label(i)) for i in ids if self.store.event(i) is not None]
        if not events:
            show_problem(self.window, "Quote in event", "Show the event to quote this in first "
                         "(the pane remembers the last event it showed).")
            return None
        dialog = QuoteDialog(passage, events, parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return None
        return self.run(AddQuote(dialog.chosen(), source_id, passage))  # type: ignore[arg-type]

    # -- history -------------------------------------------------------------------------

    def show_history(self, kind: str, record_id: int) -> HistoryDialog | None:
        table = TABLE_OF_KIND.get(kind)
        if table is None:
            return None
        try:
            entries = self.store.history(table=table, record_id=record_id)
        except StoreError as error:
            show_problem(self.window, "History", "The history cannot be read.", str(error))
            return None
        title = self._name(kind, record_id)
        dialog = HistoryDialog(f"{kind} “{title}”" if title else f"{kind} {record_id}",
                               entries, kind=kind, name=self._name, parent=self.window)
        dialog.exec()
        return dialog


    def _name(self, kind: str, record_id: int) -> str:
        """A record's name for a person ("" when it is gone)."""
        if kind == "category":
            category = self.store.category(record_id)
            return category.name if category else ""
        found: Any = {"event": self.store.event, "party": self.store.party,
                      "source": self.store.source}[kind](record_id)
        if found is not None:
            return str(found.name if kind == "party" else found.title)
        # gone (merged away, deleted): its last name kept in the history
        column = "name" if kind == "party" else "title"
        for entry in reversed(self.store.history(table=TABLE_OF_KIND[kind],
                                                 record_id=record_id)):
            for text in (entry.old, entry.new):
                try:
                    value = json.loads(text) if text else None
                except ValueError:
                    continue
                if isinstance(value, dict) and value.get(column):
                    return f"{value[column]} (gone)"
        return ""


def _mentioning(alias: str, roles: Sequence[Any], quotes: dict[int, list[str]]) -> set[int]:
    """Events whose title, description or quotes name the alias (as a whole word, any case)."""
    pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", re.IGNORECASE)
    return {r.event.id for r in roles
            if pattern.search(r.event.title) or pattern.search(r.event.description)
            or any(pattern.search(q) for q in quotes.get(r.event.id, ()))}

