"""The timeline at a million events and 100,000 parties (benchmarks.big_source, made up on
demand): what it draws stays bounded by what fits, fetches stay off the paint path and
coalesce, lanes can be pinned. No timings here (see benchmarks/run.py)."""

from __future__ import annotations

from typing import Literal

import pytest
from protocol_check import signature_mismatches
from PySide6.QtCore import QPoint

from benchmarks.big_source import BigSource
from gui.timeline import TimelineSource, TimelineView
from models.dates import OPEN_END
from models.domain import EventMark, LaneMode
from models.timeline.layout import EXPANDED_ROWS, MAX_LANES, MIN_PITCH_PX, ROWS_PER_LANE


@pytest.fixture
def big() -> BigSource:
    return BigSource()


@pytest.fixture
def view(qtbot, big: BigSource) -> TimelineView:
    widget = TimelineView(big)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fetches(big: BigSource, kind: str = "events_in") -> int:
    return sum(1 for call in big.calls if call[0] == kind)


def test_zoomed_out_shows_density_and_zoomed_in_marks(view: TimelineView, big: BigSource,
                                                      qtbot) -> None:
    view.zoom_to_fit()
    qtbot.waitUntil(lambda: not view.fetch_pending())
    view.grab()
    assert fetches(big, "density") >= 1
    assert fetches(big) <= 1  # a million in view: counted (only those running in fetched)
    assert any(lane.cells for lane in view.current_layout().lanes)
    middle = (big.extent()[0] + big.extent()[1]) // 2  # type: ignore[index]
    view.go_to(middle, middle + 20 * 86400)
    qtbot.waitUntil(lambda: not view.fetch_pending())
    view.grab()
    assert view.marks_drawn > 0
    assert view.labels_drawn > 0
    assert view.event_at(QPoint(-50, -50)) is None


