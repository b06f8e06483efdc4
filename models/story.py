"""A story as exchanged between stores and files: records keyed by stable text ids.

The store works with integer row ids; a Story names everything by its `key` so that
export -> import -> export reproduces the same file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.dates import DateSpan

PARTY_KINDS = ("organisation", "government", "person", "group", "place", "other")
_NOT_IN_KEY = re.compile(r"[^A-Za-z0-9._-]+")


def key_part(text: str, limit: int) -> str:
    """`text` as a piece of a record key (letters, digits, '.', '_', '-'; at most `limit`
    characters), for keys made from another tool's ids and names; "" if nothing is left."""
    return _NOT_IN_KEY.sub("-", text).strip("-._")[:limit]


def unique_key(base: str, taken: set[str]) -> str:
    """The first of `base`, `base-2`, `base-3`, … not in `taken` (which it is added to): keys for
    records a file names alike, the same ones each time the file is read."""
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


@dataclass(frozen=True, slots=True)
class CategoryRecord:
    key: str
    name: str
    color: str | None = None
    parent: str | None = None


# Facts a record carries beyond our own fields, kept as text in the order given: an ICEWS
# event's ("CAMEO code", "042") or ("Latitude", "34.53"), a party's ("Sectors", "Police").
Attributes = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class PartyRecord:
    key: str
    name: str
    kind: str = "other"
    description: str = ""
    aliases: tuple[str, ...] = ()
    attributes: Attributes = ()
    tags: tuple[str, ...] = ()  # what a person keeps beside the record: its tags and note
    note: str = ""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    key: str
    title: str
    publisher: str = ""
    url: str = ""
    published: DateSpan | None = None
    text: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class EraRecord:
    key: str
    name: str
    when: DateSpan
    color: str | None = None


@dataclass(frozen=True, slots=True)
class RoleRecord:
    party: str
    role: str


@dataclass(frozen=True, slots=True)
class CitationRecord:
    source: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A link an event carries (TimelineJS media, a Timeline hyperlink): where, and what it is."""

    url: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True, slots=True)
class EventRecord:
    key: str
    title: str
    when: DateSpan
    description: str = ""
    category: str | None = None
    parties: tuple[RoleRecord, ...] = ()
    citations: tuple[CitationRecord, ...] = ()
    links: tuple[LinkRecord, ...] = ()
    attributes: Attributes = ()
    tags: tuple[str, ...] = ()
    starred: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Story:
    title: str = ""
    categories: tuple[CategoryRecord, ...] = ()
    parties: tuple[PartyRecord, ...] = ()
    sources: tuple[SourceRecord, ...] = ()
    eras: tuple[EraRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryStream:
    """A story written as it is read (a whole store, exported in little memory): the lists in
    the order the exports write them, categories, parties, sources and eras by key, events by
    start and then key, with `attribute_names` the names of the attributes of those events
    that have any, in the same order (the CSV export's columns need them before its first row).
    The iterables may be read from a store as they are iterated; each can be iterated again."""

    title: str
    categories: Iterable[CategoryRecord]
    parties: Iterable[PartyRecord]
    sources: Iterable[SourceRecord]
    eras: Iterable[EraRecord]
    events: Iterable[EventRecord]
    attribute_names: Iterable[tuple[str, ...]]

    @classmethod
    def of(cls, story: Story) -> StoryStream:
        """A story held whole, in the exports' order."""
        events = sorted(story.events, key=lambda e: (e.when.earliest, e.key))
        return cls(title=story.title,
                   categories=sorted(story.categories, key=lambda c: c.key),
                   parties=sorted(story.parties, key=lambda p: p.key),
                   sources=sorted(story.sources, key=lambda s: s.key),
                   eras=sorted(story.eras, key=lambda e: e.key),
                   events=events,
                   attribute_names=[tuple(name for name, _ in e.attributes)
                                    for e in events if e.attributes])
