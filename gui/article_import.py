"""File > Import article… (and article files dropped on the window): read a news article, ask
when and where it was published (what 'Friday' and 'this year' mean depends on it), propose its
dated events and parties, let the reviewer choose, and write what was accepted in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from threading import Thread
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.app import busy, show_problem
from gui.importer import cancelled, progress_dialog
from gui.worker import run_in_thread
from models.dates import DateError, DateSpan, parse_edtf
from models.errors import StoreError
from models.formats import SNIFF_CHARS, detect_format
from models.interchange import FormatError, decode

if TYPE_CHECKING:
    from models.proposals import Article, Proposals
    from models.store import Store
    from models.store.history import Change

T = TypeVar("T")

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
ARTICLE_FILTER = "News articles (*.txt *.md *.html *.htm);;All files (*)"


class ArticleDetailsDialog(QDialog):
    """When, by whom and where the article was published, filled in from the file if it says."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import article")
        self.setMinimumWidth(520)
        heading = QLabel(Path(article.source).name)  # the file; its title is editable below
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        note = QLabel("Dates such as “Friday” or “this year” are read from the publication "
                      "date. Nothing is written until you review the proposals.")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.title = QLineEdit(article.title)
        self.title.setAccessibleName("Title")
        self.published = QLineEdit(article.published.edtf() if article.published else "")
        self.published.setPlaceholderText("e.g. 2023-08-25")
        self.published.setAccessibleName("Published")
        self.publisher = QLineEdit(article.publisher)
        self.publisher.setAccessibleName("Publisher")
        self.url = QLineEdit(article.url)
        self.url.setPlaceholderText("https://…")
        self.url.setAccessibleName("Web address")
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("dateProblem")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Published:", self.published)
        form.addRow("P&ublisher:", self.publisher)
        form.addRow("&Web address:", self.url)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Propose events")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.published.textChanged.connect(self._check_date)
        column = QVBoxLayout(self)
        for widget in (heading, note):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self._check_date()

    def published_date(self) -> DateSpan | None:
        text = self.published.text().strip()
        return parse_edtf(text) if text else None

    def _check_date(self) -> None:
        try:
            self.published_date()
            problem = ""
        except DateError as error:
            problem = str(error)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


def is_article(path: Path) -> bool:
    """Whether a dropped file is a news article rather than data: Markdown and HTML are; a
    text file is unless its content is a data format (ICEWS and GDELT files end in .txt too)."""
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return False
    if suffix not in (".txt", ".text"):
        return True
    try:
        with path.open("rb") as file:
            head = decode(file.read(SNIFF_CHARS), str(path)).text
    except (OSError, FormatError):
        return True  # the article reader says what is wrong with it
    return detect_format(head, path.name) is None


def _in_thread(parent: QWidget, label: str, work: Callable[[Callable[[], bool]], T]) -> T | None:
    """work off the GUI thread behind a progress dialog with Cancel (shown if it lasts); None
    when cancelled (then work is told to stop, and the status bar says nothing was written)."""
    dialog = progress_dialog(parent, label, "Import article")
    try:
        done = run_in_thread(work, dialog, "chronolens-article")
    finally:
        dialog.close()
    if done is None:
        cancelled(parent)
    return done


def _warm_up_reader() -> None:
    from models.articles import warm_up
    try:
        warm_up()
    except Exception:  # (proposing reads the same resources, and reports a problem)
        pass


def import_article(parent: QWidget, store: Store, path: Path) -> tuple[int, Change] | None:
    """Read, ask, propose, review, write. The number of events written and the import as a
    change (to undo it), or None when nothing was (a problem, or Cancel at any step). Reading
    and proposing run off the GUI thread: an article of megabytes takes seconds, and Cancel
    stops it."""
    from gui.review import ReviewDialog
    from models.articles import read_article
    from models.importing import propose_from, write_articles

    try:
        read = _in_thread(parent, f"Reading {path.name}…", lambda _: read_article(path))
    except FormatError as error:
        show_problem(parent, "Import article", "The article could not be read.", str(error))
        return None
    if read is None:
        return None
    # The reader's word lists, gazetteer and name tagger load while the user fills in the
    # details, so that proposing does not wait for them (about 0.1-0.2 s, once a session).
    Thread(target=_warm_up_reader, name="chronolens-article-warm-up", daemon=True).start()
    details = ArticleDetailsDialog(read, parent)
    if details.exec() != QDialog.DialogCode.Accepted:
        return None
    published, publisher = details.published_date(), details.publisher.text().strip()
    url, title = details.url.text().strip(), details.title.text().strip() or read.title

    def read_and_propose(stop: Callable[[], bool]) -> Proposals:
        return propose_from(path, published=published, publisher=publisher, url=url,
                            title=title, known=known, cancelled=stop)

    try:
        known = store.parties()
        proposals = _in_thread(parent, f"Proposing events from {path.name}…", read_and_propose)
    except (FormatError, StoreError) as error:
        show_problem(parent, "Import article", "The article could not be read.", str(error))
        return None
    if proposals is None:
        return None
    if proposals.note:
        show_problem(parent, "Import article", "Not all of this article was read for dates.",
                     proposals.note, icon=QMessageBox.Icon.Information)
    if not proposals.events:
        show_problem(parent, "Import article", "No dated statements were found in this article.",
                     "Chronolens proposes an event for each sentence that says when something "
                     "happened; this one has none it could read.")
        return None
    review = ReviewDialog(proposals, known, parent)
    if review.exec() != QDialog.DialogCode.Accepted:
        return None
    story = review.accepted_story()
    try:
        change = busy(lambda: write_articles(store, [story], [proposals.article]))
    except StoreError as error:
        show_problem(parent, "Import article", "Nothing was written.", str(error))
        return None
    return len(story.events), change
