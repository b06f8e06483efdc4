"""`export OUT --format NAME` and round trips through other tools' formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.formats import read_story
from models.interchange import dump_native, read_native
from models.paths import sample_story_path
from models.store import Store

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


def chronolens(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "s.db"
    assert chronolens("--db", db, "import", sample_story_path()).returncode == 0
    return db


@pytest.mark.parametrize(("name", "expected"), [
    ("out.json", "native"), ("out.csv", "csv"), ("out.png", "png"), ("out.svg", "svg"),
    ("out.pdf", "pdf")])
def test_the_format_comes_from_the_suffix(sample_db: Path, tmp_path: Path, name: str,
                                          expected: str) -> None:
    out = tmp_path / name
    done = chronolens("--db", sample_db, "export", out)
    assert done.returncode == 0, done.stderr
    assert f"({expected})" in done.stdout
    data = out.read_bytes()
    assert data.startswith({"native": b"{", "csv": b"\xef\xbb\xbfid,", "png": b"\x89PNG",
                            "svg": b"<?xml", "pdf": b"%PDF"}[expected])
    assert not list(tmp_path.glob("*.partial"))


def test_an_unknown_suffix_asks_for_a_format(sample_db: Path, tmp_path: Path) -> None:
    done = chronolens("--db", sample_db, "export", tmp_path / "out.xlsx")
    assert done.returncode == 1 and "--format" in done.stderr and "'.xlsx'" in done.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_an_unwritable_target_is_named_and_nothing_is_left(sample_db: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "out.json"
    done = chronolens("--db", sample_db, "export", out)
    assert done.returncode == 1 and str(out) in done.stderr and "Traceback" not in done.stderr


def test_a_link_planted_beside_the_target_is_not_written_through(sample_db: Path,
                                                                 tmp_path: Path) -> None:
    # ln -s victim out.json.partial; chronolens export out.json: overwrote victim, and left
    # out.json a link to it.
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    (tmp_path / "out.json.partial").symlink_to(victim)
    done = chronolens("--db", sample_db, "export", tmp_path / "out.json")
    assert done.returncode == 0, done.stderr
    assert victim.read_text() == "keep me"
    out = tmp_path / "out.json"
    assert not out.is_symlink() and json.loads(out.read_text(encoding="utf-8"))["events"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "out.json.partial",
                                                          "victim"]


def test_native_round_trip_is_unchanged(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert chronolens("--db", sample_db, "export", out).returncode == 0
    assert out.read_text(encoding="utf-8") == dump_native(read_native(sample_story_path()))


def _dates_groups_eras(store: Store) -> tuple[list[tuple[str, str, str | None]],
                                              list[tuple[str, str]]]:
    story = store.story()
    names = {c.key: c.name for c in story.categories}
    events = sorted((e.title, e.when.edtf(), names.get(e.category or "")) for e in story.events)
    return events, sorted((e.name, e.when.edtf()) for e in story.eras)


def test_timelinejs_export_then_import_keeps_events_dates_groups_and_eras(
        sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "story.json"
    assert chronolens("--db", sample_db, "export", out, "--format", "timelinejs").returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["events"]) == 10 and len(doc["eras"]) == 2 and "title" in doc
    again = tmp_path / "again.db"
    done = chronolens("--db", again, "import", out, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "timelinejs"
    with Store.open(sample_db) as before, Store.open(again) as after:
        assert _dates_groups_eras(after) == _dates_groups_eras(before)


def test_csv_export_then_import_keeps_events_parties_and_roles(sample_db: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "story.csv"
    assert chronolens("--db", sample_db, "export", out).returncode == 0
    story = read_story(out).story
    with Store.open(sample_db) as before:
        original = before.story()
    names = {p.key: p.name for p in original.parties}
    assert sorted((e.title, e.when.edtf()) for e in story.events) == sorted(
        (e.title, e.when.edtf()) for e in original.events)
    imported = {p.key: p.name for p in story.parties}
    assert sorted(sorted((imported[r.party], r.role) for r in e.parties) for e in story.events) \
        == sorted(sorted((names[r.party], r.role) for r in e.parties) for e in original.events)


@needs_data
@pytest.mark.parametrize("name", ["compiled_examples__welcome.json",
                                  "src__template__eras.json",
                                  "compiled_examples__cosmological.json"])
def test_real_timelinejs_files_survive_import_export_import(tmp_path: Path, name: str) -> None:
    first, second = tmp_path / "1.db", tmp_path / "2.db"
    assert chronolens("--db", first, "import", DATA / "timelinejs3" / name).returncode == 0
    out = tmp_path / "out.json"
    assert chronolens("--db", first, "export", out, "--format", "timelinejs").returncode == 0
    assert chronolens("--db", second, "import", out).returncode == 0
    with Store.open(first) as a, Store.open(second) as b:
        assert _dates_groups_eras(a) == _dates_groups_eras(b)
        assert sorted(map(repr, (link for e in a.story().events for link in e.links))) == \
            sorted(map(repr, (link for e in b.story().events for link in e.links)))
