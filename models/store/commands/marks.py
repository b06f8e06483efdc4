"""Commands on what a person keeps beside the records: stars on events; tags and notes on
events, parties and sources. And the rows of those that other commands carry: a deleted
record's (removed with it), a duplicated event's (copied), merged records' (moved, notes
joined).

Tags are one table (`tags`), matched case aside (ASCII, as the unique index on
`name COLLATE NOCASE` does) and kept in the spelling they were first given. A tag no record
carries any more stays in `tags`: the simplest rule, harmless (Store.tags lists it with counts
of 0, and it keeps its spelling if used again), and an undo never has to bring it back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from models.edits import CommandError, SetNote, SetStar, SetTags, TagRecords
from models.interchange import MAX_TAG, tag_key
from models.store.commands.base import _added, _json_ids, _one, _quoted, _text
from models.store.history import Change, Image, RowChange, images, next_id, removal
from models.store.schema import MARKED_RECORDS, TAG_TABLES

NOTE_SEPARATOR = "\n\n"  # between the notes of merged records
_NOUN = {"events": "event", "parties": "party", "sources": "source"}
_SHOWN_BY = {"events": "title", "parties": "name", "sources": "title"}
fold = tag_key


def _record(record: str) -> str:
    if record not in MARKED_RECORDS:
        raise CommandError(f"record must be one of {', '.join(MARKED_RECORDS)} "
                           f"(got {record!r})")
    return record


def _named(conn: sqlite3.Connection, record: str, id_: int) -> str:
    """The record for a label: 'event “Title”', 'party Name'."""
    row = _one(conn, record, _NOUN[record], id_)
    shown = row[_SHOWN_BY[record]]
    return f"{_NOUN[record]} {shown if record == 'parties' else _quoted(shown)}"


def _what(conn: sqlite3.Connection, record: str, ids: Sequence[int]) -> str:
    """'event “Title”' for one record, '3 events' for more (each must exist)."""
    for id_ in ids:
        _one(conn, record, _NOUN[record], id_)
    return _named(conn, record, ids[0]) if len(ids) == 1 else f"{len(ids)} {record}"


def _tag_names(field: str, names: Sequence[str]) -> list[str]:
    """The tags given, checked and trimmed, each once (case aside), in order."""
    if isinstance(names, str):
        raise CommandError(f"{field}: a list of tags expected")
    out: dict[str, str] = {}
    for name in names:
        name = _text(field, name, required=True)
        if len(name) > MAX_TAG:
            raise CommandError(f"{field} {name[:20]!r}… is longer than {MAX_TAG} characters")
        out.setdefault(fold(name), name)
    return list(out.values())


def _tag_ids(conn: sqlite3.Connection, names: Sequence[str],
             rows: list[RowChange]) -> dict[str, int]:
    """folded name -> tag id for each name: the store's tag, or a new one (its row added to
    `rows`)."""
    ids: dict[str, int] = {}
    for name in names:
        found = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE",
                             [name]).fetchone()
        if found is not None:
            ids[fold(name)] = int(found[0])
            continue
        id_ = next_id(conn, "tags", sum(1 for r in rows if r.table == "tags"))
        rows.append(_added("tags", id_, {"id": id_, "name": name}))
        ids[fold(name)] = id_
    return ids


def _tag_rows(conn: sqlite3.Connection, record: str,
              ids: Sequence[int]) -> list[tuple[int, Image]]:
    table, column = TAG_TABLES[record]
    return images(conn, table, f"{column} IN (SELECT value FROM json_each(?))", [_json_ids(ids)])


def _tagging(conn: sqlite3.Connection, record: str, record_ids: Sequence[int],
             add: Sequence[str], remove: Sequence[str], *, only: bool) -> list[RowChange]:
    """Rows giving each record the tags `add` and taking `remove` off (with only=True, every
    tag not in `add`)."""
    table, column = TAG_TABLES[record]
    rows: list[RowChange] = []
    wanted = _tag_ids(conn, add, rows)
    gone = {fold(name) for name in remove}
    names = {int(tag_id): fold(str(name))
             for tag_id, name in conn.execute("SELECT id, name FROM tags")}
    removed: list[RowChange] = []
    added: list[RowChange] = []
    for id_ in record_ids:
        have = {int(dict(image)["tag_id"]): (rowid, image)
                for rowid, image in _tag_rows(conn, record, [id_])}
        for tag_id, (rowid, image) in have.items():
            name = names.get(tag_id, "")
            if (only and tag_id not in wanted.values()) or name in gone:
                removed.append(RowChange(table, rowid, image, None))
        for tag_id in wanted.values():
            if tag_id not in have:
                rowid = next_id(conn, table, len(added))
                added.append(_added(table, rowid, {column: id_, "tag_id": tag_id}))
    return rows + removed + added


def plan_set_tags(command: SetTags, conn: sqlite3.Connection) -> Change:
    record = _record(command.record)
    shown = _named(conn, record, command.record_id)
    rows = _tagging(conn, record, [command.record_id], _tag_names("tag", command.tags), (),
                    only=True)
    if not any(r.table != "tags" for r in rows):
        rows = []  # the same tags: nothing to do (and no tag made for nothing)
    return Change(f"tags of {shown}", "edit", tuple(rows), record=(record, command.record_id))


def plan_tag_records(command: TagRecords, conn: sqlite3.Connection) -> Change:
    record = _record(command.record)
    ids = list(dict.fromkeys(command.record_ids))
    if not ids:
        raise CommandError(f"no {_NOUN[record]} chosen to tag")
    add = _tag_names("tag", command.add)
    remove = _tag_names("tag", command.remove)
    both = {fold(n) for n in add} & {fold(n) for n in remove}
    if both:
        raise CommandError(f"tag {sorted(both)[0]!r} cannot be both added and taken off")
    what = _what(conn, record, ids)
    rows = _tagging(conn, record, ids, add, remove, only=False)
    if not any(r.table != "tags" for r in rows):
        rows = []
    return Change(f"tags of {what}", "edit", tuple(rows),
                  record=(record, ids[0]) if len(ids) == 1 else None)


def plan_set_star(command: SetStar, conn: sqlite3.Connection) -> Change:
    ids = list(dict.fromkeys(command.event_ids))
    if not ids:
        raise CommandError("no event chosen to star")
    what = _what(conn, "events", ids)
    starred = {rowid for rowid, _ in images(conn, "stars", "event_id IN (SELECT value FROM "
                                            "json_each(?))", [_json_ids(ids)])}
    if command.starred:
        rows = [_added("stars", id_, {"event_id": id_}) for id_ in ids if id_ not in starred]
    else:
        rows = removal(conn, "stars", "event_id IN (SELECT value FROM json_each(?))",
                       [_json_ids(ids)])
    return Change(f"star {'on' if command.starred else 'off'} {what}", "edit", tuple(rows),
                  record=("events", ids[0]) if len(ids) == 1 else None)


def _note(conn: sqlite3.Connection, record: str, id_: int) -> tuple[int, Image] | None:
    found = images(conn, "notes", "record = ? AND record_id = ?", [record, id_])
    return found[0] if found else None


def _note_rows(conn: sqlite3.Connection, record: str, id_: int, text: str) -> list[RowChange]:
    """Rows making the record's note `text` ("" removes it). An update holds whole images, so
    its history knows whose note it is."""
    old = _note(conn, record, id_)
    if not text.strip():
        return [] if old is None else [RowChange("notes", old[0], old[1], None)]
    if old is None:
        new_id = next_id(conn, "notes")
        return [_added("notes", new_id, {"id": new_id, "record": record, "record_id": id_,
                                         "text": text})]
    rowid, image = old
    if dict(image)["text"] == text:
        return []
    return [RowChange("notes", rowid, image,
                      tuple((c, text if c == "text" else v) for c, v in image))]


def plan_set_note(command: SetNote, conn: sqlite3.Connection) -> Change:
    record = _record(command.record)
    shown = _named(conn, record, command.record_id)
    text = _text("note", command.text)
    return Change(f"note on {shown}", "edit",
                  tuple(_note_rows(conn, record, command.record_id, text)),
                  record=(record, command.record_id))


# -- what other commands carry ------------------------------------------------------------------

def mark_removals(conn: sqlite3.Connection, record: str, ids: Sequence[int]) -> list[RowChange]:
    """The tags, notes (and stars) of records about to be removed, removed first."""
    if not _has_marks(conn):
        return []
    table, column = TAG_TABLES[record]
    where = f"{column} IN (SELECT value FROM json_each(?))"
    rows = removal(conn, table, where, [_json_ids(ids)])
    if record == "events":
        rows += removal(conn, "stars", "event_id IN (SELECT value FROM json_each(?))",
                        [_json_ids(ids)])
    rows += removal(conn, "notes", "record = ? AND record_id IN (SELECT value FROM "
                    "json_each(?))", [record, _json_ids(ids)])
    return rows


def mark_copies(conn: sqlite3.Connection, record: str, from_id: int,
                new_id: int) -> list[RowChange]:
    """A copy of a record's tags, note (and star) for its duplicate `new_id`."""
    if not _has_marks(conn):
        return []
    table, column = TAG_TABLES[record]
    rows = [_added(table, next_id(conn, table, n), {column: new_id, "tag_id": tag_id})
            for n, (_rowid, image) in enumerate(_tag_rows(conn, record, [from_id]))
            for tag_id in [dict(image)["tag_id"]]]
    if record == "events" and images(conn, "stars", "event_id = ?", [from_id]):
        rows.append(_added("stars", new_id, {"event_id": new_id}))
    note = _note(conn, record, from_id)
    if note is not None:
        rows += _note_rows(conn, record, new_id, str(dict(note[1])["text"]))
    return rows


