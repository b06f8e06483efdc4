"""Fuzzy calendar dates and date spans, with EDTF as their text form.

Time is counted in whole seconds since 1970-01-01T00:00 (UTC, proleptic Gregorian calendar,
astronomical years: year 0 is 1 BCE). All arithmetic is on Python ints, because `datetime` stops at
years 1 and 9999 and timelines reach back to the Big Bang.

The EDTF subset read and written here:

- ``2016``, ``2023-08``, ``2023-08-25``, ``2023-08-25T14:30:00`` (read also ``T14:30``, seconds are
  truncated to the minute, a trailing ``Z`` is ignored); ``-0043`` is 44 BCE, ``0000`` is 1 BCE.
- Years beyond ±9999 as long years ``Y-13798000000``, at year precision only.
- A qualifier as a suffix of a whole date: ``~`` approximate, ``?`` uncertain, ``%`` (both) is read
  as uncertain.
- Intervals ``start/end`` and ``start/..`` (ongoing). Open or unknown starts are not supported.

Beyond strict EDTF (the spec allows neither) we also write qualifiers on minute dates and long
years, and intervals whose ends are minute dates or long years, so that every value round-trips
through its text. `is_strict_edtf` tells whether a value's text is strict EDTF, for exporters
that need that.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from models.errors import StoreError

OPEN_END: int = 2**62  # 'latest' bound of an ongoing range ("2019/..")
SECONDS_PER_DAY = 86400

# Years whose bounds in seconds stay well inside int64 and below OPEN_END (about 1.46e11 years).
MAX_YEAR: int = 99_999_999_999
MIN_YEAR: int = -MAX_YEAR
# Beyond these, only year precision (EDTF long years have no month or day).
MAX_SHORT_YEAR = 9999
MIN_SHORT_YEAR = -9999

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Days from 0000-03-01 (start of Hinnant's era 0) to 1970-01-01.
_EPOCH_SHIFT = 719468


class Precision(enum.IntEnum):
    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3


class Qualifier(enum.Enum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    UNCERTAIN = "uncertain"


class DateError(ValueError):
    """A date or its text is invalid; the message says what is wrong with which text."""


_QUALIFIER_SUFFIX = {Qualifier.EXACT: "", Qualifier.APPROXIMATE: "~", Qualifier.UNCERTAIN: "?"}
_SUFFIX_QUALIFIER = {
    "": Qualifier.EXACT,
    "~": Qualifier.APPROXIMATE,
    "?": Qualifier.UNCERTAIN,
    "%": Qualifier.UNCERTAIN,  # approximate and uncertain: uncertain is the weaker claim
}


# --- calendar arithmetic -------------------------------------------------------------------------


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _civil_problem(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> str | None:
    """Why these fields are not a calendar date and time, or None when they are."""
    if not 1 <= month <= 12:
        return f"month {month} is out of range"
    if not 1 <= day <= days_in_month(year, month):
        return f"day {day} is out of range for {_MONTH_NAMES[month - 1]} {_edtf_year(year)}"
    if not 0 <= hour <= 23:
        return f"hour {hour} is out of range"
    if not 0 <= minute <= 59:
        return f"minute {minute} is out of range"
    return None


def _days_from_civil(year: int, month: int, day: int) -> int:
    # Howard Hinnant's days_from_civil; Python's floor division makes the era maths work for
    # negative years without his C++ adjustments.
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - _EPOCH_SHIFT


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date; any int year (0 is 1 BCE)."""
    problem = _civil_problem(year, month, day)
    if problem is not None:
        raise DateError(f"{year}-{month}-{day} is not a date: {problem}")
    return _days_from_civil(year, month, day)


