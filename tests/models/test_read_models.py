"""The read models: everything one pane shows, in one call (event_details, party_details,
source_details), the same as the single reads give."""

from __future__ import annotations

from pathlib import Path

from models.store import Store


def key(store: Store, table: str, name: str) -> int:
    found = store.key_of(table, name)
    assert found is not None
    return found


def test_event_details_hold_what_the_single_reads_give(store: Store) -> None:
    event_id = key(store, "events", "cross-licence-2016")
    details = store.event_details(event_id)
    assert details is not None
    assert details.event == store.event(event_id)
    assert details.category is not None and details.category.name == "Patents & licensing"
    assert list(details.participants) == store.participants(event_id)
    assert {p.party.name for p in details.participants} == {"Huawei", "Ericsson"}
    assert list(details.citations) == store.citations_of(event_id)
    assert details.citations[0].quote.startswith("The previous agreement")
    assert list(details.links) == store.links_of(event_id)
    assert list(details.attributes) == store.event_attributes(event_id)


def test_party_details_hold_ids_the_first_roles_and_co_parties(store: Store) -> None:
    huawei = key(store, "parties", "huawei")
    details = store.party_details(huawei, events=3)
    assert details is not None
    assert details.party == store.party(huawei)
    assert details.party.aliases == ("Huawei Technologies",)
    assert list(details.event_ids) == store.event_ids_of(huawei)
    assert details.event_count == store.count_events_of(huawei) == len(details.event_ids)
    assert list(details.events) == store.events_of(huawei, limit=3)
    assert list(details.co_parties) == store.co_parties(huawei)
    assert list(details.attributes) == store.party_attributes(huawei)


def test_source_details_hold_every_quote(store: Store) -> None:
    source_id = key(store, "sources", "huawei-ericsson-2023-08-25")
    details = store.source_details(source_id)
    assert details is not None
    assert details.source == store.source(source_id)
    assert list(details.quotes) == store.quotes_in(source_id)


def test_missing_records_have_no_details(store: Store) -> None:
    assert store.event_details(99_999) is None
    assert store.party_details(99_999) is None
    assert store.source_details(99_999) is None


def test_details_read_on_a_worker_reader_leave_no_transaction_open(store_file: Path) -> None:
    with Store.open(store_file) as store:
        reader = store.open_reader()
        assert reader is not None
        try:
            event_id = key(store, "events", "cross-licence-2016")
            assert reader.event_details(event_id) == store.event_details(event_id)
            assert not reader._conn.in_transaction
            assert not store._conn.in_transaction
        finally:
            reader.close()


def test_sources_and_the_quotes_of_events(store: Store) -> None:
    assert store.sources() == [store.source(key(store, "sources", "huawei-ericsson-2023-08-25"))]
    renewal = key(store, "events", "cross-licence-2016")
    quotes = store.quotes_of([renewal, 99_999])
    assert list(quotes) == [renewal]
    assert quotes[renewal] == [c.quote for c in store.citations_of(renewal)]
    assert store.quotes_of([]) == {}