def mark_merges(conn: sqlite3.Connection, record: str, into: int,
                others: Sequence[int]) -> list[RowChange]:
    """The others' tags moved to `into` (those it has already removed), a star on it if any
    of them had one (theirs removed), and their notes joined to its note (a blank line
    between), theirs removed. Rows removed come first."""
    if not _has_marks(conn):
        return []
    table, column = TAG_TABLES[record]
    have = {int(dict(image)["tag_id"]) for _, image in _tag_rows(conn, record, [into])}
    removed: list[RowChange] = []
    moved: list[RowChange] = []
    for rowid, image in _tag_rows(conn, record, others):
        tag_id = int(dict(image)["tag_id"])
        if tag_id in have:
            removed.append(RowChange(table, rowid, image, None))
        else:
            have.add(tag_id)
            moved.append(RowChange(table, rowid, image, tuple(
                (c, into if c == column else v) for c, v in image)))
    if record == "events":
        stars = removal(conn, "stars", "event_id IN (SELECT value FROM json_each(?))",
                        [_json_ids(others)])
        removed += stars
        if stars and not images(conn, "stars", "event_id = ?", [into]):
            moved.append(_added("stars", into, {"event_id": into}))
    texts: list[str] = []
    own = _note(conn, record, into)
    if own is not None:
        texts.append(str(dict(own[1])["text"]))
    for other in others:
        note = _note(conn, record, other)
        if note is not None:
            removed.append(RowChange("notes", note[0], note[1], None))
            texts.append(str(dict(note[1])["text"]))
    if len(texts) > (own is not None):
        moved += _note_rows(conn, record, into, NOTE_SEPARATOR.join(texts))
    return removed + moved


def _has_marks(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tags'"
                        ).fetchone() is not None

