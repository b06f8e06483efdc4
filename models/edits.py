"""What a person can ask of a store: each edit as a frozen dataclass saying what is wanted
(add, edit, delete, merge, split), without SQL or Qt. The window builds these; the store
plans each into the rows it changes (models.store.commands) and applies it in one
transaction (Store.apply), keeping its inverse for undo.

A field left as KEEP is not changed; dates are EDTF text ("2023-08-25", "2019~", "2016/..").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from models.errors import StoreError


class CommandError(StoreError):
    """An edit that cannot be made as asked; the message names the field and why."""


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final[Any] = _Keep()  # a field an edit leaves as it is


@dataclass(frozen=True, slots=True)
class AddEvent:
    title: str
    when: str  # EDTF
    description: str = ""
    category_id: int | None = None
    roles: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EditEvent:
    event_id: int
    title: Any = KEEP
    when: Any = KEEP
    description: Any = KEEP
    category_id: Any = KEEP


@dataclass(frozen=True, slots=True)
class DeleteEvents:
    event_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DuplicateEvent:
    event_id: int


@dataclass(frozen=True, slots=True)
class SetRoles:
    """An event's parties with their roles, all of them (those left out are removed)."""

    event_id: int
    roles: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class SetCitations:
    """An event's sources with their quotes, all of them, in order."""

    event_id: int
    citations: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class AddQuote:
    event_id: int
    source_id: int
    quote: str


@dataclass(frozen=True, slots=True)
class SetLinks:
    event_id: int
    links: tuple[tuple[str, str, str], ...]  # (url, caption, credit)


@dataclass(frozen=True, slots=True)
class MergeEvents:
    """Events that are the same: the others' parties, sources, links and attributes move to
    `into_id` (duplicates dropped), then the others are deleted."""

    into_id: int
    others: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class AddParty:
    name: str
    kind: str = "organisation"
    description: str = ""


@dataclass(frozen=True, slots=True)
class EditParty:
    party_id: int
    name: Any = KEEP
    kind: Any = KEEP
    description: Any = KEEP


@dataclass(frozen=True, slots=True)
class SetAliases:
    party_id: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MakeAliasName:
    """An alias becomes the party's name; the old name becomes an alias."""

    party_id: int
    alias: str


@dataclass(frozen=True, slots=True)
class MergeParties:
    """Parties that are the same: the others' names and aliases become aliases of `into_id`,
    their participations and attributes move there, then the others are deleted."""

    into_id: int
    others: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SplitAlias:
    """An alias becomes a party of its own, taking the party's roles in `event_ids`."""

    party_id: int
    alias: str
    event_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class AddSource:
    title: str
    publisher: str = ""
    url: str = ""
    published: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class EditSource:
    source_id: int
    title: Any = KEEP
    publisher: Any = KEEP
    url: Any = KEEP
    published: Any = KEEP
    text: Any = KEEP


# -- what a person keeps beside the records: stars, tags, notes ---------------------------------
# `record` names the kind of record: "events", "parties" or "sources".


@dataclass(frozen=True, slots=True)
class SetStar:
    """Stars on (starred) or off events."""

    event_ids: tuple[int, ...]
    starred: bool


@dataclass(frozen=True, slots=True)
class SetTags:
    """All the tags of one record (those left out are taken off). A tag is matched to one
    the store has case aside, keeping its spelling there; a new one is made as given."""

    record: str
    record_id: int
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TagRecords:
    """Tags added to and taken off several records at once (a multi-selection)."""

    record: str
    record_ids: tuple[int, ...]
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SetNote:
    """A record's note; empty text (or only spaces) removes it."""

    record: str
    record_id: int
    text: str


Command = (AddEvent | EditEvent | DeleteEvents | DuplicateEvent | SetRoles | SetCitations
           | AddQuote | SetLinks | MergeEvents | AddParty | EditParty | SetAliases
           | MakeAliasName | MergeParties | SplitAlias | AddSource | EditSource | SetStar
           | SetTags | TagRecords | SetNote)
