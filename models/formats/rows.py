"""Rows of a table read into events: cells as text (formula guards dropped, HTML as plain
text), dates, keys, parties with roles, sources. The CSV reader (models.formats.delimited)
and the spreadsheet reader share it."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from models.dates import DateError, DateSpan, days_in_month, parse_edtf
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

DEFAULT_ROLE = "party"
R = TypeVar("R")
# Each field and the column names that give it, its own name first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "key"),
    "title": ("title", "headline", "name", "event"),
    "date": ("date", "when", "start", "start date"),
    "end": ("end", "end date", "until"),
    "description": ("description", "text", "notes"),
    "category": ("category", "group", "type"),
    "parties": ("parties",),
    "source_url": ("source_url", "url", "source", "link"),
    "source_title": ("source_title",),
    "quote": ("quote",),
}
_REQUIRED = ("title", "date")
# The columns dump_csv writes ("end" only when an attribute would otherwise be read as it).
_WRITTEN = ("id", "title", "date", "description", "category", "parties", "source_url",
            "source_title", "quote")

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,159}\Z")
_SNIFF_CHARS = 8192
# A cell a spreadsheet would run as a formula; with leading apostrophes, one that we guarded.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_FORMULA_START = frozenset("'=+-@\t\r")  # the first character of every cell _FORMULA matches
# HTML is recognised by its common tags, so that "x < y" or "Vector<int>" stay as written.
_HTML_TAG = re.compile(
    r"<(?:/?(?:a|abbr|b|blockquote|br|cite|code|div|em|h[1-6]|hr|i|img|li|ol|p|pre|q|s|small"
    r"|span|strong|sub|sup|table|td|th|tr|u|ul)\b[^<>]*|!--.*?--)>", re.IGNORECASE | re.DOTALL)
_ISO_SPACE = re.compile(r"(-?[0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:[0-9]{2}(?::[0-9]{2})?)")
_ALL_NUMBERS = re.compile(r"[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{2,4}")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})\.?\s+([A-Za-z]+)\.?,?\s+([0-9]{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s+([0-9]{4})")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {**{n: i for i, n in enumerate(_MONTH_NAMES, 1)},
           **{n[:3]: i for i, n in enumerate(_MONTH_NAMES, 1)}, "sept": 9}


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


def _fold(name: str) -> str:
    """A column name as matched: no case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_-]+", "", name).casefold()


_FOLDED = {field: tuple(_fold(name) for name in names) for field, names in COLUMNS.items()}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False) \
        .hexdigest()[:10]


# --- dates ---------------------------------------------------------------------------------------


def _named_date(text: str) -> str | None:
    """EDTF for "25 August 2023", "August 25, 2023" or "Aug 2023"; None when it is none of those.
    DateError when it is one of them but no such day exists."""
    for pattern, fields in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy"),
                            (_MONTH_YEAR, "my")):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = dict(zip(fields, match.groups(), strict=True))
        month = _MONTHS.get(parts["m"].casefold())
        if month is None:
            return None
        year = int(parts["y"])
        if "d" not in parts:
            return f"{year:04d}-{month:02d}"
        day, last = int(parts["d"]), days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(f"{text!r} is not a date: {_MONTH_NAMES[month - 1].title()} {year} "
                            f"has {last} days")
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _edtf_text(cell: str) -> str:
    """EDTF text for a date cell, for parse_edtf to read (and to refuse with its own message)."""
    text = cell.strip()
    if match := _ISO_SPACE.fullmatch(text):
        return f"{match[1]}T{match[2]}"
    if _ALL_NUMBERS.fullmatch(text):
        raise DateError(f"{text!r} is not a date Chronolens reads: the order of day and month "
                        "in all-number dates differs between countries; write it as 2023-08-25 "
                        "or 25 August 2023")
    return _named_date(text) or text


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
    """'Alan Fan (spokesperson)' -> ('Alan Fan', 'spokesperson'). The role is the last bracketed
    part, which may hold brackets itself: 'Huawei (accused (denies))'."""
    text = item.strip()
    if text.endswith(")"):
        depth = 0
        for at in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[at], 0)
            if depth == 0:
                name = text[:at].strip()
                if name:
                    return name, text[at + 1:-1].strip() or DEFAULT_ROLE
                break
    return text, DEFAULT_ROLE


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


