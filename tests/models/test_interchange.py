"""The native JSON format: validation with JSON paths, deterministic round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import parse_edtf
from models.errors import StoreError
from models.formats import export_story, export_stream
from models.interchange import FormatError, _indented, dump_native, parse_native, read_native
from models.paths import sample_story_path
from models.store import Store
from models.story import (
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)


def sample_doc() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(sample_story_path().read_text(encoding="utf-8"))
    return result


def test_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    with Store.memory() as first:
        first.add_stories([read_native(sample_story_path())])
        exported = dump_native(first.story())
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    with Store.open(tmp_path / "second.db", create=True) as second:
        second.add_stories([read_native(path)])
        again = dump_native(second.story())
    assert again.encode() == exported.encode()


def test_export_keeps_everything_of_the_sample() -> None:
    doc = sample_doc()
    with Store.memory() as s:
        s.add_stories([parse_native(json.dumps(doc))])
        out = json.loads(dump_native(s.story()))
    for name in ("categories", "parties", "sources", "eras", "events"):
        assert sorted(r["id"] for r in out[name]) == sorted(r["id"] for r in doc[name])
    by_id = {e["id"]: e for e in out["events"]}
    for event in doc["events"]:
        assert by_id[event["id"]]["date"] == event["date"]
        assert sorted((p["party"], p["role"]) for p in by_id[event["id"]]["parties"]) == \
            sorted((p["party"], p["role"]) for p in event["parties"])
        assert [c["quote"] for c in by_id[event["id"]]["citations"]] == \
            [c["quote"] for c in event["citations"]]
    assert out["title"] == doc["title"]


def problems_of(doc: Any) -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_native(json.dumps(doc), source="story.json")
    assert "story.json" in str(caught.value)
    return caught.value.problems


def test_bad_date_is_named_by_json_path() -> None:
    doc = sample_doc()
    doc["events"][3]["date"] = "2023-13-40"
    [problem] = problems_of(doc)
    assert problem.startswith("$.events[3].date:") and "2023-13-40" in problem


def test_a_date_read_twice_is_the_same_date_or_the_same_problem_twice() -> None:
    doc = sample_doc()
    for index in (3, 5):
        doc["events"][index]["date"] = "2023-13-40"
    assert [p.split(":")[0] for p in problems_of(doc)] == ["$.events[3].date",
                                                          "$.events[5].date"]
    doc = sample_doc()
    doc["events"][1]["date"] = doc["events"][0]["date"]
    first, second = parse_native(json.dumps(doc)).events[:2]
    assert first.when == second.when == parse_edtf(doc["events"][0]["date"])


def test_every_problem_is_reported_not_just_the_first() -> None:
    doc = sample_doc()
    del doc["events"][0]["title"]
    doc["events"][1]["parties"][0]["party"] = "nobody"
    doc["events"][2]["citations"][0]["source"] = "nowhere"
    doc["parties"][0]["kind"] = "alien"
    doc["parties"][1]["id"] = doc["parties"][2]["id"]
    doc["categories"][0]["parent"] = "no-such-category"
    doc["events"][3]["category"] = "nope"
    problems = "\n".join(problems_of(doc))
    assert "$.events[0].title: is required" in problems
    assert "$.events[1].parties[0].party: no party has the id 'nobody'" in problems
    assert "$.events[2].citations[0].source: no source has the id 'nowhere'" in problems
    assert "$.parties[0].kind" in problems
    assert "$.parties[2].id" in problems and "used twice" in problems
    assert "$.categories[0].parent: no category has the id 'no-such-category'" in problems
    assert "$.events[3].category: no category has the id 'nope'" in problems


@pytest.mark.parametrize(("doc", "needle"), [
    ([], "$: must be a JSON object"),
    ({"format": "timelinejs"}, "$.format"),
    ({"format": "chronolens", "version": 99}, "$.version"),
    ({"format": "chronolens", "version": 1, "events": {}}, "$.events: must be a list"),
    ({"format": "chronolens", "version": 1, "events": [3]}, "$.events[0]: must be an object"),
])
def test_structural_problems(doc: Any, needle: str) -> None:
    assert any(needle in p for p in problems_of(doc))


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(FormatError, match="line 2, column"):
        parse_native('{"format": "chronolens",\n oops}', source="x.json")


def test_invalid_file_writes_nothing(tmp_path: Path) -> None:
    doc = sample_doc()
    doc["events"][-1]["date"] = "not a date"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Store.memory() as s, pytest.raises(FormatError):
        s.add_stories([read_native(path)])
    with Store.memory() as s:
        assert s.info().events == 0


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + sample_story_path().read_bytes())
    assert len(read_native(path).events) == 10


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"format": "chronolens", "title": "caf\xe9"}')
    with pytest.raises(FormatError, match="not UTF-8"):
        read_native(path)


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "title", "date", "name", "events", "parties",
                                       "party", "role", "kind", "aliases", "sources",
                                       "citations", "quote", "source", "eras", "color",
                                       "categories", "category", "parent", "text"]),
                      children, max_size=5),
    max_leaves=20,
))
def test_arbitrary_records_give_format_errors_only(body: Any) -> None:
    doc = {"format": "chronolens", "version": 1}
    if isinstance(body, dict):
        doc.update(body)
    try:
        story = parse_native(json.dumps(doc))
    except FormatError as error:
        assert error.problems
        return
    with Store.memory() as s:  # whatever validates must also write
        s.add_stories([story])


# -- the exports written as the store is read -----------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=json_values)
def test_the_layout_is_json_dumps_with_an_indent_of_two(value: Any) -> None:
    assert _indented(value, "") == json.dumps(value, ensure_ascii=False, indent=2)


def _tricky_story() -> Story:
    """Everything the exports write: links, attributes (a name twice, one read as "end", one
    blank), citations with and without quotes, aliases, a parent category, events that start
    together (ordered by id), text that needs escaping or guarding."""
    when = parse_edtf("2020-01-02")
    parties = (PartyRecord("p:b", "Bé \"quoted\"", "person", "line\nbreak", ("z", "a")),
               PartyRecord("p:a", "=SUM(A1)", attributes=(("Sector", "x"),)))
    return Story(
        title="Tricky\u2028story \x01",
        categories=(CategoryRecord("c2", "Child", parent="c1"),
                    CategoryRecord("c1", "Parent", "#ff00ff")),
        parties=parties,
        sources=(SourceRecord("s1", "Source", "Pub", "https://example.org/s",
                              parse_edtf("2019"), "text"),
                 SourceRecord("s0", "Other")),
        eras=(EraRecord("era", "Era", parse_edtf("2019/2021")),),
        events=(
            EventRecord("b", "+1 tab\tand\r\nCRLF", when, "d", "c2",
                        (RoleRecord("p:b", "z"), RoleRecord("p:a", "a"), RoleRecord("p:b", "a")),
                        (CitationRecord("s1", "quote"), CitationRecord("s0"))),
            EventRecord("a", "First at the same time", when,
                        links=(LinkRecord("https://example.org/1", "cap"),
                               LinkRecord("https://example.org/2", credit="cr")),
                        attributes=(("End", "x"), ("Place", "1"), ("Place", "2"), (" ", "y"))),
            EventRecord("c", "Ongoing", parse_edtf("1999~/.."),
                        attributes=(("Place", "3"), ("Goldstein", "-2"))),
            EventRecord("d", "Long ago", parse_edtf("-0043"), citations=(CitationRecord("s0"),)),
        ))


@pytest.mark.parametrize("format", ["native", "csv"])
@pytest.mark.parametrize("story", ["sample", "tricky", "damaged"])
def test_streamed_export_is_the_whole_story_export(tmp_path: Path, story: str,
                                                   format: str) -> None:
    with Store.open(tmp_path / "store.db", create=True) as store:
        if story == "sample":
            store.add_stories([read_native(sample_story_path())])
        else:
            store.add_stories([_tricky_story()])
        if story == "damaged":  # text that is not UTF-8, in an event after the first chunk
            store.add_stories([Story(events=tuple(
                EventRecord(f"n{i:05d}", f"event {i}", parse_edtf("2021")) for i in range(4500)))])
            store._db.execute("UPDATE events SET title = CAST(x'41c328' AS TEXT), "
                              "description = CAST(x'ff' AS TEXT) WHERE key = 'n03000'")
        whole, streamed = tmp_path / "whole", tmp_path / "streamed"
        if story == "damaged":  # refused, as a whole story is, and no file is left
            with pytest.raises(StoreError, match="cannot be read"):
                export_story(store.story(), whole, format)
            with pytest.raises(StoreError, match="cannot be read"):
                export_stream(store.story_stream(), streamed, format)
            assert not [p for p in tmp_path.iterdir() if "whole" in p.name or "streamed" in p.name]
            return
        export_story(store.story(), whole, format)
        export_stream(store.story_stream(), streamed, format)
    assert streamed.read_bytes() == whole.read_bytes()


def test_stream_reads_a_chunk_at_a_time(tmp_path: Path) -> None:
    """The export holds a chunk of events, not the store: the first events are given when
    only their chunk's participations have been read."""
    with Store.open(tmp_path / "store.db", create=True) as store:
        store.add_stories([Story(events=tuple(
            EventRecord(f"e{i:05d}", f"event {i}", parse_edtf(f"{1000 + i}"))
            for i in range(5000)))])
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        events = iter(store.story_stream().events)
        assert next(events).key == "e00000"
        chunks = sum("JOIN participations" in sql for sql in statements)
        assert [e.key for e in events][-1] == "e04999"
        assert chunks == 1 < sum("JOIN participations" in sql for sql in statements)
