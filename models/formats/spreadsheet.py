"""Events on one sheet of a workbook (Excel .xlsx/.xlsm/.xlsb/.xls, OpenDocument .ods), read
through the same column mapping as CSV files (models.formats.columns): the first sheet unless
one is named (`--sheet`), dates stored as dates or as Excel serial numbers read as dates,
formulas by their cached values, a header merged across cells naming each column it covers."""

from __future__ import annotations

from pathlib import Path

from models.formats.columns import ColumnError, TableChoices, mapping_for
from models.formats.rows import read_table
from models.formats.table import workbook_table
from models.interchange import FormatError
from models.story import Story


def parse_workbook(path: Path, *, choices: TableChoices | None = None,
                   warnings: list[str] | None = None, key_prefix: str = "") -> Story:
    """The events on the chosen sheet of the workbook at `path`. FormatError naming each
    invalid row (by the row number the spreadsheet shows), or the file's problem."""
    choices = choices or TableChoices()
    table = workbook_table(path, sheet=choices.sheet)
    try:
        mapping = mapping_for(table, choices)
    except ColumnError as error:
        raise FormatError(str(path), [str(error)]) from None
    return read_table(table, mapping, warnings=warnings, key_prefix=key_prefix)


__all__ = ["parse_workbook"]
