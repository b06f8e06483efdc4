"""The native Chronolens JSON format (version 1): validated on reading, deterministic on writing.

See README.md, "The native format", for the documented layout. Reading never touches a store:
`read_native` returns a validated Story or raises FormatError naming the JSON path of every
invalid record, so an import either writes everything or nothing.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

from models.dates import DateError, DateSpan, parse_edtf
from models.story import (
    PARTY_KINDS,
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
    StoryStream,
)
from models.wording import plural

FORMAT_NAME = "chronolens"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 512 * 1024 * 1024
# \Z, not $: "$" also matches before a trailing newline ("huawei\n" is not an id).
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,199}\Z")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")
MAX_TAG = 100  # characters in a tag's name
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def tag_key(name: str) -> str:
    """A tag's name as the store tells tags apart: case aside, as SQLite's NOCASE (ASCII)."""
    return name.translate(_ASCII_FOLD)

# JSON escapes can make lone surrogates ("\ud800"), which no UTF-8 file or SQLite text can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SINGULAR = {"parent": "category"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))

T = TypeVar("T")


class FormatError(ValueError):
    """A file that cannot be read as it is; `problems` lists 'where: reason' lines (a JSON path,
    a line number). When only some records are invalid, `valid` is the story of the others,
    which an import with --skip-invalid writes instead, and `left_out` says which valid records
    it leaves out too because they refer to invalid ones."""

    def __init__(self, source: str, problems: list[str], *, valid: Story | None = None,
                 left_out: list[str] | None = None) -> None:
        self.source = source
        self.problems = problems
        self.valid = valid
        self.left_out = left_out or []
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{source}: {plural(len(problems), 'problem')}:\n{shown}{more}")


def text_problem(value: str) -> str | None:
    """Why text cannot be stored as it is, or None.

    The one rule of every reader (issue #12): a NUL or a lone surrogate makes its field, and so
    its record, invalid, named by file and line (or JSON path) and field: nothing is imported
    unless --skip-invalid leaves the record out. No store holds them (SQLite's text functions
    and FTS stop at a NUL; a surrogate is not Unicode), so what is imported can always be
    exported and read back. A NUL is not text anyone meant: a damaged file, or UTF-16 read
    without its byte order mark. Every other character, control characters included, is kept
    as it is (the exports escape or quote them and read them back)."""
    if "\x00" in value:
        return "contains a NUL character"
    if not value.isascii() and _SURROGATE.search(value):
        return "contains a lone surrogate (\\ud800-\\udfff), which is not Unicode text"
    return None


def first_not_text(cells: Sequence[str]) -> tuple[int, str] | None:
    """(index, problem) of the first cell of a row that text_problem refuses, or None."""
    for index, cell in enumerate(cells):
        problem = text_problem(cell)
        if problem is not None:
            return index, problem
    return None


def story_or_refusal(source: str, story: Story, problems: list[str]) -> Story:
    """What a reader returns: the story, or FormatError listing the invalid records, carrying
    the story of the valid ones (for --skip-invalid) when there are any."""
    if problems:
        raise FormatError(source, problems, valid=story if story.events or story.eras else None)
    return story


class _Reader:
    """Collects every problem with its JSON path instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.in_records = 0  # how many of the problems are a record's (the rest: the file's)
        self.paths: dict[tuple[str, str], str] = {}  # (list, key) -> JSON path of a valid record
        self.left_out: list[str] = []  # valid records that refer to invalid ones
        self.dates: dict[str, DateSpan | str] = {}  # text -> its date, or why it is none

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(f"{path}: {reason}")

    def record_fail(self, path: str, reason: str) -> None:
        """A problem of one record, found after the records were read."""
        self.fail(path, reason)
        self.in_records += 1

    def text(self, obj: dict[str, Any], name: str, path: str, *, required: bool = False,
             empty_ok: bool = True) -> str:
        value = obj.get(name)
        if value is None:
            if required:
                self.fail(f"{path}.{name}", "is required")
            return ""
        if not isinstance(value, str):
            self.fail(f"{path}.{name}", f"must be text, not {type(value).__name__}")
            return ""
        problem = text_problem(value)
        if problem:
            self.fail(f"{path}.{name}", problem)
            return ""
        if not empty_ok and not value.strip():
            self.fail(f"{path}.{name}", "must not be empty")
        return value

    def optional_text(self, obj: dict[str, Any], name: str, path: str) -> str | None:
        return self.text(obj, name, path) if obj.get(name) is not None else None

    def reference(self, obj: dict[str, Any], name: str, path: str, known: set[str], *,
                  required: bool = True) -> str | None:
        """The id of another record, which must be in `known`."""
        # A required reference must name something: "" is no id (the store would refuse it).
        value = self.text(obj, name, path, required=True, empty_ok=False) if required else \
            self.optional_text(obj, name, path)
        if value and value not in known:
            self.fail(f"{path}.{name}", f"no {_SINGULAR.get(name, name)} has the id {value!r}")
        return value or None

    def key(self, obj: dict[str, Any], path: str, seen: set[str]) -> str:
        value = obj.get("id")
        if not isinstance(value, str) or not _KEY.match(value):
            self.fail(f"{path}.id", "must be an id of letters, digits, '.', '_', ':' or '-' "
                      f"(got {value!r})")
            return ""
        if value in seen:
            self.fail(f"{path}.id", f"{value!r} is used twice")
        seen.add(value)
        return value

    def color(self, obj: dict[str, Any], path: str) -> str | None:
        value = self.optional_text(obj, "color", path)
        if value is not None and not _COLOR.match(value):
            self.fail(f"{path}.color", f"must look like #rrggbb (got {value!r})")
            return None
        return value

    def date(self, obj: dict[str, Any], name: str, path: str, *, required: bool) -> DateSpan | None:
        value = obj.get(name)
        if value is None or value == "":
            if required:
                self.fail(f"{path}.{name}", "is required (an EDTF date such as 2016 or 2023-08-25)")
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{name}", f"must be EDTF text, not {type(value).__name__}")
            return None
        found = self.dates.get(value)  # dates repeat: each text is read once
        if found is None:
            try:
                found = parse_edtf(value)
            except DateError as error:
                found = str(error)
            self.dates[value] = found
        if isinstance(found, str):
            self.fail(f"{path}.{name}", found)
            return None
        return found

    def records(self, doc: dict[str, Any], name: str,
                read: Callable[[dict[str, Any], str], T | None]) -> tuple[T, ...]:
        """The valid records of list `name`; a record with any problem is left out (and its
        problems kept), so that the others can still be imported with --skip-invalid."""
        items = doc.get(name, [])
        if not isinstance(items, list):
            self.fail(f"$.{name}", "must be a list")
            return ()
        out: list[T] = []
        for index, item in enumerate(items):
            path = f"$.{name}[{index}]"
            before = len(self.problems)
            if not isinstance(item, dict):
                self.fail(path, "must be an object")
            else:
                record = read(item, path)
                if record is not None and len(self.problems) == before:
                    out.append(record)
                    self.paths[(name, getattr(record, "key", ""))] = path
            self.in_records += len(self.problems) - before
        return tuple(out)

    def attributes(self, obj: dict[str, Any], path: str) -> tuple[tuple[str, str], ...]:
        items = obj.get("attributes", [])
        if not isinstance(items, list) or not all(
                isinstance(i, list) and len(i) == 2 and all(
                    isinstance(t, str) and not text_problem(t) for t in i) and i[0].strip()
                for i in items):
            self.fail(f"{path}.attributes", 'must be a list of ["name", "value"] pairs')
            return ()
        return tuple((name, value) for name, value in items)

    def tags(self, obj: dict[str, Any], path: str) -> tuple[str, ...]:
        """A record's tags: names, each once (case aside, as the store matches them)."""
        items = obj.get("tags", [])
        if not isinstance(items, list) or not all(
                isinstance(t, str) and t.strip() and len(t.strip()) <= MAX_TAG
                and not text_problem(t) for t in items):
            self.fail(f"{path}.tags", f"must be a list of names (at most {MAX_TAG} characters)")
            return ()
        names: dict[str, str] = {}
        for name in items:
            names.setdefault(tag_key(name.strip()), name.strip())
        return tuple(names.values())

    def starred(self, obj: dict[str, Any], path: str) -> bool:
        value = obj.get("starred", False)
        if not isinstance(value, bool):
            self.fail(f"{path}.starred", f"must be true or false, not {value!r}")
            return False
        return value


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, source: str, *, unicode_only: bool = False) -> DecodedText:
    """Text from bytes: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8, and failing
    that Latin-1 (which reads any bytes) with a warning that characters may be wrong, unless
    unicode_only (JSON, our own format included, is always Unicode)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise FormatError(source, [f"byte {error.start}: not valid {encoding} text, "
                                           "though the file starts as if it were"]) from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if unicode_only:
            raise FormatError(source, [f"byte {error.start}: not UTF-8 text"]) from None
        warning = (f"not UTF-8 (byte {error.start}); read as Latin-1, so accented and other "
                   "non-English letters may be wrong")
        return DecodedText(data.decode("latin-1"), "latin-1", (warning,))


def read_text(path: Path, *, unicode_only: bool = False) -> DecodedText:
    """The whole file as text; FormatError when it is too big or not text."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormatError(str(path), [f"the file is {size:,} bytes; the limit is "
                                          f"{MAX_FILE_BYTES:,}"])
        data = path.read_bytes()
    except OSError as error:
        raise FormatError(str(path), [f"cannot read it ({error.strerror or error})"]) from None
    return decode(data, str(path), unicode_only=unicode_only)


