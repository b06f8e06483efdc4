"""The store's schema: its migrations, the constants they use, and the rebuilds of what
its triggers keep current."""

from __future__ import annotations

import functools
import itertools
import sqlite3
from typing import TYPE_CHECKING

from models.dates import DateSpan
from models.store import search as search_sql
from models.store.history import create_history_tables

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x43484C4E  # "CHLN": marks a file as a Chronolens store
SCHEMA_VERSION = 8

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
    """The FTS5 tables rebuilt with a prefix index, for instant search (see models.store.search)."""
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


def _lane_count_sql(mode: int, lane: str, earliest: str, step: int, *, narrow: bool) -> str:
    """SQL adding `step` (1 or -1) to a lane's buckets for an event starting at `earliest`.
    narrow=False: as store versions 5 and 6 made it (their check expects it)."""
    bucket = _floor_div(earliest, "width")
    if step > 0:
        return ("INSERT INTO lane_counts (mode, lane, level, bucket, n) "
                f"SELECT {mode}, {lane}, level, {bucket}, 1 FROM count_levels "
                f"WHERE level IN {LANE_COUNT_LEVELS} "
                "ON CONFLICT (mode, lane, level, bucket) DO UPDATE SET n = n + 1;")
    # Only the buckets just counted down are looked at for emptied ones: every bucket of the
    # lane took 270 µs a row for a busy party (store versions 5 and 6).
    buckets = (f"mode = {mode} AND lane = {lane} AND (level, bucket) IN (SELECT level, {bucket} "
               f"FROM count_levels WHERE level IN {LANE_COUNT_LEVELS})")
    if not narrow:
        return (f"UPDATE lane_counts SET n = n - 1 WHERE {buckets}; "
                f"DELETE FROM lane_counts WHERE n <= 0 AND mode = {mode} AND lane = {lane};")
    return (f"UPDATE lane_counts SET n = n - 1 WHERE {buckets}; "
            f"DELETE FROM lane_counts WHERE n <= 0 AND {buckets};")


LANE_COUNT_TRIGGERS = ("participations_lane_counts_ai", "participations_lane_counts_ad",
                       "participations_lane_counts_au", "events_lane_counts_ai",
                       "events_lane_counts_ad", "events_lane_counts_au_old",
                       "events_lane_counts_au_new")


def _create_lane_count_triggers(conn: sqlite3.Connection, *, narrow: bool) -> None:
    # A party counts an event once, however many roles it has in it: the first role row in
    # adds it, the last one out takes it away, and a moved start moves it (its first row).
    start_of = "coalesce({row}.earliest, (SELECT earliest FROM events WHERE id = {row}.event_id))"
    first_role = ("NOT EXISTS (SELECT 1 FROM participations p WHERE p.event_id = NEW.event_id "
                  "AND p.party_id = NEW.party_id AND p.rowid != NEW.rowid)")
    last_role = ("NOT EXISTS (SELECT 1 FROM participations p WHERE p.event_id = OLD.event_id "
                 "AND p.party_id = OLD.party_id)")
    first_row = ("NEW.rowid = (SELECT min(rowid) FROM participations p "
                 "WHERE p.event_id = NEW.event_id AND p.party_id = NEW.party_id)")
    add_party = _lane_count_sql(_PARTY_LANE, "NEW.party_id", start_of.format(row="NEW"), 1,
                                narrow=narrow)
    remove_party = _lane_count_sql(_PARTY_LANE, "OLD.party_id", "OLD.earliest", -1,
                                   narrow=narrow)
    conn.execute("CREATE TRIGGER participations_lane_counts_ai AFTER INSERT ON participations "
                 f"WHEN {first_role} BEGIN {add_party} END")
    conn.execute("CREATE TRIGGER participations_lane_counts_ad AFTER DELETE ON participations "
                 f"WHEN {last_role} AND OLD.earliest IS NOT NULL BEGIN {remove_party} END")
    conn.execute("CREATE TRIGGER participations_lane_counts_au AFTER UPDATE OF earliest, "
                 "event_id, party_id ON participations WHEN OLD.earliest IS NOT NULL AND "
                 f"{first_row} BEGIN {remove_party} {add_party} END")
    add_category = _lane_count_sql(_CATEGORY_LANE, "NEW.category_id", "NEW.earliest", 1,
                                   narrow=narrow)
    remove_category = _lane_count_sql(_CATEGORY_LANE, "OLD.category_id", "OLD.earliest", -1,
                                      narrow=narrow)
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


