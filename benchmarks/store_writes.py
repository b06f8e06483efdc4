"""Writing into and exporting a big store (issue 13 §5): `main.py import` of 100,000 events into
the 1,000,000-event store, new keys and then the same keys with changed values, and `main.py
export` of the whole store as native JSON and CSV, with the peak memory of the export process.

    python -m benchmarks.store_writes [--store PATH] [--runs 3] [--export-runs 3]
        [--events 100000] [--code DIR] [--workdir DIR] [--check] [--json]

--store: a 1M store (default: one generated into --workdir with `main.py generate --events
1000000 --parties 100000 --seed 7`, kept there for the next run). It is copied into the workdir
first and never written. --code: the checkout whose main.py is run (default: this one), so that
figures before and after a change come from the same run-day and the same files.

Setup: two native JSON files of --events events (generated with seed 101, --events/10 parties,
every key under the prefix "imp:", so none is in the store): `new.json`, and `changed.json`, the
same keys with other titles, descriptions, dates, parties and party names (seed 102). Each run
copies the store, records the copy as checked (it is a byte copy of the store, so the timed
command measures the import, not the check that opening an unknown file runs), then times
`main.py --db COPY import new.json` (new keys) and `... import changed.json` (updated keys) as
subprocesses, from start to exit (reading the file included). The exports are timed the same way
on one copy, and each export's peak RSS is its own (os.wait4's ru_maxrss).

The write alone is timed too (`import_write_*`, `update_write_*`): the same two files written
into another copy with write_files, as `main.py import` writes them (one transaction, progress
parts), in a process running the measured checkout, the clock started once the file is read
and the store open.

Prints one JSON object: medians over the runs (`*_events_per_s`; `*_s` and `*_samples_s` for the
seconds), the highest peak RSS over the runs (`export_peak_rss_mb` for native JSON,
`export_csv_*` for CSV). With --check, the store after the first run's two imports is checked
with `main.py check` (integrity, counts, search indexes): `check_ok`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STORE_EVENTS, STORE_PARTIES, STORE_SEED = 1_000_000, 100_000, 7
NEW_SEED, CHANGED_SEED = 101, 102
PREFIX = "imp"


def app_env(workdir: Path) -> dict[str, str]:
    """The app's per-user files (checked-store record, backups) in the workdir, not $HOME."""
    xdg = workdir / "xdg"
    return dict(os.environ, XDG_DATA_HOME=str(xdg / "data"), XDG_STATE_HOME=str(xdg / "state"),
                XDG_CONFIG_HOME=str(xdg / "config"), XDG_CACHE_HOME=str(xdg / "cache"),
                QT_QPA_PLATFORM="offscreen")


def run_main(code: Path, args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, stdout) of `main.py ARGS` run from `code`; raises if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(code / "main.py"), *args], cwd=code,
                                 env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak RSS
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"main.py {' '.join(args)} failed ({child.returncode}): "
                             f"{err.read().decode(errors='replace').strip()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


# The write alone, as `main.py import` makes it (write_files with progress, in one transaction
# that commits), timed inside a process running the measured checkout's code.
_WRITE_ONLY = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from models.importing import read_files, write_files
from models.store import Store
files = read_files([Path(sys.argv[3])])
with Store.open(Path(sys.argv[2]), create=True) as store:
    start = time.perf_counter()
    write_files(store, files, progress=lambda *_: None)
    print(json.dumps(time.perf_counter() - start))
