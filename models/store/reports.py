"""Reports over the whole store: its counts (`info`) and everything in it as a Story (export)."""

from __future__ import annotations

from models.dates import parse_edtf, parse_stored
from models.domain import StoreInfo
from models.store.connection import Connected
from models.store.schema import COUNT_LEVELS
from models.story import (
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)


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
        category_keys = dict(self._rows("SELECT id, key FROM categories"))
        categories = tuple(
            CategoryRecord(key=k, name=n, color=c, parent=category_keys.get(p))
            for k, n, c, p in self._rows(
                "SELECT key, name, color, parent_id FROM categories ORDER BY key")
        )
        aliases: dict[int, list[str]] = {}
        for party_id, name in self._rows("SELECT party_id, name FROM aliases ORDER BY name"):
            aliases.setdefault(party_id, []).append(name)
        party_attributes = self._owned("party_attributes", "party_id", "name, value")
        parties = tuple(
            PartyRecord(key=k, name=n, kind=kind, description=d,
                        aliases=tuple(aliases.get(id_, ())),
                        attributes=tuple((n, v) for n, v in party_attributes.get(id_, ())))
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
        links = self._owned("links", "event_id", "url, caption, credit")
        event_attributes = self._owned("event_attributes", "event_id", "name, value")
        events = tuple(
            EventRecord(key=k, title=t, when=parse_edtf(w), description=d,
                        category=category_keys.get(c), parties=tuple(roles.get(id_, ())),
                        citations=tuple(cites.get(id_, ())),
                        links=tuple(LinkRecord(*link) for link in links.get(id_, ())),
                        attributes=tuple((n, v) for n, v in event_attributes.get(id_, ())))
            for id_, k, t, w, d, c in self._rows(
                "SELECT id, key, title, edtf, description, category_id FROM events ORDER BY key")
        )
        return Story(title=title or self.title(), categories=categories, parties=parties,
                     sources=sources, eras=eras, events=events)

    def _owned(self, table: str, owner: str, columns: str) -> dict[int, list[tuple[str, ...]]]:
        """Rows owned by records (links, attributes) by owner id, in their order."""
        found: dict[int, list[tuple[str, ...]]] = {}
        for owner_id, *values in self._rows(  # table, owner, columns: fixed names
                f"SELECT {owner}, {columns} FROM {table} ORDER BY {owner}, position"):
            found.setdefault(owner_id, []).append(tuple(values))
        return found
