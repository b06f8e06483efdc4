"""The rules of reviewing an article's proposals, apart from any window: a party's name must
be unique in the list, its kind one of PARTY_KINDS, its store party one the store has; an
event needs a date (EDTF) and a title, and its parties are written "Name (role); Name" with
names from the list of parties kept. The review dialog's tables (gui/review.py) ask these; the
command line can too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from models.dates import DateError, parse_edtf
from models.proposals import ProposedEvent, ProposedParty
from models.story import PARTY_KINDS

# "Name (role)": the role is the last bracketed part, when the whole item is not a name.
_ROLE = re.compile(r"^(?P<name>.*?\S)\s*\((?P<role>[^()]*)\)$")


def one_line(text: str) -> str:
    """Text for a title bar, a one-line label or a name: line breaks and tabs become spaces."""
    return " ".join(text.split())


class PartyList:
    """The proposed parties as the review shows them: each by its store party's name when it
    is one, else by its own (as edited); some kept (checked), the others left out."""

    def __init__(self, parties: Callable[[], Sequence[ProposedParty]],
                 shown_name: Callable[[ProposedParty], str],
                 kept: Callable[[], Collection[str]]) -> None:
        self.parties = parties
        self.shown_name = shown_name
        self.kept = kept  # ids of the parties kept

    def find(self, name: str) -> ProposedParty | None:
        """The party shown by this name (or, failing that, named so in the article)."""
        wanted = one_line(name).casefold()
        for named in (self.shown_name, lambda p: p.name):
            for party in self.parties():
                if one_line(named(party)).casefold() == wanted:
                    return party
        return None

    def name_problem(self, name: str, party_id: str) -> str | None:
        """Why party `party_id` may not be called `name`, or None."""
        name = one_line(name)
        if not name:
            return "A party needs a name."
        other = self.find(name)
        if other is not None and other.id != party_id:
            return f"Another party in the list is already called {name!r}."
        return None

    def parties_text(self, event: ProposedEvent, name_of: Callable[[str], str]) -> str:
        """'Huawei (signatory); Ericsson' for the event's parties still kept."""
        kept = self.kept()
        return "; ".join(
            f"{one_line(name_of(pid))} ({role.strip()})" if role.strip()
            else one_line(name_of(pid))
            for pid, role in event.parties if pid in kept)

    def parse_parties(self, text: str) -> tuple[tuple[str, str], ...]:
        """(party id, role) pairs of 'Name (role); Name; …'. ValueError names the first name
        that is not a kept party of the list."""
        pairs: list[tuple[str, str]] = []
        for item in (part.strip() for part in text.split(";")):
            if not item:
                continue
            name, role = item, ""
            party = self.find(item)  # a name may hold brackets: "Alphabet (Google)"
            if party is None and (match := _ROLE.match(item)) is not None:
                name, role = match["name"], one_line(match["role"])
                party = self.find(name)
            if party is None:
                raise ValueError(
                    f"No party called {one_line(name)!r} in the parties list: an event's "
                    "parties are written 'Name (role); Name (role)' with names from that list.")
            if party.id not in self.kept():
                raise ValueError(f"{self.shown_name(party)!r} is left out: check it in the "
                                 "parties list first.")
            pairs.append((party.id, role))
        return tuple(pairs)


def kind_problem(kind: object) -> str | None:
    if kind not in PARTY_KINDS:
        return f"{kind!r} is not a kind of party; choose one of {', '.join(PARTY_KINDS)}."
    return None


def match_problem(key: object, known: Collection[str]) -> str | None:
    """Why a proposed party may not be the store's party `key`, or None."""
    if key and key not in known:
        return f"The store has no party with the key {key!r}."
    return None


def date_problem(text: str) -> str | None:
    """Why an event may not have this date, or None."""
    if not text.strip():
        return "An event needs a date (EDTF, such as 2016, 2023-08-25 or 2019/..)."
    try:
        parse_edtf(text)
    except DateError as error:
        return f"Date not changed: {error}."
    return None


def title_problem(text: str) -> str | None:
    return "An event needs a title." if not text.strip() else None


__all__ = ["PartyList", "date_problem", "kind_problem", "match_problem", "one_line",
           "title_problem"]
