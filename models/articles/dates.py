"""The dates of a sentence: a table of pattern -> handler, then ranges, 'since', bounds,
approximations and hedges."""

from __future__ import annotations

import datetime
import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate, pairwise

from models.articles.sentences import _Quotes
from models.articles.words import (
    _FUNCTION_WORDS,
    _FUTURE,
    _HARD_BREAK,
    _HEDGES_ANYWHERE,
    _HEDGES_IN_CLAUSE,
    _I,
    _MONTHS,
    _NUMBER_WORDS,
    _PAST,
    _REPORTING,
    _WEEKDAYS,
    SAID_AFTER,
)
from models.dates import (
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
    Qualifier,
    civil_from_days,
    days_from_civil,
    days_in_month,
)


@dataclass(frozen=True, slots=True)
class _Reference:
    """The publication date as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @staticmethod
    def of(published: DateSpan | None) -> _Reference:
        if published is None:
            return _Reference()
        date = published.start
        if date.precision == Precision.YEAR or not -9999 <= date.year <= 9999:
            return _Reference(date.year)
        if date.precision == Precision.MONTH:
            return _Reference(date.year, date.month)
        return _Reference(date.year, date.month, date.day)

    @property
    def days(self) -> int | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return days_from_civil(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class _Atom:
    """A date found in a sentence: its text span, and either a DateSpan or (for a month or
    month and day without a year) the month and day to resolve."""

    start: int
    end: int
    span: DateSpan | None
    yearless: tuple[int, int | None] | None = None
    relative: bool = False
    weekday: int | None = None  # Monday 0, for a weekday named alone ("on Sunday")
    shift: int | None = None  # days from the day told before it ("a week earlier": -7)


def _year(year: int, qualifier: Qualifier = Qualifier.EXACT) -> FuzzyDate:
    return FuzzyDate(year, precision=Precision.YEAR, qualifier=qualifier)


def _month(year: int, month: int, qualifier: Qualifier = Qualifier.EXACT) -> FuzzyDate:
    return FuzzyDate(year, month, precision=Precision.MONTH, qualifier=qualifier)


def _day(days: int) -> FuzzyDate:
    year, month, day = civil_from_days(days)
    return FuzzyDate(year, month, day, precision=Precision.DAY)


def _point(date: FuzzyDate) -> DateSpan:
    return DateSpan(date)


def _approximate_range(start: FuzzyDate, end: FuzzyDate) -> DateSpan:
    approx = Qualifier.APPROXIMATE
    return DateSpan(replace(start, qualifier=approx), replace(end, qualifier=approx))


_MONTH_RE = (r"(?P<m>January|February|March|April|May|June|July|August|September|October|"
             r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
# (and a day word before the date it names: "tomorrow on May 17" is one date, May 17)
_WEEKDAY_PREFIX = (r"(?:(?:(?P<told_wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                   r"|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?"
                   r"|(?i:today|tomorrow|yesterday|tonight),?(?:\s+on)?)\s+)?")
_ORD = r"(?:st|nd|rd|th)?"
_ERA = r"(?P<era>BCE|BC|B\.C\.E\.|B\.C\.|AD|A\.D\.|CE|C\.E\.)"
_COUNT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s?cent\b|million\b|billion\b|trillion\b|thousand\b|bn\b|mn\b"
    r"|m\b|k\b|km\b|kg\b|mw\b|gw\b|mwh\b|gwh\b|mhz\b|ghz\b|gb\b|tb\b|mb\b|mah\b|hp\b|cc\b"
    r"|ml\b|feet\b|ft\b|metres\b|meters\b|miles\b|tonnes\b|tons\b|gmt\b|utc\b|hrs\b|hours\b"
    r"|h\b|euros?\b|dollars?\b|yuan\b|pounds?\b|yen\b|r[ou]bles?\b|rupees?\b|kronor\b"
    r"|crowns?\b|people\b|staff\b|personnel\b|men\b|women\b|children\b|police\b|sq\b"
    r"|square\b|acres?\b|hectares?\b|points?\b|votes?\b|times\b|local time\b|bc\b|ad\b"
    r"|(?:yesterday|today|tomorrow)\s+(?:gmt|utc|local\s+time)\b)",  # ("2000 yesterday UTC")
    re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    r"(?:[$€£¥₹#]|\b(?:US|USD|EUR|GBP|CNY|RMB|Rs|No|no|number|page|pages|flight|room|route"
    r"|model|code|tel|phone|article|section|rule|resolution|bill|act|chapter|verse|item"
    r"|nearly|almost|over|under|than|only|just|least|total|all)\.?)\s*$")
_NOT_PLURAL = frozenset("""
as was is has its this thus his hers ours yours theirs plus versus always perhaps news series
less unless across whereas towards afterwards besides sometimes nonetheless nevertheless yes
""".split())
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those|whose|in|since|by|until|of"
    r"|from|during|between|and|or|to|through|before|after|early|late|mid|circa|c\.|ca\.)\s*"
    r"$|['’]s\s*$", re.IGNORECASE)


_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b(?!['’])")


def _bare_year_ok(sentence: str, start: int, end: int, year: int) -> bool:
    """Whether a lone four-digit number is a year here, not a count, price, model or time."""
    if not 1000 <= year <= 2100:
        return False
    before, after = sentence[max(0, start - 30):start], sentence[end:end + 30]
    if _COUNT_AFTER.match(after):
        return False
    determiner = bool(_DETERMINER.search(before))
    if _COUNT_BEFORE.search(before) and not determiner:
        return False
    previous = _PREVIOUS_WORD.search(before)
    if previous:
        word = previous.group(1).strip("\"'“\u2018(")
        if (word[:1].isupper() and word.lower().rstrip(".,") not in _MONTHS
                and word.lower() not in _FUNCTION_WORDS and word.lower() not in _WEEKDAYS
                and not word.endswith(",")):
            return False  # "Windows 2000", "Mate 2016", "Euro 2016": a name, not a date
    following = _NEXT_WORD.match(after)
    if following and not determiner:
        noun = following.group(1)
        if noun.endswith("s") and not noun.endswith("ss") and noun not in _NOT_PLURAL \
                and len(noun) > 3:
            return False  # "2016 employees"
    return True


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}
_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}


def _season(year: int, name: str) -> DateSpan:
    first, last = _SEASONS[name.lower()]
    return _approximate_range(_month(year, first), _month(year + (last < first), last))


def _ago(ref: _Reference, count: int, unit: str) -> DateSpan | None:
    unit = unit.lower().rstrip("s")
    approx = Qualifier.APPROXIMATE
    if ref.year is None:
        return None
    if unit in ("year", "decade"):
        return _point(_year(ref.year - count * (10 if unit == "decade" else 1), approx))
    if ref.month is None:
        return None
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 - count
        return _point(_month(index // 12, index % 12 + 1, approx))
    days = ref.days
    if days is None:
        return None
    if unit == "week":
        return _point(replace(_day(days - 7 * count), qualifier=approx))
    return _point(_day(days - count))


def _relative_word(ref: _Reference, which: str, unit: str) -> DateSpan | None:
    """'this/last/next year|month|week' and seasons."""
    which, unit = which.lower(), unit.lower()
    shift = {"this": 0, "last": -1, "past": -1, "next": 1, "earlier": 0, "later": 0}[which]
    if ref.year is None:
        return None
    if unit == "year":
        return _point(_year(ref.year + shift))
    if unit in _SEASONS:
        if ref.month is None:
            return None
        year = ref.year + shift
        if which in ("last", "past") and _SEASONS[unit][0] > ref.month:
            year = ref.year - 1 if shift == -1 else year
        return _season(year, unit)
    if ref.month is None:
        return None
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + shift
        return _point(_month(index // 12, index % 12 + 1))
    days = ref.days
    if days is None:
        return None
    monday = days - (days + 3) % 7 + 7 * shift  # 1970-01-01 was a Thursday
    if unit == "week":
        return DateSpan(_day(monday), _day(monday + 6))
    return DateSpan(_day(monday + 5), _day(monday + 6))  # weekend


def day_next_to(span: DateSpan, shift: int) -> DateSpan | None:
    """The day `shift` days from a span that is one day ("the next day" after it), else None."""
    date = span.start
    if span.end is not None or span.open_end or date.precision != Precision.DAY \
            or date.month is None or date.day is None:
        return None
    return _point(_day(days_from_civil(date.year, date.month, date.day) + shift))


# A month or a year told from the one before: "Four months later", "The following year",
# "Later that year", "Before the month ended".
PERIOD_STEP = re.compile(
    r"\b(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+"
    r"(?P<unit>months?|years?)\s+later"
    r"|(?:the|that)\s+(?P<which>following|next|same)\s+(?P<unit2>month|year)"
    r"|later\s+(?:that|the\s+same)\s+(?P<unit3>month|year)"
    r"|before\s+the\s+(?P<unit4>month|year)\s+(?:ended|was\s+out))\b", _I)


def period_next_to(span: DateSpan, step: re.Match[str]) -> DateSpan | None:
    """The month or year a PERIOD_STEP counts from a span that is one day, month or year
    (no finer than the span: "In 2019 …; two months later" tells no month)."""
    date = span.start
    if span.end is not None or span.open_end:
        return None
    unit = (step["unit"] or step["unit2"] or step["unit3"] or step["unit4"]).lower()
    ahead = 0
    if step["n"]:
        ahead = _NUMBER_WORDS.get(step["n"].lower()) or int(step["n"])
    elif step["which"] and step["which"].lower() in ("following", "next"):
        ahead = 1
    if unit.startswith("year"):
        return _point(_year(date.year + ahead))
    if date.month is None or date.precision == Precision.YEAR:
        return None
    months = date.year * 12 + date.month - 1 + ahead
    return _point(_month(months // 12, months % 12 + 1))


def _weekday(ref: _Reference, name: str, which: str, future: bool | None) -> DateSpan | None:
    days = ref.days
    if days is None:
        return None
    target = _WEEKDAYS.index(name.lower())
    today = (days + 3) % 7
    back = (today - target) % 7
    which = which.lower()
    if which == "last":
        back = back or 7
    elif which == "next" or which.endswith("coming") or (which in ("", "on", "this") and future):
        forward = (target - today) % 7
        if which == "next" or which.endswith("coming"):
            forward = forward or 7
        return _point(_day(days + forward))
    return _point(_day(days - back))


def _within_year(year: int, month: int, day: int | None) -> DateSpan | None:
    if day is None:
        return _point(_month(year, month))
    if not 1 <= day <= days_in_month(year, month):
        return None
    return _point(FuzzyDate(year, month, day, precision=Precision.DAY))


def _yearless(ref: _Reference, month: int, day: int | None, future: bool | None
              ) -> DateSpan | None:
    """A month (and day) without a year: the last such date on or before publication in a
    clause about the past, the next one on or after it in a clause about the future, else the
    nearer of the two ("run-off elections in January", written in November)."""
    if ref.year is None or ref.month is None:
        return None
    here = (ref.month, ref.day or 0 if day is not None else 0)
    there = (month, day or 0)
    if there == here:
        return _within_year(ref.year, month, day)
    before = ref.year - (there > here)
    after = ref.year + (there < here)
    if future is None:  # the nearer, by month and day ("the February 16 raids", on the 18th)
        back = (here[0] * 31 + here[1] - there[0] * 31 - there[1]) % 372
        future = 372 - back < back
    return _within_year(after if future else before, month, day)


# A handler reads one match: the sentence, the publication date, and whether the clause is
# about the future (True), the past (False) or says neither (None).
Handler = Callable[[re.Match[str], str, _Reference, bool | None], _Atom | None]


def _make(match: re.Match[str], span: DateSpan | None, **extra: object) -> _Atom | None:
    if span is None and "yearless" not in extra:
        return None
    return _Atom(match.start(), match.end(), span, **extra)  # type: ignore[arg-type]


def _month_number(match: re.Match[str]) -> int:
    return _MONTHS[match.group("m").lower().rstrip(".")]


def _era_year(number: int, era: str | None) -> int:
    if era and era.replace(".", "").upper() in ("BC", "BCE"):
        return 1 - number  # astronomical years: 1 BC is year 0
    return number


def _h_iso(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year, month, day = int(m["y"]), int(m["mo"]), int(m["d"])
    if not 1 <= month <= 12:
        return None
    return _make(m, _within_year(year, month, day))


def _h_day_month_year(m: re.Match[str], s: str, ref: _Reference, f: bool | None) -> _Atom | None:
    year = _era_year(int(m["y"]), m["era"])
    if m["era"] is None and not 1000 <= year <= 2100:
        return None
    return _make(m, _within_year(year, _month_number(m), int(m["d"])))


def _h_month_day(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    month = _month_number(m)
    span = _yearless(ref, month, day, future)
    if m["told_wd"] and ref.year is not None and span is not None:
        # "has convened parliament for Thursday 16 May": the year in which it is a Thursday
        weekday = next(i for i, w in enumerate(_WEEKDAYS)
                       if w.startswith(m["told_wd"][:3].lower()))
        year = span.start.year
        fitting = [y for y in (year, year + 1, year - 1)
                   if 1 <= day <= days_in_month(y, month)
                   and datetime.date(y, month, day).weekday() == weekday]
        if fitting and abs(fitting[0] - ref.year) <= 1:
            span = _within_year(fitting[0], month, day)
    return _Atom(m.start(), m.end(), span, (month, day), True)


def _h_days_of_month(m: re.Match[str], s: str, ref: _Reference, future: bool | None
                     ) -> _Atom | None:
    """"7-8 May", "from 7 to 9 May 2012": the days from the first to the last of one month, in
    the year given or, without one, the year the first day takes."""
    first, last = int(m["d1"]), int(m["d2"])
    if not 1 <= first < last <= 31:
        return None
    month = _month_number(m)
    if m["y"]:
        year = int(m["y"])
        start = _within_year(year, month, first) if 1000 <= year <= 2100 else None
    else:
        start = _yearless(ref, month, first, future)
    end = _within_year(start.start.year, month, last) if start is not None else None
    if start is None or end is None:
        return None
    return _Atom(m.start(), m.end(), DateSpan(start.start, end.start), relative=not m["y"])


_MONTH_JUST_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")


def _h_day_month(m: re.Match[str], s: str, ref: _Reference, future: bool | None
                 ) -> _Atom | None:
    """"6 March"; not in "the May 6 March of the Millions", where the day is May's."""
    if _MONTH_JUST_BEFORE.search(s, max(0, m.start() - 12), m.start()):
        return None
    return _h_month_day(m, s, ref, future)


def _h_month_year(m: re.Match[str], s: str, ref: _Reference, f: bool | None) -> _Atom | None:
    year = int(m["y"])
    if not 1000 <= year <= 2100:
        return None
    return _make(m, _point(_month(year, _month_number(m))))


# The words that qualify a date stand just before it: they are looked for in the LOOK_BACK
# characters before it, not in the whole sentence so far (which, for each date of a sentence
# with thousands, was quadratic). Every such phrase is far shorter.
LOOK_BACK = 40


def _just_before(pattern: re.Pattern[str], sentence: str, position: int) -> re.Match[str] | None:
    """A phrase (a pattern ending in '$') ending at position."""
    return pattern.search(sentence, max(0, position - LOOK_BACK), position)


_OF_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?(last|this|next)\s+year\b", re.IGNORECASE)
_WHICH_BEFORE = re.compile(r"\b(last|next|this|(?:this\s+)?past)\s*$", re.IGNORECASE)
_NAMED_DAY_BEFORE = re.compile(r"\b(?:Good|Black|Super|Cyber|Bloody|Holy|Ash|Easter|Palm)\s+$")
_DATE_IN_BRACKETS_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s*\(\s*$", re.IGNORECASE)
_MONTH_ALONE_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|to|through|during|last|next|this|past|early|late|mid-?|of"
    r"|end of|beginning of|start of|middle of|and|or|between|on)\s*$", re.IGNORECASE)


