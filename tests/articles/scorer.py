"""Scores the article reader on the evaluation corpus (tests/articles/corpus): each article's
text and the answer key a person wrote before the reader ran on it.

    .venv/bin/python -m tests.articles.scorer [--half dev|test|all] [--json] [--each]

What is counted, per half (issue 16):
- parties: a proposed party is right when its name, or a name it was seen as, is the key's
  name or one of its other forms ("also"), ignoring case and spacing, and a person's title
  ("President Obama" is "Obama"); precision is right ones over all proposed, recall the key's
  parties found over all of them. A proposal of only key parties an earlier proposal found
  ("SIA" after "Singapore Airlines") is a duplicate: wrong, for the user has to merge it. A
  proposal that the key lists under not_parties is junk, counted apart. Kinds right: the
  right ones proposed with the key's kind (person, organisation, government; the keys have
  no "group", so a group, "the Movement for Democratic Change", counts as an organisation).
  "In events": the same for the parties some proposed event has, the ones an import takes
  unless the reviewer adds others.
- events: a key event is found when a proposal has its date, or a date inside its range, and
  cites its sentence (the quoted span overlaps the key's sentence). Recall is over the key's
  events that are not optional; precision is the proposals that match a key event (optional
  ones included) over all proposals; one that matches only key events an earlier proposal
  matched is a duplicate, and wrong.
- dates exact: of the key events found, those whose proposal has the same date and precision
  (the issue's definition); "with doubt" also asks for the same doubt mark: a proposal of
  "2011?" for "The first aircraft will be in service by 2011" is exact but not with doubt when
  the key writes 2011.
- seconds: the reader's time per article (read and propose), the median and the slowest.
Not a test: nothing here asserts a target (tests/articles/test_corpus.py checks the corpus and
the scorer itself).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from models.articles import propose, read_article
from models.articles.happenings import within
from models.dates import DateSpan, Qualifier, parse_edtf
from models.proposals import Proposals, ProposedParty, taking_part

CORPUS = Path(__file__).resolve().parent / "corpus"
HALVES = ("dev", "test")


def fold(name: str) -> str:
    return " ".join(re.sub(r"[^\w&]+", " ", name.casefold()).split())


# Titles before a person's name, which the keys write sometimes and the reader leaves out.
_TITLES = frozenset(
    "mr mrs ms dr president prime minister secretary ambassador senator sen rep "
    "representative governor mayor general gen judge justice chancellor premier king queen "
    "prince princess sheikh pope former vice deputy foreign state chief executive "
    "president-elect elect".split())


def person_forms(name: str) -> set[str]:
    """A person's name folded, and without the titles before it ("president obama": also
    "obama"); a last word is never taken for a title."""
    words = fold(name).split()
    start = 0
    while start < len(words) - 1 and words[start] in _TITLES:
        start += 1
    return {" ".join(words), " ".join(words[start:])}


def forms_of(names: Iterable[str], kind: str | None) -> set[str]:
    """The folded forms a party is matched by: a person's with and without titles."""
    if kind == "person":
        return {form for n in names for form in person_forms(n)}
    return set(map(fold, names))


def key_forms(party: dict[str, Any]) -> set[str]:
    return forms_of([party["name"], *party.get("also", [])], party.get("kind"))


def proposal_forms(party: ProposedParty) -> set[str]:
    return forms_of([party.name, *party.aliases], party.kind)


@dataclass
class Key:
    """One article's answer key (a .key.json beside its .txt)."""

    path: Path
    doc: dict[str, Any]

    @property
    def text_path(self) -> Path:
        return self.path.with_name(self.path.name.removesuffix(".key.json") + ".txt")

    @property
    def half(self) -> str:
        return str(self.doc.get("half", ""))

    @property
    def published(self) -> DateSpan:
        return key_date(str(self.doc["published"]))


_SEASONS = {"21": ("03", "05"), "22": ("06", "08"), "23": ("09", "11"), "24": ("12", "02")}


