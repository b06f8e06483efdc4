"""Tests for models.written_dates: the dates people write in spreadsheets, read as DateSpans."""

from __future__ import annotations

import calendar
import time

import pytest
from date_strategies import date_spans
from edtf import parse_edtf as ref_parse
from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import (
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
    Qualifier,
    civil_from_seconds,
    parse_edtf,
)
from models.written_dates import (
    DATE_ORDERS,
    DateOrder,
    column_order,
    is_date,
    is_ongoing,
    read_date,
    span_between,
)

P = Precision
MONTHS = [calendar.month_name[m] for m in range(1, 13)]

# --- examples ----------------------------------------------------------------------------------

READS = [
    # EDTF and ISO
    ("2016", "2016", P.YEAR),
    ("2019~", "2019~", P.YEAR),
    ("2016/2019", "2016/2019", P.YEAR),
    ("2019/..", "2019/..", P.YEAR),
    ("2023-08", "2023-08", P.MONTH),
    ("2023-08-25", "2023-08-25", P.DAY),
    ("2023-08-25T14:30", "2023-08-25T14:30:00", P.MINUTE),
    ("2023-08-25 14:30", "2023-08-25T14:30:00", P.MINUTE),
    ("2023-08-25 14:30:59", "2023-08-25T14:30:00", P.MINUTE),
    ("20170814", "2017-08-14", P.DAY),
    # month names
    ("25 August 2023", "2023-08-25", P.DAY),
    ("August 25, 2023", "2023-08-25", P.DAY),
    ("august 25 2023", "2023-08-25", P.DAY),
    ("25th Aug 2023", "2023-08-25", P.DAY),
    ("25 Aug. 2023", "2023-08-25", P.DAY),
    ("the 25th of August 2023", "2023-08-25", P.DAY),
    ("Friday, 25 August 2023", "2023-08-25", P.DAY),
    ("25 AUGUST 2023", "2023-08-25", P.DAY),
    ("Aug 2023", "2023-08", P.MONTH),
    ("August, 2023", "2023-08", P.MONTH),
    ("Sept 2023", "2023-09", P.MONTH),
    ("sept. 2023", "2023-09", P.MONTH),
    ("11-Mar-15", "2015-03-11", P.DAY),
    ("11-Mar-2015", "2015-03-11", P.DAY),
    ("11-Mar-45", "1945-03-11", P.DAY),
    ("Mar-15", "2015-03", P.MONTH),
    ("Mar-29", "2029-03", P.MONTH),
    ("Mar-30", "1930-03", P.MONTH),
    ("25 Aug 2023 14:30", "2023-08-25T14:30:00", P.MINUTE),
    # numbers a spreadsheet stores
    ("1865", "1865", P.YEAR),
    ("79", "0079", P.YEAR),
    ("-1004", "-1004", P.YEAR),
    ("-13798000000", "Y-13798000000", P.YEAR),
    ("1865.0", "1865", P.YEAR),
    ("-881.5", "-0881~", P.YEAR),
    ("1850.25", "1850~", P.YEAR),
    ("10000", "1927-05-18", P.DAY),
    ("43000", "2017-09-22", P.DAY),
    ("45163", "2023-08-25", P.DAY),
    ("2958465", "9999-12-31", P.DAY),
    ("43000.5", "2017-09-22T12:00:00", P.MINUTE),
    ("43000.0", "2017-09-22", P.DAY),
    ("20170814.0", "2017-08-14", P.DAY),
    # all-number dates that settle their own order
    ("1/1/1951", "1951-01-01", P.DAY),
    ("13/2/1951", "1951-02-13", P.DAY),
    ("2/13/1951", "1951-02-13", P.DAY),
    ("2/13/51", "1951-02-13", P.DAY),
    ("13.2.29", "2029-02-13", P.DAY),
    ("2023/08/05", "2023-08-05", P.DAY),
    ("2023.8.5", "2023-08-05", P.DAY),
    ("8/2023", "2023-08", P.MONTH),
    ("2023/8", "2023-08", P.MONTH),
    ("8/25/2023 2:30 PM", "2023-08-25T14:30:00", P.MINUTE),
    # eras
    ("3300 BC", "-3299", P.YEAR),
    ("44 BCE", "-0043", P.YEAR),
    ("44 B.C.", "-0043", P.YEAR),
    ("1 BC", "0000", P.YEAR),
    ("AD 79", "0079", P.YEAR),
    ("79 AD", "0079", P.YEAR),
    ("800 CE", "0800", P.YEAR),
    ("c. 3300 BC", "-3299~", P.YEAR),
    ("15 March 44 BC", "-0043-03-15", P.DAY),
    # decades and centuries
    ("1990s", "1990/1999", P.YEAR),
    ("1990's", "1990/1999", P.YEAR),
    ("the 1990s", "1990/1999", P.YEAR),
    ("1800s", "1800/1899", P.YEAR),
    ("19th century", "1800/1899", P.YEAR),
    ("the 19th-century", "1800/1899", P.YEAR),
    ("nineteenth century", "1800/1899", P.YEAR),
    ("5th century BC", "-0499/-0400", P.YEAR),
    ("1st century", "0000/0099", P.YEAR),
    ("the 490s BC", "-0498/-0489", P.YEAR),
    # seasons (northern hemisphere)
    ("Spring 2003", "2003-03/2003-05", P.MONTH),
    ("Summer 2003", "2003-06/2003-08", P.MONTH),
    ("Autumn 2003", "2003-09/2003-11", P.MONTH),
    ("fall 2003", "2003-09/2003-11", P.MONTH),
    ("Winter 2003", "2003-12/2004-02", P.MONTH),
    ("summer of 1969", "1969-06/1969-08", P.MONTH),
    # qualifiers
    ("c. 1850", "1850~", P.YEAR),
    ("c1850", "1850~", P.YEAR),
    ("ca. 1850", "1850~", P.YEAR),
    ("ca 1850", "1850~", P.YEAR),
    ("circa 1850", "1850~", P.YEAR),
    ("Circa 1850", "1850~", P.YEAR),
    ("about 1850", "1850~", P.YEAR),
    ("around 1850", "1850~", P.YEAR),
    ("approx. 1850", "1850~", P.YEAR),
    ("1850?", "1850?", P.YEAR),
    ("? 1850", "1850?", P.YEAR),
    ("?1850", "1850?", P.YEAR),
    ("c. 1990s", "1990~/1999~", P.YEAR),
    ("circa Spring 2003", "2003-03~/2003-05~", P.MONTH),
    ("c. 25 August 2023", "2023-08-25~", P.DAY),
    ("Aug 2023?", "2023-08?", P.MONTH),
    ("c. 1850?", "1850?", P.YEAR),
    # ranges
    ("April-May 1945", "1945-04/1945-05", P.MONTH),
    ("April–May 1945", "1945-04/1945-05", P.MONTH),
    ("April—May 1945", "1945-04/1945-05", P.MONTH),
    ("1914–1918", "1914/1918", P.YEAR),
    ("1914-1918", "1914/1918", P.YEAR),
    ("1990 to 1995", "1990/1995", P.YEAR),
    ("1990 - 1995", "1990/1995", P.YEAR),
    ("from 1990 to 1995", "1990/1995", P.YEAR),
    ("between 1990 and 1995", "1990/1995", P.YEAR),
    ("5-7 June 2023", "2023-06-05/2023-06-07", P.DAY),
    ("5–7 June 2023", "2023-06-05/2023-06-07", P.DAY),
    ("June 5-7, 2023", "2023-06-05/2023-06-07", P.DAY),
    ("June 5 - July 7, 2023", "2023-06-05/2023-07-07", P.DAY),
    ("5 June - 7 July 2023", "2023-06-05/2023-07-07", P.DAY),
    ("Dec 25 - Jan 2, 2024", "2023-12-25/2024-01-02", P.DAY),
    ("1939-45", "1939/1945", P.YEAR),
    ("1950s-60s", "1950/1969", P.YEAR), ("1920's-'30s", "1920/1939", P.YEAR),
    ("1990s-00s", "1990/2009", P.YEAR),
    # Tiki-Toki's BCE dates
    ("bce-9000-01-01 12:00:00", "-8999-01-01T12:00:00", P.MINUTE),
    ("bce-509-07-02", "-0508-07-02", P.DAY), ("BCE-1-12-31", "0000-12-31", P.DAY),
    ("1914-1914", "1914", P.YEAR),  # a range from a date to itself is that date
    ("2023-08-25 - 2023-09-01", "2023-08-25/2023-09-01", P.DAY),
    ("2023-08-25 to 2023-09-01", "2023-08-25/2023-09-01", P.DAY),
    ("1999-00", "1999/2000", P.YEAR),
    ("April 1945 to May 1946", "1945-04/1946-05", P.MONTH),
    ("1200-1100 BC", "-1199/-1099", P.YEAR),
    ("44 BC - AD 14", "-0043/0014", P.YEAR),
    ("Spring-Summer 2003", "2003-03/2003-08", P.MONTH),
    ("1/1/1951 - 13/2/1951", "1951-01-01/1951-02-13", P.DAY),
    ("c. 1914-1918", "1914~/1918", P.YEAR),
    ("1914-1918?", "1914/1918?", P.YEAR),
    ("c. April-May 1945", "1945-04~/1945-05", P.MONTH),
    ("June 5-7, 2023?", "2023-06-05?/2023-06-07?", P.DAY),
    ("1850? - 1860", "1850?/1860", P.YEAR),
    ("Winter 1999-2000", "1999-12/2000-02", P.MONTH),
    ("Winter 1999/00", "1999-12/2000-02", P.MONTH),
    # ongoing
    ("2019 - present", "2019/..", P.YEAR),
    ("June 2019 – Present", "2019-06/..", P.MONTH),
    ("c. 2019 to now", "2019~/..", P.YEAR),
    ("since 2019", "2019/..", P.YEAR),
    ("since c. Aug 2019", "2019-08~/..", P.MONTH),
    # whitespace
    ("April-May 1945 ", "1945-04/1945-05", P.MONTH),
    ("  April  -  May   1945", "1945-04/1945-05", P.MONTH),
    ("25  August\t2023", "2023-08-25", P.DAY),
    (" 2023-08-25\n", "2023-08-25", P.DAY),
]


