"""Search over events, parties and aliases: the SQL, in two phases, safe for any text.

`first_results` gives unranked full-text prefix hits (no bm25, just LIMIT): cheap even for a
one-letter prefix over a million events, thanks to the FTS5 prefix index (1-3 characters) built
by `m003_search_prefix`; longer words are first looked up as whole words, which FTS5 reads lazily
(a prefix longer than the index makes FTS5 merge every matching term's full list first).

`ranked_results` then orders them (name > alias > description for parties, bm25 for events)
but only ranks a table when the query matches at most `RANK_CAP` rows there: bm25 costs
~0.7 µs a match, and a broad prefix at 1M would take 0.3–0.9 s for an order nobody can judge.
A broad query keeps the cheap order, with whole words, titles and names first.
Party names also forgive typos (rapidfuzz over an in-memory name index) when exact hits are few.

Every function takes a sqlite3 connection, so a GUI can run it in a worker on its own read-only
connection (`open_reader`) and stop it from another thread with `interrupt`; an interrupted
search raises `SearchInterrupted`. `SearchReader` wraps both for callers that must not see sqlite3.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.domain import Event, EventHit, Party, PartyHit, SearchResults
from models.errors import StoreInterrupted
from models.filters import Filter
from models.store.connection import interrupt, open_reader
from models.store.reads import EVENT_COLUMNS, PARTY_COLUMNS, event_from_row, party_from_row
from models.store.safety import read_leniently

# Longer input is cut: nobody types more, and it bounds the FTS query's size.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
# A table is ranked by bm25 only when the query matches at most this many of its rows
# (~0.7 µs a match: ≤ ~15 ms); broader queries keep the unranked order.
RANK_CAP = 20_000
# Typo-tolerant party matches are looked for only when fewer exact/prefix party hits exist.
TYPO_WHEN_FEWER = 3
TYPO_MIN_CHARS = 4
TYPO_SCORE_CUTOFF = 80.0
# The typo index holds every party name and alias; past this many it is not built.
TYPO_MAX_NAMES = 1_000_000

TOKENIZE = "unicode61 remove_diacritics 2"
# Prefix indexes for 1-, 2- and 3-character prefixes. Measured at 1M events: without the 1,
# a one-letter prefix ("s") costs 45-190 ms (FTS5 merges every s-term's list); with it ~1 ms,
# for +61 MB (+10 %) of index.
PREFIX = "1 2 3"
# Our queries are single-word terms (never phrases or NEAR), so token positions are never
# needed: detail=column keeps which column matched (for column filters and bm25) and drops
# the positions, which at 1M events makes the index 238 -> 144 MB and its rebuild ~20% faster.

_WORD = re.compile(r"\w+")


# The one interrupt exception (connection.py): a search stopped by `interrupt` raises it.
SearchInterrupted = StoreInterrupted


# -- the migration ---------------------------------------------------------------------------

# (table, indexed columns): external-content FTS5 tables named <table>_fts.
FTS_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("events", ("title", "description")),
    ("parties", ("name", "description")),
    ("aliases", ("name",)),
)
# Made by m008_marks (FTS_TABLES stays as m003 made it): notes, quotes and sources.
MORE_FTS_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("notes", ("text",)),
    ("citations", ("quote",)),
    ("sources", ("title", "publisher", "text")),
)
ALL_FTS_TABLES = FTS_TABLES + MORE_FTS_TABLES


def fts_statements(table: str, columns: Sequence[str]) -> list[str]:
    """SQL that (re)builds `<table>_fts` with a prefix index, its triggers, and its contents.

    Hand-written because sqlite-utils' `enable_fts` has no `prefix=` option. The table and
    triggers mirror what `enable_fts(columns, create_triggers=True, tokenize=TOKENIZE)` makes
    (same names, same `content=[table]` so `detect_fts` still finds it); only `prefix` is new,
    and the update trigger fires only when an indexed column changes.
    Each statement runs on its own (no executescript), so it stays inside the caller's
    transaction.
    """
    fts = f"[{table}_fts]"
    cols = ", ".join(f"[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    return [
        f"DROP TRIGGER IF EXISTS [{table}_ai]",
        f"DROP TRIGGER IF EXISTS [{table}_ad]",
        f"DROP TRIGGER IF EXISTS [{table}_au]",
        f"DROP TABLE IF EXISTS {fts}",
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 (\n    {cols},\n    tokenize='{TOKENIZE}',"
        f"\n    prefix='{PREFIX}',\n    detail=column,\n    content=[{table}]\n)",
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN\n"
        f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND",
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\nEND",
        # Only when the indexed text changes: moving an event in time leaves its text alone.
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {cols} ON [{table}] BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND",
    ]


def m003_search_prefix(db: Any) -> None:
    """Migration: rebuild the three FTS5 tables with a prefix index (prefix='1 2 3').

    `db` is a sqlite_utils.Database; run inside a transaction (Migrations.apply does that).
    """
    for table, columns in FTS_TABLES:
        for sql in fts_statements(table, columns):
            db.execute(sql)


# -- queries ---------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return _WORD.findall(text[:MAX_QUERY_CHARS].replace("_", " "))[:MAX_QUERY_WORDS]


def fts_query(text: str) -> str | None:
    """Turn anything a person types into a safe FTS5 prefix query, or None when nothing is left.

    Each word becomes a quoted prefix term (all must match), so quotes, AND/OR/NEAR, *, (, -
    and NUL are just text. Input is cut to MAX_QUERY_CHARS characters and MAX_QUERY_WORDS words.
    """
    words = _words(text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def whole_word_query(text: str) -> str | None:
    """The same words as `fts_query`, each a whole word: a subset of its matches."""
    words = _words(text)
    if not words:
        return None
    return " ".join(f'"{word}"' for word in words)


@contextmanager
def _interruptible() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if "interrupt" in str(error):
            raise SearchInterrupted(str(error)) from None
        raise


def _ids(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[int]:
    return [int(row[0]) for row in conn.execute(sql, params)]


def _parties_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Party]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT {PARTY_COLUMNS} FROM parties p WHERE p.id IN ({marks})",
                        list(ids)).fetchall()
    return {row[0]: party_from_row(row) for row in rows}


def _events_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Event]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN ({marks})",
                        list(ids)).fetchall()
    found = {row[0]: event_from_row(row) for row in rows}
    return [found[i] for i in ids if i in found]


def _party_hits(conn: sqlite3.Connection, ordered: Sequence[tuple[int, str | None]],
                limit: int) -> tuple[PartyHit, ...]:
    """Hits for (party id, matched alias) pairs, first reason kept, at most `limit`."""
    reasons: dict[int, str | None] = {}
    for party_id, alias in ordered:
        if party_id not in reasons:
            reasons[party_id] = alias
            if len(reasons) >= limit:
                break
    parties = _parties_by_id(conn, list(reasons))
    return tuple(PartyHit(parties[i], a) for i, a in reasons.items() if i in parties)


@dataclass(frozen=True, slots=True)
class _Query:
    prefix: str  # every word a prefix term: what is searched for
    whole: str  # every word a whole word: a subset, read lazily by FTS5 even when common

    @classmethod
    def of(cls, text: str) -> _Query | None:
        prefix, whole = fts_query(text), whole_word_query(text)
        return None if prefix is None or whole is None else cls(prefix, whole)

    def column(self, name: str) -> _Query:
        return _Query(f"{name} : ({self.prefix})", f"{name} : ({self.whole})")


def _count(conn: sqlite3.Connection, fts: str, match: str, cap: int) -> int:
    """How many rows of `fts` match, counting no further than cap + 1."""
    return int(conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",  # fts: fixed
        [match, cap + 1]).fetchone()[0])


def _unranked(conn: sqlite3.Connection, fts: str, query: _Query, limit: int) -> list[int]:
    """Up to `limit` matching row ids, unranked: whole-word matches first, then prefix ones."""
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?"  # fts: fixed names
    ids = _ids(conn, sql, [query.whole, limit])
    if len(ids) < limit:
        seen = set(ids)
        more = _ids(conn, sql, [query.prefix, limit + len(ids)])
        ids += [i for i in more if i not in seen][:limit - len(ids)]
    return ids


def _ranked(conn: sqlite3.Connection, fts: str, query: _Query, bm25: str, limit: int,
            cap: int) -> list[int] | None:
    """Up to `limit` matching row ids best bm25 first, or None when more than `cap` match."""
    if _count(conn, fts, query.whole, cap) > cap or _count(conn, fts, query.prefix, cap) > cap:
        return None
    return _ids(conn, f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? "  # fts, bm25: fixed
                      f"ORDER BY {bm25} LIMIT ?", [query.prefix, limit])


def _alias_owners(conn: sqlite3.Connection, alias_ids: Sequence[int]
                  ) -> list[tuple[int, str | None]]:
    if not alias_ids:
        return []
    marks = ",".join("?" * len(alias_ids))
    owners = {int(row[0]): (int(row[1]), str(row[2])) for row in conn.execute(
        f"SELECT id, party_id, name FROM aliases WHERE id IN ({marks})", list(alias_ids))}
    return [owners[i] for i in alias_ids if i in owners]


def _owners_of_matching_aliases(conn: sqlite3.Connection, fetch: Callable[[int], list[int]],
                                limit: int) -> list[tuple[int, str | None]]:
    """(party, alias) for matching aliases, best first, enough rows for `limit` distinct
    parties when there are that many (one party may own several matching aliases)."""
    rows = limit
    while True:
        alias_ids = fetch(rows)
        owners = _alias_owners(conn, alias_ids)
        if _distinct(owners) >= limit or len(alias_ids) < rows:
            return owners
        rows *= 4


def _distinct(found: Sequence[tuple[int, str | None]]) -> int:
    return len({party_id for party_id, _ in found})


def first_results(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> SearchResults:
    """Unranked prefix hits: parties by name, then alias, then description; events by text.

    No bm25 and no sorting, so SQLite stops after `limit` hits of each kind: fast for any
    prefix. Raises SearchInterrupted if `interrupt(conn)` is called meanwhile.
    """
    query = _Query.of(text)
    if query is None or limit <= 0:
        return SearchResults(text, (), ())
    with _interruptible():
        found: list[tuple[int, str | None]] = [
            (i, None) for i in _unranked(conn, "parties_fts", query.column("name"), limit)]
        found += _owners_of_matching_aliases(
            conn, lambda rows: _unranked(conn, "aliases_fts", query, rows), limit)
        if _distinct(found) < limit:
            found += [(i, None) for i in _unranked(conn, "parties_fts", query,
                                                   limit + len(found))]
        party_hits = _party_hits(conn, found, limit)
        event_ids = _unranked(conn, "events_fts", query, limit)
        events = tuple(EventHit(e, None) for e in _events_by_id(conn, event_ids))
    return SearchResults(text, party_hits, events)


def ranked_results(conn: sqlite3.Connection, text: str, *, limit: int = 20, typos: bool = True,
                   rank_cap: int = RANK_CAP) -> SearchResults:
    """Parties (by name, alias or description) and events (by their text, or through a
    matching party), each best first. Any text is safe; nothing usable gives no results.

    A party whose name matches ranks above one found by an alias, and both above one whose
    description merely mentions the words. Each of those groups, and the events, is ordered by
    bm25 when at most `rank_cap` rows match, otherwise left unranked (whole words first, and
    title matches before other events). With `typos`, party names close to the text are added
    when exact hits are fewer than TYPO_WHEN_FEWER. Raises SearchInterrupted if
    `interrupt(conn)` is called meanwhile.
    """
    query = _Query.of(text)
    if query is None or limit <= 0:
        return SearchResults(text, (), ())
    with _interruptible():
        def parties(fts: str, q: _Query, count: int) -> list[int]:
            ranked = _ranked(conn, fts, q, f"bm25({fts})", count, rank_cap)
            return _unranked(conn, fts, q, count) if ranked is None else ranked

        found: list[tuple[int, str | None]] = [
            (i, None) for i in parties("parties_fts", query.column("name"), limit)]
        found += _owners_of_matching_aliases(
            conn, lambda rows: parties("aliases_fts", query, rows), limit)
        if _distinct(found) < limit:
            found += [(i, None) for i in parties("parties_fts", query, limit + len(found))]
        if typos and _distinct(found) < TYPO_WHEN_FEWER:
            found += typo_parties(conn, text, limit=limit)
        party_hits = _party_hits(conn, found, limit)

        event_ids = _ranked(conn, "events_fts", query, "bm25(events_fts, 5.0, 1.0)", limit,
                            rank_cap)
        if event_ids is None:  # broad: title matches first, unranked
            event_ids = _unranked(conn, "events_fts", query.column("title"), limit)
            if len(event_ids) < limit:
                seen = set(event_ids)
                more = _unranked(conn, "events_fts", query, limit + len(event_ids))
                event_ids += [i for i in more if i not in seen][:limit - len(event_ids)]
        events: dict[int, EventHit] = {
            e.id: EventHit(e, None) for e in _events_by_id(conn, event_ids)}
        for hit in party_hits:
            if len(events) >= limit:
                break
            for event in _events_of(conn, hit.party.id, limit):
                if len(events) >= limit:
                    break
                events.setdefault(event.id, EventHit(event, hit.party.name))
    return SearchResults(text, party_hits, tuple(events.values()))


def search(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> SearchResults:
    """The complete (ranked) search: what Store.search returns."""
    return read_leniently(conn, lambda: ranked_results(conn, text, limit=limit))


# A party with more events than this has its first ones found by walking events in date order
# (stops after `limit`, ~1 ms at 1M for a party in 20 % of events); a smaller one by sorting
# its own events (the walk would cross the whole table: ~0.5 s at 1M for a party with 5).
_BUSY_PARTY = 5_000


def _events_of(conn: sqlite3.Connection, party_id: int, limit: int) -> list[Event]:
    """A party's first `limit` events in date order (as Store.events_of)."""
    busy = _count_participations(conn, party_id) > _BUSY_PARTY
    if busy:
        sql = (f"SELECT {EVENT_COLUMNS} FROM events e WHERE EXISTS (SELECT 1 FROM "
               "participations pa WHERE pa.event_id = e.id AND pa.party_id = ?) "
               "ORDER BY e.earliest, e.id LIMIT ?")
    else:
        sql = (f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN "
               "(SELECT event_id FROM participations WHERE party_id = ?) "
               "ORDER BY e.earliest, e.id LIMIT ?")
    return [event_from_row(row) for row in conn.execute(sql, [party_id, limit]).fetchall()]


def _count_participations(conn: sqlite3.Connection, party_id: int) -> int:
    return int(conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM participations WHERE party_id = ? LIMIT ?)",
        [party_id, _BUSY_PARTY + 1]).fetchone()[0])