def key_date(text: str) -> DateSpan:
    """A key's date: EDTF as models.dates reads it, and the EDTF the keys also use for what
    a reader says: a qualifier before a date ("~2008"), unspecified digits ("198X": the
    1980s) and seasons ("2007-23": autumn 2007, northern)."""
    def one(part: str) -> str:
        qualifier = ""
        if part[:1] in "~?%":
            qualifier, part = part[0], part[1:]
        if match := re.fullmatch(r"(\d{4})-(2[1-4])", part):
            first, last = _SEASONS[match[2]]
            end_year = int(match[1]) + (match[2] == "24")
            return f"{match[1]}-{first}{qualifier}/{end_year:04d}-{last}{qualifier}"
        if "X" in part:
            return f"{part.replace('X', '0')}{qualifier}/{part.replace('X', '9')}{qualifier}"
        return part + qualifier

    parts = [one(p) for p in text.split("/")]
    if len(parts) == 2 and "/" in parts[0]:  # a season or decade that starts a range
        parts[0] = parts[0].split("/")[0]
    if len(parts) == 2 and "/" in parts[1]:
        parts[1] = parts[1].split("/")[1]
    return parse_edtf("/".join(parts))


def keys(half: str = "all") -> Iterator[Key]:
    for path in sorted(CORPUS.glob("*.key.json")):
        key = Key(path, json.loads(path.read_text(encoding="utf-8")))
        if half in ("all", key.half):
            yield key


def sentence_span(text: str, sentence: str) -> tuple[int, int] | None:
    """Where the key's sentence is in the article as read (spacing may differ)."""
    words = [re.escape(w) for w in sentence.split()]
    if not words:
        return None
    found = re.search(r"\s+".join(words), text)
    return (found.start(), found.end()) if found else None


def undoubted(span: DateSpan) -> DateSpan:
    """The span without its doubt marks ("2011?" -> "2011"): the date and its precision."""
    return replace(span, start=replace(span.start, qualifier=Qualifier.EXACT),
                   end=span.end and replace(span.end, qualifier=Qualifier.EXACT))


@dataclass
class Tally:
    proposed_parties: int = 0
    right_parties: int = 0
    right_kinds: int = 0  # right parties of the key's kind (person, organisation, government)
    taken_parties: int = 0  # proposed parties in some event: imported unless unchecked
    right_taken: int = 0
    found_taken: int = 0
    junk_parties: int = 0
    duplicate_parties: int = 0  # proposals of only key parties found before: to be merged
    key_parties: int = 0
    found_parties: int = 0
    proposed_events: int = 0
    matching_events: int = 0
    duplicate_events: int = 0  # proposals of only key events matched before
    key_events: int = 0
    found_events: int = 0
    exact_dates: int = 0
    exact_with_doubt: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.seconds += other.seconds
        self.misses += other.misses

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "articles": len(self.seconds),
            "party_precision": ratio(self.right_parties, self.proposed_parties),
            "party_recall": ratio(self.found_parties, self.key_parties),
            "junk_parties": ratio(self.junk_parties, self.proposed_parties),
            "party_kinds_right": ratio(self.right_kinds, self.right_parties),
            "in_events_precision": ratio(self.right_taken, self.taken_parties),
            "in_events_recall": ratio(self.found_taken, self.key_parties),
            "event_recall": ratio(self.found_events, self.key_events),
            "event_precision": ratio(self.matching_events, self.proposed_events),
            "dates_exact": ratio(self.exact_dates, self.found_events),
            "dates_exact_with_doubt": ratio(self.exact_with_doubt, self.found_events),
            "seconds_median": round(statistics.median(self.seconds), 4) if self.seconds
            else None,
            "seconds_max": round(max(self.seconds), 4) if self.seconds else None,
            "counts": {k: v for k, v in vars(self).items() if isinstance(v, int)},
        }


