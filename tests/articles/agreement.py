"""How far two careful readers agree on an article's parties: the ceiling of what the scorer's
party figures can show (issue 16).

    .venv/bin/python -m tests.articles.agreement

`second_reading/` holds a second list of parties for 99 articles: all 81 of the development
half and 18 of the test half (drawn at random), written on 2026-12-06 by readers who saw only
the articles' texts and publication dates (not the keys, not the reader, not the scorer) and
followed the keys' brief: the parties that act in the dated happenings, not names in passing,
commentators, places, products or sources. Their parties are counted against the key's as the
scorer counts the reader's (a name or any other form of it matching); then the reader's
against both lists, on the same articles, per half. The test half's second readings say how
far two careful people agree, the ceiling of the scorer's party figures; nothing is tuned on
them. The development half's (18 first, 63 more later that day) may be tuned on, as the
development half's keys are: a name both readers list is one a reader must find, and one
neither lists is one to leave out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models.proposals import taking_part
from tests.articles.scorer import HALVES, key_forms, keys, proposal_forms, run

SECOND_READING = Path(__file__).resolve().parent / "second_reading"

Forms = list[set[str]]


def forms(parties: list[dict[str, Any]]) -> Forms:
    return [key_forms(p) for p in parties]


def agreement(proposed: Forms, key: Forms) -> tuple[int, int, int, int]:
    """(right, proposed, found, key): right proposals and found key parties; as the scorer
    counts them, a proposal of only key parties found before is a duplicate, not right."""
    right = 0
    found: set[int] = set()
    for names in proposed:
        matched = {i for i, k in enumerate(key) if names & k}
        right += bool(matched - found)
        found |= matched
    return right, len(proposed), len(found), len(key)


def measure(half: str) -> dict[str, dict[str, float | int]]:
    tallies: dict[str, list[int]] = {}

    def add(name: str, counts: tuple[int, int, int, int]) -> None:
        tally = tallies.setdefault(name, [0, 0, 0, 0])
        for n, count in enumerate(counts):
            tally[n] += count

    seconds = {path.stem: path for path in SECOND_READING.glob("*.json")}
    articles = 0
    for key in keys(half):
        path = seconds.get(key.text_path.stem)
        if path is None:
            continue
        articles += 1
        first = forms(key.doc["parties"])
        second = forms(json.loads(path.read_text(encoding="utf-8"))["parties"])
        add("second reader against the key", agreement(second, first))
        proposals, _seconds = run(key)
        taken = set(taking_part(proposals))
        offered = [proposal_forms(p) for p in proposals.parties]
        in_events = [proposal_forms(p) for p in proposals.parties if p in taken]
        add("reader against the key", agreement(offered, first))
        add("reader against the key, in events", agreement(in_events, first))
        add("reader against the second reader", agreement(offered, second))
        add("reader against the second reader, in events", agreement(in_events, second))
    return {name: {"articles": articles, "precision": round(right / proposed, 3),
                   "recall": round(found / key, 3), "right": right, "proposed": proposed,
                   "found": found, "key": key}
            for name, (right, proposed, found, key) in tallies.items()}


if __name__ == "__main__":
    print(json.dumps({half: measure(half) for half in HALVES}, indent=1))
