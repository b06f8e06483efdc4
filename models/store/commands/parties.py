"""Commands on parties: add, edit, aliases, merge, split an alias off."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.names import same_name
from models.store.commands.base import (
    KEEP,
    CommandError,
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
from models.store.history import Change, RowChange, images, next_id, removal
from models.story import PARTY_KINDS


def _kind(kind: str) -> str:
    if kind not in PARTY_KINDS:
        raise CommandError(f"kind must be one of {', '.join(PARTY_KINDS)} (got {kind!r})")
    return kind


@dataclass(frozen=True, slots=True)
class AddParty:
    name: str
    kind: str = "organisation"
    description: str = ""

    def plan(self, conn: sqlite3.Connection) -> Change:
        name = _text("name", self.name, required=True)
        id_ = next_id(conn, "parties")
        return Change(f"addition of party {name}", "add", (_added("parties", id_, {
            "id": id_, "key": _new_key("party"), "name": name, "kind": _kind(self.kind),
            "description": _text("description", self.description)}),),
            record=("parties", id_))


@dataclass(frozen=True, slots=True)
class EditParty:
    party_id: int
    name: Any = KEEP
    kind: Any = KEEP
    description: Any = KEEP

    def plan(self, conn: sqlite3.Connection) -> Change:
        return _field_edit(
            conn, "parties", "party", self.party_id,
            {"name": self.name, "kind": self.kind, "description": self.description},
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


@dataclass(frozen=True, slots=True)
class SetAliases:
    party_id: int
    aliases: tuple[str, ...]

    def plan(self, conn: sqlite3.Connection) -> Change:
        party = _one(conn, "parties", "party", self.party_id)
        return Change(f"aliases of {party['name']}", "edit",
                      tuple(_alias_rows(conn, self.party_id, party["name"], self.aliases)),
                      record=("parties", self.party_id))


def _aliases(conn: sqlite3.Connection, party_id: int) -> list[str]:
    return [str(dict(image)["name"]) for _, image in images(conn, "aliases", "party_id = ?",
                                                             [party_id])]


@dataclass(frozen=True, slots=True)
class MakeAliasName:
    """An alias becomes the party's name; the old name becomes an alias."""

    party_id: int
    alias: str

    def plan(self, conn: sqlite3.Connection) -> Change:
        party = _one(conn, "parties", "party", self.party_id)
        aliases = _aliases(conn, self.party_id)
        if self.alias not in aliases:
            raise CommandError(f"{party['name']} has no alias {self.alias!r}")
        rows = list(_alias_rows(conn, self.party_id, self.alias,
                                [a for a in aliases if a != self.alias] + [party["name"]]))
        rows[:0] = _edits(conn, "parties", self.party_id, {"name": self.alias})
        return Change(f"renaming of {party['name']} to {self.alias}", "edit", tuple(rows),
                      record=("parties", self.party_id))


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


@dataclass(frozen=True, slots=True)
class MergeParties:
    """Parties that are the same: the others' names and aliases become aliases of `into_id`,
    their participations and attributes move there, then the others are deleted."""

    into_id: int
    others: tuple[int, ...]

    def plan(self, conn: sqlite3.Connection) -> Change:
        into = _one(conn, "parties", "party", self.into_id)
        others = list(dict.fromkeys(self.others))
        if not others or self.into_id in others:
            raise CommandError(f"{into['name']} cannot be merged into itself: choose another "
                               "party")
        parties = [_one(conn, "parties", "party", o) for o in others]
        names = _aliases(conn, self.into_id)
        for party in parties:
            names += [party["name"], *_aliases(conn, party["id"])]
        rows = _alias_rows(conn, self.into_id, into["name"], names)
        added = [dict(r.after or ())["name"] for r in rows if r.before is None]
        moving, moved = _move_participations(conn, others, self.into_id)
        position = int(conn.execute("SELECT coalesce(max(position), -1) FROM party_attributes "
                                    "WHERE party_id = ?", [self.into_id]).fetchone()[0])
        for rowid, image in images(conn, "party_attributes", "party_id IN (SELECT value FROM "
                                   "json_each(?))", [_json_ids(others)]):
            position += 1
            moving += _moved(conn, "party_attributes", rowid, image, 0, party_id=self.into_id,
                             position=position)
        rows += moving
        rows += removal(conn, "aliases", "party_id IN (SELECT value FROM json_each(?))",
                        [_json_ids(others)])
        rows += removal(conn, "parties", "id IN (SELECT value FROM json_each(?))",
                        [_json_ids(others)])
        gone = ", ".join(p["name"] for p in parties)
        notes = (f"{moved} participation(s) move to {into['name']}",
                 f"aliases added to {into['name']}: {', '.join(added) or 'none'}",
                 f"{gone} {'is' if len(parties) == 1 else 'are'} then removed; nothing else "
                 "is lost")
        return Change(f"merge of {gone} into {into['name']}", "merge", tuple(rows),
                      record=("parties", self.into_id), notes=notes)


@dataclass(frozen=True, slots=True)
class SplitAlias:
    """An alias becomes a party of its own, taking the party's roles in `event_ids`."""

    party_id: int
    alias: str
    event_ids: tuple[int, ...] = ()

    def plan(self, conn: sqlite3.Connection) -> Change:
        party = _one(conn, "parties", "party", self.party_id)
        found = images(conn, "aliases", "party_id = ? AND name = ?", [self.party_id, self.alias])
        if not found:
            raise CommandError(f"{party['name']} has no alias {self.alias!r}")
        new_id = next_id(conn, "parties")
        rows = [RowChange("aliases", found[0][0], found[0][1], None),
                _added("parties", new_id, {"id": new_id, "key": _new_key("party"),
                                           "name": self.alias, "kind": party["kind"],
                                           "description": ""})]
        moving, moved = _move_participations(conn, [self.party_id], new_id, self.event_ids)
        rows += moving
        notes = (f"{self.alias} becomes a party of its own ({party['kind']})",
                 f"{moved} participation(s) move from {party['name']} to {self.alias}")
        return Change(f"split of {self.alias} from {party['name']}", "split", tuple(rows),
                      record=("parties", new_id), notes=notes)
