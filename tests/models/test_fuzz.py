"""Fuzzing the two doors user data comes in by: search text and imported records (issue #4).

Search: any text, at any limit, on the in-memory store and on a worker's reader of a file store,
never raises and gives distinct hits, no more than asked, that are the store's own records.
Import: any JSON, any text or bytes, and the sample story with one thing broken give a Story or
a FormatError naming the JSON path at fault, never another exception; valid generated stories go
through a fresh store and back unchanged.

Stores are built once per module (hypothesis re-runs a test body many times per fixture).
"""

from __future__ import annotations

import copy
import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.dates import (
    MAX_SHORT_YEAR,
    MAX_YEAR,
    MIN_SHORT_YEAR,
    MIN_YEAR,
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
    Qualifier,
    days_in_month,
    parse_edtf,
)
from models.domain import SearchResults
from models.interchange import FormatError, dump_native, parse_native, read_native
from models.paths import sample_story_path
from models.store import Store
from models.store.search import (
    SearchReader,
    first_results,
    forget,
    fts_query,
    open_reader,
    ranked_results,
)
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

SEARCH_EXAMPLES = 5_000

# -- stores, once per module ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def memory_store() -> Iterator[Store]:
    with Store.memory() as store:
        store.add_stories([read_native(sample_story_path())])
        yield store


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the sample story, written as memory_store is: the same ids."""
    path = tmp_path_factory.mktemp("fuzz") / "story.db"
    with Store.open(path, create=True) as store:
        store.add_stories([read_native(sample_story_path())])
    return path


@pytest.fixture(scope="module")
def conn(store_file: Path) -> Iterator[sqlite3.Connection]:
    """A worker's read-only connection to the store file (models.store.search.open_reader)."""
    found = open_reader(store_file)
    yield found
    forget(found)
    found.close()


@pytest.fixture(scope="module")
def reader(store_file: Path) -> Iterator[SearchReader]:
    """The search box's reader on the store file."""
    found = SearchReader(store_file)
    yield found
    found.close()


def _sample_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sample_story_path().read_text(encoding="utf-8"))
    return doc


SAMPLE_DOC = _sample_doc()
SAMPLE_TEXT = json.dumps(SAMPLE_DOC)
NAMES = sorted({p["name"] for p in SAMPLE_DOC["parties"]}
               | {a for p in SAMPLE_DOC["parties"] for a in p.get("aliases", [])})
TITLES = sorted(e["title"] for e in SAMPLE_DOC["events"])

# -- search ---------------------------------------------------------------------------------------

# What people (and pasted text) throw at a search box: FTS5 syntax, quotes, markup, NUL,
# combining marks, right-to-left text and overrides, lone surrogates, the sample's own words.
SEARCH_TOKENS = (
    "AND", "OR", "NOT", "NEAR", "NEAR(", "*", "^", ":", "(", ")", '"', "'", "-", "+", "{", "}",
    "title:", "name:", "description:", "events_fts", "rank", "bm25(", "\x00", "\\", "%", "_",
    "';--", "<b>", "<img src=file:///etc/passwd>", "javascript:", "\u0301", "e\u0301",
    "\u202e", "\u202d", "\u200f", "\u2066", "مرحبا", "שלום", "华为", "\ufeff", "\ud800",
    "\udfff", "Σ", "ß", "İ", "ﬃ", "\U0001d518", "٣", "\u3000", "\n", "\t", *NAMES, "Huawei",
    "Hauwei", "Washington", "patent", "2019", "5G",
)
_any_char = st.characters(codec=None, exclude_categories=())  # surrogates and controls too
search_texts = st.one_of(
    st.text(_any_char, max_size=40),
    st.lists(st.one_of(st.sampled_from(SEARCH_TOKENS), st.text(_any_char, max_size=6)),
             max_size=16).map(" ".join),
    st.lists(st.sampled_from(SEARCH_TOKENS), max_size=16).map("".join),
    # long: past MAX_QUERY_CHARS and MAX_QUERY_WORDS
    st.tuples(st.text(_any_char, min_size=1, max_size=8), st.integers(20, 20_000))
    .map(lambda t: (t[0] + " ") * t[1]),
)


