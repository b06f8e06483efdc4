"""Changes and the store's history of them.

A `Change` is what one command did, as row images: for each row it touched, the row before
and after (a whole row where it was added or removed, the changed columns where it was
updated). Applying a change writes the "after" images; its `inverse()` swaps them, so undo
is the same code as do. Derived data (the search indexes, counts, events.lanes,
participations.earliest) is left to the store's triggers, so images never hold it.

Every change applied is kept in the store's history: one `changes` row (when, action,
label) and one `history` row per record field it touched, with old and new values as JSON.
An import keeps, per table, the range of row ids it added instead of a row per record.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from models.domain import PartyMerge

Image = tuple[tuple[str, Any], ...]  # (column, value) pairs, in the table's column order

# Columns the triggers keep: never in an image, never written by a change.
DERIVED = {"events": frozenset({"lanes"}), "participations": frozenset({"earliest"})}
# Tables whose rows belong to a record of another table: their history is kept under that
# record (a participation under its event and its party).
OWNERS: dict[str, tuple[tuple[str, str], ...]] = {
    "participations": (("events", "event_id"), ("parties", "party_id")),
    "citations": (("events", "event_id"), ("sources", "source_id")),
    "links": (("events", "event_id"),),
    "event_attributes": (("events", "event_id"),),
    "aliases": (("parties", "party_id"),),
    "party_attributes": (("parties", "party_id"),),
    "event_tags": (("events", "event_id"),),
    "party_tags": (("parties", "party_id"),),
    "source_tags": (("sources", "source_id"),),
    "stars": (("events", "event_id"),),
}
# Columns worked out from others (the date's bounds from its EDTF): not listed in a history.
_INTERNAL = frozenset({"earliest", "latest", "flags", "length_class"})
# What a row of an owned table is called in a record's history.
OWNED_FIELD = {"participations": "party", "citations": "citation", "links": "link",
               "event_attributes": "attribute", "aliases": "alias",
               "party_attributes": "attribute", "event_tags": "tag", "party_tags": "tag",
               "source_tags": "tag", "stars": "star", "notes": "note"}
# Tables a change may touch, children after their parents (deletes run in the reverse order).
TABLES = ("meta", "categories", "parties", "aliases", "party_attributes", "sources", "eras",
          "events", "participations", "citations", "links", "event_attributes", "tags",
          "event_tags", "party_tags", "source_tags", "stars", "notes")
# Tables whose rowid is their `id` column.
_ID_TABLES = frozenset({"categories", "parties", "aliases", "sources", "eras", "events",
                        "citations", "tags", "notes", "stars"})  # stars: its event_id


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row of `table` (by rowid): added (before None), removed (after None) or updated
    (both: the changed columns only)."""

    table: str
    rowid: int
    before: Image | None
    after: Image | None

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.rowid, self.after, self.before)


