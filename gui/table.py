"""The results table: every event that passes the window's filter, one row each, sorted in SQL.

`EventTableModel` holds only how many events pass (`count_passing`) and fetches rows a block of
BLOCK at a time when a view first asks for one: the block's ids from `passing_page` (the
filter, the sort key and the block's offset), then their rows from `event_rows`, in one query
each. Blocks are kept in a small LRU cache. Over a store file the fetches run in a
LatestOnlyWorker (a block of a million events sorted by title takes far longer than a frame);
rows not in hand yet show LOADING and are filled when their block arrives. Over an in-memory
store (no reader for a thread) they are read on the GUI thread, at once.

`ResultsTable` is the widget: a count of the events above a QTableView over the model, header
clicks to sort (in SQL), the selection and activation as event ids, and Copy as CSV.
"""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.filter_state import FilterState
from gui.item_models import ObjectRole, SortRole, plain_tooltip
from gui.worker import LatestOnlyWorker
from models.edits import Command, SetStar, TagRecords
from models.filters import Filter

if TYPE_CHECKING:
    from models.store.table_rows import EventRow

BLOCK = 200  # rows fetched at a time
CACHED_BLOCKS = 50  # blocks kept (the least recently shown go first)
LOADING = "…"  # what a row shows until its block arrives
WANTED_BLOCKS = 8  # blocks waiting to be fetched at most (the latest asked for)
COPY_LIMIT = 20_000  # rows Copy puts on the clipboard at most

_Index = QModelIndex | QPersistentModelIndex


class TableStore(Protocol):
    """What the table reads (models.store.Store, with its TableRows reads)."""

    def count_passing(self, flt: Filter) -> int: ...

    def passing_page(self, flt: Filter, *, sort: Any = "date", descending: bool = False,
                     offset: int = 0, limit: int = 200) -> list[int]: ...

    def event_rows(self, ids: Sequence[int]) -> list[EventRow]: ...

    def open_reader(self) -> Any: ...


def events_text(count: int) -> str:
    return f"{count:,} event" + ("" if count == 1 else "s")


def _column(header: str, key: str, text: Callable[[EventRow], str],
            sort_value: Callable[[EventRow], Any]) -> tuple[str, str, Callable[[EventRow], str],
                                                            Callable[[EventRow], Any]]:
    return header, key, text, sort_value