def _h_month_alone(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    if not _just_before(_MONTH_ALONE_BEFORE, s, m.start()):
        return None
    month = _month_number(m)
    of_year = _OF_YEAR_AFTER.match(s, m.end())
    if of_year and ref.year is not None:  # "in April of last year": one month, not two dates
        shift = {"last": -1, "this": 0, "next": 1}[of_year.group(1).lower()]
        return _Atom(m.start(), of_year.end(), _point(_month(ref.year + shift, month)),
                     (month, None), True)
    which = _just_before(_WHICH_BEFORE, s, m.start())
    if which and ref.year is not None and ref.month is not None:
        word = which.group(1).lower()
        year = ref.year
        if word.endswith("past"):
            word = "last"  # "this past January"
        if word == "last":
            year -= 1 if month >= ref.month else 0
        elif word == "next":
            year += 1 if month <= ref.month else 0
        return _Atom(m.start(), m.end(), _point(_month(year, month)), (month, None), True)
    return _Atom(m.start(), m.end(), _yearless(ref, month, None, future), (month, None), True)


_NAME_AFTER = re.compile(r" (?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Night|Morning"
                         r"|Afternoon|Evening|Last|Next|This)\w*\b)[A-Z][a-z]+\b")


def _h_weekday(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    if _just_before(_NAMED_DAY_BEFORE, s, m.start()):
        return None  # a named day, not a weekday of this week
    if _just_before(_DATE_IN_BRACKETS_BEFORE, s, m.start()):
        return None  # "September 14 (Thursday)": the weekday of the date before it
    if not m["which"] and m["wd"][:1].isupper() and m.end("wd") == m.end() \
            and _NAME_AFTER.match(s, m.end()):
        return None  # "Coach Monday Okoro", "Sunday Oliseh": a given name; "the Sunday Times"
    span = _weekday(ref, m["wd"], m["which"] or "", future)
    if m["week"] and ref.days is not None and (m["which"] or "").lower() in ("", "on"):
        # "on Monday last week": that week's Monday
        shift = {"last": -7, "this": 0, "next": 7}[m["week"].lower()]
        monday = ref.days - (ref.days + 3) % 7 + shift
        span = _point(_day(monday + _WEEKDAYS.index(m["wd"].lower())))
        return _Atom(m.start(), m.end(), span, relative=True)
    alone = (m["which"] or "").lower() in ("", "on")
    return _Atom(m.start(), m.end(), span, relative=True,
                 weekday=_WEEKDAYS.index(m["wd"].lower()) if alone else None) if span else None


def _h_word_day(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    days = ref.days
    if days is None:
        return None
    if m["part"]:  # "this morning": the publication's day; "last night": the one before
        shift = -1 if m["part"].lower().startswith("last") else 0
    else:
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["w"].lower()]
        if m["pre"]:  # "the day before yesterday", "the day after tomorrow"
            shift += -1 if m["pre"].lower().endswith("before") else 1
    return _Atom(m.start(), m.end(), _point(_day(days + shift)), relative=True)


# "A week earlier", "three days later": days from a day told before.
OFFSET = re.compile(r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                    r"(?P<unit>days?|weeks?)\s+(?P<dir>earlier|later)\b", _I)


def offset_days(m: re.Match[str]) -> int:
    """The days an OFFSET or BETWEEN_OFFSET match counts, back (negative) or ahead ("three
    days after the talks collapsed": the collapse was three days back)."""
    count = _NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])
    days = count * (7 if m["unit"].lower().startswith("week") else 1)
    return -days if m["dir"].lower() in ("earlier", "after") else days


def _h_offset(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    """From the day told before it in the sentence (resolved by _after_the_day_told; nothing
    without one: the sentence before it may tell it, see pipeline.py)."""
    return _Atom(m.start(), m.end(), None, relative=True, shift=offset_days(m))


# "…on Friday, three days after the talks collapsed": what follows happened that many days
# before the day told before it in the sentence (and "two days before the vote", after it).
BETWEEN_OFFSET = re.compile(r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten"
                             r"|\d{1,2})\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before)\b", _I)


_THE_BEFORE = re.compile(r"\b(?:over|in|during|through|for|within)\s+the\s+$", _I)


def _h_relative(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    """'this/last/next year|month|week|weekend' and seasons. Told in the past, "this week" is
    its days up to the publication ("has filed a lawsuit this week", on a Tuesday), and "this
    weekend" the one just past when the week's has not come yet."""
    which, unit = m["which"].lower(), m["unit"].lower()
    if which == "last" and unit in ("week", "month", "year") \
            and _THE_BEFORE.search(s, max(0, m.start() - 24), m.start()):
        which = "past"  # "over the last year": the year up to the publication, as "past"
    if which == "this" and unit == "weekend" and future is False and ref.days is not None \
            and (ref.days + 3) % 7 < 5:
        which = "last"
    span = _relative_word(ref, which, unit)
    if which == "past" and unit in ("week", "month", "year") and ref.days is not None \
            and ref.day is not None and ref.month is not None and ref.year is not None:
        # "in the past month": the month up to the publication, from the same day of the month
        # before, not the calendar month before it (which "last month" is)
        if unit == "week":
            start = ref.days - 7
        else:
            index = ref.year * 12 + ref.month - 1 - (12 if unit == "year" else 1)
            year, month = index // 12, index % 12 + 1
            start = days_from_civil(year, month, min(ref.day, days_in_month(year, month)))
        span = DateSpan(_day(start), _day(ref.days))
    elif which == "this" and unit == "week" and future is False and ref.days is not None:
        monday = ref.days - (ref.days + 3) % 7
        span = DateSpan(_day(monday), _day(ref.days)) if ref.days > monday else \
            _point(_day(monday))
    elif which == "this" and unit == "week" and ref.days is not None \
            and m.group().lower().startswith("later"):
        sunday = ref.days - (ref.days + 3) % 7 + 6  # "later this week": its days to come
        span = DateSpan(_day(ref.days), _day(sunday)) if ref.days < sunday else \
            _point(_day(sunday))
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _h_the_weekend(m: re.Match[str], s: str, ref: _Reference, future: bool | None
                   ) -> _Atom | None:
    """"Over the weekend": the one just past (the coming one in a clause about the future)."""
    days = ref.days
    if days is None:
        return None
    today = (days + 3) % 7  # Monday 0
    shift = 0 if future or today >= 5 else -1
    span = _relative_word(ref, "this" if shift == 0 else "last", "weekend")
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _h_ordinal_day(m: re.Match[str], s: str, ref: _Reference, future: bool | None
                   ) -> _Atom | None:
    """"On the 21st": a day of the publication's month, or of the month before when that day
    is yet to come in a clause about the past (the next month's, about the future)."""
    if ref.year is None or ref.month is None or ref.day is None:
        return None
    day = int(m["d"])
    index = ref.year * 12 + ref.month - 1
    if future and day < ref.day:
        index += 1
    elif not future and day > ref.day:
        index -= 1
    year, month = index // 12, index % 12 + 1
    if not 1 <= day <= days_in_month(year, month):
        return None
    return _Atom(m.start(), m.end(), _within_year(year, month, day), relative=True)


def _h_season_alone(m: re.Match[str], s: str, ref: _Reference, future: bool | None
                    ) -> _Atom | None:
    """"In the spring": the last one begun by the publication (the next, about the future)."""
    if ref.year is None or ref.month is None:
        return None
    season = m["season"].lower()
    first = _SEASONS[season][0]
    year = ref.year if first <= ref.month else ref.year - 1
    if future and first <= ref.month:
        year += 1
    return _Atom(m.start(), m.end(), _season(year, season), relative=True)


_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24),
             "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
             "valentine's day": (2, 14), "halloween": (10, 31), "bastille day": (7, 14)}


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\s+$")


