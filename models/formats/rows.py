"""Rows of a table read into events, the same for every table (CSV, TSV, spreadsheets) through
the mapping of its columns (models.formats.columns).

- title and date are required; the date is any date people write (models.written_dates), with
  the mapping's order of day and month for all-number dates; an end column makes a range.
- parties: names separated by the mapping's separator, each optionally with its role in
  brackets ("Huawei (signatory); Ericsson"); a role column gives the role of the others
  ("party" when neither does). Several columns may give parties. One party per distinct name.
- source_url, source_title, quote: the event cites one source, one per distinct URL (or title,
  without a URL), titled by its title or else the URL's host. A URL under source_title, or a
  name under source_url, is taken for what it is. A quote with no source is kept as an
  attribute "quote".
- id: the event's stable key, so that importing the file again updates its events; without it,
  events are keyed by line number.
- latitude, longitude (numbers in range) and place are attributes under their columns' names;
  every
  column mapped to "attribute" is one under its header's name, where not empty.
- category: one category per distinct name.
A cell holding HTML tags is read as HTML and becomes plain text; a cell a spreadsheet would run
as a formula, which our exports guard with a leading apostrophe, is read without it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from models.dates import DateError, DateSpan
from models.formats.columns import FIELDS, NOTHING, ColumnMapping
from models.formats.table import Table, TableError
from models.interchange import FormatError, first_not_text, story_or_refusal
from models.names import name_key
from models.story import (
    CategoryRecord,
    CitationRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
    key_part,
)
from models.vis_format import plain_text
from models.written_dates import is_ongoing, read_date, span_between

DEFAULT_ROLE = "party"
R = TypeVar("R")
PREVIEW_CHECKS = 50_000  # rows the preview reads to count those that would fail

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,159}\Z")
# A cell a spreadsheet would run as a formula; with leading apostrophes, one that we guarded.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_FORMULA_START = frozenset("'=+-@\t\r")  # the first character of every cell _FORMULA matches
# HTML is recognised by its common tags, so that "x < y" or "Vector<int>" stay as written.
_HTML_TAG = re.compile(
    r"<(?:/?(?:a|abbr|b|blockquote|br|cite|code|div|em|h[1-6]|hr|i|img|li|ol|p|pre|q|s|small"
    r"|span|strong|sub|sup|table|td|th|tr|u|ul)\b[^<>]*|!--.*?--)>", re.IGNORECASE | re.DOTALL)
_COORDINATES = {"latitude": 90.0, "longitude": 180.0}
# What spreadsheets and R/pandas exports write for "no value" (a date of "NA" is empty).
_NOTHING = NOTHING
_AS_ATTRIBUTES = frozenset({"attribute", "latitude", "longitude", "place"})
# The columns dump_csv writes, in its order (the fields' own names).
_WRITTEN = ("id", "title", "date", "description", "category", "parties", "source_url",
            "source_title", "quote")


# --- cells ---------------------------------------------------------------------------------------


def _guard(cell: str) -> str:
    """The cell as written: a leading apostrophe keeps spreadsheets from running it."""
    return "'" + cell if cell[:1] in _FORMULA_START and _FORMULA.match(cell) else cell


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def _value(cell: str) -> str:
    """A cell's text as read: unguarded, and plain text when it holds HTML."""
    text = _unguard(cell)
    return plain_text(text) if _HTML_TAG.search(text) else text


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False) \
        .hexdigest()[:10]


# --- keys ----------------------------------------------------------------------------------------