@dataclass(frozen=True, slots=True)
class Change:
    """What one command did (or will do), with everything needed to undo it.

    `label` names it for a person ("merge of Samsung Electronics into Samsung"); `action`
    is its kind in the history (edit, add, delete, merge, split, import, article);
    `record` is the (table, id) it is about (the new event of an add); `notes` are the
    lines of its preview. An import's rows are worked out when it is first undone (see
    Store.undo): until then `added` holds the first row id it added in each table and
    `replaced` the rows it changed as they were before.
    """

    label: str
    action: str
    rows: tuple[RowChange, ...] = ()
    record: tuple[str, int] | None = None
    notes: tuple[str, ...] = ()
    detail: str = ""
    added: tuple[tuple[str, int], ...] = ()
    replaced: tuple[RowChange, ...] = ()
    merged: tuple[PartyMerge, ...] = ()  # an import's new parties taken as known ones
    change_id: int | None = field(default=None, compare=False)

    def inverse(self) -> Change:
        return Change(label=self.label, action=self.action,
                      rows=tuple(row.inverse() for row in reversed(self.rows)),
                      record=self.record, notes=self.notes, detail=self.detail)

    def summary(self) -> tuple[str, ...]:
        """Lines saying what the change does, for a preview."""
        if self.notes:
            return self.notes
        counts: dict[tuple[str, str], int] = {}
        for row in self.rows:
            op = "added" if row.before is None else "removed" if row.after is None else "changed"
            counts[(row.table, op)] = counts.get((row.table, op), 0) + 1
        return tuple(f"{n} {table.replace('_', ' ')} {op}" for (table, op), n in counts.items())


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a record's history: a field's old and new value (JSON text; None where a
    record was added or removed as a whole), by which change."""

    change_id: int
    at: str
    action: str
    label: str
    table: str
    record_id: int
    op: str  # add, remove or update
    field: str | None
    old: str | None
    new: str | None
    last_id: int | None = None  # a range of records added by one import: record_id..last_id

    def describe(self) -> str:
        """One line for a person: 'events 12 title: "Old" → "New"', 'parties 3 added', …"""
        what = f"{self.table} {self.record_id}"
        if self.last_id is not None:
            what = f"{self.table} {self.record_id}–{self.last_id}"
        if self.op == "update" or (self.field and self.old is not None
                                   and self.new is not None):
            return f"{what} {self.field}: {self.old} → {self.new}"
        verb = {"add": "added", "remove": "removed"}.get(self.op, self.op)
        if self.field:
            return f"{what} {self.field} {verb}: {self.new if self.op == 'add' else self.old}"
        return f"{what} {verb}"


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One change in the history: when, what kind, its label, the file or address it came
    from, and the change it undid or redid."""

    change_id: int
    at: str
    action: str
    label: str
    detail: str
    undoes: int | None


# -- the tables (made by schema.m007_history) ---------------------------------------------

def create_history_tables(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE changes (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
               "action TEXT NOT NULL, label TEXT NOT NULL, detail TEXT NOT NULL, "
               "undoes INTEGER REFERENCES changes(id)) STRICT")
    db.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, "
               "change_id INTEGER NOT NULL REFERENCES changes(id), record TEXT NOT NULL, "
               "record_id INTEGER NOT NULL, last_id INTEGER, op TEXT NOT NULL, field TEXT, "
               "old TEXT, new TEXT) STRICT")
    db.execute("CREATE INDEX idx_history_record ON history (record, record_id)")
    db.execute("CREATE INDEX idx_history_change ON history (change_id)")
    db.execute("CREATE INDEX idx_history_ranges ON history (record, record_id) "
               "WHERE last_id IS NOT NULL")


# -- reading and applying row images ----------------------------------------------------------

def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    derived = DERIVED.get(table, frozenset())
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")  # fixed names
            if row[1] not in derived]


def images(conn: sqlite3.Connection, table: str, where: str,
           params: Sequence[Any] = ()) -> list[tuple[int, Image]]:
    """(rowid, whole image) of the rows of `table` matching `where` (SQL of ours, values as
    parameters), in rowid order."""
    columns = _columns(conn, table)
    names = ", ".join(f'"{c}"' for c in columns)
    return [(row[0], tuple(zip(columns, row[1:], strict=True))) for row in conn.execute(
        f"SELECT rowid, {names} FROM {table} WHERE {where} ORDER BY rowid", params)]


def removal(conn: sqlite3.Connection, table: str, where: str,
            params: Sequence[Any] = ()) -> list[RowChange]:
    """Changes removing the rows of `table` matching `where`."""
    return [RowChange(table, rowid, image, None)
            for rowid, image in images(conn, table, where, params)]


def update(conn: sqlite3.Connection, table: str, rowid: int,
           values: dict[str, Any]) -> RowChange | None:
    """The change setting `values` on one row; None if it already holds them."""
    found = images(conn, table, "rowid = ?", [rowid])
    if not found:
        raise LookupError(f"no {table} row {rowid}")
    old = dict(found[0][1])
    changed = [c for c in old if c in values and old[c] != values[c]]
    if not changed:
        return None
    return RowChange(table, rowid, tuple((c, old[c]) for c in changed),
                     tuple((c, values[c]) for c in changed))


def next_id(conn: sqlite3.Connection, table: str, taken: int = 0) -> int:
    """The id the next row added to `table` gets (`taken` more already planned)."""
    return int(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
               ) + 1 + taken


