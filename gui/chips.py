"""The filter chips above the timeline: one removable chip per chosen value ("Party: Huawei"),
per excluded one ("not Imported file: icews.tab"), for the text and for the span when the
filter has them, and "Clear all". The row scrolls sideways when there are many; it is hidden
while the filter is empty. Labels come from the store (`value_labels`), shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from gui.filter_state import FilterState
from gui.item_models import plain_tooltip
from models.dates import civil_from_seconds
from models.filters import Facet, Filter, Value

if TYPE_CHECKING:
    from models.store import Store

Change = Callable[[Filter], Filter]
REMOVE_MARK = "\N{MULTIPLICATION SIGN}"


def _day(seconds: int) -> str:
    year, month, day, _, _ = civil_from_seconds(seconds)
    return f"{year}-{month:02d}-{day:02d}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def chip_specs(flt: Filter, labels: Callable[[Facet, list[Value]], dict[Value, str]]
               ) -> list[tuple[str, Change]]:
    """(text, how to take it out of a filter) of each chip `flt` shows, in order: each facet's
    choices then its exclusions (in Facet order, by label), the text, the span."""
    out: list[tuple[str, Change]] = []
    for facet in flt.facets:
        chosen, excluded = flt.chosen_in(facet), flt.excluded_in(facet)
        names = labels(facet, [*chosen, *excluded])
        for values, prefix in ((chosen, ""), (excluded, "not ")):
            # Records with the same name (three parties called "Loiszan Company") are one
            # chip, which takes them all out.
            by_text: dict[str, list[Value]] = {}
            for value in sorted(values, key=lambda v: (names.get(v, str(v)).casefold(),
                                                       repr(v))):
                name = (value[0] if facet is Facet.ATTRIBUTE and isinstance(value, tuple)
                        else facet.label)
                text = f"{prefix}{name}: {_one_line(names.get(value, str(value)))}"
                by_text.setdefault(text, []).append(value)
            for text, same in by_text.items():
                shown = text if len(same) == 1 else f"{text} ({len(same)} records)"
                out.append((shown, _without(facet, *same)))
    if flt.text:
        out.append((f"Text: {_one_line(flt.text)}", lambda f: f.matching("")))
    if flt.span is not None:
        start, end = flt.span
        out.append((f"Dates: {_day(start)} – {_day(end)}", lambda f: f.within(None)))
    return out


def _without(facet: Facet, *values: Value) -> Change:
    def change(flt: Filter) -> Filter:
        for value in values:
            flt = flt.without(facet, value)
        return flt
    return change


CHIP_TEXT_PX = 200


class Chip(QFrame):
    """One chip: its text and a button (a multiplication sign) that takes it out of the
    filter."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setObjectName("filterChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Filter {text}")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # A long name (an imported file's) is cut in its middle; the tooltip has it whole.
        self.label.setText(QFontMetrics(self.label.font()).elidedText(
            text, Qt.TextElideMode.ElideMiddle, CHIP_TEXT_PX))
        self.label.setToolTip(plain_tooltip(text))
        self.remove = QToolButton(self)
        self.remove.setText(REMOVE_MARK)
        self.remove.setAutoRaise(True)
        self.remove.setAccessibleName(f"Remove filter {text}")
        self.remove.setToolTip(plain_tooltip(f"Remove filter {text}"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove)


class FilterChips(QWidget):
    """The current filter (a FilterState) as chips; removing one changes the state."""

    def __init__(self, store: Store, state: FilterState, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._store = store
        self._state = state
        self._chips: list[Chip] = []
        self.setObjectName("filterChips")
        self.setAccessibleName("Filters")

        self._row = QWidget()
        self._row_layout = QHBoxLayout(self._row)
        self._row_layout.setContentsMargins(0, 0, 0, 0)
        self._row_layout.setSpacing(4)
        self._row_layout.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._scroll.setWidget(self._row)
        self._scroll.setAccessibleName("Filters")
        self._scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.clear_all = QPushButton("Clear All", self)
        self.clear_all.setAccessibleName("Clear all filters")
        self.clear_all.setToolTip("Clear all filters")
        self.clear_all.clicked.connect(lambda: self._state.set_filter(Filter()))

        self.count = QLabel(self)  # how many events pass (the window counts them)
        self.count.setObjectName("passingCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.clear_all)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        state.changed.connect(lambda _flt: self.refresh())
        self.refresh()

    def set_count(self, passing: int | None) -> None:
        """How many events pass the filter (None: still counting)."""
        self.count.setText("Counting…" if passing is None else
                           f"{passing:,} event{'' if passing == 1 else 's'} pass")

    def chips(self) -> list[Chip]:
        """The chips shown, in order."""
        return list(self._chips)

    def chip_texts(self) -> list[str]:
        return [chip.text for chip in self._chips]

    def refresh(self) -> None:
        """Show the state's filter again (also after the store changed: names may have)."""
        flt = self._state.filter()
        for chip in self._chips:
            self._row_layout.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self._chips = []
        specs = [] if flt.is_empty else chip_specs(flt, self._labels)
        for text, change in specs:
            chip = Chip(text, self._row)
            chip.remove.clicked.connect(lambda _=False, change=change: self._apply(change))
            self._row_layout.insertWidget(self._row_layout.count() - 1, chip)
            self._chips.append(chip)
        height = max((chip.sizeHint().height() for chip in self._chips), default=0)
        bar = self._scroll.horizontalScrollBar().sizeHint().height()
        self._scroll.setFixedHeight(height + bar + 2 if height else 0)
        if not self._chips:
            self.hide()
        elif not self.isWindow():  # (never pop up as a window of its own)
            self.show()

    def _labels(self, facet: Facet, values: list[Value]) -> dict[Value, str]:
        return self._store.value_labels(facet, values)

    def _apply(self, change: Change) -> None:
        self._state.set_filter(change(self._state.filter()))
