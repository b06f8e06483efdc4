"""The timeline through a Filter: windows of marks, density, lane density and lanes of the
events that pass, and FilteredSource, the store as the timeline reads it through a filter.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

import models.store.filtering.predicate as predicate
from models.domain import (
    Category,
    Era,
    Event,
    EventMark,
    Lane,
    LaneMode,
)
from models.filters import ROLE_FACETS, Facet, Filter
from models.store.filtering.counts import FacetCountReads
from models.store.filtering.predicate import _Sql
from models.store.schema import LENGTH_CLASS_SECONDS
from models.store.timeline import TimelineReads


class FilteredWindows(FacetCountReads):
    """What the timeline and overview read through a filter."""

    def through(self, flt: Filter) -> FilteredSource:
        """This store as the timeline reads it through `flt` (its TimelineSource)."""
        return FilteredSource(self, flt)

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
        few = ids is not None and size <= predicate._ROW_BY_ROW
        where = self._walk_check(rest if few else flt, sql)
        if few:
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
        bin_of = (f"(({{start}} - {sql.param(start)}) * {sql.param(bins)}) / "
                  f"{sql.param(end - start)}")
        if flt.chosen_in(Facet.PARTY):
            # The chosen parties' roles in date order (their index holds each role's start),
            # the events checked for the rest only when there is a rest.
            roles = {f: flt.chosen_in(f) for f in ROLE_FACETS if flt.chosen_in(f)}
            rest = flt
            for facet in ROLE_FACETS:
                rest = rest.only(facet, ())
            check = self._predicate(rest, sql, per_row=True)
            events = "" if check == "1" else "CROSS JOIN events e ON e.id = p.event_id "
            rows = self._rows(
                f"SELECT {bin_of.format(start='p.earliest')} AS bin, count(DISTINCT p.event_id) "
                f"FROM participations p {events}WHERE "
                + " AND ".join(self._role_conditions(roles, sql, "p"))
                + f" AND p.earliest >= {sql.param(start)} AND p.earliest < {sql.param(end)} "
                f"AND {check} GROUP BY bin", sql.params)
        else:
            where = self._density_check(flt, sql)
            rows = self._rows(
                f"SELECT {bin_of.format(start='e.earliest')} AS bin, count(*) FROM events e "
                f"WHERE e.earliest >= {sql.param(start)} AND e.earliest < {sql.param(end)} "
                f"AND {where} GROUP BY bin", sql.params)
        for index, n in rows:
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
        size, ids, rest = self._driver(flt, sql)
        if lane_mode is LaneMode.PARTY and ids is not None and size <= predicate._ROW_BY_ROW:
            rows = self._rows(
                f"SELECT p.party_id, {bin_sql} AS bin, count(DISTINCT p.event_id) "
                "FROM participations p JOIN events e ON e.id = p.event_id "
                f"WHERE p.party_id IN {lane_list} AND {window} GROUP BY 1, 2", sql.params)
            inside = ("EXISTS (SELECT 1 FROM participations p WHERE p.event_id = e.id "
                      f"AND +p.party_id IN {lane_list})")
        elif lane_mode is LaneMode.PARTY and ids is not None and size < self._roles_of(lanes):
            # Fewer events pass than the lanes hold roles: from the passing events, each one's
            # roles in the lanes (the busiest party's 160k events, not 40 lanes' million roles).
            check = self._predicate(rest, sql, per_row=True)
            rows = self._rows(
                f"SELECT p.party_id, {bin_sql} AS bin, count(DISTINCT p.event_id) "
                f"FROM ({ids}) d CROSS JOIN events e ON e.id = d.id "
                "CROSS JOIN participations p ON p.event_id = e.id "
                f"WHERE +p.party_id IN {lane_list} AND e.earliest >= {sql.param(start)} "
                f"AND e.earliest < {sql.param(end)} AND {check} GROUP BY 1, 2", sql.params)
            inside = ("EXISTS (SELECT 1 FROM participations p WHERE p.event_id = e.id "
                      f"AND +p.party_id IN {lane_list})")
        elif lane_mode is LaneMode.PARTY and not flt.chosen_in(Facet.PARTY):
            # No party chosen (a category, a qualifier, an exclusion): the events that pass in
            # the window, in date order from the window index, then each one's roles in the
            # lanes (a ten-year window of one category: not 40 lanes' roles in ten years).
            rows = self._rows(
                f"SELECT p.party_id, {bin_sql} AS bin, count(DISTINCT p.event_id) "
                "FROM events e CROSS JOIN participations p ON p.event_id = e.id "
                f"WHERE {window} AND +p.party_id IN {lane_list} GROUP BY 1, 2", sql.params)
            inside = ("EXISTS (SELECT 1 FROM participations p WHERE p.event_id = e.id "
                      f"AND +p.party_id IN {lane_list})")
        elif lane_mode is LaneMode.PARTY:
            # The lanes' roles in their date range (the roles' copy of the start), each
            # event then checked row by row (not for the party when every lane is chosen).
            lanes_chosen = (set(lanes) <= flt.chosen_in(Facet.PARTY)
                            and not flt.chosen_in(Facet.ROLE) and not flt.chosen_in(Facet.KIND))
            check = self._predicate(flt.only(Facet.PARTY, ()) if lanes_chosen else flt, sql,
                                    per_row=True)
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
        facet = Facet.PARTY if lane_mode is LaneMode.PARTY else Facet.CATEGORY
        chosen = flt.chosen_in(facet)
        if chosen and chosen <= set(lanes):
            return out  # every event that passes is in a chosen lane: none is "other"
        other = dict(self._rows(f"SELECT {bin_sql} AS bin, count(*) FROM events e "
                                f"WHERE {window} AND NOT {inside} GROUP BY 1", sql.params))
        if other:
            out[None] = other
        return out

    def _roles_of(self, parties: Sequence[int]) -> int:
        """How many events the parties are in, together (from the kept per-party counts)."""
        return int(self._scalar(
            "SELECT coalesce(sum(events), 0) FROM party_counts WHERE party_id IN "
            "(SELECT value FROM json_each(?))", [json.dumps(list(parties))]))

    def filtered_lanes(self, flt: Filter, mode: LaneMode, *,
                       limit: int | None = None) -> list[Lane]:
        """The lanes that hold events passing `flt`, busiest (in them) first; only the
        chosen ones when the filter chooses some."""
        facet = Facet.PARTY if mode is LaneMode.PARTY else Facet.CATEGORY
        chosen = flt.chosen_in(facet)
        # With a choice, only the chosen values are counted and named, not the whole facet.
        # Without, the busiest are ranked from a sample when the events are many (the timeline
        # asks on its own thread, and only the order counts: a lane's marks and cells are
        # counted exactly); a lane a sample misses holds few of them and shows under Other.
        counts = self.facet_counts(flt, facet, limit=0 if chosen else 1 << 40,
                                   exact=bool(chosen))
        values = sorted(counts.values, key=lambda v: (-v.count, v.label))
        return [Lane(v.value, v.label, v.count) for v in values
                if isinstance(v.value, int) and not isinstance(v.value, bool) and v.count > 0
                and (not chosen or v.value in chosen)][:limit]



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
