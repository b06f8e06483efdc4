"""Frame paint and fetch times of the timeline over a million events (BigSource, made up in
memory) for a pan/zoom sequence. Prints JSON. Run: .venv/bin/python benchmarks/timeline_paint.py"""

from __future__ import annotations

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
from gui.timeline import TimelineView


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    source = BigSource()
    view = TimelineView(source)
    view.resize(1400, 700)
    view.show()
    app.processEvents()
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)

    steps: list[tuple[str, float]] = [("fit", 0.0)]
    steps += [("zoom", 0.7)] * 40  # from 125 years down to about a day
    steps += [("pan", 60.0)] * 40
    steps += [("zoom", 1.4)] * 16
    steps += [("pan", -80.0)] * 40
    steps += [("zoom", 1.6)] * 12
    paint_ms: list[float] = []
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
        "events": source.n, "parties": source.parties, "size": [view.width(), view.height()],
        "steps": len(steps), "frames": len(paint_ms), "fetches": fetches,
        "paint_ms": {"p50": round(statistics.median(paint_ms), 2),
                     "p95": round(percentile(paint_ms, 0.95), 2),
                     "max": round(max(paint_ms), 2)},
        "fetch_ms": {"p50": round(statistics.median(fetch_ms), 2) if fetch_ms else None,
                     "p95": round(percentile(fetch_ms, 0.95), 2) if fetch_ms else None,
                     "max": round(max(fetch_ms), 2) if fetch_ms else None},
        "marks_drawn_max": max(marks), "labels_drawn_max": max(labels),
    }, indent=1))


if __name__ == "__main__":
    main()
