"""How long one edit, merge or undo takes in a big store, index and counts included.

    python -m benchmarks.edits --store PATH [--rounds 20] [--seed 7]

Works on a copy of PATH (a 1M-event generated store: `main.py generate`), upgraded first if
it is older. Each round makes every kind of change the window offers, on events picked where
events are densest and parties of median size, through the real path (Store.apply: plan,
one transaction, the triggers that keep the search index and counts, the history), then
undoes it (Store.undo). Prints JSON: edit_ms {p50, p95, n} over all of them, and by kind.
Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from benchmarks.run import percentiles, store_benchmark
from models.edits import (
    AddEvent,
    DeleteEvents,
    DuplicateEvent,
    EditEvent,
    EditParty,
    MergeEvents,
    MergeParties,
    SetAliases,
    SetRoles,
    SplitAlias,
)
from models.store import Store
from models.store.history import Change


def dense_events(store: Store, rng: random.Random, n: int) -> list[int]:
    """Ids of events in the busiest month of the store (by the overview's own counts)."""
    extent = store.extent()
    assert extent is not None, "an empty store"
    bins = 2000
    counts = store.density(extent[0], extent[1], bins)
    busiest = max(range(bins), key=counts.__getitem__)
    step = (extent[1] - extent[0]) // bins
    start = extent[0] + busiest * step
    marks = store.events_in(start, start + step, limit=20_000)
    return rng.sample([m.id for m in marks], min(n, len(marks)))


def median_parties(store: Store, rng: random.Random, n: int) -> list[int]:
    """Parties with about the median number of events (not the busiest few)."""
    from models.domain import LaneMode

    lanes = store.lanes(LaneMode.PARTY)
    middle = lanes[len(lanes) // 2 - n: len(lanes) // 2 + n]
    return rng.sample([lane.id for lane in middle], min(2 * n, len(middle)))


def measure(store: Store, rounds: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    events = dense_events(store, rng, 4 * rounds)
    parties = median_parties(store, rng, rounds)
    by_kind: dict[str, list[float]] = {}

    def timed(kind: str, call: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = call()
        by_kind.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        return result

    for round_ in range(rounds):
        event, other, third, fourth = events[4 * round_: 4 * round_ + 4]
        party, second = parties[2 * round_: 2 * round_ + 2]
        commands: list[tuple[str, Any]] = [
            ("edit title", EditEvent(event, title=f"Edited title {round_}")),
            ("edit date", EditEvent(event, when="2011-05-0" + str(1 + round_ % 9))),
            ("set roles", SetRoles(other, ((party, "signatory"), (second, "party")))),
            ("add event", AddEvent(f"New event {round_}", "2012-03-04",
                                   roles=((party, "party"),))),
            ("duplicate", DuplicateEvent(third)),
            ("delete", DeleteEvents((fourth,))),
            ("merge events", MergeEvents(event, (other,))),
            ("edit party", EditParty(party, name=f"Renamed party {round_}")),
            ("set aliases", SetAliases(party, (f"Alias {round_}",))),
            ("split alias", SplitAlias(party, f"Alias {round_}", ())),
            ("merge parties", MergeParties(party, (second,))),
        ]
        done: list[Change] = []
        for kind, command in commands:
            done.append(timed(kind, lambda c=command: store.apply(c)))
        for change in reversed(done):
            timed("undo", lambda c=change: store.undo(c))
    everything = [ms for samples in by_kind.values() for ms in samples]
    return {"edit_ms": percentiles(everything),
            "by_kind": {kind: percentiles(samples) for kind, samples in by_kind.items()},
            "busy_party_merge": busy_merges(store),
            "events": store.info().events}


def busy_merges(store: Store, pairs: int = 3) -> dict[str, Any]:
    """Merging one of the busiest parties into another, and its undo: every role moves, so
    this grows with the party (kept apart from edit_ms, which is what an edit usually costs)."""
    from models.domain import LaneMode

    lanes = store.lanes(LaneMode.PARTY, limit=10 + 2 * pairs)[10:]
    merge_ms, undo_ms, moved = [], [], []
    for into, other in zip(lanes[::2], lanes[1::2], strict=False):
        start = time.perf_counter()
        change = store.apply(MergeParties(into.id, (other.id,)))
        merge_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        store.undo(change)
        undo_ms.append((time.perf_counter() - start) * 1000)
        moved.append(other.count)
    return {"merge_ms": percentiles(merge_ms), "undo_ms": percentiles(undo_ms),
            "events_of_the_party_merged": moved}


def window_edits(store: Store, rounds: int, seed: int) -> dict[str, Any]:
    """In the real window (offscreen, 1600 x 900): an edit through Edit's undo stack, then its
    undo, each timed until the timeline, the overview and the pane have fetched and painted
    what the store now holds (the path a person waits on)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.app import application, open_window

    app = application(offscreen=True)
    window = open_window(store)
    window.resize(1600, 900)
    window.show()
    rng = random.Random(seed)
    events = dense_events(store, rng, rounds)

    def settled() -> None:
        app.processEvents()
        window.timeline.flush_fetch()
        window.overview.flush_fetch()
        window.details.flush()
        window.timeline.repaint()
        window.overview.repaint()

    window.navigate("event", events[0])
    window.timeline.go_to(*dense_window(store, events[0]))
    settled()
    edit_ms, undo_ms = [], []
    for n, event in enumerate(events):
        window.navigate("event", event)
        settled()
        start = time.perf_counter()
        window.editing.run(EditEvent(event, title=f"Edited in the window {n}",
                                     when="2011-05-0" + str(1 + n % 9)))
        settled()
        edit_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        window.editing.stack.undo()
        settled()
        undo_ms.append((time.perf_counter() - start) * 1000)
    window.close()
    return {"edit_to_frame_ms": percentiles(edit_ms), "undo_to_frame_ms": percentiles(undo_ms)}


def dense_window(store: Store, event_id: int) -> tuple[int, int]:
    """A month around an event."""
    event = store.event(event_id)
    assert event is not None
    return event.when.earliest - 15 * 86400, event.when.earliest + 15 * 86400


def main() -> None:
    store_benchmark(__doc__.split("\n\n")[0], measure, window_edits, prefix="chronolens-edits-",
                    window_help="also time edits in the real window, to the repainted timeline")


if __name__ == "__main__":
    main()
