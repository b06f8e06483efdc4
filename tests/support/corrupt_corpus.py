"""A corpus of damaged stores, built from a real one, and what every command does with each.

    python -m tests.support.corrupt_corpus [--flips N] [--json]

Each case is a folder holding `store.db` and whatever lies beside it: truncations, zeroed
pages, byte flips, wrong-typed cells, stray / foreign / stale -wal and -journal files, triggers,
views, tables and indexes that Chronolens did not write, and things that are not files. Every
command (info, search, check, export, import) is run on a fresh copy of each case, in process,
through main.main: it must exit 0 (working on intact data) or 1 with a message naming the
store, never with a traceback; a refused store's bytes (and those of every file beside it) must
not change, and a store that a command wrote to must pass `check` afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "huawei-ericsson.json"

Build = Callable[[Path], None]  # fills a case folder, given the sound store at folder/store.db


def _sql(path: Path, *statements: str, schema: bool = False) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if schema:
            conn.execute("PRAGMA writable_schema=ON")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _killed(path: Path, code: str) -> None:
    """Run `code` (with `s`: the store open through Chronolens, `c`: its connection) in a
    process that dies right after, leaving its -wal behind."""
    program = ("import os; from models.store import Store; "
               f"s = Store.open({str(path)!r}); c = s._conn; "
               "c.execute('PRAGMA wal_autocheckpoint=0'); " + code + "; os._exit(0)")
    subprocess.run([sys.executable, "-c", program], cwd=ROOT, check=True, timeout=120,
                   env=dict(os.environ))


def _flip(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def cases(sound: Path, work: Path, *, flips: int) -> Iterator[tuple[str, Build]]:
    """(name, build) for every case; `sound` is a closed store of the sample story."""
    data = sound.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page

    def write(content: bytes) -> Build:
        return lambda store: store.write_bytes(content)

    yield "empty file", write(b"")
    for cut in (10, 100, page, len(data) // 2, len(data) - page, len(data) - 1):
        yield f"truncated to {cut} bytes", write(data[:cut])
    for number in sorted({1, 2, 3, pages // 2, pages}):
        zeroed = bytearray(data)
        zeroed[(number - 1) * page:number * page] = bytes(page)
        yield f"page {number} zeroed", write(bytes(zeroed))
    rng = random.Random(20261205)
    for flip in range(flips):
        yield f"byte flips #{flip}", write(_flip(data, rng))

    # wrong-typed cells: in a store of version 5 (before STRICT), and in one whose tables
    # lost STRICT by an edit of the schema
    version5 = work / "version5.db"
    if not version5.exists():
        import sqlite_utils

        from models.interchange import read_native
        from models.store import Store, schema_migrations

        db = sqlite_utils.Database(version5)
        schema_migrations().apply(db, stop_before="m006_strict")
        Store(db.conn, str(version5)).add_stories([read_native(SAMPLE)])
        db.close()
    for column, value in (("earliest", "'abc'"), ("flags", "x'00ff'"), ("title", "x'ff00'"),
                          ("edtf", "12")):
        def typed(store: Path, column: str = column, value: str = value) -> None:
            shutil.copyfile(version5, store)
            _sql(store, f"UPDATE events SET {column} = {value} WHERE id = 2")
        yield f"version 5 store, events.{column} = {value}", typed
    yield "STRICT removed from events, flags = 'abc'", lambda store: (
        _sql(store, "UPDATE sqlite_master SET sql = replace(sql, ') STRICT', ')') "
                    "WHERE name = 'events'", schema=True),
        _sql(store, "UPDATE events SET flags = 'abc' WHERE id = 1"))

    # code and tables Chronolens did not write
    for name, statement in (
            ("extra trigger", "CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN "
                              "DELETE FROM parties; END"),
            ("extra view", "CREATE VIEW peek AS SELECT * FROM parties"),
            ("extra table", "CREATE TABLE extra (x)"),
            ("a trigger replaced", "DROP TRIGGER events_counts_ai"),
            ("extra column", "ALTER TABLE events ADD COLUMN extra TEXT")):
        yield name, lambda store, statement=statement: _sql(store, statement)

    # things beside the store
    other = work / "other.db"
    if not other.exists():
        from models.store import Store

        Store.open(other, create=True).close()
        _killed(other, "c.execute('VACUUM')")  # every page of an empty store in its -wal
    stale = work / "stale"
    if not stale.exists():
        stale.mkdir()
        from models.generate import generate_stories
        from models.store import Store

        shutil.copyfile(sound, stale / "store.db")
        with Store.open(stale / "store.db") as store:
            store.add_stories(list(generate_stories(300, 20, seed=1)))
        _killed(stale / "store.db", "from models.generate import generate_stories; "
                                    "s.add_stories(list(generate_stories(300, 20, seed=2)))")

    def beside(suffix: str, content: Callable[[], bytes]) -> Build:
        return lambda store: store.with_name(store.name + suffix).write_bytes(content())

    yield "another store's -wal", beside("-wal", lambda: (other.parent / "other.db-wal"
                                                          ).read_bytes())
    yield "a stale -wal beside a restored copy", beside(
        "-wal", lambda: (stale / "store.db-wal").read_bytes())
    yield "garbage -wal", beside("-wal", lambda: random.Random(1).randbytes(40_000))
    yield "garbage -journal", beside("-journal", lambda: random.Random(2).randbytes(9_000))
    yield "a -journal header beside a WAL store", beside(
        "-journal", lambda: b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(4088))
    yield "empty -wal", beside("-wal", lambda: b"")

    def folder(store: Path) -> None:
        store.unlink()
        store.mkdir()

    yield "a folder named store.db", folder
    if hasattr(os, "mkfifo"):
        def pipe(store: Path) -> None:
            store.unlink()
            os.mkfifo(store)

        yield "a named pipe", pipe


@dataclass
class Outcome:
    case: str
    command: str
    status: int
    message: str
    problems: list[str] = field(default_factory=list)


def _digests(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.is_symlink() and not path.name.endswith(".lock"):
            found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


COMMANDS: dict[str, list[str]] = {
    "info": ["info"],
    "search": ["search", "Huawei"],
    "check": ["check"],
    "export": ["export", "{out}"],
    "import": ["import", str(SAMPLE)],
}


def run_case(name: str, build: Build, sound: Path, work: Path) -> list[Outcome]:
    import main

    outcomes = []
    for command, argv in COMMANDS.items():
        folder = Path(tempfile.mkdtemp(prefix="case-", dir=work))
        store = folder / "store.db"
        shutil.copyfile(sound, store)
        build(store)
        out = folder.parent / f"{folder.name}-export.json"
        args = ["--db", str(store), *(a.replace("{out}", str(out)) for a in argv)]
        before = _digests(folder) if folder.exists() else {}
        err = io.StringIO()
        problems = []
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                status = main.main(args)
            except BaseException as error:
                status = -1
                problems.append(f"raised {type(error).__name__}: {error}")
        message = err.getvalue().strip()
        if status not in (0, 1) or "Traceback" in message:
            problems.append(f"exit {status}: {message[-300:]}")
        if status == 1 and command != "check":
            if str(store) not in message and store.name not in message:
                problems.append(f"the message does not name the store: {message[-200:]}")
            after = _digests(folder)
            changed = [n for n, d in before.items() if after.get(n, d) != d]
            if changed:
                problems.append(f"refused, but changed {changed}")
        if status == 0 and command == "import":
            from models.store import Store

            report = Store.check_file(store)
            if not report.ok:
                problems.append(f"written to a store check calls damaged: {report.problems[:2]}")
        outcomes.append(Outcome(name, command, status, message[-300:], problems))
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            out.unlink()
    return outcomes


def sound_store(work: Path) -> Path:
    from models.interchange import read_native
    from models.store import Store

    path = work / "sound.db"
    if not path.exists():
        with Store.open(path, create=True) as store:
            store.add_stories([read_native(SAMPLE)])
    return path


def run_corpus(work: Path, *, flips: int) -> list[Outcome]:
    sound = sound_store(work)
    outcomes = []
    for name, build in cases(sound, work, flips=flips):
        outcomes.extend(run_case(name, build, sound, work))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, object]:
    by_case: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_case.setdefault(outcome.case, []).append(outcome)
    refused_everywhere = sum(all(o.status == 1 for o in found if o.command != "check")
                             for found in by_case.values())
    return {
        "cases": len(by_case),
        "runs": len(outcomes),
        "exit_status": dict(Counter(str(o.status) for o in outcomes)),
        "cases_refused_by_every_command": refused_everywhere,
        "cases_read_by_some_command": len(by_case) - refused_everywhere,
        "tracebacks": sum(any("raised" in p or "Traceback" in p for p in o.problems)
                          for o in outcomes),
        "refused_but_changed": sum(any("changed" in p for p in o.problems) for o in outcomes),
        "written_while_damaged": sum(any("written to a store" in p for p in o.problems)
                                     for o in outcomes),
        "problems": [{"case": o.case, "command": o.command, "problems": o.problems}
                     for o in outcomes if o.problems][:20],
    }


def main_cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.corrupt_corpus")
    parser.add_argument("--flips", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="corrupt-corpus-") as work:
        xdg = Path(work) / "xdg"
        for name in ("DATA", "STATE", "CONFIG"):
            os.environ[f"XDG_{name}_HOME"] = str(xdg / name.lower())
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        report = summary(run_corpus(Path(work), flips=args.flips))
    print(json.dumps(report, indent=2))
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main_cli())
