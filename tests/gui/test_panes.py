"""The detail pane and its item models: what it shows, what clicks emit, that text stays text."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from gui.detail_pane import EMPTY_HINT, DetailPane
from gui.detail_widgets import ContentList, date_note, open_web_url, web_url
from gui.item_models import (
    CoPartiesModel,
    EventRolesModel,
    LazyEventRolesModel,
    ObjectRole,
    PartyRolesModel,
    SortRole,
)
from gui.quote_text import find_quote
from gui.source_page import NO_TEXT
from models.dates import parse_edtf
from models.domain import Event, EventRole, PartyDetails
from models.interchange import parse_native, read_native
from models.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "huawei-ericsson.json"
HOSTILE_TITLE = "<b>bold</b><img src=file:///etc/passwd>"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as s:
        s.add_story(read_native(SAMPLE))
        yield s


@pytest.fixture
def pane(qtbot: QtBot, store: Store) -> DetailPane:
    widget = DetailPane(store)
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the pane asked the desktop to open (nothing is really opened)."""
    calls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        calls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return calls


def key(store: Store, table: str, name: str) -> int:
    found = store.key_of(table, name)
    assert found is not None
    return found


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)
            if label.isVisibleTo(widget) and label.text()]


def click_row(qtbot: QtBot, view: ContentList, row: int) -> None:
    rect = view.visualRect(view.model().index(row, view.modelColumn()))
    assert rect.isValid() and view.viewport().rect().contains(rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def hostile_store(tmp_path: Path, *, url: str, text: str | None = None) -> Store:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    source = doc["sources"][0]
    source["title"] = HOSTILE_TITLE
    source["publisher"] = "<i>Evil & Co</i>"
    source["url"] = url
    if text is not None:
        source["text"] = text
    store = Store.memory()
    store.add_story(parse_native(json.dumps(doc)))
    return store


# --- the event view ------------------------------------------------------------------------------


def test_starts_empty_with_a_hint(pane: DetailPane) -> None:
    assert pane.current() is None
    assert pane.currentWidget() is pane.empty_page
    assert EMPTY_HINT in visible_texts(pane)


def test_event_view_shows_title_date_parties_and_quote(pane: DetailPane, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    pane.show_event(renewal)
    assert pane.current() == ("event", renewal)
    page = pane.event_page
    assert page.title.text() == "Huawei and Ericsson renew their patent cross-licence"
    assert page.date.text() == "25 Aug 2023"
    assert not page.date_note.isVisibleTo(pane)  # an exact day needs no note
    assert page.category.text() == "Patents & licensing" and page.swatch.isVisibleTo(pane)
    rows = [page.parties_model.index(r, 0).data() for r in range(page.parties_model.rowCount())]
    assert rows == ["Ericsson — signatory", "Huawei — signatory"]
    texts = visible_texts(pane)
    assert any("have signed a \"long-term\" global agreement" in t and t.startswith("“")
               for t in texts)
    assert "Huawei renews patent licensing agreement with Ericsson" in texts
    quote = page.findChild(QLabel, "citationQuote")
    assert quote is not None and quote.font().italic()


def test_event_view_notes_ongoing_and_uncertain_dates(pane: DetailPane, store: Store) -> None:
    rivalry = key(store, "events", "us-china-rivalry")  # 2019?/..
    pane.show_event(rivalry)
    assert pane.event_page.date.text() == "since 2019?"
    assert pane.event_page.date_note.text() == "ongoing · date uncertain"
    assert date_note(parse_edtf("2020~/2023~")) == "period · approximate date"
    assert date_note(parse_edtf("2016")) == ""


def test_clicking_a_party_emits_party_activated(qtbot: QtBot, pane: DetailPane,
                                                store: Store) -> None:
    pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
    huawei = key(store, "parties", "huawei")
    view = pane.event_page.parties
    row = next(r for r, pr in enumerate(pane.event_page.parties_model.rows())
               if pr.party.name == "Huawei")
    with qtbot.waitSignal(pane.party_activated, timeout=1000) as blocker:
        click_row(qtbot, view, row)
    assert blocker.args == [huawei]
    # The pane itself does not navigate: the main window does.
    assert pane.current() is not None and pane.current()[0] == "event"


def test_enter_on_a_party_row_emits_party_activated(qtbot: QtBot, pane: DetailPane,
                                                   store: Store) -> None:
    pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
    view = pane.event_page.parties
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    with qtbot.waitSignal(pane.party_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [key(store, "parties", "huawei")]


def test_read_source_emits_source_activated_and_highlights_that_quote(
        qtbot: QtBot, pane: DetailPane, store: Store) -> None:
    renewal = key(store, "events", "cross-licence-renewal-2023")
    pane.show_event(renewal)
    source_id = key(store, "sources", "huawei-ericsson-2023-08-25")
    buttons = [b for b in pane.event_page.findChildren(QAbstractButton, "readSource")
               if b.isVisibleTo(pane)]
    assert len(buttons) == 2  # one per citation
    with qtbot.waitSignal(pane.source_activated, timeout=1000) as blocker:
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert blocker.args == [source_id]
    pane.show_source(source_id)  # what the main window does next
    strong = [s for s in pane.source_page.text.extraSelections()
              if s.format.background().color().alpha() > 100]
    assert len(strong) == 2


# --- the party view ------------------------------------------------------------------------------


def test_party_view_lists_aliases_events_and_co_parties(pane: DetailPane, store: Store) -> None:
    us = key(store, "parties", "united-states")
    pane.show_party(us)
    assert pane.current() == ("party", us)
    page = pane.party_page
    assert page.name.text() == "United States"
    assert page.kind.text() == "Government"
    assert page.aliases.text().startswith("Also known as: ")
    assert "Washington" in page.aliases.text() and "U.S." in page.aliases.text()
    events = page.events_model.rows()
    assert len(events) == 4
    starts = [row.event.when.earliest for row in events]
    assert starts == sorted(starts)
    titles = [page.events_model.index(r, EventRolesModel.TITLE).data() for r in range(4)]
    assert titles[0] == "US sanctions on Huawei"
    co = page.co_model.rows()
    assert co[0].party.name == "Huawei"
    assert [c.shared for c in co] == sorted((c.shared for c in co), reverse=True)
    assert page.co_model.index(0, CoPartiesModel.SHARED).data() == f"{co[0].shared} shared events"


def test_clicking_an_event_or_co_party_emits(qtbot: QtBot, pane: DetailPane,
                                            store: Store) -> None:
    pane.show_party(key(store, "parties", "united-states"))
    page = pane.party_page
    with qtbot.waitSignal(pane.event_activated, timeout=1000) as blocker:
        click_row(qtbot, page.events, 0)
    assert blocker.args == [key(store, "events", "us-sanctions")]
    with qtbot.waitSignal(pane.party_activated, timeout=1000) as blocker:
        click_row(qtbot, page.co_parties, 0)
    assert blocker.args == [key(store, "parties", "huawei")]


def test_lists_are_as_tall_as_their_rows(pane: DetailPane, store: Store) -> None:
    pane.show_party(key(store, "parties", "huawei"))
    view = pane.party_page.events
    last = view.visualRect(view.model().index(view.model().rowCount() - 1, view.modelColumn()))
    assert last.bottom() <= view.viewport().height()


# --- the source view -----------------------------------------------------------------------------


def test_source_view_highlights_every_quote_found(pane: DetailPane, store: Store) -> None:
    source_id = key(store, "sources", "huawei-ericsson-2023-08-25")
    source = store.source(source_id)
    assert source is not None
    quotes = store.quotes_in(source_id)
    found = [q for _, q in quotes if q in source.text]
    pane.show_source(source_id)
    assert pane.current() == ("source", source_id)
    text = pane.source_page.text
    assert len(found) == len(quotes) == 14
    assert len(text.extraSelections()) == len(found)
    assert text.isReadOnly()
    # The text shown is the source's, word for word (paragraphs only spaced apart).
    assert " ".join(text.toPlainText().split()) == " ".join(source.text.split())
    for selection in text.extraSelections():
        assert selection.cursor.selectedText().replace("\u2029", " ").strip()


def test_highlighted_event_is_stronger_and_scrolled_into_view(pane: DetailPane,
                                                              store: Store) -> None:
    source_id = key(store, "sources", "huawei-ericsson-2023-08-25")
    last = key(store, "events", "huawei-own-5g-chips")  # its quote ends the article
    pane.show_source(source_id, highlight_event=last)
    text = pane.source_page.text
    alphas = sorted(s.format.background().color().alpha() for s in text.extraSelections())
    assert alphas[-1] > alphas[0] and alphas.count(alphas[-1]) == 1
    start = next(s for s in text.spans if s[2] == last)[0]
    cursor = text.textCursor()
    cursor.setPosition(start)
    assert text.viewport().rect().contains(text.cursorRect(cursor).center())


def test_clicking_in_a_quote_emits_its_event(qtbot: QtBot, pane: DetailPane,
                                             store: Store) -> None:
    source_id = key(store, "sources", "huawei-ericsson-2023-08-25")
    earlier = key(store, "events", "cross-licence-2016")
    pane.show_source(source_id, highlight_event=earlier)
    text = pane.source_page.text
    start, end, _ = next(s for s in text.spans if s[2] == earlier)
    cursor = text.textCursor()
    cursor.setPosition((start + end) // 2)
    point = text.cursorRect(cursor).center() + QPoint(1, 0)
    assert text.viewport().rect().contains(point)
    with qtbot.waitSignal(text.quote_activated, timeout=1000), \
            qtbot.waitSignal(pane.event_activated, timeout=1000) as blocker:
        qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [earlier]
    # Text outside any quote emits nothing.
    assert text.event_at(0) is None


def test_find_quote_tolerates_line_breaks_and_case() -> None:
    assert find_quote("one two\nthree", "two three") == (4, 13)
    assert find_quote("Alpha Beta", "alpha beta") == (0, 10)
    assert find_quote("Alpha Beta", "gamma") is None
    assert find_quote("Alpha", "   ") is None


def test_source_without_text_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    with hostile_store(tmp_path, url="", text="") as store:
        pane = DetailPane(store)
        qtbot.addWidget(pane)
        pane.show()
        pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"))
        assert pane.source_page.no_text.isVisibleTo(pane)
        assert pane.source_page.no_text.text() == NO_TEXT
        assert not pane.source_page.text.isVisibleTo(pane)


# --- text stays text; links open only on click, only http(s) -------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
def test_hostile_source_is_shown_literally_and_never_opened(
        qtbot: QtBot, tmp_path: Path, opened: list[str], url: str) -> None:
    with hostile_store(tmp_path, url=url) as store:
        pane = DetailPane(store)
        qtbot.addWidget(pane)
        pane.resize(420, 800)
        pane.show()
        source_id = key(store, "sources", "huawei-ericsson-2023-08-25")
        pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
        pane.show_source(source_id)
        title = pane.source_page.title
        assert title.text() == HOSTILE_TITLE and "<b>" in title.text()
        assert title.textFormat() == Qt.TextFormat.PlainText
        assert pane.findChildren(QAbstractButton, "webLink") == []
        shown = [label for label in pane.findChildren(QLabel, "notALink")
                 if label.isVisibleTo(pane)]
        assert [label.text() for label in shown] == [url]
        for button in pane.findChildren(QAbstractButton):
            if button.isVisibleTo(pane) and button.objectName() != "readSource":
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert opened == []
        assert not open_web_url(url)
        assert opened == []


def test_every_label_is_plain_text(pane: DetailPane, store: Store) -> None:
    pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
    pane.show_party(key(store, "parties", "huawei"))
    pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"))
    labels = pane.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_web_link_opens_only_when_clicked(qtbot: QtBot, tmp_path: Path,
                                          opened: list[str]) -> None:
    url = "https://example.org/news?a=1&b=2"
    with hostile_store(tmp_path, url=url) as store:
        pane = DetailPane(store)
        qtbot.addWidget(pane)
        pane.resize(420, 800)
        pane.show()
        pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"))
        qtbot.wait(10)
        assert opened == []  # shown, not loaded
        links = pane.source_page.findChildren(QAbstractButton, "webLink")
        assert len(links) == 1 and links[0].accessibleName()
        assert links[0].full_text() == url and "&&b=2" in links[0].text()  # no mnemonic eaten
        qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
        assert opened == [url]


def test_web_url_accepts_only_http_and_https() -> None:
    assert web_url("https://example.org/a") is not None
    assert web_url("HTTP://example.org") is not None
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi",
                "ftp://example.org", "//example.org", "example.org", "", "http://"):
        assert web_url(bad) is None, bad


def test_missing_records_show_a_note(pane: DetailPane) -> None:
    pane.show_event(999_999)
    assert pane.current() is None and pane.currentWidget() is pane.not_found
    pane.clear()
    assert pane.current() is None and pane.currentWidget() is pane.empty_page


def test_interactive_widgets_have_accessible_names(pane: DetailPane, store: Store) -> None:
    pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
    pane.show_party(key(store, "parties", "huawei"))
    pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"))
    interactive: list[Any] = [*pane.findChildren(QAbstractButton),
                              *pane.findChildren(ContentList), pane.source_page.text]
    assert all(widget.accessibleName() for widget in interactive)


def test_renders(pane: DetailPane, store: Store, tmp_path: Path) -> None:
    shows = {
        "event": lambda: pane.show_event(key(store, "events", "cross-licence-renewal-2023")),
        "party": lambda: pane.show_party(key(store, "parties", "united-states")),
        "source": lambda: pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25")),
    }
    for name, show in shows.items():
        show()
        image = pane.grab().toImage()
        assert image.width() == 420 and image.height() == 800
        assert image.save(str(tmp_path / f"pane_{name}.png"))


# --- item models ---------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester: Any, store: Store) -> None:
    huawei = key(store, "parties", "huawei")
    renewal = key(store, "events", "cross-licence-renewal-2023")
    filled = [
        PartyRolesModel(store.participants(renewal)),
        EventRolesModel(store.events_of(huawei)),
        CoPartiesModel(store.co_parties(huawei)),
    ]
    for model in filled:
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    for empty in (PartyRolesModel(), EventRolesModel(), CoPartiesModel()):
        qtmodeltester.check(empty)


def test_models_roles_and_reset(qtbot: QtBot, store: Store) -> None:
    huawei = key(store, "parties", "huawei")
    events = store.events_of(huawei)
    model = EventRolesModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(events)
    assert model.rowCount() == len(events) and model.columnCount() == 3
    index = model.index(0, EventRolesModel.DATE)
    assert index.data(ObjectRole) == events[0]
    assert index.data(SortRole) == events[0].event.when.earliest
    assert index.data() == events[0].event.when.display()
    assert model.index(0, EventRolesModel.ROLE).data() == events[0].role
    assert model.headerData(EventRolesModel.TITLE, Qt.Orientation.Horizontal) == "Title"
    assert events[0].event.title in str(index.data(Qt.ItemDataRole.AccessibleTextRole))
    co = CoPartiesModel(store.co_parties(huawei))
    assert isinstance(co.index(0, CoPartiesModel.SHARED).data(SortRole), int)
    one = [c for c in co.rows() if c.shared == 1]
    if one:
        row = co.rows().index(one[0])
        assert co.index(row, CoPartiesModel.SHARED).data() == "1 shared event"


# --- keyboard and pointer ------------------------------------------------------------------------


def test_tab_reaches_lists_and_links_in_order(qtbot: QtBot, pane: DetailPane,
                                              store: Store) -> None:
    pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
    pane.activateWindow()
    pane.event_page.setFocus()
    reached: list[str] = []
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused.objectName())
    # the page's Edit and History buttons, the star, tags and note, then its content
    # (editors stay out while viewing)
    assert reached[:8] == ["editToggle", "historyButton", "starToggle", "editTags", "editNote",
                           "eventParties", "readSource", "readSource"]
    # Focus on a list makes a row current, so Enter works straight away.
    pane.event_page.parties.setFocus()
    assert pane.event_page.parties.currentIndex().isValid()


def test_enter_on_an_event_row_and_on_a_quote(qtbot: QtBot, pane: DetailPane,
                                              store: Store) -> None:
    pane.show_party(key(store, "parties", "united-states"))
    view = pane.party_page.events
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, view.modelColumn()))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(pane.event_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [key(store, "events", "us-china-rivalry")]

    earlier = key(store, "events", "cross-licence-2016")
    pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"),
                     highlight_event=earlier)
    text = pane.source_page.text
    text.setFocus()
    assert text.event_at(text.textCursor().position()) == earlier  # the cursor starts there
    with qtbot.waitSignal(pane.event_activated, timeout=1000) as blocker:
        qtbot.keyClick(text, Qt.Key.Key_Return)
    assert blocker.args == [earlier]


