"""Fetching for the timeline, and its layout: what it reads from its source, the window of
marks it keeps in hand, and the job that brings a window and lays it out (run by the fetch
worker, off the GUI thread, or here when there is no worker). Nothing here paints.
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from models.domain import Category, Era, Event, EventMark, Lane, LaneMode
from models.timeline.layout import CELL_PX, MAX_LANES, Content, Frame, Through, lay_out
from models.timeline.specs import Layout


class TimelineSource(Protocol):
    """What the timeline and the overview strip read (models.store.Store provides it, and the
    test fakes and benchmarks.big_source.BigSource); times are int seconds. Every method is
    called as it stands: there is nothing optional here."""

    def events_in(self, start: int, end: int, *, lane_mode: LaneMode = ...,
                  limit: int | None = ...,
                  lengths: Literal["all", "short", "long"] = ...) -> list[EventMark]: ...

    def marks_starting(self, ranges: Sequence[tuple[int, int]], *,
                       lane_mode: LaneMode = ...) -> list[EventMark]: ...

    def density(self, start: int, end: int, bins: int) -> list[int]: ...

    def lane_density(self, start: int, step: int, bins: int, *, lane_mode: LaneMode,
                     lanes: Sequence[int]) -> Mapping[int | None, Mapping[int, int]]: ...

    def lanes(self, mode: LaneMode, *, limit: int | None = ...) -> list[Lane]: ...

    def lane_names(self, mode: LaneMode, ids: Sequence[int]) -> dict[int, str]: ...

    def categories(self) -> list[Category]: ...

    def eras_in(self, start: int, end: int) -> list[Era]: ...

    def extent(self) -> tuple[int, int] | None: ...

    def event(self, event_id: int) -> Event | None: ...

    def open_reader(self) -> TimelineReader | None:
        """A reader of the same data for the fetch worker's thread; None when there is none
        (an in-memory store, a fake): then the timeline fetches on the GUI thread."""
        ...


class TimelineReader(TimelineSource, Protocol):
    """A source for one worker thread (gui.worker.LatestOnlyWorker): it can be interrupted
    from another thread and is closed when the worker ends."""

    def interrupt(self) -> None: ...

    def close(self) -> None: ...


# Marks fetched for one window (the view and a view's width on each side) at most. Long and
# ongoing events overlap every view (~8,700 in any modern view of the generated 1M store) and
# come with every window, so this stays well above that.
FETCH_LIMIT = 12_000
# More events than this starting in a window: it is fetched bin by bin (quiet bins' marks, and
# crowded bins counted per lane). Laying out a window costs ~2 µs a mark a layout, and a
# lane can show no more than a few hundred marks one by one anyway.
STARTING_LIMIT = 6_000
# A crowded window is fetched bin by bin (bins of one density cell): quiet bins' marks one by
# one, crowded bins as counts per lane. A bin is quiet at this many events or fewer.
QUIET_BIN = 24
MAX_QUIET_RUNS = 64  # quiet stretches fetched in one query at most (the rest are counted)


@dataclass(slots=True)
class Window:
    """What is in hand for [start, end] in one lane mode: every event overlapping it as a mark
    (complete), or, for a crowded window, the marks of its quiet stretches and per-lane counts
    of the crowded ones (`cells`, for `lanes` and None for events in none of them), in bins of
    `step` seconds, made for views about `view_len` long."""

    start: int
    end: int
    mode: LaneMode
    marks: list[EventMark]
    view_len: int
    cells: dict[int | None, list[tuple[int, int, int]]] = field(default_factory=dict)
    lanes: tuple[int, ...] | None = None
    step: int = 0
    long: LongMarks | None = None  # the long events in hand, for the windows after this one
    through: Through | None = None  # the marks running through all of it, apart from `marks`

    def all_marks(self) -> list[EventMark]:
        """Every mark in hand, in (earliest, id) order."""
        if self.through is None:
            return self.marks
        return list(heapq.merge(self.through.marks, self.marks,
                                key=lambda m: (m.earliest, m.id)))

    @property
    def complete(self) -> bool:
        return self.lanes is None

    def covers(self, mode: LaneMode, start: int, end: int) -> bool:
        """Whether this window serves a view of [start, end]."""
        if mode is not self.mode or self.start > start or self.end < end:
            return False
        length = max(end - start, 1)
        if not self.complete:  # counts are binned for one zoom
            return 0.66 <= length / max(self.view_len, 1) <= 1.5
        return self.end - self.start <= 6 * length  # zoomed far in: a tighter window


@dataclass(frozen=True, slots=True)
class LongMarks:
    """The long and ongoing events overlapping [start, end], fetched apart from the rest: they
    come with every window of recent years (~8,700 in the generated 1M store) but change
    little as the view moves, so one fetch serves many windows."""

    start: int
    end: int
    mode: LaneMode
    marks: list[EventMark]

    def serves(self, mode: LaneMode, low: int, high: int) -> bool:
        return (mode is self.mode and self.start <= low and self.end >= high
                and self.end - self.start <= 12 * max(high - low, 1))


def long_marks(source: TimelineSource, low: int, high: int, mode: LaneMode,
               known: LongMarks | None) -> LongMarks | None:
    """The long events for a window: those in hand when they cover it, else fetched for it and
    a window's width on each side. None when there are too many to keep (then windows fetch
    them with the rest)."""
    if known is not None and known.serves(mode, low, high):
        return known
    length = max(high - low, 1)
    found = source.events_in(low - length, high + length, lane_mode=mode, limit=FETCH_LIMIT,
                             lengths="long")
    if len(found) >= FETCH_LIMIT:
        return None
    return LongMarks(low - length, high + length, mode, list(found))


def fetch_window(source: TimelineSource, start: int, end: int, mode: LaneMode, cell_s: float,
                 lanes: Sequence[int], previous: Window | None = None) -> Window:
    """The marks of the view and a view's width on each side. When more start there than
    STARTING_LIMIT, the window is fetched bin by bin (see Window), counting per lane for
    `lanes`.
    The long events come from the previous window when it holds them for this one.
    """
    length = max(end - start, 1)
    low, high = start - length, end + length
    long = previous.long if previous is not None else None  # (kept for the next window)
    starting = sum(source.density(low, high + 1, 1))
    if starting <= STARTING_LIMIT:
        long = long_marks(source, low, high, mode, long)
        if long is None:
            marks = list(source.events_in(low, high, lane_mode=mode, limit=FETCH_LIMIT))
        else:
            short = source.events_in(low, high, lane_mode=mode, limit=FETCH_LIMIT,
                                     lengths="short")
            marks = list(heapq.merge(
                short, (m for m in long.marks if m.earliest <= high and m.latest >= low),
                key=lambda m: (m.earliest, m.id)))
        if len(marks) < FETCH_LIMIT:
            through, rest = Through.split(marks, low, high)
            return Window(low, high, mode, rest, length, long=long, through=through)
    step = max(math.ceil(cell_s), 1)
    t0 = low // step * step
    bins = math.ceil((high + 1 - t0) / step)
    counts = source.density(t0, t0 + bins * step, bins)
    quiet = [i for i, n in enumerate(counts) if 0 < n <= QUIET_BIN]
    runs = _runs(quiet)
    if len(runs) > MAX_QUIET_RUNS:  # keep the longest; the rest are counted like crowded ones
        runs = sorted(sorted(runs, key=lambda r: r[0] - r[1])[:MAX_QUIET_RUNS])
    fetched = {i for a, b in runs for i in range(a, b)}
    # Events that started before the window and run into it, then the quiet stretches.
    marks = [m for m in source.events_in(t0, t0, lane_mode=mode, limit=FETCH_LIMIT)
             if m.earliest < t0]
    if runs:
        marks += source.marks_starting([(t0 + a * step, t0 + b * step) for a, b in runs],
                                       lane_mode=mode)
    per_lane = source.lane_density(t0, step, bins, lane_mode=mode, lanes=list(lanes))
    cells: dict[int | None, list[tuple[int, int, int]]] = {}
    for lane, by_bin in per_lane.items():
        found = [(t0 + b * step, t0 + (b + 1) * step, n) for b, n in sorted(by_bin.items())
                 if b not in fetched and n > 0]
        if found:
            cells[lane] = found
    through, rest = Through.split(marks, t0, t0 + bins * step)
    return Window(t0, t0 + bins * step, mode, rest, length, cells, tuple(lanes), step, long,
                  through)


def _runs(indexes: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive indexes as [first, last + 1) runs."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


class FontMeasure:
    """Label widths for the layout, from the view's fonts, cached (measuring is the costly
    part). Made on the GUI thread, used by whichever thread lays out; its own metrics."""

    def __init__(self, font: QFont) -> None:
        bold = QFont(font)
        bold.setBold(True)
        self._metrics = (QFontMetricsF(font), QFontMetricsF(bold))
        self._widths: dict[tuple[str, bool], float] = {}

    def width(self, text: str, bold: bool = False) -> float:
        key = (text, bold)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) > 4 * FETCH_LIMIT:
                self._widths.clear()
            found = self._widths[key] = self._metrics[bold].horizontalAdvance(text)
        return found

    def elide(self, text: str, px: float, bold: bool = False) -> str:
        return self._metrics[bold].elidedText(text, Qt.TextElideMode.ElideRight, px)


@dataclass(frozen=True, slots=True)
class Request:
    """Everything a layout depends on, taken on the GUI thread when it is asked for."""

    frame: Frame
    mode: LaneMode
    pinned: tuple[int, ...]
    expanded: frozenset[int | None]
    selected: int | None
    other_name: str
    top_lanes: tuple[int, ...]  # the store's busiest lanes (counted in crowded windows)


@dataclass(frozen=True, slots=True)
class Result:
    request: Request
    window: Window
    layout: Layout
    names: dict[int, str]  # lane names learnt on the way
    ms: float  # how long the job took
    store_empty: bool = False  # nothing drawn because the store holds no events at all


def fetch_and_lay_out(source: TimelineSource, request: Request, window: Window | None,
                      names: Mapping[int, str], measure: FontMeasure) -> Result:
    """Bring the window up to the view when it does not cover it, learn the names of its
    lanes, and lay it out."""
    began = time.perf_counter()
    frame = request.frame
    start, end = frame.scale.span(frame.width)
    start_i, end_i = math.floor(start), math.ceil(end)
    if window is None or not window.covers(request.mode, start_i, end_i):
        counted = tuple(dict.fromkeys((*request.pinned, *request.top_lanes)))[:MAX_LANES]
        window = fetch_window(source, start_i, end_i, request.mode,
                              frame.scale.seconds_per_px * CELL_PX, counted, window)
    content = Content(window.marks, names, window.cells, window.lanes, request.pinned,
                      request.expanded, request.selected, request.other_name, window.through)
    layout = lay_out(content, frame, measure)
    learnt: dict[int, str] = {}
    unknown = [lane.lane_id for lane in layout.lanes
               if lane.lane_id is not None and lane.lane_id not in names]
    if unknown:
        learnt = source.lane_names(request.mode, sorted(unknown))
        lanes = tuple(replace(lane, name=learnt.get(lane.lane_id, lane.name))
                      if lane.lane_id is not None else lane for lane in layout.lanes)
        layout = replace(layout, lanes=lanes)
    empty = not layout.lanes and source.extent() is None  # (asked here, not while painting)
    return Result(request, window, layout, learnt, (time.perf_counter() - began) * 1000, empty)


def top_lanes(source: TimelineSource, mode: LaneMode) -> list[Lane]:
    """The busiest lanes (the ones a crowded window counts apart)."""
    return list(source.lanes(mode, limit=MAX_LANES))[:MAX_LANES]
