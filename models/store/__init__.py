"""The Chronolens store: one SQLite file. This package holds all of Chronolens' SQL: the Store
facade here (opening and reads), schema.py (migrations), writer.py (writes), search.py,
safety.py (what a file must pass before anything writes to it).

Reads return frozen dataclasses from models.domain; writes go through `add_story`, one
transaction each. User text only ever reaches SQLite as a parameter.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from models.dates import OPEN_END, DateError, parse_edtf, parse_stored
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
from models.store import search as search_sql
from models.store.checks import damaged, examine, examine_file
from models.store.opening import (
    discard,
    enable_writing,
    open_file,
    publish,
    upgrade,
    upgrade_needed,
)
from models.store.safety import (
    StoreLock,
    read_header,
    read_leniently,
    remember_checked,
    sqlite_uri,
)
from models.store.schema import (
    _CATEGORY_LANE,
    _FLAG_BITS,
    _PARTY_LANE,
    APPLICATION_ID,
    COUNT_BASE,
    COUNT_FANOUT,
    COUNT_LEVELS,
    COUNT_WIDTHS,
    LANE_COUNT_LEVELS,
    LENGTH_CLASS_SECONDS,
    LENGTH_CLASSES,
    SCHEMA_VERSION,
    _rebuild_counts,
    _rebuild_lane_counts,
    schema_migrations,
)
from models.store.writer import _KEYED_TABLES, _in_parts, _Writer
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

fts_query = search_sql.fts_query
T = TypeVar("T")


class Store:
    """An open Chronolens store. Use `Store.open(path)` or `Store.memory()`."""

    def __init__(self, conn: sqlite3.Connection, path: str, *, mode: str = "rw",
                 notice: str | None = None, lock: StoreLock | None = None) -> None:
        self._conn = conn
        self.path = path
        self._mode = mode  # "rw", "ro" (reading, or beside another writer) or "immutable"
        self.notice = notice  # why the store is read-only, for the window to say
        self._lock = lock
        self._checked = False
        self._file = Path(path)  # the file the connection is on
        self._publish_to: Path | None = None  # a new store, built beside its final name
        self.pending_check = False
        self.warnings: tuple[str, ...] = ()  # what was set aside on opening, for a person
        self._extent_cache: tuple[tuple[Any, int], tuple[int, int] | None] | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False,
             reading: bool = False, check_later: bool = False, only_new: bool = False) -> Store:
        """Open the store at `path` (see models.store.opening for how a file is judged).

        create=True: make it if missing, beside its final name, renamed into place when closed
        after a clean write (a kill leaves nothing under the name); with only_new=True, a store
        already there is refused (StoreError) instead of opened. read_only=True: never
        write, beside another Chronolens writing it if need be. reading=True: for a command
        that only reads; read-only without the lock unless the store needs an upgrade.
        check_later=True (the window): a store not checked since it changed opens read-only at
        once; `verify()` (any thread) then `make_writable()` finish the job.

        A file that is not a sound Chronolens store is refused with a StoreError and left
        exactly as it was; a -wal or -journal beside it that would damage it is set aside
        (`warnings` says so). A store from a newer Chronolens, or on read-only media, opens
        read-only with a `notice` saying why. One Chronolens writes a store at a time
        (StoreInUse).
        """
        file = Path(path)
        try:
            opened = open_file(file, create=create, read_only=read_only, reading=reading,
                               check_later=check_later, only_new=only_new)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            raise StoreError(damaged(file, error)) from None
        store = cls(opened.conn, str(file), mode=opened.mode, notice=opened.notice,
                    lock=opened.lock)
        store._file = opened.file
        store._publish_to = opened.publish_to
        store.pending_check = opened.pending_check
        store.warnings = tuple(opened.warnings)
        try:
            if opened.mode == "rw":
                store._migrate()  # first: without a backup, not even the journal mode changes
                opened.conn.execute("PRAGMA journal_mode=WAL")
        except BaseException as error:
            store.close(keep=False)
            if isinstance(error, sqlite3.DatabaseError | UnicodeDecodeError):
                raise StoreError(damaged(file, error)) from None
            raise
        store._checked = opened.checked
        return store

    def verify(self, progress: Callable[[str], None] | None = None) -> StoreCheck:
        """For a store opened with check_later (call it from a worker thread): the full check
        on a connection that cannot write; if it passes, on a writing connection of its own,
        the search indexes' check (which writes nothing) and, for a store of an older version,
        its upgrade (a verified backup first). Everything slow happens here, none of it on the
        thread that shows the store."""
        found = examine_file(self._file, depth="full", progress=progress)
        checked, problems = list(found.checked), list(found.problems)
        if found.ok and self.pending_check:
            conn = sqlite3.connect(sqlite_uri(self._file, mode="rw"), uri=True)
            try:
                conn.execute("PRAGMA trusted_schema=OFF")
                index = examine(conn, depth="search", progress=progress)
                checked.extend(index.checked)
                problems.extend(index.problems)
                if index.ok:
                    enable_writing(conn, self._file, searched=True)
                    if progress is not None and upgrade_needed(conn):
                        progress("upgrading the store (a backup first)")
                    upgrade(conn, self._file)
                    conn.execute("PRAGMA journal_mode=WAL")
            except (StoreError, sqlite3.DatabaseError) as error:
                problems.append(str(error))
            finally:
                conn.close()
        return StoreCheck(path=self.path, checked=tuple(checked), problems=tuple(problems))

    def make_writable(self, check: StoreCheck) -> None:
        """After `verify` (on the thread that uses this store): writable if `check` passed,
        else read-only for good, with the check's findings as the notice."""
        if not self.pending_check:
            return
        self.pending_check = False
        if not check.ok:
            self.notice = (f"the store is damaged, so nothing will be written to it "
                           f"({'; '.join(check.problems[:3])}). File ▸ Check store lists what "
                           "was found; a backup, or the file it was imported from, can "
                           "replace it.")
            self._release_lock()
            return
        conn = sqlite3.connect(sqlite_uri(self._file, mode="rw"), uri=True)
        conn.execute("PRAGMA trusted_schema=OFF")
        enable_writing(conn, self._file, searched=True)  # verify checked the search indexes
        self._conn.close()
        self._conn = conn
        self._mode = "rw"
        self.notice = None
        self._checked = True
        self.__dict__.pop("_db", None)  # sqlite-utils over the old connection

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

    def close(self, *, keep: bool = True) -> None:
        """Close the store; a new one (create=True) is put in place now, unless keep=False
        (its writing failed): then nothing of it is left."""
        self._conn.close()  # the last connection: SQLite moves the -wal into the file
        if self._publish_to is not None:
            if keep:
                publish(self._file, self._publish_to)
            else:
                discard(self._file)
            self._publish_to = None
        elif self._lock is not None and self._checked:
            # Left sound by us: the next open needs no check unless it changes.
            remember_checked(self._file)
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(keep=kind is None)

    def _migrate(self) -> None:
        upgrade(self._conn, None if self.path == ":memory:" else self._file)

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

    @staticmethod
    def check_file(path: str | Path) -> StoreCheck:
        """Every check we know on the file at `path`, whatever state it is in (the `check`
        command): read-only, with whatever -wal lies beside it, and nothing set aside. The
        search indexes, whose check needs a writing connection, are checked only when the
        rest passed and no other Chronolens is writing the store; their check writes nothing."""
        file = Path(path)
        read_header(file)  # a pipe, a folder, a file that is not SQLite: said plainly
        found = examine_file(file, depth="full")
        checked, problems = list(found.checked), list(found.problems)
        if found.ok:
            lock = StoreLock(file)
            try:
                lock.acquire()
            except StoreError as error:
                checked.append(f"search index: not checked ({error})")
            else:
                try:
                    conn = sqlite3.connect(sqlite_uri(file, mode="rw"), uri=True)
                    try:
                        index = examine(conn, depth="search")
                    finally:
                        conn.close()
                    checked.extend(index.checked)
                    problems.extend(index.problems)
                finally:
                    lock.release()
        return StoreCheck(path=str(file), checked=tuple(checked), problems=tuple(problems))

    def check(self) -> StoreCheck:
        """Every check we know (models.store.checks, "full"), slow ones included:
        `integrity_check` reads the whole file."""
        found = examine(self._conn, depth="full")
        checked, problems = list(found.checked), list(found.problems)
        if self.read_only:
            checked.append("search index: not checked (the store is open read-only)")
        elif found.ok:
            index = examine(self._conn, depth="search")
            checked.extend(index.checked)
            problems.extend(index.problems)
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


