"""Importing files from the window: File > Import… and files dropped on it.

Files are read in a thread (a big file takes seconds to parse) behind a progress dialog, then
written in one transaction with the dialog counting events; Cancel at any point writes nothing.
An invalid record stops the import with the list of problems, and a button to import the
valid records instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from gui.worker import run_in_thread
from models.errors import ImportCancelled, StoreError
from models.importing import ImportSummary, read_files, write_files
from models.interchange import FormatError

if TYPE_CHECKING:
    from models.formats import ImportedFile
    from models.formats.columns import TableChoices
    from models.store import Store

# For the file dialog: every format first, then each by name (the content decides in the end).
IMPORT_FILTER = ";;".join((
    "Everything Chronolens reads (*.json *.timeline *.csv *.CSV *.tsv *.tab *.txt *.xlsx "
    "*.xlsm *.xls *.ods)",
    "Chronolens JSON (*.json)",
    "TimelineJS JSON or spreadsheet (*.json *.csv)",
    "Timeline (*.timeline)",
    "ICEWS event data (*.tab *.tsv *.txt)",
    "GDELT event export (*.csv *.CSV *.txt)",
    "vis-timeline JSON (*.json)",
    "CSV (*.csv *.tsv *.txt)",
    "Spreadsheets (*.xlsx *.xlsm *.xls *.ods)",
    "All files (*)",
))


def progress_dialog(parent: QWidget, label: str, title: str = "Import") -> QProgressDialog:
    """A busy dialog (no steps until told) with Cancel, shown if the work lasts."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick imports never flash a dialog
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setValue(0)
    return dialog


def _read_in_thread(paths: Sequence[Path], skip_invalid: bool, dialog: QProgressDialog,
                    choices: dict[Path, TableChoices]) -> list[ImportedFile] | None:
    """The files read in a worker thread while the dialog stays live; None if cancelled (the
    thread only reads: it ends on its own, its result unused)."""
    return run_in_thread(lambda _cancelled: read_files(paths, skip_invalid=skip_invalid,
                                                       choices=choices),
                         dialog, "chronolens-import-read")


def _choose_columns(parent: QWidget, paths: Sequence[Path]) -> dict[Path, TableChoices] | None:
    """The import preview of each CSV file or spreadsheet among `paths`, in turn; None when
    one is cancelled (nothing is imported then)."""
    from gui.column_mapping import choose_columns  # (on first use: not at start-up)
    from models.formats import is_table_file

    chosen: dict[Path, TableChoices] = {}
    for path in paths:
        if is_table_file(path):
            choices = choose_columns(parent, path)
            if choices is None:
                return None
            chosen[path] = choices
    return chosen


def import_files(parent: QWidget, store: Store, paths: Sequence[Path], *,
                 on_written: Callable[[], None]) -> ImportSummary | None:
    """Read `paths`, then write them to `store` in one transaction; say what happened.
    `on_written` runs after a successful write (to reload views). None when nothing was
    written (a problem, or Cancel)."""
    chosen = _choose_columns(parent, paths)
    if chosen is None:
        return cancelled(parent)
    skip_invalid = False
    while True:
        dialog = progress_dialog(parent, f"Reading {paths[0].name}…" if len(paths) == 1
                                  else f"Reading {len(paths)} files…")
        try:
            files = _read_in_thread(paths, skip_invalid, dialog, chosen)
            if files is None:
                return cancelled(parent)
            summary = _write(store, files, dialog)
        except ImportCancelled:
            return cancelled(parent)
        except FormatError as error:
            dialog.close()
            if error.valid is not None and not skip_invalid and _ask_skip_invalid(parent, error):
                skip_invalid = True
                continue
            if error.valid is None or skip_invalid:
                _show_failure(parent, _every_problem(error))
            return None
        except (StoreError, OSError) as error:
            dialog.close()
            _show_failure(parent, str(error))
            return None
        finally:
            dialog.close()
        break
    on_written()
    _show_summary(parent, summary)
    return summary


def _write(store: Store, files: list[ImportedFile], dialog: QProgressDialog) -> ImportSummary:
    total = sum(len(f.story.events) for f in files)
    dialog.setLabelText(f"Writing {total:,} events…")
    dialog.setRange(0, max(total, 1))

    def progress(_what: str, done: int, _total: int) -> None:
        dialog.setValue(done)  # a window-modal dialog processes events here: Cancel works
        QApplication.processEvents()
        if dialog.wasCanceled():
            raise ImportCancelled("Import cancelled; nothing was written.")

    return write_files(store, files, progress=progress)


SHOWN_LINES = 12  # of a long list of problems; all of them are under Show Details…


def _message(parent: QWidget, icon: QMessageBox.Icon, text: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, "Import", text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and records may hold anything
    lines = detail.splitlines()
    if len(lines) > SHOWN_LINES:
        box.setDetailedText(detail)
        detail = "\n".join([*lines[:SHOWN_LINES],
                            f"… {len(lines) - SHOWN_LINES} more under Show Details"])
    if detail:
        box.setInformativeText(detail)
    return box


def _every_problem(error: FormatError) -> str:
    """The file and each of its problems on a line (str(error) stops at twenty)."""
    return "\n".join([f"{error.source}:", *error.problems])


def _ask_skip_invalid(parent: QWidget, error: FormatError) -> bool:
    """Nothing was imported: say why, and offer to import the valid records."""
    box = _message(parent, QMessageBox.Icon.Warning,
                   "Some records are invalid, so nothing was imported.", _every_problem(error))
    skip = box.addButton("Import the valid records", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is skip


def _show_failure(parent: QWidget, detail: str) -> None:
    _message(parent, QMessageBox.Icon.Warning, "Nothing was imported.", detail).exec()


def cancelled(parent: QWidget) -> None:
    """Say in the status bar that nothing was written."""
    status = getattr(parent, "statusBar", None)
    if status is not None:
        status().showMessage("Import cancelled; nothing was written.", 8000)


def _show_summary(parent: QWidget, summary: ImportSummary) -> None:
    """The summary in the status bar; merges, records left out and warnings in a box."""
    found = summary.as_json()
    status = getattr(parent, "statusBar", None)
    if status is not None:
        status().showMessage(summary.sentence(), 15000)
    lines = [*(f"Merged: {m['party']} → {m['into']}" for m in found["merged"]),
             *(f"Left out: {s}" for s in found["skipped"]),
             *(f"Warning: {w}" for w in found["warnings"])]
    if lines:
        _message(parent, QMessageBox.Icon.Information, summary.sentence(),
                 "\n".join(lines)).exec()
