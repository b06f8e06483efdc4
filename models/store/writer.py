"""Writing stories into the store: one transaction's writes, keys resolved to row ids once."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from models.domain import (
    PartyMerge,
)
from models.errors import StoreError, StoreReadOnly
from models.store.connection import Connected
from models.store.schema import (
    _length_class,
    _rebuild_counts,
    _rebuild_lane_counts,
    _rebuild_party_counts,
    _span_flags,
)
from models.story import (
    Story,
)

if TYPE_CHECKING:
    import sqlite_utils


_RECORD_NOUN = {"categories": "category", "parties": "party", "events": "event",
                "sources": "source", "eras": "era"}
_KEYED_TABLES = frozenset(_RECORD_NOUN)


class _Writer:
    """One transaction's writes: stable keys resolved to row ids once, kept for the whole
    transaction; tables empty at the start are bulk-loaded (see Store.add_stories)."""

    def __init__(self, store: Writing) -> None:
        self._store = store
        self._conn = store._db.conn
        self._ids: dict[str, dict[str, int]] = {table: {} for table in _KEYED_TABLES}
        self._next: dict[str, int] = {}
        self._fresh: set[str] = set()
        self._names: dict[str, tuple[str, str]] | None = None  # same_name -> (key, name)
        self._extra_aliases: dict[str, set[str]] = {}  # party key -> names merged into it
        self.merged: list[PartyMerge] = []
        for table in (*_KEYED_TABLES, "aliases"):  # table: fixed names
            top = self._conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
            self._next[table] = (top or 0) + 1
            if top is None:
                self._fresh.add(table)
        # Triggers and secondary indexes of fresh tables are suspended; what the triggers
        # maintain is rebuilt in finish(), and indexes built once, sorted, instead of row by row.
        self._suspended: list[str] = []
        for table in ("events", "parties", "aliases", "participations"):
            if table in self._fresh or (
                table == "participations"
                and self._conn.execute("SELECT 1 FROM participations LIMIT 1").fetchone() is None
            ):
                for name, sql in self._conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'", [table],
                ).fetchall():
                    self._conn.execute(f'DROP INDEX "{name}"')
                    self._suspended.append(sql)
        if self._conn.execute("SELECT 1 FROM participations LIMIT 1").fetchone() is None:
            self._fresh.add("participations")
        for table in ("events", "parties", "aliases", "participations"):
            if table in self._fresh:
                for name, sql in self._conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                    [table],
                ).fetchall():
                    self._conn.execute(f'DROP TRIGGER "{name}"')
                    self._suspended.append(sql)

    def finish(self) -> None:
        for sql in self._suspended:
            self._conn.execute(sql)
        for table in ("events", "parties", "aliases"):
            if table in self._fresh:
                self._conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
        if "events" in self._fresh:
            _rebuild_counts(self._conn)
        if "participations" in self._fresh:
            _rebuild_party_counts(self._conn)
        if self._fresh & {"events", "participations"} and self._store._version() >= 5:
            _rebuild_lane_counts(self._conn)
        self._suspended = []
        self._fresh = set()

    def _lookup(self, table: str, keys: Iterable[str]) -> None:
        ids = self._ids[table]
        wanted = [key for key in dict.fromkeys(keys) if key not in ids]
        if table in self._fresh:
            return  # every row of a fresh table was written (and remembered) by this writer
        for at in range(0, len(wanted), 500):
            chunk = wanted[at:at + 500]
            marks = ",".join("?" * len(chunk))
            ids.update(self._conn.execute(
                f"SELECT key, id FROM {table} WHERE key IN ({marks})", chunk  # table: fixed
            ).fetchall())

    def resolve(self, table: str, keys: Iterable[str]) -> dict[str, int]:
        """key -> id for records written in this transaction or already stored."""
        keys = list(keys)
        self._lookup(table, keys)
        ids = self._ids[table]
        for key in keys:
            if key not in ids:
                raise StoreError(f"{_RECORD_NOUN[table]} {key!r} is not in the story or the store")
        return ids

    def keyed(self, table: str, columns: Sequence[str],
              rows: Sequence[tuple[Any, ...]]) -> tuple[list[int], set[int]]:
        """Insert or update rows (key, *values) by key; returns their ids, and the ids that
        existed before (updated rather than inserted)."""
        self._lookup(table, (row[0] for row in rows))
        ids = self._ids[table]
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        result: list[int] = []
        existing: set[int] = set()
        next_id = self._next[table]
        for row in rows:
            id_ = ids.get(row[0])
            if id_ is None:
                id_ = ids[row[0]] = next_id
                next_id += 1
                inserts.append((id_, *row))
            else:
                updates.append((*row[1:], id_))
                existing.add(id_)
            result.append(id_)
        self._next[table] = next_id
        names = ", ".join(columns)  # columns: fixed names from write()
        marks = ", ".join("?" * (len(columns) + 2))
        self._conn.executemany(f"INSERT INTO {table} (id, key, {names}) VALUES ({marks})", inserts)
        if updates:
            sets = ", ".join(f"{c} = ?" for c in columns)
            self._conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", updates)
        return result, existing

    def write(self, story: Story) -> None:
        conn = self._conn
        category_ids, _ = self.keyed(
            "categories", ("name", "color"),
            [(c.key, c.name, c.color) for c in story.categories])
        parents = [c for c in story.categories if c.parent is not None]
        if parents:
            known = self.resolve("categories", (c.parent for c in parents if c.parent))
            conn.executemany("UPDATE categories SET parent_id = ? WHERE id = ?",
                             [(known[c.parent], self._ids["categories"][c.key])
                              for c in parents if c.parent])
        del category_ids
        party_ids, old_parties = self.keyed(
            "parties", ("name", "kind", "description"),
            [(p.key, p.name, p.kind, p.description) for p in story.parties])
        if old_parties:
            conn.executemany("DELETE FROM aliases WHERE party_id = ?",
                             [(id_,) for id_ in old_parties])
        conn.executemany(
            "INSERT INTO aliases (party_id, name) VALUES (?, ?)",
            [(id_, alias) for p, id_ in zip(story.parties, party_ids, strict=True)
             for alias in p.aliases])
        self._replace_owned("party_attributes", "party_id", old_parties, [
            (id_, position, name, value) for p, id_ in zip(story.parties, party_ids, strict=True)
            for position, (name, value) in enumerate(p.attributes)])
        if self._extra_aliases:
            known = self.resolve("parties", self._extra_aliases)
            conn.executemany("INSERT OR IGNORE INTO aliases (party_id, name) VALUES (?, ?)",
                             [(known[key], alias) for key, names in self._extra_aliases.items()
                              for alias in names])
            self._extra_aliases = {}
        self.keyed(
            "sources", ("title", "publisher", "url", "published", "text"),
            [(s.key, s.title, s.publisher, s.url, s.published.edtf() if s.published else None,
              s.text) for s in story.sources])
        self.keyed(
            "eras", ("name", "edtf", "earliest", "latest", "color"),
            [(e.key, e.name, e.when.edtf(), e.when.earliest, e.when.latest, e.color)
             for e in story.eras])
        categories = self.resolve("categories", {e.category for e in story.events if e.category})
        parties = self.resolve("parties", {r.party for e in story.events for r in e.parties})
        rows = []
        for e in story.events:
            when = e.when
            earliest, latest = when.earliest, when.latest
            lanes = ",".join(map(str, sorted({parties[r.party] for r in e.parties}))) or None
            rows.append((e.key, e.title, e.description, when.edtf(), earliest, latest,
                         _span_flags(when), _length_class(earliest, latest),
                         categories[e.category] if e.category else None, lanes))
        event_ids, old_events = self.keyed(
            "events", ("title", "description", "edtf", "earliest", "latest", "flags",
                       "length_class", "category_id", "lanes"), rows)
        if old_events:
            conn.executemany("DELETE FROM participations WHERE event_id = ?",
                             [(id_,) for id_ in old_events])
            conn.executemany("DELETE FROM citations WHERE event_id = ?",
                             [(id_,) for id_ in old_events])
        conn.executemany(
            "INSERT OR IGNORE INTO participations (event_id, party_id, role, earliest) "
            "VALUES (?, ?, ?, ?)",
            [(id_, parties[r.party], r.role, row[4])
             for e, id_, row in zip(story.events, event_ids, rows, strict=True)
             for r in e.parties])
        sources = self.resolve("sources", {c.source for e in story.events for c in e.citations})
        conn.executemany(
            "INSERT INTO citations (event_id, source_id, quote) VALUES (?, ?, ?)",
            [(id_, sources[c.source], c.quote)
             for e, id_ in zip(story.events, event_ids, strict=True) for c in e.citations])
        self._replace_owned("links", "event_id", old_events, [
            (id_, position, link.url, link.caption, link.credit)
            for e, id_ in zip(story.events, event_ids, strict=True)
            for position, link in enumerate(e.links)])
        self._replace_owned("event_attributes", "event_id", old_events, [
            (id_, position, name, value) for e, id_ in zip(story.events, event_ids, strict=True)
            for position, (name, value) in enumerate(e.attributes)])

    def _replace_owned(self, table: str, owner: str, old_owners: set[int],
                       rows: list[tuple[Any, ...]]) -> None:
        """Rows owned by a record (an event's links, a party's attributes): those of records
        written before are dropped, the story's written in their place."""
        if old_owners:  # table, owner: fixed names
            self._conn.executemany(f"DELETE FROM {table} WHERE {owner} = ?",
                                   [(id_,) for id_ in old_owners])
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self._conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def merge_parties(self, story: Story) -> Story:
        """The story with each new party that has the name or an alias of a party from an
        earlier story (or the store) replaced by that party; its names become aliases there.
        Parties of one story are never merged with each other: a file says what it means."""
        if self._names is None:
            self._names = {}
            for key, name, party_name in self._conn.execute(
                    "SELECT key, name, name FROM parties UNION ALL SELECT p.key, a.name, p.name "
                    "FROM aliases a JOIN parties p ON p.id = a.party_id"):
                self._names.setdefault(_same_name(name), (key, party_name))
        self._lookup("parties", (p.key for p in story.parties))
        stored = self._ids["parties"]
        into: dict[str, str] = {}
        for party in story.parties:
            if party.key in stored:
                continue  # a party written before under this key is updated, not merged
            for name in (party.name, *party.aliases):
                found = self._names.get(_same_name(name))
                if found is not None:
                    key, existing = found
                    into[party.key] = key
                    self.merged.append(PartyMerge(party.name, existing))
                    names = self._names
                    self._extra_aliases.setdefault(key, set()).update(
                        n for n in (party.name, *party.aliases)  # only names it lacks
                        if names.get(_same_name(n), ("",))[0] != key)
                    break
        for party in story.parties:
            if party.key not in into:
                for name in (party.name, *party.aliases):
                    self._names.setdefault(_same_name(name), (party.key, party.name))
        if not into:
            return story
        return replace(story, parties=tuple(p for p in story.parties if p.key not in into),
                       events=tuple(replace(e, parties=tuple(dict.fromkeys(
                           replace(r, party=into.get(r.party, r.party)) for r in e.parties)))
                           for e in story.events))


