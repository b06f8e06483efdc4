"""Machine-coded political event data read into a Story: ICEWS (tab-separated, with a header)
and GDELT 1.0 / 2.0 event exports (tab-separated, no header).

Both code "who did what to whom" in CAMEO: one row is one event on one day, with a source actor
and a target actor, which become parties in the roles "source" and "target" (GDELT's Actor1 and
Actor2 are CAMEO's source and target too). Parties are one per name within a file; their
attributes and kind come from the first row that names them. CAMEO codes stay text ("040", not
40). Facts with no field of our own (intensity, place, coordinates, ids) are event attributes.

Party kinds, from what the files say (neither tells a person from an organisation by name):
- ICEWS: an actor named after its own country ("Japan") is a place; a generic actor "Role
  (Country)" is a government when a sector is one of _GOVERNMENT_SECTORS (or a ministry), else a
  group ("Citizen (India)"); every other named actor ("Donald Trump", "Hamas") is "other".
- GDELT: an actor coded as a bare country ("AUS") is a place; one with a known-group code, or of
  type IGO / NGO / MNC, an organisation; of type GOV, MIL, COP, JUD, LEG or SPY a government;
  of any other type a group; with no type "other".

Invalid rows are reported as "line N: reason" (lines counted as an editor shows them), and the
error carries the story of the valid rows for --skip-invalid. A row with a NUL (or a lone
surrogate) in any field is invalid, as in every reader (models.interchange.text_problem).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from models.dates import DateError, DateSpan, parse_edtf
from models.interchange import FormatError, first_not_text, story_or_refusal, text_problem
from models.story import (
    Attributes,
    CitationRecord,
    EventRecord,
    PartyRecord,
    RoleRecord,
    SourceRecord,
    Story,
    key_part,
    unique_key,
)

# The 20 CAMEO root codes (CAMEO manual 1.1b3), in sentence case like ICEWS's event text.
CAMEO_ROOTS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield",
    "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce",
    "18": "Assault", "19": "Fight", "20": "Use unconventional mass violence",
}

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # ASCII digits only
_GDELT_DAY = re.compile(r"[0-9]{8}\Z")
_GDELT_ID = re.compile(r"[0-9]+\Z")

T = TypeVar("T")


@dataclass(slots=True)
class _Keyed(Generic[T]):
    """Records made once per identity (a party's name, a story id, a URL), each under a key of
    its own: the first of "<base>", "<base>-2", … not yet taken. The same file gives the same
    keys, since rows are read in order."""

    keys: dict[str, str] = field(default_factory=dict)
    records: list[T] = field(default_factory=list)
    _taken: set[str] = field(default_factory=set)

    def new_key(self, identity: str, base: str) -> str:
        key = self.keys[identity] = unique_key(base, self._taken)
        return key


def _key(prefix: str, text: str) -> str:
    """A key for a record named by `text` (made unique by _Keyed.new_key)."""
    return f"{prefix}:{key_part(text, 120) or 'unnamed'}"


def _title(source: str, action: str, target: str) -> str:
    """The title "Source: action → Target", leaving out whichever actor is missing."""
    head = f"{source}: {action}" if source else action
    return f"{head} → {target}" if target else head


def _action(cameo: str) -> str:
    """What a CAMEO code says, as briefly as it can: the name of its root code."""
    return CAMEO_ROOTS.get(cameo[:2]) or (f"CAMEO {cameo}" if cameo else "Event")


def _day(iso: str, cache: dict[str, DateSpan]) -> DateSpan:
    """The day "YYYY-MM-DD" as a DateSpan, parsed once per distinct day (a yearly file has
    a million rows and 365 days)."""
    when = cache.get(iso)
    if when is None:
        if not _DAY.match(iso):
            raise DateError(f"{iso!r} is not a date of the form YYYY-MM-DD")
        when = cache[iso] = parse_edtf(iso)
    return when


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line that is not blank, its end ("\n", "\r\n") cut off:
    one at a time, rather than a list that would be a second copy of a 250 MB file."""
    start, number, end = 0, 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        line = text[start:stop]
        start, number = stop + 1, number + 1
        if line.strip():
            yield number, line.rstrip("\r")


def _present(*pairs: tuple[str, str],
             shared: dict[tuple[str, str], tuple[str, str]] | None = None) -> Attributes:
    """The pairs that have a value. With `shared`, equal pairs are one object: a million events
    repeat a few thousand codes, places and coordinates."""
    if shared is None:
        return tuple([pair for pair in pairs if pair[1]])
    return tuple([shared.setdefault(pair, pair) for pair in pairs if pair[1]])


# --- ICEWS ---------------------------------------------------------------------------------------

ICEWS_REQUIRED = ("Event ID", "Event Date", "Source Name", "Event Text", "Target Name")
ICEWS_OPTIONAL = ("Source Sectors", "Source Country", "CAMEO Code", "Intensity",
                  "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
                  "City", "District", "Province", "Country", "Latitude", "Longitude")
_ABSENT = frozenset({"", "NA"})
# ICEWS sectors that make a generic actor ("Police (India)") part of a government.
_GOVERNMENT_SECTORS = frozenset({
    "Government", "Executive", "Executive Office", "Cabinet", "Legislative / Parliamentary",
    "Upper House", "Lower House", "Unicameral", "Judicial", "Military", "Police"})


def _icews_kind(name: str, sectors: list[str], country: str) -> str:
    if not sectors and name == country:
        return "place"
    if name.endswith(")") and " (" in name:
        if any(s in _GOVERNMENT_SECTORS or s.endswith("Ministry") for s in sectors):
            return "government"
        return "group"
    return "other"


def _icews_party(parties: _Keyed[PartyRecord], name: str, sectors: str, country: str) -> str:
    key = parties.keys.get(name)
    if key is None:
        key = parties.new_key(name, _key("party", name))
        listed = [s.strip() for s in sectors.split(",") if s.strip()]
        parties.records.append(PartyRecord(
            key, name, kind=_icews_kind(name, listed, country),
            attributes=_present(("Sectors", ", ".join(listed)), ("Country", country))))
    return key


def parse_icews(text: str, *, source: str = "<text>") -> Story:
    """ICEWS events (the Dataverse .tab files): columns found by their header names, in any
    order and any case; "NA" and "" are absent values."""
    rows = _lines(text)
    header_line, header_text = next(rows, (1, ""))
    names = [h.strip() for h in header_text.lstrip("\ufeff").split("\t")]
    header = [h.lower() for h in names]
    width = len(header)
    # An absent optional column reads the "" appended to every row (index `width`).
    column = {name: header.index(name.lower()) if name.lower() in header else width
              for name in ICEWS_REQUIRED + ICEWS_OPTIONAL}
    missing = [name for name in ICEWS_REQUIRED if column[name] == width]
    if missing:
        raise FormatError(source, [
            f"line {header_line}: no column {', '.join(map(repr, missing))}: an ICEWS file "
            "starts with a header row of tab-separated column names "
            f"({', '.join(ICEWS_REQUIRED)}, …)"])
    (c_id, c_date, c_source, c_text, c_target, c_source_sectors, c_source_country, c_cameo,
     c_intensity, c_target_sectors, c_target_country, c_story, c_sentence, c_publisher, c_city,
     c_district, c_province, c_country, c_lat, c_long) = (
        column[name] for name in ICEWS_REQUIRED + ICEWS_OPTIONAL)

    problems: list[str] = []
    suspect = text_problem(text) is not None  # (one fast look at the whole file first)
    days: dict[str, DateSpan] = {}
    shared: dict[tuple[str, str], tuple[str, str]] = {}
    lines_of: dict[tuple[str, str], int] = {}  # (Event ID, date) -> line, to name repeats
    event_keys: set[str] = set()
    parties: _Keyed[PartyRecord] = _Keyed()
    stories: _Keyed[SourceRecord] = _Keyed()
    events: list[EventRecord] = []
    for number, line in rows:
        fields = line.split("\t")
        if len(fields) != width:
            problems.append(f"line {number}: has {len(fields)} fields; the header has {width}")
            continue
        if suspect and (bad := first_not_text(fields)) is not None:
            problems.append(f"line {number}: {names[bad[0]] or f'field {bad[0] + 1}'}: {bad[1]}")
            continue
        row = ["" if v in _ABSENT else v for v in map(str.strip, fields)]
        row.append("")
        event_id = row[c_id]
        key = f"icews:{key_part(event_id, 150)}"
        if key == "icews:":
            problems.append(f"line {number}: Event ID {event_id!r} has no letter or digit"
                            if event_id else f"line {number}: no Event ID")
            continue
        date = row[c_date]
        if (event_id, date) in lines_of:
            problems.append(f"line {number}: Event ID {event_id!r} is also on line "
                            f"{lines_of[event_id, date]}")
            continue
        try:
            when = _day(date, days)
        except DateError as error:
            problems.append(f"line {number}: Event Date: {error}")
            continue
        lines_of[event_id, date] = number
        # An Event ID is unique only with its Event Date: ICEWS reuses some ids on other days
        # (145,312 of them in 1995-2018). The first row keeps the plain key.
        key = unique_key(key if key not in event_keys else f"{key}-{date}", event_keys)

        roles: list[RoleRecord] = []
        source_name, target_name = row[c_source], row[c_target]
        if source_name:
            roles.append(RoleRecord(_icews_party(
                parties, source_name, row[c_source_sectors], row[c_source_country]), "source"))
        if target_name:
            roles.append(RoleRecord(_icews_party(
                parties, target_name, row[c_target_sectors], row[c_target_country]), "target"))
        citations: tuple[CitationRecord, ...] = ()
        story_id = row[c_story]
        if story_id:
            story_key = stories.keys.get(story_id)
            if story_key is None:
                story_key = stories.new_key(story_id, _key("story", story_id))
                publisher = row[c_publisher]
                stories.records.append(SourceRecord(
                    story_key, f"{publisher or 'ICEWS'} story {story_id}", publisher=publisher))
            citations = (CitationRecord(story_key),)
        cameo, event_text = row[c_cameo], row[c_text]
        place = ", ".join(p for p in (row[c_city], row[c_district], row[c_province],
                                      row[c_country]) if p)
        events.append(EventRecord(
            key=key, title=_title(source_name, event_text or _action(cameo), target_name),
            when=when, parties=tuple(roles), citations=citations,
            attributes=_present(("CAMEO code", cameo), ("Event type", event_text),
                                ("Intensity", row[c_intensity]), ("Place", place),
                                ("Latitude", row[c_lat]), ("Longitude", row[c_long]),
                                ("ICEWS event id", event_id), ("Sentence", row[c_sentence]),
                                shared=shared)))
    return story_or_refusal(source, Story(parties=tuple(parties.records),
                                          sources=tuple(stories.records), events=tuple(events)),
                            problems)


# --- GDELT ---------------------------------------------------------------------------------------

# GDELT 1.0 daily export columns (58), as named in the GDELT 1.0 codebook. Files from before
# April 2013 have the first 57 (no SOURCEURL); GDELT 2.0 (61) adds an ADM2Code after each
# ADM1Code (its codebook calls SQLDATE "Day"; the positions are the same).
GDELT_1_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
GDELT_2_COLUMNS = tuple(name for column in GDELT_1_COLUMNS for name in (
    (column, column.replace("ADM1", "ADM2")) if column.endswith("_ADM1Code") else (column,)))
GDELT_LAYOUTS = {57: GDELT_1_COLUMNS[:-1], 58: GDELT_1_COLUMNS, 61: GDELT_2_COLUMNS}
_GDELT_HEADER = frozenset({"actor1name", "actor2name", "eventcode", "eventrootcode"})
_GDELT_GOVERNMENT_TYPES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_GDELT_ORGANISATION_TYPES = frozenset({"IGO", "NGO", "MNC"})


@dataclass(frozen=True, slots=True)
class _Actor:
    """Where one actor's fields are in a row of one layout."""

    code: int
    name: int
    country: int
    known_group: int
    types: tuple[int, int, int]

    @classmethod
    def of(cls, at: dict[str, int], n: int) -> _Actor:
        return cls(at[f"Actor{n}Code"], at[f"Actor{n}Name"], at[f"Actor{n}CountryCode"],
                   at[f"Actor{n}KnownGroupCode"],
                   (at[f"Actor{n}Type1Code"], at[f"Actor{n}Type2Code"], at[f"Actor{n}Type3Code"]))


def _gdelt_party(parties: _Keyed[PartyRecord], row: list[str], actor: _Actor) -> str | None:
    code = row[actor.code]
    name = row[actor.name] or code
    if not name:
        return None
    key = parties.keys.get(name)
    if key is None:
        key = parties.new_key(name, _key("party", name))
        country, known_group = row[actor.country], row[actor.known_group]
        types = [row[i] for i in actor.types if row[i]]
        if code and code == country:
            kind = "place"
        elif known_group or _GDELT_ORGANISATION_TYPES.intersection(types):
            kind = "organisation"
        elif _GDELT_GOVERNMENT_TYPES.intersection(types):
            kind = "government"
        else:
            kind = "group" if types else "other"
        parties.records.append(PartyRecord(key, name, kind=kind, attributes=_present(
            ("Country code", country), ("Type code", ", ".join(types)),
            ("Known group", known_group))))
    return key


def _stamp(text: str) -> str:
    """DATEADDED as ISO text: YYYYMMDD (1.0) or YYYYMMDDHHMMSS (2.0); anything else as it is."""
    if len(text) == 8 and text.isascii() and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if len(text) == 14 and text.isascii() and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}:{text[12:]}"
    return text


