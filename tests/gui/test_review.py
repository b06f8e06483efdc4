"""The review dialog for article proposals: checking, editing and leaving out events and parties,
what `accepted_story()` then holds, the highlighted sentence, and that text stays text."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QTextEdit
from pytestqt.qtbot import QtBot

from gui.review import NEW_PARTY, EventsModel, PartiesModel, ReviewDialog, qt_positions
from models.dates import parse_edtf
from models.domain import Party
from models.proposals import (
    Article,
    Proposals,
    ProposedEvent,
    ProposedParty,
    article_key,
)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "huawei-ericsson-cross-licence.txt"

KNOWN = (
    Party(1, "united-states", "United States", "government", aliases=("USA",)),
    Party(2, "huawei-technologies", "Huawei Technologies", "organisation"),
    Party(3, "nokia", "Nokia", "organisation"),
    Party(4, "georgia-country", "Georgia", "place"),
    Party(5, "georgia-person", "Georgia", "person"),
)


def _mentions(text: str, *names: str) -> tuple[tuple[int, int], ...]:
    return tuple(sorted((m.start(), m.end()) for name in names
                        for m in re.finditer(rf"\b{re.escape(name)}(?!\w)", text)))


def _sentence(text: str, start_words: str) -> tuple[int, int]:
    """The (start, end) of the sentence that begins with these words."""
    start = text.index(start_words)
    ends = [i for i in (text.find(".\n", start), text.find('."', start)) if i != -1]
    end = min(ends) + 1 if ends else len(text)
    if text[end:end + 1] == '"':
        end += 1
    return start, end


def seed_proposals(text: str) -> Proposals:
    """Proposals for the seed article, made by hand the way models.articles would."""
    article = Article("huawei-ericsson-cross-licence.txt",
                      "Huawei and Ericsson renew their patent cross-licensing deal", text,
                      publisher="AFP", url="https://example.org/2023/08/huawei-ericsson",
                      published=parse_edtf("2023-08-25"))
    parties = (
        ProposedParty("p1", "Huawei", "organisation", mentions=_mentions(text, "Huawei")),
        ProposedParty("p2", "Ericsson", "organisation", mentions=_mentions(text, "Ericsson")),
        ProposedParty("p3", "United States", "government", match="united-states",
                      aliases=("U.S.", "Washington"),
                      mentions=_mentions(text, "United States", "U.S.", "Washington")),
        ProposedParty("p4", "China", "government", aliases=("Beijing",),
                      mentions=_mentions(text, "China", "Beijing")),
        ProposedParty("p5", "Apple", "organisation", mentions=_mentions(text, "Apple")),
        ProposedParty("p6", "Samsung", "organisation", mentions=_mentions(text, "Samsung")),
        ProposedParty("p7", "Alan Fan", "person", mentions=_mentions(text, "Alan Fan")),
    )
    signatories = (("p1", "signatory"), ("p2", "signatory"))
    events = (
        ProposedEvent("e1", "Huawei and Ericsson sign their first patent cross-licence",
                      parse_edtf("2016"), _sentence(text, "The previous agreement"), "in 2016",
                      signatories),
        ProposedEvent("e2", "US sanctions cut Huawei off from American components",
                      parse_edtf("2019/.."), _sentence(text, "U.S. sanctions on Huawei"),
                      "since 2019", (("p3", "sanctioning"), ("p1", "sanctioned"))),
        ProposedEvent("e3", "Huawei briefly the world's top smartphone seller",
                      parse_edtf("2020"), _sentence(text, "It briefly grabbed"), "in 2020",
                      (("p1", "top seller"), ("p5", "competitor"), ("p6", "competitor"))),
        ProposedEvent("e4", "Huawei and Ericsson renew their long-term patent cross-licence",
                      parse_edtf("2023-08-25"), _sentence(text, "Chinese telecommunications"),
                      "Friday", signatories),
        ProposedEvent("e5", "Alan Fan: the agreement shows IP is respected",
                      parse_edtf("2023-08-25"), _sentence(text, "The company's intellectual"),
                      "(published)", (("p7", "spokesperson"), ("p1", ""))),
        ProposedEvent("e6", "Huawei could begin producing its own 5G chips",
                      parse_edtf("2023?"), _sentence(text, "Despite being sidelined"),
                      "this year", (("p1", "producer"),)),
    )
    return Proposals(article, events, parties)


# A short article of our own, for the tests that need no seed.
TEXT = ("Acme signed with Huawei on Friday.\n"
        "The deal was first agreed in 2016, Acme said.\n"
        "Washington objected in 2019.")
ARTICLE = Article("acme.txt", "Acme and Huawei", TEXT, publisher="Wire",
                  url="https://example.org/acme", published=parse_edtf("2023-08-25"))
ACME = ProposedParty("p1", "Acme", "organisation", mentions=_mentions(TEXT, "Acme"))
HUAWEI = ProposedParty("p2", "Huawei", "organisation", mentions=_mentions(TEXT, "Huawei"))
US = ProposedParty("p3", "United States", "government", match="united-states",
                   aliases=("Washington",), mentions=_mentions(TEXT, "Washington"))
SIGNED = ProposedEvent("e1", "Acme signs with Huawei", parse_edtf("2023-08-25"),
                       _sentence(TEXT, "Acme signed"), "on Friday",
                       (("p1", "signatory"), ("p2", "signatory")))
AGREED = ProposedEvent("e2", "Deal first agreed", parse_edtf("2016"),
                       _sentence(TEXT, "The deal"), "in 2016", (("p1", ""), ("p2", "")))
OBJECTED = ProposedEvent("e3", "The United States objects", parse_edtf("2019"),
                         (TEXT.index("Washington"), len(TEXT)), "in 2019", (("p3", "objector"),))
PROPOSALS = Proposals(ARTICLE, (SIGNED, AGREED, OBJECTED), (ACME, HUAWEI, US))


@pytest.fixture
def dialog(qtbot: QtBot) -> Iterator[ReviewDialog]:
    review = ReviewDialog(PROPOSALS, KNOWN)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    yield review


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    return SEED.read_text(encoding="utf-8")


def _set(model: EventsModel | PartiesModel, row: int, column: int, value: Any,
         role: Qt.ItemDataRole = Qt.ItemDataRole.EditRole) -> bool:
    return bool(model.setData(model.index(row, column), value, role))


def _display(model: EventsModel | PartiesModel, row: int, column: int) -> Any:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def _selections(dialog: ReviewDialog) -> list[QTextEdit.ExtraSelection]:
    return list(dialog.text_view.extraSelections())


def _first_colors(dialog: ReviewDialog) -> tuple[QColor, QColor]:
    """(background, text colour) of the first highlight (copies: the selections are
    temporaries)."""
    selections = _selections(dialog)
    fmt = selections[0].format
    return QColor(fmt.background().color()), QColor(fmt.foreground().color())


def _highlighted(dialog: ReviewDialog) -> list[str]:
    """The texts highlighted with a background (not the underlined mentions)."""
    return [s.cursor.selectedText() for s in _selections(dialog)
            if s.format.background().style() != Qt.BrushStyle.NoBrush]


# --- the models ----------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester: Any, seed_text: str) -> None:
    proposals = seed_proposals(seed_text)
    parties = PartiesModel(proposals.parties, KNOWN)
    events = EventsModel(proposals.events, parties)
    qtmodeltester.check(parties)
    qtmodeltester.check(events)
    # And again after edits and checks (tester checks the models as they are then).
    assert _set(parties, 3, PartiesModel.CHECK, Qt.CheckState.Unchecked.value,
                Qt.ItemDataRole.CheckStateRole)
    assert _set(events, 1, EventsModel.DATE, "2019~")
    qtmodeltester.check(parties)
    qtmodeltester.check(events)


def test_small_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    parties = PartiesModel(PROPOSALS.parties, KNOWN)
    events = EventsModel(PROPOSALS.events, parties)
    qtmodeltester.check(parties)
    qtmodeltester.check(events)
    empty = PartiesModel((), ())
    qtmodeltester.check(empty)
    qtmodeltester.check(EventsModel((), empty))


def test_columns_show_the_proposals(dialog: ReviewDialog) -> None:
    events, parties = dialog.events_model, dialog.parties_model
    assert [_display(events, 0, c) for c in range(1, 5)] == [
        "25 Aug 2023", "Acme signs with Huawei", "Acme (signatory); Huawei (signatory)",
        "on Friday"]
    assert _display(events, 1, EventsModel.PARTIES) == "Acme; Huawei"  # no role: just the name
    tip = events.data(events.index(0, EventsModel.DATE), Qt.ItemDataRole.ToolTipRole)
    assert "EDTF: 2023-08-25" in tip
    assert events.data(events.index(0, EventsModel.CHECK),
                       Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert isinstance(events.data(events.index(0, EventsModel.PHRASE),
                                  Qt.ItemDataRole.ForegroundRole), QColor)
    assert not events.flags(events.index(0, EventsModel.PHRASE)) & Qt.ItemFlag.ItemIsEditable
    assert [_display(parties, 2, c) for c in range(1, 5)] == [
        "United States", "government", "United States", 1]
    assert _display(parties, 0, PartiesModel.IS) == NEW_PARTY
    # A store party's name and kind are the store's; a new party's can be edited.
    assert not parties.flags(parties.index(2, PartiesModel.NAME)) & Qt.ItemFlag.ItemIsEditable
    assert parties.flags(parties.index(0, PartiesModel.NAME)) & Qt.ItemFlag.ItemIsEditable
    assert parties.flags(parties.index(0, PartiesModel.KIND)) & Qt.ItemFlag.ItemIsEditable
    # Two store parties of one name are told apart in the 'Is' choices.
    labels = [label for label, _ in parties.choices()]
    assert labels[0] == NEW_PARTY
    assert "Georgia (person, georgia-person)" in labels and "Nokia" in labels


# --- checking ------------------------------------------------------------------------------------


def test_checks_change_the_ok_button_and_the_story(dialog: ReviewDialog) -> None:
    events = dialog.events_model
    assert dialog.ok_button.text() == "&Import 3 events" and dialog.ok_button.isEnabled()
    assert dialog.ok_button.isDefault()
    assert _set(events, 1, EventsModel.CHECK, Qt.CheckState.Unchecked.value,
                Qt.ItemDataRole.CheckStateRole)
    assert dialog.ok_button.text() == "&Import 2 events"
    assert dialog.events_count.text() == "2 of 3 chosen"
    dialog.accept()
    story = dialog.accepted_story()
    assert [e.title for e in story.events] == ["Acme signs with Huawei",
                                               "The United States objects"]
    chosen_events, chosen_parties = dialog.chosen()
    assert [e.id for e in chosen_events] == ["e1", "e3"] and len(chosen_parties) == 3

    assert _set(events, 0, EventsModel.CHECK, Qt.CheckState.Unchecked,
                Qt.ItemDataRole.CheckStateRole)
    assert dialog.ok_button.text() == "&Import 1 event"
    dialog.events_model.set_all_checked(False)
    assert dialog.ok_button.text() == "&Import 0 events" and not dialog.ok_button.isEnabled()
    assert dialog.accepted_story().events == ()


def test_select_all_and_none_act_on_the_focused_table(dialog: ReviewDialog,
                                                      qtbot: QtBot) -> None:
    assert dialog.select_all_button.text() == "Select &all events"
    qtbot.mouseClick(dialog.select_none_button, Qt.MouseButton.LeftButton)
    assert dialog.events_model.checked_count() == 0 and not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.select_all_button, Qt.MouseButton.LeftButton)
    assert dialog.events_model.checked_count() == 3
    dialog.parties_view.setFocus()
    qtbot.waitUntil(lambda: dialog.select_all_button.text() == "Select &all parties")
    qtbot.mouseClick(dialog.select_none_button, Qt.MouseButton.LeftButton)
    assert dialog.parties_model.checked_count() == 0
    assert dialog.events_model.checked_count() == 3  # the events are as they were
    assert _display(dialog.events_model, 0, EventsModel.PARTIES) == ""


# --- editing events ------------------------------------------------------------------------------


def test_a_date_edit_changes_when_and_an_invalid_one_is_refused(dialog: ReviewDialog) -> None:
    events = dialog.events_model
    assert _set(events, 1, EventsModel.DATE, "2019?")
    assert events.proposed(1).when == parse_edtf("2019?")
    assert _display(events, 1, EventsModel.DATE) == "2019?"
    assert events.data(events.index(1, EventsModel.DATE), Qt.ItemDataRole.EditRole) == "2019?"

    assert not _set(events, 1, EventsModel.DATE, "2023-13")
    assert events.proposed(1).when == parse_edtf("2019?")  # the old date kept
    message = dialog.message_label.text()
    assert "2023-13" in message and "month 13 is out of range" in message
    assert not dialog.message_icon.pixmap().isNull()
    dialog.accept()
    assert dialog.accepted_story().events[1].when == parse_edtf("2019?")
    # The next good edit clears the message.
    assert _set(events, 1, EventsModel.DATE, "2016/2019")
    assert "month 13" not in dialog.message_label.text()
    assert _display(events, 1, EventsModel.DATE) == "2016 – 2019"
    assert not _set(events, 1, EventsModel.DATE, "  ")
    assert not _set(events, 0, EventsModel.TITLE, "")
    assert "title" in dialog.message_label.text()


def test_enter_with_an_invalid_date_keeps_the_editor_open(dialog: ReviewDialog,
                                                         qtbot: QtBot) -> None:
    view = dialog.events_view
    index = dialog.events_model.index(0, EventsModel.DATE)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "2023-08-25"
    editor.setText("2023-13")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState  # still editing, with what was typed
    assert "month 13" in dialog.message_label.text()
    editor.setText("2023-08~")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert dialog.events_model.proposed(0).when == parse_edtf("2023-08~")
    assert dialog.message_label.text() != "" and "month 13" not in dialog.message_label.text()


def test_editing_the_title_and_parties_text(dialog: ReviewDialog) -> None:
    events = dialog.events_model
    assert _set(events, 0, EventsModel.TITLE, "  Acme and Huawei sign  ")
    assert events.proposed(0).title == "Acme and Huawei sign"
    assert _set(events, 0, EventsModel.PARTIES, "huawei (licensor); Acme;  United States (x) ;")
    assert events.proposed(0).parties == (("p2", "licensor"), ("p1", ""), ("p3", "x"))
    assert _display(events, 0, EventsModel.PARTIES) == "Huawei (licensor); Acme; United States (x)"
    # Unknown names are refused, and the message names the name.
    assert not _set(events, 0, EventsModel.PARTIES, "Huawei (licensor); Nokia (licensee)")
    assert "'Nokia'" in dialog.message_label.text()
    assert events.proposed(0).parties == (("p2", "licensor"), ("p1", ""), ("p3", "x"))
    assert _set(events, 0, EventsModel.PARTIES, "")
    assert events.proposed(0).parties == ()
    dialog.accept()
    story = dialog.accepted_story()
    assert story.events[0].title == "Acme and Huawei sign" and story.events[0].parties == ()


def test_a_party_name_with_brackets_still_reads(qtbot: QtBot) -> None:
    odd = ProposedParty("p9", "Alphabet (Google)", "organisation")
    proposals = Proposals(ARTICLE, (SIGNED,), (ACME, HUAWEI, odd))
    review = ReviewDialog(proposals, KNOWN)
    qtbot.addWidget(review)
    events = review.events_model
    # Named in no event, it starts unchecked, and says so: the reviewer checks it to use it.
    assert not review.parties_model.is_checked(2)
    tip = review.parties_model.index(2, PartiesModel.CHECK).data(Qt.ItemDataRole.ToolTipRole)
    assert "Named in no event of this article" in tip
    assert review.parties_count.text() == (
        "2 of 3 chosen · 1 in no event, left out unless checked")
    assert not _set(events, 0, EventsModel.PARTIES, "Alphabet (Google)")
    review.parties_model.set_checked([2], True)
    assert _set(events, 0, EventsModel.PARTIES, "Alphabet (Google); Alphabet (Google) (owner)")
    assert events.proposed(0).parties == (("p9", ""), ("p9", "owner"))


# --- parties -------------------------------------------------------------------------------------


def test_matching_a_party_to_a_store_party(dialog: ReviewDialog) -> None:
    parties = dialog.parties_model
    assert _set(parties, 1, PartiesModel.IS, "huawei-technologies")
    assert parties.party(1).match == "huawei-technologies"
    assert _display(parties, 1, PartiesModel.IS) == "Huawei Technologies"
    assert _display(parties, 1, PartiesModel.NAME) == "Huawei Technologies"
    # Events show the store's name, and take it when typed.
    assert _display(dialog.events_model, 0, EventsModel.PARTIES) == (
        "Acme (signatory); Huawei Technologies (signatory)")
    assert dialog.parties_count.text() == "3 of 3 chosen · 2 already in the store"
    dialog.accept()
    story = dialog.accepted_story()
    assert [p.name for p in story.parties] == ["Acme"]  # no record for a store party
    roles = {(r.party, r.role) for r in story.events[0].parties}
    assert roles == {(f"{article_key(ARTICLE)}:party:Acme", "signatory"),
                     ("huawei-technologies", "signatory")}
    assert story.events[2].parties[0].party == "united-states"

    # "New party" clears the match: the party is written under the article's key again.
    assert _set(parties, 2, PartiesModel.IS, "")
    assert parties.party(2).match is None
    assert _display(parties, 2, PartiesModel.IS) == NEW_PARTY
    assert sorted(p.name for p in dialog.accepted_story().parties) == ["Acme", "United States"]
    assert not _set(parties, 2, PartiesModel.IS, "no-such-key")
    assert "no-such-key" in dialog.message_label.text()


def test_editing_a_new_party_name_and_kind(dialog: ReviewDialog) -> None:
    parties = dialog.parties_model
    assert _set(parties, 0, PartiesModel.NAME, "Acme Corporation")
    assert _display(dialog.events_model, 0, EventsModel.PARTIES).startswith("Acme Corporation")
    assert not _set(parties, 0, PartiesModel.NAME, "Huawei")  # two parties of one name
    assert "already called 'Huawei'" in dialog.message_label.text()
    assert not _set(parties, 0, PartiesModel.NAME, " ")
    assert _set(parties, 0, PartiesModel.KIND, "group")
    assert not _set(parties, 0, PartiesModel.KIND, "company")
    assert not _set(parties, 2, PartiesModel.NAME, "USA")  # a store party's name is the store's
    dialog.accept()
    [acme, _] = dialog.accepted_story().parties
    assert (acme.name, acme.kind) == ("Acme Corporation", "group")


def test_unchecking_a_party_removes_it_from_every_event(dialog: ReviewDialog) -> None:
    parties, events = dialog.parties_model, dialog.events_model
    assert _set(parties, 1, PartiesModel.CHECK, Qt.CheckState.Unchecked.value,
                Qt.ItemDataRole.CheckStateRole)
    assert _display(events, 0, EventsModel.PARTIES) == "Acme (signatory)"
    assert _display(events, 1, EventsModel.PARTIES) == "Acme"
    chosen_events, chosen_parties = dialog.chosen()
    assert [p.id for p in chosen_parties] == ["p1", "p3"]
    assert all("p2" not in {pid for pid, _ in e.parties} for e in chosen_events)
    dialog.accept()
    story = dialog.accepted_story()
    assert [p.name for p in story.parties] == ["Acme"]
    assert all(len(e.parties) == 1 for e in story.events[:2])
    # A left-out party cannot be typed in, and editing keeps its roles for when it is back.
    assert not _set(events, 0, EventsModel.PARTIES, "Huawei")
    assert "left out" in dialog.message_label.text()
    assert _set(events, 0, EventsModel.PARTIES, "Acme (buyer)")
    assert _set(parties, 1, PartiesModel.CHECK, Qt.CheckState.Checked.value,
                Qt.ItemDataRole.CheckStateRole)
    assert _display(events, 0, EventsModel.PARTIES) == "Acme (buyer); Huawei (signatory)"


def test_is_combo_offers_new_party_and_the_store(dialog: ReviewDialog, qtbot: QtBot) -> None:
    view = dialog.parties_view
    index = dialog.parties_model.index(0, PartiesModel.IS)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert combo.itemText(0) == NEW_PARTY and combo.currentIndex() == 0
    assert combo.accessibleName()
    nokia = combo.findData("nokia")
    assert nokia > 0 and combo.itemText(nokia) == "Nokia"
    qtbot.waitUntil(lambda: combo.view().isVisible())  # the popup opens at once
    combo.setCurrentIndex(nokia)
    combo.hidePopup()  # closing the popup commits the choice
    qtbot.waitUntil(lambda: dialog.parties_model.party(0).match == "nokia")
    assert _display(dialog.parties_model, 0, PartiesModel.IS) == "Nokia"


# --- keyboard ------------------------------------------------------------------------------------


def test_space_toggles_the_selected_rows_and_enter_edits(dialog: ReviewDialog,
                                                         qtbot: QtBot) -> None:
    view = dialog.events_view
    view.setFocus()
    view.setCurrentIndex(dialog.events_model.index(1, EventsModel.CHECK))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not dialog.events_model.is_checked(1)
    assert dialog.ok_button.text() == "&Import 2 events"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.events_model.is_checked(1)
    # Ctrl+A selects every row; Space then unchecks them all.
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.events_model.checked_count() == 0
    # Enter on the check column edits the first editable cell of the row: the date.
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState
    assert view.currentIndex().column() == EventsModel.DATE
    assert dialog.isVisible()  # Enter in a table never presses the default button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible()


def test_tab_order_and_accessible_names(dialog: ReviewDialog, qtbot: QtBot) -> None:
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.events_view.setFocus()
    order = [QApplication.focusWidget()]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [dialog.events_view, dialog.parties_view, dialog.text_view,
                     dialog.select_all_button, dialog.select_none_button, dialog.ok_button]
    for widget in (dialog.events_view, dialog.parties_view, dialog.text_view,
                   dialog.ok_button, dialog.select_all_button, dialog.select_none_button):
        assert widget.accessibleName()
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)
               if label.buddy() is not None}
    assert buddies == {"&Events": dialog.events_view, "&Parties": dialog.parties_view,
                       "Article &text": dialog.text_view}


# --- the article text ----------------------------------------------------------------------------


def test_selecting_an_event_highlights_exactly_its_quote(dialog: ReviewDialog) -> None:
    assert _highlighted(dialog) == ["Acme signed with Huawei on Friday."]  # the first event
    dialog.events_view.setCurrentIndex(dialog.events_model.index(1, EventsModel.TITLE))
    assert _highlighted(dialog) == ["The deal was first agreed in 2016, Acme said."]
    # Its parties' mentions inside the quote are underlined.
    underlined = [s.cursor.selectedText() for s in _selections(dialog)
                  if s.format.fontUnderline()]
    assert underlined == ["Acme"]
    cursor = dialog.text_view.textCursor()
    assert cursor.position() == TEXT.index("The deal")
    background, _ = _first_colors(dialog)
    assert background != dialog.text_view.palette().color(QPalette.ColorRole.Base)


def test_selecting_a_party_highlights_its_mentions(dialog: ReviewDialog) -> None:
    dialog.parties_view.setCurrentIndex(dialog.parties_model.index(0, PartiesModel.NAME))
    assert _highlighted(dialog) == ["Acme", "Acme"]
    dialog.parties_view.setCurrentIndex(dialog.parties_model.index(2, PartiesModel.NAME))
    assert _highlighted(dialog) == ["Washington"]


def test_the_quote_is_scrolled_into_view(qtbot: QtBot) -> None:
    filler = "A line of filler text for the article.\n" * 200
    text = "An early sentence in 2001.\n" + filler + "The late sentence that dates it, in 2019."
    article = Article("long.txt", "Long", text)
    early = ProposedEvent("e1", "Early", parse_edtf("2001"), (0, text.index("\n")), "in 2001")
    late_start = text.index("The late")
    late = ProposedEvent("e2", "Late", parse_edtf("2019"), (late_start, len(text)), "in 2019")
    review = ReviewDialog(Proposals(article, (early, late), ()), ())
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    bar = review.text_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    review.events_view.setCurrentIndex(review.events_model.index(1, EventsModel.TITLE))
    rect = review.text_view.cursorRect(review.text_view.cursor_for(late_start, len(text)))
    assert 0 <= rect.top() < review.text_view.viewport().height()
    assert bar.value() > 0
    # Checking and unchecking leaves the article where the reader put it.
    bar.setValue(0)
    review.events_model.set_all_checked(False)
    assert bar.value() == 0
    assert _highlighted(review) == ["The late sentence that dates it, in 2019."]


def test_the_highlight_follows_a_dark_palette(dialog: ReviewDialog, qtbot: QtBot) -> None:
    dark = QPalette(dialog.palette())
    for role, color in ((QPalette.ColorRole.Base, QColor(30, 30, 30)),
                        (QPalette.ColorRole.Text, QColor(230, 230, 230)),
                        (QPalette.ColorRole.Highlight, QColor(42, 130, 218))):
        dark.setColor(role, color)
    dialog.setPalette(dark)
    qtbot.waitUntil(lambda: _first_colors(dialog)[0].lightness() < 128)
    background, text = _first_colors(dialog)
    assert background.lightness() > 30 + 15  # visible against the base
    assert text.lightness() - background.lightness() > 100  # and the text readable on it

def test_offsets_count_characters_beyond_the_basic_plane(qtbot: QtBot) -> None:
    text = "Rocket 🚀 launch.\r\nThe 🚀 flew in 2019. Then it landed."
    start = text.index("The")
    end = text.index(" Then")
    event = ProposedEvent("e1", "Flight", parse_edtf("2019"), (start, end), "in 2019")
    review = ReviewDialog(Proposals(Article("r.txt", "Rocket", text), (event,), ()), ())
    qtbot.addWidget(review)
    review.events_view.setCurrentIndex(review.events_model.index(0, EventsModel.TITLE))
    assert _highlighted(review) == ["The 🚀 flew in 2019."]
    to_qt = qt_positions(text)
    assert to_qt(0) == 0 and to_qt(len(text)) == len(text) + 2 - 1  # two rockets, one \r\n


def test_user_text_shows_literally(qtbot: QtBot) -> None:
    bold = "<b>x</b>"
    text = f"{bold} signed in 2016. <img src=file:///etc/passwd>"
    article = Article("x.txt", bold, text, publisher=bold, url="javascript:alert(1)")
    party = ProposedParty("p1", bold, "organisation", mentions=((0, len(bold)),))
    event = ProposedEvent("e1", bold, parse_edtf("2016"), (0, text.index(" <img")),
                          bold, (("p1", bold),))
    review = ReviewDialog(Proposals(article, (event,), (party,)), KNOWN)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    assert review.windowTitle() == f"Review article — {bold}"
    assert review.title_label.full_text() == bold
    assert review.meta_label.full_text() == f"{bold} · javascript:alert(1)"
    for label in review.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert review.text_view.toPlainText() == text
    assert "<img src=file:///etc/passwd>" in review.text_view.document().toRawText()
    assert _display(review.events_model, 0, EventsModel.TITLE) == bold
    assert _display(review.events_model, 0, EventsModel.PARTIES) == f"{bold} ({bold})"
    assert _display(review.parties_model, 0, PartiesModel.NAME) == bold
    tip = review.events_model.data(review.events_model.index(0, EventsModel.TITLE),
                                   Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tip  # escaped: QToolTip shows it as written
    assert _highlighted(review) == [f"{bold} signed in 2016."]
    # The parties text reads names holding markup too.
    assert _set(review.events_model, 0, EventsModel.PARTIES, f"{bold} (host)")
    assert review.events_model.proposed(0).parties == (("p1", "host"),)


# --- the whole dialog, as seen -------------------------------------------------------------------


def test_the_seed_article_renders(qtbot: QtBot, seed_text: str, tmp_path: Path) -> None:
    review = ReviewDialog(seed_proposals(seed_text), KNOWN)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    assert review.size().width() >= 1000 and review.size().height() >= 650
    review.events_view.setCurrentIndex(review.events_model.index(1, EventsModel.TITLE))
    quote = seed_text[slice(*review.events_model.proposed(1).quote)]
    assert quote.startswith("U.S. sanctions on Huawei since 2019")
    assert _highlighted(review) == [quote]
    picture = review.grab()
    assert not picture.isNull()
    assert picture.save(str(tmp_path / "review.png"))
    review.accept()
    story = review.accepted_story()
    # The United States is the store's (no record); China is in no event here, so it starts
    # unchecked and is left out (issue 16).
    assert len(story.events) == 6
    assert [p.name for p in story.parties] == ["Huawei", "Ericsson", "Apple", "Samsung",
                                               "Alan Fan"]
    assert story.events[1].parties[0].party == "united-states"
    assert story.events[1].citations[0].quote == quote


def test_nothing_blocks_and_cancel_returns_nothing(dialog: ReviewDialog) -> None:
    dialog.reject()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_the_lead_event_says_the_article_dates_it(qtbot: QtBot) -> None:
    from models.articles import propose
    from models.dates import parse_edtf
    from models.proposals import Article

    proposals = propose(Article("x", "x", "Acme and Zenith have agreed to merge.",
                                published=parse_edtf("2023-08-25")))
    parties = PartiesModel(proposals.parties, [])
    events = EventsModel(proposals.events, parties)
    [lead] = proposals.events
    assert events.data(events.index(0, EventsModel.PHRASE)) == "the article's date"
    assert lead.when.edtf() == "2023-08-25"
