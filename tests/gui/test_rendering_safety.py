"""Rendering safety (issue #4): data holding HTML, `<img src=file:…>`, javascript:, file: and data:
links shows as plain text; nothing local is loaded; only http(s) links open, and only on click.

One hostile story goes through the whole window: the detail pane (event, party and source views),
the search box and its results, the timeline (tooltips, lane menus) and the window title. Every
QLabel must be plain text; every tooltip (which QToolTip renders as rich text whenever it looks
like HTML) must show the text as written and load nothing; URLs open only when a web link is
clicked, and only http(s).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QHelpEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

from gui.app import open_window
from gui.detail_pane import DetailPane
from gui.detail_widgets import web_url
from gui.item_models import plain_tooltip
from gui.main_window import MainWindow
from models.interchange import parse_native
from models.store import Store

HOSTILE = (
    "<b>bold</b>",
    '<img src="file:///etc/passwd">',
    '<a href="javascript:alert(1)">x</a>',
    "file:///etc/hosts",
    "javascript:alert(1)",
    "&lt;i&gt;entity&lt;/i&gt; &amp; more",
    "\u202eevil\u202c right-to-left override",
    "A & B \t tab",
    '<img src="data:image/png;base64,iVBORw0KGgo="> <script>alert(1)</script>',
    "<b>" + "very long " * 1_000 + "</b>",
)
# (URL as stored, whether it is a web link)
URLS = (
    ("javascript:alert(1)", False),
    ("JavaScript:alert(document.cookie)", False),
    ("file:///etc/hosts", False),
    ("file:///etc/passwd", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("data:image/png;base64,iVBORw0KGgo=", False),
    ("//evil.example/x", False),
    ("evil.example/path", False),
    ("/etc/passwd", False),
    ("../relative/page.html", False),
    ("http://", False),
    ("ftp://example.org/x", False),
    ("https://example.org/\u202egpj.exe", False),  # shown backwards: not offered as a link
    ('https://example.org/"><img src=x>', False),
    ("https://example.org/a?b=1&c=2", True),
    ("HTTP://EXAMPLE.ORG/UP", True),
    ("https://example.org/&lt;b&gt;", True),
    ("  https://example.org/spaced  ", True),
)
TITLE = f"{HOSTILE[0]} {HOSTILE[1]} story"


def hostile_doc() -> dict[str, Any]:
    """A story whose every text field is hostile, one source per URL, each cited with a quote."""
    def h(i: int) -> str:
        return HOSTILE[i % len(HOSTILE)]

    sources = [{"id": f"s{i}", "title": f"{h(i)} source {i}", "publisher": f"{h(i + 1)} press",
                "url": url, "published": f"{2000 + i}-01-02",
                "text": f"Intro {h(i)}.\nThe quoted line {i} says {h(i + 2)} loudly.\nEnd {h(i)}."}
               for i, (url, _) in enumerate(URLS)]
    parties = [{"id": f"p{i}", "name": f"{h(i)} party {i}", "kind": "other",
                "description": f"{h(i + 1)}\n{h(i + 2)}", "aliases": [f"{h(i + 3)} alias {i}"]}
               for i in range(len(HOSTILE))]
    events = [{"id": f"e{i}", "title": f"{h(i)} #{i}",
               "date": f"{2000 + i}" if i % 3 else f"{2000 + i}-03/{2001 + i}~",
               "description": f"{h(i + 1)} {h(i + 2)}\n{h(i + 3)}",
               "category": f"c{i % 3}",
               "parties": [{"party": f"p{i}", "role": h(i + 4)},
                           {"party": f"p{(i + 1) % len(HOSTILE)}", "role": h(i + 5)}],
               "citations": [{"source": f"s{j}", "quote": f"The quoted line {j} says "
                                                          f"{h(j + 2)} loudly."}
                             for j in range(i, len(URLS), len(HOSTILE))]}
              for i in range(len(HOSTILE))]
    return {
        "format": "chronolens", "version": 1, "title": TITLE,
        "categories": [{"id": f"c{i}", "name": f"{h(i)} category", "color": "#3b82f6"}
                       for i in range(3)],
        "parties": parties, "sources": sources,
        "eras": [{"id": f"r{i}", "name": f"{h(i)} era", "date": f"{2000 + i}/{2004 + i}"}
                 for i in range(2)],
        "events": events,
    }


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as s:
        s.add_stories([parse_native(json.dumps(hostile_doc()))])
        yield s


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the app asked the desktop to open (nothing is really opened)."""
    calls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        calls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return calls