def write_rows(conn: sqlite3.Connection, rows: Iterable[RowChange]) -> None:
    """Write each row's "after" image, in order (the caller holds the transaction). Runs of
    rows of one shape go to SQLite in one executemany: a merge of a busy party moves
    thousands of roles."""
    for (table, op, columns), run in itertools.groupby(rows, key=_shape):
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        batch = list(run)
        if op == "remove":
            conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(r.rowid,) for r in batch])
            if table == "parties":  # its (zero) count goes with it
                conn.executemany("DELETE FROM party_counts WHERE party_id = ? AND events = 0",
                                 [(r.rowid,) for r in batch])
        elif op == "add":
            names = ([] if table in _ID_TABLES else ["rowid"]) + [f'"{c}"' for c in columns]
            marks = [f"?{n}" for n in range(1, len(names) + 1)]
            if table == "participations":
                # its date as the triggers would set it, without their second update
                event = names.index('"event_id"') + 1
                names.append("earliest")
                marks.append(f"(SELECT earliest FROM events WHERE id = ?{event})")
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(marks)})",
                [((r.rowid,) if table not in _ID_TABLES else ())
                 + tuple(v for _, v in r.after or ()) for r in batch])
        else:
            sets = ", ".join(f'"{c}" = ?' for c in columns)
            cursor = conn.executemany(
                f"UPDATE {table} SET {sets} WHERE rowid = ?",
                [(*(v for _, v in r.after or ()), r.rowid) for r in batch])
            if cursor.rowcount != len(batch):
                raise LookupError(f"{len(batch) - cursor.rowcount} of {len(batch)} {table} rows "
                                  "to change are gone")


def _shape(row: RowChange) -> tuple[str, str, tuple[str, ...]]:
    if row.after is None:
        return (row.table, "remove", ())
    op = "add" if row.before is None else "update"
    return (row.table, op, tuple(c for c, _ in row.after))


# -- keeping the history ----------------------------------------------------------------------

def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_encode_text = json.encoder.encode_basestring  # (C) what json.dumps does with a str


def to_json(value: object) -> str:
    """`value` as JSON text. Text and numbers, nearly every value kept, go the short way:
    an import that rewrites 100,000 events keeps ~800,000 of them."""
    if type(value) is str:
        return _encode_text(value)
    if type(value) is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _shown(image: dict[str, Any]) -> str | None:
    """A whole row as history keeps it: JSON, without the columns worked out from others."""
    if not image:
        return None
    return to_json({c: v for c, v in image.items() if c not in _INTERNAL})


def history_rows(rows: Iterable[RowChange], tag_names: dict[int, str] | None = None,
                 ) -> Iterator[tuple[str, int, str, str | None, str | None, str | None]]:
    """(record table, record id, op, field, old, new) for each field a change touched; rows
    of owned tables under each record owning them. A record's tag is listed by its name
    (`tag_names`: tag id -> name) where it is known."""
    for row in rows:
        before = dict(row.before or ())
        after = dict(row.after or ())
        if row.table in _TAGGING and tag_names:
            name = tag_names.get(int({**before, **after}["tag_id"]))
            if name is not None:
                before = {("tag" if c == "tag_id" else c): (name if c == "tag_id" else v)
                          for c, v in before.items()}
                after = {("tag" if c == "tag_id" else c): (name if c == "tag_id" else v)
                         for c, v in after.items()}
        op = "add" if row.before is None else "remove" if row.after is None else "update"
        owners = OWNERS.get(row.table)
        if row.table == "notes":  # kept under the record it is about
            whole = {**before, **after}
            yield (str(whole["record"]), int(whole["record_id"]), op, "note",
                   to_json(before.get("text")) if before else None,
                   to_json(after.get("text")) if after else None)
            continue
        if owners is None:
            if row.table == "meta":
                name = before.get("name", after.get("name"))
                yield ("store", 0, "update", str(name), to_json(before.get("value")),
                       to_json(after.get("value")))
            elif op == "update":
                for column in (c for c in after if c not in _INTERNAL):
                    yield (row.table, row.rowid, op, column, to_json(before[column]),
                           to_json(after[column]))
            else:
                yield (row.table, row.rowid, op, None, _shown(before), _shown(after))
            continue
        whole = {**before, **after}  # (an update of an owned row holds whole images)
        for owner_table, column in owners:
            owner_id = int(after.get(column, before.get(column, whole[column])))
            if op == "update" and before[column] != after[column]:
                # moved from one owner to another: removed there, added here
                yield (owner_table, int(before[column]), "remove", OWNED_FIELD[row.table],
                       _shown(before), None)
                yield (owner_table, owner_id, "add", OWNED_FIELD[row.table], None,
                       _shown(after))
                continue
            yield (owner_table, owner_id, op, OWNED_FIELD[row.table], _shown(before),
                   _shown(after))


