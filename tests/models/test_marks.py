"""Stars, tags, notes and saved views (issue 14 §3, the store's side): store version 8."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from models.edits import (
    CommandError,
    DeleteEvents,
    DuplicateEvent,
    MergeEvents,
    MergeParties,
    SetNote,
    SetStar,
    SetTags,
    SplitAlias,
    TagRecords,
)
from models.errors import StoreReadOnly
from models.interchange import dump_native, parse_native
from models.store import SCHEMA_VERSION, Store, schema_migrations
from models.store.safety import read_header
from models.story import PartyRecord, Story

MARK_TABLES = ("tags", "event_tags", "party_tags", "source_tags", "stars", "notes")


def marks(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables of marks, by rowid."""
    return {table: store._rows(f"SELECT rowid, * FROM {table} ORDER BY rowid")
            for table in MARK_TABLES}


def events(store: Store) -> list[int]:
    return [m.id for m in store.events_in(-(2**62), 2**62)]


def undone_and_redone(store: Store, command: object) -> None:
    """Apply, undo, redo: each gives the tables (and the native export) back exactly."""
    before, text = marks(store), dump_native(store.story())
    change = store.apply(command)  # type: ignore[arg-type]
    after, text_after = marks(store), dump_native(store.story())
    assert after != before
    store.undo(change)
    assert marks(store) == before and dump_native(store.story()) == text
    store.redo(change)
    assert marks(store) == after and dump_native(store.story()) == text_after
    assert store.check().ok, store.check().problems


# -- the migration ----------------------------------------------------------------------------

def test_a_version_7_store_is_upgraded(tmp_path: Path, sample_story: Story) -> None:
    import sqlite_utils

    path = tmp_path / "v7.db"
    db = sqlite_utils.Database(path)
    schema_migrations().apply(db, stop_before="m008_marks")
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == 7
    Store(db.conn, str(path)).add_stories([sample_story])
    old = Store(db.conn, str(path), mode="ro")  # read as it is (before its upgrade): no marks
    details = old.event_details(1)
    assert details is not None and details.tags == () and not details.starred
    assert old.tags() == [] and old.views() == [] and old.last_view() is None
    assert "tags" not in dump_native(old.story())
    db.close()
    with Store.open(path) as store:
        assert store._version() == SCHEMA_VERSION == 8
        assert store.check().ok, store.check().problems
        strict = dict(store._rows("SELECT name, strict FROM pragma_table_list WHERE name IN "
                                  "('tags', 'event_tags', 'stars', 'notes', 'views')"))
        assert strict == {"tags": 1, "event_tags": 1, "stars": 1, "notes": 1, "views": 1}
        # the quotes and sources are in their new full-text indexes from the start
        assert store._scalar("SELECT count(*) FROM citations_fts") == \
            store._scalar("SELECT count(*) FROM citations") > 0
        assert store._scalar("SELECT count(*) FROM sources_fts WHERE sources_fts MATCH "
                             "'ericsson'") >= 1
        store.apply(SetTags("events", 1, ("kept",)))
    assert read_header(path).user_version == 8


def test_tag_names_are_unique_case_aside(store: Store) -> None:
    store._conn.execute("INSERT INTO tags (name) VALUES ('Patent')")
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("INSERT INTO tags (name) VALUES ('PATENT')")


# -- the commands -------------------------------------------------------------------------------

def test_set_tags_matches_existing_tags_case_aside(store: Store) -> None:
    first, second = events(store)[:2]
    undone_and_redone(store, SetTags("events", first, ("Patents", "5G", "patents ")))
    undone_and_redone(store, SetTags("events", second, ("PATENTS", "licensing")))
    details = store.event_details(second)
    assert details is not None and details.tags == ("licensing", "Patents")
    assert [(t.name, t.events) for t in store.tags()] == [("5G", 1), ("licensing", 1),
                                                          ("Patents", 2)]
    assert [t.name for t in store.tags("pa")] == ["Patents"]
    assert store.tags("%") == [] and store.tags(limit=1)[0].name == "5G"
    undone_and_redone(store, SetTags("events", first, ("5G",)))  # Patents taken off
    details = store.event_details(first)
    assert details is not None and details.tags == ("5G",)
    # the same tags again: nothing to do
    assert store.apply(SetTags("events", first, ("5g",))).rows == ()
    # the history names the tags
    listed = [(h.op, h.field, h.old, h.new) for h in store.history(table="events",
                                                                    record_id=first)]
    assert ("remove", "tag", f'{{"event_id": {first}, "tag": "Patents"}}', None) in listed



