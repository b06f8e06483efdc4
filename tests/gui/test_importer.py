"""Importing from the window: File > Import…, dropped files, Cancel, --skip-invalid's button,
the summary, and what the detail pane shows of links and attributes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

from gui.main_window import MainWindow
from models.dates import parse_edtf
from models.formats import STREAM_WRITERS, export_story
from models.interchange import dump_native
from models.paths import sample_story_path
from models.store import Store
from models.story import EventRecord, LinkRecord, PartyRecord, RoleRecord, Story


def broken_sample(tmp_path: Path) -> Path:
    doc = json.loads(sample_story_path().read_text(encoding="utf-8"))
    doc["events"][0]["date"] = "2023-02-30"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def new_story(tmp_path: Path, events: int = 3) -> Path:
    path = tmp_path / "new.json"
    path.write_text(dump_native(Story(
        parties=(PartyRecord("hw", "HUAWEI", aliases=("Huawei Tech",)),),
        events=tuple(EventRecord(f"n{i}", f"New event {i}",
                                 parse_edtf(f"{2024 + i // 365}-01-0{i % 9 + 1}"),
                                 parties=(RoleRecord("hw", "maker"),),
                                 links=(LinkRecord("https://example.org/p.jpg", "A photo",
                                                   "Photo: Someone"),),
                                 attributes=(("CAMEO code", "042"),))
                     for i in range(events)))), encoding="utf-8")
    return path


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes shown (never run modally in a test)."""
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    return shown


def test_invalid_records_write_nothing_until_asked(qtbot: QtBot, store: Store, tmp_path: Path,
                                                  boxes: list[QMessageBox],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    w = shown_window(qtbot, store)
    before = store.info()
    assert not w.import_files([broken_sample(tmp_path)])
    assert store.info() == before
    [box] = boxes
    assert "nothing was imported" in box.text() and "$.events[0].date" in box.informativeText()
    assert "bad.json" in box.informativeText()

    def click_skip(box: QMessageBox) -> int:
        boxes.append(box)
        for button in box.buttons():
            if button.text() == "Import the valid records":
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_skip)
    assert w.import_files([broken_sample(tmp_path)])
    # The sample's events are already there (same keys): updated, and the invalid one left out.
    assert store.info().events == before.events
    assert "left out" in w.statusBar().currentMessage()
    assert any("Left out: bad.json: $.events[0].date" in b.informativeText() for b in boxes)


def test_cancel_while_writing_writes_nothing(qtbot: QtBot, store: Store, tmp_path: Path,
                                             boxes: list[QMessageBox],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = shown_window(qtbot, store)
    before = store.info()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: self.value() > 0)
    assert not w.import_files([new_story(tmp_path, events=12_000)])
    assert store.info() == before
    assert w.statusBar().currentMessage() == "Import cancelled; nothing was written."
    assert not boxes


def test_a_dropped_file_is_imported_and_merges_are_said(qtbot: QtBot, store: Store,
                                                        tmp_path: Path,
                                                        boxes: list[QMessageBox]) -> None:
    w = shown_window(qtbot, store)
    assert w.acceptDrops()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(new_story(tmp_path)))])
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    w.dropEvent(drop)
    qtbot.waitUntil(lambda: store.info().events == 13)
    assert store.info().parties == 8  # HUAWEI is Huawei
    assert "1 party merged" in w.statusBar().currentMessage()
    assert any("Merged: HUAWEI → Huawei" in b.informativeText() for b in boxes)


def _drag_accepted(w: MainWindow, mime: QMimeData) -> bool:
    event = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.ignore()
    w.dragEnterEvent(event)
    return event.isAccepted()


def test_only_local_files_may_be_dropped(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    w = shown_window(qtbot, store)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(new_story(tmp_path)))])
    assert _drag_accepted(w, files)
    text = QMimeData()
    text.setText("not a file")
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/story.json")])
    missing = QMimeData()
    missing.setUrls([QUrl.fromLocalFile(str(tmp_path / "gone.json"))])
    assert not any(_drag_accepted(w, mime) for mime in (text, web, missing))


