"""The timeline reads its source through one protocol (gui.timeline.TimelineSource, and
TimelineReader for the fetch worker's copy): the store, the benchmark's made-up source and the
test fakes all offer every method of it, with the same parameters, so they cannot drift apart
and the timeline never has to ask what a source can do."""

from __future__ import annotations

from protocol_check import protocol_methods, signature_mismatches

from benchmarks.big_source import BigSource
from gui.timeline import TimelineReader, TimelineSource
from models.store import Store


def test_the_store_offers_the_whole_protocol() -> None:
    assert signature_mismatches(TimelineSource, Store) == []
    assert signature_mismatches(TimelineReader, Store) == []  # open_reader() returns a Store


def test_the_benchmark_source_offers_the_whole_protocol() -> None:
    assert signature_mismatches(TimelineSource, BigSource) == []


def test_the_protocol_names_what_the_timeline_reads() -> None:
    assert set(protocol_methods(TimelineSource)) == {
        "events_in", "marks_starting", "density", "lane_density", "lanes", "lane_names",
        "categories", "eras_in", "extent", "event", "open_reader"}
    assert set(protocol_methods(TimelineReader)) - set(protocol_methods(TimelineSource)) == {
        "interrupt", "close"}


def test_a_drifted_signature_is_caught() -> None:
    class Drifted(BigSource):
        def lanes(self, mode, limit, extra):  # type: ignore[no-untyped-def, override]
            return []

        def density(self, start, stop, bins):  # type: ignore[no-untyped-def, override]
            return []

    class Bare:
        pass

    problems = signature_mismatches(TimelineSource, Drifted)
    assert "Drifted.lanes: 'limit' has no default" in problems
    assert "Drifted.lanes: 'extra' is required but the protocol never passes it" in problems
    assert "Drifted.density has no parameter 'end'" in problems
    assert "Bare.categories is missing" in signature_mismatches(TimelineSource, Bare)


def test_an_in_memory_store_has_no_reader() -> None:
    store = Store.memory()
    try:
        assert store.open_reader() is None  # (the timeline then fetches on the GUI thread)
    finally:
        store.close()
