"""A store file on disk, before and around SQLite: what a file is (read from its header bytes,
so a file that is not ours is never opened by SQLite for writing), the one-writer lock, verified
backups, the record of files already checked, and the checks a file passes before anything
may write to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TypeVar
from urllib.parse import quote

import platformdirs

from models.errors import StoreError, StoreInUse
from models.files import PARTIAL_SUFFIX, replacing, write_atomically
from models.paths import APP_NAME, backup_folder

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


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return "not a file"


def read_header(file: Path) -> FileHeader:
    """The header of `file`, read as bytes; StoreError if it is not a whole SQLite database."""
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
            raise StoreError(f"{file} is not a regular file (it is {_file_kind(info.st_mode)}), "
                             "so it is not a Chronolens store.")
        size = info.st_size
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


def sidecar(file: Path, suffix: str) -> Path:
    """The file SQLite keeps beside `file`: suffix "-wal", "-shm" or "-journal"."""
    return file.with_name(file.name + suffix)


def recovery_file(file: Path, suffix: str) -> Path | None:
    """The -wal or -journal beside `file` when it holds something: what a writer left that
    SQLite would replay into the file (or roll back) when it is next opened for writing."""
    path = sidecar(file, suffix)
    try:
        return path if path.lstat().st_size > 0 else None
    except OSError:
        return None


def has_recovery_files(file: Path) -> bool:
    return any(recovery_file(file, suffix) for suffix in ("-wal", "-journal"))


def set_aside(path: Path) -> Path:
    """Rename `path` (a -wal or -journal that must not reach its store) to a name of its own
    beside it, never over another file; its bytes are kept, for whoever wants to look."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for attempt in range(1000):
        target = path.with_name(f"{path.name}.set-aside-{stamp}" + (f"-{attempt}" if attempt
                                                                      else ""))
        try:
            os.link(path, target)  # fails if the name is taken: nothing is overwritten
        except FileExistsError:
            continue
        except OSError:  # no hard links here (FAT, some network disks)
            if target.exists():
                continue
            path.rename(target)
            return target
        path.unlink()
        return target
    raise StoreError(f"{path}: could not set it aside (too many set-aside copies beside it).")


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
            handle = self._open()
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
                same = os.path.samestat(os.fstat(handle.fileno()), os.lstat(self.path))
            except OSError:
                same = False
            if same:
                break
            handle.close()
        try:  # who holds it, for the message another Chronolens shows; a full disk may refuse
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        except OSError:
            pass
        self._handle = handle

    def holder(self) -> int | None:
        """The process that holds this lock now, as far as its file tells (for a message)."""
        try:
            text = self.path.read_text(encoding="utf-8").strip()
            pid = int(text)
            if sys.platform != "win32":  # (on Windows, os.kill would end the process)
                os.kill(pid, 0)  # alive? a file left by a crash names a process gone
        except (OSError, ValueError):
            return None
        return pid

    def _open(self) -> IO[str]:
        """The lock file, made if missing; never through a link planted at its name (a link
        there is removed, not followed: its target is left alone)."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            descriptor = os.open(self.path, flags, 0o644)
        except OSError:
            if not self.path.is_symlink():
                raise
            self.path.unlink()
            descriptor = os.open(self.path, flags | os.O_EXCL, 0o644)
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            os.close(descriptor)
            raise StoreError(f"{self.path} is not a regular file; Chronolens keeps its lock "
                             "there. Move it away, then try again.")
        return open(descriptor, "r+", encoding="utf-8")

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


QUICK, FULL = 1, 2  # how deeply a file was checked (models.store.checks)


def _fingerprint(file: Path) -> list[int]:
    # ctime too: a program can set a file's mtime back after editing it, but not its ctime.
    info = file.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def _read_checked() -> dict[str, list[int]]:
    try:
        data = json.loads(_checked_record().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def was_checked(file: Path, level: int) -> bool:
    """True if this file is exactly as we last checked it or left it (same size, times,
    inode), to at least `level` (QUICK or FULL): then that check can be skipped. Any change by
    another program, or a crash of ours before `remember_checked`, means it is checked again."""
    try:
        record = _read_checked().get(str(file.resolve()))
        return (isinstance(record, list) and len(record) == 5
                and record[:4] == _fingerprint(file) and record[4] >= level)
    except (OSError, TypeError):
        return False


def remember_checked(file: Path, level: int = FULL) -> None:
    """Note that `file` is sound as it is now, checked to `level`. Best effort: not
    remembering only costs a check."""
    try:
        checked = _read_checked()
        checked[str(file.resolve())] = [*_fingerprint(file), level]
        if len(checked) > 200:  # forget the oldest entries rather than grow forever
            checked = dict(list(checked.items())[-200:])
        record = _checked_record()
        record.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(record, json.dumps(checked).encode("utf-8"))
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
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # What a backup killed half-way left (we hold the store's lock: none is running now).
        for leftover in folder.glob(f".{_backup_prefix(file)}*{PARTIAL_SUFFIX}*"):
            leftover.unlink(missing_ok=True)
        with replacing(target) as partial:  # a file of our own beside it, renamed when done
            copy = sqlite3.connect(partial.name)
            try:
                conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
                verdict = copy.execute("PRAGMA integrity_check").fetchall()
            finally:
                copy.close()
            if verdict != [("ok",)]:
                raise StoreError(f"the backup of {file} did not check out ({verdict[0][0]}).")
    except (OSError, sqlite3.Error, StoreError) as error:
        reason = error if isinstance(error, StoreError) else f"could not back it up to {folder}"
        raise StoreError(f"{file}: {reason} ({error}); it was not upgraded, and left as it "
                         "is.") from None
    for old in backups_of(file)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


__all__ = [
    "BACKUPS_KEPT",
    "FULL",
    "QUICK",
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
    "recovery_file",
    "remember_checked",
    "set_aside",
    "sidecar",
    "sqlite_uri",
    "was_checked",
]
