"""vis-timeline data JSON: the real example file in ../shared/data, and edge cases of our own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.formats import read_story
from models.interchange import FormatError
from models.store import Store
from models.vis_format import parse_vis, plain_text

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "vis-timeline"


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")
def test_the_real_example_imports_whole() -> None:
    imported = read_story(DATA / "examples__timeline__resources__data__basic.json")
    story, found = imported.story, imported.format
    assert found == "vis"
    dates = {e.key.split(":", 1)[1]: e.when.edtf() for e in story.events}  # after the file prefix
    assert dates == {"vis:1": "2014-04-20", "vis:2": "2014-04-14", "vis:3": "2014-04-18",
                     "vis:4": "2014-04-16/2014-04-19", "vis:5": "2014-04-25",
                     "vis:6": "2014-04-27"}
    with Store.memory() as store:
        store.add_stories([story])
        assert store.info().events == 6


def doc(**extra: Any) -> str:
    return json.dumps({
        "groups": [{"id": 1, "content": "<b>Huawei</b>"}, {"id": "us", "content": "USA"}],
        "items": [
            {"id": "a", "content": "Deal <i>renewed</i>&nbsp;again", "start": "2023-08-25",
             "group": 1, "title": "Signed in <b>Shenzhen</b>"},
            {"id": "b", "content": "Sanctions", "start": "2019-05-15T09:30:00Z",
             "end": 1700000000000, "group": "us", "type": "range"},
            {"id": "c", "content": "Trade war", "start": "2018-01-01", "end": "2020-01-01",
             "type": "background"},
            {"id": "d", "content": "", "title": "Only a tooltip", "start": 0},
        ], **extra})


def test_groups_eras_html_and_timestamps() -> None:
    story = parse_vis(doc())
    events = {e.key: e for e in story.events}
    assert [c.name for c in story.categories] == ["Huawei", "USA"]
    assert events["vis:a"].title == "Deal renewed again"  # &nbsp; is a space, tags are gone
    assert events["vis:a"].description == "Signed in Shenzhen"
    assert events["vis:a"].category == "group:1"
    assert events["vis:b"].when.edtf() == "2019-05-15T09:30:00/2023-11-14T22:13:00"
    assert events["vis:d"].title == "Only a tooltip"
    assert events["vis:d"].when.edtf() == "1970-01-01T00:00:00"
    [era] = story.eras
    assert era.name == "Trade war" and era.when.edtf() == "2018-01-01/2020-01-01"


def test_every_bad_item_is_named_by_its_path() -> None:
    bad = json.dumps([{"id": 1, "content": "no start"},
                      {"id": 2, "content": "bad", "start": "next Tuesday"},
                      "not an object",
                      {"id": 4, "content": "fine", "start": "2020-01-01"}])
    with pytest.raises(FormatError) as caught:
        parse_vis(bad, source="x.json")
    assert caught.value.problems == [
        "$[0].start: missing; every item needs a start date",
        "$[1]: 'next Tuesday' is not an ISO date or date-time",
        "$[2]: must be an object",
    ]


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(FormatError, match="share an id"):
        parse_vis(json.dumps([{"id": 1, "content": "a", "start": "2020"},
                              {"id": 1, "content": "b", "start": "2021-01-01"}]))


def test_plain_text_drops_markup_and_loads_nothing() -> None:
    assert plain_text('<img src="file:///etc/passwd">Hi <a href="javascript:x">there</a>') == \
        "Hi there"
    assert plain_text("a<br>b&amp;c") == "a b&c"


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.sampled_from(["id", "content", "start", "end", "group",
                                                       "type", "items", "groups", "title"]),
                                      children, max_size=5), max_leaves=20))
def test_any_json_reads_or_is_refused_cleanly(value: object) -> None:
    try:
        parse_vis(json.dumps(value))
    except FormatError:
        pass


def test_dates_before_year_1_as_javascript_writes_them() -> None:
    # Date.toJSON() writes years beyond 0..9999 with six digits and a sign; milliseconds
    # before 1970 are negative.
    story = parse_vis(json.dumps([
        {"id": 1, "content": "Hippocrates", "start": "-000400-01-01"},
        {"id": 2, "content": "Midnight", "start": "-000044-03-15T00:00:00.000Z"},
        {"id": 3, "content": "Shifted", "start": "2014-04-20T23:30:00-02:00"},
        {"id": 4, "content": "Long ago", "start": -62198755200000},
        {"id": 5, "content": "Just before 1970", "start": -1},
    ]))
    assert [e.when.edtf() for e in story.events] == [
        "-0400-01-01", "-0044-03-15T00:00:00", "2014-04-21T01:30:00", "-0001-01-01T00:00:00",
        "1969-12-31T23:59:00"]


def test_items_named_alike_keep_apart_and_only_equal_ids_are_refused() -> None:
    # The second item has no id (vis gives it one): it is the second item, while the first
    # one's id is 2; "a b" and "a-b" make the same key piece; 1 and "1" are two ids to vis.
    story = parse_vis(json.dumps([
        {"id": 2, "content": "a", "start": "2020"},
        {"content": "b", "start": "2021"},
        {"id": "a b", "content": "c", "start": "2022"},
        {"id": "a-b", "content": "d", "start": "2023"},
        {"id": 1, "content": "e", "start": "2024"},
        {"id": "1", "content": "f", "start": "2025"},
    ]))
    assert len({e.key for e in story.events}) == 6
    with pytest.raises(FormatError, match=r"\$\[1\]: two items share an id \('x', as \$\[0\]"):
        parse_vis(json.dumps([{"id": "x", "content": "a", "start": "2020"},
                              {"id": "x", "content": "b", "start": "2021"}]))


def test_text_no_store_holds_makes_its_item_invalid() -> None:
    # A NUL was imported (and the exports then refused to read back); a lone surrogate failed
    # the store's write without naming the item. Now each is named where it is.
    text = json.dumps({"groups": [{"id": "g", "content": "G\u0000"}], "items": [
        {"id": 1, "start": "2020-01-01", "content": "fine \u0001\u001b"},
        {"id": 2, "start": "2020-01-02", "content": "a\u0000b"},
        {"id": 3, "start": "2020-01-03", "title": "x\ud800"},
    ]})
    with pytest.raises(FormatError) as caught:
        parse_vis(text, source="v.json")
    assert caught.value.problems == [
        "$.groups[0].content: contains a NUL character",
        "$.items[1].content: contains a NUL character",
        "$.items[2].title: contains a lone surrogate (\\ud800-\\udfff), which is not Unicode "
        "text"]
    valid = caught.value.valid
    assert valid is not None and [e.title for e in valid.events] == ["fine \u0001\u001b"]


# --- what vis-timeline shows is read, with one counted warning per kind of oddity -------------


def test_an_item_without_content_is_titled_by_its_title_with_one_counted_warning() -> None:
    items = [{"id": n, "start": f"2020-01-{n:02d}", "title": f"<b>Tip</b> &amp; {n}"}
             for n in range(1, 8)]
    items.append({"id": 8, "start": "2020-02-01", "content": "", "title": "Empty content"})
    warnings: list[str] = []
    story = parse_vis(json.dumps(items), warnings=warnings)
    assert [e.title for e in story.events][:2] == ["Tip & 1", "Tip & 2"]  # plain text
    assert story.events[-1].title == "Empty content"
    assert all(e.description == "" for e in story.events)  # the title is not said twice
    assert warnings == ["8 items have no content: titled by the tooltip (title) instead"]


def test_an_item_with_neither_content_nor_title_is_still_read() -> None:
    warnings: list[str] = []
    story = parse_vis(json.dumps([{"id": "x", "start": "2020-01-01"}, {"start": "2020-01-02"},
                                  {"id": "bg", "start": "2019", "end": "2021",
                                   "type": "background"}]), warnings=warnings)
    assert [e.title for e in story.events] == ["Item x", "Item 2"]
    assert [e.name for e in story.eras] == ["Item bg"]  # a background needs no content
    assert warnings == ['2 items have neither content nor title: titled "Item <id or place>"']


def test_an_end_before_the_start_is_dropped_with_a_warning() -> None:
    warnings: list[str] = []
    story = parse_vis(json.dumps([
        {"id": 1, "content": "a", "start": "2020-05-01", "end": "2020-04-01"},
        {"id": 2, "content": "b", "start": "2020-05-01T10:00", "end": "2020-05-01"},
        {"id": 3, "content": "c", "start": "2020-05-01", "end": "2020-06-01"}]),
        warnings=warnings)
    assert [e.when.edtf() for e in story.events] == [
        "2020-05-01", "2020-05-01T10:00:00", "2020-05-01/2020-06-01"]
    assert warnings == ["2 items have an end before the start: read without the end "
                        "(vis-timeline draws it at the start)"]


def test_a_group_without_an_id_is_left_out_with_a_warning() -> None:
    warnings: list[str] = []
    story = parse_vis(json.dumps({"groups": [{"content": "Nameless"}, {"id": 3, "content": "C"}],
                                  "items": [{"content": "a", "start": "2020", "group": 3}]}),
                      warnings=warnings)
    assert [c.name for c in story.categories] == ["C"]
    assert story.events[0].category == "group:3"
    assert warnings == ["1 group has no id: left out, as no item can name a group without one"]


def test_no_start_is_still_an_invalid_item_and_warnings_come_with_it(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text(json.dumps({"items": [{"id": 1, "title": "no start"},
                                          {"id": 2, "start": "", "content": "empty start"},
                                          {"id": 3, "start": "2020-01-01", "title": "kept"}]}),
                    encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_story(path)
    assert caught.value.problems == ["$.items[0].start: missing; every item needs a start date",
                                     "$.items[1]: '' is not a date"]
    imported = read_story(path, skip_invalid=True)
    assert [e.title for e in imported.story.events] == ["kept"]
    assert len(imported.skipped) == 2
    assert imported.warnings == (
        "1 item has no content: titled by the tooltip (title) instead",)


def test_a_list_of_items_with_titles_only_is_told_as_vis(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"id": 1, "start": "2020-01-01", "title": "<i>One</i>"},
                                {"id": 2, "start": "2020-01-02", "content": "Two"}]),
                    encoding="utf-8")
    imported = read_story(path)
    assert imported.format == "vis"
    assert [e.title for e in imported.story.events] == ["One", "Two"]
    assert imported.warnings == ("1 item has no content: titled by the tooltip (title) instead",)


def test_days_as_browsers_read_them_with_a_warning() -> None:
    warnings: list[str] = []
    story = parse_vis(json.dumps([
        {"content": "a", "start": "2014/04/20", "end": "2014/4/22"},
        {"content": "b", "start": "2014-4-5 09:30"},
        {"content": "c", "start": "2014-04-20"}]), warnings=warnings)
    assert [e.when.edtf() for e in story.events] == [
        "2014-04-20/2014-04-22", "2014-04-05T09:30:00", "2014-04-20"]
    assert warnings == ["2 items have a date not in ISO form (such as 2014/4/20): read as the "
                        "day it names, as browsers read it for vis-timeline"]
    with pytest.raises(FormatError) as caught:  # not a day at all: still an invalid item
        parse_vis(json.dumps([{"content": "x", "start": "2014/02/30"},
                              {"content": "y", "start": "20/04/2014"}]), warnings=warnings)
    assert [p.split(":")[0] for p in caught.value.problems] == ["$[0]", "$[1]"]
