"""Crash safety of the commands that write a store (issues #4 and #12): kill `import` (into a
store, or into a path where the store is still to be made) or `generate` with SIGKILL at random
moments, then check that the store is sound and holds either nothing or everything of it, and
that running the same command again finishes the job (a kill never blocks the retry).

    python -m benchmarks.kill_import --trials N [--json] [--events 100000] [--parties M]
        [--seed S] [--workdir DIR] [--keep-failures] [--bases sample,empty] [--app-every 10]
        [--timing-runs 2]

Setup, once per run: a native JSON story of `--events` events (with parties, aliases, sources,
citations, categories and eras, so every table and full-text index is written), cached in
--workdir; base stores made through the command line (`sample`: the sample story, so "nothing"
means exactly that content; `empty`: a store with the schema and no records, whose tables are
bulk-loaded, the write path that suspends triggers and indexes and rebuilds the full-text
indexes and counts); and for each base --timing-runs uninterrupted, timed imports into copies of
it, which must agree: they give the "everything" state, and the fastest the range for the kill
times.

Each trial copies a base (trials alternate between the bases), starts `main.py --db COPY import
BIG.json`, sleeps uniformly in [0, 1.1 x that base's import time] (seeded) and sends SIGKILL.
Then a plain read-write sqlite3 connection (which rolls back or replays what the killed
process left in -wal / -journal) checks `integrity_check`, `foreign_key_check` and each FTS5
table's integrity-check against its content, and compares the store's state (schema, row counts
and a digest of every table's rows) with the base and the full import. Every --app-every'th
trial, a copy of the killed store is opened by Chronolens first (`info --json`), so the app's
own recovery path is exercised too.

corrupt: the store does not open or fails a check. partial: sound, but neither the base nor the
full import. lost: the import finished (exit 0) but the store is not the full import. Exit
status 1 when any of these, an import error or an app failure happened. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
SAMPLE = ROOT / "resources" / "sample" / "huawei-ericsson.json"
EMPTY_STORY = {"format": "chronolens", "version": 1, "title": "", "categories": [],
               "parties": [], "sources": [], "eras": [], "events": []}
# sample, empty: `import` into a copy of that store; new: `import` into a path with no store
# yet (the store is made); generate: `generate` a new store.
BASES = ("sample", "empty", "new", "generate")
NEW_BASES = ("new", "generate")
ABSENT: dict[str, Any] = {"absent": True}  # "nothing" for a store being made: no file at all
SIDECARS = ("-wal", "-journal")
KILL_SPREAD = 1.1  # kill times span the whole import and a little after it
FAILURES_LISTED = 20


# -- checking a store ------------------------------------------------------------------------

Fingerprint = dict[str, Any]


@dataclass
class Verdict:
    """What a store looks like after a trial: `problems` make it corrupt."""

    problems: list[str] = field(default_factory=list)
    fingerprint: Fingerprint | None = None
    sidecars: list[str] = field(default_factory=list)  # left by the killed writer


def sidecars_of(db: Path) -> list[str]:
    """The recovery files beside `db` that hold something (what a killed writer left)."""
    return [suffix for suffix in SIDECARS
            if (side := db.with_name(db.name + suffix)).exists() and side.stat().st_size > 0]


def fts_tables(conn: sqlite3.Connection) -> list[str]:
    # Found in the file itself, not taken from models/: a store that lost one shows in the schema.
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND upper(sql) LIKE 'CREATE VIRTUAL TABLE%USING FTS5%' ORDER BY name")]


def _digest(rows: Any) -> str:
    h = hashlib.blake2b(digest_size=16)
    for row in rows:
        h.update(repr(row).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def fingerprint_of(conn: sqlite3.Connection) -> Fingerprint:
    """The store's state: schema, and for every table its row count and a digest of its rows
    (FTS5 tables by their indexed-document count; their contents are checked against the
    content tables by the FTS integrity-check). Equal fingerprints mean equal content."""
    fts = fts_tables(conn)
    schema = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"),
                    key=repr)
    counts: dict[str, int] = {}
    digests: dict[str, str] = {}
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall():
        if table in fts or any(table.startswith(f"{name}_") for name in fts):
            continue  # FTS5 shadow tables: layout depends on merge history, not content
        columns = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
        order = ", ".join(str(i) for i in range(1, columns + 1))
        rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
        # Two stores made apart differ in when their migrations ran and in their ids only; the
        # same import at another time, in when its history says it ran.
        if table == "_sqlite_migrations":
            rows = [row[:3] for row in rows]
        elif table == "changes":
            rows = [row[:1] + row[2:] for row in rows]  # (id, at, action, label, …)
        elif table == "meta":
            rows = [row for row in rows if row[0] != "store_id"]
        counts[table] = len(rows)
        digests[table] = _digest(rows)
    for name in fts:
        docsize = f"{name}_docsize"
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [docsize]).fetchone():
            counts[name] = int(conn.execute(f'SELECT count(*) FROM "{docsize}"').fetchone()[0])
    if "event_counts" in counts:
        counts["event_counts_sum"] = int(
            conn.execute("SELECT coalesce(sum(n), 0) FROM event_counts").fetchone()[0])
    return {
        "schema": _digest(schema),
        "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
        "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
        "counts": counts,
        "digests": digests,
    }


def inspect(db: Path) -> Verdict:
    """Open `db` as any SQLite program would (read-write, so a hot journal or WAL left by a
    killed writer is rolled back or replayed) and check it."""
    verdict = Verdict(sidecars=sidecars_of(db))
    if not db.exists():
        verdict.problems.append("the store file is gone")
        return verdict
    try:
        conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    except sqlite3.Error as error:
        verdict.problems.append(f"open: {error}")
        return verdict
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            verdict.problems.append("integrity_check: " + "; ".join(str(r[0]) for r in rows[:5]))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            verdict.problems.append(f"foreign_key_check: {len(broken)} rows, e.g. {broken[0]}")
        for name in fts_tables(conn):
            try:
                # rank = 1: also compare the index with its external content table.
                conn.execute(f'INSERT INTO "{name}" ("{name}", rank) '
                             "VALUES ('integrity-check', 1)")
            except sqlite3.Error as error:
                verdict.problems.append(f"{name} integrity-check: {error}")
        if not verdict.problems:
            verdict.fingerprint = fingerprint_of(conn)
    except sqlite3.Error as error:
        verdict.problems.append(f"{type(error).__name__}: {error}")
    finally:
        conn.close()
    return verdict


def _story_counts(found: Fingerprint) -> dict[str, int]:
    """Row counts of every table but the history's."""
    return {table: n for table, n in found["counts"].items()
            if table not in ("changes", "history")}


