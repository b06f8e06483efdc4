"""Tests for models.dates: calendar maths, bounds, EDTF parsing and writing, display."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from date_strategies import date_spans, fuzzy_dates
from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import (
    MAX_YEAR,
    MIN_YEAR,
    OPEN_END,
    SECONDS_PER_DAY,
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
    Qualifier,
    civil_from_days,
    civil_from_seconds,
    days_from_civil,
    parse_date,
    parse_edtf,
    seconds_from_civil,
)

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
P, Q = Precision, Qualifier

# --- strategies --------------------------------------------------------------------------------


# --- calendar maths ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ymd", "days"),
    [
        ((1970, 1, 1), 0),
        ((1969, 12, 31), -1),
        ((2000, 3, 1), 11017),
        ((0, 3, 1), -719468),  # start of Hinnant's era 0
        ((1, 1, 1), -719162),
        ((2024, 2, 29), 19782),
    ],
)
def test_days_from_civil_anchors(ymd: tuple[int, int, int], days: int) -> None:
    assert days_from_civil(*ymd) == days
    assert civil_from_days(days) == ymd


@pytest.mark.parametrize(
    ("year", "leap"),
    [
        (1900, False),
        (2000, True),
        (2400, True),
        (2023, False),
        (2024, True),
        (0, True),
        (-4, True),
        (-100, False),
    ],
)
def test_leap_years(year: int, leap: bool) -> None:
    feb_days = days_from_civil(year, 3, 1) - days_from_civil(year, 2, 1)
    assert feb_days == (29 if leap else 28)
    if leap:
        assert days_from_civil(year, 2, 29) + 1 == days_from_civil(year, 3, 1)
    else:
        with pytest.raises(DateError, match="day 29 is out of range"):
            days_from_civil(year, 2, 29)


@settings(max_examples=300)
@given(st.integers(-(10**6), 10**6), st.integers(1, 12), st.integers(1, 31))
def test_civil_days_round_trip(year: int, month: int, day: int) -> None:
    day = min(day, calendar.monthrange(year, month)[1])
    days = days_from_civil(year, month, day)
    assert civil_from_days(days) == (year, month, day)
    # Consecutive days are consecutive numbers, across month and year ends.
    assert civil_from_days(days + 1) != (year, month, day)
    assert days_from_civil(*civil_from_days(days + 1)) == days + 1


@settings(max_examples=200)
@given(st.integers(-(10**8), 10**8))
def test_days_civil_round_trip(days: int) -> None:
    assert days_from_civil(*civil_from_days(days)) == days


@settings(max_examples=200)
@given(st.dates())
def test_days_from_civil_agrees_with_datetime(date: dt.date) -> None:
    # datetime only covers years 1..9999, which is exactly why we don't use it; agree there.
    expected = (date - dt.date(1970, 1, 1)).days
    assert days_from_civil(date.year, date.month, date.day) == expected


@settings(max_examples=200)
@given(st.integers(-(10**13), 10**13))
def test_seconds_round_trip(seconds: int) -> None:
    year, month, day, hour, minute = civil_from_seconds(seconds)
    start = seconds_from_civil(year, month, day, hour, minute)
    assert start <= seconds < start + 60
    assert start % 60 == 0


def test_seconds_from_civil_examples() -> None:
    assert seconds_from_civil(1970) == 0
    assert seconds_from_civil(1970, 1, 2) == SECONDS_PER_DAY
    assert seconds_from_civil(2023, 8, 25, 14, 30) == 1692973800
    assert civil_from_seconds(-1) == (1969, 12, 31, 23, 59)
    with pytest.raises(DateError, match="hour 24"):
        seconds_from_civil(2023, 1, 1, 24)
    with pytest.raises(DateError, match="month 13"):
        seconds_from_civil(2023, 13)


# --- FuzzyDate bounds and validation -----------------------------------------------------------


def test_year_bounds() -> None:
    year = FuzzyDate(2016, precision=P.YEAR)
    assert civil_from_seconds(year.earliest) == (2016, 1, 1, 0, 0)
    assert year.earliest == seconds_from_civil(2016)
    assert year.latest == seconds_from_civil(2016, 12, 31, 23, 59) + 59
    assert year.latest + 1 == seconds_from_civil(2017)


def test_month_bounds_include_leap_day() -> None:
    feb = FuzzyDate(2024, 2, precision=P.MONTH)
    assert feb.latest == seconds_from_civil(2024, 2, 29, 23, 59) + 59
    assert FuzzyDate(2023, 2, precision=P.MONTH).latest + 1 == seconds_from_civil(2023, 3, 1)
    assert FuzzyDate(2023, 12, precision=P.MONTH).latest + 1 == seconds_from_civil(2024)


def test_day_and_minute_bounds() -> None:
    day = FuzzyDate(2023, 8, 25)
    assert day.latest - day.earliest == SECONDS_PER_DAY - 1
    minute = FuzzyDate(2023, 8, 25, 14, 30, P.MINUTE)
    assert (minute.earliest, minute.latest) == (1692973800, 1692973859)


@settings(max_examples=200)
@given(fuzzy_dates())
def test_bounds_ordered_and_contain_finer_dates(date: FuzzyDate) -> None:
    assert date.earliest <= date.latest
    assert INT64_MIN < date.earliest <= date.latest < OPEN_END
    # Each date lies within its coarser versions: a year contains its months, and so on.
    for coarser in Precision:
        if coarser < date.precision:
            outer = FuzzyDate.from_seconds(date.earliest, coarser)
            assert outer.earliest <= date.earliest <= date.latest <= outer.latest


@settings(max_examples=200)
@given(fuzzy_dates())
def test_from_seconds_recovers_exact_date(date: FuzzyDate) -> None:
    exact = FuzzyDate(date.year, date.month, date.day, date.hour, date.minute, date.precision)
    assert FuzzyDate.from_seconds(date.earliest, date.precision) == exact
    assert FuzzyDate.from_seconds(date.latest, date.precision) == exact


def test_from_seconds_truncates() -> None:
    seconds = seconds_from_civil(2023, 8, 25, 14, 30) + 17
    assert FuzzyDate.from_seconds(seconds, P.MONTH) == FuzzyDate(2023, 8, precision=P.MONTH)
    assert FuzzyDate.from_seconds(seconds, P.MINUTE) == FuzzyDate(2023, 8, 25, 14, 30, P.MINUTE)
    with pytest.raises(DateError, match="only year precision"):
        FuzzyDate.from_seconds(FuzzyDate(-20000, precision=P.YEAR).earliest, P.DAY)
    with pytest.raises(DateError, match="out of range"):
        FuzzyDate.from_seconds(OPEN_END, P.YEAR)


def test_long_year_bounds_fit_int64() -> None:
    big_bang = FuzzyDate(-13_798_000_000, precision=P.YEAR)
    assert INT64_MIN < big_bang.earliest < big_bang.latest < 0
    assert civil_from_seconds(big_bang.earliest) == (-13_798_000_000, 1, 1, 0, 0)
    assert civil_from_seconds(big_bang.latest) == (-13_798_000_000, 12, 31, 23, 59)
    # The extremes too, and both stay clear of the OPEN_END sentinel.
    assert INT64_MIN < FuzzyDate(MIN_YEAR, precision=P.YEAR).earliest
    assert FuzzyDate(MAX_YEAR, precision=P.YEAR).latest < OPEN_END < INT64_MAX


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 2023, "month": 13}, "month 13 is out of range"),
        ({"year": 2023, "month": 0}, "month 0 is out of range"),
        ({"year": 2023, "month": 2, "day": 29}, "day 29 is out of range"),
        ({"year": 2023, "month": 4, "day": 31}, "day 31 is out of range"),
        ({"year": 2023, "hour": 24, "precision": P.MINUTE}, "hour 24"),
        ({"year": 2023, "minute": 60, "precision": P.MINUTE}, "minute 60"),
        ({"year": 2023, "month": 3, "precision": P.YEAR}, "month must be 1 at year precision"),
        ({"year": 2023, "day": 3, "precision": P.MONTH}, "day must be 1 at month precision"),
        ({"year": 2023, "hour": 3}, "hour must be 0 at day precision"),
        ({"year": 12345}, "only year precision"),
        ({"year": MAX_YEAR + 1, "precision": P.YEAR}, "out of range"),
    ],
)
def test_invalid_fuzzy_date(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(DateError, match=message):
        FuzzyDate(**kwargs)  # type: ignore[arg-type]


def test_leap_day_valid_in_leap_years_only() -> None:
    FuzzyDate(2024, 2, 29)
    FuzzyDate(2000, 2, 29)
    FuzzyDate(0, 2, 29)  # 1 BCE is a leap year in the proleptic calendar
    with pytest.raises(DateError):
        FuzzyDate(1900, 2, 29)


# --- DateSpan ----------------------------------------------------------------------------------


def test_span_bounds_and_flags() -> None:
    point = parse_edtf("2016")
    assert not point.is_range
    assert (point.earliest, point.latest) == (point.start.earliest, point.start.latest)

    span = parse_edtf("2019~/2021")
    assert span.is_range and span.fuzzy_start and not span.fuzzy_end
    assert span.earliest == seconds_from_civil(2019)
    assert span.latest == seconds_from_civil(2022) - 1

    ongoing = parse_edtf("2019/..")
    assert ongoing.is_range and ongoing.open_end and ongoing.end is None
    assert ongoing.latest == OPEN_END
    assert not ongoing.fuzzy_end

    fuzzy_point = parse_edtf("2019?")
    assert fuzzy_point.fuzzy_start and fuzzy_point.fuzzy_end


def test_invalid_spans() -> None:
    y2019, y2020 = FuzzyDate(2019, precision=P.YEAR), FuzzyDate(2020, precision=P.YEAR)
    with pytest.raises(DateError, match="ends before it starts"):
        DateSpan(y2020, y2019)
    with pytest.raises(DateError, match="ongoing"):
        DateSpan(y2019, y2020, open_end=True)
    # An end that starts together with the start is fine, even when it is shorter.
    assert DateSpan(y2019, FuzzyDate(2019, 1, precision=P.MONTH)).latest < y2019.latest


@settings(max_examples=200)
@given(date_spans())
def test_span_bounds_ordered(span: DateSpan) -> None:
    assert INT64_MIN < span.earliest <= span.latest <= OPEN_END
    assert (span.latest == OPEN_END) == span.open_end


# --- EDTF --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016", FuzzyDate(2016, precision=P.YEAR)),
        ("2023-08", FuzzyDate(2023, 8, precision=P.MONTH)),
        ("2023-08-25", FuzzyDate(2023, 8, 25)),
        ("2023-08-25T14:30:00", FuzzyDate(2023, 8, 25, 14, 30, P.MINUTE)),
        ("2023-08-25T14:30", FuzzyDate(2023, 8, 25, 14, 30, P.MINUTE)),
        ("2023-08-25T14:30:59Z", FuzzyDate(2023, 8, 25, 14, 30, P.MINUTE)),
        ("2019~", FuzzyDate(2019, precision=P.YEAR, qualifier=Q.APPROXIMATE)),
        ("2019?", FuzzyDate(2019, precision=P.YEAR, qualifier=Q.UNCERTAIN)),
        ("2019%", FuzzyDate(2019, precision=P.YEAR, qualifier=Q.UNCERTAIN)),
        ("-0043", FuzzyDate(-43, precision=P.YEAR)),
        ("0000", FuzzyDate(0, precision=P.YEAR)),
        ("-0043-03-15", FuzzyDate(-43, 3, 15)),
        ("Y-13798000000", FuzzyDate(-13_798_000_000, precision=P.YEAR)),
        ("Y170000002", FuzzyDate(170_000_002, precision=P.YEAR)),
        ("  2016\n", FuzzyDate(2016, precision=P.YEAR)),
    ],
)
def test_parse_date(text: str, expected: FuzzyDate) -> None:
    assert parse_date(text) == expected
    assert parse_edtf(text) == DateSpan(expected)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("2023-08-25T14:30", "2023-08-25T14:30:00"),
        ("2023-08-25T14:30:45Z", "2023-08-25T14:30:00"),
        ("2019%", "2019?"),
        (" 2019~/2023? ", "2019~/2023?"),
        ("-0043", "-0043"),
        ("0001", "0001"),
    ],
)
def test_edtf_is_canonical(text: str, canonical: str) -> None:
    assert parse_edtf(text).edtf() == canonical


def test_parse_intervals() -> None:
    span = parse_edtf("2019~/2023?")
    assert span.start == FuzzyDate(2019, precision=P.YEAR, qualifier=Q.APPROXIMATE)
    assert span.end == FuzzyDate(2023, precision=P.YEAR, qualifier=Q.UNCERTAIN)
    assert parse_edtf("2019/..") == DateSpan(FuzzyDate(2019, precision=P.YEAR), open_end=True)
    assert parse_edtf("Y-13798000000/Y-4540000").edtf() == "Y-13798000000/Y-4540000"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-13", r"'2023-13' is not a date: month 13 is out of range"),
        ("2023-02-29", "day 29 is out of range for Feb 2023"),
        ("2023-08-25T25:00", "hour 25"),
        ("2023-08-25T14:61", "minute 61"),
        ("2023-08-25T14:30:61", "second 61"),
        ("12345", "long years: 'Y12345'"),
        ("-45400000~", "long years: 'Y-45400000~'"),
        ("12345-01-01", "have no month or day"),
        ("Y2016", "write '2016'"),
        ("Y123456789012345", "out of range"),
        ("Y12345-01", "'Y12345-01' is not a date"),
        ("-0000", "year zero"),
        ("../2019", "open or unknown starts are not supported"),
        ("/2019", "open or unknown starts are not supported"),
        ("2019/", "unknown ends are not supported"),
        ("2019/2020/2021", "one '/'"),
        ("2021/2019", "ends before it starts"),
        ("2019/2020-13", "end '2020-13': month 13"),
        ("", "is not a date"),
        ("yesterday", "'yesterday' is not a date: expected EDTF"),
        ("2016~~", "is not a date"),
        ("٢٠١٦", "is not a date"),  # Arabic-Indic digits: int() would take them, EDTF does not
        ("2016\n2017", "is not a date"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_edtf(text)


def test_parse_date_rejects_intervals() -> None:
    with pytest.raises(DateError, match="range"):
        parse_date("2019/2020")


def test_long_text_is_cut_in_messages() -> None:
    with pytest.raises(DateError) as error:
        parse_edtf("Y" + "9" * 5000)  # also past int()'s 4300-digit guard
    assert len(str(error.value)) < 200


@settings(max_examples=300)
@given(date_spans())
def test_edtf_round_trip(span: DateSpan) -> None:
    text = span.edtf()
    assert parse_edtf(text) == span
    assert parse_edtf(text).edtf() == text
    if not span.is_range:
        assert parse_date(text) == span.start


@settings(max_examples=300)
@given(st.text())
def test_parse_raises_only_date_error(text: str) -> None:
    try:
        span = parse_edtf(text)
    except DateError:
        return
    assert parse_edtf(span.edtf()) == span


@settings(max_examples=200)
@given(st.from_regex(r"-?[0-9Y]{1,6}(-[0-9]{1,3}){0,2}(T[0-9:]{1,9}Z?)?[~?%]?(/(\.\.)?)?"))
def test_parse_date_like_text_raises_only_date_error(text: str) -> None:
    # Near-misses reach deeper into the parser than arbitrary text does.
    try:
        parse_edtf(text)
    except DateError:
        pass


# --- conformance with the edtf library (slow: only here, never in the app) ---------------------

edtf_library = pytest.importorskip("edtf")


@settings(max_examples=150, deadline=None)
@given(date_spans())
def test_strict_edtf_is_accepted_by_edtf_library(span: DateSpan) -> None:
    text = span.edtf()
    if span.is_strict_edtf:
        edtf_library.parse_edtf(text)
    else:
        # Our extensions (qualified times or long years; times or long years in intervals) are not
        # EDTF: the flag must not claim otherwise.
        with pytest.raises(edtf_library.EDTFParseException):
            edtf_library.parse_edtf(text)


@pytest.mark.parametrize(
    "text",
    ["2016", "-0043-03-15?", "2023-08-25T14:30:00", "Y-13798000000", "2019~/2023?", "2019/.."],
)
def test_examples_are_strict_edtf(text: str) -> None:
    assert parse_edtf(text).is_strict_edtf
    edtf_library.parse_edtf(text)


@pytest.mark.parametrize(
    "text", ["2023-08-25T14:30:00~", "Y-13798000000~", "2023-08-25T14:00:00/2023-08-25T15:30:00"]
)
def test_extensions_are_not_strict_edtf(text: str) -> None:
    assert not parse_edtf(text).is_strict_edtf


# --- display -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2016", "2016"),
        ("2023-08", "Aug 2023"),
        ("2023-08-25", "25 Aug 2023"),
        ("2023-08-01", "1 Aug 2023"),
        ("2023-08-25T14:30:00", "25 Aug 2023 14:30"),
        ("2023-08-25T09:05:00", "25 Aug 2023 09:05"),
        ("2023~", "c. 2023"),
        ("2023-08~", "c. Aug 2023"),
        ("2023?", "2023?"),
        ("2023-08-25?", "25 Aug 2023?"),
        ("2023%", "2023?"),
        ("-0043", "44 BCE"),
        ("-0043-03-15", "15 Mar 44 BCE"),
        ("0000", "1 BCE"),
        ("0001", "1"),
        ("9999", "9999"),
        ("-9998", "9999 BCE"),
        ("-9999", "10,000 BCE"),
        ("Y-13798000000", "13,798,000,001 BCE"),
        ("Y170000002", "170,000,002"),
        ("2019/2021", "2019 – 2021"),
        ("2023-08-01/2023-08-03", "1 Aug 2023 – 3 Aug 2023"),
        ("2019~/2023?", "c. 2019 – 2023?"),
        ("2019/..", "since 2019"),
        ("2019~/..", "since c. 2019"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert parse_edtf(text).display() == shown


@pytest.mark.parametrize(
    ("month", "name"),
    list(
        enumerate(
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
            start=1,
        )
    ),
)
def test_month_names(month: int, name: str) -> None:
    assert FuzzyDate(2023, month, precision=P.MONTH).display() == f"{name} 2023"


def test_dates_are_frozen_and_hashable() -> None:
    date = FuzzyDate(2016, precision=P.YEAR)
    with pytest.raises(AttributeError):
        date.year = 2017  # type: ignore[misc]
    assert len({parse_edtf("2016"), parse_edtf(" 2016 "), DateSpan(date)}) == 1
