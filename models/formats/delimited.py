"""Events in delimited text (CSV, TSV, semicolons, pipes) with a header row, read into a Story
(`parse_csv`), and a story's events written as such a file (`dump_csv`).

Reading: the delimiter is guessed by csv.Sniffer and checked against the header; the header may
sit below title rows (models.formats.table); each column becomes a field through a mapping
proposed from the columns' names and contents or chosen by the user (models.formats.columns);
the rows are read into events (models.formats.rows, which lists the fields). A row with a NUL
(or a lone surrogate) in any cell is invalid, named by line and column, as in every reader
(models.interchange.text_problem).

Writing: against spreadsheet formula injection, `dump_csv` writes a cell starting with
= + - @, tab or carriage return with a leading apostrophe (OWASP), and reading drops one leading
apostrophe before those characters (or before more apostrophes and then one of them), so every
cell reads back as it was written.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

from models.formats.columns import (
    SYNONYMS,
    ColumnError,
    TableChoices,
    has_event_columns,
    mapping_for,
    named_fields,
)
from models.formats.rows import _WRITTEN, _guard, read_table
from models.formats.table import (
    Table,
    TableError,
    guessed_delimiter,
    one_line_ending,
    text_table,
)
from models.interchange import FormatError, first_not_text, text_problem
from models.story import (
    Story,
    StoryStream,
)


def csv_table(text: str, *, source: str = "<text>") -> Table:
    """The table in delimited text, any line ending, with or without a byte order mark."""
    text = one_line_ending(text.removeprefix("\ufeff"))
    return text_table(text, source, delimiter=guessed_delimiter(text, has_event_columns))


def parse_csv(text: str, *, source: str = "<text>", choices: TableChoices | None = None,
              warnings: list[str] | None = None, key_prefix: str = "") -> Story:
    """The events in delimited text, its columns mapped as `choices` say (proposed when
    unsaid). FormatError naming each invalid row, or the file's problem."""
    suspect = text_problem(text) is not None  # (one fast look at the whole file first)
    try:
        table = csv_table(text, source=source)
    except TableError as error:
        raise FormatError(source, [f"the header is not readable as CSV ({error.reason})"]) \
            from None
    if suspect and (bad := first_not_text(table.header)) is not None:
        raise FormatError(source, [f"line {table.header_line}: the header {bad[1]}: is it a "
                                   "CSV file saved as text?"])
    if not any(name.strip() for name in table.header):
        raise FormatError(source, ["the file is empty: a CSV needs a header row naming its "
                                   "columns, at least title and date"])
    try:
        mapping = mapping_for(table, choices or TableChoices())
    except ColumnError as error:
        raise FormatError(source, [str(error)]) from None
    return read_table(table, mapping, suspect=suspect, warnings=warnings,
                      key_prefix=key_prefix)


# --- writing -------------------------------------------------------------------------------------


def attribute_columns(names: Iterable[Sequence[str]]) -> list[str]:
    """The attribute columns for events with attributes of these names (in the events' order):
    one per name, repeated where an event has the name more than once, in the order first met."""
    counts: Counter[str] = Counter()
    for event_names in names:
        counts |= Counter(name for name in event_names if name.strip())
    return [name for name, count in counts.items() for _ in range(count)]


def _claiming_columns(extra: Sequence[str]) -> list[str]:
    """Empty columns named for the fields that attribute columns named `extra` would be read as
    ("until" as the end date, "role" as the parties' role): a field's own name comes first
    and claims it, so that the attributes read back as attributes."""
    fields = named_fields([*_WRITTEN, *extra])[len(_WRITTEN):]
    return [SYNONYMS[f][0] for f in dict.fromkeys(fields) if f not in ("attribute", "ignore")]


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
    header = [*_WRITTEN[:3], *_claiming_columns(extra), *_WRITTEN[3:], *extra]

    fixed = header[:len(header) - len(extra)]
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_guard(name) for name in header])
    for event in stream.events:
        cited = sources.get(event.citations[0].source) if event.citations else None
        values = {
            "id": event.key, "title": event.title, "date": event.when.edtf(),
            "description": event.description,
            "category": categories.get(event.category, event.category) if event.category else "",
            "parties": "; ".join(f"{parties.get(r.party, r.party)} ({r.role})"
                                 for r in event.parties),
            "source_url": cited.url if cited else "",
            "source_title": cited.title if cited else "",
            "quote": event.citations[0].quote if cited else "",
        }
        row = [values.get(name, "") for name in fixed]
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


__all__ = ["attribute_columns", "csv_table", "dump_csv", "parse_csv", "write_csv"]
