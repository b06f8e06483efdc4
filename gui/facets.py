"""The facet panel: one collapsible section per facet (Category, Party, …, then one per
attribute with few values), each a checkable list of the facet's values with how many events
each would give. Checking a value chooses it (OR within a facet), unchecking drops it; the
context menu, Delete or "-" excludes it. The counts follow the current filter (FilterState)
and the timeline's visible span (`set_span`), which stays out of the filter itself.

Counts are read in a worker thread (gui.worker.LatestOnlyWorker) on the store's own reader:
one job per refresh for every section whose counts are out of date, each section shown as it
is counted; a newer job interrupts the older one. A store in memory has no reader: there the
same job runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.filter_state import FilterState
from gui.item_models import ObjectRole, plain_tooltip
from gui.worker import LatestOnlyWorker
from models.filters import Facet, Filter, Value

if TYPE_CHECKING:
    from models.store import Store
    from models.store.filtering import FacetCounts, FacetValue

# The sections before the attribute ones, in this order.
FACETS = (Facet.CATEGORY, Facet.PARTY, Facet.ROLE, Facet.KIND, Facet.SOURCE,
          Facet.COLLECTION, Facet.PRECISION, Facet.QUALIFIER, Facet.TAG, Facet.STARRED)
SECTION_LIMIT = 20  # values a section lists (the busiest, plus the chosen and excluded ones)
VISIBLE_ROWS = 10  # rows a section shows before it scrolls
COLLAPSED_KEY = "facets/collapsed"  # QSettings: the titles of the sections folded away
SPAN_DELAY_MS = 200  # the timeline scrolls: count once it rests
NAMED_DELAY_MS = 150  # typing in a section's filter box
_PLURALS = {Facet.CATEGORY: "categories", Facet.PARTY: "parties", Facet.ROLE: "roles",
            Facet.KIND: "party kinds", Facet.SOURCE: "sources", Facet.COLLECTION: "imported files",
            Facet.PRECISION: "precisions", Facet.QUALIFIER: "dates", Facet.TAG: "tags",
            Facet.STARRED: "values"}

EXCLUDED_MARK = "\N{MINUS SIGN} "  # before an excluded value (which is also struck through)
SectionKey = tuple[Facet, str | None]  # (facet, attribute name for Facet.ATTRIBUTE)
_Index = QModelIndex | QPersistentModelIndex


def section_title(facet: Facet, attribute: str | None = None) -> str:
    return attribute if facet is Facet.ATTRIBUTE and attribute is not None else facet.label


class FacetValuesModel(QAbstractListModel):
    """The values of one facet with their counts; a value's check state is whether the filter
    chooses it. Checking or unchecking one (setData) emits `value_checked(value, checked)`:
    the panel turns that into a new filter."""

    value_checked = Signal(object, bool)  # (value, checked)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: list[FacetValue] = []
        self._estimated = False  # counts from a sample of the events: shown as "≈"
        self._chosen: frozenset[Value] = frozenset()
        self._excluded: frozenset[Value] = frozenset()

    def set_values(self, values: Sequence[FacetValue], *, estimated: bool = False) -> None:
        self.beginResetModel()
        self._values = list(values)
        self._estimated = estimated
        self.endResetModel()

    def set_marks(self, chosen: frozenset[Value], excluded: frozenset[Value]) -> None:
        """Which values the filter chooses and excludes (shown at once, before new counts)."""
        if (chosen, excluded) == (self._chosen, self._excluded):
            return
        self._chosen, self._excluded = chosen, excluded
        if self._values:
            self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1))

    def values(self) -> list[FacetValue]:
        return list(self._values)

    def value_at(self, row: int) -> FacetValue | None:
        return self._values[row] if 0 <= row < len(self._values) else None

    def is_chosen(self, value: Value) -> bool:
        return value in self._chosen

    def is_excluded(self, value: Value) -> bool:
        return value in self._excluded

    def text(self, row: int) -> str:
        item = self._values[row]
        mark = EXCLUDED_MARK if item.value in self._excluded else ""
        about = "≈" if self._estimated and item.count else ""
        return f"{mark}{' '.join(item.label.split())}  ({about}{item.count:,})"

    # -- Qt overrides --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        item = self._values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row())  # painted as plain text by the view's delegate
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if item.value in self._chosen
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.text(index.row()))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = (", chosen" if item.value in self._chosen
                     else ", excluded" if item.value in self._excluded else "")
            return f"{item.label}, {item.count:,} events{state}"
        if role == Qt.ItemDataRole.FontRole and item.value in self._excluded:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and item.count == 0:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                   QPalette.ColorRole.Text)
        if role == ObjectRole:
            return item
        return None

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or not 0 <= index.row() < len(self._values)):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        item = self._values[index.row()]
        if checked:
            self._chosen |= {item.value}
            self._excluded -= {item.value}
        else:
            self._chosen -= {item.value}
        self.dataChanged.emit(index, index)
        self.value_checked.emit(item.value, checked)
        return True


class FacetList(QListView):
    """A section's values: Space toggles the current one, Delete or "-" excludes it,
    Backspace takes it out of the filter; the context menu does the same."""

    toggle_requested = Signal(object)  # value
    exclude_requested = Signal(object)  # value
    remove_requested = Signal(object)  # value
    only_requested = Signal(object)  # value

    def __init__(self, model: FacetValuesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu_at)

    def current_value(self) -> FacetValue | None:
        index = self.currentIndex()
        return self._model.value_at(index.row()) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.current_value()
        key = event.key()
        if item is not None and key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            self.toggle_requested.emit(item.value)
        elif item is not None and (event.matches(QKeySequence.StandardKey.Delete)
                                   or key == Qt.Key.Key_Minus):
            self.exclude_requested.emit(item.value)
        elif item is not None and key == Qt.Key.Key_Backspace:
            self.remove_requested.emit(item.value)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def menu_for(self, row: int) -> QMenu | None:
        """The context menu of a row (None for no row)."""
        item = self._model.value_at(row)
        if item is None:
            return None
        menu = QMenu(self)
        value = item.value
        chosen, excluded = self._model.is_chosen(value), self._model.is_excluded(value)
        actions: list[tuple[str, Callable[[], None], bool]] = [
            ("Choose", lambda: self.toggle_requested.emit(value), not chosen),
            ("Only This", lambda: self.only_requested.emit(value), True),
            ("Exclude", lambda: self.exclude_requested.emit(value), not excluded),
            ("Remove from Filter", lambda: self.remove_requested.emit(value),
             chosen or excluded),
        ]
        for text, slot, enabled in actions:
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
            menu.addAction(action)
        return menu

    def _menu_at(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        menu = self.menu_for(index.row()) if index.isValid() else None
        if menu is not None:
            self.setCurrentIndex(index)
            menu.exec(self.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def contextMenuKey(self) -> None:
        """The menu key: the current row's menu, below it."""
        index = self.currentIndex()
        if index.isValid():
            self._menu_at(self.visualRect(index).bottomLeft())


