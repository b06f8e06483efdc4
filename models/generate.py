"""Synthetic stores for measuring Chronolens at scale: deterministic for a seed.

`generate_stories` yields Story chunks built from DateSpan objects (no text parsing); `generate`
writes them through `Store.add_stories`, the same code path as an import, in one transaction.

The shape is meant to look like real data rather than uniform noise: party participation and
word use are Zipf-like (a few parties in very many events, most in a handful), ~70% of events
are points, 25% ranges up to a week, 5% long ranges up to decades (some ongoing), dates mostly
1900–2025 with a few BCE, precision and qualifiers mixed.
"""

from __future__ import annotations

import itertools
import queue
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

from models.dates import DateSpan, FuzzyDate, Precision, Qualifier, civil_from_days, days_from_civil
from models.store import Store
from models.story import (
    PARTY_KINDS,
    CategoryRecord,
    CitationRecord,
    EraRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
)

T = TypeVar("T")

CHUNK = 10_000  # events per Story chunk
ROLES = ("participant", "organiser", "subject", "witness", "opponent", "host", "funder", "author")
_ROLE_WEIGHTS = (40, 12, 15, 8, 8, 6, 5, 6)
_SYLLABLES = (
    "ka", "lo", "mi", "ra", "ten", "vor", "sel", "an", "dru", "pe", "is", "nor", "ul", "zan",
    "bri", "co", "fa", "gul", "het", "jo", "mar", "ny", "os", "qua", "sti", "tor", "ve", "wex",
)
_GIVEN = ("Ada", "Bruno", "Chen", "Dara", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun",
          "Kofi", "Lena", "Mateo", "Nia", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tariq",
          "Uma", "Vera", "Wen", "Ximena", "Yusuf", "Zofia")
_ORG_SUFFIX = {"organisation": ("Institute", "Company", "Foundation", "Trust", "Works"),
               "government": ("Ministry", "Council", "Republic", "Agency", "Office"),
               "group": ("Collective", "Circle", "Union", "Society", "League"),
               "place": ("Valley", "Harbour", "Heights", "Bay", "Crossing"),
               "other": ("Project", "Initiative", "Programme", "Archive", "Network")}
_KIND_WEIGHTS = (25, 8, 45, 10, 8, 4)  # in PARTY_KINDS order
CATEGORIES = ("politics", "economy", "science", "culture", "sport", "war", "law", "health",
              "technology", "environment", "religion", "transport")


def _vocabulary(size: int) -> list[str]:
    """A fixed list of pronounceable pseudo-words (the same on every run and platform)."""
    words: list[str] = []
    seen: set[str] = set()
    for length in (2, 3, 4):
        for combo in itertools.product(_SYLLABLES, repeat=length):
            word = "".join(combo)
            if word not in seen:
                seen.add(word)
                words.append(word)
            if len(words) >= size:
                return words
    return words


def _zipf_cum(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1.0 / (rank ** s) for rank in range(1, n + 1)))


def _zipf_table(population: Sequence[T], s: float, size: int) -> list[T]:
    """`population` repeated in proportion to Zipf weights (each at least once): drawing
    uniformly from the table is a Zipf draw, and uniform draws are several times cheaper
    than `random.choices` with weights."""
    weights = [1.0 / (rank ** s) for rank in range(1, len(population) + 1)]
    scale = size / sum(weights)
    table: list[T] = []
    for item, weight in zip(population, weights, strict=True):
        table.extend([item] * max(1, round(weight * scale)))
    return table


class _Words:
    def __init__(self, rng: random.Random, size: int = 5000) -> None:
        self.rng = rng
        words = _vocabulary(size)
        self.rng.shuffle(words)
        self.table = _zipf_table(words, 1.05, 1 << 18)

    def take(self, k: int) -> list[str]:
        return self.rng.choices(self.table, k=k)


_DATES: dict[tuple[int, int, Precision, Qualifier], FuzzyDate] = {}
_POINTS: dict[int, DateSpan] = {}  # by id() of a cached FuzzyDate (hashing one is slow)


def _date(rng: random.Random, year: int, day_of_year: int, precision: Precision,
          qualifier: Qualifier) -> FuzzyDate:
    if precision is Precision.MINUTE:
        year, month, day = civil_from_days(days_from_civil(year, 1, 1) + day_of_year)
        return FuzzyDate(year, month, day, rng.randrange(24), rng.randrange(60), precision,
                         qualifier)
    # Dates repeat a lot; they are immutable, so equal ones are shared (a third of the time).
    cache_key = (year, day_of_year, precision, qualifier)
    found = _DATES.get(cache_key)
    if found is not None:
        return found
    if precision is Precision.YEAR:
        date = FuzzyDate(year, precision=precision, qualifier=qualifier)
    else:
        year, month, day = civil_from_days(days_from_civil(year, 1, 1) + day_of_year)
        if precision is Precision.MONTH:
            date = FuzzyDate(year, month, precision=precision, qualifier=qualifier)
        else:
            date = FuzzyDate(year, month, day, precision=precision, qualifier=qualifier)
    _DATES[cache_key] = date
    return date