# What reading a value of the wrong type (damage in a file not yet checked: the window reads
# an unknown store while its check runs) raises in the code that turns rows into dataclasses.
_DAMAGED_VALUE = (TypeError, ValueError, IndexError, KeyError, OverflowError, AttributeError)
_READS = ("event", "party", "source", "parties", "category", "categories", "headline_event",
          "participants", "events_of", "event_ids_of", "count_events_of", "event_roles",
          "links_of", "event_attributes", "party_attributes", "co_parties", "citations_of",
          "quotes_in", "events_in", "marks_starting", "lane_density", "count_in", "lanes",
          "lane_names", "eras_in", "density", "extent", "info", "story", "title")


def _read_safely(read: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(read)
    def reading(self: Store, *args: Any, **kwargs: Any) -> T:
        try:
            return read(self, *args, **kwargs)
        except _DAMAGED_VALUE as error:
            raise StoreError(_unreadable(self.path, f"a value of the wrong kind: {error}")
                             ) from None
    return reading


for _name in _READS:
    setattr(Store, _name, _read_safely(getattr(Store, _name)))


def _write_failed(path: str, error: sqlite3.Error) -> str:
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return (f"{path}: the disk is full. Nothing was written and the store is as it was "
                "before; free some space and try again.")
    return f"{path}: nothing was written ({error})."


def ensure_store(path: Path, story_file: Path) -> Path:
    """Make sure a store exists at `path`, building it from the sample story on first run.

    Like every new store, it is built beside its final place and moved there only when
    complete, so an interrupted first run never leaves a half-written store behind.
    """
    if path.exists() and path.stat().st_size > 0:
        return path
    story = read_native(story_file)
    with Store.open(path, create=True) as store:
        if store.info().events == 0:  # not made meanwhile by another Chronolens
            store.add_stories([story])
    return path


__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "DateError", "Store", "StoreError", "StoreInUse",
           "StoreReadOnly", "fts_query", "schema_migrations"]
