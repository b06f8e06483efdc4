"""The timeline canvas and the overview strip, against an in-memory fake of the store's API."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pytest
from protocol_check import signature_mismatches
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from gui.overview import OverviewStrip
from gui.timeline import TimelineSource, TimelineView
from models.dates import OPEN_END, DateSpan, parse_edtf, seconds_from_civil
from models.domain import Category, Era, Event, EventMark, Lane, LaneMode
from models.store.schema import LONG_EVENT_SECONDS
from models.timescale import MAX_SECONDS_PER_PX, MIN_SECONDS_PER_PX

YEAR = 31_556_952
SPANS: dict[tuple[int, int], DateSpan] = {}  # the dates marks were made from, as written


def mark(id_: int, title: str, when: str, lanes: tuple[int, ...] = (),
         category: int | None = None) -> tuple[EventMark, int | None]:
    span = parse_edtf(when)
    SPANS[(id_, span.earliest)] = span
    return EventMark(
        id=id_, title=title, earliest=span.earliest, latest=span.latest, is_range=span.is_range,
        open_end=span.open_end, fuzzy_start=span.fuzzy_start, fuzzy_end=span.fuzzy_end,
        lanes=lanes), category


class FakeSource:
    """The store's side of the timeline (gui.timeline.TimelineSource) over plain lists; records
    every fetch. Events longer than the store's LONG_EVENT_SECONDS (and ongoing ones) are the
    "long" ones, fetched apart as the store's are; those fetches are recorded as
    "long_events_in", the window's own as "events_in". No reader: fetched on the GUI thread."""

    def __init__(self, marks: list[tuple[EventMark, int | None]], parties: dict[int, str],
                 categories: dict[int, str] | None = None, eras: list[Era] | None = None) -> None:
        self.marks = sorted((m for m in marks), key=lambda mc: (mc[0].earliest, mc[0].id))
        self.parties = parties
        self.category_names = categories or {}
        self.eras = eras or []
        self.calls: list[tuple[str, int, int]] = []

    def _in_mode(self, lane_mode: LaneMode) -> list[EventMark]:
        """Every mark, with its lanes in lane_mode (parties, or its category)."""
        if lane_mode is LaneMode.PARTY:
            return [m for m, _ in self.marks]
        return [m._replace(lanes=() if category is None else (category,))
                for m, category in self.marks]

    def events_in(self, start: int, end: int, *, lane_mode: LaneMode = LaneMode.PARTY,
                  limit: int | None = None,
                  lengths: Literal["all", "short", "long"] = "all") -> list[EventMark]:
        self.calls.append(("long_events_in" if lengths == "long" else "events_in", start, end))
        out = [m for m in self._in_mode(lane_mode) if m.earliest <= end and m.latest >= start
               and (lengths == "all"
                    or (m.latest - m.earliest <= LONG_EVENT_SECONDS) == (lengths == "short"))]
        return out[:limit] if limit is not None else out

    def marks_starting(self, ranges: Sequence[tuple[int, int]], *,
                       lane_mode: LaneMode = LaneMode.PARTY) -> list[EventMark]:
        self.calls.append(("marks_starting", len(ranges), 0))
        return [m for m in self._in_mode(lane_mode)
                if any(a <= m.earliest < b for a, b in ranges)]

    def lanes(self, mode: LaneMode, *, limit: int | None = None) -> list[Lane]:
        if mode is LaneMode.PARTY:
            counts = {pid: sum(pid in m.lanes for m, _ in self.marks) for pid in self.parties}
            names = self.parties
        else:
            counts = {cid: sum(c == cid for _, c in self.marks) for cid in self.category_names}
            names = self.category_names
        lanes = [Lane(i, names[i], n) for i, n in counts.items() if n]
        return sorted(lanes, key=lambda lane: (-lane.count, lane.name))[:limit]

    def lane_names(self, mode: LaneMode, ids: Sequence[int]) -> dict[int, str]:
        names = self.parties if mode is LaneMode.PARTY else self.category_names
        return {i: names[i] for i in ids if i in names}

    def categories(self) -> list[Category]:
        return sorted((Category(i, f"c{i}", name) for i, name in self.category_names.items()),
                      key=lambda c: c.name)

    def eras_in(self, start: int, end: int) -> list[Era]:
        return [e for e in self.eras if e.when.earliest <= end and e.when.latest >= start]

    def density(self, start: int, end: int, bins: int) -> list[int]:
        self.calls.append(("density", start, end))
        counts = [0] * max(bins, 0)
        if bins <= 0 or end <= start:
            return counts
        for m, _ in self.marks:
            if start <= m.earliest < end:
                counts[min((m.earliest - start) * bins // (end - start), bins - 1)] += 1
        return counts

    def lane_density(self, start: int, step: int, bins: int, *, lane_mode: LaneMode,
                     lanes: Sequence[int]) -> dict[int | None, dict[int, int]]:
        self.calls.append(("lane_density", start, start + step * bins))
        wanted = set(lanes)
        out: dict[int | None, dict[int, int]] = {}
        for m in self._in_mode(lane_mode):
            if start <= m.earliest < start + step * bins:
                b = (m.earliest - start) // step
                for lane in [k for k in m.lanes if k in wanted] or [None]:
                    by_bin = out.setdefault(lane, {})
                    by_bin[b] = by_bin.get(b, 0) + 1
        return out

    def event(self, event_id: int) -> Event | None:
        for m, _ in self.marks:
            if m.id == event_id:
                return Event(m.id, f"e{m.id}", m.title, SPANS[(m.id, m.earliest)])
        return None

    def extent(self) -> tuple[int, int] | None:
        if not self.marks:
            return None
        low = min(m.earliest for m, _ in self.marks)
        high = max(m.earliest if m.latest >= OPEN_END else m.latest for m, _ in self.marks)
        return low, high

    def open_reader(self) -> None:
        return None


def test_the_fake_offers_what_the_store_offers() -> None:
    assert signature_mismatches(TimelineSource, FakeSource) == []


PARTIES = {1: "Huawei", 2: "Ericsson", 3: "European Commission", 4: "US Government",
           5: "UK Government", 6: "Nokia"}


def seed_like() -> FakeSource:
    """Events 2016-2023 with ranges, an ongoing one, uncertain ones, six parties, two eras."""
    marks = [
        mark(1, "Huawei overtakes Ericsson in telecom equipment revenue", "2017", (1, 2), 1),
        mark(2, "US adds Huawei to the Entity List", "2019-05-15", (1, 4), 2),
        mark(3, "5G spectrum auctions", "2018-03/2020-11", (1, 2, 6), 3),
        mark(4, "UK orders removal of Huawei kit from 5G networks", "2020-07-14", (1, 5), 2),
        mark(5, "Trade dispute", "2018-07/..", (1, 4), 2),
        mark(6, "Patent licensing talks", "2019~/2021?", (1, 2), 1),
        mark(7, "Ericsson bribery investigation", "2016-11/2019-12", (2, 4), 2),
        mark(8, "EU 5G security toolbox", "2020-01-29", (3,), 2),
        mark(9, "Nokia-Huawei cross licence", "2023-01-09", (1, 6), 1),
        mark(10, "Ericsson and Huawei sign cross-licence", "2023-08-25", (1, 2), 1),
        mark(11, "Open RAN push", "2021?", (4, 5, 6), 3),
        mark(12, "Chip export controls tighten", "2020-08-17", (1, 4), 2),
        mark(13, "Ericsson wins contracts in Europe", "2020-10/2021-06", (2, 3), 3),
        mark(14, "Huawei's Mate 60 with a domestic 7 nm chip", "2023-08-29", (1,), 3),
        mark(15, "Uncategorised note", "2022-03", ()),
        mark(16, "Network equipment market study", "2016~", (2, 6), 1),
        mark(17, "EU Commission recommendation on 5G risks", "2019-03-26", (3,), 2),
        mark(18, "UK HCSEC oversight report", "2019-03-28", (1, 5), 2),
        mark(19, "Nokia restructures", "2018-10/2019-03", (6,), 3),
        mark(20, "Sweden bans Huawei from 5G", "2020-10-20", (1, 2), 2),
    ]
    eras = [Era(1, "trade-war", "US–China trade war", parse_edtf("2018-07/2020-01"), "#d08020"),
            Era(2, "pandemic", "COVID-19 pandemic", parse_edtf("2020-03/2023-05"), "#3080d0")]
    return FakeSource(marks, PARTIES, {1: "Licensing", 2: "Regulation", 3: "Market"}, eras)


@pytest.fixture
def source() -> FakeSource:
    return seed_like()


@pytest.fixture
def view(qtbot, source: FakeSource) -> TimelineView:
    widget = TimelineView(source)
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.zoom_to_fit()
    return widget


def wheel(widget: QWidget, pos: QPointF, angle_y: int, pixel: QPoint | None = None,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    event = QWheelEvent(pos, widget.mapToGlobal(pos), pixel or QPoint(), QPoint(0, angle_y),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def paint(view: TimelineView) -> QImage:
    """Run the fetch a change of view scheduled (the event loop would), then paint."""
    view.flush_fetch()
    return view.grab().toImage()


def background_changes(image: QImage, top: int) -> int:
    """How many sampled pixels below `top` differ from the base colour."""
    base = image.pixelColor(image.width() - 3, image.height() - 3)
    changed = 0
    for y in range(top, image.height(), 3):
        for x in range(0, image.width(), 3):
            if image.pixelColor(x, y) != base:
                changed += 1
    return changed


# -- zoom and pan ---------------------------------------------------------------------------


def test_wheel_up_zooms_in_around_the_cursor(view: TimelineView) -> None:
    pos = QPointF(300, 200)
    t_before = view.scale().t_of(pos.x())
    span_before = view.visible_span()
    wheel(view, pos, 120)
    assert view.scale().t_of(pos.x()) == pytest.approx(t_before, abs=view.scale().seconds_per_px)
    span_after = view.visible_span()
    assert span_after[1] - span_after[0] < span_before[1] - span_before[0]
    wheel(view, pos, -240)
    span_out = view.visible_span()
    assert span_out[1] - span_out[0] > span_before[1] - span_before[0]


def test_trackpad_pixel_delta_zooms_and_pans(view: TimelineView) -> None:
    pos = QPointF(450, 200)
    spp = view.scale().seconds_per_px
    wheel(view, pos, 0, QPoint(0, 30))
    assert view.scale().seconds_per_px < spp
    start = view.scale().start
    wheel(view, pos, 0, QPoint(-40, 0))
    assert view.scale().start > start  # swiping left shows later times


def test_drag_pans(view: TimelineView, qtbot) -> None:
    start = view.scale().start
    spp = view.scale().seconds_per_px
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 300))
    qtbot.mouseMove(view, QPoint(450, 300))
    qtbot.mouseMove(view, QPoint(400, 300))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert view.scale().start == pytest.approx(start + 100 * spp)


def test_arrow_keys_pan_by_an_eighth(view: TimelineView, qtbot) -> None:
    start = view.scale().start
    spp = view.scale().seconds_per_px
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.scale().start == pytest.approx(start + view.width() / 8 * spp)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.scale().start == pytest.approx(start - view.width() / 8 * spp)


def test_plus_minus_and_home(view: TimelineView, qtbot) -> None:
    fitted = view.visible_span()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Equal)
    zoomed = view.visible_span()
    assert zoomed[1] - zoomed[0] < (fitted[1] - fitted[0]) / 3
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    out = view.visible_span()
    assert out[1] - out[0] > zoomed[1] - zoomed[0]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.visible_span() == fitted


def test_zoom_is_clamped_at_both_ends(view: TimelineView) -> None:
    for _ in range(80):
        view.zoom_by(0.25, 100)
    assert view.scale().seconds_per_px == pytest.approx(MIN_SECONDS_PER_PX)
    start, end = view.visible_span()
    assert 60 <= end - start <= 3600  # minutes across
    paint(view)
    for _ in range(80):
        view.zoom_by(4.0, 100)
    assert view.scale().seconds_per_px == pytest.approx(MAX_SECONDS_PER_PX)
    start, end = view.visible_span()
    assert 1e10 * YEAR < end - start < 1e12 * YEAR
    paint(view)


def test_go_to_center_on_and_scale_changed(view: TimelineView, qtbot) -> None:
    a, b = seconds_from_civil(2019), seconds_from_civil(2020)
    with qtbot.waitSignal(view.scale_changed):
        view.go_to(a, b)
    start, end = view.visible_span()
    assert abs(start - a) <= view.scale().seconds_per_px + 1
    assert abs(end - b) <= view.scale().seconds_per_px + 1
    middle = seconds_from_civil(2021, 6, 1)
    view.center_on(middle)
    start, end = view.visible_span()
    assert abs((start + end) / 2 - middle) <= view.scale().seconds_per_px
    assert end - start == pytest.approx(b - a, rel=1e-3)


def test_requested_span_survives_a_resize(view: TimelineView) -> None:
    a, b = seconds_from_civil(2019), seconds_from_civil(2020)
    view.go_to(a, b)
    view.resize(1200, 420)
    start, end = view.visible_span()
    assert abs(start - a) < 2 * view.scale().seconds_per_px
    assert abs(end - b) < 2 * view.scale().seconds_per_px


# -- clicking, hovering, selecting ------------------------------------------------------------


def mark_position(view: TimelineView, event_id: int) -> QPoint:
    """Where the last paint drew the event (the view's own hit list)."""
    paint(view)
    for x0, y0, x1, y1, hit in view.event_boxes():
        if hit == event_id:
            return QPoint(round((x0 + x1) / 2), round((y0 + y1) / 2))
    raise AssertionError(f"event {event_id} not drawn")


def test_clicking_a_mark_emits_its_id(view: TimelineView, source: FakeSource, qtbot) -> None:
    view.go_to(seconds_from_civil(2019, 4), seconds_from_civil(2019, 7))
    paint(view)
    x = round(view.scale().x_of(seconds_from_civil(2019, 5, 15)))
    pos = mark_position(view, 2)
    assert abs(pos.x() - x) <= 2  # the point is drawn at its date
    with qtbot.waitSignal(view.event_clicked) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [2]
    assert view.selected_event() == 2


def test_clicking_empty_space_or_dragging_emits_nothing(view: TimelineView, qtbot) -> None:
    paint(view)
    clicked: list[int] = []
    view.event_clicked.connect(clicked.append)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(view.width() - 4, 12))
    pos = mark_position(view, 2)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseMove(view, pos + QPoint(40, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=pos + QPoint(40, 0))
    assert clicked == []


def test_clicking_a_range_bar(view: TimelineView, qtbot) -> None:
    view.go_to(seconds_from_civil(2016), seconds_from_civil(2021))
    paint(view)
    x = view.scale().x_of(seconds_from_civil(2019, 6))
    hits = [h for h in view.event_boxes() if h[4] == 3 and h[0] <= x <= h[2]]
    assert hits, "the 5G auction bar covers mid-2019"
    y0 = hits[0][1]
    with qtbot.waitSignal(view.event_clicked) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y0 + 2)))
    assert blocker.args == [3]