@pytest.mark.parametrize(("text", "edtf", "precision"), READS)
def test_reads(text: str, edtf: str, precision: Precision) -> None:
    span = read_date(text)
    assert span.edtf() == edtf
    assert span.start.precision == precision
    assert is_date(text)
    assert parse_edtf(edtf) == span  # what we produce is the EDTF we read


@pytest.mark.parametrize(
    ("text", "order", "edtf"),
    [
        ("05/08/2023", "dmy", "2023-08-05"),
        ("05/08/2023", "mdy", "2023-05-08"),
        ("5.8.2023", "dmy", "2023-08-05"),
        ("05-08-2023", "mdy", "2023-05-08"),
        ("05/08/23", "dmy", "2023-08-05"),
        ("23/08/05", "ymd", "2023-08-05"),
        ("2023/08/05", "dmy", "2023-08-05"),  # a 4-digit first part is a year in every order
        ("1/1/1951", "mdy", "1951-01-01"),
        ("05/08/2023 - 07/08/2023", "dmy", "2023-08-05/2023-08-07"),
    ],
)
def test_reads_in_order(text: str, order: DateOrder, edtf: str) -> None:
    assert read_date(text, order=order).edtf() == edtf


REFUSALS = [
    ("", "empty"),
    ("   ", "empty"),
    ("Febtember 2023", "'Febtember' is not an English month name"),
    ("31 February 2023", "February 2023 has 28 days"),
    ("29 Feb 2023", "February 2023 has 28 days"),
    ("31/4/2023", "April 2023 has 30 days"),
    ("2023-02-30", "February 2023 has 28 days"),
    ("2023-13", "month 13"),
    ("05/08/2023", "is 05/08/2023 5 August or 8 May? choose the date order"),
    ("5.8.2023", "choose the date order (day-month-year or month-day-year)"),
    ("13/13/2023", "neither 13 nor 13 is a month"),
    ("nonsense", "write it like 2023-08-25"),
    ("June 15", "it has no year"),
    ("1995 to 1990", "ends (1990) before it starts (1995)"),
    ("1918-1914", "ends (1914) before it starts (1918)"),
    ("0 BC", "no year 0"),
    ("13798000000", "Y170000002"),
    ("99999999", "yyyymmdd"),
    ("x" * 500, "too long"),
    ("2023-08-25 25:00", "hour 25"),
]