@pytest.mark.parametrize(("tags", "field"), [(("",), "tag cannot be empty"),
                                             (("  ",), "tag cannot be empty"),
                                             (("x" * 101,), "longer than 100"),
                                             (("a\x00b",), "tag contains a NUL")])
def test_bad_tags_are_refused_naming_the_field(store: Store, tags: tuple[str, ...],
                                               field: str) -> None:
    before = marks(store)
    with pytest.raises(CommandError, match=field):
        store.apply(SetTags("events", events(store)[0], tags))
    with pytest.raises(CommandError, match=field):
        store.apply(TagRecords("events", tuple(events(store)), add=tags))
    assert marks(store) == before


def test_wrong_records_are_refused(store: Store) -> None:
    with pytest.raises(CommandError, match="record must be one of"):
        store.apply(SetTags("eras", 1, ("x",)))
    with pytest.raises(CommandError, match="no event 9999"):
        store.apply(SetStar((9999,), True))
    with pytest.raises(CommandError, match="no party 9999"):
        store.apply(SetNote("parties", 9999, "x"))
    with pytest.raises(CommandError, match="both added and taken off"):
        store.apply(TagRecords("events", (1,), add=("a",), remove=("A",)))


def test_tag_records_adds_and_removes_across_a_selection(store: Store) -> None:
    ids = tuple(events(store)[:3])
    party = store.parties()[0].id
    store.apply(SetTags("events", ids[0], ("old", "keep")))
    undone_and_redone(store, TagRecords("events", ids, add=("new",), remove=("OLD",)))
    for id_ in ids:
        details = store.event_details(id_)
        assert details is not None and "new" in details.tags and "old" not in details.tags
    change = store.apply(TagRecords("events", ids, add=("x",)))
    assert change.label == "tags of 3 events"
    undone_and_redone(store, TagRecords("parties", (party,), add=("people",)))
    party_details = store.party_details(party)
    assert party_details is not None and party_details.tags == ("people",)
    undone_and_redone(store, TagRecords("sources", (1,), add=("press",)))
    source = store.source_details(1)
    assert source is not None and source.tags == ("press",)
    assert [(t.name, t.events, t.parties, t.sources) for t in store.tags("p")] == [
        ("people", 0, 1, 0), ("press", 0, 0, 1)]


def test_stars(store: Store) -> None:
    first, second, third = events(store)[:3]
    change = store.apply(SetStar((first,), True))
    assert change.label.startswith("star on event “")
    store.undo(change)
    undone_and_redone(store, SetStar((first, second, third), True))
    assert store.apply(SetStar((first,), True)).rows == ()  # starred already
    assert store.apply(SetStar((first, second), False)).label == "star off 2 events"
    details = store.event_details(third)
    assert details is not None and details.starred
    details = store.event_details(first)
    assert details is not None and not details.starred


def test_notes_are_set_changed_and_removed(store: Store) -> None:
    first = events(store)[0]
    undone_and_redone(store, SetNote("events", first, "Check the 2016 date."))
    undone_and_redone(store, SetNote("events", first, "Checked."))
    details = store.event_details(first)
    assert details is not None and details.note == "Checked."
    history = store.history(table="events", record_id=first)
    assert [(h.op, h.field, h.new) for h in history][-1] == ("update", "note", '"Checked."')
    undone_and_redone(store, SetNote("events", first, "  "))
    details = store.event_details(first)
    assert details is not None and details.note == ""
    undone_and_redone(store, SetNote("sources", 1, "Paywalled."))
    source = store.source_details(1)
    assert source is not None and source.note == "Paywalled."
    # the note is in its full-text index
    assert store._scalar("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'paywalled'") == 1


# -- other commands carry them -------------------------------------------------------------------

def marked(store: Store, event_id: int, tags: tuple[str, ...], note: str) -> None:
    store.apply(SetTags("events", event_id, tags))
    store.apply(SetStar((event_id,), True))
    store.apply(SetNote("events", event_id, note))


def test_delete_takes_the_marks_and_undo_brings_them_back(store: Store) -> None:
    first = events(store)[0]
    marked(store, first, ("a", "b"), "a note")
    undone_and_redone(store, DeleteEvents((first,)))
    assert marks(store)["event_tags"] == [] and marks(store)["stars"] == []
    assert marks(store)["notes"] == []
    assert [t.name for t in store.tags()] == ["a", "b"]  # unused tags stay


