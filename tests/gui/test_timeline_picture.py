"""The picture holds what the store holds: `screenshot --layout` on the sample story, alone and
beside the ICEWS sample, at an hour, a week and everything, at small and large sizes. Each test
here failed before the per-lane layout (lanes went empty inside a day, one dense day blanked
the story, lanes dropped rows without saying so)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gui.app import render_screenshot
from models.dates import parse_edtf
from models.formats import read_story
from models.store import Store

ROOT = Path(__file__).resolve().parents[2]
ICEWS = ROOT.parent / "shared" / "data" / "icews" / "andybega_icews__events.2018.sample.tab"
SAMPLE_EVENTS = 10


def picture(store: Store, tmp_path: Path, span: str | None = None,
            size: tuple[int, int] = (1600, 1000)) -> dict:
    out = tmp_path / "layout.json"
    render_screenshot(store, tmp_path / "shot.png", size=size,
                      span=parse_edtf(span) if span else None, layout=out)
    assert (tmp_path / "shot.png").stat().st_size > 0
    return json.loads(out.read_text(encoding="utf-8"))


def lane(found: dict, name: str) -> dict:
    return next(ln for ln in found["lanes"] if ln["name"] == name)


def test_inside_a_day_the_lanes_hold_that_days_events_and_the_ongoing_ones(
        qtbot, store: Store, tmp_path: Path) -> None:
    found = picture(store, tmp_path, "2023-08-25T10:00:00/2023-08-25T16:00:00")
    assert found["span"][0] == "2023-08-25T10:00:00"
    huawei = lane(found, "Huawei")
    assert "cross-licence-renewal-2023" in huawei["events"]
    assert "us-sanctions" in huawei["events"]  # 2019/.. runs through the whole view
    assert "cross-licence-renewal-2023" in lane(found, "Ericsson")["events"]
    assert lane(found, "Alan Fan")["events"]
    week = picture(store, tmp_path, "2023-08-21/2023-08-27")
    assert "us-sanctions" in lane(week, "Huawei")["events"]


@pytest.mark.parametrize("size", [(1024, 640), (1600, 1000), (2560, 1440)])
def test_at_every_size_each_lane_accounts_for_all_its_events(qtbot, store: Store,
                                                              tmp_path: Path, size) -> None:
    found = picture(store, tmp_path, size=size)
    huawei = lane(found, "Huawei")
    shown = len(huawei["events"]) + huawei["more"] + sum(c["count"] for c in huawei["density"])
    assert shown == len(store.events_of(store.key_of("parties", "huawei") or 0))
    everything = {key for ln in found["lanes"] for key in ln["events"]}
    counted = sum(ln["more"] + sum(c["count"] for c in ln["density"]) for ln in found["lanes"])
    assert len(everything) + counted >= SAMPLE_EVENTS
    names = [ln["name"] for ln in found["lanes"]]
    assert len(names) == len(set(names))


@pytest.mark.skipif(not ICEWS.is_file(), reason="../shared/data is absent")
def test_one_dense_day_does_not_hide_the_story(qtbot, store: Store, tmp_path: Path) -> None:
    sample_keys = set(store.keys_of("events", list(range(1, SAMPLE_EVENTS + 1))).values())
    assert len(sample_keys) == SAMPLE_EVENTS
    store.add_stories([read_story(ICEWS).story])
    for span in (None, "2016/2024", "2019/2024"):
        found = picture(store, tmp_path, span)
        drawn = {key for ln in found["lanes"] for key in ln["events"]}
        expected = sample_keys if span != "2019/2024" else sample_keys - {
            "huawei-targets-top-spot", "cross-licence-2016"}  # (2016)
        missing = expected - drawn
        assert not missing, (span, missing)
        cells = [c for ln in found["lanes"] for c in ln["density"]]
        if span != "2019/2024":  # June 2018 shows as counted cells, beside the story
            assert sum(c["count"] for c in cells) > 3000
            assert all(c["start"] <= "2018-06-01" and c["end"] >= "2018-06-03" for c in cells)
