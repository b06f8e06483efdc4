"""Start-up time: process start to the first painted window, warm, for `python main.py` and for
the PyInstaller bundle.

    python -m benchmarks.startup --json [--bundle dist/chronolens/chronolens] [--runs N]

Each command runs once unmeasured (to warm the disk cache), then N times, the commands taking
turns so that load from elsewhere on the machine falls on both alike. The window opens offscreen
on a store built from the sample story in a temporary folder; the app reports its first timeline
paint (CHRONOLENS_REPORT_FIRST_FRAME, as in benchmarks/run.py) and quits. Prints the median and
every sample per command, and the CPU time each run used (user + system, start to exit): on a
busy machine wall time grows with the load from elsewhere, CPU time much less. Not a test: nothing
here asserts the target (300 ms for the bundle).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.run import ROOT

SAMPLE = ROOT / "resources" / "sample" / "huawei-ericsson.json"
TIMEOUT_S = 60


def build_store(folder: Path) -> Path:
    """A store built from the sample story, as a user's first import builds one."""
    db = folder / "sample.db"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(SAMPLE)],
                   check=True, capture_output=True, text=True, timeout=TIMEOUT_S)
    return db


def first_frame_ms(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from starting `command` to its "first-frame" line, seen from outside, and
    the CPU milliseconds the process used from start to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    _, errors = child.communicate(timeout=TIMEOUT_S)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # runs are one at a time: the delta
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    if line.strip() != "first-frame":
        raise RuntimeError(f"{command[0]}: no first frame reported: {errors.strip()[-500:]}")
    return elapsed, cpu


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]
            ) -> dict[str, list[tuple[float, float]]]:
    for command in commands.values():
        first_frame_ms(command, env)  # warm-up, discarded
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # taking turns: shared load hits both alike
            samples[name].append(first_frame_ms(command, env))
    return samples


def drop_page_cache() -> bool:
    """Empty the OS page cache (Linux, root only): the next read of the store is from disk."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def first_open_unknown(store: Path, folder: Path, env: dict[str, str],
                       runs: int) -> dict[str, Any]:
    """Start to first frame on a fresh copy of `store` each run: a store never checked here,
    which the window opens read-only at once and checks in the background."""
    import shutil

    walls: list[float] = []
    cold = True
    for run in range(runs):
        copy = folder / f"unknown-{run}.db"
        shutil.copyfile(store, copy)
        cold = drop_page_cache() and cold
        wall, _cpu = first_frame_ms([sys.executable, str(ROOT / "main.py"), "--db", str(copy)],
                                    env)
        walls.append(wall)
        copy.unlink()
    return {"first_open_unknown_store_ms": round(statistics.median(walls), 1),
            "first_open_unknown_store": {
                "store": str(store), "bytes": store.stat().st_size, "cold_cache": cold,
                "runs": runs, "samples_ms": [round(v, 1) for v in walls]}}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, metavar="EXECUTABLE",
                        help="also time the bundle, e.g. dist/chronolens/chronolens")
    parser.add_argument("--runs", type=int, default=7, metavar="N",
                        help="measured runs per command (default 7)")
    parser.add_argument("--unknown-store", type=Path, metavar="STORE",
                        help="also time the first open of a copy of STORE (a store this "
                             "Chronolens has never checked), cold cache where the page cache "
                             "can be dropped (root): first_open_unknown_store_ms")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.bundle is not None and not args.bundle.is_file():
        parser.error(f"{args.bundle}: no such executable (build it: pyinstaller build.spec)")

    with tempfile.TemporaryDirectory(prefix="chronolens-startup-") as temp:
        folder = Path(temp)
        db = build_store(folder)
        # No saved window state, no record of checked stores: every run starts alike.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CHRONOLENS_REPORT_FIRST_FRAME="1",
                   XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"),
                   XDG_STATE_HOME=str(folder / "state"))
        commands = {"python_main_py": [sys.executable, str(ROOT / "main.py"), "--db", str(db)]}
        if args.bundle is not None:
            commands["bundle"] = [str(args.bundle.resolve()), "--db", str(db)]
        samples = measure(commands, args.runs, env)
        unknown = (first_open_unknown(args.unknown_store, folder, env, args.runs)
                   if args.unknown_store is not None else None)

    result: dict[str, Any] = {"store": "sample story (10 events)", "runs": args.runs,
                              "warm_up_runs_discarded": 1, "load_average_1min": os.getloadavg()[0]}
    for name, pairs in samples.items():
        walls = [wall for wall, _cpu in pairs]
        cpus = [cpu for _wall, cpu in pairs]
        shown = "python main.py" if name == "python_main_py" else str(args.bundle)
        result[name] = {"command": f"{shown} --db STORE",
                        "median_ms": round(statistics.median(walls), 1),
                        "min_ms": round(min(walls), 1),
                        "samples_ms": [round(v, 1) for v in walls],
                        "cpu_median_ms": round(statistics.median(cpus), 1)}
    if unknown is not None:
        result.update(unknown)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, pairs in samples.items():
            walls = [wall for wall, _cpu in pairs]
            print(f"{name:16} median {statistics.median(walls):7.1f} ms   "
                  f"samples {', '.join(f'{v:.0f}' for v in walls)}   "
                  f"CPU median {statistics.median(cpu for _wall, cpu in pairs):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
