"""What each column of a table becomes (a `ColumnMapping`), proposed from the columns' names and
contents, corrected by the user (`--columns title=label,date=From`, or the import preview), and
remembered for files with the same header.

Proposing, in this order:
1. a column named exactly as a field, or as one of its synonyms, ignoring case, spaces,
   underscores and hyphens ("Start Date", "start_date"); where several columns could give a
   field, its own name wins over the others listed, and then the leftmost column;
2. a column with a field's word in its name ("who_told_them" gives parties, "Date of event" the
   date), for the columns still unclaimed; an end by its word only where the rest of its name is
   the date column's ("Event start" and "Event end"), not one window's end among others
   ("testing_end_date");
   a date or end column so named that is empty in most rows looked at (or holds "NULL",
   "NA" …) gives way to another column named for the same field, filled with dates in most
   rows, when one is there ("Start_Date" NULL in all but 2 rows beside "Start_Year");
3. contents: with no date column yet, the first column whose values read as dates; with no
   title, the first column of varied text, filled in at least half the rows, that is not dates
   or numbers; failing that, the description column ("text", "content") when it is filled in
   nearly every row.
Every other column with a name becomes an attribute of its events, and unnamed ones nothing.
The parties' separator is the first of ";", "|" and "," found in the parties' cells, and the
order of day and month in all-number dates is the one the date columns' own values settle
(a 13 or more in one place), else unknown (such dates are refused until it is chosen).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from models.files import write_atomically
from models.formats.table import Row, Table
from models.paths import APP_NAME
from models.written_dates import DATE_ORDERS, DateOrder, column_order, is_date

# Every field a column can become, with its label, in the order the preview lists them.
FIELDS: dict[str, str] = {
    "title": "Title", "date": "Date", "end": "End date", "description": "Description",
    "category": "Category", "parties": "Parties", "role": "Role of the parties",
    "source_url": "Source URL", "source_title": "Source title", "quote": "Quote",
    "latitude": "Latitude", "longitude": "Longitude", "place": "Place", "id": "Id",
    "attribute": "Attribute", "ignore": "Nothing",
}
# Fields more than one column may give (their values are joined).
REPEATABLE = frozenset({"parties", "attribute", "ignore"})
REQUIRED = ("title", "date")
# Each field and the column names that give it, its own name first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "key", "uid", "unique id", "event id", "record id"),
    "title": ("title", "headline", "name", "event", "label", "event name", "event title",
              "what", "subject", "caption"),
    "date": ("date", "when", "start", "start date", "from", "begin", "year", "start year",
             "event date", "date start", "date from", "start time", "datetime", "time"),
    "end": ("end", "end date", "until", "to", "end year", "finish", "date end", "date to",
            "end time", "stop"),
    "description": ("description", "text", "notes", "details", "desc", "summary",
                    "body", "comment", "comments", "content", "info"),
    "category": ("category", "group", "type", "era", "kind", "theme", "topic", "period",
                 "categories", "section"),
    "parties": ("parties", "party", "person", "people", "persons", "actor", "actors", "who",
                "participants", "participant", "players", "organisation", "organization",
                "organisations", "organizations", "individuals", "entities"),
    "role": ("role", "roles"),
    # "source" holds links or names: the rows' reader takes each for what it is.
    "source_url": ("source url", "url", "source", "link", "source link", "href", "website"),
    "source_title": ("source title", "publication", "publisher", "source name",
                     "citation", "reference", "outlet"),
    "quote": ("quote", "quotation", "excerpt"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "place": ("place", "location", "city", "where", "country", "site", "region"),
}
# Words in a longer column name that still say which field it is ("who_told_them").
_WORDS: dict[str, frozenset[str]] = {
    "date": frozenset({"date", "year", "when", "start", "began", "begin"}),
    "end": frozenset({"end", "until", "ended"}),
    "title": frozenset({"title", "headline", "event", "label"}),
    "parties": frozenset({"who", "person", "people", "persons", "actor", "actors", "party",
                          "parties", "participants", "participant", "players"}),
    "place": frozenset({"place", "location"}),
    "source_url": frozenset({"url", "link"}),
}
_SEPARATORS = (";", "|", ",")
SAMPLE_ROWS = 500  # rows looked at to propose from contents
# A number as a cell holds it: "12", "-3.5", "0,25", "1,193.91" (thousands separated).
_YEAR = re.compile(r"-?[0-9]{3,4}")
_NUMBER = re.compile(r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:[.,][0-9]+)?)")
# What spreadsheets and R/pandas exports write for "no value".
NOTHING = frozenset({"na", "n/a", "#n/a", "null", "none", "nan", "-", "--", "?"})
# Words beside "end" in the name of a column that ends its row's date ("End Date", "Year ended").
_END_ALSO = frozenset({"date", "year", "time", "day", "of", "the"})


def fold(name: str) -> str:
    """A column name as matched: no case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_-]+", "", name).casefold()


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", name).casefold()))