@pytest.mark.parametrize(("text", "reason"), REFUSALS)
def test_refuses_with_reason(text: str, reason: str) -> None:
    with pytest.raises(DateError) as raised:
        read_date(text)
    message = str(raised.value)
    assert reason in message
    quoted = text.strip()
    assert repr(quoted if len(quoted) <= 60 else quoted[:57] + "...") in message
    assert not is_date(text)


def test_refuses_the_other_order() -> None:
    with pytest.raises(DateError, match="month 13"):
        read_date("5/13/2023", order="dmy")
    assert read_date("5/13/2023", order="mdy").edtf() == "2023-05-13"


def test_date_error_is_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_excel_fake_leap_day() -> None:
    from models.written_dates import _excel_day  # Excel's own count below day 10000

    assert _excel_day(1) == (1900, 1, 1)
    assert _excel_day(59) == (1900, 2, 28)
    assert _excel_day(61) == (1900, 3, 1)
    with pytest.raises(DateError, match="never was"):
        _excel_day(60)


# --- property tests ----------------------------------------------------------------------------


@st.composite
def days(draw: st.DrawFn, low: int = 1000, high: int = 9999) -> FuzzyDate:
    year = draw(st.integers(low, high))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return FuzzyDate(year, month, day)


def _written(date: FuzzyDate, form: str) -> str:
    y, m, d = date.year, date.month, date.day
    month = MONTHS[m - 1]
    return {
        "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "dmy named": f"{d} {month} {y}",
        "mdy named": f"{month} {d}, {y}",
        "short named": f"{d} {month[:3]} {y}",
        "yyyymmdd": f"{y:04d}{m:02d}{d:02d}",
        "yyyymmdd float": f"{y:04d}{m:02d}{d:02d}.0",
        "dmy": f"{d}/{m}/{y}",
        "mdy": f"{m:02d}-{d:02d}-{y}",
        "ymd": f"{y}.{m}.{d}",
    }[form]