@pytest.mark.parametrize("days", [3650, 1200, 400, 120, 30, 3])
def test_marks_and_labels_stay_within_budget(view: TimelineView, big: BigSource,
                                             days: int) -> None:
    middle = big.earliest(big.n // 2)
    view.go_to(middle, middle + days * 86400)
    view.flush_fetch()
    view.grab()
    lanes = view.current_layout().lanes
    assert len(lanes) <= MAX_LANES + 1
    # at most a row's worth of marks per row of each lane: the rest are counted
    assert view.marks_drawn <= sum(lane.rows for lane in lanes) * 1200 / MIN_PITCH_PX * 2
    assert all(lane.rows <= ROWS_PER_LANE for lane in lanes) and ROWS_PER_LANE < EXPANDED_ROWS


def test_nothing_is_fetched_while_painting(view: TimelineView, big: BigSource) -> None:
    middle = big.earliest(big.n // 2)
    view.go_to(middle, middle + 30 * 86400)
    big.calls.clear()
    view.grab()  # a frame right after the change: drawn from what is in hand
    assert big.calls == []
    assert view.fetch_pending()


def test_no_refetch_while_panning_within_the_margin(view: TimelineView, big: BigSource) -> None:
    middle = big.earliest(big.n // 2)
    view.go_to(middle, middle + 30 * 86400)
    view.flush_fetch()
    before = fetches(big)
    for _ in range(8):  # 8 x 100 px < one view width of margin: laid out again, not fetched
        view.set_scale(view.scale().panned(100))
        view.flush_fetch()
        view.grab()
    assert fetches(big) == before
    for _ in range(8):
        view.set_scale(view.scale().panned(100))
    view.flush_fetch()
    assert fetches(big) == before + 1  # past the margin


def test_stale_window_requests_are_dropped(view: TimelineView, big: BigSource, qtbot) -> None:
    middle = big.earliest(big.n // 2)
    view.go_to(middle, middle + 30 * 86400)
    view.flush_fetch()
    big.calls.clear()
    for step in range(1, 6):  # five jumps before the event loop runs
        view.center_on(middle + step * 365 * 86400)
    qtbot.waitUntil(lambda: not view.fetch_pending())
    windows = [call for call in big.calls if call[0] == "events_in"]
    assert len(windows) == 1  # only the latest
    start, end = view.visible_span()
    assert windows[0][1] <= start and windows[0][2] >= end


def test_pinned_lane_stays_on_top(view: TimelineView, big: BigSource) -> None:
    middle = big.earliest(big.n // 2)
    view.go_to(middle, middle + 30 * 86400)
    view.flush_fetch()
    view.grab()
    order = view.lane_order()
    assert 2 <= len(order) <= 41  # MAX_LANES and "Other", never one per party
    last = order[-2]
    assert isinstance(last, int)
    lane = next(ln for ln in view.current_layout().lanes if ln.lane_id == last)
    menu = view.lane_menu(lane)
    assert menu is not None
    pin = next(a for a in menu.actions() if a.text() == "Pin lane")
    pin.trigger()
    view.grab()
    assert view.lane_order()[0] == last
    # far away, where it has nothing: still on top, as a thin header
    view.center_on(middle + 40 * 365 * 86400)
    view.flush_fetch()
    view.grab()
    assert view.lane_order()[0] == last
    top = view.current_layout().lanes[0]
    menu = view.lane_menu(top)
    assert menu is not None
    unpin = next(a for a in menu.actions() if a.text() == "Unpin lane")
    unpin.trigger()
    assert last not in view.pinned_lanes()


def test_lane_at_and_context_menu_target(view: TimelineView, big: BigSource) -> None:
    middle = big.earliest(big.n // 2)
    view.go_to(middle, middle + 30 * 86400)
    view.flush_fetch()
    view.grab()
    first = view.current_layout().lanes[0]
    lanes_top = view.lanes_top()
    assert view.lane_at(lanes_top + first.top + 2) is first
    assert view.lane_at(2) is None


def test_a_crowded_view_is_counted_per_lane_and_panning_it_fetches_nothing(
        view: TimelineView, big: BigSource) -> None:
    view.zoom_to_fit()
    view.flush_fetch()
    view.grab()
    window = view._window
    assert window is not None and not window.complete
    assert fetches(big) <= 1  # only the events running into the window; the rest counted
    start, end = view.visible_span()
    in_view = sum(big.density(start, end + 1, 1))
    counted = sum(c.count for lane in view.current_layout().lanes for c in lane.cells)
    assert counted >= in_view * 0.9  # (bins at the edges reach a little outside the view)
    big.calls.clear()
    for _ in range(5):  # panning a crowded view: nothing more to count or fetch
        view.set_scale(view.scale().panned(80))
        view.flush_fetch()
    assert fetches(big) == 0


class Ongoing(BigSource):
    """BigSource plus 2,000 events that began long ago and are still going on."""

    def events_in(self, start: int, end: int, *, lane_mode: LaneMode = LaneMode.PARTY,
                  limit: int | None = None,
                  lengths: Literal["all", "short", "long"] = "all") -> list[EventMark]:
        old = [EventMark(-k, f"Ongoing {k}", self.t0 - 86400 * k, OPEN_END, True, True, False,
                         False, (k % 50,)) for k in range(2000, 0, -1)
               if lengths != "short" and self.t0 - 86400 * k <= end]
        return (old + super().events_in(start, end, lane_mode=lane_mode, limit=limit,
                                        lengths=lengths))[:limit]


def test_ongoing_offers_the_whole_protocol() -> None:
    assert signature_mismatches(TimelineSource, Ongoing) == []


def test_events_running_through_the_view_do_not_hide_the_events_of_the_view(qtbot) -> None:
    source = Ongoing()
    view = TimelineView(source)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    middle = source.earliest(source.n // 2)
    view.go_to(middle, middle + 3 * 86400)  # ~70 events start here; 2,000 run through it
    view.flush_fetch()
    view.grab()
    ids = {hit[4] for hit in view.event_boxes()}
    assert any(i > 0 for i in ids)  # the events of these days are drawn
    layout = view.current_layout()
    drawn = sum(len(set(lane.event_ids)) + lane.more for lane in layout.lanes)
    assert drawn >= 2000  # the ongoing ones drawn or counted in "+N more", never dropped
