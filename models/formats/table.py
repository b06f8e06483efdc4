"""A table of text cells, as read from a delimited text file (CSV, TSV, semicolons) or from one
sheet of a workbook (.xlsx, .xlsm, .xls, .ods): its header row and the rows below it, each with
the line (or sheet row) a person finds it on.

The header is the first row with two or more cells filled in; single-cell rows above it (a
sheet's title, "Source: …") are kept as the table's `title`. Any line ending reads alike (LF,
CRLF, and the lone CR of classic Mac Excel), and a byte order mark is dropped.
Workbooks are read with python-calamine (Rust's calamine: fast, no network, one small wheel):
a formula's cached value, a date as a date (ISO text), a whole number without ".0", and a
header cell merged across columns names each of them. A header two rows high (a header cell
merged downwards) names each column by its lower row, after the heading merged across it above
("Start" over "Date": "Start Date").
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from models.interchange import FormatError

Row = tuple[int, tuple[str, ...]]  # the line (or sheet row) a row starts on, and its cells
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
SNIFF_CHARS = 8192
_HEADER_SEARCH = 20  # rows looked at for the header
_DELIMITERS = ",;\t|"


@dataclass(frozen=True, slots=True)
class Table:
    source: str
    header: tuple[str, ...]
    header_line: int
    read_rows: Callable[[], Iterator[Row]]  # the rows below the header, read again at each call
    title: str = ""  # single-cell rows above the header, joined
    sheet: str = ""  # the sheet read, for workbooks
    sheets: tuple[str, ...] = ()  # every sheet of the workbook
    delimiter: str = ""  # for delimited text
    named: bool = True  # False: no header row (the first row held data), columns numbered

    def rows(self) -> Iterator[Row]:
        return self.read_rows()

    @property
    def header_said(self) -> str:
        """Where the header is, in words ("the header is on line 1")."""
        if not self.named:
            return "no header row: the columns are numbered"
        return "the header is on " + (f"row {self.header_line} of sheet {self.sheet!r}"
                                      if self.sheet else f"line {self.header_line}")

    def readable_rows(self) -> Iterator[Row]:
        """The rows up to where the file stops being readable (the reader names the line)."""
        try:
            yield from self.read_rows()
        except TableError:
            return

    def first_rows(self, count: int) -> list[Row]:
        found: list[Row] = []
        for row in self.readable_rows():
            if len(found) >= count:
                break
            found.append(row)
        return found


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def _blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def header_at(rows: Sequence[Row]) -> int:
    """Which of the first rows is the header: the first with two cells or more filled in, when
    one comes within the first rows; else the first row with anything in it."""
    for index, (_, cells) in enumerate(rows[:_HEADER_SEARCH]):
        if _filled(cells) >= 2:
            return index
    return next((i for i, (_, cells) in enumerate(rows) if _filled(cells)), 0)


# A cell no header holds: a number of three digits or more (a year), or a link.
_DATA_CELL = re.compile(r"\s*(?:-?[0-9]{3,}(?:[.,][0-9]+)?|https?://\S+)\s*")


def holds_data(cells: Sequence[str]) -> bool:
    """Whether a would-be header row is data instead (a file without a header row)."""
    return any(_DATA_CELL.fullmatch(cell) for cell in cells if cell.strip())


def numbered(width: int) -> tuple[str, ...]:
    """The names of a headerless table's columns."""
    return tuple(f"Column {i}" for i in range(1, width + 1))


def _title(rows: Sequence[Row]) -> str:
    return " — ".join(cell.strip() for _, cells in rows for cell in cells if cell.strip())


# --- delimited text ------------------------------------------------------------------------------


def one_line_ending(text: str) -> str:
    """Text with lone CRs (classic Mac Excel) as LFs; other files as they are (a CR inside a
    quoted cell of a CRLF or LF file is the cell's own)."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


def _records(text: str, delimiter: str) -> Iterator[Row]:
    """Every record with the line it starts on (a quoted cell may span lines). csv.Error (a
    cell beyond the field limit, say) is FormatError naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise TableError(line, f"not readable as CSV ({error})") from None
        start, line = line, reader.line_num + 1
        yield start, tuple(cells)


