"""What narrows a store's events: a Filter of facet values (OR within a facet, AND across
facets), values excluded, a date span and free text. Plain data, no SQL and no Qt: the
window's facet panel and chips, the query language (models.query) and saved views build it;
models.store.filtering turns it into SQL; `event_passes` is the same rule in plain Python, for
the tests that hold the SQL to it.

Facets and their values:
- category, party, source, tag: record ids (category None: events without one);
- collection: the id of the import (history change) that added the event, None for events
  no import added (the store's own, or added by hand);
- role: a role's text; kind: a party kind's text. party, role and kind chosen together
  describe one role in the event ("Huawei as signatory"), not three separate facts;
- precision: "year", "month", "day" or "minute" (of the event's start);
- qualifier: "exact", "approximate", "uncertain", "ongoing" (an event can be several, but
  "exact" only when it is none of the others);
- starred: True or False;
- attribute: (name, value) pairs of an event's attributes.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from models.dates import OPEN_END, DateSpan, Precision, Qualifier, parse_stored


class Facet(enum.Enum):
    CATEGORY = "category"
    PARTY = "party"
    ROLE = "role"
    KIND = "kind"
    SOURCE = "source"
    COLLECTION = "collection"
    PRECISION = "precision"
    QUALIFIER = "qualifier"
    TAG = "tag"
    STARRED = "starred"
    ATTRIBUTE = "attribute"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Facet.CATEGORY: "Category", Facet.PARTY: "Party", Facet.ROLE: "Role",
           Facet.KIND: "Party kind", Facet.SOURCE: "Source", Facet.COLLECTION: "Imported file",
           Facet.PRECISION: "Date precision", Facet.QUALIFIER: "Date", Facet.TAG: "Tag",
           Facet.STARRED: "Starred", Facet.ATTRIBUTE: "Attribute"}

# Facets whose chosen values describe one role of the event together.
ROLE_FACETS = (Facet.PARTY, Facet.ROLE, Facet.KIND)
PRECISIONS = tuple(p.name.lower() for p in Precision)
QUALIFIERS = ("exact", "approximate", "uncertain", "ongoing")

Value = int | str | bool | tuple[str, str] | None
Selection = tuple[tuple[Facet, frozenset[Value]], ...]


def _set(selection: Selection, facet: Facet, values: frozenset[Value]) -> Selection:
    kept = tuple((f, v) for f, v in selection if f is not facet)
    return tuple(sorted((*kept, (facet, values)) if values else kept,
                        key=lambda item: list(Facet).index(item[0])))


@dataclass(frozen=True, slots=True)
class Filter:
    """Events that have, for every facet in `chosen`, one of its values; none of the values in
    `excluded`; that overlap `span` ([start, end] seconds) when given; and that match `text`."""

    chosen: Selection = ()
    excluded: Selection = ()
    span: tuple[int, int] | None = None
    text: str = ""

    # -- reading ------------------------------------------------------------------------
    def chosen_in(self, facet: Facet) -> frozenset[Value]:
        return next((v for f, v in self.chosen if f is facet), frozenset())

    def excluded_in(self, facet: Facet) -> frozenset[Value]:
        return next((v for f, v in self.excluded if f is facet), frozenset())

    @property
    def is_empty(self) -> bool:
        return not self.chosen and not self.excluded and self.span is None and not self.text

    @property
    def facets(self) -> tuple[Facet, ...]:
        """The facets this filter says something about, in Facet order."""
        used = {f for f, _ in self.chosen} | {f for f, _ in self.excluded}
        return tuple(f for f in Facet if f in used)

    # -- changing (each returns a new filter) ---------------------------------------------
    def choosing(self, facet: Facet, value: Value) -> Filter:
        """`value` added to the facet's choice (and no longer excluded)."""
        return replace(self, chosen=_set(self.chosen, facet, self.chosen_in(facet) | {value}),
                       excluded=_set(self.excluded, facet, self.excluded_in(facet) - {value}))

    def excluding(self, facet: Facet, value: Value) -> Filter:
        """`value` excluded (and no longer chosen)."""
        return replace(self, chosen=_set(self.chosen, facet, self.chosen_in(facet) - {value}),
                       excluded=_set(self.excluded, facet, self.excluded_in(facet) | {value}))

    def without(self, facet: Facet, value: Value) -> Filter:
        """`value` neither chosen nor excluded."""
        return replace(self, chosen=_set(self.chosen, facet, self.chosen_in(facet) - {value}),
                       excluded=_set(self.excluded, facet, self.excluded_in(facet) - {value}))

    def cleared(self, facet: Facet | None = None) -> Filter:
        """The facet's choices and exclusions gone; everything gone when no facet is given."""
        if facet is None:
            return Filter()
        return replace(self, chosen=_set(self.chosen, facet, frozenset()),
                       excluded=_set(self.excluded, facet, frozenset()))

    def only(self, facet: Facet, values: Iterable[Value]) -> Filter:
        """The facet's choice replaced by `values`."""
        return replace(self, chosen=_set(self.chosen, facet, frozenset(values)))

    def within(self, span: tuple[int, int] | None) -> Filter:
        return replace(self, span=span)

    def matching(self, text: str) -> Filter:
        return replace(self, text=text.strip())

    def combined(self, other: Filter) -> Filter:
        """Both filters at once: choices of a facet both name are intersected (AND)."""
        out = self
        for facet, values in other.chosen:
            mine = self.chosen_in(facet)
            out = out.only(facet, (mine & values) if mine else values)
            if mine and not (mine & values):
                out = replace(out, chosen=_set(out.chosen, facet, frozenset({_NOTHING})))
        for facet, values in other.excluded:
            out = replace(out, excluded=_set(out.excluded, facet,
                                             out.excluded_in(facet) | values))
        span = self.span
        if other.span is not None:
            span = other.span if span is None else (max(span[0], other.span[0]),
                                                    min(span[1], other.span[1]))
        # (a filter combined with itself, as a saved view narrowed by its own filter, is itself)
        text = " ".join(dict.fromkeys(t for t in (self.text, other.text) if t))
        return replace(out, span=span, text=text)

    # -- saving (saved views, settings) -----------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        def side(selection: Selection) -> dict[str, list[Any]]:
            return {f.value: sorted((_json_value(v) for v in values), key=repr)
                    for f, values in selection}
        out: dict[str, Any] = {"chosen": side(self.chosen), "excluded": side(self.excluded)}
        if self.span is not None:
            out["span"] = list(self.span)
        if self.text:
            out["text"] = self.text
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Filter:
        """The filter `to_json` gave; what cannot be read (an unknown facet, a damaged
        value) is left out rather than refused: a saved view outlives the code that saved it."""
        out = cls()

        def side(key: str) -> Iterable[tuple[Facet, Value]]:
            raw = data.get(key)
            if not isinstance(raw, dict):
                return
            for name, values in raw.items():
                try:
                    facet = Facet(name)
                except ValueError:
                    continue
                for value in values if isinstance(values, list) else ():
                    parsed = _value_from_json(facet, value)
                    if parsed is not _BAD:
                        yield facet, parsed  # type: ignore[misc]
        for facet, value in side("chosen"):
            out = out.choosing(facet, value)
        for facet, value in side("excluded"):
            out = out.excluding(facet, value)
        span = data.get("span")
        if (isinstance(span, list) and len(span) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
            out = out.within((min(span), max(span)))
        text = data.get("text")
        if isinstance(text, str):
            out = out.matching(text)
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def loads(cls, text: str) -> Filter:
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        return cls.from_json(data) if isinstance(data, dict) else cls()


_NOTHING = "\x00nothing"  # a choice no event has: what two disjoint choices of a facet leave
_BAD = object()


def _json_value(value: Value) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _value_from_json(facet: Facet, value: Any) -> Value | object:
    if facet is Facet.ATTRIBUTE:
        if (isinstance(value, list) and len(value) == 2
                and all(isinstance(x, str) for x in value)):
            return (value[0], value[1])
        return _BAD
    if facet is Facet.STARRED:
        return value if isinstance(value, bool) else _BAD
    if facet in (Facet.CATEGORY, Facet.COLLECTION):
        return value if value is None or _is_id(value) else _BAD
    if facet in (Facet.PARTY, Facet.SOURCE, Facet.TAG):
        return value if _is_id(value) else _BAD
    if facet is Facet.PRECISION:
        return value if value in PRECISIONS else _BAD
    if facet is Facet.QUALIFIER:
        return value if value in QUALIFIERS else _BAD
    return value if isinstance(value, str) else _BAD


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- the rule in plain Python (the tests hold the store's SQL to it) ---------------------------

def precision_of(edtf: str) -> str:
    """The precision of an event's start, as the precision facet names it."""
    return Precision(parse_stored(edtf).start.precision).name.lower()


def qualifiers_of(edtf: str) -> frozenset[str]:
    """The qualifier facet's values of an event's date."""
    when: DateSpan = parse_stored(edtf)
    ends = [when.start] + ([when.end] if when.end is not None else [])
    found = set()
    if any(d.qualifier is Qualifier.APPROXIMATE for d in ends):
        found.add("approximate")
    if any(d.qualifier is Qualifier.UNCERTAIN for d in ends):
        found.add("uncertain")
    if when.open_end:
        found.add("ongoing")
    return frozenset(found or {"exact"})


@dataclass(frozen=True, slots=True)
class EventFacts:
    """Everything the filter looks at of one event, for `event_passes`."""

    id: int
    earliest: int
    latest: int
    edtf: str
    category_id: int | None
    collection_id: int | None
    roles: tuple[tuple[int, str, str], ...]  # (party id, role, party kind)
    source_ids: frozenset[int]
    tag_ids: frozenset[int]
    starred: bool
    attributes: frozenset[tuple[str, str]]


def _values(facet: Facet, event: EventFacts) -> frozenset[Value]:
    if facet is Facet.CATEGORY:
        return frozenset({event.category_id})
    if facet is Facet.COLLECTION:
        return frozenset({event.collection_id})
    if facet is Facet.PARTY:
        return frozenset(p for p, _, _ in event.roles)
    if facet is Facet.ROLE:
        return frozenset(r for _, r, _ in event.roles)
    if facet is Facet.KIND:
        return frozenset(k for _, _, k in event.roles)
    if facet is Facet.SOURCE:
        return frozenset(event.source_ids)
    if facet is Facet.TAG:
        return frozenset(event.tag_ids)
    if facet is Facet.STARRED:
        return frozenset({event.starred})
    if facet is Facet.PRECISION:
        return frozenset({precision_of(event.edtf)})
    if facet is Facet.QUALIFIER:
        return frozenset(qualifiers_of(event.edtf))
    return frozenset(event.attributes)


def event_passes(flt: Filter, event: EventFacts, *,
                 text_matches: bool = True) -> bool:
    """Whether `event` passes `flt` (free text is judged by the caller: `text_matches`)."""
    if flt.span is not None:
        start, end = flt.span
        if not (event.earliest <= end and min(event.latest, OPEN_END) >= start):
            return False
    if flt.text and not text_matches:
        return False
    role_facets = [f for f in ROLE_FACETS if flt.chosen_in(f)]
    if role_facets and not any(
            all(value in flt.chosen_in(f) for f, value in zip(ROLE_FACETS, role, strict=True)
                if f in role_facets)
            for role in event.roles):
        return False
    for facet, values in flt.chosen:
        if facet not in ROLE_FACETS and not (values & _values(facet, event)):
            return False
    return all(not (values & _values(facet, event)) for facet, values in flt.excluded)
