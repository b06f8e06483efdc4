"""models.store.search: the prefix-index migration, two-phase search, typos, safety,
interruption."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.dates import parse_edtf
from models.store import Store, search
from models.store.search import (
    MAX_QUERY_CHARS,
    SearchInterrupted,
    SearchReader,
    first_results,
    fts_query,
    interrupt,
    m003_search_prefix,
    open_reader,
    ranked_results,
)
from models.story import EventRecord, PartyRecord, RoleRecord, Story


def migrated(store: Store) -> Store:
    """A store built by the current code, with m003 applied as a migration would."""
    db = store._db
    with db.atomic():
        m003_search_prefix(db)
    return store


def conn_of(store: Store) -> sqlite3.Connection:
    return store._db.conn  # type: ignore[no-any-return]


@pytest.fixture
def mstore(store: Store) -> Iterator[Store]:
    yield migrated(store)


# -- the migration ---------------------------------------------------------------------------

def test_migration_adds_prefix_index_and_keeps_results(store: Store) -> None:
    texts = ["Huawei", "Washington", "Eric", "ERICSSÖN", "licens", "patent", "zzzz"]
    before = {t: store.search(t) for t in texts}
    migrated(store)
    conn = conn_of(store)
    for table in ("events_fts", "parties_fts", "aliases_fts"):
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert f"prefix='{search.PREFIX}'" in sql and "remove_diacritics 2" in sql
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {f"{t}_{s}" for t in ("events", "parties", "aliases") for s in ("ai", "ad", "au")
            } <= triggers
    assert store._db.table("events").detect_fts() == "events_fts"
    for text, old in before.items():
        assert ranked_results(conn, text) == old, text
    conn.execute("INSERT INTO events_fts(events_fts) VALUES('integrity-check')")


def test_triggers_keep_fts_in_step_after_writes(mstore: Store, sample_story: Story) -> None:
    conn = conn_of(mstore)
    huawei = next(p for p in sample_story.parties if p.key == "huawei")
    renamed = PartyRecord(huawei.key, "Quuxtronic", huawei.kind, huawei.description,
                          aliases=("Shenzhen Quux",))
    new_event = EventRecord("new-one", "Zorblat summit opens", parse_edtf("2024"),
                            parties=(RoleRecord("huawei", "host"),))
    mstore.add_story(Story(parties=(renamed,), events=(new_event,)))
    found = first_results(conn, "Quuxtro")
    assert [h.party.key for h in found.parties] == ["huawei"]
    assert [h.event.key for h in first_results(conn, "zorb").events] == ["new-one"]
    assert first_results(conn, "Shenzh").parties[0].matched_alias == "Shenzhen Quux"
    assert all(h.party.key != "huawei" for h in ranked_results(conn, "Huawei").parties
               if h.matched_alias is None and "Huawei" in h.party.name)
    for table in ("events_fts", "parties_fts", "aliases_fts"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES('integrity-check')")


# -- safety ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ['"unbalanced AND (', "AND", "OR", "NEAR(", "*", "-", "(",
                                  "", "   ", "\x00", "🙂", "华为", "a\x00b", "'; DROP TABLE x;--",
                                  "x" * 100_000, "a " * 5000, "name : huawei", "^wash"])
def test_any_text_is_safe(mstore: Store, text: str) -> None:
    conn = conn_of(mstore)
    assert first_results(conn, text).text == text
    assert ranked_results(conn, text).text == text


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_never_raises_on_arbitrary_text(mstore: Store, text: str) -> None:
    conn = conn_of(mstore)
    first = first_results(conn, text, limit=5)
    ranked = ranked_results(conn, text, limit=5)
    assert len(first.parties) <= 5 and len(ranked.events) <= 5


@given(st.text())
def test_fts_query_is_capped(text: str) -> None:
    query = fts_query(text * 3)
    if query is not None:
        assert len(query.split(" ")) <= search.MAX_QUERY_WORDS
        assert len(query) <= 4 * MAX_QUERY_CHARS


# -- exactly the brute-force set ---------------------------------------------------------------

WORDS = ["alpha", "alps", "beta", "bet", "gamma", "Gamut", "delta", "Délai", "eta", "zeta"]
QUERIES = ["al", "alp", "be", "beta", "gam", "del", "dela", "e", "z", "x", "al be", "ga de",
           "b a", "Zeta eta"]


def _text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


def _prefixes(query: str, text: str) -> bool:
    folded = [search.fold(w) for w in text.split()]
    return all(any(w.startswith(search.fold(q)) for w in folded) for q in query.split())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_text(), _text()), min_size=1, max_size=12),
       st.lists(st.tuples(_text(), _text(), st.lists(_text(), max_size=2)), max_size=6),
       st.sampled_from(QUERIES), st.sampled_from([2, 1000]))
def test_results_are_the_brute_force_set(
        events: list[tuple[str, str]], parties: list[tuple[str, str, list[str]]], query: str,
        rank_cap: int) -> None:
    story = Story(
        parties=tuple(PartyRecord(f"p{i}", name, "organisation", desc,
                                  aliases=tuple(dict.fromkeys(aliases)))
                      for i, (name, desc, aliases) in enumerate(parties)),
        events=tuple(EventRecord(f"e{i}", title, parse_edtf("2020"), description=desc)
                     for i, (title, desc) in enumerate(events)),
    )
    with Store.memory() as s:
        s.add_story(story)
        conn = conn_of(migrated(s))
        want_events = {f"e{i}" for i, (t, d) in enumerate(events) if _prefixes(query, f"{t} {d}")}
        want_parties = {f"p{i}" for i, (n, d, aliases) in enumerate(parties)
                        if _prefixes(query, f"{n} {d}") or any(_prefixes(query, a)
                                                               for a in aliases)}
        first = first_results(conn, query, limit=1000)
        ranked = ranked_results(conn, query, limit=1000, typos=False, rank_cap=rank_cap)
        assert {h.event.key for h in first.events} == want_events
        assert {h.party.key for h in first.parties} == want_parties
        assert {h.event.key for h in ranked.events if h.via_party is None} == want_events
        assert {h.party.key for h in ranked.parties} == want_parties
        small = ranked_results(conn, query, limit=3, typos=False, rank_cap=rank_cap)
        assert {h.event.key for h in small.events if h.via_party is None} <= want_events
        assert {h.party.key for h in small.parties} <= want_parties
        assert len(small.parties) == min(3, len(want_parties))


def test_ranked_keeps_name_over_alias_over_description(mstore: Store) -> None:
    conn = conn_of(mstore)
    huawei = ranked_results(conn, "Huawei").parties[0]
    assert huawei.party.name == "Huawei" and huawei.matched_alias is None
    washington = ranked_results(conn, "Washington").parties
    assert washington[0].party.name == "United States"
    assert washington[0].matched_alias == "Washington"
    assert all(hit.matched_alias is None for hit in washington[1:])
    via = [h for h in ranked_results(conn, "Washington").events if h.via_party]
    assert via and all(h.via_party == "United States" for h in via)


def test_broad_queries_still_put_title_and_name_matches_first(mstore: Store) -> None:
    conn = conn_of(mstore)
    ranked = ranked_results(conn, "h", limit=50, rank_cap=1)
    exact = ranked_results(conn, "h", limit=50)
    assert {h.party.id for h in ranked.parties} == {h.party.id for h in exact.parties}
    title_hits = [h for h in ranked.events if h.via_party is None]
    assert title_hits and "h" in title_hits[0].event.title.casefold()


# -- typos ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "party"), [("Hauwei", "Huawei"), ("Ericson", "Ericsson"),
                                              ("Untied States", "United States"),
                                              ("erikson", "Ericsson")])
def test_typos_find_party_names(mstore: Store, typed: str, party: str) -> None:
    conn = conn_of(mstore)
    assert first_results(conn, typed).parties == ()  # no exact or prefix hit
    hits = ranked_results(conn, typed).parties
    assert hits and hits[0].party.name == party
    assert ranked_results(conn, typed, typos=False).parties == ()


def test_typo_index_follows_writes(mstore: Store) -> None:
    conn = conn_of(mstore)
    assert ranked_results(conn, "Qaulcomm").parties == ()
    mstore.add_story(Story(parties=(PartyRecord("qualcomm", "Qualcomm", "organisation"),)))
    assert [h.party.key for h in ranked_results(conn, "Qaulcomm").parties] == ["qualcomm"]


def test_no_typo_hits_when_exact_hits_are_many(mstore: Store) -> None:
    conn = conn_of(mstore)
    exact = ranked_results(conn, "United", typos=False).parties
    assert ranked_results(conn, "United").parties == exact


# -- readers and interruption ------------------------------------------------------------------

def test_interrupted_search_raises_its_own_error(mstore: Store) -> None:
    conn = conn_of(mstore)
    conn.set_progress_handler(lambda: 1, 1)  # what conn.interrupt() does, deterministically
    try:
        with pytest.raises(SearchInterrupted):
            ranked_results(conn, "Huawei")
        with pytest.raises(SearchInterrupted):
            first_results(conn, "Huawei")
    finally:
        conn.set_progress_handler(None, 1)
    interrupt(conn)  # nothing running: harmless, the next search works
    assert ranked_results(conn, "Huawei").parties


def test_reader_is_read_only_and_interruptible(store_file: Path) -> None:
    conn = open_reader(store_file)
    try:
        assert first_results(conn, "Huawei").parties[0].party.name == "Huawei"
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM events")
        stop = threading.Event()

        def keep_interrupting() -> None:
            while not stop.is_set():
                interrupt(conn)

        thread = threading.Thread(target=keep_interrupting)
        thread.start()
        try:
            outcomes = set()
            for _ in range(200):
                try:
                    ranked_results(conn, "e", limit=50)
                    outcomes.add("done")
                except SearchInterrupted:
                    outcomes.add("interrupted")
        finally:
            stop.set()
            thread.join()
        assert "interrupted" in outcomes
    finally:
        conn.close()
    interrupt(conn)  # closed: harmless


def test_search_reader_hides_interruptions(store_file: Path) -> None:
    reader = SearchReader(store_file)
    try:
        first = reader.first_results("Wash")
        ranked = reader.ranked_results("Wash")
        assert first is not None and ranked is not None
        assert ranked.parties[0].party.name == "United States"
        reader._conn.set_progress_handler(lambda: 1, 1)
        assert reader.ranked_results("Wash") is None
    finally:
        reader.close()
