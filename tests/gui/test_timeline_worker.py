"""Window fetches in a worker thread: on a real store file, newest request only."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from gui.timeline import TimelineView
from gui.worker import LatestOnlyWorker
from models.domain import LaneMode
from models.errors import StoreInterrupted
from models.generate import generate
from models.store import Store


@pytest.fixture(scope="module")
def big_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("worker") / "big.db"
    generate(path, events=4000, parties=400, seed=5)
    return path


class FakeReader:
    def __init__(self) -> None:
        self.interrupted = 0
        self.closed = False

    def interrupt(self) -> None:
        self.interrupted += 1

    def close(self) -> None:
        self.closed = True


def test_only_the_newest_job_reports(qtbot: QtBot) -> None:
    reader = FakeReader()
    worker = LatestOnlyWorker(reader, "test")
    results: list[tuple[int, Any]] = []
    worker.bridge.result.connect(lambda n, value: results.append((n, value)))
    release = threading.Event()

    def slow(reader: Any, emit: Any) -> None:
        release.wait(5)
        emit("old")

    def interrupted(reader: Any, emit: Any) -> None:
        raise StoreInterrupted("interrupted")

    worker.submit(1, slow)
    worker.submit(2, interrupted)
    worker.submit(3, lambda reader, emit: emit("new"))
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    qtbot.wait(50)
    assert results == [(3, "new")]
    assert reader.interrupted >= 2  # each newer request interrupts the one before
    worker.stop()
    qtbot.waitUntil(lambda: reader.closed, timeout=3000)


def test_failures_are_reported_not_swallowed(qtbot: QtBot) -> None:
    worker = LatestOnlyWorker(FakeReader(), "test")
    with qtbot.waitSignal(worker.bridge.failed, timeout=3000) as failed:
        worker.submit(1, lambda reader, emit: 1 / 0)
    assert failed.args[0] == 1 and "division" in failed.args[1]
    worker.stop()


def test_timeline_fetches_through_the_worker(qtbot: QtBot, big_store_file: Path) -> None:
    with Store.open(big_store_file) as store:
        view = TimelineView(store)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        extent = store.extent()
        assert extent is not None
        middle = store.events_in(*extent, limit=3000)[-1].earliest  # where events are
        for days in (3650, 365, 30, 7):  # several requests; only the newest should land
            view.go_to(middle - days * 43200, middle + days * 43200)
            qtbot.wait(1)
        qtbot.waitUntil(lambda: view.fetches > 0 and not view.fetch_pending(), timeout=5000)
        assert view._fetcher is not None  # the worker did it, not the GUI thread
        start, end = view.visible_span()
        window = view._window
        assert window is not None and window.start <= start and window.end >= end
        expected = {m.id for m in store.events_in(start, end)}
        if window.complete:
            assert expected <= {m.id for m in window.all_marks()}
        view.grab()
        assert view.marks_drawn > 0


def test_lane_mode_switch_drops_an_answer_in_flight(qtbot: QtBot, big_store_file: Path
                                                    ) -> None:
    with Store.open(big_store_file) as store:
        view = TimelineView(store)
        qtbot.addWidget(view)
        view.resize(1000, 600)
        view.show()
        view.zoom_to_fit()
        view.set_lane_mode(LaneMode.CATEGORY)
        qtbot.waitUntil(lambda: view.fetches > 0 and not view.fetch_pending(), timeout=5000)
        window = view._window
        assert window is not None and window.mode is LaneMode.CATEGORY
