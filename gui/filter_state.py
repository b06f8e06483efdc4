"""The window's one current filter (models.filters.Filter), which the facet panel, the chips,
the search box, the results table and the timeline all follow."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from models.filters import Filter


class FilterState(QObject):
    """Holds the current Filter; `changed` carries the new one whenever it changes."""

    changed = Signal(object)  # Filter

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = Filter()

    def filter(self) -> Filter:
        return self._filter

    def set_filter(self, flt: Filter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.changed.emit(flt)
