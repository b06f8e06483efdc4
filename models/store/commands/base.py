"""What the planners of edits share: checks of what a person typed,
and the row changes commands are made of."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from models.dates import DateError, parse_edtf
from models.edits import KEEP, CommandError
from models.interchange import text_problem
from models.store.history import Change, RowChange, images, next_id, update
from models.store.schema import _length_class, _span_flags

# -- checking what a person typed ---------------------------------------------------------------

def _text(field: str, value: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise CommandError(f"{field}: text expected")
    problem = text_problem(value)
    if problem is not None:
        raise CommandError(f"{field} {problem}")
    if required and not value.strip():
        raise CommandError(f"{field} cannot be empty")
    return value.strip() if required else value


def _date_columns(field: str, text: str) -> dict[str, Any]:
    try:
        when = parse_edtf(_text(field, text, required=True))
    except DateError as error:
        raise CommandError(f"{field}: {error}") from None
    return {"edtf": when.edtf(), "earliest": when.earliest, "latest": when.latest,
            "flags": _span_flags(when), "length_class": _length_class(when.earliest,
                                                                      when.latest)}


def _one(conn: sqlite3.Connection, table: str, noun: str, id_: int) -> dict[str, Any]:
    found = images(conn, table, "rowid = ?", [id_])
    if not found:
        raise CommandError(f"there is no {noun} {id_} (it may have been deleted)")
    return dict(found[0][1])


def _exists(conn: sqlite3.Connection, table: str, noun: str, id_: int | None) -> None:
    if id_ is not None:
        _one(conn, table, noun, id_)


def _new_key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _edits(conn: sqlite3.Connection, table: str, id_: int,
           values: dict[str, Any]) -> tuple[RowChange, ...]:
    change = update(conn, table, id_, values)
    return () if change is None else (change,)


def _added(table: str, rowid: int, values: dict[str, Any]) -> RowChange:
    return RowChange(table, rowid, None, tuple(values.items()))


def _field_edit(conn: sqlite3.Connection, table: str, noun: str, id_: int,
                given: dict[str, Any], checks: dict[str, Callable[[Any], dict[str, Any]]],
                shown_by: str) -> Change:
    """An edit of some fields of one record: each field given (not KEEP) is checked into the
    columns it sets; the label names the record by its `shown_by` column as it was."""
    old = _one(conn, table, noun, id_)
    values: dict[str, Any] = {}
    for field, value in given.items():
        if value is not KEEP:
            values.update(checks[field](value))
    shown = old[shown_by] if shown_by == "name" else _quoted(old[shown_by])
    return Change(f"edit of {noun} {shown}", "edit", _edits(conn, table, id_, values),
                  record=(table, id_))


def _plain(field: str, *, required: bool = False) -> Callable[[Any], dict[str, Any]]:
    """The check of a text field stored as it is typed."""
    return lambda value: {field: _text(field, value, required=required)}


def _removals_first(rows: list[RowChange]) -> list[RowChange]:
    """The rows removed before those added or changed, each in its order: moved roles then
    go to SQLite in two batches (Store.apply groups rows of one shape)."""
    return [r for r in rows if r.after is None] + [r for r in rows if r.after is not None]


def _moved(conn: sqlite3.Connection, table: str, rowid: int, image: tuple[tuple[str, Any], ...],
           taken: int, **changes: Any) -> list[RowChange]:
    """A row of an owned table given to another owner, with whole images so its history says
    whose it was and whose it becomes. A participation is removed and added anew (`taken`:
    how many this change added before): the triggers keeping lane counts count an event
    once per party by its first participation, which an update in place would upset."""
    after = tuple((c, changes.get(c, v)) for c, v in image)
    if table != "participations":
        return [RowChange(table, rowid, image, after)]
    return [RowChange(table, rowid, image, None),
            RowChange(table, next_id(conn, table, taken), None, after)]


def _ordered(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` in the table's column order (images keep it)."""
    order = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]  # fixed names
    return {c: values[c] for c in order if c in values}


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
