"""Sentences and the words in them, and whether a place in a text is inside a quotation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.articles.words import _TITLE_WORDS

# A word: letters and digits, with inner hyphens, apostrophes and ampersands ("AT&T",
# "Rolls-Royce", "Huawei's"); or dotted capitals ("U.S.").
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w&'’-]*[^\W_])?|&")
_POSSESSIVE = re.compile(r"['’]s?$")
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str  # without a possessive "'s"
    possessive: bool
    initial: bool  # first word of its sentence or of a quote

    @property
    def capitalised(self) -> bool:
        t = self.text
        if not t or _DIGIT.search(t):
            return False
        if "-" in t and t.rsplit("-", 1)[1][:1].islower():
            return False  # "Beijing-based", "U.S.-made": an adjective
        return t[0].isupper() or (len(t) > 1 and t[0].islower() and t[1].isupper())


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        possessive = bool(re.search(r"['’]s$", word)) or (
            word.endswith(("s'", "s’")) and len(word) > 2)
        if possessive:
            word = _POSSESSIVE.sub("", word)
        before = text[max(start, match.start() - 8):match.start()].rstrip()
        initial = not tokens or before.endswith(("\"", "“", "\u2018", "(", "[", ":", "'"))
        tokens.append(_Token(match.start(), match.start() + len(word), word, possessive,
                             initial))
    return tokens


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int


_ALWAYS_ABBREVIATIONS = frozenset("""
mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj brig rev st mt ft pres supt
det insp hon messrs mme mlle vs v approx cf e.g i.e al ca c fig vol pp p no nos op esp est
""".split())
_CORPORATE = frozenset("inc corp co ltd llc plc bros cos".split())
_SOMETIMES_ABBREVIATIONS = frozenset(
    "jr sr etc jan feb mar apr jun jul aug sep sept oct nov "
    "dec a.m p.m".split())
_STARTERS = frozenset("""
the a an it he she they we i in on at but and this that these those there its his her their
our as after before when while however meanwhile despite according for with by last next some
many most other both all if so yet his then still also since during under over now today
""".split())
_END = re.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(?=\s|$)")


def _sentences(text: str) -> list[_Sentence]:
    sentences: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for mark in _END.finditer(text, line.start(), line.end()):
            if _ends_sentence(text, mark, line.end()):
                sentences.append((start, mark.end()))
                start = mark.end()
        sentences.append((start, line.end()))
    result = []
    for start, end in sentences:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append(_Sentence(start, end))
    return result


def _ends_sentence(text: str, end: re.Match[str], limit: int) -> bool:
    after = text[end.end():limit].lstrip()
    if not after:
        return True
    following = after[0]
    if not (following.isupper() or following.isdigit() or following in "\"'“\u2018([-–—"):
        return False
    marks = end.group()
    if not marks.startswith(".") or marks.startswith(".."):
        return True
    previous = re.search(r"([\w.&'’-]*)$", text[max(0, end.start() - 40):end.start()])
    word = previous.group(1).lower() if previous else ""
    bare = word.rstrip(".")
    next_word = re.match(r"[\"'“\u2018(]*(\w+)", after)
    starter = bool(next_word) and next_word.group(1).lower() in _STARTERS if next_word else False
    if bare in _ALWAYS_ABBREVIATIONS:
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):  # u.s, e.g, a.m
        return bare not in ("e.g", "i.e") and starter
    if bare in _CORPORATE:
        # "Baltic Pulp Ltd. Lindqvist said": a company's name ends sentences as often as not
        return not (next_word and next_word.group(1).lower() in _TITLE_WORDS)
    if bare in _SOMETIMES_ABBREVIATIONS or re.fullmatch(r"[a-z]", bare):
        return starter
    return True


def _inside_quote(text: str, start: int, position: int) -> bool:
    """Whether a place in a sentence (from start) is inside quotation marks."""
    before = text[start:position]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1 or len(re.findall(r"(?<!\w)['\u2018]", before)) > len(
        re.findall(r"['’](?!\w)", before))
