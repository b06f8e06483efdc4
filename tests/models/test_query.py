"""Tests for models.query: the search box's query language (issue 14 §2) and its completion.

Properties: parse_query never raises; what it gives reads back unchanged through format_query;
every piece of a well-formed query ends up a term or free text. Examples for each field, each
kind of malformed piece, date span arithmetic, quoting and completion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.dates import OPEN_END, seconds_from_civil
from models.query import (
    FIELDS,
    IS_VALUES,
    MAX_CHARS,
    OPEN_START,
    PRECISION_VALUES,
    Completion,
    Query,
    Term,
    complete,
    format_query,
    format_term,
    parse_query,
)

EXAMPLE = ('party:Huawei role:signatory date:2019..2023 category:"Patents & licensing" '
           'source:Reuters tag:key is:starred is:uncertain kind:person "cross-licence" '
           '-party:"United States"')


def year_span(first: int, last: int) -> tuple[int, int]:
    return seconds_from_civil(first, 1, 1), seconds_from_civil(last + 1, 1, 1) - 1


# --- strategies --------------------------------------------------------------------------------

# Characters that matter to the scanner, mixed with anything else.
_tricky = st.sampled_from([*' \t\n\r\x00\x1f\x85\u2028"“”\\:-.=~?/', "party:", "is:", "date:"])
any_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_tricky, st.text(max_size=6)), max_size=40).map("".join),
)
_plain_values = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
_dates = st.sampled_from(["2019", "2019..2023", "2019-03..2020", "..2020", "2019..", "2023-08",
                          "2023-08-25", "-0043..0010", "2019~/2023?", "Y-13798000000..1970"])


@st.composite
def terms(draw: st.DrawFn) -> Term:
    field = draw(st.sampled_from(FIELDS))
    negated = draw(st.booleans())
    if field == "is":
        value = draw(st.sampled_from(IS_VALUES))
    elif field == "precision":
        value = draw(st.sampled_from(PRECISION_VALUES))
    elif field == "date":
        value, negated = draw(_dates), False
    elif field == "attr":
        value = draw(_plain_values.filter(lambda v: "=" not in v)) + "=" + draw(_plain_values)
    else:
        value = draw(_plain_values)
    value = " ".join(value.split())
    if field == "attr" and not all(side.strip() for side in value.partition("=")[::2]):
        value = "country=China"
    return Term(field, value or "x", negated)


_words = _plain_values.map(lambda w: " ".join(w.split())).filter(bool)


def phrase(word: str) -> str:
    """A word or phrase as typed, always quoted."""
    escaped = word.replace("\\", "\\\\")
    for quote in '"“”':
        escaped = escaped.replace(quote, "\\" + quote)
    return f'"{escaped}"'


@st.composite
def queries(draw: st.DrawFn) -> Query:
    """Well-formed queries, built through the parser from generated terms and words."""
    made = draw(st.lists(terms(), max_size=6))
    words = draw(st.lists(_words, max_size=6))
    query = parse_query(" ".join([*(format_term(t) for t in made), *map(phrase, words)]))
    assert query.notes == ()
    assert query.terms == tuple(made)
    assert query.words == tuple(words)
    return query


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_texts)
@example(text='"')
@example(text="“")
@example(text='party:"')
@example(text='-"')
@example(text="-")
@example(text=":")
@example(text="date:..")
@example(text="date:Y99999999999999999999..")
@example(text="date:" + "9" * 400)
@example(text='\\"a\\')
@example(text="party:Huawei " * 1_000)
@example(text="\ud800party:\x00")
def test_parse_never_raises_and_reads_back(text: str) -> None:
    query = parse_query(text)
    assert all(isinstance(note, str) and note for note in query.notes)
    assert all(term.field in FIELDS and term.value for term in query.terms)
    if query.span is not None:
        assert query.span == (1, 0) or query.span[0] <= query.span[1]
    # What was read (pieces searched as text included) reads back the same, with nothing to say
    # (when quoting has not made it longer than the cut).
    if len(format_query(query)) > MAX_CHARS:
        return
    again = parse_query(format_query(query))
    assert (again.terms, again.text, again.span, again.notes) == (
        query.terms, query.text, query.span, ())
    assert parse_query(format_query(again)) == again


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries())
def test_round_trip(query: Query) -> None:
    assert parse_query(format_query(query)) == query
    for term in query.terms:
        assert parse_query(format_term(term)).terms == (term,)


@settings(max_examples=300, deadline=None)
@given(made=st.lists(terms(), max_size=8), words=st.lists(
    st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp"),
                          blacklist_characters='"“”:-'), min_size=1, max_size=10), max_size=8),
    data=st.data())
def test_every_piece_is_accounted_for(made: list[Term], words: list[str],
                                      data: st.DataObject) -> None:
    words = [w for w in words if w.split() == [w]]
    pieces = [format_term(t) for t in made] + words
    order = data.draw(st.permutations(range(len(pieces))))
    query = parse_query(" ".join(pieces[i] for i in order))
    assert query.notes == ()
    assert sorted(query.terms, key=repr) == sorted(made, key=repr)
    assert sorted(query.words) == sorted(words)
    assert len(query.terms) + len(query.words) == len(pieces)
    assert query.is_empty == (not pieces)


# --- examples: fields --------------------------------------------------------------------------


def test_the_example_query() -> None:
    query = parse_query(EXAMPLE)
    assert query.terms == (
        Term("party", "Huawei"), Term("role", "signatory"), Term("date", "2019..2023"),
        Term("category", "Patents & licensing"), Term("source", "Reuters"), Term("tag", "key"),
        Term("is", "starred"), Term("is", "uncertain"), Term("kind", "person"),
        Term("party", "United States", negated=True))
    assert query.text == "cross-licence"
    assert query.span == year_span(2019, 2023)
    assert query.notes == ()
    assert not query.is_empty
    assert format_query(query) == (
        'party:Huawei role:signatory date:2019..2023 category:"Patents & licensing" '
        "source:Reuters tag:key is:starred is:uncertain kind:person "
        '-party:"United States" cross-licence')
    assert parse_query(format_query(query)) == query


@pytest.mark.parametrize(("typed", "term"), [
    ("party:Huawei", Term("party", "Huawei")),
    ("role:signatory", Term("role", "signatory")),
    ("kind:person", Term("kind", "person")),
    ('category:"Patents & licensing"', Term("category", "Patents & licensing")),
    ("source:Reuters", Term("source", "Reuters")),
    ("tag:key", Term("tag", "key")),
    ("collection:huawei-2019.json", Term("collection", "huawei-2019.json")),
    ("precision:month", Term("precision", "month")),
    ("date:2023-08", Term("date", "2023-08")),
    ("is:ongoing", Term("is", "ongoing")),
    ("attr:country=China", Term("attr", "country=China")),
    ('attr:"head office=Shenzhen, China"', Term("attr", "head office=Shenzhen, China")),
    ("note:arbitration", Term("note", "arbitration")),
    ('note:"settled out of court"', Term("note", "settled out of court")),
    # Field names in any case, a few aliases; is: and precision: values in any case.
    ("PARTY:Huawei", Term("party", "Huawei")),
    ("Party:Huawei", Term("party", "Huawei")),
    ("p:Huawei", Term("party", "Huawei")),
    ("cat:Patents", Term("category", "Patents")),
    ("src:Reuters", Term("source", "Reuters")),
    ("file:x.csv", Term("collection", "x.csv")),
    ("attribute:a=b", Term("attr", "a=b")),
    ("is:STARRED", Term("is", "starred")),
    ("Precision:Year", Term("precision", "year")),
    # Values keep their case, colons and unicode.
    ("party:華為", Term("party", "華為")),
    ("source:https://example.com/a?b=c", Term("source", "https://example.com/a?b=c")),
    ("tag:Ünïcødé", Term("tag", "Ünïcødé")),
])
def test_each_field(typed: str, term: Term) -> None:
    query = parse_query(typed)
    assert query.terms == (term,)
    assert query.text == "" and query.notes == ()
    assert parse_query(f"-{typed}").terms == (
        () if term.field == "date" else (Term(term.field, term.value, negated=True),))


def test_every_field_and_value_list() -> None:
    assert set(FIELDS) == {"party", "role", "kind", "category", "source", "tag", "collection",
                           "precision", "date", "is", "attr", "note"}
    assert IS_VALUES == ("starred", "unstarred", "exact", "approximate", "uncertain", "ongoing")
    assert PRECISION_VALUES == ("year", "month", "day", "minute")
    for value in IS_VALUES:
        assert parse_query(f"is:{value}").terms == (Term("is", value),)


# --- examples: malformed pieces ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "text", "note"), [
    ("foo:bar", '"foo:bar"',
     "\"foo:bar\" is not a field:value term ('foo' is none of party, role, kind"),
    ('foo:"bar baz"', '"foo:bar baz"', '"foo:"bar baz"" is not a field:value term'),
    ("party:", '"party:"', '"party:" has no value; searched as text'),
    ('party:""', '"party:"', "has no value"),
    ('party:"   "', '"party:"', "has no value"),
    ('party:"United States', '"party:United" States', "has no closing quote; searched as text"),
    ('"cross licence', "cross licence", '""cross licence" has no closing quote'),
    ("date:2019..20x", '"date:2019..20x"',
     '"date:2019..20x" is not a date range (expected e.g. date:2019..2023); searched as text'),
    ("date:2023..2019", '"date:2023..2019"', "is not a date range"),
    ("date:..", '"date:.."', "is not a date range"),
    ("date:2019..2020..2021", '"date:2019..2020..2021"', "is not a date range"),
    ("date:2023-02-30", '"date:2023-02-30"', "is not a date range"),
    ("date:yesterday", '"date:yesterday"', "is not a date range"),
    ("is:famous", '"is:famous"', '"is:famous" is not one of is:starred, is:unstarred'),
    ("precision:week", '"precision:week"', "is not one of precision:year"),
    ("attr:country", '"attr:country"', "expected e.g. attr:country=China"),
    ("attr:=China", '"attr:=China"', "expected e.g. attr:country=China"),
    ("attr:country=", '"attr:country="', "expected e.g. attr:country=China"),
])
def test_malformed_pieces_are_searched_as_text(typed: str, text: str, note: str) -> None:
    query = parse_query(typed)
    assert query.terms == ()
    assert query.text == text
    assert len(query.notes) == 1 and note in query.notes[0], query.notes
    assert query.span is None
    again = parse_query(format_query(query))
    assert (again.text, again.notes) == (text, ())


@pytest.mark.parametrize(("typed", "note"), [
    ("-patent", '"-patent": excluding words is not supported; left out'),
    ('-"patent pool"', '"-"patent pool"": excluding words is not supported; left out'),
    ("-foo:bar", '"-foo:bar" is not a field:value term'),
    ("-party:", '"-party:" has no value; left out'),
    ("-is:famous", "is not one of is:starred"),
    ("-date:2019", '"-date:2019" excludes a date span, which is not supported; left out'),
    ('-party:"United States', "has no closing quote; left out"),
])
def test_malformed_exclusions_are_left_out(typed: str, note: str) -> None:
    query = parse_query(f"huawei {typed}")
    assert query.terms == ()
    assert query.text == "huawei"
    assert query.span is None
    assert len(query.notes) == 1 and note in query.notes[0], query.notes


def test_one_note_per_malformed_piece_and_the_rest_still_reads() -> None:
    query = parse_query("foo:bar party:Huawei -word is:famous tag:key date:20x lawsuit")
    assert query.terms == (Term("party", "Huawei"), Term("tag", "key"))
    assert query.text == '"foo:bar" "is:famous" "date:20x" lawsuit'
    assert len(query.notes) == 4


def test_a_lone_dash_is_text() -> None:
    query = parse_query("a - b")
    assert (query.text, query.notes) == ("a - b", ())


def test_input_is_cut() -> None:
    query = parse_query("tag:key " + "x" * 1000)
    assert query.terms == (Term("tag", "key"),)
    assert query.text == "x" * (MAX_CHARS - len("tag:key "))
    assert query.notes == (f"the query is cut at {MAX_CHARS} characters",)
    # Cutting inside a quote leaves it unclosed: two notes, no error.
    query = parse_query('"' + "y " * 400 + '"')
    assert len(query.notes) == 2 and query.text.startswith("y y")


def test_empty_queries() -> None:
    for typed in ("", "   ", "\t\n", '""', '" "'):
        query = parse_query(typed)
        assert query == Query((), "", None, ())
        assert query.is_empty
    assert parse_query("-word").is_empty
    assert not parse_query("is:starred").is_empty
    assert not parse_query("lawsuit").is_empty


# --- examples: dates ---------------------------------------------------------------------------


def test_date_span_arithmetic() -> None:
    # date:2019..2023 covers 1 Jan 2019 00:00 to the last second of 2023.
    first, last = parse_query("date:2019..2023").span or (0, 0)
    assert first == seconds_from_civil(2019, 1, 1) == 1_546_300_800
    assert last == seconds_from_civil(2024, 1, 1) - 1
    assert last == seconds_from_civil(2023, 12, 31, 23, 59) + 59
    assert parse_query("date:2019").span == year_span(2019, 2019)
    assert parse_query("date:2023-08").span == (
        seconds_from_civil(2023, 8, 1), seconds_from_civil(2023, 9, 1) - 1)
    assert parse_query("date:2023-08-25").span == (
        seconds_from_civil(2023, 8, 25), seconds_from_civil(2023, 8, 26) - 1)
    assert parse_query("date:2019-03..2020").span == (
        seconds_from_civil(2019, 3, 1), seconds_from_civil(2021, 1, 1) - 1)
    assert parse_query("date:..2020").span == (OPEN_START, seconds_from_civil(2021, 1, 1) - 1)
    assert parse_query("date:2019..").span == (seconds_from_civil(2019, 1, 1), OPEN_END)
    assert parse_query("date:2019/..").span == (seconds_from_civil(2019, 1, 1), OPEN_END)
    assert parse_query("date:2019/2020").span == year_span(2019, 2020)
    assert parse_query('date:"2019 .. 2020"').span == year_span(2019, 2020)
    assert parse_query("date:-0043").span == year_span(-43, -43)
    assert parse_query("date:2019..2019").span == year_span(2019, 2019)
    assert parse_query("date:2019-12..2019").span == (
        seconds_from_civil(2019, 12, 1), seconds_from_civil(2020, 1, 1) - 1)
    assert parse_query("lawsuit").span is None
    assert OPEN_START < seconds_from_civil(-9999, 1, 1)


def test_date_terms_intersect() -> None:
    assert parse_query("date:2019..2023 date:2021..").span == year_span(2021, 2023)
    assert parse_query("date:..2020 date:2019..2023 date:2015..2019").span == year_span(2019, 2019)
    # Disjoint: an empty span, (1, 0), that nothing overlaps.
    query = parse_query("date:2019 date:2021")
    assert query.span == (1, 0)
    assert query.terms == (Term("date", "2019"), Term("date", "2021"))
    assert parse_query(format_query(query)) == query
    # A malformed date term does not narrow.
    assert parse_query("date:2019 date:20x").span == year_span(2019, 2019)


# --- examples: quoting, negation, unicode ------------------------------------------------------


@pytest.mark.parametrize(("term", "typed"), [
    (Term("party", "Huawei"), "party:Huawei"),
    (Term("party", "United States", negated=True), '-party:"United States"'),
    (Term("tag", "key", negated=True), "-tag:key"),
    (Term("party", 'The "Big" One'), 'party:"The \\"Big\\" One"'),
    (Term("party", "“Quoted”"), 'party:"\\“Quoted\\”"'),
    (Term("party", 'a"b'), 'party:"a\\"b"'),
    (Term("party", "back\\slash"), "party:back\\slash"),
    (Term("party", "trailing slash\\"), 'party:"trailing slash\\\\"'),
    (Term("party", "日本 政府"), 'party:"日本 政府"'),
    (Term("source", "https://a.b/c:d"), "source:https://a.b/c:d"),
])
def test_format_term_quotes_only_when_needed(term: Term, typed: str) -> None:
    assert format_term(term) == typed
    assert parse_query(typed).terms == (term,)


@pytest.mark.parametrize(("typed", "terms", "text"), [
    ('party:"United States" lawsuit', (Term("party", "United States"),), "lawsuit"),
    ("party:“United States”", (Term("party", "United States"),), ""),
    ('party:“United States"', (Term("party", "United States"),), ""),
    ('party:"say \\"hi\\""', (Term("party", 'say "hi"'),), ""),
    ('party:"a  \t b"', (Term("party", "a b"),), ""),
    ('"patent pool" cross-licence', (), '"patent pool" cross-licence'),
    ("“patent pool”", (), '"patent pool"'),
    ('"patent   pool"', (), '"patent pool"'),
    ('"one"', (), "one"),
    ('"say \\"hi\\""', (), '"say \\"hi\\""'),
    ('"party:Huawei"', (), '"party:Huawei"'),
    ('"-word"', (), '"-word"'),
    ('it"s', (), '"it\\"s"'),
    ('party:Huawei"s', (Term("party", 'Huawei"s'),), ""),
    ('party:"A"B', (Term("party", "A"),), "B"),
    ("ünïcödé 華為 émoji🙂", (), "ünïcödé 華為 émoji🙂"),
    ("10:30 über:alles", (), '"10:30" "über:alles"'),
    ("huawei\x00 \x1fzte", (), "huawei\x00 zte"),
])
def test_quoting_and_text(typed: str, terms: tuple[Term, ...], text: str) -> None:
    query = parse_query(typed)
    assert (query.terms, query.text, query.notes) == (terms, text, ())
    assert parse_query(format_query(query)) == query


def test_negation_and_words() -> None:
    query = parse_query('-party:Huawei -is:starred party:ZTE "patent pool" lawsuit')
    assert query.terms == (Term("party", "Huawei", True), Term("is", "starred", True),
                           Term("party", "ZTE"))
    assert query.words == ("patent pool", "lawsuit")
    assert format_query(query) == '-party:Huawei -is:starred party:ZTE "patent pool" lawsuit'


# --- completion --------------------------------------------------------------------------------


class Values:
    """A stand-in for the store's names: records what was asked."""

    NAMES: ClassVar[dict[str, list[str]]] = {
        "party": ["Huawei", "Huawei Technologies", "United States", "Hu Jintao"],
        "tag": ["key", "keynote"], "date": []}

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def __call__(self, field: str, partial: str) -> Sequence[str]:
        self.asked.append((field, partial))
        return [v for v in self.NAMES.get(field, []) if v.lower().startswith(partial.lower())]


