"""A small statistical reader of names: for each word of a sentence, whether it is part of a
person's (PER), an organisation's (ORG) or a place's (LOC) name, or of none (O).

An averaged perceptron over the words, their shapes and neighbours, and the word lists the rules
use, read greedily from left to right. It is trained by `models.articles.train_name_tagger` on
the named entities of the GUM corpus and Universal NER's English web text (their sources and
licences: resources/article/SOURCES.md) and kept in resources/article/name_tagger.json.gz: pure
Python, offline, a few hundred kilobytes. The rules find the candidates; this says, where they
cannot, which of them read as names at all, and of what kind.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from functools import cache

from models.articles.gazetteer import _countries, _given_names, _surnames
from models.articles.sentences import _Token
from models.articles.words import is_english_word, word_list
from models.paths import resource_path

TAGS = ("O", "PER", "ORG", "LOC")
MODEL_FILE = "name_tagger.json.gz"
_START = ("<s>", "<s2>")
_END = ("</s>", "</s2>")
_WARM_UP = 4  # words read before a span, for the tags before it that its features read
_SHAPE_RUNS = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """"Huawei" -> "Xx", "NASA" -> "X", "5G" -> "dX", "U.S." -> "X.X.": letters' cases and
    digits, runs squeezed."""
    mapped = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
                     for c in word[:12])
    return _SHAPE_RUNS.sub(r"\1", mapped)


@cache
def _word_classes() -> dict[str, str]:
    """Which list a word is in, for the features: given names, surnames, titles, organisation,
    government and group words, and the countries' names, adjectives and capitals."""
    classes: dict[str, str] = {}
    for country in _countries():
        for form in (country.name, *country.aliases, *country.capitals):
            for word in form.split():
                classes.setdefault(word, "country")
        for form in country.demonyms:
            classes.setdefault(form, "demonym")
    for section, label in (("titles", "title"), ("organisation words", "org"),
                           ("government words", "gov"), ("group words", "group"),
                           ("legal suffixes", "legal")):
        for word in word_list(section):
            classes.setdefault(word.lower(), label)
    return classes


def _word_class(word: str) -> str:
    lower = word.lower().rstrip(".")
    listed = _word_classes().get(word) or _word_classes().get(lower)
    if listed:
        return listed
    if word in _given_names():
        return "given"
    if word in _surnames():
        return "surname"
    if is_english_word(lower):
        return "english"
    return "-"


def _marks(text: str, tokens: Sequence[_Token], i: int) -> tuple[str, str]:
    """The punctuation just before and just after a word ("(", ",", a quote…), or ""."""
    before_start = tokens[i - 1].end if i else max(0, tokens[i].start - 3)
    after_end = tokens[i + 1].start if i + 1 < len(tokens) else tokens[i].end + 3
    before = text[before_start:tokens[i].start].strip()
    after = text[tokens[i].end:after_end].strip()
    return before[-1:], after[:1]


class Sentence:
    """One sentence's words as the features read them, computed once."""

    def __init__(self, text: str, tokens: Sequence[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.words = [*_START, *(t.text.lower() for t in tokens), *_END]
        self.shapes = [*_START, *(_shape(t.text) for t in tokens), *_END]
        self.classes = [*_START, *(_word_class(t.text) for t in tokens), *_END]

    def features(self, i: int, previous: str, second: str) -> list[str]:
        """The features of word i, given the tags of the two words before it."""
        token = self.tokens[i]
        at = i + 2
        lower, shape, kinds = self.words[at], self.shapes[at], self.classes
        before, after = _marks(self.text, self.tokens, i)
        return [
            "bias",
            "w=" + lower,
            "s=" + shape,
            "p3=" + lower[:3],
            "x3=" + lower[-3:],
            "x2=" + lower[-2:],
            "c=" + kinds[at],
            "i=" + ("1" if token.initial else "0") + shape,
            "poss=" + ("1" if token.possessive else "0"),
            "-1w=" + self.words[at - 1],
            "+1w=" + self.words[at + 1],
            "-2w=" + self.words[at - 2],
            "+2w=" + self.words[at + 2],
            "-1s=" + self.shapes[at - 1] + "|" + shape,
            "+1s=" + shape + "|" + self.shapes[at + 1],
            "-1c=" + kinds[at - 1],
            "+1c=" + kinds[at + 1],
            "cc=" + kinds[at - 1] + "|" + kinds[at] + "|" + kinds[at + 1],
            "mb=" + before,
            "ma=" + after,
            "t=" + previous,
            "tt=" + second + "|" + previous,
            "tw=" + previous + "|" + lower,
            "ts=" + previous + "|" + shape,
        ]


def highest(totals: Sequence[float]) -> str:
    """The tag of the highest total, "O" on a tie (then the first of TAGS)."""
    return TAGS[max(range(len(TAGS)), key=lambda i: (totals[i], TAGS[i] == "O", -i))]


class NameTagger:
    """Weights by feature: one for each of TAGS, in its order."""

    def __init__(self, weights: dict[str, list[float]]) -> None:
        self.weights = weights

    def best(self, found: Sequence[str]) -> str:
        """The tag the features score highest ("O" on a tie)."""
        o = per = org = loc = 0.0  # (four sums, not a list: this runs for every word)
        get = self.weights.get
        for feature in found:
            weights = get(feature)
            if weights is not None:
                o += weights[0]
                per += weights[1]
                org += weights[2]
                loc += weights[3]
        return highest((o, per, org, loc))

    def tag_span(self, text: str, tokens: Sequence[_Token], first: int, last: int) -> list[str]:
        """The tags of words first to last (exclusive) of a sentence, read from a few words
        before them to two after: a name's tags in a sentence of any length, in time of its
        own length."""
        begin = max(0, first - _WARM_UP)
        tags = self.tag(text, tokens[begin:last + 2])
        return tags[first - begin:last - begin]

    def tag(self, text: str, tokens: Sequence[_Token]) -> list[str]:
        """The tag of each word of one sentence."""
        sentence = Sentence(text, tokens)
        tags: list[str] = []
        previous, second = _START
        for i in range(len(tokens)):
            best = self.best(sentence.features(i, previous, second))
            tags.append(best)
            previous, second = best, previous
        return tags


@cache
def name_tagger() -> NameTagger:
    data = json.loads(gzip.decompress(resource_path("article", MODEL_FILE).read_bytes()))
    return NameTagger(data["weights"])