def _first_row(text: str, delimiter: str) -> tuple[int, list[str]]:
    """The header: the first record with a non-blank cell, and the line it starts on."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for row in rows:
        if any(cell.strip() for cell in row):
            return line, [_unguard(cell).strip() for cell in row]
        line = rows.line_num + 1
    return line, []


def _columns(header: Sequence[str]) -> dict[str, int]:
    """field -> column index, for the fields the header has."""
    folded = [_fold(name) for name in header]
    found: dict[str, int] = {}
    for field, names in _FOLDED.items():
        for name in names:
            if name in folded:
                found[field] = folded.index(name)
                break
    return found


def has_event_columns(header: Sequence[str]) -> bool:
    """Whether a header row names the columns parse_csv needs (a title and a date)."""
    return all(field in _columns(header) for field in _REQUIRED)


def _delimiter(text: str) -> str:
    """The sniffed delimiter, unless only another one makes a header with title and date
    columns (the sniffer counts characters, and cells full of semicolons can fool it)."""
    try:
        sniffed = csv.Sniffer().sniff(text[:_SNIFF_CHARS], ",;\t").delimiter
    except csv.Error:
        sniffed = ","
    for delimiter in dict.fromkeys((sniffed, ",", ";", "\t")):
        try:
            header = _first_row(text, delimiter)[1]
        except csv.Error:
            continue
        if all(f in _columns(header) for f in _REQUIRED):
            return delimiter
    return sniffed


class _Rows:
    """Rows read into events, with the categories, parties and sources of the valid ones."""

    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.fields = _columns(header)
        self.extras = [(i, name) for i, name in enumerate(header)
                       if name and i not in self.fields.values()]
        self.categories = _Named[CategoryRecord]("category")
        self.parties = _Named[PartyRecord]("party")
        self.sources = _Named[SourceRecord]("source")
        self.events: list[EventRecord] = []
        self.line_of: dict[str, int] = {}  # event key -> its line

    def story(self) -> Story:
        return Story(categories=tuple(self.categories.records.values()),
                     parties=tuple(self.parties.records.values()),
                     sources=tuple(self.sources.records.values()), events=tuple(self.events))

    def read(self, row: list[str], line: int) -> list[str]:
        """Add the row's event; or, when it is invalid, say why."""
        def cell(field: str) -> str:
            index = self.fields.get(field)
            return _value(row[index]) if index is not None and index < len(row) else ""

        def where(field: str) -> str:
            return f"line {line}, column {self.header[self.fields[field]]}"

        problems: list[str] = []
        if any(extra.strip() for extra in row[len(self.header):]):
            problems.append(f"line {line}: {len(row)} cells, but the header names "
                            f"{len(self.header)} columns (is a quote left open on this line or "
                            "the one before?)")
        title = cell("title")
        if not title.strip():
            problems.append(f"{where('title')}: is empty; every event needs a title")
        when: DateSpan | None = None
        start = cell("date")
        try:
            if not start.strip():
                raise DateError("is empty; every event needs a date (such as 2016 or 2023-08-25)")
            start = _edtf_text(start)
            when = parse_edtf(start)
        except DateError as error:
            problems.append(f"{where('date')}: {error}")
        end = cell("end").strip()
        if end and when is not None:
            try:
                if when.is_range:
                    raise DateError(f"{start!r} in {self.header[self.fields['date']]} is already "
                                    "a range; leave this column empty")
                when = parse_edtf(f"{start}/{end if end == '..' else _edtf_text(end)}")
            except DateError as error:
                problems.append(f"{where('end')}: {error}")
        key = _event_key(cell("id"), line)
        if key in self.line_of:
            problems.append(f"{where('id')}: {cell('id').strip()!r} is also the id on line "
                            f"{self.line_of[key]}; ids must differ")
        if problems or when is None:
            return problems
        self.line_of[key] = line
        self.events.append(self._event(key, title, when, cell, row))
        return []

    def _role(self, item: str) -> RoleRecord:
        name, role = _party_and_role(item)
        party = self.parties.key(name_key(name), name_key(name),
                                 lambda k: PartyRecord(key=k, name=name))
        return RoleRecord(party, role)

    def _event(self, key: str, title: str, when: DateSpan, cell: Callable[[str], str],
               row: list[str]) -> EventRecord:
        """The event of a valid row, its category, parties and source added where new."""
        category = cell("category").strip()
        roles = [self._role(item) for item in re.split(r"[;|]", cell("parties")) if item.strip()]
        attributes = [(name, value) for i, name in self.extras
                      if i < len(row) and (value := _value(row[i])).strip()]
        url, source_title = cell("source_url").strip(), cell("source_title").strip()
        quote = cell("quote")
        if url and not source_title and not _is_url(url):
            url, source_title = "", url  # "Reuters" under "source": a name, not a link
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