def classify(verdict: Verdict, nothing: Fingerprint, everything: Fingerprint) -> str:
    if verdict.problems or verdict.fingerprint is None:
        return "corrupt"
    if verdict.fingerprint == nothing:
        return "nothing"
    if verdict.fingerprint == everything:
        return "everything"
    return "partial"


def count_diff(found: Fingerprint | None, nothing: Fingerprint,
               everything: Fingerprint) -> dict[str, Any]:
    """Where a partial store differs, for the report: counts per table, and which tables'
    contents match neither reference."""
    if found is None:
        return {}
    diff: dict[str, Any] = {}
    for table in sorted(set(found["counts"]) | set(everything["counts"])):
        n = found["counts"].get(table)
        if n not in (nothing.get("counts", {}).get(table), everything["counts"].get(table)) or (
            found["digests"].get(table) not in (nothing.get("digests", {}).get(table),
                                                everything["digests"].get(table))):
            diff[table] = {"found": n, "nothing": nothing.get("counts", {}).get(table),
                           "everything": everything["counts"].get(table)}
    if found["schema"] not in (nothing.get("schema"), everything["schema"]):
        diff["schema"] = "differs from both"
    return diff


# -- setup -----------------------------------------------------------------------------------

def app_env(workdir: Path) -> dict[str, str]:
    """The app's per-user files (checked-store record, backups) go to the workdir, not $HOME."""
    xdg = workdir / "xdg"
    return dict(os.environ, XDG_DATA_HOME=str(xdg / "data"), XDG_STATE_HOME=str(xdg / "state"),
                XDG_CONFIG_HOME=str(xdg / "config"), XDG_CACHE_HOME=str(xdg / "cache"),
                QT_QPA_PLATFORM="offscreen")


