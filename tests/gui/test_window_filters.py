"""The window narrowed: the filter followed by the timeline, overview, search and table; chips
and the facet panel; stars, tags and notes in the pane with undo; saved views, and the last
view of a store restored when it opens again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui import app as gui_app
from gui.main_window import MainWindow
from models.dates import DateSpan, FuzzyDate, Precision
from models.filters import Facet, Filter
from models.store import Store
from models.story import EventRecord, PartyRecord, RoleRecord, Story

IMPORTED = Story(parties=(PartyRecord("x-agency", "X Agency"),), events=tuple(
    EventRecord(f"x{n}", f"Imported event {n}",
                DateSpan(FuzzyDate(2018, 1 + n % 12, 1 + n % 27, precision=Precision.DAY)),
                parties=(RoleRecord("x-agency", "source"),)) for n in range(30)))


def opener(path: Path, read_only: bool) -> Store:
    return Store.open(path, read_only=read_only)


def show(qtbot: QtBot, store: Store) -> MainWindow:
    window = gui_app.show_window(store, opener)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def settled(window: MainWindow) -> None:
    QApplication.processEvents()
    window.timeline.flush_fetch()
    window.overview.flush_fetch()
    window.filters.settle()
    QApplication.processEvents()


def with_import(store_file: Path) -> Store:
    store = Store.open(store_file)
    store.import_stories([IMPORTED], label="import of icews-like.tab",
                         detail="/data/icews-like.tab")
    return store


def drawn_ids(window: MainWindow) -> set[int]:
    return {box[4] for box in window.timeline.event_boxes()}


def test_excluding_an_import_leaves_the_story_everywhere(qtbot: QtBot, store_file: Path
                                                         ) -> None:
    store = with_import(store_file)
    window = show(qtbot, store)
    window.timeline.zoom_to_fit()
    settled(window)
    [collection] = store.collections()
    assert any(store.event(i).title.startswith("Imported") for i in drawn_ids(window))
    window.filters.set_filter(Filter().excluding(Facet.COLLECTION, collection.id))
    settled(window)
    drawn = drawn_ids(window)
    passing = set(store.passing_page(window.filters.filter(), limit=1000))
    assert drawn and drawn <= passing and len(passing) == 10
    assert not any(store.event(i).title.startswith("Imported") for i in drawn)
    assert window.filters.chips.chip_texts() == ["not Imported file: icews-like.tab"]
    window.filters.table_dock.show()
    settled(window)
    assert window.filters.table.model.total() == 10
    # The search box searches within the filter.
    window.search.setText("Imported")
    window.search.run_search()
    qtbot.waitUntil(lambda: not window.search.searching, timeout=3000)
    assert window.search.model.choosable_rows() == []
    # Removing the chip shows everything again.
    window.filters.chips.chips()[0].remove.click()
    settled(window)
    assert window.filters.table.model.total() == 40
    assert not window.filters.chips.isVisible()


def test_facet_panel_choice_narrows_the_timeline_to_a_party_and_role(
        qtbot: QtBot, store_file: Path) -> None:
    store = Store.open(store_file)
    window = show(qtbot, store)
    window.filters.facets_action.trigger()
    settled(window)
    huawei = store.resolve(Facet.PARTY, "Huawei")[0][0]
    window.filters.set_filter(Filter().choosing(Facet.PARTY, huawei)
                              .choosing(Facet.ROLE, "signatory"))
    window.timeline.zoom_to_fit()
    settled(window)
    wanted = set(store.passing_page(window.filters.filter()))
    assert wanted and drawn_ids(window) == wanted
    section = window.filters.facets.section(Facet.ROLE)
    assert section is not None and section.isVisible()
    assert sorted(window.filters.chips.chip_texts()) == ["Party: Huawei", "Role: Signatory"]


def test_ctrl_enter_in_the_search_box_filters_by_its_query(qtbot: QtBot, store_file: Path
                                                          ) -> None:
    store = Store.open(store_file)
    window = show(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.search.setFocus()
    window.search.setText("date:2016")
    qtbot.keyClick(window.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    flt = window.filters.filter()
    assert flt.span is not None
    assert store.count_passing(flt) == 2


def test_star_tags_and_note_from_the_pane_with_undo(qtbot: QtBot, store_file: Path) -> None:
    store = Store.open(store_file)
    window = show(qtbot, store)
    event = store.headline_event()
    assert event is not None
    window.navigate("event", event.id)
    window.details.flush()
    page = window.details.event_page
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    window.details.flush()
    assert store.event_details(event.id).starred and page.marks.star.isChecked()
    assert store.count_passing(Filter().choosing(Facet.STARRED, True)) == 1
    window.editing.stack.undo()
    window.details.flush()
    assert not store.event_details(event.id).starred
    page.marks.start_tags()
    page.marks.tags_edit.setText("key, Patents, key")
    page.marks.tags_edit.commit()
    window.details.flush()
    assert store.event_details(event.id).tags == ("key", "Patents")
    assert "key" in page.marks.tags_label.text()
    page.marks.start_note()
    page.marks.note_edit.setPlainText("Check the 2016 terms.")
    page.marks.note_edit.commit()
    window.details.flush()
    assert store.event_details(event.id).note == "Check the 2016 terms."
    # A note is searched with the rest of the text.
    assert event.id in store.passing_page(Filter().matching("terms"))
    window.editing.stack.undo()
    window.details.flush()
    assert store.event_details(event.id).note == ""


def test_a_saved_view_and_the_last_view_come_back(qtbot: QtBot, store_file: Path) -> None:
    store = Store.open(store_file)
    window = show(qtbot, store)
    huawei = store.resolve(Facet.PARTY, "Huawei")[0][0]
    flt = Filter().choosing(Facet.PARTY, huawei)
    window.filters.set_filter(flt)
    window.timeline.go_to(1_450_000_000, 1_700_000_000)
    assert window.views.save_view("Huawei only")
    window.filters.set_filter(Filter())
    assert window.views.show_view("Huawei only")
    assert window.filters.filter() == flt
    start, end = window.timeline.visible_span()
    assert abs(start - 1_450_000_000) < 86400 * 30 and abs(end - 1_700_000_000) < 86400 * 30
    window.close()  # remembers the last view in the store
    again = gui_app.show_window(Store.open(store_file), opener)
    qtbot.addWidget(again)
    assert again.view_restored and again.filters.filter() == flt
    assert [v.name for v in again.store.views()] == ["Huawei only"]
    again.close()


def test_export_asks_what_i_see_or_everything(qtbot: QtBot, store_file: Path, tmp_path: Path,
                                              monkeypatch) -> None:
    import json

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    store = Store.open(store_file)
    window = show(qtbot, store)
    ericsson = store.resolve(Facet.PARTY, "Ericsson")[0][0]
    window.filters.set_filter(Filter().choosing(Facet.PARTY, ericsson))
    answers = iter(["What I see", "Everything"])

    def exec_(box: QMessageBox) -> int:
        wanted = next(answers)
        box.clickedButton = lambda: next(b for b in box.buttons() if b.text() == wanted)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    targets = iter([tmp_path / "seen.json", tmp_path / "all.json"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(next(targets)), ""))
    window.export_actions["native"].trigger()
    window.export_actions["native"].trigger()
    seen = json.loads((tmp_path / "seen.json").read_text(encoding="utf-8"))
    whole = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(seen["events"]) == store.count_passing(window.filters.filter()) == 3
    assert len(whole["events"]) == 10


def test_stars_and_tags_on_the_table_selection(qtbot: QtBot, store_file: Path,
                                               monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    store = Store.open(store_file)
    window = show(qtbot, store)
    window.filters.table_dock.show()
    settled(window)
    table = window.filters.table
    table.view.selectAll()
    star, unstar, tag = table.mark_actions
    starred = Filter().choosing(Facet.STARRED, True)
    star.trigger()
    assert store.count_passing(starred) == 10
    unstar.trigger()
    assert store.count_passing(starred) == 0
    window.editing.stack.undo()  # the unstarring
    assert store.count_passing(starred) == 10
    window.editing.stack.undo()  # the starring
    assert store.count_passing(starred) == 0
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  to check ", True))
    tag.trigger()
    [(tag_id, name)] = store.resolve(Facet.TAG, "to check")
    assert name == "to check"
    assert store.count_passing(Filter().choosing(Facet.TAG, tag_id)) == 10
