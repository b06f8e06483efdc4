"""Domain types returned by the store. Frozen, slotted, Qt-free.

Ids are the store's integer row ids (fast to pass around); `key` is the stable text id used
by the interchange format, so a story keeps its ids across export and import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from models.dates import DateSpan


class LaneMode(Enum):
    PARTY = "party"
    CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Category:
    id: int
    key: str
    name: str
    color: str | None = None
    parent_id: int | None = None


@dataclass(frozen=True, slots=True)
class Party:
    id: int
    key: str
    name: str
    kind: str  # organisation, government, person, group, place, other
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    key: str
    title: str
    when: DateSpan
    description: str = ""
    category_id: int | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    key: str
    title: str
    publisher: str = ""
    url: str = ""
    published: DateSpan | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A link an event carries (a TimelineJS media item, a Timeline hyperlink)."""

    url: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True, slots=True)
class Era:
    id: int
    key: str
    name: str
    when: DateSpan
    color: str | None = None


@dataclass(frozen=True, slots=True)
class Participation:
    event_id: int
    party_id: int
    role: str


@dataclass(frozen=True, slots=True)
class Citation:
    event_id: int
    source_id: int
    quote: str


@dataclass(frozen=True, slots=True)
class PartyRole:
    """A party as it appears in one event."""

    party: Party
    role: str


@dataclass(frozen=True, slots=True)
class EventRole:
    """An event as one party appears in it."""

    event: Event
    role: str


@dataclass(frozen=True, slots=True)
class CoParty:
    """A party seen together with another, and how many events they share."""

    party: Party
    shared: int


@dataclass(frozen=True, slots=True)
class PartyMerge:
    """A party of an imported file taken as one already known: the same name or alias."""

    name: str  # as the file has it
    into: str  # the name of the party it became


@dataclass(frozen=True, slots=True)
class CitedSource:
    source: Source
    quote: str


@dataclass(frozen=True, slots=True)
class EventDetails:
    """Everything the event pane shows, read in one call (`Store.event_details`)."""

    event: Event
    category: Category | None
    participants: tuple[PartyRole, ...]  # by party name, then role
    citations: tuple[CitedSource, ...]  # in the order they were cited
    links: tuple[Link, ...]
    attributes: tuple[tuple[str, str], ...]  # (name, value) from another tool's file
    tags: tuple[str, ...] = ()  # by name, case aside
    note: str = ""
    starred: bool = False


@dataclass(frozen=True, slots=True)
class PartyDetails:
    """Everything the party pane shows, read in one call (`Store.party_details`). The aliases
    are the party's. A party may be in 300,000 events: all their ids come (date order, cheap),
    with roles only for the first few; the rest are read in blocks as they are shown."""

    party: Party
    attributes: tuple[tuple[str, str], ...]
    event_ids: tuple[int, ...]  # every event of the party, earliest first
    events: tuple[EventRole, ...]  # the first of them, with the party's role in each
    co_parties: tuple[CoParty, ...]  # most shared events first
    tags: tuple[str, ...] = ()
    note: str = ""

    @property
    def event_count(self) -> int:
        return len(self.event_ids)


@dataclass(frozen=True, slots=True)
class SourceDetails:
    """What the source pane shows: the source and every quote cited from it."""

    source: Source
    quotes: tuple[tuple[int, str], ...]  # (event id, quote), in the order they were cited
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag and how many records of each kind carry it."""

    id: int
    name: str
    events: int = 0
    parties: int = 0
    sources: int = 0


@dataclass(frozen=True, slots=True)
class SavedView:
    """A view of the window saved under a name; `spec` is the window's own text for it."""

    name: str
    spec: str
    saved_at: str  # ISO time, UTC


class EventMark(NamedTuple):
    """What the timeline needs to draw one event: no description, no joins beyond lanes.

    A NamedTuple rather than a frozen dataclass (the one exception here): a window query makes
    up to ~5,000 of them per frame, and a tuple is built ~3x faster (0.4 µs vs 1.3 µs).

    `earliest`/`latest` are seconds since 1970-01-01 (proleptic Gregorian, int64);
    `latest` is dates.OPEN_END for an ongoing range.
    """

    id: int
    title: str
    earliest: int
    latest: int
    is_range: bool
    open_end: bool
    fuzzy_start: bool
    fuzzy_end: bool
    lanes: tuple[int, ...]  # party ids or the category id, by lane mode; () when none


@dataclass(frozen=True, slots=True)
class Lane:
    id: int
    name: str
    count: int  # events in this lane, store-wide


@dataclass(frozen=True, slots=True)
class PartyHit:
    party: Party
    matched_alias: str | None  # the alias that matched, when the name itself did not


@dataclass(frozen=True, slots=True)
class EventHit:
    event: Event
    via_party: str | None  # set when found through a matching party rather than its own text
    where: str | None = None  # where else the text was found ("in a quote from Reuters, …")

    @property
    def found_through(self) -> str:
        """How it was found, as a list shows it after the event ("  (via Huawei)"), or ""."""
        how = f"via {self.via_party}" if self.via_party else self.where
        return f"  ({how})" if how else ""


@dataclass(frozen=True, slots=True)
class SearchResults:
    text: str
    parties: tuple[PartyHit, ...]
    events: tuple[EventHit, ...]
    notes: tuple[str, ...] = ()  # what the query language made of the text, for the person


@dataclass(frozen=True, slots=True)
class StoreInfo:
    path: str
    events: int
    parties: int
    aliases: int
    sources: int
    citations: int
    categories: int
    eras: int
    earliest: DateSpan | None  # the earliest event's date
    latest: DateSpan | None  # the latest-starting event's date


@dataclass(frozen=True, slots=True)
class StoreCheck:
    """What `Store.check()` looked at, and what it found wrong (nothing, in a sound store)."""

    path: str
    checked: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems
