"""The explorer window: timeline and overview on the left, details on the right, search on top."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.app import (
    StoreMaker,
    StoreOpener,
    busy,
    make_and_open,
    open_with_dialogs,
    show_problem,
    show_window,
)
from gui.article_import import ARTICLE_FILTER, import_article, is_article
from gui.detail_pane import DetailPane
from gui.editing import WindowEditing
from gui.importer import IMPORT_FILTER, import_files
from gui.overview import OverviewStrip
from gui.saved_views import SavedViews
from gui.search import SearchBox
from gui.store_check import StoreVerifier
from gui.stores import STORE_FILTER, RecentMenu, forget_store, shown_path, with_store_suffix
from gui.timeline import TimelineView
from gui.window_filters import WindowFilters
from models import __version__
from models.dates import OPEN_END, DateError, parse_edtf
from models.domain import LaneMode, StoreCheck
from models.errors import StoreError
from models.filters import Filter
from models.formats import EXPORT_LABELS, PICTURE_FORMATS, export_store
from models.paths import backup_folder
from models.story import key_part
from models.wording import plural

if TYPE_CHECKING:
    from models.store import Store


def _dropped_files(mime: QMimeData) -> list[Path]:
    """The local files being dragged, or [] if anything else is."""
    urls = mime.urls() if mime.hasUrls() else []
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return paths if paths and len(paths) == len(urls) and all(p.is_file() for p in paths) else []


@dataclass(frozen=True, slots=True)
class Selection:
    kind: str  # "event", "party" or "source"
    id: int


class History:
    """Back/forward over selections, like a browser."""

    def __init__(self) -> None:
        self._items: list[Selection] = []
        self._index = -1

    def push(self, item: Selection) -> None:
        if self._index >= 0 and self._items[self._index] == item:
            return
        del self._items[self._index + 1:]
        self._items.append(item)
        self._index = len(self._items) - 1

    def back(self) -> Selection | None:
        if self._index <= 0:
            return None
        self._index -= 1
        return self._items[self._index]

    def forward(self) -> Selection | None:
        if self._index >= len(self._items) - 1:
            return None
        self._index += 1
        return self._items[self._index]

    def recent(self, kind: str) -> list[int]:
        """Ids of `kind` visited, the latest first, each once."""
        return list(dict.fromkeys(item.id for item in reversed(self.history_items())
                                  if item.kind == kind))

    def history_items(self) -> list[Selection]:
        return self._items[:self._index + 1]

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._items) - 1


class MainWindow(QMainWindow):
    selection_changed = Signal(str, int)
    closed = Signal()  # the window is gone: whoever opened its store closes it

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 opener: StoreOpener | None = None, maker: StoreMaker | None = None,
                 restore_view: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.opener = opener
        self.maker = maker
        self.history = History()
        self.setObjectName("mainWindow")
        self.setMinimumSize(760, 520)

        self.counts_label: QLabel | None = None
        self.timeline = TimelineView(store)
        self.overview = OverviewStrip(store, self.timeline)
        self.details = DetailPane(store)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.timeline, 1)
        column.addWidget(self.overview)
        self.left_column = column
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.notice = QLabel()  # why the store is read-only, when it is
        self.notice.setObjectName("readOnlyNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(10, 6, 10, 6)
        self.notice.setAutoFillBackground(True)
        self.notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        central = QWidget()
        page = QVBoxLayout(central)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.notice)
        page.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.search = SearchBox(store, results_parent=self)
        self._build_actions()
        self.editing = WindowEditing(self)  # the Edit menu, the undo stack
        self.filters = WindowFilters(self)  # the filter, facets, chips, results table
        self.left_column.insertWidget(0, self.filters.chips)
        self.views = SavedViews(self)  # saved views, and the store's last one
        self._build_menus_and_toolbar()

        self.timeline.event_clicked.connect(lambda event_id: self.navigate("event", event_id))
        self.timeline.import_requested.connect(self.ask_import)
        self.details.event_activated.connect(lambda event_id: self.navigate("event", event_id))
        self.details.party_activated.connect(lambda party_id: self.navigate("party", party_id))
        self.details.source_activated.connect(
            lambda source_id: self.navigate("source", source_id))
        self.search.result_chosen.connect(self.navigate)
        self.search.merge_requested.connect(
            lambda kind, into, others: self.editing.merge_parties(into, others)
            if kind == "party" else self.editing.merge_events(into, others))
        self.search.delete_requested.connect(self.editing.delete_events)
        self.timeline.add_event_requested.connect(self.editing.add_event)

        self.refresh_title()
        self._restore_settings()
        # The store's last view (else the window opens on the news); not for pictures.
        self.view_restored = restore_view and self.views.restore_last()
        self.show_access()
        self._verifier: StoreVerifier | None = None
        if store.pending_check:
            self._verifier = StoreVerifier(store, parent=self)
            self._verifier.progress.connect(self._show_check_progress)
            self._verifier.done.connect(self._check_done)
            self._verifier.start()

    # -- read-only or writable ----------------------------------------------------------

    def show_access(self) -> None:
        """What may be done with the store now: the notice says why it is read-only (when
        there is something to say), and the actions that write follow it."""
        writable = not self.store.read_only
        self.notice.setVisible(self.store.notice is not None)
        self.notice.setText(f"Read-only: {self.store.notice}" if self.store.notice else "")
        self.setAcceptDrops(writable)  # dropped files are imported
        self.import_action.setEnabled(writable)
        self.import_article_action.setEnabled(writable)
        self.editing.set_writable(writable, self.store.notice or "")
        for action in self.filters.table.mark_actions:
            action.setEnabled(writable)
        self.refresh_title()

    def _show_check_progress(self, what: str) -> None:
        self.notice.setText(f"Read-only: {self.store.notice} Now: {what}…")

    def _check_done(self, report: object) -> None:
        if isinstance(report, StoreCheck):
            self.store.make_writable(report)
        else:  # the check could not run at all: stay read-only, and say why
            self.store.make_writable(StoreCheck(path=self.store.path, checked=(),
                                                problems=(str(report),)))
        self.show_access()
        if not self.store.read_only:
            self.statusBar().showMessage("The store checked out: it can be changed now.", 8000)

    # -- building ------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text.replace('…', '').replace('&', '')}"
                          + (f" ({action.shortcut().toString()})" if shortcut else ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.back_action = self._action("Back", self.go_back, QKeySequence.StandardKey.Back,
                                        "Back to the previous selection")
        # Arrows as text rather than style icons: legible in light and dark palettes alike.
        self.back_action.setIconText("← Back")
        self.forward_action = self._action("Forward", self.go_forward,
                                           QKeySequence.StandardKey.Forward,
                                           "Forward to the next selection")
        self.forward_action.setIconText("Forward →")
        self.zoom_in_action = self._action("Zoom in", lambda: self.timeline.zoom_by(0.5),
                                           QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = self._action("Zoom out", lambda: self.timeline.zoom_by(2.0),
                                            QKeySequence.StandardKey.ZoomOut)
        self.fit_action = self._action("Fit all", self.timeline.zoom_to_fit, "Ctrl+0",
                                       "Zoom to show every event")
        self.goto_action = self._action("Go to date…", self.ask_go_to_date, "Ctrl+G",
                                        "Show a date or span")
        self.find_action = self._action("Search", self.focus_search, QKeySequence.StandardKey.Find,
                                        "Search events, parties and aliases")
        self.open_action = self._action("&Open store…", self.ask_open_store,
                                        QKeySequence.StandardKey.Open,
                                        "Open another Chronolens store in a new window")
        self.open_action.setVisible(self.opener is not None)
        self.import_action = self._action("&Import…", self.ask_import, "Ctrl+I",
                                          "Import files into this store")
        self.import_article_action = self._action(
            "Import &article…", self.ask_import_article, "Ctrl+Shift+I",
            "Read a news article and propose its dated events and parties for review")
        self.check_action = self._action("&Check store", self.check_store, None,
                                         "Check this store for damage")
        # Export: the story as a file for another tool, or the view as a picture or on paper.
        self.export_actions = {
            format: self._action(f"{label}…", lambda _=False, f=format: self.ask_export(f),
                                 None, f"Export the whole story as {label}")
            for format, label in EXPORT_LABELS.items()}
        self.export_action = self.export_actions["native"]
        self.export_action.setShortcut(QKeySequence(QKeySequence.StandardKey.SaveAs))
        self.view_export_actions = {
            format: self._action(f"Timeline view as {format.upper()}…",
                                 lambda _=False, f=format: self.ask_export_view(f), None,
                                 f"Save what the timeline shows now as a {format.upper()} file")
            for format in PICTURE_FORMATS}
        self.print_action = self._action("&Print view…", self.print_view,
                                         QKeySequence.StandardKey.Print,
                                         "Print what the timeline shows now")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action("&About Chronolens", self.show_about)
        self.lane_actions = QActionGroup(self)
        self.party_lanes_action = self._action("Lanes by party",
                                               lambda: self.set_lane_mode(LaneMode.PARTY),
                                               "Ctrl+1", "One lane per party")
        self.category_lanes_action = self._action("Lanes by category",
                                                  lambda: self.set_lane_mode(LaneMode.CATEGORY),
                                                  "Ctrl+2", "One lane per category")
        for action in (self.party_lanes_action, self.category_lanes_action):
            action.setCheckable(True)
            self.lane_actions.addAction(action)
        self.party_lanes_action.setChecked(True)
        self._update_history_actions()

    def _build_menus_and_toolbar(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        self._build_store_menu(file_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.import_article_action])
        export_menu = file_menu.addMenu("&Export")
        export_menu.addActions(list(self.export_actions.values()))
        export_menu.addSeparator()
        export_menu.addActions(list(self.view_export_actions.values()))
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.check_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.editing.build_menu(menus.addMenu("&Edit"))
        view_menu = menus.addMenu("&View")
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.fit_action])
        view_menu.addSeparator()
        view_menu.addActions([self.party_lanes_action, self.category_lanes_action])
        view_menu.addSeparator()
        self.filters.build_menu(view_menu)
        view_menu.addMenu(self.views.menu)
        go_menu = menus.addMenu("&Go")
        go_menu.addActions([self.back_action, self.forward_action, self.goto_action,
                            self.find_action])
        menus.addMenu("&Help").addAction(self.about_action)

        bar = QToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.back_action, self.forward_action])
        bar.addSeparator()
        bar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action,
                        self.goto_action])
        bar.addSeparator()
        bar.addActions([self.party_lanes_action, self.category_lanes_action])
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy())
        bar.addWidget(spacer)
        bar.addWidget(self.search)
        self.addToolBar(bar)
        for button_action in bar.actions():
            widget = bar.widgetForAction(button_action)
            if widget is not None and button_action.text():
                widget.setAccessibleName(button_action.text().replace("&", ""))

    def _build_store_menu(self, file_menu: QMenu) -> None:
        """New store…, Open store…, Open recent: stores open in windows of their own."""
        # Ctrl+N is Edit > Add event (the key for it): a new store is rarer.
        self.new_store_action = self._action("&New store…", self.ask_new_store, "Ctrl+Alt+N",
                                             "Make an empty store and open it in a new window")
        self.new_store_action.setVisible(self.opener is not None and self.maker is not None)
        self.recent_menu = RecentMenu(file_menu)
        self.recent_menu.store_chosen.connect(self.open_recent)
        self.recent_menu.menuAction().setVisible(self.opener is not None)
        file_menu.addActions([self.new_store_action, self.open_action,
                              self.recent_menu.menuAction()])

    # -- navigation ----------------------------------------------------------------------

    def navigate(self, kind: str, item_id: int, *, record: bool = True) -> None:
        """Select an event, party or source: show it in the pane (and on the timeline)."""
        try:
            self._navigate(kind, item_id, record=record)
        except StoreError as error:  # a damaged record: say so, and stay where we are
            show_problem(self, "Cannot show this", "Part of the store cannot be read.",
                         str(error))

    def _navigate(self, kind: str, item_id: int, *, record: bool) -> None:
        if kind == "event":
            event = self.store.event(item_id)
            if event is None:
                return
            self.details.show_event(item_id)
            self.timeline.select_event(item_id)
            when = event.when
            end = when.earliest if when.latest >= OPEN_END else when.latest
            start, stop = self.timeline.visible_span()
            if end < start or when.earliest > stop:  # brought into view, never moved under
                self.timeline.center_on((when.earliest + end) // 2)  # the mouse
        elif kind == "party":
            self.details.show_party(item_id)
        elif kind == "source":
            self.details.show_source(item_id)
        else:
            return
        if record:
            self.history.push(Selection(kind, item_id))
        self._update_history_actions()
        self.selection_changed.emit(kind, item_id)

    def go_back(self) -> None:
        item = self.history.back()
        if item is not None:
            self.navigate(item.kind, item.id, record=False)

    def go_forward(self) -> None:
        item = self.history.forward()
        if item is not None:
            self.navigate(item.kind, item.id, record=False)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_lane_mode(self, mode: LaneMode) -> None:
        self.timeline.set_lane_mode(mode)
        action = self.party_lanes_action if mode is LaneMode.PARTY else \
            self.category_lanes_action
        action.setChecked(True)

    def ask_go_to_date(self) -> None:
        text, ok = QInputDialog.getText(
            self, "Go to date", "A date or span, e.g. 2019, 2023-08-25 or 2016/2020:")
        if ok and text.strip():
            self.go_to_date(text)

    def go_to_date(self, text: str) -> bool:
        try:
            span = parse_edtf(text)
        except DateError as error:
            show_problem(self, "Go to date", str(error))
            return False
        end = span.earliest if span.latest >= OPEN_END else span.latest
        self.timeline.go_to(span.earliest, max(end, span.earliest + 60))
        return True

    # -- files ---------------------------------------------------------------------------

    def ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import into this store", "",
                                                IMPORT_FILTER)
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> bool:
        """Read every file, then write them all in one transaction, or nothing."""
        if self.store.read_only:
            show_problem(self, "Import", f"{self.store.path} is open read-only: nothing can be "
                         "imported into it.")
            return False
        summary = import_files(self, self.store, paths, on_written=self.refresh_views)
        if summary is not None and summary.change is not None:
            self.editing.push_applied(summary.change)  # Edit > Undo import of …
        return summary is not None

    def ask_import_article(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a news article", "", ARTICLE_FILTER)
        if path:
            self.import_article(Path(path))

    def import_article(self, path: Path) -> bool:
        """Propose the article's events and parties, and write the ones the reviewer accepts."""
        if self.store.read_only:
            show_problem(self, "Import article", f"{self.store.path} is open read-only: "
                         "nothing can be imported into it.")
            return False
        imported = import_article(self, self.store, path)
        if imported is None:
            return False
        written, change = imported
        self.refresh_views()
        self.editing.push_applied(change)  # Edit > Undo import of the article …
        self.statusBar().showMessage(
            f"Imported {plural(written, 'event')} from the article {path.name}.", 15000)
        return True

    def import_dropped(self, paths: list[Path]) -> None:
        """Articles are reviewed one by one; data files are imported together."""
        articles = [path for path in paths if is_article(path)]
        data = [path for path in paths if path not in articles]
        if data:
            self.import_files(data)
        for path in articles:
            self.import_article(path)

    def refresh_views(self) -> None:
        """The store changed (an import, an edit, an undo): show it everywhere at once: the
        timeline and overview (their caches and counts), the pane, open search results and
        the counts in the status bar."""
        self.timeline.reload()
        self.overview.reload()
        self.details.reload()
        self.search.refresh()
        self.filters.refresh()
        self.refresh_title()

    def recent_events(self) -> list[int]:
        """Events shown lately, the latest first (what a quote may be meant for)."""
        return self.history.recent("event")

    # Files dropped on the window are imported (stores are opened with File > Open store…).
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # After the drop returns: the file manager that started the drag is not kept waiting.
            QTimer.singleShot(0, lambda: self.import_dropped(paths))

    def ask_open_store(self) -> None:
        if self.opener is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open a store", "", STORE_FILTER)
        if path:
            self.open_store(Path(path))

    def open_store(self, path: Path) -> MainWindow | None:
        """Open another store in its own window; this one stays as it is whatever happens."""
        if self.opener is None:
            return None
        if Path(path).resolve() == Path(self.store.path).resolve():
            self.raise_()
            return self
        store = open_with_dialogs(self.opener, path, parent=self)
        return None if store is None else show_window(store, self.opener, self.maker)

    def open_recent(self, path: Path) -> MainWindow | None:
        """File ▸ Open recent: a store no longer there is said, and dropped from the list."""
        if not path.exists():
            forget_store(path)
            show_problem(self, "Open recent", f"{path} is no longer there.",
                         "It was moved, renamed or deleted (or is on a drive not connected "
                         "now). It has been removed from Open recent.")
            return None
        return self.open_store(path)

    def ask_new_store(self) -> None:
        folder = Path(self.store.path).parent if self.store.path != ":memory:" else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self, "New store", str(folder / "untitled.db"), "Chronolens stores (*.db)",
            options=QFileDialog.Option.DontConfirmOverwrite)  # nothing is replaced: see below
        if path:
            self.new_store(Path(path))

    def new_store(self, path: Path) -> MainWindow | None:
        """An empty store at `path` (.db added if its name has no store suffix) in a new
        window. A file already there is never replaced: a store is opened as it is, anything
        else refused."""
        if self.opener is None or self.maker is None:
            return None
        path = with_store_suffix(Path(path).absolute())
        if os.path.lexists(path):
            if path.resolve() == Path(self.store.path).resolve():
                return self.open_store(path)  # this window's own store: brought forward
            refusal = (f"{path} already exists and is not a store Chronolens can open. Nothing "
                       "was changed: choose another name for the new store.")
            store = open_with_dialogs(self.opener, path, parent=self, refusal=refusal)
            if store is None:
                return None
            window = show_window(store, self.opener, self.maker)
            window.statusBar().showMessage(f"{path} already existed: opened as it is.", 15000)
            return window
        store = make_and_open(self.maker, self.opener, path, parent=self)
        return None if store is None else show_window(store, self.opener, self.maker)

    def check_store(self) -> StoreCheck:
        """Run every check on the store (it reads the whole file: a wait cursor meanwhile)."""
        report = busy(self.store.check)
        checked = "\n".join(f"• {what}" for what in report.checked)
        if report.ok:
            show_problem(self, "Check store", f"No problems found in {report.path}.",
                         f"Checked:\n{checked}", icon=QMessageBox.Icon.Information)
        else:
            problems = "\n".join(f"• {problem}" for problem in report.problems)
            show_problem(self, "Check store",
                         f"{plural(len(report.problems), 'problem')} found in {report.path}.",
                         f"{problems}\n\nBackups made before each upgrade are in "
                         f"{backup_folder()}.")
        return report

    def _export_path(self, caption: str, suffix: str, name_filter: str) -> Path | None:
        name = key_part(self.store.title(), 60) or "chronolens"
        path, _ = QFileDialog.getSaveFileName(self, caption, f"{name}.{suffix}", name_filter)
        return Path(path) if path else None

    def ask_export(self, format: str = "native") -> None:
        scope = self.filters.export_scope()
        if scope is False:
            return
        narrowed = scope if isinstance(scope, Filter) else None
        label = EXPORT_LABELS[format]
        suffix = "csv" if format == "csv" else "json"
        target = self._export_path(f"Export the story as {label}", suffix,
                                   f"{label} (*.{suffix})")
        if target is None:
            return
        try:
            busy(lambda: export_store(self.store, target, format, narrowed=narrowed))
        except (OSError, StoreError) as error:
            show_problem(self, "Export failed", "Nothing was exported.", str(error))
            return
        self.statusBar().showMessage(f"Exported the story to {target} ({label})", 8000)

    def ask_export_view(self, format: str) -> None:
        target = self._export_path(f"Save the timeline view as {format.upper()}", format,
                                   f"{format.upper()} (*.{format})")
        if target is None:
            return
        from gui.view_export import export_view  # QtSvg and QtPrintSupport: on first use

        try:
            busy(lambda: export_view(self.timeline, target, format, title=self.store.title()))
        except OSError as error:
            show_problem(self, "Export failed", "Nothing was saved.", str(error))
            return
        self.statusBar().showMessage(f"Saved the timeline view to {target}", 8000)

    def print_view(self) -> bool:
        from gui.view_export import print_view

        return print_view(self.timeline, self, title=self.store.title())

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "About Chronolens",
                          f"Chronolens {__version__}\nA timeline explorer for events, the "
                          "parties in them, and the sources that say so.", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def refresh_title(self) -> None:
        # Qt reads "[*]" in a window title as the unsaved-changes marker; "[*][*]" is a literal.
        on_disk = self.store.path != ":memory:"
        self.setWindowFilePath(os.path.abspath(self.store.path) if on_disk else "")
        head = " — ".join(part.replace("[*]", "[*][*]") for part in (
            self.store.title(), shown_path(self.store.path) if on_disk else "") if part)
        suffix = " (read-only)" if self.store.read_only else ""
        self.setWindowTitle(f"{head}{suffix} — Chronolens" if head else f"Chronolens{suffix}")
        try:
            info = self.store.info()
        except StoreError as error:  # damage the store's check will name
            self._has_parties = True
            counts = f"counts unreadable ({error})"
            path = self.store.path
        else:
            self._has_parties = info.parties > 0  # for the lane mode (see _restore_settings)
            counts = " · ".join(plural(n, noun) for n, noun in (
                (info.events, "event"), (info.parties, "party"), (info.sources, "source")))
            path = info.path
        # A permanent widget: passing messages ("Imported …") show beside it, never over it.
        if self.counts_label is None:
            self.counts_label = QLabel()
            self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
            self.statusBar().addPermanentWidget(self.counts_label)
        self.counts_label.setText(f"{counts}   —   {path}")

    # -- settings ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([1000, 400])
        # A store without parties (a Timeline or vis file, say) would show one party lane.
        if settings.value("timeline/lanes") == LaneMode.CATEGORY.value or not self._has_parties:
            self.set_lane_mode(LaneMode.CATEGORY)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        if self._has_parties:  # the choice made for stores with parties is the one to keep
            settings.setValue("timeline/lanes", self.timeline.lane_mode().value)

    def shutdown(self) -> None:
        """Stop the worker threads (timeline fetches, search) and wait for them."""
        if self._verifier is not None:
            self._verifier.stop()
        self.timeline.stop_fetching()
        self.details.stop()
        self.overview.stop()
        self.search.stop()
        self.filters.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.views.remember()
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()
