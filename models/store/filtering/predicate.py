"""A Filter (models.filters) as SQL: one predicate over `events e`, and which rows a query
walks to find the events that pass (the smallest set an index gives). Its values go in as
JSON parameters, never into the SQL text. Stores older than version 8 have no tags or stars:
there, no event has any.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from models.filters import ROLE_FACETS, Facet, Filter, Value
from models.store.reads import RecordReads
from models.store.schema import FLAG_OPEN_END, LENGTH_CLASS_SECONDS

# Attributes with at most this many distinct values are offered as facets.
ATTRIBUTE_FACET_MAX_VALUES = 150

# Facet counts over more events than this are estimated from a sample (counts.SAMPLE).
SAMPLE_ABOVE = 20_000
# A window's events are read row by row from a facet's index when it holds no more than this.
_ROW_BY_ROW = 20_000

# The precision of an event's start, from its stored EDTF (years past 9999 are "Y…").
PRECISION_SQL = ("CASE WHEN substr(ltrim(e.edtf, '-'), 1, 1) = 'Y' THEN 'year' "
                 "WHEN substr(ltrim(e.edtf, '-'), 11, 1) = 'T' THEN 'minute' "
                 "WHEN substr(ltrim(e.edtf, '-'), 8, 1) = '-' THEN 'day' "
                 "WHEN substr(ltrim(e.edtf, '-'), 5, 1) = '-' THEN 'month' ELSE 'year' END")
_QUALIFIER_SQL = {
    "approximate": "instr(e.edtf, '~') > 0",
    "uncertain": "instr(e.edtf, '?') > 0",
    "ongoing": f"(e.flags & {FLAG_OPEN_END}) != 0",
}
_QUALIFIER_SQL["exact"] = "NOT (" + " OR ".join(_QUALIFIER_SQL.values()) + ")"

# Facets whose values are rows of a table keyed (event_id, value): checked row by row there.
_PER_ROW = {Facet.SOURCE: ("citations", "source_id"), Facet.TAG: ("event_tags", "tag_id")}



@dataclass(frozen=True, slots=True)
class Collection:
    id: int  # the import's change id
    name: str  # the file's name
    path: str
    at: str


class _Sql:
    """A predicate being built: SQL text with named parameters f0, f1, …"""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def param(self, value: Any) -> str:
        name = f"f{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def json(self, values: Iterable[Any]) -> str:
        return f"(SELECT value FROM json_each({self.param(json.dumps(list(values)))}))"


def _collection_name(detail: str) -> str:
    """An import's name: its file's, or its files' when one import read several."""
    names = [PurePath(path).name or path for path in detail.splitlines() if path.strip()]
    if len(names) <= 2:
        return " + ".join(names) or detail
    return f"{names[0]} + {len(names) - 1} more files"


