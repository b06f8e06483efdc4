"""The results table (gui/table.py) and its read (models/store/table_rows.py): rows in the
store's sorted order for every sort key, filters, selection, activation, Copy as CSV, and rows
fetched in blocks as the view scrolls (on the GUI thread over a store in memory, in the worker
over a store file)."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu
from pytestqt.qtbot import QtBot

from gui.filter_state import FilterState
from gui.item_models import ObjectRole, SortRole
from gui.table import BLOCK, LOADING, EventTableModel, ResultsTable, _runs, events_text
from models.dates import parse_edtf, parse_stored
from models.filters import Facet, Filter
from models.store import Store
from models.store.filtering import SORT_KEYS
from models.store.table_rows import EventRow
from models.story import (
    CategoryRecord,
    CitationRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)

_S = Store


PARTIES = tuple(PartyRecord(f"p{i}", name) for i, name in
                enumerate(["Zeta Corp", "alpha", "Beta Ministry", "Gamma"]))
CATEGORIES = (CategoryRecord("c0", "Trade"), CategoryRecord("c1", "courts"))
SOURCES = (SourceRecord("s0", "Reuters"), SourceRecord("s1", "AP"))
DATES = ("2019-03-02", "2016", "2023-08", "2019~", "2020-01-01/2020-02-01", "2001-05-06T10:30",
         "2019-03-02", "2018?")


def story(count: int = 12, *, title: str = "Event") -> Story:
    events = []
    for n in range(count):
        roles = [RoleRecord(PARTIES[(n + k) % 4].key, "signatory" if k else "target")
                 for k in range(n % 3)]
        if n % 5 == 4 and roles:  # a party in two roles is named once
            roles.append(RoleRecord(roles[0].party, "mentioned"))
        events.append(EventRecord(
            f"e{n}", f"{title} {chr(ord('a') + (n * 7) % 26)}{n}",
            parse_edtf(DATES[n % len(DATES)] if count <= 100 else f"{1900 + n % 120}-01-02"),
            category=[None, "c0", "c1"][n % 3],
            parties=tuple(roles),
            citations=tuple(CitationRecord(SOURCES[k % 2].key, f"q{k}") for k in range(n % 4))))
    return Story(categories=CATEGORIES, parties=PARTIES, sources=SOURCES, events=tuple(events))


def with_tags_and_stars(store: Store) -> None:
    """Tags and stars on the events, through the commands the window uses."""
    from models.edits import SetStar, SetTags

    conn: sqlite3.Connection = store._conn
    ids = [i for (i,) in conn.execute("SELECT id FROM events ORDER BY id")]
    names = {1: "urgent", 2: "Later", 3: "b"}
    for n, event_id in enumerate(ids):
        tags = tuple(names[tag] for tag in range(1, 4)
                     if (n + tag) % 3 == 0 or n % 4 == tag)
        if tags:
            store.apply(SetTags("events", event_id, tags))
    store.apply(SetStar(tuple(i for n, i in enumerate(ids) if n % 3 == 1), True))


@pytest.fixture
def small() -> Iterator[_S]:
    with _S.memory() as s:  # type: ignore[attr-defined]
        s.add_story(story())
        yield s


def shown_ids(model: EventTableModel) -> list[int]:
    return [model.data(model.index(r, 0), ObjectRole) for r in range(model.rowCount())]


def shown_text(model: EventTableModel, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


# -- the read ---------------------------------------------------------------------------------
def test_event_rows_hold_what_the_table_shows(small: _S) -> None:
    conn: sqlite3.Connection = small._conn
    ids = [i for (i,) in conn.execute("SELECT id FROM events ORDER BY id DESC")]
    rows = small.event_rows([*ids, 10_000])
    assert [r.id for r in rows] == ids  # in the order given, unknown ids left out
    for row in rows:
        edtf, title, earliest, category_id = conn.execute(
            "SELECT edtf, title, earliest, category_id FROM events WHERE id = ?",
            [row.id]).fetchone()
        names = []
        for (name,) in conn.execute(
                "SELECT pa.name FROM participations p JOIN parties pa ON pa.id = p.party_id "
                "WHERE p.event_id = ? ORDER BY p.rowid", [row.id]):
            if name not in names:
                names.append(name)
        category = conn.execute("SELECT name FROM categories WHERE id = ?",
                                [category_id]).fetchone()
        cited = conn.execute("SELECT count(*) FROM citations WHERE event_id = ?",
                             [row.id]).fetchone()[0]
        assert row == EventRow(row.id, parse_stored(edtf).display(), title, ", ".join(names),
                               category[0] if category else "", cited, "", False, earliest)
    assert small.event_rows([]) == []


def test_event_rows_parties_in_role_order() -> None:
    with _S.memory() as s:  # type: ignore[attr-defined]
        s.add_story(Story(parties=PARTIES, events=(EventRecord(
            "x", "X", parse_edtf("2020"), parties=(
                RoleRecord("p2", "a"), RoleRecord("p0", "b"), RoleRecord("p2", "c"),
                RoleRecord("p1", "d"))),)))
        assert [r.parties for r in s.event_rows([1])] == ["Beta Ministry, Zeta Corp, alpha"]


def test_event_rows_tags_and_stars_of_a_version_8_store(small: _S) -> None:
    with_tags_and_stars(small)
    conn: sqlite3.Connection = small._conn
    for row in small.event_rows(list(range(1, 13))):
        tags = sorted((n for (n,) in conn.execute(
            "SELECT t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE et.event_id = ?", [row.id])), key=str.casefold)
        assert row.tags == ", ".join(tags)
        starred = conn.execute("SELECT count(*) FROM stars WHERE event_id = ?",
                               [row.id]).fetchone()[0]
        assert row.starred == bool(starred)
    assert any(r.starred for r in small.event_rows(list(range(1, 13))))


def test_event_rows_is_one_query_per_block() -> None:
    with _S.memory() as s:  # type: ignore[attr-defined]
        s.add_story(story(300))
        statements: list[str] = []
        s._conn.set_trace_callback(statements.append)
        s.event_rows([1, 2])
        few = len(statements)
        statements.clear()
        s.event_rows(list(range(1, 201)))
        assert len(statements) == few <= 4
        assert sum("json_each" in st for st in statements) == 1


# -- the model --------------------------------------------------------------------------------
def test_model_passes_the_model_tester(qtmodeltester: object, small: _S) -> None:
    model = EventTableModel(small, threaded=False)
    model.reload()
    assert model.rowCount() == 12
    qtmodeltester.check(model)  # type: ignore[attr-defined]


@pytest.mark.parametrize("flt", [Filter(), Filter().choosing(Facet.CATEGORY, 1)])
def test_rows_follow_the_store_order_for_every_sort_key(small: _S, flt: Filter) -> None:
    with_tags_and_stars(small)
    model = EventTableModel(small, threaded=False, flt=flt)
    model.reload()
    keys = [column[1] for column in EventTableModel.COLUMNS]
    assert sorted(keys) == sorted(SORT_KEYS)
    for column, key in enumerate(keys):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            descending = order == Qt.SortOrder.DescendingOrder
            expected = small.passing_page(flt, sort=key, descending=descending, limit=1000)
            assert shown_ids(model) == expected, (key, order)
            assert model.total() == small.count_passing(flt)
            rows = small.event_rows(expected)
            for n, row in enumerate(rows):
                text = shown_text(model, n)
                assert text[:4] == [row.date, row.title, row.parties, row.category]
                assert text[4:] == [str(row.sources), row.tags, "★" if row.starred else ""]
            assert model.data(model.index(0, EventTableModel.DATE), SortRole) == rows[0].earliest


def test_results_table_counts_and_follows_the_filter(qtbot: QtBot, small: _S) -> None:
    state = FilterState()
    table = ResultsTable(small, state, threaded=False)
    qtbot.addWidget(table)
    assert table.count_label.text() == "12 events"
    assert shown_ids(table.model) == small.passing_page(Filter(), limit=100)
    party = small.key_of("parties", "p1")
    assert party is not None
    flt = Filter().choosing(Facet.PARTY, party)
    state.set_filter(flt)
    assert table.count_label.text() == events_text(small.count_passing(flt))
    assert 0 < table.model.total() < 12
    assert shown_ids(table.model) == small.passing_page(flt, limit=100)
    state.set_filter(flt.matching("nothing-matches-this"))
    assert table.count_label.text() == "0 events"
    assert table.model.rowCount() == 0
    assert events_text(1) == "1 event" and events_text(12345) == "12,345 events"


def test_header_click_sorts_in_sql(qtbot: QtBot, small: _S) -> None:
    table = ResultsTable(small, FilterState(), threaded=False)
    qtbot.addWidget(table)
    table.show()
    header = table.view.horizontalHeader()
    qtbot.waitExposed(table)
    assert (table.model.sort_key, table.model.descending) == ("date", False)  # the default
    assert header.sortIndicatorSection() == EventTableModel.DATE
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, EventTableModel.TITLE))
    assert table.model.sort_key == "title"
    first = table.model.descending
    assert shown_ids(table.model) == small.passing_page(Filter(), sort="title",
                                                        descending=first, limit=100)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, EventTableModel.TITLE))
    assert (table.model.sort_key, table.model.descending) == ("title", not first)
    assert shown_ids(table.model) == small.passing_page(Filter(), sort="title",
                                                        descending=not first, limit=100)


def _section_centre(header: QHeaderView, section: int) -> QPoint:
    position = header.sectionViewportPosition(section)
    return QPoint(position + header.sectionSize(section) // 2, header.height() // 2)


def test_clicking_a_row_selects_its_event(qtbot: QtBot, small: _S) -> None:
    table = ResultsTable(small, FilterState(), threaded=False)
    qtbot.addWidget(table)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)
    index = table.model.index(3, EventTableModel.TITLE)
    rect = table.view.visualRect(index)
    with qtbot.waitSignal(table.event_selected) as got:
        qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert got.args == [table.model.event_id(3)]
    assert table.selected_event() == table.model.event_id(3)
    with qtbot.waitSignal(table.event_activated) as activated:
        qtbot.mouseDClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [table.model.event_id(3)]
    with qtbot.waitSignal(table.event_activated) as entered:
        qtbot.keyClick(table.view, Qt.Key.Key_Return)
    assert entered.args == [table.model.event_id(3)]


def test_select_event_is_quiet(qtbot: QtBot, small: _S) -> None:
    table = ResultsTable(small, FilterState(), threaded=False)
    qtbot.addWidget(table)
    wanted = table.model.event_id(7)
    assert wanted is not None
    with qtbot.assertNotEmitted(table.event_selected):
        assert table.select_event(wanted)
        assert table.selected_event() == wanted
        assert table.selected_rows() == [7]
        assert not table.select_event(99_999)
        assert table.selected_rows() == []


def test_copy_puts_the_selected_rows_as_csv(qtbot: QtBot, small: _S) -> None:
    small.add_story(Story(parties=PARTIES, events=(EventRecord(
        "q", 'Said "no", then left', parse_edtf("1999"), parties=(RoleRecord("p0", "x"),
                                                                   RoleRecord("p3", "y"))),)))
    table = ResultsTable(small, FilterState(), threaded=False)
    qtbot.addWidget(table)
    table.show()
    table.view.setFocus()
    assert table.model.event_id(0) == small.key_of("events", "q")  # 1999 comes first
    table.view.selectRow(0)
    table.view.selectionModel().select(
        table.model.index(2, 0), table.view.selectionModel().SelectionFlag.Select
        | table.view.selectionModel().SelectionFlag.Rows)
    QGuiApplication.clipboard().clear()
    table.copy_action.trigger()
    text = QGuiApplication.clipboard().text()
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["Date", "Title", "Parties", "Category", "Sources", "Tags", "Starred"]
    assert lines[1] == ["1999", 'Said "no", then left', "Zeta Corp, Gamma", "", "0", "", ""]
    third = small.event_rows([table.model.event_id(2) or 0])[0]
    assert lines[2] == [third.date, third.title, third.parties, third.category,
                        str(third.sources), "", ""]
    assert len(lines) == 3
    assert table.copy_action in table.view.actions()  # the context menu offers it
    assert table.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    menu = QMenu()
    menu.addActions(table.view.actions())
    assert [a.text() for a in menu.actions()] == ["Copy", "Star the selected events",
                                                 "Unstar the selected events",
                                                 "Tag the selected events…"]


def test_copy_by_the_standard_key(qtbot: QtBot, small: _S) -> None:
    table = ResultsTable(small, FilterState(), threaded=False)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    table.view.setFocus()
    table.view.selectRow(1)
    QGuiApplication.clipboard().clear()
    shortcut = QKeySequence(QKeySequence.StandardKey.Copy)[0]
    qtbot.keyClick(table.view, shortcut.key(), shortcut.keyboardModifiers())
    lines = list(csv.reader(io.StringIO(QGuiApplication.clipboard().text())))
    assert len(lines) == 2 and lines[1][1] == table.model.data(table.model.index(1, 1))


def test_a_thousand_events_scroll_in_blocks(qtbot: QtBot) -> None:
    with _S.memory() as s:  # type: ignore[attr-defined]
        s.add_story(story(1000))
        table = ResultsTable(s, FilterState(), threaded=False)
        qtbot.addWidget(table)
        table.resize(800, 400)
        table.show()
        qtbot.waitExposed(table)
        assert table.count_label.text() == "1,000 events"
        assert table.model.blocks_fetched == 1
        table.view.scrollToBottom()
        qtbot.wait(20)
        last = table.model.index(999, EventTableModel.TITLE)
        assert table.model.is_loaded(999)
        assert table.model.data(last, ObjectRole) == s.passing_page(
            Filter(), offset=999, limit=1)[0]
        assert table.model.blocks_fetched >= 2
        assert shown_ids(table.model) == s.passing_page(Filter(), limit=2000)
        table.view.selectAll()
        assert table.selected_rows() == list(range(1000))
        assert table.selected_rows(250) == list(range(250))


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "table.db"
    with Store.open(path, create=True) as s:
        s.add_story(story(1000))
    return path


def test_a_store_file_is_read_in_the_worker(qtbot: QtBot, store_file: Path) -> None:
    with _S.open(store_file, read_only=True) as s:
        state = FilterState()
        table = ResultsTable(s, state)
        qtbot.addWidget(table)
        table.resize(800, 400)
        table.show()
        assert table.count_label.text() == "Counting events…"
        qtbot.waitUntil(lambda: table.model.total() == 1000 and not table.model.loading)
        assert table.count_label.text() == "1,000 events"
        ids = s.passing_page(Filter(), limit=2000)
        assert table.model.data(table.model.index(0, 0), ObjectRole) == ids[0]
        far = table.model.index(650, EventTableModel.TITLE)
        first = table.model.data(far)
        assert first == LOADING  # not in hand: asked of the worker
        qtbot.waitUntil(lambda: table.model.is_loaded(650))
        assert table.model.data(far, ObjectRole) == ids[650]
        # several blocks asked at once: neighbours in one page, each in its place
        wanted = (210, 420, 999)
        assert [table.model.data(table.model.index(r, 0)) for r in wanted] == [LOADING] * 3
        qtbot.waitUntil(lambda: all(table.model.is_loaded(r) for r in wanted))
        assert [table.model.event_id(r) for r in range(1000)] == ids
        # a sort: the first rows come in the new order
        table.view.sortByColumn(EventTableModel.TITLE, Qt.SortOrder.DescendingOrder)
        qtbot.waitUntil(lambda: not table.model.loading)
        assert table.model.data(table.model.index(0, 0), ObjectRole) == s.passing_page(
            Filter(), sort="title", descending=True, limit=1)[0]
        # a current row whose block is on its way is selected when it arrives
        with qtbot.waitSignal(table.event_selected) as got:
            table.view.setCurrentIndex(table.model.index(BLOCK * 3 + 5, 0))
        assert got.args == [s.passing_page(Filter(), sort="title", descending=True,
                                           offset=BLOCK * 3 + 5, limit=1)[0]]
        # a refresh: the rows read again, the selected event selected again when it arrives
        chosen = table.selected_event()
        scroll = table.view.verticalScrollBar().value()
        assert chosen is not None and scroll > 0
        table.refresh()
        qtbot.waitUntil(lambda: not table.model.loading and table.selected_event() == chosen)
        assert table.selected_rows() == [BLOCK * 3 + 5]
        assert table.view.verticalScrollBar().value() == scroll
        # a filter: count and rows follow
        party = s.key_of("parties", "p2")
        flt = Filter().choosing(Facet.PARTY, party)
        state.set_filter(flt)
        qtbot.waitUntil(lambda: not table.model.loading)
        assert table.model.total() == s.count_passing(flt)
        assert table.count_label.text() == events_text(s.count_passing(flt))
        table.stop()


def test_refresh_keeps_the_selected_event(qtbot: QtBot, small: _S) -> None:
    table = ResultsTable(small, FilterState(), threaded=False)
    qtbot.addWidget(table)
    wanted = table.model.event_id(5)
    assert wanted is not None
    table.select_event(wanted)
    small.add_story(Story(events=(EventRecord("new", "New", parse_edtf("1066")),)))
    table.refresh()
    qtbot.wait(10)
    assert table.count_label.text() == "13 events"
    assert table.selected_event() == wanted
    assert table.selected_rows() == [6]  # one row further down: 1066 came first


def test_runs_of_blocks() -> None:
    assert _runs([7, 2, 3, 8, 5]) == [[7, 8], [2, 3], [5]]
    assert _runs([4]) == [[4]]


def test_selecting_every_row_does_not_ask_about_each(qtbot: QtBot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The header asks the selection whether each column is selected, row by row (20 s for
    a million rows): it has a selection of its own."""
    calls = [0]
    row_count = EventTableModel.rowCount

    def counted(self: EventTableModel, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        calls[0] += 1
        return row_count(self, parent)

    monkeypatch.setattr(EventTableModel, "rowCount", counted)
    with _S.memory() as s:  # type: ignore[attr-defined]
        s.add_story(story(1000))
        table = ResultsTable(s, FilterState(), threaded=False)
        qtbot.addWidget(table)
        table.resize(800, 400)
        table.show()
        qtbot.waitExposed(table)
        calls[0] = 0
        table.view.selectAll()
        QApplication.processEvents()  # (paints the header)
        assert table.selected_rows() == list(range(1000))
        assert calls[0] < 500, calls


def test_copy_reads_the_rows_not_in_hand(qtbot: QtBot, store_file: Path) -> None:
    with _S.open(store_file, read_only=True) as s:
        table = ResultsTable(s, FilterState())
        qtbot.addWidget(table)
        table.view.sortByColumn(EventTableModel.TITLE, Qt.SortOrder.AscendingOrder)
        qtbot.waitUntil(lambda: not table.model.loading and table.model.total() == 1000)
        assert not table.model.is_loaded(BLOCK * 2)
        table.view.selectAll()
        QGuiApplication.clipboard().clear()
        table.copy()
        lines = list(csv.reader(io.StringIO(QGuiApplication.clipboard().text())))
        rows = s.event_rows(s.passing_page(Filter(), sort="title", limit=2000))
        assert [line[1] for line in lines[1:]] == [r.title for r in rows]
        table.stop()


def test_a_stopped_model_reads_nothing_more() -> None:
    with _S.memory() as s:  # type: ignore[attr-defined]
        s.add_story(story(500))
        model = EventTableModel(s, threaded=False)
        model.reload()
        model.stop()
    # the store is closed now: rows not in hand stay so, nothing raises
    assert model.data(model.index(0, 1)) not in (LOADING, None)  # (block 0 was in hand)
    assert model.data(model.index(450, 1)) == LOADING
    model.reload()
    model.set_filter(Filter().matching("x"))
    assert model.total() == 500
