"""What reading a news article proposes, before anyone has accepted it, and how the accepted
(and perhaps edited) proposals become a Story to write.

`models.articles` reads an article and proposes; the review dialog (or `--accept-all`) chooses;
`to_story` turns the choice into records: the article as a source, each event citing it with the
sentence that dates it, each party new or the store's own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.dates import DateSpan
from models.story import (
    CitationRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
    key_part,
    unique_key,
)


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read: plain text (paragraphs separated by a blank line), to which every
    proposal's offsets point."""

    source: str  # the file it came from, for messages
    title: str
    text: str
    publisher: str = ""
    url: str = ""
    published: DateSpan | None = None


@dataclass(frozen=True, slots=True)
class ProposedParty:
    id: str  # "p1", "p2", …: unique within one Proposals
    name: str
    kind: str  # one of models.story.PARTY_KINDS
    match: str | None = None  # the key of the store party (models.domain.Party) it is, or None
    aliases: tuple[str, ...] = ()  # other names the text uses for it ("Washington")
    mentions: tuple[tuple[int, int], ...] = ()  # (start, end) offsets in Article.text


@dataclass(frozen=True, slots=True)
class ProposedEvent:
    id: str  # "e1", "e2", …: unique within one Proposals
    title: str
    when: DateSpan
    quote: tuple[int, int]  # (start, end) of the sentence in Article.text: the citation
    date_phrase: str  # the words that date it: "in 2016", "Friday", "since 2019"
    parties: tuple[tuple[str, str], ...] = ()  # (ProposedParty.id, role)


@dataclass(frozen=True, slots=True)
class Proposals:
    article: Article
    events: tuple[ProposedEvent, ...]
    parties: tuple[ProposedParty, ...]
    note: str = ""  # for the reader, when not all of the article was read for dates

    def quote_of(self, event: ProposedEvent) -> str:
        start, end = event.quote
        return self.article.text[start:end]


def article_key(article: Article) -> str:
    """The key prefix of everything an article proposes: the same article (by its URL, else its
    text) imported again updates what it wrote before instead of adding it twice."""
    identity = article.url or article.text
    return "article-" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]


def to_story(proposals: Proposals, events: Sequence[ProposedEvent],
             parties: Sequence[ProposedParty]) -> Story:
    """The accepted events and parties (edited as the reviewer left them) as a Story.

    A party with a `match` is the store's party: referred to by its key and left as it is (no
    record written for it). An event's roles for parties not accepted are dropped. Every event
    cites the article with its sentence as the quote."""
    prefix = article_key(proposals.article)
    article = proposals.article
    source = SourceRecord(key=f"{prefix}:source", title=article.title or "Untitled article",
                          publisher=article.publisher, url=article.url,
                          published=article.published, text=article.text)
    taken: set[str] = set()
    party_keys: dict[str, str] = {}
    records: list[PartyRecord] = []
    for party in parties:
        if party.match is not None:
            party_keys[party.id] = party.match
            continue
        key = unique_key(f"{prefix}:party:{key_part(party.name, 80) or party.id}", taken)
        party_keys[party.id] = key
        records.append(PartyRecord(key=key, name=party.name, kind=party.kind,
                                   aliases=tuple(sorted(set(party.aliases) - {party.name}))))
    event_records = []
    for event in events:
        roles = tuple(dict.fromkeys(RoleRecord(party_keys[pid], role.strip() or "mentioned")
                                    for pid, role in event.parties if pid in party_keys))
        event_records.append(EventRecord(
            key=unique_key(f"{prefix}:{key_part(event.title, 80) or event.id}", taken),
            title=event.title, when=event.when, parties=roles,
            citations=(CitationRecord(source.key, proposals.quote_of(event).strip()),)))
    return Story(title=article.title, parties=tuple(records), sources=(source,),
                 events=tuple(event_records))


def taking_part(proposals: Proposals) -> tuple[ProposedParty, ...]:
    """The parties some proposed event has: what an import takes unless its reviewer adds others
    (a party in no event would stand in the store with nothing to show, issue 16)."""
    ids = {pid for event in proposals.events for pid, _role in event.parties}
    return tuple(party for party in proposals.parties if party.id in ids)


def proposals_json(proposals: Proposals) -> dict[str, Any]:
    """The proposals as `import --article --json` prints them."""
    article = proposals.article
    names = {party.id: party.name for party in proposals.parties}
    in_events = set(taking_part(proposals))
    return {
        "article": {"file": article.source, "title": article.title,
                    "publisher": article.publisher, "url": article.url,
                    "published": article.published.edtf() if article.published else None,
                    "characters": len(article.text)},
        "note": proposals.note,
        "events": [{"id": e.id, "title": e.title, "date": e.when.edtf(),
                    "shown": e.when.display(), "date_phrase": e.date_phrase,
                    "quote": proposals.quote_of(e),
                    "parties": [{"party": pid, "name": names.get(pid, pid), "role": role}
                                for pid, role in e.parties]}
                   for e in proposals.events],
        "parties": [{"id": p.id, "name": p.name, "kind": p.kind, "match": p.match,
                     "aliases": list(p.aliases), "mentions": len(p.mentions),
                     "in_an_event": p in in_events}
                    for p in proposals.parties],
    }


__all__ = [
    "Article",
    "Proposals",
    "ProposedEvent",
    "ProposedParty",
    "article_key",
    "proposals_json",
    "taking_part",
    "to_story",
]
