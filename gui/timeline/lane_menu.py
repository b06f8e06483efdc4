"""The menu of a lane of the timeline: pin it on top, or unpin it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from models.timeline.layout import LaneSpec

if TYPE_CHECKING:
    from gui.timeline.view import TimelineView


def lane_menu(view: TimelineView, lane: LaneSpec) -> QMenu | None:
    """"Pin lane" / "Unpin lane" for a lane (None for the "Other" lane)."""
    lane_id = lane.lane_id
    if lane_id is None:
        return None
    menu = QMenu(view)
    # Shown as written: '&' would mark a mnemonic, and a tab would start shortcut text.
    title = menu.addAction(lane.name.replace("&", "&&").replace("\t", " "))
    title.setEnabled(False)
    if lane_id in view.pinned_lanes():
        unpin = menu.addAction("Unpin lane")
        unpin.triggered.connect(lambda: view.unpin_lane(lane_id))
    else:
        pin = menu.addAction("Pin lane")
        pin.setToolTip("Keep this lane on top, whatever is in view")
        pin.triggered.connect(lambda: view.pin_lane(lane_id, lane.name))
    return menu

