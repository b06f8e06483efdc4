"""Fetching for the timeline: what it reads from its source, and the windows of marks and
the density bins it keeps in hand. Nothing here paints."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

from models.domain import Era, Event, EventMark, Lane, LaneMode


class TimelineSource(Protocol):
    """What the timeline reads (models.store.Store provides it); times are int seconds.

    Optional, used when the source has them (see `_optional`): `lanes(mode, *, limit)`,
    `lane_names(mode, ids) -> dict`. (`count_in` is not used: see `_fetch_window`.)
    """

    def events_in(self, start: int, end: int, *, lane_mode: LaneMode = ...,
                  limit: int | None = ...) -> list[EventMark]: ...

    def lanes(self, mode: LaneMode) -> list[Lane]: ...

    def eras_in(self, start: int, end: int) -> list[Era]: ...

    def density(self, start: int, end: int, bins: int) -> list[int]: ...

    def extent(self) -> tuple[int, int] | None: ...

    def event(self, event_id: int) -> Event | None: ...


# More events than this starting in view: density bars instead of marks. Laying marks out is
# Python work on the GUI thread (~5 µs a mark); measured at 1M, 5,000 gave frame p95 35-40 ms
# when a new window lands, 2,500 gives ~19 ms.
MARK_BUDGET = 2500
LABEL_BUDGET = 1000  # labels drawn in one frame at most
FADE_FROM = 0.6  # from this share of MARK_BUDGET in view, density fades in behind the marks
# Marks fetched for one window (the view and its margins) at most. Long and ongoing events
# overlap every view (~8,700 in any modern view of the generated 1M store) and come first, so
# this must stay well above that or such views are taken for dense ones.
FETCH_LIMIT = 12_000
DENSITY_BIN_PX = 3  # the width of a density bar (a pixel narrower drawn)
MAX_LANES = 40  # further lanes' events go to "Other"
EMPTY_LANE_H = 4  # below the header of a pinned lane with nothing in view
SPANNING_PER_LANE = 3  # marks running through the whole view drawn in a lane at most
ROWS_PER_LANE = 4  # label rows a lane always gets
MAX_ROWS_PER_LANE = 12  # …and at most, when the view has room to spare
OVERFLOW_H = 9  # the strip under a lane's rows for marks with no room left in them
MAX_LABEL_PX = 320.0
LABEL_GAP = 8.0
FADE_PX = 28.0  # how far an uncertain end fades


@dataclass(slots=True)
class _Window:
    """Every event overlapping [start, end] in one lane mode, or (dense) none but their count.

    A dense window holds no marks: more than MARK_BUDGET events started in a view `view_len`
    long, so it stands for views inside [start, end] at least that long. `count` is the events
    starting in that view.
    """

    start: int
    end: int
    mode: LaneMode
    marks: list[EventMark]
    dense: bool
    count: int | None = None
    view_len: int = 0


@dataclass(slots=True)
class _Bins:
    """Density counts: counts[i] events start in [t0 + i * step, t0 + (i + 1) * step)."""

    t0: int
    step: int
    counts: list[int]

    @property
    def end(self) -> int:
        return self.t0 + self.step * len(self.counts)


def _optional(source: object, name: str) -> Any:
    """A method the source may not have (an older store, a small fake): the method or None."""
    return getattr(source, name, None)




def _fetch_window(source: TimelineSource, start: int, end: int, length: int,
                  mode: LaneMode) -> _Window:
    """The marks of the view and a view's width on each side (less when that is too many);
    a dense window when more than MARK_BUDGET events start in the view.

    The decision counts events *starting* in view (density(), from precomputed counts:
    ~0.2 ms at 1M), not count_in's events *overlapping* it: ongoing and long events overlap
    every view (~8,700 of them in any view after 2000 in a generated 1M store), carry no
    position in it and are drawn a few per lane, so they must not keep a view dense at
    every zoom. (count_in also costs 50-80 ms a call there, too much per window.)"""
    low, high = start - length, end + length
    starting = sum(source.density(start, end + 1, 1))
    if starting > MARK_BUDGET:
        return _Window(low, high, mode, [], True, starting, length)
    marks = _fetch(source, low, high, mode)
    if len(marks) >= FETCH_LIMIT:
        # ordered by start: complete up to just before the last one's start
        high = marks[-1].earliest - 1
        if high < end:
            low, high = start, end
            marks = _fetch(source, low, high, mode)
            if len(marks) >= FETCH_LIMIT:  # (long events crowd the view out)
                return _Window(low - length, high + length, mode, [], True, starting,
                               length)
    return _Window(low, high, mode, marks, False, starting, length)


def _fetch(source: TimelineSource, low: int, high: int, mode: LaneMode) -> list[EventMark]:
    return list(source.events_in(low, high, lane_mode=mode, limit=FETCH_LIMIT))


def _density_bins(source: TimelineSource, start: int, end: int, step: int) -> _Bins:
    """Density for the view and a view's width on each side, in bins of `step` seconds."""
    length = max(end - start, 1)
    t0 = (start - length) // step * step
    n = math.ceil((end + length - t0) / step)
    return _Bins(t0, step, list(source.density(t0, t0 + n * step, n)))