def _check_results(store: Store, results: SearchResults, text: str, limit: int) -> None:
    assert isinstance(results, SearchResults)
    assert results.text == text
    most = max(limit, 0)
    assert len(results.parties) <= most and len(results.events) <= most
    party_ids = [hit.party.id for hit in results.parties]
    event_ids = [hit.event.id for hit in results.events]
    assert len(set(party_ids)) == len(party_ids), "a party is listed twice"
    assert len(set(event_ids)) == len(event_ids), "an event is listed twice"
    for party_hit in results.parties:
        assert store.party(party_hit.party.id) == party_hit.party
        assert party_hit.matched_alias is None or party_hit.matched_alias in \
            party_hit.party.aliases
    for event_hit in results.events:
        assert store.event(event_hit.event.id) == event_hit.event
    if fts_query(text) is None:  # nothing searchable: nothing found
        assert not results.parties and not results.events


@settings(max_examples=SEARCH_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=search_texts, limit=st.integers(-2, 25))
@example(text='"', limit=20)
@example(text="NEAR(huawei ericsson, 2) AND NOT *", limit=20)
@example(text="\x00", limit=20)
@example(text="\ud800huawei", limit=20)
@example(text="huawei " * 5_000, limit=20)
def test_any_text_searches_safely(memory_store: Store, conn: sqlite3.Connection, text: str,
                                  limit: int) -> None:
    _check_results(memory_store, memory_store.search(text, limit=limit), text, limit)
    _check_results(memory_store, first_results(conn, text, limit=limit), text, limit)
    _check_results(memory_store, ranked_results(conn, text, limit=limit, typos=False),
                   text, limit)


# Around and between the words: anything that is not part of a word (the search ignores it).
_not_word = st.text(st.sampled_from(' "*^:()-+,.;!?<>/\\\'\t\n{}[]&|~'), max_size=4)


@st.composite
def decorated(draw: st.DrawFn, texts: list[str]) -> tuple[str, str]:
    """(a name or title, as typed: any case, words split by punctuation and FTS operators)."""
    original = draw(st.sampled_from(texts))
    words = original.split()
    cased = [draw(st.sampled_from((w, w.upper(), w.lower(), w.swapcase()))) for w in words]
    typed = draw(_not_word) + "".join(w + draw(_not_word) + " " for w in cased)
    return original, typed


@settings(max_examples=300, deadline=None)
@given(name=decorated(NAMES))
def test_a_party_name_or_alias_as_typed_finds_the_party(
        memory_store: Store, conn: sqlite3.Connection, name: tuple[str, str]) -> None:
    original, typed = name
    for results in (memory_store.search(typed), first_results(conn, typed)):
        found = {hit.party.name for hit in results.parties} | {
            alias for hit in results.parties for alias in hit.party.aliases}
        assert original in found, (typed, results)


@settings(max_examples=200, deadline=None)
@given(title=decorated(TITLES))
def test_an_event_title_as_typed_finds_the_event(memory_store: Store,
                                                 title: tuple[str, str]) -> None:
    original, typed = title
    results = memory_store.search(typed)
    assert original in {hit.event.title for hit in results.events}, (typed, results)


@settings(max_examples=500, deadline=None)
@given(text=search_texts, limit=st.integers(0, 25))
@example(text="Wash", limit=20)
@example(text="Hauwei", limit=20)
def test_a_worker_reader_on_a_file_finds_what_the_store_finds(
        memory_store: Store, conn: sqlite3.Connection, reader: SearchReader, text: str,
        limit: int) -> None:
    first = reader.first_results(text, limit=limit)
    ranked = reader.ranked_results(text, limit=limit)
    assert first is not None and ranked is not None  # None only when interrupted
    _check_results(memory_store, first, text, limit)
    _check_results(memory_store, ranked, text, limit)
    assert first == first_results(conn, text, limit=limit)
    assert ranked == ranked_results(conn, text, limit=limit)
    # Same story, same ids: the same hits in the same order as the in-memory store's.
    assert ranked == memory_store.search(text, limit=limit)