def cli(db: Path, *args: str, env: dict[str, str],
        timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(MAIN), "--db", str(db), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-journal", "-shm", ".lock"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def story_file(workdir: Path, events: int, parties: int, seed: int) -> Path:
    """The big native JSON file, made once and cached: one story of every generated chunk."""
    path = workdir / f"story-{events}e-{parties}p-seed{seed}.json"
    if path.exists():
        return path
    from models.generate import generate_stories  # only needed when not cached
    from models.interchange import dump_native

    chunks = list(generate_stories(events, parties, seed=seed))
    story = replace(chunks[0], events=tuple(e for chunk in chunks for e in chunk.events))
    partial = path.with_name(path.name + ".partial")
    partial.write_text(dump_native(story), encoding="utf-8")
    partial.replace(path)  # an interrupted setup never leaves a truncated cache
    return path


def make_base(workdir: Path, name: str, env: dict[str, str]) -> Path:
    """A base store made by the app itself, closed, with no -wal beside it (so a plain file
    copy of it is a whole store). Rebuilt every run: it must have today's schema."""
    db = workdir / f"base-{name}.db"
    remove_store(db)
    if name == "sample":
        source = SAMPLE
    else:
        source = workdir / "empty.json"
        source.write_text(json.dumps(EMPTY_STORY), encoding="utf-8")
    result = cli(db, "import", str(source), env=env)
    if result.returncode != 0:
        raise SystemExit(f"could not make the {name} base store: {result.stderr.strip()}")
    if sidecars_of(db) or db.with_name(db.name + "-shm").exists():
        raise SystemExit(f"{db}: the app left -wal/-shm files beside a closed store")
    return db


@dataclass
class Reference:
    base: Path
    nothing: Fingerprint
    everything: Fingerprint
    import_s: float


def write_command(base: str, db: Path, story: Path, generate: list[str]) -> list[str]:
    """The command a trial runs (and kills) on `db`."""
    if base == "generate":
        return [sys.executable, str(MAIN), "generate", str(db), *generate]
    return [sys.executable, str(MAIN), "--db", str(db), "import", str(story)]


def make_reference(workdir: Path, name: str, story: Path, env: dict[str, str],
                   timing_runs: int, generate: list[str]) -> Reference:
    if name in NEW_BASES:
        return make_new_reference(workdir, name, story, env, timing_runs, generate)
    base = make_base(workdir, name, env)
    scratch = workdir / f"reference-{name}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        before = scratch / "nothing.db"
        shutil.copyfile(base, before)
        nothing = inspect(before)
        durations: list[float] = []
        fulls: list[Verdict] = []
        for run in range(timing_runs):
            after = scratch / f"everything-{run}.db"
            shutil.copyfile(base, after)
            start = time.monotonic()
            result = cli(after, "import", str(story), env=env)
            durations.append(time.monotonic() - start)
            if result.returncode != 0:
                raise SystemExit(f"the uninterrupted import into the {name} base failed: "
                                 f"{result.stderr.strip()}")
            fulls.append(inspect(after))
            remove_store(after)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    everything = fulls[0]
    for what, verdict in (("base", nothing), *(("full import", full) for full in fulls)):
        if verdict.problems or verdict.fingerprint is None:
            raise SystemExit(f"the {name} {what} store fails its checks: {verdict.problems}")
    if any(full.fingerprint != everything.fingerprint for full in fulls):
        raise SystemExit(f"two uninterrupted imports into the {name} base differ: "
                         "there is no one 'everything' to compare with")
    assert nothing.fingerprint is not None and everything.fingerprint is not None
    # The fastest run: the others were slowed down by whatever else the machine did, and an
    # inflated duration would let many trials finish before their kill.
    import_s = min(durations)
    if nothing.fingerprint == everything.fingerprint:
        raise SystemExit(f"the import changed nothing in the {name} base store")
    return Reference(base, nothing.fingerprint, everything.fingerprint, import_s)


def make_new_reference(workdir: Path, name: str, story: Path, env: dict[str, str],
                       timing_runs: int, generate: list[str]) -> Reference:
    """For a store being made: "nothing" is no file at all, "everything" the finished store."""
    scratch = workdir / f"reference-{name}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    durations: list[float] = []
    fulls: list[Verdict] = []
    try:
        for run in range(timing_runs):
            after = scratch / f"everything-{run}.db"
            start = time.monotonic()
            result = subprocess.run(write_command(name, after, story, generate), cwd=ROOT,
                                    env=env, capture_output=True, text=True, timeout=900)
            durations.append(time.monotonic() - start)
            if result.returncode != 0:
                raise SystemExit(f"the uninterrupted {name} run failed: {result.stderr.strip()}")
            fulls.append(inspect(after))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    everything = fulls[0]
    if everything.problems or everything.fingerprint is None or any(
            full.fingerprint != everything.fingerprint for full in fulls):
        raise SystemExit(f"the uninterrupted {name} runs fail their checks or differ")
    return Reference(scratch, ABSENT, everything.fingerprint, min(durations))


# -- trials ----------------------------------------------------------------------------------

@dataclass
class Trial:
    index: int
    base: str
    outcome: str  # nothing, everything, partial, corrupt
    completed: bool  # the import exited by itself before the kill
    returncode: int
    elapsed_s: float
    sidecars: list[str]
    problems: list[str]
    detail: dict[str, Any]
    app: str | None = None  # None: not checked; "ok" or what went wrong
    retry: str | None = None  # None: not tried; "ok" or why running it again failed


def check_with_app(db: Path, ref: Reference, env: dict[str, str]) -> str:
    """Let Chronolens be the first to open a copy of the killed store (its own recovery path),
    then check that copy like the original."""
    app_dir = db.parent / "app"
    app_dir.mkdir()
    copy = app_dir / db.name
    for suffix in ("", *SIDECARS):  # -shm is not copied: SQLite rebuilds it from the -wal
        side = db.with_name(db.name + suffix)
        if side.exists():
            shutil.copyfile(side, copy.with_name(copy.name + suffix))
    result = cli(copy, "info", "--json", env=env, timeout=300)
    if result.returncode != 0:
        return f"info exited {result.returncode}: {result.stderr.strip()[:300]}"
    events = json.loads(result.stdout)["events"]
    expected = (ref.nothing.get("counts", {}).get("events"),
                ref.everything["counts"].get("events"))
    if events not in expected:
        return f"info says {events} events, expected one of {expected}"
    outcome = classify(inspect(copy), ref.nothing, ref.everything)
    return "ok" if outcome in ("nothing", "everything") else f"after the app opened it: {outcome}"


def run_trial(index: int, base: str, ref: Reference, story: Path, delay: float,
              scratch: Path, env: dict[str, str], app_check: bool,
              generate: list[str]) -> tuple[Trial, Path]:
    folder = Path(tempfile.mkdtemp(prefix=f"trial-{index:04d}-", dir=scratch))
    db = folder / "store.db"
    if base not in NEW_BASES:
        shutil.copyfile(ref.base, db)
    command = write_command(base, db, story, generate)
    with (folder / "stderr.txt").open("wb") as stderr:
        start = time.monotonic()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=stderr)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)  # no-op if it has just exited by itself
            proc.wait()
        elapsed = time.monotonic() - start
    returncode = proc.returncode
    absent = base in NEW_BASES and not db.exists()
    app = check_with_app(db, ref, env) if app_check and not absent else None
    verdict = Verdict(sidecars=sidecars_of(db)) if absent else inspect(db)
    outcome = "nothing" if absent else classify(verdict, ref.nothing, ref.everything)
    retry = None
    if outcome in ("nothing", "everything"):
        # Whatever the kill left, running the command again must finish the job.
        again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                               timeout=900)
        after = inspect(db)
        # Importing again into a store that has it all renumbers some rows: compare counts
        # (but those of the history, which keeps the second import as one more change).
        whole = after.fingerprint is not None and (
            after.fingerprint == ref.everything
            or _story_counts(after.fingerprint) == _story_counts(ref.everything))
        # `generate` finished before the kill: running it again must refuse, changing nothing.
        done = (base == "generate" and outcome == "everything" and again.returncode == 1
                and "already exists" in again.stderr and after.fingerprint == ref.everything)
        retry = ("ok" if done or (again.returncode == 0 and whole and not after.problems)
                 else f"exit {again.returncode}: {again.stderr.strip()[-300:]} "
                      f"{after.problems[:2]}")
    detail: dict[str, Any] = {}
    if outcome == "partial":
        detail = count_diff(verdict.fingerprint, ref.nothing, ref.everything)
    if returncode not in (0, -signal.SIGKILL):
        detail["stderr"] = (folder / "stderr.txt").read_text(errors="replace").strip()[-500:]
    trial = Trial(index=index, base=base, outcome=outcome, completed=returncode == 0,
                  returncode=returncode, elapsed_s=elapsed, sidecars=verdict.sidecars,
                  problems=verdict.problems, detail=detail, app=app, retry=retry)
    return trial, folder


