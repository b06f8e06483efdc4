"""The timeline canvas: lanes of events drawn by one paintEvent from a windowed store query.

No Qt object per event: each repaint lays out the marks in hand for the visible window, draws them,
and keeps a compact list of the rectangles it drew for hit-testing. The maths (scale, ticks,
packing) lives in models.timescale.

Nothing is fetched while painting. A change of view schedules one fetch on a zero-timer; until it
runs, paints draw what is in hand at the new scale (marks and density bins carry their times), and
requests made in between are coalesced into the latest window. Windows are fetched with a margin
of a view width on each side, so panning within it asks the store for nothing. Above MARK_BUDGET
events in view the view shows density bars; density fades in behind the marks as the count nears
the budget, so the switch does not jump. Lanes are the busiest parties (or categories) in view,
pinned lanes first.
"""

from __future__ import annotations

import heapq
import html
import math
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from gui.timeline.fetcher import (
    DENSITY_BIN_PX,
    EMPTY_LANE_H,
    FADE_FROM,
    FADE_PX,
    FETCH_LIMIT,
    LABEL_GAP,
    MARK_BUDGET,
    MAX_LABEL_PX,
    MAX_LANES,
    MAX_ROWS_PER_LANE,
    OVERFLOW_H,
    ROWS_PER_LANE,
    SPANNING_PER_LANE,
    TimelineSource,
    _Bins,
    _density_bins,
    _fetch_window,
    _optional,
    _Window,
)
from gui.timeline.lane_menu import lane_menu
from gui.timeline.painter import LANE_HUES, TimelinePainting, _LaneLayout, lane_color
from gui.worker import LatestOnlyWorker
from models.dates import OPEN_END
from models.domain import Era, EventMark, Lane, LaneMode
from models.timescale import (
    TIME_LIMIT,
    TickUnit,
    TimeScale,
    fit,
    pack_marks,
    showing,
)


