"""The results table's rows: for a block of event ids (a page of `passing_page`), everything
the table shows of each event, in one query (the ids go in as one JSON parameter).

Stores older than version 8 have no tags or stars: there, no event has any.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from models.dates import parse_stored
from models.store.connection import Connected


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event as the results table shows it."""

    id: int
    date: str  # the event's date as people write it ("Aug 2023", "since 2019")
    title: str
    parties: str  # the parties' names, comma-joined, in the order of their roles
    category: str  # "" when the event has none
    sources: int  # how many citations it has
    tags: str  # the tags' names, comma-joined, by name
    starred: bool
    earliest: int  # (seconds) what the Date column sorts by


# A party with several roles in an event is named once, where its first role is.
_PARTIES = ("(SELECT group_concat(name, ', ') FROM (SELECT pa.name AS name "
            "FROM participations p JOIN parties pa ON pa.id = p.party_id "
            "WHERE p.event_id = e.id GROUP BY pa.id ORDER BY min(p.rowid)))")
_SOURCES = "(SELECT count(*) FROM citations c WHERE c.event_id = e.id)"
_TAGS = ("(SELECT group_concat(name, ', ') FROM (SELECT t.name AS name FROM event_tags et "
         "JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id "
         "ORDER BY t.name COLLATE NOCASE, t.id))")
_STARRED = "(e.id IN (SELECT event_id FROM stars))"


class TableRows(Connected):
    """The results table's read."""

    def _table_exists(self, table: str) -> bool:
        return bool(self._scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name = ?", [table]))

    def event_rows(self, ids: Sequence[int]) -> list[EventRow]:
        """The rows of these events, in the order given; ids of events not in the store (any
        more) are left out."""
        if not ids:
            return []
        tags = _TAGS if self._table_exists("event_tags") and self._table_exists("tags") else "''"
        starred = _STARRED if self._table_exists("stars") else "0"
        rows = self._rows(
            f"SELECT e.id, e.edtf, e.title, coalesce({_PARTIES}, ''), coalesce(k.name, ''), "
            f"{_SOURCES}, coalesce({tags}, ''), {starred}, e.earliest "
            "FROM events e LEFT JOIN categories k ON k.id = e.category_id "
            "WHERE e.id IN (SELECT value FROM json_each(?))", [json.dumps(list(ids))])
        by_id = {
            row[0]: EventRow(id=row[0], date=parse_stored(row[1]).display(), title=row[2],
                             parties=row[3], category=row[4], sources=int(row[5]),
                             tags=row[6], starred=bool(row[7]), earliest=int(row[8]))
            for row in rows}
        return [by_id[i] for i in ids if i in by_id]