def failed(trial: Trial) -> bool:
    return (trial.outcome in ("corrupt", "partial")
            or (trial.completed and trial.outcome != "everything")
            or trial.returncode not in (0, -signal.SIGKILL)
            or trial.app not in (None, "ok")
            or trial.retry not in (None, "ok"))


def summarise(trials: list[Trial], refs: dict[str, Reference], events: int,
              seconds: float) -> dict[str, Any]:
    def count(pred: Any, among: list[Trial] = trials) -> int:
        return sum(1 for t in among if pred(t))

    killed = [t.elapsed_s for t in trials if t.returncode == -signal.SIGKILL]
    report: dict[str, Any] = {
        "trials": len(trials),
        "corrupt": count(lambda t: t.outcome == "corrupt"),
        "partial": count(lambda t: t.outcome == "partial"),
        "nothing": count(lambda t: t.outcome == "nothing"),
        "everything": count(lambda t: t.outcome == "everything"),
        "lost": count(lambda t: t.completed and t.outcome != "everything"),
        "import_errors": count(lambda t: t.returncode not in (0, -signal.SIGKILL)),
        "killed": len(killed),
        "completed": count(lambda t: t.completed),
        # killed with a non-empty -wal/-journal left: the kill landed while the store was written
        "recovered": count(lambda t: bool(t.sidecars)),
        "app_checks": count(lambda t: t.app is not None),
        "app_failures": count(lambda t: t.app not in (None, "ok")),
        "retries": count(lambda t: t.retry is not None),
        "unusable": count(lambda t: t.retry not in (None, "ok")),
        "killed_at_s": {
            "min": round(min(killed), 3),
            "median": round(statistics.median(killed), 3),
            "max": round(max(killed), 3),
        } if killed else None,
        "import_s": round(next(iter(refs.values())).import_s, 3),
        "events": events,
        "seconds": round(seconds, 1),
        "by_base": {
            name: {
                "trials": count(lambda t, n=name: t.base == n),
                "killed": count(lambda t, n=name: t.base == n
                                and t.returncode == -signal.SIGKILL),
                "nothing": count(lambda t, n=name: t.base == n and t.outcome == "nothing"),
                "everything": count(lambda t, n=name: t.base == n and t.outcome == "everything"),
                "recovered": count(lambda t, n=name: t.base == n and bool(t.sidecars)),
                "import_s": round(ref.import_s, 3),
                "counts": ref.everything["counts"],
            }
            for name, ref in refs.items()
        },
        "code": code_state(),
        "failures": [
            {"trial": t.index, "base": t.base, "outcome": t.outcome, "exit": t.returncode,
             "at_s": round(t.elapsed_s, 3), "sidecars": t.sidecars, "problems": t.problems,
             "app": t.app, "retry": t.retry, **t.detail}
            for t in trials if failed(t)
        ][:FAILURES_LISTED],
    }
    return report


