"""Speed and memory of Chronolens on a store, measured in one process (offscreen) plus subprocesses.

    python -m benchmarks.run --db PATH [--json] [--runs 3] [--generate-events 100000]

Prints one JSON object (with --json) whose keys are described in README.md ("Benchmarks").
Not a test: nothing here asserts a target; compare figures from one run, not across days.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOUR = 3600
SEARCHES = (
    # broad one- and two-letter prefixes, whole words, two-word queries, party-name typos
    "a", "s", "m", "th", "co", "pr", "report", "minister", "agreement", "trade", "election",
    "trade deal", "peace talks", "central bank", "Hauwei", "Ericson", "Untied States",
    "Washington", '"unbalanced AND (',
)


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {"p50": float("nan"), "p95": float("nan"), "n": 0}
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 3), "p95": round(p95, 3), "n": len(ordered)}


def timed_ms(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


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
                raise RuntimeError(f"the app did not report a first frame: {child.stderr.read()}")
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


def in_process(db: Path, seed: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.app import settle_memory
    from gui.timeline import TimelineView
    from models.store import Store

    app = QApplication.instance() or QApplication([])
    store = Store.open(db)
    extent = store.extent()
    if extent is None:
        raise SystemExit(f"{db}: the store has no events")
    view = TimelineView(store)
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    settle_memory()  # as the app does once its window is up

    rng = random.Random(seed)
    # Centres where events are: the start of random events (dense places, not empty space).
    probe = store.events_in(extent[0], extent[1], limit=2000)
    centres = [m.earliest for m in rng.sample(probe, min(len(probe), 8))] or [sum(extent) // 2]

    queries: list[float] = []
    view.paint_ms.clear()
    levels = zoom_spans(extent)
    for level, span in enumerate(levels):
        centre = centres[level % len(centres)]
        view.go_to(centre - span // 2, centre + span // 2)
        app.processEvents()
        for step in range(12):  # a pan sequence at this zoom level
            view.center_on(centre + (step - 6) * span // 24)
            deadline = time.perf_counter() + 2
            app.processEvents()  # let the scheduled fetch (in the worker) land, as between frames
            while view.fetch_pending() and time.perf_counter() < deadline:
                time.sleep(0.001)
                app.processEvents()
            view.repaint()
            low, high = view.visible_span()
            ms, _ = timed_ms(lambda low=low, high=high: store.events_in(low, high, limit=5000))
            queries.append(ms)

    # What the search box shows first: unranked prefix hits from the worker's own reader.
    reader = store.open_search_reader()
    assert reader is not None
    # Every paint of the sequence: frames with data in hand, and those where a new window has
    # just arrived and is laid out.
    frames = list(view.paint_ms)
    searches: list[float] = []
    ranked: list[float] = []
    for _ in range(3):
        for text in SEARCHES:
            ms, _ = timed_ms(lambda text=text: reader.first_results(text, limit=20))
            searches.append(ms)
            ms, _ = timed_ms(lambda text=text: reader.ranked_results(text, limit=20))
            ranked.append(ms)
    reader.close()
    result = {
        "frame_ms": percentiles(frames),
        "zoom_levels": len(levels),
        "window_query_ms": percentiles(queries),
        "search_first_results_ms": percentiles(searches),
        "search_ranked_ms": percentiles(ranked),
        "rss_mb": rss_mb(),
    }
    view.close()
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
