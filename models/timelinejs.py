"""TimelineJS (Knight Lab) files read into a Story, and a Story written as TimelineJS3 JSON.

Read: TimelineJS3 JSON ({"title", "events", "eras", "scale"}), the older TimelineJS2 JSON
({"timeline": {"headline", "date": [...], "era": [...]}}) and the Google-Sheet template saved as
CSV. A slide becomes an event: its headline the title, its text the description (HTML as plain
text, paragraphs kept), its media a link, its group a category, its display date and background
attributes. Dates are parts (year … millisecond, strings or numbers); the finest part given is
the precision, seconds are truncated to the minute, and years beyond ±9999 (cosmological ones)
keep only the year. The title slide's headline is the story's title; its text and media are
not kept (a Story has only a title). Every invalid record is named by its JSON path or by the
line it starts on; the others come with the error as `valid`.

What TimelineJS itself still shows is read, with one warning per kind of oddity counting the
slides that have it (appended to `warnings`, the list read_story passes; see models/formats.py):
a background or media given as text instead of an object (read as the colour or image, or as
the media's URL), one of another kind (left out, as TimelineJS shows none), an end before the
start (read without the end). An empty string is a field not given. What TimelineJS does not
show (a slide without a start date, a date part that is no number, text as a string instead of
an object, which TimelineJS fails on) stays an invalid record.

Written: TimelineJS3 JSON, which TimelineJS publishes as it is. TimelineJS has no approximate,
uncertain or ongoing dates: such dates are written as their plain dates with a display_date
("c. 2019", "2019?", "since 2019"), which reading turns back into the qualified date.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

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
)
from models.interchange import (
    FormatError,
    first_not_text,
    load_json,
    story_or_refusal,
    text_problem,
)
from models.story import (
    CategoryRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    Story,
    key_part,
    unique_key,
)
from models.vis_format import counted, plain_text

DISPLAY_DATE = "Display date"
BACKGROUND = "Background"
THUMBNAIL = "Media thumbnail"

# Beyond these years TimelineJS needs its cosmological scale (JavaScript dates end there).
_HUMAN_YEARS = (-271820, 275759)
_PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59),
           "millisecond": (0, 999)}
_WHOLE = re.compile(r"-?[0-9]{1,20}")
_PARAGRAPH = re.compile(r"<\s*/?\s*(?:p|div|li|blockquote|h[1-6]|tr)\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<\s*br\b[^>]*>", re.IGNORECASE)
_TIME = re.compile(r"(?P<hour>[0-9]{1,2})(?:[:.]?(?P<minute>[0-9]{2})"
                   r"(?:[:.](?P<second>[0-9]{2})(?:[.,][0-9]+)?)?)?"
                   r"\s*(?P<period>[AaPp]\.?[Mm]\.?)?")
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_-]+")
_TITLE_CHARS = 100
# A background given as text: a colour as CSS names one, else the URL of an image.
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}|(?:rgb|hsl)a?\(.*\)|[A-Za-z]+", re.DOTALL)

# The kinds of oddity TimelineJS shows anyway, each a warning: "<n> slides have …".
BACKGROUND_COLOUR = "a background given as text, not an object: read as its colour"
BACKGROUND_IMAGE = "a background given as text, not an object: read as its image URL"
MEDIA_URL = "media given as text, not an object: read as its URL"
BACKWARDS = "an end date before the start date: read without the end"


def _left_out(name: str, value: object) -> str:
    return (f"a {name} that is neither an object nor text ({type(value).__name__}): left out, "
            "as TimelineJS shows none")

Parts = dict[str, int]
Where = Callable[[str], str]  # a date part's name -> where it is in the file


# --- reading: shared by the three flavours -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Slide:
    """What a slide says, as read from any flavour, before it becomes an event."""

    headline: str = ""  # HTML
    text: str = ""  # HTML
    media: str = ""
    caption: str = ""  # HTML
    credit: str = ""  # HTML
    thumbnail: str = ""
    group: str = ""
    display_date: str = ""
    background: tuple[str, ...] = ()


def _paragraphs(fragment: str) -> str:
    """Plain text of an HTML fragment with its paragraphs ("\n\n") and line breaks ("\n")."""
    paragraphs = ("\n".join(filter(None, map(plain_text, _BREAK.split(p))))
                  for p in _PARAGRAPH.split(fragment))
    return "\n\n".join(p for p in paragraphs if p)


def _whole(value: object, where: str, problems: list[str]) -> int | None:
    """A date part as a number: None when not given ("" or null), as TimelineJS reads it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(f"{where}: must be a whole number, not {type(value).__name__}")
        return None
    if isinstance(value, float):
        if not value.is_integer():
            problems.append(f"{where}: {value!r} is not a whole number")
            return None
        return int(value)
    if isinstance(value, str):
        if not _WHOLE.fullmatch(value.strip()):
            problems.append(f"{where}: {value.strip()[:40]!r} is not a whole number")
            return None
        return int(value)
    return value