class FacetSection(QWidget):
    """One facet: a header (collapse, title, "…" while counting, Clear), a filter box for
    big facets, and the values."""

    clear_requested = Signal()
    named_changed = Signal(str)
    expanded_changed = Signal(bool)

    def __init__(self, facet: Facet, attribute: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facet, self.attribute = facet, attribute
        self.title = section_title(facet, attribute)
        self.setObjectName(f"facet-{facet.value}" + (f"-{attribute}" if attribute else ""))
        self.setAccessibleName(f"{self.title} facet")
        self.model = FacetValuesModel(self)
        self.more = False
        self.counting = False
        self._expanded = True

        self.toggle = QToolButton(self)
        self.toggle.setText(self.title)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAccessibleName(f"Show or hide {self.title}")
        self.toggle.clicked.connect(lambda: self.set_expanded(not self._expanded))
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)

        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(f"{self.title} status")

        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setAccessibleName(f"Clear {self.title}")
        self.clear_button.setToolTip(plain_tooltip(f"Clear the {self.title} choices"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.clear_button.hide()

        self.filter_box = QLineEdit(self)
        plural = _PLURALS.get(facet, f"{self.title} values")
        self.filter_box.setPlaceholderText(f"Filter {plural}…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(f"Filter {plural}")
        self.filter_box.textChanged.connect(lambda text: self.named_changed.emit(text.strip()))
        self.filter_box.hide()

        self.view = FacetList(self.model, self)
        self.view.setAccessibleName(f"{self.title} values")
        self.model.modelReset.connect(self._fit)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle)
        header.addWidget(self.status)
        header.addStretch(1)
        header.addWidget(self.clear_button)
        self._body = QWidget(self)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.filter_box)
        body.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self._body)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._fit()

    def named(self) -> str:
        return self.filter_box.text().strip()

    def is_expanded(self) -> bool:
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        changed = expanded != self._expanded
        self._expanded = expanded
        self.toggle.setAccessibleDescription("Expanded" if expanded else "Collapsed")
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded
                                 else Qt.ArrowType.RightArrow)
        self._body.setVisible(expanded)
        if changed:
            self.expanded_changed.emit(expanded)

    def set_counting(self, counting: bool) -> None:
        self.counting = counting
        self.status.setText("…" if counting else "")
        self.status.setAccessibleDescription("Counting" if counting else "")

    def set_marks(self, flt: Filter) -> None:
        chosen, excluded = flt.chosen_in(self.facet), flt.excluded_in(self.facet)
        if self.facet is Facet.ATTRIBUTE:
            def mine(value: Value) -> bool:
                return isinstance(value, tuple) and value[0] == self.attribute
            chosen = frozenset(filter(mine, chosen))
            excluded = frozenset(filter(mine, excluded))
        self.model.set_marks(chosen, excluded)
        self.clear_button.setVisible(bool(chosen or excluded))
        self._update_visible()

    def set_counts(self, counts: FacetCounts) -> None:
        current = self.view.current_value()
        self.more = counts.more
        self.model.set_values(counts.values, estimated=counts.estimated)
        if current is not None:
            for row, item in enumerate(counts.values):
                if item.value == current.value:
                    self.view.setCurrentIndex(self.model.index(row))
                    break
        self.filter_box.setVisible(self.more or bool(self.filter_box.text()))
        self._update_visible()

    def _update_visible(self) -> None:
        """Shown when it has values, or a filter box with text, or choices to clear."""
        self.setVisible(self.model.rowCount() > 0 or bool(self.filter_box.text())
                        or self.clear_button.isVisibleTo(self))

    def _fit(self) -> None:
        rows = max(1, min(self.model.rowCount(), VISIBLE_ROWS))
        row_height = self.view.sizeHintForRow(0) if self.model.rowCount() else 0
        row_height = row_height if row_height > 0 else self.view.fontMetrics().height() + 6
        self.view.setFixedHeight(rows * row_height + 2 * self.view.frameWidth() + 2)


