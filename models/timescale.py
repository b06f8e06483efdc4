"""Timeline maths: the time <-> x scale, calendar-aligned ticks, label packing. Qt-free.

Times are seconds since 1970-01-01T00:00 (proleptic Gregorian, see models.dates); x is in pixels
from the left edge of the view. Text measurement is injected as a callable where it matters, so
all of this is unit-tested without Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from models.dates import (
    SECONDS_PER_DAY,
    civil_from_seconds,
    seconds_from_civil,
)

SECONDS_PER_YEAR = 31_556_952  # mean Gregorian year
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Zoom limits. Finest: a quarter of a second a pixel (about 4 minutes across 1000 px).
MIN_SECONDS_PER_PX = 0.25
# Coarsest: 2e10 years across 1000 px, enough for the Big Bang and then some.
MAX_SECONDS_PER_PX = 2e10 * SECONDS_PER_YEAR / 1000
# The view start never leaves +-5e10 years, where every calendar conversion stays exact and cheap.
TIME_LIMIT = 5e10 * SECONDS_PER_YEAR


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


@dataclass(frozen=True, slots=True)
class TimeScale:
    """A linear map: x = (t - start) / seconds_per_px."""

    start: float
    seconds_per_px: float

    def x_of(self, t: float) -> float:
        return (t - self.start) / self.seconds_per_px

    def t_of(self, x: float) -> float:
        return self.start + x * self.seconds_per_px

    def span(self, width_px: float) -> tuple[float, float]:
        return self.start, self.start + width_px * self.seconds_per_px

    def zoomed(self, factor: float, around_x: float) -> TimeScale:
        """Scale seconds_per_px by `factor` (< 1 zooms in), keeping t_of(around_x) in place.

        The result is clamped to the zoom limits, so the time under around_x stays put even then.
        """
        if not math.isfinite(factor) or factor <= 0:
            return self
        spp = _clamp(self.seconds_per_px * factor, MIN_SECONDS_PER_PX, MAX_SECONDS_PER_PX)
        t = self.t_of(around_x)
        return TimeScale(_clamp(t - around_x * spp, -TIME_LIMIT, TIME_LIMIT), spp)

    def panned(self, dx_px: float) -> TimeScale:
        """The view moved `dx_px` pixels towards later times (content moves left)."""
        start = _clamp(self.start + dx_px * self.seconds_per_px, -TIME_LIMIT, TIME_LIMIT)
        return TimeScale(start, self.seconds_per_px)

    def centered(self, t: float, width_px: float) -> TimeScale:
        start = _clamp(t - width_px / 2 * self.seconds_per_px, -TIME_LIMIT, TIME_LIMIT)
        return TimeScale(start, self.seconds_per_px)


def showing(start: float, end: float, width_px: float) -> TimeScale:
    """The scale that shows [start, end] across width_px (clamped to the zoom limits, centred)."""
    width_px = max(width_px, 1.0)
    spp = _clamp((end - start) / width_px, MIN_SECONDS_PER_PX, MAX_SECONDS_PER_PX)
    middle = (start + end) / 2
    return TimeScale(_clamp(middle - width_px / 2 * spp, -TIME_LIMIT, TIME_LIMIT), spp)


def fit(extent_start: float, extent_end: float, width_px: float,
        margin_frac: float = 0.05) -> TimeScale:
    """Zoom to fit: the extent plus a margin of margin_frac of its length on each side."""
    length = max(extent_end - extent_start, 0.0)
    if length == 0:
        length = 30 * SECONDS_PER_DAY  # a single instant: show a month around it
        margin_frac = 0.5
    margin = length * margin_frac
    return showing(extent_start - margin, extent_end + margin, width_px)


# --- ticks ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    t: int
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class TickUnit:
    """A tick spacing: `step` minutes, hours, days, weeks (days 1, 8, 15, 22), months or years."""

    kind: str  # "minute", "hour", "day", "week", "month", "year"
    step: int

    @property
    def min_seconds(self) -> int:
        """The shortest distance between two ticks of this unit."""
        if self.kind == "minute":
            return 60 * self.step
        if self.kind == "hour":
            return 3600 * self.step
        if self.kind == "day":
            return SECONDS_PER_DAY * self.step
        if self.kind == "week":
            return SECONDS_PER_DAY * (7 if self.step == 1 else 14)
        if self.kind == "month":
            return SECONDS_PER_DAY * 28 * self.step
        return SECONDS_PER_DAY * 365 * self.step


def _year_steps() -> list[int]:
    steps = []
    power = 1
    while power <= 10**10:
        steps += [power, 2 * power, 5 * power]
        power *= 10
    return steps


UNITS: tuple[TickUnit, ...] = (
    *(TickUnit("minute", s) for s in (1, 5, 15, 30)),
    *(TickUnit("hour", s) for s in (1, 3, 6, 12)),
    TickUnit("day", 1),
    TickUnit("week", 1),
    TickUnit("week", 2),
    *(TickUnit("month", s) for s in (1, 3, 6)),
    *(TickUnit("year", s) for s in _year_steps()),
)


def choose_unit(seconds_per_px: float, min_spacing_px: float,
                label_width: Callable[[TickUnit], float] | None = None) -> TickUnit:
    """The finest unit whose ticks are at least min_spacing_px apart (the coarsest if none).

    With label_width (the width of a typical label of a unit), ticks are also at least that far
    apart, so their labels have room.
    """
    for unit in UNITS:
        spacing = unit.min_seconds / seconds_per_px
        if spacing >= min_spacing_px and (label_width is None or spacing >= label_width(unit)):
            return unit
    return UNITS[-1]


def sample_label(unit: TickUnit, near: float = 0.0) -> str:
    """A typical (wide) label of the unit, for measuring; `near` picks the era of year labels."""
    if unit.kind in ("minute", "hour"):
        return "00:00"
    if unit.kind in ("day", "week"):
        return "28 Sep"
    if unit.kind == "month":
        return "Sep"
    year = civil_from_seconds(math.floor(near))[0]
    year = year // unit.step * unit.step - (unit.step if year <= 0 else 0)
    return year_label(year if abs(year) > 999 else 2000 if year > 0 else -1999, unit.step)


def _year_number(year: int) -> tuple[int, str]:
    """(number, era suffix) as people write years: astronomical 0 is 1 BCE."""
    return (year, "") if year > 0 else (1 - year, " BCE")


def year_label(year: int, step: int = 1) -> str:
    """'2016', '44 BCE', '12,000 BCE', '65 M BCE', '13.5 bn BCE' (big numbers by the step)."""
    number, era = _year_number(year)
    if number >= 10**9 and step >= 10**8:
        return f"{number / 10**9:g} bn{era}"
    if number >= 10**6 and step >= 10**5:
        return f"{number / 10**6:g} M{era}"
    return (f"{number:,}" if number >= 10000 else str(number)) + era


def _major_every(step: int) -> int:
    """Years: ticks at multiples of the next power of ten above the step are major."""
    every: int = 10 ** len(str(step))
    return every


def _aligned_years(first_year: int, step: int) -> Iterator[int]:
    """Astronomical years from first_year on whose written number is a multiple of step."""
    if first_year >= 1:
        year = -(-first_year // step) * step
        while True:
            yield year
            year += step
    number = (1 - first_year) // step * step  # the BCE number, counting down to 0
    while number > 0:
        yield 1 - number
        number -= step
    year = step
    while True:
        yield year
        year += step


def _date_label(year: int, month: int, day: int, with_year: bool) -> str:
    text = f"{day} {_MONTH_NAMES[month - 1]}"
    return f"{text} {year_label(year)}" if with_year else text


def _tick_times(unit: TickUnit, start: float, end: float) -> Iterator[tuple[int, str, bool]]:
    kind, step = unit.kind, unit.step
    if kind in ("minute", "hour", "day"):
        size = {"minute": 60, "hour": 3600, "day": SECONDS_PER_DAY}[kind] * step
        t = math.ceil(start / size) * size
        if t < start:  # the division rounded (tiny or huge starts)
            t += size
        while t <= end:
            year, month, day, hour, minute = civil_from_seconds(t)
            if kind == "day":
                if day == 1:
                    yield t, f"{_MONTH_NAMES[month - 1]} {year_label(year)}", True
                else:
                    yield t, _date_label(year, month, day, False), False
            elif hour == 0 and minute == 0:
                yield t, _date_label(year, month, day, False), True
            else:
                yield t, f"{hour:02d}:{minute:02d}", kind == "minute" and minute == 0
            t += size
        return
    year, month, day, _, _ = civil_from_seconds(math.floor(start))
    if kind == "week":
        days = (1, 8, 15, 22) if step == 1 else (1, 15)
        while True:
            for d in days:
                t = seconds_from_civil(year, month, d)
                if t > end:
                    return
                if t >= start:
                    if d == 1:
                        yield t, f"{_MONTH_NAMES[month - 1]} {year_label(year)}", True
                    else:
                        yield t, _date_label(year, month, d, False), False
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if kind == "month":
        month = month - (month - 1) % step
        while True:
            t = seconds_from_civil(year, month)
            if t > end:
                return
            if t >= start:
                if month == 1:
                    yield t, f"Jan {year_label(year)}", True
                else:
                    yield t, _MONTH_NAMES[month - 1], False
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    # years
    every = _major_every(step)
    for y in _aligned_years(year, step):
        t = seconds_from_civil(y)
        if t > end:
            return
        if t >= start:
            yield t, year_label(y, step), _year_number(y)[0] % every == 0


def ticks(start: float, end: float, width_px: int, min_spacing_px: float,
          unit: TickUnit | None = None) -> list[Tick]:
    """Calendar-aligned ticks in [start, end], at least min_spacing_px apart across width_px.

    Labels follow the unit: '14:00' (major: '25 Aug' at midnight), '25 Aug' (major: 'Aug 2023'
    on the 1st), 'Aug' (major: 'Jan 2024'), '2016' / '44 BCE' / '13.5 bn BCE'.
    """
    if width_px <= 0 or end <= start:
        return []
    spp = (end - start) / width_px
    unit = unit or choose_unit(spp, min_spacing_px)
    return [Tick(t, label, major) for t, label, major in _tick_times(unit, start, end)]


def context_label(t: float, unit: TickUnit) -> str:
    """What the tick labels leave out, for the time t at the left edge: '2023', 'Aug 2023',
    'Fri 25 Aug 2023'... '' at year level."""
    year, month, day, _, _ = civil_from_seconds(math.floor(t))
    if unit.kind == "year":
        return ""
    if unit.kind == "month":
        return year_label(year)
    if unit.kind in ("day", "week"):
        return f"{_MONTH_NAMES[month - 1]} {year_label(year)}"
    return _date_label(year, month, day, True)


# --- packing -------------------------------------------------------------------------------------


def pack_marks(items: Sequence[tuple[float, float, float]], rows: int,
               gap: float) -> list[tuple[int, bool]]:
    """Rows for marks with labels: items are (mark_left, mark_right, label_right) in x order.

    Returns (row, label_shown) per item. A mark goes with its label into the first row with room
    for both; failing that, without its label into the first row with room for the mark; failing
    that, row -1 (no room: the caller draws it compactly in an overflow strip). Nothing placed in
    a row overlaps anything else in that row.
    """
    ends = [-math.inf] * max(rows, 0)
    out: list[tuple[int, bool]] = []
    lowest = -math.inf if rows > 0 else math.inf  # min(ends): no row has room before it
    for left, right, label_right in items:
        choice = (-1, False)
        if lowest + gap / 2 > left:  # every row is taken there (the common case when crowded)
            out.append(choice)
            continue
        for row, row_end in enumerate(ends):
            if row_end + gap <= left:
                ends[row] = max(right, label_right)
                choice = (row, True)
                break
        else:
            for row, row_end in enumerate(ends):
                if row_end + gap / 2 <= left:
                    ends[row] = right
                    choice = (row, False)
                    break
        if choice[0] >= 0:
            lowest = min(ends)
        out.append(choice)
    return out


def place_axis_labels(positions: Sequence[float], widths: Sequence[float],
                      majors: Sequence[bool], gap: float, left: float = -math.inf,
                      right: float = math.inf) -> list[bool]:
    """Which tick labels to show, centred on their positions: major ones first, then minor ones
    where they fit. Shown labels never overlap and stay within [left, right]."""
    shown = [False] * len(positions)
    taken: list[tuple[float, float]] = []

    def free(a: float, b: float) -> bool:
        if a < left or b > right:
            return False
        return all(b + gap <= lo or a >= hi + gap for lo, hi in taken)

    for want_major in (True, False):
        for i, (x, w, major) in enumerate(zip(positions, widths, majors, strict=True)):
            if major != want_major:
                continue
            a, b = x - w / 2, x + w / 2
            if free(a, b):
                taken.append((a, b))
                shown[i] = True
    return shown