def _fuzzy(parts: Parts, where: Where, problems: list[str]) -> FuzzyDate | None:
    """The date of TimelineJS date parts, to the finest part given; parts left out above it
    take TimelineJS's defaults (January, the 1st)."""
    year = parts.get("year")
    if year is None:
        problems.append(f"{where('year')}: missing; a date needs at least a year")
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(f"{where('year')}: {year} is out of range ({MIN_YEAR}..{MAX_YEAR})")
        return None
    if not MIN_SHORT_YEAR <= year <= MAX_SHORT_YEAR:  # only years out there (as EDTF)
        return FuzzyDate(year, precision=Precision.YEAR)
    before = len(problems)
    limits = {**_LIMITS, "day": (1, days_in_month(year, min(max(parts.get("month", 1), 1), 12)))}
    for name, (low, high) in limits.items():
        value = parts.get(name)
        if value is not None and not low <= value <= high:
            problems.append(f"{where(name)}: {value} is out of range ({low}..{high})")
    if len(problems) > before:
        return None
    if parts.keys() & {"hour", "minute", "second", "millisecond"}:
        precision = Precision.MINUTE
    elif "day" in parts:
        precision = Precision.DAY
    else:
        precision = Precision.MONTH if "month" in parts else Precision.YEAR
    return FuzzyDate(year, parts.get("month", 1), parts.get("day", 1), parts.get("hour", 0),
                     parts.get("minute", 0), precision)


def _span(start: FuzzyDate, end: FuzzyDate | None, b: _Builder, noun: str) -> DateSpan:
    if end is not None and end.latest < start.earliest:  # TimelineJS shows it at its start
        b.odd[noun, BACKWARDS] += 1
        return DateSpan(start)
    # TimelineJS drops an end equal to the start; an end that holds the start (2019-03-05 to
    # 2019) says no more than the start does.
    if end is None or end == start or end.earliest < start.earliest:
        return DateSpan(start)
    return DateSpan(start, end)


def _meant(span: DateSpan, shown: str) -> DateSpan | None:
    """The approximate, uncertain or ongoing span whose display() is `shown`, as
    dump_timelinejs writes those in display_date, or None."""
    starts = [replace(span.start, qualifier=q) for q in Qualifier]
    if span.end is None:
        candidates = [*(DateSpan(s) for s in starts), *(DateSpan(s, open_end=True) for s in starts)]
    else:
        candidates = [DateSpan(s, replace(span.end, qualifier=q))
                      for s in starts for q in Qualifier]
    return next((c for c in candidates if c != span and c.display() == shown), None)


def _title(headline: str, description: str) -> str:
    title = plain_text(headline)
    if title:
        return title
    first = description.split("\n", 1)[0]
    if len(first) > _TITLE_CHARS:
        first = first[:_TITLE_CHARS - 1].rstrip() + "…"
    return first or "Untitled"


