"""The search box and its results model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.search import KindRole, SearchBox, SearchResultsModel
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


def test_nothing_found_hides_results(qtbot: QtBot, store: Store) -> None:
    _host, box = make_box(qtbot, store)
    box.setText("zzzzqqq")
    box.run_search()
    assert not box.results.isVisible() and "Nothing found" in box.toolTip()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=30))
def test_any_text_is_safe_in_the_box(qtbot: QtBot, store: Store, text: str) -> None:
    model = SearchResultsModel()
    model.set_results(store.search(text))
    for row in range(model.rowCount()):
        assert isinstance(model.index(row, 0).data(), str)
