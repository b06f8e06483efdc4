"""Writing stories into the store: one transaction's writes, keys resolved to row ids once."""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from models.domain import (
    PartyMerge,
)
from models.errors import StoreError, StoreReadOnly
from models.interchange import tag_key
from models.names import name_key
from models.store.connection import Connected
from models.store.schema import (
    TAG_TABLES,
    _length_class,
    _rebuild_counts,
    _rebuild_lane_counts,
    _rebuild_party_counts,
    _span_flags,
)
from models.store.stand_in import (
    _ALIASES_FTS,
    _CITATIONS_FTS,
    _EVENTS_FTS,
    _IDS,
    _KEEP_BEFORE,
    _PARTIES_FTS,
    _SOURCES_FTS,
    _STOOD_IN_FOR,
    _TOUCHED,
    _WRITER_TABLES,
    _count_sql,
    _fts_sql,
    _owned_out,
)
from models.story import (
    EventRecord,
    PartyRecord,
    SourceRecord,
    Story,
)

if TYPE_CHECKING:
    import sqlite_utils


_RECORD_NOUN = {"categories": "category", "parties": "party", "events": "event",
                "sources": "source", "eras": "era"}
_KEYED_TABLES = frozenset(_RECORD_NOUN)
# Every table the writer adds rows to: each added row gets a row id above every one the table
# had when the transaction began (never a gap left by a row deleted meanwhile), so that the rows
# of one write are those above the marks taken before it.
_ADDED_TO = (*_KEYED_TABLES, "aliases", "party_attributes", "participations", "citations",
             "links", "event_attributes", "tags", "event_tags", "party_tags", "source_tags",
             "notes")

