"""Record reads: events, parties, sources and what relates them, as frozen dataclasses, and the
row mappers every read of those records shares (search.py uses them too)."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from models.dates import parse_stored
from models.domain import (
    Category,
    CitedSource,
    CoParty,
    Event,
    EventDetails,
    EventRole,
    Link,
    Party,
    PartyDetails,
    PartyRole,
    Source,
    SourceDetails,
)
from models.store.connection import Connected
from models.store.schema import TAG_TABLES
from models.store.writer import _KEYED_TABLES

EVENT_COLUMNS = "e.id, e.key, e.title, e.edtf, e.description, e.category_id"

def event_from_row(row: Sequence[Any]) -> Event:
    return Event(id=row[0], key=row[1], title=row[2], when=parse_stored(row[3]),
                 description=row[4], category_id=row[5])

PARTY_COLUMNS = (
    "p.id, p.key, p.name, p.kind, p.description, "
    "(SELECT json_group_array(name) FROM "
    "(SELECT name FROM aliases a WHERE a.party_id = p.id ORDER BY name))"
)

def party_from_row(row: Sequence[Any]) -> Party:
    return Party(id=row[0], key=row[1], name=row[2], kind=row[3], description=row[4],
                 aliases=tuple(json.loads(row[5])))

SOURCE_COLUMNS = "s.id, s.key, s.title, s.publisher, s.url, s.published, s.text"

def source_from_row(row: Sequence[Any]) -> Source:
    return Source(id=row[0], key=row[1], title=row[2], publisher=row[3], url=row[4],
                  published=parse_stored(row[5]) if row[5] else None, text=row[6])


class RecordReads(Connected):
    """Reads of single records and their relations."""

    # -- single records ------------------------------------------------------------------

    def event(self, event_id: int) -> Event | None:
        rows = self._rows(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?",
                          [event_id])
        return event_from_row(rows[0]) if rows else None

    def party(self, party_id: int) -> Party | None:
        rows = self._rows(f"SELECT {PARTY_COLUMNS} FROM parties p WHERE p.id = ?",
                          [party_id])
        return party_from_row(rows[0]) if rows else None

    def source(self, source_id: int) -> Source | None:
        rows = self._rows(f"SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.id = ?",
                          [source_id])
        return source_from_row(rows[0]) if rows else None

    def sources(self) -> list[Source]:
        """Every source, by title: what a new citation chooses from."""
        return [source_from_row(row) for row in self._rows(
            f"SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.title, s.id")]

    def parties(self) -> list[Party]:
        """Every party with its aliases, by name: what a new article's names are matched to.
        The aliases come in one query of their own (a JSON array for each of 100,000 parties,
        made and read again, took half the time)."""
        with self._snapshot():
            aliases: dict[int, list[str]] = {}
            for party_id, alias in self._rows(
                    "SELECT party_id, name FROM aliases ORDER BY party_id, name"):
                aliases.setdefault(party_id, []).append(alias)
            rows = self._rows("SELECT p.id, p.key, p.name, p.kind, p.description FROM parties p "
                              "ORDER BY p.name, p.id")
        collecting = gc.isenabled()
        gc.disable()  # (100,000 new objects set off collections that find nothing to free)
        try:
            return [Party(id=row[0], key=row[1], name=row[2], kind=row[3], description=row[4],
                          aliases=tuple(aliases.get(row[0], ()))) for row in rows]
        finally:
            if collecting:
                gc.enable()

    def category(self, category_id: int) -> Category | None:
        rows = self._rows("SELECT id, key, name, color, parent_id FROM categories WHERE id = ?",
                          [category_id])
        return Category(*rows[0]) if rows else None

    def categories(self) -> list[Category]:
        rows = self._rows("SELECT id, key, name, color, parent_id FROM categories ORDER BY name")
        return [Category(*row) for row in rows]

    def headline_event(self) -> Event | None:
        """What a reader opening the story wants to see first: the event that carries the
        story's title, else the latest-starting one. Both through indexes (no table scan)."""
        from models.store.search import whole_word_query  # (search imports this module)

        phrase = whole_word_query(self.title())
        rows = []
        if phrase is not None:
            rows = self._rows(
                f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN "
                "(SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT 200) "
                "AND e.title = ? ORDER BY e.earliest DESC, e.id DESC LIMIT 1",
                [phrase, self.title()])
        if not rows:
            rows = self._rows(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.earliest = "
                              "(SELECT max(earliest) FROM events) ORDER BY e.id DESC LIMIT 1")
        return event_from_row(rows[0]) if rows else None

    # -- read models: everything one view shows, in one call ------------------------------

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """The reads inside see one state of the store (a read transaction), unless a
        transaction is already open on this connection."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def event_details(self, event_id: int) -> EventDetails | None:
        """An event with its category, parties and roles, citations (sources and quotes), links
        and attributes; None when there is no such event."""
        with self._snapshot():
            event = self.event(event_id)
            if event is None:
                return None
            category = self.category(event.category_id) if event.category_id else None
            return EventDetails(
                event=event, category=category,
                participants=tuple(self.participants(event_id)),
                citations=tuple(self.citations_of(event_id)),
                links=tuple(self.links_of(event_id)),
                attributes=tuple(self.event_attributes(event_id)),
                **self._marks_of("events", event_id))

    def party_details(self, party_id: int, *, events: int = 200,
                      co_parties: int = 50) -> PartyDetails | None:
        """A party with its aliases and attributes, the ids of all its events (date order) and
        the first `events` of them with its role, and the parties it appears with; None when
        there is no such party."""
        with self._snapshot():
            party = self.party(party_id)
            if party is None:
                return None
            ids = self.event_ids_of(party_id)
            return PartyDetails(
                party=party, attributes=tuple(self.party_attributes(party_id)),
                event_ids=tuple(ids),
                events=tuple(self.event_roles(party_id, ids[:max(events, 0)])),
                co_parties=tuple(self.co_parties(party_id, limit=co_parties)),
                **self._marks_of("parties", party_id))

    def source_details(self, source_id: int) -> SourceDetails | None:
        """A source and every quote cited from it; None when there is no such source."""
        with self._snapshot():
            source = self.source(source_id)
            if source is None:
                return None
            return SourceDetails(source, tuple(self.quotes_in(source_id)),
                                 **self._marks_of("sources", source_id))

    def _has_marks(self) -> bool:
        """Whether the store has tags, stars and notes (store version 8 on; an older one is
        read as it is until its upgrade)."""
        return bool(self._scalar("SELECT count(*) FROM sqlite_master WHERE name = 'tags' "
                                 "AND type = 'table'"))

    def _marks_of(self, record: str, record_id: int) -> dict[str, Any]:
        """A record's tags (by name, case aside) and note, and for an event its star."""
        if not self._has_marks():
            return {}
        table, column = TAG_TABLES[record]  # fixed names
        tags = tuple(str(name) for (name,) in self._rows(
            f"SELECT t.name FROM {table} x JOIN tags t ON t.id = x.tag_id "
            f"WHERE x.{column} = ? ORDER BY t.name COLLATE NOCASE", [record_id]))
        note = self._scalar("SELECT text FROM notes WHERE record = ? AND record_id = ?",
                            [record, record_id])
        marks: dict[str, Any] = {"tags": tags, "note": "" if note is None else str(note)}
        if record == "events":
            marks["starred"] = bool(self._scalar(
                "SELECT count(*) FROM stars WHERE event_id = ?", [record_id]))
        return marks

    # -- relations -----------------------------------------------------------------------

    def participants(self, event_id: int) -> list[PartyRole]:
        rows = self._rows(
            f"SELECT {PARTY_COLUMNS}, pa.role FROM participations pa "
            "JOIN parties p ON p.id = pa.party_id WHERE pa.event_id = ? ORDER BY p.name, pa.role",
            [event_id],
        )
        return [PartyRole(party_from_row(row), row[6]) for row in rows]

    def events_of(self, party_id: int, *, limit: int | None = None) -> list[EventRole]:
        """A party's events in date order, with the role it had in each (the first `limit`)."""
        return self.event_roles(party_id, self.event_ids_of(party_id, limit=limit))

    def event_ids_of(self, party_id: int, *, limit: int | None = None) -> list[int]:
        """Ids of a party's events in date order (earliest, then id), from one index range:
        cheap even for a party in hundreds of thousands of events. Fetch rows in blocks with
        `event_roles`."""
        ids: list[int] = []
        last = None
        cursor = self._conn.execute(
            "SELECT event_id FROM participations WHERE party_id = ? ORDER BY earliest, event_id",
            [party_id])
        wanted = -1 if limit is None else max(limit, 0)
        while len(ids) != wanted:
            block = cursor.fetchmany(4096)
            if not block:
                break
            for (event_id,) in block:
                if event_id != last:  # one row per role: the same event comes in a run
                    ids.append(event_id)
                    last = event_id
                    if len(ids) == wanted:
                        break
        cursor.close()
        return ids

    def count_events_of(self, party_id: int) -> int:
        """How many events a party appears in (from the precomputed lane counts)."""
        value = self._scalar("SELECT events FROM party_counts WHERE party_id = ?", [party_id])
        return 0 if value is None else int(value)

    def event_roles(self, party_id: int, event_ids: Sequence[int]) -> list[EventRole]:
        """The given events of a party (in the order given) with its role in each; ids of
        events the party is not in are left out."""
        if not event_ids:
            return []
        rows = self._rows(
            f"SELECT {EVENT_COLUMNS}, group_concat(pa.role, ', ') FROM participations pa "
            "JOIN events e ON e.id = pa.event_id WHERE pa.party_id = ? "
            "AND pa.event_id IN (SELECT value FROM json_each(?)) GROUP BY e.id",
            [party_id, json.dumps(list(event_ids))],
        )
        by_id = {row[0]: EventRole(event_from_row(row), row[6]) for row in rows}
        return [by_id[id_] for id_ in event_ids if id_ in by_id]

    def links_of(self, event_id: int) -> list[Link]:
        return [Link(*row) for row in self._rows(
            "SELECT url, caption, credit FROM links WHERE event_id = ? ORDER BY position",
            [event_id])]

    def event_attributes(self, event_id: int) -> list[tuple[str, str]]:
        """An event's attributes from another tool's file (CAMEO code, place, …), in order."""
        return [(name, value) for name, value in self._rows(
            "SELECT name, value FROM event_attributes WHERE event_id = ? ORDER BY position",
            [event_id])]

    def party_attributes(self, party_id: int) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self._rows(
            "SELECT name, value FROM party_attributes WHERE party_id = ? ORDER BY position",
            [party_id])]

    def co_parties(self, party_id: int, *, limit: int = 50,
                   scan: int = 20_000) -> list[CoParty]:
        """Parties that share events with this one, most shared first.

        Bounded for very busy parties: only `scan` of the party's events are looked at, so
        for a party in more events `shared` counts within those.
        """
        rows = self._rows(
            f"SELECT {PARTY_COLUMNS}, count(DISTINCT other.event_id) AS shared "
            "FROM (SELECT DISTINCT event_id FROM participations WHERE party_id = :party "
            "LIMIT :scan) mine JOIN participations other "
            "ON other.event_id = mine.event_id AND other.party_id != :party "
            "JOIN parties p ON p.id = other.party_id "
            "GROUP BY p.id ORDER BY shared DESC, p.name LIMIT :limit",
            {"party": party_id, "scan": scan, "limit": limit},
        )
        return [CoParty(party_from_row(row), row[6]) for row in rows]

    def citations_of(self, event_id: int) -> list[CitedSource]:
        rows = self._rows(
            f"SELECT {SOURCE_COLUMNS}, c.quote FROM citations c "
            "JOIN sources s ON s.id = c.source_id WHERE c.event_id = ? ORDER BY c.id",
            [event_id],
        )
        return [CitedSource(source_from_row(row), row[7]) for row in rows]

    def quotes_of(self, event_ids: Sequence[int]) -> dict[int, list[str]]:
        """The quotes each of these events cites (events citing none are left out)."""
        if not event_ids:
            return {}
        found: dict[int, list[str]] = {}
        for event_id, quote in self._rows(
                "SELECT event_id, quote FROM citations WHERE event_id IN "
                "(SELECT value FROM json_each(?)) ORDER BY id", [json.dumps(list(event_ids))]):
            found.setdefault(event_id, []).append(quote)
        return found

    def quotes_in(self, source_id: int) -> list[tuple[int, str]]:
        """(event id, quote) for every citation of a source, in the order they were cited."""
        rows = self._rows(
            "SELECT event_id, quote FROM citations WHERE source_id = ? ORDER BY id", [source_id]
        )
        return [(row[0], row[1]) for row in rows]

    def keys_of(self, table: str, ids: Sequence[int]) -> dict[int, str]:
        """The stable keys of records of `table` by row id; unknown ids are left out."""
        if table not in _KEYED_TABLES:
            raise ValueError(f"unknown table {table!r}")
        if not ids:
            return {}
        return dict(self._rows(
            f"SELECT id, key FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))]))

    def key_of(self, table: str, key: str) -> int | None:
        """The row id of a record of `table` ('parties', 'sources', …) by its stable key."""
        if table not in _KEYED_TABLES:
            raise ValueError(f"unknown table {table!r}")
        value = self._scalar(f"SELECT id FROM {table} WHERE key = ?", [key])
        return None if value is None else int(value)