def test_the_file_and_memory_stores_have_the_same_ids(memory_store: Store,
                                                      store_file: Path) -> None:
    with Store.open(store_file) as on_disk:
        for table, records in (("parties", SAMPLE_DOC["parties"]),
                               ("events", SAMPLE_DOC["events"])):
            for record in records:
                assert on_disk.key_of(table, record["id"]) == \
                    memory_store.key_of(table, record["id"])


def test_an_interrupted_reader_says_none_and_keeps_working(reader: SearchReader) -> None:
    reader.interrupt()  # nothing running: nothing to stop, nothing breaks
    again = reader.ranked_results("Huawei")
    assert again is not None and again.parties


# -- imported records: the problems a FormatError lists --------------------------------------------


def _problem_paths(error: FormatError) -> list[str]:
    """The JSON path of every problem ('$.events[3].date: …' -> '$.events[3].date')."""
    paths = []
    for problem in error.problems:
        assert problem.startswith(("$", "line ", "byte ")), problem
        paths.append(problem.split(": ", 1)[0])
    return paths


def _related(a: str, b: str) -> bool:
    """Whether one JSON path is the other or inside it ('$.a[1]' and '$.a[1].b', not '$.a[10]')."""
    short, long = sorted((a, b), key=len)
    return long == short or (long.startswith(short) and long[len(short)] in ".[")


def _parse_or_format_error(text: str, source: str = "fuzz.json") -> Story | FormatError:
    """parse_native's answer; any exception but FormatError fails the test."""
    try:
        story = parse_native(text, source=source)
    except FormatError as error:
        assert error.source == source and str(error).startswith(f"{source}: ")
        assert error.problems and all(p.strip() for p in error.problems)
        return error
    assert isinstance(story, Story)
    # Whatever was read writes back to a file that reads the same.
    written = dump_native(story)
    assert dump_native(parse_native(written)) == written
    return story


# -- imported records: any JSON, text or bytes ----------------------------------------------------

FIELDS = ("format", "version", "title", "categories", "parties", "sources", "eras", "events",
          "id", "name", "kind", "description", "aliases", "color", "parent", "url", "published",
          "text", "publisher", "date", "category", "party", "role", "source", "quote",
          "citations")
# Dates, nearly right: explored by from_regex in the date property below, and drawn from a
# fixed sample of it elsewhere (from_regex costs ~4 ms a draw).
EDTF_REGEX = st.from_regex(
    r"\A(Y-?[0-9]{1,14}|-?[0-9]{1,6}(-[0-9]{1,2}(-[0-9]{1,2}(T[0-9]{1,2}:[0-9]{1,2}"
    r"(:[0-9]{1,2})?Z?)?)?)?)[~?%]?(/(\.\.|-?[0-9]{4}(-[0-9]{2})?[~?%]?)?)?\Z")


def _date_texts(count: int) -> list[str]:
    """Dates mostly well formed, a few fields out of range, some malformed."""
    rng = random.Random(4)

    def digits(low: int, high: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(low, high)))

    def field(low: int, high: int) -> str:  # two digits, now and then out of range or not two
        return digits(1, 3) if rng.random() < 0.05 else f"{rng.randint(low, high):02d}"

    def one() -> str:
        if rng.random() < 0.15:
            return f"Y{rng.choice(('', '-'))}{digits(1, 14)}{rng.choice(('', '~', '?', '%'))}"
        text = rng.choice(("", "", "", "-")) + (digits(1, 6) if rng.random() < 0.1
                                                 else f"{rng.randint(0, 9999):04d}")
        for part, sep in (("month", "-"), ("day", "-"), ("time", "T")):
            if rng.random() < 0.4:
                break
            text += sep + {"month": lambda: field(0, 13), "day": lambda: field(0, 32),
                           "time": lambda: f"{field(0, 24)}:{field(0, 60)}"}[part]()
        return text + rng.choice(("", "", "~", "?", "%"))

    return [one() + (rng.choice(("/..", "/", f"/{one()}")) if rng.random() < 0.3 else "")
            for _ in range(count)]