def _gdelt_source(urls: _Keyed[SourceRecord], url: str) -> str:
    key = urls.keys.get(url)
    if key is None:
        key = urls.new_key(url, "url:" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16])
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # "http://[::1": not a URL after all
            host = ""
        web = bool(host) and url.startswith(("http://", "https://"))
        # Old exports name a source without a URL ("BBC Monitoring"): only its title then.
        urls.records.append(SourceRecord(key, url, publisher=host.removeprefix("www."),
                                         url=url if web else ""))
    return key


def is_gdelt_header(cells: list[str]) -> bool:
    """Whether a row names GDELT's columns: exports have no header, but tools that save them
    again (pandas, BigQuery) write one, in whatever case and spelling of the other names."""
    return len(cells) in GDELT_LAYOUTS and _GDELT_HEADER <= {c.strip().lower() for c in cells}


def parse_gdelt(text: str, *, source: str = "<text>") -> Story:
    """GDELT event exports: 57 or 58 columns (1.0) or 61 (2.0), no header (one naming GDELT's
    columns is passed over); the first row decides which. Empty cells are absent values."""
    rows = _lines(text)
    first = next(rows, None)
    if first is not None and is_gdelt_header(first[1].split("\t")):
        first = next(rows, None)
    if first is None:
        raise FormatError(source, ["the file has no rows"])
    width = len(first[1].split("\t"))
    if width not in GDELT_LAYOUTS:
        raise FormatError(source, [
            f"line {first[0]}: has {width} tab-separated columns; a GDELT 1.0 file has 58 "
            "(57 before April 2013), a GDELT 2.0 file 61"])
    at = {name: i for i, name in enumerate(GDELT_LAYOUTS[width])}
    at.setdefault("SOURCEURL", width)  # 57 columns: read the "" appended to every row
    actor1, actor2 = _Actor.of(at, 1), _Actor.of(at, 2)
    (c_id, c_date, c_code, c_base, c_root, c_quad, c_goldstein, c_mentions, c_sources,
     c_articles, c_tone, c_place, c_lat, c_long, c_added, c_url) = (at[name] for name in (
         "GLOBALEVENTID", "SQLDATE", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
         "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
         "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL"))

    problems: list[str] = []
    suspect = text_problem(text) is not None  # (one fast look at the whole file first)
    days: dict[str, DateSpan] = {}
    shared: dict[tuple[str, str], tuple[str, str]] = {}
    lines_of: dict[str, int] = {}
    parties: _Keyed[PartyRecord] = _Keyed()
    urls: _Keyed[SourceRecord] = _Keyed()
    events: list[EventRecord] = []
    for number, line in itertools.chain([first], rows):
        fields = line.split("\t")
        if len(fields) != width:
            problems.append(f"line {number}: has {len(fields)} columns; this file's first row "
                            f"has {width} (GDELT 1.0 has 57 or 58 columns, GDELT 2.0 61)")
            continue
        if suspect and (bad := first_not_text(fields)) is not None:
            problems.append(f"line {number}: {GDELT_LAYOUTS[width][bad[0]]}: {bad[1]}")
            continue
        row = [v.strip() for v in fields]
        row.append("")
        event_id = row[c_id]
        if not _GDELT_ID.match(event_id):
            problems.append(f"line {number}: GLOBALEVENTID {event_id!r} is not a number")
            continue
        key = f"gdelt:{event_id[:150]}"
        if key in lines_of:
            problems.append(f"line {number}: GLOBALEVENTID {event_id} is also on line "
                            f"{lines_of[key]}")
            continue
        date = row[c_date]
        try:
            if not _GDELT_DAY.match(date):
                raise DateError(f"{date!r} is not a date of the form YYYYMMDD")
            when = _day(f"{date[:4]}-{date[4:6]}-{date[6:]}", days)
        except DateError as error:
            problems.append(f"line {number}: SQLDATE: {error}")
            continue
        lines_of[key] = number

        roles: list[RoleRecord] = []
        names: list[str] = []
        for actor, role in ((actor1, "source"), (actor2, "target")):
            party = _gdelt_party(parties, row, actor)
            names.append(row[actor.name] or row[actor.code])
            if party is not None:
                roles.append(RoleRecord(party, role))
        url = row[c_url]
        code = row[c_code]
        events.append(EventRecord(
            key=key, title=_title(names[0], _action(row[c_root] or code), names[1]), when=when,
            parties=tuple(roles),
            citations=(CitationRecord(_gdelt_source(urls, url)),) if url else (),
            attributes=_present(
                ("CAMEO code", code), ("Event type", CAMEO_ROOTS.get(row[c_root], "")),
                ("CAMEO base code", row[c_base]), ("CAMEO root code", row[c_root]),
                ("Source actor code", row[actor1.code]),
                ("Target actor code", row[actor2.code]),
                ("Quad class", row[c_quad]), ("Goldstein scale", row[c_goldstein]),
                ("Number of mentions", row[c_mentions]), ("Number of sources", row[c_sources]),
                ("Number of articles", row[c_articles]), ("Average tone", row[c_tone]),
                ("Place", row[c_place]), ("Latitude", row[c_lat]), ("Longitude", row[c_long]),
                ("GDELT event id", event_id), ("Date added", _stamp(row[c_added])),
                shared=shared)))
    return story_or_refusal(source, Story(parties=tuple(parties.records),
                                          sources=tuple(urls.records), events=tuple(events)),
                            problems)


__all__ = ["CAMEO_ROOTS", "GDELT_1_COLUMNS", "GDELT_2_COLUMNS", "ICEWS_OPTIONAL",
           "ICEWS_REQUIRED", "is_gdelt_header", "parse_gdelt", "parse_icews"]
