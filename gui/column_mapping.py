"""The import preview of a CSV file or spreadsheet: what each column becomes, the first rows as
they will be imported, and the rows that would fail, highlighted with their reason.

Chronolens proposes the mapping (models.formats.columns) and the user corrects it; every change
shows at once in the preview. Import takes every row, or, when some would fail, leaves them out
(Cancel imports nothing). The mapping chosen is remembered for files with the same header.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.item_models import plain_tooltip
from models.formats import read_table_file
from models.formats.columns import (
    FIELDS,
    ColumnError,
    ColumnMapping,
    TableChoices,
    mapping_for,
    remember_mapping,
)
from models.formats.rows import PreviewRow, TablePreview, preview
from models.formats.table import Table
from models.interchange import FormatError
from models.wording import plural

PREVIEW_ROWS = 200
_Index = QModelIndex | QPersistentModelIndex
_FAILING = QColor(220, 50, 47, 70)  # translucent: reads on light and dark palettes alike
_ORDERS: tuple[tuple[str, str | None], ...] = (
    ("Settled by the dates", None), ("Day first (25/08/2023)", "dmy"),
    ("Month first (08/25/2023)", "mdy"), ("Year first (2023/08/25)", "ymd"))
_SEPARATORS = ((";", "Semicolon ;"), (",", "Comma ,"), ("|", "Bar |"), ("/", "Slash /"),
               ("\n", "Line break"))


class RowsPreviewModel(QAbstractTableModel):
    """The preview's rows as they will be imported; failing rows tinted, with their reason."""

    HEADERS = ("Line", "Title", "Date", "Problem", "Parties", "Category", "Description",
               "Source")
    PROBLEM = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview: TablePreview | None = None
        self._rows: tuple[PreviewRow, ...] = ()
        self.headers = self.HEADERS

    def set_preview(self, found: TablePreview, *, failing_only: bool = False,
                    rows_named: str = "Line") -> None:
        """Show `found`'s rows (or only those that fail); `rows_named`: "Line" in text, "Row"
        in a sheet, as the spreadsheet numbers them."""
        if rows_named != self.headers[0]:
            self.headers = (rows_named, *self.HEADERS[1:])
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        self.beginResetModel()
        self._preview = found
        self._rows = found.failing_rows if failing_only else found.rows
        self.endResetModel()

    def row(self, at: int) -> PreviewRow:
        return self._rows[at]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: PreviewRow, column: int) -> str:
        if column == 0:
            return str(row.line)
        if column == self.PROBLEM:
            return "; ".join(p.removeprefix(f"line {row.line}, ") for p in row.problems)
        if row.intro:
            return {1: "(the timeline's title)", 2: "no date"}.get(column, "")
        if self._preview is None:
            return ""
        if row.event is None:  # a failing row: its title and date as written
            field = {1: "title", 2: "date"}.get(column)
            at = self._preview.mapping.column(field) if field else None
            return row.cells[at].strip() if at is not None and at < len(row.cells) else ""
        event = self._preview.event_json(row.event)
        if column == 1:
            return str(event["title"])
        if column == 2:
            return str(event["shown"])
        if column == 4:
            return "; ".join(p["name"] + ("" if p["role"] == "party" else f" ({p['role']})")
                             for p in event.get("parties", []))
        if column == 5:
            return str(event.get("category", ""))
        if column == 6:
            return " ".join(str(event.get("description", "")).split())[:200]
        if column == 7:
            return "; ".join(s["source"] for s in event.get("sources", []))
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and row.problems:
            return _FAILING
        if role == Qt.ItemDataRole.ToolTipRole and row.problems:
            return plain_tooltip("\n".join(row.problems))
        if role == Qt.ItemDataRole.FontRole and row.intro:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class _Checked(QObject):
    """Carries a thread's check of every row to the dialog (a queued signal)."""

    done = Signal(int, object)