_FOLDED = {field: tuple(fold(name) for name in names) for field, names in SYNONYMS.items()}


class ColumnError(ValueError):
    """A mapping that cannot be: a column named that the table lacks, a field given twice."""


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """What each column becomes (`fields[i]` for column i: a name in FIELDS), how the parties
    in one cell are separated, and the order of day and month in all-number dates."""

    fields: tuple[str, ...]
    parties_sep: str = ";"
    date_order: DateOrder | None = None
    remembered: bool = False  # taken from a mapping remembered for this header

    def columns(self, field: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == field]

    def column(self, field: str) -> int | None:
        return next((i for i, f in enumerate(self.fields) if f == field), None)

    @property
    def missing(self) -> list[str]:
        """The fields an event needs that no column gives."""
        return [field for field in REQUIRED if field not in self.fields]

    def with_field(self, column: int, field: str) -> ColumnMapping:
        """The mapping with `column` giving `field`; a column that gave it before (for a field
        one column gives) becomes an attribute."""
        if field not in FIELDS:
            raise ColumnError(f"{field!r} is not a field; the fields are {', '.join(FIELDS)}")
        fields = list(self.fields)
        if field not in REPEATABLE:
            fields = ["attribute" if f == field else f for f in fields]
        fields[column] = field
        return replace(self, fields=tuple(fields), remembered=False)

    def as_json(self, header: Sequence[str]) -> dict[str, Any]:
        return {"columns": [{"column": name, "field": field}
                            for name, field in zip(header, self.fields, strict=True)],
                "parties_sep": self.parties_sep, "date_order": self.date_order}

    @classmethod
    def from_json(cls, doc: Any, width: int) -> ColumnMapping | None:
        """A remembered mapping, None when it does not fit (another version wrote it)."""
        try:
            fields = tuple(str(c["field"]) for c in doc["columns"])
            order = doc.get("date_order")
            if len(fields) != width or any(f not in FIELDS for f in fields) or \
                    order not in (None, *DATE_ORDERS):
                return None
            return cls(fields, str(doc.get("parties_sep") or ";"), order, remembered=True)
        except (KeyError, TypeError, AttributeError):
            return None


@dataclass(frozen=True, slots=True)
class TableChoices:
    """What the user said about a table file: columns by name ((field, column name) pairs, as
    --columns gives them), the parties' separator, the order of day and month, the sheet; or a
    whole mapping (the window's preview). Unsaid, a mapping is proposed, or the one remembered
    for the file's header where `remembered` allows."""

    columns: tuple[tuple[str, str], ...] = ()
    parties_sep: str | None = None
    date_order: DateOrder | None = None
    sheet: str | None = None
    mapping: ColumnMapping | None = None
    remembered: bool = False
    leave_out_invalid: bool = False  # import the valid rows (chosen in the preview)


def mapping_for(table: Table, choices: TableChoices) -> ColumnMapping:
    """The mapping `choices` make for `table`. ColumnError when they do not fit it."""
    if choices.mapping is not None:
        if len(choices.mapping.fields) != len(table.header):
            raise ColumnError(f"the mapping has {len(choices.mapping.fields)} columns; the "
                              f"file has {len(table.header)}")
        return choices.mapping
    return propose(table, given=choices.columns, parties_sep=choices.parties_sep,
                   date_order=choices.date_order,
                   remembered=remembered_mapping(table.header) if choices.remembered else None)


