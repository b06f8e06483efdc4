"""Edit commands: each says what a person wants done, and `plan` works out the `Change` that
does it (row images before and after, so it knows its inverse) without writing anything.
Store.apply writes a change in one transaction and keeps it in the history.

Commands check what they are given and refuse with a CommandError naming the field; they
read the store through the connection they are given and never write.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from models.dates import DateError, parse_edtf
from models.errors import StoreError
from models.interchange import text_problem
from models.names import same_name
from models.store.history import Change, RowChange, images, next_id, removal, update
from models.store.schema import _length_class, _span_flags
from models.story import PARTY_KINDS


class CommandError(StoreError):
    """An edit that cannot be made as asked; the message names the field and why."""


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final[Any] = _Keep()  # a field an edit leaves as it is


# -- checking what a person typed ---------------------------------------------------------------

def _text(field: str, value: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise CommandError(f"{field}: text expected")
    problem = text_problem(value)
    if problem is not None:
        raise CommandError(f"{field} {problem}")
    if required and not value.strip():
        raise CommandError(f"{field} cannot be empty")
    return value.strip() if required else value


def _date_columns(field: str, text: str) -> dict[str, Any]:
    try:
        when = parse_edtf(_text(field, text, required=True))
    except DateError as error:
        raise CommandError(f"{field}: {error}") from None
    return {"edtf": when.edtf(), "earliest": when.earliest, "latest": when.latest,
            "flags": _span_flags(when), "length_class": _length_class(when.earliest,
                                                                      when.latest)}


def _one(conn: sqlite3.Connection, table: str, noun: str, id_: int) -> dict[str, Any]:
    found = images(conn, table, "rowid = ?", [id_])
    if not found:
        raise CommandError(f"there is no {noun} {id_} (it may have been deleted)")
    return dict(found[0][1])


def _exists(conn: sqlite3.Connection, table: str, noun: str, id_: int | None) -> None:
    if id_ is not None:
        _one(conn, table, noun, id_)


def _new_key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _edits(conn: sqlite3.Connection, table: str, id_: int,
           values: dict[str, Any]) -> tuple[RowChange, ...]:
    change = update(conn, table, id_, values)
    return () if change is None else (change,)


def _added(table: str, rowid: int, values: dict[str, Any]) -> RowChange:
    return RowChange(table, rowid, None, tuple(values.items()))


def _moved(conn: sqlite3.Connection, table: str, rowid: int, image: tuple[tuple[str, Any], ...],
           taken: int, **changes: Any) -> list[RowChange]:
    """A row of an owned table given to another owner, with whole images so its history says
    whose it was and whose it becomes. A participation is removed and added anew (`taken`:
    how many this change added before): the triggers keeping lane counts count an event
    once per party by its first participation, which an update in place would upset."""
    after = tuple((c, changes.get(c, v)) for c, v in image)
    if table != "participations":
        return [RowChange(table, rowid, image, after)]
    return [RowChange(table, rowid, image, None),
            RowChange(table, next_id(conn, table, taken), None, after)]


# -- events -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AddEvent:
    title: str
    when: str  # EDTF
    description: str = ""
    category_id: int | None = None
    roles: tuple[tuple[int, str], ...] = ()

    def plan(self, conn: sqlite3.Connection) -> Change:
        title = _text("title", self.title, required=True)
        values = {"key": _new_key("event"), "title": title,
                  "description": _text("description", self.description),
                  **_date_columns("date", self.when), "category_id": self.category_id}
        _exists(conn, "categories", "category", self.category_id)
        event_id = next_id(conn, "events")
        rows = [_added("events", event_id, {"id": event_id, **_ordered(conn, "events",
                                                                         values)})]
        rows += _role_rows(conn, event_id, self.roles, taken=0)
        return Change(f"addition of event {_quoted(title)}", "add", tuple(rows),
                      record=("events", event_id))


def _ordered(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` in the table's column order (images keep it)."""
    order = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]  # fixed names
    return {c: values[c] for c in order if c in values}


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


@dataclass(frozen=True, slots=True)
class EditEvent:
    event_id: int
    title: Any = KEEP
    when: Any = KEEP
    description: Any = KEEP
    category_id: Any = KEEP

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "events", "event", self.event_id)
        values: dict[str, Any] = {}
        if self.title is not KEEP:
            values["title"] = _text("title", self.title, required=True)
        if self.when is not KEEP:
            values.update(_date_columns("date", self.when))
        if self.description is not KEEP:
            values["description"] = _text("description", self.description)
        if self.category_id is not KEEP:
            _exists(conn, "categories", "category", self.category_id)
            values["category_id"] = self.category_id
        return Change(f"edit of event {_quoted(old['title'])}", "edit",
                      _edits(conn, "events", self.event_id, values),
                      record=("events", self.event_id))