@dataclass(frozen=True, slots=True)
class _Spec:
    key: SectionKey
    asked: tuple[Any, ...]  # what the counts are for: (filter, span, named, store version)
    named: str


def _counts_job(flt: Filter, span: tuple[int, int] | None, specs: Sequence[_Spec],
                attributes_for: tuple[Any, ...] | None, version: int
                ) -> Callable[[Any, Callable[[Any], None]], None]:
    """Counts of every section in `specs`, each emitted as ("counts", key, asked, counts) as
    soon as it is counted; with `attributes_for` (the filter and span new sections count
    for), first ("attributes", version, names), then the new attribute sections; last
    ("done", version, None). The span is dropped when it holds the whole store."""

    def job(reader: Any, emit: Callable[[Any], None]) -> None:
        within = span
        if within is not None:
            extent = reader.extent()
            if extent is None or (within[0] <= extent[0] and within[1] >= extent[1]):
                within = None  # the whole store: the cheaper path
        counted = flt.within(within)
        todo = list(specs)
        if attributes_for is not None:
            names = list(reader.attribute_facets())
            emit(("attributes", version, names))
            asked = {spec.key for spec in specs}
            todo += [_Spec((Facet.ATTRIBUTE, name), (*attributes_for, "", version), "")
                     for name in names if (Facet.ATTRIBUTE, name) not in asked]
        for spec in todo:
            facet, attribute = spec.key
            counts = reader.facet_counts(counted, facet, attribute=attribute,
                                         limit=SECTION_LIMIT, named=spec.named)
            emit(("counts", spec.key, spec.asked, counts))
        emit(("done", version, None))

    return job


