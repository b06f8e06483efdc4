"""Stores as files the windows open: File ▸ New store…, File ▸ Open recent, the path in the title,
and a --db that names nothing (asked, never replaced by the user's own store)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

import main
from gui import app as gui_app
from gui import stores
from gui.main_window import MainWindow
from models.paths import default_store_path
from models.store import Store


def opener(path: Path, read_only: bool) -> Store:
    return Store.open(path, read_only=read_only)


class Boxes:
    """Message boxes shown (instead of waiting for a click), answered with `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch,
                 answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> None:
        self.shown: list[tuple[str, str, str]] = []

        def exec_(box: QMessageBox) -> int:
            self.shown.append((box.windowTitle(), box.text(), box.informativeText()))
            return int(answer.value)

        monkeypatch.setattr(QMessageBox, "exec", exec_)


def show(qtbot: QtBot, store: Store) -> MainWindow:
    window = gui_app.show_window(store, opener, main.make_store)
    qtbot.addWidget(window)
    return window


def recent_texts(window: MainWindow) -> list[str]:
    window.recent_menu.refill()
    return [action.text() for action in window.recent_menu.actions()]


# -- File ▸ New store… ------------------------------------------------------------------------

def test_new_store_makes_an_empty_store_and_opens_it_in_a_new_window(
        qtbot: QtBot, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = show(qtbot, Store.open(store_file))
    assert window.new_store_action in window.menuBar().actions()[0].menu().actions()
    chosen = tmp_path / "new folder" / "fresh"  # no suffix: .db is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    window.new_store_action.trigger()
    made = tmp_path / "new folder" / "fresh.db"
    [new] = [w for w in gui_app._windows if w is not window]
    qtbot.addWidget(new)
    assert Path(new.store.path) == made and made.is_file()
    assert new.store.info().events == 0 and not new.store.read_only
    assert window.store.info().events == 10  # the first window keeps its store
    assert stores.recent_stores()[0] == made
    new.close()
    with Store.open(made) as again:  # a store on its own, once its window is gone
        assert again.info().events == 0 and again.info().parties == 0
    window.close()


def test_new_store_never_replaces_a_file(qtbot: QtBot, store_file: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = show(qtbot, Store.memory())
    notes = tmp_path / "notes.db"
    notes.write_text("my notes")
    boxes = Boxes(monkeypatch)
    assert window.new_store(notes) is None
    [(_title, text, detail)] = boxes.shown
    assert f"{notes} already exists and is not a store" in text
    assert "not a Chronolens store" in detail or "SQLite" in detail or str(notes) in detail
    assert notes.read_text() == "my notes"
    # A store already there is opened as it is, never emptied.
    other = window.new_store(store_file)
    assert other is not None and other.store.info().events == 10
    assert "already existed: opened as it is" in other.statusBar().currentMessage()
    qtbot.addWidget(other)
    other.close()
    window.close()


def test_new_store_that_cannot_be_made_says_why(qtbot: QtBot, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = show(qtbot, Store.memory())
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    boxes = Boxes(monkeypatch)
    assert window.new_store(blocker / "inside.db") is None  # its folder is a file
    assert boxes.shown[0][0] == "New store"
    assert not (blocker / "inside.db").exists() and blocker.read_text() == "x"
    window.close()


# -- File ▸ Open recent -----------------------------------------------------------------------

def test_recent_stores_are_most_recent_first_once_each_and_at_most_ten(tmp_path: Path) -> None:
    paths = [tmp_path / f"s{n}.db" for n in range(12)]
    for path in paths:
        stores.remember_store(path)
    stores.remember_store(paths[5])  # again: moves to the top, not listed twice
    assert stores.recent_stores() == [paths[5], *reversed(paths[6:]), *reversed(paths[:5])][:10]
    assert len(stores.recent_stores()) == stores.RECENT_LIMIT
    stores.remember_store(":memory:")  # no file to go back to
    assert stores.recent_stores()[0] == paths[5]
    assert QSettings().value(stores.RECENT_KEY)[0] == str(paths[5])


def test_every_store_opened_in_a_window_is_recent(qtbot: QtBot, store_file: Path,
                                                  tmp_path: Path) -> None:
    other_file = tmp_path / "other.db"
    main.make_store(other_file)
    window = show(qtbot, Store.open(store_file))  # as at start-up
    assert stores.recent_stores() == [store_file]
    other = window.open_store(other_file)  # File ▸ Open…
    assert other is not None
    qtbot.addWidget(other)
    assert stores.recent_stores() == [other_file, store_file]
    texts = recent_texts(window)
    assert texts[0] == f"&1  {other_file}" and texts[1] == f"&2  {store_file}"
    assert texts[-1] == "&Clear recent"
    other.close()
    window.close()


def test_open_recent_opens_the_store_chosen(qtbot: QtBot, store_file: Path,
                                           tmp_path: Path) -> None:
    stores.remember_store(store_file)
    window = show(qtbot, Store.memory())
    window.recent_menu.refill()
    window.recent_menu.actions()[0].trigger()
    [opened] = [w for w in gui_app._windows if w is not window]
    qtbot.addWidget(opened)
    assert Path(opened.store.path) == store_file
    opened.close()
    window.close()


def test_a_recent_store_no_longer_there_is_marked_and_dropped_when_chosen(
        qtbot: QtBot, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone.db"
    stores.remember_store(gone)
    stores.remember_store(store_file)
    window = show(qtbot, Store.memory())
    texts = recent_texts(window)
    assert texts[1] == f"&2  {gone}  (not found)"
    boxes = Boxes(monkeypatch)
    window.recent_menu.actions()[1].trigger()
    [(title, text, detail)] = boxes.shown
    assert title == "Open recent" and text == f"{gone} is no longer there."
    assert "removed from Open recent" in detail
    assert stores.recent_stores() == [store_file]
    assert [w for w in gui_app._windows if w is not window] == []
    window.close()


def test_clear_recent(qtbot: QtBot, store_file: Path) -> None:
    window = show(qtbot, Store.open(store_file))
    texts = recent_texts(window)
    assert texts[0].endswith(str(store_file))
    window.recent_menu.actions()[-1].trigger()
    assert stores.recent_stores() == []
    assert recent_texts(window)[0] == "No recent stores"
    assert not window.recent_menu.actions()[-1].isEnabled()
    window.close()


def test_store_names_get_a_db_suffix_and_home_is_shown_as_a_tilde() -> None:
    assert stores.with_store_suffix(Path("/x/story")) == Path("/x/story.db")
    assert stores.with_store_suffix(Path("/x/story.v2")) == Path("/x/story.v2.db")
    assert stores.with_store_suffix(Path("/x/story.DB")) == Path("/x/story.DB")
    assert stores.with_store_suffix(Path("/x/s.chronolens")) == Path("/x/s.chronolens")
    assert stores.shown_path(Path.home() / "a" / "b.db") == str(Path("~/a/b.db"))


# -- the title --------------------------------------------------------------------------------

def test_the_title_shows_the_stores_path(qtbot: QtBot, store_file: Path) -> None:
    window = show(qtbot, Store.open(store_file))
    title = window.windowTitle()
    assert str(store_file) in title and title.endswith(" — Chronolens")
    assert title.startswith(window.store.title())  # the story's title stays first
    assert window.windowFilePath() == str(store_file)
    window.close()
    read_only = show(qtbot, Store.open(store_file, read_only=True))
    assert f"{store_file} (read-only) — Chronolens" in read_only.windowTitle()
    read_only.close()


def test_an_untitled_store_is_named_by_its_path(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    main.make_store(path)
    window = show(qtbot, Store.open(path))
    assert window.windowTitle() == f"{path} — Chronolens"
    window.close()


# -- a --db that names nothing, or can't be opened ---------------------------------------------

@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """run_app without its event loop: the windows it showed."""
    monkeypatch.setattr(QApplication, "exec", lambda app: 0)
    monkeypatch.setattr(gui_app, "settle_memory", lambda: None)  # no gc.freeze in tests
    shown: list[MainWindow] = []
    real_show = gui_app.show_window

    def recording(*args: object) -> MainWindow:
        shown.append(real_show(*args))  # type: ignore[arg-type]
        return shown[-1]

    monkeypatch.setattr(gui_app, "show_window", recording)
    return shown


def own_store_never() -> Path:
    raise AssertionError("the user's own store must not be opened when --db is given")


def test_missing_db_cancelled_exits_1_and_opens_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_event_loop: list[MainWindow]) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(stores, "ask_create_store",
                        lambda path, parent=None: asked.append(path) or False)
    missing = tmp_path / "missing.db"
    assert gui_app.run_app(opener, missing, own_store=own_store_never,
                           maker=main.make_store) == 1
    assert asked == [missing] and not missing.exists() and no_event_loop == []
    assert not list(tmp_path.iterdir())


def test_missing_db_created_opens_an_empty_store_there(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_event_loop: list[MainWindow]) -> None:
    monkeypatch.setattr(stores, "ask_create_store", lambda path, parent=None: True)
    missing = tmp_path / "sub" / "new.db"
    assert gui_app.run_app(opener, missing, own_store=own_store_never,
                           maker=main.make_store) == 0
    [window] = no_event_loop
    assert Path(window.store.path) == missing and stores.recent_stores() == [missing]
    window.close()
    with Store.open(missing) as made:  # closed with its window when run_app ended
        assert made.info().events == 0


def test_missing_db_read_only_is_said_and_nothing_is_made(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_event_loop: list[MainWindow]) -> None:
    boxes = Boxes(monkeypatch)
    missing = tmp_path / "missing.db"
    assert gui_app.run_app(opener, missing, own_store=own_store_never, read_only=True,
                           maker=main.make_store) == 1
    assert boxes.shown[0][1] == f"There is no store at {missing}."
    assert not missing.exists() and no_event_loop == []


def test_a_db_that_cannot_be_opened_exits_1_without_the_users_own_store(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_event_loop: list[MainWindow]) -> None:
    boxes = Boxes(monkeypatch)
    bad = tmp_path / "notes.db"
    bad.write_text("not a store")
    assert gui_app.run_app(opener, bad, own_store=own_store_never,
                           maker=main.make_store) == 1
    [(title, _text, detail)] = boxes.shown
    assert title == "Cannot open the store" and str(bad) in detail
    assert no_event_loop == [] and bad.read_text() == "not a store"


def test_main_with_a_missing_db_cancelled_leaves_the_default_store_alone(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_event_loop: list[MainWindow]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path().is_relative_to(tmp_path)
    monkeypatch.setattr(stores, "ask_create_store", lambda path, parent=None: False)
    missing = tmp_path / "missing.db"
    assert main.main(["--db", str(missing)]) == 1
    assert not missing.exists() and not (tmp_path / "data").exists()
    assert no_event_loop == []


def test_main_with_a_missing_db_created_makes_it_and_not_the_default_store(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_event_loop: list[MainWindow]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(stores, "ask_create_store", lambda path, parent=None: True)
    missing = tmp_path / "made.db"
    assert main.main(["--db", str(missing)]) == 0
    [window] = no_event_loop
    assert Path(window.store.path) == missing
    window.close()
    with Store.open(missing) as made:
        assert made.info().events == 0
    assert not (tmp_path / "data").exists()
    assert not os.path.lexists(tmp_path / ".made.db.new")
