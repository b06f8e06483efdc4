"""How the timeline lays out what it draws, without Qt: lanes, rows, marks, labels, density
cells, "+N more" markers and hit boxes (the specs in models.timeline.specs), in the manner of
pyqtgraph's `generateDrawSpecs`.

`lay_out` takes the marks in hand, counts for the stretches where marks were not fetched,
the lanes' names and pins, the scale and size, and a text measure; the painter only paints
what it returns. Every event overlapping the view that belongs to a shown lane is, in that
lane, either drawn, counted in one of its density cells, or counted in its "+N more"; each
exactly once. (An event shows in each shown lane of its own; one in none goes to "Other".)

Detail is decided per lane and per stretch of time: where a lane's events crowd a cell of
CELL_PX more than its rows can hold, those cells become one density cell with their count;
everywhere else events are drawn one by one.

Coordinates are pixels: x from the view's left edge, y from the top of the lane area before
scrolling (the painter and hit-testing subtract the scroll offset).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from models.dates import OPEN_END
from models.domain import EventMark
from models.timeline.specs import CellSpec, Hit, LaneSpec, Layout, MarkSpec
from models.timescale import TimeScale, pack_marks

CELL_PX = 36.0  # the width of a density cell
MIN_PITCH_PX = 12.0  # marks per row per cell: CELL_PX / MIN_PITCH_PX before a cell is dense
MIN_FOLDED = 3  # a cell whose events found no row is counted when it holds this many
ROWS_PER_LANE = 8  # rows a lane may use before "+N more"
MIN_ROWS = 3  # …and at the least, when many lanes compete for a short view
MANY_LANES = 12  # lanes with something in view from which they share the height
EXPANDED_ROWS = 60  # …and once the user opened it
MIN_LANES = 4  # lanes shown beside the pinned ones before the rest may go to "Other"
MAX_LANES = 40  # lanes at most; the rest go to "Other"
FOLD_FROM = 4  # lanes left without room go to "Other" when this many; fewer scroll instead
LABEL_GAP = 8.0
MIN_LABEL_PX = 72.0  # the room a label asks for when rows are packed (it may use more)
MAX_LABEL_PX = 640.0
COARSE_PX = 24.0  # a point whose date spans more than this is drawn as a span
POINT_R = 5.0
FADE_PX = 28.0
MORE_W = 90.0  # the "+N more" marker at the right of a lane's header


class TextMeasure(Protocol):
    """How wide text is drawn, and text cut to fit a width (with an ellipsis)."""

    def width(self, text: str, bold: bool = False) -> float: ...

    def elide(self, text: str, px: float, bold: bool = False) -> str: ...


@dataclass(frozen=True, slots=True)
class Frame:
    """The view: its scale and size, and the heights of a row and of a lane's name."""

    scale: TimeScale
    width: float
    height: float  # of the lane area
    row_h: float
    lane_head: float


@dataclass(frozen=True, slots=True)
class Through:
    """Marks that run through a whole window [start, end] (long and ongoing events), grouped
    by lane once per window: every view inside the window has them all running through it,
    so a layout only counts them, drawing a lane's first few in the rows it has left free.
    (~8,700 of them run through any view of recent years in the generated 1M store.)"""

    start: int
    end: int
    marks: tuple[EventMark, ...]  # in (earliest, id) order, as are the lists by lane
    by_lane: Mapping[int, Sequence[EventMark]]

    @staticmethod
    def split(marks: Sequence[EventMark], start: int,
              end: int) -> tuple[Through, list[EventMark]]:
        """(the marks running through [start, end], the rest), in the order given."""
        through: list[EventMark] = []
        rest: list[EventMark] = []
        for mark in marks:
            (through if mark.earliest <= start and mark.latest >= end else rest).append(mark)
        by_lane: dict[int, list[EventMark]] = defaultdict(list)
        for mark in through:
            for lane in mark.lanes:
                by_lane[lane].append(mark)
        return Through(start, end, tuple(through), dict(by_lane)), rest

    def busiest(self, n: int) -> list[int]:
        """The n lanes with the most marks running through (all those tied with the last)."""
        sizes = sorted((len(found) for found in self.by_lane.values()), reverse=True)
        if len(sizes) <= n:
            return list(self.by_lane)
        least = sizes[n - 1] if n > 0 else sizes[0] + 1
        return [lane for lane, found in self.by_lane.items() if len(found) >= least]


