"""Regexes for finding any of many names (the gazetteer's, the cities', the store's parties):
one alternative per name, tried name by name at every word of the text, cost a few microseconds
a word with a thousand names; written as a trie (names that share a beginning share its
branch), the regex engine follows one branch per word.

`one_of(names)` matches what `(?:` + the names longest first, joined by `|` + `)` matches: at
a place, the longest of the names there for which the rest of the pattern also matches (a
branch that ends where a name ends is optional, tried after the longer ones go on)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any


def _key(character: str, ignore_case: bool) -> str:
    if not ignore_case:
        return character
    lower = character.lower()
    return lower if len(lower) == 1 else character


def one_of(names: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regex (without flags: wrap it in (?i:…) to ignore case) for any of the names."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for character in name:
            node = node.setdefault(_key(character, ignore_case), {})
        node[""] = {}  # a name ends here

    def branch(node: dict[str, Any]) -> str:
        ways = [re.escape(character) + branch(rest) for character, rest in sorted(node.items())
                if character]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie) or "(?!)"


class Either:
    """The matches of `before + (name) + after` over names written in two ways: some exactly
    (short capitals: "US", "EU"), the rest ignoring case; as one alternation of all of them,
    longest first, would find them (leftmost, then longest). Two tries, searched in turn."""

    def __init__(self, exact: Iterable[str], caseless: Iterable[str], before: str,
                 after: str) -> None:
        self.patterns = [re.compile(before + one_of(exact) + after),
                         re.compile(before + "(?i:" + one_of(caseless, ignore_case=True) + ")"
                                    + after)]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        position = 0
        ahead: list[re.Match[str] | None] = [None, None]  # each pattern's next match
        done = [False, False]  # no match of it after position
        while True:
            for n, pattern in enumerate(self.patterns):
                match = ahead[n]
                if not done[n] and (match is None or match.start() < position):
                    ahead[n] = pattern.search(text, position)
                    done[n] = ahead[n] is None
            found = [m for m in ahead if m is not None and m.start() >= position]
            if not found:
                return
            first = min(m.start() for m in found)
            best = max((m for m in found if m.start() == first), key=lambda m: m.end())
            yield best
            position = max(best.end(), first + 1)
