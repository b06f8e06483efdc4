"""vis-timeline data JSON (visjs/vis-timeline) read into a Story.

The data is a list of items, or {"items": [...], "groups": [...]}. An item has `start` (an ISO
date or date-time, or milliseconds since 1970), optional `end`, `content` (HTML), `title`
(a tooltip), `group` and `type` (box, point, range, background). Groups become categories;
`background` items become eras; HTML becomes plain text. Every problem is reported with the
JSON path of the item, and nothing is read if any item is invalid.

What vis-timeline still shows is read, with one warning per kind of oddity counting the items
that have it (appended to `warnings`, the list read_story passes; see models/formats.py): an
item without content is titled by its tooltip (`title`, as a page's template shows it) or, with
neither, "Item <id>"; an end before the start (vis-timeline draws the item at its start) is
dropped; a day as browsers read it (2014/4/20) is read as that day; a group without an id (no
item can name it) is left out. What it cannot show, an item without a start or with a date
that is none, is an invalid item.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from models.dates import DateError, DateSpan, FuzzyDate, Precision, parse_edtf, seconds_from_civil
from models.interchange import FormatError, load_json, story_or_refusal, text_problem
from models.story import CategoryRecord, EraRecord, EventRecord, Story, key_part, unique_key
from models.wording import plural

# The kinds of oddity vis-timeline shows anyway, each a warning: "<n> items have …".
NO_CONTENT = "no content: titled by the tooltip (title) instead"
NO_CONTENT_OR_TITLE = 'neither content nor title: titled "Item <id or place>"'
BACKWARDS = "an end before the start: read without the end (vis-timeline draws it at the start)"
NOT_ISO = ("a date not in ISO form (such as 2014/4/20): read as the day it names, as browsers "
           "read it for vis-timeline")
GROUP_WITHOUT_ID = "no id: left out, as no item can name a group without one"

# ISO 8601 as vis-timeline (moment) reads it and JavaScript writes it: a year of four digits or,
# beyond 0..9999, of six with a sign ("-000400-01-01T00:00:00.000Z", as Date.toJSON() writes 400
# BCE); a date-time to the minute or finer, with an optional zone.
_ISO = re.compile(
    r"(?P<year>[+-]?\d{4}|[+-]\d{6})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2})(?::(?P<minute>\d{2})(?::\d{2}(?:[.,]\d+)?)?)?"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?\Z")

# A day as browsers read it when moment (vis-timeline's dates) falls back to them: year, month
# and day with "/" or "-", the month and day of one digit or two, and optionally a local time.
_BROWSER_DAY = re.compile(r"(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
                          r"(?P<time>[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\Z")


class _TextOnly(HTMLParser):
    """The text of an HTML fragment, its tags dropped and line breaks kept as spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li"):
            self.parts.append(" ")


def plain_text(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def counted(oddities: Counter[tuple[str, str]]) -> list[str]:
    """One warning per kind of oddity a reader read anyway, with how many records have it:
    {("slide", "a background …"): 631} -> ["631 slides have a background …"]."""
    return [f"{plural(count, noun)} {'has' if count == 1 else 'have'} {what}"
            for (noun, what), count in oddities.items()]


def _key(prefix: str, value: object, index: int, taken: set[str]) -> str:
    """A stable key from the item's own id where it has one, else from its place; ids that
    come out alike ("a b", "a-b", or "3" and the third item, which has none) are told apart."""
    text = key_part(str(value), 150) if value is not None else ""
    return unique_key(f"{prefix}:{text or index + 1}", taken)


def _id(value: object) -> object:
    """An item's id as vis-data compares them (1 and "1" are two ids)."""
    return value if isinstance(value, str | int | float) else repr(value)


def _edtf(value: object, odd: Counter[tuple[str, str]]) -> str:
    """EDTF text for a vis date: ISO date, ISO date-time (to the minute, in UTC when it has a
    zone) or milliseconds since 1970 (before 1970 too); also a day as browsers read it
    (2014/4/20), counted in `odd`."""
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise DateError(f"{value!r} is not a time vis-timeline can give")
        try:
            return FuzzyDate.from_seconds(math.floor(value / 1000), Precision.MINUTE).edtf()
        except DateError:  # beyond ±9999: JavaScript's dates end at ±275760 anyway
            raise DateError(f"{value!r} is not a time vis-timeline can give") from None
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"{value!r} is not a date")
    text = value.strip()
    match = _ISO.fullmatch(text)
    browser = _BROWSER_DAY.fullmatch(text) if match is None else None
    if browser is not None:
        text = (f"{browser['year']}-{int(browser['month']):02d}-{int(browser['day']):02d}"
                f"{(browser['time'] or '').replace(' ', 'T')}")
        match = _ISO.fullmatch(text)
        odd["item", NOT_ISO] = 1  # (once per item, for its start and end together)
    if match is None:
        raise DateError(f"{text!r} is not an ISO date or date-time")
    year = int(match["year"])
    if not match["month"]:
        return f"{year:05d}" if year < 0 else f"Y{year}" if year > 9999 else f"{year:04d}"
    if not -9999 <= year <= 9999:
        raise DateError(f"{text!r}: a year beyond ±9999 has no month or day in Chronolens")
    date = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    date += f"-{match['month']}" + (f"-{match['day']}" if match["day"] else "")
    parse_edtf(date)  # a real day: 2014-02-30 is named as it is written
    if not match["hour"]:
        return date
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    zone = match["zone"]
    if not zone:  # local time, as written
        return f"{date}T{hour:02d}:{minute:02d}"
    offset = 0 if zone == "Z" else (1 if zone[0] == "+" else -1) * (
        int(zone[1:3]) * 60 + int(zone[-2:] if len(zone) > 3 else 0))
    seconds = seconds_from_civil(year, int(match["month"]), int(match["day"]), hour, minute)
    return FuzzyDate.from_seconds(seconds - offset * 60, Precision.MINUTE).edtf()


