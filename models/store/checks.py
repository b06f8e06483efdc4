"""What a store must pass: before Chronolens reads it, before anything may write to it, and in
the `check` command. One list of checks, run to two depths:

- quick (before reading an unknown file): it is ours (application id), SQLite's quick_check
  (which also finds values of the wrong type in STRICT tables), and its tables, triggers and
  views are the ones our migrations make;
- full (before writing to a file not checked since it last changed, and `check`): all that
  with integrity_check instead (indexes too), references between records, the counts kept for
  the timeline, every stored date, and, on a connection that may write, the search indexes.

Checks run on connections that cannot change the file: `mode=ro` reads a -wal beside the file
without replaying it into the file, and trusted_schema=OFF keeps the file's own triggers and
views from running anything harmful while it is being judged.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from models.dates import DateError, parse_edtf
from models.store.safety import decode_leniently, recovery_file, sidecar, sqlite_uri
from models.store.schema import (
    _CATEGORY_LANE,
    _PARTY_LANE,
    APPLICATION_ID,
    LANE_COUNT_FROM,
    MIGRATIONS,
    SCHEMA_VERSION,
    STRICT_FROM,
    schema_migrations,
)
from models.store.search import ALL_FTS_TABLES

LISTED = 20  # problems listed per check
# Every full-text index a store may have (those of m008 on from store version 8).
SEARCH_INDEXES = tuple(f"{table}_fts" for table, _columns in ALL_FTS_TABLES)


def damaged(file: Path | str, error: object) -> str:
    return (f"{file} is damaged and cannot be opened ({error}). It was left exactly as it was; "
            "a backup, or the file it was imported from, can replace it.")


@dataclass(frozen=True, slots=True)
class Findings:
    checked: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        shown = "; ".join(self.problems[:3])
        more = len(self.problems) - 3
        return shown + (f"; and {more} more" if more > 0 else "")


class _Stop(Exception):
    """A check that found the file is not ours: the checks after it would mean nothing."""


Depth = Literal["schema", "quick", "full", "search"]


def examine(conn: sqlite3.Connection, *, depth: Depth,
            progress: Callable[[str], None] | None = None) -> Findings:
    """Run the checks of `depth` on `conn` and say what was checked and found:
    "schema": it is ours, of a version we know, with our tables, triggers and views (reads
    only the schema: instant at any size); "quick": that and quick_check; "full": see the
    module docstring; "search": the full-text indexes only (a writing connection; it writes
    nothing). `progress` is told the name of each check as it starts."""
    checked: list[str] = []
    problems: list[str] = []

    def look(what: str, check: Callable[[], Iterable[str]]) -> None:
        if progress is not None:
            progress(what)
        checked.append(what)
        problems.extend(f"{what}: {problem}" for problem in list(check())[:LISTED])

    def ours() -> list[str]:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise _Stop(f"it is not a Chronolens store (application id {app_id:#x})")
        return []

    version = 0

    def store_version() -> list[str]:
        nonlocal version
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        # A newer store is read as it is (immutable, its triggers never run): not a problem.
        return [] if version > 0 else [f"{version}: it was never finished"]

    def structure() -> list[str]:
        pragma = "integrity_check" if depth == "full" else "quick_check"  # fixed names
        verdict = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({LISTED})")]
        return [v for v in verdict if v != "ok"]

    decode_leniently(conn)  # damaged text must not stop a check
    try:
        if depth == "search":
            look("search index", lambda: _search_index_problems(conn))
            return Findings(tuple(checked), tuple(problems))
        look("what the file is", ours)
        look("store version", store_version)
        if depth != "schema":
            look(f"file structure ({'integrity_check' if depth == 'full' else 'quick_check'})",
                 structure)
        if version > SCHEMA_VERSION or version < 1:
            return Findings(tuple(checked), tuple(problems))
        look("tables, triggers and views", lambda: _schema_problems(conn, version))
        if depth == "full":
            look("references between records (foreign_key_check)", lambda: (
                f"{table} row {rowid} points at a missing {parent} record"
                for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check")))
            if version < STRICT_FROM:  # STRICT tables: quick_check and integrity_check do this
                look("values of the right type", lambda: _type_problems(conn))
            if version >= 2:  # the count pyramid came with store version 2
                look("timeline counts", lambda: _count_problems(conn))
            look("lane counts", lambda: _lane_count_problems(conn, version))
            look("event dates", lambda: _date_problems(conn))
    except _Stop as stop:
        problems.append(f"{checked[-1]}: {stop}")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        problems.append(f"the check stopped: {error}")
    finally:
        conn.text_factory = str
    return Findings(tuple(checked), tuple(problems))


def examine_file(file: Path, *, depth: Depth, wal: bool = True,
                 progress: Callable[[str], None] | None = None) -> Findings:
    """`examine` on a connection of its own that can change nothing: with wal=True it reads
    the file as SQLite would with the -wal beside it (without replaying it into the file);
    with wal=False the file alone (`immutable`: no -wal, no -shm, no lock)."""
    # Without a -wal there is nothing to read beside the file: immutable leaves no trace.
    wal = wal and recovery_file(file, "-wal") is not None
    made = [p for p in (sidecar(file, "-shm"), sidecar(file, "-wal")) if not p.exists()]
    try:
        conn = sqlite3.connect(sqlite_uri(file, mode="ro" if wal else "immutable"), uri=True)
    except sqlite3.Error as error:
        return Findings(("opening it",), (f"opening it: {error}",))
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        return examine(conn, depth=depth, progress=progress)
    finally:
        conn.close()
        for path in made:  # what reading the -wal made beside the file: SQLite's index of it
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def store_id(file: Path, *, wal: bool) -> str | None:
    """The id a store keeps in its metadata (store version 6 on), read as `examine_file`
    would; None where there is none or it cannot be read."""
    try:
        conn = sqlite3.connect(sqlite_uri(file, mode="ro" if wal else "immutable"), uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        row = conn.execute("SELECT value FROM meta WHERE name = 'store_id'").fetchone()
        return None if row is None else str(row[0])
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    finally:
        conn.close()


# -- the checks ----------------------------------------------------------------------------

def _schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """Triggers and views must be exactly ours (code in a file is trusted only once it is known
    to be ours); tables must be ours, with our columns, STRICT from STRICT_FROM."""
    expected = _schema(version)
    problems = []
    found = set(conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')"))
    for kind, name, _table, _sql in sorted(found - expected.code):
        problems.append(f"{kind} {name} was not written by Chronolens")
    for kind, name, _table, _sql in sorted(expected.code - found):
        problems.append(f"{kind} {name} is missing")
    tables = _tables(conn)
    for name, shape in sorted(tables.items()):
        if name not in expected.tables:
            if name != "meta":  # made by set_title before store version 6
                problems.append(f"table {name} was not written by Chronolens")
        elif shape != expected.tables[name]:
            problems.append(f"table {name} is not as Chronolens made it")
    for name in sorted(set(expected.tables) - set(tables)):
        problems.append(f"table {name} is missing")
    return problems


# WITHOUT ROWID, STRICT, and each column's (name, type, not null, primary key position)
TableShape = tuple[bool, bool, tuple[tuple[str, str, int, int], ...]]


@dataclass(frozen=True, slots=True)
class _Schema:
    code: frozenset[tuple[str, str, str, str]]
    tables: dict[str, TableShape]


def _tables(conn: sqlite3.Connection) -> dict[str, TableShape]:
    """Each ordinary table's shape: STRICT or not, WITHOUT ROWID or not, and its columns."""
    shapes: dict[str, TableShape] = {}
    for name, kind, wr, strict in conn.execute(
            "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main' "
            "AND type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_sqlite_migrations'"):  # its shape is sqlite-utils' business
        if kind != "table" or _is_fts_shadow(name):
            continue
        columns = tuple(conn.execute(
            "SELECT name, upper(type), \"notnull\", pk FROM pragma_table_xinfo(?)", [name]))
        shapes[str(name)] = (bool(wr), bool(strict), columns)
    return shapes


