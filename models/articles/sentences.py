"""Sentences and the words in them, and whether a place in a text is inside a quotation."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from models.articles.words import _TITLE_WORDS

# A word: letters and digits, with inner hyphens, apostrophes and ampersands ("AT&T",
# "Rolls-Royce", "Huawei's"); or dotted capitals ("U.S.").
# The top-level domains a web site's name may end with ("Ustream.tv", "Secunia.com").
WEB_DOMAINS = "com|net|org|tv|ru|info|io|fm"
# A word, with the top-level domain of a web site's name.
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w&'’-]*[^\W_])?"
                   rf"(?:\.(?:{WEB_DOMAINS})(?![\w.]))?|&")
_POSSESSIVE = re.compile(r"['’]s?$")
_DIGIT = re.compile(r"\d")
# What makes a capitalised word with a hyphen an adjective: "Beijing-based", "U.S.-made",
# "Russian-speaking" (not a name's second part: "Han Jong-hee", "Leung Kwok-hung").
_ADJECTIVE_ENDS = frozenset(
    "based made born led backed owned run funded controlled linked affiliated style era like "
    "wide speaking bound friendly free built class level born registered listed designed "
    "flagged allied aligned dominated held occupied inspired focused oriented centric "
    "american british chinese european african asian american-born".split())
# An Arabic article or a "son of" before a surname: "Suleiman al-Amr", "Osama bin-Laden"; a
# French or Italian one: "Valéry Giscard d'Estaing", "Blanche d’Alpuget".
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|an|at|bin|ibn|abu|bint)-[A-Z]|d['’][A-Z]")


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
        if "-" in t and t.rsplit("-", 1)[1] in _ADJECTIVE_ENDS:
            return False  # "Beijing-based", "U.S.-made": an adjective ("Kwok-hung" is a name)
        return t[0].isupper() or (len(t) > 1 and t[0].islower() and t[1].isupper()) \
            or _NAME_PARTICLE.match(t) is not None


_OPENERS = ("\"", "“", "\u2018", "(", "[", ":", "'")
# The dash that ends a dateline, the story's first word after it: "LONDON (Reuters) — Three
# people …", "MINSK —", "CAPE CANAVERAL, Fla. —".
_AFTER_DATELINE = re.compile(r"(?:\)|\b[A-Z]{2,}|\b[A-Z][a-z]{1,4}\.)[ \t]*(?:—|–|-{1,2})[ \t]*$")


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        at = match.start()
        # "Huawei's", "the companies'": the word without its "'s" or "'" (string tests, not a
        # regex a word: this runs for every word of the article)
        if word.endswith(("'s", "’s")) or (word.endswith(("'S", "’S")) and word.isupper()):
            possessive, word = True, word[:-2]  # (and "CHINA'S Zijin Mining Group")
        elif word.endswith(("s'", "s’")) and len(word) > 2:
            possessive, word = True, word[:-1]
        elif word.endswith(("'d", "’d")) and len(word) > 3 and word[-3].isupper():
            possessive, word = False, word[:-2]  # "the sites were DDoS’d": the word itself
        else:
            possessive = False
        initial = not tokens or text[max(start, at - 8):at].rstrip().endswith(_OPENERS) or (
            at - start < 80 and _AFTER_DATELINE.search(text, start, at) is not None)
        tokens.append(_Token(at, at + len(word), word, possessive, initial))
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
# A run of marks is matched from its first mark only and never given back: trying every mark of
# "......x" as a start, and every shorter run, was quadratic in the run's length.
_END = re.compile(r"(?:(?<![.!?])[.!?]++|…)[\"'”’)\]]*+(?=\s|$)")
_NOT_SPACE = re.compile(r"\S")
_NEXT_WORD = re.compile(r"[\"'“\u2018(]*(\w+)")
_INWORD = frozenset("_.&'’-")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


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
    # What follows, read in place: a copy of the rest of the line for each mark was quadratic
    # in the length of a line with many marks.
    visible = _NOT_SPACE.search(text, end.end(), limit)
    if visible is None:
        return True
    after = visible.start()
    following = text[after]
    if not (following.isupper() or following.isdigit() or following in "\"'“\u2018([-–—"):
        return False
    marks = end.group()
    if not marks.startswith(".") or marks.startswith(".."):
        return True
    # the word before the marks (what r"([\w.&'’-]*)$" finds in the 40 characters before them)
    first = last = end.start()
    while first > max(0, last - 40) and (text[first - 1].isalnum() or text[first - 1] in _INWORD):
        first -= 1
    word = text[first:last].lower()
    bare = word.rstrip(".")
    next_word = _NEXT_WORD.match(text, after, limit)
    starter = bool(next_word) and next_word.group(1).lower() in _STARTERS if next_word else False
    if bare in _ALWAYS_ABBREVIATIONS:
        return False
    if _DOTTED.fullmatch(bare):  # u.s, e.g, a.m
        return bare not in ("e.g", "i.e") and starter
    if bare in _CORPORATE:
        # "Baltic Pulp Ltd. Lindqvist said": a company's name ends sentences as often as not
        # (but not before its stock ticker: "Apple Inc. (AAPL) said")
        return following != "(" and not (
            next_word and next_word.group(1).lower() in _TITLE_WORDS)
    if bare in _SOMETIMES_ABBREVIATIONS or (len(bare) == 1 and "a" <= bare <= "z"):
        return starter
    return True


_OPENING_QUOTE = re.compile(r"(?<!\w)['\u2018]")
_CLOSING_QUOTE = re.compile(r"['’](?!\w)")
_WORD_CHARACTER = re.compile(r"\w")
_BEFORE_A_CLOSING_MARK = frozenset(",.!?;:")  # a straight mark after these closes a quotation


class _Quotes:
    """Where the quotation marks of a text are, so that whether a place is inside a quotation
    takes a few bisections instead of counting marks from the start of its sentence (which, for
    every date or name of a long sentence, was quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.left = [m.start() for m in re.finditer("“", text)]
        self.right = [m.start() for m in re.finditer("”", text)]
        self.straight = [m.start() for m in re.finditer('"', text)]
        self.opening = [m.start() for m in _OPENING_QUOTE.finditer(text)]
        self.closing = [m.start() for m in _CLOSING_QUOTE.finditer(text)]

    def inside(self, start: int, position: int) -> bool:
        """Whether position is inside quotation marks, counting from start (the start of its
        sentence): the marks of text[start:position] as that piece of text alone shows them."""
        if position <= start:
            return False

        def count(places: list[int]) -> int:
            return bisect_left(places, position) - bisect_left(places, start)

        if count(self.left) > count(self.right):
            return True
        text = self.text
        opening, closing = count(self.opening), count(self.closing)
        # At the ends of the piece, a mark has nothing beside it: "'" first in it opens, last
        # in it closes, whatever stands beside it in the whole text.
        if text[start] in "'\u2018" and start and _WORD_CHARACTER.match(text, start - 1):
            opening += 1
        if text[position - 1] in "'’" and _WORD_CHARACTER.match(text, position):
            closing += 1
        straight = count(self.straight)
        if straight:
            first = self.straight[bisect_left(self.straight, start)]
            if first > start and text[first - 1] in _BEFORE_A_CLOSING_MARK and (
                    first + 1 == len(text) or not _WORD_CHARACTER.match(text, first + 1)):
                # ('The terrorists came in nine trucks," Colonel Usman said.': the sentence
                # starts inside a quotation its first mark closes)
                straight += 1
        return straight % 2 == 1 or opening > closing


def headline_end(text: str) -> int:
    """Where the article's headline ends (0 if it has none): its first line, when that is
    short, does not end as a sentence or a clause does (".", ":") and text follows. A name
    only in the headline ("Maven Launch Delayed") is a fragment of it: the story names its
    parties again."""
    end = text.find("\n")
    first = text[:end].strip()
    if end < 0 or not first or len(first) > 200 or first[-1] in ".!?\"”:;," \
            or not text[end:].strip():
        return 0
    return end
