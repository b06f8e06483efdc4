"""Article reading speed: `read_article` and `propose` on adversarial articles of a given size and
on the real article in ../shared/seed. Prints JSON.

    .venv/bin/python -m benchmarks.article_speed --json [--size 5000000] [--runs 3]
    .venv/bin/python -m benchmarks.article_speed --json --size 16000 --shapes years_one_sentence

Each figure is the median of `--runs` runs in this process, in seconds: `read_s` is read_article
(decoding, HTML/Markdown to text) of the article written to a file, `propose_s` is propose with
the sample story's parties as the store's. `first_s` is what the first article of a session
costs: the real article read and proposed in a new process, where the word lists, the gazetteer
and the name tagger load on first use (the median of `--runs` processes);
`first_after_warm_up_s` the same after `warm_up()`, which the app runs while the user fills in
the article's details. The shapes are the inputs that once took quadratic time or worse (issue
12); `--size` is their size in bytes (at most MAX_ARTICLE_BYTES, the biggest article the app
accepts). With `--store PATH` (a 1M-event store: `main.py generate PATH --events 1000000
--parties 100000`), `store` times the app's path for one article against it: the store's
parties read (`parties_s`), then the real article proposed against them (`propose_s`).
Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.articles import MAX_ARTICLE_BYTES, propose, read_article
from models.dates import parse_edtf
from models.domain import Party
from models.interchange import FormatError, read_native
from models.paths import sample_story_path
from models.proposals import Article
from models.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "huawei-ericsson-cross-licence.txt"
PUBLISHED = parse_edtf("2023-08-25")


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _names(size: int) -> str:
    """Distinct two-word names in one sentence with a date: 'Bababa Bababa, Bababa Babade, …'."""
    syllables = ["ba", "de", "ki", "lo", "mu", "ra", "si", "to", "ve", "zu"]
    parts = []
    length = 0
    for a, b, c, d, e, f in itertools.product(syllables, repeat=6):
        name = f"{a.title()}{b}{c} {d.title()}{e}{f}, "
        parts.append(name)
        length += len(name)
        if length >= size - 40:
            break
    return "In 2019 " + "".join(parts) + "signed the deal."


def _names_and_dates(size: int) -> str:
    """A name and a date, each different, again and again in one sentence."""
    parts = []
    length = 0
    for n, name in enumerate(_names(size).split(", ")[:-1]):
        day = f"{1000 + n // 336:04d}-{n % 336 // 28 + 1:02d}-{n % 28 + 1:02d}"
        part = f"{name} signed on {day} with "
        parts.append(part)
        length += len(part)
        if length >= size:
            break
    return "".join(parts) + "Acme."


def _distinct_dates(size: int) -> str:
    """ISO dates, each a different day, in one sentence: one event each."""
    parts = []
    length = 0
    for day in itertools.count():
        year, rest = divmod(day, 336)
        month, dom = divmod(rest, 28)
        part = f"{1000 + year:04d}-{month + 1:02d}-{dom + 1:02d} "
        parts.append(part)
        length += len(part)
        if length >= size:
            break
    return "The plant opened on " + "".join(parts)


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    # name: (file suffix, the article's text for a size in bytes)
    "years_one_sentence": (".txt", lambda n: _repeat("In 2019 ", n)),
    "distinct_dates_one_sentence": (".txt", _distinct_dates),
    "no_full_stop": (".txt", lambda n: _repeat(
        "Acme said in 2019 that Widget Works would buy the plant on Monday, and ", n)),
    "weekdays_in_quotes": (".txt", lambda n: _repeat('"He said on Monday ', n)),
    "hedges_and_clauses": (".txt", lambda n: _repeat(
        "which could open in 2019, but may close in May; ", n)),
    "party_names_one_sentence": (".txt", _names),
    "names_and_dates_one_sentence": (".txt", _names_and_dates),
    "full_stops": (".txt", lambda n: _repeat("A. ", n)),
    "dashes_before_dates": (".txt", lambda n: _repeat("A" + "-" * 900 + "x opened in 2019. ", n)),
    "capitalised_words": (".txt", lambda n: _repeat("A Ministry of Acme and ", n)),
    "title_case_list": (".txt", lambda n: _repeat("Planning, ", n)),
    "seed_repeated": (".txt", lambda n: _repeat(
        SEED.read_text(encoding="utf-8") + "\n\n" if SEED.is_file() else "In 2019 Acme sold. ", n)),
    "nested_html": (".html", lambda n: "<html><body>" + _repeat("<div>", n // 2)
                    + "<p>Acme bought Widget Works in 2019.</p>" + _repeat("</div>", n // 2)),
    "unclosed_html": (".html", lambda n: "<html><body><p>Acme bought it in 2019.</p>"
                      + _repeat("<!-- <a href='x' ", n)),
    "markdown_marks": (".md", lambda n: "# Title\n\n" + _repeat("**a _b `c [d](e ~~f ", n)),
    "markdown_spaces": (".md", lambda n: "# Acme" + " " * (n - 40)
                        + "x\n\nIn 2019 Acme sold it.\n"),
}


def _known() -> list[Party]:
    with Store.memory() as store:
        store.add_story(read_native(sample_story_path()))
        return list(store.parties())


def _measure(path: Path, known: list[Party], runs: int) -> dict[str, Any]:
    reads, proposes = [], []
    events = parties = 0
    for _ in range(runs):
        start = time.perf_counter()
        try:
            article = read_article(path, published=PUBLISHED)
        except FormatError as error:  # the reader's answer for a bad file: timed all the same
            reads.append(time.perf_counter() - start)
            return {"bytes": path.stat().st_size, "read_s": round(statistics.median(reads), 3),
                    "problem": str(error).splitlines()[-1].strip()}
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        proposals = propose(article, known)
        proposes.append(time.perf_counter() - start)
        events, parties = len(proposals.events), len(proposals.parties)
    return {"bytes": path.stat().st_size, "read_s": round(statistics.median(reads), 3),
            "propose_s": round(statistics.median(proposes), 3),
            "total_s": round(statistics.median(r + p for r, p in zip(reads, proposes,
                                                                       strict=True)), 3),
            "events": events, "parties": parties}


def _against_store(path: Path, runs: int) -> dict[str, Any]:
    """The app's path for one article against a big store: its parties read, then proposed."""
    reads, proposes = [], []
    known: list[Party] = []
    for _ in range(runs):
        start = time.perf_counter()
        with Store.open(path) as store:
            known = store.parties()
        reads.append(time.perf_counter() - start)
        article = read_article(SEED, published=PUBLISHED)
        start = time.perf_counter()
        propose(article, known)
        proposes.append(time.perf_counter() - start)
    return {"store": str(path), "parties": len(known),
            "parties_s": round(statistics.median(reads), 3),
            "propose_s": round(statistics.median(proposes), 3),
            "total_s": round(statistics.median(r + p for r, p in zip(reads, proposes,
                                                                       strict=True)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=MAX_ARTICLE_BYTES,
                        help="bytes of each adversarial article (default: the most accepted)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--json", action="store_true", help="indented JSON")
    parser.add_argument("--store", type=Path, help="a big store to propose against (read only)")
    args = parser.parse_args()
    size = min(args.size, MAX_ARTICLE_BYTES)
    known = _known()
    results: dict[str, Any] = {"size": size, "runs": args.runs, "adversarial": {}, "real": {}}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        propose(_warm(), known)  # the gazetteer and the patterns load on first use
        for name in args.shapes.split(","):
            suffix, make = SHAPES[name]
            path = folder / f"{name}{suffix}"
            data = make(size).encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")
            path.write_bytes(data)
            results["adversarial"][name] = _measure(path, known, args.runs)
        if SEED.is_file():
            results["real"]["huawei-ericsson-cross-licence"] = _measure(SEED, known, args.runs)
            results["real"]["first_s"] = _first(SEED, args.runs)
            results["real"]["first_after_warm_up_s"] = _first(SEED, args.runs, warm_up=True)
            if args.store is not None:
                results["store"] = _against_store(args.store, args.runs)
    print(json.dumps(results, indent=2 if args.json else None))


_FIRST = """
import sys, time
from pathlib import Path
from models.articles import propose, read_article, warm_up
from models.dates import parse_edtf
if sys.argv[2:] == ["warm-up"]:
    warm_up()
start = time.perf_counter()
propose(read_article(Path(sys.argv[1]), published=parse_edtf("2023-08-25")))
print(time.perf_counter() - start)
"""


def _first(path: Path, runs: int, *, warm_up: bool = False) -> float:
    """The median time of reading and proposing one article in a new process, after its imports:
    the first article of a session pays for every resource loaded on first use, unless the
    reader was warmed up first (as the app does while the user fills in the article's
    details)."""
    flag = ["warm-up"] if warm_up else []
    times = [float(subprocess.run([sys.executable, "-c", _FIRST, str(path), *flag], cwd=ROOT,
                                  check=True, capture_output=True, text=True).stdout)
             for _ in range(runs)]
    return round(statistics.median(times), 3)


def _warm() -> Article:
    return Article("warm", "Warm", "Huawei said in Beijing on Friday it sold 2019 phones.",
                   published=PUBLISHED)


if __name__ == "__main__":
    main()