class ColumnMappingDialog(QDialog):
    """Choose what each column of a table becomes, seeing the rows as they will import."""

    def __init__(self, path: Path, table: Table, mapping: ColumnMapping,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.table = table
        self._mapping = mapping
        self.found: TablePreview | None = None
        self.setWindowTitle(f"Import {path.name}")
        self.setObjectName("column-mapping")
        self._refresh = QTimer(self, singleShot=True, interval=120)
        self._generation = 0  # of the mapping shown: a check of an older one is dropped
        self.checking = False  # whether every row is still being checked
        self._checked = _Checked(self)
        self._checked.done.connect(self._all_checked)
        self._refresh.timeout.connect(self.update_preview)

        self.where = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.sheet_box = QComboBox()
        self.sheet_box.setAccessibleName("Sheet")
        self.sheet_box.addItems(list(table.sheets))
        self.sheet_box.setCurrentText(table.sheet)
        self.sheet_box.currentTextChanged.connect(self._sheet_chosen)
        sheet_row = QHBoxLayout()
        sheet_label = QLabel("&Sheet:")
        sheet_label.setBuddy(self.sheet_box)
        sheet_row.addWidget(self.where, 1)
        for widget in (sheet_label, self.sheet_box):
            widget.setVisible(len(table.sheets) > 1)
            sheet_row.addWidget(widget)

        self.columns_area = QScrollArea(widgetResizable=True)
        self.columns_area.setAccessibleName("Columns")
        self.field_boxes: list[QComboBox] = []

        self.separator_box = QComboBox(editable=True)
        self.separator_box.setAccessibleName("Parties separated by")
        for sep, label in _SEPARATORS:
            self.separator_box.addItem(label, sep)
        self.separator_box.currentIndexChanged.connect(self._options_changed)
        self.separator_box.lineEdit().editingFinished.connect(self._options_changed)
        self.order_box = QComboBox()
        self.order_box.setAccessibleName("Date order")
        for label, order in _ORDERS:
            self.order_box.addItem(label, order)
        self.order_box.currentIndexChanged.connect(self._options_changed)
        options = QHBoxLayout()
        for text, box in (("&Parties separated by:", self.separator_box),
                          ("Date &order:", self.order_box)):
            label = QLabel(text)
            label.setBuddy(box)
            options.addWidget(label)
            options.addWidget(box)
        options.addStretch(1)
        self.failing_only = QCheckBox("Show only the rows that &fail")
        self.failing_only.toggled.connect(self._show_rows)
        options.addWidget(self.failing_only)

        self.model = RowsPreviewModel(self)
        self.rows_view = QTableView()
        self.rows_view.setObjectName("preview-rows")
        self.rows_view.setAccessibleName("Rows as they will be imported")
        self.rows_view.setModel(self.model)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.verticalHeader().hide()
        self.rows_view.setWordWrap(False)
        header = self.rows_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.summary = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.summary.setObjectName("preview-summary")
        # The reason of the row chosen (or the first that fails), whole: the column cuts it.
        self.reason = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.reason.setObjectName("preview-reason")
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button: QPushButton = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.rows_view.selectionModel().currentRowChanged.connect(self._show_reason)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.columns_area)
        self.split.addWidget(self.rows_view)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(sheet_row)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.reason)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(1000, 680)
        self._show_table()

    # -- the mapping -------------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        return self._mapping

    def choices(self) -> TableChoices:
        """What the user chose, for reading the file: the whole mapping, the sheet, and
        whether to leave failing rows out."""
        return TableChoices(mapping=self._mapping, sheet=self.table.sheet or None,
                            leave_out_invalid=self.checking or bool(self.found and
                                                                     self.found.failing))

    def set_field(self, column: int, field: str) -> None:
        """Column `column` gives `field` (as when chosen in its box)."""
        self._mapping = self._mapping.with_field(column, field)
        self._sync_boxes()
        self._refresh.start()

    def _show_table(self) -> None:
        """Lay out one row per column of the table: its name, what it becomes, examples."""
        table = self.table
        self.where.setText(
            f"{self.path.name}: {table.header_said}"
            + (f", below “{table.title[:80]}”" if table.title else "")
            + (". This mapping was remembered for files with this header."
               if self._mapping.remembered else
               ". Chronolens proposes what each column becomes; correct it where it is wrong."))
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        for at, text in enumerate(("Column", "Becomes", "First values")):
            title = QLabel(text)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            grid.addWidget(title, 0, at)
        samples = table.first_rows(5)
        self.field_boxes = []
        for column, name in enumerate(table.header):
            label = QLabel(name or f"(column {column + 1}, unnamed)",
                           textFormat=Qt.TextFormat.PlainText)
            box = QComboBox()
            box.setAccessibleName(f"What column {name or column + 1} becomes")
            for field, field_label in FIELDS.items():
                box.addItem(field_label, field)
            box.activated.connect(lambda _i, c=column, b=box: self.set_field(
                c, str(b.currentData())))
            values = [cells[column].strip() for _, cells in samples
                      if column < len(cells) and cells[column].strip()]
            example = QLabel(" · ".join(v[:40] for v in values[:3]),
                             textFormat=Qt.TextFormat.PlainText)
            example.setToolTip(plain_tooltip("\n".join(values)))
            label.setBuddy(box)
            grid.addWidget(label, column + 1, 0)
            grid.addWidget(box, column + 1, 1)
            grid.addWidget(example, column + 1, 2)
            self.field_boxes.append(box)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(table.header) + 1, 1)
        self.columns_area.setWidget(grid_widget)
        self._fit_columns()
        self._sync_boxes()
        self.update_preview()

    def _sync_boxes(self) -> None:
        """Every box, the separator and the order showing the mapping as it is."""
        for box, field in zip(self.field_boxes, self._mapping.fields, strict=True):
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(field))
            box.blockSignals(False)
        self.separator_box.blockSignals(True)
        at = self.separator_box.findData(self._mapping.parties_sep)
        if at < 0:
            self.separator_box.setEditText(self._mapping.parties_sep)
        else:
            self.separator_box.setCurrentIndex(at)
        self.separator_box.blockSignals(False)
        self.order_box.blockSignals(True)
        self.order_box.setCurrentIndex(max(0, self.order_box.findData(
            self._mapping.date_order)))
        self.order_box.blockSignals(False)

    def _options_changed(self) -> None:
        text = self.separator_box.currentText()
        at = self.separator_box.findText(text)
        sep = str(self.separator_box.itemData(at)) if at >= 0 else text
        self._mapping = replace(self._mapping, parties_sep=sep or ";",
                                date_order=self.order_box.currentData(), remembered=False)
        self._refresh.start()

    def _sheet_chosen(self, sheet: str) -> None:
        if not sheet or sheet == self.table.sheet:
            return
        try:
            table = read_table_file(self.path, sheet=sheet)
            mapping = mapping_for(table, TableChoices(remembered=True))
        except (FormatError, ColumnError) as error:
            self.summary.setText(str(error))
            self.import_button.setEnabled(False)
            return
        self.table, self._mapping = table, mapping
        self._show_table()

    # -- the preview -------------------------------------------------------------------------

    def _show_reason(self, current: QModelIndex | None = None) -> None:
        """The whole reason of the current row when it fails, else of the first that does."""
        found = self.found
        if found is None:
            return
        row = self.model.row(current.row()) if current is not None and current.isValid() \
            else None
        if row is None or not row.problems:
            row = found.failing_rows[0] if found.failing_rows else None
        self.reason.setText("\n".join(row.problems) if row is not None else "")
        self.reason.setVisible(row is not None)

    def _fit_columns(self) -> None:
        """The columns take the height they need, up to 40% of the dialog's; the rows the
        rest."""
        grid = self.columns_area.widget()
        if grid is None:
            return
        needed = grid.sizeHint().height() + 2 * self.columns_area.frameWidth()
        self.columns_area.setMaximumHeight(max(90, min(needed, int(self.height() * 0.4))))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _show_rows(self) -> None:
        if self.found is None:
            return
        self.model.set_preview(self.found, failing_only=self.failing_only.isChecked(),
                               rows_named="Row" if self.table.sheet else "Line")
        self._show_reason()
        problems = 320 if self.found.failing else 70
        for column, width in ((0, 56), (1, 260), (2, 170), (3, problems), (4, 200), (5, 110),
                              (6, 220)):
            self.rows_view.setColumnWidth(column, width)

    def update_preview(self) -> None:
        """The first rows at once; when the file has more, every row is checked in a thread
        (a 100,000-row file takes seconds) and the count comes when it is done."""
        self._refresh.stop()
        self._generation += 1
        quick = preview(self.table, self._mapping, rows=PREVIEW_ROWS, checks=PREVIEW_ROWS)
        assert quick is not None  # (only a stop() stops it)
        self._show_found(quick, final=quick.complete or bool(quick.mapping.missing))
        if self.checking:
            self._check_all(self._generation)

    def _check_all(self, generation: int) -> None:
        table, mapping = self.table, self._mapping

        def run() -> None:
            try:
                found = preview(table, mapping, rows=PREVIEW_ROWS,
                                stop=lambda: generation != self._generation)
            except Exception:
                return
            if found is not None:
                with contextlib.suppress(RuntimeError):  # the dialog is gone
                    self._checked.done.emit(generation, found)

        threading.Thread(target=run, name="chronolens-preview-check", daemon=True).start()

    def _all_checked(self, generation: int, found: TablePreview) -> None:
        if generation == self._generation:
            self._show_found(found, final=True)

    def _show_found(self, found: TablePreview, *, final: bool) -> None:
        self.found = found
        self.checking = not final
        self.failing_only.setEnabled(bool(found.failing))
        if not found.failing:
            self.failing_only.setChecked(False)
        self._show_rows()
        valid = found.checked - found.failing - sum(1 for r in found.rows if r.intro)
        checked = f"{found.checked:,}" + ("" if found.complete else " (the first)")
        if found.mapping.missing:
            names = " and ".join(FIELDS[f].lower() for f in found.mapping.missing)
            self.summary.setText(f"Choose the column that gives the {names}: every event "
                                 "needs a title and a date.")
            self.import_button.setText("Import")
            self.import_button.setEnabled(False)
            return
        self.import_button.setEnabled(valid > 0)
        if self.checking:
            self.summary.setText(
                f"Checking every row… Of the first {checked.split(' ')[0]}, "
                f"{plural(found.failing, 'row')} would fail. Import leaves out the rows that "
                "fail; Cancel imports nothing.")
            self.import_button.setText("Import")
        elif found.failing:
            self.summary.setText(
                f"{plural(found.failing, 'row')} of {checked} would fail (tinted, with the "
                f"reason under Problem). Import leaves them out; Cancel imports nothing."
                + (f" {found.stopped}." if found.stopped else "")
                + (" All-number dates need an order: choose it under Date order."
                   if any("choose the date order" in p for p in found.failures) else ""))
            self.import_button.setText(f"Import {plural(valid, 'valid row')}")
        else:
            self.summary.setText(f"All {checked} rows read." if valid else "No rows to import.")
            self.import_button.setText(f"Import {plural(valid, 'event')}")

    def done(self, result: int) -> None:
        self._generation += 1  # a check still running stops
        super().done(result)

    def accept(self) -> None:
        remember_mapping(self.table.header, self._mapping)
        super().accept()


def choose_columns(parent: QWidget, path: Path) -> TableChoices | None:
    """Ask how to read the table in `path`; None when the user cancels. A file that cannot be
    read as a table goes on to the import as it is, which names its problem."""
    try:
        table = read_table_file(path)
        mapping = mapping_for(table, TableChoices(remembered=True))
    except (FormatError, ColumnError):
        return TableChoices(remembered=True)
    dialog = ColumnMappingDialog(path, table, mapping, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choices()


__all__ = ["ColumnMappingDialog", "RowsPreviewModel", "choose_columns"]