# -- typo tolerance --------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, without diacritics or punctuation: how typo matching compares names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(kept.replace("_", " ")))


@dataclass(frozen=True, slots=True)
class _NameIndex:
    key: tuple[int, ...]
    names: list[str]  # folded
    owners: list[tuple[int, str | None]]  # (party id, alias or None for the name itself)


_index_lock = threading.Lock()
# Per connection (sqlite3.Connection takes no weak references, so a small LRU keyed by id,
# holding the connection so the id is not reused while cached).
_indexes: OrderedDict[int, tuple[sqlite3.Connection, _NameIndex]] = OrderedDict()
_MAX_INDEXES = 4


def _index_key(conn: sqlite3.Connection) -> tuple[int, ...]:
    # data_version moves when another connection commits; total_changes when this one writes.
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    parties = int(conn.execute("SELECT count(*) FROM parties").fetchone()[0])
    aliases = int(conn.execute("SELECT count(*) FROM aliases").fetchone()[0])
    return (version, conn.total_changes, parties, aliases)


def _name_index(conn: sqlite3.Connection) -> _NameIndex | None:
    key = _index_key(conn)
    if key[2] + key[3] > TYPO_MAX_NAMES:
        return None
    with _index_lock:
        cached = _indexes.get(id(conn))
        if cached is not None and cached[0] is conn and cached[1].key == key:
            _indexes.move_to_end(id(conn))
            return cached[1]
    names: list[str] = []
    owners: list[tuple[int, str | None]] = []
    for party_id, name in conn.execute("SELECT id, name FROM parties"):
        names.append(fold(name))
        owners.append((int(party_id), None))
    for party_id, alias in conn.execute("SELECT party_id, name FROM aliases"):
        names.append(fold(alias))
        owners.append((int(party_id), str(alias)))
    index = _NameIndex(key, names, owners)
    with _index_lock:
        _indexes[id(conn)] = (conn, index)
        _indexes.move_to_end(id(conn))
        while len(_indexes) > _MAX_INDEXES:
            _indexes.popitem(last=False)
    return index