@pytest.fixture
def window(qtbot: QtBot, store: Store, opened: list[str]) -> MainWindow:
    w = shown_window(qtbot, store)
    return w


def key(store: Store, table: str, name: str) -> int:
    found = store.key_of(table, name)
    assert found is not None
    return found


# -- how Qt would show a string --------------------------------------------------------------------


_might_be_rich_text = QtGui.Qt.mightBeRichText  # (Qt::mightBeRichText lives in QtGui)


class _ProbeDocument(QTextDocument):
    """A document that records every resource (image, style sheet) it is asked to load."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:
        self.loaded.append(name.toString())
        return None


def shown_tooltip(tip: str) -> str:
    """What QToolTip shows for `tip`: rich text when Qt guesses it is, else the text itself.
    Fails if showing it would load any resource (an <img>, a style sheet)."""
    if not _might_be_rich_text(tip):
        return tip
    document = _ProbeDocument()
    document.setHtml(tip)
    document.size()  # lay it out: that is when images are loaded
    assert document.loaded == [], f"the tooltip loads {document.loaded}: {tip[:200]!r}"
    return document.toPlainText().replace("\u2028", "\n")  # (<br> reads back as U+2028)


def shown_mnemonic(text: str) -> str:
    """A menu or button text as shown: '&&' is '&', a lone '&' marks the next letter."""
    return re.sub(r"&(.)", r"\1", text)


def assert_safe_widgets(root: QWidget) -> None:
    """Plain-text labels, tooltips shown as written, no rich-text editors, nothing loaded."""
    for label in root.findChildren(QLabel):
        if label.objectName() == "qtooltip_label":  # QToolTip's own label: a tooltip's text
            shown_tooltip(label.text())
        elif label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()[:200]
    assert root.findChildren(QTextEdit) == [], "a QTextEdit/QTextBrowser renders rich text"
    for editor in root.findChildren(QPlainTextEdit):
        document = editor.document().toHtml()
        assert "<img" not in document and "<a " not in document
    for widget in [root, *root.findChildren(QWidget)]:
        tip = widget.toolTip()
        if tip:
            shown_tooltip(tip)
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        # (a list model's columnCount is private in PySide6: it has one column)
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for row in range(model.rowCount(QModelIndex())):
            for column in range(columns):
                index = model.index(row, column)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if text:  # painted by the delegate as plain text; the tooltip must match it
                    assert tip is None or shown_tooltip(tip) == text, (text[:100], tip[:100])


def visible(root: QWidget, kind: type[QWidget], name: str) -> list[Any]:
    QApplication.processEvents()  # (a layout shows the widgets added to it on the next turn)
    return [w for w in root.findChildren(kind, name) if w.isVisibleTo(root)]


def hover_tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """The tooltip the view shows when the mouse rests on a row."""
    QToolTip.hideText()
    center = view.visualRect(index).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(
        QHelpEvent.Type.ToolTip, center, view.viewport().mapToGlobal(center)))
    return QToolTip.text()


# -- the detail pane -------------------------------------------------------------------------------


def test_event_views_show_every_text_as_written(window: MainWindow, store: Store,
                                                opened: list[str]) -> None:
    doc = hostile_doc()
    pane = window.details
    for event in doc["events"]:
        window.navigate("event", key(store, "events", event["id"]))
        page = pane.event_page
        assert page.title.text() == event["title"]
        assert page.description.text() == event["description"]
        category = next(c for c in doc["categories"] if c["id"] == event["category"])
        assert page.category.text() == category["name"]
        rows = {page.parties_model.index(r, 0).data()
                for r in range(page.parties_model.rowCount())}
        names = {p["id"]: p["name"] for p in doc["parties"]}
        assert rows == {f"{names[r['party']]} — {r['role']}" for r in event["parties"]}
        quotes = [q.text() for q in visible(pane, QLabel, "citationQuote")]
        assert quotes == [f"“{c['quote']}”" for c in event["citations"]]
        titles = {t.text() for t in visible(pane, QLabel, "citationTitle")}
        assert titles == {f"{s['title']}" for s in doc["sources"]
                          if s["id"] in {c["source"] for c in event["citations"]}}
        for row in range(page.parties_model.rowCount()):
            index = page.parties_model.index(row, 0)
            assert shown_tooltip(hover_tooltip(page.parties, index)) == index.data()
        assert_safe_widgets(window)
    assert opened == []  # shown, never opened


def test_party_views_show_every_text_as_written(window: MainWindow, store: Store,
                                                opened: list[str]) -> None:
    for party in hostile_doc()["parties"]:
        window.navigate("party", key(store, "parties", party["id"]))
        page = window.details.party_page
        assert page.name.text() == party["name"]
        assert page.description.text() == party["description"]
        assert page.aliases.text() == "Also known as: " + ", ".join(party["aliases"])
        for view in (page.events, page.co_parties):
            model = view.model()
            for row in range(model.rowCount()):
                index = model.index(row, view.modelColumn())
                assert shown_tooltip(hover_tooltip(view, index)) == index.data()
        assert_safe_widgets(window)
    assert opened == []


def test_source_views_show_every_text_as_written(window: MainWindow, store: Store,
                                                 opened: list[str]) -> None:
    for source in hostile_doc()["sources"]:
        window.navigate("source", key(store, "sources", source["id"]))
        page = window.details.source_page
        assert page.title.text() == source["title"]
        assert page.meta.text().startswith(source["publisher"] + " · ")
        shown = page.text.document().toPlainText()
        assert shown == source["text"].replace("\n", "\n\n")  # paragraphs spaced out
        assert len(page.text.spans) == 1  # the quote is found and highlighted
        assert_safe_widgets(window)
    assert opened == []


# -- links -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "is_link"), URLS)
def test_only_http_links_open_and_only_on_click(qtbot: QtBot, window: MainWindow, store: Store,
                                                opened: list[str], url: str,
                                                is_link: bool) -> None:
    index = [u for u, _ in URLS].index(url)
    source_id = key(store, "sources", f"s{index}")
    event_id = key(store, "events", f"e{index % len(HOSTILE)}")  # cites this source
    pane: DetailPane = window.details
    for kind, item_id in (("source", source_id), ("event", event_id)):
        window.navigate(kind, item_id)
        qtbot.wait(5)
        assert opened == []  # showing a link opens nothing
        page = pane.currentWidget()
        links = visible(page, QAbstractButton, "webLink")
        plain = visible(page, QLabel, "notALink")
        shown = [link.full_text() for link in links] + [label.text() for label in plain]
        assert url in shown  # every address is shown, as written
        if kind == "source":
            assert len(links) == int(is_link) and len(plain) == int(not is_link)
        for label in plain:  # not a link: the address as text, which nothing can follow
            assert label.textFormat() == Qt.TextFormat.PlainText
            assert not label.openExternalLinks()
            qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
            qtbot.mouseDClick(label, Qt.MouseButton.LeftButton)
        assert opened == []
        for link in links:  # a web link: its whole address in the tooltip, as written
            assert web_url(link.full_text()) is not None
            assert shown_tooltip(link.toolTip()) == link.full_text()
        if is_link:
            link = next(link for link in links if link.full_text() == url)
            qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
            expected = QUrl(url.strip()).toString()
            assert QUrl(expected).scheme().lower() in ("http", "https")
            assert opened == [expected]
            link.setFocus()
            qtbot.keyClick(link, Qt.Key.Key_Space)  # the keyboard path is a click too
            assert opened == [expected, expected]
            opened.clear()
    # "Read source" shows the source in the pane; it opens nothing outside.
    reads = visible(pane.currentWidget(), QAbstractButton, "readSource")
    assert reads
    for number in range(len(reads)):
        window.navigate("event", event_id)
        read = visible(pane.currentWidget(), QAbstractButton, "readSource")[number]
        with qtbot.waitSignal(pane.source_activated, timeout=1000):
            qtbot.mouseClick(read, Qt.MouseButton.LeftButton)
    assert opened == []


def test_clicking_around_the_source_text_opens_nothing(qtbot: QtBot, window: MainWindow,
                                                       store: Store, opened: list[str]) -> None:
    window.navigate("source", key(store, "sources", "s0"))
    text = window.details.source_page.text
    for y in range(5, min(text.viewport().height(), 200), 15):
        qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    assert opened == []


# -- search ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["bold", "img src", "javascript", "entity", "evil", "party",
                                   "alias", "very long"])
def test_search_results_show_text_as_written(qtbot: QtBot, window: MainWindow,
                                             opened: list[str], typed: str) -> None:
    box = window.search
    box.setText(typed)
    box.run_search()
    qtbot.waitUntil(lambda: box.results.isVisible() and not box.searching, timeout=3000)
    model = box.model
    hits = [model.index(row, 0) for row in model.choosable_rows()]
    assert hits
    for index in hits:
        text = index.data()
        target = index.data(Qt.ItemDataRole.UserRole + 1)
        title = getattr(getattr(target, "event", None), "title", None) or target.party.name
        assert title in text  # the record's own text, not a rendering of it
        assert shown_tooltip(index.data(Qt.ItemDataRole.ToolTipRole)) == text
        assert shown_tooltip(hover_tooltip(box.results, index)) == text
    assert_safe_widgets(window)
    assert opened == []


def test_search_box_tooltips_show_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    box = window.search
    typed = '<img src="file:///etc/passwd"> zzqqxx &lt;b&gt;'
    box.setText(typed)
    box.run_search()
    assert box.model.choosable_rows() == []
    assert shown_tooltip(box.toolTip()) == f"Nothing found for “{typed}”"
    rows = [box.model.index(r, 0).data() for r in range(box.model.rowCount())]
    assert f"Nothing found for “{typed}”" in rows  # the list says it, as typed
    assert_safe_widgets(window)
    box._on_failed(box._generation, "<b>disk</b> <img src='file:///etc/hosts'> error")
    assert shown_tooltip(box.toolTip()) == \
        "Search failed: <b>disk</b> <img src='file:///etc/hosts'> error"


# -- timeline and window ---------------------------------------------------------------------------


def test_timeline_tooltips_and_lane_menus_show_text_as_written(
        qtbot: QtBot, window: MainWindow, store: Store) -> None:
    view = window.timeline
    view.zoom_to_fit()
    view.flush_fetch()
    view.grab()
    drawn = {hit[4]: hit for hit in view.event_boxes()}
    assert len(drawn) == len(HOSTILE)
    for event_id, (x0, y0, x1, y1, _) in drawn.items():
        event = store.event(event_id)
        assert event is not None
        pos = QPoint(round((x0 + x1) / 2), round((y0 + y1) / 2))
        QToolTip.hideText()
        QApplication.sendEvent(view, QHelpEvent(QHelpEvent.Type.ToolTip, pos,
                                                view.mapToGlobal(pos)))
        assert shown_tooltip(QToolTip.text()) == f"{event.title}\n{event.when.display()}"
    QToolTip.hideText()
    lanes = [lane for lane in view.current_layout().lanes if lane.lane_id is not None]
    assert lanes
    for lane in lanes:
        menu = view.lane_menu(lane)
        assert menu is not None
        assert shown_mnemonic(menu.actions()[0].text()) == lane.name.replace("\t", " ")
        menu.deleteLater()


def test_window_title_is_the_story_title_as_written(window: MainWindow) -> None:
    assert window.windowTitle() == f"{TITLE} — Chronolens"
    handle = window.windowHandle()
    assert handle is not None and handle.title() == f"{TITLE} — Chronolens"
    assert_safe_widgets(window)


def test_plain_tooltip_keeps_text_exactly() -> None:
    for text in (*HOSTILE, "two  spaces\nand a line", " lead and trail ", "&", "<", "a<b>c"):
        assert shown_tooltip(plain_tooltip(text)) == text
    assert plain_tooltip("") == ""


# -- the main window's own text -------------------------------------------------------------


def test_window_title_keeps_a_literal_placeholder(qtbot: QtBot, store: Store,
                                                  opened: list[str]) -> None:
    store.set_title("Before [*] after")
    w = open_window(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    handle = w.windowHandle()
    assert handle is not None and handle.title() == "Before [*] after — Chronolens"


def test_go_to_date_warning_shows_what_was_typed_as_text(window: MainWindow) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.textFormat(), box.text()))
            box.done(0)
        else:
            QTimer.singleShot(10, inspect)

    QTimer.singleShot(0, inspect)
    window.go_to_date('<img src="file:///etc/passwd">')
    assert seen
    text_format, text = seen[0]
    assert text_format == Qt.TextFormat.PlainText or not _might_be_rich_text(text), text


def test_hostile_story_is_what_the_tests_think() -> None:
    """The fixture's story reads, and holds every hostile string and URL."""
    text = json.dumps(hostile_doc())
    story = parse_native(text)
    assert len(story.sources) == len(URLS) and len(story.events) == len(HOSTILE)
    for hostile in HOSTILE:
        assert json.dumps(hostile)[1:-1] in text