class _Builder:
    """Events, eras and groups as they are read, and every problem met on the way."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.title = ""
        self.problems: list[str] = []
        self.events: list[EventRecord] = []
        self.eras: list[EraRecord] = []
        self.groups: dict[str, CategoryRecord] = {}
        # (noun, oddity) -> how many: of the record being read, and of those read (an invalid
        # record's oddities are not counted: it is a problem, or left out with --skip-invalid).
        self.odd: Counter[tuple[str, str]] = Counter()
        self.oddities: Counter[tuple[str, str]] = Counter()
        self._event_keys: set[str] = set()
        self._group_keys: set[str] = set()

    def group(self, name: str) -> str | None:
        name = plain_text(name)
        if not name:
            return None
        if name not in self.groups:
            piece = key_part(name, 120).lstrip("_") or str(len(self.groups) + 1)
            key = unique_key(f"group:{piece}", self._group_keys)
            self.groups[name] = CategoryRecord(key=key, name=name)
        return self.groups[name].key

    def record(self) -> None:
        """A record starts: the oddities of the one before, if it was not read, are dropped."""
        self.odd.clear()

    def _read(self) -> None:
        self.oddities.update(self.odd)
        self.odd.clear()

    def event(self, index: int, unique_id: str, when: DateSpan, slide: _Slide) -> None:
        self._read()
        # A foreign id may start with "_" (TimelineJS's own slugs do), which no key may.
        piece = key_part(unique_id, 150).lstrip("_")
        key = unique_key(piece or f"event-{index + 1}", self._event_keys)
        attributes: list[tuple[str, str]] = []
        shown = plain_text(slide.display_date)
        meant = _meant(when, shown) if shown else None
        if meant is not None:
            when = meant
        elif shown:
            attributes.append((DISPLAY_DATE, shown))
        attributes += [(BACKGROUND, b.strip()) for b in slide.background if b.strip()]
        if slide.thumbnail.strip():
            attributes.append((THUMBNAIL, slide.thumbnail.strip()))
        description = _paragraphs(slide.text)
        title = _title(slide.headline, description)
        links: tuple[LinkRecord, ...] = ()
        media = slide.media.strip()
        if media.startswith("<"):  # a blockquote or an embed, not a link: keep its words
            credit = plain_text(slide.credit)
            quote = "\n".join(filter(None, (_paragraphs(media), credit and f"— {credit}")))
            description = "\n\n".join(filter(None, (description, quote)))
        elif media:
            links = (LinkRecord(media, plain_text(slide.caption), plain_text(slide.credit)),)
        self.events.append(EventRecord(
            key=key, title=title, when=when,
            description=description, category=self.group(slide.group), links=links,
            attributes=tuple(attributes)))

    def era(self, index: int, headline: str, when: DateSpan) -> None:
        self._read()
        self.eras.append(EraRecord(key=f"era-{index + 1}",
                                   name=plain_text(headline) or f"Era {index + 1}", when=when))

    def story(self, warnings: list[str] | None) -> Story:
        """The story read, or FormatError; the oddities counted go to `warnings` either way."""
        if warnings is not None:
            warnings.extend(counted(self.oddities))
        return story_or_refusal(self.source, Story(
            title=self.title, categories=tuple(self.groups.values()), eras=tuple(self.eras),
            events=tuple(self.events)), self.problems)


def _text(obj: dict[str, Any], name: str, where: str, problems: list[str]) -> str:
    value = obj.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        problem = text_problem(value)  # a NUL or a lone surrogate: the slide is invalid
        if problem is not None:
            problems.append(f"{where}.{name}: {problem}")
            return ""
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    problems.append(f"{where}.{name}: must be text, not {type(value).__name__}")
    return ""


def _object(obj: dict[str, Any], name: str, where: str, problems: list[str]) -> dict[str, Any]:
    value = obj.get(name)
    if value is None or value == "":  # not given
        return {}
    if not isinstance(value, dict):
        problems.append(f"{where}.{name}: must be an object, not {type(value).__name__}")
        return {}
    return value


def _records(doc: dict[str, Any], name: str, where: str, problems: list[str]) -> list[Any]:
    value = doc.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{where}: must be a list, not {type(value).__name__}")
        return []
    return value


# --- TimelineJS3 JSON ----------------------------------------------------------------------------


def parse_timelinejs(text: str, *, source: str = "<text>",
                     warnings: list[str] | None = None) -> Story:
    """A TimelineJS3 JSON file, or a TimelineJS2 one ({"timeline": {...}}); the oddities read
    anyway are counted into `warnings`, even when invalid slides make it raise FormatError."""
    doc = load_json(text, source)
    if not isinstance(doc, dict):
        raise FormatError(source, ['$: must be a JSON object with "events" (TimelineJS 3) or '
                                   '"timeline" (TimelineJS 2)'])
    if "events" not in doc and isinstance(doc.get("timeline"), dict):
        return _parse_v2(doc["timeline"], source, warnings)
    if not isinstance(doc.get("events"), list):
        raise FormatError(source, ['$.events: must be a list of slides (is this a TimelineJS '
                                   'file?)'])
    b = _Builder(source)
    title = doc.get("title")
    if isinstance(title, dict):
        b.title = plain_text(_text(_object(title, "text", "$.title", b.problems), "headline",
                                   "$.title.text", b.problems))
    elif title is not None:
        b.problems.append(f"$.title: must be a slide object, not {type(title).__name__}")
    for index, slide in enumerate(doc["events"]):
        _v3_event(b, index, slide)
    for index, era in enumerate(_records(doc, "eras", "$.eras", b.problems)):
        _v3_era(b, index, era)
    return b.story(warnings)


def _given(obj: object) -> bool:
    """Whether a date object gives any part (generated files write all parts as "")."""
    return not isinstance(obj, dict) or any(
        obj.get(p) is not None and obj.get(p) != "" for p in _PARTS)


def _v3_date(obj: object, path: str, problems: list[str]) -> tuple[FuzzyDate | None, str]:
    """A TimelineJS3 date object: its date and its display_date."""
    if not isinstance(obj, dict):
        problems.append(f'{path}: must be a date object such as {{"year": "2016"}}')
        return None, ""
    before = len(problems)
    parts = {p: n for p in _PARTS
             if (n := _whole(obj.get(p), f"{path}.{p}", problems)) is not None}
    # "display_text" is what older files (the cosmological example) call it.
    shown = plain_text(_text(obj, "display_date", path, problems) or
                       _text(obj, "display_text", path, problems))
    if len(problems) > before:
        return None, ""
    return _fuzzy(parts, lambda part: f"{path}.{part}", problems), shown


def _v3_span(b: _Builder, slide: dict[str, Any], path: str,
             noun: str) -> tuple[DateSpan | None, str]:
    """The dates of a slide or era, and the display dates they carry ("start – end")."""
    start, shown_start = _v3_date(slide["start_date"], f"{path}.start_date", b.problems)
    end, shown_end = None, ""
    if slide.get("end_date") is not None and _given(slide["end_date"]):
        end, shown_end = _v3_date(slide["end_date"], f"{path}.end_date", b.problems)
        if end is None:
            return None, ""
    shown = " – ".join(filter(None, (shown_start, shown_end)))
    if start is None:
        return None, ""
    return _span(start, end, b, noun), shown


def _given_as_text(b: _Builder, slide: dict[str, Any], name: str, path: str) -> dict[str, Any]:
    """A slide's background or media object. Given as text instead (TimelineJS shows the slide
    without it), it is read as the object of that text, {"url": …} or {"color": …}; given as
    anything else, it is left out. Each with a counted warning."""
    value = slide.get(name)
    if value is None or isinstance(value, dict) or (isinstance(value, str) and not value.strip()):
        return _object(slide, name, path, b.problems)
    if not isinstance(value, str):
        b.odd["slide", _left_out(name, value)] += 1
        return {}
    if name == "media":
        b.odd["slide", MEDIA_URL] += 1
        return {"url": value}
    if _COLOUR.fullmatch(value.strip()):
        b.odd["slide", BACKGROUND_COLOUR] += 1
        return {"color": value}
    b.odd["slide", BACKGROUND_IMAGE] += 1
    return {"url": value}


def _v3_event(b: _Builder, index: int, slide: object) -> None:
    path = f"$.events[{index}]"
    b.record()
    if not isinstance(slide, dict):
        b.problems.append(f"{path}: must be an object")
        return
    before = len(b.problems)
    text = _object(slide, "text", path, b.problems)
    media = _given_as_text(b, slide, "media", path)
    background = _given_as_text(b, slide, "background", path)
    headline = _text(text, "headline", f"{path}.text", b.problems)
    if slide.get("start_date") is None:
        label = f' ("{plain_text(headline)[:60]}")' if plain_text(headline) else ""
        b.problems.append(f"{path}{label}: start_date is missing; every event needs a start date")
        return
    when, shown = _v3_span(b, slide, path, "slide")
    read = _Slide(
        headline=headline, text=_text(text, "text", f"{path}.text", b.problems),
        media=_text(media, "url", f"{path}.media", b.problems),
        caption=_text(media, "caption", f"{path}.media", b.problems),
        credit=_text(media, "credit", f"{path}.media", b.problems),
        thumbnail=_text(media, "thumbnail", f"{path}.media", b.problems),
        group=_text(slide, "group", path, b.problems),
        # The slide's display_date overrides its dates' own (as in TimelineJS).
        display_date=_text(slide, "display_date", path, b.problems) or shown,
        background=(_text(background, "url", f"{path}.background", b.problems),
                    _text(background, "color", f"{path}.background", b.problems)))
    # A unique_id that is no text is no id: the event gets one from its place in the list.
    unique_id = _text(slide, "unique_id", path, [])
    if when is not None and len(b.problems) == before:
        b.event(index, unique_id, when, read)


def _v3_era(b: _Builder, index: int, era: object) -> None:
    path = f"$.eras[{index}]"
    b.record()
    if not isinstance(era, dict):
        b.problems.append(f"{path}: must be an object")
        return
    for name in ("start_date", "end_date"):
        if era.get(name) is None or not _given(era[name]):
            b.problems.append(f"{path}.{name}: missing; every era needs a start and an end date")
            return
    before = len(b.problems)
    name = _text(_object(era, "text", path, b.problems), "headline", f"{path}.text", b.problems)
    when, _ = _v3_span(b, era, path, "era")
    shown = era.get("display_date")
    if when is not None and isinstance(shown, str) and shown:
        # As dump_timelinejs writes an era TimelineJS cannot show: without its (made-up) end.
        start = DateSpan(when.start)
        when = (start if start.display() == shown else
                _meant(when, shown) or _meant(start, shown) or when)
    if when is not None and len(b.problems) == before:
        b.era(index, name, when)


# --- TimelineJS2 JSON ----------------------------------------------------------------------------


def _v2_date(value: object, where: str, problems: list[str]) -> FuzzyDate | None:
    """A TimelineJS2 date: "YYYY,MM,DD[,HH,MM[,SS]]" (or just a year, even as a number)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.append(f'{where}: must be a date such as "2011,12,10", not '
                        f"{type(value).__name__}")
        return None
    pieces = [p.strip() for p in value.split(",")]
    if len(pieces) > 6 or not all(_WHOLE.fullmatch(p) for p in pieces):
        problems.append(f"{where}: {value[:40]!r} is not a TimelineJS 2 date "
                        '("YYYY,MM,DD" with an optional ",HH,MM")')
        return None
    parts = dict(zip(_PARTS, map(int, pieces), strict=False))
    return _fuzzy(parts, lambda part: f"{where} ({part})", problems)