@settings(max_examples=300)
@given(days(), st.sampled_from(["iso", "dmy named", "mdy named", "short named", "yyyymmdd",
                                "yyyymmdd float", "dmy", "mdy", "ymd"]))
def test_written_days_read_back(date: FuzzyDate, form: str) -> None:
    order: DateOrder | None = form if form in DATE_ORDERS else None  # type: ignore[assignment]
    assert read_date(_written(date, form), order=order) == DateSpan(date)


@given(days(1930, 2029))
def test_excel_two_digit_years_read_back(date: FuzzyDate) -> None:
    text = f"{date.day}-{MONTHS[date.month - 1][:3]}-{date.year % 100:02d}"
    assert read_date(text) == DateSpan(date)
    month = FuzzyDate(date.year, date.month, precision=P.MONTH)
    assert read_date(f"{MONTHS[date.month - 1][:3]}-{date.year % 100:02d}") == DateSpan(month)


@given(st.integers(1, 9999), st.integers(1, 12))
def test_months_and_years_read_back(year: int, month: int) -> None:
    assert read_date(str(year)) == DateSpan(FuzzyDate(year, precision=P.YEAR))
    assert read_date(f"{year} BC") == DateSpan(FuzzyDate(1 - year, precision=P.YEAR))
    if year >= 100:
        expected = DateSpan(FuzzyDate(year, month, precision=P.MONTH))
        assert read_date(f"{MONTHS[month - 1]} {year}") == expected
        assert read_date(f"{MONTHS[month - 1][:3].upper()}. {year}") == expected


