"""The Chronolens store: one SQLite file. This package holds all of Chronolens' SQL. The Store
facade here opens and closes a store and checks it; its reads and writes come from one module
per concern: reads.py (records), timeline.py (windows, lanes, density), reports.py (info,
export), writer.py (imports), search.py, marks.py (tags, saved views); connection.py
(connections and the read helpers), schema.py (migrations), opening.py and safety.py (what a
file must pass before anything writes to it), checks.py.

Reads return frozen dataclasses from models.domain; writes go through `add_story`, one
transaction each. User text only ever reaches SQLite as a parameter.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from models.dates import DateError
from models.domain import SearchResults, StoreCheck
from models.errors import StoreError, StoreInUse, StoreReadOnly
from models.interchange import read_native
from models.store import search as search_sql
from models.store.checks import damaged, examine, examine_file
from models.store.connection import interrupt, open_reader, unreadable
from models.store.editing import Editing
from models.store.filtering import FilteredReads
from models.store.marks import MarkStore
from models.store.opening import (
    discard,
    enable_writing,
    open_file,
    publish,
    upgrade,
    upgrade_needed,
)
from models.store.reports import Reports
from models.store.safety import (
    StoreLock,
    read_header,
    remember_checked,
    sqlite_uri,
)
from models.store.schema import APPLICATION_ID, SCHEMA_VERSION, schema_migrations
from models.store.search import SearchReader
from models.store.table_rows import TableRows
from models.store.timeline import TimelineReads

fts_query = search_sql.fts_query
T = TypeVar("T")


class Store(FilteredReads, TimelineReads, Reports, Editing, TableRows, MarkStore):
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

    # -- search --------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 20) -> SearchResults:
        """Parties (by name, alias or description; typo-tolerant for names) and events (by their
        text, or through a matching party), each best first. Any text is safe."""
        try:
            return search_sql.search(self._conn, text, limit=limit)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged index
            raise StoreError(unreadable(self.path, error)) from None

    def open_reader(self) -> Store | None:
        """A read-only Store on the same file for one worker thread (the timeline's fetcher);
        None for an in-memory store. `interrupt()` from another thread stops its query."""
        if self.path == ":memory:":
            return None
        reader = open_reader(self.path, immutable=self._mode == "immutable")
        return Store(reader, self.path, mode="ro")

    def interrupt(self) -> None:
        """Stop the query running on this store's connection now (from any thread); that
        call raises StoreInterrupted. Nothing happens once the store is closed."""
        interrupt(self._conn)

    def open_search_reader(self) -> SearchReader | None:
        """A read-only reader for a worker thread; None for an in-memory store."""
        if self.path == ":memory:":
            return None
        return SearchReader(self.path, immutable=self._mode == "immutable")

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


# What reading a value of the wrong type (damage in a file not yet checked: the window reads
# an unknown store while its check runs) raises in the code that turns rows into dataclasses.
_DAMAGED_VALUE = (TypeError, ValueError, IndexError, KeyError, OverflowError, AttributeError)
_READS = ("event", "party", "source", "parties", "category", "categories", "headline_event",
          "participants", "events_of", "event_ids_of", "count_events_of", "event_roles",
          "links_of", "event_attributes", "party_attributes", "co_parties", "citations_of",
          "quotes_in", "events_in", "marks_starting", "lane_density", "count_in", "lanes",
          "lane_names", "eras_in", "density", "extent", "info", "story", "title",
          "event_details", "party_details", "source_details", "sources", "quotes_of", "tags",
          "views", "view", "last_view")


def _read_safely(read: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(read)
    def reading(self: Store, *args: Any, **kwargs: Any) -> T:
        try:
            return read(self, *args, **kwargs)
        except _DAMAGED_VALUE as error:
            raise StoreError(unreadable(self.path, f"a value of the wrong kind: {error}")
                             ) from None
    return reading


for _name in _READS:
    setattr(Store, _name, _read_safely(getattr(Store, _name)))


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