def _v2_span(b: _Builder, item: dict[str, Any], path: str, noun: str) -> DateSpan | None:
    start = _v2_date(item["startDate"], f"{path}.startDate", b.problems)
    end = None
    if item.get("endDate") not in (None, ""):
        end = _v2_date(item["endDate"], f"{path}.endDate", b.problems)
        if end is None:
            return None
    return None if start is None else _span(start, end, b, noun)


def _parse_v2(timeline: dict[str, Any], source: str, warnings: list[str] | None) -> Story:
    b = _Builder(source)
    b.title = plain_text(_text(timeline, "headline", "$.timeline", b.problems))
    if not isinstance(timeline.get("date"), list):
        raise FormatError(source, ["$.timeline.date: must be a list of dates (is this a "
                                   "TimelineJS 2 file?)"])
    for index, item in enumerate(timeline["date"]):
        path = f"$.timeline.date[{index}]"
        b.record()
        if not isinstance(item, dict):
            b.problems.append(f"{path}: must be an object")
            continue
        before = len(b.problems)
        headline = _text(item, "headline", path, b.problems)
        if item.get("startDate") in (None, ""):
            label = f' ("{plain_text(headline)[:60]}")' if plain_text(headline) else ""
            b.problems.append(f"{path}{label}: startDate is missing; every date needs one")
            continue
        asset = _object(item, "asset", path, b.problems)
        when = _v2_span(b, item, path, "slide")
        read = _Slide(headline=headline, text=_text(item, "text", path, b.problems),
                      media=_text(asset, "media", f"{path}.asset", b.problems),
                      caption=_text(asset, "caption", f"{path}.asset", b.problems),
                      credit=_text(asset, "credit", f"{path}.asset", b.problems),
                      thumbnail=_text(asset, "thumbnail", f"{path}.asset", b.problems),
                      group=_text(item, "tag", path, b.problems))
        if when is not None and len(b.problems) == before:
            b.event(index, "", when, read)
    for index, era in enumerate(_records(timeline, "era", "$.timeline.era", b.problems)):
        path = f"$.timeline.era[{index}]"
        b.record()
        if not isinstance(era, dict) or era.get("startDate") in (None, ""):
            b.problems.append(f"{path}: must be an object with a startDate")
            continue
        before = len(b.problems)
        name = _text(era, "headline", path, b.problems)
        when = _v2_span(b, era, path, "era")
        if when is not None and len(b.problems) == before:
            b.era(index, name, when)
    return b.story(warnings)