class _Named(Generic[R]):
    """Records met by name (categories, parties, sources): one per identity, under a stable key,
    readable where key_part keeps enough of the name, with a digest of the identity where two
    names would share it."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.keys: dict[str, str] = {}  # identity -> key
        self.records: dict[str, R] = {}  # key -> record, in the order met

    def key(self, identity: str, readable: str, make: Callable[[str], R]) -> str:
        key = self.keys.get(identity)
        if key is None:
            base = key_part(readable, 120)
            key = f"{self.prefix}:{base}"
            if not base or key in self.records:
                key = f"{key}-{_digest(identity)}" if base else f"{key}{_digest(identity)}"
            self.keys[identity] = key
            self.records[key] = make(key)
        return key


def _event_key(cell: str, line: int) -> str:
    """The id as given when it is a valid key (so ids survive a round trip), else made from it
    (with a digest, as key_part drops characters), else the line number."""
    text = cell.strip()
    if not text:
        return f"line:{line}"
    if _KEY.match(text):
        return text
    base = key_part(text, 120)
    return f"id:{base}-{_digest(text)}" if base else f"id:{_digest(text)}"


# --- parties ---------------------------------------------------------------------------------


def _party_and_role(item: str) -> tuple[str, str]:
    """'Alan Fan (spokesperson)' -> ('Alan Fan', 'spokesperson'), 'Ericsson' -> ('Ericsson', '').
    The role is the last bracketed part, which may hold brackets itself: 'Huawei (accused
    (denies))'."""
    text = item.strip()
    if text.endswith(")"):
        depth = 0
        for at in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[at], 0)
            if depth == 0:
                name = text[:at].strip()
                if name:
                    return name, text[at + 1:-1].strip()
                break
    return text, ""


def _party_record(name: str, key: str) -> PartyRecord:
    return PartyRecord(key=key, name=name)


# --- reading -------------------------------------------------------------------------------------


def _is_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed "[" in the host
        return False
    return bool(parts.scheme and parts.netloc)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