def _same_name(name: str) -> str:
    """Names that are the same party's: equal but for case and spacing."""
    return " ".join(name.split()).casefold()


_PART_EVENTS = 5_000


def _in_parts(story: Story) -> Iterator[Story]:
    """The story written a part at a time, for progress: everything but the events first, then
    the events a few thousand at a time (keys written earlier resolve across parts)."""
    yield replace(story, events=())
    for at in range(0, len(story.events), _PART_EVENTS):
        yield Story(events=story.events[at:at + _PART_EVENTS])


# -- checking files we open -------------------------------------------------------------------


class Writing(Connected):
    """The store's writes of whole stories (imports), each in one transaction."""

    notice: str | None

    @functools.cached_property
    def _db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes (atomic, upsert, migrations);
        made on the first write, so reading never imports it."""
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.path} is open read-only, so nothing was written: "
                                f"{self.notice or 'as you asked.'}")

    def add_stories(self, stories: Iterable[Story], *, new_file: bool = False,
                    merge_parties: bool = False,
                    progress: Callable[[int], None] | None = None) -> tuple[PartyMerge, ...]:
        """Write several stories in one transaction: all of them, or nothing.

        `stories` may be a generator (the synthetic generator streams chunks). Tables that are
        empty when the transaction starts are bulk-loaded: plain inserts with ids assigned here,
        full-text indexes and event counts rebuilt once at the end instead of row by row.
        With new_file=True (only for a file created for this write, e.g. `generate`),
        durability is relaxed while writing: a crash leaves a broken new file, nothing else.
        With merge_parties, a new party with the name or alias of one from another file (or
        already stored) becomes that party; the merges are returned. `progress` is told the
        number of events written so far, every few thousand; if it raises (ImportCancelled),
        nothing is written.
        """
        self._writable()
        title: str | None = None
        try:
            if new_file:
                # Only for a brand-new file: if the process dies, the file is discarded anyway.
                self._conn.execute("PRAGMA synchronous=OFF")
                self._conn.execute("PRAGMA cache_size=-262144")
                self._conn.execute("PRAGMA temp_store=MEMORY")
                # A new file has nothing to protect: skip the write-ahead log (which would hold a
                # second copy of the whole store until the checkpoint); WAL is back on after.
                self._conn.execute("PRAGMA journal_mode=DELETE")
            with self._db.atomic():
                writer = _Writer(self)
                done = 0
                for story in stories:
                    if title is None:
                        title = story.title
                    if merge_parties:
                        story = writer.merge_parties(story)
                    for part in _in_parts(story) if progress else (story,):
                        writer.write(part)
                        done += len(part.events)
                        if progress:
                            progress(done)
                writer.finish()
                if not self.title() and title:
                    self.set_title(title)
        except sqlite3.Error as error:
            raise StoreError(_write_failed(self.path, error)) from None
        except UnicodeEncodeError as error:  # a lone surrogate from a writer other than ours
            raise StoreError(f"{self.path}: nothing was written (text that is not Unicode: "
                             f"{error.object[error.start:error.end]!r}).") from None
        finally:
            if new_file:
                self._conn.execute("PRAGMA synchronous=NORMAL")
                self._conn.execute("PRAGMA cache_size=-2000")
                self._conn.execute("PRAGMA temp_store=DEFAULT")
                self._conn.execute("PRAGMA journal_mode=WAL")
        return tuple(writer.merged)

    def add_story(self, story: Story) -> None:
        """Write a story in one transaction: records with a known key are updated, new ones
        added. An event's parties and citations are replaced by the story's."""
        self.add_stories([story])

    def rebuild_counts(self) -> None:
        """Recompute the event-count pyramid from the events (the triggers keep it current)."""
        self._writable()
        with self._db.atomic():
            _rebuild_counts(self._conn)
            _rebuild_lane_counts(self._conn)

    def set_title(self, title: str) -> None:
        self._writable()
        with self._db.atomic():
            self._db.table("meta").upsert({"name": "title", "value": title}, pk="name")


def _write_failed(path: str, error: sqlite3.Error) -> str:
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return (f"{path}: the disk is full. Nothing was written and the store is as it was "
                "before; free some space and try again.")
    return f"{path}: nothing was written ({error})."
