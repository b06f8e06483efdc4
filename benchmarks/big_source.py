"""A timeline source of a million events and 100,000 parties, made up on demand (no numpy, no
store): event i starts at t0 + i * step plus a jitter below step, so a time window maps to an index
range by arithmetic. Every tenth event is a range of up to 30 days. Parties are log-uniform (party
k is about 1/(k+1) as busy), as real stories are: a few very busy parties, a long tail.

It implements the timeline's whole source protocol (gui.timeline.TimelineSource), simply:
no event is longer than the store's LONG_EVENT_SECONDS, so every event is "short"; crowded bins
are not counted per lane (`lane_density` puts them all under None, "Other"); there are no eras
or category colours, and no reader (the timeline fetches on the GUI thread).

Used by benchmarks/timeline_paint.py and the scale tests in tests/gui.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from models.dates import civil_from_seconds, parse_edtf, seconds_from_civil
from models.domain import Category, Era, Event, EventMark, Lane, LaneMode

MAX_RANGE = 30 * 86400  # the longest event (shorter than the store's LONG_EVENT_SECONDS)
CATEGORIES = 12


def _mix(i: int) -> int:
    return (i * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF


class BigSource:
    def __init__(self, events: int = 1_000_000, parties: int = 100_000,
                 first_year: int = 1900, last_year: int = 2025) -> None:
        self.n = events
        self.parties = parties
        self.t0 = seconds_from_civil(first_year)
        self.step = max((seconds_from_civil(last_year) - self.t0) // events, 2)
        self.calls: list[tuple[str, int, int]] = []

    # -- the generator ---------------------------------------------------------------------

    def earliest(self, i: int) -> int:
        return self.t0 + i * self.step + _mix(i) % self.step

    def first_from(self, t: float) -> int:
        """The first index whose event starts at or after t (0..n)."""
        i = min(max(math.ceil((t - self.t0 - self.step) / self.step), 0), self.n)
        while i < self.n and self.earliest(i) < t:
            i += 1
        return i

    def _party(self, h: int) -> int:
        return min(int(self.parties ** ((h & 0xFFFF) / 65536)) - 1, self.parties - 1)

    def mark(self, i: int, mode: LaneMode = LaneMode.PARTY) -> EventMark:
        h = _mix(i * 7 + 3)
        earliest = self.earliest(i)
        is_range = h % 10 == 0
        latest = earliest + (h >> 8) % MAX_RANGE if is_range else earliest + 86399
        if mode is LaneMode.PARTY:
            lanes = tuple(sorted({self._party(h >> 4), self._party(h >> 16)}))
        else:
            lanes = (i % CATEGORIES,)
        return EventMark(i + 1, f"Event {i + 1} of party talks {h % 977}", earliest, latest,
                         is_range, False, h % 17 == 0, False, lanes)

    # -- the TimelineSource protocol -------------------------------------------------------

    def events_in(self, start: int, end: int, *, lane_mode: LaneMode = LaneMode.PARTY,
                  limit: int | None = None,
                  lengths: Literal["all", "short", "long"] = "all") -> list[EventMark]:
        if lengths == "long":  # none here
            self.calls.append(("long_events_in", start, end))
            return []
        self.calls.append(("events_in", start, end))
        out = []
        for i in range(self.first_from(start - MAX_RANGE), self.first_from(end + 1)):
            mark = self.mark(i, lane_mode)
            if mark.latest >= start:
                out.append(mark)
                if limit is not None and len(out) >= limit:
                    break
        return out

    def marks_starting(self, ranges: Sequence[tuple[int, int]], *,
                       lane_mode: LaneMode = LaneMode.PARTY) -> list[EventMark]:
        self.calls.append(("marks_starting", len(ranges), 0))
        return [self.mark(i, lane_mode) for start, end in sorted(ranges)
                for i in range(self.first_from(start), self.first_from(end))]

    def count_in(self, start: int, end: int) -> int:
        """Events starting in the window (the few ranges from before it are left out)."""
        self.calls.append(("count_in", start, end))
        return max(self.first_from(end + 1) - self.first_from(start), 0)

    def lanes(self, mode: LaneMode, *, limit: int | None = None) -> list[Lane]:
        count = self.parties if mode is LaneMode.PARTY else CATEGORIES
        shown = min(count, limit if limit is not None else count)
        names = self.lane_names(mode, range(shown))
        return [Lane(k, names[k], self.n // (k + 1)) for k in range(shown)]

    def lane_names(self, mode: LaneMode, ids: Sequence[int]) -> dict[int, str]:
        self.calls.append(("lane_names", 0, 0))
        word = "Party" if mode is LaneMode.PARTY else "Category"
        count = self.parties if mode is LaneMode.PARTY else CATEGORIES
        return {k: f"{word} {k}" for k in ids if 0 <= k < count}

    def categories(self) -> list[Category]:
        return sorted((Category(k, f"c{k}", f"Category {k}") for k in range(CATEGORIES)),
                      key=lambda c: c.name)

    def eras_in(self, start: int, end: int) -> list[Era]:
        return []

    def density(self, start: int, end: int, bins: int) -> list[int]:
        self.calls.append(("density", start, end))
        if bins <= 0 or end <= start:
            return [0] * max(bins, 0)
        edges = [self.first_from(start + (end - start) * b / bins) for b in range(bins + 1)]
        return [edges[b + 1] - edges[b] for b in range(bins)]

    def lane_density(self, start: int, step: int, bins: int, *, lane_mode: LaneMode,
                     lanes: Sequence[int]) -> dict[int | None, dict[int, int]]:
        """Every event under None ("Other"): counting lanes apart would mean making up each
        event of the window."""
        counts = self.density(start, start + step * bins, bins)
        return {None: {b: n for b, n in enumerate(counts) if n}}

    def extent(self) -> tuple[int, int] | None:
        return self.earliest(0), self.earliest(self.n - 1)

    def event(self, event_id: int) -> Event | None:
        if not 1 <= event_id <= self.n:
            return None
        mark = self.mark(event_id - 1)
        year, month, day, _, _ = civil_from_seconds(mark.earliest)
        when = parse_edtf(f"{year:04d}-{month:02d}-{day:02d}")
        return Event(mark.id, f"e{mark.id}", mark.title, when)

    def open_reader(self) -> None:
        return None