"""


def write_only(code: Path, db: Path, story: Path, env: dict[str, str]) -> float:
    """Seconds of the write alone (file read and store opened before the clock starts)."""
    result = subprocess.run([sys.executable, "-c", _WRITE_ONLY, str(code), str(db), str(story)],
                            cwd=code, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"writing {story.name} failed: {result.stderr.strip()[-2000:]}")
    return float(json.loads(result.stdout.strip().splitlines()[-1]))


def story_files(workdir: Path, events: int) -> tuple[Path, Path]:
    """new.json and changed.json (made once, cached in the workdir)."""
    from models.formats import namespaced
    from models.generate import generate_stories
    from models.interchange import dump_native

    paths = []
    for name, seed in (("new", NEW_SEED), ("changed", CHANGED_SEED)):
        path = workdir / f"{name}-{events}-seed{seed}.json"
        if not path.exists():
            chunks = list(generate_stories(events, max(events // 10, 1), seed=seed))
            story = replace(chunks[0], events=tuple(e for c in chunks for e in c.events))
            partial = path.with_name(path.name + ".partial")
            partial.write_text(dump_native(namespaced(story, PREFIX)), encoding="utf-8")
            partial.replace(path)
        paths.append(path)
    return paths[0], paths[1]


def base_store(workdir: Path, given: Path | None, env: dict[str, str]) -> Path:
    base = workdir / "base.db"
    if base.exists():
        return base
    if given is None:
        generated = workdir / "generated-1m.db"
        if not generated.exists():
            run_main(ROOT, ["generate", str(generated), "--events", str(STORE_EVENTS),
                            "--parties", str(STORE_PARTIES), "--seed", str(STORE_SEED)], env)
        given = generated
    for suffix in ("-wal", "-journal"):
        if given.with_name(given.name + suffix).exists() and \
                given.with_name(given.name + suffix).stat().st_size:
            raise SystemExit(f"{given}: a {suffix} lies beside it; close what writes it first")
    shutil.copyfile(given, workdir / "base.db.partial")
    (workdir / "base.db.partial").replace(base)
    return base


def fresh_copy(base: Path, target: Path) -> Path:
    """A copy of the base store, recorded as checked by the app (see the module docstring)."""
    from models.store.safety import FULL, remember_checked

    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(base, target)
    remember_checked(target, FULL)
    return target


def check(code: Path, db: Path, env: dict[str, str], result: dict[str, Any]) -> None:
    """`main.py check` on the store: check_ok, check_problems."""
    checked = subprocess.run([sys.executable, str(code / "main.py"), "--db", str(db), "check",
                              "--json"], cwd=code, env=env, capture_output=True, text=True)
    report = json.loads(checked.stdout) if checked.stdout else {}
    result["check_ok"] = bool(report.get("ok"))
    result["check_problems"] = report.get("problems", [checked.stderr.strip()])


def events_in(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_writes",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a 1M-event store (copied, never written)")
    parser.add_argument("--runs", type=int, default=3, help="import runs (median taken)")
    parser.add_argument("--export-runs", type=int, default=3, help="runs of each export")
    parser.add_argument("--events", type=int, default=100_000, help="events in the import file")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--workdir", type=Path, help="kept between runs (default: temporary)")
    parser.add_argument("--check", action="store_true",
                        help="check the store after the first run's imports (main.py check)")
    parser.add_argument("--no-write-only", dest="write_only", action="store_false",
                        help="skip timing the write alone (in a process of its own)")
    parser.add_argument("--json", action="store_true", help="indented JSON")
    args = parser.parse_args(argv)
    if args.store is not None and not args.store.is_file():
        parser.error(f"{args.store}: no such store")

    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        env = app_env(workdir)
        os.environ.update({k: env[k] for k in ("XDG_DATA_HOME", "XDG_STATE_HOME",
                                               "XDG_CONFIG_HOME", "XDG_CACHE_HOME")})
        code = args.code.resolve()
        base = base_store(workdir, args.store, env)
        new, changed = story_files(workdir, args.events)
        result: dict[str, Any] = {"code": str(code), "store_events": events_in(base),
                                  "import_events": args.events}
        imports: list[float] = []
        updates: list[float] = []
        writes: list[float] = []
        rewrites: list[float] = []
        run_db = workdir / "run.db"
        for run in range(args.runs):
            fresh_copy(base, run_db)
            imports.append(run_main(code, ["--db", str(run_db), "import", str(new)], env)[0])
            updates.append(run_main(code, ["--db", str(run_db), "import", str(changed)], env)[0])
            if args.write_only:
                if run == 0 and args.check:
                    check(code, run_db, env, result)
                fresh_copy(base, run_db)
                writes.append(write_only(code, run_db, new, env))
                rewrites.append(write_only(code, run_db, changed, env))
            if run == 0 and args.check and not args.write_only:
                check(code, run_db, env, result)
        if imports:
            result["import_into_1m_events_per_s"] = round(args.events / median(imports))
            result["update_into_1m_events_per_s"] = round(args.events / median(updates))
            result["import_s"] = round(median(imports), 2)
            result["update_s"] = round(median(updates), 2)
            result["import_samples_s"] = [round(s, 2) for s in imports]
            result["update_samples_s"] = [round(s, 2) for s in updates]
        if writes:
            result["import_write_events_per_s"] = round(args.events / median(writes))
            result["update_write_events_per_s"] = round(args.events / median(rewrites))
            result["import_write_samples_s"] = [round(s, 2) for s in writes]
            result["update_write_samples_s"] = [round(s, 2) for s in rewrites]
        if args.export_runs:
            fresh_copy(base, run_db)
            events = result["store_events"]
            for suffix, key in ((".json", "export"), (".csv", "export_csv")):
                seconds, peaks = [], []
                out = workdir / f"export{suffix}"
                for _ in range(args.export_runs):
                    took, peak, _ = run_main(code, ["--db", str(run_db), "export", str(out)],
                                             env)
                    seconds.append(took)
                    peaks.append(peak)
                result[f"{key}_events_per_s"] = round(events / median(seconds))
                result[f"{key}_peak_rss_mb"] = round(max(peaks))
                result[f"{key}_s"] = round(median(seconds), 2)
                result[f"{key}_samples_s"] = [round(s, 2) for s in seconds]
                result[f"{key}_bytes"] = out.stat().st_size
                out.unlink()
        for suffix in ("", "-wal", "-shm", ".lock"):
            run_db.with_name(run_db.name + suffix).unlink(missing_ok=True)
    print(json.dumps(result, indent=2 if args.json else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
