"""A Filter (models.filters) as SQL: which events pass it, how many of them have each value of
a facet, the events that pass in a window (for the timeline), sorted pages (for the results
table), and the names behind facet values.

The filter becomes one predicate over `events e`; its values go in as JSON parameters, never
into the SQL text. Stores older than version 8 have no tags or stars: there, no event has any.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from models.dates import DateError, parse_stored
from models.domain import (
    Category,
    Era,
    Event,
    EventHit,
    EventMark,
    Lane,
    LaneMode,
    PartyHit,
    SearchResults,
)
from models.errors import StoreError
from models.filters import ROLE_FACETS, Facet, Filter, Value
from models.query import Query, Term, format_term, parse_query
from models.store.connection import unreadable
from models.store.reads import RecordReads
from models.store.safety import read_leniently
from models.store.schema import FLAG_OPEN_END, LENGTH_CLASS_SECONDS
from models.store.timeline import TimelineReads
from models.story import StoryStream

# Attributes with at most this many distinct values are offered as facets.
ATTRIBUTE_FACET_MAX_VALUES = 150
TOP_VALUES = 50  # a facet lists its busiest values, and the chosen ones
# Facet counts over more events than this are estimated from a sample of about SAMPLE of them.
SAMPLE_ABOVE = 20_000
SAMPLE = 5_000
# A window's events are read row by row from a facet's index when it holds no more than this.
_ROW_BY_ROW = 20_000
# A results page sorted by a key of few values is found value by value (see _walked_page) when
# it ends within the first _WALK_MAX events and _WALK_GROUPS values.
_WALK_MAX = 2_000
_WALK_GROUPS = 200
# A name in the query language that matches no record exactly stands for this many at most.
_QUERY_MATCHES = 20
# What a facet is chosen as when a query's name matched nothing: a value no event has.
_NO_VALUE: dict[Facet, Value] = dict.fromkeys(Facet, -1) | {
    Facet.ROLE: "\x00", Facet.KIND: "\x00", Facet.PRECISION: "\x00",
    Facet.QUALIFIER: "\x00", Facet.ATTRIBUTE: ("\x00", "\x00")}

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

SortKey = Literal["date", "title", "category", "parties", "sources", "tags", "starred"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "category", "parties", "sources", "tags",
                                  "starred")


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: Value
    label: str
    count: int  # events that pass the filter with only this value chosen in its facet


@dataclass(frozen=True, slots=True)
class FacetCounts:
    facet: Facet
    values: tuple[FacetValue, ...]  # busiest first (the chosen and excluded ones always in)
    more: bool  # whether values were left out (a big facet: filter its values by name)
    attribute: str | None = None  # the attribute's name, for Facet.ATTRIBUTE
    # Whether the counts are estimates (from a sample of the events: shown as "≈").
    estimated: bool = False


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


class FilteredReads(RecordReads):
    """The store's reads through a Filter."""

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
        return [Collection(id_, PurePath(path).name or path, path, at)
                for id_, path, at in rows]

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

    def through(self, flt: Filter) -> FilteredSource:
        """This store as the timeline reads it through `flt` (its TimelineSource)."""
        return FilteredSource(self, flt)

    def narrowed_stream(self, flt: Filter, title: str = "") -> StoryStream:
        """The story of the events that pass `flt` (and the parties and sources they name),
        streamed as Reports.story_stream streams the whole store."""
        sql = _Sql()
        where = self._predicate(flt, sql)
        stream: StoryStream = self.story_stream(  # type: ignore[attr-defined]
            title, where=(where, sql.params))
        return stream

    # -- counts ----------------------------------------------------------------------------------
    def count_passing(self, flt: Filter) -> int:
        sql = _Sql()
        return int(self._scalar(
            f"SELECT count(*) FROM events e WHERE {self._predicate(flt, sql)}", sql.params))

    def facet_counts(self, flt: Filter, facet: Facet, *, attribute: str | None = None,
                     limit: int = TOP_VALUES, named: str = "",
                     exact: bool = False) -> FacetCounts:
        """How many events pass `flt` with each value of `facet` chosen alone (the facet's
        other choices and exclusions set aside), busiest first: the first `limit` values,
        those whose label contains `named` (case-insensitive), plus the chosen and excluded
        ones. For Facet.ATTRIBUTE, the values of one attribute.

        Counts over more than SAMPLE_ABOVE events (after the most selective index: a span,
        parties, tags, sources, stars) are estimated from a sample of about SAMPLE of them
        and marked `estimated` (values the sample missed are left out), unless `exact`.
        Counts with nothing else chosen are exact, and kept until the store changes."""
        base = flt.cleared(facet)
        sql = _Sql()
        counts, step = self._counts(base, facet, sql, attribute,
                                    sample=None if exact else SAMPLE)
        mine = flt.chosen_in(facet) | flt.excluded_in(facet)
        if facet is Facet.ATTRIBUTE:
            mine = frozenset(v for v in mine if isinstance(v, tuple) and v[0] == attribute)
        wanted = set(counts)
        if not named and len(counts) > limit:
            # Only the values that can rank among the first `limit` need their labels (the
            # ties at the last place are ranked by label).
            last = sorted(counts.values(), reverse=True)[limit - 1] if limit > 0 else None
            wanted = {v for v, n in counts.items() if last is not None and n >= last}
        labels = self.value_labels(facet, wanted | set(mine))
        if named:
            key = named.casefold()
            counts = {v: n for v, n in counts.items() if key in labels.get(v, "").casefold()}
        ranked = sorted(counts.items(), key=lambda item: (-item[1], labels.get(item[0], "")))
        kept = ranked[:limit]
        shown = {v for v, _ in kept}
        kept += [(v, counts.get(v, 0)) for v in mine if v not in shown]
        values = tuple(FacetValue(v, labels.get(v, str(v)), n * step) for v, n in kept)
        return FacetCounts(facet, values, more=len(ranked) > limit, attribute=attribute,
                           estimated=step > 1)

    def _counts(self, base: Filter, facet: Facet, sql: _Sql, attribute: str | None, *,
                sample: int | None) -> tuple[dict[Value, int], int]:
        """Each value's count (of a sample of one event in `step`), and the step."""
        if base.is_empty:
            version = (self._scalar("PRAGMA data_version"), self._conn.total_changes)
            cache: tuple[Any, dict[tuple[Facet, str | None], dict[Value, int]]] | None
            cache = self.__dict__.get("_whole_counts")
            if cache is None or cache[0] != version:
                cache = (version, {})
                self.__dict__["_whole_counts"] = cache
            key = (facet, attribute)
            if key not in cache[1]:
                cache[1][key] = self._counts_of(base, facet, sql, attribute, sample=None)[0]
            return dict(cache[1][key]), 1
        return self._counts_of(base, facet, sql, attribute, sample=sample)

    def _counts_of(self, base: Filter, facet: Facet, sql: _Sql, attribute: str | None, *,
                   sample: int | None) -> tuple[dict[Value, int], int]:
        if facet in ROLE_FACETS:
            return self._role_counts(base, facet, sql, sample=sample)
        if facet is Facet.CATEGORY and base.is_empty:
            return {v: n for v, n in self._rows(
                "SELECT category_id, count(*) FROM events GROUP BY 1") if n}, 1
        where, step = self._walked(base, sql, sample=sample)
        if facet is Facet.CATEGORY:
            rows = self._rows(f"SELECT e.category_id, count(*) FROM events e WHERE {where} "
                              "GROUP BY 1", sql.params)
            return {v: n for v, n in rows if n}, step
        if facet is Facet.COLLECTION:
            ranges = self._collection_ranges()
            cases = " ".join(f"WHEN e.id BETWEEN {int(a)} AND {int(b)} THEN {int(c)}"
                             for c, rs in ranges.items() for a, b in rs)
            which = f"CASE {cases} END" if cases else "NULL"
            return {v: n for v, n in self._rows(
                f"SELECT {which}, count(*) FROM events e WHERE {where} GROUP BY 1",
                sql.params) if n}, step
        if facet is Facet.SOURCE:
            if base.is_empty:
                return dict(self._rows("SELECT source_id, count(DISTINCT event_id) "
                                       "FROM citations GROUP BY 1")), 1
            return dict(self._rows(
                "SELECT c.source_id, count(DISTINCT c.event_id) FROM events e "
                f"CROSS JOIN citations c ON c.event_id = e.id WHERE {where} GROUP BY 1",
                sql.params)), step
        if facet is Facet.TAG:
            if not self._has("event_tags"):
                return {}, 1
            if base.is_empty or step > 1:  # (few events have tags: all of them, exactly)
                return dict(self._rows(
                    "SELECT t.tag_id, count(*) FROM event_tags t "
                    f"JOIN events e ON e.id = t.event_id WHERE "
                    f"{self._predicate(base, sql, per_row=True)} GROUP BY 1", sql.params)), 1
            return dict(self._rows(
                "SELECT t.tag_id, count(*) FROM events e "
                f"CROSS JOIN event_tags t ON t.event_id = e.id WHERE {where} GROUP BY 1",
                sql.params)), step
        if facet is Facet.STARRED:
            starred = "e.id IN (SELECT event_id FROM stars)" if self._has("stars") else "0"
            return {bool(v): n for v, n in self._rows(
                f"SELECT {starred}, count(*) FROM events e WHERE {where} GROUP BY 1",
                sql.params) if n}, step
        if facet is Facet.PRECISION:
            return dict(self._rows(
                f"SELECT {PRECISION_SQL}, count(*) FROM events e WHERE {where} GROUP BY 1",
                sql.params)), step
        if facet is Facet.QUALIFIER:
            names = list(_QUALIFIER_SQL)
            sums = ", ".join(f"coalesce(sum({_QUALIFIER_SQL[n]}), 0)" for n in names)
            row = self._rows(f"SELECT {sums} FROM events e WHERE {where}", sql.params)[0]
            return {n: c for n, c in zip(names, row, strict=True) if c}, step
        return {(attribute or "", v): n for v, n in self._rows(
            "SELECT a.value, count(DISTINCT a.event_id) FROM event_attributes a "
            f"JOIN events e ON e.id = a.event_id WHERE a.name = {sql.param(attribute)} "
            f"AND {self._predicate(base, sql, per_row=True)} GROUP BY 1", sql.params)}, 1

    def _role_counts(self, base: Filter, facet: Facet, sql: _Sql, *,
                     sample: int | None) -> tuple[dict[Value, int], int]:
        """Counts of a role facet: over the roles that also have the other role facets' chosen
        values, of events that pass the rest of the filter."""
        others = {f: base.chosen_in(f) for f in ROLE_FACETS if base.chosen_in(f)}
        if facet is Facet.PARTY and base.is_empty and self._has("party_counts"):
            return dict(self._rows(
                "SELECT party_id, events FROM party_counts WHERE events > 0")), 1
        column = {Facet.PARTY: "p.party_id", Facet.ROLE: "p.role", Facet.KIND: "pa.kind"}[facet]
        join_party = ("JOIN parties pa ON pa.id = p.party_id "
                      if facet is Facet.KIND or Facet.KIND in others else "")
        conditions = []
        if Facet.PARTY in others:
            conditions.append(f"+p.party_id IN {sql.json(others[Facet.PARTY])}")
        if Facet.ROLE in others:
            conditions.append(f"+p.role IN {sql.json(others[Facet.ROLE])}")
        if Facet.KIND in others:
            conditions.append(f"+pa.kind IN {sql.json(others[Facet.KIND])}")
        if base.is_empty:
            return dict(self._rows(
                f"SELECT {column}, count(DISTINCT p.event_id) FROM participations p "
                f"{join_party}GROUP BY 1", sql.params)), 1
        # The events come from the smallest index holding them (the chosen parties' roles
        # among others); their roles through the participations' primary key.
        where, step = self._walked(base, sql, skip=ROLE_FACETS, sample=sample)
        return dict(self._rows(
            f"SELECT {column}, count(DISTINCT p.event_id) FROM events e CROSS JOIN "
            f"participations p ON p.event_id = e.id {join_party}WHERE "
            f"{' AND '.join([*conditions, where])} GROUP BY 1", sql.params)), step

    def value_labels(self, facet: Facet, values: Iterable[Value]) -> dict[Value, str]:
        """How each value of `facet` is shown (a record's name; a value's own text)."""
        wanted = list(values)
        ids = [v for v in wanted if isinstance(v, int) and not isinstance(v, bool)]
        table = {Facet.PARTY: ("parties", "name"), Facet.CATEGORY: ("categories", "name"),
                 Facet.SOURCE: ("sources", "title"), Facet.TAG: ("tags", "name")}.get(facet)
        out: dict[Value, str] = {}
        if table is not None and ids and (facet is not Facet.TAG or self._has("tags")):
            name, column = table
            out.update(self._rows(f"SELECT id, {column} FROM {name} WHERE id IN "
                                  "(SELECT value FROM json_each(?))", [json.dumps(ids)]))
        if facet is Facet.SOURCE:  # a source is known by its publisher as much as its title
            out.update({i: (f"{t} ({p})" if p and p not in t else t) for i, t, p in self._rows(
                "SELECT id, title, publisher FROM sources WHERE id IN "
                "(SELECT value FROM json_each(?))", [json.dumps(ids)])})
        if facet is Facet.COLLECTION:
            out.update({c.id: c.name for c in self.collections()})
            out[None] = "Not imported"
        if facet is Facet.CATEGORY:
            out[None] = "No category"
        for v in wanted:
            if v not in out:
                out[v] = _label(facet, v)
        return out

    # -- the timeline through a filter ----------------------------------------------------------
    def filtered_events_in(self, flt: Filter, start: int, end: int, *,
                           lane_mode: LaneMode = LaneMode.PARTY, limit: int | None = None,
                           lengths: Literal["all", "short", "long"] = "all") -> list[EventMark]:
        """`events_in` (models.store.timeline) of the events that pass `flt`.

        Walked the cheapest way: a small indexed set of candidates (see `_driver`: a tag, a
        source, a party of few events) row by row; otherwise each length class's index range,
        as `events_in` walks it, with every entry checked (chosen parties by the lanes the
        index holds, no table row read). Ordered by the start alone, so each arm streams and
        stops at the limit. (Walking a busy party's roles in date order read a table row per
        event: 104 ms for 12,000 of them, against 44 ms this way.)"""
        sql = _Sql()
        size, ids, rest = self._driver(flt, sql)
        params: dict[str, Any] = {"start": start, "end": end,
                                  "limit": -1 if limit is None else max(limit, 0)}
        columns = "e.earliest, e.id, e.latest, e.flags, e.category_id, e.lanes, e.title"
        where = self._walk_check(rest if ids is not None and size <= _ROW_BY_ROW else flt, sql)
        if ids is not None and size <= _ROW_BY_ROW:
            length = {"all": "", "short": "AND +e.length_class = 0 ",
                      "long": "AND +e.length_class > 0 "}[lengths]
            rows = self._rows(
                f"SELECT {columns} FROM events e WHERE e.id IN ({ids}) {length}"
                f"AND +e.earliest <= :end AND +e.latest >= :start AND {where} "
                "ORDER BY +e.earliest LIMIT :limit", {**sql.params, **params})
            rows.sort()
            return TimelineReads._marks(rows, lane_mode)
        arms = [
            f"SELECT {columns} "
            f"FROM events e WHERE e.length_class = {index} "
            f"{'AND e.length_class > 0 ' if index else ''}"
            f"AND e.earliest BETWEEN :low{index} AND :end AND e.latest >= :start AND {where}"
            for index in range(len(LENGTH_CLASS_SECONDS))]
        arms.append(
            f"SELECT {columns} "
            f"FROM events e WHERE e.length_class = {len(LENGTH_CLASS_SECONDS)} "
            f"AND e.length_class > 0 AND e.earliest <= :end AND e.latest >= :start AND {where}")
        categories = flt.chosen_in(Facet.CATEGORY)
        if len(categories) == 1 and None not in categories:
            # One category's short events along its own covering index, in date order.
            [category] = categories
            arms[0] = (f"SELECT {columns} FROM events e WHERE e.category_id = "
                       f"{sql.param(category)} AND e.length_class = 0 AND e.earliest BETWEEN "
                       f":low0 AND :end AND e.latest >= :start AND {where}")
        arms = {"all": arms, "short": arms[:1], "long": arms[1:]}[lengths]
        for index, longest in enumerate(LENGTH_CLASS_SECONDS):
            params[f"low{index}"] = start - longest
        rows = self._rows(" UNION ALL ".join(arms) + " ORDER BY earliest LIMIT :limit",
                          {**sql.params, **params})
        rows.sort()
        return TimelineReads._marks(rows, lane_mode)

    def filtered_marks_starting(self, flt: Filter, ranges: Sequence[tuple[int, int]], *,
                                lane_mode: LaneMode = LaneMode.PARTY) -> list[EventMark]:
        if not ranges:
            return []
        sql = _Sql()
        where = self._predicate(flt, sql)
        rows = self._rows(
            "SELECT e.earliest, e.id, e.latest, e.flags, e.category_id, e.lanes, e.title "
            f"FROM json_each({sql.param(json.dumps([list(r) for r in ranges]))}) r "
            "JOIN events e ON e.earliest >= json_extract(r.value, '$[0]') "
            f"AND e.earliest < json_extract(r.value, '$[1]') WHERE {where} "
            "ORDER BY e.earliest, e.id", sql.params)
        return TimelineReads._marks(rows, lane_mode)

    def filtered_density(self, flt: Filter, start: int, end: int, bins: int) -> list[int]:
        """How many events that pass `flt` start in each of `bins` slices of [start, end)."""
        counts = [0] * max(bins, 0)
        if bins <= 0 or end <= start:
            return counts
        sql = _Sql()
        where = self._density_check(flt, sql)
        for index, n in self._rows(
                f"SELECT ((e.earliest - {sql.param(start)}) * {sql.param(bins)}) / "
                f"{sql.param(end - start)} AS bin, count(*) FROM events e "
                f"WHERE e.earliest >= {sql.param(start)} AND e.earliest < {sql.param(end)} "
                f"AND {where} GROUP BY bin", sql.params):
            counts[index] += n
        return counts

    def filtered_lane_density(self, flt: Filter, start: int, step: int, bins: int, *,
                              lane_mode: LaneMode, lanes: Sequence[int]
                              ) -> dict[int | None, dict[int, int]]:
        """`lane_density` of the events that pass `flt` (counted from the events)."""
        end = start + step * bins
        sql = _Sql()
        where = self._density_check(flt, sql)
        window = (f"e.earliest >= {sql.param(start)} AND e.earliest < {sql.param(end)} "
                  f"AND {where}")
        bin_sql = f"(e.earliest - {sql.param(start)}) / {sql.param(step)}"
        lane_list = sql.json(lanes)
        out: dict[int | None, dict[int, int]] = {}
        size, ids, _ = self._driver(flt, sql)
        if lane_mode is LaneMode.PARTY and ids is not None and size <= _ROW_BY_ROW:
            rows = self._rows(
                f"SELECT p.party_id, {bin_sql} AS bin, count(DISTINCT p.event_id) "
                "FROM participations p JOIN events e ON e.id = p.event_id "
                f"WHERE p.party_id IN {lane_list} AND {window} GROUP BY 1, 2", sql.params)
            inside = ("EXISTS (SELECT 1 FROM participations p WHERE p.event_id = e.id "
                      f"AND +p.party_id IN {lane_list})")
        elif lane_mode is LaneMode.PARTY:
            # The lanes' roles in their date range (the roles' copy of the start), each
            # event then checked row by row.
            check = self._predicate(flt, sql, per_row=True)
            events = "" if check == "1" else "CROSS JOIN events e ON e.id = p.event_id "
            rows = self._rows(
                f"SELECT p.party_id, (p.earliest - {sql.param(start)}) / {sql.param(step)} "
                f"AS bin, count(DISTINCT p.event_id) FROM participations p {events}"
                f"WHERE p.party_id IN {lane_list} AND p.earliest >= {sql.param(start)} "
                f"AND p.earliest < {sql.param(end)} AND {check} GROUP BY 1, 2", sql.params)
            inside = ("EXISTS (SELECT 1 FROM participations p WHERE p.event_id = e.id "
                      f"AND +p.party_id IN {lane_list})")
        else:
            rows = self._rows(
                f"SELECT e.category_id, {bin_sql} AS bin, count(*) FROM events e "
                f"WHERE e.category_id IN {lane_list} AND {window} GROUP BY 1, 2", sql.params)
            inside = f"e.category_id IN {lane_list}"
        for lane, bin_, n in rows:
            out.setdefault(lane, {})[bin_] = n
        other = dict(self._rows(f"SELECT {bin_sql} AS bin, count(*) FROM events e "
                                f"WHERE {window} AND NOT {inside} GROUP BY 1", sql.params))
        if other:
            out[None] = other
        return out

    def filtered_lanes(self, flt: Filter, mode: LaneMode, *,
                       limit: int | None = None) -> list[Lane]:
        """The lanes that hold events passing `flt`, busiest (in them) first; only the
        chosen ones when the filter chooses some."""
        facet = Facet.PARTY if mode is LaneMode.PARTY else Facet.CATEGORY
        chosen = flt.chosen_in(facet)
        # (with a choice, only the chosen values are counted and named, not the whole facet)
        counts = self.facet_counts(flt, facet, limit=0 if chosen else 1 << 40, exact=True)
        values = sorted(counts.values, key=lambda v: (-v.count, v.label))
        return [Lane(v.value, v.label, v.count) for v in values
                if isinstance(v.value, int) and not isinstance(v.value, bool) and v.count > 0
                and (not chosen or v.value in chosen)][:limit]

    # -- the results table ---------------------------------------------------------------------
    def passing_page(self, flt: Filter, *, sort: SortKey = "date", descending: bool = False,
                     offset: int = 0, limit: int = 200) -> list[int]:
        """Ids of events that pass `flt`, sorted by `sort` (then by date and id), from
        `offset`, at most `limit`."""
        sql = _Sql()
        size, ids, rest = self._driver(flt, sql)
        if sort != "date" and (ids is None or size > _ROW_BY_ROW) and offset + limit <= _WALK_MAX:
            page = self._walked_page(flt, sort, descending, offset + limit)
            if page is not None:
                return page[offset:offset + limit]
        if sort == "date" and (ids is None or size > _ROW_BY_ROW):
            # In date order along the window index, every entry checked, to the limit.
            where = self._walk_check(flt, sql)
        elif ids is not None:
            where = f"e.id IN ({ids}) AND {self._predicate(rest, sql, per_row=True)}"
        else:
            where = self._predicate(flt, sql)
        way = "DESC" if descending else "ASC"
        key = {
            "date": f"e.earliest {way}, e.id {way}",
            "title": f"e.title COLLATE NOCASE {way}, e.earliest, e.id",
            "category": ("(SELECT name FROM categories c WHERE c.id = e.category_id) "
                         f"COLLATE NOCASE {way}, e.earliest, e.id"),
            "parties": ("(SELECT min(pa.name) FROM participations p JOIN parties pa "
                        f"ON pa.id = p.party_id WHERE p.event_id = e.id) COLLATE NOCASE {way}, "
                        "e.earliest, e.id"),
            "sources": ("(SELECT count(*) FROM citations c WHERE c.event_id = e.id) "
                        f"{way}, e.earliest, e.id"),
            "tags": ((f"(SELECT min(t.name) FROM event_tags et JOIN tags t ON t.id = et.tag_id "
                      f"WHERE et.event_id = e.id) COLLATE NOCASE {way}, e.earliest, e.id")
                     if self._has("event_tags") else "e.earliest, e.id"),
            "starred": ((f"e.id IN (SELECT event_id FROM stars) {'ASC' if descending else 'DESC'}"
                         ", e.earliest, e.id") if self._has("stars") else "e.earliest, e.id"),
        }[sort]
        return [i for (i,) in self._rows(
            f"SELECT e.id FROM events e WHERE {where} ORDER BY {key} "
            f"LIMIT {int(limit)} OFFSET {int(offset)}", sql.params)]

    def _walked_page(self, flt: Filter, sort: SortKey, descending: bool,
                     need: int) -> list[int] | None:
        """The first `need` ids of `passing_page`'s order, for the sorts whose key has few
        values or a big first one: the events of each key value (a group) in date order,
        group after group, until `need` are found; None when this sort has no groups or
        the walk goes past _WALK_GROUPS of them (`passing_page` then sorts everything)."""
        groups = self._sort_groups(flt, sort, descending)
        if groups is None:
            return None
        out: list[int] = []
        for n, group in enumerate(groups):
            if len(out) >= need:
                return out
            if n >= _WALK_GROUPS:
                return None
            sql = _Sql()
            where = self._walk_check(flt, sql)
            out += [i for (i,) in self._rows(
                f"SELECT e.id FROM events e WHERE ({group(sql)}) AND {where} "
                f"ORDER BY e.earliest, e.id LIMIT {int(need - len(out))}", sql.params)]
        return out

    def _sort_groups(self, flt: Filter, sort: SortKey, descending: bool
                     ) -> Iterator[Callable[[_Sql], str]] | None:
        """SQL true for the events of each value of a sort key, in the key's order (NULL
        first ascending, last descending, as SQLite sorts it). A big group is walked along
        the window index (its condition reads no index); a small one is driven by the ids
        of its value (`e.id IN`). Party and tag keys are an event's smallest name (BINARY),
        compared without case (NOCASE folds ASCII letters only): one group a NOCASE name.
        Groups the filter rules out are left out (no party, tag or source when one is
        chosen; categories not chosen)."""
        def ordered(first: list[Callable[[_Sql], str]],
                    rest: Iterator[Callable[[_Sql], str]]) -> Iterator[Callable[[_Sql], str]]:
            if not descending:
                yield from first
            yield from rest
            if descending:
                yield from first

        if sort == "category":
            null = "+e.category_id IS NULL OR +e.category_id NOT IN (SELECT id FROM categories)"
            classes = _nocase_classes(self._rows(
                f"SELECT id, name FROM categories ORDER BY name COLLATE NOCASE "
                f"{'DESC' if descending else 'ASC'}"))
            chosen = flt.chosen_in(Facet.CATEGORY)
            if chosen:
                classes = [(ids, names) for ids, names in classes if chosen & set(ids)]
            return ordered([_fixed(null)] if not chosen or None in chosen else [], (
                _group("+e.category_id IN {}", ids) for ids, _ in classes))
        if sort == "parties":
            # (foreign keys on: an event has no party name exactly when it has no lanes)
            return ordered([] if flt.chosen_in(Facet.PARTY) else [_fixed("e.lanes IS NULL")], (
                _group("e.id IN (SELECT event_id FROM participations WHERE party_id IN {}) "
                       "AND (SELECT min(pa.name) FROM participations p JOIN parties pa "
                       "ON pa.id = p.party_id WHERE p.event_id = e.id) IN {}", ids, names)
                for ids, names in self._party_classes(descending)))
        if sort == "tags" and self._has("event_tags"):
            classes = _nocase_classes(self._rows(
                f"SELECT id, name FROM tags ORDER BY name COLLATE NOCASE "
                f"{'DESC' if descending else 'ASC'}"))
            return ordered(
                [] if flt.chosen_in(Facet.TAG) else
                [_fixed("NOT EXISTS (SELECT 1 FROM event_tags x WHERE x.event_id = e.id)")],
                (_group("e.id IN (SELECT event_id FROM event_tags WHERE tag_id IN {}) AND "
                        "(SELECT min(t.name) FROM event_tags x JOIN tags t ON t.id = x.tag_id "
                        "WHERE x.event_id = e.id) IN {}", ids, names)
                 for ids, names in classes))
        if sort == "sources":
            def counted() -> Iterator[Callable[[_Sql], str]]:
                for (k,) in self._rows(
                        "SELECT DISTINCT n FROM (SELECT count(*) AS n FROM citations "
                        f"GROUP BY event_id) ORDER BY n {'DESC' if descending else 'ASC'}"):
                    yield _fixed("e.id IN (SELECT event_id FROM citations GROUP BY "
                                 f"event_id HAVING count(*) = {int(k)})")
            return ordered(
                [] if flt.chosen_in(Facet.SOURCE) else
                [_fixed("NOT EXISTS (SELECT 1 FROM citations x WHERE x.event_id = e.id)")],
                counted())
        if sort == "starred" and self._has("stars"):
            starred = [_fixed("e.id IN (SELECT event_id FROM stars)"),
                       _fixed("e.id NOT IN (SELECT event_id FROM stars)")]
            chosen = flt.chosen_in(Facet.STARRED)
            starred = [g for g, wanted in zip(starred, (True, False), strict=True)
                       if not chosen or wanted in chosen]
            return iter(starred[::-1] if descending else starred)
        return None

    def _party_classes(self, descending: bool) -> Iterator[tuple[list[int], list[str]]]:
        """The parties by name without case, as (ids, names) of each NOCASE name."""
        way = "DESC" if descending else "ASC"
        chunk, seen = 256, 0
        while True:
            rows = self._rows(f"SELECT id, name FROM parties ORDER BY name COLLATE NOCASE "
                              f"{way}, id LIMIT {chunk} OFFSET {seen}")
            if not rows:
                return
            classes = _nocase_classes(rows)
            if len(rows) == chunk and len(classes) == 1:
                chunk *= 4  # (one name so far: it may go on in the next chunk)
                continue
            if len(rows) == chunk:
                classes = classes[:-1]  # (the last name may go on in the next chunk)
            yield from classes
            seen += sum(len(ids) for ids, _ in classes)
            chunk *= 4

    def filter_of(self, query: Query) -> tuple[Filter, tuple[str, ...]]:
        """The Filter a parsed query asks for (names turned into this store's ids), and notes
        for the person: the query's own, and what a name matched (or that it matched
        nothing, in which case the filter passes no event)."""
        flt = Filter(span=query.span).matching(" ".join(query.words))
        notes = list(query.notes)
        for term in query.terms:
            if term.field == "note":  # notes are searched with the rest of the free text
                flt = flt.matching(" ".join(w for w in (flt.text, term.value) if w))
                continue
            if term.field == "date":
                continue  # (in query.span)
            found = self._term_values(term)
            if found is None:
                continue
            facet, values, note = found
            if note:
                notes.append(note)
            if term.negated:
                for value in values:
                    flt = flt.excluding(facet, value)
            elif not values:
                flt = flt.only(facet, [_NO_VALUE[facet]])
            else:
                narrowed = flt.chosen_in(facet)
                flt = flt.only(facet, (narrowed & set(values) or {_NO_VALUE[facet]})
                               if narrowed else values)
        return flt, tuple(notes)

    def query_results(self, text: str, scope: Filter | None = None, *,
                      limit: int = 20) -> SearchResults:
        """What the search box shows for `text` in the query language, within `scope` (the
        window's filter): plain words as the ranked search finds them, plus events whose
        sources, quotes or notes hold them (saying where); a query with fields, the latest
        events that pass it. Its notes say what was made of pieces that did not read."""
        from models.store.search import search  # (search imports our reads)

        def ranked(conn: sqlite3.Connection, words: str, *, limit: int) -> SearchResults:
            try:
                return search(conn, words, limit=limit)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged index
                raise StoreError(unreadable(self.path, error)) from None

        query = parse_query(text)
        flt, said = self.filter_of(query)
        notes = list(said)
        scope = scope or Filter()
        if not query.terms and query.span is None:
            found = ranked(self._conn, flt.text, limit=limit) if flt.text else None
            hits = list(found.events) if found is not None else []
            if not scope.is_empty:
                keep = set(self.passing_among(scope, [h.event.id for h in hits]))
                hits = [h for h in hits if h.event.id in keep]
            if len(hits) < limit and flt.text:
                seen = {h.event.id for h in hits}
                more = self.passing_page(scope.combined(flt), sort="date", descending=True,
                                         limit=limit + len(seen))
                more = [i for i in more if i not in seen][:limit - len(hits)]
                where = self.matched_where(flt.text, more)
                hits += [EventHit(e, None, where.get(e.id)) for e in self._events_in_order(more)]
            parties = found.parties if found is not None else ()
            return SearchResults(text, parties, tuple(hits), tuple(notes))
        ids = self.passing_page(scope.combined(flt), sort="date", descending=True, limit=limit)
        where = self.matched_where(flt.text, ids) if flt.text else {}
        events = tuple(EventHit(e, None, where.get(e.id)) for e in self._events_in_order(ids))
        named = [v for v in flt.chosen_in(Facet.PARTY) if isinstance(v, int)]
        parties = tuple(PartyHit(p, None) for p in (self.party(i) for i in named[:limit])
                        if p is not None)
        if not events:
            notes.append("No events match this query" + (" within the filter"
                                                          if not scope.is_empty else ""))
        return SearchResults(text, parties, events, tuple(notes))

    def _events_in_order(self, ids: Sequence[int]) -> list[Event]:
        found = {e.id: e for e in (self.event(i) for i in ids) if e is not None}
        return [found[i] for i in ids if i in found]

    def passing_among(self, flt: Filter, ids: Sequence[int]) -> list[int]:
        """Those of `ids` whose events pass `flt`."""
        sql = _Sql()
        where = self._predicate(flt, sql)
        return [i for (i,) in self._rows(
            f"SELECT e.id FROM events e WHERE e.id IN {sql.json(ids)} AND {where}", sql.params)]

    def matched_where(self, text: str, ids: Sequence[int]) -> dict[int, str]:
        """For events among `ids` whose own title and description do not hold `text`, where
        it was found: in a party's name, a quote from a source, a source, or a note."""
        from models.store.search import fts_query

        match = fts_query(text)
        if match is None or not ids:
            return {}
        wanted = json.dumps(list(ids))
        out: dict[int, str] = {}
        own = {i for (i,) in self._rows(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid IN "
            "(SELECT value FROM json_each(?))", [match, wanted])}
        if self._has("notes_fts"):
            for (i,) in self._rows(
                    "SELECT record_id FROM notes WHERE record = 'events' AND record_id IN "
                    "(SELECT value FROM json_each(?)) AND id IN (SELECT rowid FROM notes_fts "
                    "WHERE notes_fts MATCH ?)", [wanted, match]):
                out.setdefault(i, "in its note")
        if self._has("citations_fts"):
            for i, publisher, title, published in self._rows(
                    "SELECT c.event_id, s.publisher, s.title, s.published FROM citations c "
                    "JOIN sources s ON s.id = c.source_id WHERE c.event_id IN "
                    "(SELECT value FROM json_each(?)) AND (c.id IN (SELECT rowid FROM "
                    "citations_fts WHERE citations_fts MATCH ?) OR s.id IN (SELECT rowid FROM "
                    "sources_fts WHERE sources_fts MATCH ?))", [wanted, match, match]):
                source = publisher or title
                when = _shown_date(published)
                out.setdefault(i, f"in a quote from {source}{', ' + when if when else ''}")
        for i, name in self._rows(
                "SELECT p.event_id, pa.name FROM participations p JOIN parties pa "
                "ON pa.id = p.party_id WHERE p.event_id IN (SELECT value FROM json_each(?)) AND "
                "(pa.id IN (SELECT rowid FROM parties_fts WHERE parties_fts MATCH ?) OR pa.id IN "
                "(SELECT party_id FROM aliases WHERE id IN (SELECT rowid FROM aliases_fts "
                "WHERE aliases_fts MATCH ?)))", [wanted, match, match]):
            out.setdefault(i, f"via {name}")
        return {i: w for i, w in out.items() if i not in own}

    def _term_values(self, term: Term) -> tuple[Facet, list[Value], str] | None:
        """The facet and values one term names, with a note when a name matched several
        records or none."""
        shown = format_term(term)
        if term.field == "is":
            if term.value in ("starred", "unstarred"):
                return Facet.STARRED, [term.value == "starred"], ""
            return Facet.QUALIFIER, [term.value], ""
        if term.field == "precision":
            return Facet.PRECISION, [term.value], ""
        if term.field == "attr":
            name, _, value = term.value.partition("=")
            return Facet.ATTRIBUTE, [(name.strip(), value.strip())], ""
        facet = {"party": Facet.PARTY, "role": Facet.ROLE, "kind": Facet.KIND,
                 "category": Facet.CATEGORY, "source": Facet.SOURCE, "tag": Facet.TAG,
                 "collection": Facet.COLLECTION}.get(term.field)
        if facet is None:
            return None
        if facet is Facet.PARTY:  # (a party's exact name wins: no ranked search needed)
            named: list[Value] = [v for v, _ in self._exact_parties(term.value)]
            if named:
                return facet, named, ""
        found = self.resolve(facet, term.value, limit=_QUERY_MATCHES + 1)
        key = " ".join(term.value.split()).casefold()
        exact = [v for v, label in found if " ".join(label.split()).casefold() == key]
        if facet is Facet.PARTY:
            exact = [v for v, _ in self._exact_parties(term.value)]
        if exact:
            return facet, exact, ""
        if not found:
            return facet, [], f"{shown}: no {facet.label.lower()} is called that"
        values = [v for v, _ in found[:_QUERY_MATCHES]]
        names = ", ".join(f"“{label}”" for _, label in found[:3]) + ("…" if len(found) > 3 else "")
        if len(values) == 1:
            return facet, values, f"{shown} taken as {names}"
        more = " or more" if len(found) > _QUERY_MATCHES else ""
        return facet, values, f"{shown} matched {len(values)}{more}: {names}"

    def _exact_parties(self, text: str) -> list[tuple[int, str]]:
        """Parties whose name or an alias is `text` (case and spacing aside)."""
        name = " ".join(text.split())
        return [(int(i), str(n)) for i, n in self._rows(
            "SELECT id, name FROM parties WHERE name = :n COLLATE NOCASE UNION "
            "SELECT p.id, p.name FROM aliases a JOIN parties p ON p.id = a.party_id "
            "WHERE a.name = :n COLLATE NOCASE", {"n": name})]

    def resolve(self, facet: Facet, text: str, *, limit: int = 20) -> list[tuple[Value, str]]:
        """Values of `facet` a person may mean by `text` (a name, part of one), best first:
        for the query language and the facet panel's filter box."""
        key = " ".join(text.split()).casefold()
        if not key:
            return []
        if facet is Facet.PARTY:
            from models.store.search import ranked_results  # (search imports our reads)

            try:
                found = read_leniently(self._conn, lambda: ranked_results(
                    self._conn, text, limit=limit, typos=False))
            except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged index
                raise StoreError(unreadable(self.path, error)) from None
            out: list[tuple[Value, str]] = list(self._exact_parties(text))
            out += [(h.party.id, h.party.name) for h in found.parties
                    if h.party.id not in {i for i, _ in out}]
            return out[:limit]
        if facet in (Facet.ROLE, Facet.KIND):
            column, table = ("role", "participations") if facet is Facet.ROLE else ("kind",
                                                                                    "parties")
            if facet is Facet.ROLE and self._has("idx_participations_role"):
                # One index seek a role (DISTINCT read 2M rows at 1M events: 150 ms).
                values = [v for (v,) in self._rows(
                    "WITH RECURSIVE r(role) AS (SELECT min(role) FROM participations "
                    "UNION ALL SELECT (SELECT min(role) FROM participations WHERE role > r.role) "
                    "FROM r WHERE r.role IS NOT NULL) SELECT role FROM r WHERE role IS NOT NULL")]
            else:
                values = [v for (v,) in self._rows(f"SELECT DISTINCT {column} FROM {table}")]
            return [(value, label) for value, label in _best(values, key, limit)]
        options: list[tuple[Value, str]]
        if facet is Facet.CATEGORY:
            options = [(c.id, c.name) for c in self.categories()]
        elif facet is Facet.SOURCE:
            labels = self.value_labels(Facet.SOURCE, [i for (i,) in self._rows(
                "SELECT id FROM sources WHERE title LIKE ? OR publisher LIKE ? LIMIT 500",
                [f"%{text.strip()}%"] * 2)])
            options = list(labels.items())
        elif facet is Facet.TAG:
            options = (list(self._rows("SELECT id, name FROM tags ORDER BY name"))
                       if self._has("tags") else [])
        elif facet is Facet.COLLECTION:
            options = [(c.id, c.name) for c in self.collections()]
        else:
            return []
        ranked = _best([label for _, label in options], key, limit)
        by_label: dict[str, list[Value]] = {}
        for value, label in options:
            by_label.setdefault(label, []).append(value)
        return [(v, label) for label, _ in ranked for v in by_label[label]][:limit]