def code_state() -> dict[str, Any] | None:
    """Which code was tested: others edit the same working tree while this runs."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "main.py", "models"],
                               cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"head": head, "uncommitted": [line[3:] for line in dirty]}


def print_summary(report: dict[str, Any]) -> None:
    print(f"{report['trials']} trials, import of {report['events']:,} events "
          f"({report['seconds']:.0f} s in all)")
    for name, base in report["by_base"].items():
        print(f"  {name} base: {base['trials']} trials, full import {base['import_s']:.1f} s; "
              f"nothing {base['nothing']}, everything {base['everything']}, "
              f"recovered from a hot journal/WAL {base['recovered']}")
    at = report["killed_at_s"]
    if at:
        print(f"  killed {report['killed']} times at {at['min']:.2f}–{at['max']:.2f} s "
              f"(median {at['median']:.2f}); {report['completed']} finished before the kill")
    print(f"  corrupt {report['corrupt']}, partial {report['partial']}, lost {report['lost']}, "
          f"import errors {report['import_errors']}, "
          f"app failures {report['app_failures']} of {report['app_checks']}, "
          f"stores a retry could not use {report['unusable']} of {report['retries']}")
    for failure in report["failures"]:
        print(f"  FAILED trial {failure['trial']}: {json.dumps(failure)}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.kill_import",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, required=True, metavar="N")
    parser.add_argument("--events", type=int, default=100_000, metavar="N")
    parser.add_argument("--parties", type=int, default=None, metavar="M",
                        help="default: events / 10")
    parser.add_argument("--seed", type=int, default=0, metavar="S")
    parser.add_argument("--workdir", type=Path, default=None, metavar="DIR",
                        help="keep the story file (and failures) here across runs")
    parser.add_argument("--keep-failures", action="store_true",
                        help="keep failing stores in WORKDIR/failures")
    parser.add_argument("--bases", default=",".join(BASES),
                        help="comma-separated, from: sample, empty, new, generate (default: "
                             "all, in turn)")
    parser.add_argument("--app-every", type=int, default=10, metavar="K",
                        help="let the app open every K-th killed store first (0: never)")
    parser.add_argument("--timing-runs", type=int, default=2, metavar="K",
                        help="uninterrupted imports per base; the fastest sets the kill range")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    args.bases = [b for b in args.bases.split(",") if b]
    if (args.trials < 1 or args.events < 1 or args.timing_runs < 1 or not args.bases
            or set(args.bases) - set(BASES)):
        parser.error("need --trials, --events, --timing-runs >= 1 and --bases from: "
                     f"{', '.join(BASES)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.workdir is None:
        holder = tempfile.TemporaryDirectory(prefix="kill-import-")
        workdir = Path(holder.name)
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    env = app_env(workdir)
    parties = args.parties or max(1, args.events // 10)
    story = story_file(workdir, args.events, parties, args.seed)
    generate = ["--events", str(args.events), "--parties", str(parties),
                "--seed", str(args.seed)]
    refs = {name: make_reference(workdir, name, story, env, args.timing_runs, generate)
            for name in args.bases}
    scratch = workdir / "trials"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    rng = random.Random(args.seed)
    trials: list[Trial] = []
    for index in range(args.trials):
        name = args.bases[index % len(args.bases)]
        ref = refs[name]
        delay = rng.uniform(0, KILL_SPREAD * ref.import_s)
        app_check = args.app_every > 0 and index % args.app_every == 0
        trial, folder = run_trial(index, name, ref, story, delay, scratch, env, app_check,
                                  generate)
        trials.append(trial)
        if failed(trial) and args.keep_failures:
            kept = workdir / "failures" / folder.name
            kept.parent.mkdir(exist_ok=True)
            shutil.move(folder, kept)
            trial.detail["kept"] = str(kept)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if not args.json:
            print(f"trial {index}: {name} base, {trial.outcome}, "
                  f"{'finished' if trial.completed else 'killed'} at {trial.elapsed_s:.2f} s"
                  f"{', recovered ' + '/'.join(trial.sidecars) if trial.sidecars else ''}",
                  flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    report = summarise(trials, refs, args.events, time.monotonic() - started)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_summary(report)
    if args.workdir is None:
        holder.cleanup()
    return 1 if any(failed(t) for t in trials) else 0


if __name__ == "__main__":
    sys.exit(main())
