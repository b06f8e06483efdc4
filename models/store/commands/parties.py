"""Commands on parties: add, edit, aliases, merge, split an alias off."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from models.edits import (
    AddParty,
    CommandError,
    EditParty,
    MakeAliasName,
    MergeParties,
    SetAliases,
    SplitAlias,
)
from models.names import same_name
from models.store.commands.base import (
    _added,
    _edits,
    _field_edit,
    _json_ids,
    _moved,
    _new_key,
    _one,
    _plain,
    _removals_first,
    _text,
)
from models.store.commands.marks import mark_merges
from models.store.history import Change, RowChange, images, next_id, removal
from models.story import PARTY_KINDS
from models.wording import plural


def _kind(kind: str) -> str:
    if kind not in PARTY_KINDS:
        raise CommandError(f"kind must be one of {', '.join(PARTY_KINDS)} (got {kind!r})")
    return kind


def plan_add_party(command: AddParty, conn: sqlite3.Connection) -> Change:
    name = _text("name", command.name, required=True)
    id_ = next_id(conn, "parties")
    return Change(f"addition of party {name}", "add", (_added("parties", id_, {
        "id": id_, "key": _new_key("party"), "name": name, "kind": _kind(command.kind),
        "description": _text("description", command.description)}),),
        record=("parties", id_))


def plan_edit_party(command: EditParty, conn: sqlite3.Connection) -> Change:
    return _field_edit(
        conn, "parties", "party", command.party_id,
        {"name": command.name, "kind": command.kind, "description": command.description},
        {"name": _plain("name", required=True),
         "kind": lambda value: {"kind": _kind(value)},
         "description": _plain("description")}, "name")


def _alias_rows(conn: sqlite3.Connection, party_id: int, name: str,
                wanted: Sequence[str]) -> list[RowChange]:
    """Changes making the party's aliases `wanted` (its own name and repeats left out)."""
    current = images(conn, "aliases", "party_id = ?", [party_id])
    keep: dict[str, str] = {}
    for alias in wanted:
        alias = _text("alias", alias, required=True)
        if same_name(alias, name) or any(same_name(alias, k) for k in keep):
            continue
        keep[alias] = alias
    rows = [RowChange("aliases", rowid, image, None) for rowid, image in current
            if dict(image)["name"] not in keep]
    have = {dict(image)["name"] for _, image in current}
    first = next_id(conn, "aliases")
    rows += [_added("aliases", first + n, {"id": first + n, "party_id": party_id, "name": a})
             for n, a in enumerate(a for a in keep if a not in have)]
    return rows


def plan_set_aliases(command: SetAliases, conn: sqlite3.Connection) -> Change:
    party = _one(conn, "parties", "party", command.party_id)
    return Change(f"aliases of {party['name']}", "edit",
                  tuple(_alias_rows(conn, command.party_id, party["name"], command.aliases)),
                  record=("parties", command.party_id))


def _aliases(conn: sqlite3.Connection, party_id: int) -> list[str]:
    return [str(dict(image)["name"]) for _, image in images(conn, "aliases", "party_id = ?",
                                                             [party_id])]


def plan_make_alias_name(command: MakeAliasName, conn: sqlite3.Connection) -> Change:
    party = _one(conn, "parties", "party", command.party_id)
    aliases = _aliases(conn, command.party_id)
    if command.alias not in aliases:
        raise CommandError(f"{party['name']} has no alias {command.alias!r}")
    rows = list(_alias_rows(conn, command.party_id, command.alias,
                            [a for a in aliases if a != command.alias] + [party["name"]]))
    rows[:0] = _edits(conn, "parties", command.party_id, {"name": command.alias})
    return Change(f"renaming of {party['name']} to {command.alias}", "edit", tuple(rows),
                  record=("parties", command.party_id))