@dataclass(frozen=True, slots=True)
class Content:
    """What is in hand to lay out.

    `cells` holds, per lane (None: events in none of `lanes`), counts of events starting in
    stretches whose marks were not fetched: (start, end, count). When given, `lanes` limits the
    lanes to those the counts were made for; otherwise lanes are chosen from the marks.
    """

    marks: Sequence[EventMark]
    names: Mapping[int, str]
    cells: Mapping[int | None, Sequence[tuple[int, int, int]]] = field(default_factory=dict)
    lanes: Sequence[int] | None = None
    pinned: Sequence[int] = ()
    expanded: frozenset[int | None] = frozenset()
    selected: int | None = None
    other_name: str = "Other"
    through: Through | None = None  # marks running through the window, apart from `marks`


def in_view(mark: EventMark, start: float, end: float) -> bool:
    """Whether a mark overlaps [start, end] (an ongoing range runs on for ever)."""
    return mark.earliest <= end and mark.latest >= start


def lay_out(content: Content, frame: Frame, measure: TextMeasure) -> Layout:
    scale, width = frame.scale, frame.width
    t_left, t_right = scale.t_of(0), scale.t_of(width)
    marks, through = content.marks, content.through
    if through is not None and not (through.start <= scale.t_of(-FADE_PX)
                                    and through.end >= scale.t_of(width + 20)):
        # the view reaches past the window (at its very edge): lay them out as any other
        marks = sorted((*marks, *through.marks), key=lambda m: (m.earliest, m.id))
        through = None
    visible = [m for m in marks if in_view(m, t_left, t_right)]
    allowed = set(content.lanes) if content.lanes is not None else None
    per_lane: dict[int, list[EventMark]] = defaultdict(list)
    for mark in visible:
        for lane in mark.lanes:
            if allowed is None or lane in allowed:
                per_lane[lane].append(mark)
    running: Mapping[int, Sequence[EventMark]] = {}
    if through is not None:
        running = {lane: along for lane, along in through.by_lane.items()
                   if allowed is None or lane in allowed}
    cells = {lane: [c for c in found if c[0] <= t_right and c[1] > t_left and c[2] > 0]
             for lane, found in content.cells.items()}
    counts = {lane: len(marks) for lane, marks in per_lane.items()}
    for lane, along in running.items():
        counts[lane] = counts.get(lane, 0) + len(along)
    for cell_lane, found in cells.items():
        if cell_lane is not None:
            counts[cell_lane] = counts.get(cell_lane, 0) + sum(c[2] for c in found)
    pinned = list(dict.fromkeys(content.pinned))
    room = max(MAX_LANES - len(pinned), 0)
    # The busiest lanes: among those with something besides marks running through the view,
    # and the busiest of those with nothing else (ranked once per window: thousands of
    # lanes hold a long event of a big store).
    contenders: set[int] = set(per_lane) | {lane for lane in cells if lane is not None}
    if through is not None:
        contenders.update(through.busiest(room))
    ranked = heapq.nsmallest(
        room, (lane for lane in contenders if lane not in set(pinned) and counts.get(lane)),
        key=lambda lane: (-counts[lane], content.names.get(lane, ""), lane))
    # Many lanes competing for the height: fewer rows each, so that about six show at once
    # (what does not fit is counted in cells and "+N more"; a lane opened gets them all).
    rows = ROWS_PER_LANE
    if len(pinned) + len(ranked) > MANY_LANES:
        rows = min(max(int(frame.height / frame.row_h / 6) - 1, MIN_ROWS), ROWS_PER_LANE)
    builder = _LaneBuilder(frame, measure, content.selected, rows)
    out: list[LaneSpec] = []
    top = 0.0
    shown: set[int] = set()
    candidates = [*pinned, *ranked]
    for n, lane in enumerate(candidates):
        is_pinned = n < len(pinned)
        remaining = len(candidates) - n
        if (not is_pinned and n - len(pinned) >= MIN_LANES and remaining >= FOLD_FROM
                and top + frame.lane_head + frame.row_h > frame.height - _min_other(frame)):
            break  # no room left: the rest go to "Other"
        spec = builder.lane(lane, content.names.get(lane, "…"), top, per_lane.get(lane, []),
                            cells.get(lane, []), is_pinned, lane in content.expanded,
                            running.get(lane, ()))
        out.append(spec)
        shown.add(lane)
        top += spec.height
    # "Other": the events in no shown lane, with the counts of lanes that found no room.
    other_marks = [m for m in visible if shown.isdisjoint(m.lanes)]
    other_running = ([m for m in through.marks if shown.isdisjoint(m.lanes)]
                     if through is not None else [])
    # (In a crowded window an event in two of the lanes left out is counted in each of them:
    # "Other" may count it twice there; windows with every mark in hand are exact.)
    summed: dict[tuple[int, int], int] = defaultdict(int)
    for cell_lane, found in cells.items():
        if cell_lane not in shown:
            for start, end, count in found:
                summed[start, end] += count
    other_cells = [(start, end, n) for (start, end), n in sorted(summed.items())]
    if other_marks or other_cells or other_running:
        spec = builder.lane(None, content.other_name, top, other_marks, other_cells, False,
                            None in content.expanded, other_running)
        out.append(spec)
        top += spec.height
    total = len(visible) + sum(c[2] for c in cells.get(None, ()))
    total += len(through.marks) if through is not None else 0
    return Layout(tuple(out), tuple(builder.hits), top, total)