def test_complete_field_names() -> None:
    values = Values()
    assert complete("pa", 2, values) == Completion(0, 2, ("party:",))
    assert complete("P", 1, values) == Completion(0, 1, ("party:", "precision:"))
    assert complete("c", 1, values).candidates == ("category:", "collection:")
    assert complete("huawei -ro", 10, values) == Completion(7, 10, ("-role:",))
    assert complete("", 0, values) == Completion(0, 0, tuple(f"{f}:" for f in FIELDS))
    assert complete("party:x ", 8, values) == Completion(8, 8, tuple(f"{f}:" for f in FIELDS))
    assert complete("zzz", 3, values).candidates == ()
    assert complete("src", 3, values).candidates == ("source:",)
    assert complete("-FILE", 5, values).candidates == ("-collection:",)
    assert values.asked == []


def test_complete_values() -> None:
    values = Values()
    assert complete("party:Hu", 8, values) == Completion(0, 8, (
        "party:Huawei", 'party:"Huawei Technologies"', 'party:"Hu Jintao"'))
    assert values.asked == [("party", "Hu")]
    assert complete("lawsuit -party:un", 17, values) == Completion(
        8, 17, ('-party:"United States"',))
    assert complete('party:"United St', 16, values) == Completion(
        0, 16, ('party:"United States"',))
    assert complete("P:hu", 4, values).candidates[0] == "party:Huawei"
    assert complete("tag:key", 7, values, limit=1) == Completion(0, 7, ("tag:key",))
    assert complete("foo:b", 5, values).candidates == ()