def record(conn: sqlite3.Connection, change: Change, *, action: str | None = None,
           label: str | None = None, undoes: int | None = None,
           ranges: Sequence[tuple[str, int, int]] = ()) -> int:
    """Keep `change` (as applied) in the history; its id. `ranges`: (table, first, last) of
    records an import added, one history row each."""
    cursor = conn.execute(
        "INSERT INTO changes (at, action, label, detail, undoes) VALUES (?, ?, ?, ?, ?)",
        [_now(), action or change.action, label or change.label, change.detail, undoes])
    change_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO history (change_id, record, record_id, op, field, old, new) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        # (an import's replaced records: the fields it changed; what they owned is not listed)
        ((change_id, *entry) for entry in history_rows((*change.rows, *(
            r for r in change.replaced if r.before is not None and r.after is not None)),
            _tag_names(conn, change.rows))))
    conn.executemany(
        "INSERT INTO history (change_id, record, record_id, last_id, op) "
        "VALUES (?, ?, ?, ?, 'add')", [(change_id, *r) for r in ranges])
    return change_id


_TAGGING = frozenset({"event_tags", "party_tags", "source_tags"})


def _tag_names(conn: sqlite3.Connection, rows: Sequence[RowChange]) -> dict[int, str]:
    """The names of the tags `rows` give or take: from the tag rows of the change itself (a
    tag it removes is gone from the store), else from the store."""
    names = {int(dict(image)["id"]): str(dict(image)["name"]) for row in rows
             if row.table == "tags" for image in (row.before, row.after) if image}
    wanted = sorted({int(dict(row.after or row.before or ())["tag_id"]) for row in rows
                     if row.table in _TAGGING} - set(names))
    if wanted:
        names.update(conn.execute("SELECT id, name FROM tags WHERE id IN (SELECT value FROM "
                                  "json_each(?))", [to_json(wanted)]).fetchall())
    return names


_ENTRY = ("SELECT h.change_id, c.at, c.action, c.label, h.record, h.record_id, h.op, "
          "h.field, h.old, h.new, h.last_id FROM history h JOIN changes c ON c.id = h.change_id")


def entries(conn: sqlite3.Connection, *, table: str | None = None, record_id: int | None = None,
            since: str | None = None, limit: int | None = None) -> list[HistoryEntry]:
    """History entries, oldest first: of one record (with the import ranges holding it), of a
    table, or all; from `since` (an ISO date or time) on."""
    where, params = [], []
    if table is not None and record_id is not None:
        # the record's own rows, and the few import ranges that may hold it (each by an index)
        where.append("h.id IN (SELECT id FROM history WHERE record = ? AND record_id = ? "
                     "UNION ALL SELECT id FROM history WHERE record = ? AND last_id IS NOT NULL "
                     "AND record_id <= ? AND last_id >= ?)")
        params += [table, record_id, table, record_id, record_id]
    elif table is not None:
        where.append("h.record = ?")
        params.append(table)
    if since is not None:
        where.append("c.at >= ?")
        params.append(since)
    sql = _ENTRY + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY h.change_id, h.id LIMIT ?"
    params.append(-1 if limit is None else limit)
    return [HistoryEntry(*row) for row in conn.execute(sql, params)]


def changes(conn: sqlite3.Connection, *, since: str | None = None,
            limit: int | None = None) -> list[ChangeEntry]:
    """The changes kept, oldest first, from `since` (an ISO date or time) on."""
    return [ChangeEntry(*row) for row in conn.execute(
        "SELECT id, at, action, label, detail, undoes FROM changes WHERE at >= ? "
        "ORDER BY id LIMIT ?", [since or "", -1 if limit is None else limit])]
