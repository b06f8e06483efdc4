"""Trains the name tagger (models/articles/name_tagger.py) on named entities others annotated.

    python -m models.articles.train_name_tagger GUM_CHECKOUT \
        --exclude tests/articles/corpus/SOURCES.md \
        --uner UNER_English-EWT/en_ewt-ud-dev.iob2 UNER_English-EWT/en_ewt-ud-test.iob2

GUM (github amir-zeldes/gum) annotates every mention of a person, organisation or place; a
mention whose words include a proper noun is a name, from its first proper noun to its last,
and the innermost mention gives a word its tag. Only the genres whose texts are CC BY or CC BY-SA
are read (academic, court, news, interview; Wikipedia's biographies and Wikivoyage; the
annotations are CC BY 4.0), and no document that the file given to --exclude names: our corpus
takes 20 of GUM's news articles, and training on them would grade the reader on what it learned
by heart. Universal NER's English-EWT files (CC BY-SA 4.0) add web text tagged PER/ORG/LOC.
The words are our own tokenizer's, so that training sees what reading sees. The features read
the word lists of resources/article/: train again when they change much.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from models.articles.name_tagger import (
    _START,
    MODEL_FILE,
    TAGS,
    NameTagger,
    Sentence,
    highest,
)
from models.articles.sentences import _Token, _tokens
from models.paths import resource_path

GENRES = ("academic", "court", "news", "interview", "bio", "voyage")
_GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
_ENTITY_PART = re.compile(r"\((\d+)-([a-z]+)[^()]*|(\d+)\)|\)")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    tokens: list[_Token]
    tags: list[str]


def _entity_spans(misc: list[str]) -> list[tuple[int, int, str]]:
    """(first word, last word, GUM type) of each mention in one sentence, from the MISC
    column's Entity= brackets: "(12-person-…" opens, "12)" closes, "(3-place-…)" is one word."""
    spans: list[tuple[int, int, str]] = []
    open_at: dict[str, list[tuple[int, str]]] = defaultdict(list)
    last: list[str] = []  # ids in the order they were opened
    for index, field in enumerate(misc):
        value = next((f[7:] for f in field.split("|") if f.startswith("Entity=")), "")
        for part in _ENTITY_PART.finditer(value):
            if part.group(1):
                open_at[part.group(1)].append((index, part.group(2)))
                last.append(part.group(1))
            else:
                closing = part.group(3) or (last[-1] if last else None)
                if closing is None or not open_at[closing]:
                    continue
                start, kind = open_at[closing].pop()
                if closing in last:
                    last.remove(closing)
                spans.append((start, index, kind))
    return spans


