"""The results table's pages: ids of the events that pass a Filter, sorted in SQL by any
column; the first pages of a sort key with few values found value by value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal

import models.store.filtering.predicate as predicate
from models.filters import Facet, Filter
from models.store.filtering.predicate import _Sql
from models.store.filtering.windows import FilteredWindows
from models.story import StoryStream

SortKey = Literal["date", "title", "category", "parties", "sources", "tags", "starred"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "category", "parties", "sources", "tags",
                                  "starred")
# A results page sorted by a key of few values is found value by value (see _walked_page) when
# it ends within the first _WALK_MAX events and _WALK_GROUPS values.
_WALK_MAX = 2_000
_WALK_GROUPS = 200


class PageReads(FilteredWindows):
    """Sorted pages of the events that pass, and narrowed exports."""

    # -- the results table ---------------------------------------------------------------------
    def passing_page(self, flt: Filter, *, sort: SortKey = "date", descending: bool = False,
                     offset: int = 0, limit: int = 200) -> list[int]:
        """Ids of events that pass `flt`, sorted by `sort` (then by date and id), from
        `offset`, at most `limit`."""
        sql = _Sql()
        size, ids, rest = self._driver(flt, sql)
        many = ids is None or size > predicate._ROW_BY_ROW
        if sort != "date" and many and offset + limit <= _WALK_MAX:
            page = self._walked_page(flt, sort, descending, offset + limit)
            if page is not None:
                return page[offset:offset + limit]
        if sort == "date" and (ids is None or size > predicate._ROW_BY_ROW):
            # In date order along the window index, every entry checked, to the limit.
            where = self._walk_check(flt, sql)
        elif ids is not None:
            where = f"e.id IN ({ids}) AND {self._predicate(rest, sql, per_row=True)}"
        else:
            where = self._predicate(flt, sql)
        way = "DESC" if descending else "ASC"
        key = {
            "date": f"e.earliest {way}, e.id {way}",
            "title": f"e.title COLLATE NOCASE {way}, e.earliest, e.id",
            "category": ("(SELECT name FROM categories c WHERE c.id = e.category_id) "
                         f"COLLATE NOCASE {way}, e.earliest, e.id"),
            "parties": ("(SELECT min(pa.name) FROM participations p JOIN parties pa "
                        f"ON pa.id = p.party_id WHERE p.event_id = e.id) COLLATE NOCASE {way}, "
                        "e.earliest, e.id"),
            "sources": ("(SELECT count(*) FROM citations c WHERE c.event_id = e.id) "
                        f"{way}, e.earliest, e.id"),
            "tags": ((f"(SELECT min(t.name) FROM event_tags et JOIN tags t ON t.id = et.tag_id "
                      f"WHERE et.event_id = e.id) COLLATE NOCASE {way}, e.earliest, e.id")
                     if self._has("event_tags") else "e.earliest, e.id"),
            "starred": ((f"e.id IN (SELECT event_id FROM stars) {'ASC' if descending else 'DESC'}"
                         ", e.earliest, e.id") if self._has("stars") else "e.earliest, e.id"),
        }[sort]
        return [i for (i,) in self._rows(
            f"SELECT e.id FROM events e WHERE {where} ORDER BY {key} "
            f"LIMIT {int(limit)} OFFSET {int(offset)}", sql.params)]

    def _walked_page(self, flt: Filter, sort: SortKey, descending: bool,
                     need: int) -> list[int] | None:
        """The first `need` ids of `passing_page`'s order, for the sorts whose key has few
        values or a big first one: the events of each key value (a group) in date order,
        group after group, until `need` are found; None when this sort has no groups or
        the walk goes past _WALK_GROUPS of them (`passing_page` then sorts everything)."""
        groups = self._sort_groups(flt, sort, descending)
        if groups is None:
            return None
        out: list[int] = []
        for n, group in enumerate(groups):
            if len(out) >= need:
                return out
            if n >= _WALK_GROUPS:
                return None
            sql = _Sql()
            where = self._walk_check(flt, sql)
            out += [i for (i,) in self._rows(
                f"SELECT e.id FROM events e WHERE ({group(sql)}) AND {where} "
                f"ORDER BY e.earliest, e.id LIMIT {int(need - len(out))}", sql.params)]
        return out

    def _sort_groups(self, flt: Filter, sort: SortKey, descending: bool
                     ) -> Iterator[Callable[[_Sql], str]] | None:
        """SQL true for the events of each value of a sort key, in the key's order (NULL
        first ascending, last descending, as SQLite sorts it). A big group is walked along
        the window index (its condition reads no index); a small one is driven by the ids
        of its value (`e.id IN`). Party and tag keys are an event's smallest name (BINARY),
        compared without case (NOCASE folds ASCII letters only): one group a NOCASE name.
        Groups the filter rules out are left out (no party, tag or source when one is
        chosen; categories not chosen)."""
        def ordered(first: list[Callable[[_Sql], str]],
                    rest: Iterator[Callable[[_Sql], str]]) -> Iterator[Callable[[_Sql], str]]:
            if not descending:
                yield from first
            yield from rest
            if descending:
                yield from first

        if sort == "category":
            null = "+e.category_id IS NULL OR +e.category_id NOT IN (SELECT id FROM categories)"
            classes = _nocase_classes(self._rows(
                f"SELECT id, name FROM categories ORDER BY name COLLATE NOCASE "
                f"{'DESC' if descending else 'ASC'}"))
            chosen = flt.chosen_in(Facet.CATEGORY)
            if chosen:
                classes = [(ids, names) for ids, names in classes if chosen & set(ids)]
            return ordered([_fixed(null)] if not chosen or None in chosen else [], (
                _group("+e.category_id IN {}", ids) for ids, _ in classes))
        if sort == "parties":
            # (foreign keys on: an event has no party name exactly when it has no lanes)
            return ordered([] if flt.chosen_in(Facet.PARTY) else [_fixed("e.lanes IS NULL")], (
                _group("e.id IN (SELECT event_id FROM participations WHERE party_id IN {}) "
                       "AND (SELECT min(pa.name) FROM participations p JOIN parties pa "
                       "ON pa.id = p.party_id WHERE p.event_id = e.id) IN {}", ids, names)
                for ids, names in self._party_classes(descending)))
        if sort == "tags" and self._has("event_tags"):
            classes = _nocase_classes(self._rows(
                f"SELECT id, name FROM tags ORDER BY name COLLATE NOCASE "
                f"{'DESC' if descending else 'ASC'}"))
            return ordered(
                [] if flt.chosen_in(Facet.TAG) else
                [_fixed("NOT EXISTS (SELECT 1 FROM event_tags x WHERE x.event_id = e.id)")],
                (_group("e.id IN (SELECT event_id FROM event_tags WHERE tag_id IN {}) AND "
                        "(SELECT min(t.name) FROM event_tags x JOIN tags t ON t.id = x.tag_id "
                        "WHERE x.event_id = e.id) IN {}", ids, names)
                 for ids, names in classes))
        if sort == "sources":
            def counted() -> Iterator[Callable[[_Sql], str]]:
                for (k,) in self._rows(
                        "SELECT DISTINCT n FROM (SELECT count(*) AS n FROM citations "
                        f"GROUP BY event_id) ORDER BY n {'DESC' if descending else 'ASC'}"):
                    yield _fixed("e.id IN (SELECT event_id FROM citations GROUP BY "
                                 f"event_id HAVING count(*) = {int(k)})")
            return ordered(
                [] if flt.chosen_in(Facet.SOURCE) else
                [_fixed("NOT EXISTS (SELECT 1 FROM citations x WHERE x.event_id = e.id)")],
                counted())
        if sort == "starred" and self._has("stars"):
            starred = [_fixed("e.id IN (SELECT event_id FROM stars)"),
                       _fixed("e.id NOT IN (SELECT event_id FROM stars)")]
            chosen = flt.chosen_in(Facet.STARRED)
            starred = [g for g, wanted in zip(starred, (True, False), strict=True)
                       if not chosen or wanted in chosen]
            return iter(starred[::-1] if descending else starred)
        return None

    def _party_classes(self, descending: bool) -> Iterator[tuple[list[int], list[str]]]:
        """The parties by name without case, as (ids, names) of each NOCASE name."""
        way = "DESC" if descending else "ASC"
        chunk, seen = 256, 0
        while True:
            rows = self._rows(f"SELECT id, name FROM parties ORDER BY name COLLATE NOCASE "
                              f"{way}, id LIMIT {chunk} OFFSET {seen}")
            if not rows:
                return
            classes = _nocase_classes(rows)
            if len(rows) == chunk and len(classes) == 1:
                chunk *= 4  # (one name so far: it may go on in the next chunk)
                continue
            if len(rows) == chunk:
                classes = classes[:-1]  # (the last name may go on in the next chunk)
            yield from classes
            seen += sum(len(ids) for ids, _ in classes)
            chunk *= 4

    def narrowed_stream(self, flt: Filter, title: str = "") -> StoryStream:
        """The story of the events that pass `flt` (and the parties and sources they name),
        streamed as Reports.story_stream streams the whole store."""
        sql = _Sql()
        where = self._predicate(flt, sql)
        stream: StoryStream = self.story_stream(  # type: ignore[attr-defined]
            title, where=(where, sql.params))
        return stream


def _fixed(text: str) -> Callable[[_Sql], str]:
    """A sort group's condition that takes no parameters."""
    return lambda sql: text


def _group(text: str, *lists: Sequence[Any]) -> Callable[[_Sql], str]:
    """A sort group's condition: `text` with each {} a list of values (as parameters)."""
    return lambda sql: text.format(*(sql.json(values) for values in lists))


def _nocase_classes(rows: Iterable[tuple[int, str]]) -> list[tuple[list[int], list[str]]]:
    """(id, name) rows in NOCASE order grouped by name without case, as SQLite's NOCASE
    compares (ASCII letters folded only): (ids, distinct names) of each."""
    out: list[tuple[list[int], list[str]]] = []
    last: str | None = None
    for id_, name in rows:
        folded = name.translate(_ASCII_LOWER)
        if out and folded == last:
            out[-1][0].append(id_)
            if name not in out[-1][1]:
                out[-1][1].append(name)
        else:
            out.append(([id_], [name]))
            last = folded
    return out


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
