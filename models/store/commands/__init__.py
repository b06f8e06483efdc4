"""Planning edits: each command of models.edits becomes the `Change` that does it (row images
before and after, so it knows its inverse) without writing anything. Store.apply writes a
change in one transaction and keeps it in the history.

Planners check what they are given and refuse with a CommandError naming the field; they read
the store through the connection they are given and never write. base.py holds what they
share; events.py, parties.py and sources.py plan the commands on each kind of record;
marks.py the stars, tags and notes (and what other commands carry of them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from models.edits import (
    KEEP,
    AddEvent,
    AddParty,
    AddQuote,
    AddSource,
    Command,
    CommandError,
    DeleteEvents,
    DuplicateEvent,
    EditEvent,
    EditParty,
    EditSource,
    MakeAliasName,
    MergeEvents,
    MergeParties,
    SetAliases,
    SetCitations,
    SetLinks,
    SetNote,
    SetRoles,
    SetStar,
    SetTags,
    SplitAlias,
    TagRecords,
)
from models.store.commands.events import (
    plan_add_event,
    plan_add_quote,
    plan_delete_events,
    plan_duplicate_event,
    plan_edit_event,
    plan_merge_events,
    plan_set_citations,
    plan_set_links,
    plan_set_roles,
)
from models.store.commands.marks import (
    plan_set_note,
    plan_set_star,
    plan_set_tags,
    plan_tag_records,
)
from models.store.commands.parties import (
    plan_add_party,
    plan_edit_party,
    plan_make_alias_name,
    plan_merge_parties,
    plan_set_aliases,
    plan_split_alias,
)
from models.store.commands.sources import (
    plan_add_source,
    plan_edit_source,
)
from models.store.history import Change

_PLANNERS: dict[type, Callable[[Any, sqlite3.Connection], Change]] = {
    AddEvent: plan_add_event,
    EditEvent: plan_edit_event,
    DeleteEvents: plan_delete_events,
    DuplicateEvent: plan_duplicate_event,
    SetRoles: plan_set_roles,
    SetCitations: plan_set_citations,
    AddQuote: plan_add_quote,
    SetLinks: plan_set_links,
    MergeEvents: plan_merge_events,
    AddParty: plan_add_party,
    EditParty: plan_edit_party,
    SetAliases: plan_set_aliases,
    MakeAliasName: plan_make_alias_name,
    MergeParties: plan_merge_parties,
    SplitAlias: plan_split_alias,
    AddSource: plan_add_source,
    EditSource: plan_edit_source,
    SetStar: plan_set_star,
    SetTags: plan_set_tags,
    TagRecords: plan_tag_records,
    SetNote: plan_set_note,
}


def plan(command: Command, conn: sqlite3.Connection) -> Change:
    """The change `command` makes to the store on `conn` (CommandError if it cannot)."""
    return _PLANNERS[type(command)](command, conn)


__all__ = ["KEEP", "AddEvent", "AddParty", "AddQuote", "AddSource", "Command", "CommandError",
           "DeleteEvents", "DuplicateEvent", "EditEvent", "EditParty", "EditSource",
           "MakeAliasName", "MergeEvents", "MergeParties", "SetAliases", "SetCitations",
           "SetLinks", "SetNote", "SetRoles", "SetStar", "SetTags", "SplitAlias", "TagRecords",
           "plan"]
