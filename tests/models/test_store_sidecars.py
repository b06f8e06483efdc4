"""Issue 12: nothing lying beside a store can destroy it. Stray, stale and foreign -wal and
-journal files, stores left unfinished by a kill, wrong-typed cells, planted links, pipes, and a
window that opens a store it does not know at once and checks it in the background."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from damage import miscount

from models.errors import StoreError, StoreInUse
from models.generate import generate_stories
from models.store import SCHEMA_VERSION, Store, schema_migrations
from models.store.safety import backup_folder, make_backup, read_header
from models.story import Story

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def set_aside_beside(path: Path, suffix: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}{suffix}.set-aside-*"))


def killed_writer(path: Path, events: int, seed: int) -> None:
    """A Chronolens that writes `events` events to the store and is killed right after its
    commit: the committed frames stay in the -wal, never checkpointed into the file."""
    code = ("import os; from models.store import Store; "
            "from models.generate import generate_stories; "
            f"s = Store.open({str(path)!r}); "
            f"s.add_stories(list(generate_stories({events}, 20, seed={seed}))); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    assert wal_of(path).stat().st_size > 0


def sqlite_killed_after(path: Path, *statements: str) -> None:
    """Plain SQLite (not Chronolens) commits `statements` to `path` in WAL mode and dies before
    any checkpoint: they stay in its -wal."""
    code = (f"import sqlite3, os; c = sqlite3.connect({str(path)!r}); "
            "c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0'); "
            f"[c.execute(s) for s in {list(statements)!r}]; c.commit(); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- 1. a -wal that does not belong ------------------------------------------------------------

def test_a_stale_wal_beside_a_restored_copy_is_set_aside(store_file: Path) -> None:
    """Killed session leaves committed frames; the user restores an older copy of the file."""
    older = store_file.read_bytes()
    with Store.open(store_file) as store:  # a session that ends well, after the copy was made
        store.add_stories(list(generate_stories(400, 20, seed=1)))
    killed_writer(store_file, 400, seed=2)  # then one that is killed
    frames = wal_of(store_file).read_bytes()
    store_file.write_bytes(older)  # the restore
    with Store.open(store_file) as store:
        assert store.info().events == 10  # the restored copy, as it was
        assert any("did not belong" in w and store_file.name in w for w in store.warnings)
    assert store_file.read_bytes() == older
    [moved] = set_aside_beside(store_file, "-wal")
    assert moved.read_bytes() == frames  # renamed, never deleted
    assert Store.check_file(store_file).ok


def test_another_stores_wal_is_set_aside_even_when_it_would_read_as_sound(
        store_file: Path, tmp_path: Path) -> None:
    """Another Chronolens store's -wal (here: an empty store's) makes a sound store of its own
    out of ours: every check passes, and the story would be gone."""
    other = tmp_path / "other" / "empty.db"
    other.parent.mkdir()
    Store.open(other, create=True).close()
    # VACUUM in WAL mode writes every page of the empty store to its -wal, page 1 included.
    code = ("import os; from models.store import Store; "
            f"s = Store.open({str(other)!r}); s._conn.execute('PRAGMA wal_autocheckpoint=0'); "
            "s._conn.execute('VACUUM'); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    shutil.copy(wal_of(other), wal_of(store_file))
    from models.store.checks import examine_file
    assert examine_file(store_file, depth="full").ok  # it reads as a sound, empty store
    before = digest(store_file)
    with Store.open(store_file) as store:
        assert store.info().events == 10
        assert any("another store's" in w for w in store.warnings)
    assert digest(store_file) == before
    assert len(set_aside_beside(store_file, "-wal")) == 1


def test_a_plain_databases_wal_is_set_aside(store_file: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite_killed_after(plain, "CREATE TABLE t (x)",
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                        "WHERE i < 5000) INSERT INTO t SELECT i FROM n")
    shutil.copy(wal_of(plain), wal_of(store_file))
    before = digest(store_file)
    with Store.open(store_file, reading=True) as store:
        assert store.info().events == 10
    assert digest(store_file) == before and set_aside_beside(store_file, "-wal")


def test_a_wal_that_adds_a_trigger_never_reaches_the_file(store_file: Path,
                                                          tmp_path: Path) -> None:
    copy = tmp_path / "copy" / "story.db"
    copy.parent.mkdir()
    shutil.copy(store_file, copy)
    sqlite_killed_after(copy, "CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN "
                              "DELETE FROM parties; END")
    shutil.copy(wal_of(copy), wal_of(store_file))
    before = digest(store_file)
    with Store.open(store_file) as store:
        assert store.info().events == 10
        assert any("sneaky" in w for w in store.warnings)
    assert digest(store_file) == before
    conn = sqlite3.connect(store_file)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sneaky'").fetchone() \
        == (0,)
    conn.close()


def test_our_own_wal_from_a_killed_session_is_kept(store_file: Path) -> None:
    killed_writer(store_file, 300, seed=4)
    with Store.open(store_file) as store:
        assert store.info().events == 310 and not store.warnings
    assert not set_aside_beside(store_file, "-wal")


def test_a_rollback_journal_beside_a_wal_store_is_set_aside(store_file: Path) -> None:
    journal = store_file.with_name(store_file.name + "-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + os.urandom(4000))
    before = digest(store_file)
    with Store.open(store_file) as store:
        assert store.info().events == 10 and store.warnings
    assert digest(store_file) == before and not journal.exists()
    assert set_aside_beside(store_file, "-journal")


def test_a_damaged_store_with_a_wal_is_refused_and_nothing_moves(store_file: Path) -> None:
    killed_writer(store_file, 50, seed=5)
    data = bytearray(store_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:2 * page] = bytes(page)  # page 2 zeroed in the file itself
    store_file.write_bytes(data)
    before, wal = digest(store_file), digest(wal_of(store_file))
    with pytest.raises(StoreError, match="damaged"):
        Store.open(store_file)
    assert digest(store_file) == before and digest(wal_of(store_file)) == wal
    assert not set_aside_beside(store_file, "-wal")


def test_a_read_only_folder_with_a_committed_wal_says_so(
        store_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    killed_writer(store_file, 20, seed=6)
    monkeypatch.setattr("models.store.opening.is_writable", lambda file: False)
    with pytest.raises(StoreError, match=r"latest changes are in story\.db-wal"):
        Store.open(store_file)


# -- 2. a kill while a new store is made -------------------------------------------------------

def test_a_new_store_appears_only_when_complete(tmp_path: Path, sample_story: Story) -> None:
    path = tmp_path / "new.db"
    with Store.open(path, create=True) as store:
        store.add_stories([sample_story])
        assert not path.exists()  # built beside, under another name
    assert read_header(path).user_version == SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_a_failed_write_to_a_new_store_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with pytest.raises(RuntimeError), Store.open(path, create=True):
        raise RuntimeError("the import failed")
    assert list(tmp_path.iterdir()) == []


def test_a_killed_creation_does_not_block_the_retry(tmp_path: Path, sample_story: Story) -> None:
    path = tmp_path / "new.db"
    code = ("import os; from models.store import Store; "
            "from models.generate import generate_stories; "
            f"s = Store.open({str(path)!r}, create=True); "
            "s.add_stories(list(generate_stories(500, 20, seed=1))); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    assert not path.exists()
    with Store.open(path, create=True) as store:
        store.add_stories([sample_story])
    with Store.open(path) as store:
        assert store.info().events == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


@pytest.mark.parametrize("leftover", ["empty file", "uncommitted with a hot journal"])
def test_an_unfinished_file_from_older_versions_is_taken_over(
        tmp_path: Path, sample_story: Story, leftover: str) -> None:
    path = tmp_path / "new.db"
    if leftover == "empty file":
        path.write_bytes(b"")
    else:
        code = (f"import sqlite3, os; c = sqlite3.connect({str(path)!r}, isolation_level=None); "
                "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN'); "
                "c.execute('CREATE TABLE t (x)'); "
                "c.executemany('INSERT INTO t VALUES (?)', [('x' * 500,) for i in range(3000)]);"
                " os._exit(0)")
        subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
        assert path.with_name("new.db-journal").exists()
    with pytest.raises(StoreError, match="empty file that an import stopped"):
        Store.open(path)  # reading it says what it is
    with Store.open(path, create=True) as store:
        store.add_stories([sample_story])
    with Store.open(path) as store:
        assert store.info().events == 10


def test_generate_refuses_a_real_store_and_leaves_it_alone(store_file: Path) -> None:
    from models.generate import generate

    before = digest(store_file)
    with pytest.raises(StoreError, match="already exists"):
        generate(store_file, 10, 5)
    assert digest(store_file) == before


def test_two_creators_at_once_the_second_is_told_plainly(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path, create=True):
        with pytest.raises(StoreInUse, match="being made or written by another Chronolens"):
            Store.open(path, create=True)


# -- 3. wrong-typed cells ----------------------------------------------------------------------

def version5_store(path: Path, story: Story) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(path)
    schema_migrations().apply(db, stop_before="m006_strict")
    Store(db.conn, str(path)).add_stories([story])
    db.conn.execute("PRAGMA journal_mode=WAL")
    db.close()


def test_tables_are_strict_and_refuse_wrong_types(tmp_path: Path, store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    strict = dict(conn.execute("SELECT name, strict FROM pragma_table_list WHERE type = 'table' "
                               "AND name IN ('events', 'parties', 'participations', 'meta')"))
    assert strict == {"events": 1, "parties": 1, "participations": 1, "meta": 1}
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER"):
        conn.execute("UPDATE events SET earliest = 'abc' WHERE id = 1")
    conn.close()


def test_an_older_store_with_a_wrong_typed_cell_is_damage(tmp_path: Path,
                                                          sample_story: Story) -> None:
    path = tmp_path / "old.db"
    version5_store(path, sample_story)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE events SET earliest = 'abc' WHERE id = 1")
    conn.execute("UPDATE parties SET name = x'00ff' WHERE id = 1")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match=r"events\.earliest holds 1 text value"):
        Store.open(path)
    assert digest(path) == before
    report = Store.check_file(path)
    assert any("parties.name holds 1 blob value" in p for p in report.problems)


def test_an_older_store_is_upgraded_to_strict(tmp_path: Path, sample_story: Story) -> None:
    path = tmp_path / "old.db"
    version5_store(path, sample_story)
    with Store.open(path) as store:
        assert store.info().events == 10 and store.check().ok
    assert read_header(path).user_version == SCHEMA_VERSION == 8


def test_a_store_whose_tables_lost_strict_is_refused(store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, ') STRICT', ')') "
                 "WHERE name = 'events'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(store_file)
    conn.execute("UPDATE events SET flags = 'abc' WHERE id = 1")
    conn.commit()
    conn.close()
    before = digest(store_file)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="table events is not as Chronolens made it"):
            Store.open(store_file, read_only=read_only)
    assert digest(store_file) == before


# -- 5. the window opens an unknown store at once ----------------------------------------------

def forget_checks(path: Path) -> None:
    """As if the store came from elsewhere: touch it so its change time moves."""
    os.utime(path)


def test_an_unknown_store_opens_read_only_at_once_and_writable_after_its_check(
        store_file: Path) -> None:
    forget_checks(store_file)
    with Store.open(store_file, check_later=True) as store:
        assert store.read_only and store.pending_check and store.notice
        assert store.info().events == 10  # readable meanwhile
        seen: list[str] = []
        report = store.verify(progress=seen.append)
        assert report.ok and "event dates" in seen
        store.make_writable(report)
        assert not store.read_only and store.notice is None
        store.set_title("Checked, then changed")
    with Store.open(store_file) as store:
        assert store.title() == "Checked, then changed"


def test_an_unknown_damaged_store_stays_read_only(store_file: Path) -> None:
    miscount(store_file)
    before = digest(store_file)
    with Store.open(store_file, check_later=True) as store:
        report = store.verify()
        assert not report.ok
        store.make_writable(report)
        assert store.read_only and store.notice and "timeline counts" in store.notice
    assert digest(store_file) == before


# -- 7 and 9. links, pipes, backups ------------------------------------------------------------

def test_a_planted_lock_link_is_not_followed(store_file: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    lock = store_file.with_name(store_file.name + ".lock")
    lock.symlink_to(victim)
    with Store.open(store_file) as store:
        store.set_title("written")
        assert not lock.is_symlink()
    assert victim.read_text() == "precious"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "store.db"
    os.mkfifo(pipe)
    done = subprocess.run([sys.executable, "main.py", "--db", str(pipe), "info"], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "named pipe" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_backup_killed_half_way_is_pruned(store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    first = make_backup(conn, store_file, SCHEMA_VERSION)
    leftover = first.with_name("." + first.name + ".abcd.partial")
    leftover.write_bytes(b"x" * 10_000)
    make_backup(conn, store_file, SCHEMA_VERSION)
    conn.close()
    assert not leftover.exists()
    assert not list(backup_folder().glob("*.partial"))


# -- 10. wording -------------------------------------------------------------------------------

def test_a_reader_beside_a_writer_is_not_told_it_asked(store_file: Path) -> None:
    with Store.open(store_file):
        done = subprocess.run([sys.executable, "main.py", "--db", str(store_file), "info"],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "as you asked" not in done.stderr
        with Store.open(store_file, read_only=True) as reader:
            assert reader.notice is not None and "is writing it" in reader.notice


def test_an_older_store_is_read_at_once_and_upgraded_in_the_background(
        tmp_path: Path, sample_story: Story) -> None:
    path = tmp_path / "old.db"
    version5_store(path, sample_story)
    with Store.open(path, check_later=True) as store:
        assert store.pending_check and store.read_only
        assert store.info().events == 10  # the reads know version 5
        seen: list[str] = []
        report = store.verify(progress=seen.append)
        assert report.ok and "search index" in seen
        assert any("upgrading" in step for step in seen)
        store.make_writable(report)
        assert not store.read_only and store.info().events == 10
        store.set_title("upgraded")
    assert read_header(path).user_version == SCHEMA_VERSION
    from models.store.safety import backups_of
    assert [b for b in backups_of(path) if "-v5-" in b.name]
