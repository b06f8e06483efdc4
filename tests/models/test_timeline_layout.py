"""The timeline's layout without Qt: every event overlapping the view that belongs to a shown
lane is drawn in that lane, or counted in its "+N more" or in one of its density cells,
exactly once (checked against brute force on random stores, views and sizes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import OPEN_END
from models.domain import EventMark
from models.timeline.layout import Content, Frame, Through, lay_out
from models.timeline.specs import Layout
from models.timescale import showing

DAY = 86400
YEAR = 365 * DAY


class Measure:
    """Text about 7 px a character, as a small UI font."""

    def width(self, text: str, bold: bool = False) -> float:
        return len(text) * (7.5 if bold else 7.0)

    def elide(self, text: str, px: float, bold: bool = False) -> str:
        keep = max(int(px // (7.5 if bold else 7.0)) - 1, 0)
        return text[:keep] + "…"


@st.composite
def marks(draw: st.DrawFn) -> list[EventMark]:
    centre = draw(st.sampled_from([-3000 * YEAR, 0, 50 * YEAR, 53 * YEAR]))
    spread = draw(st.sampled_from([3600, DAY, 30 * DAY, YEAR, 100 * YEAR]))
    out = []
    for i in range(draw(st.integers(0, 120))):
        start = centre + draw(st.integers(-spread, spread))
        kind = draw(st.sampled_from(["point", "minute", "day", "month", "year", "range", "open"]))
        length = {"point": 0, "minute": 59, "day": DAY - 1, "month": 30 * DAY, "year": YEAR,
                  "range": draw(st.integers(60, 5 * spread)), "open": 0}[kind]
        latest = OPEN_END if kind == "open" else start + length
        lanes = tuple(sorted(set(draw(st.lists(st.integers(1, 9), max_size=3)))))
        fuzzy = draw(st.booleans())
        out.append(EventMark(i + 1, draw(st.text(max_size=40)), start, latest,
                             kind in ("range", "open"), kind == "open", fuzzy, fuzzy, lanes))
    return out


def check_counts(layout: Layout, marks_: list[EventMark], start: float, end: float) -> None:
    shown = {lane.lane_id for lane in layout.lanes} - {None}
    in_view = [m for m in marks_ if m.earliest <= end and m.latest >= start]
    for lane in layout.lanes:
        if lane.lane_id is None:
            belongs = {m.id for m in in_view if not shown.intersection(m.lanes)}
        else:
            belongs = {m.id for m in in_view if lane.lane_id in m.lanes}
        drawn = lane.event_ids
        assert len(drawn) == len(set(drawn)), "an event drawn twice in one lane"
        assert set(drawn) <= belongs
        counted = sum(cell.count for cell in lane.cells)
        assert len(drawn) + lane.more + counted == len(belongs), lane.name
    # and no lane with events in view is missing: its events went to a lane shown
    for mark in in_view:
        homes = [lane for lane in layout.lanes
                 if lane.lane_id in mark.lanes or (lane.lane_id is None
                                                   and not shown.intersection(mark.lanes))]
        assert homes, f"event {mark.id} is in no lane"


@settings(max_examples=300, deadline=None)
@given(marks(), st.sampled_from([60, 3600, DAY, 7 * DAY, YEAR, 10 * YEAR, 1000 * YEAR]),
       st.sampled_from([(1024, 640), (1600, 1000), (2560, 1440)]), st.integers(-5, 5))
def test_every_event_in_view_is_drawn_or_counted_once(found: list[EventMark], span: int,
                                                      size: tuple[int, int], shift: int) -> None:
    centre = found[len(found) // 2].earliest if found else 0
    start = centre + shift * span // 4 - span // 2
    scale = showing(start, start + span, size[0])
    frame = Frame(scale, float(size[0]), float(size[1] - 60), 26.0, 14.0)
    names = {i: f"Party {i}" for i in range(1, 10)}
    layout = lay_out(Content(found, names), frame, Measure())
    view_start, view_end = scale.span(size[0])
    check_counts(layout, found, view_start, view_end)
    for lane in layout.lanes:  # what is drawn is drawn inside its lane, in rows that fit
        assert all(0 <= m.row < lane.rows for m in lane.marks)
        assert lane.top >= 0 and lane.height > 0


def test_one_crowded_day_does_not_hide_the_quiet_years() -> None:
    busy = [EventMark(1000 + i, f"Busy {i}", 48 * YEAR + i * 20, 48 * YEAR + i * 20, False,
                      False, False, False, (1,)) for i in range(3000)]
    quiet = [EventMark(i, f"Quiet {i}", 46 * YEAR + i * 90 * DAY, 46 * YEAR + i * 90 * DAY,
                       False, False, False, False, (1, 2)) for i in range(10)]
    scale = showing(45 * YEAR, 54 * YEAR, 1600)
    layout = lay_out(Content(busy + quiet, {1: "Busy", 2: "Quiet"}),
                     Frame(scale, 1600.0, 900.0, 26.0, 14.0), Measure())
    lanes = {lane.lane_id: lane for lane in layout.lanes}
    assert set(range(10)) <= set(lanes[1].event_ids)  # drawn beside the crowd, in its lane
    assert sum(c.count for c in lanes[1].cells) >= 2900  # the crowd counted, not drawn
    assert set(lanes[2].event_ids) == set(range(10))
    check_counts(layout, busy + quiet, *scale.span(1600))


def test_a_full_lane_says_how_many_more_and_opens() -> None:
    many = [EventMark(i, f"Long event number {i}", i * DAY, i * DAY + 400 * DAY, True, False,
                      False, False, (1,)) for i in range(40)]
    frame = Frame(showing(0, 400 * DAY, 1024), 1024.0, 580.0, 26.0, 14.0)
    layout = lay_out(Content(many, {1: "A"}), frame, Measure())
    (lane,) = layout.lanes
    assert lane.more == 40 - len(lane.event_ids) > 0
    assert any(hit.kind == "more" for hit in layout.hits)
    opened = lay_out(Content(many, {1: "A"}, expanded=frozenset({1})), frame, Measure())
    assert opened.lanes[0].more == 0 and len(opened.lanes[0].event_ids) == 40


def test_lanes_with_nothing_in_view_are_left_out_unless_pinned() -> None:
    here = EventMark(1, "Here", 10 * DAY, 10 * DAY, False, False, False, False, (1,))
    away = EventMark(2, "Away", 900 * DAY, 900 * DAY, False, False, False, False, (2,))
    frame = Frame(showing(0, 20 * DAY, 1200), 1200.0, 600.0, 26.0, 14.0)
    layout = lay_out(Content([here, away], {1: "A", 2: "B"}), frame, Measure())
    assert [lane.lane_id for lane in layout.lanes] == [1]
    pinned = lay_out(Content([here, away], {1: "A", 2: "B"}, pinned=(2,)), frame, Measure())
    assert [lane.lane_id for lane in pinned.lanes] == [2, 1]


def test_labels_use_the_room_up_to_the_next_mark() -> None:
    title = "Huawei and Ericsson renew their patent cross-licence agreement for years"
    one = EventMark(1, title, 10 * DAY, 10 * DAY, False, False, False, False, (1,))
    frame = Frame(showing(0, 100 * DAY, 2560), 2560.0, 1300.0, 26.0, 14.0)
    (lane,) = lay_out(Content([one], {1: "A"}), frame, Measure()).lanes
    assert lane.marks[0].label == title  # whole, with room to spare
    close = EventMark(2, "Next", 12 * DAY, 12 * DAY, False, False, False, False, (1,))
    (lane,) = lay_out(Content([one, close], {1: "A"}), frame, Measure()).lanes
    first = next(m for m in lane.marks if m.event_id == 1)
    second = next(m for m in lane.marks if m.event_id == 2)
    if first.row == second.row:
        assert first.label_x + Measure().width(first.label) <= second.x0


def test_a_few_lanes_without_room_scroll_many_go_to_other() -> None:
    frame = Frame(showing(0, 100 * DAY, 1024), 1024.0, 200.0, 26.0, 14.0)
    def lanes_for(parties: int) -> list[int | None]:
        found = [EventMark(i, f"E{i}", i * DAY, i * DAY, False, False, False, False, (i,))
                 for i in range(1, parties + 1)]
        names = {i: f"P{i}" for i in range(1, parties + 1)}
        return [lane.lane_id for lane in lay_out(Content(found, names), frame, Measure()).lanes]
    assert None not in lanes_for(6)  # 4 fit; the 2 left scroll into view
    assert len(lanes_for(6)) == 6
    many = lanes_for(30)
    assert many[-1] is None and len(many) < 30


def test_a_bar_keeps_its_label_while_any_part_is_in_view() -> None:
    bar = EventMark(1, "A long negotiation", 0, 30 * DAY, True, False, True, True, (1,))
    for start in (0, 20 * DAY, 28 * DAY):  # the bar starts in view, mid-way, nearly gone
        frame = Frame(showing(start, start + 10 * DAY, 1200), 1200.0, 600.0, 26.0, 14.0)
        (lane,) = lay_out(Content([bar], {1: "A"}), frame, Measure()).lanes
        (mark,) = lane.marks
        assert mark.label and 0 <= mark.label_x < 1200, start


@settings(max_examples=200, deadline=None)
@given(marks(), st.sampled_from([3600, DAY, 30 * DAY, YEAR, 100 * YEAR]), st.integers(-3, 3),
       st.sampled_from([(1024, 640), (2560, 1440)]))
def test_marks_running_through_the_window_lay_out_as_if_they_were_in_it(
        found: list[EventMark], span: int, shift: int, size: tuple[int, int]) -> None:
    centre = found[len(found) // 2].earliest if found else 0
    start = centre + shift * span // 4 - span // 2
    scale = showing(start, start + span, size[0])
    frame = Frame(scale, float(size[0]), float(size[1] - 60), 26.0, 14.0)
    names = {i: f"Party {i}" for i in range(1, 10)}
    window = (start - span, start + 2 * span)  # the view and a view's width on each side
    ordered = sorted(found, key=lambda m: (m.earliest, m.id))
    through, rest = Through.split(ordered, *window)
    whole = lay_out(Content(ordered, names), frame, Measure())
    apart = lay_out(Content(rest, names, through=through), frame, Measure())
    assert [(ln.lane_id, ln.event_ids, ln.more, ln.rows) for ln in apart.lanes] == [
        (ln.lane_id, ln.event_ids, ln.more, ln.rows) for ln in whole.lanes]
    assert apart.in_view == whole.in_view
