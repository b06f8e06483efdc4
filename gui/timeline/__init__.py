"""The timeline: a view of events in lanes along time (view.py, input.py), fed by windowed
fetches laid out off the GUI thread (fetcher.py, models.timeline.layout), painted from the
layout in hand (painter.py), with a lane menu (lane_menu.py)."""

from gui.timeline.fetcher import TimelineReader, TimelineSource
from gui.timeline.view import TimelineView

__all__ = ["TimelineReader", "TimelineSource", "TimelineView"]