def _fixed(text: str) -> Callable[[_Sql], str]:
    """A sort group's condition that takes no parameters."""
    return lambda sql: text


def _group(text: str, *lists: Sequence[Any]) -> Callable[[_Sql], str]:
    """A sort group's condition: `text` with each {} a list of values (as parameters)."""
    return lambda sql: text.format(*(sql.json(values) for values in lists))


def _nocase_classes(rows: Iterable[tuple[int, str]]) -> list[tuple[list[int], list[str]]]:
    """(id, name) rows in NOCASE order grouped by name without case, as SQLite's NOCASE
    compares (ASCII letters folded only): (ids, distinct names) of each."""
    out: list[tuple[list[int], list[str]]] = []
    last: str | None = None
    for id_, name in rows:
        folded = name.translate(_ASCII_LOWER)
        if out and folded == last:
            out[-1][0].append(id_)
            if name not in out[-1][1]:
                out[-1][1].append(name)
        else:
            out.append(([id_], [name]))
            last = folded
    return out


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _best(labels: Sequence[str], key: str, limit: int) -> list[tuple[str, str]]:
    """Labels equal to `key` first, then starting with it, then containing it (case folded)."""
    def rank(label: str) -> int:
        folded = " ".join(label.split()).casefold()
        return 0 if folded == key else 1 if folded.startswith(key) else 2
    found = sorted((label for label in labels if key in " ".join(label.split()).casefold()),
                   key=lambda label: (rank(label), label.casefold()))
    return [(label, label) for label in found[:limit]]


