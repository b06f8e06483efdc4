"""The crash-safety stress script (benchmarks/kill_import.py, issue #4): a short run of it, and
its checker shown to catch what it is there to catch (else "0 corrupt, 0 partial" means nothing).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.kill_import import (
    SAMPLE,
    Fingerprint,
    app_env,
    classify,
    cli,
    inspect,
)

ROOT = Path(__file__).resolve().parent.parent


def test_killed_imports_leave_nothing_or_everything(tmp_path: Path) -> None:
    # Short: 20,000 events, 4 trials, one per base (the full run uses >= 200 trials).
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.kill_import", "--trials", "4", "--events", "20000",
         "--seed", "1", "--workdir", str(tmp_path), "--keep-failures", "--json",
         "--timing-runs", "1", "--app-every", "4"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["trials"] == 4
    assert report["corrupt"] == 0 and report["partial"] == 0 and report["lost"] == 0
    assert report["nothing"] + report["everything"] == 4
    assert report["app_checks"] == 1 and report["app_failures"] == 0
    assert report["retries"] == 4 and report["unusable"] == 0  # running it again finishes it
    assert set(report["by_base"]) == {"sample", "empty", "new", "generate"}
    assert report["by_base"]["new"]["counts"]["events"] == 20000
    assert report["by_base"]["generate"]["counts"]["events"] == 20000
    assert report["by_base"]["empty"]["counts"]["events"] == 20000
    assert report["by_base"]["sample"]["counts"]["events"] == 20010  # plus the sample's 10
    assert not (tmp_path / "trials").exists()  # trial copies are removed


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Fingerprint]:
    folder = tmp_path_factory.mktemp("kill-import-checker")
    db = folder / "sample.db"
    result = cli(db, "import", str(SAMPLE), env=app_env(folder))
    assert result.returncode == 0, result.stderr
    verdict = inspect(db)
    assert verdict.problems == [] and verdict.fingerprint is not None
    return db, verdict.fingerprint


def changed(sample_store: tuple[Path, Fingerprint], tmp_path: Path, sql: str) -> str:
    """Copy the sample store, change it with `sql`, and classify the copy."""
    original, fingerprint = sample_store
    db = tmp_path / "changed.db"
    shutil.copyfile(original, db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(sql)
    conn.close()
    return classify(inspect(db), fingerprint, {**fingerprint, "schema": "another"})


def test_an_untouched_copy_is_nothing(sample_store: tuple[Path, Fingerprint],
                                      tmp_path: Path) -> None:
    assert changed(sample_store, tmp_path, "SELECT 1") == "nothing"


@pytest.mark.parametrize("sql", [
    "UPDATE meta SET value = 'another title'",  # one value in one row
    "INSERT INTO count_levels (level, width) VALUES (99, 1)",  # a table nothing else checks
    "DROP INDEX idx_events_window",  # the schema
])
def test_a_sound_store_with_other_content_is_partial(
        sample_store: tuple[Path, Fingerprint], tmp_path: Path, sql: str) -> None:
    assert changed(sample_store, tmp_path, sql) == "partial"


@pytest.mark.parametrize("sql", [
    # An emptied index passes FTS5's plain integrity-check; compared with its content, it fails.
    "INSERT INTO events_fts (events_fts) VALUES ('delete-all')",
    "INSERT INTO aliases (party_id, name) VALUES (999999, 'nobody')",  # dangling reference
])
def test_an_inconsistent_store_is_corrupt(sample_store: tuple[Path, Fingerprint],
                                          tmp_path: Path, sql: str) -> None:
    assert changed(sample_store, tmp_path, sql) == "corrupt"


def test_a_damaged_file_is_corrupt(sample_store: tuple[Path, Fingerprint],
                                   tmp_path: Path) -> None:
    original, fingerprint = sample_store
    db = tmp_path / "damaged.db"
    data = bytearray(original.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[3 * page:3 * page + 200] = b"\xa5" * 200  # garbage over the start of a b-tree page
    db.write_bytes(bytes(data))
    verdict = inspect(db)
    assert verdict.problems and classify(verdict, fingerprint, fingerprint) == "corrupt"
