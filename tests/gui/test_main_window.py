"""The explorer window end to end: navigation, history, search, lanes, settings, files."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

from gui.app import open_window
from gui.main_window import History, Selection
from models.domain import LaneMode
from models.paths import sample_story_path
from models.store import Store


def key(store: Store, table: str, key: str) -> int:
    found = store.key_of(table, key)
    assert found is not None
    return found


def test_opens_on_the_latest_event(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    latest = store.headline_event()
    assert latest is not None and w.details.current() == ("event", latest.id)
    assert "Chronolens" in w.windowTitle() and "Huawei" in w.windowTitle()
    assert w.counts_label is not None and "10 events" in w.counts_label.text()
    w.statusBar().showMessage("Imported 3 events from x.json.", 15000)
    assert "10 events" in w.counts_label.text() and w.counts_label.isVisible()  # stays


def test_history_back_and_forward(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    first = w.details.current()
    huawei = key(store, "parties", "huawei")
    w.navigate("party", huawei)
    assert w.details.current() == ("party", huawei) and w.back_action.isEnabled()
    w.back_action.trigger()
    assert w.details.current() == first and w.forward_action.isEnabled()
    w.forward_action.trigger()
    assert w.details.current() == ("party", huawei)


def test_history_drops_forward_items_on_new_navigation() -> None:
    h = History()
    for n in range(3):
        h.push(Selection("event", n))
    assert h.back() == Selection("event", 1)
    h.push(Selection("party", 9))
    assert not h.can_go_forward() and h.back() == Selection("event", 1)


def test_pane_clicks_navigate_and_record_history(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    ericsson = key(store, "parties", "ericsson")
    w.details.party_activated.emit(ericsson)
    assert w.details.current() == ("party", ericsson)
    renewal = key(store, "events", "cross-licence-renewal-2023")
    w.details.event_activated.emit(renewal)
    assert w.details.current() == ("event", renewal)
    start, end = w.timeline.visible_span()
    event = store.event(renewal)
    assert event is not None and start <= event.when.earliest <= end


def test_ctrl_f_then_enter_selects_and_centres(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    w.find_action.trigger()
    assert w.focusWidget() is w.search
    w.search.setText("2016 agreement")
    w.search.run_search()
    qtbot.keyClick(w.search, Qt.Key.Key_Down)
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    kind, chosen = w.details.current() or ("", 0)
    assert kind in ("event", "party")
    if kind == "event":
        event = store.event(chosen)
        assert event is not None
        start, end = w.timeline.visible_span()
        assert start <= event.when.earliest <= end


def test_lane_mode_switches_and_is_remembered(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    w.category_lanes_action.trigger()
    assert w.timeline.lane_mode() is LaneMode.CATEGORY
    w.close()
    assert QSettings().value("timeline/lanes") == "category"
    again = shown_window(qtbot, store)
    assert again.timeline.lane_mode() is LaneMode.CATEGORY
    assert again.category_lanes_action.isChecked()


def test_geometry_is_remembered(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    w.resize(777, 654)
    w.close()
    again = open_window(store)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (777, 654)


def test_go_to_date(qtbot: QtBot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = shown_window(qtbot, store)
    assert w.go_to_date("2020")
    start, end = w.timeline.visible_span()
    from models.dates import parse_edtf

    year = parse_edtf("2020")
    assert start <= year.earliest + 86400 and end >= year.latest - 86400
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()))
    assert not w.go_to_date("the day after tomorrow")
    assert warnings and "the day after tomorrow" in warnings[0]


def test_import_of_a_bad_file_writes_nothing_and_says_why(qtbot: QtBot, store: Store,
                                                          tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = shown_window(qtbot, store)
    doc = json.loads(sample_story_path().read_text(encoding="utf-8"))
    doc["events"][0]["date"] = "2023-02-30"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        self.text() + "\n" + self.informativeText()) or 0)
    before = store.info()
    assert not w.import_files([bad])
    assert store.info() == before
    assert shown and "nothing was imported" in shown[0] and "$.events[0].date" in shown[0]


def test_every_action_has_a_keyboard_path_or_menu(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    for action in (w.back_action, w.forward_action, w.zoom_in_action, w.zoom_out_action,
                   w.fit_action, w.goto_action, w.find_action, w.party_lanes_action,
                   w.category_lanes_action, w.import_action, w.export_action):
        assert not action.shortcut().isEmpty(), action.text()
    assert w.timeline.accessibleName() and w.search.accessibleName()


def test_user_text_labels_are_plain_text(qtbot: QtBot, store: Store) -> None:
    w = shown_window(qtbot, store)
    for kind, table, k in (("party", "parties", "huawei"),
                           ("event", "events", "cross-licence-renewal-2023")):
        w.navigate(kind, key(store, table, k))
        for label in w.findChildren(QLabel):
            if label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
