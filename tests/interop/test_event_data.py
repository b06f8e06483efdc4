"""ICEWS and GDELT event data: the real samples in ../shared/data, and files of our own."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.event_data import GDELT_2_COLUMNS, parse_gdelt, parse_icews
from models.formats import detect_format, read_story
from models.interchange import FormatError
from models.store import Store
from models.story import Story

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
ICEWS_FILE = DATA / "icews" / "andybega_icews__events.2018.sample.tab"
GDELT_FILE = DATA / "gdelt" / "cyrilvincent_iscri__20240921.small.CSV"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,159}\Z")


def assert_consistent(story: Story) -> None:
    """Keys as read_story needs them (valid, unique per record type), and every reference
    naming a record of the story."""
    for records in (story.parties, story.sources, story.events):
        keys = [r.key for r in records]
        assert all(KEY.match(k) for k in keys), keys
        assert len(set(keys)) == len(keys)
    parties, sources = {p.key for p in story.parties}, {s.key for s in story.sources}
    for event in story.events:
        assert {r.party for r in event.parties} <= parties
        assert {c.source for c in event.citations} <= sources


def invalid(parse: Callable[[str], Story], text: str) -> FormatError:
    with pytest.raises(FormatError) as caught:
        parse(text)
    return caught.value


# --- ICEWS: the real sample ----------------------------------------------------------------------


@needs_data
def test_icews_sample_imports_whole() -> None:
    imported = read_story(ICEWS_FILE)
    assert imported.format == "icews" and not imported.skipped
    story = imported.story
    # 1,397 distinct Source/Target names (no NA among them); 1,876 distinct Story IDs.
    assert (len(story.events), len(story.parties), len(story.sources)) == (3705, 1397, 1876)
    with Store.memory() as store:
        store.add_stories([story])
        info = store.info()
        assert (info.events, info.parties, info.sources, info.citations) == (
            3705, 1397, 1876, 3705)
        assert info.earliest is not None and info.earliest.edtf() == "2018-06-01"
        assert info.latest is not None and info.latest.edtf() == "2018-06-02"


@needs_data
def test_icews_sample_values() -> None:
    story = parse_icews(ICEWS_FILE.read_text(encoding="utf-8"))
    assert_consistent(story)
    events = {e.key: e for e in story.events}
    parties = {p.name: p for p in story.parties}
    first = events["icews:32889836"]
    assert first.title == ("Foreign Affairs (Bangladesh): Consult → High Ranking Military "
                           "Personnel (Vietnam)")
    assert first.when.edtf() == "2018-06-01"
    assert first.attributes == (
        ("CAMEO code", "040"), ("Event type", "Consult"), ("Intensity", "1"),
        ("Place", "Hanoi, Thanh Pho Ha Noi, Vietnam"), ("Latitude", "21.0245"),
        ("Longitude", "105.841"), ("ICEWS event id", "32889836"), ("Sentence", "2"))
    source = parties["Foreign Affairs (Bangladesh)"]
    target = parties["High Ranking Military Personnel (Vietnam)"]
    assert [(r.party, r.role) for r in first.parties] == [(source.key, "source"),
                                                          (target.key, "target")]
    assert source.kind == "government"
    assert source.attributes == (("Sectors", "Executive, Foreign Ministry, Government"),
                                 ("Country", "Bangladesh"))
    [citation] = first.citations
    story_source = next(s for s in story.sources if s.key == citation.source)
    assert (story_source.key, story_source.title, story_source.publisher) == (
        "story:47400351", "Vietnam News Agency Bulletin story 47400351",
        "Vietnam News Agency Bulletin")
    # NA: Japan has no sectors; the row has no City or District.
    assert parties["Japan"].attributes == (("Country", "Japan"),)
    assert parties["Japan"].kind == "place"
    assert dict(events["icews:32891065"].attributes)["Place"] == "Japan"
    # A row whose place is all NA has no place, latitude or longitude.
    assert [name for name, _ in events["icews:32891407"].attributes] == [
        "CAMEO code", "Event type", "Intensity", "ICEWS event id", "Sentence"]
    assert parties["Citizen (India)"].kind == "group"
    assert parties["Donald Trump"].kind == "other"
    assert Counter(p.kind for p in story.parties) == {
        "other": 472, "group": 414, "government": 411, "place": 100}
    assert parse_icews(ICEWS_FILE.read_text(encoding="utf-8")) == story  # stable keys


# --- ICEWS: files of our own ---------------------------------------------------------------------

HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
          "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
          "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude")


def icews_row(event_id: str = "1", date: str = "2018-06-01", source: str = "Police (India)",
              target: str = "Citizen (India)", story: str = "77", **overrides: str) -> str:
    fields = dict(zip(HEADER.split("\t"), [
        event_id, date, source, "Police,Government", "India", "Arrest, detain, or charge",
        "173", "-5", target, "NA", "India", story, "3", "Hindustan Times", "Mumbai", "NA",
        "Maharashtra", "India", "19.07", "72.88"], strict=True))
    fields.update(overrides)
    return "\t".join(fields.values())


def test_icews_na_and_absent_actors() -> None:
    story = parse_icews("\n".join([
        HEADER,
        icews_row("1"),
        icews_row("2", source="NA", story="NA", **{"Latitude": "NA", "Longitude": ""}),
        icews_row("3", source="Police (India)", target="Police (India)"),
        icews_row("4", source="NA", target="NA", **{"Event Text": "NA", "CAMEO Code": "042"}),
    ]) + "\n")
    assert_consistent(story)
    one, two, three, four = story.events
    police, citizen = story.parties
    assert one.title == "Police (India): Arrest, detain, or charge → Citizen (India)"
    assert police.kind == "government" and citizen.kind == "group"
    assert police.attributes == (("Sectors", "Police, Government"), ("Country", "India"))
    assert citizen.attributes == (("Country", "India"),)  # Target Sectors NA
    assert two.title == "Arrest, detain, or charge → Citizen (India)"
    assert [r.role for r in two.parties] == ["target"] and two.citations == ()
    assert "Latitude" not in dict(two.attributes) and "Longitude" not in dict(two.attributes)
    assert dict(one.attributes)["Place"] == "Mumbai, Maharashtra, India"
    assert [(r.party, r.role) for r in three.parties] == [(police.key, "source"),
                                                          (police.key, "target")]
    assert four.title == "Consult" and four.parties == ()  # CAMEO 042: root 04
    assert dict(four.attributes)["CAMEO code"] == "042"
    [source] = story.sources
    assert (source.key, source.title) == ("story:77", "Hindustan Times story 77")
    with Store.memory() as store:
        store.add_stories([story])
        assert store.info().events == 4 and store.info().parties == 2


def test_icews_columns_by_name_in_any_order_and_case() -> None:
    names = ["longitude", "EXTRA", "Target Name", "Event Text", "event date", "Source Name",
             "Event ID", "CAMEO Code"]
    text = "\t".join(names) + "\r\n" + "\t".join(
        ["105.8", "ignored", "Vietnam", "Consult", "2018-06-02", "Japan", "9", "040"]) + "\r\n"
    [event] = parse_icews(text).events
    assert event.key == "icews:9" and event.title == "Japan: Consult → Vietnam"
    assert event.when.edtf() == "2018-06-02"
    assert event.attributes == (("CAMEO code", "040"), ("Event type", "Consult"),
                                ("Longitude", "105.8"), ("ICEWS event id", "9"))


def test_icews_missing_columns_refuse_the_file() -> None:
    error = invalid(parse_icews, "Event ID\tEvent Date\tSource Name\n1\t2018-06-01\tA\n")
    assert error.valid is None
    [problem] = error.problems
    assert problem.startswith("line 1: no column 'Event Text', 'Target Name'")
    assert invalid(parse_icews, "").valid is None


def test_icews_invalid_rows_are_named_and_the_rest_kept() -> None:
    text = "\n".join([
        HEADER,
        icews_row("1"),
        icews_row("2", date="2018-13-01"),
        icews_row("NA"),
        "",
        icews_row("3") + "\textra",
        icews_row("1", target="Someone Else"),
        icews_row("4", date="1 June 2018"),
        icews_row("5", target="Only Here"),
    ])
    error = invalid(parse_icews, text)
    assert [p.split(":")[0] for p in error.problems] == [
        "line 3", "line 4", "line 6", "line 7", "line 8"]
    assert error.problems[0].startswith("line 3: Event Date: '2018-13-01' is not a date")
    assert error.problems[1] == "line 4: no Event ID"
    assert error.problems[2] == "line 6: has 21 fields; the header has 20"
    assert error.problems[3] == "line 7: Event ID '1' is also on line 2"
    assert error.valid is not None
    assert [e.key for e in error.valid.events] == ["icews:1", "icews:5"]
    # Parties only of invalid rows are not in the story of the valid ones.
    assert [p.name for p in error.valid.parties] == ["Police (India)", "Citizen (India)",
                                                     "Only Here"]


def test_icews_skip_invalid_imports_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "events.tab"
    path.write_text("\n".join([HEADER, icews_row("1"), icews_row("2", date="x")]) + "\n",
                    encoding="utf-8")
    with pytest.raises(FormatError, match="line 3"):
        read_story(path)
    imported = read_story(path, skip_invalid=True)
    assert imported.format == "icews" and len(imported.skipped) == 1
    with Store.memory() as store:
        store.add_stories([imported.story])
        assert store.info().events == 1


def test_icews_party_keys_are_unique_and_stable() -> None:
    text = "\n".join([HEADER, icews_row("1", source="A B", target="A-B"),
                      icews_row("2", source="***", target="A B")])
    story = parse_icews(text)
    assert [(p.name, p.key) for p in story.parties] == [
        ("A B", "party:A-B"), ("A-B", "party:A-B-2"), ("***", "party:unnamed")]
    assert parse_icews(text) == story


# --- GDELT: the real sample ----------------------------------------------------------------------


@needs_data
def test_gdelt_sample_imports_whole() -> None:
    imported = read_story(GDELT_FILE)
    assert imported.format == "gdelt"
    story = imported.story
    assert (len(story.events), len(story.parties), len(story.sources)) == (10, 6, 5)
    with Store.memory() as store:
        store.add_stories([story])
        info = store.info()
        assert (info.events, info.parties, info.sources, info.citations) == (10, 6, 5, 10)


@needs_data
def test_gdelt_sample_values() -> None:
    story = parse_gdelt(GDELT_FILE.read_text(encoding="utf-8"))
    assert_consistent(story)
    events = {e.key: e for e in story.events}
    parties = {p.name: p for p in story.parties}
    first = events["gdelt:1199516024"]
    assert first.title == "PRESIDENT: Consult → MILITARY"
    assert first.when.edtf() == "2014-09-24"
    facts = dict(first.attributes)
    assert (facts["CAMEO code"], facts["CAMEO root code"], facts["Event type"]) == (
        "040", "04", "Consult")
    assert facts["Date added"] == "2024-09-21" and facts["Goldstein scale"] == "1.0"
    second = dict(events["gdelt:1199516025"].attributes)
    assert (second["Place"], second["Latitude"], second["Longitude"]) == (
        "Adalet, Hatay, Turkey", "36.272", "36.4657")
    assert second["Target actor code"] == "TURMIL"
    assert parties["TURKEY"].attributes == (("Country code", "TUR"), ("Type code", "MIL"))
    assert parties["AUSTRALIA"].kind == "place" and parties["PRESIDENT"].kind == "government"
    assert parties["STUDENT"].kind == "group"
    no_source = events["gdelt:1199516027"]  # Actor1 empty: only a target
    assert no_source.title == "Express intent to cooperate → AUSTRALIA"
    assert [r.role for r in no_source.parties] == ["target"]
    [citation] = first.citations
    url = next(s for s in story.sources if s.key == citation.source)
    assert url.url.startswith("https://www.saltlakecitysun.com/news/274614956/")
    assert url.publisher == "saltlakecitysun.com"


@needs_data
def test_gdelt_2_columns_match_the_gdelt_field_list() -> None:
    listed = [line.split(".")[0].lower() for line in
              (DATA / "gdelt" / "jdrumgoole_gdelttools__GDELT_fieldFile.txt").read_text().split()]
    ours = [name.lower() for name in GDELT_2_COLUMNS]
    assert ours == [{"day": "sqldate"}.get(name, name) for name in listed]


# --- GDELT: files of our own ---------------------------------------------------------------------

# A GDELT 1.0 row of 58 columns (the first real sample row, with a known group and Actor2
# changed), and the same event as GDELT 2.0 (an ADM2 code after each ADM1 code) and as a
# pre-2013 row (no SOURCEURL).
ROW_58 = ("7\t20140924\t201409\t2014\t2014.7233\tUSAGOV\tUNITED STATES\tUSA\t\t\t\t\tGOV\t\t\t"
          "NGOUNO\tUNITED NATIONS\t\tUNO\t\t\t\t\t\t\t1\t0233\t023\t02\t1\t3.4\t3\t1\t3\t"
          "-0.76\t1\tSpain\tSP\tSP\t40\t-4\tSP\t1\tSpain\tSP\tSP\t40\t-4\tSP\t4\t"
          "Madrid, Madrid, Spain\tSP\tSP29\t40.4\t-3.68\t-390625\t20240921\t"
          "https://example.org/a")
FIELDS_58 = ROW_58.split("\t")
ROW_61 = "\t".join([*FIELDS_58[:39], "A1", *FIELDS_58[39:46], "A2", *FIELDS_58[46:53], "A3",
                    *FIELDS_58[53:]])
ROW_57 = "\t".join(FIELDS_58[:57])


@pytest.mark.parametrize("row", [ROW_57, ROW_58, ROW_61], ids=["57", "58", "61"])
def test_gdelt_layouts(row: str) -> None:
    story = parse_gdelt(row + "\n")
    assert_consistent(story)
    [event] = story.events
    assert event.title == "UNITED STATES: Appeal → UNITED NATIONS"
    facts = dict(event.attributes)
    assert (facts["CAMEO code"], facts["CAMEO base code"], facts["CAMEO root code"]) == (
        "0233", "023", "02")
    assert (facts["Place"], facts["Latitude"], facts["Longitude"]) == (
        "Madrid, Madrid, Spain", "40.4", "-3.68")
    assert facts["Number of mentions"] == "3" and facts["Average tone"] == "-0.76"
    us, un = story.parties
    assert (us.kind, un.kind) == ("government", "organisation")
    assert un.attributes == (("Known group", "UNO"),)
    if row is ROW_57:
        assert story.sources == () and event.citations == ()
    else:
        [source] = story.sources
        assert source.url == "https://example.org/a" and event.citations[0].source == source.key


def test_gdelt_2_date_added_has_a_time() -> None:
    fields = ROW_61.split("\t")
    fields[59] = "20240921121500"
    [event] = parse_gdelt("\t".join(fields)).events
    assert dict(event.attributes)["Date added"] == "2024-09-21T12:15:00"


def test_gdelt_names_fall_back_to_codes() -> None:
    fields = FIELDS_58.copy()
    fields[6] = ""  # Actor1Name
    fields[15] = fields[16] = ""  # Actor2Code, Actor2Name
    fields[57] = "BBC Monitoring"  # not a URL: a source by its name only
    story = parse_gdelt("\t".join(fields))
    [event] = story.events
    assert event.title == "USAGOV: Appeal"
    assert [p.name for p in story.parties] == ["USAGOV"]
    [source] = story.sources
    assert (source.title, source.url, source.publisher) == ("BBC Monitoring", "", "")


def test_gdelt_bad_rows_are_named_and_the_rest_kept() -> None:
    second = ROW_58.replace("7\t20140924", "8\t20140931", 1)
    third = ROW_58.replace("7\t", "9\t", 1)
    text = "\n".join([ROW_58, "", "1\t2", second, ROW_58, "x" + third, third, ""])
    error = invalid(parse_gdelt, text)
    assert error.problems[0] == ("line 3: has 2 columns; this file's first row has 58 "
                                 "(GDELT 1.0 has 57 or 58 columns, GDELT 2.0 61)")
    assert error.problems[1].startswith("line 4: SQLDATE: ")
    assert error.problems[2] == "line 5: GLOBALEVENTID 7 is also on line 1"
    assert error.problems[3] == "line 6: GLOBALEVENTID 'x9' is not a number"
    assert len(error.problems) == 4
    assert error.valid is not None
    assert [e.key for e in error.valid.events] == ["gdelt:7", "gdelt:9"]


def test_gdelt_files_it_cannot_read() -> None:
    error = invalid(parse_gdelt, "\n\na\tb\tc\n")
    assert error.valid is None
    assert error.problems == ["line 3: has 3 tab-separated columns; a GDELT 1.0 file has 58 "
                              "(57 before April 2013), a GDELT 2.0 file 61"]
    assert invalid(parse_gdelt, " \n").problems == ["the file has no rows"]
    # Every row invalid: nothing to import, so no story of valid rows either.
    assert invalid(parse_gdelt, ROW_58.replace("7", "x", 1)).valid is None


def test_gdelt_story_goes_into_the_store(tmp_path: Path) -> None:
    path = tmp_path / "20240921.export.CSV"
    path.write_text("\n".join([ROW_58, ROW_58.replace("7\t", "8\t", 1), ROW_61]) + "\n",
                    encoding="utf-8")
    with pytest.raises(FormatError, match="line 3"):  # a 61-column row in a 58-column file
        read_story(path)
    imported = read_story(path, skip_invalid=True)
    assert imported.format == "gdelt"
    with Store.memory() as store:
        store.add_stories([imported.story])
        assert store.info().events == 2 and store.info().parties == 2


# --- never anything but a Story or FormatError ---------------------------------------------------


def outcome(parse: Callable[[str], Story], text: str) -> None:
    """Reading gives a story, or a FormatError with problems (and maybe the valid part of the
    story): either story is consistent."""
    try:
        story: Story | None = parse(text)
    except FormatError as error:
        assert error.problems
        story = error.valid
    if story is not None:
        assert_consistent(story)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_or_is_refused(text: str) -> None:
    outcome(parse_icews, text)
    outcome(parse_gdelt, text)


CELLS = st.sampled_from(["", "NA", " ", "040", "Japan", "A B", "A-B", "Police (India)",
                         "Government,Police", "é\u2028x", "\r", "***", "http://[::1", "x\ty"])


@st.composite
def rows(draw: st.DrawFn, widths: list[int], ids: list[str], dates: list[str]) -> str:
    """Lines of cells, most of them as wide as the file wants, with ids and dates that are
    often valid, so that rows get past the first checks."""
    width = draw(st.sampled_from(widths))
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(CELLS | st.text(max_size=5), min_size=width - 2,
                              max_size=width - 2 + draw(st.sampled_from([0, 0, 0, 1]))))
        lines.append("\t".join([draw(st.sampled_from(ids)), draw(st.sampled_from(dates)),
                                 *cells]))
    return "\n".join(lines)


@settings(max_examples=200, deadline=None)
@given(rows([20], ["1", "2", "NA", "", "a b", "***"],
            ["2018-06-01", "2018-02-30", "2018-6-1", "NA", "0000-01-01"]))
def test_icews_like_rows_read_or_are_refused(text: str) -> None:
    outcome(parse_icews, f"{HEADER}\n{text}")


@settings(max_examples=200, deadline=None)
@given(rows([57, 58, 61], ["1", "2", "", "x"], ["20180601", "20180230", "2018-06-01", ""]))
def test_gdelt_like_rows_read_or_are_refused(text: str) -> None:
    outcome(parse_gdelt, text)


def test_icews_event_ids_repeat_on_other_days() -> None:
    # ICEWS's Event ID is unique only together with the Event Date.
    story = parse_icews("\n".join([
        HEADER, icews_row("7", date="2018-06-01"), icews_row("7", date="2018-06-03"),
        icews_row("8")]) + "\n")
    assert [(e.key, e.when.edtf()) for e in story.events] == [
        ("icews:7", "2018-06-01"), ("icews:7-2018-06-03", "2018-06-03"),
        ("icews:8", "2018-06-01")]
    error = invalid(parse_icews, "\n".join([HEADER, icews_row("7"), icews_row("7")]))
    assert error.problems == ["line 3: Event ID '7' is also on line 2"]


def test_gdelt_with_a_header_row_reads_the_rows_below_it() -> None:
    header = "\t".join(name.lower() if n % 2 else name for n, name in enumerate(
        ["GlobalEventsID", *GDELT_2_COLUMNS[1:]]))
    text = f"{header}\n{ROW_61}\n"
    assert detect_format(text, "x.csv") == "gdelt"
    [event] = parse_gdelt(text).events
    assert event.key == "gdelt:7" and event.title == "UNITED STATES: Appeal → UNITED NATIONS"
    error = invalid(parse_gdelt, f"{header}\n{ROW_61}\n{ROW_61}\n")
    assert error.problems == ["line 3: GLOBALEVENTID 7 is also on line 2"]


# --- text no store holds (issue #12): refused by line and field, as by every reader ---------------


def test_icews_rows_with_a_nul_are_named_by_line_and_field_and_the_rest_kept(
        tmp_path: Path) -> None:
    # They were imported, and the store's own JSON and CSV exports then refused to re-import.
    path = tmp_path / "events.tab"
    path.write_text("\n".join([
        HEADER, icews_row("1"), icews_row("2", source="Bangla\x00desh"),
        icews_row("3", **{"Event Text": "Consult\x00", "Publisher": "x\x00"}),
        icews_row("4", **{"Event Text": "Con\x01sult\x1b", "City": "\x7fMumbai\x9b"}),
    ]) + "\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_story(path)
    assert str(path) in str(caught.value)
    assert caught.value.problems == ["line 3: Source Name: contains a NUL character",
                                     "line 4: Event Text: contains a NUL character"]
    imported = read_story(path, skip_invalid=True)
    assert imported.skipped == tuple(caught.value.problems)
    assert [e.key.split(":", 1)[1] for e in imported.story.events] == ["icews:1", "icews:4"]
    # Other control characters are text like any other: kept as they are.
    assert imported.story.events[-1].title == "Police (India): Con\x01sult\x1b → Citizen (India)"


def test_gdelt_rows_with_a_nul_are_named_by_line_and_column() -> None:
    bad = FIELDS_58.copy()
    bad[0], bad[16] = "8", "UNITED\x00NATIONS"  # GLOBALEVENTID, Actor2Name
    error = invalid(parse_gdelt, "\n".join([ROW_58, "\t".join(bad)]))
    assert error.problems == ["line 2: Actor2Name: contains a NUL character"]
    assert error.valid is not None and [e.key for e in error.valid.events] == ["gdelt:7"]


@pytest.mark.parametrize("control", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
                                     "\r"])
def test_a_control_character_in_the_first_row_does_not_hide_the_format(control: str) -> None:
    # detect_format cut the first line with str.splitlines, which also cuts at these: the
    # file's first row looked 6 columns wide and was no format at all (or CSV).
    fields = FIELDS_58.copy()
    fields[6] = f"UNITED{control}STATES"  # Actor1Name
    assert detect_format("\t".join(fields) + "\n", "20140924.export.CSV") == "gdelt"
    [event] = parse_gdelt("\t".join(fields)).events
    assert event.title == f"UNITED{control}STATES: Appeal → UNITED NATIONS"
