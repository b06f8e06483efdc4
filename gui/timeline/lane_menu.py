"""The menu of a lane of the timeline: its rows opened or folded, pinned on top or unpinned."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from models.timeline.specs import LaneSpec

if TYPE_CHECKING:
    from gui.timeline.view import TimelineView


def lane_menu(view: TimelineView, lane: LaneSpec) -> QMenu | None:
    """The lane's name, then "Show all rows" / "Fewer rows" where it has more than fits, and
    "Pin lane" / "Unpin lane"; None when there is nothing to offer (the "Other" lane with all
    its rows shown)."""
    lane_id = lane.lane_id
    if lane_id is None and not lane.more and not lane.expanded:
        return None
    menu = QMenu(view)
    # Shown as written: '&' would mark a mnemonic, and a tab would start shortcut text.
    title = menu.addAction(lane.name.replace("&", "&&").replace("\t", " "))
    title.setEnabled(False)
    if lane.expanded:
        fewer = menu.addAction("Fewer rows")
        fewer.setToolTip('Fold the lane again, counting what does not fit in "+N more"')
        fewer.triggered.connect(lambda: view.expand_lane(lane_id, False))
    elif lane.more:
        more = menu.addAction(f"Show all rows (+{lane.more:,} more)")
        more.triggered.connect(lambda: view.expand_lane(lane_id))
    if lane_id is None:
        return menu
    if lane_id in view.pinned_lanes():
        unpin = menu.addAction("Unpin lane")
        unpin.triggered.connect(lambda: view.unpin_lane(lane_id))
    else:
        pin = menu.addAction("Pin lane")
        pin.setToolTip("Keep this lane on top, whatever is in view")
        pin.triggered.connect(lambda: view.pin_lane(lane_id, lane.name))
    return menu
