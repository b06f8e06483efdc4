"""Stores that can't be written or opened, as the window shows them: read-only notices, stores in
use, damaged files, and the store check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from damage import miscount
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gui import app as gui_app
from gui.main_window import MainWindow
from models.store import SCHEMA_VERSION, Store


def opener(path: Path, read_only: bool) -> Store:
    return Store.open(path, read_only=read_only)


class Boxes:
    """Message boxes shown (instead of waiting for a click), answered with `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch,
                 answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> None:
        self.shown: list[tuple[str, str, str, Qt.TextFormat]] = []

        def exec_(box: QMessageBox) -> int:
            self.shown.append((box.windowTitle(), box.text(), box.informativeText(),
                               box.textFormat()))
            return int(answer.value) if hasattr(answer, "value") else int(answer)

        monkeypatch.setattr(QMessageBox, "exec", exec_)


def show(qtbot: QtBot, store: Store) -> MainWindow:
    window = gui_app.show_window(store, opener)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_newer_store_shows_why_it_is_read_only(qtbot: QtBot, store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    window = show(qtbot, Store.open(store_file))
    assert window.notice.isVisible()
    assert window.notice.textFormat() == Qt.TextFormat.PlainText
    assert "newer Chronolens" in window.notice.text()
    assert "(read-only)" in window.windowTitle()
    assert not window.import_action.isEnabled()
    assert window.details.current() is not None  # still readable: the latest event is shown
    window.close()


def test_writable_store_has_no_notice(qtbot: QtBot, store_file: Path) -> None:
    window = show(qtbot, Store.open(store_file))
    assert not window.notice.isVisible()
    assert window.import_action.isEnabled()
    window.close()


def test_opening_a_damaged_file_says_so_and_keeps_the_window(
        qtbot: QtBot, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = show(qtbot, Store.open(store_file))
    bad = tmp_path / "bad.db"
    bad.write_bytes(store_file.read_bytes()[:5000])
    boxes = Boxes(monkeypatch)
    assert window.open_store(bad) is None
    [(title, _text, detail, text_format)] = boxes.shown
    assert title == "Cannot open the store" and "cut short" in detail and str(bad) in detail
    assert text_format == Qt.TextFormat.PlainText
    assert window.isVisible() and window.store.info().events == 10
    window.close()


def test_store_in_use_offers_read_only(qtbot: QtBot, store_file: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    holder = Store.open(store_file)  # as another Chronolens would
    other = Store.memory()
    window = show(qtbot, other)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Open)
    second = window.open_store(store_file)
    assert second is not None and second is not window
    qtbot.addWidget(second)
    assert boxes.shown[0][0] == "Store in use"
    assert "open in another Chronolens" in boxes.shown[0][1]
    assert second.store.read_only and "(read-only)" in second.windowTitle()
    second.close()
    window.close()
    holder.close()


def test_store_in_use_declined_opens_nothing(qtbot: QtBot, store_file: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    holder = Store.open(store_file)
    window = show(qtbot, Store.memory())
    Boxes(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.open_store(store_file) is None
    window.close()
    holder.close()


def test_check_store_from_the_menu(qtbot: QtBot, store_file: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = show(qtbot, Store.open(store_file))
    boxes = Boxes(monkeypatch)
    assert window.check_action in window.menuBar().actions()[0].menu().actions()
    report = window.check_store()
    assert report.ok
    assert boxes.shown[0][1] == f"No problems found in {store_file}."
    assert "integrity_check" in boxes.shown[0][2]
    window.close()


def test_closing_the_window_closes_its_store(qtbot: QtBot, store_file: Path) -> None:
    window = show(qtbot, Store.open(store_file))
    window.close()
    with Store.open(store_file) as again:  # the lock went with the window
        assert again.info().events == 10


def test_a_store_that_cannot_be_prepared_is_said_in_a_window(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    boxes = Boxes(monkeypatch)

    def no_room() -> Path:
        raise OSError(28, "No space left on device")

    assert gui_app.run_app(opener, None, own_store=no_room) == 1
    [(_title, text, detail, _format)] = boxes.shown
    assert text == "Chronolens could not prepare your store."
    assert "No space left on device" in detail


def test_a_store_without_parties_opens_with_category_lanes(qtbot: QtBot, tmp_path: Path) -> None:
    from models.dates import parse_edtf
    from models.domain import LaneMode
    from models.story import CategoryRecord, EventRecord, Story

    path = tmp_path / "no-parties.db"
    with Store.open(path, create=True) as s:
        s.add_stories([Story(categories=(CategoryRecord("c", "Releases"),),
                             events=(EventRecord("e", "Version 1", parse_edtf("2020"),
                                                 category="c"),))])
    window = show(qtbot, Store.open(path))
    assert window.timeline.lane_mode() is LaneMode.CATEGORY
    assert window.category_lanes_action.isChecked()
    window.close()


def test_an_unknown_store_is_shown_at_once_and_becomes_writable_after_its_check(
        qtbot: QtBot, store_file: Path) -> None:
    import os

    os.utime(store_file)  # changed since Chronolens had it: not known to be sound
    store = Store.open(store_file, check_later=True)
    assert store.pending_check and store.read_only
    window = show(qtbot, store)
    assert window.details.current() is not None  # readable while the check runs
    qtbot.waitUntil(lambda: not store.read_only, timeout=20_000)
    assert window.import_action.isEnabled() and window.acceptDrops()
    assert not window.notice.isVisible()
    assert "(read-only)" not in window.windowTitle()
    window.close()


def test_an_unknown_damaged_store_stays_read_only_and_says_why(
        qtbot: QtBot, store_file: Path) -> None:
    miscount(store_file)
    store = Store.open(store_file, check_later=True)
    window = show(qtbot, store)
    qtbot.waitUntil(lambda: not store.pending_check, timeout=20_000)
    assert store.read_only and not window.import_action.isEnabled()
    assert window.notice.isVisible() and "timeline counts" in window.notice.text()
    window.close()


def test_a_picture_of_a_read_only_store_has_no_banner(qtbot: QtBot, store_file: Path) -> None:
    """screenshot and picture exports show the story, not this session's read-only state."""
    with Store.open(store_file, read_only=True) as store:
        assert store.notice
        window = gui_app._settled_window(store, size=(800, 600), span=None)
        try:
            assert not window.notice.isVisible()
        finally:
            gui_app._put_away(window)


def test_a_wrong_typed_cell_in_an_unknown_store_is_said_not_raised(
        qtbot: QtBot, store_file: Path) -> None:
    """The window reads an unknown store while its check runs: a cell of the wrong type (which
    only the check finds) must come out as a message, never as an exception in a Qt callback."""
    conn = sqlite3.connect(store_file, isolation_level=None)
    conn.execute("PRAGMA writable_schema=ON")
    strict = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, ') STRICT', ')') "
                 "WHERE name IN ('events', 'participations')")
    conn.close()
    conn = sqlite3.connect(store_file, isolation_level=None)
    conn.execute("UPDATE events SET earliest = 'abc', latest = x'00' WHERE id = 3")
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'events'", [strict])
    conn.execute("UPDATE sqlite_master SET sql = sql || ' STRICT' "
                 "WHERE name = 'participations'")
    conn.close()
    store = Store.open(store_file, check_later=True)
    window = show(qtbot, store)
    window.timeline.zoom_to_fit()
    qtbot.waitUntil(lambda: not store.pending_check, timeout=20_000)
    assert store.read_only and "non-INTEGER value in events.earliest" in window.notice.text()
    window.close()
