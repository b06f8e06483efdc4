"""The machine-readable picture against brute force: random small stores (ranges, open ranges,
minute/day/month/year precision, uncertain and approximate dates, BCE), random spans from
minutes to millennia and sizes from 1024x640 to 2560x1440, through the real view and
`describe` (what `screenshot --layout` writes). Every event overlapping the span that belongs
to a shown lane is in that lane's events, or counted in its "more" or a density cell, once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gui.timeline import TimelineView
from models.dates import parse_edtf
from models.domain import LaneMode
from models.store import Store
from models.story import EventRecord, PartyRecord, RoleRecord, Story
from models.timeline.picture import describe

YEARS = (-800, 1066, 2016, 2019, 2020, 2023)
DATES = st.one_of(
    st.builds(lambda y: f"{y:04d}" if y >= 0 else f"-{-y:04d}", st.sampled_from(YEARS)),
    st.builds(lambda y, m, q: f"{y}-{m:02d}{q}", st.sampled_from(YEARS[2:]), st.integers(1, 12),
              st.sampled_from(["", "~", "?"])),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.sampled_from(YEARS[2:]),
              st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda d, h, mi: f"2023-08-{d:02d}T{h:02d}:{mi:02d}", st.integers(24, 26),
              st.integers(0, 23), st.integers(0, 59)),
    st.builds(lambda y, z: f"{y}/{y + z}", st.sampled_from(YEARS[2:]), st.integers(0, 3)),
    st.builds(lambda y: f"{y}/..", st.sampled_from(YEARS[2:])),
)
SPANS = ["2023-08-25T10:00/2023-08-25T10:30", "2023-08-25T10:00/2023-08-25T16:00",
         "2023-08-21/2023-08-27", "2023-08/2023-09", "2019/2024", "2016/2024", "1000/2100",
         "-1000/2100"]


@st.composite
def stories(draw: st.DrawFn) -> Story:
    parties = tuple(PartyRecord(f"p{i}", f"Party {i}") for i in range(draw(st.integers(1, 6))))
    events = []
    for i in range(draw(st.integers(0, 60))):
        mine = draw(st.lists(st.sampled_from(parties), max_size=3, unique=True))
        events.append(EventRecord(f"e{i}", f"Event {i} " + "x" * draw(st.integers(0, 30)),
                                  parse_edtf(draw(DATES)),
                                  parties=tuple(RoleRecord(p.key, "actor") for p in mine)))
    return Story("random", parties=parties, events=tuple(events))


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stories(), st.sampled_from(SPANS), st.sampled_from([(1024, 640), (1600, 1000),
                                                           (2560, 1440)]))
def test_the_picture_accounts_for_every_event_once(qtbot, story: Story, span_text: str,
                                                   size: tuple[int, int]) -> None:
    with Store.memory() as store:
        store.add_stories([story])
        view = TimelineView(store)
        qtbot.addWidget(view)
        view.resize(size[0], size[1] - 160)  # the timeline's part of the window
        span = parse_edtf(span_text)
        view.go_to(span.earliest, span.latest)
        layout = view.current_layout()
        start, end = view.visible_span()
        found = describe(layout, span=(start, end), size=size, mode=LaneMode.PARTY,
                         keys_of=store.keys_of)
        view.stop_fetching()
        view.close()
    in_view = [e for e in story.events if e.when.earliest <= end and e.when.latest >= start]
    shown = {lane["id"].removeprefix("party:") for lane in found["lanes"]} - {"other"}
    for lane in found["lanes"]:
        if lane["id"] == "other":
            belongs = {e.key for e in in_view if not shown & {r.party for r in e.parties}}
        else:
            key = lane["id"].removeprefix("party:")
            belongs = {e.key for e in in_view if key in {r.party for r in e.parties}}
        assert len(lane["events"]) == len(set(lane["events"]))
        assert set(lane["events"]) <= belongs
        counted = lane["more"] + sum(cell["count"] for cell in lane["density"])
        assert len(lane["events"]) + counted == len(belongs), lane["name"]
    for event in in_view:  # every event in view has a lane: its own, or "Other"
        keys = {r.party for r in event.parties}
        assert keys & shown or any(lane["id"] == "other" for lane in found["lanes"]), event.key
