"""The review dialog for what an article proposes: check, edit or leave out each event and party,
then take the choice as a Story (`accepted_story`). The dialog writes nothing; the caller writes
the story in one transaction.

Left, two tables: the proposed events (check, date as EDTF, title, parties as
"Huawei (signatory); Ericsson (signatory)", the words that dated it) and the proposed parties
(check, name, kind, which store party it is, or a new one, and how often the text names it).
Right, the article as plain text: the selected event's sentence, or the selected party's
mentions, highlighted and scrolled into view.

Keys: Space checks or unchecks the selected rows, Enter or F2 edits the current cell (Enter on a
cell that cannot be edited edits the row's first cell that can), Ctrl+A selects every row, Tab
moves between the tables, the article and the buttons; Alt+E, Alt+P and Alt+T go to the events,
the parties and the article text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QFont,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.review.tables import (
    KEYS_HINT,
    EventsModel,
    PartiesModel,
    _plural,
)
from gui.review.widgets import (
    ArticleText,
    ChoiceDelegate,
    ChoiceTable,
    ElidedLabel,
    TextDelegate,
    _dim_label,
    _section_label,
)
from models.articles.review import (
    one_line,
)
from models.domain import Party
from models.proposals import Proposals, ProposedEvent, ProposedParty, taking_part, to_story
from models.story import PARTY_KINDS, Story

# --- the dialog ----------------------------------------------------------------------------------


class ReviewDialog(QDialog):
    """Review what an article proposes; `accepted_story()` after Import."""

    def __init__(self, proposals: Proposals, known: Sequence[Party],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proposals = proposals
        self._highlighted: tuple[str, int] | None = None  # ("event" or "party", row)
        article = proposals.article
        title = one_line(article.title) or "Untitled article"
        self.setWindowTitle(f"Review article — {title}")
        self.setObjectName("reviewDialog")
        self.setAccessibleName(f"Review article {title}")
        self.setSizeGripEnabled(True)
        self.resize(1100, 720)

        self.parties_model = PartiesModel(proposals.parties, known, self,
                                          in_events=taking_part(proposals))
        self.events_model = EventsModel(proposals.events, self.parties_model, self)

        # Header: title, then publisher · date · address.
        self.title_label = ElidedLabel(title)
        self.title_label.setObjectName("articleTitle")
        self.title_label.setAccessibleName(f"Article: {title}")
        font = QFont(self.title_label.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        meta = [one_line(article.publisher),
                article.published.display() if article.published else "",
                one_line(article.url)]
        meta_text = " · ".join(part for part in meta if part) or one_line(article.source)
        self.meta_label = ElidedLabel(meta_text)
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta_label.setAccessibleName(meta_text)
        self.meta_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Left: events over parties.
        self.events_view = ChoiceTable(self.events_model, "Proposed events")
        self.events_view.setObjectName("eventsTable")
        events_texts = TextDelegate({
            EventsModel.DATE: "EDTF: 2016, 2023-08-25, 2019~, 2019/..",
            EventsModel.TITLE: "What happened",
            EventsModel.PARTIES: "Name (role); Name (role)",
        }, self.events_view)
        for column in (EventsModel.DATE, EventsModel.TITLE, EventsModel.PARTIES):
            self.events_view.setItemDelegateForColumn(column, events_texts)
        self._size_columns(self.events_view, {EventsModel.DATE: 104, EventsModel.PHRASE: 92},
                           EventsModel.TITLE, EventsModel.PARTIES)
        self.events_view.set_wrapping(3)

        self.parties_view = ChoiceTable(self.parties_model, "Proposed parties")
        self.parties_view.setObjectName("partiesTable")
        self.parties_view.setItemDelegateForColumn(
            PartiesModel.NAME, TextDelegate({PartiesModel.NAME: "Name"}, self.parties_view))
        self.parties_view.setItemDelegateForColumn(PartiesModel.KIND, ChoiceDelegate(
            lambda: [(kind, kind) for kind in PARTY_KINDS], "Kind of party", self.parties_view))
        self.parties_view.setItemDelegateForColumn(PartiesModel.IS, ChoiceDelegate(
            self.parties_model.choices, "Is a new party or a store party", self.parties_view))
        self._size_columns(self.parties_view, {PartiesModel.KIND: 112, PartiesModel.IS: 170,
                                               PartiesModel.MENTIONS: 80}, PartiesModel.NAME)

        self.events_count = _dim_label()
        self.parties_count = _dim_label()
        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.setChildrenCollapsible(False)
        left_split.addWidget(self._section(_section_label("&Events", self.events_view),
                                           self.events_count, self.events_view))
        left_split.addWidget(self._section(_section_label("&Parties", self.parties_view),
                                           self.parties_count, self.parties_view))
        left_split.setSizes([380, 300])

        # Right: the article.
        self.text_view = ArticleText(article.text)
        self.text_view.setMinimumWidth(260)
        text_hint = _dim_label("highlights follow the selection")
        text_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right = self._section(_section_label("Article &text", self.text_view), text_hint,
                              self.text_view)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left_split)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 420])

        # The message line: a refused edit says why here; otherwise the keys.
        self.message_icon = QLabel()
        self.message_icon.setTextFormat(Qt.TextFormat.PlainText)
        self.message_icon.setFixedSize(18, 18)
        self.message_label = QLabel()
        self.message_label.setObjectName("reviewMessage")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Message")
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)

        # Buttons.
        self.select_all_button = QPushButton("Select &all events")
        self.select_none_button = QPushButton("Select &none")
        for button in (self.select_all_button, self.select_none_button):
            button.setAutoDefault(False)
        self.select_all_button.clicked.connect(lambda: self._check_all(True))
        self.select_none_button.clicked.connect(lambda: self._check_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel: import nothing")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.title_label)
        header.addWidget(self.meta_label)
        layout.addLayout(header)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
        layout.addWidget(self.splitter, 1)
        message_row = QHBoxLayout()
        message_row.setSpacing(6)
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        message_row.addWidget(self.message_label, 1)
        layout.addLayout(message_row)
        button_row = QHBoxLayout()
        button_row.addWidget(self.select_all_button)
        button_row.addWidget(self.select_none_button)
        button_row.addStretch(1)
        button_row.addWidget(self.buttons)
        layout.addLayout(button_row)

        # Tab: events, parties, article, then the buttons.
        QWidget.setTabOrder(self.events_view, self.parties_view)
        QWidget.setTabOrder(self.parties_view, self.text_view)
        QWidget.setTabOrder(self.text_view, self.select_all_button)
        QWidget.setTabOrder(self.select_all_button, self.select_none_button)

        self._active: ChoiceTable = self.events_view
        self.events_view.focused.connect(lambda: self._set_active(self.events_view))
        self.parties_view.focused.connect(lambda: self._set_active(self.parties_view))
        self.events_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_event(current.row()))
        self.parties_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_party(current.row()))
        for model in (self.events_model, self.parties_model):
            model.dataChanged.connect(self._update_counts)
            model.edited.connect(self._edited)
            model.refused.connect(self.show_problem)
        self.parties_model.parties_changed.connect(self._refresh_highlight)
        self.events_model.dataChanged.connect(self._refresh_highlight)

        self._set_active(self.events_view)
        self._update_counts()
        self.show_problem("")
        self.events_view.setFocus()
        if self.events_model.rowCount() > 0:
            self.events_view.setCurrentIndex(self.events_model.index(0, EventsModel.TITLE))

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _section(label: QLabel, note: QLabel, body: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(label)
        row.addWidget(note, 1)
        column.addLayout(row)
        column.addWidget(body, 1)
        return box

    @staticmethod
    def _size_columns(view: ChoiceTable, widths: dict[int, int], *stretch: int) -> None:
        """The check column fits its box, `widths` are set (and the user may drag them), the
        `stretch` columns share what is left."""
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        check = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 18
        header.resizeSection(0, max(30, check))
        for column, width in widths.items():
            header.resizeSection(column, width)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # -- the choice -------------------------------------------------------------------------

    def chosen(self) -> tuple[list[ProposedEvent], list[ProposedParty]]:
        """The checked events (without the roles of parties left out) and the checked parties,
        as edited."""
        return self.events_model.chosen(), self.parties_model.chosen()

    def accepted_story(self) -> Story:
        """The chosen events and parties as a Story to write (nothing is written here)."""
        events, parties = self.chosen()
        return to_story(self._proposals, events, parties)

    # -- reacting ---------------------------------------------------------------------------

    def _set_active(self, view: ChoiceTable) -> None:
        self._active = view
        what, one = ("events", "event") if view is self.events_view else ("parties", "party")
        self.select_all_button.setText(f"Select &all {what}")
        self.select_none_button.setText("Select &none")
        for button, verb in ((self.select_all_button, "Check"),
                             (self.select_none_button, "Uncheck")):
            button.setAccessibleName(f"{verb} all {what}")
            button.setToolTip(f"{verb} every {one} in the list")

    def _check_all(self, checked: bool) -> None:
        self._active.choice_model().set_all_checked(checked)

    def _update_counts(self) -> None:
        events = self.events_model.checked_count()
        total = self.events_model.rowCount()
        self.ok_button.setText(f"&Import {_plural(events, 'event')}")
        self.ok_button.setAccessibleName(f"Import {_plural(events, 'event')}")
        self.ok_button.setEnabled(events > 0)
        self.events_count.setText(f"{events} of {total} chosen")
        parties = self.parties_model.checked_count()
        matched = self.parties_model.matched_count()
        text = f"{parties} of {self.parties_model.rowCount()} chosen"
        if matched:
            text += f" · {matched} already in the store"
        if outside := self.parties_model.outside_events():
            text += f" · {outside} in no event, left out unless checked"
        self.parties_count.setText(text)

    def _edited(self) -> None:
        self.show_problem("")

    def show_problem(self, text: str) -> None:
        """A refused edit's reason on the message line; '' shows the keys again."""
        self.message_icon.setVisible(bool(text))
        if text:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.message_icon.setPixmap(icon.pixmap(16, 16))
            self.message_label.setForegroundRole(QPalette.ColorRole.WindowText)
            self.message_label.setText(text)
        else:
            self.message_icon.clear()
            self.message_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.message_label.setText(KEYS_HINT)

    def _show_event(self, row: int, *, scroll: bool = True) -> None:
        if not 0 <= row < self.events_model.rowCount():
            return
        self._highlighted = ("event", row)
        event = self.events_model.proposed(row)
        length = len(self._proposals.article.text)
        start, end = (max(0, min(n, length)) for n in event.quote)
        kept = self.parties_model.checked_ids() & {pid for pid, _ in event.parties}
        marks = [(a, b) for party in self.parties_model.parties() if party.id in kept
                 for a, b in party.mentions if start <= a and b <= end]
        self.text_view.highlight([(start, end)], marks, scroll=scroll)

    def _show_party(self, row: int, *, scroll: bool = True) -> None:
        if not 0 <= row < self.parties_model.rowCount():
            return
        self._highlighted = ("party", row)
        length = len(self._proposals.article.text)
        spans = sorted((max(0, min(a, length)), max(0, min(b, length)))
                       for a, b in self.parties_model.party(row).mentions)
        self.text_view.highlight(spans, scroll=scroll)

    def _refresh_highlight(self) -> None:
        """Highlight anew where it is (an event's parties changed, or the palette)."""
        self._highlight_again(scroll=False)

    def _highlight_again(self, *, scroll: bool) -> None:
        if self._highlighted is None:
            return
        what, row = self._highlighted
        (self._show_event if what == "event" else self._show_party)(row, scroll=scroll)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # The highlight's colour follows a light/dark switch (once every widget has it).
            QTimer.singleShot(0, self, self._refresh_highlight)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The text is laid out at its real size only now: bring the highlight into view.
        QTimer.singleShot(0, self, self._rescroll)

    def _rescroll(self) -> None:
        self._highlight_again(scroll=True)
