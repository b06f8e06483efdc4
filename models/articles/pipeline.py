"""`propose`: the rules of this package applied in order to one article (see the package
docstring)."""

from __future__ import annotations

from collections.abc import Sequence

from models.articles.dates import _dates_in, _Reference
from models.articles.parties import _Parties
from models.articles.roles import _roles
from models.articles.sentences import _sentences
from models.articles.titles import _LEADING_ADVERBIAL, _PRONOUN_START, TITLE_LIMIT, _title
from models.articles.words import _SPEECH
from models.domain import Party
from models.proposals import Article, Proposals, ProposedEvent, ProposedParty


def propose(article: Article, known: Sequence[Party] = ()) -> Proposals:
    """The dated events and the parties of an article, by the rules in the package's
    docstring. Deterministic and offline; never raises on any text."""
    text = article.text
    sentences = _sentences(text)
    finder = _Parties(text, sentences, known)
    finder.run()
    reference = _Reference.of(article.published)
    ordered = sorted(finder.entities.values(), key=lambda e: min(e.mentions))
    ids = {entity.key: f"p{n}" for n, entity in enumerate(ordered, start=1)}
    kinds = {entity.key: entity.kind for entity in ordered}
    by_sentence: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    position = 0
    for mention in finder.mentions:
        while position < len(sentences) and sentences[position].end <= mention.start:
            position += 1
        if position < len(sentences) and sentences[position].start <= mention.start:
            by_sentence[position].append((mention.start, mention.end, mention.entity))
    events: list[ProposedEvent] = []
    previous_subject: str | None = None
    for number, sentence in enumerate(sentences):
        words = text[sentence.start:sentence.end]
        mentions = by_sentence[number]
        subject = _subject(words, sentence.start, mentions)
        pronoun = _PRONOUN_START.match(words)
        resolved = None
        if pronoun is not None and previous_subject is not None and (
                pronoun.group(1) in ("He", "She")) == (kinds[previous_subject] == "person"):
            resolved = previous_subject
            mentions = [(sentence.start, sentence.start + len(pronoun.group(1)), resolved),
                        *mentions]
        found = _dates_in(words, reference)
        if len(found) > 1:
            found = [f for f in found if not _SPEECH.search(words[:f.date_start])] or found
        if found:
            roles = _roles(text, finder.tokens[number], mentions, kinds)
            parties = tuple((ids[key], role) for key, role in roles.items())
            names = [(s - sentence.start, e - sentence.start) for s, e, k in mentions
                     if k != resolved or s != sentence.start]
            seen: set[str] = set()
            for date in found:
                edtf = date.span.edtf()
                if edtf in seen:
                    continue
                seen.add(edtf)
                title = _title(words, (date.start, date.end), names,
                               finder.entities[resolved].name if resolved else None)
                events.append(ProposedEvent(
                    id=f"e{len(events) + 1}", title=title or words[:TITLE_LIMIT],
                    when=date.span, quote=(sentence.start, sentence.end),
                    date_phrase=words[date.start:date.end], parties=parties))
        previous_subject = resolved or subject or previous_subject
    parties_out = tuple(
        ProposedParty(id=ids[e.key], name=e.name, kind=e.kind, match=e.match,
                      aliases=tuple(f for f in e.forms if f != e.name),
                      mentions=tuple(sorted(e.mentions)))
        for e in ordered)
    return Proposals(article, tuple(events), parties_out)


def _subject(words: str, offset: int, mentions: list[tuple[int, int, str]]) -> str | None:
    """The party a sentence is about: its first mention after any leading adverbial clause."""
    adverbial = _LEADING_ADVERBIAL.match(words)
    skip = offset + (adverbial.end() if adverbial else 0)
    return next((key for start, _end, key in mentions if start >= skip), None)
