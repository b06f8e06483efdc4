"""Editing in the window (issue 13): every edit path changes the store, the pane and the
timeline at once, and Undo takes it back; invalid input says why and writes nothing; the
keyboard reaches everything. Dialogs are driven by patching their exec (never modal here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

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
from gui.main_window import MainWindow
from gui.search_results import RECORDS_MIME
from models.dates import parse_edtf
from models.edits import MergeParties
from models.interchange import dump_native
from models.store import Store
from models.story import EventRecord, PartyRecord, RoleRecord, Story

ACCEPTED = QDialog.DialogCode.Accepted


# --- helpers -------------------------------------------------------------------------------------


def key(store: Store, table: str, name: str) -> int:
    found = store.key_of(table, name)
    assert found is not None
    return found


def written(store: Store) -> int:
    """How many history entries the store keeps (nothing written: the same before and after)."""
    return len(store.history())


def shown(action: Any) -> str:
    """An action's text as the menu shows it (the mnemonic marks gone)."""
    return str(action.text()).replace("&&", "\0").replace("&", "").replace("\0", "&")


def timeline_titles(w: MainWindow) -> dict[int, str]:
    """The events the timeline has in hand for its view, by id."""
    w.timeline.flush_fetch()
    return {mark.id: mark.title for mark in w.timeline._marks().all_marks()}


def keys(qtbot: QtBot, w: MainWindow, sequence: QKeySequence.StandardKey | str) -> None:
    """Press a shortcut with the focus on the timeline (as a person would): the window active
    again first (a dialog that was open, e.g. an import's progress, may have taken that)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    w.timeline.setFocus()
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(w.timeline, combo.key(), combo.keyboardModifiers())


@pytest.fixture
def w(qtbot: QtBot, store: Store) -> MainWindow:
    window = shown_window(qtbot, store)
    window.activateWindow()
    return window


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes shown (never run modally in a test)."""
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    return shown


