"""Commands on sources: add and edit."""

from __future__ import annotations

import sqlite3

from models.dates import DateError, parse_edtf
from models.edits import AddSource, CommandError, EditSource
from models.store.commands.base import (
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


def plan_add_source(command: AddSource, conn: sqlite3.Connection) -> Change:
    title = _text("title", command.title, required=True)
    id_ = next_id(conn, "sources")
    return Change(f"addition of source {_quoted(title)}", "add", (_added("sources", id_, {
        "id": id_, "key": _new_key("source"), "title": title,
        "publisher": _text("publisher", command.publisher), "url": _text("url", command.url),
        "published": _published(command.published), "text": _text("text", command.text)}),),
        record=("sources", id_))


def plan_edit_source(command: EditSource, conn: sqlite3.Connection) -> Change:
    return _field_edit(
        conn, "sources", "source", command.source_id,
        {"title": command.title, "publisher": command.publisher, "url": command.url,
         "published": command.published, "text": command.text},
        {"title": _plain("title", required=True), "publisher": _plain("publisher"),
         "url": _plain("url"), "text": _plain("text"),
         "published": lambda value: {"published": _published(value)}}, "title")
