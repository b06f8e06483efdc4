"""Reviewing an article's proposals before they are written: the dialog (dialog.py), its
tables (tables.py: thin adapters over models/articles/review.py) and widgets (widgets.py)."""

from gui.review.dialog import ReviewDialog
from gui.review.tables import NEW_PARTY, EventsModel, PartiesModel, qt_positions

__all__ = ["NEW_PARTY", "EventsModel", "PartiesModel", "ReviewDialog", "qt_positions"]
