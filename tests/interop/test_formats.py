"""Format detection against the real files in ../shared/data (skipped where it is absent), and
text decoding (BOM, UTF-16, Latin-1) on files of our own."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.formats import FORMATS, detect_format, read_story, reader
from models.interchange import FormatError, decode, dump_native
from models.paths import sample_story_path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"

EXPECTED = {
    "timelinejs3/compiled_examples__welcome.json": "timelinejs",
    "timelinejs3/src__template__eras.json": "timelinejs",
    "timelinejs3/compiled_examples__group_sample.json": "timelinejs",
    "timelinejs3/compiled_examples__cosmological.json": "timelinejs",
    "timelinejs3/compiled_examples__error_message_test.json": "timelinejs",
    "timelinejs3/compiled_examples__groups_test_3.json": "timelinejs",
    "timelinejs3/src__template__my-own-timeline.csv": "timelinejs-csv",
    "thetimelineproj/documentation__release__versions.timeline": "timeline-xml",
    "thetimelineproj/examples__example.timeline": "timeline-xml",
    "thetimelineproj/from_test__containers.timeline": "timeline-xml",
    "icews/andybega_icews__events.2018.sample.tab": "icews",
    "gdelt/cyrilvincent_iscri__20240921.small.CSV": "gdelt",
    "vis-timeline/examples__timeline__resources__data__basic.json": "vis",
    # Not data: licences and a list of column names.
    "gdelt/jdrumgoole_gdelttools__GDELT_fieldFile.txt": None,
    "timelinejs3/LICENSE.MPL-2.0.txt": None,
    "thetimelineproj/COPYING.GPL-3.0.txt": None,
}

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


@needs_data
@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_real_files_are_told_apart(name: str, expected: str | None) -> None:
    path = DATA / name
    text = decode(path.read_bytes(), name).text
    assert detect_format(text, path.name) == expected


@needs_data
def test_every_shared_data_file_is_listed() -> None:
    found = {str(p.relative_to(DATA)) for p in DATA.glob("*/*") if p.is_file()}
    unlisted = {p for p in found - set(EXPECTED) if "LICENSE" not in p}
    assert not unlisted, f"add these to EXPECTED: {sorted(unlisted)}"


def test_native_is_detected_and_read(tmp_path: Path) -> None:
    imported = read_story(sample_story_path())
    story, found = imported.story, imported.format
    assert found == "native" and len(story.events) == 10


def test_forced_format_that_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="use one of"):
        read_story(sample_story_path(), format="excel")
    assert "native" in FORMATS


@pytest.mark.parametrize(("text", "expected"), [
    ('{"format": "chronolens", "version": 1}', "native"),
    ('{"version": 1, "title": "x", "format": "chronolens"}', "native"),  # not as we write it
    ('{"timeline": {"headline": "x", "date": []}}', "timelinejs"),
    ('{"events": [{"start_date": {"year": "2020"}}]}', "timelinejs"),
    ('[{"id": 1, "content": "a", "start": "2020-01-01"}]', "vis"),
    ('{"items": [], "groups": []}', "vis"),
    ("<?xml version='1.0'?>\n<timeline><version>0.1.0</version></timeline>", "timeline-xml"),
    ("<html><body>not a timeline</body></html>", None),
    ("Date,Title,Parties\n2020-01-01,Something,A;B\n", "csv"),
    ("Year,Month,Day,Time,Headline\n2020,1,2,,x\n", "timelinejs-csv"),
    ("just one line of prose", None),
    ("", None),
    ("[1, 2, 3]", None),
    ("{not json", None),
])
def test_small_files_are_told_apart(text: str, expected: str | None) -> None:
    assert detect_format(text, "file.csv" if expected == "csv" else "") == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_native_in_any_unicode_encoding_imports(tmp_path: Path, encoding: str) -> None:
    story = read_story(sample_story_path()).story
    path = tmp_path / f"story-{encoding}.json"
    path.write_bytes(dump_native(story).encode(encoding))
    imported = read_story(path)
    again, found = imported.story, imported.format
    assert found == "native" and dump_native(again) == dump_native(story)


def test_latin1_is_read_with_a_warning() -> None:
    decoded = decode("Zürich, Genève".encode("latin-1"), "f.csv")
    assert decoded.text == "Zürich, Genève" and decoded.encoding == "latin-1"
    assert decoded.warnings and "Latin-1" in decoded.warnings[0]


def test_a_broken_utf16_file_is_refused() -> None:
    with pytest.raises(FormatError, match="not valid utf-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "f.json")


@settings(max_examples=500, deadline=None)
# A text starting with U+FEFF or NUL is left out: its bytes are a BOM (or a UTF-32 one, after
# UTF-16's own FF FE), which no reader can tell from the text.
@given(st.text().filter(lambda t: not t.startswith(("\ufeff", "\x00"))),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_any_text(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be written in any UTF
        return
    assert decode(data, "f").text == text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_detection_never_fails(text: str) -> None:
    assert detect_format(text, "x") in (*FORMATS, None)


def test_cli_import_reports_the_format(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "s.db"), "import",
                           str(sample_story_path()), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "native"


def test_native_in_latin1_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"format": "chronolens", "version": 1, "title": "caf\xe9"}')
    with pytest.raises(FormatError, match="not UTF-8"):
        read_story(path)


@pytest.mark.parametrize("name", ["timeline.csv", "timeline.txt", ""])
def test_a_csv_with_an_unnamed_index_column_is_csv(name: str) -> None:
    # As pandas' to_csv() writes it: the index first, under an empty name.
    text = ",Date,Event,Country\n0,1610,First look through a telescope,Venice\n1,1668,Next,UK\n"
    assert detect_format(text, name) == "csv"
    story = reader("csv")(text, source="t.csv")
    assert [(e.title, e.when.edtf()) for e in story.events] == [
        ("First look through a telescope", "1610"), ("Next", "1668")]


def test_prose_with_commas_is_still_no_csv() -> None:
    assert detect_format("Hello, world, and goodbye,\nsaid nobody\n", "notes.txt") is None


@pytest.mark.parametrize(("name", "text"), [
    ("items.json", '[{"id": 1, "content": "x", "start": "someday"}]'),
    ("events.csv", "title,date\nx,someday\n"),
    ("t.json", '{"events": [{"text": {"headline": "x"}}]}'),
    ("a.timeline", "<timeline><events><event><start>soon</start><text>x</text></event>"
                   "</events></timeline>"),
])
def test_skip_invalid_with_nothing_valid_left_is_refused(tmp_path: Path, name: str,
                                                         text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_story(path, skip_invalid=True)
    assert raised.value.problems and raised.value.valid is None