def test_complete_known_values_without_asking() -> None:
    values = Values()
    assert complete("is:", 3, values) == Completion(0, 3, tuple(f"is:{v}" for v in IS_VALUES))
    assert complete("is:un", 5, values).candidates == ("is:unstarred", "is:uncertain")
    assert complete("-IS:St", 6, values).candidates == ("-is:starred",)
    assert complete("precision:m", 11, values).candidates == ("precision:month",
                                                              "precision:minute")
    assert values.asked == []


def test_complete_in_the_middle() -> None:
    values = Values()
    text = "party:Hu tag:k lawsuit"
    # The piece under the cursor is replaced whole; what was typed up to the cursor is asked.
    assert complete(text, 14, values) == Completion(9, 14, ("tag:key", "tag:keynote"))
    assert complete(text, 11, values) == Completion(9, 14, ("tag:",))
    assert complete(text, 7, values).start == 0 and values.asked[-1] == ("party", "H")
    # The cursor out of range is clamped.
    assert complete("pa", 99, values) == Completion(0, 2, ("party:",))
    assert complete("pa", -5, values) == Completion(0, 0, tuple(f"{f}:" for f in FIELDS))


@settings(max_examples=200, deadline=None)
@given(text=any_texts, data=st.data())
def test_complete_never_raises(text: str, data: st.DataObject) -> None:
    cursor = data.draw(st.integers(-2, len(text) + 2))
    got = complete(text, cursor, Values())
    assert 0 <= got.start <= got.end <= len(text)
    assert len(got.candidates) <= 20
    for candidate in got.candidates:  # a value offered reads back as one term
        if not candidate.endswith(":"):
            query = parse_query(candidate)
            assert len(query.terms) == 1 and query.notes == (), candidate


def test_a_name_that_matches_nothing_is_labelled_so_not_by_its_stand_in(store: object) -> None:
    from models.filters import Facet
    from models.store import Store

    assert isinstance(store, Store)
    # The chip of `collection:nowhere` (or party:, source:, role:…) must not read "-1".
    for text, facet in (("collection:nowhere", Facet.COLLECTION),
                        ("party:Nobodyxyz", Facet.PARTY), ("role:nobodyrole", Facet.ROLE)):
        flt, _notes = store.filter_of(parse_query(text))
        [value] = flt.chosen_in(facet)
        assert store.value_labels(facet, [value])[value] == "nothing by that name"
