"""The store never loses data: bad files are refused untouched, upgrades are backed up, one
writer at a time, read-only where it must be, and a full disk rolls back."""

from __future__ import annotations

import contextlib
import hashlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from damage import miscount

from models.domain import LaneMode, StoreCheck
from models.errors import StoreError, StoreInUse, StoreReadOnly
from models.generate import generate_stories
from models.paths import backup_folder
from models.store import APPLICATION_ID, SCHEMA_VERSION, Store, schema_migrations
from models.store.safety import BACKUPS_KEPT, backups_of, make_backup, read_header
from models.story import Story

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> set[str]:
    """Files next to `path` that SQLite or we could have made."""
    return {p.name for p in path.parent.iterdir() if p.name != path.name}


@pytest.fixture
def sound_bytes(store_file: Path) -> bytes:
    return store_file.read_bytes()


# -- the corrupt-file corpus -------------------------------------------------------------------

def corpus(sound: bytes, page: int) -> Iterator[tuple[str, bytes]]:
    """Damaged and foreign files, each with a name saying what it is."""
    yield "empty", b""
    for cut in (10, 99, 100, page, len(sound) // 2, len(sound) - page, len(sound) - 1):
        yield f"truncated to {cut} bytes", sound[:cut]
    pages = len(sound) // page
    for number in sorted({1, 2, 3, pages // 2, pages}):
        damaged = bytearray(sound)
        damaged[(number - 1) * page:number * page] = bytes(page)
        yield f"page {number} zeroed", bytes(damaged)
    rng = random.Random(20261125)
    for flip in range(1000):
        damaged = bytearray(sound)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        yield f"byte flips #{flip}", bytes(damaged)
    yield "JSON", b'{"format": "chronolens", "version": 1}'
    yield "text", b"Huawei and Ericsson renew their cross-licence\n" * 50


def zip_of(sound: bytes, tmp_path: Path) -> bytes:
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("story.db", sound)
    return archive.read_bytes()


def exercise(store: Store) -> None:
    """What the window does with a store on opening."""
    store.info()
    store.extent()
    store.search("Huawei")
    store.events_in(-(2**62), 2**62, limit=100)
    store.lanes(LaneMode.PARTY, limit=20)


def test_corrupt_file_corpus_is_refused_untouched_or_read_safely(
        tmp_path: Path, sound_bytes: bytes) -> None:
    page = read_header_size(sound_bytes)
    cases = [*corpus(sound_bytes, page), ("ZIP renamed .db", zip_of(sound_bytes, tmp_path))]
    refused: dict[str, str] = {}
    opened = 0
    for name, data in cases:
        folder = tmp_path / f"case-{len(refused) + opened}"
        folder.mkdir()
        path = folder / "story.db"
        path.write_bytes(data)
        before = digest(path)
        try:
            store = Store.open(path)
        except StoreError as error:
            refused[name] = str(error)
            assert str(path) in str(error), name
            assert digest(path) == before, f"{name}: refused, but the file changed"
            assert beside(path) == set(), f"{name}: refused, but left {beside(path)}"
            continue
        opened += 1
        try:
            exercise(store)  # a damaged file that passed the checks must still read safely
        except StoreError:
            pass
        finally:
            store.close()
        assert digest(path) == before, f"{name}: opened and read, but the file changed"
    # Every deliberate kind of damage is caught; only harmless flips (in free space or text)
    # open at all.
    for name in ("empty", "JSON", "text", "ZIP renamed .db", "page 1 zeroed", "page 2 zeroed",
                 f"truncated to {len(sound_bytes) // 2} bytes", "truncated to 99 bytes"):
        assert name in refused, name
    assert "empty file" in refused["empty"]
    assert "ZIP archive" in refused["ZIP renamed .db"]
    assert "cut short" in refused[f"truncated to {len(sound_bytes) // 2} bytes"]
    assert "damaged" in refused["page 2 zeroed"]
    assert len(refused) + opened == len(cases) >= 1000


def read_header_size(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def test_newer_store_opens_read_only_and_is_never_touched(store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before, around = digest(store_file), beside(store_file)
    with Store.open(store_file) as store:
        assert store.read_only
        assert store.notice is not None and "newer Chronolens" in store.notice
        assert store.info().events == 10
        assert store.search("Ericsson").parties
        reader = store.open_reader()
        assert reader is not None and reader.info().events == 10
        reader.close()
        with pytest.raises(StoreReadOnly, match="read-only"):
            store.add_stories([Story(title="more")])
        with pytest.raises(StoreReadOnly):
            store.set_title("renamed")
    assert digest(store_file) == before
    assert beside(store_file) == around


def test_foreign_code_in_a_store_is_refused(store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN "
                 "DELETE FROM parties; END")
    conn.commit()
    conn.close()
    before = digest(store_file)
    with pytest.raises(StoreError, match=r"trigger sneaky was not written by Chronolens"):
        Store.open(store_file)
    assert digest(store_file) == before


def test_read_only_media_opens_immutable_with_a_notice(
        store_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("models.store.opening.is_writable", lambda file: False)
    before, around = digest(store_file), beside(store_file)
    with Store.open(store_file) as store:
        assert store.read_only and store.notice is not None and "read-only" in store.notice
        exercise(store)
        assert beside(store_file) == around  # no lock, no -wal, no -shm
    assert digest(store_file) == before


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(__import__("os"), "geteuid")
                    or __import__("os").geteuid() == 0,
                    reason="root can write anywhere; the monkeypatched test covers the logic")
def test_read_only_folder_for_real(store_file: Path) -> None:
    folder = store_file.parent
    folder.chmod(0o555)
    try:
        with Store.open(store_file) as store:
            assert store.read_only
    finally:
        folder.chmod(0o755)


# -- one writer ----------------------------------------------------------------------------

def test_second_writer_is_told_and_can_read_beside_it(store_file: Path) -> None:
    with Store.open(store_file) as first:
        with pytest.raises(StoreInUse, match=r"open in another Chronolens \(process \d+\)"):
            Store.open(store_file)
        with Store.open(store_file, read_only=True) as second:
            assert second.read_only and second.info().events == 10
            first.set_title("Renamed while the other reads")
            assert second.title() == "Renamed while the other reads"
            with pytest.raises(StoreReadOnly):
                second.set_title("no")
    with Store.open(store_file) as again:  # the lock went with the first
        assert again.title() == "Renamed while the other reads"
    assert not store_file.with_name(store_file.name + ".lock").exists()


def test_a_killed_writer_leaves_no_stale_lock(store_file: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from models.store import Store; "
         f"s = Store.open({str(store_file)!r}); print('open', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUse, match=f"process {holder.pid}"):
            Store.open(store_file)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with Store.open(store_file) as store:
            assert store.check().ok
    finally:
        holder.kill()
        holder.wait()


# -- upgrades are backed up ------------------------------------------------------------------

def old_store(path: Path, sample_story: Story) -> None:
    """A store as version 2 of Chronolens left it, with the sample story in it."""
    db = sqlite_utils.Database(path)
    schema_migrations().apply(db, stop_before="m003_search_prefix")
    Store(db.conn, str(path)).add_stories([sample_story])
    db.close()


def test_upgrade_makes_a_verified_backup_first(tmp_path: Path, sample_story: Story) -> None:
    path = tmp_path / "old.db"
    old_store(path, sample_story)
    assert read_header(path).user_version == 2
    with Store.open(path) as store:
        assert store.info().events == 10
        assert store.search("Ericsson").parties  # the upgraded search index
    assert read_header(path).user_version == SCHEMA_VERSION
    [backup] = backups_of(path)
    assert backup.parent == backup_folder() and "-v2-" in backup.name
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    assert conn.execute("SELECT count(*) FROM events").fetchone() == (10,)
    conn.close()


def test_only_the_last_few_backups_are_kept(store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    made = [make_backup(conn, store_file, SCHEMA_VERSION) for _ in range(BACKUPS_KEPT + 2)]
    conn.close()
    assert backups_of(store_file) == made[-BACKUPS_KEPT:]


def test_no_upgrade_without_a_backup(tmp_path: Path, sample_story: Story,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    old_store(path, sample_story)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    monkeypatch.setattr("models.store.safety.backup_folder", lambda: blocker / "backups")
    before = digest(path)
    with pytest.raises(StoreError, match="could not back it up"):
        Store.open(path)
    assert read_header(path).user_version == 2
    assert digest(path) == before


# -- writes: all or nothing ----------------------------------------------------------------------

def test_disk_full_during_import_rolls_back(store_file: Path) -> None:
    big = list(generate_stories(3000, 200, seed=1))
    with Store.open(store_file) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 20}")  # a disk with 80 KB free
        with pytest.raises(StoreError, match=r"the disk is full\. Nothing was written"):
            store.add_stories(big)
        assert store.info().events == 10
        assert store.check().ok


def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """Every check run on a whole file while opening, as (file, depth)."""
    import models.store.opening as opening

    calls: list[tuple[Path, str]] = []
    real = opening.examine_file

    def counting(file: Path, *, depth: str, **kwargs: object) -> object:
        calls.append((file, depth))
        return real(file, depth=depth, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opening, "examine_file", counting)
    return calls


def test_known_store_skips_the_check_until_it_changes(
        store_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted_checks(monkeypatch)
    Store.open(store_file).close()  # made by the fixture through Store: already known
    assert calls == []
    conn = sqlite3.connect(store_file)  # another program changes it
    conn.execute("UPDATE events SET title = title || '!' WHERE id = 1")
    conn.commit()
    conn.close()
    Store.open(store_file).close()
    assert calls == [(store_file, "full")]  # about to be written: the full check
    Store.open(store_file).close()
    assert calls == [(store_file, "full")]


def test_a_change_that_keeps_size_and_times_is_still_seen(
        store_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing the file in place and setting its times back does not pass for "checked":
    the change time (ctime) cannot be set back."""
    Store.open(store_file).close()
    calls = counted_checks(monkeypatch)
    stat = store_file.stat()
    data = bytearray(store_file.read_bytes())
    data[-100] ^= 0xFF  # same size
    with store_file.open("r+b") as handle:
        handle.write(data)
    import os
    os.utime(store_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert store_file.stat().st_size == stat.st_size
    assert store_file.stat().st_mtime_ns == stat.st_mtime_ns
    with contextlib.suppress(StoreError):
        Store.open(store_file).close()
    assert calls and calls[0] == (store_file, "full")


def test_check_reports_a_damaged_search_index_and_counts(store_file: Path) -> None:
    with Store.open(store_file) as store:
        assert store.check() == StoreCheck(path=str(store_file), checked=store.check().checked,
                                           problems=())
    miscount(store_file)
    conn = sqlite3.connect(store_file)
    conn.execute("INSERT INTO events_fts (rowid, title, description) VALUES (9999, 'x', 'y')")
    conn.commit()
    conn.close()
    before = digest(store_file)
    with pytest.raises(StoreError, match="timeline counts: they count 11 events"):
        Store.open(store_file)  # nothing is written to a store that `check` calls damaged
    assert digest(store_file) == before
    report = Store.check_file(store_file)
    assert not report.ok
    assert any(p.startswith("timeline counts") for p in report.problems)
    miscount(store_file, -1)  # counts mended: the search index is checked too
    report = Store.check_file(store_file)
    assert [p.split(":")[0] for p in report.problems] == ["search index"] * len(report.problems)
    assert report.problems


def test_check_on_the_cli(tmp_path: Path, store_file: Path) -> None:
    done = subprocess.run([sys.executable, "main.py", "--db", str(store_file), "check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "No problems found." in done.stdout
    assert "checked: file structure (integrity_check)" in done.stdout


def test_a_copy_is_not_confused_with_its_original(tmp_path: Path, store_file: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(store_file, copy)
    with Store.open(copy) as store, Store.open(store_file) as original:
        assert store.info().events == original.info().events == 10
    assert APPLICATION_ID == read_header(copy).application_id


# -- real read-only media and a real full disk (a small tmpfs; needs root and mount) --------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test, or a skip where mounting is not allowed."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
            capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_real_read_only_media(small_disk: Path, store_file: Path) -> None:
    path = small_disk / "story.db"
    shutil.copy(store_file, path)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    before, around = digest(path), beside(path)
    with Store.open(path) as store:
        assert store.read_only and store.notice is not None and "read-only disk" in store.notice
        exercise(store)
    assert digest(path) == before and beside(path) == around


def test_real_disk_full_during_import(small_disk: Path, store_file: Path) -> None:
    path = small_disk / "story.db"
    shutil.copy(store_file, path)
    big = list(generate_stories(20_000, 2_000, seed=3))  # far more than 2 MB of store
    with Store.open(path) as store:
        with pytest.raises(StoreError, match=r"the disk is full\. Nothing was written"):
            store.add_stories(big)
        assert store.info().events == 10
    with Store.open(path) as store:
        assert store.check().ok and store.info().events == 10


def test_a_check_that_cannot_finish_says_so(store_file: Path) -> None:
    with Store.open(store_file) as store:
        def deny(action: int, name: str | None, *_: object) -> int:
            refused = action == sqlite3.SQLITE_PRAGMA and name == "foreign_key_check"
            return sqlite3.SQLITE_DENY if refused else sqlite3.SQLITE_OK

        store._conn.set_authorizer(deny)
        report = store.check()
    assert not report.ok
    assert report.problems[-1].startswith("the check stopped: not authorized")


def test_reading_commands_work_on_a_full_disk(small_disk: Path, store_file: Path) -> None:
    path = small_disk / "story.db"
    shutil.copy(store_file, path)
    filler = small_disk / "filler"
    # (suppress outermost: closing the file flushes what a write could not, and fails too)
    with contextlib.suppress(OSError), filler.open("wb") as out:
        while True:
            out.write(bytes(64 * 1024))
            out.flush()
    with contextlib.suppress(OSError):  # the last few bytes too
        with filler.open("ab") as out:
            while True:
                out.write(b"x")
                out.flush()
    for command in (["info"], ["search", "Huawei"]):
        done = subprocess.run([sys.executable, "main.py", "--db", str(path), *command],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    assert not path.with_name("story.db.lock").exists()
