"""The synthetic store generator: deterministic, shaped like real data, written through the
normal import path."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from main import main
from models.generate import ROLES, generate, generate_stories
from models.interchange import dump_native
from models.store import Store


def test_same_seed_same_export_other_seed_other_store(tmp_path: Path) -> None:
    exports = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        path = tmp_path / f"{name}.db"
        generate(path, 2_500, 300, seed=seed)
        with Store.open(path) as store:
            exports.append(dump_native(store.story()))
    assert exports[0] == exports[1]
    assert exports[0] != exports[2]


def test_shape_of_a_generated_story() -> None:
    chunks = list(generate_stories(20_000, 2_000, seed=1))
    assert len(chunks) == 2 and all(len(c.events) == 10_000 for c in chunks)
    first = chunks[0]
    assert len(first.parties) == 2_000 and len(first.categories) == 12 and first.eras
    assert 0.1 < sum(bool(p.aliases) for p in first.parties) / 2_000 < 0.3
    events = [e for c in chunks for e in c.events]
    points = sum(not e.when.is_range for e in events) / len(events)
    ongoing = sum(e.when.open_end for e in events) / len(events)
    assert 0.65 < points < 0.75 and 0.001 < ongoing < 0.02
    assert all(1 <= len(e.parties) <= 4 for e in events)
    assert all(r.role in ROLES for e in events for r in e.parties)
    assert any(e.when.start.year < 0 for e in events)
    assert sum(1900 <= e.when.start.year <= 2025 for e in events) / len(events) > 0.9
    assert {e.when.start.precision for e in events} == {*range(4)}
    assert any(e.when.fuzzy_start for e in events) and any(e.citations for e in events)
    # Skewed: the busiest party is in far more events than the median one.
    per_party = Counter(r.party for e in events for r in e.parties)
    busiest = per_party.most_common(1)[0][1]
    median = sorted(per_party.values())[len(per_party) // 2]
    assert busiest > 50 * median


def test_small_store_is_fast_and_complete(tmp_path: Path) -> None:
    path = tmp_path / "small.db"
    started = time.perf_counter()
    generate(path, 5_000, 500, seed=3)
    assert time.perf_counter() - started < 10
    with Store.open(path) as store:
        info = store.info()
        assert (info.events, info.parties) == (5_000, 500)
        assert info.sources > 0 and info.citations > 0 and info.categories == 12
        assert store.search("party", limit=1) is not None
        extent = store.extent()
        assert extent is not None
        assert sum(store.density(extent[0], extent[1] + 1, 50)) == 5_000


def test_cli_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gen.db"
    assert main(["generate", str(out), "--events", "200", "--parties", "20"]) == 0
    before = out.read_bytes()
    assert main(["generate", str(out), "--events", "10", "--parties", "5"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before
