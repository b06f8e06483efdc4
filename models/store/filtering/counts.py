"""Facet counts through a Filter: how many events pass with each value of a facet chosen alone,
and the names behind facet values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models.filters import ROLE_FACETS, Facet, Filter, Value
from models.store.filtering.predicate import _QUALIFIER_SQL, PRECISION_SQL, FilterSql, _Sql

TOP_VALUES = 50  # a facet lists its busiest values, and the chosen ones
SAMPLE = 5_000  # events a facet count over more than SAMPLE_ABOVE reads (a sample)


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


class FacetCountReads(FilterSql):
    """Counts and labels of facet values."""

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
                # (-1 and NUL: what a query's name that matched nothing is chosen as)
                out[v] = "nothing by that name" if v in (-1, "\x00", ("\x00", "\x00")) \
                    else _label(facet, v)
        return out



def _label(facet: Facet, value: Value) -> str:
    if facet is Facet.STARRED:
        return "Starred" if value else "Not starred"
    if isinstance(value, tuple):
        return value[1]
    if isinstance(value, str):
        return value[:1].upper() + value[1:]
    return "None" if value is None else str(value)
