"""Starting Qt: the application object, the window, and offscreen screenshots."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui import stores
from models import __version__
from models.dates import OPEN_END, DateSpan
from models.errors import StoreError, StoreInUse
from models.files import write_atomically
from models.filters import Filter
from models.paths import resource_path

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from models.store import Store

DESKTOP_ID = "io.github.chronolens.Chronolens"
SCREENSHOT_SETTLE_MS = 150
FIRST_FRAME_ENV = "CHRONOLENS_REPORT_FIRST_FRAME"  # set by benchmarks/run.py only


def application(*, offscreen: bool = False) -> QApplication:
    """The one QApplication, created on first use with our names (QSettings uses them)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    QCoreApplication.setOrganizationName("Chronolens")
    QCoreApplication.setApplicationName("Chronolens")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
    # PNGs, not the SVG: no QtSvg and no image plugins in the bundle (PNG is built into QtGui).
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{DESKTOP_ID}.png")
        if png.exists():
            icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def open_window(store: Store, opener: StoreOpener | None = None,
                maker: StoreMaker | None = None, *, restore_view: bool = True) -> MainWindow:
    from gui.main_window import MainWindow

    window = MainWindow(store, opener=opener, maker=maker, restore_view=restore_view)
    if window.view_restored:  # the store's last view: as it was left
        return window
    try:
        latest = store.headline_event()
    except StoreError:  # damage the store's check will name: open on the timeline alone
        latest = None
    window.timeline.zoom_to_fit()
    if latest is not None:
        window.navigate("event", latest.id)
        window.timeline.zoom_to_fit()
    return window


class _FirstFrameReporter(QObject):
    """For the start-up benchmark: say when the timeline has painted once, then quit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Runs once this paint has finished.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print("first-frame", flush=True)
        QCoreApplication.quit()


def settle_memory() -> None:
    """Once start-up is done: move everything alive now out of the garbage collector's sight.

    The window query builds thousands of small tuples per frame; every so often that triggers a
    full collection, which otherwise walks all of Qt's and the app's long-lived objects too
    (window query p95 at 1M: 19-22 ms without this, 12 ms with it).
    """
    gc.collect()
    gc.freeze()


# How the window opens a store file (main.py passes Store.open: gui itself never imports the
# store module, which speaks SQL): opener(path, read_only) -> Store, or StoreError.
StoreOpener = Callable[[Path, bool], "Store"]
# How a new, empty store is made (main.py's make_store): StoreError if anything is at the path.
StoreMaker = Callable[[Path], None]
T = TypeVar("T")


def show_problem(parent: QWidget | None, title: str, text: str, detail: str = "", *,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
    """A message box (a warning unless told); plain text, because file names and messages may
    contain anything."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail:
        box.setInformativeText(detail[:3000])
    box.exec()


def open_with_dialogs(opener: StoreOpener, path: Path, *, read_only: bool = False,
                      parent: QWidget | None = None,
                      refusal: str = "Chronolens could not open this store.") -> Store | None:
    """Open a store, saying plainly what is wrong if it can't be: in use by another Chronolens
    (offer to open it read-only), damaged, not a store (`refusal`, then the reason). None when
    nothing was opened."""
    try:
        return busy(lambda: opener(path, read_only))
    except StoreInUse as error:
        box = QMessageBox(QMessageBox.Icon.Question, "Store in use",
                          f"{error}\n\nOpen it read-only? You can read and search it, "
                          "but not change it.", parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Open
                               | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Open).setText("Open read-only")
        if box.exec() != QMessageBox.StandardButton.Open:
            return None
        return open_with_dialogs(opener, path, read_only=True, parent=parent, refusal=refusal)
    except StoreError as error:
        show_problem(parent, "Cannot open the store", refusal, str(error))
        return None


def make_and_open(maker: StoreMaker, opener: StoreOpener, path: Path, *,
                  parent: QWidget | None = None) -> Store | None:
    """A new, empty store at `path`, opened; None (and the reason said) if it can't be made."""
    try:
        busy(lambda: maker(path))
    except (StoreError, OSError) as error:
        show_problem(parent, "New store", f"Chronolens could not make a store at {path}.",
                     str(error))
        return None
    return open_with_dialogs(opener, path, parent=parent)