def _is_fts_shadow(name: str) -> bool:
    return any(name.startswith(f"{index}_") for index in SEARCH_INDEXES)


@functools.cache
def _schema(version: int) -> _Schema:
    """The triggers, views and tables our migrations make up to store version `version`."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    names = [step.__name__ for step in MIGRATIONS]
    schema_migrations().apply(db, stop_before=names[version] if version < len(names) else None)
    code = frozenset(db.conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')"))
    tables = _tables(db.conn)
    tables.pop("meta", None)
    return _Schema(code=code, tables=tables)


def _type_problems(conn: sqlite3.Connection) -> Iterable[str]:
    """Before STRICT tables: every value of the type its column is declared with."""
    for table, (_wr, _strict, columns) in _tables(conn).items():
        if table == "_sqlite_migrations":
            continue
        for name, kind, notnull, _pk in columns:
            wanted = {"INTEGER": "integer", "TEXT": "text"}.get(str(kind))
            if wanted is None:
                continue
            allowed = f"('{wanted}')" if notnull else f"('{wanted}', 'null')"
            bad = conn.execute(f'SELECT typeof("{name}"), count(*) FROM "{table}" '  # ours
                               f'WHERE typeof("{name}") NOT IN {allowed}').fetchone()
            if bad[1]:
                yield f"{table}.{name} holds {bad[1]} {bad[0]} value(s) where {wanted} belongs"


def _count_problems(conn: sqlite3.Connection) -> list[str]:
    counted = conn.execute("SELECT coalesce(sum(n), 0) FROM event_counts WHERE level = 0"
                           ).fetchone()[0]
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    return [] if counted == events else [f"they count {counted} events, the store holds {events}"]


def _lane_count_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    if version < 5:
        return []
    problems = []
    for mode, what, truth in (
            (_PARTY_LANE, "party", "SELECT count(*) FROM (SELECT DISTINCT event_id, "
                                   "party_id FROM participations)"),
            (_CATEGORY_LANE, "category", "SELECT count(*) FROM events "
                                         "WHERE category_id IS NOT NULL")):
        in_lanes = conn.execute("SELECT coalesce(sum(n), 0) FROM lane_counts "
                                "WHERE mode = ? AND level = ?", [mode, LANE_COUNT_FROM]
                                ).fetchone()[0]
        held = conn.execute(truth).fetchone()[0]
        if in_lanes != held:
            problems.append(f"{what} lanes count {in_lanes} events, the store holds {held}")
    return problems


def _date_problems(conn: sqlite3.Connection) -> Iterable[str]:
    # Each distinct date once: a million events have far fewer dates.
    for text, key in conn.execute("SELECT edtf, min(key) FROM events GROUP BY edtf"):
        try:
            if not isinstance(text, str):  # damage a file not yet STRICT-checked can hold
                raise DateError(f"not text: {text!r}")
            parse_edtf(text)
        except DateError:
            yield f"event {key!r} has the date {text!r}"


def _search_index_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    opened_here = not conn.in_transaction
    try:
        present = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in SEARCH_INDEXES:  # fixed names
            if table not in present:  # an older store's: its upgrade makes it
                continue
            try:
                # rank = 1: also compare the index with the table it indexes
                conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as error:
                problems.append(f"{table}: {error}")
    finally:
        if opened_here and conn.in_transaction:  # the check writes nothing: end it here
            conn.rollback()
    return problems
