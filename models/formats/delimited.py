"""Events in a CSV file with a header row, read into a Story (`parse_csv`), and a story's events
written as such a file (`dump_csv`).

The delimiter (comma, semicolon or tab) is guessed by csv.Sniffer and checked against the header.
Columns are found by name, ignoring case, spaces, underscores and hyphens; where several columns
could give a field, its own name wins over the others listed, and then the leftmost column.

- ``title`` (or ``headline``, ``name``, ``event``): required, the event's title.
- ``date`` (or ``when``, ``start``, ``start date``): required. EDTF ("2023-08-25", "2019~",
  "2016/2019", "2019/.."), an ISO date and time with a space ("2023-08-25 14:30"), or a date with
  an English month name ("25 August 2023", "August 25, 2023", "Aug 2023"; four-digit years).
  All-number dates such as "05/08/2023" are refused: countries disagree on day/month order.
- ``end`` (or ``end date``, ``until``): optional; with ``date`` it makes a range ("" or ".." for
  an ongoing one). Leave it empty when ``date`` is already a range.
- ``description`` (or ``text``, ``notes``), ``category`` (or ``group``, ``type``): one category
  per distinct name.
- ``parties``: party names separated by ";" or "|", each optionally with its role in brackets
  ("Huawei (signatory); Ericsson"; the role defaults to "party"). One party per distinct name.
- ``source_url`` (or ``url``, ``source``, ``link``), ``source_title``, ``quote``: the event
  cites one source, one per distinct URL (or title, without a URL), titled by ``source_title``
  or else the URL's host. A ``source_url`` that is not a URL ("Reuters") is the source's title
  when ``source_title`` is empty. A quote with no source is kept as an attribute "quote".
- ``id`` (or ``key``): the event's stable key, so that importing the file again updates its
  events; without it, events are keyed by line number.
- Any other column with a name: an attribute of the event (name and text) where not empty.

A row with a NUL (or a lone surrogate) in any cell is invalid, named by line and column, as in
every reader (models.interchange.text_problem). Names of categories and parties are told apart
ignoring case and spacing. A cell holding HTML
tags is read as HTML and becomes plain text. Against spreadsheet formula injection, `dump_csv`
writes a cell starting with = + - @, tab or carriage return with a leading apostrophe (OWASP),
and `parse_csv` drops one leading apostrophe before those characters (or before more
apostrophes and then one of them), so every cell reads back as it was written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TextIO, TypeVar
from urllib.parse import urlsplit

from models.dates import DateError, DateSpan, days_in_month, parse_edtf
from models.interchange import FormatError, first_not_text, story_or_refusal, text_problem
from models.names import name_key
from models.story import (
    CategoryRecord,
    CitationRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
    StoryStream,
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


def parse_csv(text: str, *, source: str = "<text>") -> Story:
    text = text.removeprefix("\ufeff")
    suspect = text_problem(text) is not None  # (one fast look at the whole file first)
    delimiter = _delimiter(text)
    try:
        header_line, header = _first_row(text, delimiter)
    except csv.Error as error:
        raise FormatError(source, [f"the header is not readable as CSV ({error})"]) from None
    if suspect and (bad := first_not_text(header)) is not None:
        raise FormatError(source, [f"line {header_line}: the header {bad[1]}: is it a CSV file "
                                   "saved as text?"])
    if not header:
        raise FormatError(source, ["the file is empty: a CSV needs a header row naming its "
                                   "columns, at least title and date"])
    rows = _Rows(header)
    missing = [f for f in _REQUIRED if f not in rows.fields]
    if missing:
        expected = "; ".join(f"{f} (or {', '.join(COLUMNS[f][1:])})" for f in missing)
        named = [repr(name) for name in header if name]
        found = ", ".join(named[:20]) + (f", … ({len(named)} in all)" if len(named) > 20 else "")
        raise FormatError(source, [f"line {header_line}: the header has no column for "
                                   f"{expected}; its columns are {found or 'none'}"])
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1  # a record may span several lines
            if start > header_line and any(cell.strip() for cell in row):
                if suspect and (bad := first_not_text(row)) is not None:
                    column = header[bad[0]] if bad[0] < len(header) else ""
                    problems.append(f"line {start}, column {column or bad[0] + 1}: {bad[1]}")
                else:
                    problems += rows.read(row, start)
    except csv.Error as error:
        raise FormatError(source, [*problems, f"line {line}: not readable as CSV ({error})"]) \
            from None
    return story_or_refusal(source, rows.story(), problems)


# --- writing -------------------------------------------------------------------------------------


def attribute_columns(names: Iterable[Sequence[str]]) -> list[str]:
    """The attribute columns for events with attributes of these names (in the events' order):
    one per name, repeated where an event has the name more than once, in the order first met."""
    counts: Counter[str] = Counter()
    for event_names in names:
        counts |= Counter(name for name in event_names if name.strip())
    return [name for name, count in counts.items() for _ in range(count)]


def write_csv(out: TextIO, stream: StoryStream) -> None:
    """The stream's events as CSV (with "\\r\\n" line ends, as Excel expects), in date order,
    that parse_csv reads back to the same events: the whole date (a range too) in the date
    column, the first citation of each event, one column per attribute name (repeated where an
    event has the name more than once). Parties' kinds and descriptions, sources' texts, links
    and eras have no place in it: the native format keeps everything."""
    categories = {c.key: c.name for c in stream.categories}
    parties = {p.key: p.name for p in stream.parties}
    sources = {s.key: s for s in stream.sources}
    extra = attribute_columns(stream.attribute_names)
    needs_end = any(_fold(name) in _FOLDED["end"] for name in extra)
    header = [*_WRITTEN[:3], *(["end"] if needs_end else []), *_WRITTEN[3:], *extra]

    fixed = header[:len(header) - len(extra)]
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_guard(name) for name in header])
    for event in stream.events:
        cited = sources.get(event.citations[0].source) if event.citations else None
        values = {
            "id": event.key, "title": event.title, "date": event.when.edtf(), "end": "",
            "description": event.description,
            "category": categories.get(event.category, event.category) if event.category else "",
            "parties": "; ".join(f"{parties.get(r.party, r.party)} ({r.role})"
                                 for r in event.parties),
            "source_url": cited.url if cited else "",
            "source_title": cited.title if cited else "",
            "quote": event.citations[0].quote if cited else "",
        }
        row = [values[name] for name in fixed]
        if extra:
            given: dict[str, list[str]] = {}
            for name, value in event.attributes:
                given.setdefault(name, []).append(value)
            taken: Counter[str] = Counter()
            for name in extra:
                row.append(given[name][taken[name]] if taken[name] < len(given.get(name, ()))
                           else "")
                taken[name] += 1
        writer.writerow([_guard(cell) for cell in row])


def dump_csv(story: Story) -> str:
    """The story's events as CSV (see write_csv)."""
    out = io.StringIO()
    write_csv(out, StoryStream.of(story))
    return out.getvalue()


__all__ = ["COLUMNS", "DEFAULT_ROLE", "attribute_columns", "dump_csv", "parse_csv", "write_csv"]
