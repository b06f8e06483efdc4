"""The Chronolens store: one SQLite file, and the only module that speaks SQL.

Reads return frozen dataclasses from models.domain; writes go through `add_story`, one
transaction each. User text only ever reaches SQLite as a parameter.
"""

from __future__ import annotations

import functools
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from models import search as search_sql
from models.dates import OPEN_END, DateError, DateSpan, parse_edtf, parse_stored
from models.domain import (
    Category,
    CitedSource,
    CoParty,
    Era,
    Event,
    EventMark,
    EventRole,
    Lane,
    LaneMode,
    Link,
    Party,
    PartyMerge,
    PartyRole,
    SearchResults,
    Source,
    StoreCheck,
    StoreInfo,
)
from models.errors import StoreError, StoreInterrupted, StoreInUse, StoreReadOnly
from models.interchange import read_native
from models.storefile import (
    StoreLock,
    decode_leniently,
    has_recovery_files,
    is_writable,
    make_backup,
    read_header,
    read_leniently,
    remember_checked,
    sqlite_uri,
    was_checked,
)
from models.story import (
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x43484C4E  # "CHLN": marks a file as a Chronolens store
SCHEMA_VERSION = 5

# Events longer than this (and ongoing ones) are "long": kept apart by a partial index so the
# windowed query can bound its scan of short events by this duration.
LONG_EVENT_SECONDS = 32 * 86400
# Long events are sorted further into length classes (events.length_class, 0 = short): class k
# holds events no longer than LENGTH_CLASS_SECONDS[k], the last class the longer and ongoing
# ones. A window query scans each class from `start - its longest` on, so a year-long event
# never makes a query scan the whole century, and only the last class scans from the start.
LENGTH_CLASS_SECONDS = tuple(LONG_EVENT_SECONDS * 4**k for k in range(6))  # 32 d … ~90 years
LENGTH_CLASSES = len(LENGTH_CLASS_SECONDS) + 1

FLAG_RANGE = 1
FLAG_OPEN_END = 2
FLAG_FUZZY_START = 4
FLAG_FUZZY_END = 8
# (is_range, open_end, fuzzy_start, fuzzy_end) of each value of the four flags
_FLAG_BITS = tuple(tuple(bool(flags & bit) for bit in (FLAG_RANGE, FLAG_OPEN_END,
                                                         FLAG_FUZZY_START, FLAG_FUZZY_END))
                   for flags in range(16))


# The event-count pyramid: how many events start in each bucket, at levels whose buckets are
# 1 day, 8 days, 64 days, … 8**11 days (~23 million years) wide. Buckets are floor(earliest /
# width), so they nest: a bucket of level k+1 is 8 buckets of level k. A fanout of 8 (not 32)
# keeps density reads at most 8 buckets a bin, for 12 count updates per event written.
COUNT_LEVELS = 12
COUNT_FANOUT = 8
COUNT_BASE = 86400
COUNT_WIDTHS = tuple(COUNT_BASE * COUNT_FANOUT**level for level in range(COUNT_LEVELS))


def _floor_div(x: str, width: str) -> str:
    """SQL for floor(x / width), width > 0 (SQLite's `/` truncates towards zero)."""
    return f"(({x}) - ((({x}) % {width}) + {width}) % {width}) / {width}"


def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("categories").create(
        {"id": int, "key": str, "name": str, "color": str, "parent_id": int},
        pk="id",
        not_null={"key", "name"},
        foreign_keys=[("parent_id", "categories", "id")],
    )
    db.table("parties").create(
        {"id": int, "key": str, "name": str, "kind": str, "description": str},
        pk="id",
        not_null={"key", "name", "kind", "description"},
    )
    db.table("aliases").create(
        {"id": int, "party_id": int, "name": str},
        pk="id",
        not_null={"party_id", "name"},
        foreign_keys=[("party_id", "parties", "id")],
    )
    db.table("events").create(
        {
            "id": int,
            "key": str,
            "title": str,
            "description": str,
            "edtf": str,
            "earliest": int,
            "latest": int,
            "flags": int,
            "is_long": int,
            "category_id": int,
        },
        pk="id",
        not_null={"key", "title", "description", "edtf", "earliest", "latest", "flags", "is_long"},
        foreign_keys=[("category_id", "categories", "id")],
    )
    db.table("participations").create(
        {"event_id": int, "party_id": int, "role": str},
        pk=("event_id", "party_id", "role"),
        not_null={"role"},
        foreign_keys=[("event_id", "events", "id"), ("party_id", "parties", "id")],
    )
    db.table("sources").create(
        {
            "id": int,
            "key": str,
            "title": str,
            "publisher": str,
            "url": str,
            "published": str,
            "text": str,
        },
        pk="id",
        not_null={"key", "title", "publisher", "url", "text"},
    )
    db.table("citations").create(
        {"id": int, "event_id": int, "source_id": int, "quote": str},
        pk="id",
        not_null={"event_id", "source_id", "quote"},
        foreign_keys=[("event_id", "events", "id"), ("source_id", "sources", "id")],
    )
    db.table("eras").create(
        {"id": int, "key": str, "name": str, "edtf": str, "earliest": int, "latest": int,
         "color": str},
        pk="id",
        not_null={"key", "name", "edtf", "earliest", "latest"},
    )
    for table in ("categories", "parties", "events", "sources", "eras"):
        db.table(table).create_index(["key"], unique=True)
    db.table("aliases").create_index(["party_id", "name"], unique=True)
    db.table("participations").create_index(["party_id", "event_id"])
    db.table("citations").create_index(["event_id"])
    db.table("citations").create_index(["source_id"])
    db.table("events").create_index(["category_id"])
    # Covering index for the windowed scan of short events.
    db.table("events").create_index(["earliest", "latest", "is_long"])
    # Long and ongoing events are few: a partial index finds them without scanning the rest.
    db.execute("CREATE INDEX idx_events_long ON events (earliest, latest) WHERE is_long = 1")
    tokenize = "unicode61 remove_diacritics 2"
    db.table("events").enable_fts(["title", "description"], create_triggers=True, tokenize=tokenize)
    db.table("parties").enable_fts(["name", "description"], create_triggers=True, tokenize=tokenize)
    db.table("aliases").enable_fts(["name"], create_triggers=True, tokenize=tokenize)
    # In the same transaction as the tables: a store is marked ours only once it is complete.
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")


def m002_counts(db: sqlite_utils.Database) -> None:
    """Precomputed counts: events per time bucket (density at any zoom) and per party (lanes)."""
    conn = db.conn
    # The events full-text trigger need only run when the indexed text changes (first, so the
    # backfills below do not rewrite the whole full-text index).
    fts_update = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_au'"
    ).fetchone()[0]
    conn.execute("DROP TRIGGER events_au")
    conn.execute(fts_update.replace('AFTER UPDATE ON "events"',
                                    'AFTER UPDATE OF "title", "description" ON "events"'))
    conn.execute("CREATE TABLE count_levels (level INTEGER PRIMARY KEY, width INTEGER NOT NULL)")
    conn.executemany("INSERT INTO count_levels VALUES (?, ?)", list(enumerate(COUNT_WIDTHS)))
    conn.execute(
        "CREATE TABLE event_counts (level INTEGER NOT NULL, bucket INTEGER NOT NULL, "
        "n INTEGER NOT NULL, PRIMARY KEY (level, bucket)) WITHOUT ROWID"
    )
    new_bucket = _floor_div("NEW.earliest", "width")
    old_bucket = _floor_div("OLD.earliest", "width")
    add = ("INSERT INTO event_counts (level, bucket, n) "
           f"SELECT level, {new_bucket}, 1 FROM count_levels WHERE 1 "
           "ON CONFLICT (level, bucket) DO UPDATE SET n = n + 1;")
    remove = ("UPDATE event_counts SET n = n - 1 WHERE (level, bucket) IN "
              f"(SELECT level, {old_bucket} FROM count_levels); "
              "DELETE FROM event_counts WHERE n <= 0 AND (level, bucket) IN "
              f"(SELECT level, {old_bucket} FROM count_levels);")
    conn.execute(f"CREATE TRIGGER events_counts_ai AFTER INSERT ON events BEGIN {add} END")
    conn.execute(f"CREATE TRIGGER events_counts_ad AFTER DELETE ON events BEGIN {remove} END")
    conn.execute("CREATE TRIGGER events_counts_au AFTER UPDATE OF earliest ON events "
                 f"WHEN OLD.earliest != NEW.earliest BEGIN {remove} {add} END")
    conn.execute("CREATE TABLE party_counts (party_id INTEGER PRIMARY KEY, "
                 "events INTEGER NOT NULL)")
    conn.execute("CREATE INDEX idx_party_counts_events ON party_counts (events)")
    # A party counts an event once, however many roles it has in it.
    first_role = ("NOT EXISTS (SELECT 1 FROM participations p WHERE p.event_id = NEW.event_id "
                  "AND p.party_id = NEW.party_id AND p.rowid != NEW.rowid)")
    last_role = ("NOT EXISTS (SELECT 1 FROM participations p WHERE p.event_id = OLD.event_id "
                 "AND p.party_id = OLD.party_id)")
    inc = ("INSERT INTO party_counts (party_id, events) VALUES (NEW.party_id, 1) "
           "ON CONFLICT (party_id) DO UPDATE SET events = events + 1;")
    dec = "UPDATE party_counts SET events = events - 1 WHERE party_id = OLD.party_id;"
    conn.execute("CREATE TRIGGER participations_counts_ai AFTER INSERT ON participations "
                 f"WHEN {first_role} BEGIN {inc} END")
    conn.execute("CREATE TRIGGER participations_counts_ad AFTER DELETE ON participations "
                 f"WHEN {last_role} BEGIN {dec} END")
    conn.execute("CREATE TRIGGER participations_counts_au_old AFTER UPDATE OF event_id, "
                 f"party_id ON participations WHEN {last_role} BEGIN {dec} END")
    conn.execute("CREATE TRIGGER participations_counts_au_new AFTER UPDATE OF event_id, "
                 f"party_id ON participations WHEN {first_role} BEGIN {inc} END")
    _rebuild_counts(conn)
    _rebuild_party_counts(conn)
    # A party's events in date order straight from an index: participations carry their
    # event's start (the writer fills it in; triggers keep it right for any other write).
    conn.execute("ALTER TABLE participations ADD COLUMN earliest INTEGER")
    conn.execute("UPDATE participations SET earliest = "
                 "(SELECT earliest FROM events WHERE id = event_id)")
    conn.execute("DROP INDEX idx_participations_party_id_event_id")
    conn.execute("CREATE INDEX idx_participations_party_earliest "
                 "ON participations (party_id, earliest, event_id)")
    conn.execute("CREATE TRIGGER participations_earliest_ai AFTER INSERT ON participations "
                 "WHEN NEW.earliest IS NOT (SELECT earliest FROM events WHERE id = NEW.event_id) "
                 "BEGIN UPDATE participations SET earliest = "
                 "(SELECT earliest FROM events WHERE id = NEW.event_id) "
                 "WHERE rowid = NEW.rowid; END")
    conn.execute("CREATE TRIGGER events_participations_au AFTER UPDATE OF earliest ON events "
                 "WHEN OLD.earliest != NEW.earliest BEGIN UPDATE participations "
                 "SET earliest = NEW.earliest WHERE event_id = NEW.id; END")
    # Length classes for long events (see LENGTH_CLASS_SECONDS); short events stay class 0.
    conn.execute("DROP INDEX idx_events_long")
    conn.execute("ALTER TABLE events RENAME COLUMN is_long TO length_class")
    conn.execute(f"UPDATE events SET length_class = {_length_class_sql('earliest', 'latest')} "
                 "WHERE length_class != 0")
    # Each event carries its lanes (its party ids, "3,17,40"), kept by triggers on
    # participations, so a window query reads marks from an index alone: the two window indexes
    # cover everything a mark needs, in time order, instead of one table page per mark.
    conn.execute("ALTER TABLE events ADD COLUMN lanes TEXT")
    conn.execute(f"UPDATE events SET lanes = {_LANES_OF.format(event='events.id')}")
    for when, event in (("INSERT", "NEW"), ("DELETE", "OLD")):
        conn.execute(f"CREATE TRIGGER participations_lanes_{when[0].lower()} AFTER {when} ON "
                     f"participations BEGIN UPDATE events SET lanes = "
                     f"{_LANES_OF.format(event=f'{event}.event_id')} "
                     f"WHERE id = {event}.event_id; END")
    conn.execute("CREATE TRIGGER participations_lanes_u AFTER UPDATE OF event_id, party_id ON "
                 "participations BEGIN "
                 f"UPDATE events SET lanes = {_LANES_OF.format(event='OLD.event_id')} "
                 "WHERE id = OLD.event_id; "
                 f"UPDATE events SET lanes = {_LANES_OF.format(event='NEW.event_id')} "
                 "WHERE id = NEW.event_id; END")
    conn.execute("DROP INDEX idx_events_earliest_latest_is_long")
    conn.execute("CREATE INDEX idx_events_window ON events "
                 f"(earliest, latest, length_class, {_MARK_EXTRA})")
    conn.execute("CREATE INDEX idx_events_long ON events "
                 f"(length_class, earliest, latest, {_MARK_EXTRA}) WHERE length_class > 0")
    conn.execute("PRAGMA user_version = 2")