def _span(item: dict[str, Any], odd: Counter[tuple[str, str]]) -> DateSpan:
    mine: Counter[tuple[str, str]] = Counter()  # counted in `odd` once the item reads
    start = _edtf(item.get("start"), mine)
    end = item.get("end")
    if end is None or end == "":
        span = parse_edtf(start)
    else:
        end_text = _edtf(end, mine)
        span = parse_edtf(start)
        parse_edtf(end_text)  # a date that is none is named as it is written
        try:
            span = parse_edtf(f"{start}/{end_text}")
        except DateError:  # both are dates, so the end is before the start
            mine["item", BACKWARDS] = 1
    odd.update(mine)
    return span


def _shown(value: object) -> str:
    """A field as the text vis-timeline puts in the page: nothing for null (or a missing
    field), numbers as they are written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _not_text(obj: dict[str, Any], names: tuple[str, ...], path: str) -> str | None:
    """The first of the fields that would be stored and holds what no store holds (a NUL, a
    lone surrogate), as a problem naming it: the record is invalid, as in every reader."""
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and (problem := text_problem(value)) is not None:
            return f"{path}.{name}: {problem}"
    return None


def parse_vis(text: str, *, source: str = "<text>", warnings: list[str] | None = None) -> Story:
    """The items of a vis-timeline data file; the oddities read anyway are counted into
    `warnings` (one line per kind), even when invalid items make it raise FormatError."""
    doc = load_json(text, source)
    items_path = "$"
    groups: list[Any] = []
    if isinstance(doc, dict):
        items, groups, items_path = doc.get("items"), doc.get("groups") or [], "$.items"
    else:
        items = doc
    if not isinstance(items, list) or not isinstance(groups, list):
        raise FormatError(source, [f"{items_path}: must be a list of items"])
    problems: list[str] = []
    group_keys: set[str] = set()
    era_keys: set[str] = set()
    event_keys: set[str] = set()
    odd: Counter[tuple[str, str]] = Counter()

    categories: dict[str, CategoryRecord] = {}
    for index, group in enumerate(groups):
        if not isinstance(group, dict):
            problems.append(f"$.groups[{index}]: must be an object with an id")
            continue
        if group.get("id") is None:  # vis-data gives it an id of its own, which no item names
            odd["group", GROUP_WITHOUT_ID] += 1
            continue
        if (problem := _not_text(group, ("content", "id"), f"$.groups[{index}]")) is not None:
            problems.append(problem)
            continue
        key = _key("group", group["id"], index, group_keys)
        name = plain_text(str(group.get("content") or group["id"]))
        categories[str(group["id"])] = CategoryRecord(key=key, name=name or key)

    events: list[EventRecord] = []
    eras: list[EraRecord] = []
    seen: dict[object, int] = {}  # id -> index of the item that has it
    repeated: list[str] = []
    for index, item in enumerate(items):
        path = f"{items_path}[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{path}: must be an object")
            continue
        if item.get("id") is not None:
            first = seen.setdefault(_id(item["id"]), index)
            if first != index:
                repeated.append(f"{path}: two items share an id ({item['id']!r}, as "
                                f"{items_path}[{first}] does)")
        if item.get("start") is None:
            problems.append(f"{path}.start: missing; every item needs a start date")
            continue
        if (problem := _not_text(item, ("content", "title", "group"), path)) is not None:
            problems.append(problem)
            continue
        try:
            when = _span(item, odd)
        except DateError as error:
            problems.append(f"{path}: {error}")
            continue
        title = plain_text(_shown(item.get("content")))
        if not title:
            title = plain_text(_shown(item.get("title")))
            if item.get("type") != "background":  # vis-timeline needs no content for these
                odd["item", NO_CONTENT if title else NO_CONTENT_OR_TITLE] += 1
        title = title or f"Item {item.get('id', index + 1)}"
        if item.get("type") == "background":
            eras.append(EraRecord(key=_key("era", item.get("id"), index, era_keys), name=title,
                                  when=when))
            continue
        group = item.get("group")
        category = categories.get(str(group)) if group is not None else None
        if group is not None and category is None:
            category = CategoryRecord(key=_key("group", group, len(categories), group_keys),
                                      name=str(group))
            categories[str(group)] = category
        tooltip = plain_text(_shown(item.get("title")))
        events.append(EventRecord(key=_key("vis", item.get("id"), index, event_keys), title=title,
                                  when=when, description="" if tooltip == title else tooltip,
                                  category=category.key if category else None))
    if warnings is not None:
        warnings.extend(counted(odd))
    if repeated:
        raise FormatError(source, [*problems, *repeated])
    return story_or_refusal(source, Story(categories=tuple(categories.values()),
                                          eras=tuple(eras), events=tuple(events)), problems)


__all__ = ["counted", "parse_vis", "plain_text"]
