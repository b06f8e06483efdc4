"""A store file on disk, before and around SQLite: what a file is (read from its header bytes,
so a file that is not ours is never opened by SQLite for writing), the one-writer lock, verified
backups, the record of files already checked, and the checks a file passes before anything
may write to it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TypeVar
from urllib.parse import quote

import platformdirs

from models.errors import StoreError, StoreInUse
from models.paths import APP_NAME, backup_folder
from models.store.schema import MIGRATIONS, SCHEMA_VERSION, schema_migrations

T = TypeVar("T")

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
BACKUPS_KEPT = 3


@dataclass(frozen=True, slots=True)
class FileHeader:
    """The fields of an SQLite header that decide how (and whether) we open a file."""

    page_size: int
    pages: int  # 0 when the header's page count is stale (SQLite then uses the file size)
    application_id: int
    user_version: int
    wal: bool


def _what_it_is(head: bytes) -> str:
    """A guess at what a non-SQLite file is, for the message."""
    for magic, kind in ((b"PK\x03\x04", "a ZIP archive"), (b"%PDF", "a PDF document"),
                        (b"\x89PNG", "a PNG image"), (b"\x1f\x8b", "a gzip archive")):
        if head.startswith(magic):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        return "JSON text (use File ▸ Import or `chronolens import` to read it into a store)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "not an SQLite database"
    return "a text file"


def read_header(file: Path) -> FileHeader:
    """The header of `file`, read as bytes; StoreError if it is not a whole SQLite database."""
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(HEADER_SIZE)
    except OSError as error:
        raise StoreError(f"{file}: cannot read it ({error.strerror or error}).") from None
    if size == 0:
        raise StoreError(f"{file} is an empty file, not a Chronolens store.")
    if not head.startswith(SQLITE_MAGIC):
        raise StoreError(f"{file} is not a Chronolens store: it is {_what_it_is(head)}.")
    if len(head) < HEADER_SIZE:
        raise StoreError(f"{file} is cut short ({size} bytes): not a whole store.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreError(f"{file} is damaged: its header is not valid (page size {page_size}).")
    pages = int.from_bytes(head[28:32], "big")
    if head[92:96] != head[24:28]:  # the page count is valid only when these two agree
        pages = 0
    if size < pages * page_size or size % page_size:
        expected = max(pages * page_size, size + page_size - size % page_size)
        raise StoreError(f"{file} is cut short: {size:,} bytes of {expected:,}. "
                         "It was not copied or saved completely.")
    return FileHeader(page_size=page_size, pages=pages,
                      application_id=int.from_bytes(head[68:72], "big"),
                      user_version=int.from_bytes(head[60:64], "big", signed=True),
                      wal=head[18] == 2 or head[19] == 2)


def has_recovery_files(file: Path) -> bool:
    """A -wal or -journal beside the file: the last writer stopped mid-way and SQLite must
    finish (or undo) its work when the store is next opened for writing."""
    for suffix in ("-wal", "-journal"):
        sidecar = file.with_name(file.name + suffix)
        if sidecar.exists() and sidecar.stat().st_size > 0:
            return True
    return False


def is_writable(file: Path) -> bool:
    """Can we write the file and create its -wal and -shm beside it?"""
    return os.access(file, os.W_OK) and os.access(file.parent, os.W_OK | os.X_OK)


def sqlite_uri(file: Path, *, mode: str) -> str:
    """A URI for sqlite3.connect(uri=True): mode 'rw', 'ro' or 'immutable' (read-only, no
    locks and no files beside it: for read-only media, or files we refuse to change)."""
    path = quote(file.resolve().as_posix())  # SQLite decodes %XX: any character is safe
    if not path.startswith("/"):  # Windows: file:/C:/…
        path = "/" + path
    query = "mode=ro&immutable=1" if mode == "immutable" else f"mode={mode}"
    return f"file:{path}?{query}"


# -- reading damaged text ---------------------------------------------------------------------

def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def decode_leniently(conn: sqlite3.Connection) -> None:
    """From now on read text that is not valid UTF-8 (a damaged file) with replacement marks
    instead of failing; slower, so only for connections that met such text."""
    conn.text_factory = _lenient_text


def read_leniently(conn: sqlite3.Connection, run: Callable[[], T]) -> T:
    """`run()`, and if it met damaged text, again with that text read leniently."""
    try:
        return run()
    except UnicodeDecodeError:
        decode_leniently(conn)
        return run()


# -- one writer per store --------------------------------------------------------------------

class StoreLock:
    """An OS lock on '<store>.lock': one Chronolens writes a store at a time. The OS drops the
    lock when the process ends, however it ends, so a crash never leaves a stale lock; the
    file itself is removed on release."""

    def __init__(self, file: Path) -> None:
        self.path = file.with_name(file.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise StoreInUse naming the process that holds it."""
        while True:
            handle = self.path.open("a+", encoding="utf-8")
            try:
                _lock(handle)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip()
                handle.close()
                who = f" (process {holder})" if holder.isdigit() else ""
                raise StoreInUse(f"{self.path.with_suffix('')} is open in another "
                                 f"Chronolens{who}.") from None
            # The holder before us may have removed the file we locked as it let go: then
            # our lock is on a file nobody else will look at, so take the one at the path.
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
            except OSError:
                same = False
            if same:
                break
            handle.close()
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        if sys.platform != "win32":
            self.path.unlink(missing_ok=True)  # while still held: see acquire()
        self._handle.close()  # closing drops the lock
        self._handle = None
        if sys.platform == "win32":
            try:
                self.path.unlink(missing_ok=True)
            except OSError:  # another Chronolens has it open: it is theirs now
                pass


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