def m003_search_prefix(db: sqlite_utils.Database) -> None:
    """The FTS5 tables rebuilt with a prefix index, for instant search (see models.search)."""
    search_sql.m003_search_prefix(db)
    db.execute("PRAGMA user_version = 3")


def m004_links_attributes(db: sqlite_utils.Database) -> None:
    """What other tools' files carry beyond our own fields: an event's links (TimelineJS media,
    Timeline hyperlinks) and the attributes of events and parties (ICEWS and GDELT codes,
    places, sectors), kept as text in their order."""
    db.table("links").create(
        {"event_id": int, "position": int, "url": str, "caption": str, "credit": str},
        pk=("event_id", "position"),
        not_null={"url", "caption", "credit"},
        foreign_keys=[("event_id", "events", "id")],
    )
    for owner in ("event", "party"):
        db.table(f"{owner}_attributes").create(
            {f"{owner}_id": int, "position": int, "name": str, "value": str},
            pk=(f"{owner}_id", "position"),
            not_null={"name", "value"},
            foreign_keys=[(f"{owner}_id", "events" if owner == "event" else "parties", "id")],
        )
    db.execute("PRAGMA user_version = 4")


# Per-lane counts for zoomed-out views of many events: how many events of each party (mode 0)
# and category (mode 1) start in each bucket of three of the pyramid's levels: 8 days, 64
# days and ~11 years. Bins narrower than 8 days hold few events a lane and are counted live;
# wider ones sum the buckets of the widest level that fits (up to 64 a bin below 700 years).
# Every participation written costs an update per level: three levels, not eleven.
LANE_COUNT_LEVELS = (1, 2, 4)
LANE_COUNT_FROM = LANE_COUNT_LEVELS[0]
_PARTY_LANE, _CATEGORY_LANE = 0, 1


def _lane_count_sql(mode: int, lane: str, earliest: str, step: int) -> str:
    """SQL adding `step` (1 or -1) to a lane's buckets for an event starting at `earliest`."""
    bucket = _floor_div(earliest, "width")
    if step > 0:
        return ("INSERT INTO lane_counts (mode, lane, level, bucket, n) "
                f"SELECT {mode}, {lane}, level, {bucket}, 1 FROM count_levels "
                f"WHERE level IN {LANE_COUNT_LEVELS} "
                "ON CONFLICT (mode, lane, level, bucket) DO UPDATE SET n = n + 1;")
    return (f"UPDATE lane_counts SET n = n - 1 WHERE mode = {mode} AND lane = {lane} AND "
            f"(level, bucket) IN (SELECT level, {bucket} FROM count_levels "
            f"WHERE level IN {LANE_COUNT_LEVELS}); "
            f"DELETE FROM lane_counts WHERE n <= 0 AND mode = {mode} AND lane = {lane};")