class FilterSql(RecordReads):
    """The predicate of a Filter, and the rows a query through it walks."""

    # -- what the store has --------------------------------------------------------------
    def _has(self, table: str) -> bool:
        return bool(self._scalar("SELECT count(*) FROM sqlite_master WHERE name = ?", [table]))

    def collections(self) -> list[Collection]:
        """The imports whose events are in the store, oldest first (undone ones left out)."""
        if not self._has("changes"):
            return []
        rows = self._rows(
            "SELECT c.id, c.detail, c.at FROM changes c WHERE c.action IN ('import', 'article') "
            "AND coalesce((SELECT u.action FROM changes u WHERE u.undoes = c.id "
            "ORDER BY u.id DESC LIMIT 1), 'redo') = 'redo' ORDER BY c.id")
        return [Collection(id_, _collection_name(path), path, at) for id_, path, at in rows]

    def _collection_ranges(self) -> dict[int, list[tuple[int, int]]]:
        """Each collection's event ids, as ranges (an import adds ids after the store's last)."""
        ids = [c.id for c in self.collections()]
        out: dict[int, list[tuple[int, int]]] = {i: [] for i in ids}
        if ids:
            for change, first, last in self._rows(
                    "SELECT change_id, record_id, coalesce(last_id, record_id) FROM history "
                    "WHERE record = 'events' AND op = 'add' AND change_id IN "
                    "(SELECT value FROM json_each(?)) ORDER BY record_id", [json.dumps(ids)]):
                out[change].append((first, last))
        return out

    def attribute_facets(self) -> list[str]:
        """Names of event attributes with few distinct values (each is a facet)."""
        return [name for (name,) in self._rows(
            "SELECT name FROM (SELECT DISTINCT name FROM event_attributes) n WHERE "
            f"(SELECT count(*) FROM (SELECT DISTINCT value FROM event_attributes a "
            f"WHERE a.name = n.name LIMIT {ATTRIBUTE_FACET_MAX_VALUES + 1})) "
            f"<= {ATTRIBUTE_FACET_MAX_VALUES} ORDER BY name")]

    # -- the predicate -------------------------------------------------------------------------
    def _predicate(self, flt: Filter, sql: _Sql, *, skip: Iterable[Facet] = (),
                   per_row: bool = False) -> str:
        """SQL true for the events `e` that pass `flt`, leaving out the choices (not the
        exclusions) of the facets in `skip`. With `per_row`, every part is a check of one row
        (correlated EXISTS through the primary keys, `+column` so no index of `events` is
        used): for a query driven by `_driver`'s ids, which must not plan around them."""
        skipped = set(skip)
        parts: list[str] = []
        plus = "+" if per_row else ""
        if flt.span is not None:
            parts.append(f"{plus}e.earliest <= {sql.param(flt.span[1])} "
                         f"AND {plus}e.latest >= {sql.param(flt.span[0])}")
        if flt.text:
            parts.append(self._text_match(flt.text, sql))
        roles = {f: flt.chosen_in(f) for f in ROLE_FACETS
                 if f not in skipped and flt.chosen_in(f)}
        if roles:
            parts.append(self._role_check(roles, sql) if per_row
                         else f"e.id IN ({self._role_events(roles, sql)})")
        for facet, values in flt.chosen:
            if facet not in ROLE_FACETS and facet not in skipped:
                parts.append(self._has_value(facet, values, sql, per_row=per_row))
        for facet, values in flt.excluded:
            # (coalesce: a NULL category is not in the list, which NOT must not turn to NULL)
            parts.append(f"NOT coalesce({self._has_value(facet, values, sql, per_row=per_row)}"
                         ", 0)")
        return " AND ".join(f"({p})" for p in parts) or "1"

    def _role_check(self, roles: dict[Facet, frozenset[Value]], sql: _Sql) -> str:
        """SQL true for the event `e` when one of its roles has a value of each facet in
        `roles` (through the participations' primary key, event first)."""
        return ("EXISTS (SELECT 1 FROM participations p WHERE p.event_id = e.id AND "
                + " AND ".join(self._role_conditions(roles, sql, "p", by_event=True)) + ")")

    def _role_events(self, roles: dict[Facet, frozenset[Value]], sql: _Sql) -> str:
        """SQL selecting the events with one role that has a value of each facet in `roles`."""
        return ("SELECT p.event_id FROM participations p WHERE "
                + " AND ".join(self._role_conditions(roles, sql, "p")))

    @staticmethod
    def _role_conditions(roles: dict[Facet, frozenset[Value]], sql: _Sql, alias: str, *,
                         by_event: bool = False) -> list[str]:
        """SQL conditions on a role `alias` (of participations): a value of each facet. With
        `by_event`, the roles are found by their event: no index is used for these (a party
        index probed for each of thousands of parties of a kind, every row, is slow)."""
        plus = "+" if by_event else ""
        where = []
        if Facet.PARTY in roles and len(roles[Facet.PARTY]) == 1:
            # (one party: its roles in date order straight from the index, no sort)
            [party] = roles[Facet.PARTY]
            where.append(f"{plus}{alias}.party_id = {sql.param(party)}")
        elif Facet.PARTY in roles:
            where.append(f"{plus}{alias}.party_id IN {sql.json(roles[Facet.PARTY])}")
        if Facet.ROLE in roles:
            where.append(f"{plus}{alias}.role IN {sql.json(roles[Facet.ROLE])}")
        if Facet.KIND in roles:
            where.append(f"{plus}{alias}.party_id IN (SELECT id FROM parties WHERE kind IN "
                         f"{sql.json(roles[Facet.KIND])})")
        return where

    def _has_value(self, facet: Facet, values: frozenset[Value], sql: _Sql, *,
                   per_row: bool = False) -> str:
        """SQL true for the events `e` that have one of `values` in `facet` (see
        `_predicate` for `per_row`)."""
        if facet in ROLE_FACETS:
            if per_row:
                return f"({self._role_check({facet: values}, sql)})"
            return f"(e.id IN ({self._role_events({facet: values}, sql)}))"
        if facet is Facet.CATEGORY:
            ids = [v for v in values if v is not None]
            none = " OR e.category_id IS NULL" if None in values else ""
            plus = "+" if per_row else ""
            return f"({plus}e.category_id IN {sql.json(ids)}{none})"
        if per_row and facet in _PER_ROW:
            if facet is Facet.TAG and not self._has("event_tags"):
                return "0"
            table, column = _PER_ROW[facet]
            return (f"(EXISTS (SELECT 1 FROM {table} x WHERE x.event_id = e.id "
                    f"AND x.{column} IN {sql.json(values)}))")
        if facet is Facet.COLLECTION:
            ranges = self._collection_ranges()
            wanted = [r for v in values if isinstance(v, int) for r in ranges.get(v, ())]
            if None in values:
                every = [r for rs in ranges.values() for r in rs]
                inside = self._in_ranges(every, sql)
                return f"(NOT {inside} OR {self._in_ranges(wanted, sql)})"
            return self._in_ranges(wanted, sql)
        if facet is Facet.SOURCE:
            return ("(e.id IN (SELECT event_id FROM citations WHERE source_id IN "
                    f"{sql.json(values)}))")
        if facet is Facet.TAG:
            if not self._has("event_tags"):
                return "0"
            return ("(e.id IN (SELECT event_id FROM event_tags WHERE tag_id IN "
                    f"{sql.json(values)}))")
        if facet is Facet.STARRED:
            starred = ("e.id IN (SELECT event_id FROM stars)" if self._has("stars") else "0")
            sides = [starred if v else f"NOT {starred}" for v in values if isinstance(v, bool)]
            return "(" + (" OR ".join(sides) or "0") + ")"
        if facet is Facet.PRECISION:
            return f"({PRECISION_SQL} IN {sql.json(values)})"
        if facet is Facet.QUALIFIER:
            return "(" + (" OR ".join(_QUALIFIER_SQL[v] for v in values
                                      if isinstance(v, str) and v in _QUALIFIER_SQL)
                          or "0") + ")"
        pairs = [list(v) for v in values if isinstance(v, tuple)]
        return ("(e.id IN (SELECT a.event_id FROM json_each("
                f"{sql.param(json.dumps(pairs))}) w JOIN event_attributes a "
                "ON a.name = json_extract(w.value, '$[0]') "
                "AND a.value = json_extract(w.value, '$[1]')))")

    # -- which rows a query walks ------------------------------------------------------------
    def _driver(self, flt: Filter, sql: _Sql) -> tuple[int, str | None, Filter]:
        """The smallest set of event ids known to hold every event that passes `flt`, from
        an index, and its size (an upper bound, read cheaply): SQL selecting `id`, or None
        for every event (sized by the last id); and what else an event of the set must pass
        to pass `flt` (the set is exactly the events of a span, of the chosen roles, tags,
        sources or of the stars)."""
        found: list[tuple[int, str, Filter]] = []
        if flt.span is not None:
            start, end = flt.span
            size = int(self.count_in(start, end))  # type: ignore[attr-defined]
            found.append((size, self._span_ids(start, end, sql), flt.within(None)))
        parties = flt.chosen_in(Facet.PARTY)
        if parties:
            roles = {f: flt.chosen_in(f) for f in ROLE_FACETS if flt.chosen_in(f)}
            size = int(self._scalar(
                "SELECT coalesce(sum(events), 0) FROM party_counts WHERE party_id IN "
                "(SELECT value FROM json_each(?))", [json.dumps(list(parties))])
                ) if self._has("party_counts") else 1 << 62
            rest = flt
            for facet in ROLE_FACETS:
                rest = rest.only(facet, ())
            found.append((size, self._role_events(roles, sql).replace(
                "SELECT p.event_id FROM", "SELECT p.event_id AS id FROM", 1), rest))
        for facet, (table, column) in _PER_ROW.items():
            values = flt.chosen_in(facet)
            if values and self._has(table):
                wanted = json.dumps(list(values))
                size = int(self._scalar(f"SELECT count(*) FROM {table} WHERE {column} IN "
                                        "(SELECT value FROM json_each(?))", [wanted]))
                found.append((size, f"SELECT event_id AS id FROM {table} WHERE {column} IN "
                                    f"{sql.json(values)}", flt.only(facet, ())))
        if flt.chosen_in(Facet.STARRED) == {True} and self._has("stars"):
            found.append((int(self._scalar("SELECT count(*) FROM stars")),
                          "SELECT event_id AS id FROM stars", flt.only(Facet.STARRED, ())))
        if not found:
            return int(self._scalar("SELECT coalesce(max(id), 0) FROM events")), None, flt
        return min(found, key=lambda item: item[0])

    def _walk_check(self, flt: Filter, sql: _Sql) -> str:
        """`_predicate(flt, per_row=True)`, for walking an index of `events` in date order:
        chosen parties are checked by the lanes the window indexes hold (an event's party
        ids, kept by triggers: no table row read), their roles only when a role or kind is
        chosen too."""
        parties = flt.chosen_in(Facet.PARTY)
        if not 0 < len(parties) <= 16 or not all(type(v) is int for v in parties):
            return self._predicate(flt, sql, per_row=True)
        lanes = " OR ".join(f"instr(',' || e.lanes || ',', ',{v},') > 0"
                            for v in sorted(parties, key=str))
        if not flt.chosen_in(Facet.ROLE) and not flt.chosen_in(Facet.KIND):
            return f"({lanes}) AND " + self._predicate(flt, sql, skip=[Facet.PARTY],
                                                       per_row=True)
        return f"({lanes}) AND " + self._predicate(flt, sql, per_row=True)

    def _density_check(self, flt: Filter, sql: _Sql) -> str:
        """SQL true for the events `e` that pass `flt`, for counting those in a range of
        starts: a small facet set row by row; chosen parties by their lanes along the window
        index; otherwise as SQLite plans it (one category: its own index)."""
        size, ids, rest = self._driver(flt, sql)
        if ids is not None and size <= _ROW_BY_ROW:
            return f"e.id IN ({ids}) AND {self._predicate(rest, sql, per_row=True)}"
        if flt.chosen_in(Facet.PARTY):
            return self._walk_check(flt, sql)
        return self._predicate(flt, sql)

    @staticmethod
    def _span_ids(start: int, end: int, sql: _Sql) -> str:
        """SQL selecting the ids of the events overlapping [start, end]: one range of a
        covering index per length class (as `events_in` reads them), not a scan."""
        arms = []
        for index in range(len(LENGTH_CLASS_SECONDS) + 1):
            low = (f"earliest BETWEEN {sql.param(start - LENGTH_CLASS_SECONDS[index])} AND "
                   if index < len(LENGTH_CLASS_SECONDS) else "earliest <= ")
            arms.append(f"SELECT id FROM events WHERE length_class = {index} "
                        f"{'AND length_class > 0 ' if index else ''}"
                        f"AND {low}{sql.param(end)} AND latest >= {sql.param(start)}")
        return " UNION ALL ".join(arms)

    def _walked(self, flt: Filter, sql: _Sql, *, skip: Iterable[Facet] = (),
                sample: int | None = None) -> tuple[str, int]:
        """SQL true for the events `e` that pass `flt` (the choices of facets in `skip` set
        aside, though the walk may still be narrowed by them: a role facet's choices are then
        checked on the roles counted), written to walk the smallest indexed set holding them
        (see `_driver`), and 1;
        or, with `sample` and more than SAMPLE_ABOVE events to walk, true for about `sample`
        of them (those whose id is a multiple of k) and k: counts over it, times k, estimate
        the whole (the ids of a store carry no order that a facet's value follows closely)."""
        size, ids, rest = self._driver(flt, sql)  # (skipped choices still hold a superset)
        step = 1
        if sample is not None and size > SAMPLE_ABOVE:
            step = max(1, size // sample)
        where = self._predicate(rest, sql, skip=skip, per_row=True)
        if ids is None and step == 1:
            return where, 1
        if ids is None:
            last = size
            ids = (f"WITH RECURSIVE k(id) AS (SELECT {step} UNION ALL SELECT id + {step} "
                   f"FROM k WHERE id + {step} <= {int(last)}) SELECT id FROM k")
        elif step > 1:
            ids = f"SELECT id FROM ({ids}) WHERE id % {step} = 0"
        return f"e.id IN ({ids}) AND {where}", step

    @staticmethod
    def _in_ranges(ranges: Sequence[tuple[int, int]], sql: _Sql) -> str:
        if not ranges:
            return "0"
        return "(" + " OR ".join(f"e.id BETWEEN {int(a)} AND {int(b)}" for a, b in ranges) + ")"

    def _text_match(self, text: str, sql: _Sql) -> str:
        """SQL true for events whose title or description, one of whose parties' names or
        aliases, cited sources, quotes or notes hold every word of `text` (as prefixes)."""
        from models.store.search import fts_query  # (search imports the reads this needs)

        match = fts_query(text)
        if match is None:
            return "1"
        q = sql.param(match)
        arms = [f"SELECT rowid FROM events_fts WHERE events_fts MATCH {q}",
                "SELECT event_id FROM participations WHERE party_id IN ("
                f"SELECT rowid FROM parties_fts WHERE parties_fts MATCH {q} "
                f"UNION SELECT party_id FROM aliases WHERE id IN "
                f"(SELECT rowid FROM aliases_fts WHERE aliases_fts MATCH {q}))"]
        if self._has("citations_fts"):
            arms.append(f"SELECT event_id FROM citations WHERE id IN (SELECT rowid FROM "
                        f"citations_fts WHERE citations_fts MATCH {q}) OR source_id IN "
                        f"(SELECT rowid FROM sources_fts WHERE sources_fts MATCH {q})")
        if self._has("notes_fts"):
            arms.append("SELECT record_id FROM notes WHERE record = 'events' AND id IN "
                        f"(SELECT rowid FROM notes_fts WHERE notes_fts MATCH {q})")
        return "e.id IN (" + " UNION ".join(arms) + ")"
