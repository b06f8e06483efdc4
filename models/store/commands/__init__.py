"""Edit commands: each says what a person wants done, and `plan` works out the `Change` that
does it (row images before and after, so it knows its inverse) without writing anything.
Store.apply writes a change in one transaction and keeps it in the history.

Commands check what they are given and refuse with a CommandError naming the field; they
read the store through the connection they are given and never write. base.py holds what
they share; events.py, parties.py and sources.py the commands on each kind of record.
"""

from models.store.commands.base import KEEP, CommandError
from models.store.commands.events import (
    AddEvent,
    AddQuote,
    DeleteEvents,
    DuplicateEvent,
    EditEvent,
    MergeEvents,
    SetCitations,
    SetLinks,
    SetRoles,
)
from models.store.commands.parties import (
    AddParty,
    EditParty,
    MakeAliasName,
    MergeParties,
    SetAliases,
    SplitAlias,
)
from models.store.commands.sources import AddSource, EditSource

Command = (AddEvent | EditEvent | DeleteEvents | DuplicateEvent | SetRoles | SetCitations
           | AddQuote | SetLinks | MergeEvents | AddParty | EditParty | SetAliases
           | MakeAliasName | MergeParties | SplitAlias | AddSource | EditSource)

__all__ = ["KEEP", "AddEvent", "AddParty", "AddQuote", "AddSource", "Command", "CommandError",
           "DeleteEvents", "DuplicateEvent", "EditEvent", "EditParty", "EditSource",
           "MakeAliasName", "MergeEvents", "MergeParties", "SetAliases", "SetCitations",
           "SetLinks", "SetRoles", "SplitAlias"]