def civil_from_days(days: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number counted from 1970-01-01."""
    days += _EPOCH_SHIFT
    era = days // 146097
    day_of_era = days - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153  # 0 is March
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    return year_of_era + era * 400 + (month <= 2), month, day


def civil_from_seconds(seconds: int) -> tuple[int, int, int, int, int]:
    """(year, month, day, hour, minute) of a second count; seconds within the minute are dropped."""
    days, second_of_day = divmod(seconds, SECONDS_PER_DAY)
    year, month, day = civil_from_days(days)
    return year, month, day, second_of_day // 3600, second_of_day % 3600 // 60


def seconds_from_civil(
    year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0
) -> int:
    """Seconds since 1970-01-01T00:00 of the start of the given minute."""
    problem = _civil_problem(year, month, day, hour, minute)
    if problem is not None:
        raise DateError(f"{year}-{month}-{day} {hour}:{minute} is not a date: {problem}")
    return _days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60


# --- FuzzyDate -----------------------------------------------------------------------------------


def _edtf_year(year: int) -> str:
    if 0 <= year <= MAX_SHORT_YEAR:
        return f"{year:04d}"
    if MIN_SHORT_YEAR <= year < 0:
        return f"-{-year:04d}"
    return f"Y{year}"


def _display_year(year: int) -> str:
    # Astronomical year 0 is 1 BCE; thousands separators only where digits get hard to count.
    number, era = (year, "") if year > 0 else (1 - year, " BCE")
    text = f"{number:,}" if number >= 10000 else str(number)
    return text + era


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A calendar date known to a precision (year, month, day or minute), maybe approximate.

    Fields finer than the precision must keep their defaults (month and day 1, hour and minute 0):
    they are rejected rather than silently dropped, so equal dates are equal field by field.
    Finer than year precision is only possible for years -9999..9999.
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: Precision = Precision.DAY
    qualifier: Qualifier = Qualifier.EXACT

    def __post_init__(self) -> None:
        problem = self._problem()
        if problem is not None:
            raise DateError(f"invalid date {self._fields_text()}: {problem}")

    def _fields_text(self) -> str:
        return (
            f"(year={self.year}, month={self.month}, day={self.day}, hour={self.hour}, "
            f"minute={self.minute}, precision={self.precision.name})"
        )

    def _problem(self) -> str | None:
        if not isinstance(self.precision, Precision):
            return f"precision {self.precision!r} is not a Precision"
        if not isinstance(self.qualifier, Qualifier):
            return f"qualifier {self.qualifier!r} is not a Qualifier"
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            return f"year {self.year} is out of range ({MIN_YEAR}..{MAX_YEAR})"
        if self.precision > Precision.YEAR and not MIN_SHORT_YEAR <= self.year <= MAX_SHORT_YEAR:
            return (
                f"year {self.year} is beyond ±9999, where only year precision is supported, "
                f"not {self.precision.name.lower()}"
            )
        problem = _civil_problem(self.year, self.month, self.day, self.hour, self.minute)
        if problem is not None:
            return problem
        finer = (
            ("month", self.month, 1, Precision.MONTH),
            ("day", self.day, 1, Precision.DAY),
            ("hour", self.hour, 0, Precision.MINUTE),
            ("minute", self.minute, 0, Precision.MINUTE),
        )
        for name, value, default, needs in finer:
            if value != default and self.precision < needs:
                return f"{name} must be {default} at {self.precision.name.lower()} precision"
        return None

    @property
    def earliest(self) -> int:
        """First second covered, in seconds since 1970-01-01T00:00."""
        days = _days_from_civil(self.year, self.month, self.day)
        return days * SECONDS_PER_DAY + self.hour * 3600 + self.minute * 60

    @property
    def latest(self) -> int:
        """Last second covered (inclusive): the end of the year, month, day or minute."""
        if self.precision == Precision.YEAR:
            return _days_from_civil(self.year + 1, 1, 1) * SECONDS_PER_DAY - 1
        if self.precision == Precision.MONTH:
            last_day = days_in_month(self.year, self.month)
            return (_days_from_civil(self.year, self.month, last_day) + 1) * SECONDS_PER_DAY - 1
        if self.precision == Precision.DAY:
            return self.earliest + SECONDS_PER_DAY - 1
        return self.earliest + 59

    @property
    def is_strict_edtf(self) -> bool:
        """Whether edtf() is strict EDTF: the spec qualifies only dates, not times or long years."""
        if self.qualifier == Qualifier.EXACT:
            return True
        return self.precision != Precision.MINUTE and MIN_SHORT_YEAR <= self.year <= MAX_SHORT_YEAR

    def edtf(self) -> str:
        text = _edtf_year(self.year)
        if self.precision >= Precision.MONTH:
            text += f"-{self.month:02d}"
        if self.precision >= Precision.DAY:
            text += f"-{self.day:02d}"
        if self.precision >= Precision.MINUTE:
            text += f"T{self.hour:02d}:{self.minute:02d}:00"
        return text + _QUALIFIER_SUFFIX[self.qualifier]

    def display(self) -> str:
        """The date as people write it: '2016', 'Aug 2023', 'c. 25 Aug 2023 14:30', '44 BCE?'."""
        text = _display_year(self.year)
        if self.precision >= Precision.MONTH:
            text = f"{_MONTH_NAMES[self.month - 1]} {text}"
        if self.precision >= Precision.DAY:
            text = f"{self.day} {text}"
        if self.precision >= Precision.MINUTE:
            text += f" {self.hour:02d}:{self.minute:02d}"
        if self.qualifier == Qualifier.APPROXIMATE:
            return "c. " + text
        if self.qualifier == Qualifier.UNCERTAIN:
            return text + "?"
        return text

    @classmethod
    def from_seconds(cls, seconds: int, precision: Precision) -> FuzzyDate:
        """The exact date of the given precision that contains `seconds`.

        Raises DateError beyond MIN_YEAR..MAX_YEAR, and for finer than year precision beyond ±9999.
        """
        year, month, day, hour, minute = civil_from_seconds(seconds)
        if precision < Precision.MINUTE:
            hour = minute = 0
        if precision < Precision.DAY:
            day = 1
        if precision < Precision.MONTH:
            month = 1
        return cls(year, month, day, hour, minute, precision)


# --- DateSpan ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A point in time (end None), a range start..end, or an ongoing range (open_end)."""

    start: FuzzyDate
    end: FuzzyDate | None = None  # None and not open_end: a point event
    open_end: bool = False  # "2019/..": ongoing

    def __post_init__(self) -> None:
        if self.open_end and self.end is not None:
            raise DateError(
                f"an ongoing range from {self.start.edtf()} cannot also end at {self.end.edtf()}"
            )
        if self.end is not None and self.end.earliest < self.start.earliest:
            raise DateError(f"range {self.start.edtf()}/{self.end.edtf()} ends before it starts")

    @property
    def is_range(self) -> bool:
        return self.end is not None or self.open_end

    @property
    def earliest(self) -> int:
        return self.start.earliest

    @property
    def latest(self) -> int:
        """OPEN_END when ongoing, the end's last second for ranges, the start's for points."""
        if self.open_end:
            return OPEN_END
        return (self.end or self.start).latest

    @property
    def fuzzy_start(self) -> bool:
        return self.start.qualifier != Qualifier.EXACT

    @property
    def fuzzy_end(self) -> bool:
        """Whether the last edge is qualified: a point's own date; False when ongoing."""
        if self.open_end:
            return False
        return (self.end or self.start).qualifier != Qualifier.EXACT

    @property
    def is_strict_edtf(self) -> bool:
        """Whether edtf() is strict EDTF (interval ends must be plain dates, not times or long
        years)."""
        if not self.is_range:
            return self.start.is_strict_edtf
        ends = (self.start,) if self.end is None else (self.start, self.end)
        return all(
            d.precision != Precision.MINUTE
            and MIN_SHORT_YEAR <= d.year <= MAX_SHORT_YEAR
            and d.is_strict_edtf
            for d in ends
        )

    def edtf(self) -> str:
        if self.open_end:
            return f"{self.start.edtf()}/.."
        if self.end is not None:
            return f"{self.start.edtf()}/{self.end.edtf()}"
        return self.start.edtf()

    def display(self) -> str:
        if self.open_end:
            return f"since {self.start.display()}"
        if self.end is not None:
            return f"{self.start.display()} – {self.end.display()}"
        return self.start.display()


# --- parsing -------------------------------------------------------------------------------------

# ASCII digits only ([0-9], not \d, which also matches other scripts' digits).
_DATE_RE = re.compile(
    r"""
    (?:
        Y(?P<long>-?[0-9]+)
      | (?P<year>-?[0-9]{4})
        (?:-(?P<month>[0-9]{2})
          (?:-(?P<day>[0-9]{2})
            (?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?Z?)?
          )?
        )?
    )
    (?P<qualifier>[~?%]?)
    """,
    re.VERBOSE,
)
_EXPECTED = (
    "expected EDTF such as '2016', '2023-08', '2023-08-25', '2023-08-25T14:30:00' or '2019~'"
)


def _quote(text: str) -> str:
    """The text as quoted in messages, cut short so pasted novels don't flood the message."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _date_problem(text: str) -> tuple[FuzzyDate | None, str]:
    """Parse one EDTF date: (the date, "") or (None, why not)."""
    match = _DATE_RE.fullmatch(text)
    if match is None:
        if re.fullmatch(r"-?[0-9]{5,}[~?%]?", text):
            return None, f"years beyond ±9999 are written as long years: {_quote('Y' + text)}"
        if re.fullmatch(r"-?[0-9]{5,}-.*", text):
            return None, "years beyond ±9999 are long years ('Y12345') and have no month or day"
        return None, _EXPECTED
    qualifier = _SUFFIX_QUALIFIER[match["qualifier"]]
    if match["long"] is not None:
        digits = match["long"].lstrip("-")
        # Check the length before int(): huge digit strings are slow and hit int's size guard.
        if len(digits) > len(str(MAX_YEAR)) or abs(year := int(match["long"])) > MAX_YEAR:
            return None, f"year is out of range ({MIN_YEAR}..{MAX_YEAR})"
        if abs(year) <= MAX_SHORT_YEAR:
            return None, f"long years need more than four digits; write '{_edtf_year(year)}'"
        return FuzzyDate(year, precision=Precision.YEAR, qualifier=qualifier), ""
    if match["year"] == "-0000":
        return None, "year zero is written '0000', without a sign"
    fields = [int(match["year"])]
    precision = Precision.YEAR
    for group, next_precision in (("month", Precision.MONTH), ("day", Precision.DAY)):
        if match[group] is not None:
            fields.append(int(match[group]))
            precision = next_precision
    if match["hour"] is not None:
        fields += [int(match["hour"]), int(match["minute"])]
        precision = Precision.MINUTE
        if match["second"] is not None and int(match["second"]) > 59:
            return None, f"second {match['second']} is out of range"
    year, month, day, hour, minute = (*fields, *(1, 1, 0, 0)[len(fields) - 1 :])
    problem = _civil_problem(year, month, day, hour, minute)
    if problem is not None:
        return None, problem
    return FuzzyDate(year, month, day, hour, minute, precision, qualifier), ""


def parse_date(text: str) -> FuzzyDate:
    """One EDTF date (not an interval), e.g. '2023-08-25', '-0043~', 'Y-13798000000'."""
    stripped = text.strip()
    if "/" in stripped:
        raise DateError(f"{_quote(text)} is not a date: it is a range, where one date was expected")
    date, problem = _date_problem(stripped)
    if date is None:
        raise DateError(f"{_quote(text)} is not a date: {problem}")
    return date


def parse_edtf(text: str) -> DateSpan:
    """An EDTF date or interval ('2016', '2019~/2023?', '2019/..') as a DateSpan."""
    stripped = text.strip()
    parts = stripped.split("/")
    if len(parts) == 1:
        return DateSpan(parse_date(stripped))
    if len(parts) > 2:
        raise DateError(
            f"{_quote(text)} is not a date: a range has one '/', this has {len(parts) - 1}"
        )
    start_text, end_text = parts
    if start_text in ("", ".."):
        raise DateError(
            f"{_quote(text)} is not a date: open or unknown starts are not supported yet"
        )
    if end_text == "":
        raise DateError(
            f"{_quote(text)} is not a date: "
            "unknown ends are not supported yet (write '..' if ongoing)"
        )
    start, problem = _date_problem(start_text)
    if start is None:
        raise DateError(f"{_quote(text)} is not a date: start {_quote(start_text)}: {problem}")
    if end_text == "..":
        return DateSpan(start, open_end=True)
    end, problem = _date_problem(end_text)
    if end is None:
        raise DateError(f"{_quote(text)} is not a date: end {_quote(end_text)}: {problem}")
    if end.earliest < start.earliest:
        raise DateError(f"{_quote(text)} is not a date: the range ends before it starts")
    return DateSpan(start, end)


def parse_stored(text: object) -> DateSpan:
    """A date read back from a store: StoreError (the file is damaged), not DateError (the
    user typed it wrong), when it does not read."""
    try:
        if not isinstance(text, str):
            raise DateError(f"not text: {text!r}")
        return parse_edtf(text)
    except DateError:
        raise StoreError(f"The store is damaged: the stored date {text!r} cannot be read. "
                         "Check store (File menu, or `chronolens check`) says more.") from None
