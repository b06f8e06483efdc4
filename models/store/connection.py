"""The store's connections: the one factory for reading connections, the one interrupt exception
(StoreInterrupted), and the two helpers every read goes through."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.errors import StoreError, StoreInterrupted
from models.store.safety import read_leniently, sqlite_uri


def open_reader(path: str | Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection to the store at `path`, usable from any one thread at a time
    (and `interrupt`-able from another). immutable: as the store itself was opened (read-only
    media, or a store from a newer Chronolens)."""
    mode = "immutable" if immutable else "ro"
    conn = sqlite3.connect(sqlite_uri(Path(path), mode=mode), uri=True, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


def interrupt(conn: sqlite3.Connection) -> None:
    """Stop whatever `conn` is running now; that query raises StoreInterrupted."""
    try:
        conn.interrupt()
    except sqlite3.ProgrammingError:  # already closed: nothing to stop
        pass


def unreadable(path: str, error: object) -> str:
    return f"{path}: part of the store cannot be read ({error}). Check store says more."


class Connected:
    """A store's connection and the helpers its reads share (the mixins of Store build on it)."""

    _conn: sqlite3.Connection
    path: str
    _mode: str  # "rw", "ro" (reading, or beside another writer) or "immutable"

    @property
    def read_only(self) -> bool:
        return self._mode != "rw"

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        # Damaged text (a flipped bit on disk) is shown with replacement marks, not a failure.
        try:
            return read_leniently(self._conn, lambda: self._conn.execute(sql, params).fetchall())
        except sqlite3.DatabaseError as error:
            if "interrupted" in str(error):
                raise StoreInterrupted(str(error)) from None
            raise StoreError(unreadable(self.path, error)) from None
        except UnicodeDecodeError as error:  # even so: SQLite's own message quoted such bytes
            raise StoreError(unreadable(self.path, error)) from None

    def _scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return rows[0][0] if rows else None

    def _version(self) -> int:
        return int(self._scalar("PRAGMA user_version"))

    def title(self) -> str:
        """The story's title, kept in the store's metadata."""
        if not self._scalar("SELECT count(*) FROM sqlite_master WHERE name = 'meta'"):
            return ""
        value = self._scalar("SELECT value FROM meta WHERE name = 'title'")
        return "" if value is None else str(value)
