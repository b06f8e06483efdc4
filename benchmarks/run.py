"""Speed and memory of Chronolens on a store, measured in one process (offscreen) plus subprocesses.

    python -m benchmarks.run --db PATH [--json] [--runs 3] [--generate-events 100000]

Prints one JSON object (with --json) whose keys are described in README.md ("Benchmarks").
Not a test: nothing here asserts a target; compare figures from one run, not across days.
Views are centred where the events are (in proportion to the store's density); every timeline
paint is timed, the first after new data lands too; the fetch times are the app's own.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from gui.overview import OverviewStrip
    from gui.timeline import TimelineView
    from models.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOUR, DAY, YEAR = 3600, 86_400, 31_556_952
WIDTH, HEIGHT = 1600, 900
PAN_CENTRES, PAN_STEPS = 4, 12  # per zoom level
WHEEL_CENTRES, WHEEL_STEP, WHEEL_FROM = 4, 1.25, 20 * YEAR
TICK_S = 1 / 60
ODD_QUERY = '"unbalanced AND ('


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {"p50": float("nan"), "p95": float("nan"), "n": 0}
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 3), "p95": round(p95, 3), "n": len(ordered)}


@contextlib.contextmanager
def store_copy(path: Path, prefix: str) -> Iterator[Store]:
    """A copy of the store at `path`, open (an older store upgraded here, not timed), removed
    after: what a benchmark that writes works on."""
    from models.store import Store

    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        copy = Path(folder) / "store.db"
        shutil.copyfile(path, copy)
        with Store.open(copy) as store:
            yield store


def store_benchmark(description: str, measure: Callable[[Store, int, int], dict[str, Any]],
                    window: Callable[[Store, int, int], dict[str, Any]], *, prefix: str,
                    window_help: str) -> None:
    """The command line of a benchmark on a copy of a big store: --store, --rounds, --seed,
    and --window for the part timed in the real window; prints its JSON."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--store", type=Path, required=True, help="a big store (copied first)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--window", action="store_true", help=window_help)
    args = parser.parse_args()
    with store_copy(args.store, prefix) as store:
        result = measure(store, args.rounds, args.seed)
        if args.window:
            result["window"] = window(store, args.rounds, args.seed + 1)
    print(json.dumps(result, indent=2))