EDTF_LIKE = st.sampled_from(_date_texts(2_000))
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(_any_char, max_size=20), EDTF_LIKE, st.sampled_from(("huawei", "patents", "",
                                                                 "#3b82f6", "organisation")))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=5)), inner,
                      max_size=5),
    max_leaves=15)
# Records of known fields with shallow values (deep ones are json_values' job): cheap to make.
field_values = st.one_of(
    json_scalars, st.lists(json_scalars, max_size=3),
    st.lists(st.dictionaries(st.sampled_from(FIELDS), json_scalars, max_size=3), max_size=2))
record_like = st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=6)
documents = st.one_of(
    json_values,
    # a header that passes, so the records themselves are read
    st.fixed_dictionaries(
        {"format": st.just("chronolens"), "version": st.just(1)},
        optional={name: st.one_of(st.lists(record_like, max_size=3), json_scalars)
                  for name in ("title", "categories", "parties", "sources", "eras", "events")}),
)


@settings(max_examples=1_800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents)
def test_any_json_document_gives_a_story_or_a_format_error(doc: Any) -> None:
    _parse_or_format_error(json.dumps(doc))


@settings(max_examples=800, deadline=None)
@given(text=st.one_of(
    st.text(_any_char),
    st.builds(lambda a, b: json.dumps(SAMPLE_DOC)[:a] + b, st.integers(0, 20_000),
              st.text(_any_char, max_size=5)),
    st.sampled_from(("", "null", "[]", "{}", "1" * 5_000, "-" + "9" * 5_000, "1e999",
                     '{"format": "chronolens", "version": ' + "1" * 5_000 + "}",
                     "[" * 100_000, '{"a":' * 50_000, "\ufeff{}", "NaN", "Infinity"))))
def test_any_text_gives_a_story_or_a_format_error(text: str) -> None:
    _parse_or_format_error(text)


@pytest.fixture(scope="module")
def file_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("files") / "file.json"


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(
    st.binary(max_size=200),
    st.builds(lambda a, b: json.dumps(SAMPLE_DOC).encode()[:a] + b, st.integers(0, 20_000),
              st.binary(max_size=4)),
    st.builds(lambda b: b"\xef\xbb\xbf" + b, st.binary(max_size=20))))
def test_any_file_gives_a_story_or_a_format_error(file_path: Path, data: bytes) -> None:
    path = file_path
    path.write_bytes(data)
    try:
        story = read_native(path)
    except FormatError as error:
        assert error.source == str(path) and error.problems
        return
    assert isinstance(story, Story)


# -- imported records: the sample with one thing broken -------------------------------------------


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document: each object member and list item, nested."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _leaf_paths(item, (*path, index))


PLACES = list(_leaf_paths(SAMPLE_DOC))
# Record paths (kind, index) for record-level changes: a field removed or added.
RECORDS = [p for p in PLACES if len(p) == 2 and isinstance(p[1], int)]
IDS = sorted({r["id"] for name in ("categories", "parties", "sources", "eras", "events")
              for r in SAMPLE_DOC[name]})
DELETE = object()