class RowReader:
    """Rows read into events through a mapping, with the categories, parties and sources of
    the valid ones."""

    def __init__(self, header: Sequence[str], mapping: ColumnMapping, *,
                 place: str = "line", key_prefix: str = "") -> None:
        self.header = list(header)
        self.place = place  # how a row is named in problems: "line 12", "sheet 'A', row 12"
        self.mapping = mapping
        self.single = {field: mapping.column(field) for field in FIELDS}
        self.party_columns = mapping.columns("parties")
        # ";" (our own exports' separator) also splits at "|", as this reader always has.
        sep = mapping.parties_sep
        self.split: Callable[[str], list[str]] = re.compile(r"[;|]").split if sep == ";" \
            else lambda text: text.split(sep)
        # Attributes under their columns' names, in the columns' order: places and
        # coordinates too (checked first), so that they read back as they were written.
        self.attributes = [(i, name) for i, name in enumerate(self.header)
                           if mapping.fields[i] in _AS_ATTRIBUTES and name.strip()]
        # Keys born under the file's prefix (read_story's), not put under it afterwards.
        self.prefix = f"{key_prefix}:" if key_prefix else ""
        self.categories = _Named[CategoryRecord](f"{self.prefix}category")
        self.parties = _Named[PartyRecord](f"{self.prefix}party")
        self.sources = _Named[SourceRecord](f"{self.prefix}source")
        self.events: list[EventRecord] = []
        self.line_of: dict[str, int] = {}  # event key -> its line

    def story(self, title: str = "") -> Story:
        return Story(title=title, categories=tuple(self.categories.records.values()),
                     parties=tuple(self.parties.records.values()),
                     sources=tuple(self.sources.records.values()), events=tuple(self.events))

    def column_name(self, index: int) -> str:
        return self.header[index] if index < len(self.header) and self.header[index] \
            else f"{index + 1}"

    def read(self, row: Sequence[str], line: int) -> list[str]:
        """Add the row's event; or, when it is invalid, say why."""
        def cell(field: str) -> str:
            index = self.single[field]
            return _value(row[index]) if index is not None and index < len(row) else ""

        def where(field: str) -> str:
            index = self.single[field]
            return f"{self.place} {line}, column " + \
                self.column_name(index if index is not None else 0)

        problems: list[str] = []
        if any(extra.strip() for extra in row[len(self.header):]):
            problems.append(f"{self.place} {line}: {len(row)} cells, but the header names "
                            f"{len(self.header)} columns (is a quote left open on this line or "
                            "the one before?)")
        title = cell("title")
        if not title.strip():
            problems.append(f"{where('title')}: is empty; every event needs a title")
        when: DateSpan | None = None
        order = self.mapping.date_order
        try:
            start = cell("date")
            if not start.strip() or start.strip().casefold() in _NOTHING:
                raise DateError("is empty; every event needs a date (such as 2016 or 2023-08-25)")
            when = read_date(start, order=order)
        except DateError as error:
            problems.append(f"{where('date')}: {error}")
        end = cell("end").strip()
        if end and when is not None:
            try:
                if when.is_range:
                    raise DateError(f"{cell('date').strip()!r} in "
                                    f"{self.column_name(self.single['date'] or 0)} is already a "
                                    "range; leave this column empty")
                when = DateSpan(when.start, open_end=True) if is_ongoing(end) else \
                    span_between(when, read_date(end, order=order))
            except DateError as error:
                problems.append(f"{where('end')}: {error}")
        for field, limit in _COORDINATES.items():
            text = cell(field).strip()
            if text and text.casefold() not in _NOTHING:
                try:
                    value = float(text.replace(",", "."))
                    if not -limit <= value <= limit:
                        raise ValueError
                except ValueError:
                    problems.append(f"{where(field)}: {text!r} is not a {field} (a number from "
                                    f"-{limit:g} to {limit:g})")
        key = self.prefix + _event_key(cell("id"), line)
        if key in self.line_of:
            problems.append(f"{where('id')}: {cell('id').strip()!r} is also the id on line "
                            f"{self.line_of[key]}; ids must differ")
        if problems or when is None:
            return problems
        self.line_of[key] = line
        self.events.append(self._event(key, title, when, cell, row))
        return []

    def _roles(self, row: Sequence[str], role: str) -> list[RoleRecord]:
        roles = []
        for index in self.party_columns:
            text = _value(row[index]) if index < len(row) else ""
            for item in self.split(text):
                if item.strip():
                    name, given = _party_and_role(item)
                    party = self.parties.key(name_key(name), name_key(name),
                                             partial(_party_record, name))
                    roles.append(RoleRecord(party, given or role))
        return roles

    def _event(self, key: str, title: str, when: DateSpan, cell: Callable[[str], str],
               row: Sequence[str]) -> EventRecord:
        """The event of a valid row, its category, parties and source added where new."""
        category = cell("category").strip()
        roles = self._roles(row, cell("role").strip() or DEFAULT_ROLE)
        attributes = [(name, value) for i, name in self.attributes
                      if i < len(row) and (value := _value(row[i])).strip()]
        url, source_title = cell("source_url").strip(), cell("source_title").strip()
        quote = cell("quote")
        if url and not source_title and not _is_url(url):
            url, source_title = "", url  # "Reuters" under "source": a name, not a link
        elif source_title and not url and _is_url(source_title):
            url, source_title = source_title, ""  # a link under "source"
        citations: tuple[CitationRecord, ...] = ()
        if url or source_title:
            identity = f"url {url}" if url else f"title {name_key(source_title)}"
            readable = re.sub(r"\A[A-Za-z][A-Za-z0-9+.-]*://", "", url) or \
                name_key(source_title)
            source = self.sources.key(identity, readable, lambda k: SourceRecord(
                key=k, title=source_title or _host(url), url=url))
            citations = (CitationRecord(source, quote),)
        elif quote.strip():
            attributes.append(("quote", quote))  # kept, as there is nothing to cite
        return EventRecord(
            key=key, title=title, when=when, description=cell("description"),
            category=self.categories.key(name_key(category), name_key(category),
                                         lambda k: CategoryRecord(key=k, name=category))
            if category else None,
            parties=tuple(dict.fromkeys(roles)), citations=citations,
            attributes=tuple(attributes))


