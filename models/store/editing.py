"""Editing a store: commands planned and applied in one transaction each, undone and redone,
and kept in the history; imports as changes that can be undone."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from models.domain import PartyMerge
from models.edits import Command, CommandError
from models.errors import StoreError
from models.store import history
from models.store.commands import plan
from models.store.history import Change, ChangeEntry, HistoryEntry, RowChange, images
from models.store.schema import MARKED_RECORDS
from models.store.writer import Writing, _write_failed

if TYPE_CHECKING:
    from models.story import Story

# Records an import may update, and the rows each owns (replaced when it is updated).
_KEYED_OWNED = (("categories", ()), ("eras", ()),
                ("parties", (("aliases", "party_id"), ("party_attributes", "party_id"))),
                ("sources", ()),
                ("events", (("participations", "event_id"), ("citations", "event_id"),
                            ("links", "event_id"), ("event_attributes", "event_id"))))
# Every table an import writes, parents first: what it added is removed children first.
_IMPORTED = ("meta", "categories", "parties", "aliases", "party_attributes", "sources", "eras",
             "events", "participations", "citations", "links", "event_attributes", "tags",
             "event_tags", "party_tags", "source_tags", "notes")


class Editing(Writing):
    """Changes to a store, one command at a time, each with its inverse."""

    _expanded: dict[int, Change]  # imports' rows, worked out when first undone

    def plan(self, command: Command) -> Change:
        """What `command` would do (CommandError if it cannot), writing nothing."""
        return plan(command, self._conn)

    def apply(self, command: Command | Change) -> Change:
        """Do `command` (or a change planned before) in one transaction and keep it in the
        history; the change applied, with its id."""
        self._writable()
        change = command if isinstance(command, Change) else plan(command, self._conn)
        if not change.rows:
            return change  # nothing to do: no history, nothing to undo
        try:
            with self._db.atomic():
                history.write_rows(self._conn, change.rows)
                change_id = history.record(self._conn, change)
        except sqlite3.IntegrityError as error:
            raise CommandError(f"The {change.label} cannot be made ({error}); nothing was "
                               "written.") from None
        except sqlite3.Error as error:
            raise StoreError(_write_failed(self.path, error)) from None
        return _with_id(change, change_id)

    def undo(self, change: Change) -> None:
        """Undo a change applied to this store (the last one not undone)."""
        self._rewrite(self._rows_of(change).inverse(), change, "undo", f"undo of {change.label}")

    def redo(self, change: Change) -> None:
        """Do again a change undone with `undo`."""
        self._rewrite(self._rows_of(change), change, "redo", change.label)

    def _rewrite(self, rows: Change, change: Change, action: str, label: str) -> None:
        self._writable()
        if not rows.rows:
            return
        try:
            with self._db.atomic():
                history.write_rows(self._conn, rows.rows)
                history.record(self._conn, rows, action=action, label=label,
                               undoes=change.change_id)
        except sqlite3.Error as error:
            raise StoreError(_write_failed(self.path, error)) from None

    def _rows_of(self, change: Change) -> Change:
        """The change as rows: an import's are worked out on its first undo (it was written by
        the bulk writer), from the ids it added and the rows it replaced."""
        if not change.added and not change.replaced:
            return change
        if not hasattr(self, "_expanded"):
            self._expanded = {}
        key = change.change_id or id(change)
        if key not in self._expanded:
            self._expanded[key] = _expand(self._conn, change)
        return self._expanded[key]

    def import_stories(self, stories: Iterable[Story], *, label: str, action: str = "import",
                       detail: str = "", merge_parties: bool = False,
                       progress: Callable[[int], None] | None = None) -> Change:
        """`add_stories` as a change that can be undone and is kept in the history: what it
        added (by row id, every table's new rows coming after its old ones) and, as they were,
        the records it updated (by key) with the rows they own."""
        stories = list(stories)
        self._writable()
        # Taken before the write's transaction (this store's lock keeps other writers out).
        try:
            marks = {t: history.next_id(self._conn, t) for t in _IMPORTED}
            replaced = _replaced(self._conn, stories)
            unstarred = _unstarred(self._conn, replaced)
        except sqlite3.Error as error:
            raise StoreError(_write_failed(self.path, error)) from None
        kept: list[Change] = []

        def keep(merged: tuple[PartyMerge, ...]) -> None:  # last in the write's transaction
            added = tuple((t, first) for t, first in marks.items()
                          if history.next_id(self._conn, t) > first)
            ranges = [(t, first, history.next_id(self._conn, t) - 1) for t, first in added
                      if t in ("categories", "parties", "sources", "eras", "events")]
            # Stars are keyed by their event: those the import put on events (new ones, or
            # updated ones without a star) are kept as rows it added.
            stars = [] if unstarred is None else [
                RowChange("stars", rowid, None, image) for rowid, image in images(
                    self._conn, "stars", "event_id >= ? OR event_id IN (SELECT value FROM "
                    "json_each(?))", [marks["events"], history.to_json(unstarred)])]
            change = Change(label, action, detail=detail, added=added,
                            replaced=(*_updated(self._conn, replaced), *stars), merged=merged)
            kept.append(_with_id(change, history.record(self._conn, change, ranges=ranges)))

        self.add_stories(stories, merge_parties=merge_parties, progress=progress,
                         before_commit=keep)
        return kept[0]

    def history(self, *, table: str | None = None, record_id: int | None = None,
                since: str | None = None, limit: int | None = None) -> list[HistoryEntry]:
        """The store's history, oldest first: of one record (table and id), of a table, or
        all, from `since` (an ISO date or time) on."""
        if not self._scalar("SELECT count(*) FROM sqlite_master WHERE name = 'history'"):
            return []  # a store from before the history (opened read-only)
        return history.entries(self._conn, table=table, record_id=record_id, since=since,
                               limit=limit)

    def history_changes(self, *, since: str | None = None,
                        limit: int | None = None) -> list[ChangeEntry]:
        """The changes kept in the store, oldest first (each with its label and kind)."""
        if not self._scalar("SELECT count(*) FROM sqlite_master WHERE name = 'changes'"):
            return []
        return history.changes(self._conn, since=since, limit=limit)


def _with_id(change: Change, change_id: int) -> Change:
    from dataclasses import replace

    return replace(change, change_id=change_id)


def _replaced(conn: sqlite3.Connection, stories: list[Story]) -> list[RowChange]:
    """The records the stories will update (their keys are stored), with what they own, as
    they are now; and the story title in `meta` (set when the store has none)."""
    rows: list[RowChange] = [RowChange("meta", rowid, image, image) for rowid, image in
                             images(conn, "meta", "name = 'title'")]
    for table, owned in _KEYED_OWNED:
        keys = [r.key for s in stories for r in getattr(s, table)]
        if not keys:
            continue
        found = images(conn, table, "key IN (SELECT value FROM json_each(?))",
                       [history.to_json(keys)])
        rows += [RowChange(table, rowid, image, image) for rowid, image in found]
        ids = history.to_json([rowid for rowid, _ in found])
        for child, column in owned:
            rows += [RowChange(child, rowid, image, None) for rowid, image in images(
                conn, child, f"{column} IN (SELECT value FROM json_each(?))", [ids])]
        if table in MARKED_RECORDS and _has_table(conn, "notes"):  # a note may be rewritten
            rows += [RowChange("notes", rowid, image, image) for rowid, image in images(
                conn, "notes", "record = ? AND record_id IN (SELECT value FROM json_each(?))",
                [table, ids])]
    return rows


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [name]).fetchone() is not None


def _unstarred(conn: sqlite3.Connection, replaced: list[RowChange]) -> list[int] | None:
    """The events an import updates that have no star (None: a store without stars)."""
    if not _has_table(conn, "stars"):
        return None
    ids = [row.rowid for row in replaced if row.table == "events"]
    starred = {rowid for rowid, _ in images(conn, "stars", "event_id IN (SELECT value FROM "
                                            "json_each(?))", [history.to_json(ids)])}
    return [id_ for id_ in ids if id_ not in starred]


def _updated(conn: sqlite3.Connection, replaced: list[RowChange]) -> list[RowChange]:
    """The records `replaced` held before the import, as (before, after) of the fields that
    changed; the rows they owned are kept whole (the import removed them). Each table's
    records are read back in one query."""
    now: dict[str, dict[int, dict[str, object]]] = {}
    for table in {row.table for row in replaced if row.after is not None}:
        ids = history.to_json([row.rowid for row in replaced
                               if row.table == table and row.after is not None])
        now[table] = {rowid: dict(image) for rowid, image in images(
            conn, table, "rowid IN (SELECT value FROM json_each(?))", [ids])}
    out = []
    for row in replaced:
        if row.after is None:
            out.append(row)
            continue
        after = now[row.table].get(row.rowid, {})
        before = dict(row.before or ())
        changed = tuple(c for c in before if after.get(c) != before[c])
        if row.table == "notes":  # whole images: its history is its record's
            if changed:
                out.append(RowChange("notes", row.rowid, row.before,
                                     tuple((c, after.get(c)) for c in before)))
            continue
        if row.table == "meta" and not changed:
            continue
        out.append(RowChange(row.table, row.rowid, tuple((c, before[c]) for c in changed),
                             tuple((c, after.get(c)) for c in changed)))
    return out


def _expand(conn: sqlite3.Connection, change: Change) -> Change:
    """An import as rows (doing it from the state before it gives the state after it): the
    rows it added as they are now, the records it updated from before to now, and the owned
    rows it replaced."""
    rows: list[RowChange] = []
    added_stars = []
    for row in change.replaced:  # as they were, then as they are (or were removed)
        if row.after is None:
            rows.append(row)
        elif row.before is None:
            added_stars.append(row)  # stars it put on (see import_stories)
        elif row.before:
            rows.append(row)
    first = dict(change.added)
    for table in _IMPORTED:
        if table in first:
            rows += [RowChange(table, rowid, None, image)
                     for rowid, image in images(conn, table, "rowid >= ?", [first[table]])]
    # Updates restore fields; removed owned rows come back; added rows go, children first.
    ordered = ([r for r in rows if r.before is not None and r.after is not None]
               + [r for r in rows if r.after is None]
               + [r for r in rows if r.before is None] + added_stars)
    return Change(change.label, change.action, tuple(ordered), detail=change.detail)