broken_values = st.one_of(
    json_scalars,
    st.lists(json_scalars, max_size=3),
    st.dictionaries(st.sampled_from(FIELDS), json_scalars, max_size=3),
    st.sampled_from((
        "2023-13", "2023-02-30", "2023-08-25T24:00", "2023-08-25T23:60", "-0000", "0000",
        "Y-13798000000", "Y99999999999", "Y100000000000", "Y-100000000000", "Y9999",
        "Y" + "9" * 40, "-9999", "10000", "2019/..", "../2019", "2019/", "2020/2019",
        "2016~/2020?", "2016/2020/2024", "2016%", " 2016 ", "2016\n", "٢٠١٦",
        "nobody", "huawei\n", "huawei ", "a" * 201, "#12345", "#GGGGGG", "red",
        "x" * 100_000, "<b>bold</b>" * 1_000, "\x00", "a\x00b", "\ud800", "x\udfffy",
        "\u202eevil", "", " ", "organisation", "person", "Person", 1, 1.0, True, -1,
        10**30, 2**63, -(2**63) - 1, 1e308, [], {}, [{}], [None], ["", " "],
        [{"party": "huawei", "role": "signatory"}] * 3,
        [{"source": "nowhere"}], [{"party": "nobody", "role": "x"}],
    )),
    st.sampled_from(IDS),  # a duplicate id, or a reference to a record of another kind
    st.just(DELETE),
)


def _path_text(path: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


@st.composite
def broken_documents(draw: st.DrawFn) -> tuple[str, tuple[Any, ...], bool]:
    """(the sample story as JSON text with one thing changed, where, whether a value was
    written twice under the same key — the last one counts)."""
    doc = json.loads(SAMPLE_TEXT)  # a fresh copy, faster than deepcopy
    record = draw(st.sampled_from(RECORDS)) if draw(st.booleans()) else None
    if record is not None and draw(st.booleans()):  # an unknown or a missing field
        path = (*record, draw(st.sampled_from(FIELDS)))
        if path[-1] not in doc[path[0]][path[1]]:
            value = draw(broken_values.filter(lambda v: v is not DELETE))
            _set(doc, path, value)
            return json.dumps(doc, ensure_ascii=draw(st.booleans())), path, False
    else:
        path = draw(st.sampled_from(PLACES))
    value = draw(broken_values)
    twice = (value is not DELETE and isinstance(path[-1], str) and draw(st.booleans()))
    if twice:  # duplicate key: the original value first, the broken one after it
        marker = "\u0001marker\u0001"
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        original, parent[path[-1]] = parent[path[-1]], marker
        text = json.dumps(doc).replace(
            json.dumps(marker),
            f"{json.dumps(original)}, {json.dumps(path[-1])}: {json.dumps(value)}", 1)
        return text, path, True
    _set(doc, path, value)
    return json.dumps(doc, ensure_ascii=draw(st.booleans())), path, False


@settings(max_examples=2_500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken=broken_documents())
def test_a_broken_sample_gives_a_story_or_errors_naming_the_field(
        broken: tuple[str, tuple[Any, ...], bool]) -> None:
    text, path, _twice = broken
    result = _parse_or_format_error(text)
    if not isinstance(result, FormatError):
        return
    paths = _problem_paths(result)
    # A changed id, or a record or list of records changed whole, breaks the references to
    # it (and those are named); anything else is named where it is.
    if path[-1] == "id" or len(path) <= 2:
        return
    where = _path_text(path)
    assert any(_related(where, p) for p in paths), (where, result.problems[:5])


@settings(max_examples=300, deadline=None)
@given(broken=broken_documents())
def test_a_broken_sample_that_reads_goes_through_a_store_unchanged(
        broken: tuple[str, tuple[Any, ...], bool]) -> None:
    text, _path, _twice = broken
    result = _parse_or_format_error(text)
    if isinstance(result, Story):  # (about half of them; no assume(): it would redraw)
        _check_store_round_trip(result)


# -- imported records: valid generated stories round-trip through a store -------------------------

_text_char = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")  # as read
any_text = st.text(_text_char, max_size=30)
names = st.text(_text_char, min_size=1, max_size=20).filter(lambda s: s.strip() != "")


def _keys(count: int) -> list[str]:
    """Ids as the format allows them: short and long (200), every allowed character."""
    rng = random.Random(7)
    alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    found = {"a", "0", "A" * 200, "x._:-", "9-9"}
    while len(found) < count:
        size = rng.choice((0, 1, 3, 8, 20, 199))
        found.add(rng.choice(alnum) + "".join(rng.choice(alnum + "._:-") for _ in range(size)))
    return sorted(found)


keys = st.sampled_from(_keys(300))  # (drawing ids character by character is slow)
colors = st.none() | st.integers(0, 0xFFFFFF).map(lambda c: f"#{c:06x}")


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    precision = draw(st.sampled_from(Precision))
    qualifier = draw(st.sampled_from(Qualifier))
    if precision == Precision.YEAR:
        year = draw(st.one_of(st.integers(MIN_SHORT_YEAR, MAX_SHORT_YEAR),
                              st.integers(MIN_YEAR, MAX_YEAR),
                              st.sampled_from((MIN_YEAR, MAX_YEAR, 0, -1, 10_000, -10_000))))
        return FuzzyDate(year, precision=precision, qualifier=qualifier)
    year = draw(st.integers(MIN_SHORT_YEAR, MAX_SHORT_YEAR))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, days_in_month(year, month))) if precision >= Precision.DAY else 1
    hour, minute = (draw(st.integers(0, 23)), draw(st.integers(0, 59))) \
        if precision == Precision.MINUTE else (0, 0)
    return FuzzyDate(year, month, day, hour, minute, precision, qualifier)