def _point(date: FuzzyDate) -> DateSpan:
    if date.precision is Precision.MINUTE:
        return DateSpan(date)
    span = _POINTS.get(id(date))
    if span is None:
        span = _POINTS[id(date)] = DateSpan(date)
    return span


def _shift(date: FuzzyDate, days: int, qualifier: Qualifier) -> FuzzyDate:
    """`date` moved later by `days`, same precision (a year or month at least one step on)."""
    if date.precision is Precision.YEAR:
        return FuzzyDate(date.year + max(1, days // 365), precision=date.precision,
                         qualifier=qualifier)
    year, month, day = civil_from_days(days_from_civil(date.year, date.month, date.day) + days)
    if date.precision is Precision.MONTH:
        return FuzzyDate(year, month, precision=date.precision, qualifier=qualifier)
    return FuzzyDate(year, month, day, date.hour, date.minute, date.precision, qualifier)


_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.MINUTE)
_PRECISION_CUM = (8, 20, 90, 100)
_QUALIFIERS = (Qualifier.EXACT, Qualifier.APPROXIMATE, Qualifier.UNCERTAIN)
_QUALIFIER_CUM = (92, 97, 100)


def _when(rng: random.Random, r: float, shape: float, precision: Precision,
          qualifier: Qualifier, end_qualifier: Qualifier) -> DateSpan:
    if r < 0.01:
        year = rng.randint(-3000, -1)  # BCE (astronomical years)
    elif r < 0.03:
        year = rng.randint(1000, 1899)
    else:
        year = min(2025, int(1900 + 126 * ((r - 0.03) / 0.97) ** 0.7))  # denser towards now
    day_of_year = rng.randrange(365)
    if shape < 0.70:
        return _point(_date(rng, year, day_of_year, precision, qualifier))
    if shape < 0.95:  # a range of up to a week, at day or minute precision
        precision = Precision.MINUTE if precision is Precision.MINUTE else Precision.DAY
        start = _date(rng, year, day_of_year, precision, qualifier)
        return DateSpan(start, _shift(start, 1 + int((shape - 0.70) * 28), Qualifier.EXACT))
    if precision is Precision.MINUTE:
        precision = Precision.DAY
    start = _date(rng, year, day_of_year, precision, qualifier)
    if shape > 0.995:
        return DateSpan(start, open_end=True)  # ongoing
    return DateSpan(start, _shift(start, int(40 * 400 ** ((shape - 0.95) / 0.045)),
                                  end_qualifier))


def _party_name(rng: random.Random, words: _Words, kind: str, index: int) -> str:
    if kind == "person":
        return f"{rng.choice(_GIVEN)} {words.take(1)[0].capitalize()}"
    stem = " ".join(w.capitalize() for w in words.take(rng.randint(1, 2)))
    return f"{stem} {rng.choice(_ORG_SUFFIX[kind])}"