def _min_other(frame: Frame) -> float:
    return frame.lane_head + frame.row_h + 4


@dataclass(slots=True)
class _Item:
    """A mark (or a cell) being placed: its extent, and the right end its label asks for."""

    left: float
    right: float
    label_right: float
    mark: EventMark | None
    bar: bool = False
    label_x: float = 0.0
    label_inside: bool = False
    label_before: bool = False  # a point at the right edge: its label to its left
    cell: tuple[int, int, int] | None = None


class _LaneBuilder:
    def __init__(self, frame: Frame, measure: TextMeasure, selected: int | None,
                 rows: int = ROWS_PER_LANE) -> None:
        self.rows = rows
        self.frame = frame
        self.measure = measure
        self.selected = selected
        self.hits: list[Hit] = []
        self.cell_s = CELL_PX * frame.scale.seconds_per_px
        self.t_left = frame.scale.t_of(0)

    def lane(self, lane_id: int | None, name: str, top: float, marks: Sequence[EventMark],
             fetched_cells: Sequence[tuple[int, int, int]], pinned: bool, expanded: bool,
             running: Sequence[EventMark] = ()) -> LaneSpec:
        """A lane's layout; `running` are marks known to run through the view, in (earliest,
        id) order (see Through)."""
        cap = EXPANDED_ROWS if expanded else self.rows
        frame = self.frame
        t_before, t_after = frame.scale.t_of(-FADE_PX), frame.scale.t_of(frame.width + 20)
        crowded: set[int] = set()
        for first_try in (True, False):
            drawn, dense = self._split_dense(marks, cap, crowded)
            items = [self._cell_item(c) for c in (*dense, *fetched_cells)]
            items.sort(key=lambda it: it.left)
            # Events of the view before those running through all of it: these take the rows
            # left free (else they go to "+N more"), so they never crowd out what happens
            # here. All alike in place, they are only counted once the rows are full (~8,700
            # of them run through any view of recent years in a store of a million).
            through = sorted((m for m in drawn
                              if m.earliest <= t_before and m.latest >= t_after),
                             key=lambda m: (m.earliest, m.id))
            mark_items = [self._item(m) for m in drawn
                          if not (m.earliest <= t_before and m.latest >= t_after)]
            mark_items.sort(key=lambda it: (it.left, it.mark.id if it.mark else 0))
            # Cells first, so that they keep their place whatever crowds around them.
            placed_cells = pack_marks([(it.left, it.right, it.label_right) for it in items],
                                      cap, -LABEL_GAP)  # (cells may touch)
            occupied: list[list[tuple[float, float]]] = [[] for _ in range(cap)]
            for it, (row, _) in zip(items, placed_cells, strict=True):
                occupied[max(row, 0)].append((it.left, it.right))
            rows = _pack_around(mark_items, cap, occupied)
            # Where an event of the view found no row, its cell is counted instead, and the
            # lane is packed once more: "+N more" is left for what no cell can hold.
            crowded = {cell for it, row in zip(mark_items, rows, strict=True)
                       if row < 0 and it.mark is not None
                       and (cell := self._cell_of(it.mark)) is not None}
            if not first_try or not crowded:
                break
        through_count = len(through) + len(running)
        if running:  # (only as many as rows left free are needed: the rest are counted)
            through = list(itertools.islice(heapq.merge(
                through, running, key=lambda m: (m.earliest, m.id)), cap))
        free = sorted(set(range(cap)) - set(rows) - {r for r, _ in placed_cells})
        for mark, row in zip(through, free, strict=False):
            mark_items.append(self._item(mark))
            rows.append(row)
        unplaced = through_count - min(len(through), len(free))
        used = max([*(r for r, _ in placed_cells), *rows, 0]) + 1
        height = frame.lane_head + used * frame.row_h + 4
        more = sum(1 for r in rows if r < 0) + unplaced
        cell_specs = []
        for it, (row, _) in zip(items, placed_cells, strict=True):
            assert it.cell is not None
            spec = CellSpec(it.cell[0], it.cell[1], it.left, it.right, max(row, 0), it.cell[2])
            cell_specs.append(spec)
            y = top + frame.lane_head + spec.row * frame.row_h
            self.hits.append(Hit(spec.x0, y, spec.x1, y + frame.row_h, "cell", lane_id,
                                 spec.start, spec.end))
        specs = self._mark_specs(mark_items, rows, top, occupied)
        if more:
            self.hits.append(Hit(frame.width - MORE_W, top, frame.width, top + frame.lane_head,
                                 "more", lane_id))
        return LaneSpec(lane_id, name, top, height, used, tuple(specs), tuple(cell_specs), more,
                        pinned, expanded)

    # -- density --------------------------------------------------------------------------

    def _cell_of(self, mark: EventMark) -> int | None:
        """The density cell a mark may be counted in; None for a long bar (or a coarse date
        drawn as one), which is never folded into a cell."""
        start = max(mark.earliest, self.t_left)
        if mark.latest - start > 2 * self.cell_s:
            return None
        return math.floor(start / self.cell_s)

    def _split_dense(self, marks: Sequence[EventMark], cap: int, crowded: set[int]
                     ) -> tuple[list[EventMark], list[tuple[int, int, int]]]:
        """The marks to draw, and the dense stretches (start, end, count) holding the rest:
        cells with more than the lane's rows can hold, and the `crowded` ones."""
        cell_s = self.cell_s
        by_cell: dict[int, list[EventMark]] = defaultdict(list)
        for mark in marks:
            cell = self._cell_of(mark)
            if cell is not None:
                by_cell[cell].append(mark)
        limit = cap * max(int(CELL_PX / MIN_PITCH_PX), 1)
        dense = sorted(c for c, found in by_cell.items()
                       if len(found) > limit or (c in crowded and len(found) >= MIN_FOLDED))
        if not dense:
            return list(marks), []
        folded: set[int] = set()
        stretches: list[tuple[int, int, int]] = []
        for cell in dense:
            found = by_cell[cell]
            folded.update(m.id for m in found)
            start, end = math.floor(cell * cell_s), math.floor((cell + 1) * cell_s)
            if stretches and stretches[-1][1] == start:
                last = stretches[-1]
                stretches[-1] = (last[0], end, last[2] + len(found))
            else:
                stretches.append((start, end, len(found)))
        return [m for m in marks if m.id not in folded], stretches

    def _cell_item(self, cell: tuple[int, int, int]) -> _Item:
        scale = self.frame.scale
        x0 = max(scale.x_of(cell[0]), -4.0)
        x1 = min(max(scale.x_of(cell[1]), x0 + 6), self.frame.width + 4)
        # Cells of a lane sit side by side in its first row: a count that does not fit in its
        # cell is left to the cell's tooltip rather than pushing the next cell down a row.
        return _Item(x0, x1, x1, None, cell=cell)

    # -- marks ----------------------------------------------------------------------------

    def _item(self, mark: EventMark) -> _Item:
        scale, width = self.frame.scale, self.frame.width
        x = scale.x_of(mark.earliest)
        open_end = mark.open_end or mark.latest >= OPEN_END
        end_x = width + 20.0 if open_end else scale.x_of(mark.latest)
        if x <= -FADE_PX and end_x >= width + 20:  # running through the view: its label
            return _Item(-20.0, width + 20.0, width + 20.0, mark, True, 6.0, True)  # inside
        bold = mark.id == self.selected
        text_w = min(self.measure.width(_one_line(mark.title), bold), MAX_LABEL_PX)
        ask = min(text_w, MIN_LABEL_PX)
        if mark.is_range or end_x - x > COARSE_PX:
            x0 = max(x, -20.0)
            x1 = max(min(end_x, width + 20.0), x0 + 4)
            inner = max(x0, 0.0) + 6
            if mark.fuzzy_start and x > -FADE_PX:  # keep the text off the faded start
                inner = max(inner, x0 + min(FADE_PX, (x1 - x0) * 0.3) + 2)
            room = min(x1, width) - inner - 4
            if room >= text_w or (x1 >= width - 40 and room >= 40):
                return _Item(x0, x1, x1, mark, True, inner, True)
            return _Item(x0, x1, x1 + 5 + ask, mark, True, x1 + 5, False)
        x0, x1 = x - POINT_R, x + POINT_R
        if x1 + 4 + text_w > width - 2 and x0 - 4 - text_w >= 2:
            # no room at the right edge: the label goes before the mark
            return _Item(x0 - 4 - text_w, x1, x1, mark, False, x0 - 4 - text_w, False, True)
        return _Item(x0, x1, x1 + 4 + ask, mark, False, x1 + 4)

    def _mark_specs(self, items: Sequence[_Item], rows: Sequence[int], top: float,
                    occupied: Sequence[Sequence[tuple[float, float]]]) -> list[MarkSpec]:
        frame, measure = self.frame, self.measure
        width = frame.width
        # The room each label may use: up to the next mark or cell in its row, or the edge.
        next_left: dict[int, float] = {}
        nexts = [width] * len(items)
        for i in sorted(range(len(items)), key=lambda k: -items[k].left):
            row = rows[i]
            if row < 0:
                continue
            after = min((a for a, _ in occupied[row] if a > items[i].left), default=width)
            nexts[i] = min(next_left.get(row, width), after)
            next_left[row] = items[i].left
        specs = []
        for it, row, nxt in zip(items, rows, nexts, strict=True):
            if row < 0:
                continue
            mark = it.mark
            assert mark is not None
            bold = mark.id == self.selected
            title = _one_line(mark.title)
            if it.label_inside:
                room = min(it.right, width) - it.label_x - 4
            elif it.label_before:  # the room it asked for, before the mark
                room = it.right - 2 * POINT_R - 4 - it.left
            else:
                room = min(nxt, width) - LABEL_GAP - it.label_x
            label = _fit(measure, title, room, bold)
            if it.label_before and label:
                label_x = it.right - 2 * POINT_R - 4 - measure.width(label, bold)
            else:
                label_x = it.label_x
            mark_x0 = it.left if not it.label_before else it.right - 2 * POINT_R
            coarse = not mark.is_range and it.bar
            extent = it.right if it.bar else min(frame.scale.x_of(mark.latest), width + 10)
            spec = MarkSpec(mark.id, it.bar, mark_x0, it.right, row, label, label_x,
                            it.label_inside, mark.fuzzy_start or coarse,
                            mark.fuzzy_end or coarse, mark.open_end or mark.latest >= OPEN_END,
                            coarse, extent, bold)
            specs.append(spec)
            y = top + frame.lane_head + row * frame.row_h
            self.hits.append(Hit(spec.x0 - 1, y, spec.x1 + 1, y + frame.row_h, "event", mark.id))
            if label and not it.label_inside:
                lw = measure.width(label, bold)
                self.hits.append(Hit(label_x, y, label_x + lw, y + frame.row_h, "event",
                                     mark.id))
        return specs


