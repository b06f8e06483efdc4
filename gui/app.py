"""Starting Qt: the application object, the window, and offscreen screenshots."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from models import __version__
from models.dates import OPEN_END, DateSpan
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
    icon = resource_path("icons", "chronolens.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_window(store: Store) -> MainWindow:
    from gui.main_window import MainWindow

    window = MainWindow(store)
    latest = store.headline_event()
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


def run_app(store: Store) -> int:
    app = application()
    window = open_window(store)
    settle_memory()
    reporter = _FirstFrameReporter(window)
    if os.environ.get(FIRST_FRAME_ENV):
        window.timeline.installEventFilter(reporter)
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    return app.exec()


def render_screenshot(store: Store, out: Path, *, size: tuple[int, int],
                      span: DateSpan | None = None, select: str | None = None) -> None:
    """Render the real main window offscreen to a PNG."""
    app = application(offscreen=True)
    window = open_window(store)
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
    if span is not None:
        end = span.earliest if span.latest >= OPEN_END else span.latest
        window.timeline.go_to(span.earliest, max(end, span.earliest + 60))
    else:
        window.timeline.zoom_to_fit()
    # Let the timeline's scheduled fetches (marks, lane names, overview counts) land first.
    settle = QEventLoop()
    QTimer.singleShot(SCREENSHOT_SETTLE_MS, settle.quit)
    settle.exec()
    window.timeline.flush_fetch()  # anything still on its way: fetch it here
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"{out}: could not write the PNG")
    window.hide()  # not close(): a screenshot must not overwrite the saved window layout
    window.shutdown()