def _shown_date(published: str | None) -> str:
    if not published:
        return ""
    try:
        return parse_stored(published).display()
    except DateError:
        return published


def _label(facet: Facet, value: Value) -> str:
    if facet is Facet.STARRED:
        return "Starred" if value else "Not starred"
    if isinstance(value, tuple):
        return value[1]
    if isinstance(value, str):
        return value[:1].upper() + value[1:]
    return "None" if value is None else str(value)


class FilteredSource:
    """A store seen through a filter, as the timeline and the overview strip read it (their
    TimelineSource): the events that pass the filter only."""

    def __init__(self, store: Any, flt: Filter) -> None:
        self.store = store
        self.filter = flt

    def events_in(self, start: int, end: int, *, lane_mode: LaneMode = LaneMode.PARTY,
                  limit: int | None = None,
                  lengths: Literal["all", "short", "long"] = "all") -> list[EventMark]:
        result: list[EventMark] = self.store.filtered_events_in(
            self.filter, start, end, lane_mode=lane_mode, limit=limit, lengths=lengths)
        return result

    def marks_starting(self, ranges: Sequence[tuple[int, int]], *,
                       lane_mode: LaneMode = LaneMode.PARTY) -> list[EventMark]:
        result: list[EventMark] = self.store.filtered_marks_starting(
            self.filter, ranges, lane_mode=lane_mode)
        return result

    def density(self, start: int, end: int, bins: int) -> list[int]:
        result: list[int] = self.store.filtered_density(self.filter, start, end, bins)
        return result

    def lane_density(self, start: int, step: int, bins: int, *, lane_mode: LaneMode,
                     lanes: Sequence[int]) -> dict[int | None, dict[int, int]]:
        result: dict[int | None, dict[int, int]] = self.store.filtered_lane_density(
            self.filter, start, step, bins, lane_mode=lane_mode, lanes=lanes)
        return result

    def lanes(self, mode: LaneMode, *, limit: int | None = None) -> list[Lane]:
        result: list[Lane] = self.store.filtered_lanes(self.filter, mode, limit=limit)
        return result

    def lane_names(self, mode: LaneMode, ids: Sequence[int]) -> dict[int, str]:
        result: dict[int, str] = self.store.lane_names(mode, ids)
        return result

    def categories(self) -> list[Category]:
        result: list[Category] = self.store.categories()
        return result

    def eras_in(self, start: int, end: int) -> list[Era]:
        result: list[Era] = self.store.eras_in(start, end)
        return result

    def extent(self) -> tuple[int, int] | None:
        result: tuple[int, int] | None = self.store.extent()
        return result

    def event(self, event_id: int) -> Event | None:
        result: Event | None = self.store.event(event_id)
        return result

    def open_reader(self) -> FilteredReader | None:
        reader = self.store.open_reader()
        return None if reader is None else FilteredReader(reader, self.filter)


class FilteredReader(FilteredSource):
    """A FilteredSource over a reader of its own, for the timeline's fetch worker."""

    def interrupt(self) -> None:
        self.store.interrupt()

    def close(self) -> None:
        self.store.close()

