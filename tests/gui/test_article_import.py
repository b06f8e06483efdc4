"""File > Import article… end to end: details, proposals, review, one transaction; Cancel at
either step writes nothing; dropped files go to the right importer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

from gui.article_import import ArticleDetailsDialog, is_article
from gui.review import ReviewDialog
from models.domain import Party
from models.errors import ImportCancelled
from models.proposals import Article, Proposals
from models.store import Store

ARTICLE = ("Acme Corp buys Widget Works\n\n"
           "Acme Corp said on Tuesday it had agreed to buy Widget Works for $2 billion. "
           "The two companies first talked in 2019, chief executive Jane Doe said. "
           "Huawei was not involved.\n")



@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "acme.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def answer(monkeypatch: pytest.MonkeyPatch, details: bool, review: bool) -> list[QDialog]:
    shown: list[QDialog] = []

    def details_exec(dialog: ArticleDetailsDialog) -> int:
        shown.append(dialog)
        dialog.published.setText("2024-03-15")
        dialog.title.setText("Acme to buy Widget Works")
        return QDialog.DialogCode.Accepted if details else QDialog.DialogCode.Rejected

    def review_exec(dialog: ReviewDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted if review else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ArticleDetailsDialog, "exec", details_exec)
    monkeypatch.setattr(ReviewDialog, "exec", review_exec)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    return shown


def test_an_accepted_review_is_written_with_its_citations(qtbot: QtBot, store: Store,
                                                          article: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    w = shown_window(qtbot, store)
    before = store.info()
    shown = answer(monkeypatch, details=True, review=True)
    assert w.import_article(article)
    review = shown[1]
    assert isinstance(review, ReviewDialog)
    events, parties = review.chosen()
    after = store.info()
    assert after.events == before.events + len(events) and after.sources == before.sources + 1
    assert after.citations == before.citations + len(events)
    assert "from the article acme.txt" in w.statusBar().currentMessage()
    assert review.windowTitle() == "Review article — Acme to buy Widget Works"
    assert any(s.title == "Acme to buy Widget Works" for s in store.story().sources)
    # Huawei is the store's Huawei, not a new party; named in no event, it starts unchecked
    # (issue 16: no party without an event unless the reviewer adds it).
    assert any(p.match == "huawei" for p in review.parties_model.parties())
    assert not any(p.match == "huawei" for p in parties) and parties
    # "on Tuesday" is read from the publication date given in the details dialog.
    dates = {e.when.edtf() for e in events}
    assert "2024-03-12" in dates and "2019" in dates


def test_the_reader_warms_up_off_the_gui_thread_while_the_details_are_asked(
        qtbot: QtBot, store: Store, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[str] = []
    started = threading.Event()

    def warm_up() -> None:
        warmed.append(threading.current_thread().name)
        started.set()

    monkeypatch.setattr("models.articles.warm_up", warm_up)
    w = shown_window(qtbot, store)
    answer(monkeypatch, details=False, review=False)
    assert not w.import_article(article)
    assert started.wait(5)
    assert warmed == ["chronolens-article-warm-up"]
    assert threading.current_thread().name not in warmed


@pytest.mark.parametrize(("details", "review"), [(False, True), (True, False)])
def test_cancel_at_either_step_writes_nothing(qtbot: QtBot, store: Store, article: Path,
                                              monkeypatch: pytest.MonkeyPatch, details: bool,
                                              review: bool) -> None:
    w = shown_window(qtbot, store)
    before = store.info()
    answer(monkeypatch, details=details, review=review)
    assert not w.import_article(article)
    assert store.info() == before


def test_proposing_runs_off_the_gui_thread_and_cancel_stops_it(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long article (here 2 MB: seconds of work) is proposed in a worker thread behind a
    progress dialog; Cancel returns at once, the proposing stops, nothing is written."""
    import models.articles

    w = shown_window(qtbot, store)
    before = store.info()
    path = tmp_path / "long.txt"
    path.write_text("Acme said in 2019 that Widget Works would buy the plant on Monday, and "
                    * 30_000, encoding="utf-8")
    answer(monkeypatch, details=True, review=True)  # the review would accept everything
    real = models.articles.propose
    ran: dict[str, object] = {}
    started = threading.Event()

    def spy(article: Article, known: Sequence[Party] = (), *,
            cancelled: Callable[[], bool] | None = None) -> Proposals:
        ran["thread"] = threading.current_thread()
        if ran["thread"] is threading.main_thread():
            raise AssertionError("propose ran on the GUI thread")
        started.set()
        try:
            return real(article, known, cancelled=cancelled)
        except BaseException as error:
            ran["ended"] = error
            raise

    monkeypatch.setattr(models.articles, "propose", spy)
    # Cancel is pressed as soon as proposing has begun.
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: started.is_set())
    assert not w.import_article(path)
    assert ran["thread"] is not threading.main_thread()
    qtbot.waitUntil(lambda: "ended" in ran, timeout=30_000)
    assert isinstance(ran["ended"], ImportCancelled)
    assert store.info() == before
    assert w.statusBar().currentMessage() == "Import cancelled; nothing was written."


def test_the_details_dialog_refuses_a_bad_date(qtbot: QtBot, store: Store,
                                               article: Path) -> None:
    from models.articles import read_article

    dialog = ArticleDetailsDialog(read_article(article))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    dialog.published.setText("2024-13-01")
    assert not ok.isEnabled() and "month 13" in dialog.problem.text()
    dialog.published.setText("2024-03-15")
    assert ok.isEnabled() and dialog.published_date() is not None


def test_dropped_files_go_to_the_right_importer(tmp_path: Path, article: Path) -> None:
    data = tmp_path / "events.txt"
    data.write_text("title,date\nA,2020\nB,2021\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>In 2020 it rained.</p></body></html>", encoding="utf-8")
    assert is_article(article) and is_article(page)
    assert not is_article(data) and not is_article(tmp_path / "story.json")


def test_a_dropped_article_is_reviewed_and_a_dropped_data_file_imported(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from gui.column_mapping import ColumnMappingDialog

    w = shown_window(qtbot, store)
    shown = answer(monkeypatch, details=True, review=True)
    previewed: list[ColumnMappingDialog] = []
    monkeypatch.setattr(ColumnMappingDialog, "exec", lambda d: previewed.append(d) or 1)
    story = tmp_path / "acme.md"
    story.write_text("# Acme buys Widget Works\n\n" + ARTICLE.split("\n\n", 1)[1],
                     encoding="utf-8")
    data = tmp_path / "more.csv"
    data.write_text("title,date\nA later event,2030\n", encoding="utf-8")
    before = store.info()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(story)), QUrl.fromLocalFile(str(data))])
    w.dropEvent(QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: store.info().sources == before.sources + 1)
    assert any(isinstance(d, ReviewDialog) for d in shown)
    assert any(e.title == "A later event" for e in store.story().events)
    assert [d.path for d in previewed] == [data]  # the table's preview; the article's review


def test_an_article_import_is_undone_from_the_edit_menu(qtbot: QtBot, store: Store,
                                                       article: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    w = shown_window(qtbot, store)
    before = store.info()
    answer(monkeypatch, details=True, review=True)
    assert w.import_article(article)
    assert store.info().events > before.events
    undo = w.editing.undo_action
    assert undo.isEnabled()
    assert undo.text() == "&Undo import of the article Acme to buy Widget Works"
    entries = store.history()
    assert entries[-1].action == "article"
    undo.trigger()
    after = store.info()
    assert (after.events, after.sources, after.parties) == (before.events, before.sources,
                                                           before.parties)
    assert w.editing.redo_action.isEnabled()