def test_hovering_a_quote_shows_a_pointing_hand(qtbot: QtBot, pane: DetailPane,
                                                store: Store) -> None:
    earlier = key(store, "events", "cross-licence-2016")
    pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"),
                     highlight_event=earlier)
    text = pane.source_page.text
    start, end, _ = next(s for s in text.spans if s[2] == earlier)
    cursor = text.textCursor()
    cursor.setPosition((start + end) // 2)
    inside = text.cursorRect(cursor).center() + QPoint(1, 0)
    qtbot.mouseMove(text.viewport(), inside)
    qtbot.waitUntil(lambda: text.viewport().cursor().shape()
                    == Qt.CursorShape.PointingHandCursor, timeout=1000)


def test_overlapping_quotes_resolve_to_the_shortest(pane: DetailPane, store: Store) -> None:
    pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"))
    text = pane.source_page.text
    overlaps = [(a, b) for a in text.spans for b in text.spans
                if a is not b and a[0] <= b[0] and b[1] <= a[1]]
    assert overlaps  # the sample quotes part of a sentence that another event quotes whole
    outer, inner = overlaps[0]
    assert text.event_at(inner[0]) == inner[2]
    assert outer[0] < inner[0] and text.event_at(outer[0]) == outer[2]


def test_wrapped_labels_get_just_their_height(pane: DetailPane, store: Store,
                                              tmp_path: Path) -> None:
    """No label is given spare height (text centred in a gap) or too little (clipped)."""
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["sources"][0]["publisher"] = "Agence France-Presse, with a rather long publisher name"
    doc["sources"][0]["url"] = "https://example.org/" + "long/" * 40
    with Store.memory() as rich:
        rich.add_story(parse_native(json.dumps(doc)))
        pane.store = rich
        for show in (lambda: pane.show_event(key(rich, "events", "allies-5g-ban-pressure")),
                     lambda: pane.show_party(key(rich, "parties", "united-states"))):
            show()
            QApplication.processEvents()
            labels = [label for label in pane.currentWidget().findChildren(QLabel)
                      if label.isVisibleTo(pane) and label.wordWrap() and label.text()]
            assert labels
            for label in labels:
                assert abs(label.height() - label.heightForWidth(label.width())) <= 2, \
                    label.objectName()


# --- lists on demand -----------------------------------------------------------------------------


class HugeParty:
    """The sample store, plus the id-based methods for one party with `size` events."""

    def __init__(self, store: Store, party_id: int, size: int) -> None:
        self._store = store
        self.party_id = party_id
        self.size = size
        self.role_calls: list[list[int]] = []
        self.when = parse_edtf("2020-05-01")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def event_ids_of(self, party_id: int) -> list[int]:
        return list(range(1, self.size + 1)) if party_id == self.party_id else []

    def event_roles(self, party_id: int, event_ids: list[int]) -> list[EventRole]:
        self.role_calls.append(list(event_ids))
        return [EventRole(Event(i, f"e{i}", f"Event number {i}", self.when), "member")
                for i in reversed(event_ids)]  # any order: the model puts them in place

    def party_details(self, party_id: int, *, events: int = 200) -> PartyDetails | None:
        found = self._store.party_details(party_id)
        if found is None or party_id != self.party_id:
            return found
        ids = self.event_ids_of(party_id)
        return replace(found, event_ids=tuple(ids),
                       events=tuple(self.event_roles(party_id, ids[:events])))


def test_lazy_model_fetches_blocks_as_rows_are_shown(qtmodeltester: Any) -> None:
    calls: list[list[int]] = []
    when = parse_edtf("2020")

    def fetch(ids: list[int]) -> list[EventRole]:
        calls.append(ids)
        return [EventRole(Event(i, f"e{i}", f"E{i}", when), "") for i in ids if i != 7]

    model = LazyEventRolesModel()
    model.set_ids(range(1, 1001), fetch)
    block = LazyEventRolesModel.BLOCK
    assert model.total() == 1000 and model.rowCount() == block
    assert calls == []  # nothing read until a row is shown
    assert model.index(0, LazyEventRolesModel.TITLE).data() == "E1"
    assert model.index(5, LazyEventRolesModel.TITLE).data() == "E6"
    assert len(calls) == 1 and len(calls[0]) == block
    assert model.index(6, 0).data() is None  # gone from the store: an empty row
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * block
    assert model.index(block + 3, LazyEventRolesModel.TITLE).data() == f"E{block + 4}"
    assert calls[-1][0] == block + 1 and len(calls) == 2
    row = model.index(block, 0).data(ObjectRole)
    assert isinstance(row, EventRole) and row.event.id == block + 1
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    qtmodeltester.check(model)
    model.set_ids([], fetch)
    qtmodeltester.check(model)


def test_party_page_holds_ids_and_shows_events_in_blocks(qtbot: QtBot, store: Store) -> None:
    huawei = key(store, "parties", "huawei")
    huge = HugeParty(store, huawei, 1000)
    pane = DetailPane(huge)  # type: ignore[arg-type]
    qtbot.addWidget(pane)
    pane.resize(420, 800)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_party(huawei)
    page = pane.party_page
    block = LazyEventRolesModel.BLOCK
    assert page.events_model.total() == 1000
    assert page.events_model.rowCount() == block
    assert max(len(ids) for ids in huge.role_calls) <= block
    assert sum(len(ids) for ids in huge.role_calls) == block  # only what is shown
    assert page.more_events.isVisibleTo(page)
    assert "1,000" in page.more_events.full_text()
    page.more_events.click()
    assert page.events_model.rowCount() == 2 * block
    bar = page.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the next block
    assert page.events_model.rowCount() == 3 * block
    assert sum(len(ids) for ids in huge.role_calls) == 3 * block
    clicked: list[int] = []
    pane.event_activated.connect(clicked.append)
    pane._event_row_activated(block + 1)
    assert clicked == [block + 2]


class CountingStore:
    """The sample store, counting the calls made to it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._store, name)
        if callable(found):
            def counted(*args: Any, **kwargs: Any) -> Any:
                self.calls.append(name)
                return found(*args, **kwargs)
            return counted
        return found


def test_each_view_reads_through_one_call(qtbot: QtBot, store: Store) -> None:
    counting = CountingStore(store)
    pane = DetailPane(counting)  # type: ignore[arg-type]
    qtbot.addWidget(pane)
    pane.resize(420, 800)
    pane.show()
    counting.calls.clear()
    pane.show_event(key(store, "events", "cross-licence-renewal-2023"))
    assert counting.calls == ["open_reader", "event_details"]  # (none in memory: read here)
    counting.calls.clear()
    pane.show_party(key(store, "parties", "huawei"))
    pane.party_page.events_model.rows()  # the first block came with the details
    assert counting.calls == ["party_details"]
    counting.calls.clear()
    pane.show_source(key(store, "sources", "huawei-ericsson-2023-08-25"))
    assert counting.calls == ["source_details"]


def test_a_store_with_a_file_is_read_in_a_worker(qtbot: QtBot, store_file: Path) -> None:
    with Store.open(store_file) as store:
        pane = DetailPane(store)
        qtbot.addWidget(pane)
        huawei = key(store, "parties", "huawei")
        with qtbot.waitSignal(pane.shown, timeout=5000):
            pane.show_party(huawei)
        assert pane.current() == ("party", huawei)
        assert pane.party_page.name.text() == "Huawei"
        assert pane._reader is not None  # read off the GUI thread
        pane.show_event(key(store, "events", "cross-licence-2016"))
        assert pane.pending()
        pane.flush()  # read here, now
        assert not pane.pending() and pane.currentWidget() is pane.event_page
        assert pane.event_page.title.text().startswith("Huawei and Ericsson sign")
        pane.stop()
