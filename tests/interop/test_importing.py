"""The `import` command over every file in ../shared/data: what it says, what it writes, and
that one invalid record writes nothing unless --skip-invalid."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.dates import parse_edtf
from models.importing import read_files, write_files
from models.interchange import FormatError, dump_native
from models.store import Store
from models.story import EventRecord, PartyRecord, RoleRecord, Story

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
ERRORS = DATA / "timelinejs3" / "compiled_examples__error_message_test.json"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")

# Every data file: (format, events, parties, categories, eras) as the file holds them.
EXPECTED = {
    "timelinejs3/compiled_examples__welcome.json": ("timelinejs", 26, 0, 3, 0),
    "timelinejs3/src__template__eras.json": ("timelinejs", 20, 0, 0, 3),
    "timelinejs3/compiled_examples__group_sample.json": ("timelinejs", 7, 0, 4, 0),
    "timelinejs3/compiled_examples__cosmological.json": ("timelinejs", 6, 0, 0, 0),
    "timelinejs3/compiled_examples__groups_test_3.json": ("timelinejs", 25, 0, 2, 0),
    "timelinejs3/src__template__my-own-timeline.csv": ("timelinejs-csv", 10, 0, 0, 0),
    "thetimelineproj/documentation__release__versions.timeline": ("timeline-xml", 59, 0, 3, 0),
    "thetimelineproj/examples__example.timeline": ("timeline-xml", 1, 0, 1, 0),
    "thetimelineproj/from_test__containers.timeline": ("timeline-xml", 1, 0, 1, 0),
    "icews/andybega_icews__events.2018.sample.tab": ("icews", 3705, 1397, 0, 0),
    "gdelt/cyrilvincent_iscri__20240921.small.CSV": ("gdelt", 10, 6, 0, 0),
    "vis-timeline/examples__timeline__resources__data__basic.json": ("vis", 6, 0, 0, 0),
}


def chronolens(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@needs_data
@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_each_real_file_imports_with_its_counts(tmp_path: Path, name: str,
                                                expected: tuple[str, int, int, int, int]) -> None:
    done = chronolens("--db", tmp_path / "s.db", "import", DATA / name, "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert (found["format"], found["events"], found["parties"], found["categories"],
            found["eras"]) == expected
    assert found["skipped"] == [] and found["merged"] == []
    with Store.open(tmp_path / "s.db") as store:
        info = store.info()
        assert (info.events, info.parties) == (expected[1], expected[2])


@needs_data
def test_an_invalid_record_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = chronolens("--db", db, "import", ERRORS)
    assert done.returncode == 1
    assert "compiled_examples__error_message_test.json" in done.stderr
    assert '$.events[9] ("Hawaii"): start_date is missing' in done.stderr
    assert "Traceback" not in done.stderr
    assert not db.exists()  # nothing, not even an empty store
    done = chronolens("--db", db, "import", ERRORS, "--skip-invalid", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["events"] == 16 and len(found["skipped"]) == 1
    assert "Hawaii" in found["skipped"][0]


@needs_data
def test_one_bad_file_among_many_writes_none_of_them(tmp_path: Path) -> None:
    with Store.memory() as store, pytest.raises(FormatError) as raised:
        write_files(store, read_files([DATA / "vis-timeline" /
                                       "examples__timeline__resources__data__basic.json",
                                       ERRORS]))
    assert "error_message_test.json" in str(raised.value)


@needs_data
def test_everything_at_once_merges_parties_across_files(tmp_path: Path) -> None:
    done = chronolens("--db", tmp_path / "s.db", "import", *(DATA / n for n in EXPECTED),
                      "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["events"] == sum(e[1] for e in EXPECTED.values())
    # GDELT's upper-case country actors are ICEWS's countries.
    assert {"party": "TURKEY", "into": "Turkey"} in found["merged"]
    with Store.open(tmp_path / "s.db") as store:
        assert store.info().parties == found["parties"] - len(found["merged"])


def test_summary_counts_merges_and_the_progress_line(tmp_path: Path) -> None:
    many = Story(parties=(PartyRecord("p", "Huawei Technologies"),), events=tuple(
        EventRecord(f"e{i}", f"Event {i}", parse_edtf("2001"), parties=(RoleRecord("p", "x"),))
        for i in range(25_000)))
    first = tmp_path / "first.json"
    first.write_text(dump_native(many), encoding="utf-8")
    second = tmp_path / "second.json"
    second.write_text(dump_native(Story(parties=(PartyRecord("q", "Huawei", aliases=(
        "huawei technologies",)),), events=(EventRecord("x", "X", parse_edtf("2002"), parties=(
            RoleRecord("q", "y"),)),))), encoding="utf-8")
    done = chronolens("--db", tmp_path / "s.db", "import", first, second)
    assert done.returncode == 0, done.stderr
    assert "Imported 25,001 events and 2 parties from 2 files (Chronolens JSON)." in done.stdout
    assert "1 party merged" in done.stdout
    assert "merged: Huawei → Huawei Technologies" in done.stdout
    progress = [line for line in done.stderr.splitlines() if line.startswith("Writing events")]
    assert progress[-1] == "Writing events: 25,001 of 25,001 (100%)" and len(progress) >= 3