class TimelineView(TimelinePainting, QWidget):
    """Events in lanes over a zoomable, pannable time axis."""

    event_clicked = Signal(int)
    scale_changed = Signal()

    def __init__(self, source: TimelineSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exporting = False  # painting for a file or a printer, not the screen
        self._source = source
        self._mode = LaneMode.PARTY
        self._selected: int | None = None
        self._scale = fit(0, 86400 * 365 * 50, 800)
        self._requested: tuple[float, float] | None = None  # a span to keep showing on resize
        self._scroll_y = 0.0
        self._content_height = 0.0
        self._window: _Window | None = None  # the marks in hand
        self._bins: _Bins | None = None  # the density in hand
        self._lanes: list[Lane] | None = None  # the store's busiest lanes (MAX_LANES at most)
        self._names: dict[int, str] = {}  # lane names known, for the current mode
        self._wanted_names: set[int] = set()
        self._all_named = False  # every lane's name read (a source without lane_names)
        self._pinned: dict[LaneMode, dict[int, str]] = {mode: {} for mode in LaneMode}
        self._eras: list[Era] | None = None
        self._layout_lanes: list[_LaneLayout] = []  # the lanes of the last paint
        self._in_view = 0  # marks in view at the last paint
        self._layout_key: tuple[object, ...] = ()
        self._generation = 0  # counts changes of what is in hand (ids of objects get reused)
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_now)
        self._fetcher: LatestOnlyWorker | None = None
        self._no_reader = False
        self._request = 0  # the newest window request; older answers are dropped
        self._in_flight = False
        self.fetches = 0  # windows fetched (for tests and benchmarks)
        self.paint_ms: deque[float] = deque(maxlen=4096)  # every paint's duration (benchmarks)
        self.fetch_ms: deque[float] = deque(maxlen=4096)  # each window fetched, in the worker
        self.land_ms: deque[float] = deque(maxlen=4096)  # GUI-thread work when a fetch lands
        self.marks_drawn = 0  # by the last paint
        self.labels_drawn = 0
        self._labels: dict[tuple[str, bool], tuple[str, float]] = {}
        self._hits: list[tuple[float, float, float, float, int]] = []
        self._unit: TickUnit | None = None  # the axis unit of the last paint
        self._hits_key: tuple[object, ...] = ()
        self._press: tuple[QPointF, TimeScale, float] | None = None
        self._dragged = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "Events in lanes along time. Wheel or plus and minus zoom, drag or arrow keys pan, "
            "Ctrl+arrows step through events, Home shows everything.")
        self.setMinimumSize(320, 160)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._set_fonts()
        self.zoom_to_fit()

    # -- public API ----------------------------------------------------------------------

    def scale(self) -> TimeScale:
        return self._scale

    def set_scale(self, scale: TimeScale) -> None:
        self._requested = None
        self._apply(scale)

    def lane_mode(self) -> LaneMode:
        return self._mode

    def set_lane_mode(self, mode: LaneMode) -> None:
        if mode is self._mode:
            return
        self._mode = mode
        self._invalidate_fetch()
        self._window = None
        self._lanes = None
        self._names = {}
        self._all_named = False
        self._scroll_y = 0.0
        self._schedule()
        self.update()

    def selected_event(self) -> int | None:
        return self._selected

    def select_event(self, event_id: int | None) -> None:
        if event_id != self._selected:
            self._selected = event_id
            self.update()

    def visible_span(self) -> tuple[int, int]:
        start, end = self._scale.span(self._width())
        return math.floor(start), math.ceil(end)

    def center_on(self, t: int) -> None:
        if self._requested is not None:
            half = (self._requested[1] - self._requested[0]) / 2
            self._requested = (t - half, t + half)
        self._apply(self._scale.centered(t, self._width()))

    def go_to(self, span_start: int, span_end: int) -> None:
        """Show [span_start, span_end] across the width (within the zoom limits)."""
        self._requested = (float(span_start), float(max(span_end, span_start)))
        self._apply(showing(*self._requested, self._width()))

    def zoom_to_fit(self) -> None:
        extent = self._source.extent()
        if extent is None:
            now = time.time()
            extent = (int(now) - 10 * 31_556_952, int(now))
        margin = (extent[1] - extent[0]) * 0.04
        if extent[1] == extent[0]:
            margin = 15 * 86400
        self.go_to(math.floor(extent[0] - margin), math.ceil(extent[1] + margin))

    def zoom_by(self, factor: float, around_x: float | None = None) -> None:
        """Multiply the seconds shown by `factor` (0.5 zooms in twofold) around x (the centre)."""
        x = self._width() / 2 if around_x is None else around_x
        self._requested = None
        self._apply(self._scale.zoomed(factor, x))

    def reload(self) -> None:
        """The store changed: forget everything fetched and repaint."""
        self._invalidate_fetch()
        self._window = None
        self._bins = None
        self._lanes = None
        self._names = {}
        self._all_named = False
        self._eras = None
        self._generation += 1
        self._schedule()
        self.update()

    def pinned_lanes(self) -> dict[int, str]:
        """Lanes pinned on top in the current lane mode: {id: name}, in pinning order."""
        return dict(self._pinned[self._mode])

    def pin_lane(self, lane_id: int, name: str | None = None) -> None:
        pinned = self._pinned[self._mode]
        if lane_id not in pinned:
            pinned[lane_id] = name or self._names.get(lane_id, "…")
            self.update()

    def unpin_lane(self, lane_id: int) -> None:
        if self._pinned[self._mode].pop(lane_id, None) is not None:
            self.update()

    def lane_order(self) -> list[int | None]:
        """The lanes of the last paint, top to bottom (None: the "Other" lane)."""
        return [lane.lane_id for lane in self._layout_lanes]

    def fetch_pending(self) -> bool:
        return self._fetch_timer.isActive() or self._in_flight

    def flush_fetch(self) -> None:
        """Run a scheduled or in-flight fetch now, here (before hit-testing, in tests, for
        screenshots)."""
        if self._fetch_timer.isActive() or self._in_flight:
            self._fetch_timer.stop()
            self._fetch_now(sync=True)

    # -- state ---------------------------------------------------------------------------

    def _width(self) -> int:
        return max(self.width(), 1)

    def _apply(self, scale: TimeScale) -> None:
        if scale != self._scale:
            self._scale = scale
            self._schedule()
            self.update()
            self.scale_changed.emit()

    def _set_fonts(self) -> None:
        self._font = QFont(self.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._small = QFont(self._font)
        self._small.setPointSizeF(max(self._font.pointSizeF() * 0.85, 6.0))
        self._small_bold = QFont(self._small)
        self._small_bold.setBold(True)
        self._fm = QFontMetricsF(self._font)
        self._fm_bold = QFontMetricsF(self._bold)
        self._fm_small = QFontMetricsF(self._small)
        self._fm_small_bold = QFontMetricsF(self._small_bold)
        self._row_h = math.ceil(self._fm.height()) + 8
        self._axis_h = math.ceil(self._fm_small.height() + self._fm.height()) + 10
        self._era_h = math.ceil(self._fm_small.height()) + 6
        self._lane_head = math.ceil(self._fm_small.height()) + 2
        self._labels.clear()
        self._axis_widths: dict[str, float] = {}
        self._layout_key = ()  # row heights changed

    def _label(self, title: str, bold: bool) -> tuple[str, float]:
        """The (elided) label of a title and its width, cached: measuring is the costly part."""
        key = (title, bold)
        hit = self._labels.get(key)
        if hit is None:
            fm = self._fm_bold if bold else self._fm
            text = title.replace("\n", " ")
            width = fm.horizontalAdvance(text)
            if width > MAX_LABEL_PX:
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, MAX_LABEL_PX)
                width = fm.horizontalAdvance(text)
            if len(self._labels) > 3 * FETCH_LIMIT:  # forget the older half
                for old in list(self._labels)[:len(self._labels) // 2]:
                    del self._labels[old]
            hit = self._labels[key] = (text, width)
        return hit

    def _axis_width(self, text: str, bold: bool = False) -> float:
        key = ("b" if bold else "r") + text
        width = self._axis_widths.get(key)
        if width is None:
            if len(self._axis_widths) > 2000:
                self._axis_widths.clear()
            fm = self._fm_small_bold if bold else self._fm_small
            width = self._axis_widths[key] = fm.horizontalAdvance(text)
        return width

    def _era_list(self) -> list[Era]:
        if self._eras is None:
            limit = int(TIME_LIMIT)
            self._eras = list(self._source.eras_in(-limit, limit))
        return self._eras

    # -- fetching (never while painting) -------------------------------------------------

    def _covers(self, window: _Window | None, start: int, end: int) -> bool:
        """Whether the window in hand serves a view of [start, end]."""
        if window is None or window.mode is not self._mode:
            return False
        if window.start > start or window.end < end:
            return False
        length = max(end - start, 1)
        if window.dense:  # zoomed in since: there may be few enough to draw now
            return length >= window.view_len
        return window.end - window.start <= 6 * length  # zoomed far in: a tighter window

    def _bin_step(self) -> int:
        return max(math.ceil(self._scale.seconds_per_px * DENSITY_BIN_PX), 1)

    def _bins_cover(self, start: int, end: int) -> bool:
        bins = self._bins
        if bins is None or bins.t0 > start or bins.end < end:
            return False
        return 0.75 <= bins.step / self._bin_step() <= 1.5

    @staticmethod
    def _blend(in_view: int) -> float:
        """How strongly density shows behind marks: 0 below FADE_FROM of the budget, 1 at it."""
        return min(max((in_view / MARK_BUDGET - FADE_FROM) / (1 - FADE_FROM), 0.0), 1.0)

    def _wants_density(self, window: _Window | None) -> bool:
        if window is None:
            return False
        return window.dense or self._blend(max(window.count or 0, self._in_view)) > 0

    def _schedule(self) -> None:
        """Ask for a fetch on the next turn of the event loop, unless what is in hand will do.
        Requests made before it runs are coalesced: it fetches the view as it is then."""
        start, end = self.visible_span()
        window = self._window
        stale = (not self._covers(window, start, end)
                 or (self._wants_density(window) and not self._bins_cover(start, end))
                 or (self._lanes is None))
        if stale and not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _fetch_now(self, *, sync: bool = False) -> None:
        """Bring what is in hand up to the view. A new window of marks is fetched by the
        worker when the source has one (stale requests are interrupted and dropped), else
        (and with sync=True) here; the small rest (lanes, names, density) always here."""
        start, end = self.visible_span()
        length = max(end - start, 1)
        if self._lanes is None:
            self._lanes = self._top_lanes()
            for lane in self._lanes:
                self._names[lane.id] = lane.name
        if not self._covers(self._window, start, end):
            worker = None if sync else self._worker()
            if worker is not None:
                self._request += 1
                mode = self._mode

                def job(reader: TimelineSource, emit: Callable[[object], None]) -> None:
                    began = time.perf_counter()
                    window = _fetch_window(reader, start, end, length, mode)
                    self.fetch_ms.append((time.perf_counter() - began) * 1000)
                    emit(window)

                self._in_flight = True
                worker.submit(self._request, job)
                return
            self._request += 1  # whatever the worker still brings is older than this
            self._in_flight = False
            self._install(_fetch_window(self._source, start, end, length, self._mode))
        if self._wants_density(self._window) and not self._bins_cover(start, end):
            self._bins = _density_bins(self._source, start, end, self._bin_step())
        if self._wanted_names:
            self._fetch_names(self._wanted_names)
            self._wanted_names = set()
        self._generation += 1
        self.update()

    def _install(self, window: _Window) -> None:
        self._window = window
        self.fetches += 1
        self._name_busiest(window.marks)

    def _worker(self) -> LatestOnlyWorker | None:
        """The fetch worker, started on first use; None when the source has no reader
        (an in-memory store, a fake)."""
        if self._fetcher is None and not self._no_reader:
            opener = _optional(self._source, "open_reader")
            reader = opener() if opener is not None else None
            if reader is None:
                self._no_reader = True
                return None
            self._fetcher = LatestOnlyWorker(reader, "timeline-fetch")
            self._fetcher.bridge.result.connect(self._on_fetched)
            self._fetcher.bridge.failed.connect(self._on_fetch_failed)
            self.destroyed.connect(self._fetcher.stop)
        return self._fetcher

    def _on_fetched(self, number: int, window: object) -> None:
        if number != self._request or not isinstance(window, _Window):
            return  # superseded, or a lane mode / store that is no longer shown
        began = time.perf_counter()
        self._in_flight = False
        if window.mode is self._mode:
            self._install(window)
        self._fetch_now()  # the rest (density, names), or the next window if the view moved on
        self.land_ms.append((time.perf_counter() - began) * 1000)

    def _on_fetch_failed(self, number: int, message: str) -> None:
        if number == self._request:  # fetch here instead, so a real problem shows itself
            self._fetch_now(sync=True)

    def stop_fetching(self) -> None:
        """End the fetch worker and wait for it (before the application shuts down)."""
        self._fetch_timer.stop()  # a fetch still scheduled must not outlive the store
        self._invalidate_fetch()
        if self._fetcher is not None:
            self._fetcher.stop(wait=True)
            self._fetcher = None
        self._no_reader = True  # fetch here from now on, should anything still ask

    def _invalidate_fetch(self) -> None:
        """Drop whatever the worker is bringing: the lane mode or the store changed."""
        self._request += 1
        self._in_flight = False

    def _top_lanes(self) -> list[Lane]:
        try:
            lanes = self._source.lanes(self._mode, limit=MAX_LANES)  # type: ignore[call-arg]
        except TypeError:  # a source without the limit
            lanes = self._source.lanes(self._mode)
        return list(lanes)[:MAX_LANES]

    def _name_busiest(self, marks: Sequence[EventMark]) -> None:
        """Learn the names of the lanes busiest in a fresh window (the ones panning will show)."""
        counts: Counter[int] = Counter()
        for mark in marks:
            counts.update(mark.lanes)
        unknown = [lane for lane, _ in counts.most_common(5 * MAX_LANES)
                   if lane not in self._names]
        if unknown:
            self._fetch_names(unknown)

    def _fetch_names(self, ids: Sequence[int] | set[int]) -> None:
        lane_names = _optional(self._source, "lane_names")
        if lane_names is not None:
            self._names.update(lane_names(self._mode, sorted(ids)))
        elif not self._all_named:  # a source that only lists every lane: once per mode
            self._names.update((lane.id, lane.name) for lane in self._source.lanes(self._mode))
            self._all_named = True
        if len(self._names) > 20_000 and lane_names is not None:
            keep = {lane.id for lane in self._lanes or ()} | set(self._pinned[self._mode])
            self._names = {k: v for k, v in self._names.items() if k in keep}

    def _marks(self) -> _Window:
        """The window in hand (after any pending fetch when it does not cover the view)."""
        start, end = self.visible_span()
        if not self._covers(self._window, start, end):
            self.flush_fetch()
            if not self._covers(self._window, start, end):
                self._fetch_now(sync=True)
        assert self._window is not None
        return self._window

    def _in_hand(self) -> _Window:
        """What to paint: the window in hand, whatever the view (an empty one before the first)."""
        if self._window is None or self._window.mode is not self._mode:
            return _Window(0, 0, self._mode, [], False, 0, 0)
        return self._window

    # -- layout --------------------------------------------------------------------------

    def _layout(self, marks: Sequence[EventMark], dark: bool) -> list[_LaneLayout]:
        """Lanes with their marks packed into rows, in content coordinates."""
        width = self._width()
        scale = self._scale
        t_left = scale.t_of(-MAX_LABEL_PX - 20)
        t_right = scale.t_of(width)
        visible = [m for m in marks if m.earliest <= t_right and m.latest >= t_left]
        # Marks that started before the view and run past it have no place in it: a few per
        # lane show (the latest to start), and they do not count towards a lane's busyness.
        t_start = scale.start
        local = [m for m in visible if m.earliest >= t_start or m.latest <= t_right]
        self._in_view = len(local)
        lanes = self._choose_lanes(local if local else visible)
        index = {lane_id: i for i, (lane_id, _, _) in enumerate(lanes)}
        per_lane: list[list[EventMark]] = [[] for _ in range(len(lanes) + 1)]
        pinned = self._pinned[self._mode]
        for mark in visible:
            placed = False
            for mark_lane in mark.lanes:
                i = index.get(mark_lane)
                if i is not None:
                    per_lane[i].append(mark)
                    placed = True
            if not placed:
                per_lane[-1].append(mark)
        if len(local) < len(visible):
            for k, lane_marks in enumerate(per_lane):
                spanning = [m.id for m in lane_marks if m.earliest < t_start and m.latest > t_right]
                if len(spanning) > SPANNING_PER_LANE:
                    hidden = set(spanning[:-SPANNING_PER_LANE])
                    per_lane[k] = [m for m in lane_marks if m.id not in hidden]
        other = "Other" if self._mode is LaneMode.PARTY else "Uncategorised"
        names: list[tuple[int | None, str, int]] = list(lanes)
        names.append((None, other, len(self._lanes or ())))
        out: list[_LaneLayout] = []
        top = 0.0
        radius = 5.0
        lane_geometry: list[tuple[int, int | None, str, list[Any]]] = []
        for (lane_id, name, i), lane_marks in zip(names, per_lane, strict=True):
            if lane_id is None and not lane_marks:
                continue
            if not lane_marks and lane_id in pinned:  # pinned, nothing in view: a thin header
                lane_geometry.append((i, lane_id, name, []))
                continue
            geometry = []
            for mark in lane_marks:
                bold = mark.id == self._selected
                text_w = self._label(mark.title, bold)[1]
                if mark.is_range:
                    x0 = max(scale.x_of(mark.earliest), -20.0)
                    x1 = (width + 20.0 if mark.open_end or mark.latest >= OPEN_END
                          else min(scale.x_of(mark.latest), width + 20.0))
                    x1 = max(x1, x0 + 4)
                    if x1 < 2:  # ended off to the left (kept in the window for its label)
                        continue
                    inner_left = max(x0, 0.0) + 6
                    if mark.fuzzy_start and x0 > -FADE_PX:  # keep the text off the faded start
                        inner_left = max(inner_left, x0 + min(FADE_PX, (x1 - x0) * 0.3) + 2)
                    if mark.open_end or inner_left + text_w + 6 <= min(x1, width):
                        label_x, label_right = inner_left, x1
                    else:
                        label_x = x1 + 5
                        label_right = label_x + text_w
                else:
                    x = scale.x_of(mark.earliest)
                    if x < -radius:  # off to the left: its label alone would only confuse
                        continue
                    x0, x1 = x - radius, x + radius
                    label_x = x1 + 4
                    label_right = label_x + text_w
                    if label_right > width - 2 and x0 - 4 - text_w >= 2:
                        # no room at the right edge: the label goes before the mark
                        label_x = x0 - 4 - text_w
                        geometry.append((mark, label_x, x0, x1, label_x, x1))
                        continue
                geometry.append((mark, x0, x0, x1, label_x, label_right))
            geometry.sort(key=lambda g: g[1])
            lane_geometry.append((i, lane_id, name, geometry))
        # Give lanes as many label rows as the view has room for, so labels are dropped only
        # when the view is really full (then lanes keep ROWS_PER_LANE and the view scrolls).
        view_h = self.height() - self._axis_h - (self._era_h if self._era_list() else 0)
        # The most rows a lane can have with everything fitting, found by bisection (the total
        # height grows with the rows allowed): most views fit at once, crowded ones take four packs.
        spans = [[(g[1], g[3], g[5]) for g in geometry] for _, _, _, geometry in lane_geometry]
        tried: dict[int, tuple[list[list[tuple[int, bool]]], bool]] = {}

        def pack(cap: int) -> tuple[list[list[tuple[int, bool]]], bool]:
            if cap not in tried:
                packed = [pack_marks(items, cap, LABEL_GAP) for items in spans]
                total = sum(self._lane_height(rows, lane_id in pinned) for rows, (_, lane_id, _, _)
                            in zip(packed, lane_geometry, strict=True))
                tried[cap] = (packed, total <= view_h)
            return tried[cap]

        low, high = ROWS_PER_LANE, MAX_ROWS_PER_LANE
        if not pack(high)[1]:
            while low < high - 1 and pack(low)[1]:  # pack(low) fits, pack(high) does not
                middle = (low + high) // 2
                if pack(middle)[1]:
                    low = middle
                else:
                    high = middle
            high = low
        packed = pack(high)[0]
        for (i, lane_id, name, geometry), rows in zip(lane_geometry, packed, strict=True):
            used = max((r for r, _ in rows), default=0) + 1
            height = self._lane_height(rows, lane_id in pinned)
            layout = _LaneLayout(lane_id, name, lane_color(i, dark), top, height, used)
            for (mark, _, x0, x1, label_x, _), (row, shown) in zip(geometry, rows, strict=True):
                layout.items.append((mark, row, shown, x0, x1, label_x))
            out.append(layout)
            top += height
        self._content_height = top
        return out

    def _choose_lanes(self, visible: Sequence[EventMark]) -> list[tuple[int, str, int]]:
        """(lane id, name, colour index) of the lanes to show: the pinned ones, then the busiest
        in view (MAX_LANES in all), in the store's order of busyness where it is known.

        Colours follow the store's order, so a lane keeps its colour as the view moves."""
        counts: Counter[int] = Counter()
        for mark in visible:
            counts.update(mark.lanes)
        pinned = self._pinned[self._mode]
        rank = {lane.id: i for i, lane in enumerate(self._lanes or ())}
        names = self._names
        free = [lane for lane in counts if lane not in pinned]
        room = max(MAX_LANES - len(pinned), 0)
        if len(free) > room:
            free = heapq.nsmallest(room, free,
                                   key=lambda lane: (-counts[lane], rank.get(lane, MAX_LANES)))
        free.sort(key=lambda lane: (rank.get(lane, MAX_LANES), -counts[lane],
                                    names.get(lane, ""), lane))
        out = []
        for lane in [*pinned, *free]:
            name = names.get(lane)
            if name is None:
                name = pinned.get(lane, "…")
                self._wanted_names.add(lane)
                self._fetch_timer.start()
            out.append((lane, name, rank.get(lane, MAX_LANES + lane % len(LANE_HUES))))
        return out

    def _lane_height(self, rows: Sequence[tuple[int, bool]], pinned: bool = False) -> float:
        if not rows and pinned:
            return self._lane_head + EMPTY_LANE_H
        used = max((r for r, _ in rows), default=0) + 1
        overflow = any(r < 0 for r, _ in rows)
        return self._lane_head + used * self._row_h + 4 + (OVERFLOW_H if overflow else 0)

    # -- hit-testing ---------------------------------------------------------------------

    def _paint_key(self) -> tuple[object, ...]:
        """What the geometry of a paint depends on."""
        return (self._scale, self.width(), self.height(), self._scroll_y, self._mode,
                self._selected, self._generation, len(self._names),
                tuple(self._pinned[self._mode]))

    def event_at(self, pos: QPointF | QPoint) -> int | None:
        """The id of the event drawn under pos by the last paint, or None."""
        self.flush_fetch()
        if self._hits_key != self._paint_key():
            self.grab()  # the view changed since it was last painted: lay it out again
        x, y = pos.x(), pos.y()
        for x0, y0, x1, y1, event_id in reversed(self._hits):
            if x0 <= x <= x1 and y0 <= y <= y1:
                return event_id
        return None

    def _mark_of(self, event_id: int) -> EventMark | None:
        if self._window is not None:
            for mark in self._window.marks:
                if mark.id == event_id:
                    return mark
        return None

    # -- interaction ---------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            event_id = self.event_at(event.pos())
            mark = self._mark_of(event_id) if event_id is not None else None
            if mark is None:
                QToolTip.hideText()
                event.ignore()
            else:
                # One small query on hover gives the date exactly as written.
                found = self._source.event(mark.id)
                when = found.when.display() if found is not None else ""
                # Escaped, so user text shows as typed (QToolTip would guess at rich text).
                tip = (f'<p style="white-space:pre-wrap">{html.escape(mark.title)}<br>'
                       f"{html.escape(when)}</p>")
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._set_fonts()
            self.update()
        return super().event(event)

    def lane_at(self, y: float) -> _LaneLayout | None:
        """The lane drawn at height y by the last paint (None: the axis, eras or below)."""
        lanes_top = self._axis_h + (self._era_h if self._era_list() else 0)
        if y < lanes_top:
            return None
        content_y = y - lanes_top + self._scroll_y
        for lane in self._layout_lanes:
            if lane.top <= content_y < lane.top + lane.height:
                return lane
        return None

    def lane_menu(self, lane: _LaneLayout) -> QMenu | None:
        """"Pin lane" / "Unpin lane" for a lane (None for the "Other" lane)."""
        return lane_menu(self, lane)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            lane = self.lane_at(event.pos().y())
        else:  # the menu key: the selected event's lane, else the top one
            lane = next((ln for ln in self._layout_lanes if any(
                item[0].id == self._selected for item in ln.items)), None)
            lane = lane or next(iter(self._layout_lanes), None)
        menu = self.lane_menu(lane) if lane is not None else None
        if menu is None:
            event.ignore()
            return
        menu.exec(event.globalPos())
        menu.deleteLater()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._requested is not None:
            self._apply(showing(*self._requested, self._width()))
        else:
            self.scale_changed.emit()
        self._schedule()

    def wheelEvent(self, event: QWheelEvent) -> None:
        pixel = event.pixelDelta()
        angle = event.angleDelta()
        x = event.position().x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Shift+wheel scrolls the lanes (keyboard: Up/Down)
            dy = pixel.y() if not pixel.isNull() else angle.y() / 120 * self._row_h * 2
            if dy == 0:  # some platforms turn Shift+wheel into a horizontal wheel
                dy = pixel.x() if not pixel.isNull() else angle.x() / 120 * self._row_h * 2
            self._scroll_by(-dy)
            event.accept()
            return
        if not pixel.isNull():  # trackpad: vertical zooms, horizontal pans
            dx, dy = pixel.x(), pixel.y()
            if abs(dx) > abs(dy):
                self._requested = None
                self._apply(self._scale.panned(-dx))
            elif dy:
                self.zoom_by(1.005 ** -dy, x)
        else:
            dx, dy = angle.x(), angle.y()
            if abs(dx) > abs(dy):
                self._requested = None
                self._apply(self._scale.panned(-dx / 120 * self._width() / 10))
            elif dy:
                self.zoom_by(1.25 ** (-dy / 120), x)
        event.accept()

    def _scroll_by(self, dy: float) -> None:
        view_h = self.height() - self._axis_h - (self._era_h if self._era_list() else 0)
        max_scroll = max(0.0, self._content_height - view_h)
        new = min(max(self._scroll_y + dy, 0.0), max_scroll)
        if new != self._scroll_y:
            self._scroll_y = new
            self.update()

    def step_selection(self, step: int) -> None:
        """Select the next (1) or previous (-1) event in time among those fetched for the view,
        bring it into view and emit event_clicked (Ctrl+Right / Ctrl+Left)."""
        window = self._marks()
        if window.dense or not window.marks:
            return
        order = sorted(window.marks, key=lambda m: (m.earliest, m.id))
        ids = [m.id for m in order]
        if self._selected in ids:
            i = ids.index(self._selected) + step
        else:  # start from the middle of the view
            middle = self._scale.t_of(self._width() / 2)
            i = next((n for n, m in enumerate(order) if m.earliest >= middle), len(order) - 1)
            i = i if step > 0 else max(i - 1, 0)
        if not 0 <= i < len(order):
            return
        mark = order[i]
        start, end = self.visible_span()
        if not start <= mark.earliest <= end:
            self.center_on(mark.earliest)
        self.select_event(mark.id)
        self.event_clicked.emit(mark.id)

    def scroll_offset(self) -> float:
        return self._scroll_y

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position(), self._scale, self._scroll_y)
            self._dragged = False
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            origin, scale, scroll = self._press
            delta = event.position() - origin
            if not self._dragged and (abs(delta.x()) + abs(delta.y())
                                      >= QApplication.startDragDistance()):
                self._dragged = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragged:
                self._requested = None
                self._apply(scale.panned(-delta.x()))
                self._scroll_y = scroll
                self._scroll_by(-delta.y())
            event.accept()
            return
        hovering = self.event_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if hovering
                       else Qt.CursorShape.OpenHandCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                event_id = self.event_at(event.position())
                if event_id is not None:
                    self.select_event(event_id)
                    self.event_clicked.emit(event_id)
            self._press = None
            self._dragged = False
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        width = self._width()
        cursor = self.mapFromGlobal(self.cursor().pos())
        around = cursor.x() if self.rect().contains(cursor) and self.underMouse() else width / 2
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if control and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_selection(1 if key == Qt.Key.Key_Right else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.event_clicked.emit(self._selected)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(0.5, around)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(2.0, around)
        elif key == Qt.Key.Key_Left:
            self._requested = None
            self._apply(self._scale.panned(-width / 8))
        elif key == Qt.Key.Key_Right:
            self._requested = None
            self._apply(self._scale.panned(width / 8))
        elif key == Qt.Key.Key_Up:
            self._scroll_by(-self._row_h * 2)
        elif key == Qt.Key.Key_Down:
            self._scroll_by(self._row_h * 2)
        elif key == Qt.Key.Key_PageUp:
            self._scroll_by(-(self.height() - self._axis_h))
        elif key == Qt.Key.Key_PageDown:
            self._scroll_by(self.height() - self._axis_h)
        elif key == Qt.Key.Key_Home:
            self.zoom_to_fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