@st.composite
def date_spans(draw: st.DrawFn) -> DateSpan:
    start = draw(fuzzy_dates())
    shape = draw(st.sampled_from(("point", "range", "ongoing")))
    if shape == "ongoing":
        return DateSpan(start, open_end=True)
    if shape == "range":
        end = draw(fuzzy_dates())
        if end.earliest < start.earliest:
            start, end = end, start
        return DateSpan(start, end)
    return DateSpan(start)


@st.composite
def stories(draw: st.DrawFn) -> Story:
    def unique_keys(most: int) -> list[str]:
        return draw(st.lists(keys, max_size=most, unique=True))

    category_keys = unique_keys(2)
    categories = tuple(
        CategoryRecord(k, draw(names), draw(colors),
                       draw(st.none() | st.sampled_from(category_keys)))
        for k in category_keys)
    party_keys = unique_keys(3)
    parties = tuple(
        PartyRecord(k, draw(names), draw(st.sampled_from(PARTY_KINDS)), draw(any_text),
                    tuple(sorted(draw(st.sets(names, max_size=3)))))
        for k in party_keys)
    source_keys = unique_keys(2)
    sources = tuple(
        SourceRecord(k, draw(names), draw(any_text),
                     draw(st.sampled_from(("", "https://example.org/a?b=1&c=2",
                                           "javascript:alert(1)", "file:///etc/hosts"))),
                     draw(st.none() | date_spans()), draw(st.text(_text_char, max_size=200)))
        for k in source_keys)
    eras = tuple(EraRecord(k, draw(names), draw(date_spans()), draw(colors))
                 for k in unique_keys(1))
    events = []
    for k in unique_keys(4):
        roles = draw(st.lists(st.builds(RoleRecord, st.sampled_from(party_keys), names),
                              max_size=3, unique=True)) if party_keys else []
        citations = draw(st.lists(st.builds(CitationRecord, st.sampled_from(source_keys),
                                            any_text), max_size=2)) if source_keys else []
        events.append(EventRecord(k, draw(names), draw(date_spans()), draw(any_text),
                                   draw(st.none() | st.sampled_from(category_keys))
                                   if category_keys else None,
                                   tuple(roles), tuple(citations)))
    return Story(draw(any_text), categories, parties, sources, eras, tuple(events))