def test_selected_event_is_drawn_in_every_lane(view: TimelineView) -> None:
    view.select_event(3)
    paint(view)
    drawn = {tuple(h[:2]) for h in view.event_boxes() if h[4] == 3}
    assert len({y for _, y in drawn}) >= 3  # Huawei, Ericsson and Nokia lanes


def test_no_labels_overlap(view: TimelineView) -> None:
    for span in [(2016, 2024), (2019, 2020), (2023, 2024)]:
        view.go_to(seconds_from_civil(span[0]), seconds_from_civil(span[1]))
        paint(view)
        labels = [h for h in view.event_boxes() if h[2] - h[0] > 14]  # label rectangles are wide
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                if a[4] == b[4]:
                    continue
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                # a label may sit inside its own bar; different events' boxes never cross
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


# -- fetching -----------------------------------------------------------------------------


def test_fetches_only_a_window_and_caches_it(view: TimelineView, source: FakeSource) -> None:
    view.go_to(seconds_from_civil(2019), seconds_from_civil(2020))
    source.calls.clear()
    paint(view)
    fetches = [c for c in source.calls if c[0] == "events_in"]
    assert len(fetches) == 1
    start, end = view.visible_span()
    length = end - start
    _, low, high = fetches[0]
    assert low <= start and high >= end
    assert start - low <= 1.01 * length and high - end <= 1.01 * length
    # a small pan is served from the cache
    view.set_scale(view.scale().panned(30))
    paint(view)
    assert len([c for c in source.calls if c[0] == "events_in"]) == 1
    # far away: a new window
    view.center_on(seconds_from_civil(2010))
    paint(view)
    assert len([c for c in source.calls if c[0] == "events_in"]) == 2
    # and reload() forgets the cache
    # and reload() forgets the cache
    view.reload()
    paint(view)
    assert len([c for c in source.calls if c[0] == "events_in"]) == 3


