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
    _field_edit,
    _new_key,
    _plain,
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
        return _field_edit(
            conn, "sources", "source", self.source_id,
            {"title": self.title, "publisher": self.publisher, "url": self.url,
             "published": self.published, "text": self.text},
            {"title": _plain("title", required=True), "publisher": _plain("publisher"),
             "url": _plain("url"), "text": _plain("text"),
             "published": lambda value: {"published": _published(value)}}, "title")
