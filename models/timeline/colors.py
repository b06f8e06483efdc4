"""Lane colours that belong to the party or category, not to a lane's place on screen.

A hue follows from the id alone (the golden angle spreads consecutive ids apart), so a party
keeps its colour across imports, sessions and zoom, and the same colour shows in the timeline,
the detail pane, the overview and exports. A category's own colour, where it has one, wins.
"""

from __future__ import annotations

GOLDEN_ANGLE = 137.50776405
_OFFSETS = {"party": 212.0, "category": 24.0}


def lane_hue(kind: str, lane_id: int) -> float:
    """The hue (degrees, 0-360) of a party's or category's lane; kind is "party" or "category"."""
    return (_OFFSETS.get(kind, 0.0) + lane_id * GOLDEN_ANGLE) % 360.0

