"""The store: schema, windowed queries, relations, search. No Qt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.dates import OPEN_END, parse_edtf
from models.domain import LaneMode
from models.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError, fts_query
from models.story import EventRecord, PartyRecord, RoleRecord, Story


def party_id(store: Store, key: str) -> int:
    found = store.key_of("parties", key)
    assert found is not None
    return found


def event_id(store: Store, key: str) -> int:
    found = store.key_of("events", key)
    assert found is not None
    return found


def test_file_store_has_our_header_wal_and_fts(store_file: Path) -> None:
    conn = sqlite3.connect(store_file)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for name in ("events", "parties", "aliases", "participations", "sources", "citations",
                 "categories", "eras", "events_fts", "parties_fts", "aliases_fts",
                 "_sqlite_migrations"):
        assert name in tables
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert any("events_fts" in t or "events_a" in t for t in triggers)
    conn.close()


def test_reopening_does_not_migrate_again(store_file: Path) -> None:
    with Store.open(store_file) as s:
        assert s.info().events == 10
    conn = sqlite3.connect(store_file)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_missing_store_is_not_created_by_reads(tmp_path: Path) -> None:
    path = tmp_path / "nope.db"
    with pytest.raises(StoreError, match="No store at"):
        Store.open(path)
    assert not path.exists()


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Chronolens store"):
        Store.open(path)
    assert path.read_bytes() == before


def test_not_sqlite_at_all_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database" * 100)
    with pytest.raises(StoreError, match="not a Chronolens store"):
        Store.open(path)


def test_sample_counts_and_extent(store: Store) -> None:
    info = store.info()
    assert (info.events, info.parties, info.sources) == (10, 8, 1)
    assert info.aliases >= 4 and info.citations >= 10
    assert info.earliest is not None and info.earliest.edtf() == "2016"
    assert info.latest is not None and info.latest.start.year == 2023
    extent = store.extent()
    assert extent is not None
    assert extent[0] == parse_edtf("2016").earliest
    assert extent[1] < OPEN_END


def test_every_participation_has_a_role_and_every_event_a_citation(store: Store) -> None:
    for mark in store.events_in(-(10**12), 10**12):
        roles = store.participants(mark.id)
        assert roles and all(r.role.strip() for r in roles)
        cited = store.citations_of(mark.id)
        assert cited and all(c.quote in c.source.text for c in cited)


def test_windowed_query_returns_only_overlapping_events(store: Store) -> None:
    window = parse_edtf("2020")
    marks = store.events_in(window.earliest, window.latest)
    titles = {m.title for m in marks}
    assert any("2020" in t or "top" in t.lower() for t in titles)
    for m in marks:
        assert m.earliest <= window.latest and m.latest >= window.earliest
    # The 2016 agreement is a point in 2016: not in a 2020 window.
    assert event_id(store, "cross-licence-2016") not in {m.id for m in marks}
    # The ongoing sanctions (2019/..) are.
    sanctions = next(m for m in marks if m.id == event_id(store, "us-sanctions"))
    assert sanctions.open_end and sanctions.latest == OPEN_END and sanctions.is_range


def test_event_lanes_by_party_and_category(store: Store) -> None:
    renewal = event_id(store, "cross-licence-renewal-2023")
    day = parse_edtf("2023-08-25")
    by_party = {m.id: m for m in store.events_in(day.earliest, day.latest)}
    assert set(by_party[renewal].lanes) == {party_id(store, "huawei"), party_id(store, "ericsson")}
    by_category = {m.id: m for m in store.events_in(day.earliest, day.latest,
                                                    lane_mode=LaneMode.CATEGORY)}
    assert len(by_category[renewal].lanes) == 1


def test_lanes_busiest_first(store: Store) -> None:
    lanes = store.lanes(LaneMode.PARTY)
    assert lanes[0].name == "Huawei"
    assert [lane.count for lane in lanes] == sorted((lane.count for lane in lanes), reverse=True)
    assert {lane.name for lane in store.lanes(LaneMode.CATEGORY)}


def test_party_relations(store: Store) -> None:
    us = party_id(store, "united-states")
    party = store.party(us)
    assert party is not None and "Washington" in party.aliases
    events = store.events_of(us)
    starts = [e.event.when.earliest for e in events]
    assert starts == sorted(starts) and all(e.role for e in events)
    co = store.co_parties(party_id(store, "ericsson"))
    assert co[0].party.name == "Huawei"
    assert [c.shared for c in co] == sorted((c.shared for c in co), reverse=True)


def test_quotes_in_source_point_at_events(store: Store) -> None:
    source_id = store.key_of("sources", "huawei-ericsson-2023-08-25")
    assert source_id is not None
    source = store.source(source_id)
    assert source is not None and source.published is not None
    quotes = store.quotes_in(source_id)
    assert len(quotes) >= 10
    assert all(quote in source.text for _, quote in quotes)


def test_density_counts_all_events(store: Store) -> None:
    extent = store.extent()
    assert extent is not None
    counts = store.density(extent[0], extent[1] + 1, 16)
    assert sum(counts) == store.info().events
    assert store.density(extent[0], extent[0], 4) == [0, 0, 0, 0]


def test_search_alias_finds_party_and_its_events(store: Store) -> None:
    results = store.search("Washington")
    assert results.parties[0].party.name == "United States"
    assert results.parties[0].matched_alias == "Washington"
    us = party_id(store, "united-states")
    us_events = {e.event.id for e in store.events_of(us)}
    assert us_events <= {hit.event.id for hit in results.events}


def test_search_prefix_and_diacritics(store: Store) -> None:
    assert store.search("Eric").parties[0].party.name == "Ericsson"
    assert store.search("ERICSSÖN").parties[0].party.name == "Ericsson"
    assert any("cross-licence" in h.event.key for h in store.search("licens").events)


@pytest.mark.parametrize("text", ['"unbalanced AND (', "AND", "OR", "NEAR(", "*", "-", "(",
                                  "", "   ", "\x00", "🙂", "华为", "a\x00b", "'; DROP TABLE x;--"])
def test_search_never_breaks(store: Store, text: str) -> None:
    results = store.search(text)
    assert results.text == text


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.text(max_size=40))
def test_search_any_text_is_safe(store: Store, text: str) -> None:
    results = store.search(text, limit=5)
    assert len(results.parties) <= 5 and len(results.events) <= 5


@given(st.text(max_size=60))
def test_fts_query_quotes_every_word(text: str) -> None:
    query = fts_query(text)
    if query is not None:
        for term in query.split(" "):
            assert term.startswith('"') and term.endswith('"*') and '"' not in term[1:-2]


def _word_store(titles: list[str]) -> Store:
    s = Store.memory()
    s.add_story(Story(
        parties=(PartyRecord("p", "Somebody"),),
        events=tuple(EventRecord(f"e{i}", title, parse_edtf("2020"),
                                 parties=(RoleRecord("p", "actor"),))
                     for i, title in enumerate(titles)),
    ))
    return s


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["alpha", "beta", "gamma", "alps", "delta", "bet"]),
                         min_size=1, max_size=4).map(" ".join), min_size=1, max_size=12),
       st.sampled_from(["al", "alp", "be", "beta", "gam", "delta", "x"]))
def test_event_search_matches_brute_force(titles: list[str], prefix: str) -> None:
    with _word_store(titles) as s:
        found = {h.event.key for h in s.search(prefix, limit=100).events if h.via_party is None}
    expected = {f"e{i}" for i, t in enumerate(titles)
                if any(w.startswith(prefix) for w in t.split())}
    assert found == expected


def test_add_story_updates_by_key_instead_of_duplicating(store: Store, sample_story: Story
                                                         ) -> None:
    store.add_stories([sample_story])
    info = store.info()
    assert (info.events, info.parties, info.aliases) == (10, 8, len(
        [a for p in sample_story.parties for a in p.aliases]))
    assert store.search("Washington").parties[0].party.name == "United States"


def test_failed_write_leaves_nothing(store: Store) -> None:
    bad = Story(events=(EventRecord("new-event", "New", parse_edtf("2021"),
                                    parties=(RoleRecord("no-such-party", "actor"),)),))
    before = store.info()
    with pytest.raises(StoreError, match="no-such-party"):
        store.add_stories([bad])
    assert store.info() == before
    assert store.key_of("events", "new-event") is None


def test_key_of_refuses_unknown_tables(store: Store) -> None:
    with pytest.raises(ValueError):
        store.key_of("sqlite_master", "x")


def test_headline_event_is_the_one_named_like_the_story(store: Store) -> None:
    store.set_title("Huawei and Ericsson renew their patent cross-licence")
    headline = store.headline_event()
    assert headline is not None and headline.key == "cross-licence-renewal-2023"
    store.set_title("Something else")
    latest = store.headline_event()
    assert latest is not None and latest.when.start.year == 2023


def test_empty_store_has_no_headline_or_extent() -> None:
    with Store.memory() as s:
        assert s.headline_event() is None and s.extent() is None
        assert s.search("x").events == () and s.info().earliest is None


def test_name_match_beats_alias_and_alias_beats_description(store: Store) -> None:
    huawei = store.search("Huawei").parties[0]
    assert huawei.party.name == "Huawei" and huawei.matched_alias is None
    washington = store.search("Washington").parties
    assert washington[0].party.name == "United States"
    assert washington[0].matched_alias == "Washington"
    assert all(hit.matched_alias is None for hit in washington[1:])  # found by description
