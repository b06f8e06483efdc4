"""Issue 12: every command on every store of the corrupt-store corpus (tests/support/
corrupt_corpus.py) exits with a clear message or works on intact data: no traceback, no byte of
a refused file changed, nothing written to a store that `check` calls damaged."""

from __future__ import annotations

from pathlib import Path

from corrupt_corpus import run_corpus, summary


def test_every_command_on_every_damaged_store(tmp_path: Path) -> None:
    outcomes = run_corpus(tmp_path, flips=60)
    report = summary(outcomes)
    assert report["problems"] == []
    assert report["tracebacks"] == report["refused_but_changed"] == 0
    status = {(o.case, o.command): o.status for o in outcomes}
    # An empty file holds nothing to lose: reading says so, importing takes it over.
    assert status[("empty file", "info")] == 1 and status[("empty file", "import")] == 0
    for case in ("page 2 zeroed", "a named pipe", "a folder named store.db",
                 "version 5 store, events.earliest = 'abc'", "extra trigger",
                 "STRICT removed from events, flags = 'abc'"):
        assert status[(case, "info")] == status[(case, "import")] == 1, case
    # What lay beside a sound store was set aside: the store itself reads, and takes writes.
    for case in ("another store's -wal", "a stale -wal beside a restored copy", "garbage -wal",
                 "a -journal header beside a WAL store"):
        assert status[(case, "info")] == status[(case, "import")] == 0, case
