"""What the timeline drew, as data: the lanes of a layout with the events drawn in each, and
what each counts without drawing ("+N more", density cells). Written by `screenshot --layout`
so that tests (and people) can check the picture against the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from models.dates import civil_from_seconds
from models.domain import LaneMode
from models.timeline.specs import Layout

# (table, ids) -> {id: key}: the store's stable keys (Store.keys_of)
KeysOf = Callable[[str, Sequence[int]], dict[int, str]]


def iso(seconds: int) -> str:
    """ISO 8601 date and time, with a signed four-digit-or-more year outside 0000-9999."""
    year, month, day, hour, minute = civil_from_seconds(seconds)
    second = seconds % 60
    text = f"{abs(year):04d}" if 0 <= year <= 9999 else f"{'-' if year < 0 else '+'}{abs(year):04d}"
    return f"{text}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"


def describe(layout: Layout, *, span: tuple[int, int], size: tuple[int, int], mode: LaneMode,
             keys_of: KeysOf) -> dict[str, Any]:
    table, prefix = ("parties", "party") if mode is LaneMode.PARTY else ("categories", "category")
    lane_keys = keys_of(table, [lane.lane_id for lane in layout.lanes if lane.lane_id is not None])
    event_ids = sorted({i for lane in layout.lanes for i in lane.event_ids})
    event_keys = keys_of("events", event_ids)
    lanes = []
    for lane in layout.lanes:
        lane_id = "other" if lane.lane_id is None else f"{prefix}:{lane_keys.get(lane.lane_id)}"
        lanes.append({
            "id": lane_id,
            "name": lane.name,
            "events": [event_keys.get(i, str(i)) for i in dict.fromkeys(lane.event_ids)],
            "more": lane.more,
            "density": [{"start": iso(c.start), "end": iso(c.end), "count": c.count}
                        for c in lane.cells],
        })
    return {"span": [iso(span[0]), iso(span[1])], "size": list(size), "lanes": lanes}
