"""The import preview of CSV files and spreadsheets: the proposed mapping, correcting it, failing
rows highlighted with their reason, the choice between the valid rows and nothing, and the
mapping remembered for files with the same header."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

from gui.column_mapping import ColumnMappingDialog, choose_columns
from models.formats import read_table_file
from models.formats.columns import TableChoices, mapping_for
from models.store import Store

WARS = ("Name,From,To,person\n"
        "Yalta Conference,4 Feb 1945,11 Feb 1945,\"Roosevelt, Churchill, Stalin\"\n"
        "Battle of Berlin,April-May 1945 ,,\"Zhukov, Konev\"\n"
        "Founding of Rome,753 BC,,Romulus\n"
        "Meeting,05/08/2023,,\n")


def dialog_for(qtbot: QtBot, path: Path) -> ColumnMappingDialog:
    table = read_table_file(path)
    dialog = ColumnMappingDialog(path, table, mapping_for(table, TableChoices(remembered=True)))
    qtbot.addWidget(dialog)
    return dialog


def choose(box: QComboBox, field: str) -> None:
    """Pick `field` in a column's box as a user does (activated, not just changed)."""
    at = box.findData(field)
    box.setCurrentIndex(at)
    box.activated.emit(at)


def column_texts(dialog: ColumnMappingDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


@pytest.fixture
def wars(tmp_path: Path) -> Path:
    path = tmp_path / "wars.csv"
    path.write_text(WARS, encoding="utf-8")
    return path


def test_the_proposed_mapping_and_the_rows_as_they_will_import(
        qtbot: QtBot, wars: Path, qtmodeltester: ModelTester) -> None:
    dialog = dialog_for(qtbot, wars)
    assert [box.currentData() for box in dialog.field_boxes] == \
        ["title", "date", "end", "parties"]
    assert dialog.separator_box.currentData() == ","
    assert column_texts(dialog, 1) == ["Yalta Conference", "Battle of Berlin",
                                       "Founding of Rome", "Meeting"]
    assert column_texts(dialog, 2)[:3] == ["4 Feb 1945 – 11 Feb 1945", "Apr 1945 – May 1945",
                                           "753 BCE"]
    assert column_texts(dialog, 4)[0] == "Roosevelt; Churchill; Stalin"
    qtmodeltester.check(dialog.model)


def test_failing_rows_are_highlighted_with_their_reason_and_counted(
        qtbot: QtBot, wars: Path) -> None:
    dialog = dialog_for(qtbot, wars)
    model = dialog.model
    last = model.rowCount() - 1
    assert model.data(model.index(last, 1)) == "Meeting"
    assert model.data(model.index(last, 2)) == "05/08/2023"  # as written
    assert "5 August or 8 May" in model.data(model.index(last, 3))
    assert model.data(model.index(last, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert dialog.summary.text().startswith("1 row of 4 would fail")
    assert dialog.import_button.text() == "Import 3 valid rows"
    dialog.failing_only.setChecked(True)
    assert column_texts(dialog, 1) == ["Meeting"]
    # The date order settles it: nothing fails, and the button says so.
    dialog.order_box.setCurrentIndex(dialog.order_box.findData("dmy"))
    dialog.update_preview()
    assert dialog.summary.text() == "All 4 rows read."
    assert dialog.import_button.text() == "Import 4 events"
    assert not dialog.failing_only.isEnabled()
    assert column_texts(dialog, 2)[3] == "5 Aug 2023"


def test_a_corrected_mapping_shows_at_once(qtbot: QtBot, wars: Path) -> None:
    dialog = dialog_for(qtbot, wars)
    choose(dialog.field_boxes[2], "attribute")  # "To" is not an end after all
    dialog.update_preview()
    assert column_texts(dialog, 2)[0] == "4 Feb 1945"
    # A field one column gives moves: "person" as the title makes "Name" an attribute.
    choose(dialog.field_boxes[3], "title")
    dialog.update_preview()
    assert [b.currentData() for b in dialog.field_boxes] == \
        ["attribute", "date", "attribute", "title"]
    assert column_texts(dialog, 1)[:2] == ["Roosevelt, Churchill, Stalin", "Zhukov, Konev"]
    # No column for the title: nothing can be imported, and the summary says what is missing.
    choose(dialog.field_boxes[3], "ignore")
    dialog.update_preview()
    assert not dialog.import_button.isEnabled()
    assert "title" in dialog.summary.text()


def test_the_mapping_is_remembered_for_files_with_the_same_header(
        qtbot: QtBot, wars: Path, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, wars)
    choose(dialog.field_boxes[2], "attribute")
    dialog.separator_box.setCurrentIndex(dialog.separator_box.findData(";"))
    dialog.accept()
    other = tmp_path / "other.csv"
    other.write_text("NAME,from,To,Person\nPotsdam,17 Jul 1945,2 Aug 1945,Truman\n",
                     encoding="utf-8")
    again = dialog_for(qtbot, other)
    assert again.mapping().remembered
    assert [b.currentData() for b in again.field_boxes] == \
        ["title", "date", "attribute", "parties"]
    assert again.separator_box.currentData() == ";"
    assert "remembered" in again.where.text()
    # A file with another header is proposed afresh.
    third = tmp_path / "third.csv"
    third.write_text("Name,From,To,people\nPotsdam,1945,1946,Truman\n", encoding="utf-8")
    assert not dialog_for(qtbot, third).mapping().remembered


def test_importing_from_the_window_goes_through_the_preview(
        qtbot: QtBot, store: Store, wars: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    w = shown_window(qtbot, store)
    seen: list[ColumnMappingDialog] = []

    def cancel(dialog: ColumnMappingDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(ColumnMappingDialog, "exec", cancel)
    assert not w.import_files([wars])
    assert len(seen) == 1
    assert not store.search("Yalta").events  # Cancel imports nothing

    def accept(dialog: ColumnMappingDialog) -> int:
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ColumnMappingDialog, "exec", accept)
    assert w.import_files([wars])  # the valid rows: "Meeting" fails and is left out
    assert [e.event.title for e in store.search("Yalta").events] == ["Yalta Conference"]
    assert [e.event.title for e in store.search("Founding").events] == ["Founding of Rome"]
    assert not store.search("Meeting").events


def test_a_workbook_offers_its_sheets(qtbot: QtBot, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Read me", "first"])
    events = book.create_sheet("Events")
    events.append(["My timeline"])  # a title row above the header
    events.append(["label", "start", "end", "era"])
    events.append(["Stonehenge", "c. 3000 BC", None, "Neolithic"])
    events.append(["Hastings", 1066, None, "Medieval"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    choices = []
    table = read_table_file(path, sheet="Events")
    dialog = ColumnMappingDialog(path, table, mapping_for(table, TableChoices()))
    qtbot.addWidget(dialog)
    assert dialog.sheet_box.isVisibleTo(dialog) and dialog.sheet_box.currentText() == "Events"
    assert "below “My timeline”" in dialog.where.text()
    assert column_texts(dialog, 2) == ["c. 3000 BCE", "1066"]
    dialog.sheet_box.setCurrentText("Notes")
    assert dialog.table.sheet == "Notes" and not dialog.import_button.isEnabled()
    dialog.sheet_box.setCurrentText("Events")
    choices.append(dialog.choices())
    assert choices[0].sheet == "Events" and not choices[0].leave_out_invalid


def test_a_file_that_is_no_table_goes_on_to_the_import_which_names_its_problem(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    assert choose_columns(parent, path) == TableChoices(remembered=True)


def test_a_long_file_shows_its_first_rows_at_once_and_counts_the_rest_in_a_thread(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    rows = [f"Event {i},{1800 + i % 200}" for i in range(3000)]
    rows[2500] = "Late failure,someday"
    path.write_text("title,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = dialog_for(qtbot, path)
    assert dialog.model.rowCount() == 200  # the first rows, shown before the check ends
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
    assert dialog.found is not None and dialog.found.checked == 3000
    assert dialog.summary.text().startswith("1 row of 3,000 would fail")
    assert dialog.import_button.text() == "Import 2,999 valid rows"
    dialog.failing_only.setChecked(True)
    assert column_texts(dialog, 0) == ["2502"] and column_texts(dialog, 1) == ["Late failure"]
    assert dialog.choices().leave_out_invalid
    # A newer mapping makes the older check's answer stale: only the newest one is shown.
    choose(dialog.field_boxes[1], "attribute")
    choose(dialog.field_boxes[1], "date")
    dialog.update_preview()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
    assert dialog.found.checked == 3000 and dialog.found.failing == 1
