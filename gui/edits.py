"""The edit commands, for the window to build: the one module of gui that imports
models.store.commands.

The commands are frozen dataclasses that say what a person wants done (AddEvent, MergeParties,
…); the store plans and applies them. But they live beside their planning code, which runs SQL,
so importing them would break the "gui runs no SQL" contract; pyproject ignores this one edge
(gui.edits -> models.store.commands) and nothing else. Once the commands' dataclasses live in a
module of their own without SQL, import them from there and drop the ignore.
"""

from __future__ import annotations

from models.store.commands import (
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
    SetRoles,
    SplitAlias,
)

__all__ = ["KEEP", "AddEvent", "AddParty", "AddQuote", "AddSource", "Command", "CommandError",
           "DeleteEvents", "DuplicateEvent", "EditEvent", "EditParty", "EditSource",
           "MakeAliasName", "MergeEvents", "MergeParties", "SetAliases", "SetCitations",
           "SetLinks", "SetRoles", "SplitAlias"]