class _Writer:
    """One transaction's writes: stable keys resolved to row ids once, kept for the whole
    transaction; tables empty at the start are bulk-loaded, and what the triggers keep is kept
    set-based while the transaction writes (see _STOOD_IN_FOR and Store.add_stories)."""

    def __init__(self, store: Writing) -> None:
        self._store = store
        self._conn = store._db.conn
        self._ids: dict[str, dict[str, int]] = {table: {} for table in _KEYED_TABLES}
        self._next: dict[str, int] = {}
        self._fresh: set[str] = set()
        self._names: dict[str, tuple[str, str]] | None = None  # same_name -> (key, name)
        self._extra_aliases: dict[str, set[str]] = {}  # party key -> names merged into it
        self._merged_marks: list[tuple[str, PartyRecord]] = []  # (into key, party merged)
        self._tag_ids: dict[str, int] = {}  # tag_key(name) -> id
        self.merged: list[PartyMerge] = []
        # The tables there are (a store written before its upgrade may lack later ones: test
        # helpers write such stores), as SQLite finds them (names in any case).
        self._tables: set[str] = set()
        for table in (*_ADDED_TO, "event_counts", "party_counts", "lane_counts"):
            try:  # table: fixed names
                self._conn.execute(f"SELECT 1 FROM {table} LIMIT 0")
            except sqlite3.OperationalError:  # no such table
                continue
            self._tables.add(table)
        for table in self._tables.intersection(_ADDED_TO):
            top = self._conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
            self._next[table] = (top or 0) + 1
            if top is None and table in (*_KEYED_TABLES, "aliases", "participations",
                                         "citations"):
                self._fresh.add(table)
        # Secondary indexes of fresh tables are suspended: built once, sorted, in finish()
        # instead of row by row; so are their full-text indexes and counts (rebuilt there).
        self._suspended: list[str] = []
        for table in ("events", "parties", "aliases", "participations"):
            if table in self._fresh:
                for name, sql in self._conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'", [table],
                ).fetchall():
                    self._conn.execute(f'DROP INDEX "{name}"')
                    self._suspended.append(sql)
        # The full-text indexes there are (those over citations and sources came with
        # store version 8).
        self._indexed = {str(name)[:-4] for (name,) in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_fts' "
            "ESCAPE '\\'")}
        self._triggers: list[str] = []
        for name, sql in self._conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid"
        ).fetchall():
            if name.lower() in _STOOD_IN_FOR:  # names in any case are the same to SQLite
                self._conn.execute(f'DROP TRIGGER "{name}"')
                self._triggers.append(sql)
        # What is kept as it is written: nothing that finish() rebuilds.
        for table, columns in _WRITER_TABLES.items():  # fixed names
            self._conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
            self._conn.execute(f"DELETE FROM {table}")
        self._first_event = self._next["events"]
        self._counts = _count_sql(
            events="events" not in self._fresh and "event_counts" in self._tables,
            pairs="participations" not in self._fresh and "party_counts" in self._tables,
            lanes="lane_counts" in self._tables and not self._fresh & {"events",
                                                                        "participations"})

    def finish(self) -> None:
        """Before the transaction commits: what was suspended is made again."""
        for sql in self._counts:
            self._conn.execute(sql)
        for table in _WRITER_TABLES:
            self._conn.execute(f"DROP TABLE {table}")
        for sql in self._suspended:
            self._conn.execute(sql)
        for table in ("events", "parties", "aliases", "citations", "sources"):
            if table in self._fresh and table in self._indexed:
                self._conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
        if "events" in self._fresh:
            _rebuild_counts(self._conn)
        if "participations" in self._fresh:
            _rebuild_party_counts(self._conn)
        if self._fresh & {"events", "participations"} and "lane_counts" in self._tables:
            _rebuild_lane_counts(self._conn)
        for sql in self._triggers:  # from their own text: nothing drifts
            self._conn.execute(sql)
        self._suspended = []
        self._triggers = []
        self._fresh = set()

    def _run(self, statements: Iterable[str], ids: Iterable[int]) -> None:
        """Set-based statements over the rows `ids` (each once, in order: FTS5 writes its
        pending terms out whenever a row id is lower than the one before)."""
        text = json.dumps(sorted(set(ids)))
        if text != "[]":
            for sql in statements:
                self._conn.execute(sql, {"ids": text, "first": self._first_event})

    def _fts(self, index: tuple[str, Sequence[str]], sign: int, ids: Iterable[int]) -> None:
        table, columns = index
        # (a fresh table's index is rebuilt in finish())
        if table not in self._fresh and table in self._indexed:
            self._run([_fts_sql(table, columns, sign)], ids)

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

    def keyed(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]],
              before_update: Callable[[set[int]], None] | None = None,
              ) -> tuple[list[int], set[int]]:
        """Insert or update rows (key, *values) by key; returns their ids, and the ids that
        existed before (updated rather than inserted). `before_update` is given those ids
        before they are written."""
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
        if existing and before_update is not None:
            before_update(existing)
        names = ", ".join(columns)  # columns: fixed names from write()
        marks = ", ".join("?" * (len(columns) + 2))
        self._conn.executemany(f"INSERT INTO {table} (id, key, {names}) VALUES ({marks})", inserts)
        if updates:
            sets = ", ".join(f"{c} = ?" for c in columns)
            self._conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", updates)
        return result, existing

    def _add(self, table: str, columns: str, rows: Sequence[tuple[Any, ...]], *,
             or_ignore: bool = False) -> int:
        """Add rows (values of `columns`) under new row ids; returns the first of them."""
        if not rows:
            return self._next.get(table, 1)
        first = self._next[table]
        marks = ", ".join("?" * (len(rows[0]) + 1))
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"  # table, columns: fixed names
        self._conn.executemany(f"{verb} INTO {table} (rowid, {columns}) VALUES ({marks})",
                               [(first + at, *row) for at, row in enumerate(rows)])
        self._next[table] = first + len(rows)
        return first

    def _added(self, table: str, since: int) -> range:
        return range(since, self._next[table])

    def write(self, story: Story, merged: Mapping[str, str] | None = None) -> None:
        """Write the story; `merged` names the party that stands for each of the keys its
        events refer to that merge_parties left out."""
        conn = self._conn
        keys = {e.key for e in story.events}
        if len(keys) < len(story.events):  # a key twice: its second event updates its first
            first: dict[str, EventRecord] = {}
            again = [e for e in story.events if first.setdefault(e.key, e) is not e]
            self.write(replace(story, events=tuple(first.values())), merged)
            self.write(Story(events=tuple(again)), merged)
            return
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
            [(p.key, p.name, p.kind, p.description) for p in story.parties],
            before_update=lambda ids: self._fts(_PARTIES_FTS, -1, ids))
        self._fts(_PARTIES_FTS, 1, party_ids)
        first_alias = self._next["aliases"]
        if old_parties:
            gone = [id_ for (id_,) in conn.execute(
                "SELECT a.id FROM json_each(?) j JOIN aliases a ON a.party_id = j.value",
                [json.dumps(sorted(old_parties))])]
            self._fts(_ALIASES_FTS, -1, gone)
            self._run([_owned_out("aliases", "party_id")], old_parties)
        self._add("aliases", "party_id, name",
                  [(id_, alias) for p, id_ in zip(story.parties, party_ids, strict=True)
                   for alias in p.aliases])
        self._replace_owned("party_attributes", "party_id", "position, name, value",
                            old_parties, [
            (id_, position, name, value) for p, id_ in zip(story.parties, party_ids, strict=True)
            for position, (name, value) in enumerate(p.attributes)])
        if self._extra_aliases:
            known = self.resolve("parties", self._extra_aliases)
            self._add("aliases", "party_id, name",
                      [(known[key], alias) for key, names in self._extra_aliases.items()
                       for alias in names], or_ignore=True)
            self._extra_aliases = {}
        self._fts(_ALIASES_FTS, 1, self._added("aliases", first_alias))
        self._write_marks("parties", story.parties, party_ids)
        if self._merged_marks:  # a party merged into another gives it its tags and note
            known = self.resolve("parties", (key for key, _ in self._merged_marks))
            self._write_marks("parties", [p for _, p in self._merged_marks],
                              [known[key] for key, _ in self._merged_marks])
            self._merged_marks = []
        source_ids, _ = self.keyed(
            "sources", ("title", "publisher", "url", "published", "text"),
            [(s.key, s.title, s.publisher, s.url, s.published.edtf() if s.published else None,
              s.text) for s in story.sources],
            before_update=lambda ids: self._fts(_SOURCES_FTS, -1, ids))
        self._fts(_SOURCES_FTS, 1, source_ids)
        self._write_marks("sources", story.sources, source_ids)
        self.keyed(
            "eras", ("name", "edtf", "earliest", "latest", "color"),
            [(e.key, e.name, e.when.edtf(), e.when.earliest, e.when.latest, e.color)
             for e in story.eras])
        categories = self.resolve("categories", {e.category for e in story.events if e.category})
        into = merged or {}
        roles = {r.party for e in story.events for r in e.parties}
        known = self.resolve("parties", {into.get(key, key) for key in roles})
        parties = {key: known[into.get(key, key)] for key in roles}
        rows = []
        for e in story.events:
            when = e.when
            earliest, latest = when.earliest, when.latest
            lanes = ",".join(map(str, sorted({parties[r.party] for r in e.parties}))) or None
            rows.append((e.key, e.title, e.description, when.edtf(), earliest, latest,
                         _span_flags(when), _length_class(earliest, latest),
                         categories[e.category] if e.category else None, lanes))

        def rewriting(ids: set[int]) -> None:
            """Events about to be rewritten: out of the full-text index, what they counted
            for kept, their participations and citations gone (the story's take their
            place)."""
            self._fts(_EVENTS_FTS, -1, ids)
            if "citations" in self._indexed and "citations" not in self._fresh:
                self._fts(_CITATIONS_FTS, -1, [id_ for (id_,) in conn.execute(
                    "SELECT c.id FROM json_each(?) j JOIN citations c ON c.event_id = j.value",
                    [json.dumps(sorted(ids))])])
            self._run([*_KEEP_BEFORE, _owned_out("participations", "event_id"),
                       _owned_out("citations", "event_id")], ids)

        event_ids, old_events = self.keyed(
            "events", ("title", "description", "edtf", "earliest", "latest", "flags",
                       "length_class", "category_id", "lanes"), rows, before_update=rewriting)
        self._add("participations", "event_id, party_id, role, earliest",
                  [(id_, parties[r.party], r.role, row[4])
                   for e, id_, row in zip(story.events, event_ids, rows, strict=True)
                   for r in e.parties], or_ignore=True)
        self._fts(_EVENTS_FTS, 1, event_ids)
        self._run([f"INSERT OR IGNORE INTO {_TOUCHED} SELECT value FROM {_IDS}"], event_ids)
        sources = self.resolve("sources", {c.source for e in story.events for c in e.citations})
        first_citation = self._add("citations", "event_id, source_id, quote",
                                   [(id_, sources[c.source], c.quote)
                                    for e, id_ in zip(story.events, event_ids, strict=True)
                                    for c in e.citations])
        self._fts(_CITATIONS_FTS, 1, self._added("citations", first_citation))
        self._replace_owned("links", "event_id", "position, url, caption, credit", old_events, [
            (id_, position, link.url, link.caption, link.credit)
            for e, id_ in zip(story.events, event_ids, strict=True)
            for position, link in enumerate(e.links)])
        self._replace_owned("event_attributes", "event_id", "position, name, value",
                            old_events, [
            (id_, position, name, value) for e, id_ in zip(story.events, event_ids, strict=True)
            for position, (name, value) in enumerate(e.attributes)])
        self._write_marks("events", story.events, event_ids)

    def _write_marks(self, record: str, records: Sequence[EventRecord | PartyRecord |
                                                            SourceRecord],
                     ids: Sequence[int]) -> None:
        """The tags, notes and (events) stars the records carry, added to what the store
        keeps of them: an import never takes a tag or a star off, and a note it carries
        replaces the record's."""
        if "tags" not in self._tables:  # a store from before them (test helpers write such)
            return
        table, column = TAG_TABLES[record]
        pairs = [(id_, self._tag_id(name)) for r, id_ in zip(records, ids, strict=True)
                 for name in r.tags]
        self._add(table, f"{column}, tag_id", pairs, or_ignore=True)
        if record == "events":
            starred = [id_ for r, id_ in zip(records, ids, strict=True)
                       if getattr(r, "starred", False)]
            self._run(["INSERT OR IGNORE INTO stars (event_id) SELECT value FROM json_each(:ids)"],
                      starred)
        notes = [(record, id_, r.note) for r, id_ in zip(records, ids, strict=True)
                 if r.note.strip()]
        if notes:
            first = self._next["notes"]
            self._conn.executemany(
                "INSERT INTO notes (id, record, record_id, text) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (record, record_id) DO UPDATE SET text = excluded.text "
                "WHERE text != excluded.text",
                [(first + at, *note) for at, note in enumerate(notes)])
            self._next["notes"] = first + len(notes)

    def _tag_id(self, name: str) -> int:
        """The id of the tag `name` (case aside), made if the store has none."""
        name = name.strip()
        key = tag_key(name)
        found = self._tag_ids.get(key)
        if found is None:
            row = self._conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE",
                                     [name]).fetchone()
            found = int(row[0]) if row is not None else self._add("tags", "name", [(name,)])
            self._tag_ids[key] = found
        return found

    def _replace_owned(self, table: str, owner: str, columns: str, old_owners: set[int],
                       rows: list[tuple[Any, ...]]) -> None:
        """Rows owned by a record (an event's links, a party's attributes): those of records
        written before are dropped, the story's written in their place."""
        if table in self._tables or rows:
            self._run([_owned_out(table, owner)], old_owners)
            self._add(table, f"{owner}, {columns}", rows)

    def merge_parties(self, story: Story) -> tuple[Story, dict[str, str]]:
        """The story without each new party that has the name or an alias of a party from an
        earlier story (or the store), and the key of that party for each key left out (for
        `write`, whose events' roles are the story's); its names become aliases there.
        Parties of one story are never merged with each other: a file says what it means."""
        if self._names is None:
            self._names = {}
            for key, name, party_name in self._conn.execute(
                    "SELECT key, name, name FROM parties UNION ALL SELECT p.key, a.name, p.name "
                    "FROM aliases a JOIN parties p ON p.id = a.party_id"):
                self._names.setdefault(name_key(name), (key, party_name))
        self._lookup("parties", (p.key for p in story.parties))
        stored = self._ids["parties"]
        into: dict[str, str] = {}
        for party in story.parties:
            if party.key in stored:
                continue  # a party written before under this key is updated, not merged
            for name in (party.name, *party.aliases):
                found = self._names.get(name_key(name))
                if found is not None:
                    key, existing = found
                    into[party.key] = key
                    self.merged.append(PartyMerge(party.name, existing))
                    names = self._names
                    self._extra_aliases.setdefault(key, set()).update(
                        n for n in (party.name, *party.aliases)  # only names it lacks
                        if names.get(name_key(n), ("",))[0] != key)
                    if party.tags or party.note.strip():
                        self._merged_marks.append((key, party))
                    break
        for party in story.parties:
            if party.key not in into:
                for name in (party.name, *party.aliases):
                    self._names.setdefault(name_key(name), (party.key, party.name))
        if not into:
            return story, into
        return replace(story, parties=tuple(p for p in story.parties if p.key not in into)), into