def test_a_crowded_lane_shows_density_cells_that_count_every_event(qtbot) -> None:
    base = seconds_from_civil(2000)
    marks = [(EventMark(i, f"E{i}", base + i * 3600, base + i * 3600 + 59, False, False, False,
                        False, (1,)), None) for i in range(6000)]
    source = FakeSource(marks, {1: "Busy"})
    view = TimelineView(source)
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.zoom_to_fit()
    paint(view)
    (lane,) = view.current_layout().lanes
    counted = sum(cell.count for cell in lane.cells)
    assert counted > 5000  # mostly counted, the few at the crowd's edges drawn
    assert counted + len(set(lane.event_ids)) + lane.more == 6000
    view.go_to(base, base + 86400 * 3)
    paint(view)
    assert len(view.event_boxes()) >= 72


# -- rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [10_000 * YEAR, 100 * YEAR, 8 * YEAR, YEAR, 30 * 86400,
                                     86400, 3600, 300])
def test_renders_at_every_zoom(view: TimelineView, seconds: int) -> None:
    middle = seconds_from_civil(2020, 7, 14, 12)
    view.go_to(middle - seconds // 2, middle + seconds // 2)
    image = paint(view)
    assert not image.isNull()
    assert background_changes(image, view._axis_h + 4) > 20


def test_renders_deep_time(view: TimelineView) -> None:
    view.go_to(-14_000_000_000 * YEAR, 100 * YEAR)
    image = paint(view)
    assert background_changes(image, 0) > 20
    view.go_to(-13_800_000_000 * YEAR, -13_800_000_000 * YEAR + 3600)
    paint(view)


def test_category_lanes(view: TimelineView) -> None:
    view.set_lane_mode(LaneMode.CATEGORY)
    assert view.lane_mode() is LaneMode.CATEGORY
    paint(view)
    ids = {h[4] for h in view.event_boxes()}
    assert 15 in ids  # the uncategorised one still shows


def test_dark_palette(view: TimelineView) -> None:
    palette = QPalette()
    for role, color in [(QPalette.ColorRole.Base, "#1e1e1e"),
                        (QPalette.ColorRole.Window, "#2b2b2b"),
                        (QPalette.ColorRole.Text, "#e0e0e0"),
                        (QPalette.ColorRole.WindowText, "#e0e0e0")]:
        palette.setColor(role, QColor(color))
    view.setPalette(palette)
    image = paint(view)
    assert image.pixelColor(view.width() - 3, view.height() - 3).lightness() < 60


def test_empty_source(qtbot) -> None:
    view = TimelineView(FakeSource([], {}))
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.zoom_to_fit()
    paint(view)
    strip = OverviewStrip(FakeSource([], {}), view)
    qtbot.addWidget(strip)
    strip.grab()


def test_tooltip_is_plain(view: TimelineView, qtbot) -> None:
    pos = mark_position(view, 2)
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip
    QApplication.sendEvent(view, QHelpEvent(QHelpEvent.Type.ToolTip, pos, view.mapToGlobal(pos)))
    text = QToolTip.text()
    assert "US adds Huawei to the Entity List" in text
    assert "15 May 2019" in text
    QToolTip.hideText()


# -- overview -----------------------------------------------------------------------------


def test_overview_drag_moves_the_timeline(view: TimelineView, source: FakeSource, qtbot) -> None:
    strip = OverviewStrip(source, view)
    qtbot.addWidget(strip)
    strip.resize(900, OverviewStrip.HEIGHT)
    strip.show()
    view.go_to(seconds_from_civil(2016), seconds_from_civil(2017))
    scale = strip.scale()
    assert scale is not None
    target = seconds_from_civil(2021)
    x = round(scale.x_of(target))
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x - 100, 20))
    qtbot.mouseMove(strip, QPoint(x, 20))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, 20))
    start, end = view.visible_span()
    assert abs((start + end) / 2 - target) < 2 * scale.seconds_per_px
    spp = view.scale().seconds_per_px
    wheel(strip, QPointF(x, 20), 120)
    assert view.scale().seconds_per_px < spp
    source.calls.clear()
    strip.grab()
    assert not [c for c in source.calls if c[0] == "density"]  # never while painting
    strip.flush_fetch()
    assert len([c for c in source.calls if c[0] == "density"]) == 1
    image = strip.grab().toImage()
    assert len([c for c in source.calls if c[0] == "density"]) == 1  # counts in hand
    assert background_changes(image, 2) > 20
    assert strip.accessibleName() == "Overview"
    assert view.accessibleName() == "Timeline"


