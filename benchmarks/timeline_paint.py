"""Frame paint and fetch times of the timeline over a million events for a pan/zoom sequence:
BigSource (made up in memory), or with --db a real store opened read-only (never migrated).
Prints JSON. Run: .venv/bin/python benchmarks/timeline_paint.py [--db /tmp/bench-1m.db]"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from benchmarks.big_source import BigSource
from gui.timeline import TimelineSource, TimelineView


def read_only_store(path: Path) -> TimelineSource:
    from models.store import Store

    return Store.open(path, read_only=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a real store (opened read-only)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    source = read_only_store(args.db) if args.db else BigSource()
    view = TimelineView(source)
    view.resize(1400, 700)
    view.show()
    app.processEvents()
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)

    steps: list[tuple[str, float]] = [("fit", 0.0)]
    steps += [("zoom", 0.7)] * 15  # 125 years down to ~7 months: ~4,500 events in view
    steps += [("pan", 60.0)] * 30  # dragging there (near the mark budget)
    steps += [("zoom", 0.7)] * 5  # ~1.2 months
    steps += [("pan", -60.0)] * 30
    steps += [("zoom", 0.7)] * 20  # down to ~2 hours
    steps += [("pan", 80.0)] * 20
    steps += [("zoom", 1.6)] * 24  # and back out past the budget
    paint_ms: list[float] = []
    by_kind: dict[str, list[float]] = {"pan": [], "zoom": []}
    fetch_ms: list[float] = []
    marks: list[int] = []
    labels: list[int] = []
    fetches = 0
    for kind, amount in steps:
        if kind == "fit":
            view.zoom_to_fit()
        elif kind == "zoom":
            view.zoom_by(amount)
        else:
            view.set_scale(view.scale().panned(amount))
        # the frame right after the change: painted from what is in hand
        t = time.perf_counter()
        view.render(image)
        paint_ms.append((time.perf_counter() - t) * 1000)
        if kind in by_kind:
            by_kind[kind].append(paint_ms[-1])
        if view.fetch_pending():
            t = time.perf_counter()
            view.flush_fetch()
            fetch_ms.append((time.perf_counter() - t) * 1000)
            fetches += 1
            t = time.perf_counter()
            view.render(image)
            paint_ms.append((time.perf_counter() - t) * 1000)
        marks.append(view.marks_drawn)
        labels.append(view.labels_drawn)
    print(json.dumps({
        "source": str(args.db) if args.db else "BigSource(1,000,000 events, 100,000 parties)",
        "size": [view.width(), view.height()],
        "steps": len(steps), "frames": len(paint_ms), "fetches": fetches,
        "paint_ms": {"p50": round(statistics.median(paint_ms), 2),
                     "p95": round(percentile(paint_ms, 0.95), 2),
                     "max": round(max(paint_ms), 2)},
        **{f"{kind}_frame_ms": {"p50": round(statistics.median(ms), 2),
                                "p95": round(percentile(ms, 0.95), 2)}
           for kind, ms in by_kind.items()},
        "fetch_ms": {"p50": round(statistics.median(fetch_ms), 2) if fetch_ms else None,
                     "p95": round(percentile(fetch_ms, 0.95), 2) if fetch_ms else None,
                     "max": round(max(fetch_ms), 2) if fetch_ms else None},
        "marks_drawn_max": max(marks), "labels_drawn_max": max(labels),
    }, indent=1))


if __name__ == "__main__":
    main()