def test_links_and_attributes_show_in_the_detail_pane(qtbot: QtBot, store: Store,
                                                      tmp_path: Path,
                                                      boxes: list[QMessageBox]) -> None:
    w = shown_window(qtbot, store)
    assert w.import_files([new_story(tmp_path, events=1)])
    event = store.key_of("events", next(k for (k,) in store._rows(
        "SELECT key FROM events WHERE title = 'New event 0'")))
    assert event is not None
    w.navigate("event", event)
    page = w.details.event_page

    def shown() -> list[str]:
        return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]

    qtbot.waitUntil(lambda: "A photo" in shown())  # added widgets show on the next event loop
    texts = shown()
    assert "A photo" in texts and "Credit: Photo: Someone" in texts
    assert "CAMEO code" in texts and "042" in texts
    assert page.links_header.isVisible() and page.attributes_header.isVisible()
    w.navigate("event", store.key_of("events", "us-sanctions") or 0)
    assert not page.links_header.isVisible() and not page.attributes_header.isVisible()


@pytest.mark.parametrize(("format", "suffix", "start"), [
    ("native", "json", b"{"), ("timelinejs", "json", b"{"), ("csv", "csv", b"\xef\xbb\xbfid,")])
def test_the_story_exports_from_the_menu(qtbot: QtBot, store: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, format: str,
                                         suffix: str, start: bytes) -> None:
    w = shown_window(qtbot, store)
    target = tmp_path / f"out.{suffix}"
    asked: list[str] = []

    def save_as(*args: object) -> tuple[str, str]:
        asked.append(str(args[2]))  # the name offered
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    whole = tmp_path / f"whole.{suffix}"
    export_story(store.story(), whole, format)
    if format in STREAM_WRITERS:  # streamed as the command line does: never the whole story
        monkeypatch.setattr(type(store), "story", lambda *_: pytest.fail("story() read"))
    w.export_actions[format].trigger()
    assert target.read_bytes().startswith(start)
    assert target.read_bytes() == whole.read_bytes()
    assert asked[0].endswith(f".{suffix}") and "Huawei" in asked[0]
    assert str(target) in w.statusBar().currentMessage()


def test_the_view_exports_and_a_failed_export_says_so(qtbot: QtBot, store: Store,
                                                      tmp_path: Path, boxes: list[QMessageBox],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    w = shown_window(qtbot, store)
    target = tmp_path / "view.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    w.view_export_actions["svg"].trigger()
    assert b"<svg" in target.read_bytes()
    missing = tmp_path / "no-such-folder" / "view.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(missing), ""))
    w.view_export_actions["pdf"].trigger()
    assert boxes and str(missing) in boxes[0].informativeText()
    assert not w.print_action.shortcut().isEmpty()


def test_a_long_list_of_problems_is_cut_short_with_all_under_details(
        qtbot: QtBot, store: Store, tmp_path: Path, boxes: list[QMessageBox]) -> None:
    w = shown_window(qtbot, store)
    bad = tmp_path / "bad.json"  # (a CSV file's failing rows show in its import preview)
    bad.write_text(json.dumps([{"id": i, "content": f"row {i}", "start": "someday"}
                               for i in range(30)]), encoding="utf-8")
    assert not w.import_files([bad])
    [box] = boxes
    shown = box.informativeText().splitlines()
    assert shown[0].endswith("bad.json:") and len(shown) == 13
    assert shown[-1] == "… 19 more under Show Details"
    assert box.detailedText().count("is not an ISO date") == 30
    assert "$[29]: 'someday'" in box.detailedText()


def test_a_source_without_text_is_not_offered_for_reading(qtbot: QtBot, store: Store,
                                                          tmp_path: Path,
                                                          boxes: list[QMessageBox]) -> None:
    from PySide6.QtWidgets import QPushButton

    from models.story import CitationRecord, SourceRecord

    path = tmp_path / "cited.json"
    path.write_text(dump_native(Story(
        sources=(SourceRecord("s", "AFP story 47400351", "AFP"),),
        events=(EventRecord("c", "Cited", parse_edtf("2018-06-01"),
                            citations=(CitationRecord("s"),)),))), encoding="utf-8")
    w = shown_window(qtbot, store)
    assert w.import_files([path])
    w.navigate("event", store.key_of("events", "c") or 0)
    qtbot.waitUntil(lambda: any(label.text() == "AFP story 47400351" and label.isVisible()
                                for label in w.details.event_page.findChildren(QLabel)))
    assert not [b for b in w.details.event_page.findChildren(QPushButton)
                if b.objectName() == "readSource" and b.isVisible()]


def test_opening_the_window_reads_no_reader_or_preview() -> None:
    """The readers, the tables' modules and the import preview load on first use: start-up
    does not pay for them (they cost ~65 ms of imports)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    code = ("import sys; import gui.main_window; "
            "print(sorted(m for m in sys.modules if m.startswith(('models.formats.', "
            "'gui.column_mapping', 'models.written_dates', 'python_calamine'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, timeout=60, env={**os.environ,
                                                      "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
