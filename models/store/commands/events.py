"""Commands on events: add, edit, duplicate, delete, merge; their parties, sources and links."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from models.edits import (
    AddEvent,
    AddQuote,
    CommandError,
    DeleteEvents,
    DuplicateEvent,
    EditEvent,
    MergeEvents,
    SetCitations,
    SetLinks,
    SetRoles,
)
from models.store.commands.base import (
    _added,
    _date_columns,
    _exists,
    _field_edit,
    _json_ids,
    _moved,
    _new_key,
    _one,
    _ordered,
    _plain,
    _quoted,
    _removals_first,
    _text,
)
from models.store.commands.marks import mark_copies, mark_merges, mark_removals
from models.store.history import Change, RowChange, images, next_id, removal
from models.wording import plural


def plan_add_event(command: AddEvent, conn: sqlite3.Connection) -> Change:
    title = _text("title", command.title, required=True)
    values = {"key": _new_key("event"), "title": title,
              "description": _text("description", command.description),
              **_date_columns("date", command.when), "category_id": command.category_id}
    _exists(conn, "categories", "category", command.category_id)
    event_id = next_id(conn, "events")
    rows = [_added("events", event_id, {"id": event_id, **_ordered(conn, "events",
                                                                     values)})]
    rows += _role_rows(conn, event_id, command.roles, taken=0)
    return Change(f"addition of event {_quoted(title)}", "add", tuple(rows),
                  record=("events", event_id))


def _role_rows(conn: sqlite3.Connection, event_id: int, roles: Sequence[tuple[int, str]],
               taken: int) -> list[RowChange]:
    rows: list[RowChange] = []
    seen: set[tuple[int, str]] = set()
    for party_id, role in roles:
        _exists(conn, "parties", "party", party_id)
        role = _text("role", role, required=True)
        if (party_id, role) in seen:
            continue
        seen.add((party_id, role))
        rows.append(_added("participations", next_id(conn, "participations", taken + len(rows)),
                           {"event_id": event_id, "party_id": party_id, "role": role}))
    return rows


def plan_edit_event(command: EditEvent, conn: sqlite3.Connection) -> Change:
    def category(value: int | None) -> dict[str, Any]:
        _exists(conn, "categories", "category", value)
        return {"category_id": value}

    return _field_edit(
        conn, "events", "event", command.event_id,
        {"title": command.title, "when": command.when, "description": command.description,
         "category_id": command.category_id},
        {"title": _plain("title", required=True),
         "when": lambda value: _date_columns("date", value),
         "description": _plain("description"), "category_id": category}, "title")


def _event_children(conn: sqlite3.Connection, event_ids: Sequence[int]) -> list[RowChange]:
    where = "event_id IN (SELECT value FROM json_each(?))"
    ids = [_json_ids(event_ids)]
    return [row for table in ("participations", "citations", "links", "event_attributes")
            for row in removal(conn, table, where, ids)] + mark_removals(conn, "events",
                                                                         event_ids)


def plan_delete_events(command: DeleteEvents, conn: sqlite3.Connection) -> Change:
    if not command.event_ids:
        raise CommandError("no event chosen to delete")
    events = [_one(conn, "events", "event", id_) for id_ in dict.fromkeys(command.event_ids)]
    children = _event_children(conn, command.event_ids)
    rows = children + removal(conn, "events", "id IN (SELECT value FROM json_each(?))",
                              [_json_ids(command.event_ids)])
    counted = {t: sum(1 for r in children if r.table == t)
               for t in ("citations", "participations")}
    what = (f"event {_quoted(events[0]['title'])}" if len(events) == 1
            else f"{len(events)} events")
    notes = (f"{what[0].upper()}{what[1:]} will be deleted",
             f"with {plural(counted['participations'], 'role')} of parties in "
             f"{'it' if len(events) == 1 else 'them'} and "
             f"{plural(counted['citations'], 'citation')} of sources")
    return Change(f"deletion of {what}", "delete", tuple(rows), notes=notes)


def plan_duplicate_event(command: DuplicateEvent, conn: sqlite3.Connection) -> Change:
    old = _one(conn, "events", "event", command.event_id)
    new_id = next_id(conn, "events")
    rows = [_added("events", new_id, {**old, "id": new_id, "key": _new_key("event")})]
    for table in ("participations", "citations", "links", "event_attributes"):
        for n, (_rowid, image) in enumerate(images(conn, table, "event_id = ?",
                                                   [command.event_id])):
            values = {**dict(image), "event_id": new_id}
            if "id" in values:
                values["id"] = next_id(conn, table, n)
            rows.append(_added(table, values.get("id") or next_id(conn, table, n), values))
    rows += mark_copies(conn, "events", command.event_id, new_id)
    return Change(f"duplicate of event {_quoted(old['title'])}", "add", tuple(rows),
                  record=("events", new_id))


def plan_set_roles(command: SetRoles, conn: sqlite3.Connection) -> Change:
    old = _one(conn, "events", "event", command.event_id)
    current = images(conn, "participations", "event_id = ?", [command.event_id])
    wanted = [(p, _text("role", r, required=True)) for p, r in command.roles]
    have = {(dict(i)["party_id"], dict(i)["role"]): rowid for rowid, i in current}
    rows = [RowChange("participations", rowid, image, None) for rowid, image in current
            if (dict(image)["party_id"], dict(image)["role"]) not in set(wanted)]
    rows += _role_rows(conn, command.event_id, [w for w in wanted if w not in have], taken=0)
    return Change(f"parties of event {_quoted(old['title'])}", "edit", tuple(rows),
                  record=("events", command.event_id))


def plan_set_citations(command: SetCitations, conn: sqlite3.Connection) -> Change:
    wanted = []
    for source_id, quote in command.citations:
        _exists(conn, "sources", "source", source_id)
        wanted.append({"source_id": source_id, "quote": _text("quote", quote)})
    return _replace_owned(conn, "citations", "sources", command.event_id, wanted)


def _replace_owned(conn: sqlite3.Connection, table: str, what: str, event_id: int,
                   wanted: list[dict[str, Any]]) -> Change:
    """An event's rows of `table` (its citations, its links) replaced by `wanted`, in order;
    nothing to do if they are the same."""
    old = _one(conn, "events", "event", event_id)
    current = images(conn, table, "event_id = ?", [event_id])
    columns = list(wanted[0]) if wanted else []
    label = f"{what} of event {_quoted(old['title'])}"
    if [[dict(image).get(c) for c in columns] for _, image in current] == \
            [list(w.values()) for w in wanted] and len(current) == len(wanted):
        return Change(label, "edit", record=("events", event_id))
    rows = [RowChange(table, rowid, image, None) for rowid, image in current]
    first = next_id(conn, table)
    for n, values in enumerate(wanted):
        if table == "links":
            values = {"event_id": event_id, "position": n, **values}
        else:
            values = {"id": first + n, "event_id": event_id, **values}
        rows.append(_added(table, first + n, values))
    return Change(label, "edit", tuple(rows), record=("events", event_id))


def plan_add_quote(command: AddQuote, conn: sqlite3.Connection) -> Change:
    event = _one(conn, "events", "event", command.event_id)
    _exists(conn, "sources", "source", command.source_id)
    quote = _text("quote", command.quote, required=True)
    id_ = next_id(conn, "citations")
    return Change(f"quote in event {_quoted(event['title'])}", "edit",
                  (_added("citations", id_, {"id": id_, "event_id": command.event_id,
                                             "source_id": command.source_id, "quote": quote}),),
                  record=("events", command.event_id))


def plan_set_links(command: SetLinks, conn: sqlite3.Connection) -> Change:
    return _replace_owned(conn, "links", "links", command.event_id, [
        {"url": _text("link", url, required=True), "caption": _text("caption", caption),
         "credit": _text("credit", credit)} for url, caption, credit in command.links])


def plan_merge_events(command: MergeEvents, conn: sqlite3.Connection) -> Change:
    into = _one(conn, "events", "event", command.into_id)
    others = list(dict.fromkeys(command.others))
    if not others or command.into_id in others:
        raise CommandError("an event cannot be merged into itself: choose another event")
    titles = [_one(conn, "events", "event", o)["title"] for o in others]
    rows: list[RowChange] = []
    have_roles = {(dict(i)["party_id"], dict(i)["role"])
                  for _, i in images(conn, "participations", "event_id = ?", [into["id"]])}
    have_cites = {(dict(i)["source_id"], dict(i)["quote"])
                  for _, i in images(conn, "citations", "event_id = ?", [into["id"]])}
    moved = {"participations": 0, "citations": 0}
    for table, have, fields in (("participations", have_roles, ("party_id", "role")),
                                ("citations", have_cites, ("source_id", "quote"))):
        for rowid, image in images(conn, table, "event_id IN (SELECT value FROM "
                                   "json_each(?))", [_json_ids(others)]):
            values = dict(image)
            key = tuple(values[f] for f in fields)
            if key in have:
                rows.append(RowChange(table, rowid, image, None))
            else:
                have.add(key)
                moved[table] += 1
                rows += _moved(conn, table, rowid, image, moved[table] - 1,
                               event_id=into["id"])
    rows = _removals_first(rows)
    for table in ("links", "event_attributes"):
        position = int(conn.execute(f"SELECT coalesce(max(position), -1) FROM {table} "
                                    "WHERE event_id = ?", [into["id"]]).fetchone()[0])
        for rowid, image in images(conn, table, "event_id IN (SELECT value FROM "
                                   "json_each(?))", [_json_ids(others)]):
            position += 1
            rows += _moved(conn, table, rowid, image, 0, event_id=into["id"],
                           position=position)
    rows += mark_merges(conn, "events", into["id"], others)
    rows += removal(conn, "events", "id IN (SELECT value FROM json_each(?))",
                    [_json_ids(others)])
    names = ", ".join(_quoted(t) for t in titles)
    notes = (f"{plural(moved['participations'], 'role')} of parties and "
             f"{plural(moved['citations'], 'citation')} move to {_quoted(into['title'])}",
             f"{names} {'is' if len(titles) == 1 else 'are'} then deleted")
    return Change(f"merge of {names} into {_quoted(into['title'])}", "merge", tuple(rows),
                  record=("events", into["id"]), notes=notes)
