"""The timeline: a view of events in lanes along time (view.py), fed by windowed fetches
(fetcher.py), painted from what is in hand (painter.py), with a lane menu (lane_menu.py)."""

from gui.timeline.fetcher import LABEL_BUDGET, MARK_BUDGET, SPANNING_PER_LANE, TimelineSource
from gui.timeline.view import TimelineView

__all__ = ["LABEL_BUDGET", "MARK_BUDGET", "SPANNING_PER_LANE", "TimelineSource", "TimelineView"]
