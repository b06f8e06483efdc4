"""Hypothesis strategies of dates, shared by the tests of models.dates and models.written_dates."""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from models.dates import MAX_YEAR, MIN_YEAR, DateSpan, FuzzyDate, Precision, Qualifier

P = Precision


@st.composite
def fuzzy_dates(draw: st.DrawFn, *, long_years: bool = True,
                years: st.SearchStrategy[int] | None = None) -> FuzzyDate:
    """Valid FuzzyDates across precisions, qualifiers, BCE years and (optionally) long years;
    `years`: the years of the dates that are not long (-9999..9999 by default)."""
    qualifier = draw(st.sampled_from(Qualifier))
    if long_years and draw(st.booleans()):
        year = draw(
            st.one_of(
                st.integers(MIN_YEAR, -10000),
                st.integers(10000, MAX_YEAR),
                st.sampled_from([MIN_YEAR, MAX_YEAR, -13_798_000_000, 170_000_002]),
            )
        )
        return FuzzyDate(year, precision=P.YEAR, qualifier=qualifier)
    precision = draw(st.sampled_from(Precision))
    year = draw(years if years is not None else st.integers(-9999, 9999))
    if precision == P.YEAR:
        return FuzzyDate(year, precision=precision, qualifier=qualifier)
    month = draw(st.integers(1, 12))
    if precision == P.MONTH:
        return FuzzyDate(year, month, precision=precision, qualifier=qualifier)
    # calendar.monthrange works for any year: it does not go through datetime.
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    if precision == P.DAY:
        return FuzzyDate(year, month, day, precision=precision, qualifier=qualifier)
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return FuzzyDate(year, month, day, hour, minute, precision, qualifier)


@st.composite
def date_spans(draw: st.DrawFn, *, long_years: bool = True,
               years: st.SearchStrategy[int] | None = None) -> DateSpan:
    """Points, ranges and ongoing ranges of fuzzy_dates(long_years, years)."""
    start = draw(fuzzy_dates(long_years=long_years, years=years))
    kind = draw(st.sampled_from(["point", "range", "open"]))
    if kind == "point":
        return DateSpan(start)
    if kind == "open":
        return DateSpan(start, open_end=True)
    end = draw(fuzzy_dates(long_years=long_years, years=years))
    if end.earliest < start.earliest:
        start, end = end, start
    return DateSpan(start, end)