def _sentences(path: Path) -> Iterator[Example]:
    """Each sentence of a GUM .conllu file, with our tokens and their tags."""
    rows: list[list[str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line and not line.startswith("#"):
            columns = line.split("\t")
            if columns[0].isdigit():
                rows.append(columns)
            continue
        if line or not rows:
            continue
        yield _example(rows)
        rows = []


def _example(rows: list[list[str]]) -> Example:
    text, offsets = "", []
    for columns in rows:
        offsets.append((len(text), len(text) + len(columns[1])))
        text += columns[1] + ("" if "SpaceAfter=No" in columns[9] else " ")
    proper = [columns[3] == "PROPN" for columns in rows]
    word_tags = ["O"] * len(rows)
    spans = [s for s in _entity_spans([c[9] for c in rows]) if s[2] in _GUM_TYPES]
    for start, end, kind in sorted(spans, key=lambda s: s[0] - s[1]):  # the longest first
        names = [i for i in range(start, end + 1) if proper[i]]
        if names:
            for i in range(names[0], names[-1] + 1):
                word_tags[i] = _GUM_TYPES[kind]
    return _example_of(text, zip(offsets, word_tags, strict=True))


def read_gum(gum: Path, genres: tuple[str, ...], excluded: str) -> list[tuple[str, list[Example]]]:
    documents = []
    for path in sorted((gum / "dep").glob("GUM_*.conllu")):
        genre = path.stem.split("_")[1]
        if genre in genres and path.stem not in excluded:
            documents.append((path.stem, list(_sentences(path))))
    return documents


def read_uner(path: Path) -> list[tuple[str, list[Example]]]:
    """A Universal NER file (.iob2: "# text = …", then word, tag): one document of its
    sentences, with our tokens and their tags."""
    examples: list[Example] = []
    text, words = "", []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[9:]
        elif line and not line.startswith("#"):
            columns = line.split("\t")
            words.append((columns[1], columns[2][2:] or "O"))
        elif not line and words:
            examples.append(_aligned(text, words))
            text, words = "", []
    return [(path.name, examples)]


def _aligned(text: str, words: list[tuple[str, str]]) -> Example:
    spans: list[tuple[tuple[int, int], str]] = []
    at = 0
    for word, tag in words:
        found = text.find(word, at)
        if found >= 0:
            at = found + len(word)
            spans.append(((found, at), tag))
    return _example_of(text, spans)


def _example_of(text: str, spans: Iterable[tuple[tuple[int, int], str]]) -> Example:
    """The text in our own tokens, each tagged as the annotated word it starts in."""
    by_char = [""] * len(text)
    for (start, end), tag in spans:
        by_char[start:end] = [tag] * (end - start)
    tokens = _tokens(text, 0, len(text))
    return Example(text, tokens, [by_char[t.start] or "O" for t in tokens])


class _Training:
    """The averaged perceptron: weights, and for averaging, their totals over time."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[str, float]] = defaultdict(dict)
        self.totals: dict[tuple[str, str], float] = defaultdict(float)
        self.stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.clock = 0

    def best(self, found: list[str]) -> str:
        totals = [0.0] * len(TAGS)
        for feature in found:
            for tag, weight in self.weights.get(feature, {}).items():
                totals[TAGS.index(tag)] += weight
        return highest(totals)

    def update(self, truth: str, guess: str, found: list[str]) -> None:
        self.clock += 1
        if truth == guess:
            return
        for feature in found:
            for tag, change in ((truth, 1.0), (guess, -1.0)):
                weight = self.weights[feature].get(tag, 0.0)
                key = (feature, tag)
                self.totals[key] += (self.clock - self.stamps[key]) * weight
                self.stamps[key] = self.clock
                self.weights[feature][tag] = weight + change

    def averaged(self, least: float) -> dict[str, list[float]]:
        """The weights averaged over every update, less those under `least` (a fifth of them,
        which change no tag of the held-out documents: a smaller file, read faster)."""
        averaged: dict[str, list[float]] = {}
        for feature, tags in self.weights.items():
            for tag, weight in tags.items():
                key = (feature, tag)
                total = self.totals[key] + (self.clock - self.stamps[key]) * weight
                mean = round(total / self.clock, 3)
                if abs(mean) >= least:
                    averaged.setdefault(feature, [0.0] * len(TAGS))[TAGS.index(tag)] = mean
        return averaged


def train(examples: list[Example], rounds: int = 8, seed: int = 1,
          least: float = 0.5) -> NameTagger:
    training = _Training()
    order = list(examples)
    shuffle = random.Random(seed).shuffle
    for _ in range(rounds):
        shuffle(order)
        for example in order:
            sentence = Sentence(example.text, example.tokens)
            previous, second = _START
            for i, truth in enumerate(example.tags):
                found = sentence.features(i, previous, second)
                guess = training.best(found)
                training.update(truth, guess, found)
                previous, second = guess, previous
    return NameTagger(training.averaged(least))


def evaluate(tagger: NameTagger, examples: list[Example]) -> dict[str, float]:
    """Word-level precision and recall of name words (any tag but O), and how many of the
    found name words have the right tag."""
    proposed = right = key = typed = 0
    for example in examples:
        guessed = tagger.tag(example.text, example.tokens)
        for truth, guess in zip(example.tags, guessed, strict=True):
            proposed += guess != "O"
            key += truth != "O"
            right += guess != "O" and truth != "O"
            typed += guess != "O" and guess == truth
    return {"precision": round(right / max(proposed, 1), 3),
            "recall": round(right / max(key, 1), 3),
            "tag_right": round(typed / max(right, 1), 3), "name_words": key}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gum", type=Path, help="a checkout of github amir-zeldes/gum")
    parser.add_argument("--exclude", type=Path, help="leave out the documents this file names")
    parser.add_argument("--genres", default=",".join(GENRES))
    parser.add_argument("--uner", type=Path, nargs="*", default=[],
                        help="Universal NER .iob2 files to train on too")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--out", type=Path, default=resource_path("article", MODEL_FILE))
    args = parser.parse_args(argv)
    excluded = args.exclude.read_text(encoding="utf-8") if args.exclude else ""
    documents = read_gum(args.gum, tuple(args.genres.split(",")), excluded)
    for path in args.uner:
        documents += read_uner(path)
    held = [e for i, (_, doc) in enumerate(documents) if i % 5 == 0 for e in doc]
    kept = [e for i, (_, doc) in enumerate(documents) if i % 5 for e in doc]
    report = {"documents": len(documents), "words": sum(len(e.tokens) for _, d in documents
                                                        for e in d),
              "held_out": evaluate(train(kept, args.rounds), held)}
    tagger = train([e for _, doc in documents for e in doc], args.rounds)
    source = "GUM corpus (github amir-zeldes/gum), annotations CC BY 4.0; genres " + args.genres
    if args.uner:
        source += "; Universal NER English-EWT (CC BY-SA 4.0)"
    data = {"source": source, "documents": [name for name, _ in documents],
            "weights": tagger.weights}
    args.out.write_bytes(gzip.compress(
        json.dumps(data, sort_keys=True, separators=(",", ":")).encode(), mtime=0))
    report["features"] = len(tagger.weights)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
