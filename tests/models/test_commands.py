"""Edit commands, undo, redo and the history (issue 13 §2)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.dates import parse_edtf
from models.edits import (
    AddEvent,
    AddParty,
    AddQuote,
    AddSource,
    CommandError,
    DeleteEvents,
    DuplicateEvent,
    EditEvent,
    EditParty,
    EditSource,
    MakeAliasName,
    MergeEvents,
    MergeParties,
    SetAliases,
    SetCitations,
    SetLinks,
    SetNote,
    SetRoles,
    SetStar,
    SetTags,
    SplitAlias,
    TagRecords,
)
from models.interchange import dump_native
from models.store import Store
from models.story import EventRecord, PartyRecord, RoleRecord, Story


def native(store: Store) -> str:
    return dump_native(store.story())


def derived_ok(store: Store) -> None:
    """What the triggers keep (search index, counts, lanes) still matches the records."""
    assert store.check().ok, store.check().problems


# -- single commands ------------------------------------------------------------------------------

def first_event(store: Store) -> int:
    return store.events_in(-(2**62), 2**62, limit=1)[0].id


def test_edit_event_changes_fields_and_undo_restores_them(store: Store) -> None:
    event_id = first_event(store)
    before = native(store)
    change = store.apply(EditEvent(event_id, title="Renamed", when="2020-05~",
                                   description="New words"))
    event = store.event(event_id)
    assert event is not None and event.title == "Renamed" and event.when.edtf() == "2020-05~"
    assert store.search("Renamed").events[0].event.id == event_id
    store.undo(change)
    assert native(store) == before
    assert not store.search("Renamed").events
    derived_ok(store)


@pytest.mark.parametrize(("command", "message"), [
    (lambda e: EditEvent(e, when="2023-02-30"), "date"),
    (lambda e: EditEvent(e, when="abc"), "date"),
    (lambda e: EditEvent(e, title="   "), "title cannot be empty"),
    (lambda e: EditEvent(e, title="a\x00b"), "NUL"),
    (lambda e: MergeEvents(e, (e,)), "itself"),
    (lambda e: EditEvent(10**9, title="x"), "no event"),
    (lambda e: EditEvent(e, category_id=10**9), "no category"),
    (lambda e: AddEvent("t", "2023-13-01"), "date"),
    (lambda e: EditSource(1, published="soon"), "published"),
])
def test_invalid_edits_say_why_and_write_nothing(store: Store, command: object,
                                                 message: str) -> None:
    event_id = first_event(store)
    before = native(store), len(store.history())
    with pytest.raises(CommandError, match=message):
        store.apply(command(event_id))  # type: ignore[operator]
    assert (native(store), len(store.history())) == before


def test_merging_a_party_into_itself_is_refused(store: Store) -> None:
    party = store.parties()[0]
    with pytest.raises(CommandError, match="itself"):
        store.plan(MergeParties(party.id, (party.id,)))


def test_merge_parties_previews_moves_and_loses_nothing(store: Store) -> None:
    parties = {p.name: p for p in store.parties()}
    huawei = next(p for n, p in parties.items() if n.startswith("Huawei"))
    other = next(p for p in parties.values() if p.id != huawei.id and store.events_of(p.id))
    moving = {e.event.id for e in store.events_of(other.id)}
    plan = store.plan(MergeParties(huawei.id, (other.id,)))
    assert any(" to " in line and "role" in line for line in plan.summary())
    assert plan.label == f"merge of {other.name} into {huawei.name}"
    before = native(store)
    change = store.apply(plan)
    merged = store.party(huawei.id)
    assert merged is not None and other.name in merged.aliases
    assert set(other.aliases) <= set(merged.aliases)
    assert moving <= {e.event.id for e in store.events_of(huawei.id)}
    assert store.party(other.id) is None
    derived_ok(store)
    store.undo(change)
    assert native(store) == before
    derived_ok(store)


def test_split_alias_takes_the_chosen_events(store: Store) -> None:
    party = next(p for p in store.parties() if p.aliases and store.events_of(p.id))
    alias = party.aliases[0]
    events = [e.event.id for e in store.events_of(party.id)][:1]
    change = store.apply(SplitAlias(party.id, alias, tuple(events)))
    assert change.record is not None
    new = store.party(change.record[1])
    assert new is not None and new.name == alias
    assert [e.event.id for e in store.events_of(new.id)] == events
    assert alias not in (store.party(party.id) or party).aliases
    derived_ok(store)


def test_make_alias_the_name(store: Store) -> None:
    party = next(p for p in store.parties() if p.aliases)
    alias = party.aliases[0]
    store.apply(MakeAliasName(party.id, alias))
    renamed = store.party(party.id)
    assert renamed is not None and renamed.name == alias and party.name in renamed.aliases
    assert store.search(alias).parties


def test_delete_says_what_goes_with_the_event(store: Store) -> None:
    event_id = next(m.id for m in store.events_in(-(2**62), 2**62)
                    if store.citations_of(m.id) and store.participants(m.id))
    plan = store.plan(DeleteEvents((event_id,)))
    text = " ".join(plan.summary())
    assert f"{len(store.participants(event_id))} role" in text
    assert f"{len(store.citations_of(event_id))} citation" in text
    before = native(store)
    change = store.apply(plan)
    assert store.event(event_id) is None
    derived_ok(store)
    store.undo(change)
    assert native(store) == before


def test_history_lists_fields_old_and_new_and_survives_reopening(store_file: Path) -> None:
    with Store.open(store_file) as store:
        event_id = first_event(store)
        old = store.event(event_id)
        store.apply(EditEvent(event_id, title="Fixed typo"))
    with Store.open(store_file) as store:
        entries = store.history(table="events", record_id=event_id)
    assert [(e.field, json.loads(e.old or "null"), json.loads(e.new or "null"))
            for e in entries if e.action == "edit"] == [("title", old.title, "Fixed typo")]


def test_import_is_undone_and_redone(store: Store) -> None:
    before = native(store)
    existing = store.story().events[0]
    story = Story(title="More", parties=(PartyRecord(key="new-party", name="New Party"),),
                  events=(EventRecord(key="new-event", title="Brand new",
                                      when=parse_edtf("2021-03-04"),
                                      parties=(RoleRecord("new-party", "signatory"),)),
                          EventRecord(key=existing.key, title="Updated by import",
                                      when=parse_edtf("1999"))))
    change = store.import_stories([story], label="import of more.json", detail="more.json")
    after = native(store)
    assert [e.new for e in store.history(table="events", record_id=store.key_of(
        "events", existing.key) or 0) if e.field == "title"] == ['"Updated by import"']
    assert store.history(table="events", record_id=store.key_of("events", "new-event") or 0)
    store.undo(change)
    assert native(store) == before
    derived_ok(store)
    store.redo(change)
    assert native(store) == after
    derived_ok(store)


# -- the property: any sequence, undone, gives the start back byte for byte ----------------

def _commands(store: Store, draw: st.DrawFn) -> Iterator[object]:
    """Commands that make sense for the store as it is now."""
    events = [m.id for m in store.events_in(-(2**62), 2**62)]
    parties = [p.id for p in store.parties()]
    sources = list(store.story().sources)
    pick = draw(st.integers(0, 16))
    text = draw(st.text(alphabet="abc Éé–", min_size=1, max_size=8)).strip() or "x"
    date = draw(st.sampled_from(["2019", "2020-05~", "2021-06-07/2021-08", "2018?/..",
                                 "1999-12-31T23:59:00"]))
    if pick == 0 or not events:
        yield AddEvent(text, date, roles=tuple((p, "party") for p in parties[:2]))
    elif pick == 1:
        yield EditEvent(draw(st.sampled_from(events)), title=text, when=date)
    elif pick == 2:
        yield DeleteEvents(tuple(draw(st.lists(st.sampled_from(events), min_size=1,
                                               max_size=3))))
    elif pick == 3:
        yield DuplicateEvent(draw(st.sampled_from(events)))
    elif pick == 4 and len(parties) > 1:
        into, *others = draw(st.lists(st.sampled_from(parties), min_size=2, max_size=3,
                                      unique=True))
        yield MergeParties(into, tuple(others))
    elif pick == 5 and len(events) > 1:
        into, *others = draw(st.lists(st.sampled_from(events), min_size=2, max_size=3,
                                      unique=True))
        yield MergeEvents(into, tuple(others))
    elif pick == 6 and parties:
        party = store.party(draw(st.sampled_from(parties)))
        if party is not None and party.aliases:
            mine = [e.event.id for e in store.events_of(party.id)]
            yield SplitAlias(party.id, party.aliases[0], tuple(mine[:1]))
        elif party is not None:
            yield SetAliases(party.id, (text, text + " Ltd"))
    elif pick == 7 and parties:
        yield EditParty(draw(st.sampled_from(parties)), name=text, kind="person")
    elif pick == 8 and parties and events:
        yield SetRoles(draw(st.sampled_from(events)),
                       tuple((p, draw(st.sampled_from(["signatory", "party"])))
                             for p in draw(st.lists(st.sampled_from(parties), max_size=3))))
    elif pick == 9 and events:
        source = store.key_of("sources", sources[0].key) if sources else None
        if source is not None:
            yield SetCitations(draw(st.sampled_from(events)), ((source, text),))
            yield AddQuote(draw(st.sampled_from(events)), source, text)
    elif pick == 10:
        yield AddParty(text)
        yield AddSource(text, published="2023-08-25")
    elif pick == 11 and events:
        yield SetLinks(draw(st.sampled_from(events)), (("https://example.org/" + text,
                                                         text, ""),))
    elif pick == 12 and parties:
        party = store.party(draw(st.sampled_from(parties)))
        if party is not None and party.aliases:
            yield MakeAliasName(party.id, party.aliases[-1])
    elif pick == 13 and sources:
        source = store.key_of("sources", sources[0].key)
        if source is not None:
            yield EditSource(source, title=text, published="2020")
    elif pick == 14 and events:
        yield SetTags("events", draw(st.sampled_from(events)),
                      tuple(draw(st.lists(st.sampled_from(["a", "A", "b", text]), max_size=3))))
        yield SetStar(tuple(draw(st.lists(st.sampled_from(events), min_size=1, max_size=3))),
                      draw(st.booleans()))
    elif pick == 15 and parties and events:
        yield TagRecords("parties", (draw(st.sampled_from(parties)),), add=(text,))
        yield TagRecords("events", tuple(events[:3]), add=("b",), remove=("a",))
    elif pick == 16:
        record = draw(st.sampled_from(["events", "parties", "sources"]))
        ids = {"events": events, "parties": parties,
               "sources": [i for s in sources if (i := store.key_of("sources", s.key))]}[record]
        if ids:
            yield SetNote(record, draw(st.sampled_from(ids)), draw(st.sampled_from(["", text])))


def imported(store: Store, step: int, draw: st.DrawFn) -> Story:
    """A file to import: a new event with a new party (named like a stored one, or not),
    and a stored event rewritten (another title, date and parties)."""
    stored = store.story()
    name = draw(st.sampled_from([p.name for p in stored.parties] + [f"Newcomer {step}"]))
    party = PartyRecord(key=f"imported-party-{step}", name=name, aliases=(f"Alias {step}",))
    events = [EventRecord(key=f"imported-{step}", title="Imported", when=parse_edtf("2022"),
                          parties=(RoleRecord(party.key, "party"),))]
    if stored.events:
        old = draw(st.sampled_from(stored.events))
        keys = [p.key for p in stored.parties]
        events.append(EventRecord(
            key=old.key, title=old.title + " (imported)", when=parse_edtf("2001-02"),
            parties=tuple(RoleRecord(k, "signatory") for k in draw(
                st.lists(st.sampled_from(keys), max_size=2, unique=True))) if keys else (),
            tags=tuple(draw(st.lists(st.sampled_from(["a", "B", "imported"]), max_size=2))),
            starred=draw(st.booleans()), note=draw(st.sampled_from(["", "from a file"]))))
    return Story(parties=(party, *stored.parties[:1]), events=tuple(events))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(data=st.data())
def test_undo_all_gives_the_start_back_and_redo_all_the_end(sample_story: Story,
                                                            data: st.DataObject) -> None:
    with Store.memory() as store:
        store.add_stories([sample_story])
        start = native(store)
        done = []
        for step in range(data.draw(st.integers(1, 8), label="steps")):
            if data.draw(st.integers(0, 4), label="import?") == 0:
                done.append(store.import_stories([imported(store, step, data.draw)],
                                                 label=f"import of {step}.json",
                                                 merge_parties=True))
                continue
            for command in _commands(store, data.draw):
                try:
                    done.append(store.apply(command))  # type: ignore[arg-type]
                except CommandError:
                    pass  # refused as a person would be: nothing written
        end = native(store)
        done = [change for change in done if change.change_id is not None]
        for change in reversed(done):
            store.undo(change)
        assert native(store) == start
        derived_ok(store)
        for change in done:
            store.redo(change)
        assert native(store) == end
        derived_ok(store)
        changes = store.history_changes()
        assert len(changes) == 3 * len(done)
        assert [c.label for c in changes[:len(done)]] == [c.label for c in done]
        assert [c.action for c in changes[len(done):2 * len(done)]] == ["undo"] * len(done)


@given(st.one_of(st.text(), st.integers(), st.none(), st.floats(allow_nan=False),
                 st.dictionaries(st.text(), st.integers())))
def test_history_values_are_json_as_json_dumps_writes_it(value: object) -> None:
    from models.store.history import to_json

    assert to_json(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert json.loads(to_json(value)) == value