def m005_lane_counts(db: sqlite_utils.Database) -> None:
    conn = db.conn
    conn.execute(
        "CREATE TABLE lane_counts (mode INTEGER NOT NULL, lane INTEGER NOT NULL, "
        "level INTEGER NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (mode, lane, level, bucket)) WITHOUT ROWID")
    # A party counts an event once, however many roles it has in it: the first role row in
    # adds it, the last one out takes it away, and a moved start moves it (its first row).
    start_of = "coalesce({row}.earliest, (SELECT earliest FROM events WHERE id = {row}.event_id))"
    first_role = ("NOT EXISTS (SELECT 1 FROM participations p WHERE p.event_id = NEW.event_id "
                  "AND p.party_id = NEW.party_id AND p.rowid != NEW.rowid)")
    last_role = ("NOT EXISTS (SELECT 1 FROM participations p WHERE p.event_id = OLD.event_id "
                 "AND p.party_id = OLD.party_id)")
    first_row = ("NEW.rowid = (SELECT min(rowid) FROM participations p "
                 "WHERE p.event_id = NEW.event_id AND p.party_id = NEW.party_id)")
    add_party = _lane_count_sql(_PARTY_LANE, "NEW.party_id", start_of.format(row="NEW"), 1)
    remove_party = _lane_count_sql(_PARTY_LANE, "OLD.party_id", "OLD.earliest", -1)
    conn.execute("CREATE TRIGGER participations_lane_counts_ai AFTER INSERT ON participations "
                 f"WHEN {first_role} BEGIN {add_party} END")
    conn.execute("CREATE TRIGGER participations_lane_counts_ad AFTER DELETE ON participations "
                 f"WHEN {last_role} AND OLD.earliest IS NOT NULL BEGIN {remove_party} END")
    conn.execute("CREATE TRIGGER participations_lane_counts_au AFTER UPDATE OF earliest, "
                 "event_id, party_id ON participations WHEN OLD.earliest IS NOT NULL AND "
                 f"{first_row} BEGIN {remove_party} {add_party} END")
    add_category = _lane_count_sql(_CATEGORY_LANE, "NEW.category_id", "NEW.earliest", 1)
    remove_category = _lane_count_sql(_CATEGORY_LANE, "OLD.category_id", "OLD.earliest", -1)
    conn.execute("CREATE TRIGGER events_lane_counts_ai AFTER INSERT ON events "
                 f"WHEN NEW.category_id IS NOT NULL BEGIN {add_category} END")
    conn.execute("CREATE TRIGGER events_lane_counts_ad AFTER DELETE ON events "
                 f"WHEN OLD.category_id IS NOT NULL BEGIN {remove_category} END")
    conn.execute("CREATE TRIGGER events_lane_counts_au_old AFTER UPDATE OF earliest, category_id "
                 "ON events WHEN OLD.category_id IS NOT NULL AND (OLD.earliest != NEW.earliest "
                 f"OR NEW.category_id IS NOT OLD.category_id) BEGIN {remove_category} END")
    conn.execute("CREATE TRIGGER events_lane_counts_au_new AFTER UPDATE OF earliest, category_id "
                 "ON events WHEN NEW.category_id IS NOT NULL AND (OLD.earliest != NEW.earliest "
                 f"OR NEW.category_id IS NOT OLD.category_id) BEGIN {add_category} END")
    _rebuild_lane_counts(conn)
    conn.execute("PRAGMA user_version = 5")


# Each sets user_version to its number.
MIGRATIONS = (m001_initial, m002_counts, m003_search_prefix, m004_links_attributes,
              m005_lane_counts)


