"""`chronolens --smoke-test`: is this installation whole? One pass through what every start needs.

The embedded sample story is built into a store in a temporary folder, searched, and shown in the
real main window offscreen; one timeline frame is painted and looked at. It runs the same from a
checkout and from inside the PyInstaller bundle (resources come through models.paths), so a
bundle missing a module, a resource or a Qt plugin fails here with the reason.
"""

from __future__ import annotations

import tempfile
import time
from array import array
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QImage

from models import __version__
from models.paths import sample_story_path
from models.store import Store, ensure_store

SEARCH_TEXT = "Ericsson"
TYPO_TEXT = "Ericson"  # found only by the typo-tolerant match (rapidfuzz's compiled module)
WINDOW_SIZE = (1200, 700)
SETTLE_MS = 150  # as render_screenshot: let the timeline's scheduled fetches land


class SmokeTestFailed(RuntimeError):
    """What the smoke test found wrong; main.py prints it and exits 1."""


def _colours(image: QImage) -> int:
    """How many distinct colours a frame has (a blank or failed paint has one)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = array("I", bytes(rgb.constBits()))  # 4 bytes a pixel; rows of RGB32 are unpadded
    return len(set(pixels))


def _check_search(store: Store) -> tuple[int, int]:
    results = store.search(SEARCH_TEXT, limit=20)
    names = [hit.party.name for hit in results.parties]
    party = next((name for name in names if SEARCH_TEXT.lower() in name.lower()), None)
    if party is None:
        raise SmokeTestFailed(f"search {SEARCH_TEXT!r} did not find the party (found {names})")
    if not results.events:
        raise SmokeTestFailed(f"search {SEARCH_TEXT!r} found no events")
    typo = [hit.party.name for hit in store.search(TYPO_TEXT, limit=20).parties]
    if party not in typo:
        raise SmokeTestFailed(f"search {TYPO_TEXT!r} did not find {party!r} (found {typo})")
    return len(results.parties), len(results.events)


def _paint_frame(store: Store) -> tuple[int, int, int, int]:
    """Open the real window offscreen and paint one timeline frame: (width, height, colours,
    window icon sizes)."""
    from gui.app import application, open_window

    app = application(offscreen=True)
    icon_sizes = len(app.windowIcon().availableSizes())
    if icon_sizes == 0:
        raise SmokeTestFailed("the window icon did not load (resources/icons missing?)")
    window = open_window(store)
    try:
        # Painted but never shown on a screen, and never closed: closing saves window state.
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(*WINDOW_SIZE)
        window.show()
        app.processEvents()
        settle = QEventLoop()
        QTimer.singleShot(SETTLE_MS, settle.quit)
        settle.exec()
        window.timeline.flush_fetch()
        app.processEvents()
        frame = window.timeline.grab().toImage()
        if frame.isNull() or frame.width() == 0 or frame.height() == 0:
            raise SmokeTestFailed("the timeline frame is empty (nothing was painted)")
        colours = _colours(frame)
        if colours < 2:
            raise SmokeTestFailed(f"the timeline frame is a single colour "
                                  f"({frame.width()}x{frame.height()})")
        return frame.width(), frame.height(), colours, icon_sizes
    finally:
        window.hide()
        window.shutdown()


def run_smoke_test() -> str:
    """Check this installation; one line of what was checked, or SmokeTestFailed with why.

    The line is ASCII: it must print on any console encoding."""
    started = time.perf_counter()
    story = sample_story_path()
    if not story.is_file():
        raise SmokeTestFailed(f"the sample story is missing: {story}")
    with tempfile.TemporaryDirectory(prefix="chronolens-smoke-") as folder:
        path = ensure_store(Path(folder) / "smoke.db", story)
        store = Store.open(path)
        try:
            info = store.info()
            if info.events == 0 or info.parties == 0:
                raise SmokeTestFailed(f"the sample store is empty ({info.events} events, "
                                      f"{info.parties} parties)")
            parties, events = _check_search(store)
            width, height, colours, icon_sizes = _paint_frame(store)
        finally:
            store.close()
    ms = (time.perf_counter() - started) * 1000
    return (f"smoke test passed: Chronolens {__version__}, sample store {info.events} events / "
            f"{info.parties} parties, search {SEARCH_TEXT!r} found {parties} "
            f"{'party' if parties == 1 else 'parties'} and {events} events (and {TYPO_TEXT!r} "
            f"finds it too), timeline frame "
            f"{width}x{height} painted with {colours} colours, window icon in {icon_sizes} "
            f"sizes, in {ms:.0f} ms")
