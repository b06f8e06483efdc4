"""How fast the window narrows a big store: facet counts, filtered timeline windows, query
search, and (with --window) a filter change to the repainted timeline.

    python -m benchmarks.filters --store PATH [--rounds 20] [--seed 7] [--window]

Works on a copy of PATH (a generated store, `main.py generate`; upgraded first if older). Before
measuring it tags 1% of the events "key" and stars 0.1% (through Store.apply, as the window
does), so tags and stars are filtered where they are. Then each round picks, with the seed:
- a filter of one to three facets (a party of median size or one of the busiest, a category,
  a role, a party kind, the precision, the date qualifier, the tag, starred; some chosen, some
  excluded) and a span: a month, a year or ten years around the busiest stretch, or all;
- facet_counts_ms: Store.facet_counts of every facet section the panel shows, for that filter
  and span (one call each, as the panel's worker makes them; and the sum, `facet_panel_ms`);
- filtered_window_ms: Store.filtered_events_in of the window the timeline fetches (the view
  and a view's width each side, limit 12,000) for one party, one category or the tag;
- query_first_results_ms: Store.query_results of queries that match something.
Prints JSON {p50, p95, n} of each. Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from benchmarks.run import percentiles, store_benchmark
from models.domain import LaneMode
from models.edits import SetStar, TagRecords
from models.filters import Facet, Filter
from models.store import Store

DAY = 86400
SPANS = {"month": 30 * DAY, "year": 365 * DAY, "decade": 3652 * DAY, "all": None}
FETCH_LIMIT = 12_000
PANEL = (Facet.CATEGORY, Facet.PARTY, Facet.ROLE, Facet.KIND, Facet.SOURCE, Facet.COLLECTION,
         Facet.PRECISION, Facet.QUALIFIER, Facet.TAG, Facet.STARRED)


def busiest_time(store: Store) -> int:
    """The middle of the busiest stretch (by the overview's own counts)."""
    extent = store.extent()
    assert extent is not None, "an empty store"
    bins = 2000
    counts = store.density(extent[0], extent[1], bins)
    busiest = max(range(bins), key=counts.__getitem__)
    step = (extent[1] - extent[0]) // bins
    return extent[0] + busiest * step + step // 2


def mark_some(store: Store, rng: random.Random) -> int:
    """Tag 1% of the events "key", star 0.1%; the tag's id."""
    total = store.count_passing(Filter())
    ids = rng.sample(range(1, total + 1), total // 100)
    store.apply(TagRecords("events", tuple(ids), add=("key",)))
    store.apply(SetStar(tuple(ids[: total // 1000]), True))
    [(tag_id, _)] = store.resolve(Facet.TAG, "key", limit=1)
    assert isinstance(tag_id, int)
    return tag_id


def measure(store: Store, rounds: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    tag = mark_some(store, rng)
    middle = busiest_time(store)
    lanes = store.lanes(LaneMode.PARTY)
    busy = [lane.id for lane in lanes[:5]]
    median = [lane.id for lane in lanes[len(lanes) // 2 - 20: len(lanes) // 2 + 20]]
    categories = [c.id for c in store.categories()]
    # (read through a store of their own: a store may keep whole-store counts, and the panel
    # counting them is part of what is timed)
    with Store.open(store.path, read_only=True) as other:
        roles = [str(v.value) for v in other.facet_counts(Filter(), Facet.ROLE, limit=10).values]
        kinds = [str(v.value) for v in other.facet_counts(Filter(), Facet.KIND, limit=10).values]

    def some_value(facet: Facet) -> Any:
        return {Facet.PARTY: lambda: rng.choice(busy if rng.random() < 0.3 else median),
                Facet.CATEGORY: lambda: rng.choice(categories),
                Facet.ROLE: lambda: rng.choice(roles), Facet.KIND: lambda: rng.choice(kinds),
                Facet.PRECISION: lambda: rng.choice(["year", "month", "day"]),
                Facet.QUALIFIER: lambda: rng.choice(["exact", "approximate", "uncertain"]),
                Facet.TAG: lambda: tag, Facet.STARRED: lambda: True}[facet]()

    def a_filter() -> Filter:
        flt = Filter()
        choices = [Facet.PARTY, Facet.CATEGORY, Facet.ROLE, Facet.KIND, Facet.PRECISION,
                   Facet.QUALIFIER, Facet.TAG, Facet.STARRED]
        for facet in rng.sample(choices, rng.randint(1, 3)):
            value = some_value(facet)
            flt = (flt.excluding(facet, value) if rng.random() < 0.2
                   else flt.choosing(facet, value))
        return flt

    def a_span(name: str) -> tuple[int, int] | None:
        length = SPANS[name]
        return None if length is None else (middle - length // 2, middle + length // 2)

    timings: dict[str, list[float]] = {"facet_counts_ms": [], "facet_panel_ms": [],
                                       "filtered_window_ms": [],
                                       "query_first_results_ms": []}
    by_span: dict[str, list[float]] = {name: [] for name in SPANS}

    def timed(key: str, call: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = call()
        timings[key].append((time.perf_counter() - start) * 1000)
        return result

    for n in range(rounds):
        name = list(SPANS)[n % len(SPANS)]
        flt = a_filter().within(a_span(name))
        panel = 0.0
        for facet in PANEL:
            start = time.perf_counter()
            store.facet_counts(flt, facet)
            took = (time.perf_counter() - start) * 1000
            timings["facet_counts_ms"].append(took)
            by_span[name].append(took)
            panel += took
        timings["facet_panel_ms"].append(panel)
        # The timeline's window: the view and a view's width each side.
        one = rng.choice([Filter().choosing(Facet.PARTY, rng.choice(busy + median)),
                          Filter().choosing(Facet.CATEGORY, rng.choice(categories)),
                          Filter().choosing(Facet.TAG, tag)])
        view = SPANS[name] or 50 * 365 * DAY
        timed("filtered_window_ms", lambda one=one, view=view: store.filtered_events_in(
            one, middle - 3 * view // 2, middle + 3 * view // 2, limit=FETCH_LIMIT))
    party_names = store.lane_names(LaneMode.PARTY, busy + median[:5])
    queries = [f'party:"{name}"' for name in party_names.values()]
    queries += [f'party:"{party_names[busy[0]]}" role:{roles[0]}',
                f"date:2019..2020 category:\"{store.categories()[0].name}\"",
                "tag:key", "is:starred", "is:uncertain precision:day"]
    words = [m.title.split()[0] for m in store.events_in(middle, middle + DAY, limit=20)]
    queries += words[:5]
    for query in queries * max(1, rounds // len(queries)):
        found = timed("query_first_results_ms", lambda q=query: store.query_results(q))
        assert found.events or found.parties, f"{query!r} matched nothing"
    result: dict[str, Any] = {key: percentiles(values) for key, values in timings.items()}
    result["facet_counts_ms_by_span"] = {k: percentiles(v) for k, v in by_span.items() if v}
    return result


def window_filters(store: Store, rounds: int, seed: int) -> dict[str, Any]:
    """In the real window (offscreen, 1600 x 900): a filter set (as a click in the facet panel
    sets it), timed until the timeline and the overview have fetched and painted it."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.app import application, open_window

    app = application(offscreen=True)
    window = open_window(store)
    window.resize(1600, 900)
    window.show()
    rng = random.Random(seed)
    middle = busiest_time(store)
    lanes = store.lanes(LaneMode.PARTY)
    parties = [lane.id for lane in lanes[:3] + lanes[len(lanes) // 2: len(lanes) // 2 + 10]]
    categories = [c.id for c in store.categories()]

    def settled() -> None:
        app.processEvents()
        window.timeline.flush_fetch()
        window.overview.flush_fetch()
        window.timeline.repaint()
        window.overview.repaint()

    times: list[float] = []
    for n in range(rounds):
        length = list(SPANS.values())[n % len(SPANS)] or 0
        if length:
            window.timeline.go_to(middle - length // 2, middle + length // 2)
        else:
            window.timeline.zoom_to_fit()
        window.filters.set_filter(Filter())
        settled()
        flt = (Filter().choosing(Facet.PARTY, rng.choice(parties)) if n % 2 else
               Filter().choosing(Facet.CATEGORY, rng.choice(categories)))
        start = time.perf_counter()
        window.filters.set_filter(flt)
        settled()
        times.append((time.perf_counter() - start) * 1000)
    window.close()
    return {"filter_to_frame_ms": percentiles(times)}


def main() -> None:
    store_benchmark(__doc__.split("\n\n")[0], measure, window_filters, prefix="chronolens-filters-",
                    window_help="also time filter changes in the real window, to the painted frame")


if __name__ == "__main__":
    main()
