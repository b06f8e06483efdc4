"""The Chronolens store: one SQLite file, and the only module that speaks SQL.

Reads return frozen dataclasses from models.domain; writes go through `add_story`, one
transaction each. User text only ever reaches SQLite as a parameter.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from models.dates import OPEN_END, DateError, DateSpan, parse_edtf
from models.domain import (
    Category,
    CitedSource,
    CoParty,
    Era,
    Event,
    EventHit,
    EventMark,
    EventRole,
    Lane,
    LaneMode,
    Party,
    PartyHit,
    PartyRole,
    SearchResults,
    Source,
    StoreInfo,
)
from models.errors import StoreError
from models.interchange import read_native
from models.story import (
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)

APPLICATION_ID = 0x43484C4E  # "CHLN": marks a file as a Chronolens store
SCHEMA_VERSION = 1

# Events longer than this (and ongoing ones) are "long": kept apart by a partial index so the
# windowed query can bound its scan of short events by this duration.
LONG_EVENT_SECONDS = 32 * 86400

FLAG_RANGE = 1
FLAG_OPEN_END = 2
FLAG_FUZZY_START = 4
FLAG_FUZZY_END = 8

_WORD = re.compile(r"\w+")


migrations = Migrations("chronolens")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("categories").create(
        {"id": int, "key": str, "name": str, "color": str, "parent_id": int},
        pk="id",
        not_null={"key", "name"},
        foreign_keys=[("parent_id", "categories", "id")],
    )
    db.table("parties").create(
        {"id": int, "key": str, "name": str, "kind": str, "description": str},
        pk="id",
        not_null={"key", "name", "kind", "description"},
    )
    db.table("aliases").create(
        {"id": int, "party_id": int, "name": str},
        pk="id",
        not_null={"party_id", "name"},
        foreign_keys=[("party_id", "parties", "id")],
    )
    db.table("events").create(
        {
            "id": int,
            "key": str,
            "title": str,
            "description": str,
            "edtf": str,
            "earliest": int,
            "latest": int,
            "flags": int,
            "is_long": int,
            "category_id": int,
        },
        pk="id",
        not_null={"key", "title", "description", "edtf", "earliest", "latest", "flags", "is_long"},
        foreign_keys=[("category_id", "categories", "id")],
    )
    db.table("participations").create(
        {"event_id": int, "party_id": int, "role": str},
        pk=("event_id", "party_id", "role"),
        not_null={"role"},
        foreign_keys=[("event_id", "events", "id"), ("party_id", "parties", "id")],
    )
    db.table("sources").create(
        {
            "id": int,
            "key": str,
            "title": str,
            "publisher": str,
            "url": str,
            "published": str,
            "text": str,
        },
        pk="id",
        not_null={"key", "title", "publisher", "url", "text"},
    )
    db.table("citations").create(
        {"id": int, "event_id": int, "source_id": int, "quote": str},
        pk="id",
        not_null={"event_id", "source_id", "quote"},
        foreign_keys=[("event_id", "events", "id"), ("source_id", "sources", "id")],
    )
    db.table("eras").create(
        {"id": int, "key": str, "name": str, "edtf": str, "earliest": int, "latest": int,
         "color": str},
        pk="id",
        not_null={"key", "name", "edtf", "earliest", "latest"},
    )
    for table in ("categories", "parties", "events", "sources", "eras"):
        db.table(table).create_index(["key"], unique=True)
    db.table("aliases").create_index(["party_id", "name"], unique=True)
    db.table("participations").create_index(["party_id", "event_id"])
    db.table("citations").create_index(["event_id"])
    db.table("citations").create_index(["source_id"])
    db.table("events").create_index(["category_id"])
    # Covering index for the windowed scan of short events.
    db.table("events").create_index(["earliest", "latest", "is_long"])
    # Long and ongoing events are few: a partial index finds them without scanning the rest.
    db.execute("CREATE INDEX idx_events_long ON events (earliest, latest) WHERE is_long = 1")
    tokenize = "unicode61 remove_diacritics 2"
    db.table("events").enable_fts(["title", "description"], create_triggers=True, tokenize=tokenize)
    db.table("parties").enable_fts(["name", "description"], create_triggers=True, tokenize=tokenize)
    db.table("aliases").enable_fts(["name"], create_triggers=True, tokenize=tokenize)
    # In the same transaction as the tables: a store is marked ours only once it is complete.
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")


def fts_query(text: str) -> str | None:
    """Turn anything a person types into a safe FTS5 prefix query, or None when nothing is left.

    Each word becomes a quoted prefix term, so quotes, AND/OR/NEAR, *, (, - and NUL are just text.
    """
    words = _WORD.findall(text.replace("_", " "))
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def _span_flags(when: DateSpan) -> int:
    return (
        (FLAG_RANGE if when.is_range else 0)
        | (FLAG_OPEN_END if when.open_end else 0)
        | (FLAG_FUZZY_START if when.fuzzy_start else 0)
        | (FLAG_FUZZY_END if when.fuzzy_end else 0)
    )


def _is_long(when: DateSpan) -> bool:
    return when.open_end or when.latest - when.earliest > LONG_EVENT_SECONDS


class Store:
    """An open Chronolens store. Use `Store.open(path)` or `Store.memory()`."""

    def __init__(self, db: sqlite_utils.Database, path: str) -> None:
        self._db = db
        self.path = path

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False) -> Store:
        """Open the store at `path`; with create=True, make it (and its folder) if missing."""
        file = Path(path)
        if not file.exists():
            if not create:
                raise StoreError(f"No store at {file}. Import a file into it first, "
                                 "or leave out --db to use your own store.")
            file.parent.mkdir(parents=True, exist_ok=True)
        elif file.is_dir():
            raise StoreError(f"{file} is a folder, not a Chronolens store.")
        try:
            conn = sqlite3.connect(str(file))
            _check_header(conn, file)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{file} is not a Chronolens store ({error}).") from None
        store = cls(sqlite_utils.Database(conn), str(file))
        store._migrate()
        return store

    @classmethod
    def memory(cls) -> Store:
        store = cls(sqlite_utils.Database(memory=True), ":memory:")
        store._db.execute("PRAGMA foreign_keys=ON")
        store._migrate()
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        if migrations.pending(self._db):
            migrations.apply(self._db)

    # -- small helpers -------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self._db.conn.execute(sql, params).fetchall()

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # -- single records ------------------------------------------------------------------

    _EVENT_COLUMNS = "e.id, e.key, e.title, e.edtf, e.description, e.category_id"

    @staticmethod
    def _event(row: Sequence[Any]) -> Event:
        return Event(id=row[0], key=row[1], title=row[2], when=parse_edtf(row[3]),
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
                      published=parse_edtf(row[5]) if row[5] else None, text=row[6])

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

    def category(self, category_id: int) -> Category | None:
        rows = self._rows("SELECT id, key, name, color, parent_id FROM categories WHERE id = ?",
                          [category_id])
        return Category(*rows[0]) if rows else None

    def categories(self) -> list[Category]:
        rows = self._rows("SELECT id, key, name, color, parent_id FROM categories ORDER BY name")
        return [Category(*row) for row in rows]

    def headline_event(self) -> Event | None:
        """What a reader opening the story wants to see first: the event that carries the
        story's title, else the latest-starting one."""
        rows = self._rows(f"SELECT {self._EVENT_COLUMNS} FROM events e "
                          "ORDER BY e.title = ? DESC, e.earliest DESC, e.id DESC LIMIT 1",
                          [self.title()])
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
        """A party's events in date order, with the role it had in each."""
        rows = self._rows(
            f"SELECT {self._EVENT_COLUMNS}, group_concat(pa.role, ', ') FROM participations pa "
            "JOIN events e ON e.id = pa.event_id WHERE pa.party_id = ? "
            "GROUP BY e.id ORDER BY e.earliest, e.id LIMIT ?",
            [party_id, -1 if limit is None else limit],
        )
        return [EventRole(self._event(row), row[6]) for row in rows]

    def co_parties(self, party_id: int, *, limit: int = 50) -> list[CoParty]:
        """Parties that share events with this one, most shared first."""
        rows = self._rows(
            f"SELECT {self._PARTY_COLUMNS}, count(DISTINCT other.event_id) AS shared "
            "FROM participations mine JOIN participations other "
            "ON other.event_id = mine.event_id AND other.party_id != mine.party_id "
            "JOIN parties p ON p.id = other.party_id WHERE mine.party_id = ? "
            "GROUP BY p.id ORDER BY shared DESC, p.name LIMIT ?",
            [party_id, limit],
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
    ) -> list[EventMark]:
        """Events overlapping [start, end] (seconds), earliest first.

        Short events are found by a bounded index range on `earliest`; long ones through
        their own partial index. That keeps the cost proportional to the window, not the store.
        """
        if lane_mode is LaneMode.PARTY:
            lanes = ("(SELECT group_concat(party_id) FROM participations pa "
                     "WHERE pa.event_id = e.id)")
        else:
            lanes = "e.category_id"
        sql = (
            f"SELECT e.id, e.title, e.earliest, e.latest, e.flags, {lanes} FROM events e "
            "WHERE e.id IN ("
            "SELECT id FROM events WHERE earliest BETWEEN :low AND :end "
            "AND latest >= :start AND is_long = 0 "
            "UNION ALL "
            "SELECT id FROM events WHERE is_long = 1 AND earliest <= :end AND latest >= :start"
            ") ORDER BY e.earliest, e.id LIMIT :limit"
        )
        params = {"low": start - LONG_EVENT_SECONDS, "start": start, "end": end,
                  "limit": -1 if limit is None else limit}
        marks = []
        for id_, title, earliest, latest, flags, lane_ids in self._rows(sql, params):
            if lane_ids is None:
                lane_tuple: tuple[int, ...] = ()
            elif isinstance(lane_ids, int):
                lane_tuple = (lane_ids,)
            else:
                lane_tuple = tuple(sorted(int(x) for x in lane_ids.split(",")))
            marks.append(EventMark(
                id=id_, title=title, earliest=earliest, latest=latest,
                is_range=bool(flags & FLAG_RANGE), open_end=bool(flags & FLAG_OPEN_END),
                fuzzy_start=bool(flags & FLAG_FUZZY_START),
                fuzzy_end=bool(flags & FLAG_FUZZY_END), lanes=lane_tuple,
            ))
        return marks

    def lanes(self, mode: LaneMode) -> list[Lane]:
        """Every lane of a mode, busiest first."""
        if mode is LaneMode.PARTY:
            sql = ("SELECT p.id, p.name, count(DISTINCT pa.event_id) AS n FROM parties p "
                   "JOIN participations pa ON pa.party_id = p.id GROUP BY p.id "
                   "ORDER BY n DESC, p.name")
        else:
            sql = ("SELECT c.id, c.name, count(e.id) AS n FROM categories c "
                   "JOIN events e ON e.category_id = c.id GROUP BY c.id ORDER BY n DESC, c.name")
        return [Lane(*row) for row in self._rows(sql)]

    def eras_in(self, start: int, end: int) -> list[Era]:
        rows = self._rows(
            "SELECT id, key, name, edtf, color FROM eras WHERE earliest <= ? AND latest >= ? "
            "ORDER BY earliest, id",
            [end, start],
        )
        return [Era(id=r[0], key=r[1], name=r[2], when=parse_edtf(r[3]), color=r[4])
                for r in rows]

    def density(self, start: int, end: int, bins: int) -> list[int]:
        """How many events start in each of `bins` equal slices of [start, end)."""
        counts = [0] * max(bins, 0)
        if bins <= 0 or end <= start:
            return counts
        rows = self._rows(
            "SELECT ((earliest - :start) * :bins) / (:end - :start) AS bin, count(*) "
            "FROM events WHERE earliest >= :start AND earliest < :end GROUP BY bin",
            {"start": start, "end": end, "bins": bins},
        )
        for index, count in rows:
            counts[min(int(index), bins - 1)] += count
        return counts

    def extent(self) -> tuple[int, int] | None:
        """(earliest start, latest known bound) over all events; ongoing ends are ignored."""
        row = self._rows(
            "SELECT min(earliest), max(max(earliest, CASE WHEN latest >= :open THEN earliest "
            "ELSE latest END)) FROM events",
            {"open": OPEN_END},
        )[0]
        return None if row[0] is None else (row[0], row[1])

    # -- search --------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 20) -> SearchResults:
        """Parties (by name, alias or description) and events (by their text, or through a
        matching party), each best first. Any text is safe; nothing usable gives no results."""
        query = fts_query(text)
        if query is None or limit <= 0:
            return SearchResults(text, (), ())
        # A party whose name matches ranks above one found by an alias, and both above one
        # whose description merely mentions the words; a party keeps its best reason.
        party_rows = self._rows(
            f"SELECT {self._PARTY_COLUMNS}, NULL, 0 AS tier, bm25(parties_fts) AS score "
            "FROM parties_fts JOIN parties p ON p.id = parties_fts.rowid "
            "WHERE parties_fts MATCH :name_q "
            "UNION ALL "
            f"SELECT {self._PARTY_COLUMNS}, a.name, 1 AS tier, bm25(aliases_fts) AS score "
            "FROM aliases_fts JOIN aliases a ON a.id = aliases_fts.rowid "
            "JOIN parties p ON p.id = a.party_id WHERE aliases_fts MATCH :q "
            "UNION ALL "
            f"SELECT {self._PARTY_COLUMNS}, NULL, 2 AS tier, bm25(parties_fts) AS score "
            "FROM parties_fts JOIN parties p ON p.id = parties_fts.rowid "
            "WHERE parties_fts MATCH :q "
            "ORDER BY tier, score LIMIT :limit",
            {"q": query, "name_q": f"name : ({query})", "limit": limit * 4},
        )
        parties: dict[int, PartyHit] = {}
        for row in party_rows:
            if row[0] not in parties:
                parties[row[0]] = PartyHit(self._party(row), row[6])
        party_hits = tuple(parties.values())[:limit]

        event_rows = self._rows(
            f"SELECT {self._EVENT_COLUMNS} FROM events_fts JOIN events e "
            "ON e.id = events_fts.rowid WHERE events_fts MATCH ? "
            "ORDER BY bm25(events_fts, 5.0, 1.0) LIMIT ?",
            [query, limit],
        )
        events: dict[int, EventHit] = {row[0]: EventHit(self._event(row), None)
                                       for row in event_rows}
        for hit in party_hits:
            if len(events) >= limit:
                break
            for role in self.events_of(hit.party.id, limit=limit):
                if len(events) >= limit:
                    break
                events.setdefault(role.event.id, EventHit(role.event, hit.party.name))
        return SearchResults(text, party_hits, tuple(events.values()))

    # -- facts about the store -----------------------------------------------------------

    def info(self) -> StoreInfo:
        def count(table: str) -> int:
            return int(self._scalar(f"SELECT count(*) FROM {table}"))  # table: fixed names

        first = self._rows("SELECT edtf FROM events ORDER BY earliest, id LIMIT 1")
        last = self._rows("SELECT edtf FROM events ORDER BY earliest DESC, id DESC LIMIT 1")
        return StoreInfo(
            path=self.path,
            events=count("events"),
            parties=count("parties"),
            aliases=count("aliases"),
            sources=count("sources"),
            citations=count("citations"),
            categories=count("categories"),
            eras=count("eras"),
            earliest=parse_edtf(first[0][0]) if first else None,
            latest=parse_edtf(last[0][0]) if last else None,
        )

    # -- writing -------------------------------------------------------------------------

    def add_stories(self, stories: Sequence[Story]) -> None:
        """Write several stories in one transaction: all of them, or nothing."""
        try:
            with self._db.atomic():
                for story in stories:
                    self.add_story(story)
                if not self.title() and stories and stories[0].title:
                    self.set_title(stories[0].title)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: nothing was written ({error}).") from None

    def add_story(self, story: Story) -> None:
        """Write a story in one transaction: records with a known key are updated, new ones
        added. An event's parties and citations are replaced by the story's."""
        db = self._db
        with db.atomic():
            category_ids = self._upsert_keyed(
                "categories",
                ({"key": c.key, "name": c.name, "color": c.color} for c in story.categories),
            )
            for c in story.categories:
                if c.parent is not None:
                    db.execute("UPDATE categories SET parent_id = ? WHERE id = ?",
                               [category_ids[c.parent], category_ids[c.key]])
            party_ids = self._upsert_keyed(
                "parties",
                ({"key": p.key, "name": p.name, "kind": p.kind, "description": p.description}
                 for p in story.parties),
            )
            for p in story.parties:
                db.execute("DELETE FROM aliases WHERE party_id = ?", [party_ids[p.key]])
            db.table("aliases").insert_all(
                {"party_id": party_ids[p.key], "name": alias}
                for p in story.parties for alias in p.aliases
            )
            source_ids = self._upsert_keyed(
                "sources",
                ({"key": s.key, "title": s.title, "publisher": s.publisher, "url": s.url,
                  "published": s.published.edtf() if s.published else None, "text": s.text}
                 for s in story.sources),
            )
            self._upsert_keyed(
                "eras",
                ({"key": e.key, "name": e.name, "edtf": e.when.edtf(),
                  "earliest": e.when.earliest, "latest": e.when.latest, "color": e.color}
                 for e in story.eras),
            )
            event_ids = self._upsert_keyed(
                "events",
                ({"key": e.key, "title": e.title, "description": e.description,
                  "edtf": e.when.edtf(), "earliest": e.when.earliest, "latest": e.when.latest,
                  "flags": _span_flags(e.when), "is_long": int(_is_long(e.when)),
                  "category_id": category_ids[e.category] if e.category else None}
                 for e in story.events),
            )
            known_parties = self._key_map("parties", party_ids)
            known_sources = self._key_map("sources", source_ids)
            for e in story.events:
                db.execute("DELETE FROM participations WHERE event_id = ?", [event_ids[e.key]])
                db.execute("DELETE FROM citations WHERE event_id = ?", [event_ids[e.key]])
            db.table("participations").insert_all(
                ({"event_id": event_ids[e.key], "party_id": known_parties[r.party], "role": r.role}
                 for e in story.events for r in e.parties),
                ignore=True,
            )
            db.table("citations").insert_all(
                {"event_id": event_ids[e.key], "source_id": known_sources[c.source],
                 "quote": c.quote}
                for e in story.events for c in e.citations
            )

    def _upsert_keyed(self, table: str, records: Iterable[dict[str, Any]]) -> dict[str, int]:
        """Insert or update records by their stable key; returns key -> row id."""
        rows = list(records)
        if rows:
            self._db.table(table).upsert_all(rows, pk="key", alter=False)
        if not rows:
            return {}
        keys = [row["key"] for row in rows]
        ids: dict[str, int] = {}
        for chunk_start in range(0, len(keys), 500):
            chunk = keys[chunk_start:chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for key, id_ in self._rows(
                f"SELECT key, id FROM {table} WHERE key IN ({marks})", chunk  # table: fixed
            ):
                ids[key] = id_
        return ids

    def _key_map(self, table: str, known: dict[str, int]) -> _KeyLookup:
        return _KeyLookup(self, table, known)

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
        parties = tuple(
            PartyRecord(key=k, name=n, kind=kind, description=d,
                        aliases=tuple(aliases.get(id_, ())))
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
        events = tuple(
            EventRecord(key=k, title=t, when=parse_edtf(w), description=d,
                        category=category_keys.get(c), parties=tuple(roles.get(id_, ())),
                        citations=tuple(cites.get(id_, ())))
            for id_, k, t, w, d, c in self._rows(
                "SELECT id, key, title, edtf, description, category_id FROM events ORDER BY key")
        )
        return Story(title=title or self.title(), categories=categories, parties=parties,
                     sources=sources, eras=eras, events=events)

    def title(self) -> str:
        """The story's title, kept in the store's metadata."""
        if not self._db.table("meta").exists():
            return ""
        value = self._scalar("SELECT value FROM meta WHERE name = 'title'")
        return "" if value is None else str(value)

    def set_title(self, title: str) -> None:
        with self._db.atomic():
            self._db.table("meta").upsert({"name": "title", "value": title}, pk="name")


def ensure_store(path: Path, story_file: Path) -> Path:
    """Make sure a store exists at `path`, building it from the sample story on first run.

    It is built beside its final place and moved there only when complete, so an interrupted
    first run never leaves a half-written store behind.
    """
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, partial.with_name(partial.name + "-wal"),
                     partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    story = read_native(story_file)
    with Store.open(partial, create=True) as store:
        store.add_stories([story])
    partial.replace(path)
    return path


_KEYED_TABLES = frozenset({"categories", "parties", "events", "sources", "eras"})


class _KeyLookup:
    """Resolve keys to row ids: first those written in this story, then those already stored."""

    def __init__(self, store: Store, table: str, known: dict[str, int]) -> None:
        self._store = store
        self._table = table
        self._known = dict(known)

    def __getitem__(self, key: str) -> int:
        if key not in self._known:
            found = self._store.key_of(self._table, key)
            if found is None:
                raise StoreError(f"{self._table[:-1]} {key!r} is not in the story or the store")
            self._known[key] = found
        return self._known[key]


def _check_header(conn: sqlite3.Connection, file: Path) -> None:
    """Refuse files that are SQLite but not ours, or ours but from a newer Chronolens."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0):
        raise StoreError(f"{file} is an SQLite file but not a Chronolens store.")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{file} was written by a newer Chronolens (store version {version}; "
                         f"this one knows {SCHEMA_VERSION}). Update Chronolens to open it.")


__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "DateError", "Store", "StoreError", "fts_query"]