class Dialogs:
    """Dialogs run: each class's exec replaced by a function that fills the dialog in and
    says Accepted (or not)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.shown: list[QDialog] = []

    def answer(self, cls: type[QDialog], fill: Callable[[Any], object] = lambda d: None,
               *, accept: bool = True) -> None:
        def run(dialog: Any) -> int:
            self.shown.append(dialog)
            fill(dialog)
            if not accept:
                return int(QDialog.DialogCode.Rejected)
            dialog.accept()
            return int(dialog.result())
        self._monkeypatch.setattr(cls, "exec", run)

    def last(self, cls: type[QDialog]) -> Any:
        return next(d for d in reversed(self.shown) if isinstance(d, cls))


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dialogs]:
    yield Dialogs(monkeypatch)


def show(w: MainWindow, kind: str, item_id: int) -> None:
    w.navigate(kind, item_id)
    w.details.flush()


def edit(qtbot: QtBot, w: MainWindow) -> Any:
    """Start editing what the pane shows (F2, the focus on the timeline) and return its page."""
    page = w.details.current_page()
    assert page is not None
    if not page.editing:
        keys(qtbot, w, "F2")
    assert page.editing
    return page


def type_into(qtbot: QtBot, field: QWidget, text: str, *, enter: bool = True) -> None:
    field.setFocus()
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text) if text else field.clear()  # type: ignore[attr-defined]
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)


def undo(qtbot: QtBot, w: MainWindow) -> None:
    keys(qtbot, w, QKeySequence.StandardKey.Undo)
    w.details.flush()


def redo(qtbot: QtBot, w: MainWindow) -> None:
    keys(qtbot, w, "Ctrl+Shift+Z")
    w.details.flush()


# --- events --------------------------------------------------------------------------------------


def test_the_title_changes_everywhere_and_undo_restores_it(qtbot: QtBot, w: MainWindow,
                                                           store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    old = store.event(renewal).title  # type: ignore[union-attr]
    assert timeline_titles(w)[renewal] == old
    page = edit(qtbot, w)
    type_into(qtbot, page.title_edit, "Huawei and Ericsson renew (edited)")
    assert store.event(renewal).title == "Huawei and Ericsson renew (edited)"  # type: ignore
    assert page.title.text() == "Huawei and Ericsson renew (edited)"
    assert timeline_titles(w)[renewal] == "Huawei and Ericsson renew (edited)"
    assert shown(w.editing.undo_action) == f"Undo edit of event “{old}”"
    undo(qtbot, w)
    assert store.event(renewal).title == old  # type: ignore[union-attr]
    assert page.title.text() == old and timeline_titles(w)[renewal] == old
    redo(qtbot, w)
    assert store.event(renewal).title == "Huawei and Ericsson renew (edited)"  # type: ignore
    keys(qtbot, w, "Ctrl+Z")
    keys(qtbot, w, "Ctrl+Y")  # the other redo key
    assert store.event(renewal).title == "Huawei and Ericsson renew (edited)"  # type: ignore


def test_escape_puts_the_title_back_and_then_stops_editing(qtbot: QtBot, w: MainWindow,
                                                           store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    before = written(store)
    page = edit(qtbot, w)
    type_into(qtbot, page.title_edit, "Half typed", enter=False)
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Escape)
    assert page.title_edit.text() == store.event(renewal).title  # type: ignore[union-attr]
    assert page.editing
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Escape)
    assert not page.editing and written(store) == before


def test_an_empty_title_is_refused_with_a_message(qtbot: QtBot, w: MainWindow, store: Store,
                                                  boxes: list[QMessageBox]) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    before, event = written(store), store.event(renewal)
    page = edit(qtbot, w)
    page.title_edit.setFocus()
    page.title_edit.clear()
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    [box] = boxes
    assert "Nothing was changed" in box.text() and "title cannot be empty" in box.text()
    assert written(store) == before and store.event(renewal) == event
    assert not w.editing.stack.canUndo()


@pytest.mark.parametrize(("typed", "reason"), [
    ("2023-02-30", "day 30 is out of range for Feb 2023"), ("abc", "expected EDTF")])
def test_an_impossible_date_says_why_as_it_is_typed_and_writes_nothing(
        qtbot: QtBot, w: MainWindow, store: Store, typed: str, reason: str) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    before, event = written(store), store.event(renewal)
    page = edit(qtbot, w)
    type_into(qtbot, page.date_edit.edit, typed)
    assert page.date_edit.problem.isVisible()
    assert reason in page.date_edit.problem.text()
    assert page.date_edit.problem.text().startswith(f"'{typed}' is not a date: ")
    assert not page.date_edit.shown.isVisible()
    assert written(store) == before and store.event(renewal) == event


def test_the_date_is_shown_as_the_app_will_show_it_and_applied(qtbot: QtBot, w: MainWindow,
                                                                store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    type_into(qtbot, page.date_edit.edit, "2019~", enter=False)
    assert page.date_edit.shown.text() == "Shown as: c. 2019 · approximate date"
    assert not page.date_edit.problem.isVisible()
    qtbot.keyClick(page.date_edit.edit, Qt.Key.Key_Return)
    assert store.event(renewal).when.edtf() == "2019~"  # type: ignore[union-attr]
    assert page.date.text() == "c. 2019" and page.date_note.text() == "approximate date"
    undo(qtbot, w)
    assert store.event(renewal).when.edtf() == "2023-08-25"  # type: ignore[union-attr]


def test_description_applies_on_ctrl_enter(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    page.description_edit.setFocus()
    page.description_edit.setPlainText("Line one\nline two")
    qtbot.keyClick(page.description_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.event(renewal).description == "Line one\nline two"  # type: ignore[union-attr]
    page.set_editing(False)
    assert page.description.text() == "Line one\nline two"
    undo(qtbot, w)
    assert store.event(renewal).description != "Line one\nline two"  # type: ignore[union-attr]


def test_category_is_chosen_from_the_list(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    combo = page.category_edit
    market = next(c for c in store.categories() if c.key == "market")
    combo.setCurrentIndex(combo.findData(market.id))
    combo.activated.emit(combo.currentIndex())
    assert store.event(renewal).category_id == market.id  # type: ignore[union-attr]
    assert page.category.text() == "Smartphone market"
    combo.setCurrentIndex(0)  # no category
    combo.activated.emit(0)
    assert store.event(renewal).category_id is None  # type: ignore[union-attr]
    undo(qtbot, w)
    undo(qtbot, w)
    assert store.event(renewal).category_id == key(store, "categories", "patents")  # type: ignore


def test_parties_and_roles_change_add_and_go(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    huawei, samsung = key(store, "parties", "huawei"), key(store, "parties", "samsung")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    roles = page.roles_edit
    # change Ericsson's role
    ericsson_row = [r.party.name for r in store.participants(renewal)].index("Ericsson")
    type_into(qtbot, roles._role_fields[ericsson_row], "licensor")
    assert ("Ericsson", "licensor") in {(p.party.name, p.role)
                                         for p in store.participants(renewal)}
    # add Samsung (typed, completion over names) as an observer
    type_into(qtbot, roles.picker, "Samsung", enter=False)
    type_into(qtbot, roles.new_role, "observer")
    assert (samsung, "observer") in {(p.party.id, p.role) for p in store.participants(renewal)}
    assert "Samsung — observer" in {page.parties_model.index(r, 0).data()
                                    for r in range(page.parties_model.rowCount())}
    # remove Huawei
    row = [p.party.id for p in store.participants(renewal)].index(huawei)
    roles.grid.itemAtPosition(row, 2).widget().click()
    assert huawei not in {p.party.id for p in store.participants(renewal)}
    for _ in range(3):
        undo(qtbot, w)
    assert {(p.party.name, p.role) for p in store.participants(renewal)} == {
        ("Huawei", "signatory"), ("Ericsson", "signatory")}


def test_a_party_no_one_is_called_is_added_after_asking(qtbot: QtBot, w: MainWindow,
                                                        store: Store, dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    dialogs.answer(ChangePreview)
    type_into(qtbot, page.roles_edit.picker, "Nokia", enter=False)
    type_into(qtbot, page.roles_edit.new_role, "observer")
    assert ("Nokia", "observer") in {(p.party.name, p.role) for p in store.participants(renewal)}
    assert w.details.current() == ("event", renewal)  # still on the event it was added to
    assert shown(w.editing.undo_action) == "Undo new party “Nokia” in an event"
    undo(qtbot, w)  # one step: the party and its role
    assert "Nokia" not in {p.name for p in store.parties()}


def test_citations_are_removed_and_added(qtbot: QtBot, w: MainWindow, store: Store,
                                         dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    source = key(store, "sources", "huawei-ericsson-2023-08-25")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    before = store.citations_of(renewal)
    assert len(before) == 2
    page.findChildren(QWidget, "removeCitation")[0].click()
    assert store.citations_of(renewal) == before[1:]

    def choose(dialog: AddCitationDialog) -> None:
        dialog.source.setCurrentIndex(dialog.source.findData(source))
        dialog.quote.setPlainText("to use each other's technologies")
    dialogs.answer(AddCitationDialog, choose)
    page.add_citation.click()
    assert [c.quote for c in store.citations_of(renewal)][-1] == \
        "to use each other's technologies"
    assert "“to use each other's technologies”" in [
        label.text() for label in page.findChildren(QWidget, "citationQuote")]
    undo(qtbot, w)
    undo(qtbot, w)
    assert store.citations_of(renewal) == before


def test_a_citation_of_a_new_source_is_one_step(qtbot: QtBot, w: MainWindow, store: Store,
                                                dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    edit(qtbot, w)

    def new(dialog: AddCitationDialog) -> None:
        dialog.source.setCurrentIndex(dialog.source.count() - 1)
        dialog.new_title.setText("Ericsson press release")
        dialog.quote.setPlainText("Ericsson and Huawei sign")
    dialogs.answer(AddCitationDialog, new)
    w.details.event_page.add_citation.click()
    assert [c.source.title for c in store.citations_of(renewal)][-1] == "Ericsson press release"
    assert w.details.current() == ("event", renewal)
    undo(qtbot, w)
    assert "Ericsson press release" not in {s.title for s in store.sources()}


def test_links_are_added_edited_and_removed(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    links = page.links_edit
    type_into(qtbot, links.new_url, "https://example.org/news", enter=False)
    type_into(qtbot, links.new_caption, "The news")
    assert [(lk.url, lk.caption) for lk in store.links_of(renewal)] == [
        ("https://example.org/news", "The news")]
    caption = links._fields[0][1]
    type_into(qtbot, caption, "The article")
    assert store.links_of(renewal)[0].caption == "The article"
    page.set_editing(False)
    assert "The article" in [label.text() for label in page.findChildren(QWidget, "linkCaption")]
    edit(qtbot, w)
    links.grid.itemAtPosition(0, 3).widget().click()
    assert store.links_of(renewal) == []
    for _ in range(3):
        undo(qtbot, w)
    assert store.links_of(renewal) == []


def test_add_event_with_ctrl_n(qtbot: QtBot, w: MainWindow, store: Store,
                               dialogs: Dialogs) -> None:
    events = store.info().events

    def fill(dialog: AddEventDialog) -> None:
        dialog.title.setText("Huawei unveils a new phone")
        dialog.date.setText("2023-08-29")
    dialogs.answer(AddEventDialog, fill)
    keys(qtbot, w, QKeySequence.StandardKey.New)
    w.details.flush()
    assert store.info().events == events + 1
    kind, new = w.details.current()  # type: ignore[misc]
    assert kind == "event" and store.event(new).title == "Huawei unveils a new phone"  # type: ignore
    assert w.details.event_page.title.text() == "Huawei unveils a new phone"
    assert timeline_titles(w).get(new) == "Huawei unveils a new phone"
    assert "1 event" in w.counts_label.text() or f"{events + 1} events" in \
        w.counts_label.text()  # type: ignore[union-attr]
    undo(qtbot, w)
    assert store.info().events == events and store.event(new) is None
    assert new not in timeline_titles(w)


def test_add_event_refuses_an_empty_title_in_the_dialog(qtbot: QtBot, w: MainWindow,
                                                        store: Store, dialogs: Dialogs) -> None:
    before = written(store)
    problems: list[str] = []

    def fill(dialog: AddEventDialog) -> None:
        dialog.date.setText("2023-08-29")
        dialog.accept()  # refused: the dialog says why and stays open
        problems.append(dialog.problem.text())
    dialogs.answer(AddEventDialog, fill, accept=False)
    w.editing.add_event_action.trigger()
    assert problems == ["title cannot be empty"]
    assert written(store) == before


def test_add_event_here_from_the_timeline_menu(qtbot: QtBot, w: MainWindow, store: Store,
                                               dialogs: Dialogs) -> None:
    dates: list[str] = []
    dialogs.answer(AddEventDialog, lambda d: (dates.append(d.date.text()),
                                              d.title.setText("Here")))
    x = w.timeline.width() // 2
    t = w.timeline.scale().t_of(x)
    menu = w.timeline.context_menu(QPoint(x, 5))
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Add event here…").trigger()
    assert dates
    new = store.event(w.details.current()[1])  # type: ignore[index]
    assert new is not None and new.title == "Here" and new.when.edtf() == dates[0]
    assert new.when.earliest <= t <= new.when.latest + 1
    keyboard = w.timeline.context_menu(None)  # the menu key: the view's middle
    assert keyboard is not None and "Add event here…" in [a.text() for a in keyboard.actions()]


def test_duplicate_and_delete(qtbot: QtBot, w: MainWindow, store: Store,
                              dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    events = store.info().events
    keys(qtbot, w, "Ctrl+D")
    w.details.flush()
    copy = w.details.current()[1]  # type: ignore[index]
    assert copy != renewal and store.info().events == events + 1
    assert store.event(copy).title == store.event(renewal).title  # type: ignore[union-attr]
    assert len(store.participants(copy)) == 2 and len(store.citations_of(copy)) == 2
    dialogs.answer(ChangePreview)
    keys(qtbot, w, QKeySequence.StandardKey.Delete)
    w.details.flush()
    preview = dialogs.last(ChangePreview)
    assert preview.heading.text() == "Delete this event?"
    assert "with 2 roles of parties in it and 2 citations of sources" in preview.summary()
    assert store.event(copy) is None and store.info().events == events
    assert w.details.currentWidget() is w.details.not_found
    undo(qtbot, w)
    assert store.event(copy) is not None and len(store.citations_of(copy)) == 2
    undo(qtbot, w)
    assert store.event(copy) is None and store.info().events == events


def test_delete_cancelled_writes_nothing(qtbot: QtBot, w: MainWindow, store: Store,
                                         dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    before = written(store)
    dialogs.answer(ChangePreview, accept=False)
    w.editing.delete_action.trigger()
    assert store.event(renewal) is not None and written(store) == before


def test_merge_events_with_a_preview(qtbot: QtBot, w: MainWindow, store: Store,
                                     dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    statement = key(store, "events", "alan-fan-statement")
    show(w, "event", renewal)
    events = store.info().events

    def check(dialog: MergeEventsDialog) -> None:
        for n in range(dialog.events.count()):
            item = dialog.events.item(n)
            if item.data(Qt.ItemDataRole.UserRole) == statement:
                item.setCheckState(Qt.CheckState.Checked)
    dialogs.answer(MergeEventsDialog, check)
    dialogs.answer(ChangePreview)
    keys(qtbot, w, "Ctrl+M")
    preview = dialogs.last(ChangePreview)
    assert any(" to " in line and "role" in line for line in preview.summary())
    assert store.event(statement) is None and store.info().events == events - 1
    assert "Alan Fan" in {p.party.name for p in store.participants(renewal)}
    undo(qtbot, w)
    assert store.event(statement) is not None
    assert "Alan Fan" not in {p.party.name for p in store.participants(renewal)}


# --- parties -------------------------------------------------------------------------------------


def test_party_name_kind_and_description(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    apple = key(store, "parties", "apple")
    show(w, "party", apple)
    page = edit(qtbot, w)
    type_into(qtbot, page.name_edit, "Apple Inc.")
    page.kind_edit.setCurrentIndex(page.kind_edit.findData("group"))
    page.kind_edit.activated.emit(page.kind_edit.currentIndex())
    page.description_edit.setFocus()
    page.description_edit.setPlainText("Maker of the iPhone.")
    page.name_edit.setFocus()  # leaving the description applies it
    party = store.party(apple)
    assert party is not None and (party.name, party.kind, party.description) == (
        "Apple Inc.", "group", "Maker of the iPhone.")
    assert page.name.text() == "Apple Inc." and page.kind.text() == "Group"
    lane_names = {lane.name for lane in w.timeline.current_layout().lanes}
    assert "Apple Inc." in lane_names or "Apple" not in lane_names
    for _ in range(3):
        undo(qtbot, w)
    assert store.party(apple).name == "Apple"  # type: ignore[union-attr]


def test_aliases_added_removed_and_made_the_name(qtbot: QtBot, w: MainWindow,
                                                 store: Store) -> None:
    huawei = key(store, "parties", "huawei")
    show(w, "party", huawei)
    page = edit(qtbot, w)
    type_into(qtbot, page.aliases_edit.new_alias, "Huawei Tech")
    assert set(store.party(huawei).aliases) == {"Huawei Technologies", "Huawei Tech"}  # type: ignore
    assert "Huawei Tech" in page.aliases.text()
    make = next(b for b in page.aliases_edit.findChildren(QWidget, "makeName")
            if "Huawei Technologies" in b.accessibleName())
    make.click()
    party = store.party(huawei)
    assert party is not None and party.name == "Huawei Technologies"
    assert "Huawei" in party.aliases and page.name.text() == "Huawei Technologies"
    remove = next(b for b in page.aliases_edit.findChildren(QWidget, "removeButton")
              if "Huawei Tech”" in b.accessibleName())
    remove.click()
    assert "Huawei Tech" not in store.party(huawei).aliases  # type: ignore[union-attr]
    for _ in range(3):
        undo(qtbot, w)
    party = store.party(huawei)
    assert party is not None and party.name == "Huawei"
    assert party.aliases == ("Huawei Technologies",)


def test_merge_into_a_party_through_the_preview(qtbot: QtBot, w: MainWindow, store: Store,
                                                dialogs: Dialogs) -> None:
    huawei, china = key(store, "parties", "huawei"), key(store, "parties", "china")
    show(w, "party", china)
    huawei_events = set(store.event_ids_of(huawei))
    china_events = set(store.event_ids_of(china))
    dialogs.answer(PartyPickDialog, lambda d: d.picker.setText("Huawei"))
    dialogs.answer(ChangePreview)
    w.details.party_page.merge_button.click()
    preview = dialogs.last(ChangePreview)
    assert preview.heading.text() == "Merge China into Huawei"
    assert preview.summary() and preview.buttons.isEnabled()
    assert store.party(china) is None
    assert set(store.event_ids_of(huawei)) == huawei_events | china_events
    assert "Beijing" in store.party(huawei).aliases  # type: ignore[union-attr]
    assert w.details.current() == ("party", huawei)
    assert shown(w.editing.undo_action).startswith("Undo merge of")
    undo(qtbot, w)
    assert store.party(china) is not None and set(store.event_ids_of(china)) == china_events


def test_merging_a_party_into_itself_is_refused(qtbot: QtBot, w: MainWindow, store: Store,
                                                boxes: list[QMessageBox],
                                                dialogs: Dialogs) -> None:
    huawei = key(store, "parties", "huawei")
    show(w, "party", huawei)
    before, party = written(store), store.party(huawei)
    dialogs.answer(PartyPickDialog, lambda d: d.picker.setText("Huawei"))
    w.editing.merge_action.trigger()
    [box] = boxes
    assert "Nothing was changed" in box.text() and "itself" in box.text()
    assert written(store) == before and store.party(huawei) == party


def test_merge_parties_chosen_in_the_search_results(qtbot: QtBot, w: MainWindow, store: Store,
                                                    dialogs: Dialogs) -> None:
    apple = key(store, "parties", "apple")
    w.search.setFocus()
    w.search.setText("a")
    w.search.run_search()
    model = w.search.model
    rows = {model.target(r): r for r in model.choosable_rows()}
    parties = [model.target(r) for r in model.choosable_rows()
               if model.target(r)[0] == "party"]  # type: ignore[index]
    # Down to Apple, then Shift+Down to the party after it: two chosen
    for _ in range(model.choosable_rows().index(rows[("party", apple)])):
        qtbot.keyClick(w.search, Qt.Key.Key_Down)
    qtbot.keyClick(w.search, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    other = parties[parties.index(("party", apple)) + 1]
    assert w.search.selected_targets() == [("party", apple), other]
    samsung = other[1]  # type: ignore[index]
    dialogs.answer(ChangePreview, lambda d: d.keep.setCurrentIndex(d.keep.findData(samsung)))
    keys_on_box = QKeySequence("Ctrl+M")[0]
    qtbot.keyClick(w.search, keys_on_box.key(), keys_on_box.keyboardModifiers())
    preview = dialogs.last(ChangePreview)
    assert preview.kept() == samsung
    assert store.party(apple) is None and store.party(samsung) is not None
    undo(qtbot, w)
    assert store.party(apple) is not None


def test_drag_one_party_onto_another_in_the_search_results(qtbot: QtBot, w: MainWindow,
                                                           store: Store,
                                                           dialogs: Dialogs) -> None:
    apple, samsung = key(store, "parties", "apple"), key(store, "parties", "samsung")
    w.search.setText("a")
    w.search.run_search()
    model = w.search.model
    rows = {model.target(r): r for r in model.choosable_rows()}
    dragged = model.mimeData([model.index(rows[("party", apple)], 0)])
    assert dragged.hasFormat(RECORDS_MIME)
    onto = model.index(rows[("party", samsung)], 0)
    assert model.canDropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, onto)
    assert not model.canDropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1,
                                     model.index(rows[("party", apple)], 0))  # not onto itself
    empty = QMimeData()
    assert not model.canDropMimeData(empty, Qt.DropAction.CopyAction, -1, -1, onto)
    dialogs.answer(ChangePreview)
    model.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, onto)
    preview = dialogs.last(ChangePreview)
    assert preview.kept() == samsung and preview.heading.text() == "Merge Apple into Samsung"
    assert store.party(apple) is None
    assert not model.canDropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, QModelIndex())


def test_split_an_alias_off_with_the_events_that_mention_it(qtbot: QtBot, w: MainWindow,
                                                            store: Store,
                                                            dialogs: Dialogs) -> None:
    us = key(store, "parties", "united-states")
    pressing = key(store, "events", "allies-5g-ban-pressure")
    show(w, "party", us)
    page = edit(qtbot, w)
    checked: list[tuple[int, ...]] = []
    dialogs.answer(SplitAliasDialog, lambda d: checked.append(d.chosen()))
    split = next(b for b in page.aliases_edit.findChildren(QWidget, "splitAlias")
             if "Washington" in b.accessibleName())
    split.click()
    assert checked == [(pressing,)]  # its title says "Washington presses…"
    washington = next(p for p in store.parties() if p.name == "Washington")
    assert store.event_ids_of(washington.id) == [pressing]
    assert "Washington" not in store.party(us).aliases  # type: ignore[union-attr]
    assert pressing not in store.event_ids_of(us)
    assert w.details.current() == ("party", washington.id)
    undo(qtbot, w)
    assert "Washington" in store.party(us).aliases  # type: ignore[union-attr]
    assert pressing in store.event_ids_of(us)
    assert "Washington" not in {p.name for p in store.parties()}


# --- sources -------------------------------------------------------------------------------------


def test_source_fields(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    source = key(store, "sources", "huawei-ericsson-2023-08-25")
    show(w, "source", source)
    page = edit(qtbot, w)
    type_into(qtbot, page.title_edit, "Huawei renews with Ericsson")
    type_into(qtbot, page.publisher_edit, "AFP")
    type_into(qtbot, page.date_edit.edit, "2023-08-26")
    type_into(qtbot, page.url_edit, "https://example.org/afp")
    page.text_edit.setFocus()
    page.text_edit.setPlainText("Short text. Huawei renewed.")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    found = store.source(source)
    assert found is not None
    assert (found.title, found.publisher, found.url, found.text) == (
        "Huawei renews with Ericsson", "AFP", "https://example.org/afp",
        "Short text. Huawei renewed.")
    assert found.published is not None and found.published.edtf() == "2023-08-26"
    page.set_editing(False)
    assert page.title.text() == "Huawei renews with Ericsson"
    assert page.meta.text() == "AFP · 26 Aug 2023"
    for _ in range(5):
        undo(qtbot, w)
    assert store.source(source).publisher == ""  # type: ignore[union-attr]


def test_quote_a_selected_passage_in_the_event_the_pane_came_from(
        qtbot: QtBot, w: MainWindow, store: Store, dialogs: Dialogs) -> None:
    sanctions = key(store, "events", "us-sanctions")
    source = key(store, "sources", "huawei-ericsson-2023-08-25")
    show(w, "event", sanctions)
    before = store.citations_of(sanctions)
    show(w, "source", source)
    text = w.details.source_page.text
    passage = "forcing it to pivot toward other forms of growth"
    start = text.toPlainText().index(passage)
    cursor = text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(passage), QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    events: list[int | None] = []
    dialogs.answer(QuoteDialog, lambda d: events.append(d.chosen()))
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert events == [sanctions]  # the event the pane came from, first
    assert [c.quote for c in store.citations_of(sanctions)] == [
        *[c.quote for c in before], passage]
    w.details.flush()
    assert len(text.spans) == len(store.quotes_in(source))  # highlighted at once
    undo(qtbot, w)
    assert store.citations_of(sanctions) == before


# --- history, imports, read-only -----------------------------------------------------------------


def test_history_of_a_record_is_one_click_away(qtbot: QtBot, w: MainWindow, store: Store,
                                               dialogs: Dialogs) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    old = page.title.text()
    type_into(qtbot, page.title_edit, "Renewed")
    dialogs.answer(HistoryDialog)
    page.bar.history.click()
    dialog = dialogs.last(HistoryDialog)
    rows = dialog.rows()
    assert [row[1:] for row in rows] == [
        ["edit", f"edit of event “{old}”", "title", f"{old} → Renewed"]]
    assert dialog.windowTitle() == "History of event “Renewed”"


def test_an_import_is_undone_from_the_edit_menu(qtbot: QtBot, w: MainWindow, store: Store,
                                                tmp_path: Path,
                                                boxes: list[QMessageBox]) -> None:
    path = tmp_path / "new.json"
    path.write_text(dump_native(Story(
        parties=(PartyRecord("hw", "HUAWEI", aliases=("Huawei Tech",)),),
        events=tuple(EventRecord(f"n{i}", f"New event {i}", parse_edtf(f"2024-01-0{i + 1}"),
                                 parties=(RoleRecord("hw", "maker"),)) for i in range(3)))),
        encoding="utf-8")
    huawei = key(store, "parties", "huawei")
    events, aliases = store.info().events, store.party(huawei).aliases  # type: ignore
    assert w.import_files([path])
    assert store.info().events == events + 3
    assert "Huawei Tech" in store.party(huawei).aliases  # type: ignore[union-attr]
    assert shown(w.editing.undo_action) == "Undo import of new.json"
    undo(qtbot, w)
    assert store.info().events == events
    assert store.party(huawei).aliases == aliases  # type: ignore[union-attr]  (restored)


def test_a_read_only_store_offers_no_editing(qtbot: QtBot, store_file: Path) -> None:
    with Store.open(store_file, read_only=True) as store:
        w = shown_window(qtbot, store)
        for action in w.editing.editing_actions:
            assert not action.isEnabled()
            assert action.toolTip().startswith('<p style="white-space:pre-wrap">Read-only: ')
        page = w.details.event_page
        assert not page.bar.edit.isEnabled()
        w.details.toggle_editing()
        assert not page.editing
        w.close()


def test_a_store_with_a_file_shows_an_edit_at_once(qtbot: QtBot, store_file: Path) -> None:
    with Store.open(store_file) as store:
        w = shown_window(qtbot, store)
        renewal = key(store, "events", "cross-licence-renewal-2023")
        w.navigate("event", renewal)
        w.details.flush()
        page = w.details.event_page
        w.editing.edit_details_action.trigger()
        with qtbot.waitSignal(w.details.shown, timeout=5000):  # read again in the worker
            type_into(qtbot, page.title_edit, "Renewed")
        assert page.title.text() == "Renewed"
        assert timeline_titles(w)[renewal] == "Renewed"
        w.close()


def test_every_action_has_a_key_and_the_menu_names_them(w: MainWindow) -> None:
    editing = w.editing
    expected = {
        editing.undo_action: QKeySequence(QKeySequence.StandardKey.Undo),
        editing.add_event_action: QKeySequence(QKeySequence.StandardKey.New),
        editing.delete_action: QKeySequence(QKeySequence.StandardKey.Delete),
        editing.edit_details_action: QKeySequence("F2"),
        editing.merge_action: QKeySequence("Ctrl+M"),
        editing.duplicate_action: QKeySequence("Ctrl+D"),
        editing.history_action: QKeySequence("Ctrl+H"),
    }
    for action, sequence in expected.items():
        assert action.shortcut() == sequence
    assert QKeySequence("Ctrl+Y") in editing.redo_action.shortcuts()
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Edit")
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["&Undo", "&Redo"]
    assert {"&Add event…", "D&uplicate event", "&Delete event…", "&Merge…",
            "&History of this record…", "&Edit details"} <= set(texts)


def test_events_chosen_in_the_search_results_merge_and_delete(qtbot: QtBot, w: MainWindow,
                                                              store: Store,
                                                              dialogs: Dialogs) -> None:
    w.search.setText("Huawei and Ericsson")
    w.search.run_search()
    model = w.search.model
    events = [model.target(r) for r in model.choosable_rows()
              if model.target(r)[0] == "event"][:2]  # type: ignore[index]
    selection = w.search.results.selectionModel()
    selection.clearSelection()
    for target in events:
        row = next(r for r in model.choosable_rows() if model.target(r) == target)
        selection.select(model.index(row, 0), selection.SelectionFlag.Select)
    menu = w.search.results_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Merge 2 events…", "Delete 2 events…"]
    count = store.info().events
    dialogs.answer(ChangePreview)
    menu.actions()[1].trigger()
    assert store.info().events == count - 2
    assert "Delete these 2 events?" == dialogs.last(ChangePreview).heading.text()
    # the open results were searched again: the deleted events are gone from them
    assert not set(map(model.target, model.choosable_rows())) & set(events)
    undo(qtbot, w)
    assert store.info().events == count


def test_open_search_results_follow_an_edit(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    apple = key(store, "parties", "apple")
    w.search.setText("Apple")
    w.search.run_search()
    show(w, "party", apple)
    w.search.results.show()  # (navigating hid them; a person may open them again)
    page = edit(qtbot, w)
    type_into(qtbot, page.name_edit, "Apple Inc.")
    texts = [w.search.model.index(r, 0).data() for r in w.search.model.choosable_rows()]
    assert any(text.startswith("Apple Inc.") for text in texts)


def test_double_click_on_a_field_edits_it(qtbot: QtBot, w: MainWindow, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = w.details.event_page
    assert not page.editing
    qtbot.mouseDClick(page.date, Qt.MouseButton.LeftButton)
    assert page.editing and page.date_edit.edit.hasFocus()
    assert not page.date.isVisible() and page.date_edit.isVisible()
    qtbot.keyClick(page.date_edit.edit, Qt.Key.Key_Escape)  # nothing typed: stop editing
    assert not page.editing and page.date.isVisible()


def test_a_partys_history_names_its_events(qtbot: QtBot, w: MainWindow, store: Store,
                                           dialogs: Dialogs, qtmodeltester: Any) -> None:
    china, samsung = key(store, "parties", "china"), key(store, "parties", "samsung")
    w.editing.run(MergeParties(samsung, (china,)))
    dialogs.answer(HistoryDialog)
    show(w, "party", samsung)
    keys(qtbot, w, "Ctrl+H")
    dialog = dialogs.last(HistoryDialog)
    qtmodeltester.check(dialog.model)
    changes = [row[4] for row in dialog.rows()]
    assert "+ US–China technology rivalry and spying suspicions — rival" in changes
    assert {"+ China", "+ Beijing"} <= set(changes)  # the aliases it took
    dialogs.answer(HistoryDialog)
    show(w, "party", china)  # gone: the pane says so, and its history is still there
    assert w.details.currentWidget() is w.details.not_found
    w.editing.show_history("party", china)
    gone = dialogs.last(HistoryDialog)
    assert gone.windowTitle() == "History of party “China (gone)”"
    assert "\u2212 US–China technology rivalry and spying suspicions — rival" in [
        row[4] for row in gone.rows()]


def test_done_applies_what_was_typed_and_puts_back_what_is_not_a_date(
        qtbot: QtBot, w: MainWindow, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    page = edit(qtbot, w)
    type_into(qtbot, page.title_edit, "Renewed (typed, then F2)", enter=False)
    qtbot.keyClick(page.title_edit, Qt.Key.Key_F2)  # Done, the keyboard still in the field
    assert not page.editing
    assert store.event(renewal).title == "Renewed (typed, then F2)"  # type: ignore[union-attr]
    edit(qtbot, w)
    type_into(qtbot, page.date_edit.edit, "2023-13", enter=False)
    before = written(store)
    page.bar.edit.click()  # Done: not a date, so put back
    assert not page.editing and written(store) == before
    assert page.date_edit.text() == "2023-08-25"


def test_a_store_that_refuses_the_write_says_so_and_keeps_nothing(
        qtbot: QtBot, w: MainWindow, store: Store, boxes: list[QMessageBox]) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    show(w, "event", renewal)
    before, event = written(store), store.event(renewal)
    store._mode = "ro"  # (read-only behind the window's back: the write is refused)
    try:
        page = edit(qtbot, w)
        type_into(qtbot, page.title_edit, "Never written")
    finally:
        store._mode = "rw"
    [box] = boxes
    assert "Nothing was changed" in box.text() and "read-only" in box.text()
    assert written(store) == before and store.event(renewal) == event
    assert w.editing.stack.count() == 0 and not w.editing.undo_action.isEnabled()


def test_the_overview_counts_follow_an_added_event(qtbot: QtBot, w: MainWindow, store: Store,
                                                   dialogs: Dialogs) -> None:
    def total() -> int:
        w.overview.flush_fetch()
        assert w.overview._counts is not None
        return sum(w.overview._counts[1])

    counted = total()
    dialogs.answer(AddEventDialog, lambda d: (d.title.setText("One more"),
                                              d.date.setText("2021-05-05")))
    w.editing.add_event_action.trigger()
    assert total() == counted + 1
    undo(qtbot, w)
    assert total() == counted
