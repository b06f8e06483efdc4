"""Commands on sources: add and edit."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from models.dates import DateError, parse_edtf
from models.store.commands.base import (
    KEEP,
    CommandError,
    _added,
    _edits,
    _new_key,
    _one,
    _quoted,
    _text,
)
from models.store.history import Change, next_id


def _published(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    try:
        return parse_edtf(text.strip()).edtf()
    except DateError as error:
        raise CommandError(f"published: {error}") from None


@dataclass(frozen=True, slots=True)
class AddSource:
    title: str
    publisher: str = ""
    url: str = ""
    published: str | None = None
    text: str = ""

    def plan(self, conn: sqlite3.Connection) -> Change:
        title = _text("title", self.title, required=True)
        id_ = next_id(conn, "sources")
        return Change(f"addition of source {_quoted(title)}", "add", (_added("sources", id_, {
            "id": id_, "key": _new_key("source"), "title": title,
            "publisher": _text("publisher", self.publisher), "url": _text("url", self.url),
            "published": _published(self.published), "text": _text("text", self.text)}),),
            record=("sources", id_))


@dataclass(frozen=True, slots=True)
class EditSource:
    source_id: int
    title: Any = KEEP
    publisher: Any = KEEP
    url: Any = KEEP
    published: Any = KEEP
    text: Any = KEEP

    def plan(self, conn: sqlite3.Connection) -> Change:
        old = _one(conn, "sources", "source", self.source_id)
        values: dict[str, Any] = {}
        if self.title is not KEEP:
            values["title"] = _text("title", self.title, required=True)
        for name in ("publisher", "url", "text"):
            if getattr(self, name) is not KEEP:
                values[name] = _text(name, getattr(self, name))
        if self.published is not KEEP:
            values["published"] = _published(self.published)
        return Change(f"edit of source {_quoted(old['title'])}", "edit",
                      _edits(conn, "sources", self.source_id, values),
                      record=("sources", self.source_id))