class TableError(ValueError):
    """A table that stops being readable at a line."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def _head_rows(text: str, delimiter: str) -> list[Row]:
    rows: list[Row] = []
    try:
        for row in _records(text, delimiter):
            if _filled(row[1]):
                rows.append(row)
            if len(rows) > _HEADER_SEARCH:
                break
    except TableError:
        pass
    return rows


def guessed_delimiter(text: str, accepts: Callable[[Sequence[str]], bool]) -> str:
    """The sniffed delimiter, unless only another one makes a header that `accepts` (the
    sniffer counts characters, and cells full of semicolons can fool it)."""
    try:
        sniffed = csv.Sniffer().sniff(text[:SNIFF_CHARS], _DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","
    for delimiter in dict.fromkeys((sniffed, ",", ";", "\t", "|")):
        rows = _head_rows(text, delimiter)
        if rows and accepts(rows[header_at(rows)][1]):
            return delimiter
    return sniffed


def text_table(text: str, source: str, *, delimiter: str) -> Table:
    """The table in delimited text (already with one line ending and no BOM)."""
    head = _head_rows(text, delimiter)
    if not head:
        return Table(source, (), 1, lambda: iter(()), delimiter=delimiter)
    at = header_at(head)
    header_line, header = head[at]
    named = not holds_data(header)
    if not named:  # the first row is data: read it too, under numbered columns
        header_line, header = header_line - 1, numbered(max(len(c) for _, c in head))

    def rows() -> Iterator[Row]:
        for line, cells in _records(text, delimiter):
            if line > header_line and not _blank(cells):
                yield line, cells

    return Table(source, tuple(header), header_line, rows, title=_title(head[:at]),
                 delimiter=delimiter, named=named)


# --- workbooks -----------------------------------------------------------------------------------


def is_workbook(path: Path) -> bool:
    """A workbook by its name, or by the zip signature of .xlsx/.ods under another name."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return head.startswith(b"PK\x03\x04") and (b"xl/" in head or b"opendocument.spreadsheet"
                                                in head or b"[Content_Types].xml" in head)


def cell_text(value: object) -> str:
    """A workbook cell as the text a person sees in it (dates as ISO, 3.0 as 3)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def _two_row_names(header: Sequence[str], below: Sequence[str],
                   headings: dict[int, str]) -> list[str]:
    """The names of a header two rows high (a cell merged downwards makes it so): each column's
    name in the lower row, after the heading merged across it above ("Start" over "Date" and
    "Type": "Start Date", "Start Type"); the upper row's name where the lower row has none."""
    names = []
    for column, upper in enumerate(header):
        lower = below[column].strip() if column < len(below) else ""
        if not lower:
            names.append(upper)
        elif column in headings and _folded_words(headings[column]) != _folded_words(lower):
            names.append(f"{headings[column]} {lower}")
        else:
            names.append(lower)
    return names


def _folded_words(name: str) -> str:
    return " ".join(name.split()).casefold()


def workbook_table(path: Path, *, sheet: str | None = None) -> Table:
    """The table on one sheet of a workbook (the first, or the one named). FormatError when the
    file is not a workbook, the sheet is not there, or it is empty."""
    from python_calamine import CalamineWorkbook  # (imported on first use: 2 MB of Rust)

    source = str(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = tuple(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise FormatError(source, [f"--sheet {sheet!r}: no such sheet; its sheets are "
                                       + ", ".join(repr(n) for n in names)])
        chosen = sheet if sheet is not None else (names[0] if names else "")
        if not chosen:
            raise FormatError(source, ["the workbook has no sheets"])
        found = book.get_sheet_by_name(chosen)
        values = found.to_python(skip_empty_area=False)
        merged = list(found.merged_cell_ranges or ())
    except FormatError:
        raise
    except Exception as error:  # calamine raises its own errors (and ValueError, OSError)
        raise FormatError(source, [f"not readable as a workbook ({error})"]) from None
    # Sheet rows are numbered from 1, as the spreadsheet shows them.
    grid = [(number, [cell_text(v) for v in row]) for number, row in enumerate(values, 1)]
    head = [(n, tuple(cells)) for n, cells in grid[:_HEADER_SEARCH * 3] if not _blank(cells)]
    if not head:
        raise FormatError(source, [f"sheet {chosen!r} is empty" + (
            "; its other sheets are " + ", ".join(repr(n) for n in names if n != chosen)
            if len(names) > 1 else "")])
    at = header_at(head)
    header_line, header_cells = head[at]
    header = list(header_cells)
    header_rows = {header_line}
    headings: dict[int, str] = {}  # column -> the heading merged across it and others
    for (top, left), (bottom, right) in merged:  # 0-based, inclusive
        if top + 1 <= header_line <= bottom + 1:
            name = grid[top][1][left] if left < len(grid[top][1]) else ""
            for column in range(left, min(right + 1, len(header))):
                header[column] = header[column] or name
                if right > left and name.strip():
                    headings[column] = name.strip()
            header_rows.update(range(top + 1, bottom + 2))  # a header cell merged downwards
    if len(header_rows) > 1 and headings:
        header = _two_row_names(header, grid[max(header_rows) - 1][1], headings)
    named = not holds_data(header)
    if not named:  # the first row is data: read it too, under numbered columns
        header_rows = set()
        header_line, header = header_line - 1, list(numbered(len(header)))

    def rows() -> Iterator[Row]:
        for number, cells in grid:
            if number > header_line and number not in header_rows and not _blank(cells):
                yield number, tuple(cells)

    return Table(source, tuple(header), header_line, rows, title=_title(head[:at]),
                 sheet=chosen, sheets=names, named=named)


__all__ = ["WORKBOOK_SUFFIXES", "Row", "Table", "TableError", "cell_text", "guessed_delimiter",
           "header_at", "holds_data", "is_workbook", "numbered", "one_line_ending", "text_table",
           "workbook_table"]