def _pack_around(items: Sequence[_Item], cap: int,
                 occupied: list[list[tuple[float, float]]]) -> list[int]:
    """Rows for marks (in x order) that keep clear of what is already in the rows (cells):
    the first row with room for mark and asked label, else for the mark alone, else -1."""
    ends = [-math.inf] * cap
    blocks = [sorted(row) for row in occupied]  # disjoint, so sorted by start is by end too
    starts = [[a for a, _ in row] for row in blocks]

    def clear(row: int, left: float, right: float) -> bool:
        # only the last block starting before `right` can reach into [left, right]
        i = bisect.bisect_left(starts[row], right + LABEL_GAP / 2) - 1
        return i < 0 or blocks[row][i][1] + LABEL_GAP / 2 <= left

    out = []
    for it in items:
        if min(ends) + LABEL_GAP / 2 > it.left:  # every row is taken there (crowded views)
            out.append(-1)
            continue
        choice = -1
        for want_label in (True, False):
            right = it.label_right if want_label else it.right
            for row in range(cap):
                gap = LABEL_GAP if want_label else LABEL_GAP / 2
                if ends[row] + gap <= it.left and (not blocks[row]
                                                     or clear(row, it.left, right)):
                    ends[row] = right
                    choice = row
                    break
            if choice >= 0:
                break
        out.append(choice)
    return out


def _fit(measure: TextMeasure, text: str, room: float, bold: bool) -> str:
    if room < 14:
        return ""
    if measure.width(text, bold) <= room:
        return text
    cut = measure.elide(text, room, bold)
    return cut if cut.strip("…. ") else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())