def _checked_rows(table: Table, reader: RowReader, suspect: bool
                  ) -> Iterator[tuple[int, tuple[str, ...], list[str]]]:
    """Each row, read by `reader`, with its problems. TableError where the file stops being
    readable."""
    for line, cells in table.rows():
        if suspect and (bad := first_not_text(cells)) is not None:
            yield line, cells, [f"{reader.place} {line}, column {reader.column_name(bad[0])}: "
                                f"{bad[1]}"]
        else:
            yield line, cells, reader.read(cells, line)


def _intro_row(table: Table, mapping: ColumnMapping) -> int | None:
    """The line of a first row with a title and no date at all (a sheet's introduction, as in
    TimelineJS's spreadsheets), when rows with dates follow: read as the story's title."""
    first = table.first_rows(2)
    date, title = mapping.column("date"), mapping.column("title")
    if len(first) < 2 or date is None or title is None:
        return None
    (line, cells), (_, below) = first

    def filled(cells: Sequence[str], column: int) -> bool:
        return column < len(cells) and bool(cells[column].strip())

    if filled(cells, title) and not filled(cells, date) and filled(below, date):
        return line
    return None


def read_table(table: Table, mapping: ColumnMapping, *, suspect: bool = True,
               warnings: list[str] | None = None, key_prefix: str = "") -> Story:
    """The story in `table` read through `mapping`; FormatError listing every invalid row,
    carrying the story of the valid ones. `suspect`: look for NULs and lone surrogates in each
    row (a reader that checked the whole text at once passes False when there are none).
    What was read although odd is added to `warnings`. Keys are made under `key_prefix`."""
    if missing := mapping.missing:
        raise FormatError(table.source, [_missing_message(table, missing)])
    reader = RowReader(table.header, mapping, place=_where(table), key_prefix=key_prefix)
    intro = _intro_row(table, mapping)
    title = table.title
    problems: list[str] = []
    try:
        for line, cells, found in _checked_rows(table, reader, suspect):
            if line == intro:
                title = _value(cells[mapping.column("title") or 0]).strip()
                if warnings is not None:
                    warnings.append(f"{_where(table)} {line} has a title and no date: read as "
                                    f"the timeline's title ({title[:60]!r}), not as an event")
                continue
            problems += found
    except TableError as error:
        raise FormatError(table.source, [*problems, str(error)]) from None
    return story_or_refusal(table.source, reader.story(title), problems)


def _where(table: Table) -> str:
    """How a row is named: by line in text, by sheet and row in a workbook."""
    return f"sheet {table.sheet!r}, row" if table.sheet else "line"


