"""Opening a store file: judged, with whatever lies beside it, before anything can write to it.

The order matters, and each step changes nothing on disk until the file has passed:
1. the file is read as bytes (models.store.safety.read_header): a folder, a pipe, a file that
   is not SQLite or not ours is refused before SQLite sees it;
2. the one-writer lock is taken when we mean to write, or when a -wal or -journal lies beside
   the file (holding the lock proves that no live writer owns them);
3. the file is examined (models.store.checks) on a connection that cannot write: `mode=ro`
   reads the -wal without replaying it. A -wal that makes a sound file unsound, or another
   database's, is set aside (renamed, never deleted) and the file opens as it was; a -journal
   is judged by rolling it back on a private copy;
4. only then a writing connection, the search-index check, migrations and WAL mode.

A new store is built beside its final name (under that name's lock) and renamed into place when
it is closed after a clean write: a killed import or `generate` never leaves anything under the
final name, and an empty or never-committed file there (from older versions) is taken over.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import StoreError, StoreInUse
from models.files import sync_folder
from models.store.checks import (
    Depth,
    Findings,
    damaged,
    examine,
    examine_file,
    store_id,
)
from models.store.safety import (
    FULL,
    QUICK,
    SQLITE_MAGIC,
    FileHeader,
    StoreLock,
    has_recovery_files,
    is_writable,
    make_backup,
    read_header,
    recovery_file,
    remember_checked,
    set_aside,
    sidecar,
    sqlite_uri,
    was_checked,
)
from models.store.schema import APPLICATION_ID, READABLE_FROM, SCHEMA_VERSION, schema_migrations

SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(slots=True)
class Opened:
    """A connection to a store file and what was decided on the way."""

    conn: sqlite3.Connection
    file: Path  # the file the connection is on (for a new store: the one built beside)
    mode: str  # "rw", "ro" or "immutable"
    notice: str | None = None  # why it is read-only, to follow "Read-only: "
    lock: StoreLock | None = None
    checked: bool = False  # sound when opened: remember it as checked when closed
    publish_to: Path | None = None  # a new store: renamed to this when closed cleanly
    pending_check: bool = False  # opened read-only at once; the full check is still to run
    warnings: list[str] = field(default_factory=list)


def open_file(file: Path, *, create: bool, read_only: bool, reading: bool,
              check_later: bool, only_new: bool = False) -> Opened:
    """See Store.open."""
    if only_new and os.path.lexists(file) and not _left_unfinished(file):
        raise StoreError(f"{file} already exists; only a new store can be written there.")
    if not os.path.lexists(file) or _left_unfinished(file):
        if not create or read_only or reading:
            if os.path.lexists(file):
                raise StoreError(f"{file} holds no store: it is an empty file that an import "
                                 "stopped before finishing. Import into it again.")
            raise StoreError(f"No store at {file}. Import a file into it first, "
                             "or leave out --db to use your own store.")
        return _create(file, reading=reading, check_later=check_later, only_new=only_new)
    header = read_header(file)
    if header.application_id != APPLICATION_ID:
        raise StoreError(f"{file} is an SQLite database, but not a Chronolens store.")
    if header.user_version > SCHEMA_VERSION or not is_writable(file):
        return _open_unchangeable(file, header)
    current = header.user_version == SCHEMA_VERSION
    if read_only and not current:
        raise StoreError(f"{file} was made by an older Chronolens and must be upgraded "
                         "first: open it once without read-only.")
    writing = not read_only and not (reading and current)
    lock: StoreLock | None = None
    if writing or has_recovery_files(file):
        lock = StoreLock(file)
        try:
            lock.acquire()
        except StoreInUse:
            if writing:
                raise
            lock = None  # a live writer: what lies beside the file is its own, and judged
    try:
        return _open_existing(file, header, lock=lock, writing=writing, read_only=read_only,
                              check_later=check_later)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open_existing(file: Path, header: FileHeader, *, lock: StoreLock | None, writing: bool,
                   read_only: bool, check_later: bool) -> Opened:
    level = FULL if writing else QUICK
    beside_writer = lock is None and has_recovery_files(file)
    known = beside_writer or (not has_recovery_files(file) and was_checked(file, level))
    warnings: list[str] = []
    pending = False
    if not known:
        if (check_later and writing and header.user_version >= READABLE_FROM
                and not has_recovery_files(file)):
            # Read-only at once, after the checks that read only the schema: the full check
            # reads the whole file (seconds at a million events) and runs in the background.
            _refuse_unless(file, examine_file(file, depth="schema"))
            pending = True
        else:
            warnings = _judge(file, header, level)
    notice = None  # reading for a command that only reads: nothing to say
    if read_only:
        writer = StoreLock(file).holder()
        notice = ("as you asked." if writer is None else
                  f"another Chronolens (process {writer}) is writing it; you see what it has "
                  "saved so far.")
    elif pending:
        notice = ("checking the store, which changed since Chronolens last closed it; you "
                  "can read it meanwhile.")
    mode = "rw" if writing and not pending else "ro"
    conn = sqlite3.connect(sqlite_uri(file, mode=mode), uri=True)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        if mode == "ro" and not has_recovery_files(file):
            conn = _readable(conn, file)
        if mode == "rw":
            enable_writing(conn, file, searched=known)
        elif not known and not beside_writer:
            remember_checked(file, QUICK)
    except BaseException:
        conn.close()
        raise
    if mode == "ro" and lock is not None and not pending:
        lock.release()  # taken only to judge what lay beside the file
        lock = None
    return Opened(conn=conn, file=file, mode=mode, notice=notice, lock=lock,
                  checked=mode == "rw", pending_check=pending, warnings=warnings)


def _readable(conn: sqlite3.Connection, file: Path) -> sqlite3.Connection:
    """`conn` (mode=ro, no -wal beside the file), or when it cannot read because SQLite cannot
    make its -shm beside the file (a full disk), an `immutable` connection instead: with no
    -wal there is nothing else to read, and a reading command then still works."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    conn = sqlite3.connect(sqlite_uri(file, mode="immutable"), uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def enable_writing(conn: sqlite3.Connection, file: Path, *, searched: bool) -> None:
    """Make `conn` (a writing connection, the file already judged) ready to write. The search
    indexes are checked here unless `searched` (their check needs a writing connection; it
    writes nothing)."""
    if not searched:
        _refuse_unless(file, examine(conn, depth="search"))
    # Our FTS5 triggers are refused with trusted_schema=OFF; by now every trigger and view in
    # the file has been compared with the ones our migrations make.
    conn.execute("PRAGMA trusted_schema=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")