# -- preview --------------------------------------------------------------------------------


def test_render_preview(qtbot, source: FakeSource) -> None:
    """Renders /tmp/timeline_preview.png (timeline + overview) for eyes; asserts it is drawn."""
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    view = TimelineView(source)
    strip = OverviewStrip(source, view)
    column.addWidget(view, 1)
    column.addWidget(strip)
    host.resize(1100, 520)
    host.show()
    qtbot.waitExposed(host)
    view.zoom_to_fit()
    view.select_event(3)
    out = Path(os.environ.get("TIMELINE_PREVIEW", "/tmp/timeline_preview.png"))
    assert host.grab().save(str(out))
    assert out.stat().st_size > 1000


def test_clicks_use_the_current_geometry_even_before_a_repaint(view: TimelineView,
                                                               qtbot) -> None:
    paint(view)
    view.go_to(seconds_from_civil(2019, 4), seconds_from_civil(2019, 7))  # no paint yet
    x = round(view.scale().x_of(seconds_from_civil(2019, 5, 15)))
    ids = {view.event_at(QPoint(x, y)) for y in range(view._axis_h, view.height(), 2)}
    assert 2 in ids


def test_up_down_and_shift_wheel_scroll_overflowing_lanes(view: TimelineView, qtbot) -> None:
    view.resize(900, 220)
    paint(view)
    assert view.scroll_offset() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.scroll_offset() > 0
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.scroll_offset() == 0
    start = view.scale().start
    wheel(view, QPointF(300, 150), -120, modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert view.scroll_offset() > 0
    assert view.scale().start == start  # scrolling lanes does not pan
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    paint(view)
    bottom = view.scroll_offset()
    assert bottom > 0
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    paint(view)
    assert view.scroll_offset() == bottom  # clamped at the end of the content


def test_ctrl_arrows_step_through_events(view: TimelineView, qtbot) -> None:
    view.go_to(seconds_from_civil(2019), seconds_from_civil(2020))
    clicked: list[int] = []
    view.event_clicked.connect(clicked.append)
    view.select_event(17)  # 26 Mar 2019
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert clicked == [18]  # 28 Mar 2019
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert clicked == [18, 17]
    assert view.selected_event() == 17
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert clicked == [18, 17, 17]


def test_lanes_are_listed_once_per_mode_not_per_window(view: TimelineView,
                                                       source: FakeSource) -> None:
    calls: list[LaneMode] = []
    original = source.lanes

    def counting(mode: LaneMode, **_: object) -> list[Lane]:
        calls.append(mode)
        return original(mode)

    source.lanes = counting  # type: ignore[method-assign]
    view.reload()
    for year in range(2016, 2024):
        view.go_to(seconds_from_civil(year), seconds_from_civil(year, 6))
        paint(view)
    assert len(calls) == 1
    assert view.lane_order()  # lanes named and shown


def test_empty_lanes_are_not_shown(view: TimelineView) -> None:
    paint(view)
    everything = view.lane_order()
    view.go_to(seconds_from_civil(2023, 8, 20), seconds_from_civil(2023, 9, 5))
    paint(view)
    narrow = view.lane_order()
    assert set(narrow) < set(everything)  # lanes with nothing in view are left out
    for lane in view.current_layout().lanes:
        assert lane.marks or lane.cells


def test_an_unchanged_view_reuses_its_layout(view: TimelineView) -> None:
    view.reload()
    paint(view)
    paint(view)
    layouts = len(view.fetch_ms)  # one entry per layout made
    paint(view)
    assert len(view.fetch_ms) == layouts
    view.set_scale(view.scale().panned(10))
    paint(view)
    assert len(view.fetch_ms) == layouts + 1
    view._scroll_by(30)  # scrolling the lanes moves them, it does not lay them out again
    paint(view)
    assert len(view.fetch_ms) == layouts + 1
    view.select_event(3)
    paint(view)
    assert len(view.fetch_ms) == layouts + 2


def test_plus_n_more_opens_the_lane_and_the_menu_folds_it(qtbot) -> None:
    base = seconds_from_civil(2000)
    marks = [(EventMark(i, f"Long event {i}", base + i * 86400, base + (i + 300) * 86400, True,
                        False, False, False, (1,)), None) for i in range(30)]
    source = FakeSource(marks, {1: "Crowded"})
    view = TimelineView(source)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.go_to(base, base + 330 * 86400)
    (lane,) = view.current_layout().lanes
    assert lane.more > 0
    hit = next(h for h in view.current_layout().hits if h.kind == "more")
    y = view.lanes_top() + (hit.y0 + hit.y1) / 2
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(hit.x1 - 20), round(y)))
    (lane,) = view.current_layout().lanes
    assert lane.expanded and lane.more == 0 and len(lane.event_ids) == 30
    menu = view.lane_menu(lane)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Fewer rows").trigger()
    assert view.current_layout().lanes[0].more > 0


def test_hovering_never_lays_out_on_the_spot(view: TimelineView, qtbot) -> None:
    paint(view)
    layouts = len(view.fetch_ms)
    view.zoom_by(0.8)  # a layout is now due on the next turn of the event loop
    # the cursor's shape must not wait for it (the event itself, with no event loop turn)
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(300, 200), QPointF(300, 200),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    view.mouseMoveEvent(move)
    assert len(view.fetch_ms) == layouts
    view.flush_fetch()
    assert len(view.fetch_ms) == layouts + 1