def _event_children(conn: sqlite3.Connection, event_ids: Sequence[int]) -> list[RowChange]:
    where = "event_id IN (SELECT value FROM json_each(?))"
    ids = [_json_ids(event_ids)]
    return [row for table in ("participations", "citations", "links", "event_attributes")
            for row in removal(conn, table, where, ids)]


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


@dataclass(frozen=True, slots=True)
class DeleteEvents:
    event_ids: tuple[int, ...]

    def plan(self, conn: sqlite3.Connection) -> Change:
        if not self.event_ids:
            raise CommandError("no event chosen to delete")
        events = [_one(conn, "events", "event", id_) for id_ in dict.fromkeys(self.event_ids)]
        children = _event_children(conn, self.event_ids)
        rows = children + removal(conn, "events", "id IN (SELECT value FROM json_each(?))",
                                  [_json_ids(self.event_ids)])
        counted = {t: sum(1 for r in children if r.table == t)
                   for t in ("citations", "participations")}
        what = (f"event {_quoted(events[0]['title'])}" if len(events) == 1
                else f"{len(events)} events")
        notes = (f"{what.capitalize()} will be deleted",
                 f"with {counted['participations']} participation(s) of parties and "
                 f"{counted['citations']} citation(s) of sources")
        return Change(f"deletion of {what}", "delete", tuple(rows), notes=notes)


@dataclass(frozen=True, slots=True)
class DuplicateEvent:
    event_id: int

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "events", "event", self.event_id)
        new_id = next_id(conn, "events")
        rows = [_added("events", new_id, {**old, "id": new_id, "key": _new_key("event")})]
        for table in ("participations", "citations", "links", "event_attributes"):
            for n, (_rowid, image) in enumerate(images(conn, table, "event_id = ?",
                                                       [self.event_id])):
                values = {**dict(image), "event_id": new_id}
                if "id" in values:
                    values["id"] = next_id(conn, table, n)
                rows.append(_added(table, values.get("id") or next_id(conn, table, n), values))
        return Change(f"duplicate of event {_quoted(old['title'])}", "add", tuple(rows),
                      record=("events", new_id))


@dataclass(frozen=True, slots=True)
class SetRoles:
    """An event's parties with their roles, all of them (those left out are removed)."""

    event_id: int
    roles: tuple[tuple[int, str], ...]

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "events", "event", self.event_id)
        current = images(conn, "participations", "event_id = ?", [self.event_id])
        wanted = [(p, _text("role", r, required=True)) for p, r in self.roles]
        have = {(dict(i)["party_id"], dict(i)["role"]): rowid for rowid, i in current}
        rows = [RowChange("participations", rowid, image, None) for rowid, image in current
                if (dict(image)["party_id"], dict(image)["role"]) not in set(wanted)]
        rows += _role_rows(conn, self.event_id, [w for w in wanted if w not in have], taken=0)
        return Change(f"parties of event {_quoted(old['title'])}", "edit", tuple(rows),
                      record=("events", self.event_id))


@dataclass(frozen=True, slots=True)
class SetCitations:
    """An event's sources with their quotes, all of them, in order."""

    event_id: int
    citations: tuple[tuple[int, str], ...]

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "events", "event", self.event_id)
        current = images(conn, "citations", "event_id = ?", [self.event_id])
        wanted = []
        for source_id, quote in self.citations:
            _exists(conn, "sources", "source", source_id)
            wanted.append((source_id, _text("quote", quote)))
        if [(dict(i)["source_id"], dict(i)["quote"]) for _, i in current] == wanted:
            return Change(f"sources of event {_quoted(old['title'])}", "edit",
                          record=("events", self.event_id))
        rows = [RowChange("citations", rowid, image, None) for rowid, image in current]
        first = next_id(conn, "citations")
        rows += [_added("citations", first + n, {"id": first + n, "event_id": self.event_id,
                                                 "source_id": s, "quote": q})
                 for n, (s, q) in enumerate(wanted)]
        return Change(f"sources of event {_quoted(old['title'])}", "edit", tuple(rows),
                      record=("events", self.event_id))


@dataclass(frozen=True, slots=True)
class AddQuote:
    event_id: int
    source_id: int
    quote: str

    def plan(self, conn: sqlite3.Connection) -> Change:
        event = _one(conn, "events", "event", self.event_id)
        _exists(conn, "sources", "source", self.source_id)
        quote = _text("quote", self.quote, required=True)
        id_ = next_id(conn, "citations")
        return Change(f"quote in event {_quoted(event['title'])}", "edit",
                      (_added("citations", id_, {"id": id_, "event_id": self.event_id,
                                                 "source_id": self.source_id, "quote": quote}),),
                      record=("events", self.event_id))