# --- the Google-Sheet template as CSV ------------------------------------------------------------


def _time(cell: str, where: str, problems: list[str]) -> Parts:
    """A Time cell: "9:30", "09:30:00", "9:30 PM", "0930"."""
    match = _TIME.fullmatch(cell.strip())
    if match is None:
        problems.append(f'{where}: {cell.strip()[:40]!r} is not a time such as "9:30", '
                        '"09:30:00" or "9:30 PM"')
        return {}
    hour = int(match["hour"])
    period = (match["period"] or " ")[0].lower()
    if period in "ap":
        if not 1 <= hour <= 12:
            problems.append(f"{where}: hour {hour} is out of range (1..12) before AM or PM")
            return {}
        hour = hour % 12 + (12 if period == "p" else 0)
    parts = {"hour": hour, "minute": int(match["minute"] or 0)}
    if match["second"]:
        parts["second"] = int(match["second"])
    return parts


def parse_timelinejs_csv(text: str, *, source: str = "<text>",
                         warnings: list[str] | None = None) -> Story:
    """The TimelineJS Google-Sheet template saved as CSV (columns found by their names); the
    oddities read anyway are counted into `warnings`."""
    suspect = text_problem(text) is not None  # (one fast look at the whole file first)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # a sheet saved in a comma-decimal locale uses ";"
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            columns.setdefault("".join(name.lower().split()), index)
        missing = [n for n in ("Year", "Headline") if n.lower() not in columns]
        if missing:
            raise FormatError(source, [f"line 1: no {' or '.join(missing)} column; a TimelineJS "
                                       "sheet starts with Year, Month, Day, Time, …, Headline"])
        b = _Builder(source)
        end = reader.line_num
        # Keys count the rows under the header (blank ones too): event-3 is the third row.
        for index, row in enumerate(reader):
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if suspect and (bad := first_not_text(row)) is not None:
                column = header[bad[0]].strip() if bad[0] < len(header) else ""
                b.problems.append(f"line {start}, {column or f'column {bad[0] + 1}'}: {bad[1]}")
                continue
            _csv_row(b, index, row, columns, start)
    except csv.Error as error:
        raise FormatError(source, [f"line {reader.line_num}: not readable CSV ({error})"]) \
            from None
    return b.story(warnings)


