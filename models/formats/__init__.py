"""Which format a file is in, told from its content, and reading its text in whatever encoding
it came in. The one entry point for imports: `read_story(path)`.

Formats by name (the names `import --format` takes): native, timelinejs, timelinejs-csv,
timeline-xml, icews, gdelt, vis, csv. Each has a reader, a function (text, *, source) -> Story
that raises FormatError; when only some records are invalid, the error carries the story of the
others (`valid`), which `read_story(..., skip_invalid=True)` returns with the problems listed.
A reader that takes `key_prefix` makes its keys under the file's prefix itself (read_story
puts every other non-native reader's keys under it afterwards). A reader may also take
`warnings`, a list it appends to what it read although it is odd (what
the source tool itself shows: one line per kind of oddity, counting the records that have it);
read_story passes one to the readers that take it and puts its lines in ImportedFile.warnings,
after those of decoding, even when the invalid records are left out.
Readers are imported on first use: opening the app reads none of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import inspect
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from models.files import replacing, write_atomically
from models.interchange import FormatError, read_text
from models.story import Story, StoryStream, key_part

if TYPE_CHECKING:
    from models.filters import Filter
    from models.formats.columns import TableChoices
    from models.formats.table import Table
    from models.store import Store

FORMAT_LABELS = {
    "native": "Chronolens JSON",
    "timelinejs": "TimelineJS JSON",
    "timelinejs-csv": "TimelineJS spreadsheet (CSV)",
    "timeline-xml": "Timeline (thetimelineproj) XML",
    "icews": "ICEWS event data",
    "gdelt": "GDELT event export",
    "vis": "vis-timeline JSON",
    "csv": "CSV with a header row",
    "spreadsheet": "Spreadsheet (Excel, OpenDocument)",
}
FORMATS = tuple(FORMAT_LABELS)
# Each format's reader, "module:function", a parser of (text, *, source) -> Story.
READERS = {
    "native": "models.interchange:parse_native",
    "timelinejs": "models.timelinejs:parse_timelinejs",
    "timelinejs-csv": "models.timelinejs:parse_timelinejs_csv",
    "timeline-xml": "models.timeline_xml:parse_timeline_xml",
    "icews": "models.event_data:parse_icews",
    "gdelt": "models.event_data:parse_gdelt",
    "vis": "models.vis_format:parse_vis",
    "csv": "models.formats.delimited:parse_csv",
    # A workbook is read from its path (it is not text): (path, *, choices, warnings) -> Story.
    "spreadsheet": "models.formats.spreadsheet:parse_workbook",
}
# The formats whose columns are mapped to fields (the import preview, --columns).
TABLE_FORMATS = frozenset({"csv", "spreadsheet"})
_JSON_FORMATS = frozenset({"native", "timelinejs", "vis"})

SNIFF_CHARS = 64 * 1024  # enough of a file to tell its format
_NATIVE_HEAD = re.compile(r'\{\s*"format"\s*:\s*"chronolens"')
_GDELT_COLUMNS = (57, 58, 61)  # 1.0 before 2013 had 57, 1.0 daily files 58, 2.0 61
_TIMELINEJS_CSV = {"year", "month", "day", "headline"}
_ICEWS = {"event id", "event date", "source name", "target name", "cameo code"}


def detect_format(text: str, name: str = "") -> str | None:
    """The format of a file from its text (and, only to break ties, its name); None when it is
    none we know."""
    from models.formats.table import one_line_ending  # (the tables' modules: on first use)

    head = one_line_ending(text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n"))
    if _NATIVE_HEAD.match(head):  # as Chronolens writes it: no need to parse it twice
        return "native"
    if head.startswith(("{", "[")):
        return _detect_json(text)
    if head.startswith("<"):
        return "timeline-xml" if re.search(r"<timeline[\s>]", head) else None
    if name.lower().endswith(".timeline"):
        return "timeline-xml"  # Timeline's plain text from before 2010: refused by its reader
    if not head:
        return None
    # The first line as the readers cut lines: at "\n" only (str.splitlines also cuts at \v,
    # \f, \x1c-\x1e, \x85 and \u2028, which are text inside a cell).
    first = head.split("\n", 1)[0].removesuffix("\r")
    if "\t" in first:
        columns = first.split("\t")
        if _ICEWS <= {c.strip().lower() for c in columns}:
            return "icews"
        if len(columns) in _GDELT_COLUMNS and re.fullmatch(r"\d+", columns[0]) and \
                re.fullmatch(r"\d{8}", columns[1]):
            return "gdelt"
        if len(columns) in _GDELT_COLUMNS:
            from models.event_data import is_gdelt_header

            if is_gdelt_header(columns):  # an export saved again with a header row
                return "gdelt"
    from models.formats.delimited import csv_table
    from models.formats.table import TableError

    try:  # the header as the CSV reader finds it (below any title rows; a quoted name may
        # hold a line break)
        header: Sequence[str] = csv_table(head).header
    except TableError:
        header = []
    names = {h.strip().lower() for h in header}
    if _TIMELINEJS_CSV <= names:
        return "timelinejs-csv"
    # At least two named columns; an unnamed one is fine (pandas writes its index as a first
    # column headed "").
    if sum(1 for h in header if h.strip()) >= 2:
        from models.formats.columns import has_event_columns

        # A .csv file is one (its reader says which columns are missing); other text only
        # when its header names an event's columns (a licence's first line does not).
        if name.lower().endswith((".csv", ".tsv")) or has_event_columns(header):
            return "csv"
    return None


def _detect_json(text: str) -> str | None:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(doc, dict):
        if doc.get("format") == "chronolens":
            return "native"
        if isinstance(doc.get("events"), list) or isinstance(doc.get("title"), dict):
            return "timelinejs"
        if isinstance(doc.get("timeline"), dict):  # TimelineJS 2
            return "timelinejs"
        if isinstance(doc.get("items"), list):
            return "vis"
        return None
    if isinstance(doc, list) and doc and all(  # vis items: a title stands for a missing content
            isinstance(item, dict) and "start" in item and ("content" in item or "title" in item)
            for item in doc[:50]):
        return "vis"
    return None


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """One file read for import: its story (keys already under the file's own prefix), the
    format it was read as, the invalid records left out (only with skip_invalid) and warnings."""

    path: Path
    format: str
    story: Story
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def reader(format: str) -> Callable[..., Story]:
    module, function = READERS[format].split(":")
    parse: Callable[..., Story] = getattr(importlib.import_module(module), function)
    return parse


def read_story(path: Path, *, format: str | None = None, skip_invalid: bool = False,
               choices: TableChoices | None = None) -> ImportedFile:
    """The story in `path`, read as `format` (detected from the content when None), a table's
    columns mapped as `choices` say (else the mapping remembered for its header, or proposed).
    FormatError, naming the file, for a format we do not know or a file that is invalid; with
    skip_invalid, invalid records are left out (and listed) as long as the file itself reads."""
    from models.formats.columns import TableChoices
    from models.formats.table import is_workbook

    if format not in (None, *FORMAT_LABELS):
        raise FormatError(str(path), [f"--format {format!r}: use one of {', '.join(FORMATS)}"])
    warned: list[str] = []
    text: str | None = None
    encoding_warnings: tuple[str, ...] = ()
    if format == "spreadsheet" or (format is None and is_workbook(path)):
        found: str | None = "spreadsheet"
    else:
        decoded = read_text(path)
        text, encoding_warnings = decoded.text, decoded.warnings
        found = format or detect_format(decoded.text, path.name)
        if found in _JSON_FORMATS and decoded.encoding == "latin-1":  # JSON is always Unicode
            raise FormatError(str(path), [f"{decoded.warnings[0].split(';')[0]}: JSON is "
                                          "always Unicode"])
    if found is None:
        raise FormatError(str(path), [
            "not a format Chronolens knows: it reads " + ", ".join(FORMAT_LABELS.values())
            + (_TABLE_HINT if text is not None and _looks_like_a_table(text) else "")])
    skipped: tuple[str, ...] = ()
    parse = reader(found)
    told: dict[str, object] = {}
    if "warnings" in inspect.signature(parse).parameters:
        told["warnings"] = warned
    if found in TABLE_FORMATS:
        told["choices"] = choices or TableChoices(remembered=True)
    # Keys under the file's own prefix: made so by the readers that can (much faster than
    # making every record again), else put there after reading.
    prefixed = "key_prefix" in inspect.signature(parse).parameters and found != "native"
    if prefixed:
        told["key_prefix"] = _file_prefix(path)
    try:
        story = parse(path, **told) if text is None else parse(text, source=str(path), **told)
    except FormatError as error:
        leave_out = skip_invalid or (choices is not None and choices.leave_out_invalid)
        if not leave_out or error.valid is None:
            raise
        story, skipped = error.valid, (*error.problems, *error.left_out)
    if found != "native" and not prefixed:
        story = namespaced(story, _file_prefix(path))
    return ImportedFile(path, found, story, skipped, (*encoding_warnings, *warned))


_TABLE_HINT = (". It looks like a table without a header row: import it with --format csv "
               "(its columns are proposed from their contents; --columns title=3,date=1 "
               "names them by number), or add a first row naming the columns (title,date,…)")


def _looks_like_a_table(text: str) -> bool:
    """Rows of delimited cells without a header we know (a list of events with no header)."""
    from models.formats.delimited import csv_table
    from models.formats.table import TableError

    try:
        rows = csv_table(text[:SNIFF_CHARS]).first_rows(5)
    except TableError:
        return False
    return len(rows) >= 2 and all(len(cells) >= 2 for _, cells in rows)


def read_table_file(path: Path, *, format: str | None = None, sheet: str | None = None) -> Table:
    """The table in a CSV file or a workbook, for previewing its mapping. FormatError when it
    is neither, or not readable."""
    from models.formats.table import TableError, is_workbook, workbook_table

    if format == "spreadsheet" or (format is None and is_workbook(path)):
        return workbook_table(path, sheet=sheet)
    decoded = read_text(path)
    found = format or detect_format(decoded.text, path.name)
    if found != "csv":
        raise FormatError(str(path), [
            f"{'not a format Chronolens knows' if found is None else FORMAT_LABELS[found]}: "
            "only CSV files and spreadsheets have columns to map"])
    from models.formats.delimited import csv_table

    try:
        return csv_table(decoded.text, source=str(path))
    except TableError as error:
        raise FormatError(str(path), [str(error)]) from None


def is_table_file(path: Path) -> bool:
    """Whether `path` is a CSV file or workbook whose columns the import preview maps (read as
    little as needed to tell)."""
    from models.formats.table import is_workbook

    if is_workbook(path):
        return True
    try:
        return detect_format(read_text(path).text[:SNIFF_CHARS], path.name) == "csv"
    except FormatError:
        return False


# What a story can be exported as, by the names `export --format` takes, and each writer,
# "module:function" of (story) -> text. The view's pictures (png, svg, pdf) are the GUI's.
EXPORT_LABELS = {
    "native": "Chronolens JSON",
    "timelinejs": "TimelineJS3 JSON",
    "csv": "CSV",
}
WRITERS = {
    "native": "models.interchange:dump_native",
    "timelinejs": "models.timelinejs:dump_timelinejs",
    "csv": "models.formats.delimited:dump_csv",
}
# Pictures of the timeline view (drawn by gui.view_export, which needs Qt).
PICTURE_FORMATS = ("png", "svg", "pdf")
# Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
_EXPORT_ENCODING = {"csv": "utf-8-sig"}


# The formats also written a record at a time, "module:function" of (text file, StoryStream):
# a whole store is exported from its rows as they are read, in little memory.
STREAM_WRITERS = {
    "native": "models.interchange:write_native",
    "csv": "models.formats.delimited:write_csv",
}


def export_story(story: Story, path: Path, format: str) -> None:
    """Write `story` to `path` as `format` (a name in WRITERS)."""
    module, function = WRITERS[format].split(":")
    dump: Callable[[Story], str] = getattr(importlib.import_module(module), function)
    write_atomically(path, dump(story).encode(_EXPORT_ENCODING.get(format, "utf-8")))


def export_store(store: Store, path: Path, format: str, *,
                 narrowed: Filter | None = None) -> None:
    """Everything in `store` written to `path` as `format`: streamed as it is read where the
    format allows (a million events in a few hundred MB), else as one story. With `narrowed`,
    only the events that pass it and the parties and sources they name."""
    if narrowed is not None and not narrowed.is_empty:
        stream = store.narrowed_stream(narrowed)
        if format in STREAM_WRITERS:
            export_stream(stream, path, format)
        else:
            export_story(Story(title=stream.title, categories=tuple(stream.categories),
                               parties=tuple(stream.parties), sources=tuple(stream.sources),
                               eras=tuple(stream.eras), events=tuple(stream.events)),
                         path, format)
    elif format in STREAM_WRITERS:
        export_stream(store.story_stream(), path, format)
    else:
        export_story(store.story(), path, format)


def export_stream(stream: StoryStream, path: Path, format: str) -> None:
    """Write `stream` to `path` as `format` (a name in STREAM_WRITERS): the same bytes as
    export_story of the same story, the file put in place only once complete."""
    module, function = STREAM_WRITERS[format].split(":")
    write: Callable[[TextIO, StoryStream], None] = getattr(importlib.import_module(module),
                                                           function)
    with replacing(path) as raw:
        # newline="": the writers' own line ends, untranslated (CSV's are "\r\n").
        text = io.TextIOWrapper(raw, encoding=_EXPORT_ENCODING.get(format, "utf-8"),
                                newline="")
        try:
            write(text, stream)
            text.flush()
        finally:
            with contextlib.suppress(ValueError, OSError):
                text.detach()  # `replacing` closes (or removes) the file itself


def _file_prefix(path: Path) -> str:
    """A key prefix per file, so that ids from different files never meet (event "1" of one
    file is not event "1" of another), while importing the same file again updates its records
    instead of adding them twice."""
    stem = key_part(path.stem, 30) or "file"  # with the importers' own keys: <= 200 characters
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:6]
    return f"{stem}-{digest}"


def namespaced(story: Story, prefix: str) -> Story:
    """The story with every key, and every reference to one, put under `prefix`."""
    def k(key: str | None) -> str | None:
        return None if key is None else f"{prefix}:{key}"

    return Story(
        title=story.title,
        categories=tuple(replace(c, key=f"{prefix}:{c.key}", parent=k(c.parent))
                         for c in story.categories),
        parties=tuple(replace(p, key=f"{prefix}:{p.key}") for p in story.parties),
        sources=tuple(replace(s, key=f"{prefix}:{s.key}") for s in story.sources),
        eras=tuple(replace(e, key=f"{prefix}:{e.key}") for e in story.eras),
        events=tuple(replace(
            e, key=f"{prefix}:{e.key}", category=k(e.category),
            parties=tuple(replace(r, party=f"{prefix}:{r.party}") for r in e.parties),
            citations=tuple(replace(c, source=f"{prefix}:{c.source}") for c in e.citations))
            for e in story.events))


__all__ = ["EXPORT_LABELS", "FORMATS", "FORMAT_LABELS", "PICTURE_FORMATS", "READERS",
           "STREAM_WRITERS", "TABLE_FORMATS", "WRITERS", "ImportedFile", "detect_format",
           "export_story", "export_stream", "is_table_file", "read_story", "read_table_file",
           "reader"]
