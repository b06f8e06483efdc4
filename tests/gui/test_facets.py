"""The facet panel (gui.facets) and the filter chips (gui.chips) over small stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from gui.chips import FilterChips
from gui.facets import EXCLUDED_MARK, SECTION_LIMIT, FacetPanel, FacetSection
from gui.filter_state import FilterState
from models.dates import DateSpan, FuzzyDate, Precision, seconds_from_civil
from models.filters import Facet, Filter
from models.generate import generate
from models.store import Store
from models.story import (
    CategoryRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    Story,
)

FIRMS = SECTION_LIMIT + 5  # more parties than a section lists


def _when(year: int) -> DateSpan:
    return DateSpan(FuzzyDate(year, 1, 1, 0, 0, Precision.YEAR))


def _stories() -> tuple[Story, Story]:
    categories = (CategoryRecord("c0", "Patents"), CategoryRecord("c1", "Trade"))
    parties = (PartyRecord("hw", "Huawei", kind="company"),
               PartyRecord("nk", "Nokia", kind="company"),
               PartyRecord("eu", "EU", kind="government"),
               *(PartyRecord(f"f{i}", f"Firm {i:02d}", kind="company") for i in range(FIRMS)))
    own = tuple(
        EventRecord(f"e{i}", f"Event {i}", _when(2000 + i), category="c0" if i % 2 else "c1",
                    parties=(RoleRecord("hw", "signatory"),
                             *((RoleRecord("nk", "target"),) if i % 3 == 0 else ())),
                    attributes=(("country", "A" if i < 5 else "B"),))
        for i in range(10))
    firms = tuple(
        EventRecord(f"g{i}", f"Firm event {i}", _when(2020), category="c1",
                    parties=(RoleRecord(f"f{i}", "mentioned"),) * (1 + i % 2)
                    + ((RoleRecord("eu", "regulator"),) if i % 2 else ()))
        for i in range(FIRMS))
    imported = Story(categories=categories, parties=parties, events=firms)
    return Story(categories=categories, parties=parties, events=own), imported


def _fill(store: Store) -> None:
    own, imported = _stories()
    store.add_story(own)
    store.import_stories([imported], label="import", detail="/data/icews.tab")


@pytest.fixture
def small() -> Iterator[Store]:
    with Store.memory() as store:
        _fill(store)
        yield store


def _panel(qtbot: QtBot, store: Store, state: FilterState | None = None
           ) -> tuple[FacetPanel, FilterState]:
    state = state or FilterState()
    panel = FacetPanel(store, state)
    qtbot.addWidget(panel)
    panel.resize(320, 900)
    panel.show()
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    return panel, state


def _section(panel: FacetPanel, facet: Facet, attribute: str | None = None) -> FacetSection:
    section = panel.section(facet, attribute)
    assert section is not None
    return section


def _shown(section: FacetSection) -> dict[object, int]:
    return {v.value: v.count for v in section.model.values()}


def _expected(store: Store, flt: Filter, facet: Facet, attribute: str | None = None,
              named: str = "") -> dict[object, int]:
    counts = store.facet_counts(flt, facet, attribute=attribute, limit=SECTION_LIMIT,
                                named=named)
    return {v.value: v.count for v in counts.values}


def _row(section: FacetSection, value: object) -> int:
    return next(i for i, v in enumerate(section.model.values()) if v.value == value)


def _party(store: Store, name: str) -> int:
    found = store.resolve(Facet.PARTY, name)
    assert found and found[0][1] == name
    value = found[0][0]
    assert isinstance(value, int)
    return value


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester: object, small: Store
                                      ) -> None:
    panel, state = _panel(qtbot, small)
    state.set_filter(Filter().excluding(Facet.PARTY, _party(small, "Nokia")))
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    for section in panel.sections():
        qtmodeltester.check(section.model)  # type: ignore[attr-defined]


def test_sections_in_order_with_the_store_counts(qtbot: QtBot, small: Store) -> None:
    panel, _ = _panel(qtbot, small)
    titles = [s.title for s in panel.sections()]
    assert titles == ["Category", "Party", "Role", "Party kind", "Source", "Imported file",
                      "Date precision", "Date", "Tag", "Starred", "country"]
    for section in panel.sections():
        assert _shown(section) == _expected(small, Filter(), section.facet, section.attribute)
        # empty sections (no sources, no tags here) are hidden
        assert section.isVisible() == bool(_shown(section)), section.title
    hw = _party(small, "Huawei")
    party = _section(panel, Facet.PARTY)
    assert party.model.text(_row(party, hw)) == "Huawei  (10)"
    assert party.model.data(party.model.index(_row(party, hw)),
                            Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert party.view.accessibleName() == "Party values"


def test_checking_a_value_chooses_it_and_counts_follow(qtbot: QtBot, small: Store) -> None:
    panel, state = _panel(qtbot, small)
    category = _section(panel, Facet.CATEGORY)
    patents = next(v.value for v in category.model.values() if v.label == "Patents")
    index = category.model.index(_row(category, patents))
    assert category.model.setData(index, Qt.CheckState.Checked.value,
                                  Qt.ItemDataRole.CheckStateRole)
    assert state.filter() == Filter().choosing(Facet.CATEGORY, patents)
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    for section in panel.sections():
        assert _shown(section) == _expected(small, state.filter(), section.facet,
                                            section.attribute), section.title
    assert _shown(_section(panel, Facet.PARTY)) == {_party(small, "Huawei"): 5,
                                                    _party(small, "Nokia"): 2}
    assert category.clear_button.isVisible()
    # unchecking takes it out again
    index = category.model.index(_row(category, patents))
    category.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert state.filter() == Filter()


def test_keyboard_space_toggles_and_delete_excludes(qtbot: QtBot, small: Store) -> None:
    panel, state = _panel(qtbot, small)
    party = _section(panel, Facet.PARTY)
    hw = _party(small, "Huawei")
    party.view.setFocus()
    party.view.setCurrentIndex(party.model.index(_row(party, hw)))
    QTest.keyClick(party.view, Qt.Key.Key_Space)
    assert state.filter().chosen_in(Facet.PARTY) == {hw}
    QTest.keyClick(party.view, Qt.Key.Key_Space)
    assert state.filter().is_empty
    QTest.keyClick(party.view, Qt.Key.Key_Delete)
    assert state.filter().excluded_in(Facet.PARTY) == {hw}
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    row = _row(party, hw)  # kept (greyed: no event passes with it) and shown excluded
    assert party.model.text(row).startswith(EXCLUDED_MARK + "Huawei")
    assert party.model.data(party.model.index(row), Qt.ItemDataRole.FontRole).strikeOut()
    assert _shown(party)[hw] == _expected(small, state.filter(), Facet.PARTY)[hw]
    assert 10 not in _shown(_section(panel, Facet.CATEGORY)).values()
    QTest.keyClick(party.view, Qt.Key.Key_Backspace)
    assert state.filter().is_empty


def test_context_menu_excludes_and_clear_clears(qtbot: QtBot, small: Store) -> None:
    panel, state = _panel(qtbot, small)
    party = _section(panel, Facet.PARTY)
    nk, hw = _party(small, "Nokia"), _party(small, "Huawei")
    menu = party.view.menu_for(_row(party, nk))
    assert menu is not None
    by_text = {a.text(): a for a in menu.actions()}
    by_text["Exclude"].trigger()
    assert state.filter() == Filter().excluding(Facet.PARTY, nk)
    menu = party.view.menu_for(_row(party, hw))
    assert menu is not None
    {a.text(): a for a in menu.actions()}["Choose"].trigger()
    assert state.filter().chosen_in(Facet.PARTY) == {hw}
    assert party.clear_button.isVisible()
    party.clear_button.click()
    assert state.filter().is_empty
    assert not party.clear_button.isVisible()


def test_the_span_changes_the_counts(qtbot: QtBot, small: Store) -> None:
    panel, _ = _panel(qtbot, small)
    span = (seconds_from_civil(2000), seconds_from_civil(2004, 12, 31))
    panel.set_span(span)
    assert panel.counting
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    flt = Filter().within(span)
    for section in panel.sections():
        assert _shown(section) == _expected(small, flt, section.facet, section.attribute)
    assert _shown(_section(panel, Facet.PARTY))[_party(small, "Huawei")] == 5
    assert not _section(panel, Facet.COLLECTION).isVisible() or \
        _shown(_section(panel, Facet.COLLECTION)) == _expected(small, flt, Facet.COLLECTION)
    # a span holding the whole store counts as no span
    extent = small.extent()
    assert extent is not None
    panel.set_span((extent[0] - 10, extent[1] + 10))
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    assert _shown(_section(panel, Facet.PARTY))[_party(small, "Huawei")] == 10


def test_a_big_facet_has_a_filter_box(qtbot: QtBot, small: Store) -> None:
    panel, _ = _panel(qtbot, small)
    party = _section(panel, Facet.PARTY)
    assert party.more
    assert party.filter_box.isVisible()
    assert party.filter_box.placeholderText() == "Filter parties…"
    assert party.model.rowCount() == SECTION_LIMIT
    assert not _section(panel, Facet.CATEGORY).filter_box.isVisible()
    qtbot.keyClicks(party.filter_box, "firm 2")
    qtbot.waitUntil(lambda: not panel.counting and party.model.rowCount() < SECTION_LIMIT,
                    timeout=5000)
    assert _shown(party) == _expected(small, Filter(), Facet.PARTY, named="firm 2")
    assert {v.label for v in party.model.values()} == {f"Firm {i}" for i in range(20, FIRMS)}
    party.filter_box.clear()
    qtbot.waitUntil(lambda: not panel.counting and party.model.rowCount() == SECTION_LIMIT,
                    timeout=5000)


def test_attribute_sections_and_refresh(qtbot: QtBot, small: Store) -> None:
    panel, state = _panel(qtbot, small)
    country = _section(panel, Facet.ATTRIBUTE, "country")
    assert _shown(country) == {("country", "A"): 5, ("country", "B"): 5}
    country.model.setData(country.model.index(_row(country, ("country", "A"))),
                          Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert state.filter().chosen_in(Facet.ATTRIBUTE) == {("country", "A")}
    country.clear_button.click()
    assert state.filter().is_empty
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    assert _section(panel, Facet.ATTRIBUTE, "country") is not None


def test_counts_in_the_worker_on_a_store_file(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db", create=True) as store:
        _fill(store)
    with Store.open(tmp_path / "s.db") as store:
        panel, state = _panel(qtbot, store)
        try:
            assert panel._worker is not None
            hw = _party(store, "Huawei")
            state.set_filter(Filter().choosing(Facet.PARTY, hw))
            panel.set_span((seconds_from_civil(2005), seconds_from_civil(2030)))
            qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
            flt = state.filter().within(panel.span())
            for section in panel.sections():
                assert _shown(section) == _expected(store, flt, section.facet,
                                                    section.attribute), section.title
        finally:
            panel.stop()


# -- chips -----------------------------------------------------------------------------------

def _chips(qtbot: QtBot, store: Store, state: FilterState) -> tuple[FilterChips, QWidget]:
    window = QWidget()  # (a chip row is never a window of its own)
    qtbot.addWidget(window)
    chips = FilterChips(store, state, window)
    QVBoxLayout(window).addWidget(chips)
    window.show()
    return chips, window  # (the window must outlive the test: qtbot holds it weakly)


def test_chips_follow_the_filter_and_remove_one_value(qtbot: QtBot, small: Store) -> None:
    state = FilterState()
    chips, _window = _chips(qtbot, small, state)
    assert chips.chip_texts() == []
    assert not chips.isVisible()
    hw, nk = _party(small, "Huawei"), _party(small, "Nokia")
    collection = small.collections()[0].id
    flt = (Filter().choosing(Facet.PARTY, hw).choosing(Facet.PARTY, nk)
           .excluding(Facet.COLLECTION, collection).matching("cross-licence")
           .within((seconds_from_civil(2001), seconds_from_civil(2002, 6, 30))))
    state.set_filter(flt)
    assert chips.isVisible()
    assert chips.chip_texts() == ["Party: Huawei", "Party: Nokia",
                                  "not Imported file: icews.tab", "Text: cross-licence",
                                  "Dates: 2001-01-01 – 2002-06-30"]
    names = [chip.remove.accessibleName() for chip in chips.chips()]
    assert names[0] == "Remove filter Party: Huawei"
    assert all(chip.label.textFormat() == Qt.TextFormat.PlainText for chip in chips.chips())
    chips.chips()[0].remove.click()
    assert state.filter() == flt.without(Facet.PARTY, hw)
    assert chips.chip_texts()[0] == "Party: Nokia"
    chips.chips()[1].remove.click()  # the exclusion
    assert state.filter().excluded_in(Facet.COLLECTION) == frozenset()
    chips.chips()[1].remove.click()  # the text
    assert state.filter().text == ""
    chips.chips()[1].remove.click()  # the span
    assert state.filter() == Filter().choosing(Facet.PARTY, nk)
    chips.clear_all.click()
    assert state.filter().is_empty
    assert chips.chip_texts() == []
    assert not chips.isVisible()


def test_chips_show_user_text_as_plain_text(qtbot: QtBot, small: Store) -> None:
    state = FilterState()
    chips, _window = _chips(qtbot, small, state)
    state.set_filter(Filter().matching("<b>bold</b>").choosing(Facet.ATTRIBUTE,
                                                                ("country", "A")))
    assert chips.chip_texts() == ["country: A", "Text: <b>bold</b>"]
    assert all(chip.label.textFormat() == Qt.TextFormat.PlainText for chip in chips.chips())


def test_panel_and_chips_share_the_state(qtbot: QtBot, small: Store) -> None:
    panel, state = _panel(qtbot, small)
    chips, _window = _chips(qtbot, small, state)
    party = _section(panel, Facet.PARTY)
    hw = _party(small, "Huawei")
    party.model.setData(party.model.index(_row(party, hw)), Qt.CheckState.Checked.value,
                        Qt.ItemDataRole.CheckStateRole)
    assert chips.chip_texts() == ["Party: Huawei"]
    chips.chips()[0].remove.click()
    assert state.filter().is_empty
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    assert party.model.data(party.model.index(_row(party, hw)),
                            Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_sections_fold_away_and_stay_folded(qtbot: QtBot, small: Store) -> None:
    panel, _ = _panel(qtbot, small)
    party = _section(panel, Facet.PARTY)
    assert party.is_expanded() and party.view.isVisible()
    party.toggle.click()
    assert not party.is_expanded() and not party.view.isVisible()
    assert party.toggle.accessibleName() == "Show or hide Party"
    again, _ = _panel(qtbot, small)
    assert not _section(again, Facet.PARTY).is_expanded()
    assert _section(again, Facet.CATEGORY).is_expanded()


def test_a_worker_only_shows_the_newest_counts(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    generate(path, events=3000, parties=300, seed=3)
    with Store.open(path) as store:
        panel, state = _panel(qtbot, store)
        try:
            assert panel._worker is not None
            party = _section(panel, Facet.PARTY)
            values = [v.value for v in party.model.values()[:6]]
            for value in values:  # quicker than the counting: older jobs are dropped
                state.set_filter(state.filter().choosing(Facet.PARTY, value))
                assert party.counting  # "…" at once
            extent = store.extent()
            assert extent is not None
            middle = (extent[0] + extent[1]) // 2
            panel.set_span((extent[0], middle))
            qtbot.waitUntil(lambda: not panel.counting, timeout=10000)
            flt = state.filter().within((extent[0], middle))
            for section in panel.sections():
                assert not section.counting
                assert _shown(section) == _expected(store, flt, section.facet,
                                                    section.attribute), section.title
        finally:
            panel.stop()