def _check_store_round_trip(story: Story) -> None:
    """Written to a new store and exported, the story is the same file."""
    written = dump_native(story)
    with Store.memory() as store:
        store.add_stories([story])
        exported = dump_native(store.story())
    assert exported == written
    assert parse_native(exported) == parse_native(written)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story=stories())
def test_a_valid_story_round_trips_through_a_store(story: Story) -> None:
    written = dump_native(story)
    parsed = parse_native(written, source="generated.json")  # valid: must read
    assert dump_native(parsed) == written
    _check_store_round_trip(parsed)


@settings(max_examples=1_000, deadline=None)
@given(when=date_spans())
def test_every_date_reads_back_from_its_edtf(when: DateSpan) -> None:
    assert parse_edtf(when.edtf()) == when
    assert when.earliest <= when.latest
    assert isinstance(when.display(), str)


@settings(max_examples=1_000, deadline=None)
@given(text=st.one_of(EDTF_REGEX, EDTF_LIKE, st.text(_any_char, max_size=30),
                      st.builds(lambda a, b: a + b, EDTF_LIKE, st.text(_any_char, max_size=3))))
def test_any_date_text_gives_a_date_or_a_date_error(text: str) -> None:
    try:
        when = parse_edtf(text)
    except DateError as error:
        assert str(error)
        return
    assert parse_edtf(when.edtf()) == when
    assert when.earliest <= when.latest


# -- regressions found by the properties above ----------------------------------------------------


def _broken_sample(change: Any) -> str:
    doc = copy.deepcopy(SAMPLE_DOC)
    change(doc)
    return json.dumps(doc)


def test_a_number_too_long_for_int_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=r"\$: a number is too long"):
        parse_native('{"format": "chronolens", "version": ' + "1" * 5_000 + "}")


def test_lone_surrogates_are_refused_with_their_path() -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["events"][2]["title"] = "a\ud800b"
        doc["parties"][0]["aliases"] = ["\udfff"]

    with pytest.raises(FormatError) as raised:
        parse_native(_broken_sample(change))
    assert [p.split(": ")[0] for p in raised.value.problems] == [
        "$.parties[0].aliases", "$.events[2].title"]


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["categories"][0]["id"] = "patents\n"
        doc["categories"][1]["color"] = "#ef4444\n"

    with pytest.raises(FormatError) as raised:
        parse_native(_broken_sample(change))
    problems = [p.split(": ")[0] for p in raised.value.problems]
    assert "$.categories[0].id" in problems and "$.categories[1].color" in problems


def test_an_empty_reference_is_refused_with_its_path() -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["events"][6]["parties"][1]["party"] = ""
        doc["events"][0]["citations"][0]["source"] = ""

    with pytest.raises(FormatError) as raised:
        parse_native(_broken_sample(change))
    assert [p.split(": ")[0] for p in raised.value.problems] == [
        "$.events[0].citations[0].source", "$.events[6].parties[1].party"]


def test_version_must_be_the_number_one() -> None:
    for version in ("true", "1.0"):
        with pytest.raises(FormatError, match=r"\$\.version"):
            parse_native(f'{{"format": "chronolens", "version": {version}}}')


def test_an_empty_parent_is_no_parent_and_round_trips() -> None:
    story = parse_native(_broken_sample(lambda doc: doc["categories"][0].update(parent="")))
    assert story.categories[0].parent is None
    _check_store_round_trip(story)


def test_a_party_listed_twice_in_one_role_is_one_participation() -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["events"][0]["parties"].append(dict(doc["events"][0]["parties"][0]))

    story = parse_native(_broken_sample(change))
    first = next(e for e in story.events if e.key == SAMPLE_DOC["events"][0]["id"])
    assert len(first.parties) == len(SAMPLE_DOC["events"][0]["parties"])
    _check_store_round_trip(story)