_COLUMN_OF_PART = {"year": "year", "month": "month", "day": "day", "hour": "time",
                   "minute": "time", "second": "time"}
_LABELS = {"year": "Year", "month": "Month", "day": "Day", "time": "Time", "endyear": "End Year",
           "endmonth": "End Month", "endday": "End Day", "endtime": "End Time"}


def _csv_row(b: _Builder, index: int, row: list[str], columns: dict[str, int], line: int) -> None:
    def cell(name: str) -> str:
        at = columns.get(name)
        return row[at].strip() if at is not None and at < len(row) else ""

    def where(column: str) -> str:
        return f"line {line}, {_LABELS[column]}"

    def parts(prefix: str) -> Parts:
        found = {p: n for p in ("year", "month", "day")  # "1,815" is 1815, as TimelineJS reads it
                 if (n := _whole(re.sub(r"[\s,]+", "", cell(prefix + p)), where(prefix + p),
                                 b.problems)) is not None}
        if cell(prefix + "time"):
            found.update(_time(cell(prefix + "time"), where(prefix + "time"), b.problems))
        return found

    b.record()
    kind = cell("type").lower()
    if kind == "title" and not b.title:  # later title rows are events, as in TimelineJS
        b.title = plain_text(cell("headline"))
        return
    noun = "era" if kind == "era" else "event"
    before = len(b.problems)
    start_parts, end_parts = parts(""), parts("end")
    if len(b.problems) > before:
        return
    if not start_parts:
        b.problems.append(f"{where('year')}: missing; every {noun} needs a start year")
        return
    if kind == "era" and not end_parts:
        b.problems.append(f"{where('endyear')}: missing; every era needs an end year")
        return
    start = _fuzzy(start_parts, lambda p: where(_COLUMN_OF_PART[p]), b.problems)
    end = _fuzzy(end_parts, lambda p: where("end" + _COLUMN_OF_PART[p]), b.problems) \
        if end_parts else None
    if start is None or (end_parts and end is None):
        return
    when = _span(start, end, b, "era" if kind == "era" else "slide")
    if kind == "era":
        b.era(index, cell("headline"), when)
        return
    b.event(index, "", when, _Slide(
        headline=cell("headline"), text=cell("text"), media=cell("media"),
        caption=cell("mediacaption"), credit=cell("mediacredit"),
        thumbnail=cell("mediathumbnail"), group=cell("group"),
        display_date=cell("displaydate"), background=(cell("background"),)))