def _missing_message(table: Table, missing: Sequence[str]) -> str:
    from models.formats.columns import SYNONYMS

    expected = "; ".join(f"{f} (or {', '.join(SYNONYMS[f][1:6])}, …)" for f in missing)
    named = [repr(name) for name in table.header if name]
    found = ", ".join(named[:20]) + (f", … ({len(named)} in all)" if len(named) > 20 else "")
    others = [repr(sheet) for sheet in table.sheets if sheet != table.sheet]
    where = f"{_where(table)} {table.header_line}" if table.named else "no header row"
    return (f"{where}: no column gives {expected}; the columns are "
            f"{found or 'none'}. Say which with --columns (e.g. --columns title=Name,date=From), "
            "or import it in the window to choose" + (
                f"; or read another sheet with --sheet: {', '.join(others)}" if others else ""))


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One row as it would import: its event, or why it would fail."""

    line: int
    cells: tuple[str, ...]
    event: EventRecord | None
    problems: tuple[str, ...] = ()
    intro: bool = False  # the sheet's introduction, read as the story's title


@dataclass(frozen=True, slots=True)
class TablePreview:
    """The first rows as they would import, and how many of the rows read would fail."""

    mapping: ColumnMapping
    rows: tuple[PreviewRow, ...]
    checked: int  # rows read (all of them, up to PREVIEW_CHECKS)
    failing: int
    failures: tuple[str, ...]  # the first problems, for a summary
    complete: bool  # whether every row was read
    parties: dict[str, str]  # party key -> name, for showing the rows' events
    categories: dict[str, str]
    sources: dict[str, str]
    stopped: str = ""  # where the file stopped being readable, if it did
    failing_rows: tuple[PreviewRow, ...] = ()  # the first rows that would fail

    def event_json(self, event: EventRecord) -> dict[str, Any]:
        """An event of the preview as it would import (names, not keys)."""
        found: dict[str, Any] = {"title": event.title, "date": event.when.edtf(),
                                 "shown": event.when.display()}
        if event.description:
            found["description"] = event.description
        if event.category:
            found["category"] = self.categories.get(event.category, event.category)
        if event.parties:
            found["parties"] = [{"name": self.parties.get(r.party, r.party), "role": r.role}
                                for r in event.parties]
        if event.citations:
            found["sources"] = [{"source": self.sources.get(c.source, c.source),
                                 "quote": c.quote} for c in event.citations]
        if event.attributes:
            found["attributes"] = [{"name": n, "value": v} for n, v in event.attributes]
        return found

    def as_json(self, table: Table) -> dict[str, Any]:
        rows: list[dict[str, Any]] = []
        for row in self.rows:
            shown: dict[str, Any] = {"line": row.line}
            if row.intro:
                shown["title_of_the_timeline"] = True
            if row.event is not None:
                shown["event"] = self.event_json(row.event)
            if row.problems:
                shown["problems"] = list(row.problems)
            rows.append(shown)
        return {
            "file": table.source, **({"sheet": table.sheet, "sheets": list(table.sheets)}
                                     if table.sheet else {"delimiter": table.delimiter}),
            "header_line": table.header_line, "title": table.title,
            "mapping": {**self.mapping.as_json(table.header),
                        "remembered": self.mapping.remembered,
                        "missing": self.mapping.missing},
            "rows_checked": self.checked, "all_rows_checked": self.complete,
            "failing": self.failing, "failures": list(self.failures),
            **({"stopped": self.stopped} if self.stopped else {}),
            "rows": rows,
        }


def preview(table: Table, mapping: ColumnMapping, *, rows: int = 200,
            checks: int = PREVIEW_CHECKS, stop: Callable[[], bool] | None = None
            ) -> TablePreview | None:
    """The first `rows` rows through `mapping`, and the count of failing rows among the first
    `checks` (the whole file, for most). None when `stop()` turns true on the way (it is asked
    every thousand rows: the window checks in a thread, and a newer mapping stops it)."""
    reader = RowReader(table.header, mapping, place=_where(table))
    intro = _intro_row(table, mapping) if not mapping.missing else None
    shown: list[PreviewRow] = []
    failing_rows: list[PreviewRow] = []
    failures: list[str] = []
    checked = failing = 0
    complete, stopped = True, ""
    try:
        for line, cells, found in _checked_rows(table, reader, True) if not mapping.missing \
                else ((line, cells, []) for line, cells in table.rows()):
            if checked >= checks:
                complete = False
                break
            if stop is not None and checked % 1000 == 999 and stop():
                return None
            checked += 1
            is_intro = line == intro
            event = reader.events[-1] if not found and not mapping.missing and \
                reader.events and reader.line_of.get(reader.events[-1].key) == line else None
            row = PreviewRow(line, cells, None if is_intro else event, tuple(found), is_intro)
            if found and not is_intro:
                failing += 1
                if len(failures) < 20:
                    failures.extend(found[:20 - len(failures)])
                if len(failing_rows) < rows:
                    failing_rows.append(row)
            if len(shown) < rows:
                shown.append(row)
    except TableError as error:
        stopped = str(error)
    return TablePreview(
        mapping, tuple(shown), checked, failing, tuple(failures), complete,
        {k: r.name for k, r in reader.parties.records.items()},
        {k: r.name for k, r in reader.categories.records.items()},
        {k: r.title for k, r in reader.sources.records.items()}, stopped,
        tuple(failing_rows))
