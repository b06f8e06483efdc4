"""The Store facade is the interface a second backend (a shared team store on a database server)
will implement: nothing SQLite, no SQL, in what callers see (issue 13 §4)."""

from __future__ import annotations

import inspect

from models.store import Store

BACKEND_WORDS = ("sqlite", "connection", "cursor", "sql")


def public_methods() -> dict[str, str]:
    found = {}
    for name in dir(Store):
        if name.startswith("_"):
            continue
        attr = inspect.getattr_static(Store, name)
        function = attr.__func__ if isinstance(attr, staticmethod | classmethod) else attr
        if callable(function):
            found[name] = str(inspect.signature(function))
    return found


def test_no_backend_types_or_sql_in_the_facades_signatures() -> None:
    methods = public_methods()
    assert {"event_details", "party_details", "apply", "undo", "redo", "plan",
            "import_stories", "history"} <= set(methods)
    leaking = {name: signature for name, signature in methods.items()
               if any(word in signature.lower() for word in BACKEND_WORDS)}
    assert not leaking


def test_reads_return_dataclasses_not_rows(store: Store) -> None:
    event = store.events_in(-(2**62), 2**62, limit=1)[0]
    for value in (store.event(event.id), store.participants(event.id), store.info(),
                  store.history(), store.parties()):
        assert not isinstance(value, tuple) or hasattr(value, "_fields") or not value