@given(days(), days())
def test_written_ranges_read_back(a: FuzzyDate, b: FuzzyDate) -> None:
    start, end = sorted((a, b), key=lambda d: d.earliest)
    text = f"{start.day} {MONTHS[start.month - 1]} {start.year} to {end.day} " \
           f"{MONTHS[end.month - 1]} {end.year}"
    expected = DateSpan(start, end) if start != end else DateSpan(start)
    assert read_date(text) == expected


# Years 1..99 are left out: display() writes them as "Aug 79", which reads as the 79th day of
# August or, as Excel does, 1979. (A range from a date to itself reads back as that point.)
_WRITTEN_YEARS = st.integers(-9998, 9999).filter(lambda y: not 1 <= y <= 99)


@settings(max_examples=300)
@given(date_spans(long_years=False, years=_WRITTEN_YEARS).filter(lambda s: s.end != s.start))
def test_display_and_edtf_read_back(span: DateSpan) -> None:
    """What Chronolens writes for people (display) and as EDTF reads back as the same span."""
    assert read_date(span.edtf()) == span
    assert read_date(span.display()) == span


def _struct_day(value: time.struct_time) -> tuple[int, int, int]:
    return value.tm_year, value.tm_mon, value.tm_mday


WRITTEN = st.one_of(
    days().map(lambda d: _written(d, "dmy named")),
    days().map(lambda d: _written(d, "mdy named")),
    days().map(lambda d: _written(d, "yyyymmdd")),
    st.tuples(st.integers(100, 9999), st.sampled_from(MONTHS)).map(lambda t: f"{t[1]} {t[0]}"),
    st.integers(1, 9999).map(str),
    st.integers(1, 9999).map(lambda y: f"c. {y}"),
    st.integers(1, 9999).map(lambda y: f"{y}?"),
    st.integers(100, 998).map(lambda n: f"{n * 10}s"),
    st.integers(1, 99).map(lambda n: f"{n}th century"),
    st.tuples(st.sampled_from(["Spring", "Summer", "Autumn", "Fall", "Winter"]),
              st.integers(1000, 9998)).map(lambda t: f"{t[0]} {t[1]}"),
    st.tuples(st.integers(1000, 9949), st.integers(0, 50)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
    st.tuples(st.sampled_from(MONTHS), st.sampled_from(MONTHS), st.integers(1000, 9999))
    .filter(lambda t: MONTHS.index(t[0]) <= MONTHS.index(t[1]))
    .map(lambda t: f"{t[0][:3]}–{t[1]} {t[2]}"),
)


@settings(max_examples=200, deadline=None)  # the reference library is slow (~7 ms a parse)
@given(WRITTEN)
def test_edtf_reference_reads_the_same_span(text: str) -> None:
    """What we produce is valid EDTF that the reference library reads as the same days."""
    span = read_date(text)
    reference = ref_parse(span.edtf())
    first = civil_from_seconds(span.earliest)[:3]
    last = civil_from_seconds(span.latest)[:3]
    assert _struct_day(reference.lower_strict()) == first
    assert _struct_day(reference.upper_strict()) == last


TRICKY = st.text(alphabet="0123456789/-.–—,: ?~'cabBCDEFJMANOSyhnrstuglpvmio\t", max_size=30)


@settings(max_examples=1000)
@given(st.one_of(st.text(), TRICKY), st.sampled_from([None, *DATE_ORDERS]))
def test_only_date_errors(text: str, order: DateOrder | None) -> None:
    try:
        span = read_date(text, order=order)
    except DateError as error:
        assert str(error)
        return
    assert isinstance(span, DateSpan)
    assert parse_edtf(span.edtf()) == span


# --- column_order --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["1/1/1951", "13/2/1951"], "dmy"),
        (["2/13/1951"], "mdy"),
        (["1/1/1951", "2/13/1951", "3/3/51"], "mdy"),
        (["2023/08/05", "1999/1/2"], "ymd"),
        (["25.12.2023", "1.2.2023"], "dmy"),
        ([" 13/2/1951 ", "x"], "dmy"),
        (["13/2/1951 14:30"], "dmy"),
        (["2023/08/05", "13/2/1951", "1/1/1951"], "dmy"),  # 2023/08/05 reads in every order
        (["2023/08/05", "2/13/1951"], "mdy"),
        (["1/1/1951", "2/2/1951"], None),  # nothing settles it
        (["13/2/1951", "2/13/1951"], None),  # contradicting
        (["2023-08-05", "2023-08-06"], None),  # ISO reads without an order
        (["Aug 13 1951", "1990s"], None),
        ([], None),
    ],
)
def test_column_order(values: list[str], order: DateOrder | None) -> None:
    assert column_order(values) == order


