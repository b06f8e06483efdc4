"""Timeline (thetimelineproj) `.timeline` XML files, every version from 0.x to 2.x, read into a
Story through defusedxml (no entities, no external references).

Categories keep their colours and parents; events their text, description, category and date
("fuzzy" becomes an approximate date, "ends today" an ongoing range); eras are eras. Timeline's
containers are written in the event text ("[1]Name" is container 1, "(1)Sub" an event in it): a
container becomes a category (inside the container's own category) holding its sub-events.
Hyperlinks become the event's links; milestone, locked and progress its attributes.
Timeline's plain-text format from before 2010 is refused with a message saying so.
"""

from __future__ import annotations

import re
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from models.dates import DateError, DateSpan, parse_edtf
from models.interchange import FormatError, story_or_refusal
from models.story import (
    CategoryRecord,
    EraRecord,
    EventRecord,
    LinkRecord,
    Story,
    key_part,
    unique_key,
)

# Timeline 0.x wrote times unpadded ("2009-11-4 22:52:0", "2010-8-31 0:0:0"); later ones padded.
_WHEN = re.compile(
    r"\s*(-?\d+)-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*\Z")
_CONTAINER = re.compile(r"\[(\d+)\](.*)\Z", re.DOTALL)
_SUBEVENT = re.compile(r"\((\d+)\)(.*)\Z", re.DOTALL)


def _text(node: Any, tag: str) -> str:
    child = node.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _flag(node: Any, tag: str) -> bool:
    return _text(node, tag).lower() == "true"


def _color(text: str) -> str | None:
    parts = text.split(",")
    if len(parts) != 3 or not all(p.strip().isdigit() and int(p) <= 255 for p in parts):
        return None
    return "#" + "".join(f"{int(p):02x}" for p in parts)


def _point(text: str, path: str) -> str:
    """EDTF for a Timeline time ("2013-03-30 11:16:00"), to the day when it is midnight (Timeline
    writes 00:00:00 for events without a time of day)."""
    match = _WHEN.fullmatch(text)
    if match is None:
        raise DateError(f"{path}: {text!r} is not a Timeline date")
    year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups()[:5])
    sign = "-" if year < 0 else ""
    date = f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"
    return date if hour == minute == 0 else f"{date}T{hour:02d}:{minute:02d}"


def _span(node: Any, path: str, *, fuzzy: bool, ends_today: bool) -> DateSpan:
    """The node's dates; `fuzzy` (Timeline before 2.4) or <fuzzy_start>/<fuzzy_end> (after)
    make them approximate."""
    start = _point(_text(node, "start"), f"{path}.start")
    end_text = _text(node, "end")
    end = _point(end_text, f"{path}.end") if end_text else start
    start_mark = "~" if fuzzy or _flag(node, "fuzzy_start") else ""
    end_mark = "~" if fuzzy or _flag(node, "fuzzy_end") else ""
    if ends_today:
        return parse_edtf(f"{start}{start_mark}/..")
    if end == start:
        return parse_edtf(f"{start}{start_mark or end_mark}")
    return parse_edtf(f"{start}{start_mark}/{end}{end_mark}")


def _key(prefix: str, name: str, taken: set[str]) -> str:
    return unique_key(f"{prefix}:{key_part(name, 120) or 'unnamed'}", taken)


def parse_timeline_xml(text: str, *, source: str = "<text>") -> Story:
    if not text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise FormatError(source, ["this is Timeline's plain-text format from before 2010, "
                                   "which Chronolens does not read; open it in Timeline 0.x "
                                   "and save it again as XML"])
    try:
        # The text is already decoded: its declaration's encoding no longer applies.
        root = ElementTree.fromstring(re.sub(r"\A[\ufeff\s]*<\?xml[^>]*\?>", "", text))
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise FormatError(source, [f"not readable XML: {error}"]) from None
    if root.tag != "timeline":
        raise FormatError(source, [f"<{root.tag}>: a Timeline file starts with <timeline>"])
    timetype = _text(root, "timetype") or "gregoriantime"  # files before 1.1 have none
    if timetype != "gregoriantime":
        raise FormatError(source, [
            f"<timetype>{timetype}</timetype>: this timeline does not count in calendar dates "
            "(Timeline's numeric and fantasy-calendar timelines), and Chronolens reads only "
            "Gregorian ones"])
    problems: list[str] = []
    taken: set[str] = set()

    by_name: dict[str, CategoryRecord] = {}
    parents: dict[str, str] = {}
    for index, node in enumerate(root.iterfind("categories/category")):
        name = _text(node, "name")
        if not name:
            problems.append(f"categories/category[{index + 1}]: has no name")
            continue
        by_name[name] = CategoryRecord(key=_key("category", name, taken), name=name,
                                       color=_color(_text(node, "color")))
        if _text(node, "parent"):
            parents[name] = _text(node, "parent")
    categories = {
        name: CategoryRecord(key=c.key, name=c.name, color=c.color,
                             parent=by_name[parents[name]].key if parents.get(name) in by_name
                             else None)
        for name, c in by_name.items()}

    containers: dict[str, CategoryRecord] = {}
    raw: list[tuple[int, Any, str]] = []
    for index, node in enumerate(root.iterfind("events/event")):
        title = _text(node, "text")
        container = _CONTAINER.match(title)
        if container:
            own = categories.get(_text(node, "category"))
            name = container.group(2).strip() or f"Container {container.group(1)}"
            containers[container.group(1)] = CategoryRecord(
                key=_key("container", name, taken), name=name,
                color=own.color if own else None, parent=own.key if own else None)
            continue
        raw.append((index, node, title))

    events: list[EventRecord] = []
    for index, node, title in raw:
        path = f"events/event[{index + 1}]"
        category = categories.get(_text(node, "category"))
        sub = _SUBEVENT.match(title)
        if sub:
            title = sub.group(2).strip()
            category = containers.get(sub.group(1), category)
        try:
            when = _span(node, path, fuzzy=_flag(node, "fuzzy"),
                         ends_today=_flag(node, "ends_today"))
        except DateError as error:
            problems.append(str(error))
            continue
        # Timeline 2.x keeps several hyperlinks in one element, separated by ";".
        links = tuple(LinkRecord(url.strip()) for url in _text(node, "hyperlink").split(";")
                      if url.strip())
        progress = _text(node, "progress")
        attributes = tuple((name, "yes") for name, tag in (("Milestone", "milestone"),
                                                           ("Locked", "locked"))
                           if _flag(node, tag))
        if progress.isdigit() and int(progress) > 0:
            attributes += (("Progress", f"{int(progress)}%"),)
        events.append(EventRecord(key=_key("event", f"{index + 1}", taken),
                                  title=title or "(untitled)", when=when,
                                  description=_text(node, "description"),
                                  category=category.key if category else None,
                                  links=links, attributes=attributes))

    eras: list[EraRecord] = []
    for index, node in enumerate(root.iterfind("eras/era")):
        name = _text(node, "name") or f"Era {index + 1}"
        try:
            when = _span(node, f"eras/era[{index + 1}]", fuzzy=False,
                         ends_today=_flag(node, "ends_today"))
        except DateError as error:
            problems.append(str(error))
            continue
        eras.append(EraRecord(key=_key("era", name, taken), name=name, when=when,
                              color=_color(_text(node, "color"))))
    return story_or_refusal(source, Story(
        categories=(*categories.values(), *containers.values()), eras=tuple(eras),
        events=tuple(events)), problems)


__all__ = ["parse_timeline_xml"]