_PART_EVENTS = 5_000
_WRITE_CACHE = -262_144  # KiB: 256 MB at most, for the length of one write


def _in_parts(story: Story) -> Iterator[Story]:
    """The story written a part at a time, for progress: everything but the events first, then
    the events a few thousand at a time (keys written earlier resolve across parts)."""
    yield replace(story, events=())
    for at in range(0, len(story.events), _PART_EVENTS):
        yield Story(events=story.events[at:at + _PART_EVENTS])


# -- checking files we open -------------------------------------------------------------------


@contextlib.contextmanager
def write_settings(conn: sqlite3.Connection, *, new_file: bool = False) -> Iterator[None]:
    """The connection set up for a big write (outside any transaction: SQLite refuses to
    change temp_store within one), and back as it was after."""
    # A bigger page cache while writing: rows and index entries land all over a big
    # store, and with the default 2 MB most of them would be read and written twice.
    conn.execute(f"PRAGMA cache_size={_WRITE_CACHE}")
    conn.execute("PRAGMA temp_store=MEMORY")
    if new_file:
        # Only for a brand-new file: if the process dies, the file is discarded anyway.
        conn.execute("PRAGMA synchronous=OFF")
        # A new file has nothing to protect: skip the write-ahead log (which would hold a
        # second copy of the whole store until the checkpoint); WAL is back on after.
        conn.execute("PRAGMA journal_mode=DELETE")
    try:
        yield
    finally:
        conn.execute("PRAGMA cache_size=-2000")
        conn.execute("PRAGMA temp_store=DEFAULT")
        if new_file:
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA journal_mode=WAL")


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
                    progress: Callable[[int], None] | None = None,
                    before_commit: Callable[[tuple[PartyMerge, ...]], None] | None = None,
                    ) -> tuple[PartyMerge, ...]:
        """Write several stories in one transaction: all of them, or nothing.

        `stories` may be a generator (the synthetic generator streams chunks). Tables that are
        empty when the transaction starts are bulk-loaded: plain inserts with ids assigned here,
        full-text indexes and event counts rebuilt once at the end instead of row by row. Into
        tables that hold records, the triggers that keep the full-text indexes, counts and
        lanes are stood in for (see _STOOD_IN_FOR): dropped for the transaction, what they
        keep kept set-based, and made again from their own text before it commits. Rows added
        get row ids above all their table had before.
        With new_file=True (only for a file created for this write, e.g. `generate`),
        durability is relaxed while writing: a crash leaves a broken new file, nothing else.
        With merge_parties, a new party with the name or alias of one from another file (or
        already stored) becomes that party; the merges are returned. `progress` is told the
        number of events written so far, every few thousand; if it raises (ImportCancelled),
        nothing is written. `before_commit` runs last in the transaction (the history of an
        import: Store.import_stories). Not inside another transaction: FTS5 writes its pending
        terms out at every statement under a savepoint, which made an import 6x slower.
        """
        self._writable()
        title: str | None = None
        # (inside a transaction already: the caller set the connection up)
        settings = (contextlib.nullcontext() if self._conn.in_transaction
                    else write_settings(self._conn, new_file=new_file))
        try:
            with settings, self._db.atomic():
                writer = _Writer(self)
                done = 0
                for story in stories:
                    if title is None:
                        title = story.title
                    merged: dict[str, str] = {}
                    if merge_parties:
                        story, merged = writer.merge_parties(story)
                    for part in _in_parts(story) if progress else (story,):
                        writer.write(part, merged)
                        done += len(part.events)
                        if progress:
                            progress(done)
                writer.finish()
                if not self.title() and title:
                    self.set_title(title)
                if before_commit is not None:
                    before_commit(tuple(writer.merged))
        except sqlite3.Error as error:
            raise StoreError(_write_failed(self.path, error)) from None
        except UnicodeEncodeError as error:  # a lone surrogate from a writer other than ours
            raise StoreError(f"{self.path}: nothing was written (text that is not Unicode: "
                             f"{error.object[error.start:error.end]!r}).") from None
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