# -- files already checked -------------------------------------------------------------------

def _checked_record() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "checked-stores.json"


def _fingerprint(file: Path) -> list[int]:
    stat = file.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _read_checked() -> dict[str, list[int]]:
    try:
        data = json.loads(_checked_record().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def was_checked(file: Path) -> bool:
    """True if this file is exactly as we last checked it or left it (same size, time, inode):
    then the slow quick_check at open can be skipped. Any change by another program, or a
    crash of ours before `remember_checked`, means it is checked again."""
    try:
        return _read_checked().get(str(file.resolve())) == _fingerprint(file)
    except OSError:
        return False


def remember_checked(file: Path) -> None:
    """Note that `file` is sound as it is now. Best effort: not remembering only costs a check."""
    record = _checked_record()
    try:
        checked = _read_checked()
        checked[str(file.resolve())] = _fingerprint(file)
        if len(checked) > 200:  # forget the oldest entries rather than grow forever
            checked = dict(list(checked.items())[-200:])
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_name(record.name + ".partial")
        partial.write_text(json.dumps(checked), encoding="utf-8")
        partial.replace(record)
    except OSError:
        pass


# -- backups ---------------------------------------------------------------------------------

def _backup_prefix(file: Path) -> str:
    digest = hashlib.sha1(str(file.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{file.stem}-{digest}-"


def backups_of(file: Path) -> list[Path]:
    """The backups kept of `file`, oldest first."""
    folder = backup_folder()
    if not folder.is_dir():
        return []
    # By the time stamp at the end of the name (not by version: "v10" sorts before "v9").
    return sorted(folder.glob(f"{_backup_prefix(file)}v*.db"),
                  key=lambda path: path.stem.rsplit("-", 1)[-1])


def make_backup(conn: sqlite3.Connection, file: Path, version: int) -> Path:
    """Copy the open store through SQLite's backup API (a plain copy of a WAL store is not a
    backup), check the copy with integrity_check, keep it, and prune to the last few."""
    folder = backup_folder()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{_backup_prefix(file)}v{version}-{stamp}.db"
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            verdict = copy.execute("PRAGMA integrity_check").fetchall()
        finally:
            copy.close()
        if verdict != [("ok",)]:
            raise StoreError(f"the backup of {file} did not check out ({verdict[0][0]}).")
        partial.replace(target)
    except (OSError, sqlite3.Error, StoreError) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = error if isinstance(error, StoreError) else f"could not back it up to {folder}"
        raise StoreError(f"{file}: {reason} ({error}); it was not upgraded, and left as it "
                         "is.") from None
    for old in backups_of(file)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


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



__all__ = [
    "BACKUPS_KEPT",
    "FileHeader",
    "StoreLock",
    "backup_folder",
    "backups_of",
    "decode_leniently",
    "has_recovery_files",
    "is_writable",
    "make_backup",
    "read_header",
    "read_leniently",
    "remember_checked",
    "sqlite_uri",
    "was_checked",
]