def test_column_order_is_fast() -> None:
    values = [f"{i % 12 + 1}/{i % 11 + 1}/19{i % 90 + 10}" for i in range(1_000_000)]
    values[-1] = "2/13/1951"
    began = time.perf_counter()
    assert column_order(values) == "mdy"
    assert time.perf_counter() - began < 1.0


def test_column_order_reads_its_column() -> None:
    values = ["5/8/2023", "13/8/2023", "1/1/1951", "2023/08/05"]
    order = column_order(values)
    assert [read_date(v, order=order).edtf() for v in values] == \
        ["2023-08-05", "2023-08-13", "1951-01-01", "2023-08-05"]


# --- span_between --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "edtf"),
    [
        ("1914", "1918", "1914/1918"),
        ("1990s", "2005", "1990/2005"),
        ("Aug 2023", "25 Aug 2023", "2023-08/2023-08-25"),
        ("2019", "2019/..", "2019/.."),
        ("2016", "2016", "2016"),
        ("1914", "1915/1918", "1914/1918"),
    ],
)
def test_span_between(start: str, end: str, edtf: str) -> None:
    assert span_between(read_date(start), read_date(end)).edtf() == edtf


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("1918", "1914", "ends (1914) before it starts (1918)"),
        ("May 2023", "2023", "begins before its start"),
    ],
)
def test_span_between_refuses(start: str, end: str, reason: str) -> None:
    with pytest.raises(DateError, match="check that the end is not before the start") as raised:
        span_between(read_date(start), read_date(end))
    assert reason in str(raised.value)


@pytest.mark.parametrize(("text", "read"), [
    ("Jan 11 2012 CST", "2012-01-11"), ("Dec 18, 2011 EST", "2011-12-18"),
    ("2012-01-11 UTC", "2012-01-11"), ("11 January 2012 GMT", "2012-01-11"),
    ("Jan 11 2012 14:30 CST", "is read only after a day"), ("2012 CST", "is read only after"),
])
def test_a_time_zone_after_a_day(text: str, read: str) -> None:
    if read[0].isdigit():
        assert read_date(text).edtf() == read
    else:
        with pytest.raises(DateError, match=read):
            read_date(text)


@pytest.mark.parametrize(("text", "ongoing"), [
    ("present", True), ("Ongoing", True), ("..", True), ("Still in office", True),
    ("still  running", True), ("still", False), ("2019", False), ("Bush admin", False),
    ("", False),
])
def test_is_ongoing(text: str, ongoing: bool) -> None:
    assert is_ongoing(text) is ongoing


def test_qualifiers_combine() -> None:
    assert read_date("c. 1850?").start.qualifier == Qualifier.UNCERTAIN
    assert read_date("circa 2019~").start.qualifier == Qualifier.APPROXIMATE
