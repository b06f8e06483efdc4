"""Results table sort times: for each sort key, the time from `EventTableModel.sort(...)` to the
first screen's rows (40) in hand, fetched the way the window fetches them (in the table's
worker, over a store file opened read-only), over several rounds; for every event and for the
events of one party (the busiest). Prints JSON. Run:

    .venv/bin/python benchmarks/table_sort.py [--store /tmp/speed/gen1m.db] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.table import EventTableModel
from models.domain import LaneMode
from models.filters import Facet, Filter

SCREEN_ROWS = 40
TIMEOUT_S = 120.0


def open_store(path: Path) -> Any:
    """The store, read-only."""
    from models.store import Store

    return Store.open(path, read_only=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def wait_for_screen(app: QApplication, model: EventTableModel) -> float:
    """Milliseconds until the first screen's rows are in hand (asking for them as a view
    painting them does)."""
    start = time.perf_counter()
    while True:
        app.processEvents()
        rows = min(SCREEN_ROWS, model.rowCount())
        if not model.loading:
            for row in range(rows):
                model.data(model.index(row, 0))
            if all(model.is_loaded(row) for row in range(rows)):
                return (time.perf_counter() - start) * 1000
        if time.perf_counter() - start > TIMEOUT_S:
            raise TimeoutError("the table's rows did not arrive")
        time.sleep(0.0005)


def measure(app: QApplication, model: EventTableModel, rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column, (_, key, _, _) in enumerate(EventTableModel.COLUMNS):
        times = []
        for _ in range(rounds):
            model.sort(column, Qt.SortOrder.AscendingOrder)
            times.append(wait_for_screen(app, model))
        out[key] = {"p50": round(percentile(times, 0.5), 1),
                    "p95": round(percentile(times, 0.95), 1)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, default=Path("/tmp/speed/gen1m.db"),
                        help="a store (opened read-only)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    store = open_store(args.store)
    model = EventTableModel(store)
    model.reload()
    wait_for_screen(app, model)
    result: dict[str, Any] = {"store": str(args.store), "events": model.total(),
                              "rounds": args.rounds, "screen_rows": SCREEN_ROWS}
    result["table_sort_ms"] = measure(app, model, args.rounds)
    lanes = store.lanes(LaneMode.PARTY, limit=1)
    if lanes:
        start = time.perf_counter()
        model.set_filter(Filter().choosing(Facet.PARTY, lanes[0].id))
        wait_for_screen(app, model)
        result["one_party"] = {"party": lanes[0].name, "events": model.total(),
                               "set_filter_ms": round((time.perf_counter() - start) * 1000, 1)}
        result["table_sort_ms_one_party"] = measure(app, model, args.rounds)
    model.stop()
    store.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
