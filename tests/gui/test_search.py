"""The search box and its results model."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.search import SearchBox
from gui.search_results import KindRole, ObjectRole, SearchResultsModel
from models.domain import SearchResults
from models.store import Store


def make_box(qtbot: QtBot, store: Store) -> tuple[QWidget, SearchBox]:
    host = QWidget()
    host.resize(900, 600)
    box = SearchBox(store, results_parent=host, parent=host)
    qtbot.addWidget(host)
    host.show()
    return host, box


def test_results_model_passes_modeltester(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_results(store.search("Huawei"))
    assert model.rowCount() > 3
    qtmodeltester.check(model)


def test_results_are_grouped_with_unselectable_headers(store: Store) -> None:
    model = SearchResultsModel()
    model.set_results(store.search("Washington"))
    kinds = [model.index(r, 0).data(KindRole) for r in range(model.rowCount())]
    assert kinds[0] == "header" and kinds[1] == "party"
    assert "event" in kinds and kinds.index("header", 1) < kinds.index("event")
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    assert "(as Washington)" in model.index(1, 0).data()


def test_typing_is_debounced_then_shows_results(qtbot: QtBot, store: Store) -> None:
    _host, box = make_box(qtbot, store)
    box.setFocus()
    qtbot.keyClicks(box, "Wash")
    assert not box.results.isVisible()  # not yet: the debounce timer is running
    qtbot.waitUntil(box.results.isVisible, timeout=2000)
    assert box.model.rowCount() >= 3


def test_arrows_and_enter_choose_a_result(qtbot: QtBot, store: Store) -> None:
    _host, box = make_box(qtbot, store)
    box.setText("Washington")
    box.run_search()
    with qtbot.waitSignal(box.result_chosen) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    us = store.key_of("parties", "united-states")
    assert chosen.args == ["party", us]
    assert not box.results.isVisible()
    box.run_search()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # skips the "Events" header row
    with qtbot.waitSignal(box.result_chosen) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert chosen.args[0] in ("party", "event")


def test_escape_hides_and_clearing_empties(qtbot: QtBot, store: Store) -> None:
    _host, box = make_box(qtbot, store)
    box.setText("Huawei")
    box.run_search()
    assert box.results.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.results.isVisible()
    box.clear()
    assert box.model.rowCount() == 0


def test_nothing_found_is_said(qtbot: QtBot, store: Store) -> None:
    """A search that finds nothing says so in its list (no list silently staying away), and
    nothing in it can be chosen."""
    _host, box = make_box(qtbot, store)
    box.setText("zzzzqqq")
    box.run_search()
    assert box.results.isVisible() and "Nothing found" in box.toolTip()
    shown = [box.model.index(r, 0).data() for r in range(box.model.rowCount())]
    assert shown == ["Nothing found for “zzzzqqq”"]
    assert box.model.choosable_rows() == []


def test_query_language_in_the_box(qtbot: QtBot, store: Store) -> None:
    """Fields narrow the search; a malformed query is searched as text with a quiet note."""
    _host, box = make_box(qtbot, store)
    box.setText("party:Huawei")
    box.run_search()
    events = [box.model.index(r, 0).data(ObjectRole) for r in box.model.choosable_rows()]
    huawei = [e for e in events if e is not None and hasattr(e, "event")]
    assert huawei and all(
        any(p.party.name == "Huawei" for p in store.event_details(h.event.id).participants)
        for h in huawei)
    box.setText('party:"Huawei')  # unclosed quote
    box.run_search()
    shown = [box.model.index(r, 0).data() for r in range(box.model.rowCount())]
    assert any("quote" in str(text) for text in shown)


def test_completion_offers_fields_and_values(qtbot: QtBot, store: Store) -> None:
    _host, box = make_box(qtbot, store)
    qtbot.keyClicks(box, "par")
    assert "party:" in box._completions
    box.setText("")
    qtbot.keyClicks(box, "party:Hua")
    assert "party:Huawei" in box._completions
    box.run_search()
    row = next(r for r in range(box.model.rowCount()) if box.model.completion(r))
    box._choose(row)
    assert box.text() == "party:Huawei "


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=30))
def test_any_text_is_safe_in_the_box(qtbot: QtBot, store: Store, text: str) -> None:
    model = SearchResultsModel()
    model.set_results(store.search(text))
    for row in range(model.rowCount()):
        assert isinstance(model.index(row, 0).data(), str)


# -- searching in a worker thread (stores with a file) -----------------------------------------

@pytest.fixture
def wired(store_file: Path) -> Iterator[Store]:
    with Store.open(store_file) as s:
        yield s


def test_file_store_searches_in_a_worker(qtbot: QtBot, wired: Store) -> None:
    _host, box = make_box(qtbot, wired)
    assert box._worker is not None
    box.setFocus()
    qtbot.keyClicks(box, "Wash")
    qtbot.waitUntil(lambda: box.results.isVisible() and not box.searching, timeout=3000)
    first = box.model.index(1, 0).data(ObjectRole)
    assert first.party.name == "United States" and first.matched_alias == "Washington"
    box.setText("Hauwei")  # a typo: only the ranked phase finds it
    box.run_search()
    qtbot.waitUntil(lambda: not box.searching, timeout=3000)
    assert box.model.index(1, 0).data(ObjectRole).party.name == "Huawei"
    box.setText("zzzzqqq")
    box.run_search()
    qtbot.waitUntil(lambda: not box.searching, timeout=3000)
    assert box.model.choosable_rows() == [] and "Nothing found" in box.toolTip()
    worker = box._worker
    box.stop()
    worker._thread.join(timeout=3)
    assert not worker._thread.is_alive()


def test_enter_while_searching_chooses_the_best_result(qtbot: QtBot, wired: Store) -> None:
    _host, box = make_box(qtbot, wired)
    box.setText("Washington")
    with qtbot.waitSignal(box.result_chosen, timeout=3000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args == ["party", wired.key_of("parties", "united-states")]


class SlowReader:
    """A reader whose search for "old" runs until it is interrupted."""

    def __init__(self, store: Store) -> None:
        # Worked out here, on the GUI thread: the in-memory store is not for other threads.
        self._results = {text: store.search(text) for text in ("Huawei", "boom")}
        self.interrupted = threading.Event()
        self.asked: list[str] = []
        self.closed = False

    def first_results(self, text: str, *, limit: int = 20) -> SearchResults | None:
        self.asked.append(text)
        if text == "old":
            self.interrupted.wait(5)
            return None
        if text == "boom":
            raise OSError("disk I/O error")
        return self._results[text]

    def ranked_results(self, text: str, *, limit: int = 20) -> SearchResults | None:
        return self._results[text]

    def query_results(self, text: str, scope: object = None, *,
                      limit: int = 20) -> SearchResults | None:
        return self._results[text]

    def interrupt(self) -> None:
        if self.asked[-1:] == ["old"]:
            self.interrupted.set()

    def close(self) -> None:
        self.closed = True


def test_newer_text_interrupts_and_older_results_never_show(qtbot: QtBot, store: Store
                                                            ) -> None:
    reader = SlowReader(store)
    store.open_search_reader = lambda: reader  # type: ignore[attr-defined]
    _host, box = make_box(qtbot, store)
    box.setText("old")
    box.run_search()
    qtbot.waitUntil(lambda: reader.asked == ["old"], timeout=3000)
    box.setText("Huawei")
    box.run_search()
    assert reader.interrupted.wait(3)
    qtbot.waitUntil(lambda: not box.searching, timeout=3000)
    assert box.model.index(1, 0).data(ObjectRole).party.name == "Huawei"
    stale = store.search("Washington")
    box._on_first(box._generation - 1, stale)  # a late answer to an older text
    box._on_ranked(box._generation - 1, stale)
    assert box.model.index(1, 0).data(ObjectRole).party.name == "Huawei"
    assert reader.asked == ["old", "Huawei"]
    box.setText("boom")  # a failing search says so, and the next one still works
    box.run_search()
    qtbot.waitUntil(lambda: not box.searching, timeout=3000)
    assert "disk I/O error" in box.toolTip() and not box.results.isVisible()
    box.setText("Huawei")
    box.run_search()
    qtbot.waitUntil(lambda: not box.searching, timeout=3000)
    assert box.results.isVisible()
    box.stop()
    qtbot.waitUntil(lambda: reader.closed, timeout=3000)
