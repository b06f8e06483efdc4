"""Timeline queries: the events of a window, lanes, density from the count pyramid, extent."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from models.dates import OPEN_END, parse_stored
from models.domain import Era, EventMark, Lane, LaneMode
from models.store.connection import Connected
from models.store.schema import (
    _CATEGORY_LANE,
    _FLAG_BITS,
    _PARTY_LANE,
    COUNT_BASE,
    COUNT_FANOUT,
    COUNT_LEVELS,
    COUNT_WIDTHS,
    LANE_COUNT_LEVELS,
    LENGTH_CLASS_SECONDS,
    LENGTH_CLASSES,
)


class TimelineReads(Connected):
    """What the timeline and the overview strip read, window by window."""

    _extent_cache: tuple[tuple[Any, int], tuple[int, int] | None] | None

    def events_in(
        self,
        start: int,
        end: int,
        *,
        lane_mode: LaneMode = LaneMode.PARTY,
        limit: int | None = None,
        lengths: Literal["all", "short", "long"] = "all",
    ) -> list[EventMark]:
        """Events overlapping [start, end] (seconds, both ends included), earliest first, at
        most `limit` of them (the earliest-starting ones); only the short ones (no longer than
        LONG_EVENT_SECONDS) or only the long and ongoing ones with `lengths`.

        Short events are found by a bounded index range on `earliest`; long ones through
        their own partial index; each side stops at `limit`, and lanes are fetched for the
        returned events only. That keeps the cost proportional to what is returned.
        """
        # Each length class from its covering index (no table rows), bounded by its longest
        # duration; SQLite merges the arms in C (MERGE (UNION ALL)) and stops at the limit.
        # Ordering by `earliest` alone lets every arm stream from its index; ties at the limit
        # are cut in index order, and the rows kept are then put in (earliest, id) order here.
        arms = [
            "SELECT earliest, id, latest, flags, category_id, lanes, title FROM events "
            f"WHERE length_class = {index} {'AND length_class > 0 ' if index else ''}"
            f"AND earliest BETWEEN :low{index} AND :end AND latest >= :start"
            for index in range(len(LENGTH_CLASS_SECONDS))
        ]
        arms.append(
            "SELECT earliest, id, latest, flags, category_id, lanes, title FROM events "
            f"WHERE length_class = {len(LENGTH_CLASS_SECONDS)} AND length_class > 0 "
            "AND earliest <= :end AND latest >= :start")
        arms = {"all": arms, "short": arms[:1], "long": arms[1:]}[lengths]
        params: dict[str, int] = {"start": start, "end": end,
                                  "limit": -1 if limit is None else max(limit, 0)}
        for index, longest in enumerate(LENGTH_CLASS_SECONDS):
            params[f"low{index}"] = start - longest  # (names an arm left out goes unused)
        rows = self._rows(" UNION ALL ".join(arms) + " ORDER BY earliest LIMIT :limit", params)
        rows.sort()  # by (earliest, id): ids are unique, so no further column is compared
        return self._marks(rows, lane_mode)

    def marks_starting(self, ranges: Sequence[tuple[int, int]], *,
                       lane_mode: LaneMode = LaneMode.PARTY) -> list[EventMark]:
        """Events starting in any of the disjoint [start, end) ranges, earliest first (the timeline
        fetches the quiet stretches of a crowded window this way)."""
        if not ranges:
            return []
        # One index range per stretch (a join over the list: SQLite's plan for the same
        # stretches OR'ed together took 395 ms for 40 of them at 1M, this one 2 ms).
        rows = self._rows(
            "SELECT e.earliest, e.id, e.latest, e.flags, e.category_id, e.lanes, e.title "
            "FROM json_each(?) r JOIN events e "
            "ON e.earliest >= json_extract(r.value, '$[0]') "
            "AND e.earliest < json_extract(r.value, '$[1]') ORDER BY e.earliest, e.id",
            [json.dumps([list(r) for r in ranges])])
        return self._marks(rows, lane_mode)

    def lane_density(self, start: int, step: int, bins: int, *, lane_mode: LaneMode,
                     lanes: Sequence[int]) -> dict[int | None, dict[int, int]]:
        """How many events of each lane start in each of `bins` slices of `step` seconds from
        `start`: {lane: {bin: count}}, and under None those of events in none of `lanes`
        (an event counts once in each of its lanes). Empty bins are left out. Slices of 8
        days or more are read from the per-lane pyramid (placed as `density` places them);
        narrower ones are counted from the events."""
        end = start + step * bins
        params = {"start": start, "end": end, "step": step, "lanes": json.dumps(list(lanes))}
        out: dict[int | None, dict[int, int]] = {}
        total = {b: n for b, n in enumerate(self.density(start, end, bins)) if n}
        usable = [COUNT_WIDTHS[level] for level in LANE_COUNT_LEVELS
                  if COUNT_WIDTHS[level] <= step]
        if usable and self._version() >= 5:
            # From the per-lane pyramid: each bucket counted in the bin holding its start, as
            # density() does. "Other" is what the lanes do not count, which misses an event
            # in two of them (an estimate: the union of lanes cannot be summed from counts).
            width = usable[-1]
            params.update(level=COUNT_WIDTHS.index(width), width=width,
                          mode=_PARTY_LANE if lane_mode is LaneMode.PARTY else _CATEGORY_LANE,
                          first=-(-start // width), last=(end - 1) // width)
            for lane, bin_, n in self._rows(
                    "SELECT lane, (bucket * :width - :start) / :step AS bin, sum(n) "
                    "FROM lane_counts WHERE mode = :mode AND level = :level "
                    "AND lane IN (SELECT value FROM json_each(:lanes)) "
                    "AND bucket BETWEEN :first AND :last "
                    "GROUP BY lane, bin", params):
                out.setdefault(lane, {})[bin_] = n
            in_lanes: dict[int, int] = {}
            for by_bin in out.values():
                for b, n in by_bin.items():
                    in_lanes[b] = in_lanes.get(b, 0) + n
            other = {b: n - in_lanes.get(b, 0) for b, n in total.items()
                     if n > in_lanes.get(b, 0)}
            if other:
                out[None] = other
            return out
        if lane_mode is LaneMode.PARTY:
            lane_sql = ("SELECT party_id, (earliest - :start) / :step AS bin, "
                        "count(DISTINCT event_id) FROM participations WHERE party_id IN "
                        "(SELECT value FROM json_each(:lanes)) AND earliest >= :start "
                        "AND earliest < :end GROUP BY party_id, bin")
            union_sql = ("SELECT (earliest - :start) / :step AS bin, count(DISTINCT event_id) "
                         "FROM participations WHERE party_id IN "
                         "(SELECT value FROM json_each(:lanes)) AND earliest >= :start "
                         "AND earliest < :end GROUP BY bin")
        else:
            lane_sql = ("SELECT category_id, (earliest - :start) / :step AS bin, count(*) "
                        "FROM events WHERE category_id IN (SELECT value FROM json_each(:lanes)) "
                        "AND earliest >= :start AND earliest < :end GROUP BY category_id, bin")
            union_sql = ("SELECT (earliest - :start) / :step AS bin, count(*) FROM events "
                         "WHERE category_id IN (SELECT value FROM json_each(:lanes)) "
                         "AND earliest >= :start AND earliest < :end GROUP BY bin")
        for lane, bin_, n in self._rows(lane_sql, params):
            out.setdefault(lane, {})[bin_] = n
        in_lanes = dict(self._rows(union_sql, params))
        other = {b: n - in_lanes.get(b, 0) for b, n in total.items() if n > in_lanes.get(b, 0)}
        if other:
            out[None] = other
        return out

    @staticmethod
    def _marks(rows: Sequence[Sequence[Any]], lane_mode: LaneMode) -> list[EventMark]:
        make = EventMark._make  # (a window brings up to ~12,000: the per-row cost counts)
        if lane_mode is LaneMode.PARTY:
            return [make((id_, title, earliest, latest, *_FLAG_BITS[flags & 15],
                          () if lanes is None else tuple(map(int, lanes.split(",")))))
                    for earliest, id_, latest, flags, _, lanes, title in rows]
        return [make((id_, title, earliest, latest, *_FLAG_BITS[flags & 15],
                      () if category_id is None else (category_id,)))
                for earliest, id_, latest, flags, category_id, _, title in rows]

    def count_in(self, start: int, end: int) -> int:
        """How many events overlap [start, end]: what `events_in(start, end)` would return
        without a limit. Those starting inside come from the count pyramid; those starting
        before and still running from the two indexes events_in uses."""
        if end < start:
            return 0
        inside = self._count_starting(start, end + 1)
        before = 0
        for index in range(LENGTH_CLASSES):
            longest = LENGTH_CLASS_SECONDS[index] if index < len(LENGTH_CLASS_SECONDS) else None
            before += int(self._scalar(
                "SELECT count(*) FROM events WHERE length_class = :class "
                f"{'AND length_class > 0 ' if index else ''}"
                "AND earliest >= :low AND earliest < :start AND latest >= :start",
                {"class": index, "start": start,
                 "low": start - longest if longest is not None else -OPEN_END}))
        return inside + int(before)

    def lanes(self, mode: LaneMode, *, limit: int | None = None) -> list[Lane]:
        """Lanes of a mode that hold events, busiest first (then by name); the first `limit`."""
        if mode is LaneMode.PARTY:
            sql = ("SELECT p.id, p.name, c.events FROM party_counts c "
                   "JOIN parties p ON p.id = c.party_id WHERE c.events > 0 "
                   "ORDER BY c.events DESC, p.name LIMIT ?")
        else:
            sql = ("SELECT c.id, c.name, (SELECT count(*) FROM events e "
                   "WHERE e.category_id = c.id) AS n FROM categories c WHERE n > 0 "
                   "ORDER BY n DESC, c.name LIMIT ?")
        return [Lane(*row) for row in self._rows(sql, [-1 if limit is None else limit])]

    def lane_names(self, mode: LaneMode, ids: Sequence[int]) -> dict[int, str]:
        """Names of a few lanes (party or category ids) by id; unknown ids are left out."""
        table = "parties" if mode is LaneMode.PARTY else "categories"
        if not ids:
            return {}
        return dict(self._rows(
            f"SELECT id, name FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))]))

    def eras_in(self, start: int, end: int) -> list[Era]:
        rows = self._rows(
            "SELECT id, key, name, edtf, color FROM eras WHERE earliest <= ? AND latest >= ? "
            "ORDER BY earliest, id",
            [end, start],
        )
        return [Era(id=r[0], key=r[1], name=r[2], when=parse_stored(r[3]), color=r[4])
                for r in rows]

    def density(self, start: int, end: int, bins: int) -> list[int]:
        """How many events start in each of `bins` equal slices of [start, end).

        Bins narrower than a day are counted from the events themselves. Otherwise the counts
        come from the pyramid level with the widest bucket no wider than a bin: every event
        is counted in the bin holding max(start of its bucket, `start`). So the total is exact
        (the buckets cut by `start` and `end` are counted exactly), and a bin edge that falls
        inside a bucket moves that bucket's events into the bin before: exact whenever bin
        edges fall on bucket edges. `density_bucket` tells which bucket width is used.
        """
        counts = [0] * max(bins, 0)
        if bins <= 0 or end <= start:
            return counts
        span = end - start
        width = self.density_bucket(start, end, bins)
        if width is None:
            rows = self._rows(
                "SELECT earliest FROM events WHERE earliest >= ? AND earliest < ?", [start, end])
            for (earliest,) in rows:
                counts[(earliest - start) * bins // span] += 1
            return counts
        level = COUNT_WIDTHS.index(width)
        first, last = start // width, (end - 1) // width
        low, high = first, last
        if first * width < start:  # the bucket cut by `start`: only its part from start
            low = first + 1
            counts[0] += self._count_starting(start, min(end, (first + 1) * width))
        if last >= low and (last + 1) * width > end:  # the bucket cut by `end`
            high = last - 1
            counts[(last * width - start) * bins // span] += self._count_starting(
                last * width, end)
        if high >= low and abs(high * width - start) * bins < 2**62:
            # Summed by bin in SQL (no int64 overflow possible at these magnitudes).
            for index, n in self._rows(
                "SELECT ((bucket * :width - :start) * :bins) / :span AS bin, sum(n) "
                "FROM event_counts WHERE level = :level AND bucket BETWEEN :low AND :high "
                "GROUP BY bin",
                {"width": width, "start": start, "bins": bins, "span": span, "level": level,
                 "low": low, "high": high},
            ):
                counts[index] += n
        elif high >= low:
            for bucket, n in self._rows(
                "SELECT bucket, n FROM event_counts WHERE level = ? AND bucket BETWEEN ? AND ?",
                [level, low, high],
            ):
                counts[(bucket * width - start) * bins // span] += n
        return counts

    @staticmethod
    def density_bucket(start: int, end: int, bins: int) -> int | None:
        """The pyramid bucket width (seconds) `density` reads for these bins, or None when
        it counts the events themselves (bins narrower than a day)."""
        if bins <= 0 or end <= start:
            return None
        usable = [w for w in COUNT_WIDTHS if w * bins <= end - start]
        return usable[-1] if usable else None

    def _count_starting(self, low: int, high: int) -> int:
        """Exact count of events with low <= earliest < high, from the pyramid: whole buckets
        at the coarsest levels that fit, events themselves only for the partial days."""
        if high <= low:
            return 0
        day = COUNT_BASE
        first_day, last_day = -(-low // day), high // day  # whole days [first_day, last_day)
        live = "SELECT count(*) FROM events WHERE earliest >= ? AND earliest < ?"
        if first_day >= last_day:
            return int(self._scalar(live, [low, high]))
        total = int(self._scalar(live, [low, first_day * day]))
        total += int(self._scalar(live, [last_day * day, high]))
        lo, hi = first_day, last_day  # buckets [lo, hi) at `level`
        ranges: list[tuple[int, int, int]] = []
        for level in range(COUNT_LEVELS):
            up_lo, up_hi = -(-lo // COUNT_FANOUT), hi // COUNT_FANOUT
            if level == COUNT_LEVELS - 1 or up_lo >= up_hi:
                ranges.append((level, lo, hi))
                break
            ranges.append((level, lo, up_lo * COUNT_FANOUT))
            ranges.append((level, up_hi * COUNT_FANOUT, hi))
            lo, hi = up_lo, up_hi
        wanted = [r for r in ranges if r[1] < r[2]]
        if wanted:
            total += int(self._scalar(
                "SELECT coalesce(sum(c.n), 0) FROM json_each(?) r JOIN event_counts c "
                "ON c.level = json_extract(r.value, '$[0]') "
                "AND c.bucket >= json_extract(r.value, '$[1]') "
                "AND c.bucket < json_extract(r.value, '$[2]')", [json.dumps(wanted)]))
        return total

    def extent(self) -> tuple[int, int] | None:
        """(earliest start, latest known bound) over all events; ongoing ends are ignored.

        From the indexes: the latest end of each length class can only lie among the events
        that start within that class's longest duration of the last start. Cached until the
        store changes (the overview and zoom-to-fit ask often).
        """
        version = (self._scalar("PRAGMA data_version"), self._conn.total_changes)
        if self._extent_cache is not None and self._extent_cache[0] == version:
            return self._extent_cache[1]
        first = self._scalar("SELECT min(earliest) FROM events")
        result: tuple[int, int] | None = None
        if first is not None:
            last = int(self._scalar("SELECT max(earliest) FROM events"))
            ends = [last]
            for index, longest in enumerate(LENGTH_CLASS_SECONDS):
                ends.append(self._scalar(
                    "SELECT max(latest) FROM events WHERE length_class = ? "
                    f"{'AND length_class > 0 ' if index else ''}AND earliest >= ?",
                    [index, last - longest]) or last)
            ends.append(self._scalar(
                "SELECT max(latest) FROM events WHERE length_class = ? AND length_class > 0 "
                "AND latest < ?", [len(LENGTH_CLASS_SECONDS), OPEN_END]) or last)
            result = (int(first), int(max(ends)))
        self._extent_cache = (version, result)
        return result
