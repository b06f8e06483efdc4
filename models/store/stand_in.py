"""What the writer does in place of the triggers while it writes (see _STOOD_IN_FOR): the
full-text indexes kept a part at a time, and the counts kept once before the commit, set-based."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from models.store.schema import (
    _CATEGORY_LANE,
    _PARTY_LANE,
    COUNT_BASE,
    COUNT_FANOUT,
    COUNT_LEVELS,
    COUNT_WIDTHS,
    LANE_COUNT_FROM,
    LANE_COUNT_LEVELS,
    _floor_div,
)

# The triggers (schema.py, search.py) that keep full-text indexes, counts and events.lanes
# current, which the writer stands in for while it writes: they are dropped when its
# transaction begins and made again from their own text before it commits, so every other
# write (a plain UPDATE, INSERT or DELETE) keeps using them. Row by row they cost most of an
# import (FTS5 flushes its pending terms at each row's statement; a party's row rewrites its
# event's); the writer keeps the same tables current a part at a time, set-based, instead.
# Any other trigger on these tables is left in place and fires as usual.
_STOOD_IN_FOR = frozenset({
    "events_ai", "events_ad", "events_au", "events_counts_ai", "events_counts_ad",
    "events_counts_au", "events_participations_au", "events_lane_counts_ai",
    "events_lane_counts_ad", "events_lane_counts_au_old", "events_lane_counts_au_new",
    "parties_ai", "parties_ad", "parties_au", "aliases_ai", "aliases_ad", "aliases_au",
    "participations_counts_ai", "participations_counts_ad", "participations_counts_au_old",
    "participations_counts_au_new", "participations_earliest_ai", "participations_lanes_i",
    "participations_lanes_d", "participations_lanes_u", "participations_lane_counts_ai",
    "participations_lane_counts_ad", "participations_lane_counts_au",
    # store version 8 on (notes are few: their triggers fire as usual)
    "citations_ai", "citations_ad", "citations_au", "sources_ai", "sources_ad", "sources_au"})

# What those triggers do, set-based. The full-text indexes are kept a part at a time (`:ids`
# a JSON array of row ids, in order): rows out with FTS5's 'delete' before they are rewritten,
# in once written. The counts are kept once, before the transaction commits: each event the
# writer touched counts as it is then, less what it counted for before the transaction
# (_TOUCHED, _BEFORE and _PAIRS_BEFORE, filled as it writes). The changes are summed by
# category and day, and by party and 8 days (LANE_COUNT_FROM), and every count is added up
# from those. Written rows carry their events.lanes and participations.earliest already (the
# writer computes them), so nothing is needed there.
_IDS = "json_each(:ids) AS j"
_TOUCHED = "temp.writer_touched"
_BEFORE = "temp.writer_before"
_PAIRS_BEFORE = "temp.writer_pairs_before"
_EVENT_CHANGES = "temp.writer_event_changes"
_PAIR_CHANGES = "temp.writer_pair_changes"
_DELTA = "temp.writer_delta"
_WRITER_TABLES = {
    _TOUCHED: "id INTEGER PRIMARY KEY",  # every event written
    # events rewritten and their (event, party) pairs, as they were before the transaction
    _BEFORE: "id INTEGER PRIMARY KEY, earliest INTEGER, category_id INTEGER",
    _PAIRS_BEFORE: "event_id INTEGER, party_id INTEGER, earliest INTEGER",
    _EVENT_CHANGES: "category_id INTEGER, day INTEGER, n INTEGER",
    _PAIR_CHANGES: "party_id INTEGER, bucket INTEGER, n INTEGER",  # bucket: NULL, no start
    _DELTA: "mode INTEGER, lane INTEGER, level INTEGER, bucket INTEGER, n INTEGER",
}
_NO_LANE = -1  # event_counts' rows in _DELTA


def _fts_sql(table: str, columns: Sequence[str], sign: int) -> str:
    """Rows in (sign 1) or out (-1) of `table`_fts."""
    fts = f"{table}_fts"  # table, columns: fixed names
    values = ", ".join(f"t.{c}" for c in columns)
    if sign > 0:
        return (f"INSERT INTO {fts} (rowid, {', '.join(columns)}) SELECT t.id, {values} "
                f"FROM {_IDS} JOIN {table} t ON t.id = j.value")
    return (f"INSERT INTO {fts} ({fts}, rowid, {', '.join(columns)}) SELECT 'delete', t.id, "
            f"{values} FROM {_IDS} JOIN {table} t ON t.id = j.value")


def _owned_out(table: str, owner: str) -> str:
    """The rows of `table` that the records :ids own."""
    return f"DELETE FROM {table} WHERE {owner} IN (SELECT value FROM {_IDS})"  # fixed names


_EVENTS_FTS = ("events", ("title", "description"))
_PARTIES_FTS = ("parties", ("name", "description"))
_ALIASES_FTS = ("aliases", ("name",))
_CITATIONS_FTS = ("citations", ("quote",))
_SOURCES_FTS = ("sources", ("title", "publisher", "text"))

# A party counts an event once, however many roles it has in it.
_PAIRS = ("SELECT pa.event_id, pa.party_id, min(pa.earliest) AS earliest FROM {ids} "
          "JOIN participations pa ON pa.event_id = {id} {where} GROUP BY pa.event_id, pa.party_id")
# Before events are rewritten: their pairs and values, the first time only (`:first` is the
# first row id of the transaction: an event added by it counted for nothing before).
_KEEP_BEFORE = (
    f"INSERT INTO {_PAIRS_BEFORE} " + _PAIRS.format(
        ids=_IDS, id="j.value", where=f"WHERE j.value < :first AND NOT EXISTS "
        f"(SELECT 1 FROM {_BEFORE} b WHERE b.id = j.value)"),
    f"INSERT OR IGNORE INTO {_BEFORE} SELECT e.id, e.earliest, e.category_id "
    f"FROM {_IDS} JOIN events e ON e.id = j.value WHERE j.value < :first",
)


def _count_sql(*, events: bool, pairs: bool, lanes: bool) -> list[str]:
    """What the counting triggers would have done, for the events written (see above)."""
    now_events = (f"SELECT e.category_id, e.earliest, 1 AS s FROM {_TOUCHED} t "
                  "JOIN events e USING (id)")
    before_events = f"SELECT category_id, earliest, -1 AS s FROM {_BEFORE}"
    day = _floor_div("earliest", str(COUNT_BASE))
    sql = [f"DELETE FROM {_DELTA}"]
    if events:
        sql.append(f"INSERT INTO {_EVENT_CHANGES} SELECT category_id, {day} AS day, sum(s) "
                   f"FROM ({now_events} UNION ALL {before_events}) "
                   "GROUP BY category_id, day HAVING sum(s) != 0")
        sql.append(f"INSERT INTO {_DELTA} SELECT {_NO_LANE}, NULL, 0, day, sum(n) "
                   f"FROM {_EVENT_CHANGES} GROUP BY day")
        sql += _rolled_up(range(COUNT_LEVELS), f"mode = {_NO_LANE}")
    if pairs:
        width = str(COUNT_WIDTHS[LANE_COUNT_FROM])
        now_pairs = _PAIRS.format(ids=_TOUCHED + " t", id="t.id", where="")
        sql.append(f"INSERT INTO {_PAIR_CHANGES} SELECT party_id, {_floor_div('earliest', width)} "
                   f"AS b, sum(s) FROM (SELECT party_id, earliest, 1 AS s FROM ({now_pairs}) "
                   f"UNION ALL SELECT party_id, earliest, -1 AS s FROM {_PAIRS_BEFORE}) "
                   "GROUP BY party_id, b HAVING sum(s) != 0")
        sql.append("INSERT INTO party_counts (party_id, events) SELECT party_id, sum(n) "
                   f"FROM {_PAIR_CHANGES} WHERE true GROUP BY party_id HAVING sum(n) != 0 "
                   "ON CONFLICT (party_id) DO UPDATE SET events = events + excluded.events")
    if lanes:
        fanout = str(COUNT_FANOUT ** LANE_COUNT_FROM)
        sql.append(f"INSERT INTO {_DELTA} SELECT {_CATEGORY_LANE}, category_id, "
                   f"{LANE_COUNT_FROM}, {_floor_div('day', fanout)} AS b, sum(n) "
                   f"FROM {_EVENT_CHANGES} WHERE category_id IS NOT NULL "
                   "GROUP BY category_id, b")
        sql.append(f"INSERT INTO {_DELTA} SELECT {_PARTY_LANE}, party_id, {LANE_COUNT_FROM}, "
                   f"bucket, n FROM {_PAIR_CHANGES} WHERE bucket IS NOT NULL")
        sql += _rolled_up(LANE_COUNT_LEVELS, f"mode != {_NO_LANE}")
    if events:
        sql += ["INSERT INTO event_counts (level, bucket, n) SELECT level, bucket, n "
                f"FROM {_DELTA} WHERE mode = {_NO_LANE} AND n != 0 ORDER BY level, bucket "
                "ON CONFLICT (level, bucket) DO UPDATE SET n = n + excluded.n",
                "DELETE FROM event_counts WHERE n <= 0 AND (level, bucket) IN "
                f"(SELECT level, bucket FROM {_DELTA} WHERE mode = {_NO_LANE} AND n < 0)"]
    if lanes:
        sql += ["INSERT INTO lane_counts (mode, lane, level, bucket, n) "
                f"SELECT mode, lane, level, bucket, n FROM {_DELTA} "
                f"WHERE mode != {_NO_LANE} AND n != 0 ORDER BY mode, lane, level, bucket "
                "ON CONFLICT (mode, lane, level, bucket) DO UPDATE SET n = n + excluded.n",
                "DELETE FROM lane_counts WHERE n <= 0 AND (mode, lane, level, bucket) IN "
                f"(SELECT mode, lane, level, bucket FROM {_DELTA} "
                f"WHERE mode != {_NO_LANE} AND n < 0)"]
    return sql


def _rolled_up(levels: Sequence[int], modes: str) -> list[str]:
    """SQL adding to _DELTA each level of `levels` summed from the one before it."""
    return [f"INSERT INTO {_DELTA} SELECT mode, lane, {level}, "
            f"{_floor_div('bucket', str(COUNT_FANOUT ** (level - below)))} AS b, sum(n) "
            f"FROM {_DELTA} WHERE level = {below} AND {modes} GROUP BY mode, lane, b"
            for below, level in itertools.pairwise(levels)]
