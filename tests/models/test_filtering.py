"""The store's filtered reads (models.store.filtering) against a plain Python filter of every
record (models.filters.event_passes), on random small stores."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.dates import DateSpan, FuzzyDate, Precision, Qualifier
from models.domain import LaneMode
from models.filters import (
    PRECISIONS,
    QUALIFIERS,
    EventFacts,
    Facet,
    Filter,
    event_passes,
    precision_of,
)
from models.store import Store
from models.story import (
    CategoryRecord,
    CitationRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)

KINDS = ("company", "government", "person")
ROLES = ("signatory", "mentioned", "target")

dates = st.builds(
    lambda year, month, day, precision, qualifier: FuzzyDate(
        year, month if precision >= Precision.MONTH else 1,
        day if precision >= Precision.DAY else 1,
        9 if precision is Precision.MINUTE else 0, 0, precision, qualifier),
    st.integers(1990, 2025), st.integers(1, 12), st.integers(1, 28),
    st.sampled_from(list(Precision)), st.sampled_from(list(Qualifier)))


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    start = draw(dates)
    shape = draw(st.sampled_from(["point", "range", "open"]))
    if shape == "open":
        return DateSpan(start, open_end=True)
    if shape == "range":
        end = draw(dates)
        if end.earliest > start.earliest:
            return DateSpan(start, end)
    return DateSpan(start)


@st.composite
def stories(draw: st.DrawFn) -> list[Story]:
    """Two or three stories over the same parties, categories and sources: the store is made
    of the first (not imported) and the rest imported, one collection each."""
    parties = tuple(PartyRecord(f"p{i}", f"Party {i}", kind=draw(st.sampled_from(KINDS)),
                                aliases=(f"Alias {i}",) if i % 3 == 0 else ())
                    for i in range(draw(st.integers(1, 5))))
    categories = tuple(CategoryRecord(f"c{i}", f"Category {i}") for i in range(3))
    sources = tuple(SourceRecord(f"s{i}", f"Source {i}", publisher="Reuters" if i else "AP")
                    for i in range(3))
    out = []
    count = 0
    for _ in range(draw(st.integers(1, 3))):
        events = []
        for _ in range(draw(st.integers(0, 8))):
            roles = draw(st.lists(st.tuples(st.sampled_from(parties), st.sampled_from(ROLES)),
                                  max_size=3, unique=True))
            cites = draw(st.lists(st.sampled_from(sources), max_size=2, unique=True))
            attrs = draw(st.lists(st.tuples(st.sampled_from(["country", "code"]),
                                            st.sampled_from(["A", "B"])), max_size=2,
                                  unique_by=lambda a: a[0]))
            events.append(EventRecord(
                f"e{count}", f"Event {count}", draw(spans()),
                category=draw(st.sampled_from([None, *[c.key for c in categories]])),
                parties=tuple(RoleRecord(p.key, r) for p, r in roles),
                citations=tuple(CitationRecord(s.key, "a quote") for s in cites),
                attributes=tuple(attrs)))
            count += 1
        out.append(Story(categories=categories, parties=parties, sources=sources,
                         events=tuple(events)))
    return out


def build(parts: list[Story]) -> Store:
    store = Store.memory()
    store.add_story(parts[0])
    for n, part in enumerate(parts[1:]):
        store.import_stories([part], label=f"import {n}", detail=f"/data/file{n}.csv")
    return store


def facts(store: Store) -> list[EventFacts]:
    conn: sqlite3.Connection = store._conn
    roles: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for event, party, role, kind in conn.execute(
            "SELECT p.event_id, p.party_id, p.role, pa.kind FROM participations p "
            "JOIN parties pa ON pa.id = p.party_id"):
        roles[event].append((party, role, kind))
    sources: dict[int, set[int]] = defaultdict(set)
    for event, source in conn.execute("SELECT event_id, source_id FROM citations"):
        sources[event].add(source)
    attrs: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for event, name, value in conn.execute("SELECT event_id, name, value FROM event_attributes"):
        attrs[event].add((name, value))
    collection = {}
    for c in store.collections():
        for first, last in store._collection_ranges()[c.id]:
            for i in range(first, last + 1):
                collection[i] = c.id
    return [EventFacts(id_, earliest, latest, edtf, category, collection.get(id_),
                       tuple(roles[id_]), frozenset(sources[id_]), frozenset(), False,
                       frozenset(attrs[id_]))
            for id_, earliest, latest, edtf, category in conn.execute(
                "SELECT id, earliest, latest, edtf, category_id FROM events")]


def values_of(events: list[EventFacts], facet: Facet) -> list[object]:
    found: set[object] = set()
    for e in events:
        found |= {
            Facet.CATEGORY: {e.category_id}, Facet.COLLECTION: {e.collection_id},
            Facet.PARTY: {p for p, _, _ in e.roles}, Facet.ROLE: {r for _, r, _ in e.roles},
            Facet.KIND: {k for _, _, k in e.roles}, Facet.SOURCE: set(e.source_ids),
            Facet.PRECISION: {precision_of(e.edtf)}, Facet.QUALIFIER: set(QUALIFIERS),
            Facet.STARRED: {True, False}, Facet.ATTRIBUTE: set(e.attributes),
        }.get(facet, set())
    return sorted(found, key=repr)


FACETS = (Facet.CATEGORY, Facet.COLLECTION, Facet.PARTY, Facet.ROLE, Facet.KIND, Facet.SOURCE,
          Facet.PRECISION, Facet.QUALIFIER, Facet.STARRED, Facet.ATTRIBUTE)


@st.composite
def filters(draw: st.DrawFn, events: list[EventFacts]) -> Filter:
    flt = Filter()
    for facet in draw(st.lists(st.sampled_from(FACETS), max_size=3, unique=True)):
        values = values_of(events, facet) or [None]
        for value in draw(st.lists(st.sampled_from(values), min_size=1, max_size=2)):
            flt = (flt.excluding(facet, value) if draw(st.booleans())
                   else flt.choosing(facet, value))  # type: ignore[arg-type]
    if draw(st.booleans()) and events:
        a, b = sorted(draw(st.sampled_from(events)).earliest for _ in range(2))
        flt = flt.within((a, b + draw(st.integers(0, 400 * 86400))))
    return flt


def passing(flt: Filter, events: list[EventFacts]) -> set[int]:
    return {e.id for e in events if event_passes(flt, e)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_filtered_reads_equal_a_plain_filter(data: st.DataObject) -> None:
    store = build(data.draw(stories()))
    with store:
        events = facts(store)
        flt = data.draw(filters(events))
        wanted = passing(flt, events)
        assert store.count_passing(flt) == len(wanted)
        assert set(store.passing_page(flt, limit=1000)) == wanted
        # A window of the timeline: the events that pass and overlap it.
        if events:
            start = data.draw(st.sampled_from(events)).earliest - 86400
            end = start + data.draw(st.integers(0, 20 * 365 * 86400))
            marks = store.filtered_events_in(flt, start, end)
            assert {m.id for m in marks} == passing(flt.combined(Filter(span=(start, end))),
                                                    events)
            density = store.filtered_density(flt, start, end, 7)
            assert sum(density) == len({e.id for e in events if e.id in wanted
                                        and start <= e.earliest < end})
            # Lane density: each lane's events that pass, by bin, and those in no lane.
            step = max((end - start) // 5, 1)
            every = sorted({p for e in events for p, _, _ in e.roles})
            lanes = data.draw(st.one_of(st.just(sorted(
                v for v in flt.chosen_in(Facet.PARTY) if isinstance(v, int))),
                st.lists(st.sampled_from(every), unique=True) if every else st.just([])))
            got = store.filtered_lane_density(flt, start, step, 5, lane_mode=LaneMode.PARTY,
                                              lanes=lanes)
            brute: dict[int | None, dict[int, int]] = {}
            for e in events:
                if e.id in wanted and start <= e.earliest < start + 5 * step:
                    bin_ = (e.earliest - start) // step
                    mine = {p for p, _, _ in e.roles} & set(lanes)
                    for lane in mine or {None}:
                        brute.setdefault(lane, {})[bin_] = brute.get(lane, {}).get(bin_, 0) + 1
            assert got == brute, (lanes, flt)
        # Every facet: each value's count is that of the filter with only it chosen there.
        for facet in FACETS:
            attributes = (["country", "code"] if facet is Facet.ATTRIBUTE else [None])
            for attribute in attributes:
                counts = store.facet_counts(flt, facet, attribute=attribute, limit=1000)
                got = {v.value: v.count for v in counts.values}
                for value in values_of(events, facet):
                    if facet is Facet.ATTRIBUTE and value[0] != attribute:  # type: ignore[index]
                        continue
                    expected = len(passing(flt.cleared(facet).only(facet, [value]), events))
                    assert got.get(value, 0) == expected, (facet, value, flt)


def test_party_and_role_describe_one_role() -> None:
    """party:A role:signatory is A as signatory, not A in some role and someone signing."""
    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    story = Story(parties=(PartyRecord("a", "A"), PartyRecord("b", "B")), events=(
        EventRecord("one", "A signs", when, parties=(RoleRecord("a", "signatory"),)),
        EventRecord("two", "B signs, A watches", when,
                    parties=(RoleRecord("a", "mentioned"), RoleRecord("b", "signatory")))))
    with Store.memory() as store:
        store.add_story(story)
        a = store.resolve(Facet.PARTY, "A")[0][0]
        flt = Filter().choosing(Facet.PARTY, a).choosing(Facet.ROLE, "signatory")
        assert [store.event(i).title for i in store.passing_page(flt)] == ["A signs"]
        roles = {v.value: v.count for v in store.facet_counts(flt, Facet.ROLE).values}
        assert roles == {"signatory": 1, "mentioned": 1}


def test_collections_are_imports_and_can_be_excluded() -> None:
    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    with Store.memory() as store:
        store.add_story(Story(events=(EventRecord("own", "Own", when),)))
        store.import_stories([Story(events=(EventRecord("x", "Imported", when),))],
                             label="import of icews.tab", detail="/data/icews.tab")
        [collection] = store.collections()
        assert collection.name == "icews.tab"
        flt = Filter().excluding(Facet.COLLECTION, collection.id)
        assert [store.event(i).title for i in store.passing_page(flt)] == ["Own"]
        labels = {v.label: v.count for v in
                  store.facet_counts(Filter(), Facet.COLLECTION).values}
        assert labels == {"icews.tab": 1, "Not imported": 1}


@pytest.mark.parametrize("text", ["", "   ", '"', "a OR", "*", "NEAR(", "\x00", "é" * 300])
def test_free_text_never_breaks(text: str) -> None:
    with Store.memory() as store:
        assert store.count_passing(Filter().matching(text)) == 0


def test_precision_sql_matches_python() -> None:
    spans_ = [DateSpan(FuzzyDate(2020, 5, 6, 7, 8, p, q)) if p is Precision.MINUTE else
              DateSpan(FuzzyDate(y, 5 if p >= Precision.MONTH else 1,
                                 6 if p >= Precision.DAY else 1, 0, 0, p, q))
              for p in Precision for q in Qualifier for y in (-44, 2020)]
    spans_.append(DateSpan(FuzzyDate(-20000, precision=Precision.YEAR)))
    story = Story(events=tuple(EventRecord(f"e{i}", f"E{i}", s) for i, s in enumerate(spans_)))
    with Store.memory() as store:
        store.add_story(story)
        events = facts(store)
        for precision in PRECISIONS:
            flt = Filter().choosing(Facet.PRECISION, precision)
            assert store.count_passing(flt) == len(passing(flt, events)), precision


def test_a_query_becomes_a_filter_of_this_stores_ids() -> None:
    from models.query import parse_query

    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    story = Story(
        parties=(PartyRecord("h", "Huawei", kind="company", aliases=("Huawei Technologies",)),
                 PartyRecord("e", "Ericsson", kind="company"),
                 PartyRecord("us", "United States", kind="government")),
        sources=(SourceRecord("r", "Huawei renews deal", publisher="Reuters"),),
        events=(EventRecord("one", "Cross-licence renewed", when,
                            parties=(RoleRecord("h", "signatory"), RoleRecord("e", "signatory")),
                            citations=(CitationRecord("r", "agreed to renew"),)),
                EventRecord("two", "Sanctions", when,
                            parties=(RoleRecord("us", "sanctioner"), RoleRecord("h", "target")))))
    with Store.memory() as store:
        store.add_story(story)

        def titles(text: str) -> tuple[list[str], tuple[str, ...]]:
            flt, notes = store.filter_of(parse_query(text))
            return sorted(store.event(i).title for i in store.passing_page(flt)), notes

        assert titles("party:huawei role:signatory")[0] == ["Cross-licence renewed"]
        assert titles('party:"Huawei Technologies"')[0] == ["Cross-licence renewed", "Sanctions"]
        assert titles('-party:"United States"')[0] == ["Cross-licence renewed"]
        assert titles("source:Reuters")[0] == ["Cross-licence renewed"]
        assert titles("kind:government")[0] == ["Sanctions"]
        assert titles("date:2021..2022")[0] == []
        assert titles("renewed")[0] == ["Cross-licence renewed"]
        assert titles("agreed")[0] == ["Cross-licence renewed"]  # in a quote
        found, notes = titles("party:Nobody")
        assert found == [] and "no party is called that" in notes[0]
        found, notes = titles("party:hua")
        assert found == ["Cross-licence renewed", "Sanctions"] and "taken as “Huawei”" in notes[0]
        found, notes = titles('foo:bar party:"unclosed')
        assert notes  # searched as text, quietly


def test_query_results_say_where_and_when_nothing() -> None:
    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    story = Story(parties=(PartyRecord("h", "Huawei"),), events=(
        EventRecord("one", "Deal", when, parties=(RoleRecord("h", "signatory"),)),))
    with Store.memory() as store:
        store.add_story(story)
        found = store.query_results("party:Huawei")
        assert [h.event.title for h in found.events] == ["Deal"]
        assert [h.party.name for h in found.parties] == ["Huawei"]
        nothing = store.query_results("party:Huawei date:1990")
        assert not nothing.events and "No events match" in nothing.notes[-1]
        odd = store.query_results('party:"Huawei')  # unclosed: searched as text, with a note
        assert odd.notes


def test_a_narrowed_export_holds_the_events_that_pass_and_what_they_name(tmp_path) -> None:
    import json as json_

    from models.formats import export_store

    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    story = Story(
        parties=(PartyRecord("h", "Huawei"), PartyRecord("u", "United States")),
        sources=(SourceRecord("r", "Report", publisher="Reuters"), SourceRecord("a", "AP")),
        events=(EventRecord("one", "Deal", when, parties=(RoleRecord("h", "signatory"),),
                            citations=(CitationRecord("r", "q"),)),
                EventRecord("two", "Sanctions", when, parties=(RoleRecord("u", "sanctioner"),),
                            citations=(CitationRecord("a", "q"),))))
    with Store.memory() as store:
        store.add_story(story)
        huawei = store.resolve(Facet.PARTY, "Huawei")[0][0]
        for format, suffix in (("native", "json"), ("csv", "csv"), ("timelinejs", "json")):
            out = tmp_path / f"out-{format}.{suffix}"
            export_store(store, out, format, narrowed=Filter().choosing(Facet.PARTY, huawei))
            text = out.read_text(encoding="utf-8-sig")
            assert "Deal" in text and "Sanctions" not in text, format
        data = json_.loads((tmp_path / "out-native.json").read_text(encoding="utf-8"))
        assert [p["name"] for p in data["parties"]] == ["Huawei"]
        assert [s["title"] for s in data["sources"]] == ["Report"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_query_language_equals_a_plain_filter(data: st.DataObject) -> None:
    """A query of field terms names records by name; what it finds equals a plain Python
    filter over the records with those names."""
    from models.query import format_query, parse_query

    parts = data.draw(stories())
    store = build(parts)
    with store:
        events = facts(store)
        conn: sqlite3.Connection = store._conn
        parties = dict(conn.execute("SELECT name, id FROM parties"))
        categories = dict(conn.execute("SELECT name, id FROM categories"))
        kinds = [k for (k,) in conn.execute("SELECT DISTINCT kind FROM parties")]
        pieces = data.draw(st.lists(st.one_of(
            st.tuples(st.just("party"), st.sampled_from(sorted(parties))),
            st.tuples(st.just("category"), st.sampled_from(sorted(categories))),
            st.tuples(st.just("role"), st.sampled_from(ROLES)),
            st.tuples(st.just("kind"), st.sampled_from(kinds)),
            st.tuples(st.just("is"), st.sampled_from(QUALIFIERS)),
            st.tuples(st.just("precision"), st.sampled_from(PRECISIONS)),
        ), min_size=1, max_size=3, unique_by=lambda p: p[0]))
        negated = data.draw(st.lists(st.booleans(), min_size=len(pieces),
                                     max_size=len(pieces)))
        text = " ".join(f"{'-' if neg else ''}{field}:\"{value}\""
                        for (field, value), neg in zip(pieces, negated, strict=True))
        flt, _notes = store.filter_of(parse_query(text))
        expected = Filter()
        facet_of = {"party": Facet.PARTY, "category": Facet.CATEGORY, "role": Facet.ROLE,
                    "kind": Facet.KIND, "is": Facet.QUALIFIER, "precision": Facet.PRECISION}
        for (field, value), neg in zip(pieces, negated, strict=True):
            facet = facet_of[field]
            v = (parties[value] if field == "party" else categories[value]
                 if field == "category" else value)
            expected = expected.excluding(facet, v) if neg else expected.choosing(facet, v)
        assert set(store.passing_page(flt, limit=1000)) == passing(expected, events), text
        assert parse_query(format_query(parse_query(text))) == parse_query(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_sorted_pages_found_value_by_value_equal_one_sort(data: st.DataObject) -> None:
    """passing_page's walk over a sort key's values (models.store.filtering.pages._walked_page)
    gives the order of one SQL sort of every passing event: names alike but for case, tags,
    stars, events without parties or categories."""
    import models.store.filtering.pages as pages
    import models.store.filtering.predicate as predicate
    from models.edits import SetStar, TagRecords

    names = ["a", "A", "b", "B", "ab", "Ab", "c"]
    parties = tuple(PartyRecord(f"p{i}", data.draw(st.sampled_from(names))) for i in range(4))
    categories = tuple(CategoryRecord(f"c{i}", data.draw(st.sampled_from(names)))
                       for i in range(3))
    sources = (SourceRecord("s0", "Source 0"), SourceRecord("s1", "Source 1"))
    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    events = tuple(EventRecord(
        f"e{i}", f"Event {i}", data.draw(spans()) if data.draw(st.booleans()) else when,
        category=data.draw(st.sampled_from([None, *[c.key for c in categories]])),
        parties=tuple(RoleRecord(p.key, r) for p, r in data.draw(st.lists(
            st.tuples(st.sampled_from(parties), st.sampled_from(ROLES)), max_size=3,
            unique=True))),
        citations=tuple(CitationRecord(s.key, "q") for s in data.draw(
            st.lists(st.sampled_from(sources), max_size=2, unique=True))))
        for i in range(data.draw(st.integers(0, 14))))
    with Store.memory() as store:
        store.add_story(Story(categories=categories, parties=parties, sources=sources,
                              events=events))
        ids = [i for (i,) in store._conn.execute("SELECT id FROM events")]
        for tag in ("x", "X2", "y"):
            tagged = data.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
            if tagged:
                store.apply(TagRecords("events", tuple(tagged), add=(tag,)))
        starred = data.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
        if starred:
            store.apply(SetStar(tuple(starred), True))
        flt = data.draw(filters(facts(store)))
        if data.draw(st.booleans()) and ids:
            flt = flt.choosing(Facet.TAG, store.resolve(Facet.TAG, "x")[0][0]) \
                if store.resolve(Facet.TAG, "x") else flt
        for sort in pages.SORT_KEYS:
            for descending in (False, True):
                offset = data.draw(st.integers(0, 5))
                limit = data.draw(st.integers(1, 8))
                walked = predicate._ROW_BY_ROW, pages._WALK_MAX
                try:
                    predicate._ROW_BY_ROW = 0  # (walk even where a facet's ids are few)
                    got = store.passing_page(flt, sort=sort, descending=descending,
                                             offset=offset, limit=limit)
                    predicate._ROW_BY_ROW, pages._WALK_MAX = walked[0], 0
                    one_sort = store.passing_page(flt, sort=sort, descending=descending,
                                                  offset=offset, limit=limit)
                finally:
                    predicate._ROW_BY_ROW, pages._WALK_MAX = walked
                assert got == one_sort, (sort, descending, offset, limit, flt)


def test_counts_over_many_events_are_estimated_from_a_sample_and_say_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Above SAMPLE_ABOVE events to count, a facet's counts come from about SAMPLE of them,
    scaled, and are marked estimated; below it (every small store) they are exact."""
    import models.store.filtering.counts as counts
    import models.store.filtering.predicate as predicate

    when = DateSpan(FuzzyDate(2020, precision=Precision.YEAR))
    story = Story(categories=(CategoryRecord("c", "C"),), parties=(PartyRecord("a", "A"),),
                  events=tuple(EventRecord(f"e{i}", f"E {i}", when,
                                           category="c" if i % 2 else None,
                                           parties=(RoleRecord("a", "signatory"),))
                               for i in range(40)))
    with Store.memory() as store:
        store.add_story(story)
        flt = Filter().choosing(Facet.ROLE, "signatory")
        exact = store.facet_counts(flt, Facet.CATEGORY)
        assert not exact.estimated and sorted(v.count for v in exact.values) == [20, 20]
        monkeypatch.setattr(predicate, "SAMPLE_ABOVE", 10)
        monkeypatch.setattr(counts, "SAMPLE", 10)
        rough = store.facet_counts(flt, Facet.CATEGORY)
        assert rough.estimated
        assert all(v.count % 4 == 0 for v in rough.values)  # one event in 40 // 10
        assert abs(sum(v.count for v in rough.values) - 40) <= 4
        assert not store.facet_counts(flt, Facet.CATEGORY, exact=True).estimated
        assert not store.facet_counts(Filter(), Facet.CATEGORY).estimated  # (whole store)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_filter_combined_with_itself_is_itself(data: st.DataObject) -> None:
    """A saved view's filter narrowed by the same filter (export --view with the window's own
    restore) is the same filter: no doubled text, no value lost."""
    flt = Filter().matching(data.draw(st.text(max_size=10)))
    for facet in data.draw(st.lists(st.sampled_from([Facet.PARTY, Facet.CATEGORY]), max_size=2)):
        for value in data.draw(st.lists(st.integers(1, 5), min_size=1, max_size=2)):
            flt = (flt.excluding(facet, value) if data.draw(st.booleans())
                   else flt.choosing(facet, value))
    assert flt.combined(flt) == flt


def test_an_import_of_several_files_is_named_by_them_all() -> None:
    from models.formats.delimited import parse_csv
    from models.store import Store as _Store

    with _Store.memory() as s:
        for paths in (["/a/one.csv"], ["/a/one.csv", "/b/two.csv"],
                      ["/a/one.csv", "/b/two.csv", "/c/three.csv"]):
            s.import_stories([parse_csv(f"title,date\n{len(paths)},2020\n")],
                             label="import", detail="\n".join(paths))
        assert [c.name for c in s.collections()] == [
            "one.csv", "one.csv + two.csv", "one.csv + 2 more files"]
