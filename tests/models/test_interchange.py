"""The native JSON format: validation with JSON paths, deterministic round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.interchange import FormatError, dump_native, parse_native, read_native
from models.paths import sample_story_path
from models.store import Store


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