def _h_holiday(m: re.Match[str], s: str, ref: _Reference, future: bool | None
               ) -> _Atom | None:
    """"On Christmas Eve": the holiday's day nearest the publication by the clause's tense
    (not a name's last word: "the artist Johnnie Christmas")."""
    if _NAME_BEFORE.search(s, 0, m.start()):
        return None
    month, day = _HOLIDAYS[m["h"].lower().replace("’", "'")]
    span = _yearless(ref, month, day, future)
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _h_ago(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    word = re.sub(r"\s+", "-", m["n"].lower())  # "twenty four", "twenty-four"
    count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    if count is None or count > 5000:
        return None
    span = _ago(ref, count, m["unit"])
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _decade_start(m: re.Match[str], ref: _Reference) -> int | None:
    if m["full"]:
        return int(m["full"])
    short = int(m["short"])
    now = ref.year if ref.year is not None else 2000
    year = 2000 + short
    return year if year <= now else 1900 + short


def _h_decade(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    start = _decade_start(m, ref)
    if start is None or not 1000 <= start <= 2100:
        return None
    part = (m["part"] or "").lower()
    if part:
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
        return _make(m, _approximate_range(_year(start + first), _year(start + last)))
    return _make(m, DateSpan(_year(start), _year(start + 9)))


_SET_BEFORE = re.compile(r"\b(?:set|sets|fixed|fixes)\s+$", _I)
_FOR_WHAT_AFTER = re.compile(r"\s+(?:for|to|as)\b")
_WORD_NEXT = re.compile(r"\s+[A-Za-z]")


def _h_century(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    number = int(m["n"])
    if not 1 <= number <= 22:
        return None
    if not m["era"] and re.search(r"-century$", m.group(), _I) and _WORD_NEXT.match(s, m.end()):
        return None  # "a novel set in 19th-century New Zealand": what it is like, no time
    if m["era"]:
        first, last = -(number * 100) + 1, -(number - 1) * 100
    else:
        first, last = (number - 1) * 100, (number - 1) * 100 + 99
    part = (m["part"] or "").lower()
    if part:
        offset = {"early": (0, 30), "mid": (40, 60), "late": (70, 99)}[part]
        return _make(m, _approximate_range(_year(first + offset[0]), _year(first + offset[1])))
    return _make(m, DateSpan(_year(first), _year(last)))


def _quarter_year(m: re.Match[str], ref: _Reference) -> int | None:
    if m["y"]:
        year = int(m["y"])
        return year if 1000 <= year <= 2100 else None
    if m["rel"]:
        shift = {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return None if ref.year is None else ref.year + shift
    return ref.year


def _by_tense(m: re.Match[str], ref: _Reference, year: int, first: int, last: int,
              future: bool | None) -> int:
    """The year of a quarter named without one, by the verb's tense: "sales rose in
    the fourth quarter", told in March, is last year's; "will rise in the first quarter",
    told in November, next year's."""
    if m["y"] or m["rel"] or ref.month is None:
        return year
    if future is False and first > ref.month:
        return year - 1
    if future is True and last < ref.month:
        return year + 1
    return year


def _h_quarter(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = _quarter_year(m, ref)
    if year is None:
        return None
    quarter = _ORDINALS.get((m["q"] or "").lower()) or int(m["qn"] or 0)
    if not 1 <= quarter <= 4:
        return None
    first = quarter * 3 - 2
    year = _by_tense(m, ref, year, first, first + 2, future)
    return _Atom(m.start(), m.end(), DateSpan(_month(year, first), _month(year, first + 2)),
                 relative=not m["y"])


def _h_half(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = _quarter_year(m, ref)
    if year is None:
        return None
    first = 1 if m["h"].lower() == "first" else 7
    return _Atom(m.start(), m.end(), DateSpan(_month(year, first), _month(year, first + 5)),
                 relative=not m["y"])


def _h_months_of(m: re.Match[str], s: str, ref: _Reference,
                 future: bool | None) -> _Atom | None:
    """'the last 2 months of 2011', 'the first three months of the year'."""
    year = _quarter_year(m, ref)
    count = _NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])
    if year is None or not 1 <= count <= 11:
        return None
    first = 1 if m["h"].lower() == "first" else 13 - count
    return _Atom(m.start(), m.end(),
                 DateSpan(_month(year, first), _month(year, first + count - 1)),
                 relative=not m["y"])


def _h_season(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = int(m["y"])
    if not 1000 <= year <= 2100:
        return None
    return _make(m, _season(year, m["season"]))


def _h_part_year(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    """'early 2020', 'mid-2019', 'late 2019', 'the end of 2024', 'the end of the year'."""
    if m["y"]:
        year = int(m["y"])
        if not 1000 <= year <= 2100:
            return None
        relative = False
    else:
        if ref.year is None:
            return None
        year = ref.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
        relative = True
    part = next(w for w in m["part"].lower().split() if w not in ("the", "of"))
    if part in ("end", "beginning", "start"):
        month = 12 if part == "end" else 1
        span = _point(_month(year, month, Qualifier.APPROXIMATE))
    else:
        first, last = _PARTS[part]
        span = _approximate_range(_month(year, first), _month(year, last))
    return _Atom(m.start(), m.end(), span, relative=relative)


def _h_part_month(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    """'early March 2021', 'the end of March': the month, approximate."""
    month = _month_number(m)
    if m["y"]:
        year = int(m["y"])
        if not 1000 <= year <= 2100:
            return None
        return _make(m, _point(_month(year, month, Qualifier.APPROXIMATE)))
    span = _yearless(ref, month, None, future)
    if span is not None:
        span = DateSpan(replace(span.start, qualifier=Qualifier.APPROXIMATE))
    return _Atom(m.start(), m.end(), span, (month, None), True)


def _h_week_of_month(m: re.Match[str], s: str, ref: _Reference, future: bool | None
                     ) -> _Atom | None:
    """'the last weekend of April 2012', 'the first week of May': its days in that month."""
    month = _month_number(m)
    if m["y"]:
        year = int(m["y"])
        if not 1000 <= year <= 2100:
            return None
    else:
        span = _yearless(ref, month, None, future)
        if span is None:
            return None
        year = span.start.year
    first, size = days_from_civil(year, month, 1), days_in_month(year, month)
    which = _ORDINALS[m["which"].lower()] - 1 if m["which"].lower() != "last" else -1
    if m["unit"].lower() == "week":
        start = first + (size - 7 if which < 0 else 7 * which)
        return _make(m, DateSpan(_day(start), _day(start + 6)))
    saturdays = [day for day in range(first, first + size - 1) if (day + 3) % 7 == 5]
    start = saturdays[which]  # a weekend whose Sunday is in the month too
    return _make(m, DateSpan(_day(start), _day(start + 1)))


def _h_era(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    number = int(m["n"])
    if not 1 <= number <= 9999:
        return None
    return _make(m, _point(_year(_era_year(number, m["era"]))))


def _h_year_range(m: re.Match[str], s: str, ref: _Reference, f: bool | None) -> _Atom | None:
    first, second, sep = int(m["a"]), m["b"], m["sep"]
    if len(second) == 2 and sep == "-" and " " not in m.group():
        number = int(second)
        if number != (first + 1) % 100 and 1 <= number <= 12 and 1000 <= first <= 2100:
            return _make(m, _point(_month(first, number)))  # ISO "2023-08"
    if len(second) == 2:
        last = first // 100 * 100 + int(second)
        if last <= first:
            last += 100
    else:
        last = int(second)
    if not (1000 <= first < last <= 2100) or last - first > 200:
        return None
    if not _bare_year_ok(s, m.start(), m.end(), first):
        return None
    return _make(m, DateSpan(_year(first), _year(last)))


def _h_year(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = int(m["y"])
    if not _bare_year_ok(s, m.start(), m.end(), year):
        return None
    return _make(m, _point(_year(year)))




@cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """The date patterns, compiled on first use (most sessions never read an article)."""
    return (
    (re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
                r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w/-])"), _h_iso),
    (re.compile(_WEEKDAY_PREFIX + r"(?<!\d)(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?"
                + _MONTH_RE + r",?\s+(?P<y>\d{1,4})(?!\d)(?:\s*" + _ERA + r")?"),
     _h_day_month_year),
    (re.compile(_WEEKDAY_PREFIX + _MONTH_RE + r"\s+(?P<d>\d{1,2})" + _ORD
                + r",?\s+(?P<y>\d{4})(?![\d%])(?P<era>)"), _h_day_month_year),
    # days of one month: "7-8 May", "7 and 8 May 2012", "from 7 to 9 May", "May 7-8"
    (re.compile(r"(?<![\d.,])(?P<d1>\d{1,2})" + _ORD + r"(?:\s*[-–]\s*|\s+(?:and|to)\s+)"
                r"(?P<d2>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH_RE
                + r"(?:,?\s+(?P<y>\d{4})(?!\d))?(?!\w)"), _h_days_of_month),
    (re.compile(_MONTH_RE + r"\s+(?P<d1>\d{1,2})" + _ORD + r"\s*[-–]\s*(?P<d2>\d{1,2})" + _ORD
                + r"(?:,?\s+(?P<y>\d{4})(?!\d))?(?![\d%:.,]\d)(?!\w)"), _h_days_of_month),
    (re.compile(_WEEKDAY_PREFIX + _MONTH_RE + r"\s+(?P<d>\d{1,2})" + _ORD + r"(?![\d%:.,]\d)"
                r"(?!\w)"), _h_month_day),
    (re.compile(_WEEKDAY_PREFIX + r"(?<!\d)(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?"
                + _MONTH_RE + r"(?!\w)"), _h_day_month),
    (re.compile(_MONTH_RE + r",?\s+(?:of\s+)?(?P<y>\d{4})(?![\d%])"), _h_month_year),
    (re.compile(r"(?<![\w-])" + _MONTH_RE + r"(?!\w|\s+\d)"), _h_month_alone),
    (re.compile(r"\b(?:(?P<which>last|next|this|on|early|late|(?:this\s+)?coming)\s+)?"
                r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                r"(?:['’]s\b)?(?![\w'’])"
                r"(?:\s+(?:morning|afternoon|evening|night))?"
                r"(?:,?\s+(?P<week>last|this|next)\s+week\b)?", _I), _h_weekday),
    # (not "I remember it like yesterday", "as if it were yesterday": no date, a simile)
    (re.compile(r"(?<!\blike )(?<!\bif it were )\b(?:(?P<pre>the\s+day\s+(?:before|after))\s+)?"
                r"(?P<w>yesterday|today|tonight|tomorrow)\b"
                r"(?:\s+(?:morning|afternoon|evening|night))?"
                r"|\b(?P<part>this\s+(?:morning|afternoon|evening)|last\s+night)\b", _I),
     _h_word_day),
    (OFFSET, _h_offset),
    (BETWEEN_OFFSET, _h_offset),  # (only from a day told before it in the sentence: "Three
    # days after the vote, Smith resigned" gives no day to count from)
    (re.compile(r"\b(?:(?:earlier|later)\s+)?(?P<which>this|last|next|past)\s+"
                r"(?P<unit>year|month|week|weekend|spring|summer|autumn|fall|winter)\b", _I),
     _h_relative),
    (re.compile(r"\b(?P<n>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
                r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|\d{1,4})"
                r"\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago\b", _I), _h_ago),
    (re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?"
                r"(?:(?P<full>\d{3}0)['’]?s|['’](?P<short>\d0)['’]?s)\b", _I), _h_decade),
    (re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)"
                r"[\s-]+century(?:\s+" + _ERA + r")?", _I), _h_century),
    (re.compile(r"\b(?:the\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                r"|Q(?P<qn>[1-4]))(?:\s+of)?(?:\s+(?:(?P<y>\d{4})(?!\d)"
                r"|(?P<rel>this|last|next|the)\s+year))?"), _h_quarter),
    (re.compile(r"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<y>\d{4})(?!\d)"
                r"|(?P<rel>this|last|next|the)\s+year)", _I), _h_half),
    (re.compile(r"\b(?:the\s+)?(?P<h>first|last)\s+(?P<n>two|three|four|five|six|seven|eight"
                r"|nine|ten|eleven|\d{1,2})\s+months\s+of\s+(?:(?P<y>\d{4})(?!\d)"
                r"|(?P<rel>this|last|next|the)\s+year)", _I), _h_months_of),
    (re.compile(r"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
                r"(?P<y>\d{4})(?!\d)", _I), _h_season),
    (re.compile(r"\b(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of"
                r"|(?:end|beginning|start|middle)\s+of)[\s-]+(?:(?P<y>\d{4})(?![\d%])"
                r"|(?P<rel>this|last|next|the)\s+year)\b", _I), _h_part_year),
    (re.compile(r"\b(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+"
                + _MONTH_RE + r"(?:,?\s+(?P<y>\d{4})(?!\d))?(?!\w)"), _h_part_month),
    (re.compile(r"\b(?i:(?:the\s+)?(?P<which>first|second|third|fourth|last)\s+"
                r"(?P<unit>week|weekend)\s+of)\s+" + _MONTH_RE
                + r"(?:,?\s+(?P<y>\d{4})(?!\d))?(?!\w)"),
     _h_week_of_month),
    (re.compile(r"\b(?:over|during|at|on)\s+the\s+weekend\b", _I), _h_the_weekend),
    (re.compile(r"\bon\s+the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\b|century|"
                r"anniversary|floor|minute|time|day|week|month|year|round|place|lap|hole|"
                r"\w+\s+(?:anniversary|birthday)|[A-Z]))"), _h_ordinal_day),
    (re.compile(r"\b(?:in|during|over|through)\s+the\s+(?P<season>spring|summer|autumn|fall"
                r"|winter)\b(?!\s+(?:of\s+)?\d)", _I), _h_season_alone),
    (re.compile(r"\b(?P<h>New\s+Year['’]s\s+(?:Day|Eve)|Christmas\s+(?:Eve|Day)|Christmas"
                r"|Boxing\s+Day|Valentine['’]s\s+Day|Halloween|Bastille\s+Day)\b"), _h_holiday),
    (re.compile(r"\b(?P<n>\d{1,4})\s*" + _ERA + r"(?!\w)"), _h_era),
    (re.compile(r"\b(?P<era>AD|A\.D\.)\s*(?P<n>\d{1,4})\b"), _h_era),
    (re.compile(r"(?<![\w$€£¥#.,/:-])(?P<a>\d{4})\s?(?P<sep>[-–—/])\s?(?P<b>\d{4}|\d{2})"
                r"(?![\w%-]|[.,]\d)"), _h_year_range),
    (re.compile(r"(?<![\w$€£¥#.,/:+-])(?P<y>\d{4})(?![\w%]|[.,:]\d|-\d)"), _h_year),
)

# What each pattern of the table (in its order) cannot match without: a sentence without it is
# not searched with that pattern (22 searches of each sentence were most of the time spent).
_CUES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "weekday": re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", _I),
    "day word": re.compile(r"yesterday|today|tonight|tomorrow|morning|afternoon|evening"
                           r"|night", _I),
    "offset": re.compile(r"earlier|later", _I),
    "between": re.compile(r"after|before", _I),
    "which": re.compile(r"this|last|next|past", _I),
    "ago": re.compile(r"ago", _I),
    "century": re.compile(r"century", _I),
    "quarter": re.compile(r"quarter|Q"),
    "half": re.compile(r"half", _I),
    "months": re.compile(r"months", _I),
    "season": re.compile(r"spring|summer|autumn|fall|winter", _I),
    "part": re.compile(r"early|mid|late|end|beginning|start|middle", _I),
    "era": re.compile(r"BC|AD|CE|B\.C|A\.D|C\.E"),
    "weekend": re.compile(r"weekend", _I),
    "week": re.compile(r"week", _I),
    "ordinal": re.compile(r"\d(?:st|nd|rd|th)\b"),
    "holiday": re.compile(r"New Year|Christmas|Boxing|Valentine|Halloween|Bastille"),
}
_NEEDS: tuple[tuple[str, ...], ...] = (
    ("digit",), ("digit", "month"), ("digit", "month"), ("digit", "month"), ("digit", "month"),
    ("digit", "month"), ("digit", "month"), ("digit", "month"), ("month",), ("weekday",),
    ("day word",), ("offset",), ("between",), ("which",), ("ago",),
    ("digit",), ("century", "digit"), ("quarter",), ("half",), ("months",), ("season", "digit"),
    ("part",),
    ("month",), ("week", "month"), ("weekend",), ("ordinal",), ("season",), ("holiday",),
    ("era", "digit"), ("era", "digit"), ("digit",), ("digit",),
)


def _searched(sentence: str) -> list[int]:
    """The numbers of the patterns worth searching the sentence with."""
    present: dict[str, bool] = {}

    def has(cue: str) -> bool:
        if cue not in present:
            present[cue] = _CUES[cue].search(sentence) is not None
        return present[cue]

    return [number for number, needs in enumerate(_NEEDS) if all(map(has, needs))]


_NAMED_FOR_A_DAY = re.compile(r"(?:\s+[A-Z][a-z]+)?\s+(?i:movement|revolution|uprising"
                              r"|coalition|front|group)\b")
_BRACKETED = re.compile(r"\s*[\[(]\s*")  # before a date that explains the one before it
_CLOSING_BRACKET = re.compile(r"\s*[\])]")
_CALENDAR_DATE = re.compile(r"\d|" + _MONTH_RE.replace("(?P<m>", "(?:"))  # "April 27", "27 April"
_SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", _I)
_WHEN_AFTER = re.compile(r",?\s+when\b")
_BOUND = re.compile(r"\b(?:before|after|until|till|prior\s+to|ahead\s+of|up\s+to)\s+(?:the\s+)?$",
                    _I)
_DELAYED_TO = re.compile(
    r"\b(?:delay|delays|delayed|postpone|postpones|postponed|defer|defers|deferred|put\s+back"
    r"|pushed\s+back|push\s+back|moved\s+back|rescheduled)\s+(?:to|until|till)\s+(?:the\s+)?$",
    _I)
_APPROX_BEFORE = re.compile(
    r"\b(?:about|around|circa|c\.|ca\.|approximately|roughly|some\s*time\s+in|sometime\s+in"
    r"|as\s+early\s+as|as\s+late\s+as)\s+(?:in\s+)?$", _I)
_APPROX_AFTER = re.compile(r"\s+or\s+so\b", _I)
_RANGE_OPEN = re.compile(r"\b(?P<w>from|between)\s+(?:the\s+)?$", _I)
_RANGE_JOIN = re.compile(r"\s*(?:(?P<w>to|and|until|till|through|thru)\s+(?:the\s+)?|[-–—]\s*)$",
                         _I)
_PREPOSITION = re.compile(
    r"\b(?:in|on|during|over|throughout|since|from|between|by|of|at|ever since)\s+(?:the\s+)?$",
    _I)


@dataclass(frozen=True, slots=True)
class _Found:
    """A date as it dates an event: where its words are in the sentence, and the date."""

    start: int  # of the phrase, preposition included ("in 2016")
    end: int
    span: DateSpan
    date_start: int  # of the date's own words, for titles and reporting checks
    relative: bool


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence, split at commas, semicolons, colons, dashes and
    'but'/'while'/'whereas'/'although'. A short opening phrase with a date in it ("In 2025,",
    "On Monday,") belongs to the clause after it."""
    cuts = [0]
    for cut in re.finditer(r"[,;:][\"”’']?\s(?!\d)|\s[–—-]\s"
                           r"|\s(?=(?:but|while|whereas|although)\s)", sentence):
        cuts.append(cut.end())
    cuts.append(len(sentence) + 1)
    spans = [(a, b) for a, b in pairwise(cuts) if b > a]
    if len(spans) > 1:
        opening = sentence[spans[0][0]:spans[0][1]]
        if len(opening.split()) <= 7 and _DATE_WORD.search(opening):
            spans[:2] = [(spans[0][0], spans[1][1])]
    return spans or [(0, len(sentence) + 1)]


_DATE_WORD = re.compile(r"\d{3,4}|\b(?:year|month|week|today|yesterday|tomorrow|[A-Z]\w+day)\b"
                        r"|\b" + _MONTH_RE.replace("(?P<m>", "(?:"))


def _clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    # The clauses are in order and touch: the last one starting at or before position.
    index = bisect_right(clauses, position, key=lambda c: c[0]) - 1
    if index >= 0 and clauses[index][0] <= position < clauses[index][1]:
        return clauses[index]
    return clauses[-1]


# Every date pattern needs one of these: most sentences have none and are done at once.
_MAY_DATE = re.compile(
    r"\d|day|month|year|week|ago|today|tonight|tomorrow|yesterday|Jan|Feb|Mar|Apr|May|Jun|Jul"
    r"|Aug|Sep|Oct|Nov|Dec|spring|summer|autumn|fall|winter|quarter|half|century|Christmas"
    r"|Halloween|morning|afternoon|evening|night", _I)


RECENT_DAYS = 14  # how long before the article a day named in full is its story's days


# "in September of the same year", "in March that year", "later that year": the year named
# before it in the sentence.
_THAT_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?(?:the\s+same|that(?:\s+same)?)\s+year\b", _I)
_THAT_YEAR = re.compile(r"\b(?:(?:later|earlier)\s+(?:in\s+)?|in\s+)?(?:that(?:\s+same)?"
                        r"|the\s+same)\s+year\b", _I)


def _in_the_year_told(atoms: list[_Atom], sentence: str) -> list[_Atom]:
    """A month "of the same year" or "that year", or that year alone, is in the year the
    sentence named before it ("filed a case on Aug. 17, 2011, but in September of the same
    year …" is September 2011, not the last September)."""
    if not atoms or "year" not in sentence:
        return atoms
    out: list[_Atom] = []
    year: int | None = None  # the last year named, in full
    for atom in atoms:
        same = _THAT_YEAR_AFTER.match(sentence, atom.end)
        if same and year is not None and atom.yearless is not None:
            month, day = atom.yearless
            span = _within_year(year, month, day)
            atom = replace(atom, end=same.end(), span=span, yearless=None, relative=False)
        elif year is not None:
            # that year alone, between this date and the one before it
            low = out[-1].end if out else 0
            for alone in _THAT_YEAR.finditer(sentence, low, atom.start):
                out.append(_Atom(alone.start(), alone.end(), _point(_year(year))))
        out.append(atom)
        if atom.span is not None and not atom.relative and not atom.span.is_range:
            year = atom.span.start.year
    if year is not None:  # (and that year alone after the last date)
        out += [_Atom(alone.start(), alone.end(), _point(_year(year)))
                for alone in _THAT_YEAR.finditer(sentence, out[-1].end)]
    return out


# What a date is the scope of, not the time of: "the biggest European takeover this year", "its
# net profit for the year to June".
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:biggest|largest|highest|lowest|best|worst|greatest|smallest|strongest|weakest"
    r"|fastest|slowest|deadliest|busiest|hottest|coldest|wettest|driest|longest|shortest"
    r"|oldest|youngest|richest|poorest|heaviest|steepest|sharpest|most|least)\b([^,.;]{0,50})$",
    _I)
_PERIOD_TO_BEFORE = re.compile(r"\b(?:year|quarter|half|months|period)\s+(?:to|ended|ending"
                               r"|through)\s+$", _I)
_A_VERB_BETWEEN = re.compile(r"\b(?:\w+ed|was|were|is|are|took|came|began|will)\b", _I)


def _a_scope(sentence: str, atom: _Atom) -> bool:
    """Whether a date (beside another in its sentence) bounds a figure or a superlative."""
    before = sentence[max(0, atom.start - 60):atom.start]
    if _PERIOD_TO_BEFORE.search(before):
        return True
    superlative = _SUPERLATIVE_BEFORE.search(before)
    return superlative is not None and atom.span is not None \
        and atom.span.start.precision == Precision.YEAR \
        and not _A_VERB_BETWEEN.search(superlative.group(1))


def _days_of(date: FuzzyDate) -> int:
    return days_from_civil(date.year, date.month or 1, date.day or 1)


def _after_the_day_told(atoms: list[_Atom], ref: _Reference) -> list[_Atom]:
    """Weekdays named after a day in the same sentence count from it: "started on Saturday,
    May 5, before going on to beat Norway on Sunday and Germany on Tuesday" are May 6 and 8,
    not the Sunday and Tuesday before the article."""
    told: int | None = None  # the last day named in full, as days since 1970-01-01
    day: int | None = None  # the last day told at all ("on Tuesday" too)
    out: list[_Atom] = []
    for atom in atoms:
        span = atom.span
        if atom.shift is not None:
            # "said on Tuesday it had signed the deal a week earlier": from the day told
            out.append(replace(atom, span=None if day is None else _point(_day(day + atom.shift))))
            continue
        named = not atom.relative or (atom.yearless is not None and atom.yearless[1])
        if span is not None and named and not span.is_range \
                and span.start.precision == Precision.DAY:
            told = days_from_civil(span.start.year, span.start.month, span.start.day)
        elif atom.weekday is not None and told is not None and span is not None:
            ahead = (atom.weekday - (told + 3) % 7) % 7 or 7
            if ref.days is None or ref.days - RECENT_DAYS <= told + ahead <= ref.days:
                # (not after the article, nor long before it: "born on 12 March 1950 … and
                # died on Sunday" died this week)
                atom = replace(atom, span=_point(replace(_day(told + ahead),
                                                         qualifier=span.start.qualifier)))
        elif atom.weekday is not None and day is not None and span is not None \
                and ref.days is not None and _days_of(span.start) > ref.days:
            # "said on Friday that workers would strike on Monday", told on Tuesday: the Monday
            # after the Friday, which is past
            ahead = (atom.weekday - (day + 3) % 7) % 7 or 7
            atom = replace(atom, span=_point(replace(_day(day + ahead),
                                                     qualifier=span.start.qualifier)))
        if atom.span is not None and not atom.span.is_range \
                and atom.span.start.precision == Precision.DAY:
            start = atom.span.start
            day = days_from_civil(start.year, start.month or 1, start.day or 1)
        out.append(atom)
    return out


# A verb of saying right before a date: "…, the central bank said on Tuesday".
SAID_RIGHT_BEFORE = re.compile(r"\b(?:said|announced|added|told\s+\w+)\s+$")


def _tense_before(sentence: str, clause_start: int, start: int, clause: bool | None
                  ) -> bool | None:
    """The tense of the verbs just before a date in its clause, if any are there ("the
    ministers who were appointed in November have been barred … and will see": November
    past; "will be held on September 19": future, "held" being its participle), else the
    clause's."""
    low = max(clause_start, start - TENSE_REACH)
    past = [m.end() for m in _PAST.finditer(sentence, low, start)
            if not _after_be(sentence, m)]
    future = [m.end() for m in _FUTURE.finditer(sentence, low, start)]
    if future and not (past and past[-1] > future[-1] and SAID_RIGHT_BEFORE.search(
            sentence, low, start)):
        return True  # (but "Inflation will ease, the bank said on Tuesday": said in the past)
    if _PUT_OFF_UNTIL.search(sentence, low, start):
        return None  # "has been postponed until September 3rd": after the act, the nearer
    # (not a participle after "be": "will be convened on September 14 (Thursday) and …")
    scheduled = [m.end() for m in _SCHEDULED.finditer(sentence, low, start)]
    if scheduled and (not past or scheduled[-1] > past[-1]):
        return True  # "The trial opened on Monday and ends on Friday": the next Friday
    if _reported_future(sentence, low, start, past):
        return True  # "said it would appeal on Monday": after the saying (a day it names after
        # the saying and before the article is from that day: see _after_the_day_told)
    if past:
        return False
    if _AHEAD_OF.search(sentence, low, start):
        return None  # "faces a huge task ahead of his swearing-in on Jan. 16": the nearer
    if clause is None and sentence[clause_start:start].strip(" ,").lower() in _ALONE:
        # "Prior to that, in May, it rejected Bayer's offer": a clause of the date alone takes
        # the tense of the verb right after it
        # (its first verb, past an aside: "In November, Pedro Parente, chief executive of
        # Petrobras, touted a discovery")
        will = _FUTURE.search(sentence, start, start + 2 * TENSE_REACH)
        did = _PAST.search(sentence, start, start + 2 * TENSE_REACH)
        if will is not None and (did is None or will.start() < did.start()):
            return True
        if did is not None:
            return False
    return clause


_BE_BEFORE = re.compile(r"\bbe\s+(?:\w+ly\s+)?$")  # (and "be formally adopted")


def _after_be(sentence: str, verb: re.Match[str]) -> bool:
    """Whether a past form is a participle after "be" ("will be held", "be formally adopted")."""
    return _BE_BEFORE.search(sentence, max(0, verb.start() - 16), verb.start()) is not None
_WOULD = re.compile(r"\bwould\s+(?!have\b)")


def _reported_future(sentence: str, low: int, high: int, past: list[int]) -> bool:
    """Whether a "would" comes after the last past verb (ends at `past`) between low and high:
    a future told as said ("said it would appeal on Monday")."""
    would = [m.start() for m in _WOULD.finditer(sentence, low, high)]
    return bool(would) and (not past or would[-1] > past[-1])
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|announced|stated)\b(?!.*\b\w+ed\b)")
_PRESENT_AFTER = re.compile(r"\s+(?:is|are)\b")
_PUT_OFF_UNTIL = re.compile(r"\b(?:postponed|delayed|deferred|rescheduled|adjourned|put\s+off"
                            r"|pushed\s+back)\s+(?:until|till|to)\s+(?:on\s+)?$")
_AHEAD_OF = re.compile(r"\bahead\s+of\b")
_ALONE = frozenset({"", "in", "on", "by", "during", "until"})  # before a date alone in a clause


# A present tense that tells what is to come when a day follows it: "Polls open on Sunday",
# "the talks resume on Monday" (not "says", a statement's present).
_SCHEDULED = re.compile(r"\b(?:begins|starts|opens|open|ends|closes|close|resumes|resume"
                        r"|takes\s+place|take\s+place|expires|convenes|reconvenes"
                        r"|takes\s+effect|comes\s+into\s+force)\s+(?:on\s+|in\s+|this\s+|next\s+)?$")


TENSE_REACH = 40  # characters before a date where its own verb is looked for


def _dates_in(sentence: str, ref: _Reference, readings: int | None = None
              ) -> tuple[list[_Found], int, int | None]:
    """The dates of one sentence, with their qualifiers, in order; how many pattern matches
    were read; and where reading stopped (None: it did not). Linear in the length of the
    sentence (up to a logarithm): a sentence may hold thousands of dates. With `readings`, at
    most that many matches are read (those that start before the next one): reading stops
    there."""
    if not _MAY_DATE.search(sentence):
        return [], 0, None
    clauses = _clauses(sentence)
    tenses: dict[tuple[int, int], bool | None] = {}  # each clause's, found once
    atoms: list[_Atom] = []
    patterns = _date_patterns()
    # The matches of every pattern in the order they start (then in the table's order).
    matches = heapq.merge(*(_numbered(number, patterns[number][0].finditer(sentence))
                            for number in _searched(sentence)))
    stopped: int | None = None
    count = 0
    for start, number, match in matches:
        if readings is not None and count >= readings:
            stopped = start  # the matches that start before it are all read
            break
        count += 1
        clause = _clause_of(clauses, start)
        if clause not in tenses:
            end = min(clause[1], len(sentence))
            past = [m.end() for m in _PAST.finditer(sentence, clause[0], end)
                    if not _after_be(sentence, m)]
            # (a participle after "be" tells no tense: "could be approved in June")
            tenses[clause] = True if _FUTURE.search(sentence, clause[0], end) or (
                _reported_future(sentence, clause[0], end, past)) else (
                False if past else None)
        try:
            told = False if SAID_AFTER.match(sentence, match.end()) else _tense_before(
                sentence, clause[0], start, tenses[clause])  # ("on Monday said it will")
            if told is False and _PRESENT_AFTER.match(sentence, match.end()) \
                    and _SAID_BEFORE.search(sentence, max(clause[0], start - TENSE_REACH), start):
                told = None  # "said the short visit from April 4-5 is …": said of now, the nearer
            atom = patterns[number][1](match, sentence, ref, told)
        except (DateError, ValueError, OverflowError):
            atom = None
        if atom is not None:
            atoms.append(atom)
    if stopped is not None:
        atoms = [atom for atom in atoms if atom.start < stopped]
    # "the April 6 Youth Movement", "the 25 February movement": a day in a name
    # (but not a full date: "the January 25, 2011 uprising" is that day's)
    atoms = [atom for atom in atoms if not _NAMED_FOR_A_DAY.match(sentence, atom.end) or (
        atom.yearless is None and atom.span is not None and not atom.span.is_range
        and atom.span.start.precision == Precision.DAY)]
    # "set July 28 to issue his verdict", "fixed May 20 for the hearing": a day set for what
    # is to come, told as it is set
    atoms = [atom for atom in atoms if not (
        _SET_BEFORE.search(sentence, max(0, atom.start - 12), atom.start)
        and _FOR_WHAT_AFTER.match(sentence, atom.end))]
    # The longest reading of any stretch of words wins ("25 August 2023" over "2023"): the
    # characters of the readings chosen so far are marked, and a reading is taken if none of
    # its characters is.
    atoms.sort(key=lambda a: (a.start - a.end, a.start))
    chosen: list[_Atom] = []
    taken = bytearray(len(sentence))
    for atom in atoms:
        if atom.start < atom.end and taken.find(1, atom.start, atom.end) < 0:
            chosen.append(atom)
            taken[atom.start:atom.end] = b"\x01" * (atom.end - atom.start)
    chosen.sort(key=lambda a: a.start)
    # "Last night [April 27]": the date in brackets says which day the words before it mean,
    # and its phrase takes them in ("Thursday (July 26th)": no "Thursday (" left in a title)
    explained: list[_Atom] = []
    for atom in chosen:
        previous = explained[-1] if explained else None
        if previous is not None and previous.relative \
                and _BRACKETED.fullmatch(sentence, previous.end, atom.start) \
                and _CALENDAR_DATE.match(sentence, atom.start):
            closing = _CLOSING_BRACKET.match(sentence, atom.end)
            explained[-1] = replace(atom, start=previous.start,
                                    end=closing.end() if closing else atom.end)
        else:
            explained.append(atom)
    chosen = explained
    chosen = _in_the_year_told(_after_the_day_told(chosen, ref), sentence)
    if len(chosen) > 1:
        chosen = [atom for atom in chosen if not _a_scope(sentence, atom)]
    found: list[_Found] = []
    index = 0
    anywhere = _HEDGES_ANYWHERE.search(sentence) is not None
    hedges: _Hedges | None = None  # made when first asked: most sentences have no dates
    quotes: _Quotes | None = None
    while index < len(chosen):
        atom = chosen[index]
        span = atom.span
        end = atom.end
        relative = atom.relative
        opener = _just_before(_RANGE_OPEN, sentence, atom.start)
        partner = chosen[index + 1] if index + 1 < len(chosen) else None
        joined = None
        if partner is not None:
            join = _RANGE_JOIN.fullmatch(sentence, atom.end, partner.start)
            if join and (opener or not join["w"]) and (
                    not opener or (opener["w"].lower() == "between") == (
                    (join["w"] or "").lower() == "and")):
                joined = _join(atom, partner, ref)
        if joined is not None and partner is not None:
            span, end = joined, partner.end
            relative = atom.relative or partner.relative
            index += 1
            start = opener.start() if opener else atom.start
        else:
            if span is None and atom.yearless is not None:
                span = None  # a month without a year and without a publication date
            start = atom.start
            since = _just_before(_SINCE, sentence, atom.start) if span is not None else None
            if since is not None and span is not None:
                start = since.start()
                span = DateSpan(span.start, open_end=True)
            elif _just_before(_BOUND, sentence, atom.start) \
                    and not _WHEN_AFTER.match(sentence, atom.end) \
                    and not _just_before(_DELAYED_TO, sentence, atom.start):
                span = None  # a bound, not a date ("until December 30, when …" is one; but
                # "delayed until October 2007" is when it is to happen now)
            elif span is not None and (
                    (approx := _just_before(_APPROX_BEFORE, sentence, atom.start))
                    or _APPROX_AFTER.match(sentence, atom.end)):
                start = approx.start() if approx else start
                if (around := _APPROX_AFTER.match(sentence, atom.end)) is not None:
                    end = around.end()
                span = _qualified(span, Qualifier.APPROXIMATE)
            elif (preposition := _just_before(_PREPOSITION, sentence, atom.start)) is not None:
                start = preposition.start()
        index += 1
        if span is not None and relative and atom.weekday is None and atom.yearless is None:
            quotes = quotes or _Quotes(sentence)
            if quotes.inside(0, atom.start):
                continue  # "Tonight we are keeping our word": the speaker's tonight (but a
                # weekday or a day of a month named is one of the article's days: "… into
                # orbit Friday night", "my resignation letter on 22 September")
        if span is None:
            continue
        if not anywhere:
            hedges = hedges or _Hedges(sentence)
        if anywhere or (hedges is not None and hedges.cover(_clause_of(clauses, atom.start),
                                                            atom)
                        and not (_before_publication(span, ref)
                                 and not _MODAL.search(sentence))):
            # (what "will" happen after a past date does not make that date doubtful: "will
            # cut 30,000 jobs after a loss last year"; "may have begun in 2005" is)
            span = _qualified(span, Qualifier.UNCERTAIN)
        found.append(_Found(start, end, span, atom.start, relative))
    return found, count, stopped


def _numbered(number: int, matches: Iterator[re.Match[str]]
              ) -> Iterator[tuple[int, int, re.Match[str]]]:
    return ((match.start(), number, match) for match in matches)


_RELATIVE_OPEN = re.compile(r",\s+(?:which|who|whose)\b[^,]*$")
_QUOTE_MARK = re.compile(r"[\"”]")
_THAT = re.compile(r"\bthat\b")
# Every place a hard break starts (they may overlap: " but which "), with its length.
def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


_REPORTING_ENDS = re.compile(f"(?:{_REPORTING.pattern})$", _REPORTING.flags)
_REACH = 30  # characters before its end within which where a search stops can change a match
_HARD_BREAKS = re.compile(f"(?=({_HARD_BREAK.pattern}))", _HARD_BREAK.flags)


_MODAL = re.compile(
    r"\b(?:may|might|could|would|possibly|perhaps|probably|likely|unclear)(?![a-z])", _I)


def _before_publication(span: DateSpan, ref: _Reference) -> bool:
    """Whether a span ends before the day (month, year) the article was published."""
    if ref.year is None:
        return False
    return span.latest < days_from_civil(ref.year, ref.month or 1, ref.day or 1) * 86_400


class _Hedges:
    """Whether a hedge covers a date: one before the date does, across commas ("will be
    available in the United States, Europe and Asia from November"), but not across a
    semicolon, a 'but' or a closed quotation ('"We will win," he said in 2021'), nor from inside
    a relative clause that has closed ("The deal, which could …, was signed"); one after it in
    its clause does unless the date belongs to a verb of saying ("announced on March 3 that
    they would merge") or 'that' introduces what is hedged.

    The hedges, breaks, marks and words of the sentence are found once and each date is
    answered by bisection: searching the sentence so far for each date was cubic."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.length = len(sentence)
        hedges = list(_HEDGES_IN_CLAUSE.finditer(sentence))
        self.starts = [h.start() for h in hedges]
        self.ends = [h.end() for h in hedges]  # in order too: the hedges do not overlap
        self.commas = [m.start() for m in re.finditer(",", sentence)]
        inside = [self._in_relative_clause(h.start()) for h in hedges]
        self.plain = list(accumulate((not r for r in inside), initial=0))  # counts, by index
        # the hard breaks by where they end, with the latest start so far
        breaks = sorted((m.end(1), m.start()) for m in _HARD_BREAKS.finditer(sentence))
        self.break_ends = [end for end, _ in breaks]
        self.break_latest = list(accumulate((start for _, start in breaks), max))
        self.quotes = [m.start() for m in _QUOTE_MARK.finditer(sentence)]
        reports = list(_REPORTING.finditer(sentence))
        self.report_starts = [m.start() for m in reports]
        self.report_ends = [m.end() for m in reports]
        thats = list(_THAT.finditer(sentence))
        self.that_starts = [m.start() for m in thats]
        self.that_ends = [m.end() for m in thats]

    def _in_relative_clause(self, position: int) -> bool:
        """Whether the last comma before position opens a relative clause ("…, which could")."""
        comma = bisect_left(self.commas, position) - 1
        return comma >= 0 and _RELATIVE_OPEN.match(
            self.sentence, self.commas[comma], position) is not None

    @staticmethod
    def _last_before(places: list[int], position: int) -> int:
        index = bisect_left(places, position) - 1
        return places[index] if index >= 0 else -1

    def cover(self, clause: tuple[int, int], atom: _Atom) -> bool:
        # Before the date: a hedge that ends at or before it, after the last break or
        # quotation mark before it; one inside a relative clause also after the last comma.
        # The hedges are those a search of the sentence up to the date finds: the whole
        # sentence's up to REACH before the date (where where the search stops changes nothing),
        # then a search of the rest ("would" right before "1 Aug." is a hedge there).
        limit = atom.start
        count = bisect_right(self.ends, limit - _REACH)
        resume = max(self.ends[count - 1] if count else 0, limit - _REACH)
        if count < len(self.starts):
            resume = min(resume, self.starts[count])
        near = list(_HEDGES_IN_CLAUSE.finditer(self.sentence, max(0, min(resume, limit)), limit))
        ended = bisect_right(self.break_ends, limit) - 1
        blocked = max(self.break_latest[ended] if ended >= 0 else -1,
                      self._last_before(self.quotes, limit))
        comma = self._last_before(self.commas, limit)
        first = bisect_right(self.ends, blocked, hi=count)
        if self.plain[count] > self.plain[first]:
            return True
        if bisect_right(self.ends, max(blocked, comma), hi=count) < count:
            return True
        if any(h.end() > blocked and (h.end() > comma or not self._in_relative_clause(
                h.start())) for h in near):
            return True
        # After the date, in its clause.
        end = min(clause[1], self.length)
        after = bisect_left(self.starts, atom.end)
        if after == len(self.starts) or self.ends[after] > end:
            return False
        hedge = self.starts[after]
        report = bisect_left(self.report_starts, clause[0])
        if report < len(self.report_starts) and self.report_ends[report] <= hedge:
            return False
        if _REPORTING_ENDS.search(self.sentence, max(clause[0], hedge - _REACH), hedge):
            return False  # one right before the hedge ("saidwould"), as a search up to it sees
        # 'that' between the date and the hedge, as a search of that stretch alone sees it
        that = bisect_left(self.that_starts, atom.end)
        if that < len(self.that_starts) and self.that_ends[that] <= hedge:
            return False
        # (at the ends of that stretch, a 'that' needs no space on that side: "2019that")
        s = self.sentence
        if atom.end <= hedge - 4:
            if s.startswith("that", atom.end) and (atom.end + 4 == hedge
                                                  or not _word_character(s[atom.end + 4])):
                return False
            if s.startswith("that", hedge - 4) and (hedge - 4 == atom.end
                                                   or not _word_character(s[hedge - 5])):
                return False
        return True


def _join(first: _Atom, second: _Atom, ref: _Reference) -> DateSpan | None:
    """The range from the first date to the second; a first date without a year takes the
    second's ("from March to May 2021")."""
    if second.span is None:
        return None
    start_span = first.span
    if first.yearless is not None and second.span.start.precision >= Precision.YEAR and \
            not second.relative:
        month, day = first.yearless
        start_span = _within_year(second.span.start.year, month, day)
    if start_span is None:
        return None
    start = start_span.start
    last = second.span.end or second.span.start
    if second.span.open_end or (start_span.is_range and start_span.end is None):
        return None
    if last.latest < start.earliest:
        return None
    try:
        return DateSpan(start, last)
    except DateError:
        return None


def _qualified(span: DateSpan, qualifier: Qualifier) -> DateSpan:
    def weaker(date: FuzzyDate) -> FuzzyDate:
        if date.qualifier == Qualifier.UNCERTAIN:
            return date
        return replace(date, qualifier=qualifier)

    return DateSpan(weaker(span.start), None if span.end is None else weaker(span.end),
                    span.open_end)