def generate_stories(events: int, parties: int, *, seed: int = 0,
                     progress: Callable[[int], None] | None = None) -> Iterator[Story]:
    """Yield the synthetic store as Story chunks: the first holds every category, party,
    source and era; each holds up to CHUNK events. Deterministic for `seed`."""
    if events < 0 or parties < 1:
        raise ValueError("need events >= 0 and parties >= 1")
    rng = random.Random(seed)
    words = _Words(rng)

    categories = tuple(
        CategoryRecord(key=f"c{i:02d}", name=name.capitalize(),
                       color=f"#{rng.randrange(0x1000000):06x}",
                       parent="c00" if name in ("law", "war") else None)
        for i, name in enumerate(CATEGORIES)
    )
    kinds = rng.choices(PARTY_KINDS, weights=_KIND_WEIGHTS, k=parties)
    party_records = []
    for i, kind in enumerate(kinds):
        name = _party_name(rng, words, kind, i)
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.2:
            initials = "".join(part[0] for part in name.split())
            aliases = (initials,) if rng.random() < 0.7 else (initials, f"the {name.split()[-1]}")
        description = " ".join(words.take(rng.randint(0, 12)))
        party_records.append(PartyRecord(key=f"p{i:06d}", name=name, kind=kind,
                                         description=description, aliases=aliases))
    party_keys = [p.key for p in party_records]
    rng.shuffle(party_keys)  # busiest parties are spread over kinds and key order
    party_table = _zipf_table(party_keys, 1.0, max(1 << 16, 16 * parties))

    n_sources = max(1, min(300, events // 1000 + 1))
    sources = tuple(
        SourceRecord(key=f"s{i:04d}", title=" ".join(words.take(4)).capitalize(),
                     publisher=" ".join(words.take(2)).title(),
                     url=f"https://example.org/{i}",
                     published=DateSpan(FuzzyDate(rng.randint(1950, 2025))),
                     text=" ".join(words.take(rng.randint(5, 40))))
        for i in range(n_sources)
    )
    source_keys = [s.key for s in sources]
    eras = tuple(
        EraRecord(key=f"era{i}", name=name, when=DateSpan(FuzzyDate(a), FuzzyDate(b)))
        for i, (name, a, b) in enumerate((("Belle Époque", 1900, 1914), ("Interwar", 1918, 1939),
                                          ("Post-war", 1945, 1973), ("Digital age", 1990, 2025)))
    )
    category_keys = [c.key for c in categories]
    category_cum = _zipf_cum(len(category_keys), 0.8)
    sentences = [" ".join(words.take(rng.randint(6, 14))).capitalize() + "."
                 for _ in range(4000)]
    sentence_table = _zipf_table(sentences, 0.6, 1 << 16)

    role_records: dict[tuple[str, str], RoleRecord] = {}

    def role_record(party: str, role: str) -> RoleRecord:
        found = role_records.get((party, role))
        if found is None:
            found = role_records[(party, role)] = RoleRecord(party, role)
        return found

    _DATES.clear()
    _POINTS.clear()
    first = True
    done = 0
    while first or done < events:
        n = min(CHUNK, events - done)
        title_words = words.take(n * 6)
        party_draws = rng.choices(party_table, k=n * 4)
        role_draws = rng.choices(ROLES, weights=_ROLE_WEIGHTS, k=n * 4)
        precisions = rng.choices(_PRECISIONS, cum_weights=_PRECISION_CUM, k=n)
        qualifiers = rng.choices(_QUALIFIERS, cum_weights=_QUALIFIER_CUM, k=n * 2)
        counts = rng.choices((1, 2, 3, 4), cum_weights=(35, 70, 90, 100), k=n)
        event_categories = rng.choices(category_keys, cum_weights=category_cum, k=n)
        texts = rng.choices(sentence_table, k=n * 3)
        records = []
        for j in range(n):
            k = 3 + (j * 7 + done) % 4
            title = " ".join(title_words[j * 6:j * 6 + k]).capitalize()
            r = rng.random()
            description = " ".join(texts[j * 3:j * 3 + int(rng.random() * 4)])
            seen: dict[str, str] = {}
            for m in range(j * 4, j * 4 + counts[j]):
                seen.setdefault(party_draws[m], role_draws[m])
            roles = tuple(role_record(key, role) for key, role in seen.items())
            citations: tuple[CitationRecord, ...] = ()
            if r < 0.1:
                citations = tuple(
                    CitationRecord(rng.choice(source_keys),
                                   " ".join(words.take(rng.randint(4, 20))))
                    for _ in range(1 + (r < 0.03)))
            when = _when(rng, rng.random(), rng.random(), precisions[j], qualifiers[j * 2],
                         qualifiers[j * 2 + 1])
            records.append(EventRecord(key=f"e{done + j:07d}", title=title, when=when,
                                       description=description,
                                       category=event_categories[j] if r < 0.9 else None,
                                       parties=roles, citations=citations))
        done += n
        if first:
            yield Story(title=f"Synthetic story ({events:,} events, seed {seed})",
                        categories=categories, parties=tuple(party_records), sources=sources,
                        eras=eras, events=tuple(records))
            first = False
        else:
            yield Story(events=tuple(records))
        if progress is not None:
            progress(done)


def generate(out: Path, events: int, parties: int, *, seed: int = 0,
             progress: Callable[[int], None] | None = None) -> None:
    """Write a new synthetic store at `out` (which must not exist, or be an empty file that a
    killed run left) through the import path.

    The stories are built in a second thread while the store writes: SQLite releases the GIL
    while it works, so on two cores generating and writing overlap. Same seed, same store.
    """
    chunks: queue.Queue[Story | BaseException | None] = queue.Queue(maxsize=3)
    stop = threading.Event()

    def produce() -> None:
        try:
            for story in generate_stories(events, parties, seed=seed, progress=progress):
                if stop.is_set():
                    return
                chunks.put(story)
            chunks.put(None)
        except BaseException as error:  # handed to the writing thread, raised there
            chunks.put(error)

    def consume() -> Iterator[Story]:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    producer = threading.Thread(target=produce, name="generate", daemon=True)
    producer.start()
    try:
        # Built beside `out` and put in place when complete: a kill leaves nothing there.
        with Store.open(out, create=True, only_new=True) as store:
            store.add_stories(consume(), new_file=True)
    except BaseException:
        stop.set()
        while producer.is_alive():  # unblock a producer waiting on a full queue
            try:
                chunks.get(timeout=0.1)
            except queue.Empty:
                pass
        raise
    producer.join()