def _move_participations(conn: sqlite3.Connection, from_ids: Sequence[int], to_id: int,
                         event_ids: Sequence[int] | None = None) -> tuple[list[RowChange], int]:
    """Participations of `from_ids` (in `event_ids`, or all) moved to `to_id`; where it already
    has that role in that event, removed instead. The changes and how many move."""
    have = {(dict(i)["event_id"], dict(i)["role"])
            for _, i in images(conn, "participations", "party_id = ?", [to_id])}
    where = "party_id IN (SELECT value FROM json_each(?))"
    params = [_json_ids(from_ids)]
    if event_ids is not None:
        where += " AND event_id IN (SELECT value FROM json_each(?))"
        params.append(_json_ids(event_ids))
    rows, moved = [], 0
    for rowid, image in images(conn, "participations", where, params):
        values = dict(image)
        key = (values["event_id"], values["role"])
        if key in have:
            rows.append(RowChange("participations", rowid, image, None))
        else:
            have.add(key)
            moved += 1
            rows += _moved(conn, "participations", rowid, image, moved - 1, party_id=to_id)
    return _removals_first(rows), moved


def plan_merge_parties(command: MergeParties, conn: sqlite3.Connection) -> Change:
    into = _one(conn, "parties", "party", command.into_id)
    others = list(dict.fromkeys(command.others))
    if not others or command.into_id in others:
        raise CommandError(f"{into['name']} cannot be merged into itself: choose another "
                           "party")
    parties = [_one(conn, "parties", "party", o) for o in others]
    names = _aliases(conn, command.into_id)
    for party in parties:
        names += [party["name"], *_aliases(conn, party["id"])]
    rows = _alias_rows(conn, command.into_id, into["name"], names)
    added = [dict(r.after or ())["name"] for r in rows if r.before is None]
    moving, moved = _move_participations(conn, others, command.into_id)
    position = int(conn.execute("SELECT coalesce(max(position), -1) FROM party_attributes "
                                "WHERE party_id = ?", [command.into_id]).fetchone()[0])
    for rowid, image in images(conn, "party_attributes", "party_id IN (SELECT value FROM "
                               "json_each(?))", [_json_ids(others)]):
        position += 1
        moving += _moved(conn, "party_attributes", rowid, image, 0, party_id=command.into_id,
                         position=position)
    rows += moving
    rows += mark_merges(conn, "parties", command.into_id, others)
    rows += removal(conn, "aliases", "party_id IN (SELECT value FROM json_each(?))",
                    [_json_ids(others)])
    rows += removal(conn, "parties", "id IN (SELECT value FROM json_each(?))",
                    [_json_ids(others)])
    gone = ", ".join(p["name"] for p in parties)
    notes = (f"{plural(moved, 'role')} in events move{'s' if moved == 1 else ''} to "
             f"{into['name']}",
             f"Aliases added to {into['name']}: {', '.join(added) or 'none'}",
             f"{gone} {'is' if len(parties) == 1 else 'are'} then removed; nothing else "
             "is lost")
    return Change(f"merge of {gone} into {into['name']}", "merge", tuple(rows),
                  record=("parties", command.into_id), notes=notes)


def plan_split_alias(command: SplitAlias, conn: sqlite3.Connection) -> Change:
    party = _one(conn, "parties", "party", command.party_id)
    found = images(conn, "aliases", "party_id = ? AND name = ?", [command.party_id, command.alias])
    if not found:
        raise CommandError(f"{party['name']} has no alias {command.alias!r}")
    new_id = next_id(conn, "parties")
    rows = [RowChange("aliases", found[0][0], found[0][1], None),
            _added("parties", new_id, {"id": new_id, "key": _new_key("party"),
                                       "name": command.alias, "kind": party["kind"],
                                       "description": ""})]
    moving, moved = _move_participations(conn, [command.party_id], new_id, command.event_ids)
    rows += moving
    notes = (f"{command.alias} becomes a party of its own ({party['kind']})",
             f"{plural(moved, 'role')} in events move{'s' if moved == 1 else ''} from "
             f"{party['name']} to {command.alias}")
    return Change(f"split of {command.alias} from {party['name']}", "split", tuple(rows),
                  record=("parties", new_id), notes=notes)
