"""vis-timeline data JSON (visjs/vis-timeline) read into a Story.

The data is a list of items, or {"items": [...], "groups": [...]}. An item has `start` (an ISO
date or date-time, or milliseconds since 1970), optional `end`, `content` (HTML), `title`
(a tooltip), `group` and `type` (box, point, range, background). Groups become categories;
`background` items become eras; HTML becomes plain text. Every problem is reported with the
JSON path of the item, and nothing is read if any item is invalid.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from models.dates import DateError, DateSpan, parse_edtf
from models.interchange import FormatError, load_json
from models.story import CategoryRecord, EraRecord, EventRecord, Story, key_part

_ISO_DATE = re.compile(r"-?\d{4,}(-\d{2}(-\d{2})?)?\Z")  # year, month or day: kept as given


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


def _key(prefix: str, value: object, index: int) -> str:
    """A stable key from the item's own id where it has one."""
    text = key_part(str(value), 150) if value is not None else ""
    return f"{prefix}:{text}" if text else f"{prefix}:{index + 1}"


def _edtf(value: object) -> str:
    """EDTF text for a vis date: ISO date, ISO date-time (to the minute, in UTC when it has a
    zone) or milliseconds since 1970."""
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, int | float):
        try:
            when = datetime.fromtimestamp(value / 1000, UTC)
        except (OverflowError, OSError, ValueError):  # inf, nan, beyond year 9999
            raise DateError(f"{value!r} is not a time vis-timeline can give") from None
        return when.strftime("%Y-%m-%dT%H:%M")
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"{value!r} is not a date")
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        return text
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise DateError(f"{text!r} is not an ISO date or date-time") from None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M")


def _span(item: dict[str, Any]) -> DateSpan:
    start = _edtf(item.get("start"))
    end = item.get("end")
    if end is None or end == "":
        return parse_edtf(start)
    return parse_edtf(f"{start}/{_edtf(end)}")


def parse_vis(text: str, *, source: str = "<text>") -> Story:
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

    categories: dict[str, CategoryRecord] = {}
    for index, group in enumerate(groups):
        if not isinstance(group, dict) or "id" not in group:
            problems.append(f"$.groups[{index}]: must be an object with an id")
            continue
        key = _key("group", group["id"], index)
        name = plain_text(str(group.get("content") or group["id"]))
        categories[str(group["id"])] = CategoryRecord(key=key, name=name or key)

    events: list[EventRecord] = []
    eras: list[EraRecord] = []
    for index, item in enumerate(items):
        path = f"{items_path}[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{path}: must be an object")
            continue
        if item.get("start") is None:
            problems.append(f"{path}.start: missing; every item needs a start date")
            continue
        try:
            when = _span(item)
        except DateError as error:
            problems.append(f"{path}: {error}")
            continue
        title = plain_text(str(item.get("content") or "")) or html.unescape(
            str(item.get("title") or "")) or f"Item {item.get('id', index + 1)}"
        if item.get("type") == "background":
            eras.append(EraRecord(key=_key("era", item.get("id"), index), name=title, when=when))
            continue
        group = item.get("group")
        category = categories.get(str(group)) if group is not None else None
        if group is not None and category is None:
            category = CategoryRecord(key=_key("group", group, len(categories)), name=str(group))
            categories[str(group)] = category
        tooltip = plain_text(str(item.get("title") or ""))
        events.append(EventRecord(key=_key("vis", item.get("id"), index), title=title,
                                  when=when, description="" if tooltip == title else tooltip,
                                  category=category.key if category else None))
    keys = [e.key for e in events]
    if len(set(keys)) != len(keys):
        raise FormatError(source, [*problems, f"{items_path}: two items share an id"])
    story = Story(categories=tuple(categories.values()), eras=tuple(eras), events=tuple(events))
    if problems:
        raise FormatError(source, problems, valid=story)
    return story


__all__ = ["parse_vis", "plain_text"]