class EventTableModel(QAbstractTableModel):
    """The events that pass a filter, in the store's sort order, fetched in blocks."""

    DATE, TITLE, PARTIES, CATEGORY, SOURCES, TAGS, STARRED = range(7)
    # (header, the store's sort key, text of a row, sort value of a row)
    COLUMNS: ClassVar = (
        _column("Date", "date", lambda r: r.date, lambda r: r.earliest),
        _column("Title", "title", lambda r: r.title, lambda r: r.title.casefold()),
        _column("Parties", "parties", lambda r: r.parties, lambda r: r.parties.casefold()),
        _column("Category", "category", lambda r: r.category, lambda r: r.category.casefold()),
        _column("Sources", "sources", lambda r: str(r.sources), lambda r: r.sources),
        _column("Tags", "tags", lambda r: r.tags, lambda r: r.tags.casefold()),
        _column("★", "starred", lambda r: "★" if r.starred else "", lambda r: int(r.starred)),
    )
    CSV_HEADERS = ("Date", "Title", "Parties", "Category", "Sources", "Tags", "Starred")

    block_loaded = Signal(int)  # a block's number, when its rows arrive
    problem = Signal(str)  # a read failed (a damaged store): what went wrong

    def __init__(self, store: TableStore, parent: QObject | None = None, *,
                 flt: Filter | None = None, threaded: bool = True) -> None:
        super().__init__(parent)
        self._store = store
        self._filter = Filter() if flt is None else flt
        self._sort = "date"
        self._descending = False
        self._count = 0
        self._counted = False  # whether _count is the current filter's
        self._blocks: OrderedDict[int, list[EventRow | None]] = OrderedDict()
        self._generation = 0  # each filter or sort (or refresh) is a new one
        self._shown = 0  # the generation whose rows the model holds
        self._jobs = 0
        self._wanted: list[int] = []  # blocks asked for, not in hand (latest last)
        self._running: set[int] = set()  # blocks the worker's current job has yet to give
        self._worker: LatestOnlyWorker | None = None
        self._no_worker = not threaded
        self._stopped = False  # stop(): the store may be closing, nothing more is read
        self._stop_worker: Callable[..., None] = lambda *_, wait=False: None
        self.blocks_fetched = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._submit_wanted)

    # -- what it shows -------------------------------------------------------------------------
    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def loading(self) -> bool:
        """Whether a new filter's or sort's first rows are still being read."""
        return self._shown != self._generation

    def total(self) -> int:
        return self._count

    def set_filter(self, flt: Filter) -> None:
        """Show the events that pass `flt` (in the current order), from the top."""
        self._filter = flt
        self._counted = False
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = self.COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload(count=False)

    def reload(self, *, count: bool = True) -> None:
        """Read the count (unless `count` is False: only the order changed) and the first
        block again; the model resets when they are in hand (at once without a worker)."""
        if self._stopped:
            return
        count = count or not self._counted  # (a sort before the count arrived counts too)
        self._generation += 1
        generation = self._generation
        flt, sort, descending = self._filter, self._sort, self._descending
        worker = self._worker_or_none()
        if worker is None:
            total = self._store.count_passing(flt) if count else None
            self._reset(generation, total, _read_block(self._store, flt, sort, descending, 0))
            return

        def job(reader: Any, emit: Callable[[object], None]) -> None:
            total = reader.count_passing(flt) if count else None
            emit(("reset", generation, total, _read_block(reader, flt, sort, descending, 0)))

        self._wanted.clear()
        self._running = set()
        self._jobs += 1
        worker.submit(self._jobs, job)

    def stop(self) -> None:
        """End the reading thread and read nothing more (before the store closes; the thread
        also ends when the model is destroyed)."""
        self._stopped = self._no_worker = True
        self._timer.stop()
        if self._worker is not None:
            self._stop_worker(wait=True)
            self._worker = None

    # -- rows ------------------------------------------------------------------------------------
    def row_object(self, row: int) -> EventRow | None:
        """The row, when its block is in hand; its block is asked for otherwise."""
        if not 0 <= row < self._count:
            return None
        number = row // BLOCK
        block = self._blocks.get(number)
        if block is None:
            block = self._fetch(number)
            if block is None:
                return None
        else:
            self._blocks.move_to_end(number)
        offset = row % BLOCK
        return block[offset] if offset < len(block) else None

    def is_loaded(self, row: int) -> bool:
        return row // BLOCK in self._blocks

    def event_id(self, row: int) -> int | None:
        item = self.row_object(row)
        return None if item is None else item.id

    def row_of(self, event_id: int) -> int | None:
        """The row of an event among the blocks in hand, else None."""
        for number, block in self._blocks.items():
            for offset, item in enumerate(block):
                if item is not None and item.id == event_id:
                    return number * BLOCK + offset
        return None

    def rows_of(self, rows: Sequence[int]) -> list[EventRow]:
        """The rows at these positions (read here, now, when not in hand; rows gone from the
        store are left out)."""
        out: list[EventRow] = []
        missing = sorted({r // BLOCK for r in rows if 0 <= r < self._count} - set(self._blocks))
        read: dict[int, list[EventRow | None]] = {}
        for run in _runs(missing) if missing else []:
            read.update(zip(run, _read_run(self._store, self._filter, self._sort,
                                           self._descending, run), strict=True))
        for row in rows:
            if not 0 <= row < self._count:
                continue
            block = self._blocks.get(row // BLOCK) or read.get(row // BLOCK) or []
            item = block[row % BLOCK] if row % BLOCK < len(block) else None
            if item is not None:
                out.append(item)
        return out

    def csv_text(self, rows: Sequence[int]) -> str:
        """The rows as CSV: a header, then one line each (what Copy puts on the clipboard)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.CSV_HEADERS)
        for item in self.rows_of(rows):
            writer.writerow([item.date, item.title, item.parties, item.category, item.sources,
                             item.tags, "yes" if item.starred else ""])
        return out.getvalue()

    def summary(self, row: int) -> str:
        item = self.row_object(row)
        if item is None:
            return ""
        return " · ".join(text(item) for _, _, text, _ in self.COLUMNS if text(item))

    # -- Qt overrides ----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.STARRED:
            return "Starred"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.CSV_HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (not index.isValid() or not 0 <= index.row() < self._count
                or not 0 <= index.column() < len(self.COLUMNS)):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() in (self.SOURCES, self.STARRED):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole, SortRole, ObjectRole):
            return None
        item = self.row_object(index.row())
        if item is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return LOADING if not self.is_loaded(index.row()) else ""
            return None
        _, _, text, sort_value = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(item)  # painted as plain text by the view's delegate
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(text(item)) if index.column() in (
                self.TITLE, self.PARTIES, self.TAGS) else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.summary(index.row())
        if role == SortRole:
            return sort_value(item)
        return item.id  # ObjectRole: the event's id

    # -- fetching ----------------------------------------------------------------------------------
    def _worker_or_none(self) -> LatestOnlyWorker | None:
        if self._worker is None and not self._no_worker:
            reader = self._store.open_reader()
            if reader is None:  # an in-memory store: read here
                self._no_worker = True
                return None
            worker = self._worker = LatestOnlyWorker(reader, "table-fetch")
            worker.bridge.result.connect(self._on_result)
            worker.bridge.failed.connect(self._on_failed)
            stopped: list[bool] = []

            def stop_once(*_: object, wait: bool = False) -> None:
                if not stopped:  # (the reader is closed once stopped: no second interrupt)
                    stopped.append(True)
                    worker.stop(wait=wait)

            self._stop_worker = stop_once
            self.destroyed.connect(stop_once)
        return self._worker

    def _fetch(self, number: int) -> list[EventRow | None] | None:
        """Block `number`: read now without a worker; else asked of the worker (None)."""
        if self._stopped:
            return None
        if self._worker_or_none() is None:
            if self._no_worker:
                block = _read_block(self._store, self._filter, self._sort, self._descending,
                                    number)
                self._keep(number, block)
                return block
            return None
        if self.loading:  # the rows in hand are about to go: ask for the new ones then
            return None
        if number in self._wanted:
            self._wanted.remove(number)
        self._wanted.append(number)
        del self._wanted[:-WANTED_BLOCKS]
        if number not in self._running:
            self._timer.start()
        return None

    def _submit_wanted(self) -> None:
        worker = self._worker
        wanted = tuple(reversed([n for n in self._wanted if n not in self._blocks]))
        if worker is None or self.loading or not wanted or set(wanted) <= self._running:
            return  # (the job running fetches them all)
        generation = self._generation
        flt, sort, descending = self._filter, self._sort, self._descending

        def job(reader: Any, emit: Callable[[object], None]) -> None:
            for run in _runs(wanted):  # neighbours in one page: a deep OFFSET costs
                for number, block in zip(run, _read_run(reader, flt, sort, descending, run),
                                         strict=True):
                    emit(("block", generation, number, block))

        self._running = set(wanted)  # the new job supersedes (interrupts) the one running
        self._jobs += 1
        worker.submit(self._jobs, job)

    def _on_result(self, job: int, payload: tuple[Any, ...]) -> None:
        kind, generation = payload[0], payload[1]
        if generation != self._generation:
            return  # an older filter's or sort's rows
        if kind == "reset":
            self._reset(generation, payload[2], payload[3])
            return
        number, block = payload[2], payload[3]
        if number in self._wanted:
            self._wanted.remove(number)
        self._running.discard(number)
        if number >= 0 and number * BLOCK < self._count:
            self._keep(number, block)
            first = number * BLOCK
            last = min(first + BLOCK, self._count) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))
            self.block_loaded.emit(number)

    def _on_failed(self, job: int, message: str) -> None:
        self._running = set()
        self.problem.emit(message)

    def _reset(self, generation: int, total: int | None,
               first: list[EventRow | None]) -> None:
        self.beginResetModel()
        self._shown = generation
        if total is not None:
            self._count = total
            self._counted = True
        self._blocks.clear()
        self._wanted.clear()
        self._running = set()
        if self._count:
            self._keep(0, first)
        self.endResetModel()
        self.block_loaded.emit(0)

    def _keep(self, number: int, block: list[EventRow | None]) -> None:
        self._blocks[number] = block
        self._blocks.move_to_end(number)
        self.blocks_fetched += 1
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)


def _read_block(store: Any, flt: Filter, sort: str, descending: bool,
                number: int) -> list[EventRow | None]:
    """Block `number` of the events that pass `flt` in that order (None for an event gone
    from the store between the two reads)."""
    return _rows_of(store, store.passing_page(flt, sort=sort, descending=descending,
                                              offset=number * BLOCK, limit=BLOCK))


def _read_run(store: Any, flt: Filter, sort: str, descending: bool,
              run: Sequence[int]) -> Iterator[list[EventRow | None]]:
    """The blocks of a run of neighbours (numbers n, n+1, …): their ids in one page, then
    each block's rows."""
    ids = store.passing_page(flt, sort=sort, descending=descending, offset=run[0] * BLOCK,
                             limit=len(run) * BLOCK)
    for n in range(len(run)):
        yield _rows_of(store, ids[n * BLOCK:(n + 1) * BLOCK])


def _rows_of(store: Any, ids: list[int]) -> list[EventRow | None]:
    found = {row.id: row for row in store.event_rows(ids)} if ids else {}
    return [found.get(i) for i in ids]


def _runs(numbers: Sequence[int]) -> list[list[int]]:
    """Block numbers as runs of neighbours, the run of the first number (the latest asked
    for) first."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    runs.sort(key=lambda run: numbers[0] not in run)
    return runs


class _EventsView(QTableView):
    """A table view whose Copy key copies the selected rows (the table's Copy action), not
    the current cell's text (QAbstractItemView's own handling of the key)."""

    copy_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ResultsTable(QWidget):
    """The events that pass the window's filter as a table; follows `state.changed`."""

    event_selected = Signal(int)  # the current row's event changed (by the user)
    event_activated = Signal(int)  # double-click or Enter on a row
    command_requested = Signal(object)  # an edit of the selected events (stars, tags)

    def __init__(self, store: TableStore, state: FilterState, parent: QWidget | None = None,
                 *, threaded: bool = True, only_when_shown: bool = False) -> None:
        super().__init__(parent)
        self.state = state
        # In the window the table reads only while it is shown: a hidden table would count
        # and read a million events' first page at every filter change.
        self._only_when_shown = only_when_shown
        self._stale = False  # the filter or the store changed while it was hidden
        self.model = EventTableModel(store, self, flt=state.filter(), threaded=threaded)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.view = _EventsView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Events")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        columns = self.view.horizontalHeader()
        columns.setStretchLastSection(False)
        # The header paints each section asking the selection whether its whole column is
        # selected: row by row, 20 s with a million rows selected. It shows no selection, so
        # it gets one of its own, always empty.
        columns.setHighlightSections(False)
        columns.setSelectionModel(QItemSelectionModel(self.model, columns))
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((EventTableModel.DATE, 130), (EventTableModel.TITLE, 320),
                              (EventTableModel.PARTIES, 220), (EventTableModel.CATEGORY, 120),
                              (EventTableModel.SOURCES, 70), (EventTableModel.TAGS, 140),
                              (EventTableModel.STARRED, 30)):
            columns.resizeSection(column, width)
        # The title takes what is left of the width (never sized from its contents: 1M rows).
        columns.setSectionResizeMode(EventTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        columns.setSortIndicator(EventTableModel.DATE, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # header clicks: model.sort (in SQL); loads now

        self.copy_action = QAction("Copy", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip("Copy the selected rows as CSV")
        self.copy_action.triggered.connect(self.copy)
        self.view.copy_requested.connect(self.copy)
        self.view.addAction(self.copy_action)
        # Marks on every selected event at once (each one change, undone as one).
        self.mark_actions: list[QAction] = []
        for text, make in (("Star the selected events", lambda ids: SetStar(ids, True)),
                           ("Unstar the selected events", lambda ids: SetStar(ids, False)),
                           ("Tag the selected events…", self._ask_tag)):
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, make=make: self._mark(make))
            self.view.addAction(action)
            self.mark_actions.append(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)

        self._quiet = False  # select_event: no event_selected
        self._waiting_row: int | None = None  # current row whose block is on its way
        self._keep_id: int | None = None  # refresh: the event to select again
        self._keep_scroll: int | None = None
        self._reselect: int | None = None  # that event, once its block is in hand
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._on_reset)
        self.model.block_loaded.connect(self._on_block)
        self.model.problem.connect(self._on_problem)
        state.changed.connect(self._follow)
        self._show_count()

    # -- public --------------------------------------------------------------------------------
    def selected_event(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.event_id(index.row()) if index.isValid() else None

    def selected_rows(self, limit: int | None = None) -> list[int]:
        """The selected rows in order (the first `limit`), from the selection's ranges: a
        million rows selected are not a million indexes."""
        rows: set[int] = set()
        selection = self.view.selectionModel().selection()
        parts = sorted((selection.at(i) for i in range(selection.count())),
                       key=lambda r: r.top())
        for part in parts:
            if limit is not None and len(rows) >= limit and part.top() > max(rows):
                break
            stop = part.bottom() + 1
            if limit is not None:
                stop = min(stop, part.top() + limit)
            rows.update(range(part.top(), stop))
        return sorted(rows)[:limit]

    def select_event(self, event_id: int) -> bool:
        """Select that event's row when it is in the blocks in hand (and show it), else clear
        the selection; event_selected is not emitted. Whether it was found."""
        row = self.model.row_of(event_id)
        self._quiet = True
        try:
            selection = self.view.selectionModel()
            if row is None:
                selection.clear()
                return False
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index)
            return True
        finally:
            self._quiet = False

    def _follow(self, flt: Filter) -> None:
        if self._only_when_shown and not self.isVisible():
            self._stale = True
            return
        self.model.set_filter(flt)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.model.set_filter(self.state.filter())

    def refresh(self) -> None:
        """Read the rows again (after the store changed), keeping the selected event and the
        scroll position where they can be."""
        if self._only_when_shown and not self.isVisible():
            self._stale = True
            return
        self._keep_id = self.selected_event()
        self._keep_scroll = self.view.verticalScrollBar().value()
        self.model.reload()

    def selected_ids(self, limit: int = COPY_LIMIT) -> tuple[int, ...]:
        """The events of the selected rows (the first `limit`), in row order."""
        return tuple(row.id for row in self.model.rows_of(self.selected_rows(limit)))

    def _mark(self, make: Callable[[tuple[int, ...]], Command | None]) -> None:
        ids = self.selected_ids()
        command = make(ids) if ids else None
        if command is not None:
            self.command_requested.emit(command)

    def _ask_tag(self, ids: tuple[int, ...]) -> Command | None:
        tag, ok = QInputDialog.getText(self, "Tag events",
                                       f"Tag for the {len(ids):,} selected events:")
        tag = " ".join(tag.split())
        return TagRecords("events", ids, add=(tag,)) if ok and tag else None

    def copy(self) -> None:
        """The selected rows as CSV on the clipboard (the first COPY_LIMIT of them)."""
        rows = self.selected_rows(COPY_LIMIT)
        if not rows:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # (rows not in hand)
        try:
            text = self.model.csv_text(rows)
        finally:
            QGuiApplication.restoreOverrideCursor()
        QGuiApplication.clipboard().setText(text)

    def stop(self) -> None:
        """End the reading thread (before the store closes)."""
        self.model.stop()

    # -- reactions -------------------------------------------------------------------------------
    def _show_count(self) -> None:
        counting = self.model.loading and self.model.total() == 0
        self.count_label.setText("Counting events…" if counting else
                                 events_text(self.model.total()))

    def _on_reset(self) -> None:
        self._show_count()
        self._waiting_row = None
        keep_scroll, self._reselect = self._keep_scroll, self._keep_id
        self._keep_id = self._keep_scroll = None
        if keep_scroll is not None or self._reselect is not None:
            QTimer.singleShot(0, lambda: self._restore(keep_scroll))

    def _restore(self, scroll: int | None) -> None:
        """After a refresh: back where the view was, the selected event selected again
        (when its block is in hand: now, or when it arrives)."""
        if scroll is not None:
            self.view.updateGeometries()  # (the scroll bar's range after the reset)
            self.view.verticalScrollBar().setValue(scroll)
        self._reselect_kept()

    def _reselect_kept(self) -> None:
        event_id = self._reselect
        if event_id is not None and self.model.row_of(event_id) is not None:
            self._reselect = None
            self.select_event(event_id)

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        self._reselect = None  # the person chose another row
        event_id = self.model.event_id(current.row())
        if event_id is None:
            self._waiting_row = current.row()  # emitted when its block arrives
            return
        self._waiting_row = None
        self.event_selected.emit(event_id)

    def _on_block(self, number: int) -> None:
        self._reselect_kept()
        row = self._waiting_row
        if row is None or row // BLOCK != number:
            return
        self._waiting_row = None
        if self.view.currentIndex().row() == row:
            event_id = self.model.event_id(row)
            if event_id is not None:
                self.event_selected.emit(event_id)

    def _on_activated(self, index: QModelIndex) -> None:
        event_id = self.model.event_id(index.row()) if index.isValid() else None
        if event_id is not None:
            self.event_activated.emit(event_id)

    def _on_problem(self, message: str) -> None:
        self.count_label.setText(f"{events_text(self.model.total())} — {message}")
