"""What the timeline draws, as data: the draw specs of a layout (lanes, their marks and density
cells) and the boxes that answer a click. Made by models.timeline.layout; the painter only
paints them, and `describe` (picture.py) writes them out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MarkSpec:
    """One event drawn in a row: a point (diamond) or a bar (a range, or a coarse date)."""

    event_id: int
    bar: bool
    x0: float
    x1: float
    row: int
    label: str  # "" when there is no room
    label_x: float
    label_inside: bool
    fuzzy_start: bool
    fuzzy_end: bool
    open_end: bool
    coarse: bool  # a date known to a day, month or year: the span it may fall in
    extent_x: float  # for a point: where its coarse span ends (== x when exact)
    selected: bool


@dataclass(frozen=True, slots=True)
class CellSpec:
    """A stretch of a lane too crowded to draw one by one: how many events start in it."""

    start: int
    end: int
    x0: float
    x1: float
    row: int
    count: int


@dataclass(frozen=True, slots=True)
class LaneSpec:
    lane_id: int | None  # None: "Other"
    name: str
    top: float
    height: float
    rows: int
    marks: tuple[MarkSpec, ...]
    cells: tuple[CellSpec, ...]
    more: int  # events of this lane in view that found no row
    pinned: bool
    expanded: bool

    @property
    def event_ids(self) -> list[int]:
        return [m.event_id for m in self.marks]


@dataclass(frozen=True, slots=True)
class Hit:
    """A box that answers a click: an event, a density cell (zoom to it) or "+N more"."""

    x0: float
    y0: float
    x1: float
    y1: float
    kind: str  # "event" | "cell" | "more"
    target: int | None  # the event id; the lane id for "cell" and "more"
    start: int = 0  # a cell's stretch of time
    end: int = 0


@dataclass(frozen=True, slots=True)
class Layout:
    lanes: tuple[LaneSpec, ...]
    hits: tuple[Hit, ...]
    content_height: float
    in_view: int  # distinct events overlapping the view, drawn or counted

    def hit_at(self, x: float, y: float) -> Hit | None:
        """The topmost box at (x, y) in content coordinates."""
        for hit in reversed(self.hits):
            if hit.x0 <= x <= hit.x1 and hit.y0 <= y <= hit.y1:
                return hit
        return None


EMPTY = Layout((), (), 0.0, 0)