def busy(work: Callable[[], T]) -> T:
    """`work()` under a wait cursor: opening an unknown store checks it first, and checking a
    store reads all of it (seconds when big)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QApplication.restoreOverrideCursor()


_windows: list[MainWindow] = []  # open windows (each owns its store until it closes)


def show_window(store: Store, opener: StoreOpener | None,
                maker: StoreMaker | None = None) -> MainWindow:
    window = open_window(store, opener, maker)
    stores.remember_store(store.path)  # every store a window shows: File ▸ Open recent

    def closed() -> None:
        store.close()
        if window in _windows:
            _windows.remove(window)

    window.closed.connect(closed)
    _windows.append(window)
    window.show()
    return window


def _shut_down_windows() -> None:
    for window in list(_windows):
        window.shutdown()


def run_app(opener: StoreOpener, path: Path | None, *, own_store: Callable[[], Path],
            read_only: bool = False, maker: StoreMaker | None = None) -> int:
    """Open `path` in a window (without one, the user's own store, which `own_store` finds or
    builds on first run) and run until the last window closes. A `path` that names nothing is
    made an empty store if the user says so (`maker`); a `path` that can't be opened ends here
    (status 1): never another store in its place. Whatever goes wrong is said in a window: a
    double-clicked app has no terminal."""
    app = application()
    if path is not None:
        store = _open_given(opener, maker, path, read_only=read_only)
    else:
        try:
            own = busy(own_store)
        except (StoreError, OSError, ValueError) as error:  # ValueError: a bad sample file
            show_problem(None, "Chronolens", "Chronolens could not prepare your store.",
                         str(error))
            return 1
        store = open_with_dialogs(opener, own, read_only=read_only)
    if store is None:
        return 1
    window = show_window(store, opener, maker)
    settle_memory()
    reporter = _FirstFrameReporter(window)
    if os.environ.get(FIRST_FRAME_ENV):
        window.timeline.installEventFilter(reporter)
    app.aboutToQuit.connect(_shut_down_windows)
    status = app.exec()
    for other in list(_windows):
        other.closed.emit()
    return status


def _open_given(opener: StoreOpener, maker: StoreMaker | None, path: Path, *,
                read_only: bool) -> Store | None:
    """The store --db names; if nothing is there, an empty one made after asking."""
    if os.path.lexists(path):
        return open_with_dialogs(opener, path, read_only=read_only)
    if read_only or maker is None:
        show_problem(None, "Chronolens", f"There is no store at {path}.",
                     "Opening read-only never makes one." if read_only else "")
        return None
    if not stores.ask_create_store(path):
        return None
    return make_and_open(maker, opener, path)


def _settled_window(store: Store, *, size: tuple[int, int], span: DateSpan | None,
                    select: str | None = None, view: dict[str, Any] | None = None,
                    narrowed: Filter | None = None) -> MainWindow:
    """The real main window, offscreen, showing `span` (or the whole story) with every fetch
    landed: what a person would see once it stopped moving. With `view`, a saved view as it
    was saved (models.store views; its span unless `span` is given); with `narrowed`, only the
    events that pass it, the filters panel open to say so."""
    app = application(offscreen=True)
    window = open_window(store, restore_view=False)  # the picture asked for, not the last view
    window.notice.setVisible(False)  # a picture of the story, not of this session's state
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()
    app.processEvents()
    if select:
        results = store.search(select, limit=1)
        if results.events:
            window.navigate("event", results.events[0].event.id)
        elif results.parties:
            window.navigate("party", results.parties[0].party.id)
    if view is not None:
        from gui.saved_views import restore

        restore(window, view)
    if narrowed is not None and not narrowed.is_empty:
        window.filters.set_filter(window.filters.filter().combined(narrowed))
        if view is None:
            window.filters.facet_dock.show()
    if span is not None:
        end = span.earliest if span.latest >= OPEN_END else span.latest
        window.timeline.go_to(span.earliest, max(end, span.earliest + 60))
    elif view is None or not isinstance(view.get("span"), list):
        window.timeline.zoom_to_fit()
    # Let the timeline's scheduled fetches (marks, lane names, overview counts) land first.
    settle = QEventLoop()
    QTimer.singleShot(SCREENSHOT_SETTLE_MS, settle.quit)
    settle.exec()
    window.timeline.flush_fetch()  # anything still on its way: fetch it here
    window.filters.settle()  # facet counts and table rows, when their panels are open
    app.processEvents()
    return window


def _put_away(window: MainWindow) -> None:
    window.hide()  # not close(): a rendering must not overwrite the saved window layout
    window.shutdown()


def render_screenshot(store: Store, out: Path, *, size: tuple[int, int],
                      span: DateSpan | None = None, select: str | None = None,
                      layout: Path | None = None, view: dict[str, Any] | None = None,
                      narrowed: Filter | None = None) -> None:
    """Render the real main window offscreen to a PNG; with `layout`, also write what the
    timeline drew in it as JSON (models.timeline.picture)."""
    from gui.view_export import encoded

    window = _settled_window(store, size=size, span=span, select=select, view=view,
                             narrowed=narrowed)
    try:
        timeline = window.timeline
        drawn = timeline.current_layout()  # the data for the span has landed
        png = encoded(lambda buffer: window.grab().save(buffer, "PNG"))
        described = None
        if layout is not None:
            from models.timeline.picture import describe

            described = describe(drawn, span=timeline.visible_span(), size=size,
                                 mode=timeline.lane_mode(), keys_of=store.keys_of)
    finally:
        _put_away(window)
    # Each file written beside its name and then put in its place: a kill or a full disk never
    # leaves a half-written PNG or JSON where the old one was.
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out, png)
    if layout is not None:
        layout.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(layout, (json.dumps(described, indent=1, ensure_ascii=False)
                                  + "\n").encode("utf-8"))


def render_view(store: Store, out: Path, *, format: str, size: tuple[int, int],
                span: DateSpan | None = None, view: dict[str, Any] | None = None,
                narrowed: Filter | None = None) -> None:
    """The timeline (as the window would show it at `size`) exported as a PNG, SVG or PDF."""
    from gui.view_export import export_view

    window = _settled_window(store, size=size, span=span, view=view, narrowed=narrowed)
    try:
        export_view(window.timeline, out, format, title=store.title())
    finally:
        _put_away(window)