class FacetPanel(QWidget):
    """The facet sections, following `state` (a FilterState) and the timeline's span."""

    counts_shown = Signal()  # every section shows the counts of the current filter and span

    def __init__(self, store: Store, state: FilterState, parent: QWidget | None = None, *,
                 only_when_shown: bool = False) -> None:
        super().__init__(parent)
        self._store = store
        self._state = state
        # In the window the panel counts only while it is shown: a million events' counts
        # are not worked out for nobody (opening a big store, each filter change).
        self._only_when_shown = only_when_shown
        self._span: tuple[int, int] | None = None
        self._version = 0  # bumped by refresh(): every count is out of date
        self._attributes: list[str] | None = None  # the attribute sections (None: ask)
        self._asked: dict[SectionKey, tuple[Any, ...]] = {}  # what each section's counts are for
        self._job = 0
        self._pending = False
        self._worker: LatestOnlyWorker | None = None
        self._no_reader = False
        self.setAccessibleName("Facets")
        self.setObjectName("facetPanel")

        self._sections: dict[SectionKey, FacetSection] = {}
        self._box = QWidget()
        self._list = QVBoxLayout(self._box)
        self._list.setContentsMargins(4, 4, 4, 4)
        self._list.setSpacing(4)
        self.status = QLabel("Counting…", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Facet counting status")
        self._list.addWidget(self.status)
        for facet in FACETS:
            self._list.addWidget(self._add_section(facet, None))
        self._list.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._box)
        scroll.setAccessibleName("Facets")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._submit)
        state.changed.connect(self._filter_changed)
        self._filter_changed(state.filter())

    # -- public -------------------------------------------------------------------------------
    def set_span(self, span: tuple[int, int] | None) -> None:
        """The timeline's visible span ([start, end] seconds; None: everything): the counts
        follow it, once it rests."""
        span = None if span is None else (min(span), max(span))
        if span != self._span:
            self._span = span
            self._schedule(SPAN_DELAY_MS)

    def span(self) -> tuple[int, int] | None:
        return self._span

    def refresh(self) -> None:
        """Count again (the store changed), attribute sections included."""
        self._version += 1
        self._attributes = None
        self._schedule(0)

    def sections(self) -> list[FacetSection]:
        """The sections in order (hidden ones too)."""
        return list(self._sections.values())

    def section(self, facet: Facet, attribute: str | None = None) -> FacetSection | None:
        return self._sections.get((facet, attribute))

    @property
    def counting(self) -> bool:
        """Whether counts are still on their way (or due) for the current filter and span."""
        return self._pending or self._timer.isActive()

    def stop(self) -> None:
        """End the counting thread and wait for it (before the application shuts down)."""
        self._timer.stop()
        if self._worker is not None:
            self._worker.stop(wait=True)
            self._worker = None
        self._no_reader = True  # from now on, count here

    # -- sections -----------------------------------------------------------------------------
    def _add_section(self, facet: Facet, attribute: str | None) -> FacetSection:
        section = FacetSection(facet, attribute, self._box)
        key: SectionKey = (facet, attribute)
        section.hide()  # until it has values
        section.model.value_checked.connect(
            lambda value, checked, f=facet: self._apply(
                (lambda flt: flt.choosing(f, value)) if checked
                else (lambda flt: flt.without(f, value))))
        section.view.toggle_requested.connect(
            lambda value, f=facet: self._apply(
                lambda flt: flt.without(f, value) if value in flt.chosen_in(f)
                else flt.choosing(f, value)))
        section.view.exclude_requested.connect(
            lambda value, f=facet: self._apply(lambda flt: flt.excluding(f, value)))
        section.view.remove_requested.connect(
            lambda value, f=facet: self._apply(lambda flt: flt.without(f, value)))
        section.view.only_requested.connect(
            lambda value, f=facet: self._apply(
                lambda flt: flt.cleared(f).choosing(f, value)))
        section.clear_requested.connect(lambda s=section: self._clear(s))
        section.named_changed.connect(lambda _text: self._schedule(NAMED_DELAY_MS))
        section.set_marks(self._state.filter())
        section.set_expanded(section.title not in self._collapsed())
        section.expanded_changed.connect(lambda _expanded: self._save_collapsed())
        self._sections[key] = section
        return section

    @staticmethod
    def _collapsed() -> set[str]:
        value = QSettings().value(COLLAPSED_KEY, [])
        if isinstance(value, str):  # (one title comes back as a string)
            value = [value]
        return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()

    def _save_collapsed(self) -> None:
        kept = self._collapsed() - {s.title for s in self._sections.values()}
        folded = {s.title for s in self._sections.values() if not s.is_expanded()}
        QSettings().setValue(COLLAPSED_KEY, sorted(kept | folded))

    def _clear(self, section: FacetSection) -> None:
        flt = self._state.filter()
        if section.facet is Facet.ATTRIBUTE:  # only this attribute's values
            for value in flt.chosen_in(Facet.ATTRIBUTE) | flt.excluded_in(Facet.ATTRIBUTE):
                if isinstance(value, tuple) and value[0] == section.attribute:
                    flt = flt.without(Facet.ATTRIBUTE, value)
        else:
            flt = flt.cleared(section.facet)
        self._state.set_filter(flt)

    def _apply(self, change: Callable[[Filter], Filter]) -> None:
        self._state.set_filter(change(self._state.filter()))

    def _set_attributes(self, names: list[str]) -> None:
        self._attributes = names
        wanted = {(Facet.ATTRIBUTE, name) for name in names}
        for key in [k for k in self._sections if k[0] is Facet.ATTRIBUTE and k not in wanted]:
            section = self._sections.pop(key)
            self._asked.pop(key, None)
            self._list.removeWidget(section)
            section.deleteLater()
        for name in names:
            if (Facet.ATTRIBUTE, name) not in self._sections:
                self._list.insertWidget(self._list.count() - 1,
                                        self._add_section(Facet.ATTRIBUTE, name))
                self._sections[(Facet.ATTRIBUTE, name)].set_counting(True)
        # keep the attribute sections in name order, after the fixed ones
        attributes = sorted((k for k in self._sections if k[0] is Facet.ATTRIBUTE),
                            key=lambda k: (k[1] or "").casefold())
        order = [k for k in self._sections if k[0] is not Facet.ATTRIBUTE] + attributes
        self._sections = {k: self._sections[k] for k in order}
        for offset, key in enumerate(attributes):
            section = self._sections[key]
            self._list.removeWidget(section)
            self._list.insertWidget(1 + len(FACETS) + offset, section)

    # -- counting -----------------------------------------------------------------------------
    def _filter_changed(self, flt: Filter) -> None:
        for section in self._sections.values():
            section.set_marks(flt)
        self._schedule(0)

    def _mark_stale(self) -> None:
        """"…" on every section whose counts are not those of the filter and span now."""
        for key, section in self._sections.items():
            if self._asked.get(key) != self._wanted(section):
                section.set_counting(True)

    def _schedule(self, delay: int) -> None:
        self._mark_stale()
        if not self._timer.isActive() or delay < self._timer.remainingTime():
            self._timer.start(delay)

    def _wanted(self, section: FacetSection) -> tuple[Any, ...]:
        return (self._state.filter(), self._span, section.named(), self._version)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._only_when_shown:
            self._schedule(0)  # what changed while it was hidden

    def _submit(self) -> None:
        if self._only_when_shown and not self.isVisible():
            return  # (counted when shown)
        flt, span, version = self._state.filter(), self._span, self._version
        specs = []
        for key, section in self._sections.items():
            asked = self._wanted(section)
            if self._asked.get(key) != asked:
                specs.append(_Spec(key, asked, section.named()))
                section.set_counting(True)
        attributes_for = (flt, span) if self._attributes is None else None
        if not specs and attributes_for is None:
            return
        self._job += 1
        job = _counts_job(flt, span, specs, attributes_for, version)
        self._pending = True
        self.status.show()
        worker = self._counter()
        if worker is None:
            number = self._job
            job(self._store, lambda value: self._on_result(number, value))
        else:
            worker.submit(self._job, job)

    def _counter(self) -> LatestOnlyWorker | None:
        """The counting worker, started on first use; None for a store without a reader."""
        if self._worker is None and not self._no_reader:
            try:
                reader = self._store.open_reader()
            except Exception:  # (a store not yet in its place on disk: count here)
                reader = None
            if reader is None:
                self._no_reader = True
                return None
            worker = self._worker = LatestOnlyWorker(reader, "facet-counts")
            worker.bridge.result.connect(self._on_result)
            worker.bridge.failed.connect(self._on_failed)

            def stop_worker(*_: object) -> None:
                if worker.latest != -1:  # (not stopped already: its reader is closed)
                    worker.stop()
            self.destroyed.connect(stop_worker)
        return self._worker

    def _on_result(self, number: int, payload: tuple[Any, ...]) -> None:
        if number != self._job:
            return
        kind = payload[0]
        if kind == "attributes":
            _, version, names = payload
            if version == self._version:
                self._set_attributes(list(names))
        elif kind == "counts":
            _, key, asked, counts = payload
            section = self._sections.get(key)
            if section is None:
                return
            section.set_counts(counts)
            self._asked[key] = asked
            section.set_counting(asked != self._wanted(section))
        elif kind == "done":
            self._pending = False
            self.status.hide()
            if not self._timer.isActive():
                self.counts_shown.emit()

    def _on_failed(self, number: int, message: str) -> None:
        if number != self._job:
            return
        self._pending = False
        self.status.setText(f"Counting failed: {message}")
        self.status.show()
        for section in self._sections.values():
            section.set_counting(False)
