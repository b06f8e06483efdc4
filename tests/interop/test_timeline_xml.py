"""Timeline (thetimelineproj) .timeline XML: the real files in ../shared/data, and our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.formats import read_story
from models.interchange import FormatError
from models.store import Store
from models.timeline_xml import parse_timeline_xml

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "thetimelineproj"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


@needs_data
def test_versions_timeline_imports_whole() -> None:
    imported = read_story(DATA / "documentation__release__versions.timeline")
    story, found = imported.story, imported.format
    assert found == "timeline-xml"
    assert len(story.events) == 59
    assert sorted(c.name for c in story.categories) == [
        "Correction Release", "Future Release", "Planned Release"]
    assert {c.color for c in story.categories} == {"#80ff80", "#ff80ff", "#80ffff"}
    first = next(e for e in story.events if e.title == "Timeline 0.20.0")
    assert first.when.edtf() == "2013-03-30T11:16:00"
    assert first.description.startswith("Timeline 0.20.0, released on 30 March 2013")
    with Store.memory() as store:
        store.add_stories([story])
        assert store.info().events == 59


@needs_data
def test_containers_become_categories_of_their_sub_events() -> None:
    story = read_story(DATA / "from_test__containers.timeline").story
    [container] = story.categories
    [sub] = story.events
    assert container.name == "con" and sub.title == "sub1" and sub.category == container.key


@needs_data
def test_the_same_file_twice_updates_and_two_files_add_up(tmp_path: Path) -> None:
    with Store.memory() as store:
        for name in ("examples__example.timeline", "examples__example.timeline",
                     "from_test__containers.timeline"):
            store.add_stories([read_story(DATA / name).story])
        assert store.info().events == 2


def timeline(events: str, extra: str = "") -> str:
    return ("<?xml version='1.0' encoding='utf-8'?><timeline><version>0.9.0</version>"
            "<categories><category><name>Work</name><color>255,0,0</color></category>"
            "<category><name>Deep</name><color>0,0,255</color><parent>Work</parent></category>"
            f"</categories><events>{events}</events>{extra}</timeline>")


def test_flags_links_eras_and_parents() -> None:
    story = parse_timeline_xml(timeline(
        "<event><start>2019-05-15 00:00:00</start><end>2019-05-15 00:00:00</end>"
        "<text>Fuzzy day</text><fuzzy>True</fuzzy><category>Deep</category>"
        "<hyperlink>https://example.org/a; https://example.org/b</hyperlink></event>"
        "<event><start>-0044-03-15 00:00:00</start><end>-0044-03-15 00:00:00</end>"
        "<text>Ides</text><milestone>True</milestone><locked>True</locked>"
        "<progress>40</progress></event>"
        "<event><start>2001-01-01 00:00:00</start><end>2003-01-01 00:00:00</end>"
        "<text>Fuzzy end</text><fuzzy_start>False</fuzzy_start><fuzzy_end>True</fuzzy_end>"
        "</event>"
        "<event><start>2020-01-01 10:00:00</start><end>2020-01-01 10:00:00</end>"
        "<text>Ongoing</text><ends_today>True</ends_today></event>",
        "<eras><era><name>Decade</name><start>2010-01-01 00:00:00</start>"
        "<end>2019-12-31 00:00:00</end><color>0,255,0</color></era></eras>"))
    events = {e.title: e for e in story.events}
    assert events["Fuzzy day"].when.edtf() == "2019-05-15~"
    assert [link.url for link in events["Fuzzy day"].links] == [
        "https://example.org/a", "https://example.org/b"]
    assert events["Ides"].when.edtf() == "-0044-03-15"
    assert events["Ides"].attributes == (("Milestone", "yes"), ("Locked", "yes"),
                                         ("Progress", "40%"))
    assert events["Fuzzy end"].when.edtf() == "2001-01-01/2003-01-01~"
    assert events["Ongoing"].when.edtf() == "2020-01-01T10:00:00/.."
    parent = {c.name: c for c in story.categories}
    assert parent["Deep"].parent == parent["Work"].key and parent["Work"].color == "#ff0000"
    [era] = story.eras
    assert era.name == "Decade" and era.when.edtf() == "2010-01-01/2019-12-31"


def test_bad_dates_are_named_by_their_place() -> None:
    with pytest.raises(FormatError, match=r"events/event\[1\]\.start: 'soon' is not") as raised:
        parse_timeline_xml(timeline("<event><start>soon</start><text>x</text></event>"
                                    "<event><start>2001-01-01 00:00:00</start><text>y</text>"
                                    "</event>"))
    valid = raised.value.valid  # what --skip-invalid imports
    assert valid is not None and [e.title for e in valid.events] == ["y"]


def test_old_plain_text_format_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "old.timeline"
    path.write_text("# Written by Timeline 0.5.0 on 2009-03-01\n2009-01-01;2009-01-02;x\n")
    with pytest.raises(FormatError, match="plain-text format from before 2010"):
        read_story(path)


@pytest.mark.parametrize("evil", [
    '<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><timeline>&x;</timeline>',
    '<!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><timeline>&b;</timeline>',
    "<timeline><events><event>",
])
def test_hostile_or_broken_xml_is_refused(evil: str) -> None:
    with pytest.raises(FormatError):
        parse_timeline_xml(evil)


def test_unpadded_times_of_timeline_0_x_are_read() -> None:
    # Timeline 0.10 .. 0.x wrote "2009-11-4 22:52:0" and "2010-8-31 0:0:0".
    story = parse_timeline_xml(timeline(
        "<event><start>2009-11-4 22:5:0</start><end>2009-11-11 22:52:0</end><text>a</text>"
        "</event><event><start>2010-8-31 0:0:0</start><end>2010-8-31 0:0:0</end><text>b</text>"
        "</event>"))
    assert [e.when.edtf() for e in story.events] == [
        "2009-11-04T22:05:00/2009-11-11T22:52:00", "2010-08-31"]


@pytest.mark.parametrize("timetype", ["numtime", "bosparaniantime", "pharaonic"])
def test_timelines_not_in_gregorian_dates_are_refused_whole(timetype: str) -> None:
    text = timeline("<event><start>2010-01-01 00:00:00</start><text>x</text></event>").replace(
        "</version>", f"</version><timetype>{timetype}</timetype>")
    with pytest.raises(FormatError, match=f"<timetype>{timetype}</timetype>.*Gregorian") as raised:
        parse_timeline_xml(text)
    assert raised.value.valid is None  # not even with --skip-invalid


def test_gregorian_timetype_is_read() -> None:
    text = timeline("<event><start>2010-01-01 00:00:00</start><text>x</text></event>").replace(
        "</version>", "</version><timetype>gregoriantime</timetype>")
    assert [e.title for e in parse_timeline_xml(text).events] == ["x"]


_TAGS = ["timeline", "version", "timetype", "categories", "category", "name", "color",
         "parent", "events", "event", "start", "end", "text", "fuzzy", "fuzzy_start",
         "fuzzy_end", "ends_today", "hyperlink", "milestone", "progress", "eras", "era"]
_PIECES = st.one_of(st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t}>" for t in _TAGS]),
                    st.sampled_from(["2019-05-15 00:00:00", "-0044-3-15 1:2:3", "True",
                                     "255,0,0", "[1]", "(1)", "gregoriantime", "&amp;", "<"]),
                    st.text(max_size=8))


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=40), wrap=st.booleans())
def test_any_xml_gives_a_story_or_a_format_error(pieces: list[str], wrap: bool) -> None:
    text = "".join(pieces)
    if wrap:
        text = f"<timeline>{text}</timeline>"
    try:
        story = parse_timeline_xml(text)
    except FormatError as error:
        assert error.problems
        return
    keys = [e.key for e in story.events]
    assert len(keys) == len(set(keys))
    categories = {c.key for c in story.categories}
    assert all(e.category is None or e.category in categories for e in story.events)