def header_key(header: Sequence[str]) -> str:
    """The same for every file with this header (names folded), whatever its rows."""
    return hashlib.sha1("\x1f".join(fold(name) for name in header).encode(
        "utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def named_fields(header: Sequence[str], *, passed_over: Iterable[int] = ()) -> list[str]:
    """The fields the header's names give (steps 1 and 2 of proposing): 'attribute' for other
    named columns, 'ignore' for unnamed ones. The columns `passed_over` give no field."""
    skipped = frozenset(passed_over)
    folded = [fold(name) for name in header]
    fields = ["attribute" if name.strip() else "ignore" for name in header]
    for field, names in _FOLDED.items():
        for name in names:
            at = next((i for i, f in enumerate(folded) if f == name and i not in skipped), None)
            if at is not None and fields[at] in ("attribute", "ignore"):
                fields[at] = field
                break
    for field, words in _WORDS.items():
        # Named already: other columns with its word are attributes. Except parties, which
        # several columns may give ("person" and "who_told_them"), unless a column is named
        # "parties" as our own exports name it (their attributes must read back as such).
        if field in fields and (field != "parties" or "parties" in folded):
            continue
        for at, name in enumerate(header):
            if fields[at] == "attribute" and at not in skipped and _words(name) & words and \
                    (field != "end" or _ends_the_date(name, header, fields)):
                fields[at] = field
                if field not in REPEATABLE:
                    break
    return fields


def _ends_the_date(name: str, header: Sequence[str], fields: Sequence[str]) -> bool:
    """Whether a column with "end" in its name ends the date column's dates: nothing else in its
    name ("Year ended", "Date of end"), or what else the date column's name says ("Event ends"
    beside "Event start"); not one window's end among others ("testing_end_date")."""
    rest = _words(name) - _WORDS["end"] - _END_ALSO
    date = next((header[i] for i, f in enumerate(fields) if f == "date"), None)
    return not rest or (date is not None and
                        rest == _words(date) - _WORDS["date"] - _END_ALSO)


def has_event_columns(header: Sequence[str]) -> bool:
    """Whether a header's names alone give a title and a date."""
    fields = named_fields(header)
    return all(field in fields for field in REQUIRED)


def _values(rows: Sequence[Row], column: int) -> list[str]:
    return [cells[column].strip() for _, cells in rows
            if column < len(cells) and cells[column].strip()]


def _is_sparse(rows: Sequence[Row], column: int) -> bool:
    """Whether a column holds something (not "NULL", "NA" and the like) in fewer than half of
    `rows`."""
    return sum(1 for v in _values(rows, column) if v.casefold() not in NOTHING) < 0.5 * len(rows)


def _mostly(values: Sequence[str], test: Any, share: float = 0.8) -> bool:
    return bool(values) and sum(1 for v in values if test(v)) >= share * len(values)


def propose(table: Table, *, given: Sequence[tuple[str, str]] = (),
            parties_sep: str | None = None, date_order: DateOrder | None = None,
            remembered: ColumnMapping | None = None) -> ColumnMapping:
    """The mapping proposed for `table` (or `remembered`, when there is one for its header),
    with the columns `given` ((field, column name) pairs: those alone give their fields) and
    the separator and order set where given. ColumnError when a given column or field is not
    there."""
    header = table.header
    sample = table.first_rows(SAMPLE_ROWS)
    if remembered is not None and len(remembered.fields) == len(header):
        mapping = remembered
    else:
        fields = named_fields(header)
        sparse = [i for i, f in enumerate(fields) if f in ("date", "end") and
                  _is_sparse(sample, i)] if sample else []
        if sparse:
            others = named_fields(header, passed_over=sparse)
            for at in sparse:
                instead = _column_of(others, fields[at])
                if instead is not None and fields[instead] in ("attribute", "ignore") and \
                        _mostly(_values(sample, instead), is_date):
                    fields[at], fields[instead] = "attribute", fields[at]
        if "date" not in fields:
            order = column_order(v for i in range(len(header)) for v in _values(sample, i))
            for at in range(len(header)):
                values = _values(sample, at)
                # Numbers are counts or ids as often as years: taken for years only where
                # there are no names to go by (a file without a header row), and all years.
                numbers = bool(values) and _NUMBER.fullmatch(values[0]) is not None
                if fields[at] in ("attribute", "ignore") and (
                        not numbers or (not table.named and all(
                            _YEAR.fullmatch(v) for v in values))) and _mostly(
                        values, lambda v, o=order: is_date(v, order=o)):
                    fields[at] = "date"
                    break
        if "title" not in fields:
            for at in range(len(header)):
                values = _values(sample, at)
                if fields[at] in ("attribute", "ignore") and \
                        len(values) >= 0.5 * len(sample) > 0 and \
                        len(set(values)) >= 0.5 * len(values) and \
                        not _mostly(values, lambda v: _NUMBER.fullmatch(v) or is_date(v)):
                    fields[at] = "title"
                    break
        if "title" not in fields and (text := _column_of(fields, "description")) is not None \
                and len(_values(sample, text)) >= 0.8 * len(sample) > 0:
            fields[text] = "title"  # the only text ("text", "content"): the events' titles
        mapping = ColumnMapping(tuple(fields))
    for field in dict.fromkeys(field for field, _ in given):
        mapping = replace(mapping, remembered=False, fields=tuple(
            "attribute" if f == field else f for f in mapping.fields))
    for field, name in given:
        mapping = mapping.with_field(_column_named(header, name, field), field)
    if parties_sep is not None:
        mapping = replace(mapping, parties_sep=parties_sep, remembered=False)
    elif not mapping.remembered:
        mapping = replace(mapping, parties_sep=_separator(
            v for i in mapping.columns("parties") for v in _values(sample, i)))
    if date_order is not None:
        mapping = replace(mapping, date_order=date_order, remembered=False)
    elif not mapping.remembered:
        mapping = replace(mapping, date_order=settled_order(table, mapping))
    return mapping


def _column_of(fields: Sequence[str], field: str) -> int | None:
    return next((i for i, f in enumerate(fields) if f == field), None)


def settled_order(table: Table, mapping: ColumnMapping) -> DateOrder | None:
    """The order of day and month the date columns' own values settle (all rows read)."""
    columns = [i for i in (mapping.column("date"), mapping.column("end")) if i is not None]
    return column_order(cells[i] for _, cells in table.readable_rows() for i in columns
                        if i < len(cells)) if columns else None


def _column_named(header: Sequence[str], name: str, field: str) -> int:
    if field not in FIELDS:
        raise ColumnError(f"--columns {field}={name}: {field!r} is not a field; the fields "
                          f"are {', '.join(FIELDS)}")
    for matches in (lambda h: h == name, lambda h: h.strip().casefold() == name.casefold(),
                    lambda h: fold(h) == fold(name)):
        found = [i for i, h in enumerate(header) if matches(h)]
        if found:
            return found[0]
    if name.isdigit() and 1 <= int(name) <= len(header):
        return int(name) - 1  # columns by number, for headers without names
    raise ColumnError(f"--columns {field}={name}: no column named {name!r}; the columns are "
                      + ", ".join(repr(h) for h in header))


def _separator(cells: Iterable[str]) -> str:
    """";" or "|" where the cells hold them; "," where they hold commas and no roles in
    brackets (names with roles, "Smith, John (author)", are our own ";"-separated kind)."""
    seen: set[str] = set()
    for cell in cells:
        seen.update(sep for sep in _SEPARATORS if sep in cell)
        if "(" in cell:
            seen.add("(")
        if ";" in seen:
            break
    if "," in seen and "(" in seen:
        seen.discard(",")
    return next((sep for sep in _SEPARATORS if sep in seen), ";")


def parse_columns(text: str) -> list[tuple[str, str]]:
    """--columns "title=label,date=From": (field, column name) pairs. ColumnError when
    malformed."""
    given: list[tuple[str, str]] = []
    for part in (p for p in text.split(",") if p.strip()):
        field, sep, name = part.partition("=")
        field = field.strip().casefold().replace("-", "_").replace(" ", "_")
        if not sep or not name.strip():
            raise ColumnError(f"--columns: {part.strip()!r} should be field=column, e.g. "
                              "title=label")
        if field not in FIELDS:
            raise ColumnError(f"--columns: {field!r} is not a field; the fields are "
                              + ", ".join(FIELDS))
        if field not in REPEATABLE and any(f == field for f, _ in given):
            raise ColumnError(f"--columns: {field} is given twice")
        given.append((field, name.strip()))
    return given


def mappings_file() -> Path:
    """Where the mappings chosen in the import preview are remembered (the user's config)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "column-mappings.json"


def _remembered_doc() -> dict[str, Any]:
    try:
        doc = json.loads(mappings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: forget them rather than fail
        return {}
    return doc if isinstance(doc, dict) else {}


def remembered_mapping(header: Sequence[str]) -> ColumnMapping | None:
    """The mapping last chosen for files with this header, if any."""
    return ColumnMapping.from_json(_remembered_doc().get(header_key(header)), len(header))


def remember_mapping(header: Sequence[str], mapping: ColumnMapping) -> None:
    """Keep `mapping` for the next file with this header (the last 200 headers are kept)."""
    doc = _remembered_doc()
    doc.pop(header_key(header), None)
    doc[header_key(header)] = mapping.as_json(header)
    kept = dict(list(doc.items())[-200:])
    path = mappings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(kept, indent=1, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only config folder: the mapping is simply not remembered


__all__ = [
    "FIELDS",
    "REPEATABLE",
    "REQUIRED",
    "SYNONYMS",
    "ColumnError",
    "ColumnMapping",
    "fold",
    "has_event_columns",
    "header_key", "mapping_for",
    "mappings_file",
    "named_fields",
    "parse_columns",
    "propose",
    "remember_mapping",
    "remembered_mapping",
    "settled_order",
]
