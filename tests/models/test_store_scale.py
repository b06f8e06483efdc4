"""The store's scale machinery against brute force: windowed queries, counts, the count
pyramid (bulk-loaded and trigger-maintained), length classes, and migration from a v1 store."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.dates import OPEN_END, DateSpan, FuzzyDate, Precision, Qualifier, parse_edtf
from models.domain import LaneMode
from models.errors import StoreInterrupted
from models.generate import generate
from models.store import SCHEMA_VERSION, Store, schema_migrations
from models.store.schema import (
    COUNT_BASE,
    COUNT_FANOUT,
    COUNT_LEVELS,
    COUNT_WIDTHS,
    LANE_COUNT_LEVELS,
    LENGTH_CLASS_SECONDS,
    _length_class,
)
from models.store.writer import _STOOD_IN_FOR
from models.story import CategoryRecord, EventRecord, PartyRecord, RoleRecord, Story

YEAR = 365 * 86400
PARTIES = tuple(PartyRecord(key=f"p{i}", name=f"Party {i}") for i in range(5))
CATEGORIES = tuple(CategoryRecord(key=f"c{i}", name=f"Category {i}") for i in range(3))

# --- strategies --------------------------------------------------------------------------------

years = st.one_of(
    st.integers(1990, 2030),  # most events close together, so windows overlap many
    st.integers(-60, 60),  # around year 0 (BCE and CE)
    st.sampled_from([-13_800_000_000, -2_500_000, 12_000]),  # long years: year precision only
)
qualifiers = st.sampled_from(list(Qualifier))


@st.composite
def dates(draw: st.DrawFn) -> FuzzyDate:
    year = draw(years)
    if not -9999 <= year <= 9999:
        return FuzzyDate(year, precision=Precision.YEAR, qualifier=draw(qualifiers))
    precision = draw(st.sampled_from(list(Precision)))
    month = draw(st.integers(1, 12)) if precision >= Precision.MONTH else 1
    day = draw(st.integers(1, 28)) if precision >= Precision.DAY else 1
    hour, minute = ((draw(st.integers(0, 23)), draw(st.integers(0, 59)))
                    if precision is Precision.MINUTE else (0, 0))
    return FuzzyDate(year, month, day, hour, minute, precision, draw(qualifiers))


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    start = draw(dates())
    shape = draw(st.sampled_from(["point", "range", "ongoing"]))
    if shape == "point":
        return DateSpan(start)
    if shape == "ongoing":
        return DateSpan(start, open_end=True)
    end = draw(dates())
    if end.earliest < start.earliest:
        start, end = end, start
    return DateSpan(start, end)


@st.composite
def stories(draw: st.DrawFn, prefix: str = "e") -> Story:
    whens = draw(st.lists(spans(), min_size=0, max_size=25))
    shift = draw(st.integers(0, 2))  # re-imports change titles too (full-text updates)
    events = []
    for i, when in enumerate(whens):
        # a party may hold two roles in one event: it still counts the event once
        roles = draw(st.lists(st.tuples(st.sampled_from(PARTIES), st.sampled_from(["a", "b"])),
                              max_size=4, unique=True))
        events.append(EventRecord(
            key=f"{prefix}{i}", title=f"event {prefix}{i} word{(i + shift) % 3}", when=when,
            category=draw(st.sampled_from([None, *(c.key for c in CATEGORIES)])),
            parties=tuple(RoleRecord(p.key, role) for p, role in roles)))
    return Story(categories=CATEGORIES, parties=PARTIES, events=tuple(events))


def _window_points(store: Store) -> list[int]:
    points = [0, 1, -1, 2**40, -(2**40)]
    for earliest, latest in store._rows("SELECT earliest, latest FROM events"):
        points += [earliest - 1, earliest, earliest + 1, latest - 1, latest, latest + 1]
    return [p for p in points if p < OPEN_END]


windows = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6),
                    st.integers(-5 * YEAR, 40 * YEAR))

# --- brute force -------------------------------------------------------------------------------


def all_events(store: Store) -> list[tuple[int, int, int]]:
    return [tuple(row) for row in store._rows("SELECT id, earliest, latest FROM events")]


def brute_overlap(store: Store, start: int, end: int) -> list[int]:
    hits = [(e, i) for i, e, la in all_events(store) if e <= end and la >= start]
    return [i for _, i in sorted(hits)]


def brute_density(store: Store, start: int, end: int, bins: int) -> list[int]:
    counts = [0] * bins
    width = Store.density_bucket(start, end, bins)
    for _, earliest, _ in all_events(store):
        if start <= earliest < end:
            anchor = earliest if width is None else max(earliest // width * width, start)
            counts[(anchor - start) * bins // (end - start)] += 1
    return counts


def brute_pyramid(store: Store) -> dict[tuple[int, int], int]:
    counts: Counter[tuple[int, int]] = Counter()
    for _, earliest, _ in all_events(store):
        for level, width in enumerate(COUNT_WIDTHS):
            counts[(level, earliest // width)] += 1
    return dict(counts)


def stored_pyramid(store: Store) -> dict[tuple[int, int], int]:
    return {(level, bucket): n
            for level, bucket, n in store._rows("SELECT level, bucket, n FROM event_counts")}


def brute_lane_pyramid(store: Store) -> dict[tuple[int, int, int, int], int]:
    counts: Counter[tuple[int, int, int, int]] = Counter()
    pairs = store._rows("SELECT DISTINCT 0, p.party_id, e.earliest, e.id FROM participations p "
                        "JOIN events e ON e.id = p.event_id")  # (one per event and party)
    pairs += store._rows("SELECT 1, category_id, earliest, id FROM events "
                         "WHERE category_id IS NOT NULL")
    for mode, lane, earliest, _ in pairs:
        for level in LANE_COUNT_LEVELS:
            counts[(mode, lane, level, earliest // COUNT_WIDTHS[level])] += 1
    return dict(counts)


def stored_lane_pyramid(store: Store) -> dict[tuple[int, int, int, int], int]:
    return {(mode, lane, level, bucket): n for mode, lane, level, bucket, n in store._rows(
        "SELECT mode, lane, level, bucket, n FROM lane_counts")}


def check_all(store: Store, picks: Sequence[tuple[int, int, int]]) -> None:
    assert stored_pyramid(store) == brute_pyramid(store)
    assert stored_lane_pyramid(store) == brute_lane_pyramid(store)
    party_counts = dict(store._rows("SELECT party_id, events FROM party_counts WHERE events > 0"))
    brute_parties = dict(store._rows(
        "SELECT party_id, count(DISTINCT event_id) FROM participations GROUP BY party_id"))
    assert party_counts == brute_parties
    classes = store._rows("SELECT earliest, latest, length_class FROM events")
    assert all(_length_class(e, la) == c for e, la, c in classes)
    assert not store._rows("SELECT 1 FROM participations pa JOIN events e ON e.id = pa.event_id "
                           "WHERE pa.earliest IS NOT e.earliest")
    for party in store._rows("SELECT DISTINCT party_id FROM participations"):
        brute = store._rows("SELECT DISTINCT e.id, e.earliest FROM events e JOIN participations "
                            "pa ON pa.event_id = e.id WHERE pa.party_id = ?", [party[0]])
        assert store.event_ids_of(party[0]) == [r[0] for r in sorted(brute, key=lambda r: r[::-1])]
    rows = all_events(store)
    if rows:
        ends = [latest if latest < OPEN_END else earliest for _, earliest, latest in rows]
        assert store.extent() == (min(e for _, e, _ in rows), max(max(ends), max(
            e for _, e, _ in rows)))
    else:
        assert store.extent() is None
    info = store.info()
    assert info.events == len(rows)
    if rows:
        assert info.earliest is not None and info.earliest.earliest == min(e for _, e, _ in rows)
    points = _window_points(store)
    for a, b, extra in picks:
        start = points[a % len(points)]
        end = max(start, points[b % len(points)] + extra)
        expected = brute_overlap(store, start, end)
        marks = store.events_in(start, end)
        assert [m.id for m in marks] == expected
        for mark in marks:
            assert mark.lanes == tuple(sorted({r[0] for r in store._rows(
                "SELECT party_id FROM participations WHERE event_id = ?", [mark.id])}))
        by_category = store.events_in(start, end, lane_mode=LaneMode.CATEGORY)
        categories = dict(store._rows("SELECT id, category_id FROM events"))
        assert [m.lanes for m in by_category] == [
            () if categories[m.id] is None else (categories[m.id],) for m in by_category]
        # A limit keeps the earliest-starting events (ties at the cut in a fixed order of its
        # own), listed in (earliest, id) order.
        limited = store.events_in(start, end, limit=3)
        assert len(limited) == min(3, len(expected))
        assert [(m.earliest, m.id) for m in limited] == sorted((m.earliest, m.id) for m in limited)
        starts = sorted(m.earliest for m in marks)
        assert [m.earliest for m in limited] == starts[:len(limited)]
        assert {m.id for m in limited} <= set(expected)
        assert store.count_in(start, end) == len(expected)
        for bins in (1, 7, 100):
            if end > start:
                assert store.density(start, end, bins) == brute_density(store, start, end, bins)
    check_fts(store)


def check_fts(store: Store) -> None:
    for word in ("event", "word0", "word1", "word2"):
        found = {r[0] for r in store._rows(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", [word])}
        expected = {r[0] for r in store._rows(
            "SELECT id FROM events WHERE (' ' || title || ' ') LIKE ?", [f"% {word} %"])}
        assert found == expected


# --- properties --------------------------------------------------------------------------------

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(story=stories(), picks=st.lists(windows, min_size=1, max_size=6))
def test_bulk_loaded_store_matches_brute_force(story: Story,
                                               picks: list[tuple[int, int, int]]) -> None:
    with Store.memory() as store:
        store.add_stories([story])  # empty store: the bulk path (indexes/FTS/counts rebuilt)
        check_all(store, picks)


@SETTINGS
@given(first=stories(), second=stories(), third=stories(prefix="n"),
       picks=st.lists(windows, min_size=1, max_size=4))
def test_updates_by_key_keep_counts_and_fts_right(
    first: Story, second: Story, third: Story, picks: list[tuple[int, int, int]]
) -> None:
    with Store.memory() as store:
        store.add_stories([first])
        # Same keys, other dates and parties: updated in place by the triggers' path.
        store.add_stories([second, third])
        check_all(store, picks)
        store._db.execute("DELETE FROM participations WHERE event_id IN "
                          "(SELECT id FROM events WHERE id % 2 = 0)")
        store._db.execute("DELETE FROM events WHERE id % 2 = 0")
        check_all(store, picks)


@settings(max_examples=150, deadline=None)
@given(start=st.integers(-(10**17), 10**17), length=st.integers(1, 10**16),
       bins=st.integers(1, 2000))
def test_density_bucket_is_no_wider_than_a_bin(start: int, length: int, bins: int) -> None:
    width = Store.density_bucket(start, start + length, bins)
    if width is None:
        assert COUNT_WIDTHS[0] * bins > length
    else:
        assert width * bins <= length
        bigger = [w for w in COUNT_WIDTHS if w > width]
        assert not bigger or bigger[0] * bins > length


def test_pyramid_levels_nest() -> None:
    assert COUNT_WIDTHS[0] == COUNT_BASE and len(COUNT_WIDTHS) == COUNT_LEVELS
    assert all(b == a * COUNT_FANOUT for a, b in itertools.pairwise(COUNT_WIDTHS))
    assert list(LENGTH_CLASS_SECONDS) == sorted(LENGTH_CLASS_SECONDS)


def test_migration_from_v1_backfills(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    db = sqlite_utils.Database(path)
    schema_migrations().apply(db, stop_before="m002_counts")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    whens = ["2016", "2019/..", "2020-03-01/2020-03-04", "-0043~", "Y-13800000000",
             "1990/2010", "2023-08-25T14:30:00", "2001-09?"]
    for i, text in enumerate(whens):
        when = parse_edtf(text)
        is_long = int(when.open_end or when.latest - when.earliest > 32 * 86400)
        db.execute("INSERT INTO events (id, key, title, description, edtf, earliest, latest, "
                   "flags, is_long) VALUES (?, ?, ?, '', ?, ?, ?, 0, ?)",
                   [i + 1, f"e{i}", f"old event {i}", text, when.earliest, when.latest,
                    is_long])
    db.execute("INSERT INTO parties (id, key, name, kind, description) "
               "VALUES (1, 'p', 'P', 'other', '')")
    db.execute("INSERT INTO participations VALUES (1, 1, 'a'), (1, 1, 'b'), (2, 1, 'a')")
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        assert store._scalar("PRAGMA user_version") == SCHEMA_VERSION == 8
        assert store.search("old event").events  # the prefix-indexed FTS was rebuilt too
        assert stored_pyramid(store) == brute_pyramid(store)
        assert store.count_events_of(1) == 2
        assert store.event_ids_of(1) == [1, 2]  # 2016, then 2019/..
        assert not store._rows("SELECT 1 FROM participations pa JOIN events e "
                               "ON e.id = pa.event_id WHERE pa.earliest IS NOT e.earliest")
        assert store.lanes(LaneMode.PARTY) == store.lanes(LaneMode.PARTY, limit=5)
        classes = store._rows("SELECT earliest, latest, length_class FROM events")
        assert all(_length_class(e, la) == c for e, la, c in classes)
        for text in ("2020", "1995/1996", "-0050/0000", "2019-06-01", "Y-14000000000/2030"):
            window = parse_edtf(text)
            expected = brute_overlap(store, window.earliest, window.latest)
            assert [m.id for m in store.events_in(window.earliest, window.latest)] == expected
            assert store.count_in(window.earliest, window.latest) == len(expected)
        # Later writes keep the counts: the triggers came with the migration.
        store.add_story(Story(events=(EventRecord("e0", "moved", parse_edtf("1999")),)))
        assert stored_pyramid(store) == brute_pyramid(store)
        assert stored_lane_pyramid(store) == brute_lane_pyramid(store)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_party_lists_on_demand() -> None:
    when = [parse_edtf(t) for t in ("2020", "2001", "2010-05", "1999/..", "2001")]
    events = tuple(
        EventRecord(key=f"e{i}", title=f"t{i}", when=w,
                    parties=(RoleRecord("p0", "a"), RoleRecord("p0", "b"))
                    + ((RoleRecord("p1", "c"),) if i % 2 else ()))
        for i, w in enumerate(when))
    with Store.memory() as store:
        store.add_stories([Story(parties=PARTIES, events=events)])
        p0, p1 = store.key_of("parties", "p0"), store.key_of("parties", "p1")
        assert p0 is not None and p1 is not None
        ids = store.event_ids_of(p0)
        by_date = sorted(store._rows("SELECT earliest, id FROM events"))
        assert ids == [i for _, i in by_date]
        assert store.count_events_of(p0) == 5 and store.count_events_of(p1) == 2
        block = store.event_roles(p0, ids[1:3])
        assert [r.event.id for r in block] == ids[1:3]
        assert all(r.role == "a, b" for r in block)
        assert [r.event.id for r in store.events_of(p0, limit=2)] == ids[:2]
        lanes = store.lanes(LaneMode.PARTY, limit=1)
        assert [lane.id for lane in lanes] == [p0] and lanes[0].count == 5
        assert store.lane_names(LaneMode.PARTY, [p1, 999]) == {p1: "Party 1"}
        co = store.co_parties(p0)
        assert [(c.party.id, c.shared) for c in co] == [(p1, 2)]
        assert [(c.party.id, c.shared) for c in store.co_parties(p0, scan=1)] in ([], [(p1, 1)])


def test_reader_reads_the_same_store_and_can_be_interrupted(tmp_path: Path) -> None:

    path = tmp_path / "big.db"
    generate(path, events=3000, parties=300, seed=3)
    with Store.open(path) as store:
        reader = store.open_reader()
        assert reader is not None
        extent = store.extent()
        assert extent is not None
        assert reader.events_in(*extent, limit=50) == store.events_in(*extent, limit=50)
        assert reader.density(*extent, 10) == store.density(*extent, 10)
        # interrupt from another thread while a slow query runs on the reader
        slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                "SELECT count(*) FROM n")
        threading.Timer(0.05, reader.interrupt).start()
        with pytest.raises(StoreInterrupted):
            reader._rows(slow)
        assert reader.events_in(*extent, limit=5)  # still usable afterwards
        reader.close()
    assert Store.memory().open_reader() is None


@SETTINGS
@given(story=stories(), level=st.sampled_from(LANE_COUNT_LEVELS),
       per_bin=st.integers(1, 7), offset=st.integers(-400, 40), bins=st.integers(1, 60),
       mode=st.sampled_from(list(LaneMode)))
def test_lane_density_of_wide_bins_comes_from_the_lane_pyramid(
        story: Story, level: int, per_bin: int, offset: int, bins: int, mode: LaneMode) -> None:
    width = COUNT_WIDTHS[level]
    step = width * per_bin
    start = offset * width  # bins on bucket edges: the pyramid counts them exactly
    with Store.memory() as store:
        store.add_stories([story])
        lanes = [1, 2] if mode is LaneMode.PARTY else [1]
        found = store.lane_density(start, step, bins, lane_mode=mode, lanes=lanes)
        if mode is LaneMode.PARTY:
            rows = store._rows("SELECT DISTINCT p.party_id, e.id, e.earliest FROM participations "
                               "p JOIN events e ON e.id = p.event_id")
        else:
            rows = store._rows("SELECT category_id, id, earliest FROM events "
                               "WHERE category_id IS NOT NULL")
        expected: dict[int, Counter[int]] = {}
        for lane, _, earliest in rows:
            if lane in lanes and start <= earliest < start + step * bins:
                expected.setdefault(lane, Counter())[(earliest - start) // step] += 1
        assert {k: v for k, v in found.items() if k is not None} == {
            lane: dict(c) for lane, c in expected.items()}
        total = store.density(start, start + step * bins, bins)
        for b, n in found.get(None, {}).items():  # what the lanes do not count
            assert n == total[b] - sum(c.get(b, 0) for c in expected.values()) > 0


@SETTINGS
@given(story=stories(), cuts=st.lists(st.integers(-5 * YEAR, 60 * YEAR), max_size=12))
def test_marks_starting_in_stretches_match_brute_force(story: Story, cuts: list[int]) -> None:
    edges = sorted(set(cuts))
    ranges = list(zip(edges[::2], edges[1::2], strict=False))  # disjoint, in order
    with Store.memory() as store:
        store.add_stories([story])
        found = store.marks_starting(ranges)
        expected = sorted((earliest, id_) for id_, earliest, _ in all_events(store)
                          if any(a <= earliest < b for a, b in ranges))
        assert [(m.earliest, m.id) for m in found] == expected


def _triggers(store: Store) -> set[tuple[str, str, str]]:
    return set(store._rows("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"))


_ADDED_TO = ("events", "parties", "aliases", "participations", "citations", "categories")


def _rows_by_id(store: Store) -> dict[str, set[tuple[object, ...]]]:
    return {table: set(store._rows(f"SELECT rowid, * FROM {table}")) for table in _ADDED_TO}


@SETTINGS
@given(first=stories(), second=stories(), third=stories(prefix="n"), renamed=st.booleans(),
       described=st.booleans(), picks=st.lists(windows, min_size=1, max_size=4))
def test_imports_into_a_store_keep_derived_tables_triggers_and_row_order(
    first: Story, second: Story, third: Story, renamed: bool, described: bool,
    picks: list[tuple[int, int, int]],
) -> None:
    """The writer stands in for the triggers while it writes into a store that holds records
    (new and updated keys: other dates, parties, categories, titles, descriptions, party
    names and aliases): every derived table is as brute force has it, the full-text indexes
    pass their check, the triggers are back as they were and work for single-row writes, and
    every row it added has a row id above all the table had before."""
    if renamed:
        first = replace(first, parties=tuple(replace(p, aliases=(f"old {p.key}", "shared alias"))
                                             for p in first.parties))
        second = replace(second, parties=tuple(
            replace(p, name=f"Renamed {p.name}", aliases=(f"alias {p.key}", "shared alias"))
            for p in second.parties))
    if described:
        second = replace(second, events=tuple(
            replace(e, description=f"about topic{i % 3}") for i, e in enumerate(second.events)))
    with Store.memory() as store:
        store.add_stories([first])  # an empty store: bulk-loaded, everything rebuilt
        triggers = _triggers(store)
        assert {name for name, _, _ in triggers} >= _STOOD_IN_FOR
        before = _rows_by_id(store)
        store.add_stories([second, third], progress=lambda done: None)
        assert _triggers(store) == triggers
        check_all(store, picks)
        checked = store.check()
        assert checked.ok, checked.problems
        for table, rows in _rows_by_id(store).items():
            top = max((row[0] for row in before[table]), default=0)
            if table in ("events", "parties", "categories"):  # updated in place, by key
                ids = {row[0] for row in before[table]}
                added = {row for row in rows if row[0] not in ids}
            else:  # replaced: the rows of an updated record go, its new ones are added
                added = rows - before[table]
            assert all(row[0] > top for row in added), table
        # The triggers keep everything current for plain single-row writes after it.
        moved = parse_edtf("1999-05")
        store._db.execute("UPDATE events SET edtf = ?, earliest = ?, latest = ?, flags = 0, "
                          "length_class = ?, title = title || ' word2' WHERE id % 3 = 0",
                          [moved.edtf(), moved.earliest, moved.latest,
                           _length_class(moved.earliest, moved.latest)])
        store._db.execute("INSERT OR IGNORE INTO participations (event_id, party_id, role) "
                          "SELECT id, (SELECT min(id) FROM parties), 'extra' FROM events "
                          "WHERE id % 2 = 1")
        store._db.execute("UPDATE parties SET name = 'Party renamed' WHERE id = 1")
        store._db.execute("DELETE FROM participations WHERE event_id % 5 = 0")
        check_all(store, picks)
        assert store.check().ok