def read_native(path: str | Path) -> Story:
    """Read and validate a native JSON file. Raises FormatError, also for I/O problems."""
    file = Path(path)
    return parse_native(read_text(file, unicode_only=True).text, source=str(file))


def load_json(text: str, source: str) -> Any:
    """The JSON document in `text`; FormatError saying where it is not JSON, or that it is
    nested deeper than the parser goes (about 1,000 levels: no timeline nests like that)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(source, [f"line {error.lineno}, column {error.colno}: not JSON "
                                   f"({error.msg})"]) from None
    except RecursionError:
        raise FormatError(source, ["$: nested too deeply"]) from None
    except ValueError:  # a number of more than 4,300 digits (int's conversion limit)
        raise FormatError(source, ["$: a number is too long to read"]) from None


def parse_native(text: str, *, source: str = "<text>") -> Story:
    doc = load_json(text, source)
    if not isinstance(doc, dict):
        raise FormatError(source, ["$: must be a JSON object"])
    if doc.get("format") != FORMAT_NAME:
        raise FormatError(source, [f"$.format: must be {FORMAT_NAME!r} (is this a Chronolens "
                                   f"file?), got {doc.get('format')!r}"])
    version = doc.get("version")
    if type(version) is not int or version != FORMAT_VERSION:  # true == 1 in Python
        raise FormatError(source, [f"$.version: this Chronolens reads version {FORMAT_VERSION}, "
                                   f"got {version!r}"])
    reader = _Reader()
    story = _read_story(reader, doc)
    if reader.problems:
        whole_records = reader.in_records == len(reader.problems)
        raise FormatError(source, reader.problems, valid=story if whole_records else None,
                          left_out=reader.left_out)
    return story


def _read_story(r: _Reader, doc: dict[str, Any]) -> Story:
    title = r.text(doc, "title", "$")
    keys: dict[str, set[str]] = {name: set() for name in
                                 ("categories", "parties", "sources", "eras", "events")}

    def category(obj: dict[str, Any], path: str) -> CategoryRecord:
        return CategoryRecord(key=r.key(obj, path, keys["categories"]),
                              name=r.text(obj, "name", path, required=True, empty_ok=False),
                              color=r.color(obj, path),
                              # "" is no parent, as the store keeps it (else no round trip)
                              parent=r.optional_text(obj, "parent", path) or None)

    def party(obj: dict[str, Any], path: str) -> PartyRecord:
        kind = r.text(obj, "kind", path) or "other"
        if kind not in PARTY_KINDS:
            r.fail(f"{path}.kind", f"must be one of {', '.join(PARTY_KINDS)} (got {kind!r})")
        aliases = obj.get("aliases", [])
        if not isinstance(aliases, list) or not all(
                isinstance(a, str) and a.strip() and not text_problem(a) for a in aliases):
            r.fail(f"{path}.aliases", "must be a list of non-empty names")
            aliases = []
        return PartyRecord(key=r.key(obj, path, keys["parties"]),
                           name=r.text(obj, "name", path, required=True, empty_ok=False),
                           kind=kind, description=r.text(obj, "description", path),
                           aliases=tuple(sorted(set(aliases))),
                           attributes=r.attributes(obj, path), tags=r.tags(obj, path),
                           note=r.text(obj, "note", path))

    def source(obj: dict[str, Any], path: str) -> SourceRecord:
        return SourceRecord(key=r.key(obj, path, keys["sources"]),
                            title=r.text(obj, "title", path, required=True, empty_ok=False),
                            publisher=r.text(obj, "publisher", path),
                            url=r.text(obj, "url", path),
                            published=r.date(obj, "published", path, required=False),
                            text=r.text(obj, "text", path), tags=r.tags(obj, path),
                            note=r.text(obj, "note", path))

    def era(obj: dict[str, Any], path: str) -> EraRecord | None:
        key = r.key(obj, path, keys["eras"])
        name = r.text(obj, "name", path, required=True, empty_ok=False)
        when = r.date(obj, "date", path, required=True)
        return None if when is None else EraRecord(key, name, when, r.color(obj, path))

    categories = r.records(doc, "categories", category)
    parties = r.records(doc, "parties", party)
    sources = r.records(doc, "sources", source)
    eras = r.records(doc, "eras", era)

    def event(obj: dict[str, Any], path: str) -> EventRecord | None:
        key = r.key(obj, path, keys["events"])
        title = r.text(obj, "title", path, required=True, empty_ok=False)
        when = r.date(obj, "date", path, required=True)
        category_key = r.reference(obj, "category", path, keys["categories"], required=False)
        roles = []
        for index, item in enumerate(_list(r, obj, "parties", path)):
            item_path = f"{path}.parties[{index}]"
            roles.append(RoleRecord(
                r.reference(item, "party", item_path, keys["parties"]) or "",
                r.text(item, "role", item_path, required=True, empty_ok=False)))
        citations = []
        for index, item in enumerate(_list(r, obj, "citations", path)):
            item_path = f"{path}.citations[{index}]"
            citations.append(CitationRecord(
                r.reference(item, "source", item_path, keys["sources"]) or "",
                r.text(item, "quote", item_path)))
        links = []
        for index, item in enumerate(_list(r, obj, "links", path)):
            item_path = f"{path}.links[{index}]"
            links.append(LinkRecord(r.text(item, "url", item_path, required=True, empty_ok=False),
                                    r.text(item, "caption", item_path),
                                    r.text(item, "credit", item_path)))
        attributes = r.attributes(obj, path)
        if when is None:
            return None
        # A party listed twice in the same role is one participation (as the store keeps it).
        return EventRecord(key=key, title=title, when=when,
                           description=r.text(obj, "description", path),
                           category=category_key, parties=tuple(dict.fromkeys(roles)),
                           citations=tuple(citations), links=tuple(links),
                           attributes=attributes, tags=r.tags(obj, path),
                           starred=r.starred(obj, path), note=r.text(obj, "note", path))

    events = r.records(doc, "events", event)
    for index, c in enumerate(categories):  # parents may come later in the list
        if c.parent is not None and c.parent not in keys["categories"]:
            r.record_fail(f"$.categories[{index}].parent",
                          f"no category has the id {c.parent!r}")
    if r.problems:  # what is left of the story is only what refers to valid records
        categories, events = _referring_to_valid(r, categories, parties, sources, events)
    return Story(title=title, categories=categories, parties=parties, sources=sources,
                 eras=eras, events=events)


def _referring_to_valid(r: _Reader, categories: tuple[CategoryRecord, ...],
                        parties: tuple[PartyRecord, ...], sources: tuple[SourceRecord, ...],
                        events: tuple[EventRecord, ...]
                        ) -> tuple[tuple[CategoryRecord, ...], tuple[EventRecord, ...]]:
    """For --skip-invalid: the categories and events left once those that refer to an invalid
    record are left out too (each said in `left_out`)."""
    kept = list(categories)
    listed = {c.key for c in categories}
    while True:  # a category under a category left out is left out, and so on down
        known = {c.key for c in kept}
        orphans = [c for c in kept if c.parent is not None and c.parent not in known]
        if not orphans:
            break
        for c in orphans:
            if c.parent in listed:  # a parent that is listed but invalid (else said already)
                r.left_out.append(f"{r.paths[('categories', c.key)]}: left out, as its "
                                  f"parent {c.parent!r} is invalid")
            kept.remove(c)
    category_keys = {c.key for c in kept}
    party_keys = {p.key for p in parties}
    source_keys = {s.key for s in sources}
    valid_events = []
    for e in events:
        missing = ([f"category {e.category!r}"] if e.category and e.category not in category_keys
                   else []) + [f"party {role.party!r}" for role in e.parties
                               if role.party not in party_keys] + [
            f"source {c.source!r}" for c in e.citations if c.source not in source_keys]
        if missing:
            r.left_out.append(f"{r.paths[('events', e.key)]}: left out, as its "
                              f"{', '.join(missing)} is invalid")
        else:
            valid_events.append(e)
    return tuple(kept), tuple(valid_events)


def _list(r: _Reader, obj: dict[str, Any], name: str, path: str) -> list[dict[str, Any]]:
    items = obj.get(name, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        r.fail(f"{path}.{name}", "must be a list of objects")
        return []
    return items


# -- writing ----------------------------------------------------------------------------------
# The layout of the native format, in one place: a record's JSON object (the functions below),
# the lists in the order of LISTS, each record sorted as StoryStream.of sorts it, indented by
# two spaces as json.dumps(..., ensure_ascii=False, indent=2) indents (which _indented mirrors,
# much faster, so that a million events are written in seconds).


def _optional(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in (None, "", [], ())}


def category_json(c: CategoryRecord) -> dict[str, Any]:
    return {"id": c.key, "name": c.name, **_optional(color=c.color, parent=c.parent)}


def party_json(p: PartyRecord) -> dict[str, Any]:
    return {"id": p.key, "name": p.name, "kind": p.kind,
            **_optional(description=p.description, aliases=sorted(p.aliases),
                        attributes=[list(a) for a in p.attributes], tags=list(p.tags),
                        note=p.note)}


def source_json(s: SourceRecord) -> dict[str, Any]:
    return {"id": s.key, "title": s.title,
            **_optional(publisher=s.publisher, url=s.url,
                        published=s.published.edtf() if s.published else None, text=s.text,
                        tags=list(s.tags), note=s.note)}


def era_json(e: EraRecord) -> dict[str, Any]:
    return {"id": e.key, "name": e.name, "date": e.when.edtf(), **_optional(color=e.color)}


def event_json(e: EventRecord) -> dict[str, Any]:
    # As _optional would build it (a million times in an export: spelt out, for speed).
    record: dict[str, Any] = {"id": e.key, "title": e.title, "date": e.when.edtf()}
    if e.description:
        record["description"] = e.description
    if e.category:
        record["category"] = e.category
    if e.parties:
        roles = sorted(e.parties, key=_role_order) if len(e.parties) > 1 else e.parties
        record["parties"] = [{"party": r.party, "role": r.role} for r in roles]
    if e.citations:
        record["citations"] = [{"source": c.source, "quote": c.quote} if c.quote else
                               {"source": c.source} for c in e.citations]
    if e.links:
        record["links"] = [{"url": link.url, **_optional(caption=link.caption,
                                                         credit=link.credit)}
                           for link in e.links]
    if e.attributes:
        record["attributes"] = [list(a) for a in e.attributes]
    if e.tags:
        record["tags"] = list(e.tags)
    if e.starred:
        record["starred"] = True
    if e.note:
        record["note"] = e.note
    return record


def _role_order(role: RoleRecord) -> tuple[str, str]:
    return role.party, role.role


LISTS: tuple[tuple[str, Callable[[Any], dict[str, Any]]], ...] = (
    ("categories", category_json), ("parties", party_json), ("sources", source_json),
    ("eras", era_json), ("events", event_json))

_string = json.encoder.encode_basestring  # as json.dumps(..., ensure_ascii=False) writes text


def _indented(value: Any, indent: str) -> str:
    """`value` as json.dumps(value, ensure_ascii=False, indent=2) writes it, its lines after
    the first indented by `indent` (the depth it is written at)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        return ("{\n" + inner + (",\n" + inner).join([
            _string(k) + ": " + (_string(v) if type(v) is str else _indented(v, inner))
            for k, v in value.items()]) + "\n" + indent + "}")
    if kind is list:
        if not value:
            return "[]"
        return ("[\n" + inner + (",\n" + inner).join([
            _string(v) if type(v) is str else _indented(v, inner) for v in value])
            + "\n" + indent + "]")
    return json.dumps(value)  # numbers, true, false, null


def write_native(out: TextIO, stream: StoryStream) -> None:
    """The stream as native JSON text, written a record at a time: the same bytes as
    dump_native gives for the same story."""
    out.write("{\n  \"format\": " + _string(FORMAT_NAME) + ",\n  \"version\": "
              + json.dumps(FORMAT_VERSION) + ",\n  \"title\": " + _string(stream.title))
    for name, record_json in LISTS:
        out.write(",\n  " + _string(name) + ": ")
        empty = True
        batch: list[str] = []
        for record in getattr(stream, name):
            batch.append(_indented(record_json(record), "    "))
            if len(batch) == 1000:
                out.write(("[\n    " if empty else ",\n    ") + ",\n    ".join(batch))
                empty = False
                batch = []
        if batch:
            out.write(("[\n    " if empty else ",\n    ") + ",\n    ".join(batch))
            empty = False
        out.write("[]" if empty else "\n  ]")
    out.write("\n}\n")


def dump_native(story: Story) -> str:
    """The story as native JSON text: same story, same bytes (sorted by id, fixed layout)."""
    out = io.StringIO()
    write_native(out, StoryStream.of(story))
    return out.getvalue()
