"""Reports over the whole store: its counts (`info`) and everything in it as a Story, or as a
StoryStream read as it is written (export)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from models.dates import DateSpan, parse_edtf, parse_stored
from models.domain import StoreInfo
from models.errors import StoreError, StoreInterrupted
from models.store.connection import Connected, unreadable
from models.store.schema import COUNT_LEVELS, TAG_TABLES
from models.story import (
    Attributes,
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
    StoryStream,
)

T = TypeVar("T")


class Reports(Connected):
    """The store as a whole."""

    def info(self) -> StoreInfo:
        def count(table: str) -> int:
            return int(self._scalar(f"SELECT count(*) FROM {table}"))  # table: fixed names

        # min()/max() come from the window index; ordering by (earliest, id) would sort them all.
        first = self._rows("SELECT edtf FROM events WHERE earliest = "
                           "(SELECT min(earliest) FROM events) ORDER BY id LIMIT 1")
        last = self._rows("SELECT edtf FROM events WHERE earliest = "
                          "(SELECT max(earliest) FROM events) ORDER BY id DESC LIMIT 1")
        # The top level of the count pyramid holds every event: no scan of the events table.
        events = self._scalar("SELECT coalesce(sum(n), 0) FROM event_counts WHERE level = ?",
                              [COUNT_LEVELS - 1])
        return StoreInfo(
            path=self.path,
            events=int(events),
            parties=count("parties"),
            aliases=count("aliases"),
            sources=count("sources"),
            citations=count("citations"),
            categories=count("categories"),
            eras=count("eras"),
            earliest=parse_stored(first[0][0]) if first else None,
            latest=parse_stored(last[0][0]) if last else None,
        )

    def story(self, title: str = "") -> Story:
        """Everything in the store as a Story, each list in a fixed order (by key)."""
        return Story(title=title or self.title(), categories=self._categories(),
                     parties=tuple(self._parties()), sources=self._sources(),
                     eras=self._eras(), events=tuple(self._events("key")))

    def story_stream(self, title: str = "", *, where: Narrowing | None = None) -> StoryStream:
        """Everything in the store in the exports' order (events by start, then key), parties
        and events read a few thousand at a time as they are iterated: exporting a million
        events holds a few thousand of them at a time. With `where` (SQL true for the events
        `e` to keep, and its parameters: models.store.filtering), only those events, and the
        parties and sources they name."""
        return StoryStream(title=title or self.title(), categories=self._categories(),
                           parties=_Again(lambda: self._parties(where)),
                           sources=self._sources(where), eras=self._eras(),
                           events=_Again(lambda: self._events("earliest, key", where)),
                           attribute_names=_Again(lambda: self._attribute_names(where)))

    def _categories(self) -> tuple[CategoryRecord, ...]:
        category_keys = dict(self._rows("SELECT id, key FROM categories"))
        return tuple(
            CategoryRecord(key=k, name=n, color=c, parent=category_keys.get(p))
            for k, n, c, p in self._rows(
                "SELECT key, name, color, parent_id FROM categories ORDER BY key")
        )

    def _sources(self, where: Narrowing | None = None) -> tuple[SourceRecord, ...]:
        cited, params = _cited(where, "source_id", "citations")
        rows = self._rows(
            "SELECT id, key, title, publisher, url, published, text FROM sources "
            f"WHERE {cited} ORDER BY key", params)
        tags, notes, _ = self._marks_by_id("sources", [json.dumps([row[0] for row in rows])])
        return tuple(
            SourceRecord(key=k, title=t, publisher=p, url=u,
                         published=parse_edtf(pub) if pub else None, text=text,
                         tags=tags.get(id_, ()), note=notes.get(id_, ""))
            for id_, k, t, p, u, pub, text in rows)

    def _marks_by_id(self, record: str, ids: list[str]
               ) -> tuple[dict[int, tuple[str, ...]], dict[int, str], set[int]]:
        """The tags (by name, case aside), notes and (events) stars of the records `ids` (a
        JSON list); nothing for a store from before them."""
        if not self._scalar("SELECT count(*) FROM sqlite_master WHERE name = 'tags'"):
            return {}, {}, set()
        table, column = TAG_TABLES[record]  # fixed names
        tags: dict[int, list[str]] = {}
        for owner, name in self._rows(
                f"SELECT x.{column}, t.name FROM {_IDS} JOIN {table} x ON x.{column} = j.value "
                f"JOIN tags t ON t.id = x.tag_id ORDER BY x.{column}, t.name COLLATE NOCASE",
                ids):
            tags.setdefault(owner, []).append(name)
        notes = dict(self._rows(f"SELECT n.record_id, n.text FROM {_IDS} JOIN notes n "
                                "ON n.record = ? AND n.record_id = j.value", [*ids, record]))
        stars = {row[0] for row in self._rows(
            f"SELECT s.event_id FROM {_IDS} JOIN stars s ON s.event_id = j.value", ids)
        } if record == "events" else set()
        return {k: tuple(v) for k, v in tags.items()}, notes, stars

    def _eras(self) -> tuple[EraRecord, ...]:
        return tuple(
            EraRecord(key=k, name=n, when=parse_edtf(w), color=c)
            for k, n, w, c in self._rows("SELECT key, name, edtf, color FROM eras ORDER BY key")
        )

    def _parties(self, where: Narrowing | None = None) -> Iterator[PartyRecord]:
        """Parties by key, with their aliases (by name) and attributes (in their order)."""
        named, params = _cited(where, "party_id", "participations")
        for chunk in self._chunks(
                f"SELECT id, key, name, kind, description FROM parties WHERE {named} "
                "ORDER BY key", params):
            ids = [json.dumps([row[0] for row in chunk])]
            aliases: dict[int, list[str]] = {}
            for party_id, name in self._rows(
                    f"SELECT a.party_id, a.name FROM {_IDS} JOIN aliases a "
                    "ON a.party_id = j.value ORDER BY a.name", ids):
                aliases.setdefault(party_id, []).append(name)
            attributes = self._owned("party_attributes", "party_id", "name, value", ids)
            tags, notes, _ = self._marks_by_id("parties", ids)
            for id_, k, n, kind, d in chunk:
                yield PartyRecord(key=k, name=n, kind=kind, description=d,
                                  aliases=tuple(aliases.get(id_, ())),
                                  attributes=_pairs(attributes.get(id_, ())),
                                  tags=tags.get(id_, ()), note=notes.get(id_, ""))

    def _events(self, order: str, where: Narrowing | None = None) -> Iterator[EventRecord]:
        """Events in `order` ("key", or "earliest, key"), each with its parties (by party key,
        then role), citations (in the order written), links and attributes (in their order)."""
        category_keys = dict(self._rows("SELECT id, key FROM categories"))
        party_keys = dict(self._rows("SELECT id, key FROM parties"))
        source_keys = dict(self._rows("SELECT id, key FROM sources"))
        # Dates and roles repeat: each made once (a few hundred thousand at most at a time).
        dates: dict[str, DateSpan] = {}
        made_roles: dict[tuple[int, str], RoleRecord] = {}
        kept, params = where or ("1", {})
        for chunk in self._chunks("SELECT id, key, title, edtf, description, category_id "
                                  f"FROM events e WHERE {kept} ORDER BY {_ORDERS[order]}",
                                  params):
            ids = [json.dumps(sorted(row[0] for row in chunk))]  # in order: faster lookups
            if len(made_roles) > 200_000:
                made_roles.clear()
            roles: dict[int, list[RoleRecord]] = {}
            for event_id, party_id, role in self._rows(
                    f"SELECT pa.event_id, pa.party_id, pa.role FROM {_IDS} "
                    "JOIN participations pa ON pa.event_id = j.value", ids):
                made = made_roles.get((party_id, role))
                if made is None:
                    made = made_roles[party_id, role] = RoleRecord(party_keys[party_id], role)
                found = roles.get(event_id)
                if found is None:
                    roles[event_id] = [made]
                else:
                    found.append(made)
            cites: dict[int, list[CitationRecord]] = {}
            for event_id, source_id, quote in self._rows(
                    f"SELECT c.event_id, c.source_id, c.quote FROM {_IDS} JOIN citations c "
                    "ON c.event_id = j.value ORDER BY c.id", ids):
                cites.setdefault(event_id, []).append(
                    CitationRecord(source_keys[source_id], quote))
            links = self._owned("links", "event_id", "url, caption, credit", ids)
            attributes = self._owned("event_attributes", "event_id", "name, value", ids)
            tags, notes, stars = self._marks_by_id("events", ids)
            if len(dates) > 200_000:
                dates.clear()
            for id_, k, t, w, d, c in chunk:
                when = dates.get(w)
                if when is None:
                    when = dates[w] = parse_edtf(w)
                event_roles = roles.get(id_)
                if event_roles is None:
                    parties: tuple[RoleRecord, ...] = ()
                elif len(event_roles) == 1:
                    parties = (event_roles[0],)
                else:
                    parties = tuple(sorted(event_roles, key=_role_order))
                yield EventRecord(
                    key=k, title=t, when=when, description=d, category=category_keys.get(c),
                    parties=parties, citations=tuple(cites.get(id_, ())),
                    links=tuple(LinkRecord(*link) for link in links.get(id_, ())),
                    attributes=_pairs(attributes.get(id_, ())), tags=tags.get(id_, ()),
                    starred=id_ in stars, note=notes.get(id_, ""))

    def _attribute_names(self, where: Narrowing | None = None) -> Iterator[tuple[str, ...]]:
        """The names of each event's attributes, for events that have any, in export order."""
        names: list[str] = []
        current = None
        kept, params = where or ("1", {})
        for chunk in self._chunks(
                "SELECT a.event_id, a.name FROM event_attributes a JOIN events e "
                f"ON e.id = a.event_id WHERE {kept} ORDER BY e.earliest, e.key, a.position",
                params):
            for event_id, name in chunk:
                if event_id != current and names:
                    yield tuple(names)
                    names = []
                current = event_id
                names.append(name)
        if names:
            yield tuple(names)

    def _owned(self, table: str, owner: str, columns: str,
               ids: list[str]) -> dict[int, tuple[tuple[str, ...], ...]]:
        """Rows owned by the records `ids` (a JSON list): links, attributes, by owner id, in
        their order."""
        found: dict[int, list[tuple[str, ...]]] = {}
        for owner_id, *values in self._rows(  # table, owner, columns: fixed names
                f"SELECT t.{owner}, {', '.join(f't.{c.strip()}' for c in columns.split(','))} "
                f"FROM {_IDS} JOIN {table} t ON t.{owner} = j.value "
                f"ORDER BY t.{owner}, t.position", ids):
            found.setdefault(owner_id, []).append(tuple(values))
        return {owner_id: tuple(rows) for owner_id, rows in found.items()}

    def _chunks(self, sql: str, params: dict[str, Any] | None = None,
                size: int = 2_000) -> Iterator[list[Any]]:
        """The rows of `sql`, a chunk at a time from one cursor (read as they are used);
        errors as `_rows` says them."""
        try:
            cursor = self._conn.execute(sql, params or {})
            while rows := cursor.fetchmany(size):
                yield rows
        except sqlite3.DatabaseError as error:
            if "interrupted" in str(error):
                raise StoreInterrupted(str(error)) from None
            raise StoreError(unreadable(self.path, error)) from None
        except UnicodeDecodeError as error:
            raise StoreError(unreadable(self.path, error)) from None


_IDS = "json_each(?) AS j"
# SQL true for the events `e` an export keeps, and its named parameters (models.store.filtering).
Narrowing = tuple[str, dict[str, Any]]


def _cited(where: Narrowing | None, column: str, table: str) -> Narrowing:
    """SQL true for the records (`id`) the kept events name in `table`, and its parameters."""
    if where is None:
        return "1", {}
    kept, params = where
    return (f"id IN (SELECT x.{column} FROM {table} x JOIN events e ON e.id = x.event_id "
            f"WHERE {kept})", params)  # column, table: fixed names


def _pairs(rows: tuple[tuple[str, ...], ...]) -> Attributes:
    return tuple((name, value) for name, value in rows)


def _role_order(role: RoleRecord) -> tuple[str, str]:
    return role.party, role.role  # as ORDER BY key, role: Python and SQLite compare alike
_ORDERS = {"key": "key", "earliest, key": "earliest, key"}


class _Again(Iterable[T]):
    """An iterable that reads its items again each time it is iterated."""

    def __init__(self, items: Callable[[], Iterator[T]]) -> None:
        self._items = items

    def __iter__(self) -> Iterator[T]:
        return self._items()