def test_duplicate_copies_tags_star_and_note(store: Store) -> None:
    first = events(store)[0]
    marked(store, first, ("a",), "a note")
    change = store.apply(DuplicateEvent(first))
    assert change.record is not None
    copy = store.event_details(change.record[1])
    assert copy is not None and (copy.tags, copy.starred, copy.note) == (("a",), True,
                                                                         "a note")
    store.undo(change)
    undone_and_redone(store, DuplicateEvent(first))


def test_merge_events_moves_tags_and_stars_and_joins_notes(store: Store) -> None:
    into, other, third = events(store)[:3]
    store.apply(SetTags("events", into, ("a", "b")))
    store.apply(SetNote("events", into, "first"))
    marked(store, other, ("B", "c"), "second")
    store.apply(SetNote("events", third, "third"))
    undone_and_redone(store, MergeEvents(into, (other, third)))
    details = store.event_details(into)
    assert details is not None
    assert (details.tags, details.starred, details.note) == (("a", "b", "c"), True,
                                                             "first\n\nsecond\n\nthird")
    assert marks(store)["notes"] == [(marks(store)["notes"][0][0], marks(store)["notes"][0][0],
                                      "events", into, "first\n\nsecond\n\nthird")]


def test_merge_parties_moves_tags_and_joins_notes_split_leaves_them(store: Store) -> None:
    parties = store.parties()
    into, other = parties[0].id, parties[1].id
    store.apply(SetTags("parties", into, ("x",)))
    store.apply(SetTags("parties", other, ("X", "y")))
    store.apply(SetNote("parties", other, "theirs"))
    undone_and_redone(store, MergeParties(into, (other,)))
    details = store.party_details(into)
    assert details is not None and (details.tags, details.note) == (("x", "y"), "theirs")
    party = store.party(into)
    assert party is not None and party.aliases
    change = store.apply(SplitAlias(into, party.aliases[0]))
    assert change.record is not None
    split = store.party_details(change.record[1])
    assert split is not None and (split.tags, split.note) == ((), "")
    details = store.party_details(into)
    assert details is not None and details.tags == ("x", "y")


# -- export, import, and the full-text indexes after an import ----------------------------------

def test_marks_travel_in_the_native_file(store: Store) -> None:
    first = events(store)[0]
    marked(store, first, ("Patents", "5G"), "Line one\nline two")
    party = store.parties()[0].id
    store.apply(SetTags("parties", party, ("people",)))
    store.apply(SetNote("parties", party, "party note"))
    store.apply(SetTags("sources", 1, ("press",)))
    store.apply(SetNote("sources", 1, "source note"))
    text = dump_native(store.story())
    assert '"starred": true' in text and '"note": "party note"' in text
    story = parse_native(text)
    with Store.memory() as other:
        other.add_stories([story])
        assert dump_native(other.story()) == text
        assert [replace(t, id=0) for t in other.tags()] == [replace(t, id=0)
                                                            for t in store.tags()]
        assert other.check().ok


def test_an_older_file_without_marks_still_reads(sample_story: Story) -> None:
    text = dump_native(sample_story)
    assert '"tags"' not in text and '"starred"' not in text
    assert dump_native(parse_native(text)) == text


def test_bad_marks_in_a_file_are_said(sample_story: Story) -> None:
    import json

    doc = json.loads(dump_native(sample_story))
    doc["events"][0]["tags"] = ["", 3]
    doc["events"][1]["starred"] = "yes"
    from models.interchange import FormatError

    with pytest.raises(FormatError) as found:
        parse_native(json.dumps(doc))
    said = str(found.value)
    assert "$.events[0].tags" in said and "$.events[1].starred" in said


def test_an_import_adds_marks_and_its_undo_takes_them_off(store: Store) -> None:
    first, second = events(store)[:2]
    store.apply(SetTags("events", first, ("mine",)))
    store.apply(SetNote("events", first, "my note"))
    before, text = marks(store), dump_native(store.story())
    story = store.story()
    keys = {event.key for event in map(store.event, (first, second)) if event is not None}
    changed = [replace(e, tags=("theirs",), starred=True, note="their note")
               if e.key in keys else e for e in story.events]
    change = store.import_stories([replace(story, events=tuple(changed))], label="import")
    after = marks(store)
    for id_ in (first, second):
        details = store.event_details(id_)
        assert details is not None and details.starred and details.note == "their note"
        assert "theirs" in details.tags
    details = store.event_details(first)
    assert details is not None and details.tags == ("mine", "theirs")  # never taken off
    store.undo(change)
    assert marks(store) == before and dump_native(store.story()) == text
    store.redo(change)
    assert marks(store) == after
    assert store.check().ok, store.check().problems