def forget(conn: sqlite3.Connection) -> None:
    """Drop what is cached for `conn` (call before closing it)."""
    with _index_lock:
        cached = _indexes.get(id(conn))
        if cached is not None and cached[0] is conn:
            del _indexes[id(conn)]


def typo_parties(conn: sqlite3.Connection, text: str, *, limit: int = 5
                 ) -> list[tuple[int, str | None]]:
    """(party id, alias or None) whose name or alias is close to `text`, closest first."""
    wanted = fold(text[:MAX_QUERY_CHARS])
    if len(wanted) < TYPO_MIN_CHARS:
        return []
    index = _name_index(conn)
    if index is None:
        return []
    from rapidfuzz import fuzz, process  # on the first typo search: not at start-up

    matches = process.extract(wanted, index.names, scorer=fuzz.ratio, limit=limit,
                              score_cutoff=TYPO_SCORE_CUTOFF)
    return [index.owners[position] for _name, _score, position in matches]


# -- readers for worker threads ----------------------------------------------------------------

class SearchReader:
    """A reader connection and the two search phases, for callers that must not touch sqlite3
    (the GUI): interrupted searches return None instead of raising."""

    def __init__(self, path: str | Path, *, immutable: bool = False) -> None:
        self._conn = open_reader(path, immutable=immutable)
        self._path = str(path)

    def query_results(self, text: str, scope: Filter | None = None, *,
                      limit: int = 20) -> SearchResults | None:
        """Store.query_results (the query language, within the window's filter)."""
        from models.store import Store  # (the store package imports this module)

        try:
            return Store(self._conn, self._path, mode="ro").query_results(
                text, scope, limit=limit)
        except SearchInterrupted:
            return None

    def first_results(self, text: str, *, limit: int = 20) -> SearchResults | None:
        try:
            return read_leniently(self._conn,
                                  lambda: first_results(self._conn, text, limit=limit))
        except SearchInterrupted:
            return None

    def ranked_results(self, text: str, *, limit: int = 20) -> SearchResults | None:
        try:
            return read_leniently(self._conn,
                                  lambda: ranked_results(self._conn, text, limit=limit))
        except SearchInterrupted:
            return None

    def interrupt(self) -> None:
        interrupt(self._conn)

    def close(self) -> None:
        forget(self._conn)
        self._conn.close()


__all__ = ["RANK_CAP", "SearchInterrupted", "SearchReader", "first_results", "fold",
           "fts_query", "interrupt", "m003_search_prefix", "open_reader", "ranked_results",
           "search", "typo_parties"]
