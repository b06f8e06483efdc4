"""The query language against a store: a parsed query turned into a Filter of this store's ids
(names resolved, with notes), the search box's results, and where text was found.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from models.dates import DateError, parse_stored
from models.domain import (
    Event,
    EventHit,
    PartyHit,
    SearchResults,
)
from models.errors import StoreError
from models.filters import Facet, Filter, Value
from models.query import Query, Term, format_term, parse_query
from models.store.connection import unreadable
from models.store.filtering.pages import PageReads
from models.store.filtering.predicate import _Sql
from models.store.safety import read_leniently

# A name in the query language that matches no record exactly stands for this many at most.
_QUERY_MATCHES = 20
# What a facet is chosen as when a query's name matched nothing: a value no event has.
_NO_VALUE: dict[Facet, Value] = dict.fromkeys(Facet, -1) | {
    Facet.ROLE: "\x00", Facet.KIND: "\x00", Facet.PRECISION: "\x00",
    Facet.QUALIFIER: "\x00", Facet.ATTRIBUTE: ("\x00", "\x00")}


class QueryReads(PageReads):
    """The query language and the search box through a filter."""

    def filter_of(self, query: Query) -> tuple[Filter, tuple[str, ...]]:
        """The Filter a parsed query asks for (names turned into this store's ids), and notes
        for the person: the query's own, and what a name matched (or that it matched
        nothing, in which case the filter passes no event)."""
        flt = Filter(span=query.span).matching(" ".join(query.words))
        notes = list(query.notes)
        for term in query.terms:
            if term.field == "note":  # notes are searched with the rest of the free text
                flt = flt.matching(" ".join(w for w in (flt.text, term.value) if w))
                continue
            if term.field == "date":
                continue  # (in query.span)
            found = self._term_values(term)
            if found is None:
                continue
            facet, values, note = found
            if note:
                notes.append(note)
            if term.negated:
                for value in values:
                    flt = flt.excluding(facet, value)
            elif not values:
                flt = flt.only(facet, [_NO_VALUE[facet]])
            else:
                narrowed = flt.chosen_in(facet)
                flt = flt.only(facet, (narrowed & set(values) or {_NO_VALUE[facet]})
                               if narrowed else values)
        return flt, tuple(notes)

    def query_results(self, text: str, scope: Filter | None = None, *,
                      limit: int = 20) -> SearchResults:
        """What the search box shows for `text` in the query language, within `scope` (the
        window's filter): plain words as the ranked search finds them, plus events whose
        sources, quotes or notes hold them (saying where); a query with fields, the latest
        events that pass it. Its notes say what was made of pieces that did not read."""
        from models.store.search import search  # (search imports our reads)

        def ranked(conn: sqlite3.Connection, words: str, *, limit: int) -> SearchResults:
            try:
                return search(conn, words, limit=limit)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged index
                raise StoreError(unreadable(self.path, error)) from None

        query = parse_query(text)
        flt, said = self.filter_of(query)
        notes = list(said)
        scope = scope or Filter()
        if not query.terms and query.span is None:
            found = ranked(self._conn, flt.text, limit=limit) if flt.text else None
            hits = list(found.events) if found is not None else []
            if not scope.is_empty:
                keep = set(self.passing_among(scope, [h.event.id for h in hits]))
                hits = [h for h in hits if h.event.id in keep]
            if len(hits) < limit and flt.text:
                seen = {h.event.id for h in hits}
                more = self.passing_page(scope.combined(flt), sort="date", descending=True,
                                         limit=limit + len(seen))
                more = [i for i in more if i not in seen][:limit - len(hits)]
                where = self.matched_where(flt.text, more)
                hits += [EventHit(e, None, where.get(e.id)) for e in self._events_in_order(more)]
            parties = found.parties if found is not None else ()
            return SearchResults(text, parties, tuple(hits), tuple(notes))
        ids = self.passing_page(scope.combined(flt), sort="date", descending=True, limit=limit)
        where = self.matched_where(flt.text, ids) if flt.text else {}
        events = tuple(EventHit(e, None, where.get(e.id)) for e in self._events_in_order(ids))
        named = [v for v in flt.chosen_in(Facet.PARTY) if isinstance(v, int)]
        parties = tuple(PartyHit(p, None) for p in (self.party(i) for i in named[:limit])
                        if p is not None)
        if not events:
            notes.append("No events match this query" + (" within the filter"
                                                          if not scope.is_empty else ""))
        return SearchResults(text, parties, events, tuple(notes))

    def _events_in_order(self, ids: Sequence[int]) -> list[Event]:
        found = {e.id: e for e in (self.event(i) for i in ids) if e is not None}
        return [found[i] for i in ids if i in found]

    def passing_among(self, flt: Filter, ids: Sequence[int]) -> list[int]:
        """Those of `ids` whose events pass `flt`."""
        sql = _Sql()
        where = self._predicate(flt, sql)
        return [i for (i,) in self._rows(
            f"SELECT e.id FROM events e WHERE e.id IN {sql.json(ids)} AND {where}", sql.params)]

    def matched_where(self, text: str, ids: Sequence[int]) -> dict[int, str]:
        """For events among `ids` whose own title and description do not hold `text`, where
        it was found: in a party's name, a quote from a source, a source, or a note."""
        from models.store.search import fts_query

        match = fts_query(text)
        if match is None or not ids:
            return {}
        wanted = json.dumps(list(ids))
        out: dict[int, str] = {}
        own = {i for (i,) in self._rows(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid IN "
            "(SELECT value FROM json_each(?))", [match, wanted])}
        if self._has("notes_fts"):
            for (i,) in self._rows(
                    "SELECT record_id FROM notes WHERE record = 'events' AND record_id IN "
                    "(SELECT value FROM json_each(?)) AND id IN (SELECT rowid FROM notes_fts "
                    "WHERE notes_fts MATCH ?)", [wanted, match]):
                out.setdefault(i, "in its note")
        if self._has("citations_fts"):
            for i, publisher, title, published in self._rows(
                    "SELECT c.event_id, s.publisher, s.title, s.published FROM citations c "
                    "JOIN sources s ON s.id = c.source_id WHERE c.event_id IN "
                    "(SELECT value FROM json_each(?)) AND (c.id IN (SELECT rowid FROM "
                    "citations_fts WHERE citations_fts MATCH ?) OR s.id IN (SELECT rowid FROM "
                    "sources_fts WHERE sources_fts MATCH ?))", [wanted, match, match]):
                source = publisher or title
                when = _shown_date(published)
                out.setdefault(i, f"in a quote from {source}{', ' + when if when else ''}")
        for i, name in self._rows(
                "SELECT p.event_id, pa.name FROM participations p JOIN parties pa "
                "ON pa.id = p.party_id WHERE p.event_id IN (SELECT value FROM json_each(?)) AND "
                "(pa.id IN (SELECT rowid FROM parties_fts WHERE parties_fts MATCH ?) OR pa.id IN "
                "(SELECT party_id FROM aliases WHERE id IN (SELECT rowid FROM aliases_fts "
                "WHERE aliases_fts MATCH ?)))", [wanted, match, match]):
            out.setdefault(i, f"via {name}")
        return {i: w for i, w in out.items() if i not in own}

    def _term_values(self, term: Term) -> tuple[Facet, list[Value], str] | None:
        """The facet and values one term names, with a note when a name matched several
        records or none."""
        shown = format_term(term)
        if term.field == "is":
            if term.value in ("starred", "unstarred"):
                return Facet.STARRED, [term.value == "starred"], ""
            return Facet.QUALIFIER, [term.value], ""
        if term.field == "precision":
            return Facet.PRECISION, [term.value], ""
        if term.field == "attr":
            name, _, value = term.value.partition("=")
            return Facet.ATTRIBUTE, [(name.strip(), value.strip())], ""
        facet = {"party": Facet.PARTY, "role": Facet.ROLE, "kind": Facet.KIND,
                 "category": Facet.CATEGORY, "source": Facet.SOURCE, "tag": Facet.TAG,
                 "collection": Facet.COLLECTION}.get(term.field)
        if facet is None:
            return None
        if facet is Facet.PARTY:  # (a party's exact name wins: no ranked search needed)
            named: list[Value] = [v for v, _ in self._exact_parties(term.value)]
            if named:
                return facet, named, ""
        found = self.resolve(facet, term.value, limit=_QUERY_MATCHES + 1)
        key = " ".join(term.value.split()).casefold()
        exact = [v for v, label in found if " ".join(label.split()).casefold() == key]
        if facet is Facet.PARTY:
            exact = [v for v, _ in self._exact_parties(term.value)]
        if exact:
            return facet, exact, ""
        if not found:
            return facet, [], f"{shown}: no {facet.label.lower()} is called that"
        values = [v for v, _ in found[:_QUERY_MATCHES]]
        names = ", ".join(f"“{label}”" for _, label in found[:3]) + ("…" if len(found) > 3 else "")
        if len(values) == 1:
            return facet, values, f"{shown} taken as {names}"
        more = " or more" if len(found) > _QUERY_MATCHES else ""
        return facet, values, f"{shown} matched {len(values)}{more}: {names}"

    def _exact_parties(self, text: str) -> list[tuple[int, str]]:
        """Parties whose name or an alias is `text` (case and spacing aside)."""
        name = " ".join(text.split())
        return [(int(i), str(n)) for i, n in self._rows(
            "SELECT id, name FROM parties WHERE name = :n COLLATE NOCASE UNION "
            "SELECT p.id, p.name FROM aliases a JOIN parties p ON p.id = a.party_id "
            "WHERE a.name = :n COLLATE NOCASE", {"n": name})]

    def resolve(self, facet: Facet, text: str, *, limit: int = 20) -> list[tuple[Value, str]]:
        """Values of `facet` a person may mean by `text` (a name, part of one), best first:
        for the query language and the facet panel's filter box."""
        key = " ".join(text.split()).casefold()
        if not key:
            return []
        if facet is Facet.PARTY:
            from models.store.search import ranked_results  # (search imports our reads)

            try:
                found = read_leniently(self._conn, lambda: ranked_results(
                    self._conn, text, limit=limit, typos=False))
            except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged index
                raise StoreError(unreadable(self.path, error)) from None
            out: list[tuple[Value, str]] = list(self._exact_parties(text))
            out += [(h.party.id, h.party.name) for h in found.parties
                    if h.party.id not in {i for i, _ in out}]
            return out[:limit]
        if facet in (Facet.ROLE, Facet.KIND):
            column, table = ("role", "participations") if facet is Facet.ROLE else ("kind",
                                                                                    "parties")
            if facet is Facet.ROLE and self._has("idx_participations_role"):
                # One index seek a role (DISTINCT read 2M rows at 1M events: 150 ms).
                values = [v for (v,) in self._rows(
                    "WITH RECURSIVE r(role) AS (SELECT min(role) FROM participations "
                    "UNION ALL SELECT (SELECT min(role) FROM participations WHERE role > r.role) "
                    "FROM r WHERE r.role IS NOT NULL) SELECT role FROM r WHERE role IS NOT NULL")]
            else:
                values = [v for (v,) in self._rows(f"SELECT DISTINCT {column} FROM {table}")]
            return [(value, label) for value, label in _best(values, key, limit)]
        options: list[tuple[Value, str]]
        if facet is Facet.CATEGORY:
            options = [(c.id, c.name) for c in self.categories()]
        elif facet is Facet.SOURCE:
            labels = self.value_labels(Facet.SOURCE, [i for (i,) in self._rows(
                "SELECT id FROM sources WHERE title LIKE ? OR publisher LIKE ? LIMIT 500",
                [f"%{text.strip()}%"] * 2)])
            options = list(labels.items())
        elif facet is Facet.TAG:
            options = (list(self._rows("SELECT id, name FROM tags ORDER BY name"))
                       if self._has("tags") else [])
        elif facet is Facet.COLLECTION:
            options = [(c.id, c.name) for c in self.collections()]
        else:
            return []
        ranked = _best([label for _, label in options], key, limit)
        by_label: dict[str, list[Value]] = {}
        for value, label in options:
            by_label.setdefault(label, []).append(value)
        return [(v, label) for label, _ in ranked for v in by_label[label]][:limit]




def _best(labels: Sequence[str], key: str, limit: int) -> list[tuple[str, str]]:
    """Labels equal to `key` first, then starting with it, then containing it (case folded)."""
    def rank(label: str) -> int:
        folded = " ".join(label.split()).casefold()
        return 0 if folded == key else 1 if folded.startswith(key) else 2
    found = sorted((label for label in labels if key in " ".join(label.split()).casefold()),
                   key=lambda label: (rank(label), label.casefold()))
    return [(label, label) for label in found[:limit]]


def _shown_date(published: str | None) -> str:
    if not published:
        return ""
    try:
        return parse_stored(published).display()
    except DateError:
        return published