def test_a_party_merged_on_import_gives_its_marks(store: Store) -> None:
    party = store.parties()[0]
    newcomer = PartyRecord(key="newcomer", name=party.name, tags=("from file",),
                           note="file note")
    change = store.import_stories([Story(parties=(newcomer,))], label="import",
                                  merge_parties=True)
    assert change.merged
    details = store.party_details(party.id)
    assert details is not None and (details.tags, details.note) == (("from file",),
                                                                    "file note")
    store.undo(change)
    details = store.party_details(party.id)
    assert details is not None and (details.tags, details.note) == ((), "")


def test_full_text_indexes_are_right_after_an_import(store: Store, sample_story: Story) -> None:
    """The writer stands in for the triggers of the quotes' and sources' indexes."""
    events_ = [replace(e, citations=tuple(replace(c, quote=c.quote + " zebra")
                                          for c in e.citations)) for e in sample_story.events]
    sources = [replace(s, title=s.title + " giraffe") for s in sample_story.sources]
    change = store.import_stories([replace(sample_story, events=tuple(events_),
                                           sources=tuple(sources))], label="again")
    assert store.check().ok, store.check().problems
    quoted = store._scalar("SELECT count(*) FROM citations WHERE quote LIKE '%zebra'")
    assert store._scalar("SELECT count(*) FROM citations_fts WHERE citations_fts "
                         "MATCH 'zebra'") == quoted > 0
    assert store._scalar("SELECT count(*) FROM sources_fts WHERE sources_fts "
                         "MATCH 'giraffe'") == len(sources)
    store.undo(change)
    assert store.check().ok, store.check().problems
    assert store._scalar("SELECT count(*) FROM citations_fts WHERE citations_fts "
                         "MATCH 'zebra'") == 0
    # the triggers are back: a plain write keeps the index too
    store._conn.execute("UPDATE sources SET title = 'okapi' WHERE id = 1")
    assert store._scalar("SELECT count(*) FROM sources_fts WHERE sources_fts "
                         "MATCH 'okapi'") == 1


def test_a_check_finds_a_damaged_notes_index(store: Store) -> None:
    store.apply(SetNote("events", events(store)[0], "indexed words"))
    store._conn.execute("INSERT INTO notes_fts (notes_fts, rowid, text) "
                        "VALUES ('delete', 1, 'indexed words')")
    found = store.check()
    assert not found.ok and any("notes_fts" in p for p in found.problems)


# -- saved views and the last view ------------------------------------------------------------

def test_saved_views_and_the_last_view(store_file: Path) -> None:
    with Store.open(store_file) as store:
        history = len(store.history_changes())
        saved = store.save_view("  Huawei 2016 ", '{"span": [2016, 2017]}')
        assert saved.name == "Huawei 2016" and saved.saved_at.endswith("Z")
        store.save_view("All", "{}")
        store.save_view("Huawei 2016", '{"span": [2016, 2018]}')  # replaced
        assert [v.name for v in store.views()] == ["All", "Huawei 2016"]
        view = store.view("Huawei 2016")
        assert view is not None and view.spec == '{"span": [2016, 2018]}'
        assert store.view("nothing") is None
        assert store.delete_view("All") and not store.delete_view("All")
        assert store.last_view() is None
        store.remember_view('{"span": [1, 2]}')
        store.remember_view('{"span": [3, 4]}')
        assert store.last_view() == '{"span": [3, 4]}'
        assert len(store.history_changes()) == history  # not kept in the history
        with pytest.raises(CommandError, match="view name cannot be empty"):
            store.save_view(" ", "{}")
    with Store.open(store_file, read_only=True) as store:
        assert [v.name for v in store.views()] == ["Huawei 2016"]
        assert store.last_view() == '{"span": [3, 4]}'
        for write in (lambda: store.save_view("x", "{}"), lambda: store.delete_view("x"),
                      lambda: store.remember_view("{}"),
                      lambda: store.apply(SetStar((1,), True))):
            with pytest.raises(StoreReadOnly):
                write()