@dataclass(frozen=True, slots=True)
class SetLinks:
    event_id: int
    links: tuple[tuple[str, str, str], ...]  # (url, caption, credit)

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "events", "event", self.event_id)
        current = images(conn, "links", "event_id = ?", [self.event_id])
        wanted = [(_text("link", u, required=True), _text("caption", c), _text("credit", r))
                  for u, c, r in self.links]
        if [(dict(i)["url"], dict(i)["caption"], dict(i)["credit"]) for _, i in current] \
                == wanted:
            return Change(f"links of event {_quoted(old['title'])}", "edit",
                          record=("events", self.event_id))
        rows = [RowChange("links", rowid, image, None) for rowid, image in current]
        first = next_id(conn, "links")
        rows += [_added("links", first + n, {"event_id": self.event_id, "position": n,
                                             "url": u, "caption": c, "credit": r})
                 for n, (u, c, r) in enumerate(wanted)]
        return Change(f"links of event {_quoted(old['title'])}", "edit", tuple(rows),
                      record=("events", self.event_id))


@dataclass(frozen=True, slots=True)
class MergeEvents:
    """Events that are the same: the others' parties, sources, links and attributes move to
    `into_id` (duplicates dropped), then the others are deleted."""

    into_id: int
    others: tuple[int, ...]

    def plan(self, conn: sqlite3.Connection) -> Change:
        into = _one(conn, "events", "event", self.into_id)
        others = list(dict.fromkeys(self.others))
        if not others or self.into_id in others:
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
        for table in ("links", "event_attributes"):
            position = int(conn.execute(f"SELECT coalesce(max(position), -1) FROM {table} "
                                        "WHERE event_id = ?", [into["id"]]).fetchone()[0])
            for rowid, image in images(conn, table, "event_id IN (SELECT value FROM "
                                       "json_each(?))", [_json_ids(others)]):
                position += 1
                rows += _moved(conn, table, rowid, image, 0, event_id=into["id"],
                               position=position)
        rows += removal(conn, "events", "id IN (SELECT value FROM json_each(?))",
                        [_json_ids(others)])
        names = ", ".join(_quoted(t) for t in titles)
        notes = (f"{moved['participations']} participation(s) and {moved['citations']} "
                 f"citation(s) move to {_quoted(into['title'])}",
                 f"{names} {'is' if len(titles) == 1 else 'are'} then deleted")
        return Change(f"merge of {names} into {_quoted(into['title'])}", "merge", tuple(rows),
                      record=("events", into["id"]), notes=notes)


# -- parties ----------------------------------------------------------------------------------

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
        old = _one(conn, "parties", "party", self.party_id)
        values: dict[str, Any] = {}
        if self.name is not KEEP:
            values["name"] = _text("name", self.name, required=True)
        if self.kind is not KEEP:
            values["kind"] = _kind(self.kind)
        if self.description is not KEEP:
            values["description"] = _text("description", self.description)
        return Change(f"edit of party {old['name']}", "edit",
                      _edits(conn, "parties", self.party_id, values),
                      record=("parties", self.party_id))


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
    return rows, moved


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


# -- sources ----------------------------------------------------------------------------------

def _published(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    try:
        return parse_edtf(text.strip()).edtf()
    except DateError as error:
        raise CommandError(f"published: {error}") from None


@dataclass(frozen=True, slots=True)
class AddSource:
    title: str
    publisher: str = ""
    url: str = ""
    published: str | None = None
    text: str = ""

    def plan(self, conn: sqlite3.Connection) -> Change:
        title = _text("title", self.title, required=True)
        id_ = next_id(conn, "sources")
        return Change(f"addition of source {_quoted(title)}", "add", (_added("sources", id_, {
            "id": id_, "key": _new_key("source"), "title": title,
            "publisher": _text("publisher", self.publisher), "url": _text("url", self.url),
            "published": _published(self.published), "text": _text("text", self.text)}),),
            record=("sources", id_))


@dataclass(frozen=True, slots=True)
class EditSource:
    source_id: int
    title: Any = KEEP
    publisher: Any = KEEP
    url: Any = KEEP
    published: Any = KEEP
    text: Any = KEEP

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "sources", "source", self.source_id)
        values: dict[str, Any] = {}
        if self.title is not KEEP:
            values["title"] = _text("title", self.title, required=True)
        for name in ("publisher", "url", "text"):
            if getattr(self, name) is not KEEP:
                values[name] = _text(name, getattr(self, name))
        if self.published is not KEEP:
            values["published"] = _published(self.published)
        return Change(f"edit of source {_quoted(old['title'])}", "edit",
                      _edits(conn, "sources", self.source_id, values),
                      record=("sources", self.source_id))


Command = (AddEvent | EditEvent | DeleteEvents | DuplicateEvent | SetRoles | SetCitations
           | AddQuote | SetLinks | MergeEvents | AddParty | EditParty | SetAliases
           | MakeAliasName | MergeParties | SplitAlias | AddSource | EditSource)
