"""`export OUT --format NAME` and round trips through other tools' formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.formats import read_story
from models.interchange import FormatError, dump_native, read_native
from models.paths import sample_story_path
from models.store import Store
from models.story import Story

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


# --- whatever is imported exports and reads back the same (issue #12) ----------------------------

# Text as other tools' files hold it, control characters above all: C0 and C1 controls, DEL,
# Unicode's line and paragraph separators, a BOM, and a NUL (which every reader refuses, naming
# the line and field). Not ";", "|" or "<": the CSV export's party list and HTML cells give
# those meanings of their own (README, "CSV files").
CONTROL = [chr(c) for c in (*range(0x01, 0x20), 0x7F, *range(0x80, 0xA0))]
TEXT_CHARS = st.sampled_from([*CONTROL, "\x00", "\u2028", "\u2029", "\ufeff", "a", "B", "é", " ",
                              ",", '"', "'", "=", "-", "+", "@", "(", ")", "華"])


def cell_text(*, structure: str = "") -> st.SearchStrategy[str]:
    """Text for a cell, without the characters that make the file's structure."""
    return st.text(TEXT_CHARS.filter(lambda c: c not in structure), max_size=12)


ICEWS_HEADER = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
                "Target Country", "Story ID", "Publisher", "City", "Country", "Latitude"]


@st.composite
def icews_files(draw: st.DrawFn) -> str:
    text = cell_text(structure="\t\n")
    rows = ["\t".join(ICEWS_HEADER)]
    for n in range(draw(st.integers(1, 4))):
        rows.append("\t".join([str(n + 1), f"2018-06-0{n + 1}",
                               *(draw(text) for _ in ICEWS_HEADER[2:])]))
    return "\n".join(rows) + "\n"


@st.composite
def gdelt_files(draw: st.DrawFn) -> str:
    from models.event_data import GDELT_1_COLUMNS

    text = cell_text(structure="\t\n")
    given = {"Actor1Name", "Actor1Code", "Actor2Name", "Actor2CountryCode", "Actor1Type1Code",
             "EventCode", "ActionGeo_FullName", "AvgTone", "SOURCEURL"}
    rows = []
    for n in range(draw(st.integers(1, 4))):
        cells = {"GLOBALEVENTID": str(n + 1), "SQLDATE": f"2014092{n}",
                 **{name: draw(text) for name in given}}
        rows.append("\t".join(cells.get(name, "") for name in GDELT_1_COLUMNS))
    return "\n".join(rows) + "\n"


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "title", "date", "description", "category", "parties", "Sector"])
    text = cell_text()
    for n in range(draw(st.integers(1, 4))):
        # (a title and a party need a letter: "" is no title, and a name of spaces no name)
        writer.writerow([f"e{n}", "t" + draw(text), f"201{n}", draw(text), draw(text),
                         "p" + draw(text), draw(text)])
    return out.getvalue()


def _refused_rows_are_named(text: str, imported_skipped: tuple[str, ...], name: str) -> None:
    """Each row holding a NUL, and only those, is named as invalid by its (first) line."""
    if name.endswith(".csv"):  # a record may span lines ("\r" ends one too): its first one
        reader, line, nul_lines = csv.reader(io.StringIO(text, newline="")), 1, set()
        for row in reader:
            first, line = line, reader.line_num + 1
            if any("\x00" in cell for cell in row):
                nul_lines.add(first)
    else:
        nul_lines = {n for n, line in enumerate(text.split("\n"), 1) if "\x00" in line}
    named = {int(problem.split(" ", 2)[1].rstrip(":,")) for problem in imported_skipped}
    assert all("contains a NUL character" in problem for problem in imported_skipped)
    assert named == nul_lines, (imported_skipped, nul_lines)


def _in_csv_terms(story: Story) -> list[tuple[object, ...]]:
    """What the CSV export keeps of each event: title, date, description, category name,
    parties by name with roles, the first citation's source and quote, the attributes. (Not
    in their order: parties come back in the order of their keys, and attributes in the order
    of the file's columns.)"""
    categories = {c.key: c.name for c in story.categories}
    parties = {p.key: p.name for p in story.parties}
    sources = {s.key: (s.title, s.url) for s in story.sources}
    return sorted(
        (e.title, e.when.edtf(), e.description, categories.get(e.category or ""),
         tuple(sorted((parties[r.party], r.role) for r in e.parties)),
         tuple((*sources[c.source], c.quote) for c in e.citations[:1]),
         tuple(sorted(e.attributes)))
        for e in story.events)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(source=st.one_of(icews_files().map(lambda t: ("events.tab", t)),
                        gdelt_files().map(lambda t: ("20140920.export.CSV", t)),
                        csv_files().map(lambda t: ("story.csv", t))))
def test_whatever_is_imported_exports_and_reads_back_the_same(
        tmp_path_factory: pytest.TempPathFactory, source: tuple[str, str]) -> None:
    from models.formats import export_story

    folder = tmp_path_factory.mktemp("round-trip")
    name, text = source
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    try:
        imported = read_story(path, skip_invalid=True)
    except FormatError as error:  # every row refused: each is named
        assert all("NUL" in p for p in error.problems), error.problems
        _refused_rows_are_named(text, tuple(error.problems), name)
        return
    _refused_rows_are_named(text, imported.skipped, name)
    with Store.memory() as first:
        first.add_stories([imported.story])
        stored = first.story()
    native, table = folder / "out.json", folder / "out.csv"
    export_story(stored, native, "native")
    export_story(stored, table, "csv")
    # Native JSON: the same story, key for key (the same file when written again).
    again = read_story(native)
    assert again.format == "native" and not again.skipped
    with Store.memory() as second:
        second.add_stories([again.story])
        assert dump_native(second.story()) == dump_native(stored)
    # CSV: the same events, in what CSV keeps.
    as_csv = read_story(table)
    assert as_csv.format == "csv" and not as_csv.skipped
    with Store.memory() as third:
        third.add_stories([as_csv.story])
        assert _in_csv_terms(third.story()) == _in_csv_terms(stored)