@functools.cache
def schema_migrations() -> Migrations:
    """sqlite-utils' Migrations over MIGRATIONS. Imported on first need: opening a current
    store reads `user_version` only, which keeps sqlite-utils (~65 ms) off the start-up path."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("chronolens")
    for step in MIGRATIONS:
        migrations()(step)
    return migrations


_LANES_OF = ("(SELECT group_concat(party_id) FROM (SELECT DISTINCT party_id FROM participations "
             "WHERE event_id = {event} ORDER BY party_id))")
_MARK_EXTRA = "flags, category_id, lanes, title"


def _rebuild_counts(conn: sqlite3.Connection) -> None:
    """Recompute the event-count pyramid: level 0 from the events, each level from the one below."""
    conn.execute("DELETE FROM event_counts")
    conn.execute("INSERT INTO event_counts (level, bucket, n) "
                 f"SELECT 0, {_floor_div('earliest', str(COUNT_BASE))} AS b, count(*) "
                 "FROM events GROUP BY b")
    for level in range(1, COUNT_LEVELS):
        conn.execute("INSERT INTO event_counts (level, bucket, n) "
                     f"SELECT ?, {_floor_div('bucket', str(COUNT_FANOUT))} AS b, sum(n) "
                     "FROM event_counts WHERE level = ? GROUP BY b", [level, level - 1])


def _rebuild_lane_counts(conn: sqlite3.Connection) -> None:
    """Recompute the per-lane pyramid: its first level from participations and events, each
    level above from the one below."""
    first = LANE_COUNT_FROM
    width = str(COUNT_WIDTHS[first])
    conn.execute("DELETE FROM lane_counts")
    conn.execute("INSERT INTO lane_counts (mode, lane, level, bucket, n) "
                 f"SELECT {_PARTY_LANE}, party_id, {first}, {_floor_div('earliest', width)} AS b, "
                 "count(DISTINCT event_id) FROM participations WHERE earliest IS NOT NULL "
                 "GROUP BY party_id, b")
    conn.execute("INSERT INTO lane_counts (mode, lane, level, bucket, n) "
                 f"SELECT {_CATEGORY_LANE}, category_id, {first}, "
                 f"{_floor_div('earliest', width)} AS b, count(*) FROM events "
                 "WHERE category_id IS NOT NULL GROUP BY category_id, b")
    for below, level in itertools.pairwise(LANE_COUNT_LEVELS):
        fanout = str(COUNT_FANOUT ** (level - below))
        conn.execute("INSERT INTO lane_counts (mode, lane, level, bucket, n) "
                     f"SELECT mode, lane, ?, {_floor_div('bucket', fanout)} AS b, "
                     "sum(n) FROM lane_counts WHERE level = ? GROUP BY mode, lane, b",
                     [level, below])


def _rebuild_party_counts(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM party_counts")
    conn.execute("INSERT INTO party_counts (party_id, events) "
                 "SELECT party_id, count(DISTINCT event_id) FROM participations GROUP BY party_id")


fts_query = search_sql.fts_query


def _span_flags(when: DateSpan) -> int:
    return (
        (FLAG_RANGE if when.is_range else 0)
        | (FLAG_OPEN_END if when.open_end else 0)
        | (FLAG_FUZZY_START if when.fuzzy_start else 0)
        | (FLAG_FUZZY_END if when.fuzzy_end else 0)
    )


def _length_class(earliest: int, latest: int) -> int:
    length = latest - earliest
    for index, longest in enumerate(LENGTH_CLASS_SECONDS):
        if length <= longest:
            return index
    return len(LENGTH_CLASS_SECONDS)  # longer, or ongoing (latest = OPEN_END)


def _length_class_sql(earliest: str, latest: str) -> str:
    cases = " ".join(f"WHEN {latest} - {earliest} <= {longest} THEN {index}"
                     for index, longest in enumerate(LENGTH_CLASS_SECONDS))
    return f"CASE {cases} ELSE {len(LENGTH_CLASS_SECONDS)} END"


class Store:
    """An open Chronolens store. Use `Store.open(path)` or `Store.memory()`."""

    def __init__(self, conn: sqlite3.Connection, path: str, *, mode: str = "rw",
                 notice: str | None = None, lock: StoreLock | None = None) -> None:
        self._conn = conn
        self.path = path
        self._mode = mode  # "rw", "ro" (beside another writer) or "immutable"
        self.notice = notice  # why the store is read-only, for the window to say
        self._lock = lock
        self._checked = False
        self._extent_cache: tuple[tuple[Any, int], tuple[int, int] | None] | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False) -> Store:
        """Open the store at `path`; with create=True, make it (and its folder) if missing.

        A file is read as bytes before SQLite sees it, and a file not checked before (or
        changed since) gets a quick_check and a check that its triggers and views are ours, on
        a connection that can write nothing: a file that is not a sound Chronolens store is
        refused with a message and left exactly as it was. A store from a newer Chronolens, or
        on read-only media, opens read-only with a `notice` saying why. One Chronolens writes
        a store at a time (StoreInUse); read_only=True opens beside that writer.
        """
        file = Path(path)
        if not file.exists():
            if not create or read_only:
                raise StoreError(f"No store at {file}. Import a file into it first, "
                                 "or leave out --db to use your own store.")
            file.parent.mkdir(parents=True, exist_ok=True)
            return cls._connect(file, mode="rw", notice=None, checked=True)
        if file.is_dir():
            raise StoreError(f"{file} is a folder, not a Chronolens store.")
        header = read_header(file)
        if header.application_id != APPLICATION_ID:
            raise StoreError(f"{file} is an SQLite database, but not a Chronolens store.")
        # notice: why the store is read-only, to follow "Read-only: " wherever it is shown.
        mode, notice = ("ro", "as you asked.") if read_only else ("rw", None)
        if header.user_version > SCHEMA_VERSION:
            mode, notice = "immutable", (
                f"written by a newer Chronolens (store version {header.user_version}; this one "
                f"knows {SCHEMA_VERSION}). Update Chronolens to change it.")
        elif not is_writable(file):
            mode, notice = "immutable", ("it is on a read-only disk or folder. Copy it somewhere "
                                         "writable to change it.")
        recovering = has_recovery_files(file)
        checked = was_checked(file) and not recovering
        if not checked and not (mode == "rw" and recovering):
            # Recovery files mean our own store stopped mid-write: SQLite must finish (or
            # undo) that on a writing connection first; it is checked right after, in _connect.
            _check_unknown_file(file, header.user_version)
        return cls._connect(file, mode=mode, notice=notice, checked=checked)

    @classmethod
    def _connect(cls, file: Path, *, mode: str, notice: str | None, checked: bool) -> Store:
        lock = StoreLock(file) if mode == "rw" else None
        if lock is not None:
            lock.acquire()
        conn: sqlite3.Connection | None = None
        try:
            uri_mode = mode if mode != "rw" or file.exists() else "rwc"
            conn = sqlite3.connect(sqlite_uri(file, mode=uri_mode), uri=True)
            conn.execute("PRAGMA trusted_schema=OFF")
            if mode == "rw":
                if not checked:
                    _check_sound(conn, file)
                # Our FTS5 triggers are refused with trusted_schema=OFF; by now every trigger
                # and view in the file has been compared with the ones our migrations make.
                conn.execute("PRAGMA trusted_schema=ON")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA busy_timeout=5000")
            store = cls(conn, str(file), mode=mode, notice=notice, lock=lock)
            if mode == "rw":
                store._migrate()  # first: without a backup, not even the journal mode changes
                conn.execute("PRAGMA journal_mode=WAL")
            elif mode == "ro" and store._version() < SCHEMA_VERSION:
                raise StoreError(f"{file} was made by an older Chronolens and must be upgraded "
                                 "first: open it once without read-only.")
            if not checked and mode != "rw":
                remember_checked(file)
            store._checked = checked or mode == "rw"
            return store
        except BaseException as error:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            if isinstance(error, sqlite3.DatabaseError | UnicodeDecodeError):
                raise StoreError(_damaged(file, error)) from None
            raise

    @classmethod
    def memory(cls) -> Store:
        store = cls(sqlite3.connect(":memory:"), ":memory:")
        store._conn.execute("PRAGMA foreign_keys=ON")
        store._migrate()
        return store

    @property
    def read_only(self) -> bool:
        return self._mode != "rw"

    @functools.cached_property
    def _db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes (atomic, upsert, migrations);
        made on the first write, so reading never imports it."""
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

    def _version(self) -> int:
        return int(self._scalar("PRAGMA user_version"))

    def close(self) -> None:
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            if self._checked:
                # Left sound by us: the next open needs no quick_check unless it changes.
                remember_checked(Path(self.path))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self._version()
        # Each migration sets user_version in its own transaction: equal means all applied.
        if version == SCHEMA_VERSION:
            return
        if version > 0 and self.path != ":memory:":
            # Never upgrade a store without a verified copy of it as it was.
            make_backup(self._conn, Path(self.path), version)
        schema_migrations().apply(self._db)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.path} is open read-only, so nothing was written: "
                                f"{self.notice or 'as you asked.'}")

    # -- small helpers -------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        # Damaged text (a flipped bit on disk) is shown with replacement marks, not a failure.
        try:
            return read_leniently(self._conn, lambda: self._conn.execute(sql, params).fetchall())
        except sqlite3.DatabaseError as error:
            if "interrupted" in str(error):
                raise StoreInterrupted(str(error)) from None
            raise StoreError(_unreadable(self.path, error)) from None
        except UnicodeDecodeError as error:  # even so: SQLite's own message quoted such bytes
            raise StoreError(_unreadable(self.path, error)) from None

    def _scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return rows[0][0] if rows else None

    # -- single records ------------------------------------------------------------------

    _EVENT_COLUMNS = "e.id, e.key, e.title, e.edtf, e.description, e.category_id"

    @staticmethod
    def _event(row: Sequence[Any]) -> Event:
        return Event(id=row[0], key=row[1], title=row[2], when=parse_stored(row[3]),
                     description=row[4], category_id=row[5])

    _PARTY_COLUMNS = (
        "p.id, p.key, p.name, p.kind, p.description, "
        "(SELECT json_group_array(name) FROM "
        "(SELECT name FROM aliases a WHERE a.party_id = p.id ORDER BY name))"
    )

    @staticmethod
    def _party(row: Sequence[Any]) -> Party:
        return Party(id=row[0], key=row[1], name=row[2], kind=row[3], description=row[4],
                     aliases=tuple(json.loads(row[5])))

    _SOURCE_COLUMNS = "s.id, s.key, s.title, s.publisher, s.url, s.published, s.text"

    @staticmethod
    def _source(row: Sequence[Any]) -> Source:
        return Source(id=row[0], key=row[1], title=row[2], publisher=row[3], url=row[4],
                      published=parse_stored(row[5]) if row[5] else None, text=row[6])

    def event(self, event_id: int) -> Event | None:
        rows = self._rows(f"SELECT {self._EVENT_COLUMNS} FROM events e WHERE e.id = ?",
                          [event_id])
        return self._event(rows[0]) if rows else None

    def party(self, party_id: int) -> Party | None:
        rows = self._rows(f"SELECT {self._PARTY_COLUMNS} FROM parties p WHERE p.id = ?",
                          [party_id])
        return self._party(rows[0]) if rows else None

    def source(self, source_id: int) -> Source | None:
        rows = self._rows(f"SELECT {self._SOURCE_COLUMNS} FROM sources s WHERE s.id = ?",
                          [source_id])
        return self._source(rows[0]) if rows else None

    def parties(self) -> list[Party]:
        """Every party with its aliases, by name: what a new article's names are matched to."""
        return [self._party(row) for row in self._rows(
            f"SELECT {self._PARTY_COLUMNS} FROM parties p ORDER BY p.name, p.id")]

    def category(self, category_id: int) -> Category | None:
        rows = self._rows("SELECT id, key, name, color, parent_id FROM categories WHERE id = ?",
                          [category_id])
        return Category(*rows[0]) if rows else None

    def categories(self) -> list[Category]:
        rows = self._rows("SELECT id, key, name, color, parent_id FROM categories ORDER BY name")
        return [Category(*row) for row in rows]

    def headline_event(self) -> Event | None:
        """What a reader opening the story wants to see first: the event that carries the
        story's title, else the latest-starting one. Both through indexes (no table scan)."""
        phrase = search_sql.whole_word_query(self.title())
        rows = []
        if phrase is not None:
            rows = self._rows(
                f"SELECT {self._EVENT_COLUMNS} FROM events e WHERE e.id IN "
                "(SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT 200) "
                "AND e.title = ? ORDER BY e.earliest DESC, e.id DESC LIMIT 1",
                [phrase, self.title()])
        if not rows:
            rows = self._rows(f"SELECT {self._EVENT_COLUMNS} FROM events e WHERE e.earliest = "
                              "(SELECT max(earliest) FROM events) ORDER BY e.id DESC LIMIT 1")
        return self._event(rows[0]) if rows else None

    # -- relations -----------------------------------------------------------------------

    def participants(self, event_id: int) -> list[PartyRole]:
        rows = self._rows(
            f"SELECT {self._PARTY_COLUMNS}, pa.role FROM participations pa "
            "JOIN parties p ON p.id = pa.party_id WHERE pa.event_id = ? ORDER BY p.name, pa.role",
            [event_id],
        )
        return [PartyRole(self._party(row), row[6]) for row in rows]

    def events_of(self, party_id: int, *, limit: int | None = None) -> list[EventRole]:
        """A party's events in date order, with the role it had in each (the first `limit`)."""
        return self.event_roles(party_id, self.event_ids_of(party_id, limit=limit))

    def event_ids_of(self, party_id: int, *, limit: int | None = None) -> list[int]:
        """Ids of a party's events in date order (earliest, then id), from one index range:
        cheap even for a party in hundreds of thousands of events. Fetch rows in blocks with
        `event_roles`."""
        ids: list[int] = []
        last = None
        cursor = self._conn.execute(
            "SELECT event_id FROM participations WHERE party_id = ? ORDER BY earliest, event_id",
            [party_id])
        wanted = -1 if limit is None else max(limit, 0)
        while len(ids) != wanted:
            block = cursor.fetchmany(4096)
            if not block:
                break
            for (event_id,) in block:
                if event_id != last:  # one row per role: the same event comes in a run
                    ids.append(event_id)
                    last = event_id
                    if len(ids) == wanted:
                        break
        cursor.close()
        return ids

    def count_events_of(self, party_id: int) -> int:
        """How many events a party appears in (from the precomputed lane counts)."""
        value = self._scalar("SELECT events FROM party_counts WHERE party_id = ?", [party_id])
        return 0 if value is None else int(value)

    def event_roles(self, party_id: int, event_ids: Sequence[int]) -> list[EventRole]:
        """The given events of a party (in the order given) with its role in each; ids of
        events the party is not in are left out."""
        if not event_ids:
            return []
        rows = self._rows(
            f"SELECT {self._EVENT_COLUMNS}, group_concat(pa.role, ', ') FROM participations pa "
            "JOIN events e ON e.id = pa.event_id WHERE pa.party_id = ? "
            "AND pa.event_id IN (SELECT value FROM json_each(?)) GROUP BY e.id",
            [party_id, json.dumps(list(event_ids))],
        )
        by_id = {row[0]: EventRole(self._event(row), row[6]) for row in rows}
        return [by_id[id_] for id_ in event_ids if id_ in by_id]

    def links_of(self, event_id: int) -> list[Link]:
        return [Link(*row) for row in self._rows(
            "SELECT url, caption, credit FROM links WHERE event_id = ? ORDER BY position",
            [event_id])]

    def event_attributes(self, event_id: int) -> list[tuple[str, str]]:
        """An event's attributes from another tool's file (CAMEO code, place, …), in order."""
        return [(name, value) for name, value in self._rows(
            "SELECT name, value FROM event_attributes WHERE event_id = ? ORDER BY position",
            [event_id])]

    def party_attributes(self, party_id: int) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self._rows(
            "SELECT name, value FROM party_attributes WHERE party_id = ? ORDER BY position",
            [party_id])]

    def co_parties(self, party_id: int, *, limit: int = 50,
                   scan: int = 20_000) -> list[CoParty]:
        """Parties that share events with this one, most shared first.

        Bounded for very busy parties: only `scan` of the party's events are looked at, so
        for a party in more events `shared` counts within those.
        """
        rows = self._rows(
            f"SELECT {self._PARTY_COLUMNS}, count(DISTINCT other.event_id) AS shared "
            "FROM (SELECT DISTINCT event_id FROM participations WHERE party_id = :party "
            "LIMIT :scan) mine JOIN participations other "
            "ON other.event_id = mine.event_id AND other.party_id != :party "
            "JOIN parties p ON p.id = other.party_id "
            "GROUP BY p.id ORDER BY shared DESC, p.name LIMIT :limit",
            {"party": party_id, "scan": scan, "limit": limit},
        )
        return [CoParty(self._party(row), row[6]) for row in rows]

    def citations_of(self, event_id: int) -> list[CitedSource]:
        rows = self._rows(
            f"SELECT {self._SOURCE_COLUMNS}, c.quote FROM citations c "
            "JOIN sources s ON s.id = c.source_id WHERE c.event_id = ? ORDER BY c.id",
            [event_id],
        )
        return [CitedSource(self._source(row), row[7]) for row in rows]

    def quotes_in(self, source_id: int) -> list[tuple[int, str]]:
        """(event id, quote) for every citation of a source, in the order they were cited."""
        rows = self._rows(
            "SELECT event_id, quote FROM citations WHERE source_id = ? ORDER BY id", [source_id]
        )
        return [(row[0], row[1]) for row in rows]

    # -- the timeline --------------------------------------------------------------------

    def events_in(
        self,
        start: int,
        end: int,
        *,
        lane_mode: LaneMode = LaneMode.PARTY,
        limit: int | None = None,
        lengths: Literal["all", "short", "long"] = "all",
    ) -> list[EventMark]:
        """Events overlapping [start, end] (seconds, both ends included), earliest first, at
        most `limit` of them (the earliest-starting ones); only the short ones (no longer than
        LONG_EVENT_SECONDS) or only the long and ongoing ones with `lengths`.

        Short events are found by a bounded index range on `earliest`; long ones through
        their own partial index; each side stops at `limit`, and lanes are fetched for the
        returned events only. That keeps the cost proportional to what is returned.
        """
        # Each length class from its covering index (no table rows), bounded by its longest
        # duration; SQLite merges the arms in C (MERGE (UNION ALL)) and stops at the limit.
        # Ordering by `earliest` alone lets every arm stream from its index; ties at the limit
        # are cut in index order, and the rows kept are then put in (earliest, id) order here.
        arms = [
            "SELECT earliest, id, latest, flags, category_id, lanes, title FROM events "
            f"WHERE length_class = {index} {'AND length_class > 0 ' if index else ''}"
            f"AND earliest BETWEEN :low{index} AND :end AND latest >= :start"
            for index in range(len(LENGTH_CLASS_SECONDS))
        ]
        arms.append(
            "SELECT earliest, id, latest, flags, category_id, lanes, title FROM events "
            f"WHERE length_class = {len(LENGTH_CLASS_SECONDS)} AND length_class > 0 "
            "AND earliest <= :end AND latest >= :start")
        arms = {"all": arms, "short": arms[:1], "long": arms[1:]}[lengths]
        params: dict[str, int] = {"start": start, "end": end,
                                  "limit": -1 if limit is None else max(limit, 0)}
        for index, longest in enumerate(LENGTH_CLASS_SECONDS):
            params[f"low{index}"] = start - longest  # (names an arm left out goes unused)
        rows = self._rows(" UNION ALL ".join(arms) + " ORDER BY earliest LIMIT :limit", params)
        rows.sort()  # by (earliest, id): ids are unique, so no further column is compared
        return self._marks(rows, lane_mode)

    def marks_starting(self, ranges: Sequence[tuple[int, int]], *,
                       lane_mode: LaneMode = LaneMode.PARTY) -> list[EventMark]:
        """Events starting in any of the disjoint [start, end) ranges, earliest first (the timeline
        fetches the quiet stretches of a crowded window this way)."""
        if not ranges:
            return []
        # One index range per stretch (a join over the list: SQLite's plan for the same
        # stretches OR'ed together took 395 ms for 40 of them at 1M, this one 2 ms).
        rows = self._rows(
            "SELECT e.earliest, e.id, e.latest, e.flags, e.category_id, e.lanes, e.title "
            "FROM json_each(?) r JOIN events e "
            "ON e.earliest >= json_extract(r.value, '$[0]') "
            "AND e.earliest < json_extract(r.value, '$[1]') ORDER BY e.earliest, e.id",
            [json.dumps([list(r) for r in ranges])])
        return self._marks(rows, lane_mode)

    def lane_density(self, start: int, step: int, bins: int, *, lane_mode: LaneMode,
                     lanes: Sequence[int]) -> dict[int | None, dict[int, int]]:
        """How many events of each lane start in each of `bins` slices of `step` seconds from
        `start`: {lane: {bin: count}}, and under None those of events in none of `lanes`
        (an event counts once in each of its lanes). Empty bins are left out. Slices of 8
        days or more are read from the per-lane pyramid (placed as `density` places them);
        narrower ones are counted from the events."""
        end = start + step * bins
        params = {"start": start, "end": end, "step": step, "lanes": json.dumps(list(lanes))}
        out: dict[int | None, dict[int, int]] = {}
        total = {b: n for b, n in enumerate(self.density(start, end, bins)) if n}
        usable = [COUNT_WIDTHS[level] for level in LANE_COUNT_LEVELS
                  if COUNT_WIDTHS[level] <= step]
        if usable and self._version() >= 5:
            # From the per-lane pyramid: each bucket counted in the bin holding its start, as
            # density() does. "Other" is what the lanes do not count, which misses an event
            # in two of them (an estimate: the union of lanes cannot be summed from counts).
            width = usable[-1]
            params.update(level=COUNT_WIDTHS.index(width), width=width,
                          mode=_PARTY_LANE if lane_mode is LaneMode.PARTY else _CATEGORY_LANE,
                          first=-(-start // width), last=(end - 1) // width)
            for lane, bin_, n in self._rows(
                    "SELECT lane, (bucket * :width - :start) / :step AS bin, sum(n) "
                    "FROM lane_counts WHERE mode = :mode AND level = :level "
                    "AND lane IN (SELECT value FROM json_each(:lanes)) "
                    "AND bucket BETWEEN :first AND :last "
                    "GROUP BY lane, bin", params):
                out.setdefault(lane, {})[bin_] = n
            in_lanes: dict[int, int] = {}
            for by_bin in out.values():
                for b, n in by_bin.items():
                    in_lanes[b] = in_lanes.get(b, 0) + n
            other = {b: n - in_lanes.get(b, 0) for b, n in total.items()
                     if n > in_lanes.get(b, 0)}
            if other:
                out[None] = other
            return out
        if lane_mode is LaneMode.PARTY:
            lane_sql = ("SELECT party_id, (earliest - :start) / :step AS bin, "
                        "count(DISTINCT event_id) FROM participations WHERE party_id IN "
                        "(SELECT value FROM json_each(:lanes)) AND earliest >= :start "
                        "AND earliest < :end GROUP BY party_id, bin")
            union_sql = ("SELECT (earliest - :start) / :step AS bin, count(DISTINCT event_id) "
                         "FROM participations WHERE party_id IN "
                         "(SELECT value FROM json_each(:lanes)) AND earliest >= :start "
                         "AND earliest < :end GROUP BY bin")
        else:
            lane_sql = ("SELECT category_id, (earliest - :start) / :step AS bin, count(*) "
                        "FROM events WHERE category_id IN (SELECT value FROM json_each(:lanes)) "
                        "AND earliest >= :start AND earliest < :end GROUP BY category_id, bin")
            union_sql = ("SELECT (earliest - :start) / :step AS bin, count(*) FROM events "
                         "WHERE category_id IN (SELECT value FROM json_each(:lanes)) "
                         "AND earliest >= :start AND earliest < :end GROUP BY bin")
        for lane, bin_, n in self._rows(lane_sql, params):
            out.setdefault(lane, {})[bin_] = n
        in_lanes = dict(self._rows(union_sql, params))
        other = {b: n - in_lanes.get(b, 0) for b, n in total.items() if n > in_lanes.get(b, 0)}
        if other:
            out[None] = other
        return out

    @staticmethod
    def _marks(rows: Sequence[Sequence[Any]], lane_mode: LaneMode) -> list[EventMark]:
        make = EventMark._make  # (a window brings up to ~12,000: the per-row cost counts)
        if lane_mode is LaneMode.PARTY:
            return [make((id_, title, earliest, latest, *_FLAG_BITS[flags & 15],
                          () if lanes is None else tuple(map(int, lanes.split(",")))))
                    for earliest, id_, latest, flags, _, lanes, title in rows]
        return [make((id_, title, earliest, latest, *_FLAG_BITS[flags & 15],
                      () if category_id is None else (category_id,)))
                for earliest, id_, latest, flags, category_id, _, title in rows]

    def count_in(self, start: int, end: int) -> int:
        """How many events overlap [start, end]: what `events_in(start, end)` would return
        without a limit. Those starting inside come from the count pyramid; those starting
        before and still running from the two indexes events_in uses."""
        if end < start:
            return 0
        inside = self._count_starting(start, end + 1)
        before = 0
        for index in range(LENGTH_CLASSES):
            longest = LENGTH_CLASS_SECONDS[index] if index < len(LENGTH_CLASS_SECONDS) else None
            before += int(self._scalar(
                "SELECT count(*) FROM events WHERE length_class = :class "
                f"{'AND length_class > 0 ' if index else ''}"
                "AND earliest >= :low AND earliest < :start AND latest >= :start",
                {"class": index, "start": start,
                 "low": start - longest if longest is not None else -OPEN_END}))
        return inside + int(before)

    def lanes(self, mode: LaneMode, *, limit: int | None = None) -> list[Lane]:
        """Lanes of a mode that hold events, busiest first (then by name); the first `limit`."""
        if mode is LaneMode.PARTY:
            sql = ("SELECT p.id, p.name, c.events FROM party_counts c "
                   "JOIN parties p ON p.id = c.party_id WHERE c.events > 0 "
                   "ORDER BY c.events DESC, p.name LIMIT ?")
        else:
            sql = ("SELECT c.id, c.name, (SELECT count(*) FROM events e "
                   "WHERE e.category_id = c.id) AS n FROM categories c WHERE n > 0 "
                   "ORDER BY n DESC, c.name LIMIT ?")
        return [Lane(*row) for row in self._rows(sql, [-1 if limit is None else limit])]

    def lane_names(self, mode: LaneMode, ids: Sequence[int]) -> dict[int, str]:
        """Names of a few lanes (party or category ids) by id; unknown ids are left out."""
        table = "parties" if mode is LaneMode.PARTY else "categories"
        if not ids:
            return {}
        return dict(self._rows(
            f"SELECT id, name FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))]))

    def eras_in(self, start: int, end: int) -> list[Era]:
        rows = self._rows(
            "SELECT id, key, name, edtf, color FROM eras WHERE earliest <= ? AND latest >= ? "
            "ORDER BY earliest, id",
            [end, start],
        )
        return [Era(id=r[0], key=r[1], name=r[2], when=parse_stored(r[3]), color=r[4])
                for r in rows]

    def density(self, start: int, end: int, bins: int) -> list[int]:
        """How many events start in each of `bins` equal slices of [start, end).

        Bins narrower than a day are counted from the events themselves. Otherwise the counts
        come from the pyramid level with the widest bucket no wider than a bin: every event
        is counted in the bin holding max(start of its bucket, `start`). So the total is exact
        (the buckets cut by `start` and `end` are counted exactly), and a bin edge that falls
        inside a bucket moves that bucket's events into the bin before: exact whenever bin
        edges fall on bucket edges. `density_bucket` tells which bucket width is used.
        """
        counts = [0] * max(bins, 0)
        if bins <= 0 or end <= start:
            return counts
        span = end - start
        width = self.density_bucket(start, end, bins)
        if width is None:
            rows = self._rows(
                "SELECT earliest FROM events WHERE earliest >= ? AND earliest < ?", [start, end])
            for (earliest,) in rows:
                counts[(earliest - start) * bins // span] += 1
            return counts
        level = COUNT_WIDTHS.index(width)
        first, last = start // width, (end - 1) // width
        low, high = first, last
        if first * width < start:  # the bucket cut by `start`: only its part from start
            low = first + 1
            counts[0] += self._count_starting(start, min(end, (first + 1) * width))
        if last >= low and (last + 1) * width > end:  # the bucket cut by `end`
            high = last - 1
            counts[(last * width - start) * bins // span] += self._count_starting(
                last * width, end)
        if high >= low and abs(high * width - start) * bins < 2**62:
            # Summed by bin in SQL (no int64 overflow possible at these magnitudes).
            for index, n in self._rows(
                "SELECT ((bucket * :width - :start) * :bins) / :span AS bin, sum(n) "
                "FROM event_counts WHERE level = :level AND bucket BETWEEN :low AND :high "
                "GROUP BY bin",
                {"width": width, "start": start, "bins": bins, "span": span, "level": level,
                 "low": low, "high": high},
            ):
                counts[index] += n
        elif high >= low:
            for bucket, n in self._rows(
                "SELECT bucket, n FROM event_counts WHERE level = ? AND bucket BETWEEN ? AND ?",
                [level, low, high],
            ):
                counts[(bucket * width - start) * bins // span] += n
        return counts

    @staticmethod
    def density_bucket(start: int, end: int, bins: int) -> int | None:
        """The pyramid bucket width (seconds) `density` reads for these bins, or None when
        it counts the events themselves (bins narrower than a day)."""
        if bins <= 0 or end <= start:
            return None
        usable = [w for w in COUNT_WIDTHS if w * bins <= end - start]
        return usable[-1] if usable else None

    def _count_starting(self, low: int, high: int) -> int:
        """Exact count of events with low <= earliest < high, from the pyramid: whole buckets
        at the coarsest levels that fit, events themselves only for the partial days."""
        if high <= low:
            return 0
        day = COUNT_BASE
        first_day, last_day = -(-low // day), high // day  # whole days [first_day, last_day)
        live = "SELECT count(*) FROM events WHERE earliest >= ? AND earliest < ?"
        if first_day >= last_day:
            return int(self._scalar(live, [low, high]))
        total = int(self._scalar(live, [low, first_day * day]))
        total += int(self._scalar(live, [last_day * day, high]))
        lo, hi = first_day, last_day  # buckets [lo, hi) at `level`
        ranges: list[tuple[int, int, int]] = []
        for level in range(COUNT_LEVELS):
            up_lo, up_hi = -(-lo // COUNT_FANOUT), hi // COUNT_FANOUT
            if level == COUNT_LEVELS - 1 or up_lo >= up_hi:
                ranges.append((level, lo, hi))
                break
            ranges.append((level, lo, up_lo * COUNT_FANOUT))
            ranges.append((level, up_hi * COUNT_FANOUT, hi))
            lo, hi = up_lo, up_hi
        wanted = [r for r in ranges if r[1] < r[2]]
        if wanted:
            total += int(self._scalar(
                "SELECT coalesce(sum(c.n), 0) FROM json_each(?) r JOIN event_counts c "
                "ON c.level = json_extract(r.value, '$[0]') "
                "AND c.bucket >= json_extract(r.value, '$[1]') "
                "AND c.bucket < json_extract(r.value, '$[2]')", [json.dumps(wanted)]))
        return total

    def extent(self) -> tuple[int, int] | None:
        """(earliest start, latest known bound) over all events; ongoing ends are ignored.

        From the indexes: the latest end of each length class can only lie among the events
        that start within that class's longest duration of the last start. Cached until the
        store changes (the overview and zoom-to-fit ask often).
        """
        version = (self._scalar("PRAGMA data_version"), self._conn.total_changes)
        if self._extent_cache is not None and self._extent_cache[0] == version:
            return self._extent_cache[1]
        first = self._scalar("SELECT min(earliest) FROM events")
        result: tuple[int, int] | None = None
        if first is not None:
            last = int(self._scalar("SELECT max(earliest) FROM events"))
            ends = [last]
            for index, longest in enumerate(LENGTH_CLASS_SECONDS):
                ends.append(self._scalar(
                    "SELECT max(latest) FROM events WHERE length_class = ? "
                    f"{'AND length_class > 0 ' if index else ''}AND earliest >= ?",
                    [index, last - longest]) or last)
            ends.append(self._scalar(
                "SELECT max(latest) FROM events WHERE length_class = ? AND length_class > 0 "
                "AND latest < ?", [len(LENGTH_CLASS_SECONDS), OPEN_END]) or last)
            result = (int(first), int(max(ends)))
        self._extent_cache = (version, result)
        return result

    # -- search --------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 20) -> SearchResults:
        """Parties (by name, alias or description; typo-tolerant for names) and events (by their
        text, or through a matching party), each best first. Any text is safe."""
        try:
            return search_sql.search(self._conn, text, limit=limit)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged index
            raise StoreError(_unreadable(self.path, error)) from None

    def open_reader(self) -> Store | None:
        """A read-only Store on the same file for one worker thread (the timeline's fetcher);
        None for an in-memory store. `interrupt()` from another thread stops its query."""
        if self.path == ":memory:":
            return None
        reader = search_sql.open_reader(self.path, immutable=self._mode == "immutable")
        return Store(reader, self.path, mode="ro")

    def interrupt(self) -> None:
        """Stop the query running on this store's connection now (from any thread); that
        call raises StoreInterrupted."""
        self._conn.interrupt()

    def open_search_reader(self) -> search_sql.SearchReader | None:
        """A read-only reader for a worker thread; None for an in-memory store."""
        if self.path == ":memory:":
            return None
        return search_sql.SearchReader(self.path, immutable=self._mode == "immutable")

    # -- facts about the store -----------------------------------------------------------

    def info(self) -> StoreInfo:
        def count(table: str) -> int:
            return int(self._scalar(f"SELECT count(*) FROM {table}"))  # table: fixed names

        # min()/max() come from the window index; ordering by (earliest, id) would sort them all.
        first = self._rows("SELECT edtf FROM events WHERE earliest = "
                           "(SELECT min(earliest) FROM events) ORDER BY id LIMIT 1")
        last = self._rows("SELECT edtf FROM events WHERE earliest = "
                          "(SELECT max(earliest) FROM events) ORDER BY id DESC LIMIT 1")
        # The top level of the count pyramid holds every event: no scan of the events table.
        events = self._scalar("SELECT coalesce(sum(n), 0) FROM event_counts WHERE level = ?",
                              [COUNT_LEVELS - 1])
        return StoreInfo(
            path=self.path,
            events=int(events),
            parties=count("parties"),
            aliases=count("aliases"),
            sources=count("sources"),
            citations=count("citations"),
            categories=count("categories"),
            eras=count("eras"),
            earliest=parse_stored(first[0][0]) if first else None,
            latest=parse_stored(last[0][0]) if last else None,
        )

    def check(self) -> StoreCheck:
        """Every check we know, slow ones included (`integrity_check` reads the whole file):
        the file's structure, references between records, the search index, the counts
        kept for the timeline, and that every stored date still reads."""
        checked: list[str] = []
        problems: list[str] = []

        def look(what: str, found: Iterable[str]) -> None:
            checked.append(what)
            problems.extend(f"{what}: {problem}" for problem in found)

        try:
            verdict = [str(row[0]) for row in self._rows("PRAGMA integrity_check(20)")]
            look("file structure (integrity_check)", [v for v in verdict if v != "ok"])
            look("references between records (foreign_key_check)", [
                f"{table} row {rowid} points at a missing {parent} record"
                for table, rowid, parent, _fk in self._rows("PRAGMA foreign_key_check")][:20])
            version = self._version()
            look("store version", [] if version == SCHEMA_VERSION or self.read_only else
                 [f"{version}, expected {SCHEMA_VERSION}"])
            if self.read_only:
                checked.append("search index: not checked (the store is open read-only)")
            else:
                fts_problems = []
                for table in ("events_fts", "parties_fts", "aliases_fts"):  # fixed names
                    try:
                        # rank = 1: also compare the index with the table it indexes
                        self._conn.execute(f"INSERT INTO {table} ({table}, rank) "
                                              "VALUES ('integrity-check', 1)")
                    except sqlite3.DatabaseError as error:
                        fts_problems.append(f"{table}: {error}")
                look("search index", fts_problems)
            counted = self._scalar("SELECT coalesce(sum(n), 0) FROM event_counts WHERE level = 0")
            events = self._scalar("SELECT count(*) FROM events")
            look("timeline counts", [] if counted == events else
                 [f"they count {counted} events, the store holds {events}"])
            lane_problems = []
            if version >= 5:
                level = LANE_COUNT_FROM
                for mode, what, truth in (
                        (_PARTY_LANE, "party", "SELECT count(*) FROM (SELECT DISTINCT event_id, "
                                               "party_id FROM participations)"),
                        (_CATEGORY_LANE, "category", "SELECT count(*) FROM events "
                                                     "WHERE category_id IS NOT NULL")):
                    in_lanes = self._scalar("SELECT coalesce(sum(n), 0) FROM lane_counts "
                                            "WHERE mode = ? AND level = ?", [mode, level])
                    held = self._scalar(truth)
                    if in_lanes != held:
                        lane_problems.append(f"{what} lanes count {in_lanes} events, "
                                             f"the store holds {held}")
            look("lane counts", lane_problems)
            unreadable = []
            for key, text in self._rows("SELECT key, edtf FROM events"):
                try:
                    parse_edtf(text)
                except (DateError, TypeError):
                    unreadable.append(f"event {key!r} has the date {text!r}")
            look("event dates", unreadable[:20])
        except (sqlite3.DatabaseError, StoreError) as error:  # _rows raises StoreError
            problems.append(f"the check stopped: {error}")
        return StoreCheck(path=self.path, checked=tuple(checked), problems=tuple(problems))

    # -- writing -------------------------------------------------------------------------

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

    def keys_of(self, table: str, ids: Sequence[int]) -> dict[int, str]:
        """The stable keys of records of `table` by row id; unknown ids are left out."""
        if table not in _KEYED_TABLES:
            raise ValueError(f"unknown table {table!r}")
        if not ids:
            return {}
        return dict(self._rows(
            f"SELECT id, key FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))]))

    def key_of(self, table: str, key: str) -> int | None:
        """The row id of a record of `table` ('parties', 'sources', …) by its stable key."""
        if table not in _KEYED_TABLES:
            raise ValueError(f"unknown table {table!r}")
        value = self._scalar(f"SELECT id FROM {table} WHERE key = ?", [key])
        return None if value is None else int(value)

    # -- export --------------------------------------------------------------------------

    def story(self, title: str = "") -> Story:
        """Everything in the store as a Story, each list in a fixed order (by key)."""
        category_keys = dict(self._rows("SELECT id, key FROM categories"))
        categories = tuple(
            CategoryRecord(key=k, name=n, color=c, parent=category_keys.get(p))
            for k, n, c, p in self._rows(
                "SELECT key, name, color, parent_id FROM categories ORDER BY key")
        )
        aliases: dict[int, list[str]] = {}
        for party_id, name in self._rows("SELECT party_id, name FROM aliases ORDER BY name"):
            aliases.setdefault(party_id, []).append(name)
        party_attributes = self._owned("party_attributes", "party_id", "name, value")
        parties = tuple(
            PartyRecord(key=k, name=n, kind=kind, description=d,
                        aliases=tuple(aliases.get(id_, ())),
                        attributes=tuple((n, v) for n, v in party_attributes.get(id_, ())))
            for id_, k, n, kind, d in self._rows(
                "SELECT id, key, name, kind, description FROM parties ORDER BY key")
        )
        sources = tuple(
            SourceRecord(key=k, title=t, publisher=p, url=u,
                         published=parse_edtf(pub) if pub else None, text=text)
            for k, t, p, u, pub, text in self._rows(
                "SELECT key, title, publisher, url, published, text FROM sources ORDER BY key")
        )
        eras = tuple(
            EraRecord(key=k, name=n, when=parse_edtf(w), color=c)
            for k, n, w, c in self._rows("SELECT key, name, edtf, color FROM eras ORDER BY key")
        )
        roles: dict[int, list[RoleRecord]] = {}
        for event_id, party_key, role in self._rows(
            "SELECT pa.event_id, p.key, pa.role FROM participations pa "
            "JOIN parties p ON p.id = pa.party_id ORDER BY p.key, pa.role"
        ):
            roles.setdefault(event_id, []).append(RoleRecord(party_key, role))
        cites: dict[int, list[CitationRecord]] = {}
        for event_id, source_key, quote in self._rows(
            "SELECT c.event_id, s.key, c.quote FROM citations c "
            "JOIN sources s ON s.id = c.source_id ORDER BY c.id"
        ):
            cites.setdefault(event_id, []).append(CitationRecord(source_key, quote))
        links = self._owned("links", "event_id", "url, caption, credit")
        event_attributes = self._owned("event_attributes", "event_id", "name, value")
        events = tuple(
            EventRecord(key=k, title=t, when=parse_edtf(w), description=d,
                        category=category_keys.get(c), parties=tuple(roles.get(id_, ())),
                        citations=tuple(cites.get(id_, ())),
                        links=tuple(LinkRecord(*link) for link in links.get(id_, ())),
                        attributes=tuple((n, v) for n, v in event_attributes.get(id_, ())))
            for id_, k, t, w, d, c in self._rows(
                "SELECT id, key, title, edtf, description, category_id FROM events ORDER BY key")
        )
        return Story(title=title or self.title(), categories=categories, parties=parties,
                     sources=sources, eras=eras, events=events)

    def _owned(self, table: str, owner: str, columns: str) -> dict[int, list[tuple[str, ...]]]:
        """Rows owned by records (links, attributes) by owner id, in their order."""
        found: dict[int, list[tuple[str, ...]]] = {}
        for owner_id, *values in self._rows(  # table, owner, columns: fixed names
                f"SELECT {owner}, {columns} FROM {table} ORDER BY {owner}, position"):
            found.setdefault(owner_id, []).append(tuple(values))
        return found

    def title(self) -> str:
        """The story's title, kept in the store's metadata."""
        if not self._scalar("SELECT count(*) FROM sqlite_master WHERE name = 'meta'"):
            return ""
        value = self._scalar("SELECT value FROM meta WHERE name = 'title'")
        return "" if value is None else str(value)

    def set_title(self, title: str) -> None:
        self._writable()
        with self._db.atomic():
            self._db.table("meta").upsert({"name": "title", "value": title}, pk="name")


def _unreadable(path: str, error: object) -> str:
    return f"{path}: part of the store cannot be read ({error}). Check store says more."


def _write_failed(path: str, error: sqlite3.Error) -> str:
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return (f"{path}: the disk is full. Nothing was written and the store is as it was "
                "before; free some space and try again.")
    return f"{path}: nothing was written ({error})."


def ensure_store(path: Path, story_file: Path) -> Path:
    """Make sure a store exists at `path`, building it from the sample story on first run.

    It is built beside its final place and moved there only when complete, so an interrupted
    first run never leaves a half-written store behind.
    """
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, partial.with_name(partial.name + "-wal"),
                     partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    story = read_native(story_file)
    with Store.open(partial, create=True) as store:
        store.add_stories([story])
    partial.replace(path)
    remember_checked(path)  # built here just now: no need to check it on first open
    return path


_RECORD_NOUN = {"categories": "category", "parties": "party", "events": "event",
                "sources": "source", "eras": "era"}
_KEYED_TABLES = frozenset(_RECORD_NOUN)


class _Writer:
    """One transaction's writes: stable keys resolved to row ids once, kept for the whole
    transaction; tables empty at the start are bulk-loaded (see Store.add_stories)."""

    def __init__(self, store: Store) -> None:
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

def _damaged(file: Path, error: object) -> str:
    return (f"{file} is damaged and cannot be opened ({error}). It was left exactly as it was; "
            "a backup, or the file it was imported from, can replace it.")


def _check_unknown_file(file: Path, version: int) -> None:
    """quick_check and our-schema check on a connection that cannot write anything: immutable
    means no lock, no journal and no -wal/-shm beside the file, and trusted_schema=OFF means
    the file's own triggers and views can run no function that is not harmless."""
    conn = sqlite3.connect(sqlite_uri(file, mode="immutable"), uri=True)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        _check_sound(conn, file, version)
    except sqlite3.DatabaseError as error:
        raise StoreError(_damaged(file, error)) from None
    except UnicodeDecodeError:  # SQLite's own message quoted damaged bytes
        raise StoreError(_damaged(file, "its schema is not readable text")) from None
    finally:
        conn.close()


def _check_sound(conn: sqlite3.Connection, file: Path, version: int | None = None) -> None:
    """Refuse a file that fails quick_check, or whose triggers or views are not the ones our
    migrations make (code in a file is only trusted once it is known to be ours)."""
    decode_leniently(conn)  # damaged text must not stop the check
    try:
        _check_code(conn, file, version)
    finally:
        conn.text_factory = str


def _check_code(conn: sqlite3.Connection, file: Path, version: int | None) -> None:
    verdict = conn.execute("PRAGMA quick_check(3)").fetchall()
    if verdict != [("ok",)]:
        raise StoreError(_damaged(file, "; ".join(str(row[0]) for row in verdict)))
    if version is None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        return  # opened immutable with trusted_schema=OFF: its triggers never run
    found = set(conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')"))
    unknown = found - _schema_code(version)
    if unknown:
        names = ", ".join(sorted(f"{kind} {name}" for kind, name, _t, _s in unknown)[:5])
        raise StoreError(f"{file} holds code Chronolens did not write ({names}); it was not "
                         "opened, and left as it was.")


@functools.cache
def _schema_code(version: int) -> frozenset[tuple[str, str, str, str]]:
    """The triggers and views our migrations make up to store version `version`."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    names = [step.__name__ for step in MIGRATIONS]
    schema_migrations().apply(db, stop_before=names[version] if version < len(names) else None)
    return frozenset(db.conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')"))


__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "DateError", "Store", "StoreError", "StoreInUse",
           "StoreReadOnly", "fts_query"]