def m005_lane_counts(db: sqlite_utils.Database) -> None:
    conn = db.conn
    conn.execute(
        "CREATE TABLE lane_counts (mode INTEGER NOT NULL, lane INTEGER NOT NULL, "
        "level INTEGER NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (mode, lane, level, bucket)) WITHOUT ROWID")
    _create_lane_count_triggers(conn, narrow=False)
    _rebuild_lane_counts(conn)
    conn.execute("PRAGMA user_version = 5")


STRICT_FROM = 6  # store version from which every table is STRICT
READABLE_FROM = 5  # the oldest store version the reads know, before it is upgraded


def m006_strict(db: sqlite_utils.Database) -> None:
    """Every table STRICT: SQLite then refuses a value of the wrong type on every write, and
    quick_check finds one that damage put there. Text that reads as a number of the column's
    type is converted; anything else stops the upgrade (the store is left as it was).

    Each table is rebuilt (SQLite cannot alter a table into STRICT): triggers are dropped
    first, so that no rename meets a trigger naming a table that is away for the moment, and
    made again from their own text at the end; indexes are made again with their table.
    Runs outside sqlite-utils' transaction so that foreign keys can be off while tables are
    swapped; it is one transaction of its own, and checks every reference before it commits.
    """
    conn = db.conn
    if conn.execute("SELECT 1 FROM pragma_table_list WHERE name = 'events' AND strict"
                    ).fetchone():
        conn.execute("PRAGMA user_version = 6")  # a run stopped after its commit
        return
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: none is open
    try:
        with db.atomic():
            conn.execute("PRAGMA legacy_alter_table = ON")
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                conn.execute('CREATE TABLE "meta" ("name" TEXT PRIMARY KEY, "value" TEXT)')
            # Which store this is (copies share it): a -wal from another store can be told.
            conn.execute("INSERT OR IGNORE INTO meta (name, value) "
                         "VALUES ('store_id', lower(hex(randomblob(16))))")
            triggers = [sql for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")]
            for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f'DROP TRIGGER "{name}"')
            tables = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' "
                "AND name != '_sqlite_migrations' ORDER BY rowid").fetchall()
            for name, sql in tables:
                indexes = [index for (index,) in conn.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL ORDER BY rowid", [name])]
                body, _, options = sql.rpartition(")")
                extra = ", ".join(["STRICT", *[o.strip() for o in options.split(",")
                                               if o.strip()]])
                create = (body.replace(f'CREATE TABLE "{name}"', 'CREATE TABLE "_strict"', 1)
                          .replace(f"CREATE TABLE {name} ", 'CREATE TABLE "_strict" ', 1)
                          + ") " + extra)
                conn.execute(create)
                conn.execute(f'INSERT INTO "_strict" SELECT * FROM "{name}"')
                conn.execute(f'DROP TABLE "{name}"')
                conn.execute(f'ALTER TABLE "_strict" RENAME TO "{name}"')
                for index in indexes:
                    conn.execute(index)
            for trigger in triggers:
                conn.execute(trigger)
            conn.execute("PRAGMA legacy_alter_table = OFF")
            broken = conn.execute("PRAGMA foreign_key_check").fetchone()
            if broken is not None:
                raise sqlite3.IntegrityError(
                    f"{broken[0]} row {broken[1]} points at a missing {broken[2]} record")
            conn.execute("PRAGMA user_version = 6")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


# Each sets user_version to its number.
def m007_history(db: sqlite_utils.Database) -> None:
    """The history of changes (models.store.history), and lane-count triggers that look only
    at the buckets they count down (edits that move thousands of roles)."""
    create_history_tables(db.conn)
    for name in LANE_COUNT_TRIGGERS:
        db.conn.execute(f"DROP TRIGGER IF EXISTS {name}")  # fixed names
    _create_lane_count_triggers(db.conn, narrow=True)
    db.conn.execute("PRAGMA user_version = 7")


# Tags and notes are kept for these records (notes.record, the *_tags tables).
MARKED_RECORDS = ("events", "parties", "sources")
TAG_TABLES = {"events": ("event_tags", "event_id"), "parties": ("party_tags", "party_id"),
              "sources": ("source_tags", "source_id")}


def m008_marks(db: sqlite_utils.Database) -> None:
    """What a person adds to records: stars on events; tags and notes on events, parties and
    sources; saved views of the window. Full-text indexes over notes, citations' quotes and
    sources; an index for counting events by attribute value (facets)."""
    conn = db.conn
    conn.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
    conn.execute("CREATE UNIQUE INDEX idx_tags_name ON tags (name COLLATE NOCASE)")
    for record, (table, column) in TAG_TABLES.items():  # fixed names
        conn.execute(f"CREATE TABLE {table} ({column} INTEGER NOT NULL REFERENCES {record}(id), "
                     "tag_id INTEGER NOT NULL REFERENCES tags(id), "
                     f"PRIMARY KEY ({column}, tag_id)) STRICT")
        conn.execute(f"CREATE INDEX idx_{table}_tag ON {table} (tag_id, {column})")
    conn.execute("CREATE TABLE stars (event_id INTEGER PRIMARY KEY REFERENCES events(id)) STRICT")
    records = ", ".join(f"'{r}'" for r in MARKED_RECORDS)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, record TEXT NOT NULL "
                 f"CHECK (record IN ({records})), record_id INTEGER NOT NULL, "
                 "text TEXT NOT NULL, UNIQUE (record, record_id)) STRICT")
    conn.execute("CREATE TABLE views (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                 "spec TEXT NOT NULL, saved_at TEXT NOT NULL) STRICT")
    for table, columns in search_sql.MORE_FTS_TABLES:
        for sql in search_sql.fts_statements(table, columns):
            conn.execute(sql)
    conn.execute("CREATE INDEX idx_event_attributes_value "
                 "ON event_attributes (name, value, event_id)")
    # The timeline's window through one category: its short events in date order, covered
    # (idx_events_window with the category first). ~71 MB on the 1M-event store (9%); a
    # category of 3% of the events: 65 -> 30 ms for a window of 12,000 marks.
    conn.execute("CREATE INDEX idx_events_category_window ON events "
                 "(category_id, earliest, latest, length_class, flags, lanes, title)")
    # The roles there are (the query language's role:…), one index seek each: ~36 MB at 1M.
    conn.execute("CREATE INDEX idx_participations_role ON participations (role)")
    conn.execute("PRAGMA user_version = 8")


MIGRATIONS = (m001_initial, m002_counts, m003_search_prefix, m004_links_attributes,
              m005_lane_counts, m006_strict, m007_history, m008_marks)
# Migrations that cannot run inside sqlite-utils' transaction (they make their own).
OWN_TRANSACTION = frozenset({m006_strict})


@functools.cache
def schema_migrations() -> Migrations:
    """sqlite-utils' Migrations over MIGRATIONS. Imported on first need: opening a current
    store reads `user_version` only, which keeps sqlite-utils (~65 ms) off the start-up path."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("chronolens")
    for step in MIGRATIONS:
        migrations(transactional=step not in OWN_TRANSACTION)(step)
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

