"""TimelineJS: the real TimelineJS3 files in ../shared/data (skipped where it is absent),
TimelineJS2 and spreadsheet files of our own, edge cases, fuzzing and round trips."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import MAX_SHORT_YEAR, DateSpan, FuzzyDate, Precision, Qualifier, parse_edtf
from models.formats import read_story
from models.interchange import FormatError
from models.store import Store
from models.story import CategoryRecord, EraRecord, EventRecord, LinkRecord, Story
from models.timelinejs import dump_timelinejs, parse_timelinejs, parse_timelinejs_csv

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "timelinejs3"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,159}\Z")

# file: (events, eras, categories, title), counted by hand in the files.
REAL = {
    "compiled_examples__welcome.json": (26, 0, 3, "Welcome to TimelineJS"),
    "src__template__eras.json": (20, 3, 0, "Eras Test"),
    "compiled_examples__group_sample.json": (7, 0, 4, "Demo of groups"),
    "compiled_examples__cosmological.json": (6, 0, 0, ""),
    "compiled_examples__groups_test_3.json": (25, 0, 2, "Welcome to TimelineJS"),
    "src__template__my-own-timeline.csv": (10, 0, 0, "MY OWN CSV"),
}


def parse_file(path: Path) -> Story:
    parse = parse_timelinejs_csv if path.suffix == ".csv" else parse_timelinejs
    return parse(path.read_text(encoding="utf-8"), source=path.name)


def keys_are_valid(story: Story) -> None:
    for records in (story.events, story.eras, story.categories):
        keys = [r.key for r in records]
        assert len(set(keys)) == len(keys)
        assert all(KEY.match(k) for k in keys), keys
    known = {c.key for c in story.categories}
    assert all(e.category in known for e in story.events if e.category is not None)


def comparable(story: Story) -> tuple[Any, ...]:
    """What a round trip through TimelineJS keeps: titles, dates, groups (by name), links,
    descriptions, display dates, eras."""
    names = {c.key: c.name for c in story.categories}
    return (story.title,
            [(e.title, e.when, names.get(e.category or ""), e.links, e.description,
              e.attributes) for e in story.events],
            [(e.name, e.when) for e in story.eras])


# --- the real files ------------------------------------------------------------------------------


@needs_data
@pytest.mark.parametrize(("name", "expected"), sorted(REAL.items()))
def test_real_files_read_whole(name: str, expected: tuple[int, int, int, str]) -> None:
    story = parse_file(DATA / name)
    assert (len(story.events), len(story.eras), len(story.categories), story.title) == expected
    keys_are_valid(story)
    with Store.memory() as store:  # the store takes them: keys and references hold
        store.add_stories([story])
        info = store.info()
        assert info.events == expected[0]


@needs_data
def test_the_faulty_example_is_refused_naming_the_event() -> None:
    with pytest.raises(FormatError) as caught:
        parse_file(DATA / "compiled_examples__error_message_test.json")
    assert caught.value.problems == [
        '$.events[9] ("Hawaii"): start_date is missing; every event needs a start date']
    valid = caught.value.valid
    assert valid is not None and len(valid.events) == 16  # "the other 16 import"
    assert "Hawaii" not in {e.title for e in valid.events}
    assert [e.title for e in valid.events].count("Untitled") == 3  # headline and text empty
    keys_are_valid(valid)
    imported = read_story(DATA / "compiled_examples__error_message_test.json",
                          skip_invalid=True)
    assert len(imported.story.events) == 16 and len(imported.skipped) == 1


@needs_data
def test_welcome_details() -> None:
    story = parse_file(DATA / "compiled_examples__welcome.json")
    events = {e.key: e for e in story.events}
    assert [c.name for c in story.categories] == ["Hello", "Goodbye", "Yo"]
    flickr = events["event-9"]
    assert flickr.title == "Flickr" and flickr.when.edtf() == "1985-01-05T06:45:00"  # 06:45:56
    assert flickr.links == (LinkRecord("https://www.flickr.com/photos/zachwise/14514563402/",
                                       "", "Zach Wise"),)
    seuss = events["event-7"]  # media is a blockquote, not a link: its words join the text
    assert seuss.when.edtf() == "1950-02-07/1955" and seuss.links == ()
    assert seuss.description.startswith("This is an example of a blockquote.\n<blockquote>")
    assert seuss.description.endswith("where to go.\n— Dr. Seuss")
    assert events["event-26"].attributes == (("Background", "#000"),)
    assert events["event-3"].links[0].credit == "Georges Méliès"
    assert events["event-3"].category == "group:Hello"


@needs_data
def test_cosmological_years_and_display_text() -> None:
    story = parse_file(DATA / "compiled_examples__cosmological.json")
    dates = [e.when.edtf() for e in story.events]
    assert dates == ["Y-13798000000", "Y-13797930000", "Y-13797623000",
                     "Y-13648000000/Y-12798000000", "Y-4798000000", "0000"]
    assert story.events[-1].attributes == (("Display date", "Now"),)  # its "display_text"
    doc = json.loads(dump_timelinejs(story))
    assert doc["scale"] == "cosmological" and "title" not in doc
    assert doc["events"][0]["start_date"] == {"year": "-13798000000"}


@needs_data
def test_eras_and_group_sample() -> None:
    eras = parse_file(DATA / "src__template__eras.json").eras
    assert [(e.key, e.name, e.when.edtf()) for e in eras] == [
        ("era-1", "Era Test 650-700", "0650/0700"), ("era-2", "Era Test 600-650", "0600/0650"),
        ("era-3", "Era Test 700-720", "0700/0720")]
    sample = parse_file(DATA / "compiled_examples__group_sample.json")
    assert sample.events[0].when.edtf() == "2016-11-13T09:30:00"
    assert sample.events[0].category == \
        "group:Group-1---1ST_INTERVIEW---1st-Interview---Technical-assessment"


@needs_data
def test_the_sheet_template() -> None:
    story = parse_file(DATA / "src__template__my-own-timeline.csv")
    first = story.events[0]
    assert first.title == "Ada Lovelace" and first.when.edtf() == "1815-12-10/1852-11-27"
    assert first.links[0].caption == "Portrait by Alfred Edward Chalon"  # HTML in the cell
    assert "\n\nThis slide demonstrates" in first.description  # paragraphs kept
    eniac = story.events[2]
    assert eniac.when.edtf() == "1943-07/1946"
    assert ("Background", "https://upload.wikimedia.org/wikipedia/commons/c/cd/"
                          "ARL_ENIAC_02.png") in eniac.attributes
    assert "ENIAC Women. ." in eniac.description  # a quoted newline inside the cell


@needs_data
@pytest.mark.parametrize("name", [*sorted(REAL), "compiled_examples__error_message_test.json"])
def test_real_files_round_trip(name: str) -> None:
    try:
        story = parse_file(DATA / name)
    except FormatError as error:
        assert error.valid is not None
        story = error.valid
    text = dump_timelinejs(story)
    again = parse_timelinejs(text)
    assert comparable(again) == comparable(story)
    assert again == story  # keys too: unique_id carries them
    assert dump_timelinejs(again) == text


@needs_data
@pytest.mark.parametrize("name", sorted(REAL))
def test_read_story_detects_and_prefixes(name: str) -> None:
    imported = read_story(DATA / name)
    assert imported.format == ("timelinejs-csv" if name.endswith(".csv") else "timelinejs")
    assert len(imported.story.events) == REAL[name][0]


# --- TimelineJS3 edge cases ----------------------------------------------------------------------


def slide(start: Any, **extra: Any) -> dict[str, Any]:
    return {"start_date": start, "text": {"headline": "A slide", "text": ""}, **extra}


def one(start: Any, **extra: Any) -> EventRecord:
    [event] = parse_timelinejs(json.dumps({"events": [slide(start, **extra)]})).events
    return event


def problems(doc: Any) -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_timelinejs(json.dumps(doc))
    return caught.value.problems


@pytest.mark.parametrize(("start", "edtf"), [
    ({"year": "2016", "month": "", "day": "", "hour": "", "minute": "", "format": ""}, "2016"),
    ({"year": 2016, "month": 11}, "2016-11"),
    ({"year": "2016", "month": "11", "day": "13"}, "2016-11-13"),
    ({"year": 2016, "month": "11", "day": 13, "hour": 9}, "2016-11-13T09:00:00"),  # no minute
    ({"year": "2016", "month": "11", "day": "13", "hour": "9", "minute": "30", "second": "59",
      "millisecond": "999"}, "2016-11-13T09:30:00"),
    ({"year": " 2016 ", "month": 11.0}, "2016-11"),
    ({"year": "-500"}, "-0500"),
    ({"year": -13798000000, "month": 3}, "Y-13798000000"),  # beyond ±9999: the year only
    ({"year": "2016", "day": "5"}, "2016-01-05"),  # no month: January, as TimelineJS has it
])
def test_date_parts(start: dict[str, Any], edtf: str) -> None:
    assert one(start).when.edtf() == edtf


@pytest.mark.parametrize(("start", "expected"), [
    ({"year": "2016", "month": "13"}, "$.events[0].start_date.month: 13 is out of range (1..12)"),
    ({"year": "2016", "month": 0}, "$.events[0].start_date.month: 0 is out of range (1..12)"),
    ({"year": "abc"}, "$.events[0].start_date.year: 'abc' is not a whole number"),
    ({"year": "2015", "month": "2", "day": "29"},
     "$.events[0].start_date.day: 29 is out of range (1..28)"),
    ({"year": "2016", "hour": "24"}, "$.events[0].start_date.hour: 24 is out of range (0..23)"),
    ({"year": 2016.5}, "$.events[0].start_date.year: 2016.5 is not a whole number"),
    ({"year": True}, "$.events[0].start_date.year: must be a whole number, not bool"),
    ({"month": "3"}, "$.events[0].start_date.year: missing; a date needs at least a year"),
    ({"year": "-999999999999"},
     "$.events[0].start_date.year: -999999999999 is out of range "
     "(-99999999999..99999999999)"),
    ("2016", '$.events[0].start_date: must be a date object such as {"year": "2016"}'),
])
def test_bad_dates_are_named_by_their_path(start: Any, expected: str) -> None:
    good = slide({"year": "2000"})
    with pytest.raises(FormatError) as caught:
        parse_timelinejs(json.dumps({"events": [slide(start), good]}))
    assert caught.value.problems == [expected]
    assert caught.value.valid is not None and len(caught.value.valid.events) == 1


def test_ends() -> None:
    assert one({"year": "2016"}, end_date={"year": "2016"}).when.edtf() == "2016"  # redundant
    assert one({"year": "2016"}, end_date={"year": "", "month": ""}).when.edtf() == "2016"
    assert one({"year": "2016", "month": "3"}, end_date={"year": "2016"}).when.edtf() == \
        "2016-03"  # the end holds the start
    assert one({"year": "2016"}, end_date={"year": "2018", "month": "6"}).when.edtf() == \
        "2016/2018-06"
    # TimelineJS shows a slide that ends before it starts at its start: so do we, and say so.
    warnings: list[str] = []
    [backwards] = parse_timelinejs(json.dumps({"events": [
        slide({"year": "2016"}, end_date={"year": "2015"})]}), warnings=warnings).events
    assert backwards.when.edtf() == "2016"
    assert warnings == ["1 slide has an end date before the start date: read without the end"]
    assert problems({"events": [slide({"year": "2016"}, end_date={"month": "5"})]}) == [
        "$.events[0].end_date.year: missing; a date needs at least a year"]


def test_text_media_group_display_and_background() -> None:
    event = one({"year": "2016", "display_date": "Spring"},
                end_date={"year": "2017", "display_date": "<b>Summer</b>"},
                text={"headline": "<b>Big</b> &amp; bold",
                      "text": "<p>One <i>line</i></p><p>Two<br/>lines</p>"},
                media={"url": "https://example.org/a.jpg", "caption": "<i>A</i> photo",
                       "credit": "<a href='x'>Me</a>", "thumbnail": "https://example.org/t.jpg"},
                group=" Politics ", background={"color": "#0f9bd1"}, unique_id="_1985",
                autolink=False)
    assert event.key == "1985"  # TimelineJS's slugs start digits with "_", which keys cannot
    assert event.title == "Big & bold"
    assert event.description == "One line\n\nTwo\nlines"
    assert event.links == (LinkRecord("https://example.org/a.jpg", "A photo", "Me"),)
    assert event.category == "group:Politics"
    assert event.attributes == (("Display date", "Spring – Summer"), ("Background", "#0f9bd1"),
                                ("Media thumbnail", "https://example.org/t.jpg"))
    assert one({"year": "2016", "display_date": "x"}, display_date="Slide wins").attributes == (
        ("Display date", "Slide wins"),)


def test_titles_without_headlines() -> None:
    assert one({"year": "2016"}, text={"text": "<p>First words</p><p>more</p>"}).title == \
        "First words"
    assert one({"year": "2016"}, text={"text": "x" * 300}).title == "x" * 99 + "…"
    assert one({"year": "2016"}, text={}).title == "Untitled"
    assert one({"year": "2016"}, text=None).title == "Untitled"


def test_keys_from_unique_ids_and_places() -> None:
    story = parse_timelinejs(json.dumps({"events": [
        slide({"year": "2001"}, unique_id="intro"), slide({"year": "2002"}, unique_id="intro"),
        slide({"year": "2003"}), slide({"year": "2004"}, unique_id="a b/c"),
        slide({"year": "2005"}, unique_id="event-3")]}))
    assert [e.key for e in story.events] == ["intro", "intro-2", "event-3", "a-b-c", "event-3-2"]


def test_whole_file_problems_carry_no_valid_story() -> None:
    for text in ("{not json", "[1, 2]", '{"events": 3}', '{"title": {}}', "",
                 '{"timeline": {"headline": "x"}}'):
        with pytest.raises(FormatError) as caught:
            parse_timelinejs(text)
        assert caught.value.valid is None, text


def test_record_problems_are_all_listed() -> None:
    found = problems({"title": "no slide", "events": [
        slide({"year": "2000"}), "not a slide", {"text": {"headline": ""}},
        slide({"year": "x"}, text={"headline": {"b": 1}}), slide({"year": "2001"}, text="Words")],
        "eras": [{"start_date": {"year": "2000"}, "text": {"headline": "No end"}},
                 {"start_date": {"year": "2000"}, "end_date": {"year": "2010"}}, 7]})
    assert found == [
        "$.title: must be a slide object, not str",
        "$.events[1]: must be an object",
        "$.events[2]: start_date is missing; every event needs a start date",
        "$.events[3].text.headline: must be text, not dict",
        "$.events[3].start_date.year: 'x' is not a whole number",
        "$.events[4].text: must be an object, not str",  # TimelineJS fails on it too
        "$.eras[0].end_date: missing; every era needs a start and an end date",
        "$.eras[2]: must be an object",
    ]


def test_approximate_uncertain_and_ongoing_come_back_from_display_dates() -> None:
    assert one({"year": "2019"}, display_date="c. 2019").when.edtf() == "2019~"
    assert one({"year": "2019"}, display_date="since 2019").when.edtf() == "2019/.."
    assert one({"year": "2019"}, end_date={"year": "2020"},
               display_date="c. 2019 – 2020?").when.edtf() == "2019~/2020?"
    other = one({"year": "2019"}, display_date="around 2019")
    assert other.when.edtf() == "2019" and other.attributes == (("Display date", "around 2019"),)


def test_text_that_no_store_holds_makes_its_slide_invalid() -> None:
    # As in every reader (issue #12): refused where it is, never changed silently (a NUL was
    # dropped and a lone surrogate became U+FFFD); --skip-invalid leaves the slide out.
    doc = {"events": [slide({"year": "2019"}, text={"headline": "a\x00b"}),
                      slide({"year": "2020"}, text={"headline": "ok", "text": "x\ud800y"}),
                      slide({"year": "2021"}, text={"headline": "kept \x01\x1b\x7f"})]}
    with pytest.raises(FormatError) as caught:
        parse_timelinejs(json.dumps(doc))
    assert caught.value.problems == [
        "$.events[0].text.headline: contains a NUL character",
        "$.events[1].text.text: contains a lone surrogate (\\ud800-\\udfff), which is not "
        "Unicode text"]
    valid = caught.value.valid
    assert valid is not None and [e.title for e in valid.events] == ["kept \x01\x1b\x7f"]


def test_a_nul_in_a_sheet_is_named_by_line_and_column() -> None:
    text = "Year,Headline,Text\n2019,fine,\n2020,bad\x00,\n"
    with pytest.raises(FormatError) as caught:
        parse_timelinejs_csv(text, source="sheet.csv")
    assert caught.value.problems == ["line 3, Headline: contains a NUL character"]
    assert caught.value.valid is not None
    assert [e.title for e in caught.value.valid.events] == ["fine"]


# --- TimelineJS2 ---------------------------------------------------------------------------------


V2 = {"timeline": {
    "headline": "Revolutionary <i>User</i> Interfaces", "type": "default", "text": "<p>Intro</p>",
    "startDate": "1600",
    "date": [
        {"startDate": "1968,12,9", "headline": "The Mouse", "text": "<p>One button.</p>",
         "tag": "Input", "asset": {"media": "//upload.wikimedia.org/m.jpg",
                                   "credit": "<a href='x'>SRI</a>", "caption": "Engelbart"}},
        {"startDate": "2011,12,10,9,30", "endDate": "2012,1,27", "headline": "Vine",
         "asset": {"media": "", "credit": "", "caption": ""}},
        {"startDate": -500, "headline": "Old", "tag": "Input"},
        {"startDate": 1600, "headline": "A number"},
    ],
    "era": [{"startDate": "1900", "endDate": "1999,12,31", "headline": "20th century",
             "tag": "ignored"}],
}}


def test_timelinejs2() -> None:
    story = parse_timelinejs(json.dumps(V2))
    assert story.title == "Revolutionary User Interfaces"
    assert [(e.title, e.when.edtf(), e.category) for e in story.events] == [
        ("The Mouse", "1968-12-09", "group:Input"),
        ("Vine", "2011-12-10T09:30:00/2012-01-27", None),
        ("Old", "-0500", "group:Input"), ("A number", "1600", None)]
    assert story.events[0].links == (LinkRecord("//upload.wikimedia.org/m.jpg", "Engelbart",
                                                "SRI"),)
    assert story.events[1].links == ()
    assert [(e.name, e.when.edtf()) for e in story.eras] == [("20th century", "1900/1999-12-31")]
    with Store.memory() as store:
        store.add_stories([story])
        assert store.info().events == 4


def test_timelinejs2_problems() -> None:
    doc = {"timeline": {"headline": "x", "date": [
        {"headline": "No date"}, {"startDate": "12/10/2011", "headline": "US style"},
        {"startDate": "2011,13,1"}, {"startDate": "2011", "endDate": "2010", "headline": "back"},
        {"startDate": "2011", "headline": "fine"}], "era": [{"headline": "no start"}]}}
    warnings: list[str] = []
    with pytest.raises(FormatError) as caught:
        parse_timelinejs(json.dumps(doc), warnings=warnings)
    assert caught.value.problems == [
        '$.timeline.date[0] ("No date"): startDate is missing; every date needs one',
        "$.timeline.date[1].startDate: '12/10/2011' is not a TimelineJS 2 date "
        '("YYYY,MM,DD" with an optional ",HH,MM")',
        "$.timeline.date[2].startDate (month): 13 is out of range (1..12)",
        "$.timeline.era[0]: must be an object with a startDate",
    ]
    assert caught.value.valid is not None
    assert [(e.title, e.when.edtf()) for e in caught.value.valid.events] == [
        ("back", "2011"), ("fine", "2011")]
    assert warnings == ["1 slide has an end date before the start date: read without the end"]


# --- the spreadsheet as CSV ----------------------------------------------------------------------


SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
    ",,,,,,,,,<b>My</b> sheet,Intro,,,,,title,,\n"
    '2016,11,13,9:30,,,,,,Morning,"<p>Line one</p>\n<p>Line ""two""</p>",'
    "https://example.org/v,Me,<i>Cap</i>,,,Talks,#336699\n"
    "2016,11,13,09:30:45,2016,11,13,9:30 PM,,Evening,,,,,,,Talks,\n"
    "\n"
    "\"1,815\",,,12:05 AM,,,,,Tonight?,Midnight,,,,,,,,\n"
    "1900,,,,1999,,,,,Century,,,,,,era,,\n"
    "2000,,,,,,,,,Second title,,,,,,title,,\n"
)


def test_the_sheet() -> None:
    story = parse_timelinejs_csv(SHEET)
    assert story.title == "My sheet"
    assert [(e.key, e.title, e.when.edtf(), e.category) for e in story.events] == [
        ("event-2", "Morning", "2016-11-13T09:30:00", "group:Talks"),
        ("event-3", "Evening", "2016-11-13T09:30:00/2016-11-13T21:30:00", "group:Talks"),
        ("event-5", "Midnight", "1815-01-01T00:05:00", None),  # keys count rows, blank too
        ("event-7", "Second title", "2000", None)]  # a second title row is an event
    morning = story.events[0]
    assert morning.description == 'Line one\n\nLine "two"'
    assert morning.links == (LinkRecord("https://example.org/v", "Cap", "Me"),)
    assert morning.attributes == (("Background", "#336699"),)
    assert story.events[2].attributes == (("Display date", "Tonight?"),)
    assert [(e.name, e.when.edtf()) for e in story.eras] == [("Century", "1900/1999")]


def test_sheet_columns_by_name_in_any_order_case_and_spacing() -> None:
    text = "HEADLINE;endyear;  year ;Group\nA;2001;2000;x\nB;;1999;\n"
    story = parse_timelinejs_csv(text)
    assert [(e.title, e.when.edtf(), e.category) for e in story.events] == [
        ("A", "2000/2001", "group:x"), ("B", "1999", None)]


def test_sheet_problems_name_the_line_a_record_starts_on() -> None:
    text = ("Year,Month,Day,Time,End Year,End Month,Headline,Text,Type\n"
            '2000,1,1,,,,Fine,"two\nlines",\n'  # lines 2-3
            "2001,13,1,,,,Bad month,,\n"  # line 4
            '2001,1,1,25:00,,,"Bad\ntime",,\n'  # lines 5-6
            ",,,,,,No year,,\n"  # line 7
            "2001,,,,,5,No end year,,\n"  # line 8
            "abc,,,,,,Bad year,,\n"  # line 9
            "1900,,,,,,An era without an end,,era\n"  # line 10
            "2005,,,,2004,,Backwards,,\n")  # line 11: read without its end, as TimelineJS
    warnings: list[str] = []
    with pytest.raises(FormatError) as caught:
        parse_timelinejs_csv(text, source="sheet.csv", warnings=warnings)
    assert caught.value.problems == [
        "line 4, Month: 13 is out of range (1..12)",
        "line 5, Time: 25 is out of range (0..23)",
        "line 7, Year: missing; every event needs a start year",
        "line 8, End Year: missing; a date needs at least a year",
        "line 9, Year: 'abc' is not a whole number",
        "line 10, End Year: missing; every era needs an end year",
    ]
    assert caught.value.valid is not None
    assert [(e.title, e.when.edtf()) for e in caught.value.valid.events] == [
        ("Fine", "2000-01-01"), ("Backwards", "2005")]
    assert warnings == ["1 slide has an end date before the start date: read without the end"]


@pytest.mark.parametrize(("time", "expected"), [
    ("9:30", "T09:30"), ("09:30:00", "T09:30"), ("9:30 PM", "T21:30"), ("12:15 am", "T00:15"),
    ("12 PM", "T12:00"), ("0930", "T09:30"), ("9.30", "T09:30"), ("9", "T09:00"),
    ("9:30:15.5", "T09:30"),
])
def test_sheet_times(time: str, expected: str) -> None:
    [event] = parse_timelinejs_csv(f"Year,Month,Day,Time,Headline\n2020,1,2,{time},x\n").events
    assert event.when.edtf() == f"2020-01-02{expected}:00"


@pytest.mark.parametrize("time", ["13 PM", "9:3", "noon", "9:30:15:2"])
def test_sheet_bad_times(time: str) -> None:
    with pytest.raises(FormatError, match="line 2, Time"):
        parse_timelinejs_csv(f"Year,Month,Day,Time,Headline\n2020,1,2,{time},x\n")


def test_a_sheet_without_its_columns_is_refused_whole() -> None:
    for text in ("", "Date,Title\n2020,x\n", "Year,Month\n2020,1\n"):
        with pytest.raises(FormatError) as caught:
            parse_timelinejs_csv(text)
        assert caught.value.valid is None
        assert caught.value.problems[0].startswith("line 1: no ")


# --- writing -------------------------------------------------------------------------------------


def date(text: str) -> DateSpan:
    return parse_edtf(text)


HAND_MADE = Story(
    title="Hand <made> & kept",
    categories=(CategoryRecord("c1", "Politics"), CategoryRecord("c2", "Science & Tech")),
    eras=(EraRecord("e1", "Before", date("-0500/0100")),
          EraRecord("e2", "Deep time", date("Y-13798000000/Y-4798000000")),
          EraRecord("e3", "Minutes", date("2020-01-01T10:00/2020-01-01T11:30"))),
    events=(
        EventRecord("year", "A year", date("2016"), category="c1"),
        EventRecord("month", "A month", date("2016-11"), "Two\n\nparagraphs\nand a break",
                    category="c2", links=(LinkRecord("https://e.org/?a=1&b=2", "A <b>", "C&D"),
                                          LinkRecord("https://second.org"))),
        EventRecord("day", "A day", date("2016-11-13")),
        EventRecord("minute", "A minute", date("2016-11-13T09:30:00")),
        EventRecord("bce", "A negative year", date("-0044-03-15")),
        EventRecord("cosmos", "Big Bang", date("Y-13798000000")),
        EventRecord("range", "A range", date("1815-12-10/1852-11")),
        EventRecord("minutes", "Minutes", date("2020-02-29T23:59/2020-03-01T00:01")),
        EventRecord("approx", "About then", date("2019~")),
        EventRecord("unsure", "Maybe", date("2019-05?/2020~")),
        EventRecord("ongoing", "Still going", date("2019-06/..")),
        EventRecord("shown", "Shown", date("1850"),
                    attributes=(("Display date", "mid-century"), ("Background", "#123456"),
                                ("Background", "https://e.org/bg.jpg"), ("CAMEO", "042"))),
        EventRecord("odd:key.1", "Odd key", date("2001")),
        EventRecord("odd-key-1", "Clashing id", date("2002")),
    ),
)


def test_a_hand_made_story_round_trips() -> None:
    text = dump_timelinejs(HAND_MADE)
    again = parse_timelinejs(text)
    assert again.title == HAND_MADE.title
    names = {c.key: c.name for c in again.categories}
    assert [(e.title, e.when, names.get(e.category or "")) for e in again.events] == [
        (e.title, e.when, {"c1": "Politics", "c2": "Science & Tech"}.get(e.category or ""))
        for e in HAND_MADE.events]
    assert [(e.name, e.when) for e in again.eras] == [(e.name, e.when) for e in HAND_MADE.eras]
    month = again.events[1]
    assert month.description == "Two\n\nparagraphs\nand a break"
    assert month.links == HAND_MADE.events[1].links[:1]  # a slide has one media
    assert again.events[11].attributes == (("Display date", "mid-century"),
                                           ("Background", "https://e.org/bg.jpg"),
                                           ("Background", "#123456"))
    keys_are_valid(again)
    with Store.memory() as store:
        store.add_stories([again])
        assert store.info().events == len(HAND_MADE.events)


def test_what_is_written() -> None:
    doc = json.loads(dump_timelinejs(HAND_MADE))
    assert doc["scale"] == "cosmological"
    assert doc["title"] == {"text": {"headline": "Hand &lt;made&gt; &amp; kept", "text": ""}}
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert list(slides) == ["year", "month", "day", "minute", "bce", "cosmos", "range",
                            "minutes", "approx", "unsure", "ongoing", "shown", "odd-key-1",
                            "odd-key-1-2"]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", uid) for uid in slides)
    assert slides["minute"]["start_date"] == {"year": "2016", "month": "11", "day": "13",
                                             "hour": "9", "minute": "30"}
    assert slides["month"]["text"] == {"headline": "A month",
                                       "text": "<p>Two</p><p>paragraphs<br>and a break</p>"}
    assert slides["month"]["media"] == {"url": "https://e.org/?a=1&b=2", "caption": "A &lt;b&gt;",
                                        "credit": "C&amp;D"}
    assert slides["month"]["group"] == "Science & Tech"
    assert slides["approx"]["display_date"] == "c. 2019"
    assert slides["ongoing"] == {**slides["ongoing"], "display_date": "since Jun 2019"}
    assert "end_date" not in slides["ongoing"]
    assert slides["shown"]["background"] == {"color": "#123456", "url": "https://e.org/bg.jpg"}
    assert doc["eras"][0] == {"start_date": {"year": "-500"}, "end_date": {"year": "100"},
                              "text": {"headline": "Before"}}
    small = json.loads(dump_timelinejs(Story(events=(HAND_MADE.events[0],))))
    assert small["scale"] == "human" and "title" not in small and "eras" not in small


def test_point_and_ongoing_eras_get_an_end() -> None:
    story = Story(events=(EventRecord("a", "a", date("2019")),),
                  eras=(EraRecord("p", "Point", date("2019-03")),
                        EraRecord("o", "Ongoing", date("2019-12-31/.."))))
    doc = json.loads(dump_timelinejs(story))
    assert [(e["start_date"], e["end_date"]) for e in doc["eras"]] == [
        ({"year": "2019", "month": "3"}, {"year": "2019", "month": "4"}),
        ({"year": "2019", "month": "12", "day": "31"}, {"year": "2020", "month": "1", "day": "1"})]
    assert [e.get("display_date") for e in doc["eras"]] == ["Mar 2019", "since 31 Dec 2019"]
    # Read back as they were: TimelineJS shows the made-up ends, Chronolens does not keep them.
    assert [e.when.edtf() for e in parse_timelinejs(json.dumps(doc)).eras] == [
        "2019-03", "2019-12-31/.."]


# --- properties ----------------------------------------------------------------------------------


NAMES = ["events", "title", "eras", "scale", "start_date", "end_date", "year", "month", "day",
         "hour", "minute", "second", "millisecond", "display_date", "text", "headline", "media",
         "url", "caption", "credit", "group", "unique_id", "background", "color", "timeline",
         "date", "startDate", "endDate", "era", "asset", "tag"]
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["", "2016", "-13798000000", "13", "0", "9", "<p>x</p>", "2011,12,10"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(NAMES), children, max_size=6), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(JSONISH, st.booleans())
def test_any_json_reads_or_is_refused_cleanly(value: object, as_events: bool) -> None:
    doc = {"events": value} if as_events else value
    try:
        story = parse_timelinejs(json.dumps(doc))
    except FormatError as error:
        story = error.valid or Story()
    keys_are_valid(story)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(max_size=10) | st.sampled_from(
    ["2016", "13", "9:30 PM", "era", "title", '"', "\n", "1,815"]), max_size=8), max_size=6))
def test_any_sheet_reads_or_is_refused_cleanly(rows: list[list[str]]) -> None:
    header = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Headline,Type"
    text = "\n".join([header, *(",".join(row) for row in rows)])
    try:
        story = parse_timelinejs_csv(text)
    except FormatError as error:
        story = error.valid or Story()
    keys_are_valid(story)


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    precision = draw(st.sampled_from(Precision))
    if precision == Precision.YEAR and draw(st.booleans()):
        year = draw(st.integers(-99_999_999_999, 99_999_999_999))
    else:
        year = draw(st.integers(-MAX_SHORT_YEAR, MAX_SHORT_YEAR))
    month = draw(st.integers(1, 12)) if precision >= Precision.MONTH else 1
    day = draw(st.integers(1, 28)) if precision >= Precision.DAY else 1
    hour, minute = (draw(st.integers(0, 23)), draw(st.integers(0, 59))) \
        if precision == Precision.MINUTE else (0, 0)
    return FuzzyDate(year, month, day, hour, minute, precision, draw(st.sampled_from(Qualifier)))


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    start = draw(fuzzy_dates())
    kind = draw(st.sampled_from(["point", "range", "open"]))
    if kind == "open":
        return DateSpan(start, open_end=True)
    end = draw(fuzzy_dates()) if kind == "range" else None
    if end is None or end.earliest <= start.earliest or end == start:
        return DateSpan(start)
    return DateSpan(start, end)


# Text a story can hold: anything but a NUL or a lone surrogate (refused by every reader).
STORED_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                      max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(spans(), STORED_TEXT, st.sampled_from([None, "c1", "c2"])),
                max_size=8))
def test_dates_and_groups_survive_any_round_trip(
        events: list[tuple[DateSpan, str, str | None]]) -> None:
    story = Story(categories=(CategoryRecord("c1", "One"), CategoryRecord("c2", "Two")),
                  events=tuple(EventRecord(f"e{i}", title, when, category=category)
                               for i, (when, title, category) in enumerate(events)))
    again = parse_timelinejs(dump_timelinejs(story))
    names = {c.key: c.name for c in again.categories}
    assert [(e.when, names.get(e.category or "")) for e in again.events] == [
        (when, {"c1": "One", "c2": "Two"}.get(category or "")) for when, _, category in events]
    assert [e.key for e in again.events] == [e.key for e in story.events]


# --- what TimelineJS shows is read, with one counted warning per kind of oddity ---------------


def test_a_background_as_text_in_every_slide_gives_one_counted_warning(tmp_path: Path) -> None:
    events = [slide({"year": str(1400 + n)}, background="#336699") for n in range(631)]
    events[5]["background"] = "https://example.org/back.jpg"
    events[6]["background"] = "rgb(10, 20, 30)"
    path = tmp_path / "bg.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    imported = read_story(path)
    assert len(imported.story.events) == 631
    assert imported.story.events[0].attributes == (("Background", "#336699"),)
    assert imported.story.events[5].attributes == (("Background", "https://example.org/back.jpg"),)
    assert imported.warnings == (
        "630 slides have a background given as text, not an object: read as its colour",
        "1 slide has a background given as text, not an object: read as its image URL")
    # As an object would be written back: the colour as a colour, the URL as an image.
    written = json.loads(dump_timelinejs(imported.story))["events"]
    assert written[0]["background"] == {"color": "#336699"}
    assert written[5]["background"] == {"url": "https://example.org/back.jpg"}


def test_media_as_text_empty_fields_and_what_timelinejs_ignores() -> None:
    warnings: list[str] = []
    story = parse_timelinejs(json.dumps({"events": [
        slide({"year": "2001"}, media="https://example.org/a.jpg"),
        slide({"year": "2002"}, media=["x"], background=3),
        slide({"year": "2003"}, media="", background="", text=""),  # "" is a field not given
        slide({"year": "2004"}, media={"caption": "no url"}, group=3, unique_id=7)]}),
        warnings=warnings)
    events = story.events
    assert events[0].links == (LinkRecord("https://example.org/a.jpg", "", ""),)
    assert events[1].links == () and events[1].attributes == ()
    assert events[2].title == "Untitled" and events[2].links == ()
    assert events[3].links == () and events[3].category == "group:3" and events[3].key == "7"
    assert warnings == [
        "1 slide has media given as text, not an object: read as its URL",
        "1 slide has a media that is neither an object nor text (list): left out, as TimelineJS "
        "shows none",
        "1 slide has a background that is neither an object nor text (int): left out, as "
        "TimelineJS shows none"]


def test_a_slide_without_a_start_date_is_still_a_problem_and_warnings_still_come() -> None:
    warnings: list[str] = []
    with pytest.raises(FormatError) as caught:
        parse_timelinejs(json.dumps({"events": [
            {"text": {"headline": "No date"}, "background": "#000"},
            slide({"year": "", "month": ""}, background="#000"),
            slide({"year": "2016"}, background="#000")]}), warnings=warnings)
    assert caught.value.problems == [
        '$.events[0] ("No date"): start_date is missing; every event needs a start date',
        "$.events[1].start_date.year: missing; a date needs at least a year"]
    valid = caught.value.valid
    assert valid is not None and len(valid.events) == 1
    # Only the slides read are counted: the others are problems (or left out).
    assert warnings == [
        "1 slide has a background given as text, not an object: read as its colour"]


def test_an_era_that_ends_before_it_starts_keeps_its_start() -> None:
    warnings: list[str] = []
    story = parse_timelinejs(json.dumps({"events": [slide({"year": "2000"})], "eras": [
        {"start_date": {"year": "1990"}, "end_date": {"year": "1980"},
         "text": {"headline": "Back"}}]}), warnings=warnings)
    assert [(e.name, e.when.edtf()) for e in story.eras] == [("Back", "1990")]
    assert warnings == ["1 era has an end date before the start date: read without the end"]
