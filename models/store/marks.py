"""What a person keeps beside the records: the tags there are (with how many records carry
each), saved views of the window and the last one. Tags, stars and notes themselves change
through commands (models.edits: SetTags, TagRecords, SetStar, SetNote) and are read with each
record's details; saved views are settings of the store, so they are plain writes, one
transaction each, kept out of the history."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from models.domain import SavedView, Tag
from models.edits import CommandError
from models.errors import StoreError
from models.store.commands.base import _text
from models.store.writer import Writing, _write_failed

MAX_VIEW_NAME = 200
_LAST_VIEW = "last_view"  # its name in `meta`


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for names starting with `prefix` (its % and _ taken as they are)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


class MarkStore(Writing):
    """Tags as a list, saved views, and the last view of the store."""

    def _has_table(self, name: str) -> bool:
        return bool(self._scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name = ?", [name]))

    # -- tags ------------------------------------------------------------------------------

    def tags(self, prefix: str = "", *, limit: int = 50) -> list[Tag]:
        """Tags whose name starts with `prefix` (case aside), by name, with how many events,
        parties and sources carry each. Tags no record carries any more may be listed (with
        counts of 0): nothing removes them."""
        if not self._has_table("tags"):
            return []
        rows = self._rows(
            "SELECT t.id, t.name, "
            "(SELECT count(*) FROM event_tags x WHERE x.tag_id = t.id), "
            "(SELECT count(*) FROM party_tags x WHERE x.tag_id = t.id), "
            "(SELECT count(*) FROM source_tags x WHERE x.tag_id = t.id) "
            "FROM tags t WHERE t.name LIKE ? ESCAPE '\\' "
            "ORDER BY t.name COLLATE NOCASE LIMIT ?", [_like_prefix(prefix), max(limit, 0)])
        return [Tag(id=row[0], name=row[1], events=row[2], parties=row[3], sources=row[4])
                for row in rows]

    # -- saved views -----------------------------------------------------------------------

    def views(self) -> list[SavedView]:
        """The views saved in this store, by name."""
        if not self._has_table("views"):
            return []
        return [SavedView(name=row[0], spec=row[1], saved_at=row[2]) for row in self._rows(
            "SELECT name, spec, saved_at FROM views ORDER BY name COLLATE NOCASE, name")]

    def view(self, name: str) -> SavedView | None:
        if not self._has_table("views"):
            return None
        rows = self._rows("SELECT name, spec, saved_at FROM views WHERE name = ?", [name])
        return SavedView(name=rows[0][0], spec=rows[0][1], saved_at=rows[0][2]) if rows else None

    def save_view(self, name: str, spec: str) -> SavedView:
        """Keep `spec` under `name` (a view saved before under that name is replaced)."""
        self._writable()
        name = _text("view name", name, required=True)
        if len(name) > MAX_VIEW_NAME:
            raise CommandError(f"view name is longer than {MAX_VIEW_NAME} characters")
        spec = _text("view", spec)
        saved = SavedView(name=name, spec=spec, saved_at=_now())
        self._write("INSERT INTO views (name, spec, saved_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, "
                    "saved_at = excluded.saved_at", [saved.name, saved.spec, saved.saved_at])
        return saved

    def delete_view(self, name: str) -> bool:
        """Forget the view saved under `name`; whether there was one."""
        self._writable()
        return self._write("DELETE FROM views WHERE name = ?", [name]) > 0

    # -- the last view ---------------------------------------------------------------------

    def remember_view(self, spec: str) -> None:
        """Keep `spec` as the store's last view (shown again when it is next opened)."""
        self._writable()
        self._write("INSERT INTO meta (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    [_LAST_VIEW, _text("view", spec)])

    def last_view(self) -> str | None:
        if not self._has_table("meta"):
            return None
        value = self._scalar("SELECT value FROM meta WHERE name = ?", [_LAST_VIEW])
        return None if value is None else str(value)

    def _write(self, sql: str, params: list[str]) -> int:
        """One statement in a transaction of its own; the number of rows it changed."""
        try:
            with self._db.atomic():
                return self._conn.execute(sql, params).rowcount
        except sqlite3.Error as error:
            raise StoreError(_write_failed(self.path, error)) from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