def score_one(key: Key, proposals: Proposals, seconds: float) -> Tally:
    tally = Tally(seconds=[seconds])
    name = key.text_path.stem
    # parties
    forms = [key_forms(p) for p in key.doc["parties"]]
    junk = {fold(n) for n in key.doc.get("not_parties", [])}
    found_key: set[int] = set()
    found_taken: set[int] = set()
    taken = set(taking_part(proposals))
    for party in proposals.parties:
        seen = proposal_forms(party)
        matched = [i for i, f in enumerate(forms) if f & seen]
        tally.proposed_parties += 1
        if matched and party in taken and not set(matched) <= found_taken:
            tally.right_taken += 1  # (in events, a duplicate of one in none is not one)
            found_taken.update(matched)
        if matched and set(matched) <= found_key:
            tally.duplicate_parties += 1
            tally.misses.append(f"{name}: party found already: {party.name!r}")
        elif matched:
            tally.right_parties += 1
            kind = "organisation" if party.kind == "group" else party.kind  # (keys have no group)
            tally.right_kinds += kind == key.doc["parties"][matched[0]].get("kind")
            found_key.update(matched)
        else:
            tally.junk_parties += bool(seen & junk)
            tally.misses.append(f"{name}: party not in the key: {party.name!r}")
    tally.key_parties += len(forms)
    tally.found_parties += len(found_key)
    tally.taken_parties += len(taken)
    tally.found_taken += len(found_taken)
    tally.misses += [f"{name}: party missed: {p['name']!r}" for i, p in
                     enumerate(key.doc["parties"]) if i not in found_key]
    tally.misses += [f"{name}: party in no event: {p['name']!r}" for i, p in
                     enumerate(key.doc["parties"]) if i in found_key and i not in found_taken]
    # events
    text = proposals.article.text
    wanted = []
    for event in key.doc["events"]:
        span = sentence_span(text, event["sentence"])
        wanted.append((event, key_date(event["date"]), span))
    matched_keys: set[int] = set()
    exact: set[int] = set()
    with_doubt: set[int] = set()
    for proposal in proposals.events:
        tally.proposed_events += 1
        hits = [i for i, (event, when, span) in enumerate(wanted)
                if span is not None and proposal.quote[0] < span[1] and span[0] < proposal.quote[1]
                and (proposal.when.edtf() == when.edtf() or within(proposal.when, when))]
        if hits and set(hits) <= matched_keys:
            tally.duplicate_events += 1
            tally.misses.append(f"{name}: event found already: {proposal.when.edtf()} "
                                f"{proposal.title!r}")
        elif hits:
            tally.matching_events += 1
            matched_keys.update(hits)
            exact.update(i for i in hits if undoubted(proposal.when) == undoubted(wanted[i][1]))
            with_doubt.update(i for i in hits if proposal.when.edtf() == wanted[i][1].edtf())
        else:
            tally.misses.append(f"{name}: event not in the key: {proposal.when.edtf()} "
                                f"{proposal.title!r}")
    essential = [i for i, (event, _, _) in enumerate(wanted) if not event.get("optional")]
    tally.key_events += len(essential)
    tally.found_events += sum(1 for i in essential if i in matched_keys)
    tally.exact_dates += sum(1 for i in essential if i in exact)
    tally.exact_with_doubt += sum(1 for i in essential if i in with_doubt)
    tally.misses += [f"{name}: event missed: {wanted[i][0]['date']} {wanted[i][0]['what']!r}"
                     for i in essential if i not in matched_keys]
    return tally


def run(key: Key) -> tuple[Proposals, float]:
    start = time.perf_counter()
    article = read_article(key.text_path, published=key.published,
                           publisher=str(key.doc.get("publisher", "")),
                           url=str(key.doc.get("url", "")))
    proposals = propose(article)
    return proposals, time.perf_counter() - start


def score(half: str = "all") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in (HALVES if half == "all" else (half,)):
        total = Tally()
        for key in keys(name):
            proposals, seconds = run(key)
            total.add(score_one(key, proposals, seconds))
        out[name] = {**total.figures(), "misses": total.misses}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--half", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--each", action="store_true", help="list every miss")
    args = parser.parse_args()
    found = score(args.half)
    if not args.each:
        for figures in found.values():
            figures.pop("misses")
    print(json.dumps(found, indent=2 if args.json else None, ensure_ascii=False))


if __name__ == "__main__":
    main()
