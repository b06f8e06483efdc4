"""The timeline canvas: lanes of events along a zoomable, pannable time axis.

State and its changes live here; input in input.py, painting in painter.py. No Qt object per
event: a change of view asks (on a zero-timer, coalesced) for a layout of the view, which the
fetch worker makes off the GUI thread together with any fetch the view needs (fetcher.py,
models.timeline.layout). Until it lands, paints draw the last layout moved to the new scale.
Windows are fetched with a view's width on each side, so panning within them asks the store
for nothing.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

from gui.timeline.fetcher import (
    FontMeasure,
    Request,
    Result,
    TimelineReader,
    TimelineSource,
    Window,
    fetch_and_lay_out,
    top_lanes,
)
from gui.timeline.input import TimelineInput
from gui.timeline.painter import TimelinePainting
from gui.worker import LatestOnlyWorker
from models.domain import Era, EventMark, LaneMode
from models.errors import StoreError
from models.timeline.layout import Frame
from models.timeline.specs import EMPTY, Hit, Layout
from models.timescale import TIME_LIMIT, TimeScale, fit, showing

# While the view keeps moving, the next layout waits this long after one lands (a layout holds
# Python's lock in the worker; painting the last one moved to the new scale is cheap).
FOLLOW_UP_MS = 30


class TimelineView(TimelinePainting, TimelineInput):
    """Events in lanes over a zoomable, pannable time axis."""

    event_clicked = Signal(int)
    scale_changed = Signal()
    import_requested = Signal()  # the empty store's invitation was clicked
    add_event_requested = Signal(float)  # "Add event here": the time under the mouse

    def __init__(self, source: TimelineSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exporting = False  # painting for a file or a printer, not the screen
        self.can_add_events = True  # off for a read-only store
        self._source = source
        self._mode = LaneMode.PARTY
        self._selected: int | None = None
        self._scale = fit(0, 86400 * 365 * 50, 800)
        self._requested: tuple[float, float] | None = None  # a span to keep showing on resize
        self._scroll_y = 0.0
        self._window: Window | None = None  # the marks in hand
        self._layout: Layout = EMPTY  # the last layout, and what it was made for
        self._laid_for: Request | None = None
        self.store_empty = False  # as the last layout found it (what the empty view says)
        self._top: tuple[int, ...] | None = None  # the store's busiest lanes
        self._names: dict[int, str] = {}  # lane names known, for the current mode
        self._pinned: dict[LaneMode, dict[int, str]] = {mode: {} for mode in LaneMode}
        self._expanded: dict[LaneMode, set[int | None]] = {mode: set() for mode in LaneMode}
        self._colors: dict[int, str] | None = None  # categories' own colours
        self._eras: list[Era] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh)
        self._fetcher: LatestOnlyWorker | None = None
        self._no_reader = False
        self._request = 0  # the newest job; older answers are dropped
        self._in_flight: Request | None = None
        self.fetches = 0  # windows fetched (for tests and benchmarks)
        self.paint_ms: deque[float] = deque(maxlen=4096)  # every paint's duration (benchmarks)
        self.fetch_ms: deque[float] = deque(maxlen=4096)  # each job (fetch + layout), in the worker
        self.land_ms: deque[float] = deque(maxlen=4096)  # GUI-thread work when a job lands
        self.marks_drawn = 0  # by the last paint
        self.labels_drawn = 0
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
        self._forget()
        self._scroll_y = 0.0

    def selected_event(self) -> int | None:
        return self._selected

    def select_event(self, event_id: int | None) -> None:
        if event_id != self._selected:
            self._selected = event_id
            self._schedule()
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
        try:
            extent = self._source.extent()
        except StoreError:  # damage the store's check will name: show the last ten years
            extent = None
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
        """The store changed: forget everything fetched and lay the view out again."""
        self._eras = None
        self._colors = None
        self._forget()

    def set_source(self, source: TimelineSource) -> None:
        """Read from `source` from now on (the store seen through another filter): the fetch
        worker, which reads through the old one, is ended and made anew on first use."""
        if source is self._source:
            return
        if self._fetcher is not None:
            self._fetcher.stop(wait=False)
            self._fetcher = None
        self._no_reader = False
        self._source = source
        self.reload()

    def source(self) -> TimelineSource:
        return self._source

    def is_empty(self) -> bool:
        """Whether the store holds no events at all."""
        try:
            return self._source.extent() is None
        except StoreError:  # damaged, so not empty: the store's check names the damage
            return False

    def pinned_lanes(self) -> dict[int, str]:
        """Lanes pinned on top in the current lane mode: {id: name}, in pinning order."""
        return dict(self._pinned[self._mode])

    def pin_lane(self, lane_id: int, name: str | None = None) -> None:
        pinned = self._pinned[self._mode]
        if lane_id not in pinned:
            pinned[lane_id] = name or self._names.get(lane_id, "…")
            self._relayout()

    def unpin_lane(self, lane_id: int) -> None:
        if self._pinned[self._mode].pop(lane_id, None) is not None:
            self._relayout()

    def expand_lane(self, lane_id: int | None, expanded: bool = True) -> None:
        """Give a lane all the rows it needs ("+N more" clicked), or take them back."""
        lanes = self._expanded[self._mode]
        if (lane_id in lanes) != expanded:
            if expanded:
                lanes.add(lane_id)
            else:
                lanes.discard(lane_id)
            self._relayout()

    def lane_order(self) -> list[int | None]:
        """The lanes of the current layout, top to bottom (None: the "Other" lane)."""
        return [lane.lane_id for lane in self.current_layout().lanes]

    def current_layout(self) -> Layout:
        """The layout of the view as it is now (laid out here if the latest is not)."""
        if self._laid_for != self._wanted():
            self.flush_fetch()
            if self._laid_for != self._wanted():
                self._refresh(sync=True)
        return self._layout

    def fetch_pending(self) -> bool:
        return self._timer.isActive() or self._in_flight is not None

    def flush_fetch(self) -> None:
        """Run a scheduled or in-flight job now, here (before hit-testing, in tests, for
        screenshots)."""
        if self._timer.isActive() or self._in_flight is not None:
            self._timer.stop()
            self._refresh(sync=True)

    def hit_at(self, pos: QPointF | QPoint, *, wait: bool = True) -> Hit | None:
        """What is drawn under pos (an event, a density cell, a "+N more"), or None. With
        wait=False (hovering), nothing while the view's layout is still on its way."""
        y = pos.y() - self.lanes_top()
        if y < 0:
            return None
        if not wait and self._laid_for != self._wanted():
            return None
        layout = self.current_layout() if wait else self._layout
        return layout.hit_at(pos.x(), y + self._scroll_y)

    def event_at(self, pos: QPointF | QPoint) -> int | None:
        """The id of the event drawn under pos, or None."""
        hit = self.hit_at(pos)
        return hit.target if hit is not None and hit.kind == "event" else None

    def event_boxes(self) -> list[tuple[float, float, float, float, int]]:
        """(x0, y0, x1, y1, event id) of every event drawn, in widget coordinates."""
        dy = self.lanes_top() - self._scroll_y
        return [(h.x0, h.y0 + dy, h.x1, h.y1 + dy, h.target)
                for h in self.current_layout().hits if h.kind == "event" and h.target is not None]

    def lanes_top(self) -> int:
        return self._axis_h + (self._era_h if self._era_list() else 0)

    def lane_color_name(self, lane_id: int | None) -> str | None:
        """A category's own colour ("#rrggbb") in category mode, when it has one."""
        if self._mode is not LaneMode.CATEGORY or lane_id is None:
            return None
        if self._colors is None:
            self._colors = {c.id: c.color for c in self._source.categories() if c.color}
        return self._colors.get(lane_id)

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
        self._measure = FontMeasure(self._font)
        self._axis_widths: dict[str, float] = {}
        self._laid_for = None  # row heights changed

    def _era_list(self) -> list[Era]:
        if self._eras is None:
            limit = int(TIME_LIMIT)
            self._eras = list(self._source.eras_in(-limit, limit))
        return self._eras

    def _forget(self) -> None:
        """Drop what is in hand (the store or the lane mode changed) and lay out anew."""
        self._request += 1
        self._in_flight = None
        self._window = None
        self._laid_for = None
        self._top = None
        self._names = {}
        self._schedule()
        self.update()

    def _relayout(self) -> None:
        self._schedule()
        self.update()

    # -- fetching and layout (never while painting) ----------------------------------------

    def _wanted(self) -> Request:
        """What a layout of the view as it is now is made for."""
        frame = Frame(self._scale, float(self._width()),
                      float(max(self.height() - self.lanes_top(), 0)),
                      float(self._row_h), float(self._lane_head))
        if self._top is None:
            lanes = top_lanes(self._source, self._mode)
            self._top = tuple(lane.id for lane in lanes)
            self._names.update((lane.id, lane.name) for lane in lanes)
        other = "Other" if self._mode is LaneMode.PARTY else "Uncategorised"
        return Request(frame, self._mode, tuple(self._pinned[self._mode]),
                       frozenset(self._expanded[self._mode]), self._selected, other, self._top)

    def _schedule(self) -> None:
        """Ask for a layout on the next turn of the event loop; requests made before it runs
        are coalesced into the view as it is then."""
        if not self._timer.isActive() and self._in_flight is None:
            self._timer.start(0)  # (with a job in flight, its landing asks again)

    def _refresh(self, *, sync: bool = False) -> None:
        """Lay the view out (fetching first when the window in hand does not cover it): in
        the worker when the source has one, else (and with sync=True) here."""
        request = self._wanted()
        if request == self._laid_for or (not sync and self._in_flight is not None):
            return  # one job at a time: when it lands, the view as it is then is asked for
        window, names, measure = self._window, dict(self._names), self._measure
        worker = None if sync else self._worker()
        self._request += 1
        if worker is None:
            self._in_flight = None
            self._install(fetch_and_lay_out(self._source, request, window, names, measure))
            return

        def job(reader: TimelineReader, emit: Callable[[object], None]) -> None:
            emit(fetch_and_lay_out(reader, request, window, names, measure))

        self._in_flight = request
        worker.submit(self._request, job)

    def _install(self, result: Result) -> None:
        if result.request.mode is not self._mode:
            return
        if result.window is not self._window:
            self._window = result.window
            self.fetches += 1
        self._names.update(result.names)
        for lane_id, name in result.names.items():
            if lane_id in self._pinned[self._mode]:
                self._pinned[self._mode][lane_id] = name
        self._layout = result.layout
        self._laid_for = result.request
        self.store_empty = result.store_empty
        self.fetch_ms.append(result.ms)
        if len(self._names) > 20_000:
            self._names = {lane.lane_id: lane.name for lane in result.layout.lanes
                           if lane.lane_id is not None}
        self.update()

    def _worker(self) -> LatestOnlyWorker | None:
        """The fetch worker, started on first use; None when the source has no reader
        (an in-memory store, a fake)."""
        if self._fetcher is None and not self._no_reader:
            reader = self._source.open_reader()
            if reader is None:
                self._no_reader = True
                return None
            self._fetcher = LatestOnlyWorker(reader, "timeline-fetch")
            self._fetcher.bridge.result.connect(self._on_fetched)
            self._fetcher.bridge.failed.connect(self._on_fetch_failed)
            self.destroyed.connect(self._fetcher.stop)
        return self._fetcher

    def _on_fetched(self, number: int, result: object) -> None:
        if number != self._request or not isinstance(result, Result):
            return  # superseded, or a lane mode / store that is no longer shown
        began = time.perf_counter()
        self._in_flight = None
        self._install(result)
        if self._laid_for != self._wanted():
            # The view moved on while this was made (a wheel zoom, a drag): lay it out again
            # after a short pause, so that the worker does not hold up the paints meanwhile.
            self._timer.start(FOLLOW_UP_MS)
        self.land_ms.append((time.perf_counter() - began) * 1000)

    def _on_fetch_failed(self, number: int, message: str) -> None:
        if number == self._request:  # lay out here instead, so a real problem shows itself
            self._in_flight = None
            self._refresh(sync=True)

    def stop_fetching(self) -> None:
        """End the fetch worker and wait for it (before the application shuts down)."""
        self._timer.stop()  # a job still scheduled must not outlive the store
        self._request += 1
        self._in_flight = None
        if self._fetcher is not None:
            self._fetcher.stop(wait=True)
            self._fetcher = None
        self._no_reader = True  # lay out here from now on, should anything still ask

    def _marks(self) -> Window:
        """The window in hand, brought up to the view first."""
        self.current_layout()
        assert self._window is not None
        return self._window

    def _mark_of(self, event_id: int) -> EventMark | None:
        if self._window is not None:
            for mark in self._window.all_marks():
                if mark.id == event_id:
                    return mark
        return None