def timed_ms(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def drain(samples: deque[float]) -> list[float]:
    """Take everything out of a deque that another thread may be appending to."""
    taken = []
    while samples:
        taken.append(samples.popleft())
    return taken


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def open_to_first_frame_ms(db: Path, runs: int) -> list[float]:
    """Process start to the first painted timeline, seen from outside."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CHRONOLENS_REPORT_FIRST_FRAME="1")
    with tempfile.TemporaryDirectory() as home:
        env["XDG_CONFIG_HOME"] = home  # no saved window state from the user
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=env)
            assert child.stdout is not None
            line = child.stdout.readline()
            elapsed = (time.perf_counter() - start) * 1000
            child.wait(timeout=60)
            if line.strip() != "first-frame":
                raise RuntimeError(f"no first frame reported: {child.communicate()[1]}")
            samples.append(elapsed)
    return samples


def generate_rate(events: int) -> float | None:
    """Events per second of `main.py generate` into a fresh file."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "gen.db"
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "generate", str(out), "--events", str(events),
             "--parties", str(max(events // 10, 10)), "--seed", "7"],
            capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(f"generate failed: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return round(events / elapsed)


def zoom_spans(extent: tuple[int, int]) -> list[int]:
    """Every zoom level from the whole range down to one hour, a factor of 4 apart."""
    span = max(extent[1] - extent[0], HOUR)
    spans = []
    while span > HOUR:
        spans.append(span)
        span //= 4
    spans.append(HOUR)
    return spans


def span_label(seconds: float) -> str:
    """A span as people say it: 1268y, 317y, 3.1d, 1h, 15m."""
    unit, size = next(((u, s) for u, s in (("y", YEAR), ("d", DAY), ("h", HOUR)) if seconds >= s),
                      ("m", 60))
    value = seconds / size
    return (f"{value:.1f}".removesuffix(".0") if value < 9.95 else f"{value:.0f}") + unit


def dense_times(store: Store, extent: tuple[int, int], count: int,
                rng: random.Random) -> list[int]:
    """Times where the events are: a bin drawn by its count of events, then a time in it."""
    bins = store.density(extent[0], extent[1], 4096)
    if not any(bins):
        return [sum(extent) // 2] * count
    width = (extent[1] - extent[0]) / len(bins)
    chosen = rng.choices(range(len(bins)), weights=bins, k=count)
    return [int(extent[0] + (b + rng.random()) * width) for b in chosen]


def search_queries(store: Store, rng: random.Random) -> list[str]:
    """Names of the busiest parties, prefixes (2-4 letters) and one-letter typos of some of
    them (two letters swapped, a letter dropped), and one query of odd syntax."""
    from models.domain import LaneMode

    names = [lane.name for lane in store.lanes(LaneMode.PARTY, limit=10)]
    queries = list(names)
    queries += [name[: 2 + i % 3] for i, name in enumerate(names[:6])]
    for i, name in enumerate(names[:6]):
        if spots := [at for at in range(1, len(name) - 1) if name[at:at + 2].isalpha()]:
            at = rng.choice(spots)
            queries.append(name[:at] + name[at + 1] + name[at] + name[at + 2:] if i % 2 == 0
                           else name[:at] + name[at + 1:])
    queries.append(ODD_QUERY)
    return queries


@dataclass
class Rig:
    """The timeline with the overview strip under it, as in the main window's left column;
    it keeps every fetch and landing time the view records over the run."""

    app: QApplication
    view: TimelineView
    overview: OverviewStrip
    window: QWidget
    fetch_ms: list[float] = field(default_factory=list)
    land_ms: list[float] = field(default_factory=list)

    def settle(self, timeout_s: float = 5.0) -> None:
        """Run the event loop until the view's fetch has landed and been painted."""
        deadline = time.perf_counter() + timeout_s
        self.app.processEvents()
        while self.view.fetch_pending() and time.perf_counter() < deadline:
            time.sleep(0.001)
            self.app.processEvents()
        self.app.processEvents()
        self.collect()

    def collect(self) -> None:
        self.fetch_ms += drain(self.view.fetch_ms)
        self.land_ms += drain(self.view.land_ms)


def make_rig(store: Store) -> Rig:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from gui.overview import OverviewStrip
    from gui.timeline import TimelineView

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    view = TimelineView(store)
    overview = OverviewStrip(store, view)
    layout.addWidget(view, 1)
    layout.addWidget(overview)
    column.resize(WIDTH, HEIGHT + overview.height())
    column.show()
    app.processEvents()
    return Rig(app, view, overview, column)


def pan_frames(rig: Rig, store: Store, extent: tuple[int, int], dense: Sequence[int],
               ) -> tuple[dict[str, list[float]], list[float], list[float]]:
    """Go to dense places at every zoom level and pan there in small steps, waiting for each
    fetch as a user pausing would. Every paint is kept, by level; also the store's windowed
    query per view, and the overview strip's repaint once per level."""
    view = rig.view
    frames: dict[str, list[float]] = {}
    queries: list[float] = []
    overview: list[float] = []
    drain(view.paint_ms)
    for level, span in enumerate(zoom_spans(extent)):
        for t in dense[level * PAN_CENTRES:(level + 1) * PAN_CENTRES]:
            # kept inside the extent where the view fits (the whole range: its middle)
            centre = (min(max(t, extent[0] + span // 2), extent[1] - span // 2)
                      if span < extent[1] - extent[0] else sum(extent) // 2)
            view.go_to(centre - span // 2, centre + span // 2)
            low, high = view.visible_span()
            label = span_label(high - low)
            rig.settle()
            for step in range(PAN_STEPS):
                view.center_on(centre + (step - PAN_STEPS // 2) * span // 24)
                rig.settle()
                low, high = view.visible_span()
                queries.append(timed_ms(partial(store.events_in, low, high, limit=5000))[0])
            frames.setdefault(label, []).extend(drain(view.paint_ms))
        overview.append(timed_ms(rig.overview.repaint)[0])
    return frames, queries, overview


def wheel_zoom(rig: Rig, centres: Sequence[int]) -> tuple[list[float], list[float]]:
    """Wheel ticks at 60 Hz: from ~20 years down to ~1 hour and back, 1.25x a tick, around
    each centre, never waiting for a fetch. A tick's work is the zoom, the events it lets run
    (landed fetches, the overview's repaint) and the timeline's paint; repaint() is forced only
    if no paint happened meanwhile. Returns each tick's work (ms) and the timeline's paints."""
    view, app = rig.view, rig.app
    ticks: list[float] = []
    paints: list[float] = []
    x = view.width() / 2
    for centre in centres:
        view.go_to(centre - WHEEL_FROM // 2, centre + WHEEL_FROM // 2)
        rig.settle()
        drain(view.paint_ms)
        for factor in (1 / WHEEL_STEP, WHEEL_STEP):
            for _ in range(200):
                low, high = view.visible_span()
                if (high - low <= HOUR) if factor < 1 else (high - low >= WHEEL_FROM):
                    break
                began = time.perf_counter()
                view.zoom_by(factor, x)
                app.processEvents()
                if not view.paint_ms:
                    view.repaint()
                done = time.perf_counter()
                ticks.append((done - began) * 1000)
                paints += drain(view.paint_ms)
                rig.collect()
                if view.visible_span() == (low, high):
                    break  # a zoom limit
                time.sleep(max(0.0, began + TICK_S - time.perf_counter()))
        rig.settle()
        paints += drain(view.paint_ms)
    return ticks, paints


def searches(store: Store, rng: random.Random) -> dict[str, Any]:
    """The search box's two phases over names, prefixes and typos of parties in the store."""
    queries = search_queries(store, rng)
    reader = store.open_search_reader()
    assert reader is not None
    first: list[float] = []
    ranked: list[float] = []
    hits: dict[str, tuple[bool, bool]] = {}
    for _ in range(3):
        for text in queries:
            ms, found = timed_ms(partial(reader.first_results, text, limit=20))
            first.append(ms)
            ms, best = timed_ms(partial(reader.ranked_results, text, limit=20))
            ranked.append(ms)
            hits[text] = (bool(found and (found.parties or found.events)),
                          bool(best and (best.parties or best.events)))
    reader.close()
    return {
        "search_first_results_ms": percentiles(first),
        "search_ranked_ms": percentiles(ranked),
        "search_queries": len(hits),
        "search_queries_with_hits": sum(first for first, _ in hits.values()),
        "search_queries_with_ranked_hits": sum(best for _, best in hits.values()),
        "search_queries_without_hits": [text for text, (f, _) in hits.items() if not f],
    }


def in_process(db: Path, seed: int) -> dict[str, Any]:
    from gui.app import settle_memory
    from models.store import Store

    store = Store.open(db)
    extent = store.extent()
    if extent is None:
        raise SystemExit(f"{db}: the store has no events")
    rig = make_rig(store)
    rig.settle()
    settle_memory()  # as the app does once its window is up
    rng = random.Random(seed)

    levels = len(zoom_spans(extent))
    dense = dense_times(store, extent, levels * PAN_CENTRES + WHEEL_CENTRES, rng)
    frames, queries, overview_paints = pan_frames(rig, store, extent, dense)
    ticks, wheel_paints = wheel_zoom(rig, dense[levels * PAN_CENTRES:])
    by_level = {label: percentiles(samples) for label, samples in frames.items()}
    result = {
        "frame_ms_by_level": by_level,
        "frame_ms_worst_level_p95": max(level["p95"] for level in by_level.values()),
        "zoom_levels": len(by_level),
        "app_fetch_ms": percentiles(rig.fetch_ms),
        "gui_thread_on_fetch_ms": percentiles(rig.land_ms),
        "window_query_ms": percentiles(queries),
        "wheel_zoom_over_budget_pct": round(
            100 * sum(ms > TICK_S * 1000 for ms in ticks) / max(len(ticks), 1), 1),
        "wheel_zoom_tick_ms": percentiles(ticks),
        "wheel_zoom_paint_ms": percentiles(wheel_paints),
        "overview_paint_ms": percentiles(overview_paints),
    }
    result.update(searches(store, rng))
    result["rss_mb"] = rss_mb()
    rig.view.stop_fetching()  # as the main window shuts down: no worker outlives the store
    rig.overview.stop()
    rig.window.close()
    store.close()
    return result


def store_facts(db: Path) -> dict[str, Any]:
    from models.store import Store

    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    with Store.open(db) as store:
        info = store.info()
    return {"store_mb": round(size / 2**20, 1), "events": info.events, "parties": info.parties}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="start-up runs (median taken)")
    parser.add_argument("--generate-events", type=int, default=100_000,
                        help="events for the generate-rate measurement (0 to skip)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"{args.db}: no such store")

    result: dict[str, Any] = {"db": str(args.db)}
    result.update(store_facts(args.db))
    starts = open_to_first_frame_ms(args.db, max(args.runs, 3))
    result["open_to_first_frame_ms"] = round(statistics.median(starts), 1)
    result["open_to_first_frame_samples_ms"] = [round(s, 1) for s in starts]
    result.update(in_process(args.db, args.seed))
    if args.generate_events:
        result["generate_events_per_s"] = generate_rate(args.generate_events)
        result["generate_events"] = args.generate_events
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
