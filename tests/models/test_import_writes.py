"""What an import writes beyond events: links and attributes, parties merged across files,
progress that can cancel, and --skip-invalid on the native format."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from models.dates import parse_edtf
from models.errors import ImportCancelled
from models.formats import read_story
from models.interchange import FormatError, dump_native, parse_native, read_native
from models.paths import sample_story_path
from models.store import Store
from models.story import EventRecord, LinkRecord, PartyRecord, RoleRecord, Story

EVENT = EventRecord(
    "e1", "Deal signed", parse_edtf("2023-08-25"),
    parties=(RoleRecord("huawei", "signatory"),),
    links=(LinkRecord("https://example.org/a.jpg", "The signing", "Photo: AFP"),
           LinkRecord("https://example.org/b")),
    attributes=(("CAMEO code", "042"), ("Place", "Shenzhen, China"), ("CAMEO code", "043")))
HUAWEI = PartyRecord("huawei", "Huawei", "organisation", aliases=("Huawei Technologies",),
                     attributes=(("Sectors", "Business, Telecom"), ("Country", "China")))


def test_links_and_attributes_are_kept_in_order_and_replaced_on_update() -> None:
    with Store.memory() as store:
        store.add_story(Story(parties=(HUAWEI,), events=(EVENT,)))
        event_id = store.key_of("events", "e1")
        party_id = store.key_of("parties", "huawei")
        assert event_id is not None and party_id is not None
        assert [(link.url, link.caption, link.credit) for link in store.links_of(event_id)] == [
            ("https://example.org/a.jpg", "The signing", "Photo: AFP"),
            ("https://example.org/b", "", "")]
        assert store.event_attributes(event_id) == list(EVENT.attributes)
        assert store.party_attributes(party_id) == list(HUAWEI.attributes)
        story = store.story()
        assert story.events[0].links == EVENT.links
        assert story.events[0].attributes == EVENT.attributes
        assert story.parties[0].attributes == HUAWEI.attributes
        # Importing the record again replaces what it carries; it does not add to it.
        store.add_story(Story(parties=(HUAWEI,), events=(
            EventRecord("e1", "Deal signed", parse_edtf("2023-08-25"),
                        attributes=(("CAMEO code", "057"),)),)))
        assert store.links_of(event_id) == []
        assert store.event_attributes(event_id) == [("CAMEO code", "057")]


def test_native_json_carries_links_and_attributes() -> None:
    story = Story(parties=(HUAWEI,), events=(EVENT,))
    text = dump_native(story)
    assert '"attributes"' in text and '"credit": "Photo: AFP"' in text
    again = parse_native(text)
    assert again.events[0].links == EVENT.links
    assert again.events[0].attributes == EVENT.attributes
    assert again.parties[0].attributes == HUAWEI.attributes
    assert dump_native(again) == text


@pytest.mark.parametrize("attributes", [{"a": "b"}, [["a"]], [["", "b"]], [["a", 1]], "x"])
def test_bad_attributes_name_their_path(attributes: object) -> None:
    doc = json.loads(dump_native(Story(events=(EVENT,))))
    doc["events"][0]["attributes"] = attributes
    with pytest.raises(FormatError, match=r"\$\.events\[0\]\.attributes: must be a list"):
        parse_native(json.dumps(doc))


def _file(name: str, *parties: PartyRecord) -> Story:
    return Story(parties=parties, events=tuple(
        EventRecord(f"{name}-{p.key}", f"{p.name} in {name}", parse_edtf("2020"),
                    parties=(RoleRecord(p.key, "actor"),)) for p in parties))


def test_parties_from_other_files_merge_by_name_or_alias() -> None:
    first = _file("a", PartyRecord("a:huawei", "Huawei", aliases=("Huawei Technologies",)),
                  PartyRecord("a:us", "United States"))
    second = _file("b", PartyRecord("b:hw", "  huawei  technologies "),
                   PartyRecord("b:usa", "USA", aliases=("united states",)),
                   PartyRecord("b:eri", "Ericsson"))
    with Store.memory() as store:
        merged = store.add_stories([first, second], merge_parties=True)
        assert {(m.name, m.into) for m in merged} == {
            ("  huawei  technologies ", "Huawei"), ("USA", "United States")}
        assert store.info().parties == 3
        huawei = store.key_of("parties", "a:huawei")
        assert huawei is not None
        assert len(store.events_of(huawei)) == 2
        party = store.party(huawei)
        assert party is not None and "  huawei  technologies " not in party.aliases  # same name
        us = store.party(store.key_of("parties", "a:us") or 0)
        assert us is not None and "USA" in us.aliases
        # The same files again: the same merges, and no party added.
        assert store.add_stories([first, second], merge_parties=True) == merged
        assert store.info().parties == 3
        # A later import merges with what is stored.
        later = store.add_stories([_file("c", PartyRecord("c:e", "ERICSSON"))],
                                  merge_parties=True)
        assert [(m.name, m.into) for m in later] == [("ERICSSON", "Ericsson")]


def test_parties_of_one_file_are_never_merged_with_each_other() -> None:
    story = _file("a", PartyRecord("a:1", "John Smith"), PartyRecord("a:2", "John Smith"))
    with Store.memory() as store:
        assert store.add_stories([story], merge_parties=True) == ()
        assert store.info().parties == 2


def test_progress_counts_events_and_cancelling_writes_nothing() -> None:
    events = tuple(EventRecord(f"e{i}", f"Event {i}", parse_edtf("2001")) for i in range(12_000))
    seen: list[int] = []
    with Store.memory() as store:
        store.add_stories([Story(events=events)], progress=seen.append)
        assert seen[-1] == 12_000 and len(seen) >= 3 and seen == sorted(seen)

    def cancel(done: int) -> None:
        if done >= 5_000:
            raise ImportCancelled("cancelled")

    with Store.memory() as store:
        before = store.info()
        with pytest.raises(ImportCancelled):
            store.add_stories([Story(parties=(HUAWEI,), events=events)], progress=cancel)
        assert store.info() == before


def test_native_skip_invalid_leaves_out_the_invalid_and_what_refers_to_them(
        tmp_path: Path) -> None:
    doc = json.loads(sample_story_path().read_text(encoding="utf-8"))
    doc["parties"][0]["kind"] = "company"  # huawei: invalid
    doc["events"][0]["date"] = "not a date"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_story(path)
    assert [p.split(":")[0] for p in raised.value.problems] == [
        "$.parties[0].kind", "$.events[0].date"]
    imported = read_story(path, skip_invalid=True)
    kept = {e.key for e in imported.story.events}
    refer_to_huawei = {e["id"] for e in doc["events"]
                       if any(r["party"] == doc["parties"][0]["id"] for r in e["parties"])}
    assert kept == {e["id"] for e in doc["events"][1:]} - refer_to_huawei
    assert len(imported.skipped) == 2 + len(refer_to_huawei - {doc["events"][0]["id"]})
    assert all("left out, as its party" in s for s in imported.skipped[2:])
    with Store.memory() as store:
        store.add_story(imported.story)
        assert store.info().events == len(kept)


def test_a_broken_file_cannot_be_skipped_into(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "chronolens", "version": 1, "title": 5}', encoding="utf-8")
    with pytest.raises(FormatError, match=r"\$\.title"):
        read_story(path, skip_invalid=True)


def _everything(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (full-text shadow tables too) and the schema, triggers included."""
    tables = [name for (name,) in store._rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    found = {table: sorted(store._rows(f'SELECT * FROM "{table}"'), key=repr) for table in tables}
    found["sqlite_master"] = sorted(store._rows("SELECT type, name, tbl_name, sql FROM "
                                                "sqlite_master"), key=repr)
    return found


def test_a_cancelled_import_into_a_store_leaves_it_exactly_as_it_was(tmp_path: Path) -> None:
    """Cancelled after some parts were written (the writer's triggers dropped, derived tables
    half kept): nothing of it is left, the triggers included."""
    sample = read_native(sample_story_path())
    events = tuple(EventRecord(f"e{i}", f"Event {i}", parse_edtf(f"{1900 + i % 100}"),
                               parties=(RoleRecord("huawei", "signatory"),))
                   for i in range(12_000))
    update = tuple(replace(e, title=f"{e.title} moved", when=parse_edtf("2024"))
                   for e in sample.events)

    def cancel(done: int) -> None:
        if done >= 10_000:
            raise ImportCancelled("cancelled")

    with Store.open(tmp_path / "store.db", create=True) as store:
        store.add_stories([sample])
        before = _everything(store)
        with pytest.raises(ImportCancelled):
            store.add_stories([replace(sample, events=update + events)], progress=cancel)
        assert _everything(store) == before
        assert store.check().ok
