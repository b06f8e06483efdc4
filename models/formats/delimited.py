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
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

from models.formats.rows import (
    _FOLDED,
    _REQUIRED,
    _WRITTEN,
    COLUMNS,
    DEFAULT_ROLE,
    _delimiter,
    _first_row,
    _fold,
    _guard,
    _Rows,
)
from models.interchange import FormatError, first_not_text, story_or_refusal, text_problem
from models.story import (
    Story,
    StoryStream,
)


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