def upgrade_needed(conn: sqlite3.Connection) -> bool:
    return int(conn.execute("PRAGMA user_version").fetchone()[0]) < SCHEMA_VERSION


def upgrade(conn: sqlite3.Connection, file: Path | None) -> None:
    """Bring the store on `conn` (judged, ready to write) to SCHEMA_VERSION; a store that holds
    anything (`file`: where it is; None in memory) is backed up first, verified."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    # Each migration sets user_version in its own transaction: equal means all applied.
    if version == SCHEMA_VERSION:
        return
    if version > 0 and file is not None:
        make_backup(conn, file, version)  # never an upgrade without a copy of it as it was
    import sqlite_utils  # only for upgrades: opening a current store does without it

    schema_migrations().apply(sqlite_utils.Database(conn))


def _refuse_unless(file: Path, findings: Findings) -> None:
    if not findings.ok:
        raise StoreError(damaged(file, findings.summary()))


def _open_unchangeable(file: Path, header: FileHeader) -> Opened:
    """A store from a newer Chronolens, or on read-only media: read-only, `immutable` (no
    lock, nothing made beside it); its triggers never run (trusted_schema=OFF)."""
    if header.user_version > SCHEMA_VERSION:
        notice = (f"written by a newer Chronolens (store version {header.user_version}; this "
                  f"one knows {SCHEMA_VERSION}). Update Chronolens to change it.")
    else:
        notice = "it is on a read-only disk or folder. Copy it somewhere writable to change it."
    wal = recovery_file(file, "-wal")
    if wal is not None:
        # Immutable reads ignore the -wal: it would show older data without a word.
        raise StoreError(f"{file}: its latest changes are in {wal.name} beside it, which "
                         "cannot be read from a read-only disk or folder. Copy both files to "
                         "a writable folder and open the copy.")
    if not was_checked(file, QUICK):
        _refuse_unless(file, examine_file(file, depth="quick", wal=False))
        remember_checked(file, QUICK)
    conn = sqlite3.connect(sqlite_uri(file, mode="immutable"), uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return Opened(conn=conn, file=file, mode="immutable", notice=notice)


def _judge(file: Path, header: FileHeader, level: int) -> list[str]:
    """Examine the file with what lies beside it (we hold the lock: no live writer owns it).
    Returns what was set aside, said for a person; raises StoreError if the file is damaged,
    having changed nothing."""
    warnings = []
    journal = recovery_file(file, "-journal")
    if journal is not None:
        problem = _journal_problem(file, journal, header)
        if problem is None:
            # Sound once rolled back (on a copy): let SQLite roll it back for real, now.
            rollback = sqlite3.connect(sqlite_uri(file, mode="rw"), uri=True)
            try:
                rollback.execute("PRAGMA trusted_schema=OFF")
                rollback.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                rollback.close()
        else:
            moved = set_aside(journal)
            warnings.append(f"{journal} did not belong with {file.name} ({problem}): it was set "
                            f"aside as {moved.name}, and {file.name} opened as it was.")
    depth: Depth = "full" if level == FULL else "quick"
    findings = examine_file(file, depth=depth)
    wal = recovery_file(file, "-wal")
    if wal is None:
        _refuse_unless(file, findings)
        return warnings
    why = findings.summary() if not findings.ok else _foreign(file)
    if why is None:
        return warnings  # our own -wal, left by a writer that stopped: SQLite replays it
    bare = examine_file(file, depth=depth, wal=False)
    if not bare.ok:  # damaged with or without it: leave everything as it is
        _refuse_unless(file, findings if not findings.ok else bare)
    moved = set_aside(wal)
    with contextlib.suppress(OSError):  # SQLite's index of the -wal: rebuilt when needed
        sidecar(file, "-shm").unlink(missing_ok=True)
    warnings.append(f"{wal} did not belong with {file.name} ({why}): it was set aside as "
                    f"{moved.name}, and {file.name} opened as it was.")
    return warnings


def _foreign(file: Path) -> str | None:
    """Why the -wal beside `file` is another store's, or None: it would change the store's
    id (a sound store of its own, such as an empty one, passes every other check)."""
    own, with_wal = store_id(file, wal=False), store_id(file, wal=True)
    if own is not None and with_wal != own:
        return "it is another store's"
    return None


def _journal_problem(file: Path, journal: Path, header: FileHeader) -> str | None:
    """Why rolling back `journal` into `file` would not leave a sound store, or None. Rolled
    back on a private copy of both; the real files are only read."""
    if header.wal:
        return "a store in WAL mode never has a rollback journal"
    with tempfile.TemporaryDirectory(prefix="chronolens-judge-") as folder:
        copy = Path(folder) / file.name
        shutil.copyfile(file, copy)
        shutil.copyfile(journal, sidecar(copy, "-journal"))
        conn = sqlite3.connect(sqlite_uri(copy, mode="rw"), uri=True)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            findings = examine(conn, depth="quick")
        except sqlite3.DatabaseError as error:
            return str(error)
        finally:
            conn.close()
    return None if findings.ok else findings.summary()


# -- new stores --------------------------------------------------------------------------------

def _left_unfinished(file: Path) -> bool:
    """An empty file, or one with nothing in it once its journal is undone: what an import or
    `generate` of older versions left when it was killed. Nothing in it to lose."""
    try:
        if not file.is_file() or file.is_symlink():
            return False
        size = file.stat().st_size
        if size == 0:
            return True
        with file.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return False
    if recovery_file(file, "-journal") is None:
        # Without a journal, only an SQLite file that never committed its first migration
        # (which sets the application id and store version together) can be unfinished.
        if (not head.startswith(SQLITE_MAGIC) or len(head) < 100
                or int.from_bytes(head[68:72], "big") not in (0, APPLICATION_ID)
                or int.from_bytes(head[60:64], "big") != 0):
            return False
    if size > 64 * 1024 * 1024:  # an unfinished new database is small: not worth a copy
        return False
    with tempfile.TemporaryDirectory(prefix="chronolens-judge-") as folder:
        copy = Path(folder) / file.name
        shutil.copyfile(file, copy)
        for suffix in ("-journal", "-wal"):
            leftover = recovery_file(file, suffix)
            if leftover is not None:
                shutil.copyfile(leftover, sidecar(copy, suffix))
        try:
            conn = sqlite3.connect(sqlite_uri(copy, mode="rw"), uri=True)
            try:
                conn.execute("PRAGMA trusted_schema=OFF")
                things = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return False
    return int(things) == 0


def _create(file: Path, *, reading: bool, check_later: bool, only_new: bool) -> Opened:
    """A new store built beside `file`, under `file`'s lock; Store.close renames it into place."""
    file.parent.mkdir(parents=True, exist_ok=True)
    lock = StoreLock(file)
    try:
        lock.acquire()
    except StoreInUse as error:
        raise StoreInUse(f"{file} is being made or written by another Chronolens "
                         f"({error}). Try again when it has finished.") from None
    try:
        if os.path.lexists(file) and not _left_unfinished(file):
            if only_new:
                raise StoreError(f"{file} already exists; only a new store can be written "
                                 "there.")
            lock.release()  # made meanwhile by another Chronolens: open what it made
            return open_file(file, create=False, read_only=False, reading=reading,
                             check_later=check_later)
        build = building_file(file)
        for suffix in ("", *SIDECARS):  # what a killed build left (ours: we hold the lock)
            Path(f"{build}{suffix}").unlink(missing_ok=True)
        conn = sqlite3.connect(sqlite_uri(build, mode="rwc"), uri=True)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        return Opened(conn=conn, file=build, mode="rw", lock=lock, checked=True,
                      publish_to=file)
    except BaseException:
        lock.release()
        raise


def building_file(file: Path) -> Path:
    """Where a new store for `file` is built: hidden, beside it."""
    return file.with_name(f".{file.name}.new")


def publish(build: Path, file: Path) -> None:
    """Put a finished new store in place (its connection closed, its lock held)."""
    if recovery_file(build, "-wal") is not None:  # another connection kept it open
        raise StoreError(f"{file}: the new store could not be finished (its -wal is still in "
                         "use); nothing was put in its place.")
    for suffix in ("-journal", "-wal"):  # an unfinished file's, taken over: kept, renamed
        leftover = recovery_file(file, suffix)
        if leftover is not None:
            set_aside(leftover)
    with contextlib.suppress(OSError):
        sidecar(file, "-shm").unlink(missing_ok=True)
    with open(build, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(build, file)
    sync_folder(file.parent)  # the rename itself on disk
    remember_checked(file, FULL)


def discard(build: Path) -> None:
    for suffix in ("", *SIDECARS):
        with contextlib.suppress(OSError):
            Path(f"{build}{suffix}").unlink(missing_ok=True)