# --- writing TimelineJS3 JSON --------------------------------------------------------------------


def _parts(date: FuzzyDate) -> dict[str, str]:
    """Date parts as strings, as TimelineJS's own files and its spreadsheet reader give them."""
    parts = {"year": str(date.year)}
    if date.precision >= Precision.MONTH:
        parts["month"] = str(date.month)
    if date.precision >= Precision.DAY:
        parts["day"] = str(date.day)
    if date.precision >= Precision.MINUTE:
        parts.update(hour=str(date.hour), minute=str(date.minute))
    return parts


def _html(text: str) -> str:
    """Plain text as the HTML TimelineJS shows: paragraphs, line breaks, nothing as markup."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line.strip(), quote=False)
                                       for line in p.split("\n")) + "</p>"
                   for p in paragraphs)


def _unique_id(key: str, taken: set[str]) -> str:
    """A record key as a TimelineJS unique_id: unique, and usable as an HTML id and in a URL
    fragment (letters, digits, '-' and '_')."""
    return unique_key(_NOT_IN_ID.sub("-", key).strip("-") or "event", taken)


def _first(attributes: Iterable[tuple[str, str]], name: str) -> str:
    return next((value for n, value in attributes if n == name and value), "")


def _event_slide(event: EventRecord, groups: dict[str, str], taken: set[str]) -> dict[str, Any]:
    when = event.when
    slide: dict[str, Any] = {"start_date": _parts(when.start)}
    if when.end is not None:
        slide["end_date"] = _parts(when.end)
    slide["text"] = {"headline": html.escape(event.title, quote=False),
                     "text": _html(event.description)}
    if event.links:
        link = event.links[0]  # a slide has one media
        slide["media"] = {"url": link.url, "caption": html.escape(link.caption, quote=False),
                          "credit": html.escape(link.credit, quote=False)}
        if thumbnail := _first(event.attributes, THUMBNAIL):
            slide["media"]["thumbnail"] = thumbnail
    if event.category in groups:
        slide["group"] = groups[event.category]
    shown = _first(event.attributes, DISPLAY_DATE)
    if not shown and (when.fuzzy_start or when.fuzzy_end or when.open_end):
        shown = when.display()  # TimelineJS has no such dates: say it in words
    if shown:
        slide["display_date"] = shown
    background: dict[str, str] = {}
    for name, value in event.attributes:
        if name == BACKGROUND and value:  # an image or a colour, told as TimelineJS's sheets do
            background.setdefault("url" if re.match(r"(https?:)?/", value) else "color", value)
    if background:
        slide["background"] = background
    slide["unique_id"] = _unique_id(event.key, taken)
    return slide


def _era(era: EraRecord) -> dict[str, Any]:
    end = era.when.end
    if end is None:
        # TimelineJS needs an end, and drops one equal to the start: a point (or ongoing) era
        # ends where its start's year, month, day or minute does.
        try:
            end = FuzzyDate.from_seconds(era.when.start.latest + 1, era.when.start.precision)
        except DateError:  # the last year there is
            end = era.when.start
    written: dict[str, Any] = {"start_date": _parts(era.when.start), "end_date": _parts(end),
                               "text": {"headline": html.escape(era.name, quote=False)}}
    if DateSpan(era.when.start, end).display() != era.when.display():
        # Approximate, uncertain, ongoing or point eras: TimelineJS ignores the key, and
        # reading it back restores the era as it was (as an event's display_date does).
        written["display_date"] = era.when.display()
    return written


def dump_timelinejs(story: Story) -> str:
    """The story as TimelineJS3 JSON, ready to publish: a title slide, one slide per event
    (its category as the group, its first link as the media), and the eras."""
    groups = {c.key: c.name for c in story.categories}
    taken: set[str] = set()
    doc: dict[str, Any] = {}
    if story.title:
        doc["title"] = {"text": {"headline": html.escape(story.title, quote=False), "text": ""}}
    doc["events"] = [_event_slide(e, groups, taken) for e in story.events]
    eras = [_era(e) for e in story.eras]
    if eras:
        doc["eras"] = eras
    dates = [d for span in (*(e.when for e in story.events), *(e.when for e in story.eras))
             for d in (span.start, span.end) if d is not None]
    low, high = _HUMAN_YEARS
    doc["scale"] = "cosmological" if any(not low <= d.year <= high for d in dates) else "human"
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


__all__ = ["BACKGROUND", "DISPLAY_DATE", "THUMBNAIL", "dump_timelinejs", "parse_timelinejs",
           "parse_timelinejs_csv"]
